package data

import ()

// Project field keys used by rules, the UI and demo data.
const (
	PrjName        = "name"
	PrjLevel       = "level"
	PrjDept        = "dept"
	PrjContractor  = "contractor"
	PrjQualType    = "qual_type"
	PrjQualGrade   = "qual_grade"
	PrjQualExpires = "qual_expires"
	PrjAgreement   = "agreement"
	PrjStart       = "start"
	PrjEnd         = "end"
	PrjStatus      = "status"
	PrjAccepted    = "accepted"
)

// 项目状态 values with rules attached.
const (
	ProjectBidding   = "招标中"
	ProjectRunning   = "实施中"
	ProjectAccepted  = "已验收"
	ProjectCancelled = "已终止"
)

// ProjectStatuses are the 项目状态 in their order.
var ProjectStatuses = []string{ProjectBidding, ProjectRunning, ProjectAccepted, ProjectCancelled}

// SecretLevels are the 密级 of projects and systems, highest first.
var SecretLevels = []string{"绝密", "机密", "秘密"}

// The 乙级/绝密 rule's texts: the warning on save and the row's mark once
// the clerk has confirmed it is recorded for the file.
const (
	warnGradeB = "乙级保密资质单位不得承接绝密级项目"
	markGradeB = "乙级资质承接绝密项目（已确认记录在案）"
)

// ackField is the hidden field a register with Warn stores the clerk's
// confirmation in.
var ackField = Field{Key: KeyAck, Label: "确认记录在案", Kind: KindText, Hidden: true, Width: 12}

// Projects is the 涉密项目 register (domain.md §2): classified projects,
// procurement and outsourcing, with the contractor's 保密资质.
var Projects = &Register{
	Key:      "projects",
	Name:     "涉密项目",
	Icon:     "folder",
	TitleKey: PrjName,
	Fields: []Field{
		{Key: PrjName, Label: "项目名称", Kind: KindText, Required: true, Width: 26},
		{Key: "number", Label: "项目编号/合同编号", Aliases: []string{"项目编号", "合同编号", "编号"}, Kind: KindText, Width: 14},
		{Key: PrjLevel, Label: "密级", Kind: KindChoice, Choices: SecretLevels, Required: true, Filter: true, Width: 6},
		{Key: "category", Label: "类别", Kind: KindChoice, Choices: []string{"货物", "工程", "服务"}, Required: true, Filter: true, Width: 6},
		{Key: "method", Label: "采购方式", Kind: KindChoice, Choices: []string{"邀请招标", "竞争性谈判", "单一来源", "询价", "其他"}, Width: 10},
		{Key: PrjDept, Label: "负责部门", Aliases: []string{"部门", "承办部门", "责任部门"}, Kind: KindChoice, Source: ChoiceDepartments, Required: true, Filter: true, Width: 11},
		{Key: "manager", Label: "负责人", Kind: KindText, Width: 8},
		{Key: PrjContractor, Label: "承接单位", Aliases: []string{"承担单位", "供应商", "中标单位"}, Kind: KindText, Width: 22},
		{Key: PrjQualType, Label: "保密资质类别", Kind: KindChoice, Choices: []string{"涉密信息系统集成", "涉密印制", "武器装备科研生产", "其他"}, Filter: true, Width: 14},
		{Key: PrjQualGrade, Label: "资质等级", Kind: KindChoice, Choices: []string{"甲级", "乙级", "一级", "二级"}, Filter: true, Width: 6},
		{Key: "qual_no", Label: "资质证书编号", Kind: KindText, Width: 14},
		{Key: PrjQualExpires, Label: "资质有效期至", Kind: KindDate, Width: 11},
		{Key: "qual_checked", Label: "资质核验日期", Kind: KindDate, Width: 11},
		{Key: PrjAgreement, Label: "保密协议签订日期", Kind: KindDate, Width: 11},
		{Key: PrjStart, Label: "开始日期", Kind: KindDate, Width: 11},
		{Key: PrjEnd, Label: "结束日期", Kind: KindDate, Width: 11},
		{Key: PrjStatus, Label: "项目状态", Kind: KindChoice, Choices: ProjectStatuses, Required: true, Filter: true, Width: 8},
		{Key: "term", Label: "保密期限", Kind: KindText, Optional: true, Width: 10},
		{Key: "scope", Label: "知悉范围", Kind: KindText, Optional: true, Long: true, Width: 16},
		{Key: PrjAccepted, Label: "验收日期", Kind: KindDate, Optional: true, Width: 11},
		{Key: "carriers", Label: "涉密载体清退情况", Kind: KindText, Optional: true, Long: true, Width: 16},
		{Key: "note", Label: "备注", Kind: KindText, Long: true, Width: 14},
		ackField,
		MarksField,
	},
	Check:  checkProject,
	Warn:   warnProject,
	Derive: deriveProjects,
	Stats:  projectStats,

	// The natural key: one record per value, matched on import.
	NaturalKey: []string{"number"},
}

func checkProject(r *Record, env Env) FieldErrors {
	fe := FieldErrors{}
	if s := r.Get(PrjStatus); (s == ProjectRunning || s == ProjectAccepted) && r.Get(PrjContractor) == "" {
		fe[PrjContractor] = s + "的项目应填写承接单位"
	}
	notBefore(fe, r, PrjEnd, PrjStart, "结束日期不能早于开始日期")
	notBefore(fe, r, PrjAccepted, PrjStart, "验收日期不能早于开始日期")
	return fe
}

func warnProject(r *Record, env Env) []string {
	if r.Get(PrjQualGrade) == "乙级" && r.Get(PrjLevel) == "绝密" {
		return []string{warnGradeB}
	}
	return nil
}

// deriveProjects marks a 乙级 contractor on a 绝密 project (always: it is
// on file, no reminder) and, on projects still open (not 已验收 or
// 已终止), a contractor's 保密资质 expiring within the window or expired;
// otherwise a 资质 that runs out before the project ends, dated when it
// does; and a project in 实施中 without 保密协议, due since it started.
func deriveProjects(recs []*Record, _ Snapshot, env Env) {
	c := newDueCheck(env)
	for _, r := range recs {
		var m markSet
		if len(warnProject(r, env)) > 0 {
			m.add(markGradeB)
		}
		if status := r.Get(PrjStatus); status != ProjectAccepted && status != ProjectCancelled {
			exp := r.Get(PrjQualExpires)
			if d, ok := c.within(exp); ok {
				what := "承接单位保密资质到期（"
				if u := r.Get(PrjContractor); u != "" {
					what += u + "，"
				}
				m.due(d, what+exp+"）")
			} else if d := StoredDate(exp); !d.IsZero() {
				if end := r.Get(PrjEnd); len(end) == len(DateLayout) && exp < end {
					m.due(d, "资质有效期早于项目结束日期（资质至"+exp+"，项目至"+end+"）")
				}
			}
			if status == ProjectRunning && r.Get(PrjAgreement) == "" {
				m.due(c.notAfterToday(r.Get(PrjStart)), "实施中未签订保密协议")
			}
		}
		m.set(r)
	}
}

// projectStats counts projects by 密级 and 项目状态; for a year, the
// projects whose 开始日期 falls in it.
func projectStats(recs []*Record, _ Snapshot, _ Env, year int) []StatTable {
	t := newCrossTab(statTitle("涉密项目", year, "开始", "按密级、项目状态"), "密级", SecretLevels, ProjectStatuses)
	for _, r := range recs {
		if inYear(r.Get(PrjStart), year) {
			t.add(r.Get(PrjLevel), r.Get(PrjStatus), 1)
		}
	}
	return []StatTable{t.table()}
}

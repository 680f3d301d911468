package data

import (
	"slices"
	"strings"
)

// Project field keys used by rules, the UI and demo data.
const (
	PrjName        = "name"
	PrjLevel       = "level"
	PrjDept        = "dept"
	PrjContractor  = "contractor"
	PrjQualType    = "qual_type"
	PrjQualGrade   = "qual_grade"
	PrjQualExpires = "qual_expires"
	PrjQualChecked = "qual_checked"
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

// 保密资质类别 values.
const (
	QualIntegration = "涉密信息系统集成"
	QualPrinting    = "涉密印制"
	QualWeapons     = "武器装备科研生产"
	QualOther       = "其他"
)

// QualGrades are the 等级 of each 保密资质类别 and the highest 密级 each may
// take on, highest grade first:
//   - 涉密信息系统集成: 甲级 绝密, 乙级 机密 (《涉密信息系统集成资质管理办法》
//     第七条: 甲级资质单位可以从事绝密级、机密级和秘密级涉密信息系统集成业务，乙级资质
//     单位可以从事机密级、秘密级涉密信息系统集成业务);
//   - 涉密印制 (国家秘密载体印制): 甲级 绝密, 乙级 机密 (《国家秘密载体印制资质管理
//     办法》第七条, the same division);
//   - 武器装备科研生产: 一级 绝密, 二级 机密, 三级 秘密 (《武器装备科研生产单位保密
//     资格认定办法》第五条: 一级保密资格单位可以承担绝密级科研生产任务，二级机密级，三级
//     秘密级).
var QualGrades = map[string][]struct{ Grade, MaxLevel string }{
	QualIntegration: {{"甲级", "绝密"}, {"乙级", "机密"}},
	QualPrinting:    {{"甲级", "绝密"}, {"乙级", "机密"}},
	QualWeapons:     {{"一级", "绝密"}, {"二级", "机密"}, {"三级", "秘密"}},
}

// qualMaxLevel is the highest 密级 a 资质等级 may take on, "" when the 等级
// is not known. The grades of the three 类别 have distinct names (甲级/乙级,
// 一级/二级/三级) and the same limit wherever a name recurs, so the 等级
// alone says it even when the 类别 was not entered.
func qualMaxLevel(grade string) string {
	for _, grades := range QualGrades {
		for _, g := range grades {
			if g.Grade == grade {
				return g.MaxLevel
			}
		}
	}
	return ""
}

// levelRank orders 密级: 绝密 3, 机密 2, 秘密 1, anything else 0.
func levelRank(level string) int {
	if i := slices.Index(SecretLevels, level); i >= 0 {
		return len(SecretLevels) - i
	}
	return 0
}

// gradeBreach is the warning for a contractor whose 资质等级 may not take on
// the project's 密级 ("" when it may): 乙级 on 绝密, 二级 on 绝密, 三级 on 机密.
func gradeBreach(r *Record) string {
	grade, level := r.Get(PrjQualGrade), r.Get(PrjLevel)
	max := qualMaxLevel(grade)
	if max == "" || levelRank(level) <= levelRank(max) {
		return ""
	}
	return grade + "保密资质单位不得承接" + level + "级项目（最高" + max + "级）"
}

// gradeBreachMark is the row's mark once the clerk has confirmed a
// gradeBreach is recorded for the file.
func gradeBreachMark(r *Record) string {
	return r.Get(PrjQualGrade) + "资质承接" + r.Get(PrjLevel) + "项目（已确认记录在案）"
}

// qualForWork is the 保密资质类别 a project's work needs, where its name
// tells: 印制 and 涉密档案数字化 need 涉密印制资质 (国家秘密载体印制资质 covers
// 涉密档案数字化加工), system building and upkeep 涉密信息系统集成资质. "" when
// the name does not tell.
func qualForWork(name string) string {
	for _, w := range []struct{ qual, words string }{
		{QualPrinting, "印制 印刷 档案数字化 数字化加工"},
		{QualIntegration, "系统集成 软件开发 运行维护 运维 数据恢复"},
	} {
		for _, word := range strings.Fields(w.words) {
			if strings.Contains(name, word) {
				return w.qual
			}
		}
	}
	return ""
}

// ackField is the hidden field a register with Warn stores the clerk's
// confirmation in.
var ackField = Field{Key: KeyAck, Label: "确认记录在案", Kind: KindText, Hidden: true, Width: 12}

// Projects is the 涉密项目 register (domain.md §2): classified projects,
// procurement and outsourcing, with the contractor's 保密资质.
var Projects = &Register{
	Key:  "projects",
	Name: "涉密项目",
	// Basis: where each rule comes from (帮助 → 规则与依据).
	Basis: []RuleBasis{
		{"涉密项目", "保密资质等级与项目密级（集成/印制 甲级 绝密、乙级 机密；武器装备 一级 绝密、二级 机密、三级 秘密）", "各类保密资质（资格）管理办法", "", "资质承接"},
		{"涉密项目", "保密资质类别与项目内容相符", "各类保密资质管理办法", "", "项目需"},
		{"涉密项目", "委托前核验承接单位保密资质", "实施条例第四十九条", "", "未核验承接单位保密资质"},
		{"涉密项目", "实施前签订保密协议", "实施条例第四十九条", "", "保密协议"},
		{"涉密项目", "承接单位保密资质有效期", practice, "设置 → 到期提醒提前天数", "资质"},
	},
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
		{Key: PrjQualType, Label: "保密资质类别", Kind: KindChoice, Choices: []string{QualIntegration, QualPrinting, QualWeapons, QualOther}, Filter: true, Width: 14},
		{Key: PrjQualGrade, Label: "资质等级", Kind: KindChoice, Choices: []string{"甲级", "乙级", "一级", "二级", "三级"}, Filter: true, Width: 6},
		{Key: "qual_no", Label: "资质证书编号", Kind: KindText, Width: 14},
		{Key: PrjQualExpires, Label: "资质有效期至", Kind: KindDate, Width: 11},
		{Key: PrjQualChecked, Label: "资质核验日期", Kind: KindDate, Width: 11},
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
	if grades, ok := QualGrades[r.Get(PrjQualType)]; ok && r.Get(PrjQualGrade) != "" &&
		!slices.ContainsFunc(grades, func(g struct{ Grade, MaxLevel string }) bool { return g.Grade == r.Get(PrjQualGrade) }) {
		names := make([]string, len(grades))
		for i, g := range grades {
			names[i] = g.Grade
		}
		fe[PrjQualGrade] = r.Get(PrjQualType) + "资质的等级为" + strings.Join(names, "、")
	}
	notBefore(fe, r, PrjEnd, PrjStart, "结束日期不能早于开始日期")
	notBefore(fe, r, PrjAccepted, PrjStart, "验收日期不能早于开始日期")
	return fe
}

// warnProject: a contractor whose 资质等级 may not take on the project's
// 密级 (QualGrades) may be recorded only once the clerk confirms the breach
// is on file.
func warnProject(r *Record, env Env) []string {
	if w := gradeBreach(r); w != "" {
		return []string{w}
	}
	return nil
}

// deriveProjects marks a contractor whose 资质等级 may not take on the
// project's 密级 and one whose 资质类别 is not the one the work needs
// (always: on file, no reminder) and, on projects still open (not 已验收 or
// 已终止), a contractor's 保密资质 expiring within the window or expired;
// otherwise a 资质 that runs out before the project ends, dated when it
// does; and a project in 实施中 without 保密协议 or without 资质核验, due
// since it started.
func deriveProjects(recs []*Record, _ Snapshot, env Env) {
	c := newDueCheck(env)
	for _, r := range recs {
		var m markSet
		if gradeBreach(r) != "" {
			m.add(gradeBreachMark(r))
		}
		if need, has := qualForWork(r.Get(PrjName)), r.Get(PrjQualType); need != "" && has != "" && need != has {
			m.add("项目需" + need + "资质，承接单位为" + has + "资质")
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
			// 实施条例第四十九条: the unit checks the contractor's 保密资质
			// before it entrusts the work.
			if status == ProjectRunning && r.Get(PrjQualChecked) == "" && r.Get(PrjQualType) != QualOther &&
				(r.Get(PrjQualType) != "" || r.Get(PrjQualGrade) != "") {
				m.due(c.notAfterToday(r.Get(PrjStart)), "实施中未核验承接单位保密资质")
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

package data

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Person field keys used by rules, the UI and demo data.
const (
	PsnName        = "name"
	PsnGender      = "gender"
	PsnBirth       = "birth"
	PsnIDNo        = "idno"
	PsnDept        = "dept"
	PsnLevel       = "level"
	PsnStatus      = "status"
	PsnReviewed    = "reviewed"
	PsnLeft        = "left"
	PsnDeclassFrom = "declass_from"
	PsnDeclassTo   = "declass_to"
	PsnLeaveReason = "leave_reason"
)

// The 离岗 steps of 实施条例第五十三条 (keys of their dates), in order:
// 提醒谈话, 离岗保密承诺书, 清退涉密载体, 取消涉密系统权限.
const (
	PsnLeaveTalk    = "leave_talk"
	PsnLeavePledge  = "leave_pledge"
	PsnLeaveCarrier = "leave_carriers"
	PsnLeaveAccess  = "leave_access"
)

// LeaveSteps are the 离岗 steps of 实施条例第五十三条 with their labels: each
// has its date, and a person 离岗 without one is marked.
var LeaveSteps = []struct{ Key, Label string }{
	{PsnLeaveTalk, "提醒谈话"},
	{PsnLeavePledge, "离岗保密承诺书"},
	{PsnLeaveCarrier, "清退涉密载体"},
	{PsnLeaveAccess, "取消涉密系统权限"},
}

// 出国(境)审批 field keys with rules (保守国家秘密法第四十五条, 实施条例第五十二条).
const (
	TripOut      = "out"
	TripBack     = "back"
	TripApproved = "approved"
	TripBriefed  = "briefed"
	TripReported = "reported"
	TripPassport = "passport"
)

// LeaveReasons are why a person leaves a 涉密岗位; each goes through 离岗
// and its 脱密期 (实施条例第五十三条).
var LeaveReasons = []string{"调离", "退休", "辞职", "解聘", "岗位调整", "其他"}

// 人员状态 values with rules attached.
const (
	StatusInPost    = "在岗"
	StatusDeclass   = "离岗脱密期"
	StatusDeclassed = "已脱密"
)

// PersonStatuses are the 人员状态, in the order the statistics count them.
// 调离 and 退休 are 离岗原因, not statuses: a person who leaves for any
// reason has a 脱密期 (format 2 files are migrated, migratePersons).
var PersonStatuses = []string{StatusInPost, StatusDeclass, StatusDeclassed}

// Levels are the 涉密等级 in order of weight.
var Levels = []string{"核心", "重要", "一般"}

// LimitTripReportDays is how soon after returning a person reports on a
// 出国(境): the law says only that it is reported (实施条例第五十二条), so the
// limit is the office's practice (实践做法), 0 = not checked.
const LimitTripReportDays = "trip.report_days"

var tripReportDays = Limit{Key: LimitTripReportDays, Label: "出国(境)回国报告时限（天，0 为不检查）", Default: 7}

// Personnel is the 涉密人员 register (domain.md §1).
var Personnel = &Register{
	Key:  KeyPersonnel,
	Name: "涉密人员",
	// Basis: where each rule comes from (帮助 → 规则与依据).
	Basis: []RuleBasis{
		{"涉密人员", "离岗离职人员的脱密期及其届满", "实施条例第五十三条", "设置 → 脱密期（月）", "脱密期"},
		{"涉密人员", "离岗手续：提醒谈话、离岗保密承诺书、清退涉密载体、取消涉密系统权限", "实施条例第五十三条", "", "离岗未记录"},
		{"涉密人员", "离岗日期不详，脱密期无法计算", "实施条例第五十三条", "", "离岗日期不详"},
		{"涉密人员", "上岗保密审查、保密承诺书、岗前保密教育培训", "实施条例第五十条", "", "（实施条例第五十条）"},
		{"涉密人员", "保密复审周期", practice, "设置 → 复审周期（年）", "保密复审到期"},
		{"涉密人员", "年度保密教育培训及学时", practice, "设置 → 每人每年最低学时", "本年度"},
		{"涉密人员", "在岗人员的因私出入境证件由单位集中保管", "保守国家秘密法第四十五条；保管方式为" + practice, "", "未上交"},
		{"涉密人员", "借出证件按期归还", practice, "设置 → 到期提醒提前天数", "借出应归还"},
		{"涉密人员", "因私出入境证件有效期", practice, "设置 → 到期提醒提前天数", "有效期届满"},
		{"涉密人员", "出国(境)须经审批，审批在出境之前", "保守国家秘密法第四十五条；实施条例第五十二条", "", "审批"},
		{"涉密人员", "出国(境)前保密提醒", "实施条例第五十二条", "", "行前保密提醒"},
		{"涉密人员", "使用本人登记的证件出国(境)", "保守国家秘密法第四十五条", "", "不是本人登记的证件"},
		{"涉密人员", "出国(境)使用的证件办理借出，应还日期不早于返回日期", "保守国家秘密法第四十五条；借还手续为" + practice, "（借出、应还日期记在证件中）", "未办理借出"},
		{"涉密人员", "出国(境)使用的证件应还日期不早于返回日期", "保守国家秘密法第四十五条；借还手续为" + practice, "（借出、应还日期记在证件中）", "早于返回日期"},
		{"涉密人员", "回国(境)后报告的时限", "实施条例第五十二条；时限为" + practice, "设置 → 出国(境)回国报告时限（天）", "回国"},
	},
	Icon:     "account",
	Limits:   []Limit{tripReportDays},
	TitleKey: PsnName,
	Fields: []Field{
		{Key: PsnName, Label: "姓名", Aliases: []string{"人员姓名"}, Kind: KindText, Required: true, Width: 8},
		{Key: PsnGender, Label: "性别", Aliases: []string{"男/女"}, Kind: KindChoice, Choices: []string{"男", "女"}, Width: 5},
		{Key: PsnBirth, Label: "出生年月", Aliases: []string{"出生日期", "出生年月日"}, Kind: KindDate, Width: 11},
		{Key: PsnIDNo, Label: "身份证号码", Aliases: []string{"身份证号", "公民身份号码", "身份证", "身份证件号码"}, Kind: KindID, Required: true, Width: 20},
		{Key: PsnDept, Label: "部门", Aliases: []string{"所在部门", "所在单位", "单位", "部门/单位", "工作部门", "所在部门/单位"}, Kind: KindChoice, Source: ChoiceDepartments, Required: true, Filter: true, Width: 11},
		{Key: "title", Label: "职务/职称", Aliases: []string{"职务", "职称", "职务职称"}, Kind: KindText, Width: 10},
		{Key: "post", Label: "涉密岗位", Aliases: []string{"岗位", "涉密岗位名称"}, Kind: KindText, Width: 11},
		{Key: PsnLevel, Label: "涉密等级", Aliases: []string{"涉密类别", "涉密程度", "涉密人员类别", "类别"}, Kind: KindChoice, Choices: Levels,
			LongForms: map[string]string{"核心涉密人员": "核心", "重要涉密人员": "重要", "一般涉密人员": "一般", "核心涉密": "核心", "重要涉密": "重要", "一般涉密": "一般", "核心级": "核心", "重要级": "重要", "一般级": "一般"}, Required: true, Filter: true, Width: 6},
		{Key: "confirmed", Label: "确定涉密时间", Aliases: []string{"确定时间", "确定涉密日期", "确定日期", "认定时间", "涉密时间"}, Kind: KindDate, Width: 11},
		{Key: "vetted", Label: "上岗保密审查日期", Aliases: []string{"上岗审查日期", "保密审查日期", "审查日期", "上岗前保密审查日期"}, Kind: KindDate, Width: 11},
		{Key: "pledge", Label: "保密承诺书签订日期", Aliases: []string{"承诺书签订日期", "签订保密承诺书日期", "保密承诺书", "承诺书签订时间"}, Kind: KindDate, Width: 11},
		{Key: PsnReviewed, Label: "最近复审日期", Aliases: []string{"复审日期", "复审时间", "最近一次复审日期"}, Kind: KindDate, Width: 11},
		{Key: PsnStatus, Label: "人员状态", Aliases: []string{"状态", "在岗状态"}, Kind: KindChoice, Choices: PersonStatuses,
			LongForms: map[string]string{"在职": StatusInPost, "在岗在职": StatusInPost, "脱密期": StatusDeclass, "脱密期内": StatusDeclass, "脱密": StatusDeclass}, Required: true, Filter: true, Width: 9},
		{Key: PsnLeaveReason, Label: "离岗原因", Kind: KindChoice, Choices: LeaveReasons, Filter: true, Width: 8},
		{Key: PsnLeft, Label: "离岗日期", Aliases: []string{"离岗时间", "离职日期"}, Kind: KindDate, Width: 11},
		{Key: PsnDeclassFrom, Label: "脱密期起", Aliases: []string{"脱密期开始日期", "脱密期起始日期", "脱密开始日期"}, Kind: KindDate, Width: 11},
		{Key: PsnDeclassTo, Label: "脱密期止", Aliases: []string{"脱密期结束日期", "脱密期截止日期", "脱密结束日期"}, Kind: KindDate, Width: 11},
		{Key: "ethnic", Label: "民族", Kind: KindText, Optional: true, Width: 6},
		{Key: "party", Label: "政治面貌", Kind: KindChoice, Choices: []string{"中共党员", "中共预备党员", "共青团员", "民主党派", "群众"}, Optional: true, Width: 9},
		{Key: "phone", Label: "联系电话", Aliases: []string{"电话", "手机", "手机号码", "联系方式"}, Kind: KindText, Optional: true, Width: 13},
		{Key: "education", Label: "学历", Kind: KindChoice, Choices: []string{"研究生", "大学本科", "大学专科", "高中及以下"}, Optional: true, Width: 8},
		{Key: "declass_unit", Label: "脱密期管理单位", Kind: KindText, Optional: true, Width: 14},
		{Key: PsnLeaveTalk, Label: "提醒谈话日期", Kind: KindDate, Optional: true, Width: 11},
		{Key: PsnLeavePledge, Label: "离岗保密承诺书日期", Kind: KindDate, Optional: true, Width: 11},
		{Key: PsnLeaveCarrier, Label: "清退涉密载体日期", Kind: KindDate, Optional: true, Width: 11},
		{Key: PsnLeaveAccess, Label: "取消涉密系统权限日期", Kind: KindDate, Optional: true, Width: 11},
		{Key: "note", Label: "备注", Aliases: []string{"说明"}, Kind: KindText, Long: true, Width: 14},
		MarksField,
	},
	Subs:   []*Register{Passports, Trips},
	Check:  checkPerson,
	Needs:  []*Register{Training},
	Derive: derivePersonnel,
	Stats:  personnelStats,

	// The natural key: one record per value, matched on import.
	NaturalKey: []string{PsnIDNo},
}

// checkPerson fills 性别 and 出生年月 from a valid 身份证号码 and makes sure
// they agree with it, and that a person on 脱密期 has its dates.
func checkPerson(r *Record, env Env) FieldErrors {
	fe := FieldErrors{}
	if c, err := ParseIDCard(r.Get(PsnIDNo), env.Today); err == nil {
		if g := r.Get(PsnGender); g == "" {
			r.Set(PsnGender, c.Gender())
		} else if g != c.Gender() {
			fe[PsnGender] = "性别与身份证号码不符（应为" + c.Gender() + "）"
		}
		birth := FormatDate(c.Birth)
		if b := r.Get(PsnBirth); b == "" {
			r.Set(PsnBirth, birth)
		} else if b != birth && StoredDate(b).Format("2006-01") != c.Birth.Format("2006-01") {
			fe[PsnBirth] = "出生年月与身份证号码不符（应为" + birth + "）"
		} else {
			r.Set(PsnBirth, birth)
		}
	}
	if r.Get(PsnStatus) == StatusDeclass {
		for k, label := range map[string]string{PsnLeft: "离岗日期", PsnDeclassFrom: "脱密期起", PsnDeclassTo: "脱密期止"} {
			if r.Get(k) == "" {
				fe[k] = "离岗脱密期人员应填写" + label
			}
		}
	}
	if r.Get(PsnStatus) == StatusInPost && r.Get(PsnLeaveReason) != "" {
		fe[PsnLeaveReason] = "在岗人员不填离岗原因"
	}
	for _, st := range LeaveSteps {
		notBefore(fe, r, st.Key, "confirmed", st.Label+"日期不能早于确定涉密时间")
	}
	notBefore(fe, r, PsnDeclassTo, PsnDeclassFrom, "脱密期止不能早于脱密期起")
	notBefore(fe, r, PsnDeclassFrom, PsnLeft, "脱密期起不能早于离岗日期")
	return fe
}

// Leave sends a person off post on the given day for the given reason:
// 人员状态 becomes 离岗脱密期 and the 脱密期 runs from that day for the level's
// default (in months). The clerk may still change either date before saving.
func Leave(r *Record, day time.Time, reason string, s *Settings) {
	r.Set(PsnStatus, StatusDeclass)
	r.Set(PsnLeaveReason, reason)
	r.Set(PsnLeft, FormatDate(day))
	r.Set(PsnDeclassFrom, FormatDate(day))
	r.Set(PsnDeclassTo, FormatDate(s.DeclassEnd(r.Get(PsnLevel), day)))
}

// derivePersonnel marks, for the persons under management: 脱密期届满
// (with the one-click 转为已脱密 once it has passed), 复审 by level, lent
// 证件 past 应还日期 and expiring 证件, and from 1 December a person in post
// without the year's training or 学时 (due on 31 December). rel holds the
// 证件 and the training sessions.
func derivePersonnel(people []*Record, rel Snapshot, env Env) {
	c := newDueCheck(env)
	review := newReviewCutoff(c, env.Settings)
	// The training of a few persons is read from the sessions they
	// attended; of many, from all, once per Stream.
	sessions := attendedBy(rel[Training], people)
	newCheck := func() *trainingCheck { return newTrainingCheck(c, env, sessions) }
	newTrained := func() map[uint64]bool { return everTrained(sessions, FormatDate(c.today)) }
	var training *trainingCheck
	var trained map[uint64]bool
	if len(sessions) == len(rel[Training]) {
		training, trained = memoized(env, "trainingCheck", newCheck), memoized(env, "everTrained", newTrained)
	} else {
		training, trained = newCheck(), newTrained()
	}
	var docs, kept map[uint64]markSet
	var wg sync.WaitGroup
	wg.Go(func() {
		docs, kept = passportMarks(c, rel[Passports])
		for id, m := range tripMarks(c, rel[Trips], rel[Passports], env.Limit(tripReportDays)) {
			docs[id] = append(docs[id], m...)
		}
	})
	inParallel(len(people), func(_, lo, hi int) {
		pf := newPersonFields()
		for _, p := range people[lo:hi] {
			var m markSet
			personMarks(&m, c, review, training, pf, p)
			if pf.status.get(p) == StatusInPost {
				onboardMarks(&m, p, trained)
			}
			m.set(p)
		}
	})
	wg.Wait()
	if len(docs) == 0 && len(kept) == 0 {
		return
	}
	owners := newByID(people)
	for id, m := range docs {
		p := owners.get(id)
		if p == nil {
			continue
		}
		if s := p.Get(PsnStatus); s != StatusInPost && s != StatusDeclass {
			continue // 已脱密: no longer kept by the unit
		}
		SetMarks(p, append(slices.Clip(p.Marks), m...))
	}
	for id, m := range kept {
		if p := owners.get(id); p != nil && p.Get(PsnStatus) == StatusInPost {
			SetMarks(p, append(slices.Clip(p.Marks), m...))
		}
	}
}

// personFields reads the fields of persons the rules need, for one
// goroutine (fieldReader).
type personFields struct {
	status, declassTo, level fieldReader
	bases                    [3]fieldReader // where the next 复审 counts from, in order (reviewBase)
}

func newPersonFields() *personFields {
	return &personFields{
		status:    fieldReader{key: PsnStatus},
		declassTo: fieldReader{key: PsnDeclassTo},
		level:     fieldReader{key: PsnLevel},
		bases:     [3]fieldReader{{key: PsnReviewed}, {key: "vetted"}, {key: "confirmed"}},
	}
}

// reviewBase is reviewBase through the readers.
func (pf *personFields) reviewBase(p *Record) string {
	for i := range pf.bases {
		if v := pf.bases[i].get(p); !StoredDate(v).IsZero() {
			return v
		}
	}
	return ""
}

// personMarks: the 脱密期, the 复审 and the yearly training of a person.
func personMarks(m *markSet, c dueCheck, review *reviewCutoff, training *trainingCheck, pf *personFields, p *Record) {
	switch pf.status.get(p) {
	case StatusDeclass:
		if p.Get(PsnLeft) == "" {
			m.add("离岗日期不详，脱密期未计算")
		}
		if missing := missingLeaveSteps(p); missing != "" {
			m.add("离岗未记录" + missing + "（实施条例第五十三条）")
		}
		to := pf.declassTo.get(p)
		if d, ok := c.within(to); ok && d.Before(c.today) {
			*m = append(*m, Mark{What: "脱密期已于" + to + "届满，应转为已脱密", Date: d, Action: ActionDeclassify})
		} else if ok {
			m.due(d, "脱密期将于"+to+"届满")
		}
	case StatusInPost:
		if d, ok := review.due(c, pf, p); ok {
			m.due(d, "保密复审到期（"+pf.level.get(p)+"，"+FormatDate(d)+"）")
		}
		if what := training.what(p.ID); what != "" {
			m.due(training.end, what)
		}
	}
}

// onboardMarks: 实施条例第五十条 — a person takes a 涉密岗位 only after the
// 上岗保密审查, the 保密承诺书 and 岗前保密教育培训 (a session of the training
// register attended up to today counts); each missing is a mark.
func onboardMarks(m *markSet, p *Record, trained map[uint64]bool) {
	if p.Get("vetted") == "" {
		m.add("在岗未经上岗保密审查（实施条例第五十条）")
	}
	if p.Get("pledge") == "" {
		m.add("在岗未签订保密承诺书（实施条例第五十条）")
	}
	if !trained[p.ID] {
		m.add("在岗未参加岗前保密教育培训（实施条例第五十条）")
	}
}

// attendedBy narrows the training sessions to those a few persons (one
// saved) attended: deriving them reads the sessions of their own, not
// every attendee of every session. For many persons it keeps them all.
func attendedBy(sessions []*Record, people []*Record) []*Record {
	const few = 16
	if len(people) > few {
		return sessions
	}
	ids := make([]string, len(people))
	for i, p := range people {
		ids[i] = strconv.FormatUint(p.ID, 10)
	}
	var out []*Record
	for _, s := range sessions {
		v := s.Get(TrnAttendees)
		if !slices.ContainsFunc(ids, func(id string) bool { return strings.Contains(v, id) }) {
			continue // the usual case, found without parsing the list
		}
		eachAttendee(v, func(idText, _ string) bool {
			id, err := strconv.ParseUint(idText, 10, 64)
			if err == nil && slices.ContainsFunc(people, func(p *Record) bool { return p.ID == id }) {
				out = append(out, s)
				return false
			}
			return true
		})
	}
	return out
}

// everTrained is the set of persons who attended a training session held
// on or before last (stored form).
func everTrained(sessions []*Record, last string) map[uint64]bool {
	m := map[uint64]bool{}
	for _, s := range sessions {
		if s.Get(TrnDate) > last {
			continue
		}
		eachAttendee(s.Get(TrnAttendees), func(idText, _ string) bool {
			if id, err := strconv.ParseUint(idText, 10, 64); err == nil {
				m[id] = true
			}
			return true
		})
	}
	return m
}

// missingLeaveSteps names the 离岗 steps with no date, "" when none.
func missingLeaveSteps(p *Record) string {
	var missing []string
	for _, st := range LeaveSteps {
		if p.Get(st.Key) == "" {
			missing = append(missing, st.Label)
		}
	}
	return strings.Join(missing, "、")
}

// personnelStats counts the persons in post by 部门 and 涉密等级, and every
// person by 人员状态 and 涉密等级: the register as it stands, whatever the year.
func personnelStats(people []*Record, _ Snapshot, env Env, _ int) []StatTable {
	var depts []string
	if env.Settings != nil {
		depts = env.Settings.Departments
	}
	byDept := newCrossTab("涉密人员（在岗，按部门、涉密等级）", "部门", depts, Levels)
	byStatus := newCrossTab("涉密人员（按人员状态、涉密等级）", "人员状态", PersonStatuses, Levels)
	for _, p := range people {
		if p.Get(PsnStatus) == StatusInPost {
			byDept.add(p.Get(PsnDept), p.Get(PsnLevel), 1)
		}
		byStatus.add(p.Get(PsnStatus), p.Get(PsnLevel), 1)
	}
	return []StatTable{byDept.table(), byStatus.table()}
}

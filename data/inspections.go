package data

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Inspection field keys used by rules, the UI and demo data.
const (
	InsDate      = "date"
	InsType      = "type"
	InsInspector = "inspector"
	InsDept      = "dept"
	InsDoc       = "doc"
	InsSummary   = "summary"
)

// Finding (问题) field keys.
const (
	FndCategory = "category"
	FndDesc     = "desc"
	FndDemand   = "demand"
	FndDept     = "dept"
	FndPerson   = "person"
	FndDeadline = "deadline"
	FndMeasures = "measures"
	FndDone     = "done"
	FndChecker  = "checker"
	FndChecked  = "checked"
	FndVerdict  = "verdict"
	FndStatus   = "status"
	FndOverdue  = "overdue"
	FndReviews  = "reviews"
)

// 复查 (Reviews) field keys.
const (
	RevDate     = "date"
	RevChecker  = "checker"
	RevVerdict  = "verdict"
	RevDeadline = "deadline"
	RevOpinion  = "opinion"
)

// 复查结论 values: only 通过 closes a finding (销号); 未通过 sends it back to
// 整改中 with a new 整改期限.
const (
	ReviewPass = "通过"
	ReviewFail = "未通过"
)

// 整改状态 values of a finding.
const (
	FindingOpen       = "待整改"
	FindingInProgress = "整改中"
	FindingFixed      = "已整改"
	FindingClosed     = "已销号"
)

// FindingCategories are the 13 items of 保守国家秘密法实施条例 第五十八条
// under which an inspection's findings are filed.
var FindingCategories = []string{
	"保密责任制", "保密制度", "宣传教育培训", "涉密人员管理", "定密管理", "涉密载体管理",
	"信息系统和设备管理", "互联网使用", "涉密场所和要害部门部位", "涉密采购和委托业务",
	"涉密会议活动", "信息公开保密审查", "其他",
}

// Inspections is the 保密检查整改 register (domain.md §4): one record per
// inspection, its findings in the sub-register Findings; the printed
// register has one row per finding.
var Inspections = &Register{
	Key:  "inspections",
	Name: "保密检查整改",
	// Basis: where each rule comes from (帮助 → 规则与依据).
	Basis: []RuleBasis{
		{"保密检查整改", "整改期限", "实施条例第五十八条", "设置 → 到期提醒提前天数", "整改期限"},
		{"保密检查整改", "复查通过方可销号；未通过重新整改", "实施条例第五十八条；复查时限为" + practice, "", "复查"},
	},
	Icon:     "search",
	TitleKey: InsInspector,
	Title:    inspectionTitle,
	Fields: []Field{
		{Key: InsDate, Label: "检查日期", Kind: KindDate, Required: true, Width: 11},
		{Key: InsType, Label: "检查类型", Kind: KindChoice, Choices: []string{"上级检查", "自查自评", "专项检查", "督促检查"}, Required: true, Filter: true, Width: 9},
		{Key: InsInspector, Label: "检查单位", Kind: KindText, Required: true, Width: 18},
		{Key: InsDept, Label: "被检查部门", Kind: KindChoice, Source: ChoiceDepartments, Filter: true, Width: 11},
		{Key: InsDoc, Label: "检查意见文号", Kind: KindText, Width: 16},
		{Key: InsSummary, Label: "问题情况", Kind: KindText, Computed: true, Width: 20},
		{Key: "note", Label: "备注", Kind: KindText, Long: true, Width: 14},
		MarksField,
	},
	Subs:   []*Register{Findings},
	RowSub: Findings,
	Derive: deriveInspections,
	Stats:  findingStats,

	// The natural key: one record per value, matched on import.
	NaturalKey: []string{InsDate, InsInspector},
}

// Findings are the 问题 an inspection found, each followed to its 销号.
var Findings = &Register{
	Key:      "inspections.findings",
	Name:     "问题",
	TitleKey: FndDesc,
	Fields: []Field{
		{Key: FndCategory, Label: "问题类别", Kind: KindChoice, Choices: FindingCategories, Required: true, Filter: true, Width: 12},
		{Key: FndDesc, Label: "问题描述", Kind: KindText, Required: true, Long: true, Width: 26},
		{Key: FndDemand, Label: "整改要求", Kind: KindText, Long: true, Width: 18},
		{Key: FndDept, Label: "责任部门", Kind: KindChoice, Source: ChoiceDepartments, Filter: true, Width: 11},
		{Key: FndPerson, Label: "责任人", Kind: KindText, Width: 8},
		{Key: FndDeadline, Label: "整改期限", Kind: KindDate, Width: 11},
		{Key: FndMeasures, Label: "整改措施", Kind: KindText, Long: true, Width: 20},
		{Key: FndDone, Label: "完成日期", Kind: KindDate, Width: 11},
		// The last 复查, written by the 复查记录 (Reviews.UpdateOwner).
		{Key: FndChecker, Label: "复查人", Kind: KindText, Width: 8, ReadOnly: true},
		{Key: FndChecked, Label: "复查日期", Kind: KindDate, Width: 11, ReadOnly: true},
		{Key: FndVerdict, Label: "复查结论", Kind: KindChoice, Choices: []string{ReviewPass, ReviewFail}, Width: 7, ReadOnly: true},
		{Key: FndStatus, Label: "状态", Kind: KindChoice, Choices: []string{FindingOpen, FindingInProgress, FindingFixed, FindingClosed}, Filter: true, Width: 7},
		{Key: FndOverdue, Label: "逾期", Kind: KindText, Computed: true, Width: 8},
		{Key: FndReviews, Label: "复查记录", Kind: KindText, Computed: true, Width: 24},
		{Key: "note", Label: "备注", Kind: KindText, Long: true, Width: 14},
		MarksField,
	},
	Subs:   []*Register{Reviews},
	Check:  checkFinding,
	Derive: deriveFindings,

	// The natural key: one record per value, matched on import.
	NaturalKey: []string{FndDesc, FndDept},
}

// Reviews are the 复查 of a finding, every one kept: the last decides the
// finding (UpdateOwner). A finding is 销号 only by a 复查 that 通过; one
// 未通过 sends it back to 整改中 with a new 整改期限.
var Reviews = &Register{
	Key:      "inspections.findings.reviews",
	Name:     "复查记录",
	TitleKey: RevDate,
	Fields: []Field{
		{Key: RevDate, Label: "复查日期", Kind: KindDate, Required: true, Width: 11},
		{Key: RevChecker, Label: "复查人", Kind: KindText, Required: true, Width: 8},
		{Key: RevVerdict, Label: "复查结论", Kind: KindChoice, Choices: []string{ReviewPass, ReviewFail}, Required: true, Filter: true, Width: 8},
		{Key: RevDeadline, Label: "重新整改期限", Kind: KindDate, Width: 11},
		{Key: RevOpinion, Label: "复查意见", Kind: KindText, Long: true, Width: 24},
	},
	Check:       checkReview,
	UpdateOwner: settleFinding,

	NaturalKey: []string{RevDate, RevChecker},
}

// checkReview: a 复查 that fails sets a new 整改期限 after it; one that
// passes needs the finding's 完成日期 (what was 整改 and when) and comes
// after it.
func checkReview(r *Record, env Env) FieldErrors {
	fe := FieldErrors{}
	switch r.Get(RevVerdict) {
	case ReviewFail:
		if r.Get(RevDeadline) == "" {
			fe[RevDeadline] = "复查未通过的，应填写重新整改期限"
		}
		notBefore(fe, r, RevDeadline, RevDate, "重新整改期限应晚于复查日期")
	case ReviewPass:
		if r.Get(RevDeadline) != "" {
			fe[RevDeadline] = "复查通过即销号，不填重新整改期限"
		}
		if env.Owner != nil && env.Owner.Get(FndDone) == "" {
			fe[RevVerdict] = "问题尚未填写完成日期：整改完成并填写完成日期后才能复查通过"
		}
	}
	if env.Owner != nil {
		if d := env.Owner.Get(FndDone); d != "" && r.Get(RevVerdict) == ReviewPass {
			if v := r.Get(RevDate); v != "" && v < d {
				fe[RevDate] = "复查日期不能早于问题的完成日期（" + d + "）"
			}
		}
	}
	return fe
}

// lastReview is the 复查 that decides a finding: the latest by 复查日期, the
// later entered on the same day.
func lastReview(reviews []*Record) *Record {
	var last *Record
	for _, r := range reviews {
		if last == nil || r.Get(RevDate) > last.Get(RevDate) ||
			r.Get(RevDate) == last.Get(RevDate) && r.ID > last.ID {
			last = r
		}
	}
	return last
}

// settleFinding brings a finding in line with its 复查记录: the last 复查
// gives its 复查人, 复查日期 and 复查结论; 通过 closes it (已销号), 未通过 sends
// it back to 整改中 with the new 整改期限. With no 复查 left, a finding
// 已销号 is 已整改 again.
func settleFinding(f *Record, reviews []*Record) bool {
	before := f.Clone()
	last := lastReview(reviews)
	switch {
	case last == nil:
		f.Set(FndChecker, "")
		f.Set(FndChecked, "")
		f.Set(FndVerdict, "")
		if f.Get(FndStatus) == FindingClosed {
			f.Set(FndStatus, FindingFixed)
		}
	default:
		f.Set(FndChecker, last.Get(RevChecker))
		f.Set(FndChecked, last.Get(RevDate))
		f.Set(FndVerdict, last.Get(RevVerdict))
		switch {
		case last.Get(RevVerdict) == ReviewPass:
			f.Set(FndStatus, FindingClosed)
		case (f.Get(FndStatus) == FindingFixed || f.Get(FndStatus) == FindingClosed) && f.Get(FndDone) > last.Get(RevDate):
			// 整改 again since that 复查 failed (a later 复查 deleted):
			// 已整改, waiting for its next 复查.
			f.Set(FndStatus, FindingFixed)
		default:
			f.Set(FndStatus, FindingInProgress)
			f.Set(FndDeadline, last.Get(RevDeadline))
		}
	}
	return !maps.Equal(before.Map(), f.Map())
}

// checkFinding enforces 件件有回音: only a 复查 that 通过 closes a finding
// (已销号 needs 复查人, 复查日期 and 复查结论 通过, which the 复查记录 write);
// 已整改 and 已销号 need a 完成日期. A blank 状态 is 待整改.
func checkFinding(r *Record, env Env) FieldErrors {
	fe := FieldErrors{}
	switch s := r.Get(FndStatus); {
	case s == "":
		r.Set(FndStatus, FindingOpen)
	case s == FindingClosed && r.Get(FndVerdict) == ReviewFail:
		fe[FndStatus] = "最近一次复查未通过，不能销号：整改后再复查，复查通过即销号"
	case s == FindingClosed && (r.Get(FndChecker) == "" || r.Get(FndChecked) == "" || r.Get(FndVerdict) != ReviewPass):
		fe[FndStatus] = "只有复查通过才能销号：请在“复查记录”中登记复查"
	}
	if s := r.Get(FndStatus); (s == FindingFixed || s == FindingClosed) && r.Get(FndDone) == "" {
		fe[FndDone] = s + "的问题应填写完成日期"
	}
	if r.Get(FndVerdict) != ReviewFail { // a failed 复查 comes before the new 完成日期
		notBefore(fe, r, FndChecked, FndDone, "复查日期不能早于完成日期")
	}
	if env.Owner != nil {
		if d := env.Owner.Get(InsDate); d != "" {
			if v := r.Get(FndDeadline); v != "" && v < d {
				fe[FndDeadline] = "整改期限不能早于检查日期（" + d + "）"
			}
			if v := r.Get(FndDone); v != "" && v < d {
				fe[FndDone] = "完成日期不能早于检查日期（" + d + "）"
			}
		}
	}
	return fe
}

// FindingOverdue returns by how many days an open finding (not 已整改 or
// 已销号) is past its 整改期限 on the given day; 0 when it is not overdue.
func FindingOverdue(r *Record, today time.Time) int {
	if s := r.Get(FndStatus); s == FindingFixed || s == FindingClosed {
		return 0
	}
	v := r.Get(FndDeadline)
	if v == "" || v >= FormatDate(today) { // stored dates sort as text: read only the overdue ones
		return 0
	}
	deadline := StoredDate(v)
	if deadline.IsZero() {
		return 0
	}
	return DaysBetween(deadline, today)
}

// reviewAfterDays is how long after its 完成日期 a finding 已整改 may wait for
// the 复查 that closes it (销号) before it is a reminder.
const reviewAfterDays = 30

// findingMark is what a finding has due, if anything: an open finding (not
// 已整改 or 已销号) whose 整改期限 is within the window or past, or one
// 已整改 more than 30 days ago and still not 销号. The mark names the
// finding (its 问题描述, cut short), so that its inspection's 提示 and
// 首页 say which; the 部门 is the finding's 责任部门.
func findingMark(c dueCheck, waited string, f *Record) (Mark, bool) {
	var date time.Time
	var what string
	switch f.Get(FndStatus) {
	case FindingClosed:
		return Mark{}, false
	case FindingFixed:
		done := f.Get(FndDone)
		if len(done) != len(DateLayout) || done >= waited {
			return Mark{}, false
		}
		if date = StoredDate(done); date.IsZero() {
			return Mark{}, false
		}
		date, what = date.AddDate(0, 0, reviewAfterDays), "已整改待复查销号（"+done+"完成）"
	default:
		deadline := f.Get(FndDeadline)
		var ok bool
		if date, ok = c.within(deadline); !ok {
			return Mark{}, false
		}
		what = "整改期限" + deadline + "（" + f.Get(FndCategory) + "）"
		if f.Get(FndVerdict) == ReviewFail {
			what = "复查未通过，重新整改期限" + deadline
		}
	}
	return Mark{What: what + "：" + findingName(f), Date: date, Sub: f, Dept: f.Get(FndDept)}, true
}

// waitedSince is the 完成日期 before which a finding 已整改 has waited too
// long for its 复查 (stored form).
func waitedSince(c dueCheck) string {
	return FormatDate(c.today.AddDate(0, 0, -reviewAfterDays))
}

// deriveFindings fills 逾期 and 复查记录 and gives each finding its mark.
func deriveFindings(recs []*Record, rel Snapshot, env Env) {
	c := newDueCheck(env)
	waited := waitedSince(c)
	reviews := ByOwner(rel[Reviews])
	for _, r := range recs {
		r.Set(FndReviews, reviewHistory(reviews[r.ID]))
		if n := FindingOverdue(r, env.Today); n > 0 {
			r.Set(FndOverdue, "逾期"+strconv.Itoa(n)+"天")
		} else {
			r.Set(FndOverdue, "")
		}
		var m markSet
		if mk, ok := findingMark(c, waited, r); ok {
			m = append(m, mk)
		}
		m.set(r)
	}
}

// deriveInspections sums up each inspection's findings — how many, how many
// closed, how many overdue — and gives it the marks of its findings.
func deriveInspections(recs []*Record, rel Snapshot, env Env) {
	c := newDueCheck(env)
	waited := waitedSince(c)
	type tally struct {
		n, closed, overdue int
		marks              markSet
	}
	tallies := make([]tally, len(recs))
	owners := newByID(recs)
	for _, f := range rel[Findings] {
		i := owners.index(f.OwnerID)
		if i < 0 {
			continue
		}
		t := &tallies[i]
		t.n++
		if f.Get(FndStatus) == FindingClosed {
			t.closed++
		}
		if FindingOverdue(f, c.today) > 0 {
			t.overdue++
		}
		if mk, ok := findingMark(c, waited, f); ok {
			mk.SubReg = Findings // not in findingMark: Findings' own Derive calls it
			t.marks = append(t.marks, mk)
		}
	}
	summary := fieldReader{key: InsSummary}
	for i, r := range recs {
		t := tallies[i]
		summary.set(r, strconv.Itoa(t.n)+"项问题，"+strconv.Itoa(t.closed)+"项已销号，"+strconv.Itoa(t.overdue)+"项逾期")
		t.marks.set(r)
	}
}

// findingNameRunes is how much of a 问题描述 names a finding in a mark.
const findingNameRunes = 20

// findingName names a finding in a mark: its 问题描述, cut to its first 20
// characters.
func findingName(f *Record) string {
	desc := f.Get(FndDesc)
	if utf8.RuneCountInString(desc) > findingNameRunes {
		desc = string([]rune(desc)[:findingNameRunes]) + "…"
	}
	return desc
}

// inspectionTitle names an inspection: "<检查单位> <检查日期>".
func inspectionTitle(r *Record) string {
	return r.Get(InsInspector) + " " + r.Get(InsDate)
}

// findingStats counts the findings by 问题类别 and 状态 (a blank 状态 is
// 待整改); for a year, those of the inspections held in it. The note gives
// the 整改完成率 (已整改 and 已销号 out of all) and how many are overdue.
func findingStats(inspections []*Record, snap Snapshot, env Env, year int) []StatTable {
	statuses := Findings.Field(FndStatus).Choices
	t := newCrossTab(statTitle("检查发现问题", year, "检查", "按问题类别、整改状态"), "问题类别", FindingCategories, statuses)
	var held map[uint64]bool // the inspections of the year
	if year != 0 {
		held = map[uint64]bool{}
		for _, r := range inspections {
			if inYear(r.Get(InsDate), year) {
				held[r.ID] = true
			}
		}
	}
	n, done, overdue := 0, 0, 0
	for _, f := range snap[Findings] {
		if held != nil && !held[f.OwnerID] {
			continue
		}
		status := f.Get(FndStatus)
		if status == "" {
			status = FindingOpen
		}
		t.add(f.Get(FndCategory), status, 1)
		n++
		if status == FindingFixed || status == FindingClosed {
			done++
		}
		if FindingOverdue(f, env.Today) > 0 {
			overdue++
		}
	}
	table := t.table()
	if n > 0 {
		table.Note = fmt.Sprintf("整改完成率 %s（已整改和已销号 %d / 共 %d 项），逾期 %d 项", percent(done, n), done, n, overdue)
	}
	return []StatTable{table}
}

// reviewHistory writes every 复查 of a finding, oldest first, for the
// printed register: "2026-03-01 张三 未通过（重新整改期限2026-04-01）；…".
func reviewHistory(reviews []*Record) string {
	sorted := slices.Clone(reviews)
	slices.SortStableFunc(sorted, func(a, b *Record) int {
		return cmp.Or(cmp.Compare(a.Get(RevDate), b.Get(RevDate)), cmp.Compare(a.ID, b.ID))
	})
	parts := make([]string, len(sorted))
	for i, r := range sorted {
		parts[i] = r.Get(RevDate) + " " + r.Get(RevChecker) + " " + r.Get(RevVerdict)
		if d := r.Get(RevDeadline); d != "" {
			parts[i] += "（重新整改期限" + d + "）"
		}
	}
	return strings.Join(parts, "；")
}

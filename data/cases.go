package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Case field keys used by rules, the UI and demo data.
const (
	CaseSource   = "source"
	CaseFound    = "found"
	CaseHappened = "happened"
	CaseParty    = "party"
	CaseDept     = "party_dept"
	CaseLevel    = "level"
	CaseType     = "type"
	CaseSummary  = "summary"
	CaseFiled    = "filed"
	CaseClosed   = "closed"
	CaseResult   = "result"
	CaseReported = "reported"
	CaseStatus   = "status"

	CaseFoundTime      = "found_time"       // 发现时间 (时:分) on 发现日期
	CaseReportedTime   = "reported_time"    // 报告同级保密行政管理部门时间 (时:分)
	CaseReportedUp     = "reported_up"      // 报告上级主管部门日期
	CaseReportedUpTime = "reported_up_time" // 报告上级主管部门时间 (时:分)
)

// caseReports are the two reports of a suspected leak (实施条例第六十一条:
// to the 同级保密行政管理部门 and to the 上级主管部门), each a date and a time.
var caseReports = []struct{ date, clock, to string }{
	{CaseReported, CaseReportedTime, "同级保密行政管理部门"},
	{CaseReportedUp, CaseReportedUpTime, "上级主管部门"},
}

// 案件状态 values.
const (
	CaseInquiry = "初查"
	CaseOpen    = "已立案"
	CaseDone    = "已结案"
)

// CaseStatuses are the 状态 of a case in their order.
var CaseStatuses = []string{CaseInquiry, CaseOpen, CaseDone}

// CaseResults are the 处理结果 of a case.
var CaseResults = []string{"批评教育", "处分", "行政处罚", "移送监察或司法", "不予处理"}

// ListCaseTypes is the settings list of 事件类型.
const ListCaseTypes = "case_types"

// NotSecret is the 涉及密级 of a violation that involves no state secret.
const NotSecret = "不涉密"

// The limits of the 违规案件 rules (domain.md §5), by Settings.Limits key.
const (
	LimitReportHours   = "case.report_hours"   // report of a suspected leak
	LimitInquiryMonths = "case.inquiry_months" // 初查 limit from 发现日期
	LimitCloseMonths   = "case.close_months"   // 立案 to 结案 limit
)

// The limits of the 违规案件 rules with their labels in 设置 and defaults.
var (
	caseReportHours   = Limit{Key: LimitReportHours, Label: "泄密事件报告时限（小时，0 为不提醒）", Default: 24}
	caseInquiryMonths = Limit{Key: LimitInquiryMonths, Label: "初查期限（月）", Default: 2}
	caseCloseMonths   = Limit{Key: LimitCloseMonths, Label: "立案至结案期限（月）", Default: 3}
)

// Cases is the 违规案件 register (domain.md §5): violations and suspected
// leaks, from the clue to the 结案.
var Cases = &Register{
	Key:  "cases",
	Name: "违规案件",
	// Basis: where each rule comes from (帮助 → 规则与依据).
	Basis: []RuleBasis{
		{"违规案件", "发现泄密嫌疑后在时限内报告同级保密行政管理部门和上级主管部门（按小时计）", "实施条例第六十一条", "设置 → 泄密事件报告时限（小时）", "小时内报告"},
		{"违规案件", "初查期限", practice, "设置 → 违规案件初查期限（月）", "初查期限"},
		{"违规案件", "立案至结案期限", practice, "设置 → 立案至结案期限（月）", "结案期限"},
	},
	Icon:     "warning",
	Limits:   []Limit{caseReportHours, caseInquiryMonths, caseCloseMonths},
	TitleKey: CaseType,
	Title:    caseTitle,
	Fields: []Field{
		{Key: CaseSource, Label: "线索来源", Kind: KindChoice, Choices: []string{"举报", "单位报告", "检查发现", "部门移送"}, Required: true, Filter: true, Width: 8},
		{Key: CaseFound, Label: "发现日期", Kind: KindDate, Required: true, Width: 11},
		{Key: CaseFoundTime, Label: "发现时间", Kind: KindText, Width: 7},
		{Key: CaseHappened, Label: "发生日期", Kind: KindDate, Width: 11},
		{Key: CaseParty, Label: "当事人", Kind: KindText, Width: 8},
		{Key: CaseDept, Label: "当事人部门", Kind: KindChoice, Source: ChoiceDepartments, Filter: true, Width: 11},
		{Key: CaseLevel, Label: "涉及密级", Kind: KindChoice, Choices: []string{"绝密", "机密", "秘密", NotSecret}, Required: true, Filter: true, Width: 7},
		{Key: CaseType, Label: "事件类型", Kind: KindChoice, Source: ListCaseTypes, Choices: []string{"涉密载体丢失", "违规存储处理涉密信息", "涉密计算机违规外联", "违规复制携带涉密载体", "网络泄密", "其他"}, Required: true, Filter: true, Width: 14},
		{Key: CaseSummary, Label: "简要情况", Kind: KindText, Required: true, Long: true, Width: 26},
		{Key: "remedy", Label: "补救措施", Kind: KindText, Long: true, Width: 18},
		{Key: CaseFiled, Label: "立案日期", Kind: KindDate, Width: 11},
		{Key: CaseClosed, Label: "结案日期", Kind: KindDate, Width: 11},
		{Key: CaseResult, Label: "处理结果", Kind: KindChoice, Choices: CaseResults, Filter: true, Width: 10},
		{Key: CaseReported, Label: "报告同级保密行政管理部门日期", Aliases: []string{"报告保密行政管理部门日期"}, Kind: KindDate, Width: 12},
		{Key: CaseReportedTime, Label: "报告同级保密行政管理部门时间", Kind: KindText, Width: 7},
		{Key: CaseReportedUp, Label: "报告上级主管部门日期", Kind: KindDate, Width: 12},
		{Key: CaseReportedUpTime, Label: "报告上级主管部门时间", Kind: KindText, Width: 7},
		{Key: "measures", Label: "整改措施", Kind: KindText, Long: true, Width: 18},
		{Key: CaseStatus, Label: "状态", Kind: KindChoice, Choices: CaseStatuses, Required: true, Filter: true, Width: 7},
		{Key: "note", Label: "备注", Kind: KindText, Long: true, Width: 14},
		MarksField,
	},
	Check:  checkCase,
	Derive: deriveCases,
	Stats:  caseStats,

	// The natural key: one record per value, matched on import.
	NaturalKey: []string{CaseFound, CaseParty, CaseType},
}

func checkCase(r *Record, env Env) FieldErrors {
	fe := FieldErrors{}
	switch r.Get(CaseStatus) {
	case CaseOpen:
		if r.Get(CaseFiled) == "" {
			fe[CaseFiled] = "已立案的案件应填写立案日期"
		}
	case CaseDone:
		if r.Get(CaseClosed) == "" {
			fe[CaseClosed] = "已结案的案件应填写结案日期"
		}
		if r.Get(CaseResult) == "" {
			fe[CaseResult] = "已结案的案件应填写处理结果"
		}
	}
	notBefore(fe, r, CaseFound, CaseHappened, "发现日期不能早于发生日期")
	notBefore(fe, r, CaseReported, CaseFound, "报告日期不能早于发现日期")
	notBefore(fe, r, CaseReportedUp, CaseFound, "报告日期不能早于发现日期")
	for _, t := range []struct{ clock, date, label string }{
		{CaseFoundTime, CaseFound, "发现日期"}, {CaseReportedTime, CaseReported, "报告日期"}, {CaseReportedUpTime, CaseReportedUp, "报告日期"},
	} {
		v := r.Get(t.clock)
		if v == "" {
			continue
		}
		hm, err := ParseClock(v)
		switch {
		case err != nil:
			fe[t.clock] = err.Error()
		case r.Get(t.date) == "":
			fe[t.clock] = "填写时间应同时填写" + t.label
		default:
			r.Set(t.clock, hm)
		}
	}
	for _, rep := range caseReports {
		if at, ok := caseTime(r, rep.date, rep.clock); ok {
			if found, ok := caseTime(r, CaseFound, CaseFoundTime); ok && at.Before(found) {
				fe[rep.clock] = "报告时间不能早于发现时间"
			}
		}
	}
	notBefore(fe, r, CaseFiled, CaseFound, "立案日期不能早于发现日期")
	notBefore(fe, r, CaseClosed, CaseFound, "结案日期不能早于发现日期")
	notBefore(fe, r, CaseClosed, CaseFiled, "结案日期不能早于立案日期")
	return fe
}

// deriveCases marks, for each case not 已结案: the two reports of a
// suspected leak (a case involving a 密级) to the 同级保密行政管理部门 and to
// the 上级主管部门 (实施条例第六十一条), each due within the report limit
// counted in hours from the 发现时间 (without a 发现时间, by days: 24 hours
// being the day after 发现日期); the 初查 limit from 发现日期 while 初查
// without 立案, and the 结案 limit from 立案日期 while 已立案; and, as a
// standing fact, a report made after the limit.
func deriveCases(recs []*Record, _ Snapshot, env Env) {
	c := newDueCheck(env)
	hours := env.Limit(caseReportHours)
	inquiry := env.Limit(caseInquiryMonths)
	closing := env.Limit(caseCloseMonths)
	for _, r := range recs {
		var m markSet
		status := r.Get(CaseStatus)
		due := func(date time.Time, what string) {
			if status != CaseDone && c.due(date) {
				m.due(date, what)
			}
		}
		found := StoredDate(r.Get(CaseFound))
		if lvl := r.Get(CaseLevel); hours > 0 && lvl != "" && lvl != NotSecret && !found.IsZero() {
			within := "应在" + strconv.Itoa(hours) + "小时内报告"
			foundAt, timed := caseTime(r, CaseFound, CaseFoundTime)
			deadline := found.AddDate(0, 0, (hours+23)/24) // by days: to the end of that day
			shown := FormatDate(deadline)
			if timed {
				deadline = foundAt.Add(time.Duration(hours) * time.Hour)
				shown = deadline.Format(DateLayout + " 15:04")
			}
			for _, rep := range caseReports {
				at, hasClock := caseTime(r, rep.date, rep.clock)
				switch {
				case r.Get(rep.date) == "":
					due(Day(deadline), within+rep.to+"（涉及"+lvl+"，"+shown+"前）")
				case timed && hasClock && at.After(deadline):
					m.add("未在" + strconv.Itoa(hours) + "小时内报告" + rep.to + "（" + at.Format(DateLayout+" 15:04") +
						"报告，发现后" + strconv.Itoa(int(at.Sub(foundAt).Hours())) + "小时）")
				case r.Get(rep.date) > FormatDate(deadline):
					m.add("未在" + strconv.Itoa(hours) + "小时内报告" + rep.to + "（" + r.Get(rep.date) + "报告）")
				}
			}
		}
		switch status {
		case CaseInquiry:
			if inquiry > 0 && !found.IsZero() && r.Get(CaseFiled) == "" {
				d := AddMonths(found, inquiry)
				due(d, "初查期限（发现后"+strconv.Itoa(inquiry)+"个月，"+FormatDate(d)+"）")
			}
		case CaseOpen:
			if filed := StoredDate(r.Get(CaseFiled)); closing > 0 && !filed.IsZero() && r.Get(CaseClosed) == "" {
				d := AddMonths(filed, closing)
				due(d, "结案期限（立案后"+strconv.Itoa(closing)+"个月，"+FormatDate(d)+"）")
			}
		}
		m.set(r)
	}
}

// caseTitle names a case: its 事件类型 and, when known, its 当事人.
func caseTitle(r *Record) string {
	name := r.Get(CaseType)
	if p := r.Get(CaseParty); p != "" {
		name += "（" + p + "）"
	}
	return name
}

// caseUndecided labels a case without 处理结果.
const caseUndecided = "尚未处理"

// caseStats counts the cases by 状态 and 处理结果; for a year, those found
// in it (发现日期).
func caseStats(recs []*Record, _ Snapshot, _ Env, year int) []StatTable {
	t := newCrossTab(statTitle("违规案件", year, "发现", "按状态、处理结果"), "状态", CaseStatuses, CaseResults)
	for _, r := range recs {
		if !inYear(r.Get(CaseFound), year) {
			continue
		}
		result := r.Get(CaseResult)
		if result == "" {
			result = caseUndecided
		}
		t.add(r.Get(CaseStatus), result, 1)
	}
	return []StatTable{t.table()}
}

// ParseClock reads a time of day typed as 14:30, 9:05 or 14：30 and returns
// it as 14:30 / 09:05.
func ParseClock(s string) (string, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "：", ":")
	t, err := time.Parse("15:04", s)
	if err != nil {
		if t, err = time.Parse("15:4", s); err != nil {
			return "", fmt.Errorf("时间“%s”应写成 时:分，如 14:30", s)
		}
	}
	return t.Format("15:04"), nil
}

// caseTime is a date field with its time of day, and whether the time is
// known; the date alone (at 00:00) when it is not.
func caseTime(r *Record, date, clock string) (time.Time, bool) {
	d := StoredDate(r.Get(date))
	if d.IsZero() {
		return d, false
	}
	hm, err := ParseClock(r.Get(clock))
	if r.Get(clock) == "" || err != nil {
		return d, false
	}
	t, _ := time.Parse("15:04", hm)
	return d.Add(time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute), true
}

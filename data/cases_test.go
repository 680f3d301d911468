package data

import (
	"strings"
	"testing"
)

func TestCaseCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *Record
		want map[string]string
	}{
		{name: "valid", r: testCase()},
		{name: "已立案 needs 立案日期", r: with(testCase(), CaseStatus, CaseOpen), want: map[string]string{CaseFiled: "已立案的案件应填写立案日期"}},
		{name: "已立案", r: with(testCase(), CaseStatus, CaseOpen, CaseFiled, "2025-06-12")},
		{name: "已结案 needs 结案日期 and 处理结果", r: with(testCase(), CaseStatus, CaseDone), want: map[string]string{CaseClosed: "已结案的案件应填写结案日期", CaseResult: "已结案的案件应填写处理结果"}},
		{name: "已结案 without 立案", r: with(testCase(), CaseStatus, CaseDone, CaseClosed, "2025-06-12", CaseResult, "批评教育")},
		{name: "found before it happened", r: with(testCase(), CaseHappened, "2025-06-11"), want: map[string]string{CaseFound: "发现日期不能早于发生日期"}},
		{name: "reported before found", r: with(testCase(), CaseReported, "2025-06-09"), want: map[string]string{CaseReported: "报告日期不能早于发现日期"}},
		{name: "filed before found", r: with(testCase(), CaseStatus, CaseOpen, CaseFiled, "2025-06-09"), want: map[string]string{CaseFiled: "立案日期不能早于发现日期"}},
		{name: "closed before filed", r: with(testCase(), CaseStatus, CaseDone, CaseFiled, "2025-06-12", CaseClosed, "2025-06-11", CaseResult, "处分"), want: map[string]string{CaseClosed: "结案日期不能早于立案日期"}},
		{name: "type from the list", r: with(testCase(), CaseType, "迟到"), want: map[string]string{CaseType: "应从列表中选择"}},
		{name: "summary required", r: with(testCase(), CaseSummary, ""), want: map[string]string{CaseSummary: "请填写简要情况"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkErrors(t, Validate(Cases, tc.r, testEnv()), tc.want)
		})
	}
	t.Run("clerk's case types", func(t *testing.T) {
		env := testEnv()
		env.Settings.Lists = map[string][]string{ListCaseTypes: {"违规使用手机"}}
		checkErrors(t, Validate(Cases, with(testCase(), CaseType, "违规使用手机"), env), nil)
	})
}

// TestCaseMarks: the marks of a case as its 提示 shows them; the same
// marks are 首页's reminders (TestDueCases has the dates and the window).
func TestCaseMarks(t *testing.T) {
	const today = "2025-06-15"
	c := testCase()
	report := func(date string) string {
		return "应在24小时内报告同级保密行政管理部门（涉及秘密，" + date + "前）"
	}
	late := func(hours, date string) string {
		return "未在" + hours + "小时内报告同级保密行政管理部门（" + date + "报告）"
	}
	inquiry := func(months, date string) string {
		return "初查期限（发现后" + months + "个月，" + date + "）"
	}
	for _, tc := range []struct {
		name   string
		r      *Record
		limits map[string]int
		want   []string
	}{
		{name: "reported the same day", r: c, want: []string{inquiry("2", "2025-08-10")}},
		{name: "reported the next day", r: with(c, CaseReported, "2025-06-11"), want: []string{inquiry("2", "2025-08-10")}},
		{name: "reported two days on", r: with(c, CaseReported, "2025-06-12"), want: []string{late("24", "2025-06-12"), inquiry("2", "2025-08-10")}},
		{name: "unreported, found yesterday: due today", r: with(c, CaseFound, "2025-06-14", CaseReported, ""), want: []string{report("2025-06-15"), inquiry("2", "2025-08-14")}},
		{name: "unreported, found two days ago", r: with(c, CaseFound, "2025-06-13", CaseReported, ""), want: []string{report("2025-06-14"), inquiry("2", "2025-08-13")}},
		{name: "unreported, 不涉密", r: with(c, CaseLevel, NotSecret, CaseFound, "2025-05-13", CaseReported, ""), want: []string{inquiry("2", "2025-07-13")}},
		{name: "late report stays on a closed case", r: with(c, CaseReported, "2025-06-14", CaseStatus, CaseDone, CaseClosed, "2025-06-15", CaseResult, "处分"), want: []string{late("24", "2025-06-14")}},
		{name: "48 hours: two days on", r: with(c, CaseReported, "2025-06-12"), limits: map[string]int{LimitReportHours: 48}, want: []string{inquiry("2", "2025-08-10")}},
		{name: "48 hours: three days on", r: with(c, CaseReported, "2025-06-13"), limits: map[string]int{LimitReportHours: 48}, want: []string{late("48", "2025-06-13"), inquiry("2", "2025-08-10")}},
		{name: "report limit off", r: with(c, CaseReported, ""), limits: map[string]int{LimitReportHours: 0}, want: []string{inquiry("2", "2025-08-10")}},
		{name: "初查 for exactly 2 months", r: with(c, CaseFound, "2025-04-15", CaseReported, "2025-04-15"), want: []string{inquiry("2", "2025-06-15")}},
		{name: "初查 2 months and a day", r: with(c, CaseFound, "2025-04-14", CaseReported, "2025-04-14"), want: []string{inquiry("2", "2025-06-14")}},
		{name: "初查 with 立案日期", r: with(c, CaseFound, "2025-01-14", CaseReported, "2025-01-14", CaseFiled, "2025-02-01")},
		{name: "初查 limit of 1 month", r: with(c, CaseFound, "2025-05-14", CaseReported, "2025-05-14"), limits: map[string]int{LimitInquiryMonths: 1}, want: []string{inquiry("1", "2025-06-14")}},
		{name: "初查 from a month's end", r: with(c, CaseFound, "2024-12-31", CaseReported, "2024-12-31"), want: []string{inquiry("2", "2025-02-28")}},
		{name: "初查 limit of 6 months, outside the window", r: with(c, CaseFound, "2025-03-14", CaseReported, "2025-03-14"), limits: map[string]int{LimitInquiryMonths: 6}},
		{name: "立案 exactly 3 months", r: with(c, CaseStatus, CaseOpen, CaseFound, "2025-03-01", CaseReported, "2025-03-01", CaseFiled, "2025-03-15"), want: []string{"结案期限（立案后3个月，2025-06-15）"}},
		{name: "立案 3 months and a day", r: with(c, CaseStatus, CaseOpen, CaseFound, "2025-03-01", CaseReported, "2025-03-01", CaseFiled, "2025-03-14"), want: []string{"结案期限（立案后3个月，2025-06-14）"}},
		{name: "立案 long ago, 已结案", r: with(c, CaseStatus, CaseDone, CaseFound, "2024-03-01", CaseReported, "2024-03-01", CaseFiled, "2024-03-14", CaseClosed, "2024-09-01", CaseResult, "处分")},
		{name: "everything late", r: with(c, CaseFound, "2025-01-10", CaseReported, ""), want: []string{report("2025-01-11"), inquiry("2", "2025-03-10")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := envOn(today)
			for k, v := range tc.limits {
				env.Settings.Limits[k] = v
			}
			// Both reports made alike unless the case says otherwise: each
			// mark of the one is a mark of the other.
			r := tc.r.Clone()
			if r.Get(CaseReportedUp) == "" {
				r.Set(CaseReportedUp, r.Get(CaseReported))
			}
			checkMarks(t, derivedCase(r, env), bothReports(tc.want)...)
		})
	}
	t.Run("settings without limits", func(t *testing.T) {
		r := with(c, CaseFound, "2025-01-10", CaseReported, "")
		Cases.Derive([]*Record{r}, nil, Env{Today: StoredDate(today)})
		checkMarks(t, r, bothReports([]string{report("2025-01-11"), inquiry("2", "2025-03-10")})...)
	})
}

func derivedCase(r *Record, env Env) *Record {
	Cases.Derive([]*Record{r}, nil, env)
	return r
}

// bothReports adds, after each mark about the report to the 同级保密行政管理部门,
// the same about the report to the 上级主管部门.
func bothReports(want []string) []string {
	var out []string
	for _, w := range want {
		out = append(out, w)
		if strings.Contains(w, "同级保密行政管理部门") {
			out = append(out, strings.Replace(w, "同级保密行政管理部门", "上级主管部门", 1))
		}
	}
	return out
}

// TestCaseReportHours: with a 发现时间 the report limit counts in hours, for
// each of the two reports (实施条例第六十一条).
func TestCaseReportHours(t *testing.T) {
	env := envOn("2025-06-15")
	c := with(testCase(), CaseFound, "2025-06-10", CaseFoundTime, "14:30", CaseReported, "", CaseReportedUp, "")
	for _, tc := range []struct {
		name string
		r    *Record
		want []string
	}{
		{name: "both within 24 hours", r: with(c, CaseReported, "2025-06-11", CaseReportedTime, "09:00", CaseReportedUp, "2025-06-11", CaseReportedUpTime, "14:30")},
		{name: "上级 one minute late", r: with(c, CaseReported, "2025-06-11", CaseReportedTime, "09:00", CaseReportedUp, "2025-06-11", CaseReportedUpTime, "14:31"),
			want: []string{"未在24小时内报告上级主管部门（2025-06-11 14:31报告，发现后24小时）"}},
		{name: "同级 the next evening", r: with(c, CaseReported, "2025-06-11", CaseReportedTime, "20:00", CaseReportedUp, "2025-06-11", CaseReportedUpTime, "10:00"),
			want: []string{"未在24小时内报告同级保密行政管理部门（2025-06-11 20:00报告，发现后29小时）"}},
		{name: "上级 not reported", r: with(c, CaseReported, "2025-06-11", CaseReportedTime, "09:00"),
			want: []string{"应在24小时内报告上级主管部门（涉及秘密，2025-06-11 14:30前）"}},
		{name: "a report date without its time, next day", r: with(c, CaseReported, "2025-06-11", CaseReportedUp, "2025-06-11")},
		{name: "a report date without its time, two days on", r: with(c, CaseReported, "2025-06-12", CaseReportedUp, "2025-06-11"),
			want: []string{"未在24小时内报告同级保密行政管理部门（2025-06-12报告）"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := derivedCase(tc.r.Clone(), env)
			var marks []string
			for _, m := range r.Marks {
				if strings.Contains(m.What, "报告") {
					marks = append(marks, m.What)
				}
			}
			if strings.Join(marks, "；") != strings.Join(tc.want, "；") {
				t.Errorf("marks: got %q, want %q", marks, tc.want)
			}
		})
	}
	for _, tc := range []struct{ in, want, err string }{
		{"9:05", "09:05", ""}, {"14：30", "14:30", ""}, {"25:00", "", "时:分"}, {"下午三点", "", "时:分"},
	} {
		fe := Validate(Cases, with(c, CaseFoundTime, tc.in), env)
		if got := with(c, CaseFoundTime, tc.in); tc.err == "" {
			Validate(Cases, got, env)
			if got.Get(CaseFoundTime) != tc.want || fe[CaseFoundTime] != "" {
				t.Errorf("发现时间 %q: got %q, %q; want %q", tc.in, got.Get(CaseFoundTime), fe[CaseFoundTime], tc.want)
			}
		} else if !strings.Contains(fe[CaseFoundTime], tc.err) {
			t.Errorf("发现时间 %q: got error %q, want one saying %q", tc.in, fe[CaseFoundTime], tc.err)
		}
	}
	if fe := Validate(Cases, with(c, CaseReported, "2025-06-10", CaseReportedTime, "10:00"), env); fe[CaseReportedTime] != "报告时间不能早于发现时间" {
		t.Errorf("a report before the 发现时间: got %v", fe)
	}
}

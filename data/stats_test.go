package data

import (
	"strings"
	"testing"
)

func TestStatsProjects(t *testing.T) {
	prj := func(level, status, start string) *Record {
		return rec(PrjName, "项目", PrjLevel, level, PrjStatus, status, PrjStart, start)
	}
	snap := Snapshot{Projects: {
		prj("机密", ProjectRunning, "2025-01-10"),
		prj("机密", ProjectAccepted, "2024-03-01"),
		prj("秘密", ProjectRunning, "2025-05-01"),
		prj("绝密", ProjectBidding, ""),
		prj("秘密", ProjectCancelled, "2023-06-01"),
	}}
	env := testEnv()
	checkStat(t, Projects.Stats(snap[Projects], snap, env, 0), `
涉密项目（按密级、项目状态）
密级|招标中 实施中 已验收 已终止
绝密|1 0 0 0
机密|0 1 1 0
秘密|0 1 0 1
`)
	checkStat(t, Projects.Stats(snap[Projects], snap, env, 2025), `
涉密项目（2025年开始，按密级、项目状态）
密级|招标中 实施中 已验收 已终止
机密|0 1 0 0
秘密|0 1 0 0
`)
	checkStat(t, Projects.Stats(snap[Projects], snap, env, 2022), `
涉密项目（2022年开始，按密级、项目状态）
密级|招标中 实施中 已验收 已终止
`)
}

func TestStatsNetworks(t *testing.T) {
	sys := func(id uint64, level, status string) *Record {
		return withID(rec(NetName, "系统", NetLevel, level, NetDept, "信息中心", NetStatus, status), id, 0)
	}
	eval := func(id, owner uint64, date, conclusion, next string) *Record {
		return withID(rec(EvalDate, date, EvalConclusion, conclusion, EvalNext, next), id, owner)
	}
	snap := Snapshot{
		Networks: {
			sys(1, "绝密", SystemRunning),  // latest 整改后通过, due in 25 days
			sys(2, "机密", SystemRunning),  // latest 未通过, next computed: 2026-01-05
			sys(3, "秘密", SystemRunning),  // never evaluated
			sys(4, "秘密", SystemStopped),  // left out, but its evaluation counts for 2020
			sys(5, "秘密", SystemBuilding), // overdue
			sys(6, "机密", SystemRunning),  // passed, due in 2027
		},
		Evaluations: {
			eval(1, 1, "2023-07-01", "通过", "2024-07-01"),
			eval(2, 1, "2024-07-10", "整改后通过", "2025-07-10"),
			eval(3, 2, "2024-01-05", "未通过", ""),
			eval(4, 4, "2020-01-01", "通过", "2022-01-01"),
			eval(5, 5, "2025-03-01", "通过", "2025-06-01"),
			eval(6, 6, "2025-02-01", "通过", "2027-02-01"),
		},
	}
	env := testEnv()
	const byDue = `
涉密网络测评到期情况（未停用系统，按密级）
测评状态|绝密 机密 秘密
正常|0 2 0
90天内到期|1 0 0
已逾期|0 0 1
无测评记录|0 0 1
`
	checkStat(t, Networks.Stats(snap[Networks], snap, env, 0), `
涉密网络测评结论（未停用系统的最近一次测评，按密级）
测评结论|绝密 机密 秘密
通过|0 1 1
整改后通过|1 0 0
未通过|0 1 0
无测评记录|0 0 1
`, byDue)
	checkStat(t, Networks.Stats(snap[Networks], snap, env, 2024), `
涉密网络测评结论（2024年开展的测评，按密级）
测评结论|绝密 机密 秘密
整改后通过|1 0 0
未通过|0 1 0
`, byDue)
	checkStat(t, Networks.Stats(snap[Networks], snap, env, 2020), `
涉密网络测评结论（2020年开展的测评，按密级）
测评结论|绝密 机密 秘密
通过|0 0 1
`, byDue)

	// The clerk's own 测评结论 list and window.
	st := DefaultSettings()
	st.Lists = map[string][]string{ListConclusions: {"通过", "基本通过", "整改后通过", "未通过"}}
	st.Window = 20
	snap[Evaluations] = append(snap[Evaluations], eval(7, 6, "2025-04-01", "基本通过", "2027-04-01"))
	checkStat(t, Networks.Stats(snap[Networks], snap, Env{Settings: &st, Today: dueToday}, 0), `
涉密网络测评结论（未停用系统的最近一次测评，按密级）
测评结论|绝密 机密 秘密
通过|0 0 1
基本通过|0 1 0
整改后通过|1 0 0
未通过|0 1 0
无测评记录|0 0 1
`, `
涉密网络测评到期情况（未停用系统，按密级）
测评状态|绝密 机密 秘密
正常|1 2 0
已逾期|0 0 1
无测评记录|0 0 1
`)
}

func TestStatsFindings(t *testing.T) {
	ins := func(id uint64, date string) *Record {
		return withID(rec(InsDate, date, InsType, "上级检查", InsInspector, "市国家保密局"), id, 0)
	}
	fnd := func(owner uint64, category, status, deadline string) *Record {
		return withID(rec(FndCategory, category, FndDesc, "问题", FndStatus, status, FndDeadline, deadline), 0, owner)
	}
	snap := Snapshot{
		Inspections: {ins(1, "2025-03-10"), ins(2, "2024-11-01")},
		Findings: {
			fnd(1, "涉密载体管理", FindingOpen, "2025-06-01"), // overdue
			fnd(1, "涉密载体管理", FindingClosed, "2025-04-01"),
			fnd(1, "保密制度", FindingInProgress, "2025-07-01"),
			fnd(1, "保密制度", "", ""), // blank: 待整改
			fnd(2, "涉密载体管理", FindingFixed, "2024-12-01"),
			fnd(2, "互联网使用", FindingInProgress, "2025-01-01"), // overdue
		},
	}
	env := testEnv()
	checkStat(t, Inspections.Stats(snap[Inspections], snap, env, 0), `
检查发现问题（按问题类别、整改状态）
问题类别|待整改 整改中 已整改 已销号
保密制度|1 1 0 0
涉密载体管理|1 0 1 1
互联网使用|0 1 0 0
整改完成率 33.3%（已整改和已销号 2 / 共 6 项），逾期 2 项
`)
	checkStat(t, Inspections.Stats(snap[Inspections], snap, env, 2025), `
检查发现问题（2025年检查，按问题类别、整改状态）
问题类别|待整改 整改中 已整改 已销号
保密制度|1 1 0 0
涉密载体管理|1 0 0 1
整改完成率 25%（已整改和已销号 1 / 共 4 项），逾期 1 项
`)
	checkStat(t, Inspections.Stats(snap[Inspections], snap, env, 2024), `
检查发现问题（2024年检查，按问题类别、整改状态）
问题类别|待整改 整改中 已整改 已销号
涉密载体管理|0 0 1 0
互联网使用|0 1 0 0
整改完成率 50%（已整改和已销号 1 / 共 2 项），逾期 1 项
`)
	checkStat(t, Inspections.Stats(snap[Inspections], snap, env, 2023), `
检查发现问题（2023年检查，按问题类别、整改状态）
问题类别|待整改 整改中 已整改 已销号
`)
}

func TestStatsCases(t *testing.T) {
	c := func(status, found, result string) *Record {
		return rec(CaseStatus, status, CaseFound, found, CaseResult, result, CaseLevel, "秘密")
	}
	snap := Snapshot{Cases: {
		c(CaseInquiry, "2025-05-01", ""),
		c(CaseOpen, "2025-02-01", ""),
		c(CaseDone, "2024-08-01", "处分"),
		c(CaseDone, "2025-01-10", "批评教育"),
		c(CaseDone, "2025-03-01", "批评教育"),
	}}
	env := testEnv()
	checkStat(t, Cases.Stats(snap[Cases], snap, env, 0), `
违规案件（按状态、处理结果）
状态|批评教育 处分 行政处罚 移送监察或司法 不予处理 尚未处理
初查|0 0 0 0 0 1
已立案|0 0 0 0 0 1
已结案|2 1 0 0 0 0
`)
	checkStat(t, Cases.Stats(snap[Cases], snap, env, 2024), `
违规案件（2024年发现，按状态、处理结果）
状态|批评教育 处分 行政处罚 移送监察或司法 不予处理
已结案|0 1 0 0 0
`)
}

func TestStatsTraining(t *testing.T) {
	person := func(id uint64, dept string) *Record {
		return withID(rec(PsnName, "人员", PsnDept, dept, PsnStatus, StatusInPost), id, 0)
	}
	snap := Snapshot{
		Personnel: {person(1, "办公室"), person(2, "办公室"), person(3, "信息中心"), person(4, "")},
		Training: {
			testSession("2025-03-01", "2", "1,2,3"),
			testSession("2025-05-01", "1.5", "1:90,3,9"), // 9 deleted
			testSession("2024-12-01", "4", "2,4"),
			testSession("2025-06-01", "3", ""),
		},
	}
	env := testEnv()
	checkStat(t, Training.Stats(snap[Training], snap, env, 0), `
保密教育培训（按参加人员部门）
部门|场次 人次 学时
办公室|3 4 9.5
信息中心|2 2 3.5
（人员已删除）|1 1 1.5
未填|1 1 4
共举办培训 4 场，8 人次，18.5 学时（一场培训有几个部门人员参加的，各部门各计 1 场次）
`)
	checkStat(t, Training.Stats(snap[Training], snap, env, 2025), `
保密教育培训（2025年，按参加人员部门）
部门|场次 人次 学时
办公室|2 3 5.5
信息中心|2 2 3.5
（人员已删除）|1 1 1.5
共举办培训 3 场，6 人次，10.5 学时（一场培训有几个部门人员参加的，各部门各计 1 场次）
`)
	checkStat(t, Training.Stats(snap[Training], snap, env, 2023), `
保密教育培训（2023年，按参加人员部门）
部门|场次 人次 学时
`)
	// Departments follow the settings' order, not the order of appearance.
	snap[Personnel] = append(snap[Personnel], person(5, "综合处"))
	snap[Training] = append(snap[Training], testSession("2025-06-02", "1.2", "5,3"), testSession("2025-06-03", "2.4", "5"))
	got := Training.Stats(snap[Training], snap, env, 2025)[0]
	if strings.Join(got.Rows, " ") != "办公室 综合处 信息中心 （人员已删除）" {
		t.Errorf("rows: got %v", got.Rows)
	}
	if got := FormatCount(got.Cells[1][2]); got != "3.6" {
		t.Errorf("综合处 学时: got %s, want 3.6", got)
	}
}

func TestStatTotalsAndFormat(t *testing.T) {
	tb := StatTable{Cols: []string{"a", "b"}, Rows: []string{"x", "y"}, Cells: [][]float64{{1, 2}, {3, 4.5}}}
	if tb.RowTotal(1) != 7.5 || tb.ColTotal(0) != 4 || tb.Total() != 10.5 {
		t.Errorf("totals: %v %v %v", tb.RowTotal(1), tb.ColTotal(0), tb.Total())
	}
	for _, tc := range []struct {
		v    float64
		want string
	}{{3, "3"}, {0, "0"}, {2.5, "2.5"}, {0.1 + 0.2, "0.3"}, {1.2 + 2.4, "3.6"}, {12345, "12345"}, {1.125, "1.13"}} {
		if got := FormatCount(tc.v); got != tc.want {
			t.Errorf("FormatCount(%v): got %s, want %s", tc.v, got, tc.want)
		}
	}
	for _, tc := range []struct {
		m, n int
		want string
	}{{1, 3, "33.3%"}, {1, 4, "25%"}, {2, 2, "100%"}, {0, 5, "0%"}, {2, 3, "66.7%"}} {
		if got := percent(tc.m, tc.n); got != tc.want {
			t.Errorf("percent(%d, %d): got %s, want %s", tc.m, tc.n, got, tc.want)
		}
	}
}

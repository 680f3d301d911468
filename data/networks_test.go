package data

import (
	"testing"
)

func TestNextEvaluation(t *testing.T) {
	for _, tc := range []struct {
		level, evaluated, want string
	}{
		{"绝密", "2024-03-01", "2025-03-01"},
		{"机密", "2024-03-01", "2026-03-01"},
		{"秘密", "2024-03-01", "2026-03-01"},
		{"", "2024-03-01", "2026-03-01"},
		{"绝密", "2024-02-29", "2025-02-28"}, // no 29 February: the month's last day
		{"秘密", "2024-02-29", "2026-02-28"},
		{"机密", "2023-02-28", "2025-02-28"},
		{"绝密", "2024-12-31", "2025-12-31"},
	} {
		t.Run(tc.level+tc.evaluated, func(t *testing.T) {
			if got := FormatDate(NextEvaluation(tc.level, StoredDate(tc.evaluated))); got != tc.want {
				t.Errorf("NextEvaluation(%s, %s): got %s, want %s", tc.level, tc.evaluated, got, tc.want)
			}
		})
	}
}

func TestPassing(t *testing.T) {
	for _, tc := range []struct {
		conclusion string
		want       bool
	}{
		{"通过", true}, {"整改后通过", true}, {"复测通过", true},
		{"未通过", false}, {"不通过", false}, {"整改后仍未通过", false}, {"", false}, {"待定", false},
	} {
		if got := Passing(tc.conclusion); got != tc.want {
			t.Errorf("Passing(%q): got %v, want %v", tc.conclusion, got, tc.want)
		}
	}
}

func TestEvaluationCheck(t *testing.T) {
	for _, tc := range []struct {
		name     string
		owner    *Record
		r        *Record
		wantNext string
		want     map[string]string
	}{
		{name: "绝密: a year on", owner: testSystem("绝密", SystemRunning), r: testEvaluation("2024-05-10", "通过"), wantNext: "2025-05-10"},
		{name: "机密: two years on", owner: testSystem("机密", SystemRunning), r: testEvaluation("2024-05-10", "通过"), wantNext: "2026-05-10"},
		{name: "no owner: two years on", r: testEvaluation("2024-05-10", "通过"), wantNext: "2026-05-10"},
		{name: "typed date form", owner: testSystem("绝密", SystemRunning), r: testEvaluation("2024年5月10日", "整改后通过"), wantNext: "2025-05-10"},
		{name: "set by hand kept", owner: testSystem("绝密", SystemRunning), r: with(testEvaluation("2024-05-10", "通过"), EvalNext, "2024-11-30"), wantNext: "2024-11-30"},
		{name: "next not after the evaluation", owner: testSystem("秘密", SystemRunning), r: with(testEvaluation("2024-05-10", "通过"), EvalNext, "2024-05-10"), wantNext: "2024-05-10", want: map[string]string{EvalNext: "下次测评日期应晚于测评日期"}},
		{name: "date required", owner: testSystem("秘密", SystemRunning), r: testEvaluation("", "通过"), want: map[string]string{EvalDate: "请填写测评日期"}},
		{name: "conclusion from the list", owner: testSystem("秘密", SystemRunning), r: testEvaluation("2024-05-10", "基本通过"), wantNext: "2026-05-10", want: map[string]string{EvalConclusion: "应从列表中选择"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := testEnv()
			env.Owner = tc.owner
			checkErrors(t, Validate(Evaluations, tc.r, env), tc.want)
			if got := tc.r.Get(EvalNext); got != tc.wantNext {
				t.Errorf("下次测评日期: got %q, want %q", got, tc.wantNext)
			}
		})
	}
	t.Run("clerk's conclusions", func(t *testing.T) {
		env := testEnv()
		env.Settings.Lists = map[string][]string{ListConclusions: {"通过", "复测通过", "未通过"}}
		checkErrors(t, Validate(Evaluations, testEvaluation("2024-05-10", "复测通过"), env), nil)
		checkErrors(t, Validate(Evaluations, testEvaluation("2024-05-10", "整改后通过"), env), map[string]string{EvalConclusion: "应从列表中选择"})
	})
}

func TestNetworkDerive(t *testing.T) {
	const today = "2025-06-15" // window 90 days: up to 2025-09-13
	ev := func(date, conclusion, next string) *Record {
		return with(testEvaluation(date, conclusion), EvalNext, next)
	}
	for _, tc := range []struct {
		name    string
		system  *Record
		evals   []*Record
		changes []*Record
		want    []string
	}{
		{name: "running, passed, not due", system: testSystem("机密", SystemRunning), evals: []*Record{ev("2024-10-01", "通过", "2026-10-01")}},
		{name: "running, no evaluation", system: testSystem("机密", SystemRunning), want: []string{"运行中但无测评记录"}},
		{name: "running, only failed", system: testSystem("机密", SystemRunning), evals: []*Record{ev("2025-01-01", "未通过", "2027-01-01")}, want: []string{"运行中但无通过的测评"}},
		{name: "running, passed after rectification", system: testSystem("机密", SystemRunning), evals: []*Record{ev("2025-01-01", "整改后通过", "2027-01-01")}},
		{name: "running, latest failed", system: testSystem("机密", SystemRunning), evals: []*Record{ev("2023-01-01", "通过", "2025-01-01"), ev("2025-01-01", "未通过", "2027-01-01")},
			want: []string{"最近一次测评未通过（2025-01-01），应整改后重新测评", "涉密网络下次测评（机密，2025-01-01）"}},
		{name: "a failed 测评 does not put the next off", system: testSystem("机密", SystemRunning), evals: []*Record{ev("2023-07-01", "通过", "2025-07-01"), ev("2025-05-01", "未通过", "2027-05-01")},
			want: []string{"最近一次测评未通过（2025-05-01），应整改后重新测评", "涉密网络下次测评（机密，2025-07-01）"}},
		{name: "passed again after a failure", system: testSystem("机密", SystemRunning), evals: []*Record{ev("2025-03-01", "未通过", "2027-03-01"), ev("2025-05-01", "整改后通过", "2027-05-01")}},
		{name: "a change after the last 测评", system: testSystem("机密", SystemRunning), evals: []*Record{ev("2024-10-01", "通过", "2026-10-01")},
			changes: []*Record{rec(ChgDate, "2024-06-01", ChgWhat, "环境"), rec(ChgDate, "2025-03-01", ChgWhat, "范围"), rec(ChgDate, "2025-05-01", ChgWhat, "密级")},
			want:    []string{"系统变更（范围，2025-03-01）后应重新测评"}},
		{name: "a change before the last 测评", system: testSystem("机密", SystemRunning), evals: []*Record{ev("2024-10-01", "通过", "2026-10-01")},
			changes: []*Record{rec(ChgDate, "2024-06-01", ChgWhat, "环境")}},
		{name: "used before 审查通过", system: with(testSystem("机密", SystemRunning), NetReviewedOn, "2020-05-02"), evals: []*Record{ev("2024-10-01", "通过", "2026-10-01")},
			want: []string{"投入使用（2020-05-01）早于审查通过（2020-05-02）"}},
		{name: "used on the day of 审查通过", system: with(testSystem("机密", SystemRunning), NetReviewedOn, "2020-05-01"), evals: []*Record{ev("2024-10-01", "通过", "2026-10-01")}},
		{name: "stopped without 停用备案", system: testSystem("机密", SystemStopped), evals: []*Record{ev("2020-01-01", "未通过", "2022-01-01")}, want: []string{"已停用未办理停用备案"}},
		{name: "overdue by a day", system: testSystem("机密", SystemRunning), evals: []*Record{ev("2023-06-14", "通过", "2025-06-14")}, want: []string{"涉密网络下次测评（机密，2025-06-14）"}},
		{name: "due today", system: testSystem("机密", SystemRunning), evals: []*Record{ev("2023-06-15", "通过", "2025-06-15")}, want: []string{"涉密网络下次测评（机密，2025-06-15）"}},
		{name: "due tomorrow", system: testSystem("机密", SystemRunning), evals: []*Record{ev("2023-06-16", "通过", "2025-06-16")}, want: []string{"涉密网络下次测评（机密，2025-06-16）"}},
		{name: "due on the window's last day", system: testSystem("机密", SystemRunning), evals: []*Record{ev("2023-09-13", "通过", "2025-09-13")}, want: []string{"涉密网络下次测评（机密，2025-09-13）"}},
		{name: "due the day after the window", system: testSystem("机密", SystemRunning), evals: []*Record{ev("2023-09-14", "通过", "2025-09-14")}},
		{name: "latest by date, not by entry", system: testSystem("机密", SystemRunning), evals: []*Record{ev("2024-10-01", "通过", "2026-10-01"), ev("2022-10-01", "通过", "2024-10-01")}},
		{name: "stopped system left alone", system: with(testSystem("机密", SystemStopped), NetStopped, "2022-02-01"), evals: []*Record{ev("2020-01-01", "未通过", "2022-01-01")}},
		{name: "building system left alone", system: testSystem("机密", SystemBuilding)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sys := tc.system.Clone()
			sys.ID = 7
			for i, e := range tc.evals {
				e.ID, e.OwnerID = uint64(i+1), sys.ID
			}
			other := with(ev("2025-06-01", "未通过", "2025-06-02"), NetName, "")
			other.ID, other.OwnerID = 99, 8 // another system's
			for i, ch := range tc.changes {
				ch.ID, ch.OwnerID = uint64(i+1), sys.ID
			}
			Networks.Derive([]*Record{sys}, Snapshot{Evaluations: append(tc.evals, other), Changes: tc.changes}, envOn(today))
			checkMarks(t, sys, tc.want...)
		})
	}
	t.Run("latest fields", func(t *testing.T) {
		sys := testSystem("秘密", SystemRunning)
		sys.ID = 3
		old := ev("2021-03-01", "整改后通过", "2023-03-01")
		newer := rec(EvalAgency, "省保密科技测评中心", EvalDate, "2023-02-20", EvalReport, "CP2023-0456", EvalConclusion, "通过", EvalNext, "2025-02-20")
		old.ID, old.OwnerID, newer.ID, newer.OwnerID = 2, 3, 1, 3
		Networks.Derive([]*Record{sys}, Snapshot{Evaluations: {old, newer}}, envOn(today))
		for k, want := range map[string]string{
			NetLatestAgency: "省保密科技测评中心", NetLatestDate: "2023-02-20", NetLatestReport: "CP2023-0456",
			NetLatestConclusion: "通过", NetLatestNext: "2025-02-20",
		} {
			if got := sys.Get(k); got != want {
				t.Errorf("%s: got %q, want %q", Networks.Field(k).Label, got, want)
			}
		}
		// A later 测评 that fails is the latest shown, but the 下次测评日期 is
		// still the one the last passing 测评 set.
		failed := rec(EvalDate, "2024-03-01", EvalConclusion, "未通过", EvalNext, "2026-03-01")
		failed.ID, failed.OwnerID = 4, 3
		Networks.Derive([]*Record{sys}, Snapshot{Evaluations: {old, newer, failed}}, envOn(today))
		if got := sys.Get(NetLatestConclusion) + " " + sys.Get(NetLatestNext); got != "未通过 2025-02-20" {
			t.Errorf("after a failed 测评: got %q, want 未通过 2025-02-20", got)
		}
		// Derived again without evaluations: the fields are blank.
		Networks.Derive([]*Record{sys}, Snapshot{}, envOn(today))
		if got := sys.Get(NetLatestDate); got != "" {
			t.Errorf("测评日期 without evaluations: got %q, want blank", got)
		}
	})
}

// TestNetworkStore saves a system and its evaluations through the store and
// loads them with the latest evaluation and the marks filled in.
func TestNetworkStore(t *testing.T) {
	s := mustOpenStore(t) // today 2025-06-15
	sys := testSystem("绝密", SystemRunning)
	mustSave(t, s, Networks, sys)
	e1 := testEvaluation("2023-05-20", "通过")
	e2 := testEvaluation("2024-06-01", "整改后通过")
	e1.OwnerID, e2.OwnerID = sys.ID, sys.ID
	if err := s.SaveAll(Evaluations, []*Record{e1, e2}); err != nil {
		t.Fatalf("SaveAll evaluations: got %v, want nil", err)
	}
	if got := e2.Get(EvalNext); got != "2025-06-01" {
		t.Errorf("下次测评日期 of a 绝密 system: got %q, want 2025-06-01", got)
	}
	recs, err := s.Load(Networks, 0)
	if err != nil || len(recs) != 1 {
		t.Fatalf("Load: got %d, %v, want 1 system", len(recs), err)
	}
	if got := recs[0].Get(NetLatestConclusion); got != "整改后通过" {
		t.Errorf("测评结论: got %q, want 整改后通过", got)
	}
	checkMarks(t, recs[0], "涉密网络下次测评（绝密，2025-06-01）")
	if got := recs[0].Get(NetLatestNext); got != "2025-06-01" {
		t.Errorf("下次测评日期: got %q, want 2025-06-01", got)
	}
	owned, err := s.Load(Evaluations, sys.ID)
	if err != nil || len(owned) != 2 {
		t.Errorf("Load evaluations: got %d, %v, want 2", len(owned), err)
	}
	orphan := testEvaluation("2024-01-01", "通过")
	orphan.OwnerID = 999
	if err := s.Save(Evaluations, orphan); err == nil {
		t.Errorf("Save of an evaluation without its system: got nil, want an error")
	}
}

func testSystem(level, status string) *Record {
	return rec(NetName, "信息中心涉密办公自动化系统", NetLevel, level, NetDept, "信息中心", NetStatus, status, NetInUse, "2020-05-01")
}

func testEvaluation(date, conclusion string) *Record {
	return rec(EvalAgency, "国家保密科技测评中心", EvalDate, date, EvalReport, "CP2024-0001", EvalConclusion, conclusion)
}

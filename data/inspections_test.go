package data

import (
	"errors"
	"strings"
	"testing"
)

func TestFindingCheck(t *testing.T) {
	for _, tc := range []struct {
		name       string
		r          *Record
		wantStatus string
		want       map[string]string
	}{
		{name: "open", r: testFinding(FindingOpen, "2025-04-10"), wantStatus: FindingOpen},
		{name: "blank status is 待整改", r: testFinding("", "2025-04-10"), wantStatus: FindingOpen},
		{name: "销号 without 复查 refused", r: with(testFinding(FindingClosed, "2025-04-10"), FndDone, "2025-04-01"), wantStatus: FindingClosed, want: map[string]string{FndStatus: "只有复查通过才能销号"}},
		{name: "销号 with 复查人 only refused", r: with(testFinding(FindingClosed, "2025-04-10"), FndDone, "2025-04-01", FndChecker, "王建国"), wantStatus: FindingClosed, want: map[string]string{FndStatus: "只有复查通过才能销号"}},
		{name: "复查人 and 复查日期 do not close the finding", r: with(testFinding(FindingInProgress, "2025-04-10"), FndDone, "2025-04-01", FndChecker, "王建国", FndChecked, "2025-04-05"), wantStatus: FindingInProgress},
		{name: "复查人 and 复查日期 without 通过 do not close", r: with(testFinding(FindingClosed, "2025-04-10"), FndDone, "2025-04-01", FndChecker, "王建国", FndChecked, "2025-04-05"), wantStatus: FindingClosed, want: map[string]string{FndStatus: "只有复查通过才能销号"}},
		{name: "销号 after a 复查 未通过 refused", r: with(testFinding(FindingClosed, "2025-04-10"), FndDone, "2025-04-01", FndChecker, "王建国", FndChecked, "2025-04-05", FndVerdict, ReviewFail), wantStatus: FindingClosed, want: map[string]string{FndStatus: "最近一次复查未通过，不能销号"}},
		{name: "复查 通过 without 完成日期", r: with(testFinding(FindingClosed, "2025-04-10"), FndChecker, "王建国", FndChecked, "2025-04-05", FndVerdict, ReviewPass), wantStatus: FindingClosed, want: map[string]string{FndDone: "已销号的问题应填写完成日期"}},
		{name: "复查 通过 before 完成日期", r: with(testFinding(FindingClosed, "2025-04-10"), FndDone, "2025-04-06", FndChecker, "王建国", FndChecked, "2025-04-05", FndVerdict, ReviewPass), wantStatus: FindingClosed, want: map[string]string{FndChecked: "复查日期不能早于完成日期"}},
		{name: "复查 通过 on 完成日期", r: with(testFinding(FindingClosed, "2025-04-10"), FndDone, "2025-04-05", FndChecker, "王建国", FndChecked, "2025-04-05", FndVerdict, ReviewPass), wantStatus: FindingClosed},
		{name: "a 复查 未通过 comes before the new 完成日期", r: with(testFinding(FindingFixed, "2025-04-30"), FndDone, "2025-04-20", FndChecker, "王建国", FndChecked, "2025-04-05", FndVerdict, ReviewFail), wantStatus: FindingFixed},
		{name: "已整改 needs 完成日期", r: testFinding(FindingFixed, "2025-04-10"), wantStatus: FindingFixed, want: map[string]string{FndDone: "已整改的问题应填写完成日期"}},
		{name: "已整改 with 完成日期", r: with(testFinding(FindingFixed, "2025-04-10"), FndDone, "2025-04-01"), wantStatus: FindingFixed},
		{name: "deadline before the inspection", r: testFinding(FindingOpen, "2025-03-09"), wantStatus: FindingOpen, want: map[string]string{FndDeadline: "整改期限不能早于检查日期（2025-03-10）"}},
		{name: "deadline on the inspection day", r: testFinding(FindingOpen, "2025-03-10"), wantStatus: FindingOpen},
		{name: "done before the inspection", r: with(testFinding(FindingFixed, "2025-04-10"), FndDone, "2025-03-01"), wantStatus: FindingFixed, want: map[string]string{FndDone: "完成日期不能早于检查日期"}},
		{name: "description required", r: with(testFinding(FindingOpen, "2025-04-10"), FndDesc, ""), wantStatus: FindingOpen, want: map[string]string{FndDesc: "请填写问题描述"}},
		{name: "category from the 13 items", r: with(testFinding(FindingOpen, "2025-04-10"), FndCategory, "卫生"), wantStatus: FindingOpen, want: map[string]string{FndCategory: "应从列表中选择"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := testEnv()
			env.Owner = testInspection()
			checkErrors(t, Validate(Findings, tc.r, env), tc.want)
			if got := tc.r.Get(FndStatus); got != tc.wantStatus {
				t.Errorf("状态: got %q, want %q", got, tc.wantStatus)
			}
		})
	}
	if len(FindingCategories) != 13 {
		t.Errorf("问题类别: got %d, want the 13 items of 实施条例 art. 58", len(FindingCategories))
	}
}

func TestFindingDerive(t *testing.T) {
	const today = "2025-06-15" // due soon: up to 2025-06-22
	for _, tc := range []struct {
		name        string
		r           *Record
		wantOverdue string
		want        []string
	}{
		{name: "overdue by a day", r: testFinding(FindingInProgress, "2025-06-14"), wantOverdue: "逾期1天", want: []string{findingDue("2025-06-14")}},
		{name: "overdue by 31 days", r: testFinding(FindingOpen, "2025-05-15"), wantOverdue: "逾期31天", want: []string{findingDue("2025-05-15")}},
		{name: "due today", r: testFinding(FindingOpen, "2025-06-15"), want: []string{findingDue("2025-06-15")}},
		{name: "due tomorrow", r: testFinding(FindingOpen, "2025-06-16"), want: []string{findingDue("2025-06-16")}},
		{name: "due on the window's last day", r: testFinding(FindingInProgress, "2025-09-13"), want: []string{findingDue("2025-09-13")}},
		{name: "due just outside the window", r: testFinding(FindingInProgress, "2025-09-14")},
		{name: "已整改 31 days ago, waiting for its 复查", r: with(testFinding(FindingFixed, "2025-05-01"), FndDone, "2025-05-15"),
			want: []string{"已整改待复查销号（2025-05-15完成）：涉密文件登记台账与实物不符"}},
		{name: "past but 已整改", r: with(testFinding(FindingFixed, "2025-06-01"), FndDone, "2025-06-10")},
		{name: "past but 已销号", r: with(testFinding(FindingClosed, "2025-06-01"), FndDone, "2025-05-30", FndChecker, "王建国", FndChecked, "2025-06-02")},
		{name: "due soon but 已整改", r: with(testFinding(FindingFixed, "2025-06-16"), FndDone, "2025-06-10")},
		{name: "no deadline", r: testFinding(FindingOpen, "")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r.Clone()
			r.Set(FndOverdue, "stale")
			Findings.Derive([]*Record{r}, nil, envOn(today))
			if got := r.Get(FndOverdue); got != tc.wantOverdue {
				t.Errorf("逾期: got %q, want %q", got, tc.wantOverdue)
			}
			checkMarks(t, r, tc.want...)
			wantDays := 0
			if tc.wantOverdue != "" {
				wantDays = DaysBetween(StoredDate(tc.r.Get(FndDeadline)), StoredDate(today))
			}
			if got := FindingOverdue(tc.r, StoredDate(today)); got != wantDays {
				t.Errorf("FindingOverdue: got %d, want %d", got, wantDays)
			}
		})
	}
}

func TestInspectionDerive(t *testing.T) {
	const today = "2025-06-15"
	ins := func(id uint64) *Record { r := testInspection(); r.ID = id; return r }
	f := func(owner uint64, r *Record) *Record { r.OwnerID = owner; return r }
	a, b, c := ins(1), ins(2), ins(3)
	findings := []*Record{
		f(1, testFinding(FindingOpen, "2025-06-14")),
		f(1, testFinding(FindingInProgress, "2025-05-01")),
		f(1, with(testFinding(FindingClosed, "2025-04-01"), FndDone, "2025-03-30", FndChecker, "王建国", FndChecked, "2025-04-02")),
		f(1, with(testFinding(FindingFixed, "2025-04-01"), FndDone, "2025-03-30")),
		f(2, testFinding(FindingOpen, "2025-06-15")),
	}
	Inspections.Derive([]*Record{a, b, c}, Snapshot{Findings: findings}, envOn(today))
	for _, tc := range []struct {
		r           *Record
		wantSummary string
		want        []string
	}{
		{a, "4项问题，1项已销号，2项逾期", []string{findingDue("2025-06-14"), findingDue("2025-05-01"), "已整改待复查销号（2025-03-30完成）：涉密文件登记台账与实物不符"}},
		{b, "1项问题，0项已销号，0项逾期", []string{findingDue("2025-06-15")}},
		{c, "0项问题，0项已销号，0项逾期", nil},
	} {
		t.Run(tc.wantSummary, func(t *testing.T) {
			if got := tc.r.Get(InsSummary); got != tc.wantSummary {
				t.Errorf("问题情况: got %q, want %q", got, tc.wantSummary)
			}
			checkMarks(t, tc.r, tc.want...)
		})
	}
}

// TestFindingClosesOnlyByReview follows a finding through the store from
// 待整改 to 已销号: 件件有回音.
func TestFindingClosesOnlyByReview(t *testing.T) {
	s := mustOpenStore(t) // today 2025-06-15
	ins := testInspection()
	mustSave(t, s, Inspections, ins)
	fnd := testFinding("", "2025-06-10")
	fnd.OwnerID = ins.ID
	mustSave(t, s, Findings, fnd)
	if got := fnd.Get(FndStatus); got != FindingOpen {
		t.Errorf("状态 of a new finding: got %q, want 待整改", got)
	}

	load := func() (*Record, *Record) {
		t.Helper()
		inss, err := s.Load(Inspections, 0)
		if err != nil || len(inss) != 1 {
			t.Fatalf("Load inspections: got %d, %v, want 1", len(inss), err)
		}
		fnds, err := s.Load(Findings, ins.ID)
		if err != nil || len(fnds) != 1 {
			t.Fatalf("Load findings: got %d, %v, want 1", len(fnds), err)
		}
		return inss[0], fnds[0]
	}
	gotIns, gotFnd := load()
	if gotIns.Get(InsSummary) != "1项问题，0项已销号，1项逾期" || gotFnd.Get(FndOverdue) != "逾期5天" {
		t.Errorf("overdue: got %q and %q, want 1项逾期 and 逾期5天", gotIns.Get(InsSummary), gotFnd.Get(FndOverdue))
	}
	checkMarks(t, gotFnd, findingDue("2025-06-10"))
	checkMarks(t, gotIns, findingDue("2025-06-10"))

	fnd.Set(FndStatus, FindingClosed)
	fnd.Set(FndDone, "2025-06-12")
	err := s.Save(Findings, fnd)
	var ve *ValidationError
	if !errors.As(err, &ve) || !strings.Contains(ve.Fields[FndStatus], "只有复查通过才能销号") {
		t.Fatalf("Save 已销号 without 复查: got %v, want it refused", err)
	}
	fnd.Set(FndStatus, FindingFixed)
	mustSave(t, s, Findings, fnd)
	gotIns, gotFnd = load()
	if gotIns.Get(InsSummary) != "1项问题，0项已销号，0项逾期" || gotFnd.Get(KeyMarks) != "" {
		t.Errorf("已整改: got %q, marks %q, want 0项已销号, not overdue", gotIns.Get(InsSummary), gotFnd.Get(KeyMarks))
	}
	mustSave(t, s, Reviews, withID(rec(RevDate, "2025-06-14", RevChecker, "王建国", RevVerdict, ReviewPass), 0, fnd.ID))
	gotIns, gotFnd = load()
	if gotFnd.Get(FndStatus) != FindingClosed || gotIns.Get(InsSummary) != "1项问题，1项已销号，0项逾期" {
		t.Errorf("after 复查: got %q, %q, want 已销号 and 1项已销号", gotFnd.Get(FndStatus), gotIns.Get(InsSummary))
	}
	if Inspections.RowSub != Findings {
		t.Errorf("RowSub: got %v, want the findings", Inspections.RowSub)
	}
}

func testInspection() *Record {
	return rec(InsDate, "2025-03-10", InsType, "上级检查", InsInspector, "市国家保密局", InsDoc, "市保函〔2025〕12号")
}

// TestReviewFailsThenPasses: a 复查 that fails is recorded and sends the
// finding back to 整改中 with its new 整改期限; the next one that passes
// closes it; both stay in the 复查记录; deleting the last reopens it, and
// one 撤销 takes a 复查 and what it did to the finding back together.
func TestReviewFailsThenPasses(t *testing.T) {
	s := mustOpenStore(t) // today 2025-06-15
	ins := testInspection()
	mustSave(t, s, Inspections, ins)
	fnd := with(testFinding(FindingFixed, "2025-06-10"), FndDone, "2025-06-01")
	fnd.OwnerID = ins.ID
	mustSave(t, s, Findings, fnd)
	finding := func() *Record {
		t.Helper()
		fnds, err := s.Load(Findings, ins.ID)
		if err != nil || len(fnds) != 1 {
			t.Fatalf("Load findings: got %d, %v, want 1", len(fnds), err)
		}
		return fnds[0]
	}

	fail := withID(rec(RevDate, "2025-06-05", RevChecker, "王建国", RevVerdict, ReviewFail), 0, fnd.ID)
	var ve *ValidationError
	if err := s.Save(Reviews, fail.Clone()); !errors.As(err, &ve) || !strings.Contains(ve.Fields[RevDeadline], "应填写重新整改期限") {
		t.Fatalf("未通过 without a new 期限: got %v, want it refused", err)
	}
	fail.Set(RevDeadline, "2025-06-30")
	mustSave(t, s, Reviews, fail)
	f := finding()
	if got := f.Get(FndStatus) + " " + f.Get(FndDeadline) + " " + f.Get(FndVerdict); got != "整改中 2025-06-30 未通过" {
		t.Errorf("after 未通过: got %q, want 整改中 2025-06-30 未通过", got)
	}
	checkMarks(t, f, "复查未通过，重新整改期限2025-06-30："+findingName(f))

	f.Set(FndStatus, FindingClosed)
	if err := s.Save(Findings, f); !errors.As(err, &ve) || !strings.Contains(ve.Fields[FndStatus], "最近一次复查未通过") {
		t.Fatalf("销号 by hand after 未通过: got %v, want it refused", err)
	}
	f.Set(FndStatus, FindingFixed)
	f.Set(FndDone, "2025-06-12")
	mustSave(t, s, Findings, f)

	pass := withID(rec(RevDate, "2025-06-14", RevChecker, "李四", RevVerdict, ReviewPass), 0, fnd.ID)
	mustSave(t, s, Reviews, pass)
	f = finding()
	if got := f.Get(FndStatus) + " " + f.Get(FndChecker) + " " + f.Get(FndChecked) + " " + f.Get(FndVerdict); got != "已销号 李四 2025-06-14 通过" {
		t.Errorf("after 通过: got %q, want 已销号 李四 2025-06-14 通过", got)
	}
	if got, want := f.Get(FndReviews), "2025-06-05 王建国 未通过（重新整改期限2025-06-30）；2025-06-14 李四 通过"; got != want {
		t.Errorf("复查记录: got %q, want %q", got, want)
	}

	tx, err := s.LastTx()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(tx); err != nil {
		t.Fatalf("Undo the 通过: %v", err)
	}
	if got := finding().Get(FndStatus); got != FindingFixed {
		t.Errorf("after undoing the 通过: got %q, want 已整改", got)
	}
	if revs, _ := s.SubRecords(Reviews, fnd.ID); len(revs) != 1 {
		t.Errorf("复查 after undo: got %d, want 1", len(revs))
	}

	again := withID(rec(RevDate, "2025-06-14", RevChecker, "李四", RevVerdict, ReviewPass), 0, fnd.ID)
	mustSave(t, s, Reviews, again)
	if got := finding().Get(FndStatus); got != FindingClosed {
		t.Errorf("after the 通过 again: got %q, want 已销号", got)
	}
	if err := s.Delete(Reviews, again.ID); err != nil {
		t.Fatal(err)
	}
	if got := finding().Get(FndStatus); got != FindingFixed {
		t.Errorf("after deleting the 通过: got %q, want 已整改", got)
	}
	mustSave(t, s, Reviews, withID(rec(RevDate, "2025-06-14", RevChecker, "李四", RevVerdict, ReviewPass), 0, fnd.ID))
	if err := s.Delete(Findings, fnd.ID); err != nil {
		t.Fatal(err)
	}
	if revs, _ := s.List(Reviews); len(revs) != 0 {
		t.Errorf("复查 of a deleted finding: got %d, want none", len(revs))
	}
}

// TestReviewPassNeedsDone: a 复查 cannot pass a finding not yet 整改完成.
func TestReviewPassNeedsDone(t *testing.T) {
	env := testEnv()
	env.Owner = testFinding(FindingInProgress, "2025-06-10")
	checkErrors(t, Validate(Reviews, rec(RevDate, "2025-06-14", RevChecker, "李四", RevVerdict, ReviewPass), env),
		map[string]string{RevVerdict: "尚未填写完成日期"})
	env.Owner.Set(FndDone, "2025-06-12")
	checkErrors(t, Validate(Reviews, rec(RevDate, "2025-06-11", RevChecker, "李四", RevVerdict, ReviewPass), env),
		map[string]string{RevDate: "不能早于问题的完成日期"})
	checkErrors(t, Validate(Reviews, rec(RevDate, "2025-06-14", RevChecker, "李四", RevVerdict, ReviewFail, RevDeadline, "2025-06-13"), env),
		map[string]string{RevDeadline: "应晚于复查日期"})
}

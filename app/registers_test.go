package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

func TestProjectWarnsAndMarksSecondGradeOnTopSecret(t *testing.T) {
	u := newTestUI(t)
	v := u.View("projects")
	f := newRecord(t, v, [][2]string{
		{data.PrjName, "机要系统集成项目"}, {data.PrjLevel, "绝密"}, {"category", "服务"},
		{data.PrjDept, "办公室"}, {data.PrjContractor, "某某信息技术有限公司"},
		{data.PrjQualGrade, "乙级"}, {data.PrjStatus, data.ProjectBidding},
	})
	if u.warning == nil || u.form != f {
		t.Fatal("乙级 on a 绝密 project was saved without asking")
	}
	if len(v.shown) != 0 {
		t.Fatalf("rows before confirming: %d", len(v.shown))
	}
	tapButton(t, u.win, "确认已记录在案并保存")
	if u.form != nil {
		t.Fatalf("form still open after confirming: %q", f.status.Text)
	}
	if m := markOf(t, v, data.PrjName, "机要系统集成项目"); !strings.Contains(m, "乙级") {
		t.Errorf("mark: got %q, want the 乙级/绝密 reason", m)
	}
}

func TestProjectWithoutAgreementIsMarked(t *testing.T) {
	u := newTestUI(t)
	v := u.View("projects")
	newRecord(t, v, [][2]string{
		{data.PrjName, "档案数字化加工"}, {data.PrjLevel, "秘密"}, {"category", "服务"},
		{data.PrjDept, "办公室"}, {data.PrjContractor, "某某档案公司"}, {data.PrjQualGrade, "甲级"},
		{data.PrjStart, "2026-10-01"}, {data.PrjStatus, data.ProjectRunning},
	})
	if m := markOf(t, v, data.PrjName, "档案数字化加工"); !strings.Contains(m, "保密协议") {
		t.Errorf("mark: got %q, want 未签订保密协议", m)
	}
}

func TestNetworkHistoryAndNextEvaluation(t *testing.T) {
	u := newTestUI(t)
	v := u.View("networks")
	newRecord(t, v, [][2]string{
		{data.NetName, "机要办公网"}, {data.NetLevel, "绝密"}, {data.NetDept, "信息中心"}, {data.NetStatus, "运行中"},
	})
	if m := markOf(t, v, data.NetName, "机要办公网"); !strings.Contains(m, "运行中但无测评记录") {
		t.Fatalf("mark without evaluation: got %q", m)
	}
	v.list.Select(widget.TableCellID{Row: 0, Col: 1})
	test.Tap(v.buttons["编辑"])
	system := u.form
	ev := system.subs["networks.evaluations"]
	newRecord(t, ev, [][2]string{{data.EvalAgency, "某测评中心"}, {data.EvalDate, "2026年3月1日"}, {data.EvalConclusion, "通过"}})
	if u.form != system {
		t.Fatal("evaluation form did not close")
	}
	if got := ev.shown[0].Get(data.EvalNext); got != "2027-03-01" {
		t.Errorf("下次测评日期 of a 绝密 system: got %q, want 2027-03-01", got)
	}
	system.close()
	r := v.shown[0]
	if r.Get(data.NetLatestConclusion) != "通过" || r.Get(data.NetLatestNext) != "2027-03-01" {
		t.Errorf("latest shown: 结论 %q, 下次 %q", r.Get(data.NetLatestConclusion), r.Get(data.NetLatestNext))
	}
	if m := r.Get(data.KeyMarks); m != "" {
		t.Errorf("mark after a passing evaluation: %q", m)
	}
}

func TestInspectionFindingsDrillDown(t *testing.T) {
	u := newTestUI(t)
	v := u.View("inspections")
	newRecord(t, v, [][2]string{
		{data.InsDate, "2026-09-01"}, {data.InsType, "上级检查"}, {data.InsInspector, "市保密局"}, {data.InsDept, "办公室"},
	})
	v.list.Select(widget.TableCellID{Row: 0, Col: 1})
	test.Tap(v.buttons["编辑"])
	insp := u.form
	fv := insp.subs["inspections.findings"]
	if fv == nil {
		t.Fatal("no 问题 tab in the inspection")
	}
	newRecord(t, fv, [][2]string{
		{data.FndCategory, "涉密载体管理"}, {data.FndDesc, "涉密文件未登记"}, {data.FndDept, "办公室"}, {data.FndDeadline, "2026-10-31"},
	})
	newRecord(t, fv, [][2]string{
		{data.FndCategory, "保密制度"}, {data.FndDesc, "制度未更新"}, {data.FndDeadline, "2026-12-31"},
	})
	if len(fv.shown) != 2 {
		t.Fatalf("findings: got %d, want 2", len(fv.shown))
	}
	if got := markOf(t, fv, data.FndDesc, "涉密文件未登记"); got != "整改期限2026-10-31（涉密载体管理）：涉密文件未登记" {
		t.Errorf("overdue finding mark: got %q", got)
	}
	// Only a 复查 closes a finding: choosing 已销号 alone is refused.
	fv.list.Select(widget.TableCellID{Row: 1, Col: 1})
	test.Tap(fv.buttons["编辑"])
	ff := u.form
	fill(t, ff, [][2]string{{data.FndStatus, "已销号"}})
	test.Tap(ff.save)
	if u.form != ff || ff.inputs[data.FndStatus].errText.Text == "" && ff.inputs[data.FndChecker].errText.Text == "" {
		t.Fatalf("已销号 without 复查 was accepted: %q", ff.status.Text)
	}
	// The 复查 is recorded in the finding's 复查记录: one 未通过 sends it
	// back to 整改中 with a new 期限, shown at once in the open form; the
	// next, 通过, closes it. Both stay on record.
	saveAndReopen := func(values [][2]string) (*recordForm, *registerView) {
		t.Helper()
		fill(t, ff, values)
		test.Tap(ff.save)
		if u.form != insp {
			t.Fatalf("finding not saved: %q", ff.status.Text)
		}
		fv.list.Select(widget.TableCellID{Row: 1, Col: 1})
		test.Tap(fv.buttons["编辑"])
		rv := u.form.subs["inspections.findings.reviews"]
		if rv == nil {
			t.Fatal("no 复查记录 tab in the finding")
		}
		return u.form, rv
	}
	ff, rv := saveAndReopen([][2]string{{data.FndStatus, "已整改"}, {data.FndDone, "2026-11-20"}})
	newRecord(t, rv, [][2]string{{data.RevDate, "2026-11-22"}, {data.RevChecker, "李四"}, {data.RevVerdict, "未通过"}, {data.RevDeadline, "2026-12-15"}})
	if got := ff.inputs[data.FndStatus].value() + " " + ff.inputs[data.FndDeadline].value() + " " + ff.fixed[data.FndVerdict].Text; got != "整改中 2026-12-15 未通过" {
		t.Errorf("finding form after 未通过: got %q, want 整改中 2026-12-15 未通过", got)
	}
	if got := markOf(t, fv, data.FndDesc, "制度未更新"); got != "复查未通过，重新整改期限2026-12-15：制度未更新" {
		t.Errorf("finding mark after 未通过: got %q", got)
	}
	// The form's 保存 keeps what the 复查 did; the 整改 is then done again.
	ff, _ = saveAndReopen(nil)
	if got := ff.inputs[data.FndStatus].value(); got != data.FindingInProgress {
		t.Errorf("after 保存 of the finding form: got %q, want 整改中", got)
	}
	ff, rv = saveAndReopen([][2]string{{data.FndStatus, "已整改"}, {data.FndDone, "2026-11-24"}})
	newRecord(t, rv, [][2]string{{data.RevDate, "2026-11-25"}, {data.RevChecker, "王五"}, {data.RevVerdict, "通过"}})
	if got := ff.inputs[data.FndStatus].value(); got != data.FindingClosed {
		t.Errorf("finding form after 通过: got %q, want 已销号", got)
	}
	if len(rv.shown) != 2 {
		t.Errorf("复查记录: got %d, want 2", len(rv.shown))
	}
	ff.close()
	insp.close()
	if got := v.shown[0].Get(data.InsSummary); !strings.Contains(got, "2项问题") || !strings.Contains(got, "1项已销号") || !strings.Contains(got, "1项逾期") {
		t.Errorf("summary: got %q, want 2 findings, 1 closed, 1 overdue", got)
	}
}

func TestCaseReportedLateIsMarked(t *testing.T) {
	u := newTestUI(t)
	v := u.View("cases")
	newRecord(t, v, [][2]string{
		{data.CaseSource, "检查发现"}, {data.CaseFound, "2026-11-01"}, {data.CaseLevel, "秘密"},
		{data.CaseType, "涉密载体丢失"}, {data.CaseSummary, "一份秘密级文件遗失"}, {data.CaseReported, "2026-11-05"},
		{data.CaseStatus, data.CaseInquiry},
	})
	if m := markOf(t, v, data.CaseSummary, "一份秘密级文件遗失"); !strings.Contains(m, "24小时") {
		t.Errorf("mark: got %q, want the 24-hour report rule", m)
	}
}

func TestTrainingAttendeesFromPersonnel(t *testing.T) {
	u := newTestUI(t)
	pv := u.View("personnel")
	addPerson(t, pv, "王五", "11010519491231002X", "办公室", "核心")
	addPerson(t, pv, "赵六", "110105198001010016", "信息中心", "一般")
	v := u.View("training")
	test.Tap(v.buttons["新增"])
	f := u.form
	fill(t, f, [][2]string{{data.TrnDate, "2026-06-01"}, {data.TrnTopic, "保密法专题讲座"}, {data.TrnForm, "专题讲座"}, {data.TrnHours, "2"}})
	in := f.inputs[data.TrnAttendees].people
	in.onPick()
	pk := in.picker
	test.Type(pk.search, "赵")
	if len(pk.found) != 1 {
		t.Fatalf("search 赵: got %d persons, want 1", len(pk.found))
	}
	pk.toggle(pk.found[0].ID, true)
	pk.onOK()
	test.Tap(f.save)
	if u.form != nil {
		t.Fatalf("training not saved: %q", f.status.Text)
	}
	if got := v.shown[0].Get(data.TrnNames); got != "赵六" {
		t.Errorf("attendees shown: got %q, want 赵六", got)
	}
	// The open 涉密人员 table follows at once: 赵六 attended a training,
	// 王五 did not.
	const untrained = "在岗未参加岗前保密教育培训"
	if m := markOf(t, pv, data.PsnName, "赵六"); strings.Contains(m, untrained) {
		t.Errorf("赵六 after the session: %q", m)
	}
	if m := markOf(t, pv, data.PsnName, "王五"); !strings.Contains(m, untrained) {
		t.Errorf("王五, not at the session: %q, want %q", m, untrained)
	}
	// The person's page lists the session and the year's hours.
	pv = u.View("personnel")
	for i, r := range pv.shown {
		if r.Get(data.PsnName) == "赵六" {
			pv.list.Select(widget.TableCellID{Row: i, Col: 1})
		}
	}
	test.Tap(pv.buttons["编辑"])
	if got := u.form.trainingHead.Text; !strings.Contains(got, "2026 年参加培训学时：2") || !strings.Contains(got, "共参加 1 次") {
		t.Errorf("赵六's 保密教育培训 page: got %q", got)
	}
}

func TestHomeOpensRecordAndTitleCountsOverdue(t *testing.T) {
	u := newTestUI(t)
	pv := u.View("personnel")
	addPerson(t, pv, "王五", "11010519491231002X", "办公室", "核心")
	if !strings.Contains(u.win.Title(), "1 项逾期") { // 核心: a yearly 复审, none since 2020
		t.Fatalf("title with the 复审 overdue: %q", u.win.Title())
	}
	pv.list.Select(widget.TableCellID{Row: 0, Col: 1})
	test.Tap(pv.buttons["编辑"])
	fill(t, u.form, [][2]string{{data.PsnReviewed, "2026-06-01"}})
	test.Tap(u.form.save)
	if strings.Contains(u.win.Title(), "逾期") {
		t.Fatalf("title after the 复审: %q", u.win.Title())
	}
	// 核心: a 3-year 脱密期 from 2023-11-25 ended yesterday.
	pv.list.Select(widget.TableCellID{Row: 0, Col: 1})
	test.Tap(pv.buttons["离岗"])
	u.leave.left.SetText("2023-11-25")
	u.leave.reason.SetSelected("调离")
	test.Tap(u.leave.confirmed)
	if got := u.win.Title(); !strings.Contains(got, "1 项逾期") {
		t.Errorf("title after a 脱密期 ended: got %q, want 1 项逾期", got)
	}

	u.selectNav(navHomeKey)
	h := u.home
	if len(h.shown) != 1 || !strings.Contains(h.shown[0].What, "脱密期") || h.shown[0].Days != -1 {
		t.Fatalf("home list: %+v", h.shown)
	}
	// A click on an ended 脱密期 asks: open the record, or 转为已脱密.
	h.list.Select(widget.TableCellID{Row: 0, Col: 1})
	if h.ask == nil {
		t.Fatal("no question for an ended 脱密期")
	}
	tapButton(t, u.win, "打开记录")
	if u.current != "personnel" || u.form == nil || u.form.rec.Get(data.PsnName) != "王五" {
		t.Fatalf("opened: screen %q, form %v", u.current, u.form != nil)
	}
	u.form.close()

	u.selectNav(navHomeKey)
	h.list.Select(widget.TableCellID{Row: 0, Col: 1})
	tapButton(t, u.win, "转为已脱密")
	if len(h.shown) != 0 || strings.Contains(u.win.Title(), "逾期") {
		t.Errorf("after 转为已脱密: %d items, title %q", len(h.shown), u.win.Title())
	}
	p, _ := u.store.List(data.Personnel)
	if p[0].Get(data.PsnStatus) != data.StatusDeclassed {
		t.Errorf("status: got %q", p[0].Get(data.PsnStatus))
	}

	// Any other line opens its record at once: a 复审 overdue since 2021.
	addPerson(t, u.View("personnel"), "赵六", "110105198001010016", "信息中心", "核心")
	u.selectNav(navHomeKey)
	if len(h.shown) != 1 || !strings.Contains(h.shown[0].What, "复审") {
		t.Fatalf("home list: %+v", h.shown)
	}
	h.list.Select(widget.TableCellID{Row: 0, Col: 3})
	if u.form == nil || u.form.rec.Get(data.PsnName) != "赵六" {
		t.Fatal("a click on the 复审 line did not open 赵六")
	}
}

func TestDueListAndStatsExport(t *testing.T) {
	u := newTestUI(t)
	pv := u.View("personnel")
	addPerson(t, pv, "王五", "11010519491231002X", "办公室", "核心")
	addPerson(t, pv, "赵六", "110105198001010016", "信息中心", "一般")

	u.selectNav(navHomeKey)
	test.Tap(u.home.export)
	d := u.export
	f := exportAndOpen(t, d)
	rows, _ := f.GetRows("到期提醒清单")
	if got, want := len(rows)-5, len(u.home.shown); got != want || want == 0 {
		t.Errorf("到期提醒清单 lines: got %d, want %d", got, want)
	}

	u.selectNav(navStatsKey)
	u.stats.year.SetSelected("全部年度")
	if len(u.stats.tables) == 0 || u.stats.tables[0].Total() != 2 {
		t.Fatalf("统计: %d tables, first total %v", len(u.stats.tables), u.stats.tables[0].Total())
	}
	test.Tap(u.stats.exportButton)
	d = u.export
	f = exportAndOpen(t, d)
	if got := len(f.GetSheetList()); got <= len(u.stats.tables) {
		t.Errorf("年度统计 sheets: got %d, want the %d tables and their charts", got, len(u.stats.tables))
	}
}

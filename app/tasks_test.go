package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
	"baomi/taizhang/data/xlsx"
)

// TestTaskClosedNeedsResultInForm: the form refuses 已办结 without 办结日期
// and 落实情况, beside their fields, and saves once they are given.
func TestTaskClosedNeedsResultInForm(t *testing.T) {
	u := newTestUI(t)
	v := u.View("tasks")
	f := newRecord(t, v, [][2]string{
		{data.TaskTitle, "组织开展本年度在岗涉密人员保密复审"}, {data.TaskSource, "保密委员会会议"},
		{data.TaskAssigned, "2026-10-09"}, {data.TaskDept, "综合处"}, {data.TaskStatus, data.TaskClosed},
	})
	if u.form != f || len(v.shown) != 0 {
		t.Fatalf("已办结 without 办结日期 was saved: %d rows", len(v.shown))
	}
	if got := f.inputs[data.TaskResult].errText.Text; !strings.Contains(got, "已办结的事项应填写落实情况") {
		t.Errorf("落实情况 error: got %q", got)
	}
	fill(t, f, [][2]string{{data.TaskDone, "2026-11-20"}, {data.TaskResult, "已完成复审，复审表归档"}})
	test.Tap(f.save)
	if u.form != nil || len(v.shown) != 1 {
		t.Fatalf("not saved: %q", f.status.Text)
	}
}

// TestTaskOverdueInTableAndHome: an item past its 完成时限 is marked in the
// table and listed on 首页 with the same words; the 督办通知单 of the
// selected item prints it.
func TestTaskOverdueInTableAndHome(t *testing.T) {
	u := newTestUI(t)
	v := u.View("tasks")
	newRecord(t, v, [][2]string{
		{data.TaskTitle, "整改检查反馈的涉密载体清点不及时问题"}, {data.TaskSource, "上级检查反馈"},
		{data.TaskAssigned, "2026-10-09"}, {data.TaskDept, "办公室"}, {data.TaskDeadline, "2026-11-20"},
		{data.TaskStatus, data.TaskActive},
	})
	const want = "逾期未办结（完成时限2026-11-20）"
	if m := markOf(t, v, data.TaskDept, "办公室"); !strings.Contains(m, want) {
		t.Errorf("提示: got %q, want %q", m, want)
	}
	u.selectNav(navHomeKey)
	found := false
	for _, it := range u.home.shown {
		found = found || (it.Register == data.Tasks && it.What == want && it.Overdue())
	}
	if !found {
		t.Errorf("首页: no overdue line %q among %d", want, len(u.home.shown))
	}

	u.selectNav("tasks")
	v.list.UnselectAll()
	v.setSelection(-1)
	if !v.buttons[noticeButton].Disabled() {
		t.Error("督办通知单 enabled without a selection")
	}
	v.selectID(v.shown[0].ID)
	if v.buttons[noticeButton].Disabled() {
		t.Error("督办通知单 disabled with a row selected")
	}
	test.Tap(v.buttons[noticeButton])
	d := u.export
	if d == nil || d.notice == nil {
		t.Fatal("督办通知单 opened no export dialog")
	}
	f := exportAndOpen(t, d)
	rows, _ := f.GetRows(xlsx.NoticeName)
	if got := strings.Join(rows[4], "|"); got != "督办事项|整改检查反馈的涉密载体清点不及时问题" {
		t.Errorf("督办事项 row: got %q", got)
	}
	test.Tap(v.buttons[noticeButton])
	u.export.notice.SetSelected("办公室全部未办结事项")
	f = exportAndOpen(t, u.export)
	rows, _ = f.GetRows(xlsx.NoticeName)
	if got := rows[2][0]; !strings.HasPrefix(got, "致：办公室（未办结督办事项 1 项）") {
		t.Errorf("department notice: got %q", got)
	}
}

// TestDisclosureWarnsWhenPublishedUnreviewed: saving an item published
// without a review asks for confirmation, then marks the row.
func TestDisclosureWarnsWhenPublishedUnreviewed(t *testing.T) {
	u := newTestUI(t)
	v := u.View("disclosures")
	f := newRecord(t, v, [][2]string{
		{data.DscName, "2026年部门决算公开说明"}, {data.DscChannel, "门户网站"}, {data.DscDept, "办公室"},
		{data.DscSubmitted, "2026-11-02"}, {data.DscPublished, "2026-11-03"},
	})
	if u.warning == nil || u.form != f {
		t.Fatal("published without a review was saved without asking")
	}
	tapButton(t, u.win, "确认已记录在案并保存")
	if u.form != nil {
		t.Fatalf("form still open after confirming: %q", f.status.Text)
	}
	if m := markOf(t, v, data.DscDept, "办公室"); m != "未经保密审查即公开" {
		t.Errorf("提示: got %q", m)
	}
}

// TestFeedbackAnswersSilentTask: an item 推进中 with no 反馈 since it was
// handed over is 久无回音 until a 进展反馈 is entered inside its form.
func TestFeedbackAnswersSilentTask(t *testing.T) {
	u := newTestUI(t)
	v := u.View("tasks")
	newRecord(t, v, [][2]string{
		{data.TaskTitle, "清查清退过期涉密文件资料"}, {data.TaskSource, "本单位安排"},
		{data.TaskAssigned, "2026-09-01"}, {data.TaskDept, "综合处"}, {data.TaskStatus, data.TaskActive},
	})
	if m := markOf(t, v, data.TaskDept, "综合处"); m != "久无回音：超过30天无进展反馈（交办后未反馈）" {
		t.Fatalf("提示 before any 反馈: got %q", m)
	}
	v.selectID(v.shown[0].ID)
	test.Tap(v.buttons["编辑"])
	task := u.form
	fv := task.subs[data.TaskFeedback.Key]
	if fv == nil {
		t.Fatal("no 进展反馈 tab in the item's form")
	}
	test.Tap(fv.buttons["新增"])
	ff := u.form
	fill(t, ff, [][2]string{{data.FeedbackDate, "2026-08-31"}, {data.FeedbackText, "已完成清查，正在办理清退"}})
	test.Tap(ff.save)
	if u.form != ff || !strings.Contains(ff.inputs[data.FeedbackDate].errText.Text, "反馈日期不能早于交办日期") {
		t.Fatal("a 反馈 dated before the 交办日期 was accepted")
	}
	typeInto(t, ff, data.FeedbackDate, "2026-11-20")
	test.Tap(ff.save)
	if u.form != task {
		t.Fatalf("反馈 form still open: %q", ff.status.Text)
	}
	if m := markOf(t, v, data.TaskDept, "综合处"); m != "" {
		t.Errorf("提示 after a 反馈: got %q, want none", m)
	}
	if got := v.shown[0].Get(data.TaskLastFeedback); got != "2026-11-20" {
		t.Errorf("最近反馈: got %q", got)
	}
}

// TestNoticeDialogFitsAndClosesWithEsc: the 督办通知单 dialog fits
// 1280×720 and Esc closes it, like every other dialog.
func TestNoticeDialogFitsAndClosesWithEsc(t *testing.T) {
	u := newDemoUI(t, 30)
	v := u.View("tasks")
	v.list.Select(widget.TableCellID{Row: 0, Col: 1})
	test.Tap(v.buttons[noticeButton])
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("督办通知单 opened no dialog")
	}
	if s := top.MinSize(); s.Width > 1280 || s.Height > 720 {
		t.Errorf("督办通知单 dialog needs %.0f×%.0f, more than 1280×720", s.Width, s.Height)
	}
	press(u, fyne.KeyEscape)
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("Esc left %T open", top)
	}
}

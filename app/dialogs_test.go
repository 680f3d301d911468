package app

// Tests of the dialogs: Esc closes them, settings errors, the export save dialog, the leave dialog.

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

func TestEscClosesEveryDialog(t *testing.T) {
	u := newDemoUI(t, 30)
	v := u.View("personnel")
	v.list.Select(widget.TableCellID{Row: 0, Col: 1})
	top := func() fyne.CanvasObject { return u.win.Canvas().Overlays().Top() }
	for _, c := range []struct {
		name string
		open func()
	}{
		{"导出Excel", func() { test.Tap(v.buttons["导出Excel"]) }},
		{"导出Excel, typing 保密期限", func() {
			test.Tap(v.buttons["导出Excel"])
			u.win.Canvas().Focus(u.export.period)
		}},
		{"离岗", func() { test.Tap(v.buttons["离岗"]) }},
		{"离岗, typing the date", func() {
			test.Tap(v.buttons["离岗"])
			u.win.Canvas().Focus(u.leave.left)
		}},
		{"删除", func() { test.Tap(v.buttons["删除"]) }},
		{"关于", func() { u.menuItem("关于保密台账").Action() }},
		{"使用说明 (F1 in the table)", func() { u.win.Canvas().Focus(v.list); press(u, fyne.KeyF1) }},
		{"使用说明 (F1)", func() { u.win.Canvas().Unfocus(); press(u, fyne.KeyF1) }},
		{"选择参加人员", func() {
			u.View("training")
			tv := u.views["training"]
			test.Tap(tv.buttons["新增"])
			test.Tap(u.form.inputs["attendees"].people.content.(*fyne.Container).Objects[1].(*widget.Button))
			u.win.Canvas().Focus(u.form.inputs["attendees"].people.picker.search)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.open()
			if top() == nil {
				t.Fatal("no dialog opened")
			}
			for i := 0; i < 3 && top() != nil; i++ { // a picker over a form: Esc twice
				press(u, fyne.KeyEscape)
			}
			if top() != nil {
				t.Errorf("Esc left %T open", top())
			}
			u.form = nil
			u.View("personnel")
		})
	}
}

func TestSettingsErrorsAtTheirField(t *testing.T) {
	u := newTestUI(t)
	u.selectNav(navSettingsKey)
	s := u.settings
	level := data.Levels[0]
	s.declass[level].SetText("abc")
	s.window.SetText("0")
	test.Tap(s.saveButton)
	if got := s.errs[s.declass[level]].Text; !strings.Contains(got, "整数") {
		t.Errorf("脱密期 %s: error %q at the field, want 整数", level, got)
	}
	if got := s.errs[s.window].Text; !strings.Contains(got, "1至366") {
		t.Errorf("提醒天数: error %q at the field", got)
	}
	if got := s.errs[s.review[level]].Text; got != "" {
		t.Errorf("复审周期 %s is valid but shows %q", level, got)
	}
	st, _ := u.store.Settings()
	if st.Window == 0 {
		t.Error("invalid settings were saved")
	}
	s.declass[level].SetText("5")
	s.window.SetText("60")
	test.Tap(s.saveButton)
	if s.errs[s.declass[level]].Text != "" || s.errs[s.window].Text != "" {
		t.Error("errors stay after the fix")
	}
	if st, _ := u.store.Settings(); st.Window != 60 || st.Declass[level] != 5 {
		t.Errorf("saved: window %d, declass %d", st.Window, st.Declass[level])
	}
}

func TestExportSavesThroughAChineseDialog(t *testing.T) {
	u := newDemoUI(t, 30)
	dir := t.TempDir()
	u.app.Preferences().SetString(prefExportDir, dir)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	v := u.View("personnel")
	test.Tap(v.buttons["导出Excel"])
	tapButton(t, u.win, "选择保存位置…")
	s := u.export.saver
	if s == nil || s.dir != dir {
		t.Fatalf("save dialog: %v", s)
	}
	for _, txt := range texts(u.win.Canvas().Overlays().Top()) {
		if txt == s.dir || txt == s.name.Text || txt == "sub" || txt == "" {
			continue // the folder, the file name, a folder's name
		}
		txt = strings.ReplaceAll(txt, "Excel", "") // a name, as in the toolbar's 导出Excel
		if strings.ContainsFunc(txt, func(r rune) bool { return r < 128 && (r|0x20 >= 'a' && r|0x20 <= 'z') }) {
			t.Errorf("English in the save dialog: %q", txt)
		}
	}
	s.name.SetText("人员")
	test.Tap(s.save)
	if err := <-u.export.done; err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "人员.xlsx")); err != nil {
		t.Fatalf("not written: %v", err)
	}
	if got := texts(u.win.Canvas().Overlays().Top()); !slices.Contains(got, "打开") || !slices.Contains(got, "关闭") {
		t.Errorf("导出完成 dialog: %q", got)
	}
	u.escape()
	// Again: the file exists, 保存 asks before replacing it.
	test.Tap(v.buttons["导出Excel"])
	tapButton(t, u.win, "选择保存位置…")
	s = u.export.saver
	s.name.SetText("人员.xlsx")
	test.Tap(s.save)
	if got := texts(u.win.Canvas().Overlays().Top()); !slices.Contains(got, "替换") {
		t.Fatalf("no question before replacing: %q", got)
	}
	u.escape()
	if s.list.Length() != 2 { // sub and 人员.xlsx
		t.Errorf("entries: got %d, want 2", s.list.Length())
	}
}

func TestLeaveDialogHintKeepsNumberWithUnit(t *testing.T) {
	u := newDemoUI(t, 30)
	v := u.View("personnel")
	v.list.Select(widget.TableCellID{Row: 0, Col: 1})
	test.Tap(v.buttons["离岗"])
	h := u.leave.hint
	years := u.leave.person.Get(data.PsnLevel)
	st, _ := u.store.Settings()
	want := "默认脱密期" + strconv.Itoa(st.Declass[years]) + "个月"
	if !strings.Contains(h.Text, want) {
		t.Errorf("hint %q, want %q", h.Text, want)
	}
	if h.Wrapping != fyne.TextWrapOff {
		t.Errorf("the hint wraps (at its spaces): %v", h.Wrapping)
	}
	if w, dw := h.MinSize().Width, u.win.Canvas().Overlays().Top().Size().Width; w > dw {
		t.Errorf("hint %.0f px wide in a %.0f px dialog", w, dw)
	}
}

package app

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	// As in the program: Fyne reads a Chinese locale (and logs nothing
	// about LANG=C.UTF-8).
	_ "baomi/taizhang/app/zhlocale"
	"baomi/taizhang/data"
	"baomi/taizhang/data/demo"
)

// newDemoUI opens the window on a demo file of n persons.
func newDemoUI(t *testing.T, n int) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	st, err := data.Open(filepath.Join(t.TempDir(), "t.db"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	st.Now = func() time.Time { return today }
	if err := demo.Fill(st, n, 1, nil); err != nil {
		t.Fatal(err)
	}
	u := New(a, st, Options{})
	u.win.Resize(fyne.NewSize(1280, 720))
	u.win.Show()
	return u
}

// drawnRows lists the texts of the first column of each data row the table
// draws on screen now, top to bottom: what the clerk sees.
func drawnRows(t *testing.T, tbl fyne.CanvasObject) []string {
	t.Helper()
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(tbl)
	size := tbl.Size()
	byY := map[float32]string{}
	xAt := map[float32]float32{}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.Label:
			p := d.AbsolutePositionForObject(w)
			inside := p.Y >= top.Y+10 && p.Y+w.Size().Height <= top.Y+size.Height+1 &&
				p.X >= top.X && p.X < top.X+size.Width
			if inside && w.Text != "" {
				if _, ok := byY[p.Y]; !ok || p.X < xAt[p.Y] {
					byY[p.Y], xAt[p.Y] = w.Text, p.X
				}
			}
			return
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
			return
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(tbl)
	ys := make([]float32, 0, len(byY))
	for y := range byY {
		ys = append(ys, y)
	}
	slices.Sort(ys)
	var rows []string
	for _, y := range ys {
		rows = append(rows, byY[y])
	}
	return rows
}

// checkDrawn asserts that the table draws as many rows as it counts (all of
// them, or a screenful), starting at the first or showing the selected one.
func checkDrawn(t *testing.T, what string, tbl fyne.CanvasObject, shown int, selected int) {
	t.Helper()
	rows := drawnRows(t, tbl)
	want := min(shown, 8)
	if len(rows) < want || len(rows) > shown+1 {
		t.Errorf("%s: %d rows counted, %d drawn (%q), want at least %d", what, shown, len(rows), rows, want)
		return
	}
	if selected >= 0 && !slices.ContainsFunc(rows, func(s string) bool {
		return strings.TrimPrefix(s, "⚠ ") == strconv.Itoa(selected+1)
	}) {
		t.Errorf("%s: selected row %d not drawn: %q", what, selected+1, rows)
	}
}

func TestListsRedrawAfterFilterSearchSortAndSwitch(t *testing.T) {
	u := newDemoUI(t, 300)
	v := u.View("personnel")
	tbl := v.list
	checkDrawn(t, "opened", tbl, len(v.shown), -1)
	// Scroll down to about row 80, as a wheel would.
	tbl.ScrollTo(widget.TableCellID{Row: 80, Col: 1})
	v.filters[data.PsnDept].SetSelected("保密办")
	checkDrawn(t, "部门 = 保密办 after scrolling", tbl, len(v.shown), -1)
	v.filters[data.PsnDept].SetSelected(filterAll)
	tbl.ScrollTo(widget.TableCellID{Row: 200, Col: 1})
	v.markedOnly.SetChecked(true)
	checkDrawn(t, "只看有提示的", tbl, len(v.shown), -1)
	v.markedOnly.SetChecked(false)
	tbl.ScrollTo(widget.TableCellID{Row: 250, Col: 1})
	test.Type(v.search, "王")
	checkDrawn(t, "search 王", tbl, len(v.shown), -1)
	v.search.SetText("")
	// Sorting keeps the selected row in view.
	v.list.Select(widget.TableCellID{Row: 3, Col: 1})
	name := v.selected().Get(data.PsnName)
	test.Tap(v.headers[2])
	checkDrawn(t, "sorted", tbl, len(v.shown), v.sel)
	if r := v.selected(); r == nil || r.Get(data.PsnName) != name {
		t.Errorf("sorted: selection lost")
	}
	// Another screen and back, then a reload.
	tbl.ScrollTo(widget.TableCellID{Row: 290, Col: 1})
	u.selectNav(navHomeKey)
	u.selectNav("personnel")
	checkDrawn(t, "back from 首页", tbl, len(v.shown), -1)
	v.filters[data.PsnDept].SetSelected("保密办")
	v.reload()
	checkDrawn(t, "reload", tbl, len(v.shown), -1)

	// 首页: scroll down, open a record, come back.
	u.selectNav(navHomeKey)
	h := u.home
	if len(h.shown) < 20 {
		t.Fatalf("首页 lists %d items, want a long list", len(h.shown))
	}
	checkDrawn(t, "首页", h.list, len(h.shown), -1)
	h.list.ScrollTo(widget.TableCellID{Row: len(h.shown) - 1, Col: 0})
	h.regFilter.SetSelected(data.Projects.Name)
	checkDrawn(t, "首页 登记簿 filter", h.list, len(h.shown), -1)
	h.regFilter.SetSelected(filterAll)
	h.list.ScrollTo(widget.TableCellID{Row: len(h.shown) - 1, Col: 0})
	h.list.Select(widget.TableCellID{Row: len(h.shown) - 1, Col: 1})
	if u.form != nil {
		u.form.close()
	}
	if h.ask != nil {
		h.ask.Hide()
	}
	u.selectNav(navHomeKey)
	checkDrawn(t, "首页 after a form", h.list, len(h.shown), -1)
}

func TestSerialColumnFitsSixDigits(t *testing.T) {
	u := newTestUI(t)
	v := u.View("personnel")
	l := widget.NewLabel("⚠ " + strconv.Itoa(999999))
	want := l.MinSize().Width
	// The column width is what the table was given for column 0.
	if got := v.list.colWidth(0); got < want {
		t.Errorf("序号 column: got %.0f px, want at least %.0f for \"⚠ 999999\"", got, want)
	}
}

// press sends a key to whatever has the focus, or to the window, as the
// keyboard would.
func press(u *UI, k fyne.KeyName) {
	c := u.win.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: k})
		return
	}
	c.(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: k})
}

func TestTableKeyboard(t *testing.T) {
	u := newDemoUI(t, 300)
	v := u.View("personnel")
	tbl := v.list
	n := len(v.shown)
	// A click on a row selects it and gives the table the focus.
	u.win.Canvas().Focus(v.search)
	test.TapAt(v.list, fyne.NewPos(300, 90))
	if v.sel < 0 || u.win.Canvas().Focused() != v.list {
		t.Fatalf("a click on a row: selected %d, focus %T, want the table", v.sel, u.win.Canvas().Focused())
	}
	v.list.Select(widget.TableCellID{Row: 5, Col: 2})
	page := v.list.pageRows()
	if page < 5 {
		t.Fatalf("a page is %d rows, want at least 5 at 1280×720", page)
	}
	for _, c := range []struct {
		key  fyne.KeyName
		want int
	}{
		{fyne.KeyDown, 6},
		{fyne.KeyUp, 5},
		{fyne.KeyPageDown, 5 + page},
		{fyne.KeyPageDown, 5 + 2*page},
		{fyne.KeyPageUp, 5 + page},
		{fyne.KeyEnd, n - 1},
		{fyne.KeyDown, n - 1},
		{fyne.KeyHome, 0},
		{fyne.KeyUp, 0},
		{fyne.KeyPageUp, 0},
	} {
		t.Run(string(c.key), func(t *testing.T) {
			press(u, c.key)
			if v.sel != c.want {
				t.Errorf("%s: selected row %d, want %d", c.key, v.sel+1, c.want+1)
			}
			if u.win.Canvas().Focused() != v.list {
				t.Errorf("%s: the focus left the table (%T)", c.key, u.win.Canvas().Focused())
			}
			checkDrawn(t, string(c.key), tbl, n, v.sel)
			if got := highlighted(v.list); len(got) == 0 || got[0] != v.sel+1 || len(got) < 5 {
				t.Errorf("%s: highlighted cells of rows %v, want the whole row %d", c.key, got, v.sel+1)
			}
		})
	}
	t.Run("Enter", func(t *testing.T) {
		press(u, fyne.KeyReturn)
		if u.form == nil || u.form.rec.ID != v.shown[0].ID {
			t.Fatal("Enter did not open the selected row")
		}
		press(u, fyne.KeyEscape)
		if u.form != nil {
			t.Fatal("Esc did not close the form")
		}
	})
	t.Run("Delete", func(t *testing.T) {
		u.win.Canvas().Focus(v.list)
		press(u, fyne.KeyDelete)
		if u.win.Canvas().Overlays().Top() == nil {
			t.Fatal("Delete asked nothing")
		}
		press(u, fyne.KeyEscape) // Esc is 取消
		if u.win.Canvas().Overlays().Top() != nil {
			t.Error("Esc did not close the question")
		}
		if len(v.shown) != n {
			t.Errorf("rows after Esc: got %d, want %d", len(v.shown), n)
		}
	})
	t.Run("Tab", func(t *testing.T) {
		u.win.Canvas().Focus(v.list)
		test.FocusNext(u.win.Canvas())
		got := u.win.Canvas().Focused()
		if got == v.list || got == nil {
			t.Fatalf("Tab: focus %T, want the next control", got)
		}
		for _, h := range v.headers {
			if fyne.CanvasObject(h) == got.(fyne.CanvasObject) {
				t.Fatalf("Tab went to a column header %q", h.Text)
			}
		}
	})
}

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

func TestEveryScreenAndDialogFits1280x720(t *testing.T) {
	u := newDemoUI(t, 300)
	limit := fyne.NewSize(1280, 720)
	fits := func(t *testing.T, what string, s fyne.Size) {
		t.Helper()
		if s.Width > limit.Width || s.Height > limit.Height {
			t.Errorf("%s needs %.0f×%.0f, more than 1280×720", what, s.Width, s.Height)
		}
	}
	for _, it := range u.navItems {
		t.Run(it.label, func(t *testing.T) {
			u.selectNav(it.key)
			fits(t, it.label, u.win.Content().MinSize())
			if got := u.win.Canvas().Size(); got.Width > limit.Width {
				t.Errorf("%s widened the window to %.0f", it.label, got.Width)
			}
			v := u.views[it.key]
			if v == nil {
				return
			}
			test.Tap(v.buttons["新增"])
			fits(t, it.label+"：新增 form", u.win.Canvas().Overlays().Top().MinSize())
			u.escape()
			if len(v.shown) > 0 {
				v.list.Select(widget.TableCellID{Row: 0, Col: 1})
				test.Tap(v.buttons["编辑"])
				fits(t, it.label+"：编辑 form", u.win.Canvas().Overlays().Top().MinSize())
				u.escape()
			}
			test.Tap(v.buttons["导出Excel"])
			fits(t, it.label+"：导出Excel", u.win.Canvas().Overlays().Top().MinSize())
			u.escape()
		})
	}
	v := u.View("personnel")
	v.list.Select(widget.TableCellID{Row: 0, Col: 1})
	test.Tap(v.buttons["离岗"])
	fits(t, "离岗", u.win.Canvas().Overlays().Top().MinSize())
	u.escape()
	u.menuItem("使用说明（F1）").Action()
	fits(t, "使用说明", u.win.Canvas().Overlays().Top().MinSize())
	u.escape()
}

func TestSelectedRowsHintReadableInFull(t *testing.T) {
	u := newDemoUI(t, 300)
	v := u.View("personnel")
	v.markedOnly.SetChecked(true)
	if len(v.shown) == 0 {
		t.Fatal("no marked person in the demo")
	}
	v.list.Select(widget.TableCellID{Row: 0, Col: 1})
	marks := v.shown[0].Get(data.KeyMarks)
	if !v.detail.Visible() || !strings.Contains(v.detail.Text, marks) {
		t.Errorf("detail line: got %q (visible %v), want it to contain %q", v.detail.Text, v.detail.Visible(), marks)
	}
	v.markedOnly.SetChecked(false)
	for i, r := range v.shown {
		if r.Get(data.KeyMarks) == "" {
			v.list.Select(widget.TableCellID{Row: i, Col: 1})
			break
		}
	}
	if v.detail.Visible() {
		t.Errorf("detail line shown for a row without 提示: %q", v.detail.Text)
	}
}

func TestReminderOpensTheSubRecordsTab(t *testing.T) {
	u := newDemoUI(t, 300)
	u.selectNav(navHomeKey)
	h := u.home
	h.window.SetSelected(windowChoices[2])
	for _, c := range []struct {
		what string // part of the reminder
		tab  string
		key  string // the sub-record's field the reminder names
	}{
		{"有效期届满", data.Passports.Name, "number"},
		{"整改期限", data.Findings.Name, ""},
		{"天无进展反馈（最近反馈", data.TaskFeedback.Name, data.FeedbackDate},
		{"保密复审到期", "基本信息", ""},
	} {
		t.Run(c.what, func(t *testing.T) {
			u.selectNav(navHomeKey)
			row := slices.IndexFunc(h.shown, func(it data.DueItem) bool { return strings.Contains(it.What, c.what) })
			if row < 0 {
				t.Fatalf("no %s reminder in the demo", c.what)
			}
			it := h.shown[row]
			h.list.Select(widget.TableCellID{Row: row, Col: 3})
			f := u.form
			if f == nil || f.rec.ID != it.RecordID {
				t.Fatalf("the reminder %q opened no form for its record", it.What)
			}
			if got := f.tabs.Selected().Text; got != c.tab {
				t.Errorf("%q opened tab %q, want %q", it.What, got, c.tab)
			}
			if c.tab != "基本信息" {
				var sv *registerView
				for _, s := range f.subs {
					if s.reg.Name == c.tab {
						sv = s
					}
				}
				sel := sv.selected()
				if sel == nil {
					t.Fatalf("no %s selected", c.tab)
				}
				if c.key != "" && !strings.Contains(it.What, sel.Get(c.key)) {
					t.Errorf("selected %s %q, reminder %q", c.tab, sel.Get(c.key), it.What)
				}
			}
			u.escape()
		})
	}
}

func TestSubRecordTabSaysItSavesAtOnce(t *testing.T) {
	u := newDemoUI(t, 30)
	v := u.View("personnel")
	v.list.Select(widget.TableCellID{Row: 0, Col: 1})
	test.Tap(v.buttons["编辑"])
	for _, it := range u.form.tabs.Items[1:3] {
		found := false
		var walk func(o fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			switch w := o.(type) {
			case *widget.Label:
				found = found || strings.Contains(w.Text, "立即生效") && strings.Contains(w.Text, "取消")
			case *fyne.Container:
				for _, c := range w.Objects {
					walk(c)
				}
			}
		}
		walk(it.Content)
		if !found {
			t.Errorf("tab %s does not say that its changes are saved at once", it.Text)
		}
	}
}

func TestPersonsTrainingTabNewestFirst(t *testing.T) {
	u := newDemoUI(t, 300)
	v := u.View("personnel")
	sessions, _ := u.store.List(data.Training)
	for row, p := range v.shown {
		if all, _ := data.SessionsOf(p.ID, sessions, 0); len(all) < 3 {
			continue
		}
		v.list.Select(widget.TableCellID{Row: row, Col: 1})
		test.Tap(v.buttons["编辑"])
		l := u.form.trainingList
		var dates []string
		for i := 0; i < l.Length(); i++ {
			o := l.CreateItem()
			l.UpdateItem(i, o)
			dates = append(dates, strings.Fields(o.(*widget.Label).Text)[0])
		}
		if !slices.IsSortedFunc(dates, func(a, b string) int { return strings.Compare(b, a) }) {
			t.Errorf("%s's 保密教育培训: %q, want newest first", p.Get(data.PsnName), dates)
		}
		return
	}
	t.Fatal("no person with 3 sessions in the demo")
}

func TestFormErrorsDoNotMoveFieldsAndSummaryFollows(t *testing.T) {
	u := newTestUI(t)
	v := u.View("personnel")
	test.Tap(v.buttons["新增"])
	f := u.form
	d := fyne.CurrentApp().Driver()
	where := func() map[string]fyne.Position {
		m := map[string]fyne.Position{}
		for k, in := range f.inputs {
			m[k] = d.AbsolutePositionForObject(in.obj)
		}
		return m
	}
	before := where()
	typeInto(t, f, data.PsnIDNo, "110105194912310021") // wrong check digit
	test.Tap(f.save)
	if f.status.Text == "" {
		t.Fatal("no summary after a failed 保存")
	}
	for k, p := range where() {
		if p != before[k] {
			t.Errorf("%s moved from %v to %v when the errors appeared", k, before[k], p)
		}
	}
	count := func() int {
		var n int
		fmt.Sscanf(f.status.Text, "有 %d 处需要改正", &n)
		return n
	}
	n := count()
	if n < 2 {
		t.Fatalf("summary %q: want at least 2 errors", f.status.Text)
	}
	typeInto(t, f, data.PsnName, "张三")
	if got := count(); got != n-1 {
		t.Errorf("after fixing 姓名: summary %q, want %d errors", f.status.Text, n-1)
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

func TestFyneWordsAreChinese(t *testing.T) {
	test.NewTempApp(t)
	if err := UseChinese(); err != nil {
		t.Fatal(err)
	}
	for en, zh := range map[string]string{"OK": "确定", "Cancel": "取消", "Save": "保存", "Yes": "是", "No": "否"} {
		if got := lang.L(en); got != zh {
			t.Errorf("%s: got %q, want %q", en, got, zh)
		}
	}
}

// texts lists the words an overlay shows: labels, buttons, entries.
func texts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
			return
		case *widget.Button:
			out = append(out, w.Text)
			return
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
			return
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
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

// highlighted lists, for each cell drawn with the selection background,
// its row's 序号 (the table's first column), first the 序号 cell's own.
func highlighted(tbl *rowTable) []int {
	var rows []int
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *fyne.Container:
			if len(w.Objects) == 2 {
				if bg, ok := w.Objects[0].(*canvas.Rectangle); ok && bg.FillColor == theme.Color(theme.ColorNameSelection) && w.Visible() {
					l := w.Objects[1].(*widget.Label)
					if n, err := strconv.Atoi(strings.TrimPrefix(l.Text, "⚠ ")); err == nil && n < 1000000 {
						rows = append([]int{n}, rows...)
					} else {
						rows = append(rows, -1)
					}
					return
				}
			}
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(tbl)
	return rows
}

func TestFiltersWrapInsideTheWindow(t *testing.T) {
	u := newDemoUI(t, 30)
	d := fyne.CurrentApp().Driver()
	for _, reg := range data.Registers() {
		v := u.View(reg.Key)
		u.win.Resize(fyne.NewSize(1280, 720))
		u.win.Content().Refresh()
		tableTop := d.AbsolutePositionForObject(v.list).Y
		for key, sel := range v.filters {
			p := d.AbsolutePositionForObject(sel)
			if right := p.X + sel.Size().Width; right > 1280 {
				t.Errorf("%s: filter %s ends at %.0f, past the window's 1280", reg.Name, key, right)
			}
			if p.Y+sel.Size().Height > tableTop {
				t.Errorf("%s: filter %s overlaps the table", reg.Name, key)
			}
		}
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

func TestHeadersAndContentFitTheirColumns(t *testing.T) {
	u := newDemoUI(t, 300)
	for _, reg := range data.Registers() {
		v := u.View(reg.Key)
		for i, f := range v.cols {
			got := v.list.colWidth(i + 1)
			head := widget.NewLabelWithStyle(f.Label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}).MinSize().Width
			if got < head {
				t.Errorf("%s: column %s is %.0f px, its header needs %.0f", reg.Name, f.Label, got, head)
			}
			longest := 0.0
			for _, r := range v.shown {
				if w := float64(widget.NewLabel(r.Get(f.Key)).MinSize().Width); w > longest {
					longest = w
				}
			}
			if want := min(float32(longest), maxColWidth); got < want-1 {
				t.Errorf("%s: column %s is %.0f px, its longest value needs %.0f", reg.Name, f.Label, got, want)
			}
		}
	}
}

// Thirteen registers and sub-registers are coming (issue 13): the tiles,
// the navigation and the list must still fit 1280×720.
func TestHomeTakesThirteenRegisters(t *testing.T) {
	u := newDemoUI(t, 300)
	u.selectNav(navHomeKey)
	h := u.home
	h.tiles.Objects = nil
	for i := range 13 {
		h.tiles.Add(newDueTile("登记簿"+strconv.Itoa(i+1), 1234, 567, func() {}))
	}
	u.win.Resize(fyne.NewSize(1280, 720))
	u.win.Content().Refresh()
	if got := u.win.Content().MinSize(); got.Width > 1280 || got.Height > 720 {
		t.Errorf("首页 with 13 tiles needs %.0f×%.0f", got.Width, got.Height)
	}
	if rows := drawnRows(t, h.list); len(rows) < 8 {
		t.Errorf("with 13 tiles the list shows %d rows, want at least 8", len(rows))
	}
	// The navigation: 13 registers, 首页, 统计, 设置 — all visible at once.
	item := u.nav.CreateItem().MinSize().Height + theme.Padding()
	if need := item * 16; need > u.nav.Size().Height {
		t.Errorf("16 navigation items need %.0f px, the list has %.0f", need, u.nav.Size().Height)
	}
}

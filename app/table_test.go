package app

// Tests of the register tables: redraw, keyboard, selection, columns and the filter bar.

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

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

// highlighted lists, for each cell drawn with the selection background,
// its row's 序号 (the table's first column), first the 序号 cell's own.
func highlighted(tbl *rowTable) []int {
	var rows []int
	walkShown(tbl, func(o fyne.CanvasObject) bool {
		w, ok := o.(*fyne.Container)
		if !ok || len(w.Objects) != 2 {
			return true
		}
		bg, ok := w.Objects[0].(*canvas.Rectangle)
		if !ok || bg.FillColor != theme.Color(theme.ColorNameSelection) {
			return true
		}
		l := w.Objects[1].(*widget.Label)
		if n, err := strconv.Atoi(strings.TrimPrefix(l.Text, "⚠ ")); err == nil && n < 1000000 {
			rows = append([]int{n}, rows...)
		} else {
			rows = append(rows, -1)
		}
		return false
	})
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

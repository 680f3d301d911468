package app

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
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
	return testWindow(t, func(st *data.Store) error { return demo.Fill(st, n, 1, nil) })
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
	walkShown(tbl, func(o fyne.CanvasObject) bool {
		w, ok := o.(*widget.Label)
		if !ok {
			return true
		}
		p := d.AbsolutePositionForObject(w)
		inside := p.Y >= top.Y+10 && p.Y+w.Size().Height <= top.Y+size.Height+1 &&
			p.X >= top.X && p.X < top.X+size.Width
		if inside && w.Text != "" {
			if _, ok := byY[p.Y]; !ok || p.X < xAt[p.Y] {
				byY[p.Y], xAt[p.Y] = w.Text, p.X
			}
		}
		return false
	})
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
	walkShown(o, func(o fyne.CanvasObject) bool {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
			return false
		case *widget.Button:
			out = append(out, w.Text)
			return false
		}
		return true
	})
	return out
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

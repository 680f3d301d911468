package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

// rowTable is the register table: a widget.Table whose rows open on double
// click or Enter, delete on the Delete key, and move with the arrow keys.
type rowTable struct {
	widget.Table
	view   *registerView
	widths map[int]float32 // column widths given, for tests and the detail line
}

func newRowTable(v *registerView) *rowTable {
	t := &rowTable{view: v}
	t.Length = func() (int, int) { return len(v.shown), len(v.cols) + 1 }
	t.CreateCell = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		// Clip, not ellipsis: Fyne shapes the text anew for every "…", which
		// made each screen of a large table take a tenth of a second to draw.
		l.Truncation = fyne.TextTruncateClip
		// The background marks the whole selected row, not just the cell
		// clicked, so the clerk sees which record Enter or Delete acts on.
		return container.NewStack(canvas.NewRectangle(color.Transparent), l)
	}
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		cell := o.(*fyne.Container)
		bg := cell.Objects[0].(*canvas.Rectangle)
		var fill color.Color = color.Transparent
		if id.Row == v.sel {
			fill = theme.Color(theme.ColorNameSelection)
		}
		if bg.FillColor != fill {
			bg.FillColor = fill
			bg.Refresh()
		}
		l := cell.Objects[1].(*widget.Label)
		imp := widget.MediumImportance
		if id.Row < len(v.shown) && v.shown[id.Row].Get(data.KeyMarks) != "" {
			imp = widget.DangerImportance // a rule fired: the 提示 column says why
		}
		if l.Importance != imp {
			l.Importance = imp
		}
		text := v.cellText(id.Row, id.Col)
		if id.Col == 0 && imp == widget.DangerImportance {
			text = "⚠ " + text
		}
		l.SetText(text)
	}
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject { return newHeaderCell() }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		h := o.(*headerCell)
		col := id.Col
		if col < 0 {
			return
		}
		h.SetText(v.headerText(col))
		h.onTap = func() { v.sortBy(col) }
		v.headers[col] = h
	}
	t.OnSelected = func(id widget.TableCellID) { v.setSelection(id.Row) }
	t.OnUnselected = func(widget.TableCellID) {}
	t.ExtendBaseWidget(t)
	t.widths = map[int]float32{}
	t.fitColumns()
	return t
}

// Column width limits: a column is as wide as its longest content (or its
// header, with room for the sort mark), between these.
const (
	minColWidth = 56
	maxColWidth = 340
	// fitSample is how many rows are measured: enough to see the longest
	// values, few enough to stay instant on 100,000 rows.
	fitSample = 3000
)

// fitColumns sizes each column to its longest content up to a limit; the
// 序号 column takes six digits and the ⚠ mark. Long text (the 提示) is read
// in full in the detail line under the table.
func (t *rowTable) fitColumns() {
	v := t.view
	t.setWidth(0, textWidth("⚠ 000000", false))
	heads := make([]string, len(v.cols))
	for i, f := range v.cols {
		heads[i] = f.Label + " ▼"
	}
	widths := fitWidths(heads, len(v.shown), func(r, c int) string { return v.shown[r].Get(v.cols[c].Key) })
	for i, w := range widths {
		t.setWidth(i+1, w)
	}
}

// fitWidths is, per column, the width of its longest content or its bold
// header, between minColWidth and maxColWidth; only the first fitSample
// rows are measured.
func fitWidths(heads []string, rows int, cell func(row, col int) string) []float32 {
	widths := make([]float32, len(heads))
	for c, h := range heads {
		longest, weight := "", 0
		for r := 0; r < rows && r < fitSample; r++ {
			if s := cell(r, c); len(s) > len(longest)/2 {
				if w := textWeight(s); w > weight {
					longest, weight = s, w
				}
			}
		}
		w := max(textWidth(longest, false), textWidth(h, true))
		widths[c] = min(max(w, minColWidth), maxColWidth)
	}
	return widths
}

// textWeight estimates a text's width in half-width characters, cheaply:
// shaping every cell of a large table would take seconds.
func textWeight(s string) int {
	n := 0
	for _, r := range s {
		if r < 0x2e80 {
			n++
		} else {
			n += 2
		}
	}
	return n
}

// textWidth is the width a label needs to show s in full.
func textWidth(s string, bold bool) float32 {
	size := fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{Bold: bold})
	return size.Width + 2*theme.InnerPadding() + 2
}

func (t *rowTable) setWidth(col int, w float32) {
	t.widths[col] = w
	t.SetColumnWidth(col, w)
}

// colWidth is the width given to a column.
func (t *rowTable) colWidth(col int) float32 { return t.widths[col] }

// Tapped selects the row under the pointer and takes the keyboard focus.
// Table.Tapped would focus too, but it looks for the canvas of the inner
// Table, which is not in the window's tree, so the arrows kept moving the
// navigation or opened a filter.
func (t *rowTable) Tapped(e *fyne.PointEvent) {
	t.Table.Tapped(e)
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil && c.Focused() != t {
		c.Focus(t)
	}
}

// DoubleTapped selects the row under the pointer and opens its record.
func (t *rowTable) DoubleTapped(e *fyne.PointEvent) {
	t.Tapped(e)
	t.view.onEdit()
}

// TypedKey adds Enter (open), Delete (delete, after asking) and whole-row
// moves: ↑/↓, PgUp/PgDn by a screenful, Home/End to the first/last row.
func (t *rowTable) TypedKey(e *fyne.KeyEvent) {
	v := t.view
	row := v.sel
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		v.onEdit()
		return
	case fyne.KeyDelete:
		v.onDelete()
		return
	case fyne.KeyDown:
		row++
	case fyne.KeyUp:
		row--
	case fyne.KeyPageDown:
		row += t.pageRows()
	case fyne.KeyPageUp:
		row -= t.pageRows()
	case fyne.KeyHome:
		row = 0
	case fyne.KeyEnd:
		row = len(v.shown) - 1
	case fyne.KeyF1, fyne.KeyEscape:
		v.ui.onKey(e)
		return
	default:
		t.Table.TypedKey(e)
		return
	}
	row = min(max(row, 0), len(v.shown)-1)
	if row >= 0 && row != v.sel {
		t.selectRow(row)
	}
}

// selectRow selects a row and scrolls it into view. Table.ScrollTo puts a
// row above the view under the header row (Fyne 2.7 adds the header's
// height), so going up it scrolls to the row before, or to the top.
func (t *rowTable) selectRow(row int) {
	up := row < t.view.sel
	t.Select(widget.TableCellID{Row: row, Col: 1})
	switch {
	case up && row == 0:
		t.ScrollToTop()
		t.ScrollTo(widget.TableCellID{Row: 0, Col: 1}) // redraws at the new offset
	case up:
		t.ScrollTo(widget.TableCellID{Row: row - 1, Col: 1})
	}
}

// pageRows is how many rows a screenful of the table shows.
func (t *rowTable) pageRows() int {
	rowH := widget.NewLabel("0").MinSize().Height + theme.SeparatorThicknessSize()
	return max(int(t.Size().Height/rowH)-2, 1)
}

// headerCell is a column header: a click sorts by the column. It is not a
// button so that Tab leaves the table instead of walking every header.
type headerCell struct {
	widget.Label
	onTap func()
}

func newHeaderCell() *headerCell {
	h := &headerCell{}
	h.TextStyle.Bold = true
	h.Truncation = fyne.TextTruncateClip
	h.ExtendBaseWidget(h)
	return h
}

// Tapped sorts by the column.
func (h *headerCell) Tapped(*fyne.PointEvent) {
	if h.onTap != nil {
		h.onTap()
	}
}

// Cursor shows a hand over the header: it can be clicked.
func (h *headerCell) Cursor() desktop.Cursor { return desktop.PointerCursor }

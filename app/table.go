package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

// rowTable is the register table: a widget.Table whose rows open on double
// click or Enter, delete on the Delete key, and move with the arrow keys.
type rowTable struct {
	widget.Table
	view *registerView
}

func newRowTable(v *registerView) *rowTable {
	t := &rowTable{view: v}
	t.Length = func() (int, int) { return len(v.shown), len(v.cols) + 1 }
	t.CreateCell = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		// Clip, not ellipsis: Fyne shapes the text anew for every "…", which
		// made each screen of a large table take a tenth of a second to draw.
		l.Truncation = fyne.TextTruncateClip
		return l
	}
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
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
	t.CreateHeader = func() fyne.CanvasObject {
		return &widget.Button{Importance: widget.LowImportance, Alignment: widget.ButtonAlignLeading}
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		col := id.Col
		if col < 0 {
			return
		}
		b.SetText(v.headerText(col))
		b.OnTapped = func() { v.sortBy(col) }
		v.headers[col] = b
	}
	t.OnSelected = func(id widget.TableCellID) { v.setSelection(id.Row) }
	t.OnUnselected = func(widget.TableCellID) {}
	t.ExtendBaseWidget(t)
	t.SetColumnWidth(0, 52)
	for i, f := range v.cols {
		t.SetColumnWidth(i+1, float32(f.Width)*9+16)
	}
	return t
}

// DoubleTapped selects the row under the pointer and opens its record.
func (t *rowTable) DoubleTapped(e *fyne.PointEvent) {
	t.Table.Tapped(e)
	t.view.onEdit()
}

// TypedKey adds Enter (open), Delete (delete) and whole-row up/down moves.
func (t *rowTable) TypedKey(e *fyne.KeyEvent) {
	v := t.view
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		v.onEdit()
	case fyne.KeyDelete:
		v.onDelete()
	case fyne.KeyDown:
		if v.sel+1 < len(v.shown) {
			t.Select(widget.TableCellID{Row: v.sel + 1, Col: 1})
		}
	case fyne.KeyUp:
		if v.sel > 0 {
			t.Select(widget.TableCellID{Row: v.sel - 1, Col: 1})
		}
	default:
		t.Table.TypedKey(e)
	}
}

package app

// flowLayout: the filter bar that wraps its controls inside the window.

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// flowLayout places its objects left to right at their minimum size and
// wraps to a new row where the width ends. Like Fyne's GridWrap it learns
// its height from the last Layout; rowsChanged asks the screen to lay out
// again when the number of rows changes.
type flowLayout struct {
	rows        int
	width       float32
	rowsChanged func()
}

func (l *flowLayout) place(objs []fyne.CanvasObject, width float32, move bool) (rows int, height float32) {
	pad := theme.Padding()
	x, y, rowH := float32(0), float32(0), float32(0)
	rows = 1
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x, y = 0, y+rowH+pad
			rowH = 0
			rows++
		}
		if move {
			o.Move(fyne.NewPos(x, y))
			o.Resize(m)
		}
		x += m.Width + pad
		rowH = max(rowH, m.Height)
	}
	return rows, y + rowH
}

// Layout wraps the objects into the width given.
func (l *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	rows, _ := l.place(objs, size.Width, true)
	l.width = size.Width
	if rows != l.rows {
		l.rows = rows
		if l.rowsChanged != nil {
			l.rowsChanged()
		}
	}
}

// MinSize is as wide as the widest object, as tall as the rows of the
// last width laid out.
func (l *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := float32(0)
	for _, o := range objs {
		if o.Visible() {
			w = max(w, o.MinSize().Width)
		}
	}
	width := l.width
	if width == 0 {
		width = 1 << 20 // not laid out yet: one row
	}
	_, h := l.place(objs, max(width, w), false)
	return fyne.NewSize(w, h)
}

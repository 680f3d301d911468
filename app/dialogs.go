package app

// Dialog helpers of the main window: showing one at a time, closing it with Esc, errors and notices.

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// showDialog shows a dialog that Esc closes.
func (u *UI) showDialog(d interface {
	hider
	Show()
}) {
	u.touch()
	d.Show()
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		u.dialogs[top] = d
	}
}

// escape closes the top dialog or pop-up, as 取消 would.
func (u *UI) escape() {
	ov := u.win.Canvas().Overlays()
	top := ov.Top()
	if top == nil {
		return
	}
	for o := range u.dialogs { // forget the dialogs closed by their buttons
		if o != top && !slices.Contains(ov.List(), o) {
			delete(u.dialogs, o)
		}
	}
	if d, ok := u.dialogs[top]; ok {
		delete(u.dialogs, top)
		d.Hide()
		return
	}
	top.Hide() // a pop-up: a calendar, a list of choices
	ov.Remove(top)
}

// showError shows an error in a dialog; validation errors list each field.
func (u *UI) showError(err error) {
	u.showDialog(dialog.NewError(err, u.win))
}

// showInfo shows a message with a 关闭 button (Fyne's says OK and shows an
// icon that reads as a question).
func (u *UI) showInfo(title, msg string) {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	ok := &widget.Button{Text: "关闭", Importance: widget.HighImportance, OnTapped: func() { d.Hide() }}
	d = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, container.NewCenter(ok), nil, nil, l), u.win)
	d.Resize(fyne.NewSize(480, 0))
	u.showDialog(d)
}

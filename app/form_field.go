package app

// One input of the record form: the widget for a field, its value, its error line and date picker.

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

// fieldInput is the widget for one field and the error shown under it.
type fieldInput struct {
	field   data.Field
	entry   *formEntry
	sel     *widget.Select
	people  *peopleInput
	errText *canvas.Text // one small line under the input, always there so nothing moves
	obj     fyne.CanvasObject
	changed func() // after the error changed
}

func newFieldInput(fd data.Field, st *data.Settings, form *recordForm) *fieldInput {
	in := &fieldInput{field: fd, errText: canvas.NewText("", theme.Color(theme.ColorNameError))}
	in.errText.TextSize = theme.CaptionTextSize()
	if fd.Kind == data.KindPeople {
		in.people = newPeopleInput(form.view.ui, func() { in.setError("") })
		in.people.title = "选择" + strings.TrimSuffix(fd.Label, "（选自涉密人员）")
		in.people.one = fd.One
		in.obj = in.people.content
		return in
	}
	if fd.Key == data.TripPassport && form.view.reg == data.Trips && form.view.parent != nil {
		// The 证件 a trip is made with is one of the person's own.
		in.sel = widget.NewSelect(form.passportChoices(), func(string) { in.setError("") })
		in.sel.PlaceHolder = "（请选择本人的证件）"
		in.obj = in.sel
		return in
	}
	if fd.Kind == data.KindChoice {
		opts := fd.ChoicesOf(st)
		if fd.Ref != nil {
			opts = form.view.ui.refChoices(fd.Ref)
		}
		if !fd.Required {
			opts = append([]string{choiceNone}, opts...)
		}
		in.sel = widget.NewSelect(opts, func(string) { in.setError("") })
		in.sel.PlaceHolder = "（请选择）"
		in.obj = in.sel
		return in
	}
	in.entry = newEscEntry(form.view.ui.escape)
	in.entry.OnChanged = func(s string) {
		in.setError("")
		if fd.Kind == data.KindID {
			form.onIDChanged(s)
		}
	}
	switch fd.Kind {
	case data.KindDate:
		in.entry.SetPlaceHolder("如 2024-05-01")
		var cal *widget.Button
		cal = widget.NewButtonWithIcon("", theme.CalendarIcon(), func() { in.pickDate(cal, form.view.ui.win) })
		in.obj = container.NewBorder(nil, nil, nil, cal, in.entry)
	case data.KindID:
		in.entry.SetPlaceHolder("18位身份证号码")
		in.obj = in.entry
	default:
		if fd.Long {
			in.entry.MultiLine = true
			in.entry.Wrapping = fyne.TextWrapWord
			in.entry.SetMinRowsVisible(2)
		}
		in.obj = in.entry
	}
	return in
}

// passportChoices are the 证件号码 of the trip's person, after （无）, and
// the trip's own if it is not among them (kept as it was stored).
func (f *recordForm) passportChoices() []string {
	opts := []string{choiceNone}
	docs, _ := f.view.ui.store.SubRecords(data.Passports, f.view.parent.ID)
	for _, d := range docs {
		opts = append(opts, d.Get("number"))
	}
	if cur := f.rec.Get(data.TripPassport); cur != "" && !slices.Contains(opts, cur) {
		opts = append(opts, cur)
	}
	return opts
}

func (in *fieldInput) value() string {
	if in.people != nil {
		return data.FormatPeople(in.people.chosen)
	}
	if in.sel != nil {
		if in.sel.Selected == choiceNone {
			return ""
		}
		return in.sel.Selected
	}
	return in.entry.Text
}

func (in *fieldInput) set(s string) {
	if in.people != nil {
		people, _ := data.ParsePeople(s)
		in.people.set(people)
		return
	}
	if in.sel == nil {
		in.entry.SetText(s)
		return
	}
	if s == "" {
		in.sel.ClearSelected()
		return
	}
	found := false
	for _, o := range in.sel.Options {
		found = found || o == s
	}
	if !found { // a value no longer in the list is kept, not lost
		in.sel.Options = append(in.sel.Options, s)
	}
	in.sel.SetSelected(s)
}

func (in *fieldInput) setError(msg string) {
	if in.errText.Text == msg {
		return
	}
	in.errText.Text = msg
	in.errText.Refresh()
	if in.changed != nil {
		in.changed()
	}
}

// pickDate shows a calendar under the button; a chosen day fills the entry.
func (in *fieldInput) pickDate(btn fyne.CanvasObject, win fyne.Window) {
	start := time.Now()
	if t, err := data.ParseDate(in.entry.Text); err == nil {
		start = t
	}
	var pop *widget.PopUp
	cal := widget.NewCalendar(start, func(t time.Time) {
		in.entry.SetText(t.Format(data.DateLayout))
		pop.Hide()
	})
	pop = widget.NewPopUp(cal, win.Canvas())
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(btn)
	pop.ShowAtPosition(pos.Add(fyne.NewPos(0, btn.Size().Height)))
}

// errLine holds a field's error text: one small line, always the same
// height (so that nothing moves when an error appears) and never wider
// than its column.
func errLine(t *canvas.Text) fyne.CanvasObject {
	return container.New(errLineLayout{}, t)
}

type errLineLayout struct{}

func (errLineLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(0, fyne.MeasureText("国", theme.CaptionTextSize(), fyne.TextStyle{}).Height)
}

func (errLineLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

// formEntry is an Entry on which Esc closes its dialog: a focused Entry
// would otherwise swallow the key.
type formEntry struct {
	widget.Entry
	onEsc func()
}

// newEscEntry is an entry on which Esc calls onEsc (closes its dialog).
func newEscEntry(onEsc func()) *formEntry {
	e := &formEntry{onEsc: onEsc}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey closes the form on Esc and types as usual otherwise.
func (e *formEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEsc != nil {
		e.onEsc()
		return
	}
	e.Entry.TypedKey(k)
}

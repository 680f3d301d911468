package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

// leaveDialog sends a person off post: it asks for the 离岗原因 and the
// 离岗日期, proposes 脱密期起/止 from the level's default (both editable),
// and records the date of each 离岗 step of 实施条例第五十三条 (a step left
// blank is marked on the person until its date is entered).
type leaveDialog struct {
	view      *registerView
	person    *data.Record
	reason    *widget.Select
	left      *formEntry
	from, to  *formEntry
	steps     map[string]*formEntry // by data.LeaveSteps key
	errText   *widget.Label
	hint      *widget.Label
	dlg       *dialog.CustomDialog
	confirmed *widget.Button
}

func (v *registerView) onLeave() {
	p := v.selected()
	if p == nil {
		return
	}
	d := &leaveDialog{view: v, person: p.Clone(), steps: map[string]*formEntry{}}
	d.reason = widget.NewSelect(data.LeaveReasons, nil)
	d.reason.PlaceHolder = "（请选择）"
	d.left = newEscEntry(v.ui.escape)
	d.from = newEscEntry(v.ui.escape)
	d.to = newEscEntry(v.ui.escape)
	d.errText = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	d.left.OnChanged = func(string) { d.propose() }
	d.left.SetText(data.FormatDate(v.ui.store.Today()))
	d.confirmed = &widget.Button{Text: "确定离岗", Importance: widget.HighImportance, OnTapped: d.onConfirm}
	cancel := &widget.Button{Text: "取消", OnTapped: func() { d.dlg.Hide() }}
	st, _ := v.ui.store.Settings()
	// Two fixed lines: wrapped at its spaces, "3 年" broke between the
	// number and its unit.
	hint := widget.NewLabel("涉密等级：" + p.Get(data.PsnLevel) + "，默认脱密期" +
		itoa(st.Declass[p.Get(data.PsnLevel)]) + "个月。\n默认值可在“设置”中修改，也可直接改下面的日期。")
	d.hint = hint
	form := widget.NewForm(
		widget.NewFormItem("离岗原因", d.reason),
		widget.NewFormItem("离岗日期", d.left),
		widget.NewFormItem("脱密期起", d.from),
		widget.NewFormItem("脱密期止", d.to),
	)
	steps := widget.NewForm()
	for _, step := range data.LeaveSteps {
		e := newEscEntry(v.ui.escape)
		e.SetText(p.Get(step.Key))
		e.SetPlaceHolder("如 2024-05-01，未办可暂不填")
		d.steps[step.Key] = e
		steps.Append(step.Label+"日期", e)
	}
	stepsHead := widget.NewLabelWithStyle("离岗手续（实施条例第五十三条）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	content := container.NewVBox(hint, form, stepsHead, steps, d.errText, container.NewHBox(layoutSpacer(), cancel, d.confirmed))
	d.dlg = dialog.NewCustomWithoutButtons("离岗：“"+p.Get(data.PsnName)+"”", content, v.ui.win)
	d.dlg.Resize(fyne.NewSize(560, 560))
	v.ui.showDialog(d.dlg)
	v.ui.leave = d
}

// propose recomputes 脱密期起/止 from a valid 离岗日期.
func (d *leaveDialog) propose() {
	day, err := data.ParseDate(d.left.Text)
	if err != nil {
		return
	}
	st, err := d.view.ui.store.Settings()
	if err != nil {
		return
	}
	r := d.person.Clone()
	data.Leave(r, day, "", &st)
	d.from.SetText(r.Get(data.PsnDeclassFrom))
	d.to.SetText(r.Get(data.PsnDeclassTo))
}

func (d *leaveDialog) onConfirm() {
	v := d.view
	day, err := data.ParseDate(d.left.Text)
	if err != nil {
		d.errText.SetText("离岗日期：" + err.Error())
		return
	}
	if d.reason.Selected == "" {
		d.errText.SetText("请选择离岗原因")
		return
	}
	st, _ := v.ui.store.Settings()
	r := d.person.Clone()
	data.Leave(r, day, d.reason.Selected, &st)
	r.Set(data.PsnDeclassFrom, d.from.Text)
	r.Set(data.PsnDeclassTo, d.to.Text)
	for key, e := range d.steps {
		r.Set(key, e.Text)
	}
	if err := v.ui.store.Save(data.Personnel, r); err != nil {
		d.errText.SetText(err.Error())
		return
	}
	d.dlg.Hide()
	v.saved(r)
}

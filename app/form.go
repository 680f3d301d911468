package app

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

const choiceNone = "（无）"

// recordForm adds or edits one record: an input per field of the register,
// each with its error beside it. Nothing is saved until the record is valid.
type recordForm struct {
	view   *registerView
	rec    *data.Record
	inputs map[string]*fieldInput
	fixed  map[string]*widget.Label // the ReadOnly fields
	save   *widget.Button
	cancel *widget.Button
	status *widget.Label
	errs   data.FieldErrors // the errors of the last 保存
	subs   map[string]*registerView
	tabs   *container.AppTabs // 基本信息 and the sub-registers, when it has any
	dlg    *dialog.CustomDialog

	trainingHead *widget.Label // a person's year of 保密教育培训
	trainingList *widget.List  // the sessions attended, newest first
}

// openForm shows the form for r (a new record when r.ID is 0).
func (v *registerView) openForm(r *data.Record) *recordForm {
	f := &recordForm{view: v, rec: r, inputs: map[string]*fieldInput{}, fixed: map[string]*widget.Label{}, subs: map[string]*registerView{}}
	title := "新增" + v.reg.Name
	if r.ID != 0 {
		title = "编辑" + v.reg.Name + "：" + v.reg.RecordTitle(r)
	}
	content := f.buildUI()
	f.dlg = dialog.NewCustomWithoutButtons(title, content, v.ui.win)
	parent := v.ui.form // a sub-record form opens over its owner's form
	f.dlg.SetOnClosed(func() {
		if v.ui.form == f {
			v.ui.form = parent
		}
	})
	if v.parent == nil {
		f.dlg.Resize(fyne.NewSize(980, 640))
	} else {
		f.dlg.Resize(fyne.NewSize(760, 480))
	}
	v.ui.form = f
	v.ui.showDialog(f.dlg)
	return f
}

func (f *recordForm) buildUI() fyne.CanvasObject {
	v := f.view
	st, _ := v.ui.store.Settings()
	var left, right []fyne.CanvasObject
	n := 0
	for _, fd := range v.reg.Fields {
		if fd.Computed || (fd.Hidden && fd.Kind != data.KindPeople) {
			continue
		}
		label := fd.Label
		if fd.Required {
			label += " *"
		}
		var cells []fyne.CanvasObject
		if fd.ReadOnly { // written by a rule, shown as it is stored
			val := widget.NewLabel(f.rec.Get(fd.Key))
			f.fixed[fd.Key] = val
			cells = []fyne.CanvasObject{widget.NewLabel(label), val}
		} else {
			in := newFieldInput(fd, &st, f)
			in.changed = f.updateStatus
			in.set(f.rec.Get(fd.Key))
			f.inputs[fd.Key] = in
			cells = []fyne.CanvasObject{widget.NewLabel(label), container.NewVBox(in.obj, errLine(in.errText))}
		}
		if n%2 == 0 {
			left = append(left, cells...)
		} else {
			right = append(right, cells...)
		}
		n++
	}
	grid := container.NewGridWithColumns(2,
		container.New(layout.NewFormLayout(), left...),
		container.New(layout.NewFormLayout(), right...))
	f.save = &widget.Button{Text: "保存", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: f.onSave}
	f.cancel = &widget.Button{Text: "取消", Icon: theme.CancelIcon(), OnTapped: f.close}
	f.status = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	actions := container.NewHBox(f.cancel, f.save)
	if b := f.caseButton(); b != nil {
		actions.Objects = append([]fyne.CanvasObject{b}, actions.Objects...)
	}
	buttons := container.NewBorder(nil, nil, nil, actions, f.status)
	var scroll fyne.CanvasObject = grid
	if marks := f.rec.Get(data.KeyMarks); marks != "" {
		if len(f.rec.Marks) > 0 { // each with the rule's source beside it
			marks = data.MarksWithBasis(f.rec)
		}
		warn := &widget.Label{Text: "提示：" + marks, Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
		scroll = container.NewVBox(warn, grid)
	}
	body := fyne.CanvasObject(container.NewVScroll(scroll))
	if len(v.reg.Subs) > 0 {
		tabs := container.NewAppTabs(container.NewTabItem("基本信息", body))
		for _, sub := range v.reg.Subs {
			var page fyne.CanvasObject
			if f.rec.ID == 0 {
				page = widget.NewLabel("请先保存" + v.reg.Name + "，再登记" + sub.Name + "。")
			} else {
				sv := newRegisterView(v.ui, sub, f.rec)
				sv.ownerForm = f
				sv.reload()
				f.subs[sub.Key] = sv
				// A sub-record is saved (or deleted) when its own form
				// says so, not by this form's 保存 or 取消: say so.
				note := &widget.Label{Text: subSavedNote(sub.Name), Importance: widget.WarningImportance,
					Wrapping: fyne.TextWrapWord}
				page = container.NewBorder(note, nil, nil, nil, sv.content)
			}
			tabs.Append(container.NewTabItem(sub.Name, page))
		}
		if v.reg == data.Personnel && f.rec.ID != 0 {
			tabs.Append(container.NewTabItem("保密教育培训", f.trainingPage()))
		}
		body = tabs
		f.tabs = tabs
	}
	return container.NewBorder(nil, buttons, nil, nil, body)
}

// onSave validates what was typed, shows each error beside its field, and
// saves only a valid record.
func (f *recordForm) onSave() {
	v := f.view
	r := f.rec.Clone()
	for key, in := range f.inputs {
		r.Set(key, in.value())
	}
	env, err := v.ui.store.Env()
	if err != nil {
		v.ui.showError(err)
		return
	}
	if v.parent != nil {
		env.Owner = v.parent
	}
	fe := data.Validate(v.reg, r, env)
	if warning, ok := fe[data.KeyAck]; ok && len(fe) == 1 {
		f.confirmWarning(r, warning)
		return
	}
	f.showErrors(fe)
	if len(fe) > 0 {
		return
	}
	f.store(r)
}

// confirmWarning asks the clerk to confirm a rule breach is recorded for
// the file (乙级资质 on a 绝密 project) before saving it, marked.
func (f *recordForm) confirmWarning(r *data.Record, warning string) {
	d := dialog.NewConfirm("请确认", warning+"。\n\n如确需登记，请确认此情况已记录在案；该记录将被标记。", func(ok bool) {
		if ok {
			r.Set(data.KeyAck, "已确认记录在案 "+f.view.ui.store.Today().Format(data.DateLayout))
			f.store(r)
		}
	}, f.view.ui.win)
	d.SetConfirmText("确认已记录在案并保存")
	d.SetDismissText("返回修改")
	f.view.ui.showDialog(d)
	f.view.ui.warning = d
}

// store saves a validated record and closes the form.
func (f *recordForm) store(r *data.Record) {
	v := f.view
	if err := v.ui.store.Save(v.reg, r); err != nil {
		var ve *data.ValidationError
		if errors.As(err, &ve) {
			f.showErrors(ve.Fields)
			return
		}
		v.ui.showError(err)
		return
	}
	f.close()
	v.saved(r)
}

func (f *recordForm) showErrors(fe data.FieldErrors) {
	f.errs = fe
	for key, in := range f.inputs {
		in.setError(fe[key])
	}
	f.updateStatus()
}

// updateStatus counts the errors still shown (an edited field's error
// goes) and those not at a field, so the summary follows the fixes.
func (f *recordForm) updateStatus() {
	n := 0
	for key := range f.errs {
		if in := f.inputs[key]; in == nil || in.errText.Text != "" {
			n++
		}
	}
	if n > 0 {
		f.status.SetText(fmt.Sprintf("有 %d 处需要改正，记录尚未保存。", n))
	} else {
		f.status.SetText("")
	}
}

func (f *recordForm) close() { f.dlg.Hide() }

// ownerUpdated follows a change its sub-records made to the record (a 复查
// closed the finding or sent it back): the record is read again, and the
// fields the change touched show the new values, so that this form's 保存
// does not write the old ones back. What the clerk typed elsewhere stays.
func (f *recordForm) ownerUpdated() {
	v := f.view
	fresh, err := v.ui.store.Get(v.reg, f.rec.ID)
	if err != nil {
		v.ui.showError(err)
		return
	}
	for _, fd := range v.reg.Fields {
		old, now := f.rec.Get(fd.Key), fresh.Get(fd.Key)
		if fd.Computed || old == now {
			continue
		}
		if in := f.inputs[fd.Key]; in != nil {
			in.set(now)
		}
		if l := f.fixed[fd.Key]; l != nil {
			l.SetText(now)
		}
	}
	f.rec = fresh
	if v.parent != nil { // the owner's own list (问题 of the inspection)
		v.reload()
		v.ownerChanged()
	}
}

// subSavedNote tells, on a sub-register's tab, that its changes are saved
// at once.
func subSavedNote(name string) string {
	return "本页的" + name + "在其各自的窗口中保存，新增、修改、删除立即生效，不受下方“保存”“取消”影响。"
}

// showSub brings the tab of a sub-register to the front and selects one of
// its records.
func (f *recordForm) showSub(sub *data.Register, id uint64) {
	sv := f.subs[sub.Key]
	if sv == nil || f.tabs == nil {
		return
	}
	for _, it := range f.tabs.Items {
		if it.Text == sub.Name {
			f.tabs.Select(it)
		}
	}
	sv.selectID(id)
}

// onIDChanged fills 性别 and 出生年月 from a valid 身份证号码.
func (f *recordForm) onIDChanged(s string) {
	c, err := data.ParseIDCard(s, f.view.ui.store.Today())
	if err != nil {
		return
	}
	if in := f.inputs[data.PsnGender]; in != nil {
		in.set(c.Gender())
	}
	if in := f.inputs[data.PsnBirth]; in != nil {
		in.set(data.FormatDate(c.Birth))
	}
}

// trainingPage lists the sessions of 教育培训 the person attended and the
// year's 学时.
func (f *recordForm) trainingPage() fyne.CanvasObject {
	u := f.view.ui
	sessions, err := u.store.List(data.Training)
	if err != nil {
		return widget.NewLabel("读取教育培训记录失败：" + err.Error())
	}
	year := u.store.Today().Year()
	all, _ := data.SessionsOf(f.rec.ID, sessions, 0)
	// Newest first: the sessions come in the order they were entered.
	slices.SortStableFunc(all, func(a, b *data.Record) int { return cmp.Compare(b.Get(data.TrnDate), a.Get(data.TrnDate)) })
	_, hours := data.SessionsOf(f.rec.ID, sessions, year)
	head := widget.NewLabel(fmt.Sprintf("%d 年参加培训学时：%s　　历年共参加 %d 次", year, data.FormatCount(hours), len(all)))
	f.trainingHead = head
	list := &widget.List{
		Length:     func() int { return len(all) },
		CreateItem: func() fyne.CanvasObject { return widget.NewLabel("") },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			r := all[id]
			o.(*widget.Label).SetText(fmt.Sprintf("%s　%s　%s　%s 学时", r.Get("date"), r.Get("topic"), r.Get("form"), r.Get("hours")))
		},
	}
	list.ExtendBaseWidget(list)
	f.trainingList = list
	return container.NewBorder(head, nil, nil, nil, list)
}

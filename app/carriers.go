package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

// askOpenCase offers, for a 涉密载体 下落不明, to open a 违规案件 prefilled
// from it, or to open the carrier.
func (h *homeScreen) askOpenCase() {
	it := h.shown[h.sel]
	msg := widget.NewLabel(fmt.Sprintf("“%s”%s。\n\n为其登记违规案件（涉密载体丢失）吗？案件表单将按载体信息预先填好，核对后保存。", it.Record, it.What))
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	buttons := container.NewHBox(
		&widget.Button{Text: "取消", OnTapped: func() { d.Hide() }},
		&widget.Button{Text: "打开载体记录", OnTapped: func() { d.Hide(); h.ui.openRecord(it.Register, it.RecordID) }},
		&widget.Button{Text: "登记违规案件", Importance: widget.HighImportance, OnTapped: func() { d.Hide(); h.ui.openCaseFor(it.RecordID) }},
	)
	d = dialog.NewCustomWithoutButtons("涉密载体下落不明", container.NewVBox(msg, buttons), h.ui.win)
	d.Resize(fyne.NewSize(600, d.MinSize().Height))
	h.ask = d
	h.ui.showDialog(d)
}

// openCaseFor shows 违规案件 and opens a new case prefilled from the carrier.
func (u *UI) openCaseFor(carrierID uint64) *recordForm {
	c, err := u.store.Get(data.Carriers, carrierID)
	if err != nil {
		u.showError(err)
		return nil
	}
	u.selectNav(data.Cases.Key)
	v := u.views[data.Cases.Key]
	if v == nil {
		return nil
	}
	rec := data.NewCaseForCarrier(c, u.store.Today())
	if people, _ := data.ParsePeople(c.Get(data.CarKeeper)); len(people) == 1 {
		rec.Set(data.CaseParty, u.personNames()[people[0].ID]) // the 保管人 answers for it
	}
	return v.openForm(rec)
}

// refChoices lists the titles of a register's records, once each, as the
// choices of a field that refers to it (所联涉密网络).
func (u *UI) refChoices(reg *data.Register) []string {
	recs, err := u.store.List(reg)
	if err != nil {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, r := range recs {
		if t := r.Get(reg.TitleKey); t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// caseButton is 登记违规案件 on the form of a saved carrier 下落不明, as 首页
// offers it; nil on any other form.
func (f *recordForm) caseButton() *widget.Button {
	if f.view.reg != data.Carriers || f.rec.ID == 0 || f.rec.Get(data.CarStatus) != data.CarrierLost {
		return nil
	}
	return &widget.Button{Text: "登记违规案件", Icon: theme.WarningIcon(), OnTapped: func() {
		f.close()
		f.view.ui.openCaseFor(f.rec.ID)
	}}
}

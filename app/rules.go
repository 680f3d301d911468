package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
	"baomi/taizhang/data/xlsx"
)

// rulesColumns are the columns of 规则与依据, on screen and printed.
var rulesColumns = []data.Field{
	{Key: "register", Label: "登记簿", Kind: data.KindText, Width: 12},
	{Key: "rule", Label: "规则", Kind: data.KindText, Width: 48},
	{Key: "source", Label: "依据", Kind: data.KindText, Width: 30},
	{Key: "setting", Label: "可修改的设置", Kind: data.KindText, Width: 26},
}

// rulesRecords are the rules of the registers served as records, for the
// table and the export.
func rulesRecords(regs []*data.Register) []*data.Record {
	rules := data.Rules(regs)
	recs := make([]*data.Record, len(rules))
	for i, r := range rules {
		rec := data.NewRecord()
		rec.Set("register", r.Register)
		rec.Set("rule", r.Rule)
		rec.Set("source", r.Source)
		setting := r.Setting
		if setting == "" {
			setting = "（无设置项）"
		}
		rec.Set("setting", setting)
		recs[i] = rec
	}
	return recs
}

// showRules shows 帮助 → 规则与依据: every rule the registers check, where it
// comes from (an article of the law or 实践做法) and the setting that
// changes it, with 导出Excel to print it.
func (u *UI) showRules() {
	recs := rulesRecords(u.store.Registers())
	list := widget.NewList(func() int { return len(recs) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Wrapping = fyne.TextWrapBreak
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			r := recs[id]
			o.(*widget.Label).SetText("【" + r.Get("register") + "】" + r.Get("rule") + "\n依据：" + r.Get("source") + "　　" + r.Get("setting"))
		})
	for i := range recs {
		list.SetItemHeight(i, 2*theme.TextSize()+4*theme.Padding()+theme.LineSpacing())
	}
	var d *dialog.CustomDialog
	close := &widget.Button{Text: "关闭", OnTapped: func() { d.Hide() }}
	export := &widget.Button{Text: "导出Excel（打印）", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: func() {
		d.Hide()
		u.newExport("规则与依据", "将导出全部规则及其依据。", len(recs), func() ([]xlsx.Sheet, []xlsx.Chart, error) {
			return []xlsx.Sheet{{Name: "规则与依据", Title: "规则与依据", Heading: "保密台账规则与依据", Columns: rulesColumns, Records: recs}}, nil, nil
		})
	}}
	d = dialog.NewCustomWithoutButtons("规则与依据", container.NewBorder(nil, container.NewHBox(layoutSpacer(), close, export), nil, nil, list), u.win)
	d.Resize(fyne.NewSize(900, 600))
	u.showDialog(d)
	u.rules = d
}

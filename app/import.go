package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
	"baomi/taizhang/data/xlsx"
)

// Import from Excel: the clerk chooses a workbook, then a sheet; the
// columns are matched by their headers and every unmatched one can be
// assigned or ignored; the preview counts what would be added, updated,
// skipped and refused, lists each refused row with its reason, and asks
// what to do with rows matching stored records. Nothing is written until
// 导入, and then in one transaction.

const (
	prefImportDir = "import.dir"
	ignoreColumn  = "（不导入）"
	dupSkipAll    = "一律跳过"
	dupUpdateAll  = "一律更新"
	dupEach       = "逐条选择"
	// progressAfter is how long an import runs before its progress shows.
	progressAfter = time.Second
)

// importDialog is the import window of one register.
type importDialog struct {
	ui   *UI
	reg  *data.Register
	path string
	wb   *xlsx.Workbook

	table  *xlsx.Table
	input  xlsx.PlanInput
	plan   *xlsx.Plan
	perRow map[int]xlsx.Duplicate

	sheet    *widget.Select
	found    *widget.Label
	columns  *fyne.Container
	mapping  map[int]*widget.Select // by column index
	options  map[string]xlsx.Candidate
	summary  *widget.Label
	dup      *widget.RadioGroup
	each     *widget.Button
	refused  *widget.List
	lines    []string // what the refused list shows
	report   *widget.Button
	doImport *widget.Button
	dlg      dialog.Dialog
	cancel   context.CancelFunc
	done     chan error // receives the import's result, for tests
	stopRead context.CancelFunc
	reading  chan struct{} // closed when the sheet chosen has been read
}

// onImport asks for the workbook to import into the register shown.
func (v *registerView) onImport() {
	if v.parent != nil {
		return
	}
	u := v.ui
	dir := u.app.Preferences().String(prefImportDir)
	u.newOpenDialog("导入Excel：选择文件", dir, []string{".xlsx", ".xls", ".et"}, func(path string) {
		u.app.Preferences().SetString(prefImportDir, filepath.Dir(path))
		u.openImport(v.reg, path)
	})
}

// openImport opens the workbook at path and shows the import window for
// reg; a file that is no workbook gets its message instead.
func (u *UI) openImport(reg *data.Register, path string) *importDialog {
	wb, err := xlsx.OpenWorkbook(path)
	if err != nil {
		u.showError(err)
		return nil
	}
	d := &importDialog{ui: u, reg: reg, path: path, wb: wb, perRow: map[int]xlsx.Duplicate{}}
	d.build()
	u.importing = d
	d.dlg.Show()
	// The sheet is read in the background, started last: nothing else
	// touches the window meanwhile.
	onChanged := d.sheet.OnChanged
	d.sheet.OnChanged = nil
	d.sheet.SetSelected(xlsx.DefaultSheet(wb, reg))
	d.sheet.OnChanged = onChanged
	d.readSheet()
	return d
}

func (d *importDialog) build() {
	d.sheet = widget.NewSelect(d.wb.Sheets(), func(string) { d.readSheet() })
	d.found = widget.NewLabel("")
	d.columns = container.NewVBox()
	d.summary = widget.NewLabel("")
	d.summary.TextStyle.Bold = true
	d.summary.Wrapping = fyne.TextWrapWord
	d.dup = widget.NewRadioGroup([]string{dupSkipAll, dupUpdateAll, dupEach}, func(string) { d.replan() })
	d.dup.Horizontal = true
	d.dup.SetSelected(dupSkipAll)
	d.each = widget.NewButton("逐条选择…", d.chooseEach)
	d.refused = widget.NewList(func() int { return len(d.lines) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(d.lines[i]) })
	d.report = widget.NewButton("保存未导入的行…", d.saveReport)
	d.doImport = widget.NewButton("导入", d.start)
	d.doImport.Importance = widget.HighImportance
	cancel := widget.NewButton("取消", func() { d.close() })

	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel("文件："+filepath.Base(d.path)+"　　工作表："), nil, d.sheet),
		d.found)
	cols := container.NewBorder(widget.NewLabel("各列对应的字段（未识别的列可指定字段或不导入）："), nil, nil, nil,
		container.NewVScroll(d.columns))
	preview := container.NewBorder(
		container.NewVBox(d.summary,
			container.NewHBox(widget.NewLabel("与已有记录相同的行："), d.dup, d.each),
			widget.NewLabel("未导入的行（第N行　列　原因）：")),
		nil, nil, nil, d.refused)
	split := container.NewHSplit(cols, preview)
	split.Offset = 0.4
	buttons := container.NewHBox(d.report, layoutSpacer(), cancel, d.doImport)
	content := container.NewBorder(top, buttons, nil, nil, split)
	d.dlg = dialog.NewCustomWithoutButtons("导入Excel到"+d.reg.Name, content, d.ui.win)
	d.dlg.Resize(fyne.NewSize(1100, 640))
}

func (d *importDialog) close() {
	if d.stopRead != nil {
		d.stopRead()
	}
	d.dlg.Hide()
	d.wb.Close()
	if d.ui.importing == d {
		d.ui.importing = nil
	}
}

// readSheet reads the chosen sheet and rebuilds the column mapping.
func (d *importDialog) readSheet() {
	if d.stopRead != nil {
		d.stopRead() // another sheet was being read
	}
	ctx, cancel := context.WithCancel(context.Background())
	d.stopRead = cancel
	d.table, d.plan = nil, nil
	d.found.SetText("正在读取工作表“" + d.sheet.Selected + "”…")
	d.columns.Objects = nil
	d.columns.Refresh()
	d.show()
	done := make(chan struct{})
	d.reading = done
	sheet := d.sheet.Selected
	// A sheet of a million formatted rows takes seconds to read: the
	// window stays responsive, and 取消 stops the reading.
	go func() {
		t, err := xlsx.ReadTable(ctx, d.wb, d.reg, sheet)
		var in xlsx.PlanInput
		if err == nil {
			t.File = filepath.Base(d.path)
			in, err = xlsx.LoadPlanInput(d.ui.store, t)
		}
		fyne.Do(func() {
			defer close(done)
			if ctx.Err() != nil {
				return // closed, or another sheet chosen
			}
			d.loaded(t, in, err)
		})
	}()
}

// loaded shows a sheet once read: where the header is, the column
// mapping and the preview.
func (d *importDialog) loaded(t *xlsx.Table, in xlsx.PlanInput, err error) {
	if err != nil {
		d.found.SetText(err.Error())
		return
	}
	d.table, d.input = t, in
	what := t.Register.Name
	if t.Owner != nil {
		what = t.Owner.Name + "的" + t.Register.Name
	}
	d.found.SetText(fmt.Sprintf("作为%s导入：表头在第 %d 行，记录 %d 行（另有 %d 行合计、填表人等不是记录）",
		what, t.HeaderRow, len(t.Rows), t.NotRecords))
	d.buildMapping()
	d.perRow = map[int]xlsx.Duplicate{}
	d.replan()
}

// optionText names a field in the column choices; the owner's and the
// sub-record's fields say whose they are.
func (d *importDialog) optionText(c xlsx.Candidate) string {
	switch c.Part {
	case xlsx.PartOwner:
		if d.table.Flat == nil {
			return "所属" + d.table.Owner.Name + "：" + c.Field.Label
		}
	case xlsx.PartSub:
		return d.table.Flat.Name + "：" + c.Field.Label
	}
	return c.Field.Label
}

func (d *importDialog) buildMapping() {
	t := d.table
	d.options = map[string]xlsx.Candidate{}
	names := []string{ignoreColumn}
	for _, c := range t.Candidates() {
		if c.Field.Computed {
			continue
		}
		n := d.optionText(c)
		d.options[n] = c
		names = append(names, n)
	}
	d.mapping = map[int]*widget.Select{}
	var unmatched, matched []fyne.CanvasObject
	for _, col := range t.Columns {
		sel := widget.NewSelect(names, nil)
		current := ignoreColumn
		if col.Field != "" {
			for n, c := range d.options {
				if c.Part == col.Part && c.Field.Key == col.Field {
					current = n
				}
			}
		}
		sel.SetSelected(current)
		index := col.Index
		sel.OnChanged = func(s string) {
			c, ok := d.options[s]
			d.table.Assign(index, c.Part, c.Field.Key, !ok)
			d.syncMapping()
			d.replan()
		}
		d.mapping[index] = sel
		letter := columnLetter(index)
		row := container.NewBorder(nil, nil, widget.NewLabel(letter+"列 "+col.Name()), nil, sel)
		if col.Field == "" && !col.Ignored {
			unmatched = append(unmatched, container.NewBorder(nil, nil, widget.NewLabel("未识别"), nil, row))
		} else {
			matched = append(matched, row)
		}
	}
	d.columns.Objects = append(unmatched, matched...)
	d.columns.Refresh()
}

// syncMapping shows the table's mapping again: assigning a field to one
// column takes it from the column that had it.
func (d *importDialog) syncMapping() {
	for _, col := range d.table.Columns {
		sel := d.mapping[col.Index]
		if sel == nil {
			continue
		}
		want := ignoreColumn
		for n, c := range d.options {
			if col.Field != "" && c.Part == col.Part && c.Field.Key == col.Field {
				want = n
			}
		}
		if sel.Selected != want {
			f := sel.OnChanged
			sel.OnChanged = nil
			sel.SetSelected(want)
			sel.OnChanged = f
		}
	}
}

func columnLetter(index int) string {
	s := ""
	for n := index + 1; n > 0; n = (n - 1) / 26 {
		s = string(rune('A'+(n-1)%26)) + s
	}
	return s
}

// replan works out the preview again with the current choices.
func (d *importDialog) replan() {
	if d.table == nil || d.dup == nil {
		return
	}
	in := d.input
	in.OnDuplicate = xlsx.DupSkip
	if d.dup.Selected == dupUpdateAll {
		in.OnDuplicate = xlsx.DupUpdate
	}
	if d.dup.Selected == dupEach {
		in.PerRow = d.perRow
	}
	d.plan = xlsx.NewPlan(d.table, in)
	d.show()
}

// show fills the preview from the plan.
func (d *importDialog) show() {
	p := d.plan
	d.lines = d.lines[:0]
	if p == nil {
		d.summary.SetText("")
		d.doImport.Disable()
		d.report.Disable()
		d.each.Disable()
		d.refused.Refresh()
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "将新增 %d，更新 %d，跳过 %d，未导入 %d", p.Added, p.Updated, p.Skipped, p.Refused)
	if p.Merged > 0 {
		fmt.Fprintf(&b, "；%d 行与表中前面的行%s相同，合为一条", p.Merged, data.KeyLabels(d.table.Register))
	}
	if len(p.Matches) > 0 {
		fmt.Fprintf(&b, "\n%d 行与已有记录的%s相同", len(p.Matches), data.KeyLabels(d.table.Register))
	}
	if len(p.NewDepartments) > 0 {
		fmt.Fprintf(&b, "\n将在设置中新增部门：%s", strings.Join(p.NewDepartments, "、"))
	}
	if u := d.table.Unmatched(); len(u) > 0 {
		fmt.Fprintf(&b, "\n%d 列未识别，不导入（可在左侧指定字段）", len(u))
	}
	d.summary.SetText(b.String())
	for _, n := range p.Notes {
		d.lines = append(d.lines, fmt.Sprintf("第%d行　提醒　%s（按已确认记录在案导入）", n.Row, n.Reason))
	}
	titles := d.rowTitles()
	for _, r := range p.Refusals {
		who := ""
		if t := titles[r.Row]; t != "" {
			who = "（" + t + "）"
		}
		d.lines = append(d.lines, fmt.Sprintf("第%d行%s　%s　%s", r.Row, who, r.Column, r.Reason))
	}
	d.refused.Refresh()
	if len(p.Batch.Records)+len(p.Batch.Children) > 0 {
		d.doImport.Enable()
	} else {
		d.doImport.Disable()
	}
	if p.Refused > 0 {
		d.report.Enable()
	} else {
		d.report.Disable()
	}
	if len(p.Matches) > 0 {
		d.each.Enable()
	} else {
		d.each.Disable()
	}
}

// rowTitles names the refused rows by what the sheet says in the title
// column (姓名 for a person), so the clerk sees whose row it is.
func (d *importDialog) rowTitles() map[int]string {
	t := d.table
	keys := []string{t.Register.TitleKey}
	if t.Owner != nil {
		keys = append(keys, t.Owner.TitleKey)
	}
	col := -1
	for _, k := range keys {
		for _, c := range t.Columns {
			if col < 0 && c.Field == k && !c.Ignored {
				col = c.Index
			}
		}
	}
	out := map[int]string{}
	if col < 0 {
		return out
	}
	for _, r := range t.Rows {
		if d.plan.RefusedRow(r.Num) {
			out[r.Num] = strings.TrimSpace(r.Cell(col).Text)
		}
	}
	return out
}

// chooseEach lists the rows matching stored records, each with its own
// 更新 check (逐条).
func (d *importDialog) chooseEach() {
	if d.plan == nil || len(d.plan.Matches) == 0 {
		return
	}
	checks := make([]*widget.Check, len(d.plan.Matches))
	box := container.NewVBox()
	for i, m := range d.plan.Matches {
		text := fmt.Sprintf("第%d行　%s（%s）", m.Row, m.Title, m.Key)
		if !m.Changed {
			text += "　内容相同"
		}
		checks[i] = widget.NewCheck(text+"　更新", nil)
		checks[i].SetChecked(m.Update)
		box.Add(checks[i])
	}
	matches := d.plan.Matches
	dlg := dialog.NewCustomConfirm("逐条选择：与已有记录相同的行", "确定", "取消", container.NewVScroll(box), func(ok bool) {
		if !ok {
			return
		}
		for i, m := range matches {
			d.perRow[m.Row] = xlsx.DupSkip
			if checks[i].Checked {
				d.perRow[m.Row] = xlsx.DupUpdate
			}
		}
		d.dup.SetSelected(dupEach) // replans
		d.replan()
	}, d.ui.win)
	dlg.Resize(fyne.NewSize(640, 480))
	dlg.Show()
}

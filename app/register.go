package app

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

const filterAll = "全部"

// registerView is the screen of one register: toolbar, search, filters and
// the table. A view with a parent shows the sub-records of one record (a
// person's 证件) inside that record's form.
type registerView struct {
	ui     *UI
	reg    *data.Register
	parent *data.Record
	// ownerForm is the open form of parent, which a saved sub-record may
	// have changed (Register.UpdateOwner).
	ownerForm *recordForm
	cols      []data.Field

	table *data.Table
	shown []*data.Record
	query data.Query
	sel   int // row of the selected record in shown, -1 for none

	markedOnly *widget.Check // show only rows with a 提示

	search  *widget.Entry
	filters map[string]*widget.Select
	list    *rowTable
	count   *widget.Label
	detail  *widget.Label // the selected row's 提示 in full, under the table
	buttons map[string]*widget.Button
	headers map[int]*headerCell
	content fyne.CanvasObject
}

func newRegisterView(u *UI, reg *data.Register, parent *data.Record) *registerView {
	v := &registerView{
		ui:      u,
		reg:     reg,
		parent:  parent,
		cols:    reg.Columns(),
		sel:     -1,
		query:   data.Query{Filters: map[string]string{}},
		filters: map[string]*widget.Select{},
		buttons: map[string]*widget.Button{},
		headers: map[int]*headerCell{},
	}
	v.buildUI()
	return v
}

func (v *registerView) buildUI() {
	bar := container.NewHBox(
		v.button("新增", theme.ContentAddIcon(), v.onAdd),
		v.button("编辑", theme.DocumentCreateIcon(), v.onEdit),
		v.button("删除", theme.DeleteIcon(), v.onDelete),
	)
	if v.reg == data.Personnel {
		bar.Add(v.button("离岗", theme.LogoutIcon(), v.onLeave))
	}
	if v.reg == data.Tasks && v.parent == nil {
		bar.Add(v.button(noticeButton, theme.DocumentPrintIcon(), v.onNotice))
	}
	if v.reg.Field(data.KeyMarks) != nil {
		v.markedOnly = widget.NewCheck("只看有提示的", func(on bool) {
			v.query.Marked = on
			v.apply()
		})
	}
	if v.parent == nil {
		bar.Add(v.button("导出Excel", theme.DownloadIcon(), v.onExport))
		bar.Add(v.button("导入Excel", theme.UploadIcon(), v.onImport))
	}
	for _, k := range []string{"编辑", "删除", "离岗", noticeButton} {
		if b := v.buttons[k]; b != nil {
			b.Disable()
		}
	}
	if a := v.ui.store.Account(); !a.MayEdit(v.reg) { // 查阅, or a 录入员 of other registers
		for _, k := range []string{"新增", "删除", "离岗", "导入Excel"} {
			if b := v.buttons[k]; b != nil {
				b.Hide()
			}
		}
	}

	v.count = widget.NewLabel("")
	v.detail = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	v.detail.Hide()
	v.list = newRowTable(v)
	top := container.NewBorder(nil, nil, bar, v.count)
	if v.parent != nil {
		v.content = container.NewBorder(top, v.detail, nil, nil, v.list)
		return
	}

	v.search = widget.NewEntry()
	v.search.SetPlaceHolder("搜索（Ctrl+F）：任意一列的内容")
	v.search.OnChanged = func(s string) {
		v.query.Text = s
		v.apply()
	}
	flow := &flowLayout{}
	filterBox := container.New(flow)
	if v.markedOnly != nil {
		filterBox.Add(v.markedOnly)
	}
	for _, f := range v.reg.Fields {
		if !f.Filter {
			continue
		}
		sel := widget.NewSelect(nil, nil)
		key := f.Key
		sel.OnChanged = func(s string) {
			if s == filterAll {
				s = ""
			}
			v.query.Filters[key] = s
			v.apply()
		}
		v.filters[key] = sel
		filterBox.Add(container.NewHBox(widget.NewLabel(f.Label), sel))
	}
	v.refreshFilterChoices()
	// The filters wrap onto a second row rather than run past the edge:
	// 涉密项目 has six of them.
	search := container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), nil, v.search)
	searchRow := container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(320, 40), search), nil, filterBox)
	v.content = container.NewBorder(container.NewVBox(top, searchRow), v.detail, nil, nil, v.list)
	flow.rowsChanged = v.content.Refresh
}

func (v *registerView) button(label string, icon fyne.Resource, tapped func()) *widget.Button {
	b := &widget.Button{Text: label, Icon: icon, OnTapped: tapped}
	v.buttons[label] = b
	return b
}

// refreshFilterChoices fills the filter lists (部门 comes from settings).
func (v *registerView) refreshFilterChoices() {
	st, _ := v.ui.store.Settings()
	for key, sel := range v.filters {
		f := v.reg.Field(key)
		sel.Options = append([]string{filterAll}, f.ChoicesOf(&st)...)
		if sel.Selected == "" {
			sel.SetSelected(filterAll)
		}
		sel.Refresh()
	}
}

// parentID is the owner's id for a sub-record view, else 0.
func (v *registerView) parentID() uint64 {
	if v.parent == nil {
		return 0
	}
	return v.parent.ID
}

// reload reads the register from the store and shows it again.
func (v *registerView) reload() {
	recs, err := v.ui.store.Load(v.reg, v.parentID())
	if err != nil {
		v.ui.showError(err)
		return
	}
	v.table = data.NewTable(v.reg, recs)
	v.apply()
	v.list.fitColumns()
}

// reloadInBackground reads the register on another goroutine and shows it
// when ready; the window stays responsive meanwhile.
func (v *registerView) reloadInBackground() {
	v.count.SetText("正在读取…")
	go func() {
		recs, err := v.ui.store.Load(v.reg, 0)
		var t *data.Table
		if err == nil {
			t = data.NewTable(v.reg, recs)
		}
		fyne.Do(func() {
			if err != nil {
				v.ui.showError(err)
				return
			}
			if v.table == nil { // a save meanwhile already reloaded
				v.table = t
				v.apply()
				v.list.fitColumns()
			}
		})
	}()
}

// apply runs the query and redraws the table.
func (v *registerView) apply() {
	if v.table == nil {
		return
	}
	var keep *data.Record
	if v.sel >= 0 && v.sel < len(v.shown) {
		keep = v.shown[v.sel]
	}
	v.shown = v.table.Query(v.query)
	v.list.UnselectAll()
	v.setSelection(-1)
	// widget.Table keeps its scroll offset when the rows shrink: a filter
	// after scrolling down would draw nothing under "共 48 条". Start at
	// the top, or at the selected record if it is still shown.
	v.list.Refresh()
	v.list.ScrollToOffset(fyne.Position{}) // ScrollToTop leaves the cells drawn at the old offset
	if keep != nil {
		v.selectID(keep.ID)
	}
	v.showCount()
}

// showCount says how many records are shown, and of how many.
func (v *registerView) showCount() {
	if v.table.Len() == len(v.shown) {
		v.count.SetText(fmt.Sprintf("共 %d 条", len(v.shown)))
	} else {
		v.count.SetText(fmt.Sprintf("共 %d 条（全部 %d 条）", len(v.shown), v.table.Len()))
	}
}

// selectID selects the row showing the record with the id, if shown.
func (v *registerView) selectID(id uint64) {
	for i, r := range v.shown {
		if r.ID == id {
			v.list.Select(widget.TableCellID{Row: i, Col: 1})
			return
		}
	}
}

func (v *registerView) setSelection(row int) {
	if v.sel != row {
		v.sel = row
		v.list.Refresh() // the selected row's background
	}
	// The 提示 column is too narrow for a long reason: the selected row's
	// shows in full under the table.
	if r := v.selected(); r != nil && r.Get(data.KeyMarks) != "" {
		v.detail.SetText("⚠ " + v.reg.RecordTitle(r) + "：" + r.Get(data.KeyMarks))
		v.detail.Show()
	} else {
		v.detail.Hide()
	}
	for _, k := range []string{"编辑", "删除", "离岗", noticeButton} {
		if b := v.buttons[k]; b != nil {
			if row >= 0 {
				b.Enable()
			} else {
				b.Disable()
			}
		}
	}
}

// selected is the selected record, or nil.
func (v *registerView) selected() *data.Record {
	if v.sel < 0 || v.sel >= len(v.shown) {
		return nil
	}
	return v.shown[v.sel]
}

// sortBy sorts by a column; the same column again reverses the order.
func (v *registerView) sortBy(col int) {
	if col == 0 {
		v.query.Sort, v.query.Desc = "", false
	} else {
		key := v.cols[col-1].Key
		if v.query.Sort == key {
			v.query.Desc = !v.query.Desc
		} else {
			v.query.Sort, v.query.Desc = key, false
		}
	}
	v.apply()
}

func (v *registerView) headerText(col int) string {
	if col == 0 {
		return "序号"
	}
	f := v.cols[col-1]
	if v.query.Sort == f.Key {
		if v.query.Desc {
			return f.Label + " ▼"
		}
		return f.Label + " ▲"
	}
	return f.Label
}

func (v *registerView) cellText(row, col int) string {
	if row >= len(v.shown) {
		return ""
	}
	if col == 0 {
		return strconv.Itoa(row + 1)
	}
	return v.shown[row].Get(v.cols[col-1].Key)
}

func (v *registerView) focusSearch() {
	if v.search != nil {
		v.ui.win.Canvas().Focus(v.search)
	}
}

// clearQuery drops the search and the filters.
func (v *registerView) clearQuery() {
	if v.search != nil {
		v.search.SetText("")
	}
	for _, sel := range v.filters {
		sel.SetSelected(filterAll)
	}
	if v.markedOnly != nil {
		v.markedOnly.SetChecked(false)
	}
	v.apply()
}

package app

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

func itoa(n int) string { return strconv.Itoa(n) }

// settingsScreen edits 单位名称, the 部门 list, the 脱密期 defaults and the
// limits: the program's, then each register's under its name.
type settingsScreen struct {
	ui      *UI
	st      data.Settings
	unit    *widget.Entry
	depts   *widget.List
	deptSel int
	declass map[string]*widget.Entry
	review  map[string]*widget.Entry
	lists   map[string]*widget.Entry // editable choice lists, one choice a line
	limits  map[string]*widget.Entry // by Limit.Key
	window  *widget.Entry
	errs    map[*widget.Entry]*canvas.Text // each entry's error, shown under it
	status  *widget.Label
	// saveButton is 保存设置.
	saveButton *widget.Button
	content    fyne.CanvasObject

	// limitList are the limits shown: the program's, then each register's.
	limitList []data.Limit
}

func newSettingsScreen(u *UI) *settingsScreen {
	s := &settingsScreen{ui: u, deptSel: -1, declass: map[string]*widget.Entry{}, review: map[string]*widget.Entry{},
		lists: map[string]*widget.Entry{}, limits: map[string]*widget.Entry{}, errs: map[*widget.Entry]*canvas.Text{}}
	s.buildUI()
	s.load()
	return s
}

func (s *settingsScreen) buildUI() {
	s.unit = widget.NewEntry()
	s.unit.SetPlaceHolder("如：某某市某某局")
	s.depts = &widget.List{
		Length:     func() int { return len(s.st.Departments) },
		CreateItem: func() fyne.CanvasObject { return widget.NewLabel("部门名称") },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(s.st.Departments[id])
		},
		OnSelected:   func(id widget.ListItemID) { s.deptSel = id },
		OnUnselected: func(widget.ListItemID) { s.deptSel = -1 },
	}
	s.depts.ExtendBaseWidget(s.depts)
	deptButtons := container.NewVBox(
		&widget.Button{Text: "添加", Icon: theme.ContentAddIcon(), OnTapped: s.onAddDept},
		&widget.Button{Text: "重命名", Icon: theme.DocumentCreateIcon(), OnTapped: s.onRenameDept},
		&widget.Button{Text: "上移", Icon: theme.MoveUpIcon(), OnTapped: func() { s.moveDept(-1) }},
		&widget.Button{Text: "下移", Icon: theme.MoveDownIcon(), OnTapped: func() { s.moveDept(1) }},
		&widget.Button{Text: "删除", Icon: theme.DeleteIcon(), OnTapped: s.onDeleteDept},
	)
	periods := container.NewGridWithColumns(3, widget.NewLabelWithStyle("涉密等级", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle("脱密期（月）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle("复审周期（年）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, level := range data.Levels {
		s.declass[level] = widget.NewEntry()
		s.review[level] = widget.NewEntry()
		periods.Add(widget.NewLabel(level))
		periods.Add(s.withError(s.declass[level]))
		periods.Add(s.withError(s.review[level]))
	}
	// One form layout for every limit, so that the entries line up; each
	// register's limits follow its name.
	limits := container.New(layout.NewFormLayout())
	for _, l := range data.ProgramLimits() {
		s.addLimit(limits, l)
	}
	s.window = widget.NewEntry()
	limits.Add(widget.NewLabelWithStyle("到期提醒提前天数", fyne.TextAlignTrailing, fyne.TextStyle{}))
	limits.Add(s.withError(numberBox(s.window), s.window))
	for _, reg := range s.ui.store.Registers() {
		own := slices.Clone(reg.Limits)
		for _, sub := range reg.Subs {
			own = append(own, sub.Limits...)
		}
		if len(own) == 0 {
			continue
		}
		limits.Add(&widget.Label{Text: reg.Name, Importance: widget.HighImportance})
		limits.Add(layout.NewSpacer())
		for _, l := range own {
			s.addLimit(limits, l)
		}
	}
	lists := container.NewHBox()
	editable := s.ui.store.Editable() // a served register's lists too
	for _, key := range sortedKeys(editable) {
		f := editable[key]
		e := widget.NewMultiLineEntry()
		e.SetMinRowsVisible(6)
		s.lists[key] = e
		lists.Add(container.NewBorder(widget.NewLabel(f.Label+"（每行一项）"), nil, nil, nil,
			s.withError(container.NewGridWrap(fyne.NewSize(240, 180), e), e)))
	}
	s.status = widget.NewLabel("")
	save := &widget.Button{Text: "保存设置", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: s.onSave}
	s.saveButton = save
	deptBox := container.NewBorder(nil, nil, nil, deptButtons, container.NewGridWrap(fyne.NewSize(320, 240), s.depts))
	s.content = container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle("单位名称", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.unit,
		widget.NewLabelWithStyle("部门（内设机构和所属单位，按此顺序显示）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(deptBox),
		widget.NewLabelWithStyle("脱密期与复审周期默认值", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(periods),
		widget.NewLabelWithStyle("期限与提醒", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(limits),
		widget.NewLabelWithStyle("可编辑的选项", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		lists,
		container.NewHBox(save, s.status),
	))
}

// load shows the stored settings.
func (s *settingsScreen) load() {
	st, err := s.ui.store.Settings()
	if err != nil {
		s.ui.showError(err)
		return
	}
	s.st = st
	s.unit.SetText(st.Unit)
	for _, level := range data.Levels {
		s.declass[level].SetText(itoa(st.Declass[level]))
		s.review[level].SetText(itoa(st.Review[level]))
	}
	for _, l := range s.limitList {
		s.limits[l.Key].SetText(itoa(st.Limits[l.Key]))
	}
	s.window.SetText(itoa(st.Window))
	editable := s.ui.store.Editable()
	for key, e := range s.lists {
		f := editable[key]
		e.SetText(strings.Join(f.ChoicesOf(&st), "\n"))
	}
	s.depts.UnselectAll()
	s.depts.Refresh()
}

// addLimit shows a limit's label and entry in a form layout.
func (s *settingsScreen) addLimit(form *fyne.Container, l data.Limit) {
	e := widget.NewEntry()
	s.limits[l.Key] = e
	s.limitList = append(s.limitList, l)
	form.Add(widget.NewLabelWithStyle(l.Label, fyne.TextAlignTrailing, fyne.TextStyle{}))
	form.Add(s.withError(numberBox(e), e))
}

// numberBox gives a number entry a sensible width in a form.
func numberBox(e *widget.Entry) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(120, e.MinSize().Height), e)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// withError puts an entry's error line under it (obj shows the entry,
// the entry itself when no other is given).
func (s *settingsScreen) withError(obj fyne.CanvasObject, entry ...*widget.Entry) fyne.CanvasObject {
	e, _ := obj.(*widget.Entry)
	if len(entry) > 0 {
		e = entry[0]
	}
	t := canvas.NewText("", theme.Color(theme.ColorNameError))
	t.TextSize = theme.CaptionTextSize()
	s.errs[e] = t
	e.OnChanged = func(string) { s.setError(e, "") }
	return container.NewVBox(obj, errLine(t))
}

func (s *settingsScreen) setError(e *widget.Entry, msg string) {
	if t := s.errs[e]; t != nil && t.Text != msg {
		t.Text = msg
		t.Refresh()
	}
}

// number reads a whole number between lo and hi from an entry, or shows
// the error under it.
func (s *settingsScreen) number(e *widget.Entry, lo, hi int, bad *int) int {
	n, err := strconv.Atoi(strings.TrimSpace(e.Text))
	if err != nil || n < lo || n > hi {
		s.setError(e, fmt.Sprintf("应为%d至%d之间的整数", lo, hi))
		*bad++
		return 0
	}
	s.setError(e, "")
	return n
}

func (s *settingsScreen) onSave() {
	st := s.st.Clone()
	st.Unit = s.unit.Text
	bad := 0
	for _, level := range data.Levels {
		st.Declass[level] = s.number(s.declass[level], 0, 360, &bad)
		st.Review[level] = s.number(s.review[level], 0, 30, &bad)
	}
	for _, l := range s.limitList {
		st.Limits[l.Key] = s.number(s.limits[l.Key], 0, 1000, &bad)
	}
	st.Window = s.number(s.window, 1, 366, &bad)
	if st.Lists == nil {
		st.Lists = map[string][]string{}
	}
	for key, e := range s.lists {
		var items []string
		for _, line := range strings.Split(e.Text, "\n") {
			if line = strings.TrimSpace(line); line != "" && !slices.Contains(items, line) {
				items = append(items, line)
			}
		}
		if len(items) == 0 {
			s.setError(e, "至少保留一项")
			bad++
			continue
		}
		s.setError(e, "")
		st.Lists[key] = items
	}
	if bad > 0 {
		s.status.Importance = widget.DangerImportance
		s.status.SetText(fmt.Sprintf("有 %d 处需要改正（见红字），设置尚未保存。", bad))
		return
	}
	if err := s.ui.store.SaveSettings(st); err != nil {
		s.ui.showError(err)
		return
	}
	s.st = st
	s.status.Importance = widget.SuccessImportance
	s.status.SetText("设置已保存。")
	s.ui.refreshTitle()
	s.ui.settingsChanged()
}

func (s *settingsScreen) onAddDept() {
	s.askName("添加部门", "", func(name string) {
		st := s.st.Clone()
		st.Departments = append(st.Departments, name)
		s.saveDepts(st)
	})
}

func (s *settingsScreen) onRenameDept() {
	if s.deptSel < 0 {
		return
	}
	old := s.st.Departments[s.deptSel]
	s.askName("重命名部门", old, func(name string) {
		if name == old {
			return
		}
		if err := s.ui.store.RenameDepartment(old, name); err != nil {
			s.ui.showError(err)
			return
		}
		s.load()
		s.ui.settingsChanged()
		s.ui.reloadViews()
	})
}

func (s *settingsScreen) moveDept(delta int) {
	i, j := s.deptSel, s.deptSel+delta
	if i < 0 || j < 0 || j >= len(s.st.Departments) {
		return
	}
	st := s.st.Clone()
	st.Departments[i], st.Departments[j] = st.Departments[j], st.Departments[i]
	s.saveDepts(st)
	s.depts.Select(j)
}

func (s *settingsScreen) onDeleteDept() {
	if s.deptSel < 0 {
		return
	}
	name := s.st.Departments[s.deptSel]
	used, err := s.ui.store.DepartmentInUse(name)
	if err != nil {
		s.ui.showError(err)
		return
	}
	if used {
		s.ui.showInfo("不能删除", "仍有记录属于部门“"+name+"”，请先修改这些记录或改用“重命名”。")
		return
	}
	i := s.deptSel
	d := dialog.NewConfirm("删除部门", "确定删除部门“"+name+"”吗？", func(ok bool) {
		if !ok {
			return
		}
		st := s.st.Clone()
		st.Departments = append(st.Departments[:i], st.Departments[i+1:]...)
		s.saveDepts(st)
	}, s.ui.win)
	d.SetConfirmText("删除")
	d.SetDismissText("取消")
	s.ui.showDialog(d)
}

func (s *settingsScreen) saveDepts(st data.Settings) {
	if err := s.ui.store.SaveSettings(st); err != nil {
		s.ui.showError(err)
		return
	}
	s.st = st
	s.depts.Refresh()
	s.ui.settingsChanged()
}

func (s *settingsScreen) askName(title, value string, done func(string)) {
	e := newEscEntry(s.ui.escape)
	e.SetText(value)
	d := dialog.NewForm(title, "确定", "取消", []*widget.FormItem{widget.NewFormItem("部门名称", e)}, func(ok bool) {
		if ok && e.Text != "" {
			done(e.Text)
		}
	}, s.ui.win)
	d.Resize(fyne.NewSize(400, 160))
	s.ui.showDialog(d)
	s.ui.win.Canvas().Focus(e)
}

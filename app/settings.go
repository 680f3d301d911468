package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

func itoa(n int) string { return strconv.Itoa(n) }

// settingsScreen edits 单位名称, the 部门 list and the 脱密期 defaults.
type settingsScreen struct {
	ui      *UI
	st      data.Settings
	unit    *widget.Entry
	depts   *widget.List
	deptSel int
	declass map[string]*widget.Entry
	review  map[string]*widget.Entry
	status  *widget.Label
	content fyne.CanvasObject
}

func newSettingsScreen(u *UI) *settingsScreen {
	s := &settingsScreen{ui: u, deptSel: -1, declass: map[string]*widget.Entry{}, review: map[string]*widget.Entry{}}
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
		widget.NewLabelWithStyle("脱密期（年）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle("复审周期（年）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, level := range data.Levels {
		s.declass[level] = widget.NewEntry()
		s.review[level] = widget.NewEntry()
		periods.Add(widget.NewLabel(level))
		periods.Add(s.declass[level])
		periods.Add(s.review[level])
	}
	s.status = widget.NewLabel("")
	save := &widget.Button{Text: "保存设置", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: s.onSave}
	deptBox := container.NewBorder(nil, nil, nil, deptButtons, container.NewGridWrap(fyne.NewSize(320, 240), s.depts))
	s.content = container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle("单位名称", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.unit,
		widget.NewLabelWithStyle("部门（内设机构和所属单位，按此顺序显示）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(deptBox),
		widget.NewLabelWithStyle("脱密期与复审周期默认值", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(periods),
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
	s.depts.UnselectAll()
	s.depts.Refresh()
}

func (s *settingsScreen) onSave() {
	st := s.st.Clone()
	st.Unit = s.unit.Text
	for _, level := range data.Levels {
		for m, e := range map[*map[string]int]*widget.Entry{&st.Declass: s.declass[level], &st.Review: s.review[level]} {
			n, err := strconv.Atoi(e.Text)
			if err != nil || n < 0 || n > 30 {
				s.status.SetText(level + "：年数应为0至30之间的整数")
				return
			}
			(*m)[level] = n
		}
	}
	if err := s.ui.store.SaveSettings(st); err != nil {
		s.ui.showError(err)
		return
	}
	s.st = st
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
		dialog.ShowInformation("不能删除", "仍有记录属于部门“"+name+"”，请先修改这些记录或改用“重命名”。", s.ui.win)
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
	d.Show()
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
	e := widget.NewEntry()
	e.SetText(value)
	d := dialog.NewForm(title, "确定", "取消", []*widget.FormItem{widget.NewFormItem("部门名称", e)}, func(ok bool) {
		if ok && e.Text != "" {
			done(e.Text)
		}
	}, s.ui.win)
	d.Resize(fyne.NewSize(400, 160))
	d.Show()
	s.ui.win.Canvas().Focus(e)
}

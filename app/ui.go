package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
	"baomi/taizhang/data/xlsx"
)

// Preference keys.
const (
	prefWidth      = "window.width"
	prefHeight     = "window.height"
	prefExportDir  = "export.dir"
	prefMarking    = "export.marking"
	appTitle       = "保密台账"
	defaultWidth   = 1280
	defaultHeight  = 720
	navSettingsKey = "settings"
)

// UI is the main window: the navigation on the left, a screen on the right.
type UI struct {
	app   fyne.App
	win   fyne.Window
	store *data.Store
	opt   Options

	nav      *widget.List
	navItems []navItem
	screens  map[string]fyne.CanvasObject
	views    map[string]*registerView
	settings *settingsScreen
	home     *homeScreen
	stats    *statsScreen
	overdue  int // overdue reminders, shown in the title and the navigation
	body     *fyne.Container
	current  string
	form     *recordForm  // the open form, if any
	leave    *leaveDialog // the open 离岗 dialog, if any
	export   *exportDialog
	warning  *dialog.ConfirmDialog // the open warning confirmation, for tests
}

type navItem struct {
	key, label string
	icon       fyne.Resource
}

// Options change how the window behaves.
type Options struct {
	// Background reads a register in the background when it is first shown,
	// so the window draws at once even on a file with 100,000 persons.
	// Tests leave it off to read synchronously.
	Background bool
}

// New builds the main window on the store; call Window().ShowAndRun().
func New(a fyne.App, st *data.Store, opt Options) *UI {
	a.Settings().SetTheme(NewTheme())
	u := &UI{
		app:     a,
		win:     a.NewWindow(appTitle),
		store:   st,
		opt:     opt,
		screens: map[string]fyne.CanvasObject{},
		views:   map[string]*registerView{},
	}
	u.navItems = append(u.navItems, navItem{key: navHomeKey, label: "首页", icon: theme.HomeIcon()})
	for _, reg := range u.store.Registers() {
		u.navItems = append(u.navItems, navItem{key: reg.Key, label: reg.Name, icon: registerIcon(reg.Key)})
	}
	u.navItems = append(u.navItems, navItem{key: navStatsKey, label: "统计", icon: theme.GridIcon()})
	u.navItems = append(u.navItems, navItem{key: navSettingsKey, label: "设置", icon: theme.SettingsIcon()})
	u.buildUI()
	return u
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// View shows the screen of a register and returns it.
func (u *UI) View(key string) *registerView {
	u.selectNav(key)
	return u.views[key]
}

// selectNav shows the screen with the navigation key, as a click would.
func (u *UI) selectNav(key string) {
	for i, it := range u.navItems {
		if it.key == key {
			u.nav.Select(i)
		}
	}
}

func (u *UI) buildUI() {
	u.nav = &widget.List{
		Length: func() int { return len(u.navItems) },
		CreateItem: func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.AccountIcon()), widget.NewLabel("涉密人员管理"))
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Icon).SetResource(u.navItems[id].icon)
			label := u.navItems[id].label
			if u.navItems[id].key == navHomeKey && u.overdue > 0 {
				label = fmt.Sprintf("首页（逾期 %d）", u.overdue)
			}
			box.Objects[1].(*widget.Label).SetText(label)
		},
		OnSelected: func(id widget.ListItemID) { u.show(u.navItems[id].key) },
	}
	u.nav.ExtendBaseWidget(u.nav)
	u.body = container.NewStack()
	split := container.NewHSplit(u.nav, u.body)
	split.Offset = 0.13
	u.win.SetContent(split)
	u.win.SetMainMenu(u.menu())
	u.refreshTitle()

	w := u.app.Preferences().FloatWithFallback(prefWidth, defaultWidth)
	h := u.app.Preferences().FloatWithFallback(prefHeight, defaultHeight)
	u.win.Resize(fyne.NewSize(float32(w), float32(h)))
	u.win.SetCloseIntercept(func() {
		u.saveSize()
		u.win.Close()
	})
	u.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape && u.form != nil {
			u.form.close()
		}
	})
	u.nav.Select(0)
}

func (u *UI) saveSize() {
	s := u.win.Canvas().Size()
	if s.Width > 200 && s.Height > 200 {
		u.app.Preferences().SetFloat(prefWidth, float64(s.Width))
		u.app.Preferences().SetFloat(prefHeight, float64(s.Height))
	}
}

// show puts the screen with the given navigation key on the right.
func (u *UI) show(key string) {
	scr, ok := u.screens[key]
	if !ok {
		if key == navHomeKey {
			u.home = newHomeScreen(u)
			scr = u.home.content
			u.refreshDue()
		} else if key == navStatsKey {
			u.stats = newStatsScreen(u)
			scr = u.stats.content
		} else if key == navSettingsKey {
			u.settings = newSettingsScreen(u)
			scr = u.settings.content
		} else {
			v := newRegisterView(u, u.store.RegisterByKey(key), nil)
			u.views[key] = v
			if u.opt.Background {
				v.reloadInBackground()
			} else {
				v.reload()
			}
			scr = v.content
		}
		u.screens[key] = scr
	} else if key == navSettingsKey {
		u.settings.load()
	} else if key == navStatsKey {
		u.stats.load()
	}
	u.current = key
	u.body.Objects = []fyne.CanvasObject{scr}
	u.body.Refresh()
}

// currentView is the register on screen, or nil on other screens.
func (u *UI) currentView() *registerView { return u.views[u.current] }

func (u *UI) menu() *fyne.MainMenu {
	ctrl := func(k fyne.KeyName) fyne.Shortcut {
		// Menu shortcuts fire whichever widget has the focus, so Ctrl+N
		// works while the clerk is typing in the search box.
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
	}
	onView := func(f func(v *registerView)) func() {
		return func() {
			if v := u.currentView(); v != nil {
				f(v)
			}
		}
	}
	newItem := fyne.NewMenuItem("新增记录", onView((*registerView).onAdd))
	newItem.Shortcut = ctrl(fyne.KeyN)
	exportItem := fyne.NewMenuItem("导出Excel…", onView((*registerView).onExport))
	exportItem.Shortcut = ctrl(fyne.KeyE)
	findItem := fyne.NewMenuItem("查找", onView((*registerView).focusSearch))
	findItem.Shortcut = ctrl(fyne.KeyF)
	quitItem := fyne.NewMenuItem("退出", func() { u.saveSize(); u.app.Quit() })
	quitItem.Shortcut = ctrl(fyne.KeyQ)
	quitItem.IsQuit = true
	about := fyne.NewMenuItem("关于保密台账", func() {
		dialog.ShowInformation("关于保密台账", fmt.Sprintf("保密台账 %s\n保密办工作台账管理（单机版，不联网）\n数据文件：%s",
			u.app.Metadata().Version, u.store.Path()), u.win)
	})
	return fyne.NewMainMenu(
		fyne.NewMenu("文件", newItem, exportItem, fyne.NewMenuItemSeparator(), quitItem),
		fyne.NewMenu("编辑", findItem,
			fyne.NewMenuItem("编辑选中记录", onView((*registerView).onEdit)),
			fyne.NewMenuItem("删除选中记录", onView((*registerView).onDelete))),
		fyne.NewMenu("帮助", about),
	)
}

// refreshTitle shows 保密台账 followed by the 单位名称 once it is set, and
// the overdue count, so it is seen from any screen.
func (u *UI) refreshTitle() {
	title := appTitle
	if st, err := u.store.Settings(); err == nil && st.Unit != "" {
		title += " — " + st.Unit
	}
	if u.overdue > 0 {
		title += fmt.Sprintf("（%d 项逾期）", u.overdue)
	}
	u.win.SetTitle(title)
}

// refreshDue recomputes the reminders: in the background in the real
// window, synchronously in tests.
func (u *UI) refreshDue() {
	compute := func() ([]data.DueItem, data.Settings, error) {
		snap, err := u.store.Snapshot()
		if err != nil {
			return nil, data.Settings{}, err
		}
		env, err := u.store.Env()
		if err != nil {
			return nil, data.Settings{}, err
		}
		st := *env.Settings
		wide := st
		wide.Window = 180 // the home screen narrows it to its chosen window
		env.Settings = &wide
		return data.DueItems(snap, env), st, nil
	}
	show := func(items []data.DueItem, st data.Settings, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		u.overdue = 0
		for _, it := range items {
			if it.Overdue() {
				u.overdue++
			}
		}
		if u.home != nil {
			u.home.setItems(items, st)
		}
		u.refreshTitle()
		u.nav.Refresh()
	}
	if !u.opt.Background {
		show(compute())
		return
	}
	go func() {
		items, st, err := compute()
		fyne.Do(func() { show(items, st, err) })
	}()
}

// dataChanged is called after any save or delete: the registers shown and
// the reminders follow.
func (u *UI) dataChanged() {
	for _, v := range u.views {
		if v.table != nil {
			v.reload()
		}
	}
	u.refreshDue()
}

// openRecord shows a register and opens one of its records, clearing the
// search and filters so that it is found.
func (u *UI) openRecord(reg *data.Register, id uint64) {
	u.selectNav(reg.Key)
	v := u.views[reg.Key]
	if v == nil {
		return
	}
	if v.table == nil {
		v.reload()
	}
	v.clearQuery()
	v.selectID(id)
	if r := v.selected(); r != nil && r.ID == id {
		v.onEdit()
	}
}

// exportDue prints the reminders shown as a 督办清单.
func (u *UI) exportDue(items []data.DueItem) {
	byDept := widget.NewCheck("按责任部门分页（每个部门一个工作表）", nil)
	st, _ := u.store.Settings()
	u.newExport("保密工作督办清单", fmt.Sprintf("将导出首页当前显示的 %d 项督办事项。", len(items)), len(items),
		func() ([]xlsx.Sheet, []xlsx.Chart, error) {
			return xlsx.DueSheets(items, byDept.Checked, st.Departments), nil, nil
		},
		widget.NewFormItem("", byDept))
}

// registerIcon picks a navigation icon for a register.
func registerIcon(key string) fyne.Resource {
	switch key {
	case "personnel":
		return theme.AccountIcon()
	case "projects":
		return theme.FolderIcon()
	case "networks":
		return theme.ComputerIcon()
	case "inspections":
		return theme.SearchIcon()
	case "cases":
		return theme.WarningIcon()
	case "training":
		return theme.DocumentIcon()
	}
	return theme.ListIcon()
}

// showError shows an error in a dialog; validation errors list each field.
func (u *UI) showError(err error) {
	dialog.ShowError(err, u.win)
}

// settingsChanged refreshes what shows settings: filters and the title.
func (u *UI) settingsChanged() {
	for _, v := range u.views {
		v.refreshFilterChoices()
	}
	u.refreshTitle()
}

// reloadViews reads every open register again (after a change that touched
// many records, such as renaming a 部门).
func (u *UI) reloadViews() {
	for _, v := range u.views {
		v.reload()
	}
}

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

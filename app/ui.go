package app

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

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
	// warningDlg is the open 数据文件已损坏 dialog, for tests.
	warningDlg dialog.Dialog
	session    *Session // the run that opened this window, for 恢复
	undos      undoState
	stop       chan struct{} // closed to end watch
	stopOnce   sync.Once
	restoreDlg dialog.Dialog // the open 恢复已删除的记录 list, for tests
	rules      dialog.Dialog // the open 规则与依据, for tests
	// dialogs maps each open dialog's overlay to the dialog, so that Esc
	// closes the top one through its own Hide (its callbacks run).
	dialogs map[fyne.CanvasObject]hider

	importing *importDialog // the open import window, if any

	lastUse     atomic.Int64      // UnixNano of the last key, screen or dialog
	locked      fyne.CanvasObject // the window's content while the idle lock hides it
	unlockEntry *widget.Entry     // the idle lock's password, for tests
	audit       *auditScreen      // the 审计日志 screen, once shown
	accounts    *accountsScreen   // the 账户 screen, once shown
	// passwordForm is the open 修改我的密码 dialog, for tests.
	passwordForm *accountsScreen

	due dueState // 首页's reminders, mended after each save
}

// hider is a dialog: Fyne's dialogs and its file dialog.
type hider interface{ Hide() }

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
		stop:    make(chan struct{}),
		dialogs: map[fyne.CanvasObject]hider{},
	}
	acct := st.Account() // nil: a file without accounts, open to all
	if acct.MayRead() {
		u.navItems = append(u.navItems, navItem{key: navHomeKey, label: "首页", icon: theme.HomeIcon()})
		for _, reg := range u.store.Registers() {
			u.navItems = append(u.navItems, navItem{key: reg.Key, label: reg.Name, icon: registerIcon(reg.Icon)})
		}
		u.navItems = append(u.navItems, navItem{key: navStatsKey, label: "统计", icon: theme.GridIcon()})
	}
	if acct == nil || acct.Role == data.RoleAdmin {
		u.navItems = append(u.navItems, navItem{key: navSettingsKey, label: "设置", icon: theme.SettingsIcon()})
	}
	if acct != nil && (acct.Role == data.RoleAdmin || acct.Role == data.RoleSecurity) {
		u.navItems = append(u.navItems, navItem{key: navAccountsKey, label: "账户", icon: theme.AccountIcon()})
	}
	if acct != nil && acct.Role == data.RoleAuditor {
		u.navItems = append(u.navItems, navItem{key: navAuditKey, label: "审计日志", icon: theme.HistoryIcon()})
	}
	u.touch()
	u.undos.lastTx, _ = st.LastTx() // earlier sessions' changes are not undone
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
		OnSelected: func(id widget.ListItemID) { u.touch(); u.show(u.navItems[id].key) },
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
	u.win.Canvas().SetOnTypedKey(u.onKey)
	u.nav.Select(0)
}

// onKey handles the keys that act wherever they are pressed: Esc closes
// the top dialog, F1 shows 使用说明. Widgets that take keys pass these on.
func (u *UI) onKey(k *fyne.KeyEvent) {
	u.touch()
	switch k.Name {
	case fyne.KeyEscape:
		u.escape()
	case fyne.KeyF1:
		u.showHelp()
	}
}

// showDialog shows a dialog that Esc closes.
func (u *UI) showDialog(d interface {
	hider
	Show()
}) {
	u.touch()
	d.Show()
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		u.dialogs[top] = d
	}
}

// escape closes the top dialog or pop-up, as 取消 would.
func (u *UI) escape() {
	ov := u.win.Canvas().Overlays()
	top := ov.Top()
	if top == nil {
		return
	}
	for o := range u.dialogs { // forget the dialogs closed by their buttons
		if o != top && !slices.Contains(ov.List(), o) {
			delete(u.dialogs, o)
		}
	}
	if d, ok := u.dialogs[top]; ok {
		delete(u.dialogs, top)
		d.Hide()
		return
	}
	top.Hide() // a pop-up: a calendar, a list of choices
	ov.Remove(top)
}

// menuItem finds a menu item by its label.
func (u *UI) menuItem(label string) *fyne.MenuItem {
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	return nil
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
			defer u.refreshDue() // once laid out, as a register below
		} else if key == navStatsKey {
			u.stats = newStatsScreen(u)
			scr = u.stats.content
		} else if key == navSettingsKey {
			u.settings = newSettingsScreen(u)
			scr = u.settings.content
		} else if key == navAccountsKey {
			u.accounts = newAccountsScreen(u)
			scr = u.accounts.content
		} else if key == navAuditKey {
			u.audit = newAuditScreen(u)
			scr = u.audit.content
		} else {
			v := newRegisterView(u, u.store.RegisterByKey(key), nil)
			u.views[key] = v
			scr = v.content
			// Read it once the table is laid out: a widget.Table refreshed
			// before it has a size lays out a divider for every row, and
			// keeps walking them on every later refresh (100,000 rows:
			// seconds).
			defer func() {
				if u.opt.Background {
					v.reloadInBackground()
				} else {
					v.reload()
				}
			}()
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
	importItem := fyne.NewMenuItem("导入Excel…", onView((*registerView).onImport))
	importItem.Shortcut = ctrl(fyne.KeyI)
	templateItem := fyne.NewMenuItem("导出空白模板…", onView((*registerView).onTemplate))
	findItem := fyne.NewMenuItem("查找", onView((*registerView).focusSearch))
	findItem.Shortcut = ctrl(fyne.KeyF)
	quitItem := fyne.NewMenuItem("退出", func() { u.saveSize(); u.app.Quit() })
	quitItem.Shortcut = ctrl(fyne.KeyQ)
	quitItem.IsQuit = true
	about := fyne.NewMenuItem("关于保密台账", func() {
		u.showInfo("关于保密台账", fmt.Sprintf("保密台账 %s\n保密办工作台账管理（单机版，不联网）\n数据文件：%s",
			u.app.Metadata().Version, u.store.Path()))
	})
	// F1 is handled as a key (see onKey): Fyne's menu shortcuts need a
	// modifier.
	help := fyne.NewMenuItem("使用说明（F1）", u.showHelp)
	return fyne.NewMainMenu(
		fyne.NewMenu("文件", append(append([]*fyne.MenuItem{newItem, exportItem, importItem, templateItem, fyne.NewMenuItemSeparator()},
			u.backupItems()...), fyne.NewMenuItemSeparator(), fyne.NewMenuItem("修改我的密码…", u.onChangePassword),
			fyne.NewMenuItem("注销（切换账户）", u.onLogout),
			fyne.NewMenuItemSeparator(), quitItem)...),
		fyne.NewMenu("编辑", append(u.undoItems(), fyne.NewMenuItemSeparator(), findItem,
			fyne.NewMenuItem("编辑选中记录", onView((*registerView).onEdit)),
			fyne.NewMenuItem("删除选中记录", onView((*registerView).onDelete)))...),
		fyne.NewMenu("帮助", help, fyne.NewMenuItem("规则与依据", u.showRules), fyne.NewMenuItemSeparator(), about),
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
	if u.store.Damaged() != nil {
		title += "（数据文件已损坏，已停止写入）"
	}
	if a := u.store.Account(); a != nil {
		title += fmt.Sprintf(" — %s（%s）", a.Name, a.Role)
	}
	u.win.SetTitle(title)
}

// refreshDue recomputes the reminders: in the background in the real
// window, synchronously in tests.
func (u *UI) refreshDue() {
	if !u.store.Account().MayRead() { // the 系统管理员, the 审计员: no reminders to read
		return
	}
	compute := func() (*data.Reminders, data.Settings, error) {
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
		return data.NewReminders(snap, env), st, nil
	}
	u.due.started++
	gen := u.due.started
	got := func(rm *data.Reminders, st data.Settings, err error) {
		if gen != u.due.started {
			return // a later computation is on its way
		}
		u.due.pending = false
		if err == nil {
			// saves made while it was computed may be missing from it
			for _, s := range u.due.missed {
				if err = rm.Saved(u.store, s.reg, s.id); err != nil {
					break
				}
			}
		}
		u.due.missed = nil
		if err != nil {
			u.due.rem = nil
			u.showError(err)
			return
		}
		u.due.rem, u.due.settings = rm, st
		u.showDue(rm.Items(), st)
	}
	if !u.opt.Background {
		got(compute())
		return
	}
	u.due.pending = true
	go func() {
		rm, st, err := compute()
		fyne.Do(func() { got(rm, st, err) })
	}()
}

// dueState is 首页's list of reminders kept between saves.
type dueState struct {
	rem      *data.Reminders
	settings data.Settings // as rem was computed, its window not widened
	started  int           // computations started, to keep only the last
	pending  bool          // a computation is under way
	missed   []savedRef    // saves made while it runs
}

// savedRef names a saved record.
type savedRef struct {
	reg *data.Register
	id  uint64
}

// recordSaved updates 首页 and the overdue count after one record was
// saved: only the records whose rules read it are derived again. A new
// day, or no list yet, computes them all.
func (u *UI) recordSaved(reg *data.Register, id uint64) {
	switch {
	case u.due.pending:
		u.due.missed = append(u.due.missed, savedRef{reg, id})
		return
	case u.due.rem == nil || !u.due.rem.Today().Equal(u.store.Today()):
		u.refreshDue()
		return
	}
	if err := u.due.rem.Saved(u.store, reg, id); err != nil {
		u.due.rem = nil
		u.showError(err)
		return
	}
	u.showDue(u.due.rem.Items(), u.due.settings)
}

// showDue shows the reminders on 首页, in the title and the navigation.
func (u *UI) showDue(items []data.DueItem, st data.Settings) {
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

// dataChanged is called after any save or delete: the registers shown and
// the reminders follow.
func (u *UI) dataChanged() {
	u.noteChange()
	for _, v := range u.views {
		if v.table != nil {
			v.reload()
		}
	}
	u.refreshDue()
}

// openRecord shows a register and opens one of its records, clearing the
// search and filters so that it is found.
func (u *UI) openRecord(reg *data.Register, id uint64) *recordForm {
	u.selectNav(reg.Key)
	v := u.views[reg.Key]
	if v == nil {
		return nil
	}
	if v.table == nil {
		v.reload()
	}
	v.clearQuery()
	v.selectID(id)
	if r := v.selected(); r != nil && r.ID == id {
		v.onEdit()
		return u.form
	}
	return nil
}

// openDue opens the record a reminder is about, on the tab of the
// sub-record (a 证件, a 测评) it concerns, with that sub-record selected.
func (u *UI) openDue(it data.DueItem) {
	f := u.openRecord(it.Register, it.RecordID)
	if f == nil || f.rec.ID != it.RecordID {
		return
	}
	if sub, id := u.dueSub(it, f.rec); sub != nil {
		f.showSub(sub, id)
	}
}

// dueSub is the sub-record of rec a reminder is about (its mark names it),
// nil when it is about the record itself.
func (u *UI) dueSub(it data.DueItem, rec *data.Record) (*data.Register, uint64) {
	if it.Sub == nil || it.RecordID != rec.ID {
		return nil, 0
	}
	return it.Sub, it.SubID
}

// exportDue prints the reminders shown as a 到期提醒清单.
func (u *UI) exportDue(items []data.DueItem) {
	byDept := widget.NewCheck("按责任部门分页（每个部门一个工作表）", nil)
	st, _ := u.store.Settings()
	u.newExport("保密工作到期提醒清单", fmt.Sprintf("将导出首页当前显示的 %d 项到期提醒。", len(items)), len(items),
		func() ([]xlsx.Sheet, []xlsx.Chart, error) {
			return xlsx.DueSheets(items, byDept.Checked, st.Departments), nil, nil
		},
		widget.NewFormItem("", byDept))
}

// registerIcon is the theme icon a register names (Register.Icon); a name
// not among these shows a list.
func registerIcon(name string) fyne.Resource {
	icons := map[string]func() fyne.Resource{
		"account":    theme.AccountIcon,
		"folder":     theme.FolderIcon,
		"computer":   theme.ComputerIcon,
		"search":     theme.SearchIcon,
		"warning":    theme.WarningIcon,
		"document":   theme.DocumentIcon,
		"confirm":    theme.ConfirmIcon,
		"visibility": theme.VisibilityIcon,
		"file":       theme.FileIcon,
		"storage":    theme.StorageIcon,
	}
	if icon, ok := icons[name]; ok {
		return icon()
	}
	return theme.ListIcon()
}

// showError shows an error in a dialog; validation errors list each field.
func (u *UI) showError(err error) {
	u.showDialog(dialog.NewError(err, u.win))
}

// showInfo shows a message with a 关闭 button (Fyne's says OK and shows an
// icon that reads as a question).
func (u *UI) showInfo(title, msg string) {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	ok := &widget.Button{Text: "关闭", Importance: widget.HighImportance, OnTapped: func() { d.Hide() }}
	d = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, container.NewCenter(ok), nil, nil, l), u.win)
	d.Resize(fyne.NewSize(480, 0))
	u.showDialog(d)
}

// settingsChanged refreshes what shows settings: filters and the title.
func (u *UI) settingsChanged() {
	u.noteChange()
	u.due.rem = nil // the rules read the settings: the next save derives all
	for _, v := range u.views {
		v.refreshFilterChoices()
	}
	u.refreshTitle()
}

// reloadViews reads every open register again (after a change that touched
// many records, such as renaming a 部门).
func (u *UI) reloadViews() {
	u.due.rem = nil
	for _, v := range u.views {
		v.reload()
	}
}

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

// helpText is 使用说明: the clerk's daily tasks, in the order they come.
const helpText = `【日常工作】
·首页：打开程序先看首页。红色数字是已逾期的事项，单击一块只看该登记簿；下方列表逾期在前、按日期排序，单击一行打开对应记录（证件、审批、测评、问题等子记录直接打开相应页签并选中）。“导出到期提醒清单”打印当前列表。
·登记：在左侧选择登记簿，点“新增”（Ctrl+N）。带*的项必须填写；有错误时红字显示在该项下面，改正后点“保存”。身份证号码填好后，性别和出生年月自动填写。
·查找：在搜索框（Ctrl+F）输入任意一列的内容；用旁边的下拉框按部门、涉密等级等筛选；单击列标题排序，再单击反向。
·修改和删除：单击或用↑↓选中一行，按Enter或双击打开，按Delete删除（会先询问）。PgUp/PgDn翻页，Home/End到首行/末行，Tab离开表格。
·子记录：证件、出国(境)审批、测评记录、检查发现的问题、督办事项的进展反馈在记录的相应页签中登记，在各自的窗口中保存后立即生效。
·离岗：在涉密人员中选中人员，点“离岗”，确认离岗日期和脱密期。
·督办通知单：在督办事项中选中一项，点“督办通知单”，打印该事项或其责任部门全部未办结事项的通知单（A4一页），发责任部门签收并反馈。
·提示：带⚠的红色行需要处理，选中后表格下方显示完整的提示；勾选“只看有提示的”只列出这些记录。
·导出：点“导出Excel”（Ctrl+E），选择密级标志和保存位置；导出的是当前筛选和排序后的记录，可直接打印。
·统计：按年度查看各登记簿的统计表和图表，“导出年度统计”生成报表。
·设置：单位名称、部门、脱密期和复审周期、提醒提前天数等；错误显示在对应项下面。

【快捷键】
Ctrl+N新增　Ctrl+E导出　Ctrl+F查找　Enter打开　Delete删除　Esc关闭对话框　F1使用说明　Ctrl+Q退出`

// showHelp shows 使用说明.
func (u *UI) showHelp() {
	l := widget.NewLabel(helpText)
	l.Wrapping = fyne.TextWrapBreak // Chinese has no spaces to wrap at
	var d *dialog.CustomDialog
	ok := &widget.Button{Text: "关闭", Importance: widget.HighImportance, OnTapped: func() { d.Hide() }}
	d = dialog.NewCustomWithoutButtons("使用说明", container.NewBorder(nil, container.NewCenter(ok), nil, nil,
		container.NewVScroll(l)), u.win)
	d.Resize(fyne.NewSize(760, 560))
	u.showDialog(d)
}

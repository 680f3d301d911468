package app

import (
	"fmt"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
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
	// dueGate, in tests, holds the result of the background computation
	// of the reminders until it is closed.
	dueGate chan struct{}
}

// Show shows the main window, 首页 filled from the reminders kept at the
// last close while they are computed anew.
func (u *UI) Show() {
	u.win.Show()
	u.showKeptDue()
}

// New builds the main window on the store; call Show.
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
		due:     dueState{computed: make(chan struct{})},
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
	} else if key == navHomeKey && u.home.stale {
		defer u.home.apply() // once it is the current screen
	} else if key == navStatsKey {
		u.stats.load()
	}
	u.current = key
	u.body.Objects = []fyne.CanvasObject{scr}
	u.body.Refresh()
}

// currentView is the register on screen, or nil on other screens.
func (u *UI) currentView() *registerView { return u.views[u.current] }

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

package app

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

const navAccountsKey = "accounts"

// accountsScreen is 账户: the 系统管理员 adds accounts and resets
// passwords; the 安全保密管理员 gives roles and the registers a 录入员
// edits. The data layer refuses the rest.
type accountsScreen struct {
	ui      *UI
	content fyne.CanvasObject
	list    *widget.List
	all     []data.Account
	sel     int
	buttons map[string]*widget.Button
	dlg     dialog.Dialog // the open dialog, for tests
	entries map[string]*formEntry
	role    *widget.Select
	grants  *widget.CheckGroup
}

func newAccountsScreen(u *UI) *accountsScreen {
	a := &accountsScreen{ui: u, sel: -1, buttons: map[string]*widget.Button{}}
	a.list = widget.NewList(func() int { return len(a.all) },
		func() fyne.CanvasObject {
			return widget.NewLabel("王管理　安全保密管理员　涉密人员、教育培训")
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(accountLine(a.all[id], u.store))
		})
	a.list.OnSelected = func(id widget.ListItemID) { a.sel = id }
	bar := container.NewHBox()
	me := u.store.Account()
	add := func(label string, icon fyne.Resource, f func()) {
		b := widget.NewButtonWithIcon(label, icon, f)
		a.buttons[label] = b
		bar.Add(b)
	}
	if me != nil && me.Role == data.RoleAdmin {
		add("新建账户", theme.ContentAddIcon(), a.onAdd)
		add("重置密码", theme.ViewRefreshIcon(), a.onReset)
	}
	if me != nil && me.Role == data.RoleSecurity {
		add("设置角色", theme.AccountIcon(), a.onRole)
	}
	hint := widget.NewLabel("系统管理员新建账户（新账户为查阅，第一个安全保密管理员和安全审计员可直接新建）、重置密码；" +
		"安全保密管理员把账户设为录入员并选择其可编辑的登记簿，或设为查阅、安全审计员。一个账户只有一个角色。")
	hint.Wrapping = fyne.TextWrapWord
	a.content = container.NewBorder(container.NewVBox(bar, hint), nil, nil, nil, a.list)
	a.load()
	return a
}

// accountLine is one account in the list.
func accountLine(a data.Account, st *data.Store) string {
	s := a.Name + "　" + string(a.Role)
	if len(a.Grants) > 0 {
		var names []string
		for _, g := range a.Grants {
			if r := st.RegisterByKey(g); r != nil {
				names = append(names, r.Name)
			}
		}
		s += "　可编辑：" + strings.Join(names, "、")
	}
	if time.Now().Before(a.LockedUntil) {
		s += "　已锁定至 " + a.LockedUntil.Format("15:04")
	}
	return s
}

func (a *accountsScreen) load() {
	all, err := a.ui.store.Accounts()
	if err != nil {
		a.ui.showError(err)
		return
	}
	a.all, a.sel = all, -1
	a.list.UnselectAll()
	a.list.Refresh()
}

// selected is the chosen account, or nil with a message.
func (a *accountsScreen) selected() *data.Account {
	if a.sel < 0 || a.sel >= len(a.all) {
		a.ui.showInfo("请先选择账户", "请先在列表中选中一个账户。")
		return nil
	}
	return &a.all[a.sel]
}

// form shows a dialog of labelled items whose OK runs save; an error
// keeps it open with the message.
func (a *accountsScreen) form(title, ok string, items []*widget.FormItem, save func() error) {
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	done := func() {
		if err := save(); err != nil {
			msg.SetText(err.Error())
			return
		}
		d.Hide()
		if a.list != nil {
			a.load()
		}
	}
	buttons := container.NewHBox(layoutSpacer(), widget.NewButton("取消", func() { d.Hide() }),
		&widget.Button{Text: ok, Importance: widget.HighImportance, OnTapped: done})
	d = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, buttons, nil, nil,
		container.NewVBox(widget.NewForm(items...), msg)), a.ui.win)
	d.Resize(fyne.NewSize(520, 0))
	a.dlg = d
	a.ui.showDialog(d)
}

// password makes a password entry that Esc closes with its dialog.
func (a *accountsScreen) password(label string) *widget.FormItem {
	e := newEscEntry(a.ui.escape)
	e.Password = true
	a.entries[label] = e
	return widget.NewFormItem(label, e)
}

// newPassword checks that both entries agree.
func (a *accountsScreen) newPassword() (string, error) {
	if a.entries["新密码"].Text != a.entries["确认密码"].Text {
		return "", errors.New("两次输入的密码不一致")
	}
	return a.entries["新密码"].Text, nil
}

func (a *accountsScreen) onAdd() {
	a.entries = map[string]*formEntry{}
	name := newEscEntry(a.ui.escape)
	a.entries["账户名"] = name
	a.role = widget.NewSelect([]string{string(data.RoleViewer), string(data.RoleSecurity), string(data.RoleAuditor)}, nil)
	a.role.SetSelected(string(data.RoleViewer))
	a.form("新建账户", "新建", []*widget.FormItem{
		widget.NewFormItem("账户名", name), a.password("新密码"), a.password("确认密码"), widget.NewFormItem("角色", a.role),
	}, func() error {
		pw, err := a.newPassword()
		if err != nil {
			return err
		}
		return a.ui.store.CreateAccount(strings.TrimSpace(name.Text), pw, data.Role(a.role.Selected))
	})
}

func (a *accountsScreen) onReset() {
	acct := a.selected()
	if acct == nil {
		return
	}
	a.entries = map[string]*formEntry{}
	a.form("重置 "+acct.Name+" 的密码", "重置", []*widget.FormItem{a.password("新密码"), a.password("确认密码")}, func() error {
		pw, err := a.newPassword()
		if err != nil {
			return err
		}
		return a.ui.store.ResetPassword(acct.Name, pw)
	})
}

func (a *accountsScreen) onRole() {
	acct := a.selected()
	if acct == nil {
		return
	}
	regs := a.ui.store.Registers()
	names := make([]string, len(regs))
	for i, r := range regs {
		names[i] = r.Name
	}
	a.grants = widget.NewCheckGroup(names, nil)
	a.grants.Horizontal = true
	for _, g := range acct.Grants {
		if r := a.ui.store.RegisterByKey(g); r != nil {
			a.grants.Selected = append(a.grants.Selected, r.Name)
		}
	}
	a.role = widget.NewSelect([]string{string(data.RoleClerk), string(data.RoleViewer), string(data.RoleAuditor)}, nil)
	a.role.SetSelected(string(acct.Role))
	a.form("设置 "+acct.Name+" 的角色", "保存", []*widget.FormItem{
		widget.NewFormItem("角色", a.role), widget.NewFormItem("可编辑的登记簿", a.grants),
	}, func() error {
		var keys []string
		for _, r := range regs {
			for _, n := range a.grants.Selected {
				if n == r.Name {
					keys = append(keys, r.Key)
				}
			}
		}
		if data.Role(a.role.Selected) == data.RoleClerk && len(keys) == 0 {
			return fmt.Errorf("请为录入员至少选择一个可编辑的登记簿")
		}
		return a.ui.store.SetRole(acct.Name, data.Role(a.role.Selected), keys)
	})
}

// onChangePassword is 文件 → 修改我的密码…, for every account.
func (u *UI) onChangePassword() {
	me := u.store.Account()
	if me == nil {
		u.showInfo("修改密码", "这个数据文件还没有设置账户。")
		return
	}
	a := &accountsScreen{ui: u, entries: map[string]*formEntry{}}
	u.passwordForm = a
	a.form("修改 "+me.Name+" 的密码", "修改", []*widget.FormItem{a.password("原密码"), a.password("新密码"), a.password("确认密码")}, func() error {
		pw, err := a.newPassword()
		if err != nil {
			return err
		}
		return u.store.ChangePassword(a.entries["原密码"].Text, pw)
	})
}

// onLogout is 文件 → 注销（切换账户）: the main window goes and the login
// asks for the next account, on the same open file.
func (u *UI) onLogout() {
	s := u.session
	if s == nil || u.store.Account() == nil {
		return
	}
	u.saveSize()
	u.stopWatch()
	u.store.Logout()
	s.UI = nil
	s.gate(u.store)
	u.win.Close()
}

package app

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

// gate asks who is there before the main window opens: in a file without
// accounts (the first start) the clerk creates the 系统管理员; a file with
// accounts asks for a login. Nothing of the file is shown before.
func (s *Session) gate(st *data.Store) {
	s.Err = nil
	s.pending = st
	if !st.HasAccounts() {
		s.showCreateAdmin(st)
		return
	}
	s.showLogin(st)
}

// loggedIn opens the main window for the account now logged in.
func (s *Session) loggedIn(st *data.Store) {
	s.pending = nil
	s.showMain(st)
	if r := s.restored; r != nil {
		s.restored = nil
		if err := st.NoteRestore(r.backup, r.aside, r.by); err != nil {
			s.UI.showError(fmt.Errorf("恢复未能记入审计日志：%w", err))
		}
	}
	if a := st.Account(); a != nil && a.Role == data.RoleAuditor {
		if _, err := st.VerifyChain(); err != nil { // warn the 审计员 at once
			s.UI.showError(fmt.Errorf("启动时校验审计链：%w", err))
		}
	}
}

// startForm shows a form in the start window; its entries are kept by
// label for tests.
func (s *Session) startForm(title, intro string, items []*widget.FormItem, msg *widget.Label, buttons ...*widget.Button) {
	if s.start == nil {
		s.start = s.app.NewWindow(appTitle)
		s.start.Resize(fyne.NewSize(640, 360))
	}
	s.start.SetTitle(appTitle + " — " + title)
	s.buttons, s.entries = map[string]*widget.Button{}, map[string]*widget.Entry{}
	row := container.NewHBox(layoutSpacer())
	for _, b := range buttons {
		s.buttons[b.Text] = b
		row.Add(b)
	}
	for _, it := range items {
		if e, ok := it.Widget.(*widget.Entry); ok {
			s.entries[it.Text] = e
		}
	}
	head := widget.NewLabel(intro)
	head.Wrapping = fyne.TextWrapWord
	msg.Wrapping = fyne.TextWrapWord
	msg.Importance = widget.DangerImportance
	s.start.SetContent(container.NewBorder(head, row, widget.NewIcon(theme.AccountIcon()), nil,
		container.NewVBox(widget.NewForm(items...), msg)))
	s.start.Show()
	if len(items) > 0 {
		s.start.Canvas().Focus(items[0].Widget.(fyne.Focusable))
	}
}

// showCreateAdmin is the first start: the 系统管理员 is created before
// anything else, and then adds the other accounts.
func (s *Session) showCreateAdmin(st *data.Store) {
	name, pw, again := widget.NewEntry(), widget.NewPasswordEntry(), widget.NewPasswordEntry()
	name.SetPlaceHolder("如：王管理")
	msg := widget.NewLabel("")
	create := func() {
		if pw.Text != again.Text {
			msg.SetText("两次输入的密码不一致")
			return
		}
		if err := st.CreateFirstAdmin(strings.TrimSpace(name.Text), pw.Text); err != nil {
			msg.SetText(err.Error())
			return
		}
		s.loggedIn(st)
	}
	again.OnSubmitted = func(string) { create() }
	s.startForm("创建系统管理员",
		"这是第一次使用这个数据文件。请先创建系统管理员账户：系统管理员负责账户、备份和设置，不能查看或修改登记簿。\n"+
			"随后由系统管理员新建安全保密管理员、安全审计员和其他账户，再由安全保密管理员分配录入员可编辑的登记簿。",
		[]*widget.FormItem{
			widget.NewFormItem("账户名", name), widget.NewFormItem("密码", pw), widget.NewFormItem("确认密码", again),
		}, msg,
		&widget.Button{Text: "创建并登录", Importance: widget.HighImportance, OnTapped: create},
		widget.NewButton("退出", s.app.Quit))
}

// showLogin asks for the account and its password.
func (s *Session) showLogin(st *data.Store) {
	name, pw := widget.NewEntry(), widget.NewPasswordEntry()
	msg := widget.NewLabel("")
	login := func() {
		if err := st.Login(strings.TrimSpace(name.Text), pw.Text); err != nil {
			msg.SetText(loginMessage(err))
			pw.SetText("")
			return
		}
		s.loggedIn(st)
	}
	pw.OnSubmitted = func(string) { login() }
	s.startForm("登录", "请输入账户和密码。数据文件："+st.Path(),
		[]*widget.FormItem{widget.NewFormItem("账户", name), widget.NewFormItem("密码", pw)}, msg,
		&widget.Button{Text: "登录", Importance: widget.HighImportance, OnTapped: login},
		widget.NewButton("退出", s.app.Quit))
}

// loginMessage is what a failed login shows.
func loginMessage(err error) string {
	switch {
	case errors.Is(err, data.ErrAccountLocked), errors.Is(err, data.ErrBadLogin):
		return err.Error()
	}
	return "登录失败：" + err.Error()
}

// idleLimit is how long the window may go without use before it locks.
func (u *UI) idleLimit() time.Duration {
	st, err := u.store.Settings()
	if err != nil || st.Limits[data.LimitIdleMinutes] <= 0 {
		return 10 * time.Minute
	}
	return time.Duration(st.Limits[data.LimitIdleMinutes]) * time.Minute
}

// touch notes that the clerk used the window (a key, a screen, a dialog).
func (u *UI) touch() { u.lastUse.Store(time.Now().UnixNano()) }

// idleWatch locks the window once it has gone unused for the idle limit.
func (u *UI) idleWatch() {
	u.every(15*time.Second, func() bool {
		if time.Since(time.Unix(0, u.lastUse.Load())) >= u.idleLimit() {
			fyne.Do(u.lock)
		}
		return true
	})
}

// lock hides the data and forgets the login until the password is typed
// again: the idle lock.
func (u *UI) lock() {
	a := u.store.Account()
	if a == nil || u.locked != nil {
		return
	}
	for o := range u.dialogs { // no form or record stays on screen
		u.dialogs[o].Hide()
		delete(u.dialogs, o)
	}
	u.store.Logout()
	pw := widget.NewPasswordEntry()
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	unlock := func() {
		if err := u.store.Login(a.Name, pw.Text); err != nil {
			msg.SetText(loginMessage(err))
			pw.SetText("")
			return
		}
		u.win.SetContent(u.locked)
		u.locked = nil
		u.touch()
	}
	pw.OnSubmitted = func(string) { unlock() }
	u.locked = u.win.Content()
	u.unlockEntry = pw
	head := widget.NewLabel(fmt.Sprintf("已锁定：%s 未操作，数据已隐藏。\n请输入账户 %s（%s）的密码继续。", formatIdle(u.idleLimit()), a.Name, a.Role))
	head.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(head, widget.NewForm(widget.NewFormItem("密码", pw)), msg,
		container.NewHBox(layoutSpacer(), &widget.Button{Text: "解锁", Importance: widget.HighImportance, OnTapped: unlock},
			widget.NewButton("退出", u.app.Quit)))
	u.win.SetContent(container.NewCenter(container.NewGridWrap(fyne.NewSize(520, 220), box)))
	u.win.Canvas().Focus(pw)
}

func formatIdle(d time.Duration) string { return fmt.Sprintf("%d 分钟", int(d.Minutes())) }

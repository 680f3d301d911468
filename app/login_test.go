package app

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

const testPassword = "mima2026"

// setUpAccounts gives st one account per role, as demo does (clerk edits
// every register), and leaves no one logged in.
func setUpAccounts(t *testing.T, st *data.Store) {
	t.Helper()
	if err := st.CreateFirstAdmin("admin", testPassword); err != nil {
		t.Fatal(err)
	}
	for _, a := range []struct {
		name string
		role data.Role
	}{{"secadm", data.RoleSecurity}, {"auditor", data.RoleAuditor}, {"clerk", data.RoleViewer}, {"viewer", data.RoleViewer}} {
		if err := st.CreateAccount(a.name, testPassword, a.role); err != nil {
			t.Fatal(err)
		}
	}
	st.Logout()
	if err := st.Login("secadm", testPassword); err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, r := range st.Registers() {
		all = append(all, r.Key)
	}
	if err := st.SetRole("clerk", data.RoleClerk, all); err != nil {
		t.Fatal(err)
	}
	st.Logout()
}

// savePerson stores a person through the data layer.
func savePerson(t *testing.T, st *data.Store, name, id string) {
	t.Helper()
	r := data.NewRecord()
	for k, v := range map[string]string{data.PsnName: name, data.PsnIDNo: id, data.PsnDept: "办公室", data.PsnLevel: "一般",
		"status": "在岗", "confirmed": "2020-01-01"} {
		r.Set(k, v)
	}
	if err := st.Save(data.Personnel, r); err != nil {
		var ve *data.ValidationError
		if errors.As(err, &ve) {
			t.Fatalf("savePerson: %v", ve.Fields)
		}
		t.Fatal(err)
	}
}

// createAdmin fills the first start's form and taps 创建并登录.
func createAdmin(t *testing.T, s *Session, name, pw string) {
	t.Helper()
	s.entries["账户名"].SetText(name)
	s.entries["密码"].SetText(pw)
	s.entries["确认密码"].SetText(pw)
	test.Tap(s.buttons["创建并登录"])
}

// login fills the login form and taps 登录; the main window must open.
func login(t *testing.T, s *Session, name string) {
	t.Helper()
	if s.entries["账户"] == nil {
		t.Fatalf("no login form (title %q)", s.start.Title())
	}
	s.entries["账户"].SetText(name)
	s.entries["密码"].SetText(testPassword)
	test.Tap(s.buttons["登录"])
	if s.UI == nil {
		t.Fatalf("login as %s opened no main window: %s", name, startText(t, s))
	}
}

// startText is the text of the start window.
func startText(t *testing.T, s *Session) string {
	var b strings.Builder
	walkObjects(t, s.start.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	})
	return b.String()
}

// accountsFile is a data file with the five accounts and one person,
// saved by clerk; it is closed.
func accountsFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "taizhang.db")
	st, err := testOpener(path, true)
	if err != nil {
		t.Fatal(err)
	}
	setUpAccounts(t, st)
	st.Login("clerk", testPassword)
	savePerson(t, st, "张三", "11010519491231002X")
	st.Close()
	return path
}

// launchWithAccounts launches the window on an accountsFile.
func launchWithAccounts(t *testing.T) (*Session, string) {
	t.Helper()
	path := accountsFile(t)
	s := Launch(test.NewTempApp(t), path, testOpener, Options{})
	closeSession(t, s)
	return s, path
}

// TestLoginScreen: a file with accounts shows nothing before the login; a
// wrong password says so and keeps the form; five lock the account.
func TestLoginScreen(t *testing.T) {
	s, _ := launchWithAccounts(t)
	if s.UI != nil || !strings.HasPrefix(s.start.Title(), "保密台账") || !strings.Contains(s.start.Title(), "登录") {
		t.Fatalf("got main window %v, title %q, want the 登录 screen", s.UI != nil, s.start.Title())
	}
	if _, err := s.pending.List(data.Personnel); !errors.Is(err, data.ErrLoginRequired) {
		t.Errorf("List before login: got %v, want ErrLoginRequired", err)
	}
	for i := 1; i <= 5; i++ {
		s.entries["账户"].SetText("clerk")
		s.entries["密码"].SetText("wrong1234")
		test.Tap(s.buttons["登录"])
	}
	if got := startText(t, s); !strings.Contains(got, "账户已锁定") || s.UI != nil {
		t.Errorf("after five wrong passwords: got %q, want 账户已锁定 and no window", got)
	}
	login(t, s, "viewer")
	if !strings.Contains(s.UI.win.Title(), "viewer（查阅）") {
		t.Errorf("title: got %q, want the account and its role", s.UI.win.Title())
	}
}

// TestWindowRoles: each role sees the screens it may use; a 查阅 has no
// 新增 or 删除; the 系统管理员 sees no register; the 审计员 only 审计日志.
func TestWindowRoles(t *testing.T) {
	for _, tc := range []struct {
		user string
		nav  string
		edit bool
	}{
		{"admin", "设置", false},
		{"secadm", "首页 涉密人员", false},
		{"auditor", "审计日志", false},
		{"clerk", "首页 涉密人员", true},
		{"viewer", "首页 涉密人员", false},
	} {
		t.Run(tc.user, func(t *testing.T) {
			s, _ := launchWithAccounts(t)
			login(t, s, tc.user)
			u := s.UI
			var nav []string
			for _, it := range u.navItems {
				nav = append(nav, it.label)
			}
			got := strings.Join(nav, " ")
			for _, want := range strings.Fields(tc.nav) {
				if !strings.Contains(got, want) {
					t.Errorf("navigation %q: want %s", got, want)
				}
			}
			if tc.user == "admin" || tc.user == "auditor" {
				if strings.Contains(got, "涉密人员") {
					t.Errorf("navigation %q: want no register", got)
				}
				return
			}
			if strings.Contains(got, "设置") || strings.Contains(got, "审计日志") {
				t.Errorf("navigation %q: want no 设置 nor 审计日志", got)
			}
			v := u.View("personnel")
			if add := v.buttons["新增"]; add.Visible() != tc.edit {
				t.Errorf("新增 visible: got %v, want %v", add.Visible(), tc.edit)
			}
			if len(v.shown) != 1 {
				t.Errorf("persons shown: got %d, want 1", len(v.shown))
			}
		})
	}
}

// TestIdleLockHidesTheData: the lock takes the data off the window and the
// store; the password brings both back.
func TestIdleLockHidesTheData(t *testing.T) {
	s, _ := launchWithAccounts(t)
	login(t, s, "clerk")
	u := s.UI
	u.View("personnel")
	u.lock()
	text := allText(t, u.win.Content())
	if strings.Contains(text, "张三") || !strings.Contains(text, "已锁定") {
		t.Errorf("locked window shows %q: want 已锁定 and no record", text)
	}
	if _, err := u.store.List(data.Personnel); !errors.Is(err, data.ErrLoginRequired) {
		t.Errorf("List while locked: got %v, want ErrLoginRequired", err)
	}
	u.unlockEntry.SetText("wrong1234")
	u.unlockEntry.OnSubmitted("")
	if u.locked == nil {
		t.Fatal("a wrong password unlocked the window")
	}
	u.unlockEntry.SetText(testPassword)
	u.unlockEntry.OnSubmitted("")
	if u.locked != nil {
		t.Fatal("the right password did not unlock")
	}
	if !strings.Contains(allText(t, u.win.Content()), "张三") {
		t.Error("the data is not back after unlocking")
	}
}

// TestAuditScreen: the 审计员 sees logins, failures and changes with the
// values before and after, filters them, and the chain verifies.
func TestAuditScreen(t *testing.T) {
	s, path := launchWithAccounts(t)
	st := s.pending
	st.Login("nobody", "x") // a failed login, chained at the next
	login(t, s, "auditor")
	_ = path
	u := s.UI
	u.selectNav(navAuditKey)
	a := u.audit
	if a == nil || len(a.shown) == 0 {
		t.Fatal("no 审计日志 screen")
	}
	var lines []string
	for _, e := range a.shown {
		lines = append(lines, data.AuditLine(e))
	}
	all := strings.Join(lines, "\n")
	for _, want := range []string{"auditor　登录", "nobody　登录失败", "clerk　新增　涉密人员 第 1 条", "secadm　修改　账户", "admin　新增　账户"} {
		if !strings.Contains(all, want) {
			t.Errorf("log lacks %q:\n%s", want, all)
		}
	}
	a.action.SetSelected(data.ActionCreate)
	a.account.SetSelected("clerk")
	if len(a.shown) != 1 {
		t.Fatalf("filtered to clerk's 新增: got %d entries, want 1", len(a.shown))
	}
	a.list.Select(0)
	if d := a.detail.Text; !strings.Contains(d, "姓名：张三") {
		t.Errorf("detail: got %q, want the values of the new person", d)
	}
	a.verify()
	if got := overlayText(t, u.win); !strings.Contains(got, "审计链完好") {
		t.Errorf("verify: got %q, want 审计链完好", got)
	}
}

// allText is every label's text under o.
func allText(t *testing.T, o fyne.CanvasObject) string {
	var b strings.Builder
	walkObjects(t, o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	})
	return b.String()
}

// TestSetUpRolesInTheWindow is the first start as a clerk alone does it:
// the 系统管理员, then the 安全保密管理员, the 审计员 and a clerk through
// 账户; after 注销 the 安全保密管理员 makes the clerk a 录入员 of 涉密人员,
// who may then add persons but not edit 违规案件.
func TestSetUpRolesInTheWindow(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "taizhang.db")
	s := Launch(a, path, testOpener, Options{})
	closeSession(t, s)
	test.Tap(s.buttons["新建"])
	createAdmin(t, s, "admin", testPassword)
	u := s.UI
	u.selectNav(navAccountsKey)
	acc := u.accounts
	for _, n := range []struct {
		name string
		role data.Role
	}{{"secadm", data.RoleSecurity}, {"auditor", data.RoleAuditor}, {"clerk", data.RoleViewer}} {
		test.Tap(acc.buttons["新建账户"])
		acc.entries["账户名"].SetText(n.name)
		acc.entries["新密码"].SetText(testPassword)
		acc.entries["确认密码"].SetText(testPassword)
		acc.role.SetSelected(string(n.role))
		tapButton(t, u.win, "新建")
	}
	if len(acc.all) != 4 {
		t.Fatalf("accounts: got %d, want 4", len(acc.all))
	}
	test.Tap(acc.buttons["新建账户"])
	acc.entries["账户名"].SetText("x")
	acc.entries["新密码"].SetText("short")
	acc.entries["确认密码"].SetText("short")
	tapButton(t, u.win, "新建")
	if got := overlayText(t, u.win); !strings.Contains(got, "密码至少 8 位") {
		t.Errorf("a short password: got %q, want the rule", got)
	}
	u.escape()

	u.onLogout()
	login(t, s, "secadm")
	u = s.UI
	u.selectNav(navAccountsKey)
	acc = u.accounts
	for i, ac := range acc.all {
		if ac.Name == "clerk" {
			acc.list.Select(i)
		}
	}
	test.Tap(acc.buttons["设置角色"])
	acc.role.SetSelected(string(data.RoleClerk))
	acc.grants.SetSelected([]string{data.Personnel.Name})
	tapButton(t, u.win, "保存")

	u.onLogout()
	login(t, s, "clerk")
	u = s.UI
	addPerson(t, u.View("personnel"), "张三", "11010519491231002X", "办公室", "一般")
	if n := len(u.View("personnel").shown); n != 1 {
		t.Errorf("persons after the clerk's 新增: got %d, want 1", n)
	}
	if u.View("cases").buttons["新增"].Visible() {
		t.Error("违规案件 offers 新增 to a clerk of 涉密人员 only")
	}
}

// TestAdminUndoesASettingsChange: the 系统管理员's 撤销 of a settings
// change works and does not try to read the registers it may not see.
func TestAdminUndoesASettingsChange(t *testing.T) {
	s, _ := launchWithAccounts(t)
	login(t, s, "admin")
	u := s.UI
	st, _ := u.store.Settings()
	st.Unit = "某某局"
	if err := u.store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	u.settingsChanged()
	u.onUndo()
	if got, _ := u.store.Settings(); got.Unit != "" {
		t.Errorf("unit after 撤销: got %q, want it undone", got.Unit)
	}
	if got := overlayText(t, u.win); strings.Contains(got, "无权操作") {
		t.Errorf("撤销 showed %q", got)
	}
}

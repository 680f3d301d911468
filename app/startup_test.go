package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
	"baomi/taizhang/data/demo"
)

// testOpener opens like main does, with the tests' clock.
func testOpener(path string, create bool) (*data.Store, error) {
	st, err := data.OpenFile(path, data.OpenOptions{Timeout: time.Second, Create: create})
	if err == nil {
		st.Now = func() time.Time { return today }
		st.Wall = st.Now // the same file layout on every run
	}
	return st, err
}

func closeSession(t *testing.T, s *Session) {
	t.Cleanup(func() {
		if s.UI != nil {
			s.UI.store.Close()
		}
	})
}

// TestFirstStartAsks: a missing data file is not created until the clerk
// chooses 新建.
func TestFirstStartAsks(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "taizhang.db")
	s := Launch(a, path, testOpener, Options{})
	closeSession(t, s)
	if s.UI != nil {
		t.Fatal("the main window opened on a missing file")
	}
	if !errors.Is(s.Err, data.ErrMissing) {
		t.Errorf("Err: got %v, want ErrMissing (exit code 1 if the clerk quits)", s.Err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("the file was created before the clerk chose 新建")
	}
	for _, b := range []string{"新建", "打开其他文件…", "退出"} {
		if s.buttons[b] == nil {
			t.Errorf("no %q button", b)
		}
	}
	test.Tap(s.buttons["新建"])
	if _, err := os.Stat(path); err != nil {
		t.Errorf("新建 made no file: %v", err)
	}
	if s.UI != nil || !strings.Contains(s.start.Title(), "创建系统管理员") {
		t.Fatalf("after 新建: got main window %v, title %q, want the 系统管理员 asked for first", s.UI != nil, s.start.Title())
	}
	createAdmin(t, s, "王管理", testPassword)
	if s.UI == nil {
		t.Fatal("创建并登录 opened no main window")
	}
	if a := s.UI.store.Account(); a == nil || a.Name != "王管理" || a.Role != data.RoleAdmin {
		t.Errorf("logged in: got %+v, want 王管理 the 系统管理员", a)
	}
}

// TestDamagedFileOffersBackup: a damaged file is refused, left as it is,
// and the newest backup that verifies is offered and restored on request.
func TestDamagedFileOffersBackup(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "taizhang.db")
	st, err := testOpener(path, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Fill(st, 30, 1, nil); err != nil {
		t.Fatal(err)
	}
	want, _ := st.List(data.Personnel)
	backup, err := st.Backup(data.BackupDir(path))
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	b, _ := os.ReadFile(path)
	// A quarter: bbolt grows the file ahead of its pages in use, so half
	// of it may still hold them all (about 130 KiB of the demo's 256 KiB).
	damaged := b[:len(b)/4]
	os.WriteFile(path, damaged, 0o600)

	s := Launch(a, path, testOpener, Options{})
	closeSession(t, s)
	if s.UI != nil {
		t.Fatal("the main window opened on a damaged file")
	}
	var shown strings.Builder
	walkObjects(t, s.start.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			shown.WriteString(l.Text)
		}
	})
	if got := shown.String(); !strings.Contains(got, "已损坏") || !strings.Contains(got, backup) {
		t.Errorf("start window: got %q, want 已损坏 and the backup %s", got, backup)
	}
	if now, _ := os.ReadFile(path); string(now) != string(damaged) {
		t.Fatal("the damaged file was written to")
	}
	win := s.start
	test.Tap(s.buttons["从此备份恢复"])
	tapButton(t, win, "恢复")
	if s.pending == nil || !strings.Contains(s.start.Title(), "创建系统管理员") {
		t.Fatal("no first start on the restored file (a backup without accounts)")
	}
	got, _ := s.pending.List(data.Personnel)
	if len(got) != len(want) {
		t.Errorf("persons after restore: got %d, want %d", len(got), len(want))
	}
	matches, _ := filepath.Glob(path + ".恢复前-*")
	if len(matches) != 1 {
		t.Fatalf("the damaged file kept aside: got %v, want one", matches)
	}
	if kept, _ := os.ReadFile(matches[0]); string(kept) != string(damaged) {
		t.Error("the file kept aside is not the damaged one")
	}
}

// TestCheckFailureStopsWriting damages the open file under the window: the
// background check finds it, the window says so and no longer writes.
func TestCheckFailureStopsWriting(t *testing.T) {
	u := newTestUI(t)
	if err := demo.Fill(u.store, 30, 1, nil); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(u.store.Path(), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := f.Stat()
	// Junk over the middle half of the file: whatever the demo's layout,
	// pages in use are among them (a few pages at one offset may all be free).
	junk := []byte(strings.Repeat("损坏", int(fi.Size()/12)))
	f.WriteAt(junk, fi.Size()/4)
	f.Close()

	u.checkAndBackup()
	if u.warningDlg == nil {
		t.Fatal("no 数据文件已损坏 dialog after the check failed")
	}
	if got := overlayText(t, u.win); !strings.Contains(got, "停止写入") {
		t.Errorf("dialog: got %q, want it to say writing stopped", got)
	}
	if !strings.Contains(u.win.Title(), "已停止写入") {
		t.Errorf("title: got %q, want it to say writing stopped", u.win.Title())
	}
	v := u.View("personnel")
	before := len(v.shown)
	addPerson(t, v, "张三", "11010519491231002X", "办公室", "一般")
	if recs, _ := u.store.List(data.Personnel); len(recs) != before {
		t.Errorf("persons: got %d, want %d (nothing written)", len(recs), before)
	}
}

// TestBackupToFolder backs up through 备份到… while the window holds the
// file: the backup verifies and restores to the same ledger.
func TestBackupToFolder(t *testing.T) {
	u := newTestUI(t)
	if err := demo.Fill(u.store, 20, 2, nil); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	u.backupTo(dir)
	if got := overlayText(t, u.win); !strings.Contains(got, "备份完成") && !strings.Contains(got, "已备份") {
		t.Errorf("dialog: got %q, want 备份完成", got)
	}
	all, _ := data.Backups(u.store.Path(), dir)
	if len(all) != 1 {
		t.Fatalf("backups: got %d, want 1", len(all))
	}
	if err := data.VerifyBackup(all[0].Path); err != nil {
		t.Errorf("VerifyBackup: %v", err)
	}
}

// TestRestoreFromTheWindow restores a backup through 从备份恢复… while the
// window has the file open: the window closes its file, the backup takes
// its place, and a new window shows the restored ledger.
func TestRestoreFromTheWindow(t *testing.T) {
	a := test.NewTempApp(t)
	path := accountsFile(t)
	st, err := testOpener(path, false)
	if err != nil {
		t.Fatal(err)
	}
	st.Login("admin", testPassword)
	backup, err := st.Backup(data.BackupDir(path))
	if err != nil {
		t.Fatal(err)
	}
	st.Logout()
	st.Login("clerk", testPassword)
	savePerson(t, st, "李四", "11010519850601003"+string(data.IDCheckChar("11010519850601003")))
	st.Close()

	s := Launch(a, path, testOpener, Options{})
	closeSession(t, s)
	login(t, s, "clerk")
	first := s.UI
	first.restoreFrom(backup)
	if !strings.Contains(overlayText(t, first.win), "不能从备份恢复") {
		t.Errorf("restore by a 录入员: got %q, want it refused", overlayText(t, first.win))
	}
	first.escape()
	first.stopWatch()
	first.store.Close()
	first.win.Close()

	s = Launch(a, path, testOpener, Options{})
	closeSession(t, s)
	login(t, s, "admin")
	first = s.UI
	first.restoreFrom(backup)
	tapButton(t, first.win, "恢复")
	if s.UI != nil || s.pending == nil {
		t.Fatal("the restored file did not ask for a login")
	}
	login(t, s, "viewer")
	if s.UI == nil || s.UI == first {
		t.Fatal("no new window on the restored file")
	}
	if n := len(s.UI.View("personnel").shown); n != 1 {
		t.Errorf("persons after restoring: got %d, want the backup's 1", n)
	}
	if _, err := first.store.Settings(); err == nil {
		t.Error("the old window's file is still open")
	}
	if matches, _ := filepath.Glob(path + ".恢复前-*"); len(matches) != 1 {
		t.Errorf("file kept aside: got %v, want one", matches)
	}
	st = s.UI.store
	st.Logout()
	if err := st.Login("auditor", testPassword); err != nil {
		t.Fatal(err)
	}
	log, _ := st.AuditLog(3)
	found := false
	for _, e := range log {
		found = found || e.Action == data.ActionRestore && e.After["恢复人"] == "admin" && e.After["备份文件"] == backup
	}
	if !found {
		t.Errorf("newest entries %+v: want the 恢复 by admin of %s", log, backup)
	}
}

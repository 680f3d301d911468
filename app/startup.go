package app

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

// Opener opens the data file at path; create lets a missing file become a
// new ledger. main passes one that honours TAIZHANG_TODAY.
type Opener func(path string, create bool) (*data.Store, error)

// Session is one run of the program: a start window when the data file
// cannot be opened as it is (missing: asks 新建 / 打开其他文件; locked;
// damaged: offers the newest good backup), then the main window.
type Session struct {
	app  fyne.App
	open Opener
	opt  Options
	// UI is the main window once a data file is open.
	UI *UI
	// Err is why no data file is open, for the exit code.
	Err   error
	start fyne.Window // the start window while it is shown
	// buttons of the start window by text, and its entries by label, for
	// tests
	buttons map[string]*widget.Button
	entries map[string]*widget.Entry
	// pending is the open file while the login or the first start's
	// 系统管理员 is asked for.
	pending *data.Store
	// restored is the restore to audit at the next login.
	restored *restoreNote
}

// restoreNote is a restore not yet in the restored file's audit log.
type restoreNote struct{ backup, aside, by string }

// Launch shows the window for the data file at path; main then runs the
// app and calls Shutdown.
func Launch(a fyne.App, path string, open Opener, opt Options) *Session {
	a.Settings().SetTheme(NewTheme())
	s := &Session{app: a, open: open, opt: opt}
	s.openPath(path, false)
	return s
}

// openPath opens a data file and shows the main window, or the start
// window that says why it cannot.
func (s *Session) openPath(path string, create bool) {
	st, err := s.open(path, create)
	switch {
	case err == nil:
		s.gate(st)
	case errors.Is(err, data.ErrMissing) && !create:
		s.showFirstStart(path, err)
	default:
		s.showFatal(path, err)
	}
}

// showMain opens the main window on st; the start window, or the main
// window of a file replaced by a restore, closes after it shows.
func (s *Session) showMain(st *data.Store) {
	s.Err = nil
	u := New(s.app, st, s.opt)
	u.session = s
	s.UI = u
	u.Show()
	if s.start != nil {
		s.start.Close()
		s.start = nil
	}
	if s.opt.Background {
		go u.watch()
		go u.idleWatch()
	}
}

// startWindow shows content in the start window, made on first use.
func (s *Session) startWindow(title string, msg string, buttons ...*widget.Button) {
	if s.start == nil {
		s.start = s.app.NewWindow(appTitle)
		s.start.Resize(fyne.NewSize(640, 360)) // room for the 恢复 question
	}
	s.start.SetTitle(appTitle + " — " + title)
	s.buttons = map[string]*widget.Button{}
	row := container.NewHBox()
	for _, b := range buttons {
		s.buttons[b.Text] = b
		row.Add(b)
	}
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	s.start.SetContent(container.NewBorder(nil, row, widget.NewIcon(theme.InfoIcon()), nil, l))
	s.start.Show()
}

// showFirstStart asks what to do when the data file does not exist: a
// mistyped path or a removed disk must not silently become a new ledger.
func (s *Session) showFirstStart(path string, err error) {
	s.Err = err
	s.startWindow("新建数据文件",
		"没有找到数据文件：\n"+path+"\n\n第一次使用请点“新建”，在这里建立新的数据文件。\n如果数据文件在其他位置（如 U 盘或另一个文件夹），请点“打开其他文件…”。",
		&widget.Button{Text: "新建", Importance: widget.HighImportance, OnTapped: func() { s.openPath(path, true) }},
		widget.NewButton("打开其他文件…", s.chooseFile),
		widget.NewButton("退出", s.app.Quit))
}

// showFatal says why the data file cannot be opened. A damaged file is
// left as it is, and the newest backup that verifies is offered.
func (s *Session) showFatal(path string, err error) {
	s.Err = err
	msg := err.Error()
	buttons := []*widget.Button{widget.NewButton("打开其他文件…", s.chooseFile), widget.NewButton("退出", s.app.Quit)}
	switch {
	case errors.Is(err, data.ErrLocked):
		msg = "数据文件正被另一个保密台账窗口使用。\n请切换到已打开的窗口，或先关闭它再启动。"
	case errors.Is(err, data.ErrDamaged):
		msg = "数据文件已损坏或不是保密台账的数据文件，程序没有改动它。" + damageDetail(err, path)
		if b, ok := data.NewestGoodBackup(path); ok {
			msg += fmt.Sprintf("\n\n最近一份完好的备份：%s（%s）。", b.Path, b.Time.Format("2006-01-02 15:04"))
			restore := &widget.Button{Text: "从此备份恢复", Importance: widget.HighImportance, OnTapped: func() {
				s.restore(s.start, path, b.Path, nil)
			}}
			buttons = append([]*widget.Button{restore}, buttons...)
		} else {
			msg += "\n\n在 " + data.BackupDir(path) + " 中没有找到完好的备份。"
		}
	}
	s.startWindow("无法打开数据文件", msg+"\n\n数据文件："+path, buttons...)
}

// chooseFile lets the clerk open a data file elsewhere.
func (s *Session) chooseFile() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		s.openPath(path, false)
	}, s.start)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	d.Resize(fyne.NewSize(900, 560))
	d.Show()
}

// restore replaces the data file with a backup after asking, closing
// closing (the store the main window holds) first, then opens the file
// again in a new main window.
func (s *Session) restore(w fyne.Window, path, backup string, closing *data.Store) {
	msg := fmt.Sprintf("用备份\n%s\n替换数据文件\n%s\n吗？\n\n当前数据文件会改名保留在原处（.恢复前-时间），不会删除。", backup, path)
	c := dialog.NewConfirm("从备份恢复", msg, func(ok bool) {
		if !ok {
			return
		}
		if err := data.VerifyBackup(backup); err != nil {
			dialog.ShowError(fmt.Errorf("备份检查未通过，没有恢复：%w", err), w)
			return
		}
		old := s.UI
		if closing != nil {
			old.stopWatch()
			closing.Close()
			s.UI = nil
		}
		var by string
		if old != nil {
			if a := old.store.Account(); a != nil {
				by = a.Name
			}
		}
		aside, err := data.Restore(path, backup, time.Now())
		if err == nil { // audited in the restored file at its next login
			s.restored = &restoreNote{backup: backup, aside: aside, by: by}
		}
		// The file (restored, or as it was if restoring failed) opens in a
		// new window, or the start window says why it cannot; the window
		// of the closed store goes.
		s.openPath(path, false)
		if old != nil {
			old.win.Close()
		}
		win := s.start
		if s.UI != nil {
			win = s.UI.win
		}
		switch {
		case err != nil:
			dialog.ShowError(err, win)
		default:
			note := "已从备份恢复。"
			if aside != "" {
				note += "\n原数据文件保留为：\n" + aside
			}
			dialog.ShowInformation("恢复完成", note, win)
		}
	}, w)
	c.SetConfirmText("恢复")
	c.SetDismissText("取消")
	c.Show()
}

// Shutdown makes the backup on exit (unless the file is damaged) and
// closes the data file; main calls it after the app has run.
func (s *Session) Shutdown() error {
	if s.UI == nil && s.pending != nil { // closed at the login
		st := s.pending
		defer st.Close()
		_, err := st.AutoBackup(backupKeep(st))
		return err
	}
	if s.UI == nil {
		return s.Err
	}
	s.UI.stopWatch()
	st := s.UI.store
	defer st.Close()
	if st.Damaged() != nil {
		return nil
	}
	s.UI.keepDue(true) // for the next start's 首页
	_, err := st.AutoBackup(backupKeep(st))
	return err
}

// backupKeep is the setting 自动备份保留份数.
func backupKeep(st *data.Store) int {
	settings, err := st.Settings()
	if err != nil {
		return 14
	}
	return settings.Limits[data.LimitBackupKeep]
}

// damageDetail is what bbolt or the check found, without the words
// 数据文件已损坏 and the path the message already has.
func damageDetail(err error, path string) string {
	d := strings.TrimPrefix(err.Error(), data.ErrDamaged.Error()+"："+path)
	if d == "" {
		return ""
	}
	return "\n" + d
}

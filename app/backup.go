package app

import (
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

// checkAndBackup runs the full check of the data file in the background
// after start, once 首页's reminders are computed (the window stays
// usable; writes wait until the check is done), then makes the day's
// backup. A failed check stops writing and says so.
func (u *UI) checkAndBackup() {
	err := u.store.CheckWhen(u.due.computed, checkWait)
	if err != nil {
		fyne.Do(func() { u.showDamaged(err) })
		return
	}
	if _, err := u.store.BackupIfDue(backupKeep(u.store)); err != nil {
		fyne.Do(func() { u.showError(fmt.Errorf("今天的自动备份没有完成：%w", err)) })
	}
}

// checkWait is how long the check after start waits at most for 首页's
// reminders to be computed (an account that reads none: the whole wait).
const checkWait = 3 * time.Second

// backupEvery is how often the open window looks whether the day's backup
// is due (a window left open over midnight still makes it).
const backupEvery = time.Hour

// watch is the window's background work: the check after start, the
// day's backup, then a look every hour until stopWatch.
func (u *UI) watch() {
	u.checkAndBackup()
	u.every(backupEvery, func() bool {
		if u.store.Damaged() != nil {
			return false
		}
		if _, err := u.store.BackupIfDue(backupKeep(u.store)); err != nil {
			fyne.Do(func() { u.showError(fmt.Errorf("今天的自动备份没有完成：%w", err)) })
		}
		return true
	})
}

// every calls fn every d until the window's file closes or fn says stop.
func (u *UI) every(d time.Duration, fn func() bool) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-u.stop:
			return
		case <-t.C:
			if !fn() {
				return
			}
		}
	}
}

// stopWatch ends watch before the store closes.
func (u *UI) stopWatch() {
	u.stopOnce.Do(func() { close(u.stop) })
}

// showDamaged tells the clerk the check failed: the file is no longer
// written (looking and exporting still work), and the newest backup that
// verifies is offered.
func (u *UI) showDamaged(err error) {
	u.refreshTitle()
	msg := "数据文件检查发现损坏，程序已停止写入（仍可查看和导出）。" + damageDetail(err, u.store.Path())
	var buttons []fyne.CanvasObject
	var d dialog.Dialog
	if b, ok := data.NewestGoodBackup(u.store.Path()); ok {
		msg += fmt.Sprintf("\n\n最近一份完好的备份：%s（%s）。", b.Path, b.Time.Format("2006-01-02 15:04"))
		buttons = append(buttons, &widget.Button{Text: "从此备份恢复", Importance: widget.HighImportance, OnTapped: func() {
			d.Hide()
			u.restoreFrom(b.Path)
		}})
	} else {
		msg += "\n\n在 " + data.BackupDir(u.store.Path()) + " 中没有找到完好的备份。"
	}
	buttons = append(buttons, widget.NewButton("关闭", func() { d.Hide() }))
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	d = dialog.NewCustomWithoutButtons("数据文件已损坏", container.NewBorder(nil, container.NewHBox(buttons...), nil, nil, l), u.win)
	d.Resize(fyne.NewSize(560, 280))
	u.warningDlg = d
	d.Show()
}

// backupItems are the 文件 menu's 备份到…, 恢复… and 检查数据文件.
func (u *UI) backupItems() []*fyne.MenuItem {
	return []*fyne.MenuItem{
		fyne.NewMenuItem("备份到…", u.onBackupTo),
		fyne.NewMenuItem("从备份恢复…", u.onRestore),
		fyne.NewMenuItem("检查数据文件", u.onCheck),
	}
}

// onBackupTo backs up into a folder the clerk picks (a removable disk).
func (u *UI) onBackupTo() {
	home, _ := os.UserHomeDir()
	u.newFolderDialog("备份到：选择文件夹（如移动存储介质）", home, u.backupTo)
}

// backupTo backs up into dir with a progress dialog, in the background in
// the real window.
func (u *UI) backupTo(dir string) {
	prog := dialog.NewCustomWithoutButtons("正在备份…", widget.NewProgressBarInfinite(), u.win)
	prog.Show()
	done := func(path string, err error) {
		prog.Hide()
		if err != nil {
			u.showError(fmt.Errorf("备份失败：%w", err))
			return
		}
		dialog.ShowInformation("备份完成", "已备份并检查完好：\n"+path+"\n（SHA-256 写在旁边的 .sha256 文件中）", u.win)
	}
	if !u.opt.Background {
		done(u.store.Backup(dir))
		return
	}
	go func() {
		path, err := u.store.Backup(dir)
		fyne.Do(func() { done(path, err) })
	}()
}

// onRestore picks a backup file (the 备份 folder first) and restores it.
func (u *UI) onRestore() {
	u.newOpenDialog("从备份恢复：选择备份文件", data.BackupDir(u.store.Path()), []string{".db"}, u.restoreFrom)
}

// restoreFrom verifies the backup, asks, then replaces the data file and
// opens it again in a new window.
func (u *UI) restoreFrom(backup string) {
	if err := u.store.MayRestore(); err != nil {
		u.showError(err)
		return
	}
	if err := data.VerifyBackup(backup); err != nil {
		u.showError(fmt.Errorf("备份检查未通过，不能用它恢复：%w", err))
		return
	}
	if u.session == nil { // a window without a session (tests of New alone)
		u.showError(fmt.Errorf("请关闭程序后用 taizhang restore 恢复"))
		return
	}
	u.session.restore(u.win, u.store.Path(), backup, u.store)
}

// onCheck runs the full check now and says the result.
func (u *UI) onCheck() {
	start := time.Now()
	if err := u.store.Check(); err != nil {
		u.showDamaged(err)
		return
	}
	dialog.ShowInformation("检查数据文件", fmt.Sprintf("数据文件完好（检查用时 %.1f 秒）。\n%s", time.Since(start).Seconds(), u.store.Path()), u.win)
}

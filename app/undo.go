package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

// undoState is this session's 撤销 and 重做 lists: the write transactions
// of the clerk's changes, from the audit log (data.Store.Undo reverses one).
type undoState struct {
	undo, redo []uint64
	lastTx     uint64 // the newest transaction seen, so only new ones are noted
}

// noteChange puts the change just written on the 撤销 list; a new change
// clears 重做. Called after every save, delete and settings change.
func (u *UI) noteChange() {
	tx, err := u.store.LastTx()
	if err != nil || tx <= u.undos.lastTx {
		return
	}
	u.undos.lastTx = tx
	u.undos.undo = append(u.undos.undo, tx)
	u.undos.redo = nil
}

// typing tells whether the focus is in a text field, where Ctrl+Z belongs
// to the text rather than to the ledger.
func (u *UI) typing() bool {
	_, ok := u.win.Canvas().Focused().(*widget.Entry)
	return ok || u.form != nil
}

// onUndo reverses the clerk's last change of this session.
func (u *UI) onUndo() {
	if u.typing() {
		return
	}
	u.step(&u.undos.undo, &u.undos.redo, "撤销")
}

// onRedo makes an undone change again.
func (u *UI) onRedo() {
	if u.typing() {
		return
	}
	u.step(&u.undos.redo, &u.undos.undo, "重做")
}

// step reverses the transaction on top of from and puts the reversing one
// on to.
func (u *UI) step(from, to *[]uint64, what string) {
	if len(*from) == 0 {
		dialog.ShowInformation(what, "没有可"+what+"的操作。", u.win)
		return
	}
	tx := (*from)[len(*from)-1]
	done, err := u.store.Undo(tx)
	if err != nil {
		u.showError(err)
		return
	}
	*from = (*from)[:len(*from)-1]
	*to = append(*to, done)
	u.undos.lastTx = done
	u.afterUndo()
}

// afterUndo shows what an undo or restore changed on every screen.
func (u *UI) afterUndo() {
	u.dataChanged()
	u.settingsChanged()
	if u.settings != nil {
		u.settings.load()
	}
}

// undoItems are the 编辑 menu's 撤销, 重做 and 恢复已删除的记录….
func (u *UI) undoItems() []*fyne.MenuItem {
	undo := fyne.NewMenuItem("撤销", u.onUndo)
	undo.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}
	redo := fyne.NewMenuItem("重做", u.onRedo)
	redo.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyY, Modifier: fyne.KeyModifierShortcutDefault}
	// Ctrl+Shift+Z, as many programs have it, without a second menu line.
	u.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift},
		func(fyne.Shortcut) { u.onRedo() })
	return []*fyne.MenuItem{undo, redo, fyne.NewMenuItem("恢复已删除的记录…", u.onRestoreDeleted)}
}

// onRestoreDeleted lists the records deleted (newest first) and brings one
// back, with its sub-records, from the audit log.
func (u *UI) onRestoreDeleted() {
	gone, err := u.store.Deleted(200)
	if err != nil {
		u.showError(err)
		return
	}
	if len(gone) == 0 {
		dialog.ShowInformation("恢复已删除的记录", "没有可恢复的已删除记录。", u.win)
		return
	}
	var d dialog.Dialog
	list := widget.NewList(func() int { return len(gone) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButton("恢复", nil), widget.NewLabel("2026-01-01 涉密人员 某某某"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			e := gone[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(deletedText(e))
			box.Objects[1].(*widget.Button).OnTapped = func() {
				d.Hide()
				u.restoreDeleted(e)
			}
		})
	d = dialog.NewCustom("恢复已删除的记录", "关闭", list, u.win)
	d.Resize(fyne.NewSize(640, 440))
	u.restoreDlg = d
	d.Show()
}

// deletedText names a deletion: when, what, by whom.
func deletedText(e data.AuditEntry) string {
	reg := data.RegisterByKey(e.Register)
	r := data.NewRecord()
	for k, v := range e.Before {
		r.Set(k, v)
	}
	r.ID = e.RecordID
	return fmt.Sprintf("%s  %s  %s（%s删除）", e.Time.Format("2006-01-02 15:04"), reg.Name, reg.RecordTitle(r), e.Operator)
}

// restoreDeleted brings a deleted record back and puts it on 撤销.
func (u *UI) restoreDeleted(e data.AuditEntry) {
	done, err := u.store.RestoreDeleted(e)
	if err != nil {
		u.showError(err)
		return
	}
	u.undos.lastTx = done
	u.undos.undo = append(u.undos.undo, done)
	u.undos.redo = nil
	u.afterUndo()
	dialog.ShowInformation("恢复完成", "已恢复："+deletedText(e), u.win)
}

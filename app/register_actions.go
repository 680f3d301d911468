package app

// What a register view does to its records: add, edit, delete, and follow a save or an owner's change.

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

func (v *registerView) onAdd() {
	r := data.NewRecord()
	if v.parent != nil {
		r.OwnerID = v.parent.ID
	}
	v.openForm(r)
}

func (v *registerView) onEdit() {
	if r := v.selected(); r != nil {
		v.openForm(r.Clone())
	}
}

func (v *registerView) onDelete() {
	r := v.selected()
	if r == nil {
		return
	}
	msg := fmt.Sprintf("确定删除%s“%s”吗？", v.reg.Name, v.reg.RecordTitle(r))
	if len(v.reg.Subs) > 0 {
		msg += "\n其下的证件、审批等子记录将一并删除。"
	}
	msg += "\n删除后可用“编辑 → 撤销”（Ctrl+Z）或“编辑 → 恢复已删除的记录…”找回。"
	d := dialog.NewConfirm("删除记录", msg, func(ok bool) {
		if !ok {
			return
		}
		if err := v.ui.store.Delete(v.reg, r.ID); err != nil {
			v.ui.showError(err)
			return
		}
		v.reload()
		v.ownerChanged()
	}, v.ui.win)
	d.SetConfirmText("删除")
	d.SetDismissText("取消")
	v.ui.showDialog(d)
}

// saved is called after a form saved a record: show it selected. Only
// the record is read again and put in place in the table, its owner's row
// the same way, and 首页 mends its list around it: at 100,000 persons the
// change shows in milliseconds rather than after reading every record.
func (v *registerView) saved(r *data.Record) {
	var old *data.Record // as the table showed it before
	if v.table != nil && v.parent == nil {
		old = v.table.Find(r.ID)
	}
	// a person's new name shows where others list them
	renamed := v.reg == data.Personnel && old != nil && old.Get(data.PsnName) != r.Get(data.PsnName)
	// the persons a training session lists, before and after, are those
	// whose rules read it
	listed := data.PersonsListed(v.reg, old, r)
	v.refreshRecord(r.ID)
	v.selectID(r.ID)
	v.ui.noteChange() // for 撤销
	if v.reg.UpdateOwner != nil && v.ownerForm != nil {
		v.ownerForm.ownerUpdated() // a 复查 changed its finding
	}
	if v.parent != nil {
		if ov := v.ui.views[v.ui.store.OwnerOf(v.reg).Key]; ov != nil && ov.table != nil {
			ov.refreshRecord(v.parent.ID)
		}
	}
	v.reloadReaders(renamed, listed, true)
	v.ui.recordSaved(v.reg, r.ID)
}

// refreshRecord shows the record with the id as saved: a register's table
// takes it in place; the few records of a sub-register (a person's 证件),
// or a change of the natural key (duplicate marks of others), read the
// register again.
func (v *registerView) refreshRecord(id uint64) {
	if v.table == nil || v.parent != nil {
		v.reload()
		return
	}
	r, err := v.ui.store.LoadOne(v.reg, id)
	if err != nil {
		v.ui.showError(err)
		return
	}
	if !v.table.PutSaved(r) {
		v.reload()
		return
	}
	v.applyKeeping()
}

// applyKeeping is apply after one record was put in place while the
// selected row stays shown: the table is drawn once, at the selected
// record, instead of once for each step apply takes (at 100,000 persons a
// third of the time a save takes).
func (v *registerView) applyKeeping() {
	keep := v.selected()
	if keep == nil {
		v.apply()
		return
	}
	shown := v.table.Query(v.query)
	row := slices.IndexFunc(shown, func(r *data.Record) bool { return r.ID == keep.ID })
	if row < 0 {
		v.apply()
		return
	}
	v.shown, v.sel = shown, row
	v.list.Select(widget.TableCellID{Row: row, Col: 1}) // where it moved to, if it did
	v.list.Refresh()
	v.setSelection(row) // its 提示 and the buttons
	v.showCount()
}

// ownerChanged refreshes what a change of this view's records affects: the
// owner's row (its 问题情况, 最近测评) for a sub-record, and the reminders.
func (v *registerView) ownerChanged() {
	v.ui.noteChange() // for 撤销
	if v.reg.UpdateOwner != nil && v.ownerForm != nil {
		v.ownerForm.ownerUpdated()
	}
	if v.parent != nil {
		if ov := v.ui.views[v.ui.store.OwnerOf(v.reg).Key]; ov != nil && ov.table != nil {
			ov.reload()
		}
	}
	v.reloadReaders(v.reg == data.Personnel, nil, false)
	v.ui.refreshDue()
}

// reloadReaders reloads the open registers whose rules read this one's
// records (a carrier reads the 违规案件 that names it), and, when names
// changed, those that list persons by name.
//
// Of the persons, when onlyListed, only those listed are read again: the
// persons a saved training session lists, before and after, are those
// whose rules read it.
func (v *registerView) reloadReaders(names bool, listed []uint64, onlyListed bool) {
	for _, ov := range v.ui.views {
		if ov.table == nil || ov.parent != nil {
			continue
		}
		reads := slices.Contains(ov.reg.Needs, v.reg)
		switch {
		case reads && ov.reg == data.Personnel && v.reg.NamesPersons() && onlyListed && len(listed) <= maxPutSaved:
			ov.putSaved(listed)
		case reads || names && ov.reg.NamesPersons():
			ov.reload()
		}
	}
}

// maxPutSaved is how many records putSaved reads and puts in place; more
// are read with the register.
const maxPutSaved = 2000

// putSaved reads the records with the ids again and puts them in place in
// the table, the selection kept.
func (v *registerView) putSaved(ids []uint64) {
	if len(ids) == 0 {
		return
	}
	recs, err := v.ui.store.LoadSome(v.reg, ids)
	if err != nil {
		v.ui.showError(err)
		return
	}
	if !v.table.PutSavedAll(recs) {
		v.reload()
		return
	}
	v.applyKeeping()
}

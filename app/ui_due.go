package app

// The reminders (待办) of the main window: refreshing, showing, opening and exporting them.

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
	"baomi/taizhang/data/xlsx"
)

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
			u.due.pending, u.due.rem, u.due.keptDay = false, nil, time.Time{}
			u.showError(err)
			return
		}
		u.due.rem, u.due.settings, u.due.keptDay = rm, st, time.Time{}
		u.showDue(rm.Items(), st)
		u.due.pending = false // shown: the last thing tests wait for
		u.keepDue(false)
		select {
		case <-u.due.computed:
		default:
			close(u.due.computed) // the check after start may begin
		}
	}
	if !u.opt.Background {
		got(compute())
		return
	}
	u.due.pending = true
	go func() {
		rm, st, err := compute()
		if u.opt.dueGate != nil {
			<-u.opt.dueGate
		}
		fyne.Do(func() { got(rm, st, err) })
	}()
}

// showKeptDue shows on 首页 the reminders kept in the data file at the
// last close (or computation), when they still hold and none were
// computed yet: at 100,000 persons 首页 is filled at once instead of after
// a second of reading and rules. They are computed anew meanwhile, and
// replace these. Called once the window is shown: a table filled before
// it is laid out walks a divider for each of its 40,000 rows (seconds).
func (u *UI) showKeptDue() {
	if u.due.rem != nil || !u.due.pending || !u.store.Account().MayRead() {
		return
	}
	st, err := u.store.Settings()
	if err != nil {
		return
	}
	if items, day, ok, err := u.store.DueCache(u.store.Today()); err == nil && ok {
		u.due.keptDay = day // 首页 says they are being brought up to date
		u.showDue(items, st)
	}
}

// keptNote says, after 首页's count, that the reminders shown are those
// kept at the last close while they are computed anew: of an earlier day,
// the marks that today adds or ends are not yet among them.
func (u *UI) keptNote() string {
	switch d := u.due.keptDay; {
	case d.IsZero():
		return ""
	case d.Before(u.store.Today()):
		return "（" + data.FormatDate(d) + "的提醒，正在更新…）"
	default:
		return "（正在更新…）"
	}
}

// keepDue keeps the reminders computed in the data file for the next
// start (nothing is written when it holds them already): after the
// computation at start, in the background, and when the window closes,
// before the file does (wait). A failure only makes the next start
// compute them first: the next save says what is wrong with the file.
func (u *UI) keepDue(wait bool) {
	rm := u.due.rem
	if rm == nil || u.due.pending {
		return
	}
	keep := func() { _ = u.store.SaveDueCache(rm.Items(), rm.Today()) }
	if wait || !u.opt.Background {
		keep()
		return
	}
	go keep()
}

// dueState is 首页's list of reminders kept between saves.
type dueState struct {
	computed chan struct{} // closed once the first computation is shown
	keptDay  time.Time     // the day of the kept reminders shown until then
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

package data

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// DueItem is one line of the reminders (到期提醒): something of a record
// that falls due on Date, or already has.
type DueItem struct {
	Register *Register // the top-level register whose record opens (set by DueItems)
	RecordID uint64    // that record's id (the owner's for a sub-record)
	Record   string    // how the record is named: 姓名, 项目名称 …
	Dept     string    // the 部门 responsible, for filtering and the 到期提醒清单
	What     string    // what is due, in Chinese
	Date     time.Time // when it falls due
	Days     int       // days from today to Date; negative when overdue
	// Action names a one-click fix the home screen offers ("declassify":
	// 转为已脱密); empty when the clerk must open the record.
	Action string
	// Sub and SubID name the sub-record (a 证件, a finding) the reminder is
	// about, so that it opens on that sub-register's tab; nil and 0 when it
	// is about the record itself.
	Sub   *Register
	SubID uint64
	// Now says that Date is the day the reminders were computed, the thing
	// having no date of its own (Mark.Now).
	Now bool
}

// Overdue tells whether the date has passed.
func (d DueItem) Overdue() bool { return d.Days < 0 }

// ActionDeclassify turns a person whose 脱密期 has ended into 已脱密. It is
// offered only once 脱密期止 has passed.
const ActionDeclassify = "declassify"

// Snapshot reads every register in one read transaction, so the registers
// agree with each other (no finding without its inspection).
func (s *Store) Snapshot() (Snapshot, error) {
	if err := s.mayRead(); err != nil {
		return nil, err
	}
	snap := Snapshot{}
	err := s.view(func(tx *bolt.Tx) error {
		for _, reg := range withSubs(s.Registers()) {
			recs, err := readBucket(tx, reg)
			if err != nil {
				return err
			}
			snap[reg] = recs
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return snap, nil
}

// DueItems lists everything due within the settings' window (and all that
// is overdue) across every register: the dated marks of every record, as
// each register's Derive computes them (the registers side by side, one
// that reads another after it),
// overdue first, then by date. The order is by date alone, since every
// overdue date is before today and every upcoming one is not; on the same
// day items follow the navigation order of their registers, then the
// record id, then the order of the marks.
func DueItems(snap Snapshot, env Env) []DueItem {
	return NewReminders(snap, env).Items()
}

// mergeDue merges the registers' lists of reminders into one, by date:
// see DueItems.
func mergeDue(lists [][]DueItem) []DueItem {
	// Sort small keys rather than the items themselves: a stable sort of
	// tens of thousands of items moves megabytes many times over.
	type key struct {
		day      int64 // Date as Unix seconds
		reg, idx int32 // the register (in navigation order) and the item's place in its list
		id       uint64
	}
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	keys := make([]key, 0, n)
	for r, l := range lists {
		for i := range l {
			keys = append(keys, key{l[i].Date.Unix(), int32(r), int32(i), l[i].RecordID})
		}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(a.day, b.day); c != 0 {
			return c
		}
		if c := cmp.Compare(a.reg, b.reg); c != 0 {
			return c
		}
		if c := cmp.Compare(a.id, b.id); c != 0 {
			return c
		}
		return cmp.Compare(a.idx, b.idx)
	})
	items := make([]DueItem, n)
	for i, k := range keys {
		items[i] = lists[k.reg][k.idx]
	}
	return items
}

// dueOf turns the dated marks of a register's records into reminders, the
// records of a large register in parts side by side.
func dueOf(reg *Register, recs []*Record, today time.Time) []DueItem {
	lists := make([][]DueItem, parts(len(recs)))
	inParallel(len(recs), func(i, lo, hi int) { lists[i] = dueOfPart(reg, recs[lo:hi], today) })
	if len(lists) == 1 {
		return lists[0]
	}
	return slices.Concat(lists...)
}

// dueOfPart is dueOf for some records.
func dueOfPart(reg *Register, recs []*Record, today time.Time) []DueItem {
	dept, title := fieldReader{}, fieldReader{key: reg.TitleKey}
	for _, f := range reg.Fields {
		if f.Source == ChoiceDepartments {
			dept.key = f.Key
			break
		}
	}
	var items []DueItem
	for _, r := range recs {
		if len(r.Marks) == 0 {
			continue
		}
		name := ""
		if reg.Title != nil {
			name = reg.Title(r)
		}
		if name == "" {
			name = title.get(r)
		}
		if name == "" {
			name = reg.RecordTitle(r)
		}
		for _, m := range r.Marks {
			if m.Date.IsZero() {
				continue
			}
			d := m.Dept
			if d == "" {
				d = dept.get(r)
			}
			it := DueItem{Register: reg, RecordID: r.ID, Record: name, Dept: d,
				What: m.What, Date: m.Date, Days: DaysBetween(today, m.Date), Action: m.Action, Now: m.Now}
			if m.Sub != nil && m.SubReg != nil {
				it.Sub, it.SubID = m.SubReg, m.Sub.ID
			}
			items = append(items, it)
		}
	}
	return items
}

// Window returns the reminder window in days.
func (e Env) Window() int {
	if e.Settings == nil || e.Settings.Window <= 0 {
		return 90
	}
	return e.Settings.Window
}

// DaysText says how far a date is: 还有N天, 今天到期, 逾期N天.
func (d DueItem) DaysText() string {
	switch {
	case d.Days > 0:
		return fmt.Sprintf("还有%d天", d.Days)
	case d.Days == 0:
		return "今天到期"
	}
	return fmt.Sprintf("逾期%d天", -d.Days)
}

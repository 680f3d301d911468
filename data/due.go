package data

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// DueItem is one line of the reminders (到期提醒): something of a record
// that falls due on Date, or already has.
type DueItem struct {
	Register *Register // the top-level register whose record opens (set by DueItems)
	RecordID uint64    // that record's id (the owner's for a sub-record)
	Record   string    // how the record is named: 姓名, 项目名称 …
	Dept     string    // the 部门 responsible, for filtering and the 督办清单
	What     string    // what is due, in Chinese
	Date     time.Time // when it falls due
	Days     int       // days from today to Date; negative when overdue
	// Action names a one-click fix the home screen offers ("declassify":
	// 转为已脱密); empty when the clerk must open the record.
	Action string
}

// Overdue tells whether the date has passed.
func (d DueItem) Overdue() bool { return d.Days < 0 }

// ActionDeclassify turns a person whose 脱密期 has ended into 已脱密.
const ActionDeclassify = "declassify"

// Snapshot holds every register's records (sub-registers included) by
// register key, loaded once for the reminders and the statistics.
type Snapshot map[string][]*Record

// Snapshot reads every register in one transaction.
func (s *Store) Snapshot() (Snapshot, error) {
	snap := Snapshot{}
	for _, reg := range allRegisters() {
		recs, err := s.List(reg)
		if err != nil {
			return nil, err
		}
		snap[reg.Key] = recs
	}
	return snap, nil
}

// DueItems lists everything due within the settings' window (and all that
// is overdue) across every register: overdue first, then by date.
func DueItems(snap Snapshot, env Env) []DueItem {
	var items []DueItem
	for _, reg := range Registers() {
		if reg.Due == nil {
			continue
		}
		for _, it := range reg.Due(snap, env) {
			it.Register = reg // set here: a rule naming its own register would be an initialization cycle
			items = append(items, it)
		}
	}
	slices.SortStableFunc(items, func(a, b DueItem) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Register.Key, b.Register.Key); c != 0 {
			return c
		}
		return cmp.Compare(a.RecordID, b.RecordID)
	})
	return items
}

// Window returns the reminder window in days.
func (e Env) Window() int {
	if e.Settings == nil || e.Settings.Window <= 0 {
		return 90
	}
	return e.Settings.Window
}

// dueDays counts calendar days from a to b.
func dueDays(a, b time.Time) int {
	return int(Day(b).Sub(Day(a)).Hours() / 24)
}

// dueOn builds an item when date is set and falls within the window (or
// has passed); ok is false otherwise.
func dueOn(env Env, date time.Time, item DueItem) (DueItem, bool) {
	if date.IsZero() {
		return item, false
	}
	days := dueDays(env.Today, date)
	if days > env.Window() {
		return item, false
	}
	item.Date, item.Days = date, days
	return item, true
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

// personnelDue: 脱密期届满, 复审, lent 证件 past 应还日期, expiring 证件,
// and from 1 December the yearly training.
func personnelDue(snap Snapshot, env Env) []DueItem {
	var items []DueItem
	people := map[uint64]*Record{}
	add := func(p *Record, what string, date time.Time, action string) {
		it := DueItem{RecordID: p.ID, Record: p.Get(PName), Dept: p.Get(PDept), What: what, Action: action}
		if it, ok := dueOn(env, date, it); ok {
			items = append(items, it)
		}
	}
	for _, p := range snap["personnel"] {
		people[p.ID] = p
		switch p.Get(PStatus) {
		case StatusDeclass:
			add(p, "脱密期届满，应转为已脱密", Date(p.Get(PDeclassTo)), ActionDeclassify)
		case StatusInPost:
			if next := ReviewDue(p, env.Settings); !next.IsZero() {
				add(p, "保密复审到期（"+p.Get(PLevel)+"）", next, "")
			}
		}
	}
	for _, c := range snap["personnel.passports"] {
		p := people[c.Parent]
		if p == nil || p.Get(PStatus) == StatusDeclassed {
			continue
		}
		label := c.Get("type") + " " + c.Get("number")
		if c.Get("custody") == "已借出" && c.Get("returned") == "" {
			add(p, label+" 借出应归还", Date(c.Get("due")), "")
		}
		if c.Get("custody") != "已借出" || c.Get("returned") != "" {
			add(p, label+" 有效期届满", Date(c.Get("expires")), "")
		}
	}
	return items
}

// ReviewDue is when a person in post is next due for the 保密复审: the last
// review (or, before the first, the 上岗审查 or 确定涉密时间) plus the
// level's interval; zero when nothing is known or the interval is 0.
func ReviewDue(p *Record, s *Settings) time.Time {
	years := 0
	if s != nil {
		years = s.Review[p.Get(PLevel)]
	}
	if years <= 0 {
		return time.Time{}
	}
	for _, k := range []string{PReviewed, "vetted", "confirmed"} {
		if d := Date(p.Get(k)); !d.IsZero() {
			return addYears(d, years)
		}
	}
	return time.Time{}
}

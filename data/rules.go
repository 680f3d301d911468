package data

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// The helpers the rules of every register share: marks, limits, the
// reminder window, before/after checks.
// markSet collects the reasons a record needs attention.
type markSet []string

func (m *markSet) add(reason string) { *m = append(*m, reason) }

// set stores the reasons in the record's 提示, "" when there are none.
func (m markSet) set(r *Record) { r.Set(KeyMarks, strings.Join(m, "；")) }

// limitOf returns a configurable limit (Settings.Limits), its default when
// the settings lack it.
func limitOf(env Env, key string) int {
	if env.Settings != nil {
		if v, ok := env.Settings.Limits[key]; ok {
			return v
		}
	}
	return DefaultLimits()[key]
}

// notBefore marks later when both dates are set and later < earlier.
// Values are already normalized, so text order is date order.
func notBefore(fe FieldErrors, r *Record, later, earlier, msg string) {
	l, e := r.Get(later), r.Get(earlier)
	if l != "" && e != "" && len(l) == 10 && len(e) == 10 && l < e {
		fe[later] = msg
	}
}

// dueCheck decides, for every rule, whether a date is due: within the
// window from today, or past. Most dates of a large file are far off, so a
// stored date is first compared as text with the window's last day (stored
// dates are 2006-01-02, so text order is date order) and parsed only when
// it is due; and a rule reads the fields that name an item only for the
// items it makes: reading a field of 100,000 records costs tens of
// milliseconds, the records being spread over memory.
type dueCheck struct {
	today  time.Time // midnight UTC
	window int       // days ahead
	last   string    // the window's last day, stored form
}

func newDueCheck(env Env) dueCheck {
	today := Day(env.Today)
	w := env.Window()
	return dueCheck{today: today, window: w, last: FormatDate(today.AddDate(0, 0, w))}
}

// due tells whether a date is set and within the window, or has passed.
func (c dueCheck) due(date time.Time) bool {
	return !date.IsZero() && DaysBetween(c.today, date) <= c.window
}

// within reads a stored date that is due; a blank or bad value never is.
func (c dueCheck) within(v string) (time.Time, bool) {
	if len(v) != len(DateLayout) || v > c.last {
		return time.Time{}, false
	}
	d := dueDate(v)
	return d, c.due(d)
}

// dated sets the date of an item and the days to it.
func (c dueCheck) dated(date time.Time, it DueItem) DueItem {
	it.Date, it.Days = date, DaysBetween(c.today, date)
	return it
}

// notAfterToday returns the stored date, or today when it is blank, bad
// or later: the day something that is wrong now became due.
func (c dueCheck) notAfterToday(v string) time.Time {
	if d := dueDate(v); !d.IsZero() && d.Before(c.today) {
		return d
	}
	return c.today
}

// byID finds records by id: by binary search when they are in id order,
// as the store lists them, else through a map built once.
type byID struct {
	recs []*Record
	m    map[uint64]*Record
}

func newByID(recs []*Record) *byID {
	if slices.IsSortedFunc(recs, func(a, b *Record) int { return cmp.Compare(a.ID, b.ID) }) {
		return &byID{recs: recs}
	}
	m := make(map[uint64]*Record, len(recs))
	for _, r := range recs {
		m[r.ID] = r
	}
	return &byID{m: m}
}

func (b *byID) get(id uint64) *Record {
	if b.m != nil {
		return b.m[id]
	}
	if i, ok := slices.BinarySearchFunc(b.recs, id, func(r *Record, id uint64) int { return cmp.Compare(r.ID, id) }); ok {
		return b.recs[i]
	}
	return nil
}

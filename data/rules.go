package data

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// The helpers the rules of every register share: marks, limits, the
// reminder window, before/after checks, work split over the cores.

// Mark is one reason a record needs attention, computed once by its
// register's Derive: the 提示 column shows the What of every mark of the
// record, and 首页 (DueItems) lists the dated ones, so both always say the
// same thing.
type Mark struct {
	What string    // the words, as 提示 and 首页 show them
	Date time.Time // when it falls or fell due; zero for a standing fact that is no reminder
	// Action names a one-click fix 首页 offers (ActionDeclassify); empty
	// when the clerk must open the record.
	Action string
	// Sub is the sub-record the mark is about (a 证件, a finding), nil
	// when it is about the record itself.
	Sub *Record
	// SubReg is the sub-register of Sub, so that 首页 opens the record on
	// that sub-register's tab with Sub selected.
	SubReg *Register
	// Dept is the 部门 responsible when it is not the record's own (a
	// finding's 责任部门); "" for the record's.
	Dept string
	// Now says that Date is the day the rules ran, the thing having no
	// date of its own (a 证件 未上交): due on each day it still holds.
	Now bool
}

// markSet collects a record's marks while its register's Derive runs.
type markSet []Mark

// add records a standing fact (no date, not on 首页).
func (m *markSet) add(what string) { *m = append(*m, Mark{What: what}) }

// due records something due on date.
func (m *markSet) due(date time.Time, what string) { *m = append(*m, Mark{What: what, Date: date}) }

// set stores the marks in the record, and their words in its 提示.
func (m markSet) set(r *Record) { SetMarks(r, m) }

// SetMarks gives a record its marks, as a register's Derive computed them,
// and their words in its 提示; a register described outside this package
// ends its Derive with it. Only SetMarks writes KeyMarks, so a record
// without marks before or after is left as it is: most records of a large
// file have none.
func SetMarks(r *Record, marks []Mark) {
	if len(marks) == 0 && len(r.Marks) == 0 {
		return
	}
	r.Marks = marks
	r.Set(KeyMarks, marksText(marks))
}

// marksText joins the words of marks as the 提示 column shows them.
func marksText(marks []Mark) string {
	switch len(marks) {
	case 0:
		return ""
	case 1:
		return marks[0].What
	}
	parts := make([]string, len(marks))
	for i, m := range marks {
		parts[i] = m.What
	}
	return strings.Join(parts, "；")
}

// parts is how many parts inParallel splits n records into.
func parts(n int) int { return max(1, min(runtime.GOMAXPROCS(0), n/parallelChunk)) }

// inParallel runs f over [0, n) split into parts(n) parts, part i given
// its range, and waits for them.
func inParallel(n int, f func(i, lo, hi int)) {
	k := parts(n)
	if k == 1 {
		f(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	for i := range k {
		wg.Go(func() { f(i, i*n/k, (i+1)*n/k) })
	}
	wg.Wait()
}

// parallelChunk is the fewest records a part of a rule run side by side takes.
const parallelChunk = 8192

// cutTitle names a record by the first n characters of a long text (a
// 督办事项, an 信息名称), with "…" when it was cut.
func cutTitle(s string, n int) string {
	if utf8.RuneCountInString(s) > n {
		return string([]rune(s)[:n]) + "…"
	}
	return s
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
	d := StoredDate(v)
	return d, c.due(d)
}

// notAfterToday returns the stored date, or today when it is blank, bad
// or later: the day something that is wrong now became due.
func (c dueCheck) notAfterToday(v string) time.Time {
	if d := StoredDate(v); !d.IsZero() && d.Before(c.today) {
		return d
	}
	return c.today
}

// byID finds records by id: by binary search when they are in id order,
// as the store lists them, else through a map built once.
type byID struct {
	recs []*Record
	m    map[uint64]int
	last int // the place found last: records of one owner come together
}

func newByID(recs []*Record) *byID {
	if slices.IsSortedFunc(recs, func(a, b *Record) int { return cmp.Compare(a.ID, b.ID) }) {
		return &byID{recs: recs}
	}
	m := make(map[uint64]int, len(recs))
	for i, r := range recs {
		m[r.ID] = i
	}
	return &byID{recs: recs, m: m}
}

// index returns the place of the record with the id, -1 when there is none.
func (b *byID) index(id uint64) int {
	if b.m != nil {
		if i, ok := b.m[id]; ok {
			return i
		}
		return -1
	}
	if b.last < len(b.recs) && b.recs[b.last].ID == id {
		return b.last
	}
	if i, ok := slices.BinarySearchFunc(b.recs, id, func(r *Record, id uint64) int { return cmp.Compare(r.ID, id) }); ok {
		b.last = i
		return i
	}
	return -1
}

// get returns the record with the id, nil when there is none.
func (b *byID) get(id uint64) *Record {
	if i := b.index(id); i >= 0 {
		return b.recs[i]
	}
	return nil
}

// requireFields refuses each field that is blank, given as key, label
// pairs, with "<what>应填写<label>": the fields a 状态 needs (已销毁: 销毁日期
// and 销毁方式).
func requireFields(fe FieldErrors, r *Record, what string, pairs ...string) {
	for i := 0; i+1 < len(pairs); i += 2 {
		if r.Get(pairs[i]) == "" {
			fe[pairs[i]] = what + "应填写" + pairs[i+1]
		}
	}
}

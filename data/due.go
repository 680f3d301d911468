package data

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
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

// ActionDeclassify turns a person whose 脱密期 has ended into 已脱密. It is
// offered only once 脱密期止 has passed.
const ActionDeclassify = "declassify"

// Snapshot holds every register's records (sub-registers included) by
// register key, loaded once for the reminders and the statistics.
type Snapshot map[string][]*Record

// Snapshot reads every register in one read transaction, so the registers
// agree with each other (no finding without its inspection).
func (s *Store) Snapshot() (Snapshot, error) {
	snap := Snapshot{}
	err := s.view(func(tx *bolt.Tx) error {
		for _, reg := range allRegisters() {
			recs, err := readBucket(tx, reg)
			if err != nil {
				return err
			}
			snap[reg.Key] = recs
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return snap, nil
}

// DueItems lists everything due within the settings' window (and all that
// is overdue) across every register: overdue first, then by date. The
// order is by date alone, since every overdue date is before today and
// every upcoming one is not; on the same day items follow the navigation
// order of their registers, then the record id, then the order the rule
// gave them. The registers' rules run side by side.
func DueItems(snap Snapshot, env Env) []DueItem {
	var regs []*Register
	var parts []func() []DueItem
	for _, reg := range Registers() {
		if reg.Due != nil {
			regs = append(regs, reg)
			parts = append(parts, func() []DueItem { return reg.Due(snap, env) })
		}
	}
	lists := gatherLists(parts...)
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
		items[i].Register = regs[k.reg] // set here: a rule naming its own register would be an initialization cycle
	}
	return items
}

// gather runs the parts side by side and joins their items in the order of
// the parts.
func gather(parts ...func() []DueItem) []DueItem {
	if len(parts) == 1 {
		return parts[0]()
	}
	return slices.Concat(gatherLists(parts...)...)
}

// gatherLists runs the parts side by side and returns their items by part.
func gatherLists(parts ...func() []DueItem) [][]DueItem {
	out := make([][]DueItem, len(parts))
	var wg sync.WaitGroup
	for i, f := range parts {
		wg.Go(func() { out[i] = f() })
	}
	wg.Wait()
	return out
}

// dueChunk is the fewest records a part of a rule run side by side takes.
const dueChunk = 8192

// chunked splits n records into parts of at least dueChunk, one for each
// processor at most, each part's rule given its range.
func chunked(n int, rule func(lo, hi int) []DueItem) []func() []DueItem {
	k := max(1, min(runtime.GOMAXPROCS(0), n/dueChunk))
	parts := make([]func() []DueItem, k)
	for i := range parts {
		lo, hi := i*n/k, (i+1)*n/k
		parts[i] = func() []DueItem { return rule(lo, hi) }
	}
	return parts
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

// dueDays counts calendar days from a to b.
func dueDays(a, b time.Time) int {
	return int((Day(b).Unix() - Day(a).Unix()) / 86400)
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
	return !date.IsZero() && dueDays(c.today, date) <= c.window
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
	it.Date, it.Days = date, dueDays(c.today, date)
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

// dueDate reads a stored date like Date, without time.Parse: the rules read
// several hundred thousand dates for a large file. A value that is not a
// real day written 2006-01-02 gives the zero time.
func dueDate(v string) time.Time {
	if len(v) != 10 || v[4] != '-' || v[7] != '-' {
		return time.Time{}
	}
	y, ok1 := digits(v[0:4])
	m, ok2 := digits(v[5:7])
	d, ok3 := digits(v[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) {
		return time.Time{}
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

// digits reads a run of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn is the number of days of a month.
func daysIn(m time.Month, year int) int {
	switch m {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
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

// ---- 涉密人员 ----

// personnelDue: 脱密期届满 (with the one-click 转为已脱密 once it has
// passed), 复审 by level, lent 证件 past 应还日期 and expiring 证件 of the
// persons under management (在岗 and 离岗脱密期), and from 1 December a
// person in post without the year's training or 学时.
func personnelDue(snap Snapshot, env Env) []DueItem {
	c := newDueCheck(env)
	people := snap["personnel"]
	review := newReviewCutoff(c, env.Settings)
	training := newTrainingCheck(c, env, snap["training"])
	parts := chunked(len(people), func(lo, hi int) []DueItem {
		return personDue(c, review, training, people[lo:hi])
	})
	parts = append(parts, func() []DueItem { return passportsDue(c, people, snap["personnel.passports"]) })
	return gather(parts...)
}

// personItem is an item of a person.
func personItem(p *Record, what string) DueItem {
	return DueItem{RecordID: p.ID, Record: p.Get(PName), Dept: p.Get(PDept), What: what}
}

// personDue: the 脱密期, the 复审 and the yearly training of some persons.
func personDue(c dueCheck, review *reviewCutoff, training *trainingCheck, people []*Record) []DueItem {
	var items []DueItem
	for _, p := range people {
		switch p.Get(PStatus) {
		case StatusDeclass:
			if d, ok := c.within(p.Get(PDeclassTo)); ok {
				it := c.dated(d, personItem(p, "脱密期届满，应转为已脱密"))
				if it.Overdue() {
					it.Action = ActionDeclassify
				}
				items = append(items, it)
			}
		case StatusInPost:
			if d, ok := review.due(c, p); ok {
				items = append(items, c.dated(d, personItem(p, "保密复审到期（"+p.Get(PLevel)+"）")))
			}
			if what := training.what(p.ID); what != "" {
				items = append(items, c.dated(training.end, personItem(p, what)))
			}
		}
	}
	return items
}

// passportsDue: lent 证件 past 应还日期 and expiring 证件 of persons under
// management.
func passportsDue(c dueCheck, people, docs []*Record) []DueItem {
	var owners *byID
	var items []DueItem
	for _, d := range docs {
		expires, expiring := c.within(d.Get("expires"))
		var back time.Time
		late := false
		if d.Get("custody") == "已借出" && d.Get("returned") == "" {
			back, late = c.within(d.Get("due"))
		}
		if !expiring && !late {
			continue
		}
		if owners == nil {
			owners = newByID(people)
		}
		p := owners.get(d.Parent)
		if p == nil {
			continue
		}
		if s := p.Get(PStatus); s != StatusInPost && s != StatusDeclass {
			continue // 已脱密, 调离, 退休: no longer kept by the unit
		}
		label := d.Get("type") + " " + d.Get("number")
		if late {
			items = append(items, c.dated(back, personItem(p, label+" 借出应归还")))
		}
		if expiring {
			items = append(items, c.dated(expires, personItem(p, label+" 有效期届满")))
		}
	}
	return items
}

// trainingCheck finds, from 1 December, the persons in post who have
// attended no training session this year (up to today, as the person's
// 提示 counts) or, with a yearly minimum (LimitTrainingHours), fewer 学时;
// they are due on 31 December whatever the window. A nil check finds none.
type trainingCheck struct {
	end      time.Time          // 31 December
	minHours int                // 0: off
	hours    map[uint64]float64 // the year's 学时 by person id
}

func newTrainingCheck(c dueCheck, env Env, sessions []*Record) *trainingCheck {
	if c.today.Month() != time.December {
		return nil
	}
	year := c.today.Year()
	return &trainingCheck{
		end:      time.Date(year, time.December, 31, 0, 0, 0, 0, time.UTC),
		minHours: limitOf(env, LimitTrainingHours),
		hours:    yearHours(sessions, year, FormatDate(c.today)),
	}
}

// what says what a person in post lacks, "" when nothing.
func (t *trainingCheck) what(id uint64) string {
	if t == nil {
		return ""
	}
	switch h, ok := t.hours[id]; {
	case !ok:
		return "本年度未参加保密教育培训"
	case t.minHours > 0 && h < float64(t.minHours):
		return "本年度学时不足" + strconv.Itoa(t.minHours) + "（已完成" + FormatCount(h) + "）"
	}
	return ""
}

// ReviewDue is when a person in post is next due for the 保密复审: the last
// review (or, before the first, the 上岗审查 or 确定涉密时间) plus the
// level's interval; zero when nothing is known or the interval is 0.
// Without settings the default intervals apply.
func ReviewDue(p *Record, s *Settings) time.Time {
	years := reviewYears(s)[p.Get(PLevel)]
	if years <= 0 {
		return time.Time{}
	}
	if d := dueDate(reviewBase(p)); !d.IsZero() {
		return addYears(d, years)
	}
	return time.Time{}
}

// reviewBase is the stored date the next 复审 counts from: the last review,
// else the 上岗审查, else the 确定涉密时间; "" when none is a date.
func reviewBase(p *Record) string {
	for _, k := range []string{PReviewed, "vetted", "confirmed"} {
		if v := p.Get(k); !dueDate(v).IsZero() {
			return v
		}
	}
	return ""
}

// reviewYears are the 复审 intervals by level: the settings', else the
// defaults.
func reviewYears(s *Settings) map[string]int {
	if s == nil {
		return DefaultSettings().Review
	}
	return s.Review
}

// reviewCutoff finds the persons whose 复审 is due (as ReviewDue has it)
// reading as little as it can: most persons were reviewed lately, and a
// review base later than every level's cutoff is not due whatever the
// level. A level's cutoff is the window's last day less the interval, with
// a few days' slack for 29 February; the dates before it are checked
// exactly.
type reviewCutoff struct {
	years map[string]int
	limit map[string]string
	max   string // the latest limit
}

func newReviewCutoff(c dueCheck, s *Settings) *reviewCutoff {
	cut := &reviewCutoff{years: reviewYears(s), limit: map[string]string{}}
	last := dueDate(c.last)
	for level, y := range cut.years {
		if y > 0 {
			l := FormatDate(last.AddDate(-y, 0, 3))
			cut.limit[level] = l
			cut.max = max(cut.max, l)
		}
	}
	return cut
}

// due returns a person's next 复审 when it is due.
func (cut *reviewCutoff) due(c dueCheck, p *Record) (time.Time, bool) {
	base := reviewBase(p)
	if base == "" || base > cut.max {
		return time.Time{}, false
	}
	level := p.Get(PLevel)
	if l, ok := cut.limit[level]; !ok || base > l {
		return time.Time{}, false
	}
	d := addYears(dueDate(base), cut.years[level])
	return d, c.due(d)
}

// ---- 涉密项目 ----

// projectsDue: on projects still open (not 已验收 or 已终止), a contractor's
// 保密资质 expiring within the window or expired; otherwise a 资质 that runs
// out before the project ends, dated when it does; and a project in 实施中
// without 保密协议, due since it started.
func projectsDue(snap Snapshot, env Env) []DueItem {
	c := newDueCheck(env)
	item := func(r *Record, what string) DueItem {
		return DueItem{RecordID: r.ID, Record: r.Get(PrjName), Dept: r.Get(PrjDept), What: what}
	}
	var items []DueItem
	for _, r := range snap["projects"] {
		status := r.Get(PrjStatus)
		if status == ProjectAccepted || status == ProjectCancelled {
			continue
		}
		exp := r.Get(PrjQualExpires)
		if d, ok := c.within(exp); ok {
			what := "承接单位保密资质到期"
			if u := r.Get(PrjContractor); u != "" {
				what += "（" + u + "）"
			}
			items = append(items, c.dated(d, item(r, what)))
		} else if d := dueDate(exp); !d.IsZero() {
			if end := r.Get(PrjEnd); len(end) == len(DateLayout) && exp < end {
				items = append(items, c.dated(d, item(r, "资质有效期早于项目结束日期")))
			}
		}
		if status == ProjectRunning && r.Get(PrjAgreement) == "" {
			items = append(items, c.dated(c.notAfterToday(r.Get(PrjStart)), item(r, "实施中未签订保密协议")))
		}
	}
	return items
}

// ---- 涉密网络测评 ----

// networksDue: for each system not 已停用, the latest evaluation's 下次测评
// 日期 within the window or past (computed from its 测评日期 and the 密级
// when it was left blank), and a system in 运行中 never evaluated, due
// since it went into use.
func networksDue(snap Snapshot, env Env) []DueItem {
	c := newDueCheck(env)
	latest := latestEvaluations(snap["networks.evaluations"])
	item := func(r *Record, what string) DueItem {
		return DueItem{RecordID: r.ID, Record: r.Get(NetName), Dept: r.Get(NetDept), What: what}
	}
	var items []DueItem
	for _, r := range snap["networks"] {
		status := r.Get(NetStatus)
		if status == SystemStopped {
			continue
		}
		e, ok := latest[r.ID]
		if !ok {
			if status == SystemRunning {
				items = append(items, c.dated(c.notAfterToday(r.Get(NetInUse)), item(r, "运行中但无测评记录")))
			}
			continue
		}
		var next time.Time
		if v := e.rec.Get(EvalNext); v != "" {
			next, ok = c.within(v)
		} else if d := dueDate(e.date); !d.IsZero() {
			next = NextEvaluation(r.Get(NetLevel), d)
			ok = c.due(next)
		}
		if ok {
			items = append(items, c.dated(next, item(r, "涉密网络下次测评（"+r.Get(NetLevel)+"）")))
		}
	}
	return items
}

// latestEval is a system's latest evaluation and its 测评日期.
type latestEval struct {
	rec  *Record
	date string
}

// latestEvaluations finds each system's latest evaluation by 测评日期 (the
// later id on the same day), as its row shows it.
func latestEvaluations(evals []*Record) map[uint64]latestEval {
	m := map[uint64]latestEval{}
	for _, e := range evals {
		d := e.Get(EvalDate)
		l, ok := m[e.Parent]
		if !ok || d > l.date || (d == l.date && e.ID > l.rec.ID) {
			m[e.Parent] = latestEval{e, d}
		}
	}
	return m
}

// ---- 保密检查整改 ----

// reviewAfterDays is how long after its 完成日期 a finding 已整改 may wait for
// the 复查 that closes it (销号) before it is a reminder.
const reviewAfterDays = 30

// inspectionsDue: each open finding (not 已整改 or 已销号) whose 整改期限 is
// within the window or past, and each finding 已整改 more than 30 days ago
// and still not 销号. The item opens the inspection; the 部门 is the
// finding's 责任部门, else the 被检查部门.
func inspectionsDue(snap Snapshot, env Env) []DueItem {
	c := newDueCheck(env)
	waited := FormatDate(c.today.AddDate(0, 0, -reviewAfterDays)) // done before this: waited too long
	var inspections *byID
	var items []DueItem
	for _, f := range snap["inspections.findings"] {
		var date time.Time
		var what string
		switch f.Get(FndStatus) {
		case FindingClosed:
			continue
		case FindingFixed:
			done := f.Get(FndDone)
			if len(done) != len(DateLayout) || done >= waited {
				continue
			}
			if date = dueDate(done); date.IsZero() {
				continue
			}
			date, what = date.AddDate(0, 0, reviewAfterDays), "已整改待复查销号"
		default:
			var ok bool
			if date, ok = c.within(f.Get(FndDeadline)); !ok {
				continue
			}
			what = "整改期限（" + f.Get(FndCategory) + "）"
		}
		if inspections == nil {
			inspections = newByID(snap["inspections"])
		}
		ins := inspections.get(f.Parent)
		if ins == nil {
			continue
		}
		dept := f.Get(FndDept)
		if dept == "" {
			dept = ins.Get(InsDept)
		}
		items = append(items, c.dated(date, DueItem{RecordID: ins.ID, Record: findingTitle(ins, f), Dept: dept, What: what}))
	}
	return items
}

// findingTitleRunes is how much of a 问题描述 names a finding in a reminder.
const findingTitleRunes = 20

// findingTitle names a finding in a reminder: "<检查单位> <检查日期>：<问题描述>",
// the description cut to its first 20 characters.
func findingTitle(ins, f *Record) string {
	desc := f.Get(FndDesc)
	if utf8.RuneCountInString(desc) > findingTitleRunes {
		desc = string([]rune(desc)[:findingTitleRunes]) + "…"
	}
	return ins.Get(InsInspector) + " " + ins.Get(InsDate) + "：" + desc
}

// ---- 违规案件 ----

// casesDue: for each case not 已结案, the report of a suspected leak (a
// case involving a 密级, not yet reported: due the day the report limit
// ends, 24 hours being the day after 发现日期), the 初查 limit from 发现日期
// while 初查 without 立案, and the 结案 limit from 立案日期 while 已立案.
func casesDue(snap Snapshot, env Env) []DueItem {
	c := newDueCheck(env)
	hours := limitOf(env, LimitReportHours)
	inquiry := limitOf(env, LimitInquiryMonths)
	closing := limitOf(env, LimitCloseMonths)
	var items []DueItem
	for _, r := range snap["cases"] {
		status := r.Get(CaseStatus)
		if status == CaseDone {
			continue
		}
		add := func(date time.Time, what string) {
			if !c.due(date) {
				return
			}
			name := r.Get(CaseType)
			if p := r.Get(CaseParty); p != "" {
				name += "（" + p + "）"
			}
			items = append(items, c.dated(date, DueItem{RecordID: r.ID, Record: name, Dept: r.Get(CaseDept), What: what}))
		}
		found := dueDate(r.Get(CaseFound))
		if lvl := r.Get(CaseLevel); hours > 0 && lvl != "" && lvl != NotSecret && r.Get(CaseReported) == "" && !found.IsZero() {
			add(found.AddDate(0, 0, (hours+23)/24), "应在"+strconv.Itoa(hours)+"小时内报告保密行政管理部门（涉及"+lvl+"）")
		}
		switch status {
		case CaseInquiry:
			if inquiry > 0 && !found.IsZero() && r.Get(CaseFiled) == "" {
				add(addMonths(found, inquiry), "初查期限（发现后"+strconv.Itoa(inquiry)+"个月）")
			}
		case CaseOpen:
			if filed := dueDate(r.Get(CaseFiled)); closing > 0 && !filed.IsZero() && r.Get(CaseClosed) == "" {
				add(addMonths(filed, closing), "结案期限（立案后"+strconv.Itoa(closing)+"个月）")
			}
		}
	}
	return items
}

package data

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
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
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, reg := range allRegisters() {
			b := tx.Bucket([]byte(reg.Key))
			if b == nil {
				return fmt.Errorf("登记簿 %s 不存在", reg.Key)
			}
			recs := make([]*Record, 0, b.Stats().KeyN)
			err := b.ForEach(func(k, v []byte) error {
				r, err := unmarshalRecord(v)
				if err != nil {
					return fmt.Errorf("%s 记录 %d：%w", reg.Name, binary.BigEndian.Uint64(k), err)
				}
				recs = append(recs, r)
				return nil
			})
			if err != nil {
				return fmt.Errorf("读取%s失败：%w", reg.Name, err)
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
// order of their registers, then the record id.
func DueItems(snap Snapshot, env Env) []DueItem {
	var items []DueItem
	order := map[*Register]int{}
	for i, reg := range Registers() {
		order[reg] = i
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
		if c := cmp.Compare(order[a.Register], order[b.Register]); c != 0 {
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
// it is due.
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

// at fills in the date of an item and tells whether it is due: the date is
// set and within the window, or has passed.
func (c dueCheck) at(date time.Time, it DueItem) (DueItem, bool) {
	if date.IsZero() {
		return it, false
	}
	days := dueDays(c.today, date)
	if days > c.window {
		return it, false
	}
	it.Date, it.Days = date, days
	return it, true
}

// stored is at for a stored date; a blank or bad value is never due.
func (c dueCheck) stored(v string, it DueItem) (DueItem, bool) {
	if len(v) != len(DateLayout) || v > c.last {
		return it, false
	}
	return c.at(dueDate(v), it)
}

// always dates an item whatever the window: for what is wrong already
// (a project in 实施中 without 保密协议) and so never far ahead.
func (c dueCheck) always(date time.Time, it DueItem) DueItem {
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

// ---- 涉密人员 ----

// personnelDue: 脱密期届满 (with the one-click 转为已脱密 once it has
// passed), 复审 by level, lent 证件 past 应还日期 and expiring 证件 of the
// persons under management (在岗 and 离岗脱密期), and from 1 December a
// person in post without the year's training or 学时.
func personnelDue(snap Snapshot, env Env) []DueItem {
	c := newDueCheck(env)
	var items []DueItem
	item := func(p *Record, what string) DueItem {
		return DueItem{RecordID: p.ID, Record: p.Get(PName), Dept: p.Get(PDept), What: what}
	}
	people := make(map[uint64]*Record, len(snap["personnel"]))
	review := reviewCutoffs(c, env.Settings)
	for _, p := range snap["personnel"] {
		people[p.ID] = p
		switch p.Get(PStatus) {
		case StatusDeclass:
			if it, ok := c.stored(p.Get(PDeclassTo), item(p, "脱密期届满，应转为已脱密")); ok {
				if it.Overdue() {
					it.Action = ActionDeclassify
				}
				items = append(items, it)
			}
		case StatusInPost:
			if !review.mayBeDue(p) {
				continue
			}
			if next := ReviewDue(p, env.Settings); !next.IsZero() {
				if it, ok := c.at(next, item(p, "保密复审到期（"+p.Get(PLevel)+"）")); ok {
					items = append(items, it)
				}
			}
		}
	}
	for _, d := range snap["personnel.passports"] {
		p := people[d.Parent]
		if p == nil {
			continue
		}
		if s := p.Get(PStatus); s != StatusInPost && s != StatusDeclass {
			continue // 已脱密, 调离, 退休: no longer kept by the unit
		}
		label := d.Get("type") + " " + d.Get("number")
		if d.Get("custody") == "已借出" && d.Get("returned") == "" {
			if it, ok := c.stored(d.Get("due"), item(p, label+" 借出应归还")); ok {
				items = append(items, it)
			}
		}
		if it, ok := c.stored(d.Get("expires"), item(p, label+" 有效期届满")); ok {
			items = append(items, it)
		}
	}
	return append(items, trainingDue(c, env, snap["personnel"], snap["training"])...)
}

// trainingDue: from 1 December, a person in post who has attended no
// training session this year (up to today, as the person's 提示 counts),
// or, with a yearly minimum (LimitTrainingHours), fewer 学时, is due on 31
// December whatever the window.
func trainingDue(c dueCheck, env Env, people, sessions []*Record) []DueItem {
	if c.today.Month() != time.December {
		return nil
	}
	year := c.today.Year()
	end := time.Date(year, time.December, 31, 0, 0, 0, 0, time.UTC)
	minHours := limitOf(env, LimitTrainingHours)
	hours := yearHours(sessions, year, FormatDate(c.today))
	var items []DueItem
	for _, p := range people {
		if p.Get(PStatus) != StatusInPost {
			continue
		}
		var what string
		switch h, ok := hours[p.ID]; {
		case !ok:
			what = "本年度未参加保密教育培训"
		case minHours > 0 && h < float64(minHours):
			what = "本年度学时不足" + strconv.Itoa(minHours) + "（已完成" + FormatCount(h) + "）"
		default:
			continue
		}
		items = append(items, c.always(end, DueItem{RecordID: p.ID, Record: p.Get(PName), Dept: p.Get(PDept), What: what}))
	}
	return items
}

// ReviewDue is when a person in post is next due for the 保密复审: the last
// review (or, before the first, the 上岗审查 or 确定涉密时间) plus the
// level's interval; zero when nothing is known or the interval is 0.
// Without settings the default intervals apply.
func ReviewDue(p *Record, s *Settings) time.Time {
	years := reviewYears(p.Get(PLevel), s)
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

// reviewYears is the 复审 interval of a level.
func reviewYears(level string, s *Settings) int {
	if s == nil {
		return DefaultSettings().Review[level]
	}
	return s.Review[level]
}

// reviewCutoff skips, without date arithmetic, the persons in post whose
// 复审 is far off: by level, a base date after which the review cannot fall
// within the window (the window's last day less the interval, with a few
// days' slack for 29 February; the dates before it are checked exactly).
type reviewCutoff map[string]string

func reviewCutoffs(c dueCheck, s *Settings) reviewCutoff {
	cut := reviewCutoff{}
	last := dueDate(c.last)
	for _, level := range Levels {
		if y := reviewYears(level, s); y > 0 {
			cut[level] = FormatDate(last.AddDate(-y, 0, 3)) // slack for 29 February
		}
	}
	return cut
}

// mayBeDue tells whether a person's 复审 may fall within the window; an
// unknown level is always looked at.
func (cut reviewCutoff) mayBeDue(p *Record) bool {
	limit, ok := cut[p.Get(PLevel)]
	if !ok {
		return true
	}
	return reviewBase(p) <= limit
}

// ---- 涉密项目 ----

// projectsDue: on projects still open (not 已验收 or 已终止), a contractor's
// 保密资质 expiring within the window or expired; otherwise a 资质 that runs
// out before the project ends, dated when it does; and a project in 实施中
// without 保密协议, due since it started.
func projectsDue(snap Snapshot, env Env) []DueItem {
	c := newDueCheck(env)
	var items []DueItem
	for _, r := range snap["projects"] {
		status := r.Get(PrjStatus)
		if status == ProjectAccepted || status == ProjectCancelled {
			continue
		}
		item := func(what string) DueItem {
			return DueItem{RecordID: r.ID, Record: r.Get(PrjName), Dept: r.Get(PrjDept), What: what}
		}
		exp := r.Get(PrjQualExpires)
		what := "承接单位保密资质到期"
		if u := r.Get(PrjContractor); u != "" {
			what += "（" + u + "）"
		}
		if it, ok := c.stored(exp, item(what)); ok {
			items = append(items, it)
		} else if end := r.Get(PrjEnd); len(exp) == len(DateLayout) && len(end) == len(DateLayout) && exp < end {
			if d := dueDate(exp); !d.IsZero() {
				items = append(items, c.always(d, item("资质有效期早于项目结束日期")))
			}
		}
		if status == ProjectRunning && r.Get(PrjAgreement) == "" {
			items = append(items, c.always(c.notAfterToday(r.Get(PrjStart)), item("实施中未签订保密协议")))
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
	var items []DueItem
	for _, r := range snap["networks"] {
		status := r.Get(NetStatus)
		if status == SystemStopped {
			continue
		}
		item := func(what string) DueItem {
			return DueItem{RecordID: r.ID, Record: r.Get(NetName), Dept: r.Get(NetDept), What: what}
		}
		e := latest[r.ID]
		if e == nil {
			if status == SystemRunning {
				items = append(items, c.always(c.notAfterToday(r.Get(NetInUse)), item("运行中但无测评记录")))
			}
			continue
		}
		it := item("涉密网络下次测评（" + r.Get(NetLevel) + "）")
		if next := e.Get(EvalNext); next != "" {
			if it, ok := c.stored(next, it); ok {
				items = append(items, it)
			}
		} else if d := dueDate(e.Get(EvalDate)); !d.IsZero() {
			if it, ok := c.at(NextEvaluation(r.Get(NetLevel), d), it); ok {
				items = append(items, it)
			}
		}
	}
	return items
}

// latestEvaluations finds each system's latest evaluation by 测评日期 (the
// later id on the same day), as its row shows it.
func latestEvaluations(evals []*Record) map[uint64]*Record {
	m := map[uint64]*Record{}
	for _, e := range evals {
		l := m[e.Parent]
		if l == nil || e.Get(EvalDate) > l.Get(EvalDate) || (e.Get(EvalDate) == l.Get(EvalDate) && e.ID > l.ID) {
			m[e.Parent] = e
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
	byID := make(map[uint64]*Record, len(snap["inspections"]))
	for _, r := range snap["inspections"] {
		byID[r.ID] = r
	}
	var items []DueItem
	for _, f := range snap["inspections.findings"] {
		ins := byID[f.Parent]
		if ins == nil {
			continue
		}
		item := func(what string) DueItem {
			dept := f.Get(FndDept)
			if dept == "" {
				dept = ins.Get(InsDept)
			}
			return DueItem{RecordID: ins.ID, Record: findingTitle(ins, f), Dept: dept, What: what}
		}
		switch f.Get(FndStatus) {
		case FindingClosed:
		case FindingFixed:
			if done := f.Get(FndDone); len(done) == len(DateLayout) && done < waited {
				if d := dueDate(done); !d.IsZero() {
					items = append(items, c.always(d.AddDate(0, 0, reviewAfterDays), item("已整改待复查销号")))
				}
			}
		default:
			deadline := f.Get(FndDeadline)
			if len(deadline) != len(DateLayout) || deadline > c.last {
				continue
			}
			if it, ok := c.stored(deadline, item("整改期限（"+f.Get(FndCategory)+"）")); ok {
				items = append(items, it)
			}
		}
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
		item := func(what string) DueItem {
			name := r.Get(CaseType)
			if p := r.Get(CaseParty); p != "" {
				name += "（" + p + "）"
			}
			return DueItem{RecordID: r.ID, Record: name, Dept: r.Get(CaseDept), What: what}
		}
		add := func(date time.Time, what string) {
			if it, ok := c.at(date, item(what)); ok {
				items = append(items, it)
			}
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

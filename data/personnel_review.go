package data

// When a person is due for 复查 and 培训: the review cut-off and the training check.

import (
	"strconv"
	"time"
)

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
		minHours: env.Limit(trainingMinHours),
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
	years := reviewYears(s)[p.Get(PsnLevel)]
	if years <= 0 {
		return time.Time{}
	}
	if d := StoredDate(reviewBase(p)); !d.IsZero() {
		return AddYears(d, years)
	}
	return time.Time{}
}

// reviewBase is the stored date the next 复审 counts from: the last review,
// else the 上岗审查, else the 确定涉密时间; "" when none is a date.
func reviewBase(p *Record) string {
	for _, k := range []string{PsnReviewed, "vetted", "confirmed"} {
		if v := p.Get(k); !StoredDate(v).IsZero() {
			return v
		}
	}
	return ""
}

// reviewYears are the 复审 intervals by level: the settings', else the
// defaults.
func reviewYears(s *Settings) map[string]int {
	if s == nil {
		return defaultReview()
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
	last := StoredDate(c.last)
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
func (cut *reviewCutoff) due(c dueCheck, pf *personFields, p *Record) (time.Time, bool) {
	base := pf.reviewBase(p)
	if base == "" || base > cut.max {
		return time.Time{}, false
	}
	level := pf.level.get(p)
	if l, ok := cut.limit[level]; !ok || base > l {
		return time.Time{}, false
	}
	d := AddYears(StoredDate(base), cut.years[level])
	return d, c.due(d)
}

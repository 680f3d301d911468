package data

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// DateLayout is how dates are stored and shown: 2024-05-01.
const DateLayout = "2006-01-02"

var (
	errDateFormat = errors.New("日期格式不正确，请按 2024-05-01、2024/5/1、2024.5.1、20240501 或 2024年5月1日 填写")
	errDateRange  = errors.New("日期不存在，请检查年、月、日")
)

// ParseDate reads a date the way a clerk types it: 2024-05-01, 2024/5/1,
// 2024.5.1, 20240501 or 2024年5月1日 — always a year, a month and a day.
// A bare number is a date only with 8 digits: "2024", "5.1" or an Excel
// serial such as 45413 is refused rather than read as a day in 1900 (Excel
// serials are for import alone). Full-width digits and punctuation are
// accepted. The result is midnight UTC.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(foldWidth(s))
	if s == "" {
		return time.Time{}, errDateFormat
	}
	if isDigits(s) {
		if len(s) != 8 {
			return time.Time{}, errDateFormat
		}
		return ymd(s[:4], s[4:6], s[6:])
	}
	if strings.HasSuffix(s, "日") {
		s = strings.TrimSuffix(s, "日")
	}
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return r == '-' || r == '/' || r == '.' || r == '年' || r == '月'
	})
	if len(parts) != 3 || !sepConsistent(s) {
		return time.Time{}, errDateFormat
	}
	for _, p := range parts {
		if !isDigits(p) {
			return time.Time{}, errDateFormat
		}
	}
	if len(parts[0]) != 4 || len(parts[1]) > 2 || len(parts[2]) > 2 {
		return time.Time{}, errDateFormat
	}
	return ymd(parts[0], parts[1], parts[2])
}

// sepConsistent rejects mixes such as 2024-05/01 and a 年 without 月.
func sepConsistent(s string) bool {
	if strings.ContainsRune(s, '年') || strings.ContainsRune(s, '月') {
		return strings.Count(s, "年") == 1 && strings.Count(s, "月") == 1 && !strings.ContainsAny(s, "-/.") &&
			strings.Index(s, "年") < strings.Index(s, "月")
	}
	seps := 0
	for _, c := range "-/." {
		if strings.ContainsRune(s, c) {
			seps++
		}
	}
	return seps == 1
}

func ymd(ys, ms, ds string) (time.Time, error) {
	y, _ := strconv.Atoi(ys)
	m, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	if y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 {
		return time.Time{}, errDateRange
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, errDateRange
	}
	return t, nil
}

// NormalizeDate returns s as 2006-01-02, or an error in Chinese.
func NormalizeDate(s string) (string, error) {
	t, err := ParseDate(s)
	if err != nil {
		return "", err
	}
	return t.Format(DateLayout), nil
}

// FormatDate writes t as 2006-01-02; the zero time is "".
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return t.Format(DateLayout)
	}
	// by hand rather than t.Format: the rules write tens of thousands of
	// dates into their marks for a large file
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + int(m)/10), byte('0' + int(m)%10), '-', byte('0' + d/10), byte('0' + d%10)}
	return string(b[:])
}

// Day returns t's calendar day as midnight UTC, the form all date rules use.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ChineseDate writes t as 2024年5月1日, as printed registers do.
func ChineseDate(t time.Time) string {
	return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日"
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// foldWidth turns full-width digits, letters and punctuation (０-９, Ｘ, －,
// ／, ．) into ASCII and the ideographic space into a plain one.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		case r == 0x3000:
			return ' '
		case r == '。':
			return '.'
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, s)
}

// StoredDate reads a date as it is stored (2006-01-02), the one reader of
// stored dates: a blank or bad value gives the zero time. It does without
// time.Parse, since the rules read several hundred thousand dates of a
// large file.
func StoredDate(v string) time.Time {
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

// AddYears returns the same day n years on; a period starting on 29
// February ends on the last day of February in a common year (民法典第二百零二条:
// 没有对应日的，月末日为期间的最后一日), where time.AddDate would give 1 March.
func AddYears(t time.Time, n int) time.Time {
	d := t.AddDate(n, 0, 0)
	if d.Day() != t.Day() {
		d = d.AddDate(0, 0, -d.Day())
	}
	return d
}

// AddMonths returns the same day n months on, or the month's last day when
// it has no such day, by the same rule as AddYears (初查 and 结案 limits).
func AddMonths(t time.Time, n int) time.Time {
	d := t.AddDate(0, n, 0)
	if d.Day() != t.Day() {
		d = d.AddDate(0, 0, -d.Day())
	}
	return d
}

// DaysBetween counts calendar days from a to b, negative when b is
// earlier; the times of day do not count.
func DaysBetween(a, b time.Time) int {
	if !isDay(a) {
		a = Day(a)
	}
	if !isDay(b) {
		b = Day(b)
	}
	return int((b.Unix() - a.Unix()) / 86400)
}

// isDay tells whether t is already a midnight UTC, as stored dates read: it
// spares the reminders of a large file a Day for each of their dates.
func isDay(t time.Time) bool {
	return t.Location() == time.UTC && t.Unix()%86400 == 0
}

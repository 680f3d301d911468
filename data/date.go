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
	return t.Format(DateLayout)
}

// Date reads a stored date value; a blank or bad value gives the zero time.
func Date(stored string) time.Time {
	t, err := time.Parse(DateLayout, stored)
	if err != nil {
		return time.Time{}
	}
	return t
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

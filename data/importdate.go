package data

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// ParseImportDate reads a date from an imported Excel ledger: every form
// ParseDate accepts (what a clerk types in the form), and an Excel date
// serial such as 45413 or 45413.5 (a date cell, or a date pasted as a
// number), and a date with a time of day after it (2024-05-01 00:00:00).
// Serials are read here and not by ParseDate: in the form a bare number is
// a typing mistake, in a workbook it is how Excel keeps dates.
func ParseImportDate(s string) (time.Time, error) {
	s = strings.TrimSpace(foldWidth(s))
	if n, ok := importSerial(s); ok {
		return SerialDate(n)
	}
	if len(s) == 8 && isDigits(s) { // 20240501, read here whatever the form takes
		return ymd(s[:4], s[4:6], s[6:])
	}
	// 2024-05-01 00:00:00, 2024/5/1 8:30 — what a text cell copied from a
	// database export holds.
	if d, rest, ok := strings.Cut(s, " "); ok && strings.Contains(strings.TrimSpace(rest), ":") {
		s = d
	}
	return ParseDate(s)
}

// importEpoch is day 0 of Excel's 1900 date system for serials from 61 on
// (Excel counts a 1900-02-29 that never was).
var importEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// SerialDate turns an Excel serial (1900 date system, the one Excel and WPS
// use on Windows) into a day; the time of day is dropped.
func SerialDate(serial float64) (time.Time, error) {
	n := int(math.Floor(serial))
	if n < 1 || n == 60 || n > 2958465 { // 60 is Excel's phantom 1900-02-29
		return time.Time{}, errDateRange
	}
	if n < 60 { // before the phantom day Excel's count is one ahead
		n++
	}
	return importEpoch.AddDate(0, 0, n), nil
}

// importSerial reads an Excel date serial: up to five digits (99999 is in
// 2173), optionally with a time fraction (45413.5). Eight digits are
// 20240501, and a four-digit head with a fraction (2024.5) an unfinished
// date: neither is a serial.
func importSerial(s string) (float64, bool) {
	head, tail, dotted := strings.Cut(s, ".")
	if !isDigits(head) || len(head) > 5 || len(head) == 4 && dotted {
		return 0, false
	}
	if dotted && (!isDigits(tail) || strings.Contains(tail, ".")) {
		return 0, false
	}
	n, err := strconv.ParseFloat(s, 64)
	return n, err == nil
}

// NormalizeImportDate returns s as 2006-01-02, or an error in Chinese.
func NormalizeImportDate(s string) (string, error) {
	t, err := ParseImportDate(s)
	if err != nil {
		return "", err
	}
	return t.Format(DateLayout), nil
}

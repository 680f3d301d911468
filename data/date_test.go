package data

import (
	"strings"
	"testing"
	"time"
)

var dateCases = []struct {
	name string
	in   string
	want string // "" when an error is expected
}{
	{"iso", "2024-05-01", "2024-05-01"},
	{"slashes short", "2024/5/1", "2024-05-01"},
	{"slashes padded", "2024/05/01", "2024-05-01"},
	{"dots", "2024.5.1", "2024-05-01"},
	{"compact", "20240501", "2024-05-01"},
	{"chinese", "2024年5月1日", "2024-05-01"},
	{"chinese padded", "2024年05月01日", "2024-05-01"},
	{"chinese without 日", "2024年5月1", "2024-05-01"},
	{"full-width iso", "２０２４－０５－０１", "2024-05-01"},
	{"full-width chinese", "２０２４年５月１日", "2024-05-01"},
	{"full-width slashes", "２０２４／５／１", "2024-05-01"},
	{"ideographic full stop", "2024。5。1", "2024-05-01"},
	{"spaces around", "  2024-05-01\t", "2024-05-01"},
	// A bare number is a date only with 8 digits: a year alone, a month
	// and day, or an Excel serial typed into a field is refused, never
	// read as a day in 1900 or 2173 (serials belong to import alone).
	{"year alone", "2024", ""},
	{"month.day", "5.1", ""},
	{"five digits", "99999", ""},
	{"excel serial", "45413", ""},
	{"excel serial with time", "45413.5", ""},
	{"excel serial full-width", "４５４１３", ""},
	{"excel serial 1", "1", ""},
	{"excel serial 61", "61", ""},
	{"leap day", "2024-02-29", "2024-02-29"},
	{"Feb 30", "2024-02-30", ""},
	{"Feb 29 of a common year", "2023-02-29", ""},
	{"month 13", "2024-13-01", ""},
	{"day 0", "2024-05-00", ""},
	{"year and month only", "2024-05", ""},
	{"year with a fraction", "2024.5", ""},
	{"letters", "abc", ""},
	{"mixed separators", "2024-05/01", ""},
	{"chinese and dashes", "2024年5月-1日", ""},
	{"月 before 年", "2024月5年1日", ""},
	{"empty", "", ""},
	{"blank", "   ", ""},
	{"excel serial 0", "0", ""},
	{"excel phantom 1900-02-29", "60", ""},
	{"too many digits", "202405011", ""},
	{"two-digit year", "24-05-01", ""},
	{"day first", "01-05-2024", ""},
	{"negative", "-45413", ""},
	{"compact Feb 30", "20240230", ""},
}

func TestParseDate(t *testing.T) {
	for _, tc := range dateCases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := ParseDate(tc.in)
			if tc.want == "" {
				if err == nil {
					t.Fatalf("ParseDate(%q): got %s, want an error", tc.in, FormatDate(d))
				}
				if !strings.Contains(err.Error(), "日期") {
					t.Errorf("ParseDate(%q): got error %q, want a Chinese message about the 日期", tc.in, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q): got error %v, want %s", tc.in, err, tc.want)
			}
			if got := FormatDate(d); got != tc.want {
				t.Errorf("ParseDate(%q): got %s, want %s", tc.in, got, tc.want)
			}
			if d.Location() != time.UTC || d != Day(d) {
				t.Errorf("ParseDate(%q): got %v, want midnight UTC", tc.in, d)
			}
			if got, err := NormalizeDate(tc.in); err != nil || got != tc.want {
				t.Errorf("NormalizeDate(%q): got %q, %v, want %q", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestDateHelpers(t *testing.T) {
	d := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, got, want string
	}{
		{"FormatDate", FormatDate(d), "2024-05-01"},
		{"FormatDate zero", FormatDate(time.Time{}), ""},
		{"ChineseDate", ChineseDate(d), "2024年5月1日"},
		{"Date", FormatDate(StoredDate("2024-05-01")), "2024-05-01"},
		{"Date bad", FormatDate(StoredDate("2024/5/1")), ""},
		{"Day of a late local time", FormatDate(Day(time.Date(2024, 5, 1, 23, 59, 0, 0, time.FixedZone("CST", 8*3600)))), "2024-05-01"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}

func FuzzParseDate(f *testing.F) {
	for _, tc := range dateCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		text := d.Format(DateLayout)
		again, err := ParseDate(text)
		if err != nil {
			t.Fatalf("ParseDate(%q) = %s, then ParseDate(%q): got error %v, want %s", s, text, text, err, text)
		}
		if !again.Equal(d) {
			t.Fatalf("ParseDate(%q) = %s, then ParseDate(%q): got %s, want %s", s, text, text, FormatDate(again), text)
		}
	})
}

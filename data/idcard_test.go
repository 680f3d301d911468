package data

import (
	"strings"
	"testing"
	"time"
)

// idToday is the injected today for 身份证号码 tests.
var idToday = time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC)

var idCases = []struct {
	name    string
	in      string
	number  string // "" when an error is expected
	birth   string
	male    bool
	wantErr string // a part of the message
}{
	{name: "valid female 1949", in: "11010519491231002X", number: "11010519491231002X", birth: "1949-12-31", male: false},
	{name: "lower-case x", in: "11010519491231002x", number: "11010519491231002X", birth: "1949-12-31"},
	{name: "full-width digits", in: "１１０１０５１９４９１２３１００２Ｘ", number: "11010519491231002X", birth: "1949-12-31"},
	{name: "full-width lower x", in: "１１０１０５１９４９１２３１００２ｘ", number: "11010519491231002X", birth: "1949-12-31"},
	{name: "surrounding and inner spaces", in: " 110105 19491231 002X ", number: "11010519491231002X", birth: "1949-12-31"},
	{name: "valid male", in: validID("44030519850706123"), number: validID("44030519850706123"), birth: "1985-07-06", male: true},
	{name: "valid female digit check", in: validID("51010720000229004"), number: validID("51010720000229004"), birth: "2000-02-29"},
	{name: "born today", in: validID("31010420250615001"), number: validID("31010420250615001"), birth: "2025-06-15", male: true},
	{name: "wrong check digit", in: "110105194912310021", wantErr: "校验位"},
	{name: "wrong check X", in: validID("11010519800101001")[:17] + "X", wantErr: "校验位"},
	{name: "too short", in: "11010519491231002", wantErr: "18位"},
	{name: "too long", in: "11010519491231002X1", wantErr: "18位"},
	{name: "empty", in: "", wantErr: "18位"},
	{name: "15-digit old number", in: "110105491231002", wantErr: "18位"},
	{name: "letters", in: "1101051949123100AX", wantErr: "数字"},
	{name: "X not last", in: "X10105194912310021", wantErr: "数字"},
	{name: "chinese character", in: "11010519491231002号", wantErr: "数字"},
	{name: "Feb 30 birth", in: validID("11010519900230001"), wantErr: "出生日期不存在"},
	{name: "Feb 29 of a common year", in: validID("11010519990229001"), wantErr: "出生日期不存在"},
	{name: "month 13", in: validID("11010519901301001"), wantErr: "出生日期不存在"},
	{name: "year before 1900", in: validID("11010518991231001"), wantErr: "出生日期不存在"},
	{name: "future birth", in: validID("11010520250616001"), wantErr: "晚于今天"},
	{name: "area starting with 0", in: validID("01010519491231002"), wantErr: "地区码"},
	{name: "area starting with 9", in: validID("91010519491231002"), wantErr: "地区码"},
}

func TestParseIDCard(t *testing.T) {
	for _, tc := range idCases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseIDCard(tc.in, idToday)
			if tc.wantErr != "" {
				if err == nil {
					t.Fatalf("ParseIDCard(%q): got %+v, want an error containing %q", tc.in, c, tc.wantErr)
				}
				if !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("ParseIDCard(%q): got error %q, want one containing %q", tc.in, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseIDCard(%q): got error %v, want %s", tc.in, err, tc.number)
			}
			if c.Number != tc.number {
				t.Errorf("Number: got %s, want %s", c.Number, tc.number)
			}
			if got := FormatDate(c.Birth); got != tc.birth {
				t.Errorf("Birth: got %s, want %s", got, tc.birth)
			}
			if c.Male != tc.male {
				t.Errorf("Male: got %v, want %v", c.Male, tc.male)
			}
			wantGender := map[bool]string{true: "男", false: "女"}[tc.male]
			if c.Gender() != wantGender {
				t.Errorf("Gender: got %s, want %s", c.Gender(), wantGender)
			}
		})
	}
}

// TestIDCheckChar checks the ISO 7064 MOD 11-2 character on known numbers.
func TestIDCheckChar(t *testing.T) {
	for _, tc := range []struct {
		first17 string
		want    byte
	}{
		{"11010519491231002", 'X'},
		{"44052418800101001", '4'},
		{"11010119900307803", 'X'},
		{"00000000000000000", '1'},
	} {
		t.Run(tc.first17, func(t *testing.T) {
			if got := IDCheckChar(tc.first17); got != tc.want {
				t.Errorf("IDCheckChar(%s): got %c, want %c", tc.first17, got, tc.want)
			}
		})
	}
}

func FuzzParseIDCard(f *testing.F) {
	for _, tc := range idCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseIDCard(s, idToday)
		if err != nil {
			return
		}
		if len(c.Number) != 18 {
			t.Fatalf("ParseIDCard(%q): got number %q of %d bytes, want 18", s, c.Number, len(c.Number))
		}
		if got, want := c.Number[17], IDCheckChar(c.Number[:17]); got != want {
			t.Fatalf("ParseIDCard(%q): got check char %c, want %c", s, got, want)
		}
		if c.Birth.After(idToday) {
			t.Fatalf("ParseIDCard(%q): got birth %s, want not after %s", s, FormatDate(c.Birth), FormatDate(idToday))
		}
		if got := c.Birth.Format("20060102"); got != c.Number[6:14] {
			t.Fatalf("ParseIDCard(%q): got birth %s, want the digits %s", s, got, c.Number[6:14])
		}
		if again, err := ParseIDCard(c.Number, idToday); err != nil || again != c {
			t.Fatalf("ParseIDCard(%q) again: got %+v, %v, want %+v", c.Number, again, err, c)
		}
	})
}

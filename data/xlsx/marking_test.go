package xlsx

// Tests of the 密级 marking: parsed, refused, printed or left out.

import (
	"strings"
	"testing"
)

func TestNoMarking(t *testing.T) {
	_, f := writeFixture(t, Options{Unit: "某单位", Date: statDate})
	if v := cell(t, f, "涉密人员", "A1"); v != "" {
		t.Errorf("A1 = %q with no marking", v)
	}
	if v := cell(t, f, "涉密人员", "A4"); v != "序号" {
		t.Errorf("header not on row 4: A4 = %q", v)
	}
	rows, _ := f.GetRows("涉密人员")
	if len(rows) != HeaderRows+3+1 {
		t.Errorf("%d rows", len(rows))
	}
}

func TestMarking(t *testing.T) {
	for _, c := range []struct{ level, period, want string }{
		{"无", "", ""}, {"", "", ""}, {"内部", "", "内部"},
		{"秘密", "", "秘密"}, {"秘密", "5年", "秘密★5年"}, {"机密", "10", "机密★10年"},
		{"机密", "★长期", "机密★长期"}, {" 秘密 ", " 2年 ", "秘密★2年"}, {"绝密", "30年", "绝密★30年"},
		{"秘密", "１０年", "秘密★10年"}, {"机密", "20年", "机密★20年"},
	} {
		t.Run(c.level+"★"+c.period, func(t *testing.T) {
			got, err := Marking(c.level, c.period)
			if err != nil || got != c.want {
				t.Errorf("Marking(%q, %q) = %q, %v; want %q", c.level, c.period, got, err, c.want)
			}
		})
	}
	if strings.Join(Markings, ",") != "无,内部,秘密,机密" {
		t.Errorf("Markings %q", Markings)
	}
}

// TestParseMarkingRefuses: the law's limits and GB/T 9704's Arabic digits
// are refused with a message that says what is wrong.
func TestParseMarkingRefuses(t *testing.T) {
	for _, c := range []struct{ in, says string }{
		{"秘密★十年", "阿拉伯数字"},
		{"机密★二十年", "阿拉伯数字"},
		{"秘密★20年", "最长 10 年"},
		{"机密★21年", "最长 20 年"},
		{"绝密★31年", "最长 30 年"},
		{"特密", "没有“特密”这个密级"},
		{"秘密★0年", "0 年"},
		{"秘密★很久", "看不懂"},
		{"内部★5年", "不标保密期限"},
		{"★5年", "跟在密级后面"},
	} {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseMarking(c.in)
			if err == nil {
				t.Fatalf("ParseMarking(%q) = %q, want an error", c.in, got)
			}
			if !strings.Contains(err.Error(), c.says) {
				t.Errorf("ParseMarking(%q): got %q, want it to say %q", c.in, err, c.says)
			}
		})
	}
}

func TestParseMarking(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"秘密★10年", "秘密★10年"}, {"机密★长期", "机密★长期"}, {"绝密", "绝密"}, {"内部", "内部"},
		{"无", ""}, {"", ""}, {" 秘密★5 ", "秘密★5年"},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got, err := ParseMarking(c.in); err != nil || got != c.want {
				t.Errorf("ParseMarking(%q) = %q, %v; want %q", c.in, got, err, c.want)
			}
		})
	}
}

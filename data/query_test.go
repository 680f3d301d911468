package data

import (
	"testing"
)

func TestTableQuery(t *testing.T) {
	tbl := NewTable(Personnel, queryRecords())
	cases := []struct {
		name string
		q    Query
		want string
	}{
		{"all in id order", Query{}, "赵六,阿七,王五,Bob"},
		{"search one character", Query{Text: "王"}, "王五"},
		{"search is case-insensitive", Query{Text: "bob"}, "Bob"},
		{"search full-width digits", Query{Text: "２０２４"}, "赵六"},
		{"search any column", Query{Text: "信息"}, "赵六,王五"},
		{"search no match", Query{Text: "不存在"}, ""},
		{"filter", Query{Filters: map[string]string{PsnDept: "办公室"}}, "阿七,Bob"},
		{"filter any", Query{Filters: map[string]string{PsnDept: ""}}, "赵六,阿七,王五,Bob"},
		{"two filters", Query{Filters: map[string]string{PsnDept: "信息中心", PsnLevel: "重要"}}, "王五"},
		{"sort by 拼音, Latin first", Query{Sort: PsnName}, "Bob,阿七,王五,赵六"},
		{"sort reversed", Query{Sort: PsnName, Desc: true}, "赵六,王五,阿七,Bob"},
		{"sort date, blanks last", Query{Sort: PsnReviewed}, "王五,赵六,Bob,阿七"},
		{"sort and search", Query{Sort: PsnName, Text: "信息"}, "王五,赵六"},
		{"marked only", Query{Marked: true}, "阿七"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := names(tbl.Query(c.q)); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func queryRecords() []*Record {
	mk := func(name, dept, level, reviewed string) *Record {
		r := NewRecord()
		r.Set(PsnName, name)
		r.Set(PsnDept, dept)
		r.Set(PsnLevel, level)
		r.Set(PsnReviewed, reviewed)
		r.Set(PsnIDNo, "11010519491231002X")
		return r
	}
	recs := []*Record{
		mk("赵六", "信息中心", "一般", "2024-05-01"),
		mk("阿七", "办公室", "核心", ""),
		mk("王五", "信息中心", "重要", "2023-01-15"),
		mk("Bob", "办公室", "一般", "2025-12-31"),
	}
	for i, r := range recs {
		r.ID = uint64(i + 1)
	}
	recs[1].Set(KeyMarks, "本年度未参加保密教育培训")
	return recs
}

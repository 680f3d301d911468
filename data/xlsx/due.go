package xlsx

import (
	"strconv"

	"baomi/taizhang/data"
)

// dueColumns are the columns of the 到期提醒清单; 办理情况 is left for the pen.
var dueColumns = []data.Field{
	{Key: "register", Label: "登记簿", Kind: data.KindText, Width: 10},
	{Key: "record", Label: "事项对象", Kind: data.KindText, Width: 16},
	{Key: "dept", Label: "责任部门", Kind: data.KindText, Width: 11},
	{Key: "what", Label: "到期事项", Kind: data.KindText, Width: 30},
	{Key: "date", Label: "到期日期", Kind: data.KindDate, Width: 11},
	{Key: "days", Label: "剩余/逾期", Kind: data.KindText, Width: 10},
	{Key: "done", Label: "办理情况", Kind: data.KindText, Width: 18},
}

// DueSheets builds the 到期提醒清单 from reminder items in their order: one sheet,
// or with byDept one sheet per 责任部门 (each prints on its own pages), in
// the order of depts, then any others.
func DueSheets(items []data.DueItem, byDept bool, depts []string) []Sheet {
	recs := make([]*data.Record, len(items))
	for i, it := range items {
		r := data.NewRecord()
		r.Set("register", it.Register.Name)
		r.Set("record", it.Record)
		r.Set("dept", it.Dept)
		r.Set("what", it.What)
		r.Set("date", data.FormatDate(it.Date))
		r.Set("days", it.DaysText())
		r.ID = uint64(i + 1)
		recs[i] = r
	}
	if !byDept {
		return []Sheet{{Name: "到期提醒清单", Title: "到期提醒清单", Heading: "保密工作到期提醒清单", Columns: dueColumns, Records: recs}}
	}
	groups := map[string][]*data.Record{}
	var order []string
	for _, d := range depts {
		order = append(order, d)
	}
	for _, r := range recs {
		d := r.Get("dept")
		if d == "" {
			d = "未指定部门"
		}
		if _, ok := groups[d]; !ok && !contains(order, d) {
			order = append(order, d)
		}
		groups[d] = append(groups[d], r)
	}
	var sheets []Sheet
	used := map[string]bool{}
	for _, d := range order {
		if len(groups[d]) == 0 {
			continue
		}
		name := sheetName(d, used)
		sheets = append(sheets, Sheet{Name: name, Title: "到期提醒清单", Heading: "保密工作到期提醒清单（" + d + "）", Columns: dueColumns, Records: groups[d]})
	}
	if len(sheets) == 0 {
		sheets = []Sheet{{Name: "到期提醒清单", Title: "到期提醒清单", Heading: "保密工作到期提醒清单", Columns: dueColumns}}
	}
	return sheets
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// sheetName makes a valid, unique sheet name from a department.
func sheetName(d string, used map[string]bool) string {
	name := []rune(d)
	for i, r := range name {
		switch r {
		case '[', ']', ':', '*', '?', '/', '\\':
			name[i] = '_'
		}
	}
	if len(name) > 28 {
		name = name[:28]
	}
	s := string(name)
	for n := 2; used[s]; n++ {
		s = string(name) + strconv.Itoa(n)
	}
	used[s] = true
	return s
}

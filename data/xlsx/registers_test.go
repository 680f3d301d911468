package xlsx

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"baomi/taizhang/data"
)

// TestEveryRegisterWorkbook writes each register's workbook from demo data
// as the window and `taizhang export` do, and reads it back.
func TestEveryRegisterWorkbook(t *testing.T) {
	s := demoStore(t)
	for _, reg := range data.Registers() {
		t.Run(reg.Key, func(t *testing.T) {
			recs, err := s.Load(reg, 0)
			if err != nil {
				t.Fatal(err)
			}
			subs, err := s.LoadSubs(reg)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), reg.Key+".xlsx")
			sheets := RegisterSheets(reg, recs, subs)
			if err := WriteFile(context.Background(), path, sheets, Options{Marking: "秘密", Unit: "示例局"}); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if got, want := len(f.GetSheetList()), len(sheets); got != want {
				t.Errorf("sheets: got %d, want %d", got, want)
			}
			main := f.GetSheetList()[0]
			if main != reg.Name {
				t.Errorf("first sheet: got %q, want %q", main, reg.Name)
			}
			checkPrintSetup(t, f, main)
			rows, err := f.GetRows(main)
			if err != nil {
				t.Fatal(err)
			}
			wantRows := len(recs)
			if reg.RowSub != nil {
				// one row per finding, and a row for an inspection without any
				owned := data.ByOwner(subs[reg.RowSub])
				wantRows = 0
				for _, r := range recs {
					wantRows += max(1, len(owned[r.ID]))
				}
			}
			if got := len(rows) - 4 - 1; got != wantRows { // 4 heading rows, 1 signature line
				t.Errorf("body rows: got %d, want %d", got, wantRows)
			}
			if title := rows[1][0]; title != "示例局"+reg.Name+"登记台账" {
				t.Errorf("title: got %q", title)
			}
			header := rows[3]
			if reg.Field(data.KeyMarks) != nil && !strings.Contains(strings.Join(header, "|"), "提示") {
				t.Errorf("no 提示 column in %v", header)
			}
			// The marked rows carry their reason into the file.
			marked := 0
			for _, r := range recs {
				if r.Get(data.KeyMarks) != "" {
					marked++
				}
			}
			if reg.Field(data.KeyMarks) != nil && marked == 0 {
				t.Errorf("demo data fired no rule in %s", reg.Name)
			}
			if last := rows[len(rows)-1]; !strings.HasPrefix(last[0], "填表人") {
				t.Errorf("last row: got %v, want the signature line", last)
			}
			if got := rows[4][0]; got != "1" {
				t.Errorf("first 序号: got %q", got)
			}
			if n := strconv.Itoa(wantRows); rows[len(rows)-2][0] != n {
				t.Errorf("last 序号: got %q, want %s", rows[len(rows)-2][0], n)
			}
		})
	}
}

func TestDueAndStatsWorkbooks(t *testing.T) {
	s := demoStore(t)
	snap, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	env, err := s.Env()
	if err != nil {
		t.Fatal(err)
	}
	items := data.DueItems(snap, env)
	if len(items) == 0 {
		t.Fatal("demo data has nothing due")
	}
	dir := t.TempDir()

	byDept := DueSheets(items, true, env.Settings.Departments)
	if err := WriteFile(context.Background(), filepath.Join(dir, "due.xlsx"), byDept, Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "due.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, sh := range f.GetSheetList() {
		checkPrintSetup(t, f, sh)
		rows, _ := f.GetRows(sh)
		total += len(rows) - 5
		for _, r := range rows[4 : len(rows)-1] {
			if r[3] != sh && !(sh == "未指定部门" && r[3] == "") {
				t.Errorf("sheet %s holds a line of %q", sh, r[3])
			}
		}
	}
	f.Close()
	if total != len(items) {
		t.Errorf("到期提醒清单 lines: got %d, want %d", total, len(items))
	}

	tables := data.Stats(snap, env, 0)
	sheets, charts := StatsWorkbook(tables)
	if err := WriteFile(context.Background(), filepath.Join(dir, "stats.xlsx"), sheets, Options{Charts: charts}); err != nil {
		t.Fatal(err)
	}
	f, err = excelize.OpenFile(filepath.Join(dir, "stats.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := len(f.GetSheetList()), len(sheets)+len(charts); got != want {
		t.Errorf("stats sheets: got %d, want %d tables + charts", got, want)
	}
	rows, _ := f.GetRows(sheets[0].Name)
	var sum float64
	for _, r := range rows[4 : 4+len(tables[0].Rows)] {
		v, _ := strconv.ParseFloat(r[len(r)-1], 64)
		sum += v
	}
	if sum != tables[0].Total() {
		t.Errorf("row totals in the sheet add to %g, want %g", sum, tables[0].Total())
	}
}

package xlsx

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"baomi/taizhang/data"

	"github.com/xuri/excelize/v2"
)

// TestWriteReport: the report holds the refused rows as they were, with a
// 原因 column, and reads back as the same refusals.
func TestWriteReport(t *testing.T) {
	st := emptyStore(t)
	dir := t.TempDir()
	path, _ := messyLedger(t, dir)
	p := planFile(t, st, path, DupSkip)
	out := filepath.Join(dir, "报告.xlsx")
	if err := WriteReport(out, p); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("未导入的行")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("got %d rows, want the header and 3 refused rows", len(rows))
	}
	if got := rows[0][len(rows[0])-1]; got != ReasonLabel {
		t.Errorf("last header: got %q, want %q", got, ReasonLabel)
	}
	if got := rows[1][1]; got != "王五" {
		t.Errorf("first refused row: got %q, want 王五", got)
	}
	if got := rows[1][len(rows[1])-1]; !strings.Contains(got, IDAsNumber) || !strings.Contains(got, "原第7行") {
		t.Errorf("reason: got %q, want the row and %q", got, IDAsNumber)
	}
	if typ, _ := f.GetCellType("未导入的行", "D2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("the numeric id came back as text (%v): want it as it was", typ)
	}
	again := planFile(t, st, out, DupSkip)
	if again.Refused != 3 || again.Added != 0 {
		t.Errorf("report imported: got refused %d added %d, want 3 0", again.Refused, again.Added)
	}
	if u := again.Table.Unmatched(); len(u) != 1 || u[0].Label != "籍贯" {
		t.Errorf("report unmatched: got %v, want 籍贯 only (原因 passed over)", u)
	}
}

// TestWriteTemplate: a blank template of every register has its choice
// lists, date and text columns, and imports as nothing (the example row is
// passed over) with every column matched.
func TestWriteTemplate(t *testing.T) {
	st := emptyStore(t)
	settings, err := st.Settings()
	if err != nil {
		t.Fatal(err)
	}
	for _, reg := range data.Registers() {
		t.Run(reg.Key, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "模板.xlsx")
			if err := WriteTemplate(path, reg, &settings, time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sheet := f.GetSheetName(0)
			dvs, err := f.GetDataValidations(sheet)
			if err != nil {
				t.Fatal(err)
			}
			header, _ := f.GetRows(sheet)
			for i, label := range header[0] {
				col, _ := excelize.ColumnNumberToName(i + 1)
				var fl *data.Field
				for _, c := range candidates(reg, nil, reg.RowSub) {
					if c.Field.Label == label || slices.Contains(c.Field.Aliases, label) {
						fl = &c.Field
						break
					}
				}
				if fl == nil {
					continue
				}
				switch {
				case fl.Kind == data.KindChoice && fl.Ref == nil:
					found := slices.ContainsFunc(dvs, func(dv *excelize.DataValidation) bool {
						return strings.HasPrefix(dv.Sqref, col+"2:")
					})
					if !found {
						t.Errorf("%s: no drop-down list on column %s", label, col)
					}
				case fl.Kind == data.KindDate:
					if typ, _ := f.GetCellType(sheet, col+"2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
						t.Errorf("%s: example is %v, want a date cell", label, typ)
					}
					if v, _ := f.GetCellValue(sheet, col+"2"); v != "2026-11-26" {
						t.Errorf("%s: example shows %q, want 2026-11-26", label, v)
					}
				case fl.Kind == data.KindID:
					st, _ := f.GetCellStyle(sheet, col+"3")
					s, _ := f.GetStyle(st)
					if s.NumFmt != 49 {
						t.Errorf("%s: got number format %d, want text (49)", label, s.NumFmt)
					}
				}
			}
			for _, sh := range f.GetSheetList() {
				if sh == "选项" {
					continue
				}
				wb, err := OpenWorkbook(path)
				if err != nil {
					t.Fatal(err)
				}
				tbl, err := ReadTable(context.Background(), wb, reg, sh)
				wb.Close()
				if err != nil {
					t.Fatalf("%s: %v", sh, err)
				}
				if u := tbl.Unmatched(); len(u) > 0 {
					t.Errorf("%s: unmatched %v", sh, u)
				}
				if len(tbl.Rows) != 0 {
					t.Errorf("%s: got %d record rows, want the example passed over", sh, len(tbl.Rows))
				}
			}
		})
	}
}

package xlsx

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"baomi/taizhang/data"
)

// FuzzReadTable feeds the reader workbooks that are broken in every way a
// mutated file can be: it must return an error or a table, never panic,
// and a plan of what it read must never panic either. The corpus starts
// from real workbooks: the messy ledger, an export, a template.
//
//	go test -tags migrated_fynedo ./data/xlsx -run '^$' -fuzz FuzzReadTable -fuzztime 60s
func FuzzReadTable(f *testing.F) {
	dir := f.TempDir()
	path, _ := messyLedger(f, dir)
	seed := func(p string) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	seed(path)
	s := data.DefaultSettings()
	tpl := filepath.Join(dir, "模板.xlsx")
	if err := WriteTemplate(tpl, data.Personnel, &s, testEnv().Today); err != nil {
		f.Fatal(err)
	}
	seed(tpl)
	recs, children := fixture()
	exp := filepath.Join(dir, "导出.xlsx")
	if err := WriteFile(context.Background(), exp, RegisterSheets(data.Personnel, recs, children), Options{Unit: "示例局"}); err != nil {
		f.Fatal(err)
	}
	seed(exp)
	f.Add([]byte("PK\x03\x04"))
	env := testEnv()
	f.Fuzz(func(t *testing.T, b []byte) {
		wb, err := ReadWorkbook(b)
		if err != nil {
			return
		}
		for _, sheet := range wb.Sheets() {
			tbl, err := ReadTable(context.Background(), wb, data.Personnel, sheet)
			if err != nil {
				continue
			}
			p := NewPlan(tbl, PlanInput{Env: env, OnDuplicate: DupUpdate})
			if p.Added+p.Updated+p.Skipped+p.Refused+p.Merged != len(tbl.Rows) {
				t.Errorf("rows %d, but added %d updated %d skipped %d refused %d merged %d",
					len(tbl.Rows), p.Added, p.Updated, p.Skipped, p.Refused, p.Merged)
			}
		}
	})
}

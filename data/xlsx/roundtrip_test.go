package xlsx

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"baomi/taizhang/data"
)

// importFile imports every sheet of a workbook into st as records of reg,
// failing the test on any refused row.
func importFile(t *testing.T, st *data.Store, reg *data.Register, path string, dup Duplicate) []*Plan {
	t.Helper()
	wb, err := OpenWorkbook(path)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	var plans []*Plan
	for _, sheet := range wb.Sheets() {
		tbl, err := ReadTable(context.Background(), wb, reg, sheet)
		if err != nil {
			t.Fatalf("sheet %s: %v", sheet, err)
		}
		if u := tbl.Unmatched(); len(u) > 0 {
			t.Errorf("sheet %s: unmatched columns %v", sheet, u)
		}
		in, err := LoadPlanInput(st, tbl)
		if err != nil {
			t.Fatal(err)
		}
		in.OnDuplicate = dup
		p := NewPlan(tbl, in)
		for _, r := range p.Refusals {
			t.Errorf("sheet %s row %d %s: %s", sheet, r.Row, r.Column, r.Reason)
		}
		if err := st.Import(context.Background(), p.Batch); err != nil {
			t.Fatalf("sheet %s: %v", sheet, err)
		}
		plans = append(plans, p)
	}
	return plans
}

// canonical writes each stored record of reg as text that does not depend
// on the file it is in: the stored fields the printed register shows, its owner by
// natural key instead of id, attendees by 身份证号码.
func canonical(t *testing.T, st *data.Store, reg *data.Register) []string {
	t.Helper()
	recs, err := st.List(reg)
	if err != nil {
		t.Fatal(err)
	}
	persons := map[uint64]string{}
	if ps, err := st.List(data.Personnel); err == nil {
		for _, p := range ps {
			persons[p.ID] = p.Get(data.PsnIDNo)
		}
	}
	owners := map[uint64]string{}
	if o := data.OwnerOf(reg); o != nil {
		os, err := st.List(o)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range os {
			owners[r.ID] = data.NaturalKeyOf(o, r)
		}
	}
	var out []string
	for _, r := range recs {
		var b strings.Builder
		b.WriteString(owners[r.OwnerID])
		for _, f := range reg.Fields {
			if f.Computed || (f.Hidden || f.Optional) && f.Kind != data.KindPeople {
				continue // not in the printed register
			}
			v := r.Get(f.Key)
			if f.Kind == data.KindPeople {
				people, _ := data.ParsePeople(v)
				var ids []string
				for _, a := range people {
					ids = append(ids, persons[a.ID]+":"+a.Score)
				}
				slices.Sort(ids)
				v = strings.Join(ids, ",")
			}
			b.WriteString("|" + f.Key + "=" + v)
		}
		out = append(out, b.String())
	}
	slices.Sort(out)
	return out
}

// dedupe deletes the records that repeat another's natural key: the demo
// generator picks system names and 问题描述 from short lists, and a file
// now keeps one record per key.
func dedupe(t *testing.T, st *data.Store) {
	t.Helper()
	for _, reg := range data.Registers() {
		for _, r := range append([]*data.Register{reg}, reg.Subs...) {
			recs, err := st.List(r)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, rec := range recs {
				k := data.ScopedKey(r, rec)
				if k != "" && seen[k] {
					if err := st.Delete(r, rec.ID); err != nil {
						t.Fatal(err)
					}
				}
				seen[k] = true
			}
		}
	}
}

// TestRoundTrip exports every register of a demo file (sub-record sheets
// and the flat 检查整改 sheet included) and imports the workbooks into an
// empty file: the records must be the same, and a second import of the
// same workbooks must add and change nothing.
func TestRoundTrip(t *testing.T) {
	src := demoStore(t)
	dedupe(t, src)
	dst, err := data.Open(filepath.Join(t.TempDir(), "empty.db"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	dst.Now = src.Now
	dir := t.TempDir()
	paths := map[string]string{}
	for _, reg := range data.Registers() {
		recs, err := src.Load(reg, 0)
		if err != nil {
			t.Fatal(err)
		}
		children, err := src.LoadSubs(reg)
		if err != nil {
			t.Fatal(err)
		}
		paths[reg.Key] = filepath.Join(dir, reg.Key+".xlsx")
		if err := WriteFile(context.Background(), paths[reg.Key], RegisterSheets(reg, recs, children), Options{Marking: "秘密", Unit: "示例局"}); err != nil {
			t.Fatal(err)
		}
	}
	// Registers() order: 涉密人员 comes before 教育培训, whose 参加人员名单
	// names them.
	for _, reg := range data.Registers() {
		t.Run(reg.Key, func(t *testing.T) {
			importFile(t, dst, reg, paths[reg.Key], DupSkip)
			for _, r := range append([]*data.Register{reg}, reg.Subs...) {
				got, want := canonical(t, dst, r), canonical(t, src, r)
				if len(want) == 0 {
					t.Fatalf("%s: the demo file has no records to compare", r.Name)
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s: got %d records, want %d", r.Name, len(got), len(want))
					for i := range min(len(got), len(want)) {
						if got[i] != want[i] {
							t.Errorf("first difference:\n got  %s\n want %s", got[i], want[i])
							break
						}
					}
				}
			}
			for _, p := range importFile(t, dst, reg, paths[reg.Key], DupUpdate) {
				if p.Added != 0 || p.Updated != 0 {
					t.Errorf("second import of %s: got %d added, %d updated; want 0, 0", p.Table.Sheet, p.Added, p.Updated)
				}
			}
		})
	}
}

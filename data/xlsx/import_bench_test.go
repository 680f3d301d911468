package xlsx

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"baomi/taizhang/data"

	"github.com/xuri/excelize/v2"
)

// clerkWorkbook writes n persons the way an office keeps them: a title
// and a 填报单位 line above variant headers, dates typed in several forms
// and as date cells, and a 合计 and a 填表人 line below.
func clerkWorkbook(b testing.TB, path string, n int) {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	set := func(row int, vals []any) {
		ref, _ := excelize.CoordinatesToCellName(1, row)
		if err := sw.SetRow(ref, vals); err != nil {
			b.Fatal(err)
		}
	}
	set(1, []any{"XX局涉密人员登记表"})
	set(2, []any{"填报单位：XX局保密办"})
	set(3, []any{"序号", "姓名", "性别", "公民身份号码", "所在部门", "职务", "涉密类别", "确定时间", "上岗审查日期", "保密承诺书签订日期", "人员状态", "联系电话", "备注"})
	depts := []string{"办公室", "保密办", "综合处", "业务一处", "业务二处", "信息中心"}
	levels := []string{"核心涉密人员", "重要", "一般涉密人员"}
	for i := 0; i < n; i++ {
		first17 := fmt.Sprintf("110105%04d%02d%02d%03d", 1960+i%40, 1+i%12, 1+i%28, i%1000)
		id := first17 + string(data.IDCheckChar(first17))
		d := time.Date(2015+i%10, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
		forms := []any{d.Format("2006-01-02"), d.Format("2006/1/2"), d.Format("2006.1.2"), d.Format("20060102"), data.ChineseDate(d)}
		set(4+i, []any{i + 1, fmt.Sprintf("人员%05d", i), "", id, depts[i%len(depts)], "科员", levels[i%3],
			forms[i%5], excelize.Cell{StyleID: dateStyle, Value: d}, forms[(i+2)%5], "在岗", fmt.Sprintf("138%08d", i), ""})
	}
	set(4+n, []any{"合计", fmt.Sprintf("%d人", n)})
	set(5+n, []any{"填表人：", "", "", "审核人："})
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkImport10000 imports 10,000 persons from a clerk-style workbook
// into an empty file: open, find the header, read, plan (validate every
// row, match keys) and write in one transaction. Target: under 2 s, peak
// heap under 200 MB (reported as peak-MB).
//
//	go test -tags migrated_fynedo ./data/xlsx -run '^$' -bench BenchmarkImport10000 -benchtime 3x
func BenchmarkImport10000(b *testing.B) {
	const n = 10_000
	path := filepath.Join(b.TempDir(), "人员.xlsx")
	clerkWorkbook(b, path, n)
	var peak uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := data.Open(filepath.Join(b.TempDir(), fmt.Sprintf("d%d.db", i)), time.Second)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		var p *Plan
		peak = max(peak, peakHeap(func() {
			wb, err := OpenWorkbook(path)
			if err != nil {
				b.Fatal(err)
			}
			tbl, err := ReadTable(context.Background(), wb, data.Personnel, "")
			wb.Close()
			if err != nil {
				b.Fatal(err)
			}
			in, err := LoadPlanInput(st, tbl)
			if err != nil {
				b.Fatal(err)
			}
			p = NewPlan(tbl, in)
			if err := st.Import(context.Background(), p.Batch); err != nil {
				b.Fatal(err)
			}
		}))
		b.StopTimer()
		if p.Added != n || p.Refused != 0 {
			b.Fatalf("got added %d refused %d %v, want %d 0", p.Added, p.Refused, p.Refusals[:min(3, len(p.Refusals))], n)
		}
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
}

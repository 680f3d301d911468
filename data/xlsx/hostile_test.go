package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"baomi/taizhang/data"

	"github.com/xuri/excelize/v2"
)

// rawWorkbook zips a minimal workbook around the sheet XML that rows
// writes into, so a test can make sheets no spreadsheet program would.
func rawWorkbook(t testing.TB, path string, rows func(w *bytes.Buffer)) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z := zip.NewWriter(f)
	// Stored, not deflated: a workbook of 50 MB on disk is made in a moment.
	create := func(name string) (io.Writer, error) {
		return z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
	}
	add := func(name, body string) {
		w, err := create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	add("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`)
	add("_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	add("xl/workbook.xml", `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
	w, err := create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	flush := func() {
		w.Write(buf.Bytes())
		buf.Reset()
	}
	rows(&buf)
	buf.WriteString(`</sheetData></worksheet>`)
	flush()
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
}

// inlineRow writes a row of inline strings.
func inlineRow(w *bytes.Buffer, n int, cells ...string) {
	fmt.Fprintf(w, `<row r="%d">`, n)
	for i, c := range cells {
		ref, _ := excelize.CoordinatesToCellName(i+1, n)
		fmt.Fprintf(w, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, c)
	}
	w.WriteString(`</row>`)
}

// peakHeap runs fn and returns the most heap in use seen while it ran.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	var peak uint64
	var mu sync.Mutex
	done := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
				runtime.ReadMemStats(&ms)
				mu.Lock()
				peak = max(peak, ms.HeapInuse)
				mu.Unlock()
			}
		}
	}()
	fn()
	close(done)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	mu.Lock()
	defer mu.Unlock()
	return max(peak, ms.HeapInuse)
}

func readFile(t *testing.T, path string, reg *data.Register) (*Table, error) {
	t.Helper()
	wb, err := OpenWorkbook(path)
	if err != nil {
		return nil, err
	}
	defer wb.Close()
	return ReadTable(context.Background(), wb, reg, "")
}

// TestHostileFiles: each hostile file ends with a clear message or a
// sound result, in bounded memory.
func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	header := []string{"姓名", "身份证号码", "部门", "涉密等级", "人员状态"}
	id := idFor("11010519850307123")

	t.Run("broken zip", func(t *testing.T) {
		path := filepath.Join(dir, "broken.xlsx")
		rawWorkbook(t, path, func(w *bytes.Buffer) { inlineRow(w, 1, header...) })
		b, _ := os.ReadFile(path)
		os.WriteFile(path, b[:len(b)/2], 0o600)
		if _, err := readFile(t, path, data.Personnel); !errors.Is(err, ErrNotWorkbook) {
			t.Errorf("got %v, want ErrNotWorkbook", err)
		}
	})
	t.Run("not a zip", func(t *testing.T) {
		path := filepath.Join(dir, "text.xlsx")
		os.WriteFile(path, []byte("姓名,身份证号码\n张三,1\n"), 0o600)
		if _, err := readFile(t, path, data.Personnel); !errors.Is(err, ErrNotWorkbook) {
			t.Errorf("got %v, want ErrNotWorkbook", err)
		}
	})
	t.Run("xls and et", func(t *testing.T) {
		for _, name := range []string{"a.xls", "a.et", "disguised.xlsx"} {
			path := filepath.Join(dir, name)
			os.WriteFile(path, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0}, 0o600)
			_, err := readFile(t, path, data.Personnel)
			if !errors.Is(err, ErrOldFormat) || !strings.Contains(err.Error(), "请用 Excel/WPS 另存为 .xlsx 后导入") {
				t.Errorf("%s: got %v, want ErrOldFormat", name, err)
			}
		}
	})
	t.Run("a million empty rows", func(t *testing.T) {
		path := filepath.Join(dir, "empty-rows.xlsx")
		rawWorkbook(t, path, func(w *bytes.Buffer) {
			inlineRow(w, 1, header...)
			inlineRow(w, 2, "张三", id, "办公室", "一般", "在岗")
			for r := 3; r <= 1_000_000; r++ {
				fmt.Fprintf(w, `<row r="%d"><c r="A%d" s="0"/></row>`, r, r)
			}
		})
		var tbl *Table
		var err error
		peak := peakHeap(func() { tbl, err = readFile(t, path, data.Personnel) })
		if err != nil {
			t.Fatal(err)
		}
		if len(tbl.Rows) != 1 {
			t.Errorf("got %d rows, want 1", len(tbl.Rows))
		}
		if peak > 100<<20 {
			t.Errorf("peak heap %d MB, want under 100 MB", peak>>20)
		}
	})
	t.Run("a 50 MB workbook, more rows than an import takes", func(t *testing.T) {
		path := filepath.Join(dir, "huge.xlsx")
		rawWorkbook(t, path, func(w *bytes.Buffer) {
			inlineRow(w, 1, header...)
			for r := 2; r <= MaxImportRows+10; r++ {
				inlineRow(w, r, fmt.Sprintf("某某某%d", r), id, "办公室", "一般", "在岗", fmt.Sprintf("备注%0100d", r))
			}
		})
		st, _ := os.Stat(path)
		if st.Size() < 50<<20 {
			t.Fatalf("workbook of %d MB, want 50 MB at least", st.Size()>>20)
		}
		var err error
		peak := peakHeap(func() { _, err = readFile(t, path, data.Personnel) })
		if !errors.Is(err, ErrTooManyImportRows) {
			t.Errorf("got %v, want ErrTooManyImportRows", err)
		}
		t.Logf("peak heap %d MB", peak>>20)
		if peak > 400<<20 {
			t.Errorf("peak heap %d MB, want under 400 MB", peak>>20)
		}
	})
	t.Run("row number past Excel's last", func(t *testing.T) {
		path := filepath.Join(dir, "past.xlsx")
		rawWorkbook(t, path, func(w *bytes.Buffer) {
			inlineRow(w, 1, header...)
			inlineRow(w, 2000000, "张三")
		})
		if _, err := readFile(t, path, data.Personnel); !errors.Is(err, ErrRowLimit) {
			t.Errorf("got %v, want ErrRowLimit", err)
		}
	})
	t.Run("header on row 30, merged and two rows high", func(t *testing.T) {
		f := excelize.NewFile()
		for r := 1; r < 30; r++ {
			f.SetCellValue("Sheet1", fmt.Sprintf("A%d", r), fmt.Sprintf("说明第%d条：请如实填写", r))
		}
		for i, h := range header {
			col, _ := excelize.ColumnNumberToName(i + 1)
			f.SetCellValue("Sheet1", col+"30", h)
			f.MergeCell("Sheet1", col+"30", col+"31") // header two rows high
		}
		f.SetCellValue("Sheet1", "F30", "备注")
		f.MergeCell("Sheet1", "F30", "G31") // across two columns
		f.SetSheetRow("Sheet1", "A32", &[]any{"张三", id, "办公室", "一般", "在岗", "合并表头下"})
		path := filepath.Join(dir, "row30.xlsx")
		f.SaveAs(path)
		f.Close()
		tbl, err := readFile(t, path, data.Personnel)
		if err != nil {
			t.Fatal(err)
		}
		if tbl.HeaderRow != 30 || len(tbl.Rows) != 1 {
			t.Fatalf("got header row %d and %d rows, want 30 and 1", tbl.HeaderRow, len(tbl.Rows))
		}
		p := NewPlan(tbl, PlanInput{Env: testEnv()})
		if p.Added != 1 || p.Refused != 0 {
			t.Errorf("got added %d refused %d %+v, want 1 0", p.Added, p.Refused, p.Refusals)
		}
		if got := p.Batch.Records[0].Get("note"); got != "合并表头下" {
			t.Errorf("备注: got %q", got)
		}
	})
	t.Run("group header over two columns", func(t *testing.T) {
		f := excelize.NewFile()
		f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "身份证号码", "部门", "涉密等级", "人员状态", "脱密期", "", "离岗日期"})
		f.MergeCell("Sheet1", "F1", "G1")
		for _, c := range []string{"A", "B", "C", "D", "E", "H"} {
			f.MergeCell("Sheet1", c+"1", c+"2")
		}
		f.SetSheetRow("Sheet1", "F2", &[]any{"起", "止"})
		f.SetSheetRow("Sheet1", "A3", &[]any{"张三", id, "办公室", "一般", "离岗脱密期", "2025-01-01", "2026-01-01", "2025-01-01"})
		path := filepath.Join(dir, "group.xlsx")
		f.SaveAs(path)
		f.Close()
		tbl, err := readFile(t, path, data.Personnel)
		if err != nil {
			t.Fatal(err)
		}
		if tbl.HeaderRow != 2 || len(tbl.Rows) != 1 || len(tbl.Unmatched()) != 0 {
			t.Fatalf("got header row %d, %d rows, unmatched %v; want 2, 1, none", tbl.HeaderRow, len(tbl.Rows), tbl.Unmatched())
		}
		p := NewPlan(tbl, PlanInput{Env: testEnv()})
		if p.Added != 1 {
			t.Fatalf("got %+v, want the row added", p.Refusals)
		}
		r := p.Batch.Records[0]
		if r.Get(data.PsnDeclassFrom) != "2025-01-01" || r.Get(data.PsnDeclassTo) != "2026-01-01" {
			t.Errorf("脱密期: got %q–%q, want 2025-01-01–2026-01-01", r.Get(data.PsnDeclassFrom), r.Get(data.PsnDeclassTo))
		}
	})
	t.Run("header too far down", func(t *testing.T) {
		f := excelize.NewFile()
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", MaxHeaderRow+5), &[]any{"姓名", "身份证号码", "部门"})
		path := filepath.Join(dir, "far.xlsx")
		f.SaveAs(path)
		f.Close()
		_, err := readFile(t, path, data.Personnel)
		var nh *ErrNoHeader
		if !errors.As(err, &nh) || !strings.Contains(err.Error(), "找不到涉密人员的表头") {
			t.Errorf("got %v, want ErrNoHeader", err)
		}
	})
	t.Run("formulas", func(t *testing.T) {
		path := filepath.Join(dir, "formula.xlsx")
		rawWorkbook(t, path, func(w *bytes.Buffer) {
			inlineRow(w, 1, header...)
			// never calculated: no result stored
			fmt.Fprintf(w, `<row r="2"><c r="A2" t="str"><f>"张"&amp;"三"</f></c><c r="B2" t="inlineStr"><is><t>%s</t></is></c>`+
				`<c r="C2" t="inlineStr"><is><t>办公室</t></is></c><c r="D2" t="inlineStr"><is><t>一般</t></is></c><c r="E2" t="inlineStr"><is><t>在岗</t></is></c></row>`, id)
			// calculated, as Excel saves it: the result is read
			fmt.Fprintf(w, `<row r="3"><c r="A3" t="str"><f>"李"&amp;"四"</f><v>李四</v></c><c r="B3" t="inlineStr"><is><t>%s</t></is></c>`+
				`<c r="C3" t="inlineStr"><is><t>办公室</t></is></c><c r="D3" t="inlineStr"><is><t>一般</t></is></c><c r="E3" t="inlineStr"><is><t>在岗</t></is></c></row>`, idFor("11010519900307124"))
			// a formula gone wrong
			fmt.Fprintf(w, `<row r="4"><c r="A4" t="inlineStr"><is><t>王五</t></is></c><c r="B4" t="inlineStr"><is><t>%s</t></is></c>`+
				`<c r="C4" t="e"><f>VLOOKUP(X1,Y:Z,2,0)</f><v>#N/A</v></c><c r="D4" t="inlineStr"><is><t>一般</t></is></c><c r="E4" t="inlineStr"><is><t>在岗</t></is></c></row>`, idFor("11010519900307125"))
		})
		tbl, err := readFile(t, path, data.Personnel)
		if err != nil {
			t.Fatal(err)
		}
		p := NewPlan(tbl, PlanInput{Env: testEnv()})
		want := []Refusal{
			{2, "姓名", "公式没有计算结果，请在 Excel/WPS 中打开并保存后再导入"},
			{4, "部门", "单元格是错误值 #N/A，请改正后重新导入"},
		}
		if p.Added != 1 || len(p.Refusals) != 2 || p.Refusals[0] != want[0] || p.Refusals[1] != want[1] {
			t.Errorf("got added %d, refusals %+v; want 1 added and %+v", p.Added, p.Refusals, want)
		}
		if p.Added == 1 && p.Batch.Records[0].Get(data.PsnName) != "李四" {
			t.Errorf("got %q, want the formula's result 李四", p.Batch.Records[0].Get(data.PsnName))
		}
	})
}

func testEnv() data.Env {
	s := data.DefaultSettings()
	return data.Env{Settings: &s, Today: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)}
}

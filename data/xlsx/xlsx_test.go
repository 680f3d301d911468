package xlsx

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"baomi/taizhang/data"

	"github.com/xuri/excelize/v2"
)

const (
	idA = "11010519491231002X"
	idB = "110105198001010016" // valid check digit, all digits: the risky kind
	idC = "440305199512310020"
)

var statDate = time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)

func TestWritePersonnel(t *testing.T) {
	var calls, last, total int
	path, f := writeFixture(t, Options{
		Marking: "秘密★5年", Unit: "某某研究院", Date: statDate,
		Progress: func(d, n int) { calls++; last, total = d, n },
	})
	const sh = "涉密人员"
	cols := data.Personnel.Columns()
	lastCol, _ := excelize.ColumnNumberToName(len(cols) + 1)

	if got, want := f.GetSheetList(), []string{"涉密人员", "因私出入境证件", "出国(境)审批"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	if calls == 0 || calls > 200 || last != total || total != 3+3+1 {
		t.Errorf("progress: %d calls, last %d/%d", calls, last, total)
	}

	t.Run("page", func(t *testing.T) {
		for _, name := range f.GetSheetList() {
			pl, err := f.GetPageLayout(name)
			if err != nil {
				t.Fatal(err)
			}
			if *pl.Orientation != "landscape" || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
				t.Errorf("%s: page layout %s size %d fit %v×%v", name, *pl.Orientation, *pl.Size, pl.FitToWidth, pl.FitToHeight)
			}
			props, _ := f.GetSheetProps(name)
			if props.FitToPage == nil || !*props.FitToPage {
				t.Errorf("%s: fitToPage not set", name)
			}
			pm, _ := f.GetPageMargins(name)
			for _, m := range []*float64{pm.Left, pm.Right, pm.Top, pm.Bottom} {
				if m == nil || *m < 0.55 || *m > 0.63 {
					t.Errorf("%s: margins %v %v %v %v", name, *pm.Left, *pm.Right, *pm.Top, *pm.Bottom)
					break
				}
			}
			hf, _ := f.GetHeaderFooter(name)
			if hf == nil || hf.OddFooter != "&C第 &P 页 共 &N 页" {
				t.Errorf("%s: header/footer %+v", name, hf)
			}
			view, _ := f.GetSheetView(name, 0)
			if view.ShowGridLines == nil || *view.ShowGridLines {
				t.Errorf("%s: gridlines shown", name)
			}
			panes, _ := f.GetPanes(name)
			if !panes.Freeze || panes.YSplit != HeaderRows || panes.TopLeftCell != "A5" {
				t.Errorf("%s: panes %+v", name, panes)
			}
		}
		// Gridlines are not printed: no printOptions gridLines attribute.
		if x := sheetXML(t, path, 1); strings.Contains(x, `gridLines="1"`) || strings.Contains(x, `gridLines="true"`) {
			t.Error("gridlines printed")
		}
	})

	t.Run("print titles", func(t *testing.T) {
		found := map[string]string{}
		for _, dn := range f.GetDefinedName() {
			if dn.Name == "_xlnm.Print_Titles" {
				found[dn.Scope] = dn.RefersTo
			}
		}
		for _, name := range f.GetSheetList() {
			if want := "'" + name + "'!$4:$4"; found[name] != want {
				t.Errorf("Print_Titles of %s = %q, want %q (all: %v)", name, found[name], want, found)
			}
		}
	})

	t.Run("top rows", func(t *testing.T) {
		if v := cell(t, f, sh, "A1"); v != "秘密★5年" {
			t.Errorf("marking %q", v)
		}
		if st := styleOf(t, f, sh, "A1"); st.Font == nil || st.Font.Family != "黑体" || st.Font.Size != 16 {
			t.Errorf("marking font %+v", st.Font)
		}
		if v := cell(t, f, sh, "A2"); v != "某某研究院涉密人员登记台账" {
			t.Errorf("title %q", v)
		}
		if st := styleOf(t, f, sh, "A2"); st.Font == nil || st.Font.Size != 18 || !st.Font.Bold || st.Alignment.Horizontal != "center" {
			t.Errorf("title style %+v %+v", st.Font, st.Alignment)
		}
		merged, _ := f.GetMergeCells(sh)
		refs := map[string]bool{}
		for _, m := range merged {
			refs[m.GetStartAxis()+":"+m.GetEndAxis()] = true
		}
		for _, want := range []string{"A2:" + lastCol + "2", "A3:" + lastCol + "3", "A8:" + lastCol + "8"} {
			if !refs[want] {
				t.Errorf("merged %v, want %s", refs, want)
			}
		}
		if v := cell(t, f, sh, "A3"); v != "填报单位：某某研究院　　统计截至：2024年6月30日" {
			t.Errorf("info line %q", v)
		}
	})

	t.Run("header", func(t *testing.T) {
		rows, _ := f.GetRows(sh)
		want := []string{"序号"}
		for _, c := range cols {
			want = append(want, c.Label)
		}
		if strings.Join(rows[3], "|") != strings.Join(want, "|") {
			t.Errorf("header %q", rows[3])
		}
		st := styleOf(t, f, sh, "C4")
		if st.Font.Family != "黑体" || st.Font.Size != 11 || !st.Alignment.WrapText || st.Alignment.Horizontal != "center" || len(st.Border) != 4 {
			t.Errorf("header style %+v %+v %v", st.Font, st.Alignment, st.Border)
		}
		idCol := colIndex(t, f, sh, "身份证号码")
		if w, _ := f.GetColWidth(sh, idCol); w != 20 {
			t.Errorf("id column width %v", w)
		}
		if w, _ := f.GetColWidth(sh, "B"); w != 8 {
			t.Errorf("name column width %v", w)
		}
	})

	t.Run("body", func(t *testing.T) {
		rows, _ := f.GetRows(sh)
		if len(rows) != HeaderRows+3+1 {
			t.Fatalf("%d rows, want %d", len(rows), HeaderRows+3+1)
		}
		for i, name := range []string{"王芳", "张伟", "李娜"} {
			r := rows[HeaderRows+i]
			if r[0] != strconv.Itoa(i+1) || r[1] != name {
				t.Errorf("row %d: %q", i+1, r[:2])
			}
		}
		if rows[len(rows)-1][0] != SignatureLine {
			t.Errorf("last row %q", rows[len(rows)-1])
		}

		idCol := colIndex(t, f, sh, "身份证号码")
		for i, want := range []string{idB, idA, idC} {
			ref := idCol + strconv.Itoa(HeaderRows+1+i)
			if v := cell(t, f, sh, ref); v != want {
				t.Errorf("%s = %q, want %q", ref, v, want)
			}
			if ct, _ := f.GetCellType(sh, ref); ct != excelize.CellTypeInlineString && ct != excelize.CellTypeSharedString {
				t.Errorf("%s type %v, want text", ref, ct)
			}
			if st := styleOf(t, f, sh, ref); st.NumFmt != 49 {
				t.Errorf("%s numFmt %d, want 49 (@)", ref, st.NumFmt)
			}
		}

		dateCol := colIndex(t, f, sh, "确定涉密时间")
		ref := dateCol + "5"
		if v := cell(t, f, sh, ref); v != "2024-05-01" {
			t.Errorf("date %s shows %q", ref, v)
		}
		raw, _ := f.GetCellValue(sh, ref, excelize.Options{RawCellValue: true})
		if raw != "45413" {
			t.Errorf("date %s raw %q, want serial 45413", ref, raw)
		}
		if ct, _ := f.GetCellType(sh, ref); ct != excelize.CellTypeUnset && ct != excelize.CellTypeNumber {
			t.Errorf("date type %v", ct)
		}
		if st := styleOf(t, f, sh, ref); st.CustomNumFmt == nil || *st.CustomNumFmt != "yyyy-mm-dd" {
			t.Errorf("date format %+v", st.CustomNumFmt)
		}
		st := styleOf(t, f, sh, "B5")
		if st.Font.Family != "宋体" || st.Font.Size != 10.5 || !st.Alignment.WrapText || len(st.Border) != 4 {
			t.Errorf("body style %+v %+v %v", st.Font, st.Alignment, st.Border)
		}
		// An empty cell is still bordered.
		leftCol := colIndex(t, f, sh, "离岗日期")
		if st := styleOf(t, f, sh, leftCol+"5"); len(st.Border) != 4 || st.CustomNumFmt == nil || *st.CustomNumFmt != "yyyy-mm-dd" {
			t.Errorf("empty date cell: borders %v, format %v", st.Border, st.CustomNumFmt)
		}
		// The long note makes its row taller.
		if h, _ := f.GetRowHeight(sh, 7); h < 2*bodyLineHt {
			t.Errorf("row 7 height %v for a two-line note", h)
		}

		// In the XML itself: ids and long digit strings are strings, the date a number.
		x := sheetXML(t, path, 1)
		noteCol := colIndex(t, f, sh, "备注")
		for _, ref := range []string{idCol + "5", idCol + "6", noteCol + "5"} {
			re := regexp.MustCompile(`<c r="` + ref + `"[^>]*>`)
			tag := re.FindString(x)
			if !strings.Contains(tag, `t="inlineStr"`) && !strings.Contains(tag, `t="s"`) && !strings.Contains(tag, `t="str"`) {
				t.Errorf("%s written as %s", ref, tag)
			}
		}
		if tag := regexp.MustCompile(`<c r="` + dateCol + `5"[^>]*>`).FindString(x); strings.Contains(tag, "t=") {
			t.Errorf("date written as %s", tag)
		}
		// <col> elements in ascending order, or Excel repairs the file.
		prev := 0
		for _, m := range regexp.MustCompile(`<col min="(\d+)"`).FindAllStringSubmatch(x, -1) {
			n, _ := strconv.Atoi(m[1])
			if n <= prev {
				t.Errorf("<col min=%d> after min=%d", n, prev)
			}
			prev = n
		}
		if prev != len(cols)+1 {
			t.Errorf("last <col> is %d, want %d", prev, len(cols)+1)
		}
		if !strings.Contains(x, "<v>45413</v>") || strings.Contains(x, "E+17") {
			t.Error("raw XML does not hold the serial, or holds an id as a float")
		}
	})

	t.Run("sub sheets", func(t *testing.T) {
		rows, _ := f.GetRows("因私出入境证件")
		want := append([]string{"序号", "姓名", "身份证号码"}, labels(data.Passports.Columns())...)
		if strings.Join(rows[3], "|") != strings.Join(want, "|") {
			t.Errorf("passport header %q", rows[3])
		}
		// 王芳 (owner 2) first, then 张伟's two in their order; 赵强's not at all.
		if len(rows) != HeaderRows+3+1 {
			t.Fatalf("passport sheet has %d rows: %q", len(rows), rows)
		}
		for i, w := range [][]string{{"1", "王芳", idB, "往来港澳通行证", "C98765432"}, {"2", "张伟", idA, "护照", "E12345678"}, {"3", "张伟", idA, "往来台湾通行证", "T11112222"}} {
			if got := rows[HeaderRows+i][:5]; strings.Join(got, "|") != strings.Join(w, "|") {
				t.Errorf("passport row %d: %q, want %q", i+1, got, w)
			}
		}
		if ct, _ := f.GetCellType("因私出入境证件", "C5"); ct != excelize.CellTypeInlineString {
			t.Errorf("owner id type %v", ct)
		}
		if v := cell(t, f, "因私出入境证件", "F5"); v != "2021-03-01" {
			t.Errorf("issued %q", v)
		}
		if v := cell(t, f, "因私出入境证件", "A2"); v != "某某研究院因私出入境证件登记台账" {
			t.Errorf("passport title %q", v)
		}
		trips, _ := f.GetRows("出国(境)审批")
		if len(trips) != HeaderRows+1+1 || trips[4][1] != "李娜" || trips[4][4] != "2024-02-10" {
			t.Errorf("trips %q", trips)
		}
	})
}

func TestNumbersAndText(t *testing.T) {
	cols := []data.Field{
		{Key: "n", Label: "数量", Kind: data.KindNumber, Width: 8},
		{Key: "t", Label: "说明", Kind: data.KindText, Width: 20},
	}
	var recs []*data.Record
	for _, kv := range [][2]string{{"12.5", "000123"}, {"1234567890123456", "9876543210987654321"}, {"约10", "2024-05-01"}, {"", ""}} {
		r := data.NewRecord()
		r.Set("n", kv[0])
		r.Set("t", kv[1])
		recs = append(recs, r)
	}
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, []Sheet{{Name: "测试", Title: "测试", Columns: cols, Records: recs}}, Options{Unit: "单位", Date: statDate}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []struct {
		ref, v string
		text   bool
	}{
		{"B5", "12.5", false}, {"C5", "000123", true},
		{"B6", "1234567890123456", true}, {"C6", "9876543210987654321", true},
		{"B7", "约10", true}, {"C7", "2024-05-01", true},
	}
	for _, w := range want {
		v := cell(t, f, "测试", w.ref)
		ct, _ := f.GetCellType("测试", w.ref)
		isText := ct == excelize.CellTypeInlineString || ct == excelize.CellTypeSharedString
		if v != w.v || isText != w.text {
			t.Errorf("%s = %q (type %v), want %q text=%v", w.ref, v, ct, w.v, w.text)
		}
	}
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "测试" {
		t.Errorf("sheets %q", got)
	}
}

// cancelWriter cancels its context on the first write, as if the clerk
// pressed 取消 while the file was being compressed.
type cancelWriter struct{ cancel func() }

func TestOwnerColumnsOrder(t *testing.T) {
	// The id field comes first in this register; the title column still leads.
	reg := &data.Register{Key: "o", Name: "载体", TitleKey: "name",
		Fields: []data.Field{{Key: "id", Label: "身份证号码", Kind: data.KindID}, {Key: "name", Label: "姓名"}},
		Subs:   []*data.Register{{Key: "o.s", Name: "明细", Fields: []data.Field{{Key: "name", Label: "名称"}}}},
	}
	o := data.NewRecord()
	o.ID = 7
	o.Set("name", "甲")
	o.Set("id", idA)
	c := child(1, 7, "name", "乙")
	sheets := RegisterSheets(reg, []*data.Record{o, o}, data.Snapshot{reg.Subs[0]: {c}})
	s := sheets[1]
	var got []string
	for _, f := range s.Columns {
		got = append(got, f.Label+"="+s.Value(c, f))
	}
	if strings.Join(got, ",") != "姓名=甲,身份证号码="+idA+",名称=乙" || len(s.Records) != 1 {
		t.Errorf("columns %q, %d records", got, len(s.Records))
	}
}

func TestSheetNames(t *testing.T) {
	got := sheetNames([]Sheet{{Name: "涉密人员"}, {Name: "涉密人员"}, {Name: "a/b[c]:d*e?f\\g"}, {Name: ""}, {Name: "'引号'"},
		{Name: strings.Repeat("很长的名称", 10)}})
	want := []string{"涉密人员", "涉密人员(2)", "a_b_c__d_e_f_g", "工作表4", "引号", strings.Repeat("很长的名称", 7)[:31*3]}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestDateSerial(t *testing.T) {
	for s, want := range map[string]int{"1900-01-01": 1, "1900-02-28": 59, "1900-03-01": 61, "1949-12-31": 18263, "2024-05-01": 45413, "2099-12-31": 73050} {
		if got, ok := dateSerial(s); !ok || got != want {
			t.Errorf("dateSerial(%q) = %d %v, want %d", s, got, ok, want)
		}
		// It agrees with excelize reading the serial back.
		if got, _ := dateSerial(s); s >= "1900-03-01" {
			back, err := excelize.ExcelDateToTime(float64(got), false)
			if err != nil || data.FormatDate(back) != s {
				t.Errorf("serial %d reads back as %v %v", got, back, err)
			}
		}
	}
	for _, s := range []string{"", "2024-02-30", "2023-02-29", "1899-12-31", "2024/05/01", "2024-5-1", "abcd-ef-gh"} {
		if _, ok := dateSerial(s); ok {
			t.Errorf("dateSerial(%q) accepted", s)
		}
	}
}

func TestWriteNoSheets(t *testing.T) {
	if err := Write(context.Background(), io.Discard, nil, Options{}); !errors.Is(err, ErrNoSheets) {
		t.Errorf("err %v", err)
	}
}

func TestRegisterSheetsWithoutSubs(t *testing.T) {
	reg := &data.Register{Key: "k", Name: "测试", Fields: []data.Field{{Key: "a", Label: "甲"}, {Key: "b", Label: "乙", Optional: true}}}
	s := RegisterSheets(reg, nil, nil)
	if len(s) != 1 || len(s[0].Columns) != 1 || s[0].Name != "测试" {
		t.Errorf("%+v", s)
	}
}

// TestSample writes the fixture, plus enough people for several printed
// pages, to $XLSX_SAMPLE for a look in Excel, WPS or LibreOffice:
//
//	XLSX_SAMPLE=/tmp/sample.xlsx go test ./data/xlsx -run TestSample
func TestSample(t *testing.T) {
	path := os.Getenv("XLSX_SAMPLE")
	if path == "" {
		t.Skip("XLSX_SAMPLE not set")
	}
	recs, subs := fixture()
	for i := 0; i < 60; i++ {
		r := person(uint64(100+i), "测试人员"+strconv.Itoa(i+1), idA, "保密办公室")
		r.Set(data.PsnGender, "女")
		r.Set(data.PsnBirth, "1949-12-31")
		r.Set("title", "科长")
		r.Set("post", "保密管理")
		r.Set("vetted", "2024-05-01")
		r.Set("pledge", "2024-05-02")
		recs = append(recs, r)
	}
	err := WriteFile(context.Background(), path, RegisterSheets(data.Personnel, recs, subs),
		Options{Marking: "秘密★5年", Unit: "某某研究院", Date: statDate})
	if err != nil {
		t.Fatal(err)
	}
}

// TestWriteFileRefusesOtherFiles exports onto files that are not
// workbooks — a data file, a text file, a name without .xlsx — and onto the
// protected data file: each is refused with a message and left as it was.
func TestWriteFileRefusesOtherFiles(t *testing.T) {
	recs, children := fixture()
	sheets := RegisterSheets(data.Personnel, recs, children)
	dir := t.TempDir()
	ledger := filepath.Join(dir, "taizhang.db")
	os.WriteFile(ledger, []byte("bbolt data file"), 0o600)
	text := filepath.Join(dir, "说明.xlsx")
	os.WriteFile(text, []byte("不是工作簿"), 0o600)
	for _, tc := range []struct {
		name, path, want string
		protected        []string
	}{
		{"the data file", ledger, "扩展名必须是 .xlsx", nil},
		{"the data file, protected", ledger, "数据文件本身", []string{ledger}},
		{"a text file named .xlsx", text, "不是 Excel 工作簿", nil},
		{"a new name without .xlsx", filepath.Join(dir, "new.db"), "扩展名必须是 .xlsx", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := os.ReadFile(tc.path)
			err := CheckTarget(tc.path, tc.protected...)
			if len(tc.protected) == 0 {
				err = WriteFile(context.Background(), tc.path, sheets, Options{})
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error saying %q", err, tc.want)
			}
			if after, _ := os.ReadFile(tc.path); string(after) != string(before) {
				t.Errorf("%s changed", tc.path)
			}
		})
	}
}

package xlsx

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"baomi/taizhang/data"

	"github.com/xuri/excelize/v2"
)

// idFor makes a valid 身份证号码 from its first 17 digits.
func idFor(first17 string) string { return first17 + string(data.IDCheckChar(first17)) }

// messyLedger writes a personnel ledger the way offices keep them: a
// merged title, a 填报单位 line, a blank row, headers of their own, dates
// five ways, an id Excel turned into a number, blank lines, a 合计 row and
// a 填表人 line. It returns the path and the ids used.
func messyLedger(t testing.TB, dir string) (string, []string) {
	t.Helper()
	ids := []string{
		idFor("11010519850307123"), idFor("65010219900412234"), idFor("11010119880101345"),
		idFor("31010419920215456"), idFor("44030519790909567"),
	}
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	set := func(ref string, v any) {
		if err := f.SetCellValue(sh, ref, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "XX局涉密人员登记表")
	if err := f.MergeCell(sh, "A1", "M1"); err != nil {
		t.Fatal(err)
	}
	set("A2", "填报单位：XX局保密办　　　填报日期：2026年3月1日")
	header := []string{"序号", "姓  名", "性别", "公民身份号码", "所在部门", "职务", "涉密类别", "确定时间", "上岗审查日期", "保密承诺书签订日期", "人员状态", "籍贯", "备注"}
	for i, h := range header {
		ref, _ := excelize.CoordinatesToCellName(i+1, 4)
		set(ref, h)
	}
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	rows := [][]any{
		{1, " 张三 ", "男", ids[0], "办公室", "科员", "核心涉密人员", "2024-05-01", time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC), "2024年5月3日", "在岗", "北京", ""},
		{2, "阿依古丽·买买提", "", strings.NewReplacer("0", "０", "1", "１", "6", "６", "5", "５").Replace(ids[1]), "保密办", "", "重要涉密人员", "2024/5/1", "20240501", 45413, "在岗", "新疆", "少数民族"},
		{3, "王五", "", 0, "综合处", "", "一般", "2024.5.1", "", "", "在岗", "", "身份证存成了数字"},
		nil,
		{4, "李四", "", ids[3][:17] + "0", "办公室", "", "一般", "2024-05-01", "", "", "在岗", "", "校验位错"},
		{5, "赵六", "", ids[4], "档案室", "", "一般", "", "", "", "在岗", "", "部门不在设置中"},
		{6, "张三", "", strings.ToLower(ids[0]), "办公室", "", "核心", "", "", "", "在岗", "", "同一人第二行"},
		{7, "钱七", "", ids[2], "办公室", "", "特级", "2024-13-01", "", "", "在岗", "", "两处错"},
		nil,
		{"合计", "7人"},
		{"填表人：王小二", "", "", "", "审核人：李大", "", "", "", "填表日期：2026.3.1"},
	}
	r := 5
	for _, row := range rows {
		for i, v := range row {
			ref, _ := excelize.CoordinatesToCellName(i+1, r)
			switch {
			case v == "":
				continue
			case i == 3 && v == 0: // the id Excel turned into a number
				if err := f.SetCellFloat(sh, ref, 1.10101199003070e17, -1, 64); err != nil {
					t.Fatal(err)
				}
				continue
			}
			set(ref, v)
			if _, ok := v.(time.Time); ok {
				f.SetCellStyle(sh, ref, ref, dateStyle)
			}
		}
		r++
	}
	path := filepath.Join(dir, "涉密人员台账（旧）.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path, ids
}

func emptyStore(t testing.TB) *data.Store {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "new.db"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.Now = func() time.Time { return time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC) }
	return s
}

// planFile reads the first sheet of path as personnel and plans it.
func planFile(t *testing.T, st *data.Store, path string, dup Duplicate) *Plan {
	t.Helper()
	wb, err := OpenWorkbook(path)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	tbl, err := ReadTable(context.Background(), wb, data.Personnel, "")
	if err != nil {
		t.Fatal(err)
	}
	tbl.File = filepath.Base(path)
	in, err := LoadPlanInput(st, tbl)
	if err != nil {
		t.Fatal(err)
	}
	in.OnDuplicate = dup
	return NewPlan(tbl, in)
}

// TestMessyLedger is the "done when": the preview of a clerk's
// own ledger shows each refused row with a reason a clerk understands, the
// good rows import, and a second import adds nothing.
func TestMessyLedger(t *testing.T) {
	st := emptyStore(t)
	path, ids := messyLedger(t, t.TempDir())
	p := planFile(t, st, path, DupSkip)
	if p.Table.HeaderRow != 4 {
		t.Errorf("header: got row %d, want 4", p.Table.HeaderRow)
	}
	var unmatched []string
	for _, c := range p.Table.Unmatched() {
		unmatched = append(unmatched, c.Label)
	}
	if strings.Join(unmatched, ",") != "籍贯" {
		t.Errorf("unmatched columns: got %v, want [籍贯]", unmatched)
	}
	if p.Table.NotRecords != 2 {
		t.Errorf("rows that are not records (合计, 填表人): got %d, want 2", p.Table.NotRecords)
	}
	// Rows: 张三, 阿依古丽, 王五 (numeric id), 李四 (check digit), 赵六 (new
	// 部门), 张三 again (one record), 钱七 (two errors).
	if p.Added != 3 || p.Merged != 1 || p.Refused != 3 || p.Updated != 0 || p.Skipped != 0 {
		t.Errorf("got added %d merged %d refused %d updated %d skipped %d; want 3 1 3 0 0",
			p.Added, p.Merged, p.Refused, p.Updated, p.Skipped)
	}
	want := []Refusal{
		{7, "公民身份号码", IDAsNumber},
		{9, "公民身份号码", "身份证号码校验位错误，请核对"},
		{12, "涉密类别", "涉密等级应从列表中选择"},
		{12, "确定时间", "日期不存在，请检查年、月、日"},
	}
	if len(p.Refusals) != len(want) {
		t.Fatalf("got refusals %+v, want %+v", p.Refusals, want)
	}
	for i, w := range want {
		if p.Refusals[i] != w {
			t.Errorf("refusal %d: got %+v, want %+v", i, p.Refusals[i], w)
		}
	}
	if strings.Join(p.NewDepartments, ",") != "档案室" {
		t.Errorf("new departments: got %v, want [档案室]", p.NewDepartments)
	}
	if err := st.Import(context.Background(), p.Batch); err != nil {
		t.Fatal(err)
	}
	recs, err := st.List(data.Personnel)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*data.Record{}
	for _, r := range recs {
		byID[r.Get(data.PsnIDNo)] = r
	}
	checks := []struct{ id, key, want string }{
		{ids[0], data.PsnName, "张三"},
		{ids[0], data.PsnLevel, "核心"},
		{ids[0], "confirmed", "2024-05-01"},
		{ids[0], "vetted", "2024-05-02"},
		{ids[0], "pledge", "2024-05-03"},
		{ids[0], "note", "同一人第二行"},
		{ids[1], data.PsnName, "阿依古丽·买买提"},
		{ids[1], data.PsnLevel, "重要"},
		{ids[1], "confirmed", "2024-05-01"},
		{ids[1], "vetted", "2024-05-01"},
		{ids[1], "pledge", "2024-05-01"},
		{ids[1], data.PsnGender, "女"},
		{ids[4], data.PsnDept, "档案室"},
	}
	for _, c := range checks {
		r := byID[c.id]
		if r == nil {
			t.Fatalf("%s: not imported", c.id)
		}
		if got := r.Get(c.key); got != c.want {
			t.Errorf("%s %s: got %q, want %q", c.id, c.key, got, c.want)
		}
	}
	if len(recs) != 3 {
		t.Errorf("got %d persons, want 3", len(recs))
	}
	for _, dup := range []Duplicate{DupSkip, DupUpdate} {
		again := planFile(t, st, path, dup)
		if again.Added != 0 || again.Updated != 0 || again.Skipped != 3 || again.Refused != 3 {
			t.Errorf("second import (%d): got added %d updated %d skipped %d refused %d; want 0 0 3 3",
				dup, again.Added, again.Updated, again.Skipped, again.Refused)
		}
		// 张三, 阿依古丽, 赵六 match stored records; 张三's second row is
		// folded into his first.
		if len(again.Matches) != 3 || again.Merged != 1 {
			t.Errorf("got %d matches, %d merged; want 3, 1", len(again.Matches), again.Merged)
		}
	}
}

// TestPlanLeavesInputAlone: planning twice over the same input gives the
// same result (the window plans again on every choice), with a row that
// repeats a stored record's key folded in.
func TestPlanLeavesInputAlone(t *testing.T) {
	st := emptyStore(t)
	path, _ := messyLedger(t, t.TempDir())
	if err := st.Import(context.Background(), planFile(t, st, path, DupSkip).Batch); err != nil {
		t.Fatal(err)
	}
	wb, err := OpenWorkbook(path)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	tbl, err := ReadTable(context.Background(), wb, data.Personnel, "")
	if err != nil {
		t.Fatal(err)
	}
	in, err := LoadPlanInput(st, tbl)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range in.Records {
		r.Set("note", "旧备注") // what the file says: the sheet's second 张三 row differs
	}
	before := make([]map[string]string, len(in.Records))
	for i, r := range in.Records {
		before[i] = r.Map()
	}
	for _, dup := range []Duplicate{DupSkip, DupUpdate, DupSkip} {
		in.OnDuplicate = dup
		p := NewPlan(tbl, in)
		if p.Added != 0 || p.Skipped+p.Updated != 3 {
			t.Errorf("plan (%d): got added %d updated %d skipped %d, want 0 added, 3 matched", dup, p.Added, p.Updated, p.Skipped)
		}
	}
	for i, r := range in.Records {
		if got := r.Map(); len(got) != len(before[i]) || got["note"] != before[i]["note"] {
			t.Errorf("stored record %d changed by planning: got %v, want %v", i, got, before[i])
		}
	}
}

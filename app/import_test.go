package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"baomi/taizhang/data"
	"baomi/taizhang/data/xlsx"
)

func validID(first17 string) string { return first17 + string(data.IDCheckChar(first17)) }

// clerkLedger writes a small ledger of a clerk's making: a title, variant
// headers, a column the program does not know (籍贯), an id stored as a
// number, and a 合计 row.
func clerkLedger(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"XX局涉密人员登记表"},
		{"序号", "姓名", "公民身份号码", "所在部门", "涉密类别", "人员状态", "籍贯"},
		{1, "张三", validID("11010519850307123"), "办公室", "核心涉密人员", "在岗", "北京"},
		{2, "阿依古丽·买买提", validID("65010219900412234"), "保密办", "一般", "在岗", "新疆"},
		{3, "王五", 110105199003071000, "保密办", "一般", "在岗", ""},
		{"合计", "3人"},
	}
	for i, r := range rows {
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", ref, &r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "旧台账.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestImportWindow goes through the import window as a clerk would: the
// preview's counts and refused rows, assigning the unmatched column, the
// import itself, and a second import that adds nothing.
func TestImportWindow(t *testing.T) {
	u := newTestUI(t)
	v := u.View("personnel")
	if v.buttons["导入Excel"] == nil {
		t.Fatal("no 导入Excel button on the toolbar")
	}
	path := clerkLedger(t)
	d := u.openImport(data.Personnel, path)
	if d == nil {
		t.Fatal("no import window")
	}
	<-d.reading
	if got, want := d.summary.Text, "将新增 2，更新 0，跳过 0，未导入 1"; !strings.HasPrefix(got, want) {
		t.Errorf("summary: got %q, want it to start %q", got, want)
	}
	if !strings.Contains(d.summary.Text, "1 列未识别") {
		t.Errorf("summary: got %q, want the unmatched column counted", d.summary.Text)
	}
	want := "第5行（王五）　公民身份号码　" + xlsx.IDAsNumber
	if len(d.lines) != 1 || d.lines[0] != want {
		t.Errorf("refused rows: got %q, want [%q]", d.lines, want)
	}
	if !strings.Contains(d.found.Text, "表头在第 2 行") {
		t.Errorf("got %q, want the header row named", d.found.Text)
	}
	// 籍贯 is unmatched: the clerk puts it into 备注.
	sel := d.mapping[6]
	if sel == nil || sel.Selected != ignoreColumn {
		t.Fatalf("籍贯's choice: got %v, want %q", sel, ignoreColumn)
	}
	sel.SetSelected("备注")
	if strings.Contains(d.summary.Text, "列未识别") {
		t.Errorf("after assigning: got %q", d.summary.Text)
	}
	// A report of the refused rows.
	report := filepath.Join(t.TempDir(), "报告.xlsx")
	if err := d.writeReport(report); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(report); err != nil {
		t.Errorf("report not written: %v", err)
	}
	test.Tap(d.doImport)
	if err := <-d.done; err != nil {
		t.Fatal(err)
	}
	if len(v.shown) != 2 {
		t.Fatalf("rows after import: got %d, want 2", len(v.shown))
	}
	notes := map[string]string{}
	for _, r := range v.shown {
		notes[r.Get(data.PsnName)] = r.Get("note")
	}
	if notes["张三"] != "北京" || notes["阿依古丽·买买提"] != "新疆" {
		t.Errorf("备注 from 籍贯: got %v", notes)
	}
	log, err := u.store.AuditLog(1)
	if err != nil || len(log) != 1 || log[0].Action != data.ActionImport || log[0].After["文件"] != "旧台账.xlsx" {
		t.Errorf("audit: got %+v, want the import recorded", log)
	}

	again := u.openImport(data.Personnel, path)
	<-again.reading
	if got := again.summary.Text; !strings.HasPrefix(got, "将新增 0，更新 0，跳过 2，未导入 1") {
		t.Errorf("second import: got %q", got)
	}
	if !again.doImport.Disabled() {
		t.Error("second import: 导入 is enabled with nothing to write")
	}
	// 一律更新 changes nothing while the values are the same …
	again.dup.SetSelected(dupUpdateAll)
	if got := again.summary.Text; !strings.HasPrefix(got, "将新增 0，更新 0，跳过 2") {
		t.Errorf("一律更新, same values: got %q", got)
	}
	// … and updates both once 籍贯 goes into 涉密岗位; 逐条 updates the
	// rows ticked only.
	again.mapping[6].SetSelected("涉密岗位")
	if got := again.summary.Text; !strings.HasPrefix(got, "将新增 0，更新 2，跳过 0") {
		t.Errorf("一律更新: got %q", got)
	}
	again.perRow[3] = xlsx.DupUpdate // 张三
	again.perRow[4] = xlsx.DupSkip
	again.dup.SetSelected(dupEach)
	if got := again.summary.Text; !strings.HasPrefix(got, "将新增 0，更新 1，跳过 1") {
		t.Errorf("逐条: got %q", got)
	}
	again.close()
}

// TestImportCancelWritesNothing: an import cancelled while it runs leaves
// the file as it was.
func TestImportCancelWritesNothing(t *testing.T) {
	u := newTestUI(t)
	d := u.openImport(data.Personnel, clerkLedger(t))
	<-d.reading
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// The store looks at the context every 256 records: make enough.
	for i := 0; i < 300; i++ {
		d.plan.Batch.Records = append(d.plan.Batch.Records, d.plan.Batch.Records[0].Clone())
	}
	d.run(ctx, cancel)
	if err := <-d.done; err == nil {
		t.Fatal("got nil, want the import cancelled")
	}
	recs, err := u.store.List(data.Personnel)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 0 {
		t.Errorf("got %d persons after a cancelled import, want 0", len(recs))
	}
}

// TestImportOldFormat: an .xls gets the message to save it as .xlsx.
func TestImportOldFormat(t *testing.T) {
	u := newTestUI(t)
	path := filepath.Join(t.TempDir(), "旧.xls")
	os.WriteFile(path, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, 0o600)
	if d := u.openImport(data.Personnel, path); d != nil {
		t.Fatal("got an import window for an .xls")
	}
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no message shown")
	}
	if !strings.Contains(dialogText(t, top), "请用 Excel/WPS 另存为 .xlsx 后导入") {
		t.Errorf("got %q, want the .xlsx message", dialogText(t, top))
	}
}

// TestTemplate writes the blank template of every register through its
// view: header row, example row.
func TestTemplate(t *testing.T) {
	u := newTestUI(t)
	for _, reg := range data.Registers() {
		v := u.View(reg.Key)
		path := filepath.Join(t.TempDir(), reg.Key+".xlsx")
		if err := v.writeTemplate(path); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows(f.GetSheetName(0))
		f.Close()
		if len(rows) != 2 || rows[0][0] != "序号" || rows[1][0] != xlsx.ExampleMark {
			t.Errorf("%s: got rows %q, want the header and the example", reg.Name, rows)
		}
	}
}

// TestFormRefusesSecondIDCard reproduces one 身份证号码 saved as several
// persons through the form: the second is refused under 身份证号码,
// naming the person who has it.
func TestFormRefusesSecondIDCard(t *testing.T) {
	u := newTestUI(t)
	v := u.View("personnel")
	addPerson(t, v, "张三", "11010519491231002X", "办公室", "核心")
	f := addPerson(t, v, "张叁", "11010519491231002x", "保密办", "一般")
	if u.form == nil {
		t.Fatal("the second person was saved")
	}
	if got := f.inputs[data.PsnIDNo].errText.Text; !strings.Contains(got, "“张三”") {
		t.Errorf("身份证号码: got %q, want the existing person 张三 named", got)
	}
	if len(v.shown) != 1 {
		t.Errorf("rows: got %d, want 1", len(v.shown))
	}
}

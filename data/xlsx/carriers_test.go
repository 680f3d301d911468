package xlsx

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"baomi/taizhang/data"
)

// A clerk's own 涉密载体 ledger imports by its usual headers: the 保管人 is
// found among 涉密人员 by name (one unknown is refused in the words of the
// field), and two 份 of one document are two carriers.
func TestImportCarriersLedger(t *testing.T) {
	st := emptyStore(t)
	p := person(0, "王云岚", "11010519491231002X", "办公室")
	if err := st.Save(data.Personnel, p); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "载体.xlsx")
	f := excelize.NewFile()
	rows := [][]any{
		{"文件标题", "发文字号", "类型", "密级", "份号", "载体来源", "来文单位", "收文日期", "保管部门", "保管人", "载体状态"},
		{"关于2026年重大活动安全保卫工作的方案", "市委办发〔2026〕12号", "纸质文件", "机密", "008", "收文", "市委办公室", "2026-03-01", "办公室", "王云岚", "在管"},
		{"关于2026年重大活动安全保卫工作的方案", "市委办发〔2026〕12号", "纸质文件", "机密", "009", "收文", "市委办公室", "2026-03-01", "办公室", "王云岚", "在管"},
		{"2026年城市地下管网普查成果汇编", "", "纸质文件", "秘密", "001", "制作", "信息中心", "2026-04-01", "信息中心", "赵不在", "在管"},
	}
	for i, r := range rows {
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", ref, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	wb, err := OpenWorkbook(path)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	tbl, err := ReadTable(context.Background(), wb, data.Carriers, "")
	if err != nil {
		t.Fatal(err)
	}
	if u := tbl.Unmatched(); len(u) > 0 {
		t.Errorf("unmatched columns: got %v, want none", u)
	}
	in, err := LoadPlanInput(st, tbl)
	if err != nil {
		t.Fatal(err)
	}
	plan := NewPlan(tbl, in)
	if plan.Added != 2 || plan.Refused != 1 {
		t.Fatalf("plan: got %d added, %d refused; want 2, 1", plan.Added, plan.Refused)
	}
	if r := plan.Refusals[0]; r.Row != 4 || r.Column != "保管人" || !strings.HasPrefix(r.Reason, "保管人“赵不在”不在涉密人员登记簿中") {
		t.Errorf("refusal: got row %d %s %q, want row 4 保管人 saying 保管人“赵不在”不在涉密人员登记簿中", r.Row, r.Column, r.Reason)
	}
	if err := st.Import(context.Background(), plan.Batch); err != nil {
		t.Fatal(err)
	}
	recs, err := st.Load(data.Carriers, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if got := r.Get(data.CarKeeperName); got != "王云岚" {
			t.Errorf("carrier 份号 %s: 保管人 got %q, want 王云岚", r.Get(data.CarSerial), got)
		}
	}
}

package xlsx

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"baomi/taizhang/data"
)

// testTaskRec is a 督办事项 with the given id, 责任部门, 状态 and 完成时限.
func testTaskRec(id uint64, dept, status, deadline, title string) *data.Record {
	r := data.NewRecord()
	r.ID = id
	for k, v := range map[string]string{
		data.TaskTitle: title, data.TaskSource: "保密委员会会议", data.TaskDoc: "2026年第2次保密委员会会议纪要",
		data.TaskAssigned: "2026-10-09", data.TaskDept: dept, data.TaskOwner: "王建国", data.TaskDeadline: deadline,
		data.TaskStatus: status, data.TaskClerk: "李静",
	} {
		r.Set(k, v)
	}
	return r
}

// writeNoticeFile writes a notice and opens it.
func writeNoticeFile(t *testing.T, n Notice) (*excelize.File, [][]string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "通知单.xlsx")
	opt := Options{Marking: "内部", Unit: "示例市某某局", Date: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)}
	if err := WriteFile(context.Background(), path, []Sheet{NoticeSheet(n)}, opt); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	rows, err := f.GetRows(NoticeName)
	if err != nil {
		t.Fatal(err)
	}
	return f, rows
}

// checkOnePage asserts an A4 upright page the form is fitted to, with a
// print area and no repeated header row.
func checkOnePage(t *testing.T, f *excelize.File) {
	t.Helper()
	lay, err := f.GetPageLayout(NoticeName)
	if err != nil {
		t.Fatal(err)
	}
	if lay.Orientation == nil || *lay.Orientation != "portrait" || lay.Size == nil || *lay.Size != 9 ||
		lay.FitToWidth == nil || *lay.FitToWidth != 1 || lay.FitToHeight == nil || *lay.FitToHeight != 1 {
		t.Errorf("page layout %+v, want A4 portrait fitted to 1×1 page", lay)
	}
	area := false
	for _, n := range f.GetDefinedName() {
		switch n.Name {
		case "_xlnm.Print_Area":
			area = n.Scope == NoticeName
		case "_xlnm.Print_Titles":
			t.Errorf("Print_Titles %s on a one-page form", n.RefersTo)
		}
	}
	if !area {
		t.Error("no print area")
	}
}

// TestItemNotice: the 督办通知单 of one item has its 事项, 来源, 时限, 要求,
// a 反馈栏 and a 签收栏, on one page.
func TestItemNotice(t *testing.T) {
	task := testTaskRec(12, "综合处", data.TaskActive, "2026-12-31", "组织开展本年度在岗涉密人员保密复审")
	f, rows := writeNoticeFile(t, ItemNotice(task))
	checkOnePage(t, f)
	text := func(r []string) string {
		return strings.Join(slices.DeleteFunc(r, func(s string) bool { return s == "" }), "|")
	}
	var got []string
	for _, r := range rows {
		got = append(got, text(r))
	}
	want := []string{
		"内部",
		"示例市某某局保密工作督办通知单",
		"编号：督办〔2026〕12号　　　　致：综合处　　　　签发日期：2026年11月26日",
		"责任部门|综合处|责任人|王建国",
		"督办事项|组织开展本年度在岗涉密人员保密复审",
		"事项来源|保密委员会会议|来源文件或会议|2026年第2次保密委员会会议纪要",
		"交办日期|2026年10月9日|完成时限|2026年12月31日",
		"督办要求|" + DefaultDemand,
		"落实情况反馈|" + noticeHint,
		"责任部门意见|" + noticeDeptSign,
		"签收人|签收日期|" + noticeSignDate,
		"保密办经办人|李静|联系电话",
		noticeFootnote,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("notice:\ngot  %q\nwant %q", got, want)
	}
	t.Run("its own 督办要求", func(t *testing.T) {
		task.Set(data.TaskDemand, "请每月底前反馈进展。")
		_, rows := writeNoticeFile(t, ItemNotice(task))
		if got := text(rows[7]); got != "督办要求|请每月底前反馈进展。" {
			t.Errorf("督办要求: got %q", got)
		}
	})
}

// TestDeptNotice: a 责任部门's notice lists its items still open, by 完成时限
// (none last), one row each with a 反馈 cell left for the pen.
func TestDeptNotice(t *testing.T) {
	tasks := []*data.Record{
		testTaskRec(1, "综合处", data.TaskActive, "2026-12-31", "事项甲"),
		testTaskRec(2, "综合处", data.TaskClosed, "2026-11-01", "已办结的事项"),
		testTaskRec(3, "办公室", data.TaskActive, "2026-11-30", "别的部门的事项"),
		testTaskRec(4, "综合处", data.TaskNotStarted, "", "事项乙"),
		testTaskRec(5, "综合处", data.TaskActive, "2026-11-20", "事项丙"),
		testTaskRec(6, "综合处", data.TaskStopped, "2026-11-20", "已终止的事项"),
	}
	n := DeptNotice("综合处", tasks)
	var titles []string
	for _, r := range n.Items {
		titles = append(titles, r.Get(data.TaskTitle))
	}
	if got, want := strings.Join(titles, " "), "事项丙 事项甲 事项乙"; got != want {
		t.Fatalf("items: got %s, want %s", got, want)
	}
	f, rows := writeNoticeFile(t, n)
	checkOnePage(t, f)
	if got := rows[2][0]; !strings.HasPrefix(got, "致：综合处（未办结督办事项 3 项）") {
		t.Errorf("info line: got %q", got)
	}
	if got := strings.Join(rows[3], "|"); got != "序号|督办事项|来源|完成时限|落实情况反馈\n（责任部门填写）" {
		t.Errorf("header: got %q", got)
	}
	for i, want := range []string{"1|事项丙|保密委员会会议\n2026年第2次保密委员会会议纪要|2026年11月20日", "2|事项甲", "3|事项乙"} {
		if got := strings.Join(rows[4+i], "|"); !strings.HasPrefix(got, want) {
			t.Errorf("row %d: got %q, want it to start %q", i+1, got, want)
		}
	}
	last := rows[len(rows)-5:]
	if last[0][0] != "督办要求" || last[1][0] != "责任部门意见" || last[2][0] != "签收人" || last[3][0] != "保密办经办人" || last[4][0] != noticeFootnote {
		t.Errorf("the form's foot: got %q", last)
	}
	t.Run("nothing open", func(t *testing.T) {
		_, rows := writeNoticeFile(t, DeptNotice("信息中心", tasks))
		if got := rows[4][0]; got != "（该部门没有未办结的督办事项）" {
			t.Errorf("got %q", got)
		}
	})
}

// TestNewRegistersReadOldForms: the choices of 督办事项 and 信息公开保密审查
// as old ledgers write them are read as the register's own.
func TestNewRegistersReadOldForms(t *testing.T) {
	for _, tc := range []struct {
		reg       *data.Register
		key, v    string
		want      string
		wantFound bool
	}{
		{data.Tasks, data.TaskSource, "党委(党组)部署", "党委（党组）部署", true},
		{data.Tasks, data.TaskSource, "党组部署", "党委（党组）部署", true},
		{data.Tasks, data.TaskSource, "领导批示", "领导批示", false},
		{data.Disclosures, data.DscConclusion, "同意", data.DisclosureAgreed, true},
		{data.Disclosures, data.DscConclusion, "不同意公开", data.DisclosureRefused, true},
	} {
		t.Run(tc.v, func(t *testing.T) {
			f := tc.reg.Field(tc.key)
			got, ok := choiceValue(*f, tc.v, f.Choices)
			if got != tc.want || ok != tc.wantFound {
				t.Errorf("got %q, %v; want %q, %v", got, ok, tc.want, tc.wantFound)
			}
		})
	}
}

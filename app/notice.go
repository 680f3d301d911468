package app

import (
	"fmt"

	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
	"baomi/taizhang/data/xlsx"
)

// noticeButton prints the 督办通知单 of the selected 督办事项.
const noticeButton = "督办通知单"

// noticeItem is the 督办通知单 of the selected item alone; the other choice
// is every open item of its 责任部门.
const noticeItem = "本事项"

// onNotice prints a 督办通知单 for the selected 督办事项, or for every open
// item of its 责任部门, through the export dialog (密级标志, file, progress).
func (v *registerView) onNotice() {
	r := v.selected()
	if r == nil {
		return
	}
	dept := r.Get(data.TaskDept)
	kind := widget.NewRadioGroup([]string{noticeItem, dept + "全部未办结事项"}, nil)
	kind.SetSelected(noticeItem)
	what := fmt.Sprintf("打印“%s”的督办通知单（A4 一页，发%s签收并反馈）。", r.Get(data.TaskTitle), dept)
	d := v.ui.newExport(xlsx.NoticeName+"-"+dept, what, 1, func() ([]xlsx.Sheet, []xlsx.Chart, error) {
		if kind.Selected == noticeItem {
			return []xlsx.Sheet{xlsx.NoticeSheet(xlsx.ItemNotice(r))}, nil, nil
		}
		tasks, err := v.ui.store.Load(data.Tasks, 0)
		if err != nil {
			return nil, nil, err
		}
		return []xlsx.Sheet{xlsx.NoticeSheet(xlsx.DeptNotice(dept, tasks))}, nil, nil
	}, widget.NewFormItem("内容", kind))
	d.notice = kind
}

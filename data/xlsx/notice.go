package xlsx

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/xuri/excelize/v2"

	"baomi/taizhang/data"
)

// Notice is a 督办通知单: one 督办事项, or the open ones of one 责任部门, on
// a single A4 page the 保密办 sends to the 责任部门, who writes its 反馈 and
// signs for it (件件有回音).
type Notice struct {
	Dept  string         // the 责任部门
	Items []*data.Record // 督办事项 records; one for a single item
	// Single prints the one item with every detail; otherwise the items
	// are a list, one row each.
	Single bool
}

// NoticeName is the name of the form, on its tab and in file names.
const NoticeName = "督办通知单"

// DefaultDemand is the 督办要求 printed when an item has none of its own.
const DefaultDemand = "请按要求抓好落实，于完成时限前办结，并将落实情况书面反馈保密办；不能按期办结的，请提前说明原因和计划完成时间。"

// ItemNotice is the notice of one 督办事项.
func ItemNotice(task *data.Record) Notice {
	return Notice{Dept: task.Get(data.TaskDept), Items: []*data.Record{task}, Single: true}
}

// DeptNotice is the notice of a 责任部门's items still open (neither 已办结
// nor 已终止) among tasks, by 完成时限 (those without one last).
func DeptNotice(dept string, tasks []*data.Record) Notice {
	n := Notice{Dept: dept}
	for _, t := range tasks {
		if s := t.Get(data.TaskStatus); t.Get(data.TaskDept) == dept && s != data.TaskClosed && s != data.TaskStopped {
			n.Items = append(n.Items, t)
		}
	}
	slices.SortStableFunc(n.Items, func(a, b *data.Record) int {
		da, db := a.Get(data.TaskDeadline), b.Get(data.TaskDeadline)
		if (da == "") != (db == "") {
			return cmp.Compare(len(db), len(da))
		}
		return cmp.Compare(da, db)
	})
	return n
}

// NoticeSheet is the sheet that prints a notice.
func NoticeSheet(n Notice) Sheet {
	return Sheet{Name: NoticeName, Title: NoticeName, Heading: "保密工作" + NoticeName, Notice: &n}
}

// formCell is one cell of a form row, spanning some columns.
type formCell struct {
	text  string
	span  int
	style int
}

// formRow is a row of a form; its height grows with its longest text.
type formRow struct {
	min   float64 // least height in points
	cells []formCell
}

// noticeStyles are the styles of the form.
type noticeStyles struct {
	label, value, blank, hint, plain int
}

func newNoticeStyles(f *excelize.File) (noticeStyles, error) {
	gb := 134
	font := func(family string, size float64, color string) *excelize.Font {
		return &excelize.Font{Family: family, Size: size, Charset: &gb, Color: color}
	}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	var st noticeStyles
	var err error
	mk := func(dst *int, s *excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(s)
		}
	}
	mk(&st.label, &excelize.Style{Font: font("黑体", 11, "000000"), Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	mk(&st.value, &excelize.Style{Font: font("宋体", 11, "000000"), Border: border, NumFmt: 49,
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}})
	mk(&st.blank, &excelize.Style{Font: font("宋体", 11, "000000"), Border: border,
		Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "bottom", WrapText: true}})
	mk(&st.hint, &excelize.Style{Font: font("宋体", 9, "595959"), Border: border,
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}})
	mk(&st.plain, &excelize.Style{Font: font("宋体", 10.5, "000000"),
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}})
	return st, err
}

// noticeDate writes a stored date as 2026年12月31日, anything else as it is.
func noticeDate(v string) string {
	if d := data.StoredDate(v); !d.IsZero() {
		return data.ChineseDate(d)
	}
	return v
}

// Signature lines of the form, written for the pen.
const (
	noticeDeptSign = "责任部门负责人（签字）：　　　　　　　　　　　　　年　　月　　日"
	noticeSignDate = "　　　　年　　月　　日"
	noticeFootnote = "注：本通知单一式两份，责任部门签收后留存一份，一份交回保密办；落实情况请于完成时限前反馈，可另附页。"
	noticeHint     = "（由责任部门填写：采取的措施、完成情况；未能按期办结的，写明原因和计划完成时间）"
)

// noticeRows lays out the form; widths are the columns' widths.
func noticeRows(n *Notice, st noticeStyles, hs *styles) (widths []float64, rows []formRow) {
	lab := func(s string) formCell { return formCell{text: s, span: 1, style: st.label} }
	val := func(s string, span int) formCell { return formCell{text: s, span: span, style: st.value} }
	if n.Single {
		t := n.Items[0]
		demand := t.Get(data.TaskDemand)
		if demand == "" {
			demand = DefaultDemand
		}
		widths = []float64{14, 30, 14, 30}
		rows = []formRow{
			{28, []formCell{lab("责任部门"), val(t.Get(data.TaskDept), 1), lab("责任人"), val(t.Get(data.TaskOwner), 1)}},
			{60, []formCell{lab("督办事项"), val(t.Get(data.TaskTitle), 3)}},
			{28, []formCell{lab("事项来源"), val(t.Get(data.TaskSource), 1), lab("来源文件或会议"), val(t.Get(data.TaskDoc), 1)}},
			{28, []formCell{lab("交办日期"), val(noticeDate(t.Get(data.TaskAssigned)), 1), lab("完成时限"), val(noticeDate(t.Get(data.TaskDeadline)), 1)}},
			{60, []formCell{lab("督办要求"), val(demand, 3)}},
			{300, []formCell{lab("落实情况反馈"), {text: noticeHint, span: 3, style: st.hint}}},
		}
	} else {
		widths = []float64{12, 34, 17, 13, 24}
		rows = []formRow{{30, []formCell{lab("序号"), lab("督办事项"), lab("来源"), lab("完成时限"), lab("落实情况反馈\n（责任部门填写）")}}}
		for i, t := range n.Items {
			item := t.Get(data.TaskTitle)
			if d := t.Get(data.TaskDemand); d != "" {
				item += "\n要求：" + d
			}
			src := t.Get(data.TaskSource)
			if d := t.Get(data.TaskDoc); d != "" {
				src += "\n" + d
			}
			rows = append(rows, formRow{60, []formCell{
				{text: strconv.Itoa(i + 1), span: 1, style: hs.body[alignCenter][fmtText]},
				val(item, 1), val(src, 1), {text: noticeDate(t.Get(data.TaskDeadline)), span: 1, style: hs.body[alignCenter][fmtText]},
				{span: 1, style: st.value}}})
		}
		if len(n.Items) == 0 {
			rows = append(rows, formRow{30, []formCell{val("（该部门没有未办结的督办事项）", 5)}})
		}
		rows = append(rows, formRow{50, []formCell{lab("督办要求"), val(DefaultDemand, 4)}})
	}
	last := len(widths) - 1
	signCols := func(a, b, c string) []formCell {
		if n.Single {
			return []formCell{lab(a), val(b, 1), lab(c), {text: noticeSignDate, span: 1, style: st.value}}
		}
		return []formCell{lab(a), val(b, 2), lab(c), {text: noticeSignDate, span: 1, style: st.value}}
	}
	clerk := ""
	if len(n.Items) > 0 {
		clerk = n.Items[0].Get(data.TaskClerk)
	}
	rows = append(rows,
		formRow{56, []formCell{lab("责任部门意见"), {text: noticeDeptSign, span: last, style: st.blank}}},
		formRow{34, signCols("签收人", "", "签收日期")},
		formRow{28, signCols("保密办经办人", clerk, "联系电话")},
	)
	// the 联系电话 cell is for the pen, not a date
	rows[len(rows)-1].cells[3].text = ""
	rows = append(rows, formRow{30, []formCell{{text: noticeFootnote, span: last + 1, style: st.plain}}})
	return widths, rows
}

// writeNotice writes a notice on its sheet, fitted to one A4 page upright.
func writeNotice(f *excelize.File, hs *styles, name string, s *Sheet, opt *Options) error {
	st, err := newNoticeStyles(f)
	if err != nil {
		return err
	}
	widths, rows := noticeRows(s.Notice, st, hs)
	ncol := len(widths)
	lastCol, _ := excelize.ColumnNumberToName(ncol)

	yes, no := true, false
	a4, portrait, one := paperA4, "portrait", 1
	m, hm := margin, headerMargin
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &portrait, FitToWidth: &one, FitToHeight: &one}); err != nil {
		return err
	}
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{
		Left: &m, Right: &m, Top: &m, Bottom: &m, Header: &hm, Footer: &hm, Horizontally: &yes,
	}); err != nil {
		return err
	}
	if err := f.SetSheetView(name, 0, &excelize.ViewOptions{ShowGridLines: &no}); err != nil {
		return err
	}
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, w); err != nil {
			return err
		}
	}
	put := func(row int, text string, style int, height float64) error {
		cell := "A" + strconv.Itoa(row)
		if err := f.MergeCell(name, cell, lastCol+strconv.Itoa(row)); err != nil {
			return err
		}
		if err := f.SetCellStr(name, cell, text); err != nil {
			return err
		}
		if err := f.SetCellStyle(name, cell, cell, style); err != nil {
			return err
		}
		return f.SetRowHeight(name, row, height)
	}
	if opt.Marking != "" {
		if err := f.SetCellStr(name, "A1", opt.Marking); err != nil {
			return err
		}
		if err := f.SetCellStyle(name, "A1", "A1", hs.marking); err != nil {
			return err
		}
		if err := f.SetRowHeight(name, 1, 24); err != nil {
			return err
		}
	}
	if err := put(rowTitle, sheetTitle(s, opt), hs.title, 40); err != nil {
		return err
	}
	info := "致：" + s.Notice.Dept + "（未办结督办事项 " + strconv.Itoa(len(s.Notice.Items)) + " 项）"
	if s.Notice.Single && len(s.Notice.Items) == 1 {
		info = "编号：督办〔" + strconv.Itoa(opt.Date.Year()) + "〕" + strconv.FormatUint(s.Notice.Items[0].ID, 10) + "号　　　　致：" + s.Notice.Dept
	}
	info += "　　　　签发日期：" + data.ChineseDate(opt.Date)
	if err := put(rowInfo, info, hs.info, 26); err != nil {
		return err
	}
	for i, r := range rows {
		row := rowHeader + i
		rs := strconv.Itoa(row)
		height := r.min
		col := 1
		for _, c := range r.cells {
			from, _ := excelize.ColumnNumberToName(col)
			to, _ := excelize.ColumnNumberToName(col + c.span - 1)
			width := 0.0
			for _, w := range widths[col-1 : col-1+c.span] {
				width += w
			}
			if c.span > 1 {
				if err := f.MergeCell(name, from+rs, to+rs); err != nil {
					return err
				}
			}
			if c.text != "" {
				if err := f.SetCellStr(name, from+rs, c.text); err != nil {
					return err
				}
			}
			if err := f.SetCellStyle(name, from+rs, to+rs, c.style); err != nil {
				return err
			}
			height = max(height, float64(textLines(c.text, width, 2.2))*16+8)
			col += c.span
		}
		if err := f.SetRowHeight(name, row, min(height, excelize.MaxRowHeight)); err != nil {
			return err
		}
	}
	// The print area keeps the page to the form, so it fits one page.
	return f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Area",
		RefersTo: quoteSheet(name) + "!$A$1:$" + lastCol + "$" + strconv.Itoa(rowHeader+len(rows)-1),
		Scope:    name,
	})
}

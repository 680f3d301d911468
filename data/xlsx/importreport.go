package xlsx

import (
	"strconv"
	"strings"
	"time"

	"baomi/taizhang/data"

	"github.com/xuri/excelize/v2"
)

// ReasonLabel heads the column of reasons in an import report; import
// passes over a column of that name, so a corrected report imports again.
const ReasonLabel = "原因"

// ExampleMark is the 序号 of a template's example row: import passes over
// a row marked so.
const ExampleMark = "示例"

// WriteReport saves the rows an import refused as they were in the sheet
// (header first, numbers and dates as such) with a 原因 column after
// them, for the clerk to correct and import again.
func WriteReport(path string, p *Plan) error {
	f := excelize.NewFile()
	defer f.Close()
	sh := "未导入的行"
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	t := p.Table
	last := 0
	for _, c := range t.Columns {
		last = max(last, c.Index+1)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	textStyle, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	for _, c := range t.Columns {
		ref, _ := excelize.CoordinatesToCellName(c.Index+1, 1)
		if err := f.SetCellValue(sh, ref, c.Label); err != nil {
			return err
		}
	}
	reasonRef, _ := excelize.CoordinatesToCellName(last+1, 1)
	if err := f.SetCellValue(sh, reasonRef, ReasonLabel); err != nil {
		return err
	}
	lastRef, _ := excelize.CoordinatesToCellName(last+1, 1)
	if err := f.SetCellStyle(sh, "A1", lastRef, bold); err != nil {
		return err
	}
	n := 2
	for _, row := range t.Rows {
		if !p.RefusedRow(row.Num) {
			continue
		}
		for _, c := range row.Cells {
			ref, _ := excelize.CoordinatesToCellName(c.Col+1, n)
			var err error
			switch c.Type {
			case CellNumber, CellDate:
				if x, perr := strconv.ParseFloat(c.Text, 64); perr == nil {
					err = f.SetCellFloat(sh, ref, x, -1, 64)
					if err == nil && c.Type == CellDate {
						err = f.SetCellStyle(sh, ref, ref, dateStyle)
					}
					break
				}
				err = f.SetCellStr(sh, ref, c.Text)
			default:
				if err = f.SetCellStr(sh, ref, c.Text); err == nil {
					err = f.SetCellStyle(sh, ref, ref, textStyle)
				}
			}
			if err != nil {
				return err
			}
		}
		ref, _ := excelize.CoordinatesToCellName(last+1, n)
		if err := f.SetCellStr(sh, ref, "（原第"+strconv.Itoa(row.Num)+"行）"+p.Reasons(row.Num)); err != nil {
			return err
		}
		n++
	}
	col, _ := excelize.ColumnNumberToName(last + 1)
	if err := f.SetColWidth(sh, col, col, 60); err != nil {
		return err
	}
	return f.SaveAs(path)
}

// templateFields are the columns of a register's blank template: what the
// printed register shows, less what the program works out, plus a
// KindPeople field (named by its alias, the people's names).
func templateFields(reg *data.Register) []data.Field {
	var out []data.Field
	for _, f := range reg.Fields {
		switch {
		case f.Computed:
		case f.Kind == data.KindPeople && len(f.Aliases) > 0:
			f.Label = f.Aliases[0]
			out = append(out, f)
		case !f.Hidden:
			out = append(out, f)
		}
	}
	return out
}

// exampleID is a valid 身份证号码 for the example row.
const exampleID = "11010519491231002X"

// WriteTemplate saves a blank workbook for reg to be filled in by hand
// and imported: the header row (序号 first), the choice lists as data
// validation, date columns formatted as dates, 身份证号码 columns as text,
// and one example row marked 示例 that import passes over. A register with
// sub-registers gets a sheet for each, its owner's columns first.
func WriteTemplate(path string, reg *data.Register, s *data.Settings, today time.Time) error {
	f := excelize.NewFile()
	defer f.Close()
	sheets := []struct {
		name   string
		fields []data.Field
	}{{reg.Name, templateFields(reg)}}
	if reg.RowSub != nil {
		var fs []data.Field
		for _, fl := range templateFields(reg) {
			if fl.Key != "note" {
				fs = append(fs, fl)
			}
		}
		sheets[0].fields = append(fs, templateFields(reg.RowSub)...)
	} else {
		for _, sub := range reg.Subs {
			var owner []data.Field
			for _, c := range candidates(sub, reg, nil) {
				if c.Part == PartOwner {
					owner = append(owner, c.Field)
				}
			}
			sheets = append(sheets, struct {
				name   string
				fields []data.Field
			}{sub.Name, append(owner, templateFields(sub)...)})
		}
	}
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true}})
	if err != nil {
		return err
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14, CustomNumFmt: strPtr(dateFormat)})
	if err != nil {
		return err
	}
	textStyle, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	const rows = 2000 // rows formatted and validated below the header
	for i, sh := range sheets {
		name := cleanSheetName(sh.name, i)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := f.SetCellStr(name, "A1", "序号"); err != nil {
			return err
		}
		if err := f.SetCellStr(name, "A2", ExampleMark); err != nil {
			return err
		}
		for j, fl := range sh.fields {
			col, _ := excelize.ColumnNumberToName(j + 2)
			if err := f.SetCellStr(name, col+"1", fl.Label); err != nil {
				return err
			}
			w := fl.Width
			if w <= 0 {
				w = defaultWidth
			}
			if err := f.SetColWidth(name, col, col, max(w, float64(len([]rune(fl.Label)))*2+1)); err != nil {
				return err
			}
			area := col + "2:" + col + strconv.Itoa(rows+1)
			switch fl.Kind {
			case data.KindDate:
				if err := f.SetCellStyle(name, col+"2", col+strconv.Itoa(rows+1), dateStyle); err != nil {
					return err
				}
			case data.KindID, data.KindText:
				if err := f.SetCellStyle(name, col+"2", col+strconv.Itoa(rows+1), textStyle); err != nil {
					return err
				}
			case data.KindChoice:
				if fl.Ref != nil { // the titles of another register's records: typed as text
					if err := f.SetCellStyle(name, col+"2", col+strconv.Itoa(rows+1), textStyle); err != nil {
						return err
					}
					break
				}
				if err := addList(f, name, area, fl.ChoicesOf(s)); err != nil {
					return err
				}
			}
			if err := setExample(f, name, col+"2", fl, s, today); err != nil {
				return err
			}
		}
		last, _ := excelize.ColumnNumberToName(len(sh.fields) + 1)
		if err := f.SetCellStyle(name, "A1", last+"1", header); err != nil {
			return err
		}
		if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	return f.SaveAs(path)
}

func strPtr(s string) *string { return &s }

// addList puts a drop-down list of choices on area. Excel keeps an inline
// list under 255 characters; a longer one goes to a hidden sheet.
func addList(f *excelize.File, sheet, area string, choices []string) error {
	if len(choices) == 0 {
		return nil
	}
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(area)
	dv.SetError(excelize.DataValidationErrorStyleStop, "请从列表中选择", "请从下拉列表中选择："+strings.Join(choices, "、"))
	if len(strings.Join(choices, ",")) < 250 {
		if err := dv.SetDropList(choices); err != nil {
			return err
		}
		return f.AddDataValidation(sheet, dv)
	}
	const lists = "选项"
	idx, err := f.GetSheetIndex(lists)
	if err != nil {
		return err
	}
	if idx < 0 {
		if _, err := f.NewSheet(lists); err != nil {
			return err
		}
		if err := f.SetSheetVisible(lists, false); err != nil {
			return err
		}
	}
	cols, err := f.GetCols(lists)
	if err != nil {
		return err
	}
	col, _ := excelize.ColumnNumberToName(len(cols) + 1)
	for i, c := range choices {
		if err := f.SetCellStr(lists, col+strconv.Itoa(i+1), c); err != nil {
			return err
		}
	}
	dv.SetSqrefDropList("'" + lists + "'!$" + col + "$1:$" + col + "$" + strconv.Itoa(len(choices)))
	return f.AddDataValidation(sheet, dv)
}

// setExample fills the example row's cell of a field with a value the
// field takes.
func setExample(f *excelize.File, sheet, ref string, fl data.Field, s *data.Settings, today time.Time) error {
	switch fl.Kind {
	case data.KindDate:
		serial, _ := dateSerial(data.FormatDate(today))
		return f.SetCellInt(sheet, ref, int64(serial))
	case data.KindID:
		return f.SetCellStr(sheet, ref, exampleID)
	case data.KindChoice:
		if cs := fl.ChoicesOf(s); len(cs) > 0 {
			return f.SetCellStr(sheet, ref, cs[0])
		}
	case data.KindNumber:
		return f.SetCellInt(sheet, ref, 2)
	case data.KindPeople:
		if fl.One {
			return f.SetCellStr(sheet, ref, "张三")
		}
		return f.SetCellStr(sheet, ref, "张三、李四（90）")
	default:
		if fl.Required {
			return f.SetCellStr(sheet, ref, "示例"+fl.Label)
		}
	}
	return nil
}

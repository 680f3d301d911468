package xlsx

import (
	"strconv"

	"github.com/xuri/excelize/v2"

	"baomi/taizhang/data"
)

// StatsWorkbook turns statistics tables into print-ready sheets (one per
// table, with 合计 row and column) and a bar chart sheet for each.
func StatsWorkbook(tables []data.StatTable) ([]Sheet, []Chart) {
	var sheets []Sheet
	var charts []Chart
	used := map[string]bool{}
	for ti, t := range tables {
		cols := []data.Field{{Key: "row", Label: t.RowHead, Kind: data.KindText, Width: 16}}
		for j, c := range t.Cols {
			cols = append(cols, data.Field{Key: "c" + strconv.Itoa(j), Label: c, Kind: data.KindNumber, Width: 11})
		}
		cols = append(cols, data.Field{Key: "total", Label: "合计", Kind: data.KindNumber, Width: 11})
		var recs []*data.Record
		for i, label := range t.Rows {
			r := data.NewRecord()
			r.Set("row", label)
			for j := range t.Cols {
				r.Set("c"+strconv.Itoa(j), data.FormatCount(t.Cells[i][j]))
			}
			r.Set("total", data.FormatCount(t.RowTotal(i)))
			recs = append(recs, r)
		}
		total := data.NewRecord()
		total.Set("row", "合计")
		for j := range t.Cols {
			total.Set("c"+strconv.Itoa(j), data.FormatCount(t.ColTotal(j)))
		}
		total.Set("total", data.FormatCount(t.Total()))
		recs = append(recs, total)
		if t.Note != "" {
			note := data.NewRecord()
			note.Set("row", t.Note)
			recs = append(recs, note)
		}
		name := sheetName(shortTitle(t.Title), used)
		sheets = append(sheets, Sheet{Name: name, Title: t.Title, Heading: statHeading(t.Title), Columns: cols, Records: recs})
		if len(t.Rows) == 0 {
			continue
		}
		c := Chart{Name: sheetName(shortTitle(t.Title)+"图", used), Title: t.Title, Sheet: ti,
			First: rowHeader + 1, Last: rowHeader + len(t.Rows), Label: "B"}
		for j, col := range t.Cols {
			if _, fig := t.Figures[j]; fig { // a rate or an average is no bar
				continue
			}
			letter, _ := excelize.ColumnNumberToName(j + 3) // A 序号, B labels
			c.Series = append(c.Series, letter)
			c.Names = append(c.Names, col)
		}
		charts = append(charts, c)
	}
	return sheets, charts
}

// shortTitle is the part of a table title before its bracket.
func shortTitle(title string) string {
	r := []rune(title)
	for i, c := range r {
		if c == '（' || c == '(' {
			return string(r[:i])
		}
	}
	return title
}

func addChart(f *excelize.File, names []string, c Chart) error {
	sheet := quoteSheet(names[c.Sheet])
	cats := sheet + "!$" + c.Label + "$" + strconv.Itoa(c.First) + ":$" + c.Label + "$" + strconv.Itoa(c.Last)
	ch := &excelize.Chart{
		Type:   excelize.BarStacked,
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.Title}}},
		Legend: excelize.ChartLegend{Position: "bottom"},
	}
	for i, col := range c.Series {
		ch.Series = append(ch.Series, excelize.ChartSeries{
			Name:       `"` + c.Names[i] + `"`,
			Categories: cats,
			Values:     sheet + "!$" + col + "$" + strconv.Itoa(c.First) + ":$" + col + "$" + strconv.Itoa(c.Last),
		})
	}
	return f.AddChartSheet(c.Name, ch)
}

// statHeading turns 涉密人员（按部门、涉密等级） into 涉密人员统计表（按部门、涉密等级）.
func statHeading(title string) string {
	short := shortTitle(title)
	return short + "统计表" + title[len(short):]
}

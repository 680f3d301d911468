package xlsx

import (
	"context"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"baomi/taizhang/data"

	"github.com/xuri/excelize/v2"
)

// Page setup, in inches and points.
const (
	margin        = 0.59 // about 1.5 cm
	headerMargin  = 0.3
	paperA4       = 9
	seqWidth      = 5.5 // 序号
	defaultWidth  = 10
	bodyLineHt    = 14 // one line of 宋体 10.5pt
	minBodyHt     = 20 // a table row, room to read and to write by hand
	headerLineHt  = 15 // one line of 黑体 11pt
	footer        = "&C第 &P 页 共 &N 页"
	dateFormat    = "yyyy-mm-dd"
	checkCtxEvery = 256 // rows between looks at ctx
)

type align int

const (
	alignLeft align = iota
	alignCenter
	alignRight
	nAligns
)

type numFmt int

const (
	fmtText    numFmt = iota // "@"
	fmtDate                  // yyyy-mm-dd
	fmtGeneral               // numbers and 序号
	nFmts
)

// styles holds every style id a sheet needs, made once per workbook.
type styles struct {
	marking, title, info, header, sign int
	body                               [nAligns][nFmts]int
}

func newStyles(f *excelize.File) (*styles, error) {
	gb := 134 // GB2312 charset, so Excel picks the Chinese face
	font := func(family string, size float64, bold bool) *excelize.Font {
		return &excelize.Font{Family: family, Size: size, Bold: bold, Charset: &gb, Color: "000000"}
	}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1},
		{Type: "bottom", Color: "000000", Style: 1},
	}
	var st styles
	var err error
	mk := func(dst *int, s *excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(s)
		}
	}
	mk(&st.marking, &excelize.Style{Font: font("黑体", 16, false),
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}})
	mk(&st.title, &excelize.Style{Font: font("黑体", 18, true),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	mk(&st.info, &excelize.Style{Font: font("宋体", 11, false),
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}})
	mk(&st.sign, &excelize.Style{Font: font("宋体", 11, false),
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}})
	mk(&st.header, &excelize.Style{Font: font("黑体", 11, false), Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	dateFmt := dateFormat
	for a := align(0); a < nAligns; a++ {
		h := [...]string{"left", "center", "right"}[a]
		for n := numFmt(0); n < nFmts; n++ {
			s := &excelize.Style{Font: font("宋体", 10.5, false), Border: border,
				Alignment: &excelize.Alignment{Horizontal: h, Vertical: "center", WrapText: true}}
			switch n {
			case fmtText:
				s.NumFmt = 49
			case fmtDate:
				s.CustomNumFmt = &dateFmt
			}
			mk(&st.body[a][n], s)
		}
	}
	return &st, err
}

// column is what writing one column needs, worked out once per sheet.
type column struct {
	field data.Field
	width float64
	// Style ids: for text, a date, a number, and an empty cell (formatted
	// for what the column holds, should someone fill it in by hand).
	text, date, num, empty int
}

// alignOf centres short values, as printed registers do; long text reads
// better from the left and numbers line up on the right.
func alignOf(f data.Field) align {
	switch {
	case f.Kind == data.KindNumber:
		return alignRight
	case f.Long:
		return alignLeft
	}
	return alignCenter
}

func writeSheet(ctx context.Context, f *excelize.File, st *styles, name string, s *Sheet, opt *Options, p *progress) error {
	cols := make([]column, len(s.Columns))
	for i, fl := range s.Columns {
		w := fl.Width
		if w <= 0 {
			w = defaultWidth
		}
		body := &st.body[alignOf(fl)]
		c := column{field: fl, width: w, text: body[fmtText], date: body[fmtDate], num: body[fmtGeneral], empty: body[fmtText]}
		switch fl.Kind {
		case data.KindDate:
			c.empty = c.date
		case data.KindNumber:
			c.empty = c.num
		}
		cols[i] = c
	}
	ncol := len(cols) + 1
	lastCol, err := excelize.ColumnNumberToName(ncol)
	if err != nil {
		return err
	}
	n := s.rows()
	firstBody := rowHeader + 1
	signRow := firstBody + n
	if signRow > excelize.TotalRows {
		return ErrTooManyRows
	}

	// Everything outside sheetData must be set before NewStreamWriter: the
	// stream writer copies sheetPr when it starts and the rest of the
	// worksheet settings at Flush, from this same worksheet.
	yes, no := true, false
	a4, landscape, one, zero := paperA4, "landscape", 1, 0
	m, hm := margin, headerMargin
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero,
	}); err != nil {
		return err
	}
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{
		Left: &m, Right: &m, Top: &m, Bottom: &m, Header: &hm, Footer: &hm, Horizontally: &yes,
	}); err != nil {
		return err
	}
	// The marking is in row 1 only. Repeating it in the page header of the
	// later pages (differentFirst) was tried: LibreOffice counts "first
	// page" per document, not per sheet, and printed it twice on the first
	// page of every sheet but the first.
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddFooter: pageFooter(opt)}); err != nil {
		return err
	}
	if err := f.SetSheetView(name, 0, &excelize.ViewOptions{ShowGridLines: &no}); err != nil {
		return err
	}
	if n > 0 {
		// An id or a long number kept as text is no error to point at.
		ref := "A" + strconv.Itoa(firstBody) + ":" + lastCol + strconv.Itoa(signRow-1)
		if err := f.AddIgnoredErrors(name, ref, excelize.IgnoredErrorsNumberStoredAsText); err != nil {
			return err
		}
	}

	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	// Column widths and panes go before the first row. Each SetColWidth
	// puts its column before those already set, and the stream writer
	// writes them in that order, so go from the last column to the first
	// to get the ascending <col> elements the file format requires.
	for i := len(cols) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+2, i+2, cols[i].width); err != nil {
			return err
		}
	}
	if err := sw.SetColWidth(1, 1, seqWidth); err != nil {
		return err
	}
	top := "A" + strconv.Itoa(firstBody)
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: rowHeader, TopLeftCell: top, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	if ncol > 1 {
		for _, r := range []int{rowTitle, rowInfo, signRow} {
			rs := strconv.Itoa(r)
			if err := sw.MergeCell("A"+rs, lastCol+rs); err != nil {
				return err
			}
		}
	}

	// Rows above the table.
	if opt.Marking != "" {
		if err := sw.SetRow("A1", []interface{}{excelize.Cell{StyleID: st.marking, Value: opt.Marking}},
			excelize.RowOpts{Height: 24}); err != nil {
			return err
		}
	}
	title := sheetTitle(s, opt)
	if err := sw.SetRow("A"+strconv.Itoa(rowTitle), []interface{}{excelize.Cell{StyleID: st.title, Value: title}},
		excelize.RowOpts{Height: 32}); err != nil {
		return err
	}
	info := "填报单位：" + opt.Unit + "　　统计截至：" + data.ChineseDate(opt.Date)
	if err := sw.SetRow("A"+strconv.Itoa(rowInfo), []interface{}{excelize.Cell{StyleID: st.info, Value: info}},
		excelize.RowOpts{Height: 22}); err != nil {
		return err
	}
	header := make([]interface{}, ncol)
	header[0] = excelize.Cell{StyleID: st.header, Value: "序号"}
	lines := 1
	for i, c := range cols {
		header[i+1] = excelize.Cell{StyleID: st.header, Value: c.field.Label}
		lines = max(lines, textLines(c.field.Label, c.width, 2.2))
	}
	if err := sw.SetRow("A"+strconv.Itoa(rowHeader), header,
		excelize.RowOpts{Height: float64(lines)*headerLineHt + 6}); err != nil {
		return err
	}

	// The table. One []interface{} of *Cell is reused for every row.
	cells := make([]excelize.Cell, ncol)
	row := make([]interface{}, ncol)
	for i := range cells {
		row[i] = &cells[i]
	}
	value := s.Value
	put := func(i int, r *data.Record) error {
		if i%checkCtxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		cells[0] = excelize.Cell{StyleID: st.body[alignCenter][fmtGeneral], Value: i + 1}
		lines := 1
		for j := range cols {
			c := &cols[j]
			var v string
			if value != nil {
				v = value(r, c.field)
			} else {
				v = r.Get(c.field.Key)
			}
			cell := &cells[j+1]
			if v == "" {
				cell.StyleID, cell.Value = c.empty, nil
				continue
			}
			switch c.field.Kind {
			case data.KindDate:
				if serial, ok := dateSerial(v); ok {
					cell.StyleID, cell.Value = c.date, serial
					continue
				}
			case data.KindNumber:
				if !(isDigits(v) && len(v) > 11) {
					if x, err := strconv.ParseFloat(v, 64); err == nil && !math.IsInf(x, 0) && !math.IsNaN(x) {
						cell.StyleID, cell.Value = c.num, x
						continue
					}
				}
			}
			// Everything else is a string: the stream writer writes it as an
			// inline string, never as a number, so ids keep all 18 digits.
			cell.StyleID, cell.Value = c.text, v
			if len(v) > int(c.width) || strings.IndexByte(v, '\n') >= 0 {
				lines = max(lines, textLines(v, c.width, 2))
			}
		}
		// Every row gets its height: Excel and WPS do not grow a row for
		// wrapped text on opening a file, and a set height looks the same in
		// all of them.
		ro := excelize.RowOpts{Height: min(max(float64(lines)*bodyLineHt+6, minBodyHt), excelize.MaxRowHeight)}
		if err := sw.SetRow("A"+strconv.Itoa(firstBody+i), row, ro); err != nil {
			return err
		}
		p.row()
		return nil
	}
	if s.Stream != nil {
		i := 0
		err := s.Stream(func(r *data.Record) error {
			if i == n {
				return errCountChanged
			}
			i++
			return put(i-1, r)
		})
		if err != nil {
			return err
		}
		if i != n {
			return errCountChanged
		}
	} else {
		for i, r := range s.Records {
			if err := put(i, r); err != nil {
				return err
			}
		}
	}

	if err := sw.SetRow("A"+strconv.Itoa(signRow), []interface{}{excelize.Cell{StyleID: st.sign, Value: SignatureLine}},
		excelize.RowOpts{Height: 36}); err != nil {
		return err
	}
	return sw.Flush()
}

// errCountChanged: a streamed sheet gave other than the rows it announced.
var errCountChanged = errors.New("记录条数在导出过程中发生变化")

// ErrTooManyRows is returned when a sheet would pass Excel's 1,048,576 rows.
var ErrTooManyRows = errors.New("记录太多，超过 Excel 一个工作表的行数上限")

// textLines estimates how many lines s wraps to in a column of the given
// width (in Excel characters): a Chinese character takes about wide
// characters, anything else one. It errs on the side of more lines.
func textLines(s string, width, wide float64) int {
	avail := max(width, 1)
	lines, cur := 1, 0.0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c == '\n' {
				lines++
				cur = 0
				continue
			}
			cur++
		} else {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			cur += wide
		}
		if cur > avail {
			lines++
			cur = wide
			if c < utf8.RuneSelf {
				cur = 1
			}
		}
	}
	return lines
}

// dateSerial turns a stored 2006-01-02 date into an Excel serial (1900 date
// system). ok is false for anything else.
func dateSerial(s string) (int, bool) {
	d := data.StoredDate(s)
	if d.IsZero() || d.Year() < 1900 {
		return 0, false
	}
	serial := data.DaysBetween(excelDayZero, d)
	if serial < 61 {
		// Excel counts a 1900-02-29 that never was; days before it are one less.
		serial--
	}
	return serial, true
}

// excelDayZero is serial 0 for the days from 1900-03-01 on.
var excelDayZero = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

package xlsx

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"baomi/taizhang/data"

	"github.com/xuri/excelize/v2"
)

// Import reads a clerk's own Excel ledger into a register, driven by the
// register's description only: the header row is found by the fields'
// labels and aliases, values are read by the fields' kinds, rows are
// checked by data.Validate and matched to stored records by the register's
// natural key. ReadTable reads a sheet; NewPlan works out what an import
// would do (the preview); data.Store.Import writes the plan's batch.

// Limits of the reader.
const (
	// MaxHeaderRow is how far down a sheet the header row is looked for.
	MaxHeaderRow = 60
	// MaxImportRows is the most record rows one import takes.
	MaxImportRows = 200_000
	maxColumns    = 16384 // Excel's last column, XFD
	// maxImportCells bounds the memory a wide sheet takes (about 50 bytes
	// a cell).
	maxImportCells = 4_000_000
)

// IDAsNumber is the reason a 身份证号码 kept in a number cell is refused:
// Excel keeps 15 digits of a number, so the last ones are gone.
const IDAsNumber = "身份证号码被存成数字，末位已丢失，请将该列设为文本后重新填写"

// Part says whose field a column fills.
type Part int

// The parts of a row.
const (
	PartRecord Part = iota // a field of the register's record
	PartOwner              // the owner's (姓名, 身份证号码 on a sheet of sub-records)
	PartSub                // the sub-record's (a 问题 on the flat 检查整改 sheet)
)

// Column is one column of the sheet and what it fills.
type Column struct {
	Index int    // 0-based column of the sheet
	Label string // the header as written ("" when the column has none)
	Part  Part
	Field string // the field it fills; "" when unmatched or ignored
	// Ignored columns are read past: 序号, computed columns of an export,
	// and the ones the clerk chose to ignore.
	Ignored bool
}

// Name is how the column is named in reports: its header, or its letter.
func (c Column) Name() string {
	if c.Label != "" {
		return c.Label
	}
	n, _ := excelize.ColumnNumberToName(c.Index + 1)
	return "第" + n + "列"
}

// Row is one record row of the sheet.
type Row struct {
	Num   int    // 1-based sheet row
	Cells []Cell // the non-empty cells, by column
}

// Cell returns the cell in column col, or a blank one.
func (r Row) Cell(col int) Cell {
	for _, c := range r.Cells {
		if c.Col == col {
			return c
		}
	}
	return Cell{Col: col}
}

// Table is a sheet read for import.
type Table struct {
	Register *data.Register // whose records the rows are
	Owner    *data.Register // a sheet of sub-records: the owners' register
	Flat     *data.Register // a flat sheet (检查整改): the sub-register a row may add to
	File     string         // the workbook's name, for the audit log
	Sheet    string
	// HeaderRow is the 1-based row the header was found in.
	HeaderRow int
	Columns   []Column
	Rows      []Row
	// NotRecords counts the rows below the header that are not records:
	// 合计/小计 rows, 填表人/审核人 lines, a repeated header.
	NotRecords int
	cells      int // kept so far, against maxImportCells
}

// Unmatched lists the columns neither matched nor ignored.
func (t *Table) Unmatched() []Column {
	var out []Column
	for _, c := range t.Columns {
		if c.Field == "" && !c.Ignored {
			out = append(out, c)
		}
	}
	return out
}

// Assign makes column index fill field key of part ("" with ignore true to
// ignore it): the clerk's choice in the column mapping.
func (t *Table) Assign(index int, part Part, key string, ignore bool) {
	for i := range t.Columns {
		c := &t.Columns[i]
		if c.Index == index {
			c.Part, c.Field, c.Ignored = part, key, ignore
			if ignore {
				c.Field = ""
			}
		} else if key != "" && c.Part == part && c.Field == key {
			c.Field = "" // one column per field
		}
	}
}

// Candidates lists the fields a column may be assigned to, by part.
func (t *Table) Candidates() []Candidate {
	return candidates(t.Register, t.Owner, t.Flat)
}

// Candidate is a field a column may fill.
type Candidate struct {
	Part  Part
	Field data.Field
}

func candidates(reg, owner, flat *data.Register) []Candidate {
	var out []Candidate
	if owner != nil {
		keys := append([]string{owner.TitleKey}, owner.NaturalKey...)
		for _, f := range owner.Fields {
			if f.Kind == data.KindID && !slices.Contains(keys, f.Key) {
				keys = append(keys, f.Key)
			}
		}
		for _, k := range keys {
			if f := owner.Field(k); f != nil && !slices.ContainsFunc(out, func(c Candidate) bool { return c.Field.Key == k }) {
				out = append(out, Candidate{PartOwner, *f})
			}
		}
	}
	regPart := PartRecord
	if flat != nil {
		regPart = PartOwner
	}
	for _, f := range reg.Fields {
		if flat != nil && f.Key == "note" {
			continue // the flat sheet's 备注 is the sub-record's
		}
		if !f.Hidden || f.Kind == data.KindPeople {
			out = append(out, Candidate{regPart, f})
		}
	}
	if flat != nil {
		for _, f := range flat.Fields {
			out = append(out, Candidate{PartSub, f})
		}
	}
	return out
}

// Target works out what a sheet of a register's workbook holds: the
// register's records, the records of one of its sub-registers (a sheet
// named after it, as export writes them), or, for a register with
// RowSub, one row per sub-record with its owner's columns first.
func Target(reg *data.Register, sheet string) (rec, owner, flat *data.Register) {
	if o := data.OwnerOf(reg); o != nil {
		return reg, o, nil
	}
	name := strings.TrimSpace(sheet)
	for _, sub := range reg.Subs {
		if reg.RowSub == nil && (name == sub.Name || name == cleanSheetName(sub.Name, 0)) {
			return sub, reg, nil
		}
	}
	if reg.RowSub != nil {
		return reg, nil, reg.RowSub
	}
	return reg, nil, nil
}

// DefaultSheet picks the sheet to import when none is named: the one named
// after the register, else the first.
func DefaultSheet(wb *Workbook, reg *data.Register) string {
	for _, s := range wb.Sheets() {
		if strings.TrimSpace(s) == reg.Name {
			return s
		}
	}
	return wb.Sheets()[0]
}

// ErrNoHeader is returned when no row near the top looks like the header.
type ErrNoHeader struct {
	Register *data.Register
	Sheet    string
}

func (e *ErrNoHeader) Error() string {
	var labels []string
	for _, f := range e.Register.Fields {
		if f.Required {
			labels = append(labels, f.Label)
		}
	}
	return fmt.Sprintf("在工作表“%s”前 %d 行中找不到%s的表头：表头一行应有%s等列名",
		e.Sheet, MaxHeaderRow, e.Register.Name, strings.Join(labels, "、"))
}

// ErrTooManyImportRows is returned for a sheet of more record rows than
// one import takes.
var ErrTooManyImportRows = fmt.Errorf("表格太大（一次最多导入 %d 行、%d 个单元格），请把表格分成几份分别导入", MaxImportRows, maxImportCells)

// ReadTable reads a sheet of wb as records of reg (see Target). sheet ""
// takes DefaultSheet.
func ReadTable(ctx context.Context, wb *Workbook, reg *data.Register, sheet string) (*Table, error) {
	if sheet == "" {
		sheet = DefaultSheet(wb, reg)
	}
	t := &Table{Sheet: sheet}
	t.Register, t.Owner, t.Flat = Target(reg, sheet)
	cands := t.Candidates()
	var top []Row // rows until the header is found
	found := false
	err := wb.Rows(ctx, sheet, func(num int, cells []Cell) error {
		if !found {
			if num <= MaxHeaderRow {
				top = append(top, Row{Num: num, Cells: slices.Clone(cells)})
				return nil
			}
			if !t.findHeader(top, cands) {
				return &ErrNoHeader{Register: t.Register, Sheet: sheet}
			}
			found = true
			for _, r := range top {
				if r.Num > t.HeaderRow {
					if err := t.add(r); err != nil {
						return err
					}
				}
			}
		}
		return t.add(Row{Num: num, Cells: slices.Clone(cells)})
	})
	if err != nil {
		return nil, err
	}
	if !found {
		if !t.findHeader(top, cands) {
			return nil, &ErrNoHeader{Register: t.Register, Sheet: sheet}
		}
		for _, r := range top {
			if r.Num > t.HeaderRow {
				if err := t.add(r); err != nil {
					return nil, err
				}
			}
		}
	}
	return t, nil
}

// add keeps a row below the header if it is a record.
func (t *Table) add(r Row) error {
	cells := r.Cells[:0]
	for _, c := range r.Cells {
		if c.Col < maxColumns {
			cells = append(cells, c)
		}
	}
	r.Cells = cells
	data := false
	for _, c := range r.Cells {
		text := strings.TrimSpace(foldText(c.Text))
		if text == "" {
			continue
		}
		if notRecord(text) {
			t.NotRecords++
			return nil
		}
		if col := t.column(c.Col); col != nil && col.Ignored && col.Field == "" && isSeqLabel(col.Label) {
			continue // a 序号 alone: a numbered empty line
		}
		data = true
	}
	if !data {
		return nil
	}
	if t.isHeaderAgain(r) {
		t.NotRecords++
		return nil
	}
	if t.column(-1) == nil {
		for _, c := range r.Cells {
			if t.column(c.Col) == nil { // data under no header: shown for the clerk to assign
				t.Columns = append(t.Columns, Column{Index: c.Col})
				slices.SortFunc(t.Columns, func(a, b Column) int { return a.Index - b.Index })
			}
		}
	}
	if len(t.Rows) >= MaxImportRows {
		return ErrTooManyImportRows
	}
	if t.cells += len(r.Cells); t.cells > maxImportCells {
		return ErrTooManyImportRows
	}
	t.Rows = append(t.Rows, r)
	return nil
}

func (t *Table) column(index int) *Column {
	for i := range t.Columns {
		if t.Columns[i].Index == index {
			return &t.Columns[i]
		}
	}
	return nil
}

// notRecord tells the lines of a ledger that are not records: totals and
// the signature line.
func notRecord(text string) bool {
	s := strings.Join(strings.Fields(text), "")
	for _, p := range []string{"合计", "小计", "总计", "共计"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	if s == ExampleMark {
		return true // the example row of a blank template
	}
	for _, p := range []string{"填表人", "审核人", "填报人", "制表人", "填表日期", "负责人签字", "审核日期"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

package xlsx

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

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

// isHeaderAgain tells a header repeated below the first (sheets pasted
// together).
func (t *Table) isHeaderAgain(r Row) bool {
	same, labelled := 0, 0
	for _, c := range t.Columns {
		if c.Label == "" {
			continue
		}
		labelled++
		if normLabel(r.Cell(c.Index).Text) == normLabel(c.Label) {
			same++
		}
	}
	return labelled > 0 && same*2 > labelled
}

// findHeader picks the row among top that matches the most fields (two at
// least), and sets the columns from it.
func (t *Table) findHeader(top []Row, cands []Candidate) bool {
	best, bestScore := -1, 1
	if len(cands) < 2 {
		bestScore = 0
	}
	for i, r := range top {
		seen := map[[2]string]bool{}
		for _, c := range r.Cells {
			if cand, ok := matchLabel(c.Text, cands); ok && !cand.Field.Computed {
				seen[[2]string{strconv.Itoa(int(cand.Part)), cand.Field.Key}] = true
			}
		}
		if len(seen) > bestScore {
			best, bestScore = i, len(seen)
		}
	}
	if best < 0 {
		return false
	}
	t.HeaderRow = top[best].Num
	labels := map[int]string{}
	var order []int
	for _, c := range top[best].Cells {
		labels[c.Col] = strings.TrimSpace(c.Text)
		order = append(order, c.Col)
	}
	if best+1 < len(top) && top[best+1].Num == t.HeaderRow+1 {
		if sub := subHeader(top[best].Cells, top[best+1].Cells, cands); sub != nil {
			t.HeaderRow++
			for col, label := range sub {
				if _, ok := labels[col]; !ok {
					order = append(order, col)
				}
				labels[col] = label
			}
			slices.Sort(order)
		}
	}
	taken := map[[2]string]bool{}
	for _, index := range order {
		label := labels[index]
		col := Column{Index: index, Label: label}
		if cand, ok := matchLabel(label, cands); ok {
			k := [2]string{strconv.Itoa(int(cand.Part)), cand.Field.Key}
			switch {
			case cand.Field.Computed:
				col.Ignored = true // what the program works out: never read back
			case !taken[k]:
				taken[k] = true
				col.Part, col.Field = cand.Part, cand.Field.Key
			}
		} else if isSeqLabel(label) {
			col.Ignored = true
		}
		t.Columns = append(t.Columns, col)
	}
	return true
}

// subHeader reads a second header row under a group header merged across
// columns (脱密期 over 起 and 止): it returns the columns' full labels
// (脱密期起) when the row below the header is such a row, nil when it is
// data. A cell under no group label of its own belongs to the nearest one
// to its left, where a merged cell keeps its text.
func subHeader(head, below []Cell, cands []Candidate) map[int]string {
	if len(below) == 0 {
		return nil
	}
	group := func(col int) (string, bool) {
		label, own := "", false
		for _, c := range head {
			if c.Col <= col && strings.TrimSpace(c.Text) != "" {
				label, own = strings.TrimSpace(c.Text), c.Col == col
			}
		}
		return label, own
	}
	out := map[int]string{}
	for _, c := range below {
		text := strings.TrimSpace(c.Text)
		g, own := group(c.Col)
		if _, ok := matchLabel(g+text, cands); ok && g != "" {
			out[c.Col] = g + text
			continue
		}
		if _, ok := matchLabel(text, cands); ok && !own {
			out[c.Col] = text
			continue
		}
		return nil // a value, not a label: the row is data
	}
	return out
}

func isSeqLabel(label string) bool {
	switch strings.ToLower(normLabel(label)) {
	case "序号", "序", "no", "no.", "顺序号", "编号序号", ReasonLabel:
		return true
	}
	return false
}

// matchLabel finds the field a header names: its label or an alias,
// ignoring spaces, line breaks, full-width forms and a required mark (*);
// then the same with a note in brackets taken off (出生年月（年月日）).
// Fields that are stored come before computed ones of the same name.
func matchLabel(label string, cands []Candidate) (Candidate, bool) {
	n := normLabel(label)
	if n == "" {
		return Candidate{}, false
	}
	for _, pass := range []string{n, stripNote(n)} {
		if pass == "" {
			continue
		}
		for _, computed := range []bool{false, true} {
			for _, c := range cands {
				if c.Field.Computed != computed {
					continue
				}
				if normLabel(c.Field.Label) == pass {
					return c, true
				}
				for _, a := range c.Field.Aliases {
					if normLabel(a) == pass {
						return c, true
					}
				}
			}
		}
	}
	return Candidate{}, false
}

// normLabel folds a header for comparing.
func normLabel(s string) string {
	s = foldAll(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '*' || r == '※' || r == ':' {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// stripNote takes off a bracketed note: 出生年月(年月日) → 出生年月.
func stripNote(s string) string {
	for _, p := range [][2]string{{"(", ")"}, {"[", "]"}, {"【", "】"}} {
		if i := strings.Index(s, p[0]); i > 0 {
			if j := strings.LastIndex(s, p[1]); j > i {
				s = s[:i] + s[j+len(p[1]):]
			}
		}
	}
	return s
}

// foldText folds full-width digits and letters to ASCII and odd spaces to
// plain ones, leaving Chinese punctuation as the clerk wrote it.
func foldText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
			return r - 0xFEE0
		case r == 0x3000 || r == 0xA0 || r == '\t':
			return ' '
		case r == '\r':
			return -1
		}
		return r
	}, s)
}

// foldAll folds every full-width form (brackets, slashes too), for labels.
func foldAll(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		case r == 0x3000 || r == 0xA0:
			return ' '
		}
		return r
	}, s)
}

// ---- values ----

// cellValue turns a cell into the text a field of kind f takes, or says
// why it cannot be read.
func cellValue(f data.Field, c Cell) (string, string) {
	switch c.Type {
	case CellError:
		return "", "单元格是错误值 " + c.Text + "，请改正后重新导入"
	case CellFormula:
		return "", "公式没有计算结果，请在 Excel/WPS 中打开并保存后再导入"
	}
	text := strings.TrimSpace(foldText(c.Text))
	numeric := c.Type == CellNumber || c.Type == CellDate
	switch f.Kind {
	case data.KindID:
		if numeric {
			digits := numberText(text)
			if c, err := data.ParseIDCard(digits, data.Day(maxDay)); err == nil && !strings.ContainsAny(text, "Ee.") {
				return c.Number, ""
			}
			if strings.ContainsAny(text, "Ee") || len(digits) >= 16 {
				return "", IDAsNumber
			}
			return digits, ""
		}
		return strings.ReplaceAll(text, " ", ""), ""
	case data.KindDate:
		if text == "" {
			return "", ""
		}
		if numeric {
			if x, err := strconv.ParseFloat(text, 64); err == nil {
				if x >= 1e7 && x < 1e8 && x == math.Trunc(x) { // 20240501 typed as a number
					text = strconv.FormatFloat(x, 'f', 0, 64)
				} else {
					d, err := data.SerialDate(x)
					if err != nil {
						return "", f.Label + "：" + err.Error()
					}
					return data.FormatDate(d), ""
				}
			}
		}
		d, err := data.NormalizeImportDate(text)
		if err != nil {
			return "", err.Error()
		}
		return d, ""
	case data.KindNumber:
		if numeric {
			return numberText(text), ""
		}
		return strings.ReplaceAll(text, " ", ""), ""
	case data.KindChoice:
		if numeric {
			text = numberText(text)
		}
		return strings.Join(strings.Fields(text), ""), ""
	}
	switch c.Type {
	case CellDate:
		if x, err := strconv.ParseFloat(text, 64); err == nil {
			if d, err := data.SerialDate(x); err == nil {
				return data.FormatDate(d), ""
			}
		}
	case CellNumber:
		return numberText(text), ""
	}
	return text, ""
}

// maxDay is the "today" used when reading an id from a number cell: only
// the digits matter there, the birth date is checked by Validate.
var maxDay = data.StoredDate("2999-12-31")

// numberText writes a number as a clerk would: 13800138000, not 1.38E+10.
func numberText(s string) string {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
		return s
	}
	if x == math.Trunc(x) && math.Abs(x) < 1e21 {
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// choiceValue maps a choice as written in an old ledger to one of the
// field's choices: itself, a long form the description lists (核心涉密人员),
// or with 级 or a ★期限 after it (机密级, 秘密★5年). ok is false when none fits.
func choiceValue(f data.Field, v string, choices []string) (string, bool) {
	if v == "" || slices.Contains(choices, v) {
		return v, true
	}
	if c, ok := f.LongForms[v]; ok && slices.Contains(choices, c) {
		return c, true
	}
	for _, try := range []string{strings.TrimSuffix(v, "级"), strings.Split(v, "★")[0]} {
		if slices.Contains(choices, try) {
			return try, true
		}
	}
	return v, false
}

// ---- the plan ----

// Duplicate is what to do with a row whose natural key a stored record has.
type Duplicate int

// The choices for duplicates.
const (
	DupSkip   Duplicate = iota // 跳过: leave the stored record as it is
	DupUpdate                  // 更新: write the row's non-blank values over it
)

// PlanInput is what a plan is worked out against.
type PlanInput struct {
	Env data.Env
	// Records are the stored records of the table's Register; Owners of
	// Table.Owner (sub-record sheets); Children of Table.Flat (flat sheets);
	// Persons the 涉密人员, for a KindPeople column (参加人员名单).
	Records, Owners, Children, Persons []*data.Record
	OnDuplicate                        Duplicate
	// PerRow overrides OnDuplicate for single rows (逐条), by sheet row.
	PerRow map[int]Duplicate
}

// LoadPlanInput reads from the store what a plan of t needs.
func LoadPlanInput(st *data.Store, t *Table) (PlanInput, error) {
	var in PlanInput
	var err error
	if in.Env, err = st.Env(); err != nil {
		return in, err
	}
	if in.Records, err = st.List(t.Register); err != nil {
		return in, err
	}
	if t.Owner != nil {
		if in.Owners, err = st.List(t.Owner); err != nil {
			return in, err
		}
	}
	if t.Flat != nil {
		if in.Children, err = st.List(t.Flat); err != nil {
			return in, err
		}
	}
	for _, f := range t.Register.Fields {
		if f.Kind == data.KindPeople {
			if in.Persons, err = st.List(data.Personnel); err != nil {
				return in, err
			}
			break
		}
	}
	return in, nil
}

// Refusal is one reason a row is not imported.
type Refusal struct {
	Row    int    // 1-based sheet row
	Column string // the column's header (or the field's label when the column is missing)
	Reason string // in Chinese, as the form says it
}

// Match is a row whose natural key a stored record (or an earlier row) has.
type Match struct {
	Row     int
	Key     string // the key's values, as shown: 110101199003077777
	Title   string // the stored record's title: 张三
	Update  bool   // the row's values go over the record
	Changed bool   // updating would change the record
}

// Plan is what an import would do: the preview, and the batch to write.
type Plan struct {
	Table                            *Table
	Added, Updated, Skipped, Refused int
	Merged                           int // rows folded into an earlier row with the same key
	Refusals                         []Refusal
	Matches                          []Match
	Notes                            []Refusal // accepted with a remark (a warning put on file)
	NewDepartments                   []string  // 部门 not yet in the settings, added by the import
	Batch                            *data.ImportBatch
	refusedRows                      map[int]bool
	rowRefusals                      map[int][]Refusal
	columnOf                         map[[2]string]Column
	subsOf                           map[*data.Record][]*data.Record
	ownersByKey, ownersByTitle       map[string][]*data.Record
	recordsByKey                     map[string]*data.Record
	fileRecs                         map[string]*data.Record
	childKeys                        map[string]*data.Record
	persons                          map[string][]*data.Record
	env                              data.Env
}

// RefusedRow tells whether the sheet row was refused.
func (p *Plan) RefusedRow(num int) bool { return p.refusedRows[num] }

// Reasons returns a refused row's reasons joined: 身份证号码：…；部门：….
func (p *Plan) Reasons(num int) string {
	parts := make([]string, 0, len(p.rowRefusals[num]))
	for _, r := range p.rowRefusals[num] {
		parts = append(parts, r.Column+"："+r.Reason)
	}
	return strings.Join(parts, "；")
}

// NewPlan works out what importing t would do. It writes nothing and may
// be run again with other choices (更新/跳过, the column mapping).
func NewPlan(t *Table, in PlanInput) *Plan {
	p := &Plan{
		Table: t, refusedRows: map[int]bool{}, rowRefusals: map[int][]Refusal{},
		columnOf: map[[2]string]Column{}, fileRecs: map[string]*data.Record{},
		childKeys: map[string]*data.Record{}, recordsByKey: map[string]*data.Record{},
	}
	p.Batch = &data.ImportBatch{Register: t.Register, File: t.File, Sheet: t.Sheet}
	// The settings are copied: a new 部门 met in the sheet is taken into
	// this copy, so later rows of it pass, and added to the file's list by
	// the import itself.
	env := in.Env
	if env.Settings != nil {
		s := *env.Settings
		s.Departments = slices.Clone(s.Departments)
		env.Settings = &s
	}
	p.env = env
	for _, c := range t.Columns {
		if c.Field != "" && !c.Ignored {
			p.columnOf[[2]string{strconv.Itoa(int(c.Part)), c.Field}] = c
		}
	}
	for _, r := range in.Records {
		if k := data.ScopedKey(t.Register, r); k != "" {
			if _, ok := p.recordsByKey[k]; !ok {
				p.recordsByKey[k] = r
			}
		}
	}
	if t.Owner != nil {
		p.ownersByKey, p.ownersByTitle = map[string][]*data.Record{}, map[string][]*data.Record{}
		for _, o := range in.Owners {
			if k := data.NaturalKeyOf(t.Owner, o); k != "" {
				p.ownersByKey[k] = append(p.ownersByKey[k], o)
			}
			if v := o.Get(t.Owner.TitleKey); v != "" {
				p.ownersByTitle[v] = append(p.ownersByTitle[v], o)
			}
		}
	}
	if t.Flat != nil {
		for _, c := range in.Children {
			if k := data.ScopedKey(t.Flat, c); k != "" {
				p.childKeys[k] = c
			}
		}
	}
	if in.Persons != nil {
		p.persons = map[string][]*data.Record{}
		for _, r := range in.Persons {
			n := r.Get(data.PsnName)
			p.persons[n] = append(p.persons[n], r)
		}
	}
	decide := func(row int) Duplicate {
		if d, ok := in.PerRow[row]; ok {
			return d
		}
		return in.OnDuplicate
	}
	for _, row := range t.Rows {
		if t.Flat != nil {
			p.flatRow(row, decide(row.Num))
		} else {
			p.row(row, decide(row.Num))
		}
	}
	p.Batch.Skipped, p.Batch.Refused = p.Skipped, p.Refused
	p.Batch.Departments = p.NewDepartments
	return p
}

func (p *Plan) refuse(row int, column, reason string) {
	if !p.refusedRows[row] {
		p.refusedRows[row] = true
		p.Refused++
	}
	r := Refusal{Row: row, Column: column, Reason: reason}
	p.Refusals = append(p.Refusals, r)
	p.rowRefusals[row] = append(p.rowRefusals[row], r)
}

// fill reads the row's cells of one part into a new record; cell-level
// reasons go to bad, by field key.
func (p *Plan) fill(reg *data.Register, part Part, row Row, bad map[string]Refusal) *data.Record {
	r := data.NewRecord()
	for _, f := range reg.Fields {
		col, ok := p.columnOf[[2]string{strconv.Itoa(int(part)), f.Key}]
		if !ok || f.Computed {
			continue
		}
		v, why := cellValue(f, row.Cell(col.Index))
		if why == "" {
			switch f.Kind {
			case data.KindChoice:
				var ok bool
				choices := f.ChoicesOf(p.env.Settings)
				if v, ok = choiceValue(f, v, choices); !ok && f.Source == data.ChoiceDepartments && p.env.Settings != nil {
					p.env.Settings.Departments = append(p.env.Settings.Departments, v)
					p.NewDepartments = append(p.NewDepartments, v)
				}
			case data.KindPeople:
				v, why = p.people(strings.TrimSuffix(f.Label, "（选自涉密人员）"), v)
			}
		}
		if why != "" {
			bad[f.Key] = Refusal{Row: row.Num, Column: col.Name(), Reason: why}
			continue
		}
		r.Set(f.Key, v)
	}
	return r
}

// people turns a 参加人员名单 (张三、李四（88）) or a 保管人 into person ids,
// saying what is wrong in the words of the field (who, as 参加人员 or
// 保管人); a list already written as ids (12,15:88) is taken as it is.
func (p *Plan) people(who, v string) (string, string) {
	if v == "" {
		return "", ""
	}
	if _, err := data.ParsePeople(v); err == nil {
		return v, ""
	}
	var out []data.Attendee
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == '、' || r == ',' || r == '，' || r == ';' || r == '；' || r == '\n' }) {
		part = strings.TrimSpace(part)
		name, score := part, ""
		if i := strings.Index(part, "（"); i > 0 && strings.HasSuffix(part, "）") {
			name, score = part[:i], strings.TrimSuffix(part[i+len("（"):], "）")
		} else if i := strings.Index(part, "("); i > 0 && strings.HasSuffix(part, ")") {
			name, score = part[:i], strings.TrimSuffix(part[i+1:], ")")
		}
		if name == "" {
			continue
		}
		switch ps := p.persons[name]; len(ps) {
		case 0:
			return "", who + "“" + name + "”不在涉密人员登记簿中，请先导入涉密人员"
		case 1:
			out = append(out, data.Attendee{ID: ps[0].ID, Score: score})
		default:
			return "", who + "“" + name + "”有重名，无法确定是哪一位，请导入后在表单中选择"
		}
	}
	return data.FormatPeople(out), ""
}

// check validates r and refuses the row with every reason, cell-level
// ones first; it reports whether r passed.
func (p *Plan) check(reg *data.Register, r *data.Record, env data.Env, part Part, row int, bad map[string]Refusal) bool {
	fe := data.Validate(reg, r, env)
	if ws, ok := fe[data.KeyAck]; ok && len(fe) == 1 {
		// A rule breach the form lets the clerk confirm (乙级资质承接绝密
		// 项目): an old ledger records a fact, so it is taken, confirmed,
		// and listed in the preview.
		r.Set(data.KeyAck, "导入时确认记录在案")
		fe = data.Validate(reg, r, env)
		if len(fe) == 0 {
			p.Notes = append(p.Notes, Refusal{Row: row, Column: reg.Name, Reason: ws})
		}
	}
	ok := len(bad) == 0 && len(fe) == 0
	for _, f := range reg.Fields {
		if b, has := bad[f.Key]; has {
			p.refuse(row, b.Column, b.Reason)
			continue
		}
		if msg, has := fe[f.Key]; has {
			name := f.Label
			if c, ok := p.columnOf[[2]string{strconv.Itoa(int(part)), f.Key}]; ok {
				name = c.Name()
			}
			p.refuse(row, name, msg)
		}
	}
	return ok
}

// overlay writes the row's non-blank stored values over a copy of old.
func overlay(reg *data.Register, old, row *data.Record) *data.Record {
	u := old.Clone()
	for _, f := range reg.Fields {
		if f.Computed {
			continue
		}
		if v := row.Get(f.Key); v != "" {
			u.Set(f.Key, v)
		}
	}
	return u
}

func sameValues(a, b *data.Record) bool { return maps.Equal(a.Map(), b.Map()) }

// keyText shows a natural key.
func keyText(k string) string {
	if _, after, ok := strings.Cut(k, "\x1e"); ok {
		k = after
	}
	return strings.ReplaceAll(k, "\x1f", " ")
}

// row plans one row of a register's or a sub-register's own sheet.
func (p *Plan) row(row Row, dup Duplicate) {
	t := p.Table
	reg := t.Register
	bad := map[string]Refusal{}
	r := p.fill(reg, PartRecord, row, bad)
	env := p.env
	if t.Owner != nil {
		o, why := p.owner(row)
		if o == nil {
			p.refuse(row.Num, t.Owner.Name, why)
			return
		}
		r.OwnerID, env.Owner = o.ID, o
	}
	if !p.check(reg, r, env, PartRecord, row.Num, bad) {
		return
	}
	p.place(reg, r, env, row.Num, dup, func(r *data.Record) { p.Batch.Records = append(p.Batch.Records, r) }, true)
}

// place adds r, folds it into an earlier row with its key, or matches it
// to the stored record with its key.
func (p *Plan) place(reg *data.Register, r *data.Record, env data.Env, num int, dup Duplicate, add func(*data.Record), count bool) *data.Record {
	n := 0
	if count {
		n = 1
	}
	key := data.ScopedKey(reg, r)
	if key == "" {
		add(r)
		p.Added += n
		return r
	}
	if prev, ok := p.fileRecs[key]; ok {
		merged := overlay(reg, prev, r)
		if fe := data.Validate(reg, merged, env); len(fe) > 0 {
			p.refuse(num, data.KeyLabels(reg), "与本表前面一行的"+data.KeyLabels(reg)+"相同，但合并后："+(&data.ValidationError{Register: reg, Fields: fe}).Error())
			return nil
		}
		copyValues(prev, merged)
		p.Merged += n
		return prev
	}
	old, stored := p.recordsByKey[key]
	if !stored {
		add(r)
		p.fileRecs[key] = r
		p.Added += n
		return r
	}
	m := Match{Row: num, Key: keyText(key), Title: reg.RecordTitle(old), Update: dup == DupUpdate}
	u := overlay(reg, old, r)
	if fe := data.Validate(reg, u, env); len(fe) > 0 {
		if dup == DupUpdate {
			p.refuse(num, data.KeyLabels(reg), "更新已有记录“"+m.Title+"”后："+(&data.ValidationError{Register: reg, Fields: fe}).Error())
			return nil
		}
	}
	m.Changed = !sameValues(u, old)
	p.Matches = append(p.Matches, m)
	if dup == DupUpdate && m.Changed {
		add(u)
		p.fileRecs[key] = u
		p.Updated += n
		return u
	}
	p.fileRecs[key] = old.Clone() // later rows fold into a copy: the stored record stays as read
	p.Skipped += n
	return old
}

// copyValues sets dst's values to src's.
func copyValues(dst, src *data.Record) {
	dst.Each(func(k, _ string) { dst.Set(k, "") })
	src.Each(func(k, v string) { dst.Set(k, v) })
}

// owner finds the stored owner a sub-record row names, by the owner's
// natural key when the sheet has it, else by its title when that is unique.
func (p *Plan) owner(row Row) (*data.Record, string) {
	t := p.Table
	bad := map[string]Refusal{}
	o := p.fill(t.Owner, PartOwner, row, bad)
	for _, f := range t.Owner.Fields {
		if f.Kind == data.KindID {
			if c, err := data.ParseIDCard(o.Get(f.Key), p.env.Today); err == nil {
				o.Set(f.Key, c.Number)
			}
		}
	}
	if k := data.NaturalKeyOf(t.Owner, o); k != "" {
		if os := p.ownersByKey[k]; len(os) > 0 {
			return os[0], ""
		}
		return nil, "找不到" + data.KeyLabels(t.Owner) + "为 " + keyText(k) + " 的" + t.Owner.Name + "，请先导入" + t.Owner.Name
	}
	title := o.Get(t.Owner.TitleKey)
	switch os := p.ownersByTitle[title]; {
	case title == "":
		return nil, "未填写所属" + t.Owner.Name + "的" + data.KeyLabels(t.Owner)
	case len(os) == 1:
		return os[0], ""
	case len(os) > 1:
		return nil, t.Owner.Name + "“" + title + "”有重名，请填写" + data.KeyLabels(t.Owner)
	}
	return nil, "找不到" + t.Owner.Name + "“" + title + "”，请先导入" + t.Owner.Name
}

// flatRow plans a row of a flat sheet: the owner's columns, then maybe one
// sub-record of it. The row counts by what it does to the sub-record, or,
// with none, to the owner.
func (p *Plan) flatRow(row Row, dup Duplicate) {
	t := p.Table
	bad := map[string]Refusal{}
	o := p.fill(t.Register, PartOwner, row, bad)
	if !p.check(t.Register, o, p.env, PartOwner, row.Num, bad) {
		return
	}
	subBad := map[string]Refusal{}
	c := p.fill(t.Flat, PartSub, row, subBad)
	hasSub := len(subBad) > 0
	c.Each(func(string, string) { hasSub = true })
	if hasSub {
		env := p.env
		env.Owner = o
		if !p.check(t.Flat, c, env, PartSub, row.Num, subBad) {
			return
		}
	}
	owner := p.fileRecs[data.ScopedKey(t.Register, o)]
	if owner == nil || data.ScopedKey(t.Register, o) == "" {
		owner = p.place(t.Register, o, p.env, row.Num, dup, func(r *data.Record) { p.Batch.Records = append(p.Batch.Records, r) }, !hasSub)
		if owner == nil {
			return
		}
	} else if !hasSub {
		p.Merged++
	}
	if !hasSub {
		return
	}
	ck := ""
	if k := data.NaturalKeyOf(t.Flat, c); k != "" {
		ck = fmt.Sprintf("%d\x1e%s", owner.ID, k)
		if owner.ID == 0 {
			ck = fmt.Sprintf("%p\x1e%s", owner, k)
		}
		if _, ok := p.childKeys[ck]; ok {
			p.Skipped++
			return
		}
		p.childKeys[ck] = c
	}
	p.Batch.Children = append(p.Batch.Children, data.ImportChild{Sub: t.Flat, Owner: owner, Record: c})
	p.Added++
}

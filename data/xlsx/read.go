package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// The workbook reader streams a sheet's XML cell by cell, the way excelize's
// Rows iterator does, but keeps what import needs and Rows drops: whether a
// cell is text, a number, a date (by its number format) or a formula
// without a result. A 身份证号码 in a number cell has lost its last digits,
// and only the cell's type tells that apart from a mistyped check digit.
// Memory stays bounded: the shared strings are kept (they are the text of
// the sheet), the rows are handed on one at a time.

// Errors of opening a workbook for import; the command line exits 2 on them.
var (
	// ErrOldFormat is an .xls or .et file (or one that is, whatever its name).
	ErrOldFormat = errors.New("这是旧格式（.xls/.et）或加密的工作簿，请用 Excel/WPS 另存为 .xlsx 后导入")
	// ErrNotWorkbook is a file that is not an .xlsx workbook, or a damaged one.
	ErrNotWorkbook = errors.New("文件不是有效的 .xlsx 工作簿（可能已损坏或不完整），请在 Excel/WPS 中打开并另存为 .xlsx 后导入")
)

// Caps that keep a hostile file from taking the machine's memory.
const (
	maxSharedText = 256 << 20 // bytes of text in the shared strings
	maxCellText   = 32767     // Excel's own limit on a cell
	maxPartBytes  = 64 << 20  // workbook.xml, styles.xml, rels
)

// CellType is what a cell holds, as the file says.
type CellType int

// The types of cell.
const (
	CellText    CellType = iota // a string (shared, inline or a formula's text result)
	CellNumber                  // a number in a general or number format
	CellDate                    // a number in a date format: an Excel serial
	CellBool                    // TRUE / FALSE
	CellError                   // #N/A, #REF! …
	CellFormula                 // a formula with no stored result
)

// Cell is one non-empty cell of a row.
type Cell struct {
	Col  int      // 0-based column
	Text string   // the text, or the number as written in the file
	Type CellType //
}

// Workbook is an .xlsx opened for reading.
type Workbook struct {
	f     *os.File
	zr    *zip.Reader
	names []string          // sheet names in tab order
	parts map[string]string // sheet name → part path in the zip
	sst   []string
	dates []bool // by cell style index: a date number format
	once  sync.Once
	err   error // of reading the shared strings and styles
}

// OpenWorkbook opens an .xlsx for import. An .xls/.et gives ErrOldFormat,
// anything that is not a readable workbook ErrNotWorkbook.
func OpenWorkbook(name string) (*Workbook, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xls", ".et", ".ett", ".xlt":
		return nil, ErrOldFormat
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("无法打开文件：%w", err)
	}
	wb, err := openWorkbook(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	wb.f = f
	return wb, nil
}

// ReadWorkbook opens a workbook held in memory (tests, fuzzing).
func ReadWorkbook(b []byte) (*Workbook, error) {
	return openWorkbook(bytes.NewReader(b))
}

func openWorkbook(r io.ReaderAt) (*Workbook, error) {
	var size int64
	switch v := r.(type) {
	case *os.File:
		st, err := v.Stat()
		if err != nil {
			return nil, err
		}
		size = st.Size()
	case *bytes.Reader:
		size = v.Size()
	}
	magic := make([]byte, 8)
	if n, _ := r.ReadAt(magic, 0); n == 8 && bytes.Equal(magic, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}) {
		return nil, ErrOldFormat // an OLE container: .xls, .et, or an encrypted .xlsx
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, ErrNotWorkbook
	}
	wb := &Workbook{zr: zr, parts: map[string]string{}}
	if err := wb.readSheetList(); err != nil {
		return nil, err
	}
	return wb, nil
}

// Close releases the file.
func (wb *Workbook) Close() error {
	if wb.f != nil {
		return wb.f.Close()
	}
	return nil
}

// Sheets lists the worksheets in tab order.
func (wb *Workbook) Sheets() []string { return wb.names }

func (wb *Workbook) open(name string) (io.ReadCloser, error) {
	name = strings.TrimPrefix(name, "/")
	for _, f := range wb.zr.File {
		if strings.EqualFold(f.Name, name) {
			return f.Open()
		}
	}
	return nil, os.ErrNotExist
}

// decodePart parses a small XML part (workbook, rels, styles) whole.
func (wb *Workbook) decodePart(name string, v any) error {
	rc, err := wb.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, maxPartBytes)).Decode(v)
}

func (wb *Workbook) readSheetList() error {
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
			RID2 string `xml:"http://purl.oclc.org/ooxml/officeDocument/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := wb.decodePart("xl/workbook.xml", &book); err != nil {
		return ErrNotWorkbook
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
			Type   string `xml:"Type,attr"`
		} `xml:"Relationship"`
	}
	if err := wb.decodePart("xl/_rels/workbook.xml.rels", &rels); err != nil {
		return ErrNotWorkbook
	}
	targets := map[string]string{}
	for _, r := range rels.Rel {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			targets["\x00sst"] = t
		}
		if strings.HasSuffix(r.Type, "/styles") {
			targets["\x00styles"] = t
		}
	}
	for _, s := range book.Sheets {
		id := s.RID
		if id == "" {
			id = s.RID2
		}
		t, ok := targets[id]
		if !ok || !strings.HasSuffix(strings.ToLower(t), ".xml") {
			continue // a chart sheet or a dialog sheet: nothing to import
		}
		if strings.Contains(t, "chartsheets/") {
			continue
		}
		wb.names = append(wb.names, s.Name)
		wb.parts[s.Name] = t
	}
	if len(wb.names) == 0 {
		return errors.New("工作簿中没有工作表")
	}
	wb.parts["\x00sst"], wb.parts["\x00styles"] = targets["\x00sst"], targets["\x00styles"]
	return nil
}

// load reads the shared strings and which styles are dates, once, for
// every sheet (sheets may be read from several goroutines).
func (wb *Workbook) load() error {
	wb.once.Do(func() { wb.err = wb.loadOnce() })
	return wb.err
}

func (wb *Workbook) loadOnce() error {
	if p := wb.parts["\x00styles"]; p != "" {
		var styles struct {
			NumFmts []struct {
				ID   int    `xml:"numFmtId,attr"`
				Code string `xml:"formatCode,attr"`
			} `xml:"numFmts>numFmt"`
			Xfs []struct {
				NumFmt int `xml:"numFmtId,attr"`
			} `xml:"cellXfs>xf"`
		}
		if err := wb.decodePart(p, &styles); err == nil {
			custom := map[int]string{}
			for _, n := range styles.NumFmts {
				custom[n.ID] = n.Code
			}
			wb.dates = make([]bool, len(styles.Xfs))
			for i, x := range styles.Xfs {
				if code, ok := custom[x.NumFmt]; ok {
					wb.dates[i] = isDateFormat(code)
				} else {
					wb.dates[i] = builtinDate(x.NumFmt)
				}
			}
		}
	}
	if p := wb.parts["\x00sst"]; p != "" {
		rc, err := wb.open(p)
		if err != nil {
			return ErrNotWorkbook
		}
		defer rc.Close()
		if err := wb.readSST(rc); err != nil {
			return err
		}
	}
	return nil
}

// ErrRowLimit stops a sheet with more record rows than an import takes.
var ErrRowLimit = errors.New("工作表超过 1,048,576 行，不是有效的 Excel 工作表")

// Rows streams the rows of a sheet that have at least one value, in file
// order, with their 1-based row numbers. fn may return an error to stop
// (errStopRows stops without one). ctx is looked at every 256 rows.
func (wb *Workbook) Rows(ctx context.Context, sheet string, fn func(row int, cells []Cell) error) error {
	p, ok := wb.parts[sheet]
	if !ok {
		return fmt.Errorf("工作簿中没有名为“%s”的工作表", sheet)
	}
	if err := wb.load(); err != nil {
		return err
	}
	rc, err := wb.open(p)
	if err != nil {
		return ErrNotWorkbook
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var (
		row, seen    int
		cells        []Cell
		cur          Cell
		inCell       bool
		inV, inT     bool
		inIs, inPh   int
		cellT        string
		hasF, hasV   bool
		text         strings.Builder
		col          int
		inSheetData  bool
		rowHasValues bool
	)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("工作表“%s”已损坏，无法读完（第 %d 行附近）", sheet, row+1)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "sheetData":
				inSheetData = true
			case "row":
				if !inSheetData {
					continue
				}
				n := row + 1
				if v := attr(t, "r"); v != "" {
					if x, err := strconv.Atoi(v); err == nil && x > 0 {
						n = x
					}
				}
				if n > 1048576 {
					return ErrRowLimit
				}
				row, col = n, -1
				cells, rowHasValues = cells[:0], false
				seen++
				if seen%256 == 0 && ctx.Err() != nil {
					return ctx.Err()
				}
			case "c":
				inCell, hasF, hasV = true, false, false
				text.Reset()
				col++
				if ref := attr(t, "r"); ref != "" {
					if c, ok := colOf(ref); ok {
						col = c
					}
				}
				cellT = attr(t, "t")
				cur = Cell{Col: col, Type: CellNumber}
				if s := attr(t, "s"); s != "" {
					if i, err := strconv.Atoi(s); err == nil && i >= 0 && i < len(wb.dates) && wb.dates[i] {
						cur.Type = CellDate
					}
				}
			case "v":
				inV, hasV = inCell, inCell
			case "f":
				hasF = inCell
			case "is":
				inIs++
			case "t":
				inT = inIs > 0
			case "rPh":
				inPh++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "sheetData":
				return nil // merged cells, validations and the rest: not needed
			case "v":
				inV = false
			case "is":
				inIs--
			case "t":
				inT = false
			case "rPh":
				inPh--
			case "c":
				inCell = false
				v := text.String()
				switch cellT {
				case "s":
					i, err := strconv.Atoi(strings.TrimSpace(v))
					if err != nil || i < 0 || i >= len(wb.sst) {
						v = ""
					} else {
						v = wb.sst[i]
					}
					cur.Type = CellText
				case "inlineStr", "str":
					cur.Type = CellText
				case "b":
					cur.Type = CellBool
					if v == "1" {
						v = "TRUE"
					} else {
						v = "FALSE"
					}
				case "e":
					cur.Type = CellError
				case "d":
					cur.Type = CellText // an ISO date written as such
				}
				if hasF && !hasV {
					cur.Type, v = CellFormula, "="
				}
				if !hasV && cellT != "inlineStr" && !hasF {
					continue // a formatted empty cell
				}
				if v == "" {
					continue
				}
				cur.Text = v
				cells = append(cells, cur)
				rowHasValues = true
			case "row":
				if rowHasValues {
					if err := fn(row, cells); err != nil {
						if errors.Is(err, errStopRows) {
							return nil
						}
						return err
					}
				}
			}
		case xml.CharData:
			if (inV || inT && inPh == 0) && text.Len() < maxCellText {
				text.Write(t)
			}
		}
	}
}

// errStopRows ends Rows early without an error.
var errStopRows = errors.New("stop")

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// colOf reads the column of a cell reference such as "AB12" (0-based).
func colOf(ref string) (int, bool) {
	n := 0
	i := 0
	for ; i < len(ref); i++ {
		c := ref[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		n = n*26 + int(c-'A'+1)
		if n > 16384 {
			return 0, false
		}
	}
	if i == 0 {
		return 0, false
	}
	return n - 1, true
}

package xlsx

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"baomi/taizhang/data"

	"github.com/xuri/excelize/v2"
)

// Sheet is one worksheet of a register workbook.
type Sheet struct {
	Name    string       // Chinese tab name, e.g. "涉密人员" (cut to 31 characters, []:*?/\ replaced)
	Title   string       // register name for the title row: "<Unit><Title>登记台账"
	Heading string       // when set, the title row reads "<Unit><Heading>" instead (到期提醒清单, 统计表)
	Columns []data.Field // columns after 序号, in order
	Records []*data.Record
	// Value, when set, gives a cell's text instead of r.Get(f.Key) (used for
	// owner columns on sub-record sheets).
	Value func(r *data.Record, f data.Field) string
	// Notice, when set, makes the sheet a 督办通知单 form fitted to one page
	// instead of a table; Columns and Records are then unused.
	Notice *Notice
	// Stream, when set, gives the rows instead of Records, Count of them,
	// passing each to yield as the sheet is written (StreamSheets): a
	// register read from the file is never held whole.
	Stream func(yield func(*data.Record) error) error
	Count  int
}

// rows is how many rows of records the sheet has.
func (s *Sheet) rows() int {
	if s.Stream != nil {
		return s.Count
	}
	return len(s.Records)
}

// Options are the choices of the export dialog.
type Options struct {
	Marking  string                // "" for none, else e.g. "内部", "秘密", "机密★5年" (printed top-left)
	Unit     string                // 单位名称: used in the title and "填报单位：" line
	Date     time.Time             // 统计截至 date; the zero time means today
	Progress func(done, total int) // called now and then (at most ~100 times), may be nil
	Charts   []Chart               // chart sheets added after the sheets (年度统计)
	// By and At say who printed the register and when (导出人, 导出时间):
	// in every page's footer beside the page number and in the
	// workbook's properties. No By, no such line.
	By string
	At time.Time
}

// pageFooter is the footer of every page: the page number, and who
// exported the register when.
func pageFooter(opt *Options) string {
	if opt.By == "" {
		return footer
	}
	return "&L导出人：" + opt.By + "　导出时间：" + opt.At.Format("2006-01-02 15:04") + footer
}

// Chart is a bar chart on a chart sheet of its own, drawn from rows of a
// written sheet: chart sheets leave the streamed sheets untouched.
type Chart struct {
	Name   string   // chart sheet name
	Title  string   // chart title
	Sheet  int      // index of the sheet holding the data
	First  int      // first and last body rows (1-based sheet rows)
	Last   int      //
	Label  string   // column letter of the category labels, e.g. "B"
	Series []string // column letters of the series
	Names  []string // series names
}

// Rows of the sheet layout, 1-based.
const (
	rowMarking = 1
	rowTitle   = 2
	rowInfo    = 3
	rowHeader  = 4
	// HeaderRows is the number of rows above the first record.
	HeaderRows = rowHeader
)

// SignatureLine is written in the row after the last record.
const SignatureLine = "填表人：　　　　　　审核人：　　　　　　填表日期："

// ErrNoSheets is returned by Write when there is nothing to write.
var ErrNoSheets = errors.New("没有可导出的工作表")

// WriteFile writes the workbook to a temporary file in path's folder and
// renames it over path only on success; on error or cancellation the
// temporary file is removed and an existing file at path is left untouched.
// It refuses (CheckTarget) a path that is not .xlsx or that holds
// anything but a workbook, so no caller can export over the data file.
func WriteFile(ctx context.Context, path string, sheets []Sheet, opt Options) (err error) {
	if err := CheckTarget(path); err != nil {
		return err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, base+".*.tmp")
	if err != nil {
		return data.OSErrorAt("创建导出文件", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if fi, err := os.Stat(path); err == nil {
		_ = tmp.Chmod(fi.Mode().Perm()) // a replaced file keeps its permissions
	}
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err = Write(ctx, bw, sheets, opt); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return data.OSErrorAt("写入", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return data.OSErrorAt("写入", path, err)
	}
	if err = tmp.Close(); err != nil {
		return data.OSErrorAt("写入", path, err)
	}
	if err = ctx.Err(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return data.OSErrorAt("保存（文件可能正被 Excel 或 WPS 打开，请关闭后重试）", path, err)
	}
	return nil
}

// Write writes the workbook to w. Cancelling ctx stops it with ctx.Err();
// w may then hold part of a workbook.
func Write(ctx context.Context, w io.Writer, sheets []Sheet, opt Options) error {
	if len(sheets) == 0 {
		return ErrNoSheets
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if opt.Date.IsZero() {
		opt.Date = time.Now()
	}
	f := excelize.NewFile()
	defer f.Close()
	// Write the zip straight to w instead of excelize's in-memory buffer:
	// less memory, and cancellation reaches the compression too.
	cw := &ctxWriter{ctx: ctx, w: w}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(cw)
		zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(out, zipLevel)
		})
		return zw
	})

	st, err := newStyles(f)
	if err != nil {
		return err
	}
	names := sheetNames(sheets)
	for i, name := range names {
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return fmt.Errorf("工作表名称“%s”无效：%w", name, err)
		}
	}
	f.SetActiveSheet(0)

	p := progress{fn: opt.Progress}
	for _, s := range sheets {
		p.total += s.rows()
	}
	p.step = max(1, (p.total+99)/100)
	p.report(0)
	for i := range sheets {
		if sheets[i].Notice != nil {
			err = writeNotice(f, st, names[i], &sheets[i], &opt)
		} else {
			err = writeSheet(ctx, f, st, names[i], &sheets[i], &opt, &p)
		}
		if err != nil {
			return err
		}
	}
	for _, c := range opt.Charts {
		if err := addChart(f, names, c); err != nil {
			return fmt.Errorf("添加图表“%s”失败：%w", c.Name, err)
		}
	}
	// Defined names carry the sheet's index, so they wait until every sheet exists.
	for i, name := range names {
		if sheets[i].Notice != nil {
			continue // a one-page form has no header row to repeat
		}
		if err := f.SetDefinedName(&excelize.DefinedName{
			Name:     "_xlnm.Print_Titles",
			RefersTo: quoteSheet(name) + "!$" + strconv.Itoa(rowHeader) + ":$" + strconv.Itoa(rowHeader),
			Scope:    name,
		}); err != nil {
			return err
		}
	}
	at := opt.At
	if at.IsZero() {
		at = time.Now()
	}
	now := at.UTC().Format(time.RFC3339)
	props := &excelize.DocProperties{
		Creator:  "保密台账",
		Title:    sheetTitle(&sheets[0], &opt),
		Created:  now,
		Modified: now,
	}
	if opt.By != "" {
		props.Creator, props.LastModifiedBy = opt.By, opt.By
		props.Description = "导出人：" + opt.By + "，导出时间：" + at.Format("2006-01-02 15:04:05") + "，由保密台账导出"
	}
	_ = f.SetDocProps(props)
	if err := f.Write(cw); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("写入 Excel 文件失败：%w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	p.done(p.total)
	return nil
}

// zipLevel is the deflate level of the workbook. BestSpeed halves the time
// of a large export against the default level for a file about a third
// larger; the sheets' XML is repetitive and compresses well either way.
var zipLevel = flate.BestSpeed

// ctxWriter fails every write once ctx is cancelled.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c *ctxWriter) Write(b []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(b)
}

// progress calls fn at most about 100 times; total is reached only when the
// whole workbook has been written.
type progress struct {
	fn          func(done, total int)
	total, step int
	rows        int
}

func (p *progress) row() {
	p.rows++
	if p.rows%p.step == 0 {
		p.report(p.rows)
	}
}

func (p *progress) report(n int) {
	if p.fn != nil {
		p.fn(min(n, max(p.total-1, 0)), p.total)
	}
}

func (p *progress) done(n int) {
	if p.fn != nil {
		p.fn(n, p.total)
	}
}

// quoteSheet quotes a sheet name for a reference: '涉密人员'.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// sheetNames makes valid, distinct tab names.
func sheetNames(sheets []Sheet) []string {
	names := make([]string, len(sheets))
	for i, s := range sheets {
		base := cleanSheetName(s.Name, i)
		name := base
		for n := 2; taken(names[:i], name); n++ {
			suffix := "(" + strconv.Itoa(n) + ")"
			name = cutUTF16(base, 31-len(suffix)) + suffix
		}
		names[i] = name
	}
	return names
}

func taken(names []string, name string) bool {
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

func cleanSheetName(s string, i int) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || r < ' ' {
			return '_'
		}
		return r
	}, strings.TrimSpace(s))
	s = strings.Trim(cutUTF16(s, 31), "'")
	if strings.TrimSpace(s) == "" {
		s = "工作表" + strconv.Itoa(i+1)
	}
	return s
}

// cutUTF16 cuts s to at most n UTF-16 units, the way Excel counts.
func cutUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		u := 1
		if r >= 0x10000 {
			u = 2
		}
		if units+u > n {
			return s[:i]
		}
		units += u
	}
	return s
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// sheetTitle is the title row of a sheet: "<Unit><Title>登记台账", or
// "<Unit><Heading>" for sheets that are not registers.
func sheetTitle(s *Sheet, opt *Options) string {
	if s.Heading != "" {
		return opt.Unit + s.Heading
	}
	return opt.Unit + strings.TrimSuffix(s.Title, "登记台账") + "登记台账"
}

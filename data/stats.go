package data

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// StatTable is one table of the statistics (统计): counts by a row and a
// column category, with totals; the screen draws it with a bar chart of the
// row totals, and the 年度统计 workbook prints it on its own sheet.
type StatTable struct {
	Title   string      // e.g. 涉密人员（按部门、涉密等级）
	RowHead string      // heading of the row labels, e.g. 部门
	Rows    []string    // row labels
	Cols    []string    // column labels
	Cells   [][]float64 // Cells[row][col]
	Note    string      // a line under the table: 整改完成率, 逾期数 …
	// Figures marks the columns, by index, that are not counts but figures
	// worked out from them (逾期, 按期办结率, 平均办结天数), each with its value
	// for all rows together: row totals and charts leave them out, and the
	// 合计 row shows that value.
	Figures map[int]float64
}

// RowTotal is the sum of a row.
func (t *StatTable) RowTotal(i int) float64 {
	sum := 0.0
	for j, v := range t.Cells[i] {
		if _, fig := t.Figures[j]; !fig {
			sum += v
		}
	}
	return sum
}

// ColTotal is the sum of a column.
func (t *StatTable) ColTotal(j int) float64 {
	if v, fig := t.Figures[j]; fig {
		return v
	}
	sum := 0.0
	for _, row := range t.Cells {
		sum += row[j]
	}
	return sum
}

// Total is the sum of every cell.
func (t *StatTable) Total() float64 {
	sum := 0.0
	for i := range t.Cells {
		sum += t.RowTotal(i)
	}
	return sum
}

// FormatCount writes a count without a needless decimal point, and a sum of
// 学时 to at most two decimals (1.2+2.4 is 3.6, not 3.5999999999999996).
func FormatCount(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// crossTab counts records by two values; the row and column orders come
// from rows and cols, and values outside them are added in order of appearance.
type crossTab struct {
	t      StatTable
	rowIdx map[string]int
	colIdx map[string]int
}

func newCrossTab(title, rowHead string, rows, cols []string) *crossTab {
	c := &crossTab{t: StatTable{Title: title, RowHead: rowHead}, rowIdx: map[string]int{}, colIdx: map[string]int{}}
	for _, r := range rows {
		c.row(r)
	}
	for _, col := range cols {
		c.col(col)
	}
	return c
}

func (c *crossTab) row(label string) int {
	if i, ok := c.rowIdx[label]; ok {
		return i
	}
	c.rowIdx[label] = len(c.t.Rows)
	c.t.Rows = append(c.t.Rows, label)
	c.t.Cells = append(c.t.Cells, make([]float64, len(c.t.Cols)))
	return c.rowIdx[label]
}

func (c *crossTab) col(label string) int {
	if j, ok := c.colIdx[label]; ok {
		return j
	}
	c.colIdx[label] = len(c.t.Cols)
	c.t.Cols = append(c.t.Cols, label)
	for i := range c.t.Cells {
		c.t.Cells[i] = append(c.t.Cells[i], 0)
	}
	return c.colIdx[label]
}

// add counts v under a row and a column; blank labels read 未填.
func (c *crossTab) add(row, col string, v float64) {
	if row == "" {
		row = "未填"
	}
	if col == "" {
		col = "未填"
	}
	i, j := c.row(row), c.col(col)
	c.t.Cells[i][j] += v
}

// table returns the table without rows that stayed empty.
func (c *crossTab) table() StatTable {
	t := c.t
	var rows []string
	var cells [][]float64
	for i, r := range t.Rows {
		if slices.ContainsFunc(t.Cells[i], func(v float64) bool { return v != 0 }) {
			rows = append(rows, r)
			cells = append(cells, t.Cells[i])
		}
	}
	t.Rows, t.Cells = rows, cells
	return t
}

// inYear tells whether a stored date falls in year; year 0 means any.
func inYear(stored string, year int) bool {
	if year == 0 {
		return true
	}
	d := StoredDate(stored)
	return !d.IsZero() && d.Year() == year
}

// yearTitle names the period of a table.
func yearTitle(year int) string {
	if year == 0 {
		return "全部年度"
	}
	return fmt.Sprintf("%d年", year)
}

// Stats computes every statistics table for a year (0: all time), each
// register's in navigation order. The personnel tables describe the
// register as it stands.
func Stats(snap Snapshot, env Env, year int) []StatTable {
	var out []StatTable
	for _, reg := range env.registers() {
		if reg.Stats != nil {
			out = append(out, reg.Stats(snap[reg], snap, env, year)...)
		}
	}
	return out
}

// statTitle names a table: "<name>（<by>）", and for a year
// "<name>（<year>年<when>，<by>）".
func statTitle(name string, year int, when, by string) string {
	if year == 0 {
		return name + "（" + by + "）"
	}
	return name + "（" + yearTitle(year) + when + "，" + by + "）"
}

// percent writes m out of n as a percentage with at most one decimal.
func percent(m, n int) string {
	s := strconv.FormatFloat(float64(m)*100/float64(n), 'f', 1, 64)
	return strings.TrimSuffix(s, ".0") + "%"
}

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
}

// RowTotal is the sum of a row.
func (t *StatTable) RowTotal(i int) float64 {
	sum := 0.0
	for _, v := range t.Cells[i] {
		sum += v
	}
	return sum
}

// ColTotal is the sum of a column.
func (t *StatTable) ColTotal(j int) float64 {
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
	d := dueDate(stored)
	return !d.IsZero() && d.Year() == year
}

// yearTitle names the period of a table.
func yearTitle(year int) string {
	if year == 0 {
		return "全部年度"
	}
	return fmt.Sprintf("%d年", year)
}

// Stats computes every statistics table for a year (0: all time). The
// personnel tables describe the register as it stands.
func Stats(snap Snapshot, env Env, year int) []StatTable {
	var out []StatTable
	for _, f := range statFuncs {
		out = append(out, f(snap, env, year)...)
	}
	return out
}

// statFuncs compute the tables of each register, in print order.
var statFuncs = []func(Snapshot, Env, int) []StatTable{
	personnelStats, projectStats, networkStats, findingStats, caseStats, trainingStats,
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

// personnelStats counts the persons in post by 部门 and 涉密等级, and every
// person by 人员状态 and 涉密等级: the register as it stands, whatever the year.
func personnelStats(snap Snapshot, env Env, _ int) []StatTable {
	var depts []string
	if env.Settings != nil {
		depts = env.Settings.Departments
	}
	byDept := newCrossTab("涉密人员（在岗，按部门、涉密等级）", "部门", depts, Levels)
	byStatus := newCrossTab("涉密人员（按人员状态、涉密等级）", "人员状态", Personnel.Field(PStatus).Choices, Levels)
	for _, p := range snap["personnel"] {
		if p.Get(PStatus) == StatusInPost {
			byDept.add(p.Get(PDept), p.Get(PLevel), 1)
		}
		byStatus.add(p.Get(PStatus), p.Get(PLevel), 1)
	}
	return []StatTable{byDept.table(), byStatus.table()}
}

// projectStats counts projects by 密级 and 项目状态; for a year, the
// projects whose 开始日期 falls in it.
func projectStats(snap Snapshot, _ Env, year int) []StatTable {
	t := newCrossTab(statTitle("涉密项目", year, "开始", "按密级、项目状态"), "密级", SecretLevels, Projects.Field(PrjStatus).Choices)
	for _, r := range snap["projects"] {
		if inYear(r.Get(PrjStart), year) {
			t.add(r.Get(PrjLevel), r.Get(PrjStatus), 1)
		}
	}
	return []StatTable{t.table()}
}

// noEvaluation labels a system never evaluated.
const noEvaluation = "无测评记录"

// networkStats: the systems not 已停用 by their latest 测评结论 and 密级
// (for a year instead, the evaluations made in it, by 测评结论 and the
// system's 密级), and the systems not 已停用 by how their next evaluation
// stands today (正常, due within the reminder window, 已逾期, 无测评记录).
func networkStats(snap Snapshot, env Env, year int) []StatTable {
	conclusions := Evaluations.Field(EvalConclusion).ChoicesOf(env.Settings)
	var byConclusion *crossTab
	if year == 0 {
		byConclusion = newCrossTab("涉密网络测评结论（未停用系统的最近一次测评，按密级）", "测评结论", append(slices.Clone(conclusions), noEvaluation), SecretLevels)
	} else {
		byConclusion = newCrossTab("涉密网络测评结论（"+yearTitle(year)+"开展的测评，按密级）", "测评结论", conclusions, SecretLevels)
		level := make(map[uint64]string, len(snap["networks"]))
		for _, r := range snap["networks"] {
			level[r.ID] = r.Get(NetLevel)
		}
		for _, e := range snap["networks.evaluations"] {
			if inYear(e.Get(EvalDate), year) {
				byConclusion.add(e.Get(EvalConclusion), level[e.Parent], 1)
			}
		}
	}
	c := newDueCheck(env)
	soon := strconv.Itoa(c.window) + "天内到期"
	byDue := newCrossTab("涉密网络测评到期情况（未停用系统，按密级）", "测评状态", []string{"正常", soon, "已逾期", noEvaluation}, SecretLevels)
	latest := latestEvaluations(snap["networks.evaluations"])
	for _, r := range snap["networks"] {
		if r.Get(NetStatus) == SystemStopped {
			continue
		}
		lvl := r.Get(NetLevel)
		e, ok := latest[r.ID]
		if !ok {
			byDue.add(noEvaluation, lvl, 1)
			if year == 0 {
				byConclusion.add(noEvaluation, lvl, 1)
			}
			continue
		}
		if year == 0 {
			byConclusion.add(e.rec.Get(EvalConclusion), lvl, 1)
		}
		next := dueDate(e.rec.Get(EvalNext))
		if d := dueDate(e.date); next.IsZero() && !d.IsZero() {
			next = NextEvaluation(lvl, d)
		}
		switch days := dueDays(c.today, next); {
		case next.IsZero():
			byDue.add("未填", lvl, 1)
		case days < 0:
			byDue.add("已逾期", lvl, 1)
		case days <= c.window:
			byDue.add(soon, lvl, 1)
		default:
			byDue.add("正常", lvl, 1)
		}
	}
	return []StatTable{byConclusion.table(), byDue.table()}
}

// findingStats counts the findings by 问题类别 and 状态 (a blank 状态 is
// 待整改); for a year, those of the inspections held in it. The note gives
// the 整改完成率 (已整改 and 已销号 out of all) and how many are overdue.
func findingStats(snap Snapshot, env Env, year int) []StatTable {
	statuses := Findings.Field(FndStatus).Choices
	t := newCrossTab(statTitle("检查发现问题", year, "检查", "按问题类别、整改状态"), "问题类别", FindingCategories, statuses)
	var held map[uint64]bool // the inspections of the year
	if year != 0 {
		held = map[uint64]bool{}
		for _, r := range snap["inspections"] {
			if inYear(r.Get(InsDate), year) {
				held[r.ID] = true
			}
		}
	}
	n, done, overdue := 0, 0, 0
	for _, f := range snap["inspections.findings"] {
		if held != nil && !held[f.Parent] {
			continue
		}
		status := f.Get(FndStatus)
		if status == "" {
			status = FindingOpen
		}
		t.add(f.Get(FndCategory), status, 1)
		n++
		if status == FindingFixed || status == FindingClosed {
			done++
		}
		if FindingOverdue(f, env.Today) > 0 {
			overdue++
		}
	}
	table := t.table()
	if n > 0 {
		table.Note = fmt.Sprintf("整改完成率 %s（已整改和已销号 %d / 共 %d 项），逾期 %d 项", percent(done, n), done, n, overdue)
	}
	return []StatTable{table}
}

// caseUndecided labels a case without 处理结果.
const caseUndecided = "尚未处理"

// caseStats counts the cases by 状态 and 处理结果; for a year, those found
// in it (发现日期).
func caseStats(snap Snapshot, _ Env, year int) []StatTable {
	t := newCrossTab(statTitle("违规案件", year, "发现", "按状态、处理结果"), "状态", Cases.Field(CaseStatus).Choices, Cases.Field(CaseResult).Choices)
	for _, r := range snap["cases"] {
		if !inYear(r.Get(CaseFound), year) {
			continue
		}
		result := r.Get(CaseResult)
		if result == "" {
			result = caseUndecided
		}
		t.add(r.Get(CaseStatus), result, 1)
	}
	return []StatTable{t.table()}
}

// deletedPerson labels the attendees whose person record is gone.
const deletedPerson = "（人员已删除）"

// trainingStats sums the training by the attendees' 部门: 场次 (the sessions
// with at least one attendee of the 部门), 人次 and 学时 (each attendee
// counts the session's 学时); for a year, the sessions held in it.
func trainingStats(snap Snapshot, env Env, year int) []StatTable {
	var depts []string
	if env.Settings != nil {
		depts = env.Settings.Departments
	}
	const sessionsCol, attendancesCol, hoursCol = "场次", "人次", "学时"
	t := newCrossTab(statTitle("保密教育培训", year, "", "按参加人员部门"), "部门", depts, []string{sessionsCol, attendancesCol, hoursCol})
	deptOf := make(map[uint64]string, len(snap["personnel"]))
	for _, p := range snap["personnel"] {
		deptOf[p.ID] = p.Get(PDept)
	}
	sessions, attendances, hours := 0, 0, 0.0
	for _, s := range snap["training"] {
		if !inYear(s.Get(TrnDate), year) {
			continue
		}
		sessions++
		h := sessionHours(s)
		people, _ := ParsePeople(s.Get(TrnAttendees))
		seen := map[string]bool{}
		for _, a := range people {
			dept, ok := deptOf[a.ID]
			switch {
			case !ok:
				dept = deletedPerson
			case dept == "":
				dept = "未填"
			}
			if !seen[dept] {
				seen[dept] = true
				t.add(dept, sessionsCol, 1)
			}
			t.add(dept, attendancesCol, 1)
			t.add(dept, hoursCol, h)
			attendances++
			hours += h
		}
	}
	table := t.table()
	if sessions > 0 {
		table.Note = fmt.Sprintf("共举办培训 %d 场，%d 人次，%s 学时（一场培训有几个部门人员参加的，各部门各计 1 场次）", sessions, attendances, FormatCount(hours))
	}
	return []StatTable{table}
}

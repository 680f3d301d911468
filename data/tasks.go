package data

import (
	"fmt"
	"strconv"
)

// 督办事项 (the 工作台账 of the seed) field keys used by rules, the UI, the
// 督办通知单 and demo data.
const (
	TaskTitle        = "title"
	TaskSource       = "source"
	TaskDoc          = "doc"
	TaskAssigned     = "assigned"
	TaskDept         = "dept"
	TaskOwner        = "owner"
	TaskDeadline     = "deadline"
	TaskStatus       = "status"
	TaskDone         = "done"
	TaskResult       = "result"
	TaskClerk        = "clerk"
	TaskDemand       = "demand"
	TaskLastFeedback = "last_feedback"
)

// 进展反馈 (the 回音 of a 督办事项) field keys.
const (
	FeedbackDate = "date"
	FeedbackText = "text"
	FeedbackBy   = "by"
)

// 督办事项状态 values.
const (
	TaskNotStarted = "未启动"
	TaskActive     = "推进中"
	TaskClosed     = "已办结"
	TaskStopped    = "已终止"
)

// TaskSources are where a 督办事项 comes from.
var TaskSources = []string{"党委（党组）部署", "保密委员会会议", "上级交办", "上级检查反馈", "本单位安排"}

// LimitTaskSilentDays is the setting of how many days an item 推进中 may go
// without a 进展反馈 before it is 久无回音.
const LimitTaskSilentDays = "task.silent_days"

// taskSilentDays is that setting with its label and default (practice: a
// month without an answer).
var taskSilentDays = Limit{Key: LimitTaskSilentDays, Label: "久无回音天数（0 为不提醒）", Default: 30}

// Tasks is the 督办事项 register: what the 党委(党组) and the 保密委员会
// decide and what higher offices assign, handed to a 责任部门 and followed by
// the 保密办 until it is 办结 (件件有回音、事事有落实). Its 进展反馈 are the
// sub-register TaskFeedback.
var Tasks = &Register{
	Key:  "tasks",
	Name: "督办事项",
	// Basis: where each rule comes from (帮助 → 规则与依据).
	Basis: []RuleBasis{
		{"督办事项", "完成时限内办结，逾期未办结的跟踪督办（件件有回音、事事有落实）", practice, "每项事项的完成时限（表单中填写）", "逾期未办结"},
		{"督办事项", "完成时限将至的提醒", practice, "设置 → 到期提醒提前天数", "完成时限将至"},
		{"督办事项", "推进中的事项定期反馈进展（久无回音）", practice, "设置 → 督办事项 → 久无回音天数", "久无回音"},
	},
	Icon:     "confirm",
	Limits:   []Limit{taskSilentDays},
	TitleKey: TaskTitle,
	Title:    taskTitle,
	Fields: []Field{
		{Key: TaskTitle, Label: "督办事项", Aliases: []string{"事项", "督办内容", "工作事项", "任务内容"}, Kind: KindText, Required: true, Long: true, Width: 28},
		{Key: TaskSource, Label: "来源", Aliases: []string{"事项来源", "任务来源"}, Kind: KindChoice, Choices: TaskSources,
			LongForms: map[string]string{"党委(党组)部署": TaskSources[0], "党组部署": TaskSources[0], "党委部署": TaskSources[0]}, Required: true, Filter: true, Width: 10},
		{Key: TaskDoc, Label: "来源文件或会议", Aliases: []string{"来源文件", "文号", "会议名称", "依据"}, Kind: KindText, Width: 16},
		{Key: TaskAssigned, Label: "交办日期", Aliases: []string{"交办时间", "下达日期"}, Kind: KindDate, Required: true, Width: 11},
		{Key: TaskDept, Label: "责任部门", Aliases: []string{"承办部门", "牵头部门", "责任单位"}, Kind: KindChoice, Source: ChoiceDepartments, Required: true, Filter: true, Width: 10},
		{Key: TaskOwner, Label: "责任人", Aliases: []string{"承办人"}, Kind: KindText, Width: 8},
		{Key: TaskDeadline, Label: "完成时限", Aliases: []string{"办结时限", "完成期限", "时限"}, Kind: KindDate, Width: 11},
		{Key: TaskStatus, Label: "状态", Aliases: []string{"办理状态"}, Kind: KindChoice, Choices: TaskStatuses, Required: true, Filter: true, Width: 7},
		{Key: TaskLastFeedback, Label: "最近反馈", Kind: KindDate, Computed: true, Width: 11},
		{Key: TaskDone, Label: "办结日期", Aliases: []string{"办结时间", "完成日期"}, Kind: KindDate, Width: 11},
		{Key: TaskResult, Label: "落实情况", Aliases: []string{"办理结果", "落实结果", "完成情况"}, Kind: KindText, Long: true, Width: 22},
		{Key: TaskClerk, Label: "经办人", Aliases: []string{"保密办经办人"}, Kind: KindText, Width: 8},
		{Key: TaskDemand, Label: "督办要求", Aliases: []string{"工作要求"}, Kind: KindText, Optional: true, Long: true, Width: 20},
		{Key: "note", Label: "备注", Kind: KindText, Long: true, Width: 12},
		MarksField,
	},
	Subs:   []*Register{TaskFeedback},
	Check:  checkTask,
	Derive: deriveTasks,
	Stats:  taskStats,

	// The natural key: one item handed to one 部门 on one day (the same
	// decision handed to several 部门 is one item each).
	NaturalKey: []string{TaskTitle, TaskDept, TaskAssigned},
}

// TaskStatuses are the 状态 of a 督办事项 in their order.
var TaskStatuses = []string{TaskNotStarted, TaskActive, TaskClosed, TaskStopped}

// TaskFeedback are the 进展反馈 of a 督办事项: each time the 责任部门
// reports how far it has got.
var TaskFeedback = &Register{
	Key:      "tasks.feedback",
	Name:     "进展反馈",
	TitleKey: FeedbackDate,
	Fields: []Field{
		{Key: FeedbackDate, Label: "反馈日期", Aliases: []string{"反馈时间"}, Kind: KindDate, Required: true, Width: 11},
		{Key: FeedbackText, Label: "反馈内容", Aliases: []string{"进展情况", "进展反馈"}, Kind: KindText, Required: true, Long: true, Width: 36},
		{Key: FeedbackBy, Label: "反馈人", Kind: KindText, Width: 10},
		{Key: "note", Label: "备注", Kind: KindText, Long: true, Width: 14},
	},
	Check: checkFeedback,

	// The natural key within one item: a 反馈 of one day says one thing.
	NaturalKey: []string{FeedbackDate, FeedbackText},
}

// checkTask: 已办结 needs 办结日期 and 落实情况 (事事有落实); 已终止 needs
// its reason, written in 落实情况; a 办结日期 belongs to an item 已办结; no
// date before the 交办日期. Practice (实践做法): the law prescribes no form
// of the 工作台账, these are what makes a closed line auditable.
func checkTask(r *Record, env Env) FieldErrors {
	fe := FieldErrors{}
	switch r.Get(TaskStatus) {
	case TaskClosed:
		if r.Get(TaskDone) == "" {
			fe[TaskDone] = "已办结的事项应填写办结日期"
		}
		if r.Get(TaskResult) == "" {
			fe[TaskResult] = "已办结的事项应填写落实情况（事事有落实）"
		}
	case TaskStopped:
		if r.Get(TaskResult) == "" {
			fe[TaskResult] = "已终止的事项应在落实情况中写明终止原因"
		}
	default:
		if r.Get(TaskDone) != "" {
			fe[TaskDone] = "填写了办结日期的事项，状态应为已办结"
		}
	}
	notBefore(fe, r, TaskDeadline, TaskAssigned, "完成时限不能早于交办日期")
	notBefore(fe, r, TaskDone, TaskAssigned, "办结日期不能早于交办日期")
	if d := r.Get(TaskDone); d != "" && len(d) == len(DateLayout) && d > FormatDate(env.Today) {
		fe[TaskDone] = "办结日期不能晚于今天"
	}
	return fe
}

// checkFeedback: a 反馈 is not dated before its item was handed over, nor
// in the future.
func checkFeedback(r *Record, env Env) FieldErrors {
	fe := FieldErrors{}
	d := r.Get(FeedbackDate)
	if len(d) != len(DateLayout) {
		return fe
	}
	if d > FormatDate(env.Today) {
		fe[FeedbackDate] = "反馈日期不能晚于今天"
	}
	if env.Owner != nil {
		if a := env.Owner.Get(TaskAssigned); a != "" && d < a {
			fe[FeedbackDate] = "反馈日期不能早于交办日期（" + a + "）"
		}
	}
	return fe
}

// taskTitleRunes is how much of a 督办事项 names it on 首页 and in messages.
const taskTitleRunes = 24

// taskTitle names a 督办事项 by the first characters of its 事项.
func taskTitle(r *Record) string { return cutTitle(r.Get(TaskTitle), taskTitleRunes) }

// lastFeedbacks is the latest 进展反馈 of each 督办事项, by its id.
func lastFeedbacks(feedback []*Record) map[uint64]*Record {
	m := make(map[uint64]*Record)
	for _, f := range feedback {
		if last := m[f.OwnerID]; last == nil || f.Get(FeedbackDate) > last.Get(FeedbackDate) {
			m[f.OwnerID] = f
		}
	}
	return m
}

// deriveTasks shows each item's latest 反馈 and marks, for an item neither
// 已办结 nor 已终止:
//   - its 完成时限 within the reminder window (将至) or past (逾期未办结)
//     (实践做法 — the limit is the item's own 完成时限, set when it is handed
//     over; the seed: 事不过夜、案无积卷);
//   - 推进中 without a 进展反馈 for more than the setting's days since the
//     latest 反馈 (or the 交办日期): 久无回音, dated the day the limit ended
//     (件件有回音; 实践做法 — the law sets no interval, so it is the setting
//     LimitTaskSilentDays, default 30). The reminder names the latest 反馈,
//     so that 首页 opens the item on its 进展反馈 tab, where the next one is
//     entered.
func deriveTasks(recs []*Record, rel Snapshot, env Env) {
	last := lastFeedbacks(rel[TaskFeedback])
	c := newDueCheck(env)
	silent := env.Limit(taskSilentDays)
	for _, r := range recs {
		fb := last[r.ID]
		lastDay := ""
		if fb != nil {
			lastDay = fb.Get(FeedbackDate)
		}
		r.Set(TaskLastFeedback, lastDay)
		var m markSet
		status := r.Get(TaskStatus)
		if status == TaskClosed || status == TaskStopped {
			m.set(r)
			continue
		}
		if v := r.Get(TaskDeadline); v != "" {
			if d, ok := c.within(v); ok {
				what := "完成时限将至（" + v + "）"
				if d.Before(c.today) {
					what = "逾期未办结（完成时限" + v + "）"
				}
				m.due(d, what)
			}
		}
		if status == TaskActive && silent > 0 {
			base, since := lastDay, "最近反馈"+lastDay
			if base == "" {
				base, since = r.Get(TaskAssigned), "交办后未反馈"
			}
			if d := StoredDate(base); !d.IsZero() {
				if due := d.AddDate(0, 0, silent); due.Before(c.today) {
					m = append(m, Mark{What: "久无回音：超过" + strconv.Itoa(silent) + "天无进展反馈（" + since + "）", Date: due})
					if fb != nil {
						m[len(m)-1].Sub, m[len(m)-1].SubReg = fb, TaskFeedback
					}
				}
			}
		}
		m.set(r)
	}
}

// TaskOnTime tells whether an item 已办结 was closed by its 完成时限 (one
// without a 完成时限 always is).
func TaskOnTime(r *Record) bool {
	deadline := r.Get(TaskDeadline)
	return r.Get(TaskStatus) == TaskClosed && (deadline == "" || r.Get(TaskDone) <= deadline)
}

// Columns of the 督办事项 statistics besides the 状态 counts.
const (
	taskColOverdue = "逾期未办结"
	taskColRate    = "按期办结率(%)"
	taskColDays    = "平均办结天数"
)

// taskStats: per 责任部门, the items handed over (交办; for a year, those
// whose 交办日期 falls in it) by 状态 — their row total is 交办 — and, as
// figures beside the counts, how many are overdue, the 按期办结率 (closed by
// the 完成时限, out of those due by now: closed, or open and past it) and
// the average days from 交办 to 办结.
func taskStats(recs []*Record, _ Snapshot, env Env, year int) []StatTable {
	var depts []string
	if env.Settings != nil {
		depts = env.Settings.Departments
	}
	ct := newCrossTab(statTitle("督办事项", year, "交办", "按责任部门、办理状态"), "责任部门", depts, TaskStatuses)
	type sums struct{ overdue, due, onTime, closed, days int }
	by := map[string]*sums{}
	var all sums
	today := FormatDate(env.Today)
	for _, r := range recs {
		if !inYear(r.Get(TaskAssigned), year) {
			continue
		}
		dept := r.Get(TaskDept)
		if dept == "" {
			dept = "未填"
		}
		ct.add(dept, r.Get(TaskStatus), 1)
		s := by[dept]
		if s == nil {
			s = &sums{}
			by[dept] = s
		}
		status, deadline := r.Get(TaskStatus), r.Get(TaskDeadline)
		switch {
		case status == TaskClosed:
			s.due++
			s.closed++
			if TaskOnTime(r) {
				s.onTime++
			}
			if a, d := StoredDate(r.Get(TaskAssigned)), StoredDate(r.Get(TaskDone)); !a.IsZero() && !d.IsZero() {
				s.days += DaysBetween(a, d)
			}
		case status != TaskStopped && deadline != "" && deadline < today:
			s.due++
			s.overdue++
		}
	}
	t := ct.table()
	base := len(t.Cols)
	t.Cols = append(t.Cols, taskColOverdue, taskColRate, taskColDays)
	figures := func(s sums) []float64 {
		rate, avg := 0.0, 0.0
		if s.due > 0 {
			rate = roundTenth(float64(s.onTime) * 100 / float64(s.due))
		}
		if s.closed > 0 {
			avg = roundTenth(float64(s.days) / float64(s.closed))
		}
		return []float64{float64(s.overdue), rate, avg}
	}
	for i, dept := range t.Rows {
		s := by[dept]
		t.Cells[i] = append(t.Cells[i], figures(*s)...)
		all.overdue += s.overdue
		all.due += s.due
		all.onTime += s.onTime
		all.closed += s.closed
		all.days += s.days
	}
	t.Figures = map[int]float64{}
	for j, v := range figures(all) {
		t.Figures[base+j] = v
	}
	if len(t.Rows) > 0 {
		t.Note = fmt.Sprintf("合计即交办数。按期办结率 = 按期办结 %d ÷ 应办结 %d（已办结，及已过完成时限未办结、未终止的）；平均办结天数为交办至办结的天数，共办结 %d 件", all.onTime, all.due, all.closed)
	}
	return []StatTable{t}
}

// roundTenth rounds to one decimal, as rates and averages are shown.
func roundTenth(v float64) float64 {
	return float64(int(v*10+0.5)) / 10
}

package data

import (
	"strings"
	"testing"
)

// testTask is a valid 督办事项 推进中 handed over on 2025-05-20, due
// 2025-12-31, that no rule marks on 2025-06-15 when it has a recent 反馈.
func testTask() *Record {
	return rec(
		TaskTitle, "组织开展本年度在岗涉密人员保密复审",
		TaskSource, "保密委员会会议",
		TaskDoc, "2025年第1次保密委员会会议纪要",
		TaskAssigned, "2025-05-20",
		TaskDept, "综合处",
		TaskOwner, "王建国",
		TaskDeadline, "2025-12-31",
		TaskStatus, TaskActive,
		TaskClerk, "李静",
	)
}

// feedbackOn is a 反馈 of the task with id 1, on the given day.
func feedbackOn(id uint64, day string) *Record {
	return withID(rec(FeedbackDate, day, FeedbackText, "已制定工作方案，正在组织实施", FeedbackBy, "王建国"), id, 1)
}

// marksAndHome derives one record (id 1) of reg with its related records
// and lists its reminders, on dueToday with the default settings changed by
// set: what its 提示 says and what 首页 says, each line "事项|日期|部门".
func marksAndHome(reg *Register, r *Record, rel Snapshot, set func(*Settings)) (string, []string) {
	st := DefaultSettings()
	if set != nil {
		set(&st)
	}
	env := Env{Settings: &st, Today: dueToday}
	r = withID(r.Clone(), 1, 0)
	reg.Derive([]*Record{r}, rel, env)
	snap := Snapshot{reg: {r}}
	for k, v := range rel {
		snap[k] = v
	}
	var home []string
	for _, it := range DueItems(snap, env) {
		home = append(home, it.What+"|"+FormatDate(it.Date)+"|"+it.Dept)
	}
	return r.Get(KeyMarks), home
}

func TestTaskCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *Record
		want map[string]string
	}{
		{name: "valid", r: testTask()},
		{name: "已办结 needs 办结日期 and 落实情况", r: with(testTask(), TaskStatus, TaskClosed),
			want: map[string]string{TaskDone: "已办结的事项应填写办结日期", TaskResult: "已办结的事项应填写落实情况"}},
		{name: "已办结 with both", r: with(testTask(), TaskStatus, TaskClosed, TaskDone, "2025-06-10", TaskResult, "已完成复审")},
		{name: "已终止 needs a reason", r: with(testTask(), TaskStatus, TaskStopped),
			want: map[string]string{TaskResult: "已终止的事项应在落实情况中写明终止原因"}},
		{name: "已终止 with its reason", r: with(testTask(), TaskStatus, TaskStopped, TaskResult, "并入年度保密检查")},
		{name: "办结日期 while 推进中", r: with(testTask(), TaskDone, "2025-06-10"), want: map[string]string{TaskDone: "状态应为已办结"}},
		{name: "完成时限 before 交办", r: with(testTask(), TaskDeadline, "2025-05-19"), want: map[string]string{TaskDeadline: "完成时限不能早于交办日期"}},
		{name: "办结 before 交办", r: with(testTask(), TaskStatus, TaskClosed, TaskDone, "2025-05-01", TaskResult, "已完成"), want: map[string]string{TaskDone: "办结日期不能早于交办日期"}},
		{name: "办结 tomorrow", r: with(testTask(), TaskStatus, TaskClosed, TaskDone, "2025-06-16", TaskResult, "已完成"), want: map[string]string{TaskDone: "办结日期不能晚于今天"}},
		{name: "来源 from the list", r: with(testTask(), TaskSource, "领导批示"), want: map[string]string{TaskSource: "应从列表中选择"}},
		{name: "事项 required", r: with(testTask(), TaskTitle, ""), want: map[string]string{TaskTitle: "请填写督办事项"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkErrors(t, Validate(Tasks, tc.r, testEnv()), tc.want)
		})
	}
}

func TestFeedbackCheck(t *testing.T) {
	owner := testTask()
	for _, tc := range []struct {
		name string
		day  string
		want map[string]string
	}{
		{name: "valid", day: "2025-06-01"},
		{name: "on the 交办日期", day: "2025-05-20"},
		{name: "before the 交办日期", day: "2025-05-19", want: map[string]string{FeedbackDate: "反馈日期不能早于交办日期（2025-05-20）"}},
		{name: "tomorrow", day: "2025-06-16", want: map[string]string{FeedbackDate: "反馈日期不能晚于今天"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := testEnv()
			env.Owner = owner
			checkErrors(t, Validate(TaskFeedback, rec(FeedbackDate, tc.day, FeedbackText, "已完成"), env), tc.want)
		})
	}
}

// TestTaskOverdue: an item not 已办结 or 已终止 past its 完成时限 is 逾期未办结,
// in its 提示 and on 首页 alike; within the window its 完成时限 is near.
func TestTaskOverdue(t *testing.T) {
	recent := []*Record{feedbackOn(11, "2025-06-10")}
	for _, tc := range []struct {
		name      string
		r         *Record
		wantMarks string
		wantHome  []string
	}{
		{name: "far off", r: testTask()},
		{name: "within the window", r: with(testTask(), TaskDeadline, "2025-07-01"),
			wantMarks: "完成时限将至（2025-07-01）", wantHome: []string{"完成时限将至（2025-07-01）|2025-07-01|综合处"}},
		{name: "due today", r: with(testTask(), TaskDeadline, "2025-06-15"),
			wantMarks: "完成时限将至（2025-06-15）", wantHome: []string{"完成时限将至（2025-06-15）|2025-06-15|综合处"}},
		{name: "a day past", r: with(testTask(), TaskDeadline, "2025-06-14"),
			wantMarks: "逾期未办结（完成时限2025-06-14）", wantHome: []string{"逾期未办结（完成时限2025-06-14）|2025-06-14|综合处"}},
		{name: "未启动 past", r: with(testTask(), TaskStatus, TaskNotStarted, TaskDeadline, "2025-06-01"),
			wantMarks: "逾期未办结（完成时限2025-06-01）", wantHome: []string{"逾期未办结（完成时限2025-06-01）|2025-06-01|综合处"}},
		{name: "已办结 late: no reminder", r: with(testTask(), TaskStatus, TaskClosed, TaskDeadline, "2025-06-01", TaskDone, "2025-06-05", TaskResult, "已完成")},
		{name: "已终止: no reminder", r: with(testTask(), TaskStatus, TaskStopped, TaskDeadline, "2025-06-01", TaskResult, "并入年度检查")},
		{name: "no 完成时限", r: with(testTask(), TaskDeadline, "")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			marks, home := marksAndHome(Tasks, tc.r, Snapshot{TaskFeedback: recent}, nil)
			if marks != tc.wantMarks {
				t.Errorf("提示: got %q, want %q", marks, tc.wantMarks)
			}
			if strings.Join(home, "\n") != strings.Join(tc.wantHome, "\n") {
				t.Errorf("首页: got %q, want %q", home, tc.wantHome)
			}
		})
	}
}

// TestTaskSilent: an item 推进中 without a 反馈 for more than the setting's
// days (default 30) since the latest 反馈, or since 交办 when there is none,
// is 久无回音 in its 提示 and on 首页 alike.
func TestTaskSilent(t *testing.T) {
	for _, tc := range []struct {
		name      string
		r         *Record
		feedback  []*Record
		days      int // the setting; 0 leaves the default
		wantMarks string
		wantHome  []string
	}{
		{name: "反馈 30 days ago", r: testTask(), feedback: []*Record{feedbackOn(11, "2025-05-16")}},
		{name: "反馈 31 days ago", r: testTask(), feedback: []*Record{feedbackOn(11, "2025-05-15")},
			wantMarks: "久无回音：超过30天无进展反馈（最近反馈2025-05-15）", wantHome: []string{"久无回音：超过30天无进展反馈（最近反馈2025-05-15）|2025-06-14|综合处"}},
		{name: "the latest 反馈 counts", r: testTask(), feedback: []*Record{feedbackOn(12, "2025-06-01"), feedbackOn(11, "2025-04-01")}},
		{name: "no 反馈, handed over 40 days ago", r: with(testTask(), TaskAssigned, "2025-05-06"),
			wantMarks: "久无回音：超过30天无进展反馈（交办后未反馈）", wantHome: []string{"久无回音：超过30天无进展反馈（交办后未反馈）|2025-06-05|综合处"}},
		{name: "no 反馈, handed over 26 days ago", r: testTask()},
		{name: "setting of 10 days", r: testTask(), feedback: []*Record{feedbackOn(11, "2025-06-01")}, days: 10,
			wantMarks: "久无回音：超过10天无进展反馈（最近反馈2025-06-01）", wantHome: []string{"久无回音：超过10天无进展反馈（最近反馈2025-06-01）|2025-06-11|综合处"}},
		{name: "setting of 0: off", r: with(testTask(), TaskAssigned, "2025-01-06"), days: -1},
		{name: "未启动 is not 推进中", r: with(testTask(), TaskStatus, TaskNotStarted, TaskAssigned, "2025-01-06")},
		{name: "another task's 反馈 does not count", r: with(testTask(), TaskAssigned, "2025-05-06"), feedback: []*Record{withID(rec(FeedbackDate, "2025-06-10"), 11, 2)},
			wantMarks: "久无回音：超过30天无进展反馈（交办后未反馈）", wantHome: []string{"久无回音：超过30天无进展反馈（交办后未反馈）|2025-06-05|综合处"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := func(s *Settings) {
				switch {
				case tc.days > 0:
					s.Limits[LimitTaskSilentDays] = tc.days
				case tc.days < 0:
					s.Limits[LimitTaskSilentDays] = 0
				}
			}
			marks, home := marksAndHome(Tasks, tc.r, Snapshot{TaskFeedback: tc.feedback}, set)
			if marks != tc.wantMarks {
				t.Errorf("提示: got %q, want %q", marks, tc.wantMarks)
			}
			if strings.Join(home, "\n") != strings.Join(tc.wantHome, "\n") {
				t.Errorf("首页: got %q, want %q", home, tc.wantHome)
			}
		})
	}
	t.Run("latest 反馈 shown", func(t *testing.T) {
		r := withID(testTask(), 1, 0)
		Tasks.Derive([]*Record{r}, Snapshot{TaskFeedback: {feedbackOn(11, "2025-05-01"), feedbackOn(12, "2025-06-02")}}, testEnv())
		if got := r.Get(TaskLastFeedback); got != "2025-06-02" {
			t.Errorf("最近反馈: got %q, want 2025-06-02", got)
		}
	})
	// 首页 opens a silent item on its 进展反馈 tab, the latest 反馈 selected,
	// where the next one is entered; with none, on the item itself.
	for _, tc := range []struct {
		name     string
		feedback []*Record
		wantSub  *Register
		wantID   uint64
	}{
		{name: "opens the latest 反馈", feedback: []*Record{feedbackOn(12, "2025-05-01"), feedbackOn(11, "2025-04-01")}, wantSub: TaskFeedback, wantID: 12},
		{name: "no 反馈: opens the item", wantID: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := withID(with(testTask(), TaskAssigned, "2025-03-01"), 1, 0)
			env := testEnv()
			Tasks.Derive([]*Record{r}, Snapshot{TaskFeedback: tc.feedback}, env)
			items := DueItems(Snapshot{Tasks: {r}, TaskFeedback: tc.feedback}, env)
			if len(items) != 1 {
				t.Fatalf("首页: got %d items, want 1 (久无回音)", len(items))
			}
			if it := items[0]; it.Sub != tc.wantSub || it.SubID != tc.wantID || it.RecordID != 1 {
				t.Errorf("首页 opens %v #%d of item #%d, want %v #%d of item #1", it.Sub, it.SubID, it.RecordID, tc.wantSub, tc.wantID)
			}
		})
	}
}

// TestTaskStats: per 责任部门, the items by 状态 (row total = 交办), 逾期未办结,
// 按期办结率 (on time out of those due by now) and average days to 办结.
func TestTaskStats(t *testing.T) {
	env := testEnv()
	closed := func(dept, assigned, deadline, done string) *Record {
		return rec(TaskDept, dept, TaskAssigned, assigned, TaskDeadline, deadline, TaskStatus, TaskClosed, TaskDone, done)
	}
	tasks := []*Record{
		closed("综合处", "2025-01-01", "2025-02-01", "2025-01-11"),                                              // on time, 10 days
		closed("综合处", "2025-01-01", "2025-02-01", "2025-03-02"),                                              // late, 60 days
		rec(TaskDept, "综合处", TaskAssigned, "2025-03-01", TaskDeadline, "2025-04-01", TaskStatus, TaskActive), // overdue
		rec(TaskDept, "综合处", TaskAssigned, "2025-06-01", TaskDeadline, "2025-07-01", TaskStatus, TaskActive), // not yet due
		rec(TaskDept, "综合处", TaskAssigned, "2025-01-01", TaskDeadline, "2025-02-01", TaskStatus, TaskStopped),
		closed("办公室", "2025-02-01", "", "2025-02-21"),           // no deadline: on time, 20 days
		closed("办公室", "2024-02-01", "2024-03-01", "2024-02-11"), // another year
	}
	tables := taskStats(tasks, nil, env, 2025)
	if len(tables) != 1 {
		t.Fatalf("tables: got %d, want 1", len(tables))
	}
	tb := tables[0]
	if want := "督办事项（2025年交办，按责任部门、办理状态）"; tb.Title != want {
		t.Errorf("title: got %s, want %s", tb.Title, want)
	}
	wantCols := "未启动 推进中 已办结 已终止 逾期未办结 按期办结率(%) 平均办结天数"
	if got := strings.Join(tb.Cols, " "); got != wantCols {
		t.Fatalf("columns: got %s, want %s", got, wantCols)
	}
	row := func(dept string) string {
		for i, r := range tb.Rows {
			if r == dept {
				var cells []string
				for _, v := range tb.Cells[i] {
					cells = append(cells, FormatCount(v))
				}
				return strings.Join(cells, " ") + " 交办" + FormatCount(tb.RowTotal(i))
			}
		}
		return "none"
	}
	// 综合处: due by now = 2 closed + 1 overdue; on time 1 → 33.3%; average (10+60)/2 = 35.
	if got, want := row("综合处"), "0 2 2 1 1 33.3 35 交办5"; got != want {
		t.Errorf("综合处: got %s, want %s", got, want)
	}
	if got, want := row("办公室"), "0 0 1 0 0 100 20 交办1"; got != want {
		t.Errorf("办公室: got %s, want %s", got, want)
	}
	// 合计: 6 handed over; 1 overdue; 2 on time of 4 due = 50%; (10+60+20)/3 = 30 days.
	var totals []string
	for j := range tb.Cols {
		totals = append(totals, FormatCount(tb.ColTotal(j)))
	}
	if got, want := strings.Join(totals, " ")+" "+FormatCount(tb.Total()), "0 2 3 1 1 50 30 6"; got != want {
		t.Errorf("合计: got %s, want %s", got, want)
	}
	if !strings.Contains(tb.Note, "按期办结 2 ÷ 应办结 4") {
		t.Errorf("note: got %q, want the 按期办结率's counts", tb.Note)
	}
}

package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"baomi/taizhang/data"
)

// testRemind is the limit testTasks declares: 设置 shows it under the
// register's name.
var testRemind = data.Limit{Key: "testtasks.remind_days", Label: "催办间隔（天）", Default: 15}

// testTasks is a register described only here, as the README's "adding a
// register" has it: a description with a rule (an open 督查事项 is due on
// its 办结期限), a statistics table, a limit, a choice list the clerk edits
// and an icon. Nothing else in the program names it.
var testTasks = &data.Register{
	Key:      "testtasks",
	Name:     "督查事项",
	TitleKey: "title",
	Icon:     "search",
	Limits:   []data.Limit{testRemind},
	Fields: []data.Field{
		{Key: "title", Label: "督查事项", Kind: data.KindText, Required: true, Width: 20},
		{Key: "dept", Label: "责任部门", Kind: data.KindChoice, Source: data.ChoiceDepartments, Filter: true, Width: 11},
		{Key: "deadline", Label: "办结期限", Kind: data.KindDate, Width: 11},
		{Key: "status", Label: "状态", Kind: data.KindChoice, Choices: []string{"办理中", "已办结"}, Required: true, Width: 8},
		{Key: "kind", Label: "督查方式", Kind: data.KindChoice, Source: "testtasks.kinds", Choices: []string{"专项督查", "日常督查"}, Optional: true},
		data.MarksField,
	},
	Derive: func(recs []*data.Record, _ data.Snapshot, env data.Env) {
		for _, r := range recs {
			var marks []data.Mark
			if d := data.StoredDate(r.Get("deadline")); r.Get("status") == "办理中" && !d.IsZero() && data.DaysBetween(env.Today, d) <= env.Window() {
				marks = append(marks, data.Mark{What: "督查事项办结期限（" + r.Get("deadline") + "）", Date: d})
			}
			data.SetMarks(r, marks)
		}
	},
	Stats: func(recs []*data.Record, _ data.Snapshot, _ data.Env, _ int) []data.StatTable {
		t := data.StatTable{Title: "督查事项（按状态）", RowHead: "状态", Rows: []string{"办理中", "已办结"}, Cols: []string{"件数"}, Cells: [][]float64{{0}, {0}}}
		for _, r := range recs {
			if i := slices.Index(t.Rows, r.Get("status")); i >= 0 {
				t.Cells[i][0]++
			}
		}
		return []data.StatTable{t}
	},
}

// TestRegisterDescribedInATest proves the README's promise: a register
// described in one place appears in the navigation with its icon, the
// table, the form, the export, 首页, 统计 and 设置 (its limit and its list).
func TestRegisterDescribedInATest(t *testing.T) {
	u := newTestUIWith(t, append(data.Registers(), testTasks))

	// The navigation lists it, with the icon it names.
	nav := slices.IndexFunc(u.navItems, func(it navItem) bool { return it.key == testTasks.Key && it.label == "督查事项" })
	if nav < 0 {
		t.Fatalf("navigation: no 督查事项 in %v", u.navItems)
	}
	if got, want := u.navItems[nav].icon.Name(), theme.SearchIcon().Name(); got != want {
		t.Errorf("navigation icon: got %q, want %q", got, want)
	}
	// The form saves a record and the table shows it with its 提示.
	v := u.View(testTasks.Key)
	if v == nil {
		t.Fatal("no screen for the register")
	}
	newRecord(t, v, [][2]string{{"title", "整改落实情况督查"}, {"dept", "保密办"}, {"deadline", "2026-11-20"}, {"status", "办理中"}})
	newRecord(t, v, [][2]string{{"title", "年度自查报告"}, {"dept", "办公室"}, {"status", "已办结"}})
	if len(v.shown) != 2 {
		t.Fatalf("table: got %d rows, want 2", len(v.shown))
	}
	const mark = "督查事项办结期限（2026-11-20）"
	if got := markOf(t, v, "title", "整改落实情况督查"); got != mark {
		t.Errorf("提示: got %q, want %q", got, mark)
	}
	// The export prints it.
	test.Tap(v.buttons["导出Excel"])
	f := exportAndOpen(t, u.export)
	rows, err := f.GetRows("督查事项")
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	found := false
	for _, r := range rows {
		found = found || slices.Contains(r, "整改落实情况督查")
	}
	if !found {
		t.Errorf("export: no 整改落实情况督查 in %v", rows)
	}
	// 首页 has its tile and its reminder, in the same words.
	u.selectNav(navHomeKey)
	u.refreshDue()
	var items []data.DueItem
	for _, it := range u.home.all {
		if it.Register == testTasks {
			items = append(items, it)
		}
	}
	if len(items) != 1 || items[0].What != mark || items[0].Record != "整改落实情况督查" || items[0].Dept != "保密办" || !items[0].Overdue() {
		t.Errorf("首页: got %+v, want the overdue 整改落实情况督查", items)
	}
	tile := false
	for _, o := range u.home.tiles.Objects {
		if d, ok := o.(*dueTile); ok && d.name == "督查事项" {
			tile = true
		}
	}
	if !tile {
		t.Error("首页: no tile for 督查事项")
	}
	// 统计 counts it.
	u.selectNav(navStatsKey)
	i := slices.IndexFunc(u.stats.tables, func(t data.StatTable) bool { return t.Title == "督查事项（按状态）" })
	if i < 0 || u.stats.tables[i].Total() != 2 {
		t.Errorf("统计: got %d (%v), want the 督查事项 table with 2 records", i, u.stats.tables)
	}
	// 设置 shows its limit under its name, with the default, and saves it.
	u.selectNav(navSettingsKey)
	s := u.settings
	shown := texts(s.content)
	name := slices.Index(shown, "督查事项")
	if name < 0 || !slices.Contains(shown[name:], testRemind.Label) {
		t.Errorf("设置: no %q under 督查事项 in %q", testRemind.Label, shown)
	}
	e := s.limits[testRemind.Key]
	if e == nil {
		t.Fatalf("设置: no entry for %s", testRemind.Key)
	}
	if e.Text != "15" {
		t.Errorf("设置: %s shows %q, want the default 15", testRemind.Label, e.Text)
	}
	if l := s.lists["testtasks.kinds"]; l == nil || l.Text != "专项督查\n日常督查" {
		t.Errorf("设置: the list 督查方式 shows %v, want its two choices", l)
	}
	e.SetText("20")
	test.Tap(s.saveButton)
	st, err := u.store.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Limits[testRemind.Key]; got != 20 {
		t.Errorf("设置 saved %s = %d, want 20 (%s)", testRemind.Key, got, s.status.Text)
	}
}

package data_test

// Tests and benchmarks on demo files: package demo imports data, so they
// live in the external test package.

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"baomi/taizhang/data"
	"baomi/taizhang/data/demo"
)

// TestDueItemsDemo runs every rule on a demo file: each register with
// rules has overdue and upcoming items, all within the window, overdue
// first, then by date.
func TestDueItemsDemo(t *testing.T) {
	s := data.MustOpenStore(t)
	if err := demo.Fill(s, 400, 7, nil); err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	for _, reg := range data.AllRegisters() {
		if _, ok := snap[reg]; !ok {
			t.Errorf("Snapshot lacks %s", reg.Key)
		}
	}
	if len(snap[data.Personnel]) != 400 || len(snap[data.Passports]) == 0 || len(snap[data.Findings]) == 0 {
		t.Fatalf("Snapshot: got %d persons, %d 证件, %d findings", len(snap[data.Personnel]), len(snap[data.Passports]), len(snap[data.Findings]))
	}
	env, err := s.Env()
	if err != nil {
		t.Fatal(err)
	}
	items := data.DueItems(snap, env)
	data.CheckDueOrder(t, items, env)
	overdue, upcoming := map[string]int{}, map[string]int{}
	for _, it := range items {
		if it.Overdue() {
			overdue[it.Register.Key]++
		} else {
			upcoming[it.Register.Key]++
		}
		if it.Record == "" || it.What == "" || it.RecordID == 0 {
			t.Errorf("incomplete item %+v", it)
		}
	}
	for _, reg := range data.Registers() {
		if reg.Reminds() && (overdue[reg.Key] == 0 || upcoming[reg.Key] == 0) {
			t.Errorf("%s: %d overdue, %d upcoming; want some of each", reg.Name, overdue[reg.Key], upcoming[reg.Key])
		}
	}
	// In December the yearly training joins; the order still holds.
	env.Today = data.StoredDate("2025-12-05")
	items = data.DueItems(snap, env)
	data.CheckDueOrder(t, items, env)
	training := 0
	for _, it := range items {
		if it.Register == data.Personnel && it.Date.Equal(data.StoredDate("2025-12-31")) && it.What == "本年度未参加保密教育培训" {
			training++
		}
	}
	if training == 0 {
		t.Error("December: no person without training")
	}
}

func TestStatsAll(t *testing.T) {
	s := data.MustOpenStore(t)
	if err := demo.Fill(s, 300, 3, nil); err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	env, err := s.Env()
	if err != nil {
		t.Fatal(err)
	}
	// The titles of some registers' tables for 2025; every register with
	// Stats gives at least one table, in the order of Registers().
	wantTitles := map[*data.Register][]string{
		data.Personnel:   {"涉密人员（在岗，按部门、涉密等级）", "涉密人员（按人员状态、涉密等级）"},
		data.Projects:    {"涉密项目（2025年开始，按密级、项目状态）"},
		data.Networks:    {"涉密网络测评结论（2025年开展的测评，按密级）", "涉密网络测评到期情况（未停用系统，按密级）"},
		data.Inspections: {"检查发现问题（2025年检查，按问题类别、整改状态）"},
		data.Cases:       {"违规案件（2025年发现，按状态、处理结果）"},
		data.Training:    {"保密教育培训（2025年，按参加人员部门）"},
		data.Tasks:       {"督办事项（2025年交办，按责任部门、办理状态）"},
		data.Disclosures: {"信息公开保密审查（2025年提交，按提出部门、审查结论）"},
	}
	for _, year := range []int{0, 2025, 2024} {
		tables := data.Stats(snap, env, year)
		var want []data.StatTable
		for _, reg := range data.Registers() {
			if reg.Stats == nil {
				continue
			}
			own := reg.Stats(snap[reg], snap, env, year)
			if len(own) == 0 {
				t.Errorf("%s: no statistics table", reg.Name)
			}
			if titles, ok := wantTitles[reg]; ok && year == 2025 {
				for i, tb := range own {
					if i >= len(titles) || tb.Title != titles[i] {
						t.Errorf("%s table %d: got %s, want %v", reg.Name, i, tb.Title, titles)
					}
				}
			}
			want = append(want, own...)
		}
		if len(tables) != len(want) {
			t.Fatalf("%d: got %d tables, want the %d of the registers in order", year, len(tables), len(want))
		}
		for i, tb := range tables {
			if tb.Title != want[i].Title {
				t.Errorf("%d table %d: got %s, want %s", year, i, tb.Title, want[i].Title)
			}
			if len(tb.Rows) != len(tb.Cells) {
				t.Errorf("%s: %d rows, %d cell rows", tb.Title, len(tb.Rows), len(tb.Cells))
			}
			for r := range tb.Rows {
				if len(tb.Cells[r]) != len(tb.Cols) {
					t.Errorf("%s row %s: %d cells, %d columns", tb.Title, tb.Rows[r], len(tb.Cells[r]), len(tb.Cols))
				}
				if tb.RowTotal(r) == 0 {
					t.Errorf("%s: empty row %s kept", tb.Title, tb.Rows[r])
				}
			}
			if tb.Total() == 0 {
				t.Errorf("%d %s: no data in a demo file", year, tb.Title)
			}
		}
	}
	// All time counts every project, case and finding once.
	for reg, counted := range map[*data.Register]*data.Register{data.Projects: data.Projects, data.Inspections: data.Findings, data.Cases: data.Cases} {
		if got := reg.Stats(snap[reg], snap, env, 0)[0].Total(); got != float64(len(snap[counted])) {
			t.Errorf("%s: total %v, want %d", reg.Name, got, len(snap[counted]))
		}
	}
	// An empty file still gives every table, without rows.
	for _, tb := range data.Stats(data.Snapshot{}, env, 2025) {
		if len(tb.Rows) != 0 || tb.Note != "" {
			t.Errorf("empty file: %s has rows %v, note %q", tb.Title, tb.Rows, tb.Note)
		}
	}
}

var (
	dueBenchOnce sync.Once
	dueBenchSnap data.Snapshot
	dueBenchEnv  data.Env
	dueBenchErr  error
)

// dueBenchSnapshot returns the snapshot of a demo file of 100,000 persons
// (and 20,000 projects, 10,000 systems, inspections and sessions, 5,000
// cases), generated once per test binary under the system temp folder.
func dueBenchSnapshot(b *testing.B) (data.Snapshot, data.Env) {
	b.Helper()
	dueBenchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "taizhang-due-bench")
		if err != nil {
			dueBenchErr = err
			return
		}
		defer os.RemoveAll(dir)
		s, err := data.Open(filepath.Join(dir, "bench.db"), 0)
		if err != nil {
			dueBenchErr = err
			return
		}
		defer s.Close()
		data.SetClock(s, data.TestNow)
		if dueBenchErr = demo.Fill(s, 100_000, 1, nil); dueBenchErr != nil {
			return
		}
		if dueBenchSnap, dueBenchErr = s.Snapshot(); dueBenchErr != nil {
			return
		}
		dueBenchEnv, dueBenchErr = s.Env()
	})
	if dueBenchErr != nil {
		b.Fatal(dueBenchErr)
	}
	return dueBenchSnap, dueBenchEnv
}

// BenchmarkDueItems100k computes the reminders of a file of 100,000
// persons, as the home screen does after every save: target under 100 ms.
func BenchmarkDueItems100k(b *testing.B) {
	snap, env := dueBenchSnapshot(b)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		n = len(data.DueItems(snap, env))
	}
	b.ReportMetric(float64(n), "items")
}

// BenchmarkDueItems100kDecember is the same in December, when every person
// in post is looked up in the year's training sessions.
func BenchmarkDueItems100kDecember(b *testing.B) {
	snap, env := dueBenchSnapshot(b)
	env.Today = data.StoredDate("2025-12-05")
	b.ResetTimer()
	n := 0
	for b.Loop() {
		n = len(data.DueItems(snap, env))
	}
	b.ReportMetric(float64(n), "items")
}

var (
	benchOnce sync.Once
	benchRecs []*data.Record
	benchErr  error
)

// benchPersons returns 100,000 demo persons, generated once per test binary
// into a file under the system temp folder.
func benchPersons(b *testing.B) []*data.Record {
	b.Helper()
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "taizhang-bench")
		if err != nil {
			benchErr = err
			return
		}
		defer os.RemoveAll(dir)
		s, err := data.Open(filepath.Join(dir, "bench.db"), 0)
		if err != nil {
			benchErr = err
			return
		}
		defer s.Close()
		data.SetClock(s, data.TestNow)
		if benchErr = demo.Fill(s, 100_000, 1, nil); benchErr != nil {
			return
		}
		benchRecs, benchErr = s.List(data.Personnel)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchRecs
}

// BenchmarkQueryKeystroke100k is one keystroke in the search box over
// 100,000 persons sorted by 姓名 with a filter on: target under 50 ms.
func BenchmarkQueryKeystroke100k(b *testing.B) {
	recs := benchPersons(b)
	tbl := data.NewTable(data.Personnel, recs)
	tbl.Query(data.Query{Sort: data.PsnName}) // the sort is computed when the header is clicked
	texts := []string{"王", "王小", "11", "1101", "档案", "2020-0"}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		tbl.Query(data.Query{Text: texts[i%len(texts)], Sort: data.PsnName, Desc: i%2 == 0, Filters: map[string]string{data.PsnStatus: data.StatusInPost}})
		i++
	}
}

// BenchmarkSortNewColumn100k is a click on a header not sorted before:
// computing the 拼音 order of 100,000 names.
func BenchmarkSortNewColumn100k(b *testing.B) {
	recs := benchPersons(b)
	for b.Loop() {
		tbl := data.NewTable(data.Personnel, recs)
		tbl.Query(data.Query{Sort: data.PsnName})
	}
}

// BenchmarkListPersonnel100k reads 100,000 persons from the data file, the
// main part of opening the window.
func BenchmarkListPersonnel100k(b *testing.B) {
	benchPersons(b)
	dir := b.TempDir()
	s, err := data.Open(filepath.Join(dir, "l.db"), 0)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	recs := make([]*data.Record, len(benchRecs))
	for i, r := range benchRecs {
		c := r.Clone()
		c.ID = 0
		recs[i] = c
	}
	if err := s.SaveAll(data.Personnel, recs); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		got, err := s.List(data.Personnel)
		if err != nil || len(got) != 100_000 {
			b.Fatalf("got %d, %v", len(got), err)
		}
	}
}

// TestMarksAgree checks, for every register with reminders, that the 提示
// column of its table (Store.Load, as the register screen loads it) and
// 首页 (DueItems) say the same about each record of a demo file: the
// record's dated marks are exactly its reminders, with the same words and
// dates, each of them in its 提示; and 只看有提示的 finds every record with
// a reminder.
func TestMarksAgree(t *testing.T) {
	s := data.MustOpenStore(t)
	if err := demo.Fill(s, 300, 5, nil); err != nil {
		t.Fatal(err)
	}
	for _, today := range []string{"2025-06-15", "2025-12-05"} { // December adds the yearly training
		data.SetClock(s, data.StoredDate(today))
		env, err := s.Env()
		if err != nil {
			t.Fatal(err)
		}
		snap, err := s.Snapshot()
		if err != nil {
			t.Fatal(err)
		}
		home := map[*data.Register]map[uint64][]string{}
		for _, it := range data.DueItems(snap, env) {
			if home[it.Register] == nil {
				home[it.Register] = map[uint64][]string{}
			}
			home[it.Register][it.RecordID] = append(home[it.Register][it.RecordID], it.What+" "+data.FormatDate(it.Date))
		}
		for _, reg := range data.Registers() {
			if !reg.Reminds() {
				continue
			}
			t.Run(today+" "+reg.Name, func(t *testing.T) {
				recs, err := s.Load(reg, 0)
				if err != nil {
					t.Fatal(err)
				}
				marked := map[uint64]bool{}
				for _, r := range data.NewTable(reg, recs).Query(data.Query{Marked: true}) {
					marked[r.ID] = true
				}
				reminders := 0
				for _, r := range recs {
					var dated []string
					for _, m := range r.Marks {
						if !m.Date.IsZero() {
							dated = append(dated, m.What+" "+data.FormatDate(m.Date))
						}
						if !strings.Contains(r.Get(data.KeyMarks), m.What) {
							t.Errorf("%s %d: 提示 %q lacks the mark %q", reg.Name, r.ID, r.Get(data.KeyMarks), m.What)
						}
					}
					got := home[reg][r.ID]
					slices.Sort(got)
					slices.Sort(dated)
					if !slices.Equal(got, dated) {
						t.Errorf("%s %d: 首页 says %q, the record's marks %q", reg.Name, r.ID, got, dated)
					}
					if len(got) > 0 && !marked[r.ID] {
						t.Errorf("%s %d: %d reminders on 首页, not found by 只看有提示的", reg.Name, r.ID, len(got))
					}
					reminders += len(got)
				}
				if reminders == 0 {
					t.Errorf("%s: no reminders in a demo file", reg.Name)
				}
			})
		}
	}
}

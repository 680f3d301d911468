package data

import (
	"maps"
	"os"
	"path/filepath"
	"testing"
)

func TestDemo(t *testing.T) {
	const n = 200
	s := mustOpenStore(t)
	var calls [][2]int
	if err := Demo(s, n, 1, func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
		t.Fatalf("Demo: got %v, want nil", err)
	}
	if len(calls) == 0 || calls[len(calls)-1] != [2]int{n, n} {
		t.Errorf("progress: got %v, want it to end with [%d %d]", calls, n, n)
	}
	env, err := s.Env()
	if err != nil {
		t.Fatal(err)
	}
	today := FormatDate(s.Today())

	persons := mustList(t, s, Personnel)
	if len(persons) != n {
		t.Fatalf("persons: got %d, want %d", len(persons), n)
	}
	levels, statuses := map[string]int{}, map[string]int{}
	ids := map[string]bool{}
	overdue, byID := 0, map[uint64]*Record{}
	for _, r := range persons {
		byID[r.ID] = r
		if fe := Validate(Personnel, r.Clone(), env); len(fe) > 0 {
			t.Errorf("person %d %v: got errors %v, want valid", r.ID, r.Values, fe)
		}
		levels[r.Get(PLevel)]++
		statuses[r.Get(PStatus)]++
		if ids[r.Get(PIDNo)] {
			t.Errorf("身份证号码 %s: got it twice, want unique", r.Get(PIDNo))
		}
		ids[r.Get(PIDNo)] = true
		if c, err := ParseIDCard(r.Get(PIDNo), s.Today()); err != nil || c.Birth.Year() < 1960 || c.Birth.Year() > 2000 {
			t.Errorf("person %d 身份证号码 %s: got birth %v (%v), want 1960–2000", r.ID, r.Get(PIDNo), c.Birth, err)
		}
		if r.Get(PStatus) == StatusDeclass && r.Get(PDeclassTo) < today {
			overdue++
		}
		// The career dates are in order and not in the future.
		order := []string{"vetted", "confirmed", "pledge", PReviewed}
		last := ""
		for _, k := range order {
			v := r.Get(k)
			if v == "" {
				continue
			}
			if v < last || v > today {
				t.Errorf("person %d: %s %s out of order after %s (today %s)", r.ID, k, v, last, today)
			}
			last = v
		}
		if left := r.Get(PLeft); left != "" && (left < r.Get("confirmed") || left > today) {
			t.Errorf("person %d: 离岗日期 %s before 确定涉密时间 %s or after today", r.ID, left, r.Get("confirmed"))
		}
		if r.Get(PStatus) == StatusDeclass {
			want := FormatDate(env.Settings.DeclassEnd(r.Get(PLevel), Date(r.Get(PDeclassFrom))))
			if r.Get(PDeclassTo) != want {
				t.Errorf("person %d: 脱密期止 %s, want %s", r.ID, r.Get(PDeclassTo), want)
			}
		}
	}
	for _, l := range Levels {
		if levels[l] == 0 {
			t.Errorf("涉密等级 %s: got none in %v, want some", l, levels)
		}
	}
	if levels["一般"] <= levels["重要"] || levels["重要"] <= levels["核心"] {
		t.Errorf("涉密等级: got %v, want 一般 > 重要 > 核心", levels)
	}
	if len(statuses) < 4 || statuses[StatusInPost] < n/2 || statuses[StatusDeclass] == 0 {
		t.Errorf("人员状态: got %v, want mostly 在岗, some 离岗脱密期 and at least 4 statuses", statuses)
	}
	if overdue == 0 {
		t.Errorf("离岗脱密期 with 脱密期止 before today: got none, want some")
	}

	lent, lentOverdue := 0, 0
	for _, sub := range []*Register{Passports, Trips} {
		recs := mustList(t, s, sub)
		if len(recs) == 0 {
			t.Errorf("%s: got none, want some", sub.Name)
		}
		owners := map[uint64]bool{}
		for _, r := range recs {
			if fe := Validate(sub, r.Clone(), env); len(fe) > 0 {
				t.Errorf("%s %d %v: got errors %v, want valid", sub.Name, r.ID, r.Values, fe)
			}
			if byID[r.Parent] == nil {
				t.Errorf("%s %d: got parent %d, want one of the persons", sub.Name, r.ID, r.Parent)
			}
			owners[r.Parent] = true
			if r.Get("custody") == "已借出" {
				lent++
				if r.Get("due") < today {
					lentOverdue++
				}
			}
		}
		t.Logf("%s: %d records for %d persons", sub.Name, len(recs), len(owners))
	}
	if lent == 0 || lentOverdue == 0 {
		t.Errorf("已借出 证件: got %d, %d past 应还日期, want some of each", lent, lentOverdue)
	}
	t.Logf("levels %v, statuses %v, 脱密期止 passed %d", levels, statuses, overdue)
}

// TestDemoDeterministic runs Demo twice with the same seed on two files.
func TestDemoDeterministic(t *testing.T) {
	dump := func(seed int64) map[string][]*Record {
		s := mustOpenStore(t)
		if err := Demo(s, 150, seed, nil); err != nil {
			t.Fatalf("Demo: got %v, want nil", err)
		}
		out := map[string][]*Record{}
		for _, reg := range allRegisters() {
			out[reg.Key] = mustList(t, s, reg)
		}
		return out
	}
	a, b, c := dump(1), dump(1), dump(2)
	for _, reg := range allRegisters() {
		t.Run(reg.Key, func(t *testing.T) {
			ra, rb := a[reg.Key], b[reg.Key]
			if len(ra) != len(rb) {
				t.Fatalf("records: got %d and %d, want the same", len(ra), len(rb))
			}
			for i := range ra {
				if ra[i].ID != rb[i].ID || ra[i].Parent != rb[i].Parent || !maps.Equal(ra[i].Values, rb[i].Values) {
					t.Fatalf("record %d: got %+v and %+v, want identical", i, ra[i], rb[i])
				}
			}
		})
	}
	same := len(a[Personnel.Key]) == len(c[Personnel.Key])
	for i := 0; same && i < len(a[Personnel.Key]); i++ {
		same = maps.Equal(a[Personnel.Key][i].Values, c[Personnel.Key][i].Values)
	}
	if same {
		t.Errorf("seeds 1 and 2: got the same persons, want different data")
	}
}

func TestDemoEdgeCases(t *testing.T) {
	t.Run("zero", func(t *testing.T) {
		s := mustOpenStore(t)
		if err := Demo(s, 0, 1, nil); err != nil {
			t.Fatalf("Demo(0): got %v, want nil", err)
		}
		if got := len(mustList(t, s, Personnel)); got != 0 {
			t.Errorf("persons: got %d, want 0", got)
		}
	})
	t.Run("negative", func(t *testing.T) {
		if err := Demo(mustOpenStore(t), -1, 1, nil); err == nil {
			t.Errorf("Demo(-1): got nil, want an error")
		}
	})
	t.Run("changed settings", func(t *testing.T) {
		s := mustOpenStore(t)
		st, _ := s.Settings()
		st.Unit = "某某市保密局"
		st.Departments = []string{"第一处", "第二处"}
		st.Declass = map[string]int{"核心": 5, "重要": 0, "一般": 2}
		st.Review = map[string]int{"核心": 2, "重要": 2, "一般": 2}
		if err := s.SaveSettings(st); err != nil {
			t.Fatal(err)
		}
		if err := Demo(s, 300, 3, nil); err != nil {
			t.Fatalf("Demo: got %v, want nil", err)
		}
		env, _ := s.Env()
		today := FormatDate(s.Today())
		for _, r := range mustList(t, s, Personnel) {
			if d := r.Get(PDept); d != "第一处" && d != "第二处" {
				t.Fatalf("部门: got %q, want one of the settings", d)
			}
			if left := r.Get(PLeft); left > today {
				t.Errorf("person %d: got 离岗日期 %s, want not after today %s", r.ID, left, today)
			}
			if r.Get(PStatus) == StatusDeclass {
				want := FormatDate(env.Settings.DeclassEnd(r.Get(PLevel), Date(r.Get(PDeclassFrom))))
				if r.Get(PDeclassTo) != want {
					t.Errorf("person %d: got 脱密期止 %s, want %s", r.ID, r.Get(PDeclassTo), want)
				}
			}
		}
	})
	t.Run("no departments", func(t *testing.T) {
		s := mustOpenStore(t)
		st, _ := s.Settings()
		st.Departments = nil
		if err := s.SaveSettings(st); err != nil {
			t.Fatal(err)
		}
		if err := Demo(s, 10, 1, nil); err == nil {
			t.Errorf("Demo without departments: got nil, want an error")
		}
	})
}

// BenchmarkDemo100k writes 100,000 persons with their sub-records into a
// new file per iteration: go test ./data -run XXX -bench Demo100k -benchtime 1x
func BenchmarkDemo100k(b *testing.B) {
	for range b.N {
		b.StopTimer()
		s := mustOpenStoreAt(b, filepath.Join(b.TempDir(), "demo.db"))
		b.StartTimer()
		if err := Demo(s, 100000, 1, nil); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		path := s.Path()
		s.Close()
		if fi, err := os.Stat(path); err == nil {
			b.ReportMetric(float64(fi.Size())/1e6, "MB-file")
		}
		b.StartTimer()
	}
}

package data_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"baomi/taizhang/data"
	"baomi/taizhang/data/demo"
)

// Saving one record reads and derives only what it touches: these tests
// hold the short ways (LoadOne, Reminders.Saved, Table.Put) to what the
// long ways (Load, DueItems, NewTable) give.

// incrementalStore is a demo file of 600 persons on 5 December, when the
// persons' rules read the year's training sessions too.
func incrementalStore(t *testing.T) (*data.Store, data.Env) {
	t.Helper()
	s := data.MustOpenStore(t)
	data.SetClock(s, time.Date(2025, 12, 5, 9, 0, 0, 0, time.UTC))
	if err := demo.Fill(s, 600, 3, nil); err != nil {
		t.Fatal(err)
	}
	env, err := s.Env()
	if err != nil {
		t.Fatal(err)
	}
	return s, env
}

// shown is a record as the table shows it: every value and the marks.
func shown(r *data.Record) string {
	var b strings.Builder
	r.Each(func(k, v string) { fmt.Fprintf(&b, "%s=%s;", k, v) })
	for _, m := range r.Marks {
		fmt.Fprintf(&b, "mark %s %s %s;", m.What, data.FormatDate(m.Date), m.Action)
	}
	return b.String()
}

func TestLoadOneAsLoad(t *testing.T) {
	s, _ := incrementalStore(t)
	for _, reg := range s.Registers() {
		t.Run(reg.Name, func(t *testing.T) {
			all, err := s.Load(reg, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(all) == 0 {
				t.Fatal("the demo made none")
			}
			for i := 0; i < len(all); i += max(1, len(all)/40) {
				one, err := s.LoadOne(reg, all[i].ID)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := shown(one), shown(all[i]); got != want {
					t.Fatalf("record %d:\ngot  %s\nwant %s", all[i].ID, got, want)
				}
			}
		})
	}
}

func dueText(items []data.DueItem) string {
	var b strings.Builder
	for _, it := range items {
		fmt.Fprintf(&b, "%s#%d %s|%s|%s|%s|%d|%s|%d\n", it.Register.Key, it.RecordID, it.Record, it.What, it.Dept,
			data.FormatDate(it.Date), it.Days, it.Action, it.SubID)
	}
	return b.String()
}

func TestRemindersSaved(t *testing.T) {
	s, env := incrementalStore(t)
	snap, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	rm := data.NewReminders(snap, env)
	first := func(reg *data.Register, ok func(r *data.Record) bool) *data.Record {
		recs, err := s.List(reg)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			if ok(r) {
				return r
			}
		}
		t.Fatalf("no %s fits", reg.Name)
		return nil
	}
	status := func(st string) func(r *data.Record) bool {
		return func(r *data.Record) bool { return r.Get(data.PsnStatus) == st }
	}
	person := first(data.Personnel, status(data.StatusInPost))
	edits := []struct {
		name string
		reg  *data.Register
		edit func() *data.Record
	}{
		{"a person's 复审 falls due", data.Personnel, func() *data.Record {
			r := person.Clone()
			r.Set(data.PsnReviewed, "2015-01-01")
			r.Set("vetted", "2015-01-01")
			r.Set("confirmed", "2015-01-01")
			return r
		}},
		{"a person's 脱密期 has ended", data.Personnel, func() *data.Record {
			r := first(data.Personnel, status(data.StatusInPost)).Clone()
			r.Set(data.PsnStatus, data.StatusDeclass)
			r.Set(data.PsnLeft, "2023-01-01")
			r.Set(data.PsnDeclassFrom, "2023-01-01")
			r.Set(data.PsnDeclassTo, "2025-01-01")
			return r
		}},
		{"a new person", data.Personnel, func() *data.Record {
			r := person.Clone()
			r.ID = 0
			r.Set(data.PsnIDNo, "110101199001011237")
			r.Set(data.PsnName, "新来的")
			r.Set(data.PsnGender, "")
			r.Set(data.PsnBirth, "")
			r.Set(data.PsnReviewed, "2010-01-01") // due: on 首页
			return r
		}},
		{"a 证件 lent and not back", data.Passports, func() *data.Record {
			r := data.NewRecord()
			r.OwnerID = person.ID
			r.Set("type", "护照")
			r.Set("number", "E99999999")
			r.Set("custody", "已借出")
			r.Set("lent", "2025-10-01")
			r.Set("due", "2025-11-01")
			return r
		}},
		{"a training session moved into this year", data.Training, func() *data.Record {
			r := first(data.Training, func(r *data.Record) bool {
				return !strings.HasPrefix(r.Get(data.TrnDate), "2025") && r.Get(data.TrnAttendees) != ""
			}).Clone()
			r.Set(data.TrnDate, "2025-12-01")
			return r
		}},
		{"persons taken off this year's session", data.Training, func() *data.Record {
			r := first(data.Training, func(r *data.Record) bool {
				return strings.HasPrefix(r.Get(data.TrnDate), "2025") && strings.Count(r.Get(data.TrnAttendees), ",") >= 3
			}).Clone()
			first, _, _ := strings.Cut(r.Get(data.TrnAttendees), ",")
			r.Set(data.TrnAttendees, first)
			return r
		}},
		{"a finding closed by its 复查", data.Reviews, func() *data.Record {
			f := first(data.Findings, func(r *data.Record) bool { return r.Get(data.FndStatus) != data.FindingClosed }).Clone()
			f.Set(data.FndMeasures, "已整改")
			f.Set(data.FndDone, "2025-12-01")
			f.Set(data.FndStatus, data.FindingFixed)
			if err := s.Save(data.Findings, f); err != nil {
				t.Fatal(err)
			}
			r := data.NewRecord()
			r.OwnerID = f.ID
			r.Set(data.RevDate, "2025-12-02")
			r.Set(data.RevChecker, "李四")
			r.Set(data.RevVerdict, data.ReviewPass)
			return r
		}},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			before := dueText(rm.Items())
			r := e.edit()
			if err := s.Save(e.reg, r); err != nil {
				t.Fatal(err)
			}
			if err := rm.Saved(s, e.reg, r.ID); err != nil {
				t.Fatal(err)
			}
			fresh, err := s.Snapshot()
			if err != nil {
				t.Fatal(err)
			}
			got, want := dueText(rm.Items()), dueText(data.DueItems(fresh, env))
			if got != want {
				t.Fatalf("after the save got\n%s\nwant\n%s", got, want)
			}
			if got == before {
				t.Errorf("the save changed no reminder: the edit tests nothing")
			}
		})
	}
}

func TestTablePut(t *testing.T) {
	s, _ := incrementalStore(t)
	recs, err := s.Load(data.Personnel, 0)
	if err != nil {
		t.Fatal(err)
	}
	tbl := data.NewTable(data.Personnel, recs[:len(recs)-1])
	queries := []data.Query{
		{},
		{Sort: data.PsnName},
		{Sort: data.PsnName, Desc: true, Text: "王"},
		{Sort: data.PsnReviewed, Filters: map[string]string{data.PsnDept: "办公室"}},
		{Sort: data.PsnDept, Filters: map[string]string{data.PsnStatus: data.StatusInPost}},
		{Text: "阿"},
		{Marked: true},
	}
	for _, q := range queries {
		tbl.Query(q) // the orders and codes are made, to be mended
	}
	edit := func(i int, kv ...string) {
		r := recs[i].Clone()
		for j := 0; j < len(kv); j += 2 {
			r.Set(kv[j], kv[j+1])
		}
		recs[i] = r
		tbl.Put(r)
	}
	edit(3, data.PsnName, "阿丁")
	edit(10, data.PsnDept, "办公室", data.PsnReviewed, "2001-01-01")
	edit(20, data.PsnName, "")
	edit(30, data.PsnStatus, "退休", data.PsnDept, "新部门")
	edit(40, data.KeyMarks, "复审到期")
	tbl.Put(recs[len(recs)-1]) // a new record
	edit(len(recs)-1, data.PsnName, "王阿")
	want := data.NewTable(data.Personnel, recs)
	for _, q := range queries {
		if got, want := names(tbl.Query(q)), names(want.Query(q)); got != want {
			t.Errorf("%+v: got %s, want %s", q, got, want)
		}
	}
}

// TestPutSavedAllAsPut: several records put at once leave the table as
// putting them one by one does, for every query; a record the table lacks,
// or a changed natural key, puts nothing.
func TestPutSavedAllAsPut(t *testing.T) {
	s, _ := incrementalStore(t)
	recs, err := s.Load(data.Personnel, 0)
	if err != nil {
		t.Fatal(err)
	}
	queries := []data.Query{{}, {Sort: data.PsnName}, {Sort: data.PsnName, Desc: true, Text: "王"},
		{Sort: data.PsnReviewed, Filters: map[string]string{data.PsnDept: "办公室"}}, {Text: "阿"}, {Marked: true}}
	all, one := data.NewTable(data.Personnel, recs), data.NewTable(data.Personnel, recs)
	for _, q := range queries {
		all.Query(q)
		one.Query(q)
	}
	var edited []*data.Record
	for i, kv := range [][2]string{{data.PsnDept, "办公室"}, {data.PsnReviewed, "2001-01-01"}, {"note", "阿丁来过"},
		{data.KeyMarks, "复审到期"}, {data.PsnStatus, "退休"}} {
		r := recs[3+i*37].Clone()
		r.Set(kv[0], kv[1])
		edited = append(edited, r)
		one.Put(r)
	}
	if !all.PutSavedAll(edited) {
		t.Fatal("PutSavedAll refused records of the table")
	}
	for _, q := range queries {
		if got, want := names(all.Query(q)), names(one.Query(q)); got != want {
			t.Errorf("%+v: got %s, want %s", q, got, want)
		}
	}
	renamed := recs[5].Clone()
	renamed.Set(data.PsnIDNo, "110105199003071239")
	if all.PutSavedAll([]*data.Record{edited[0], renamed}) {
		t.Error("PutSavedAll put a record whose natural key changed")
	}
}

// TestLoadSomeAsLoad: several persons read at once (LoadSome) and put in
// a table (PutSavedAll) are as Load gives them, duplicate marks included.
func TestLoadSomeAsLoad(t *testing.T) {
	s, _ := incrementalStore(t)
	if err := demo.Fill(s, 30, 3, nil); err != nil { // its first persons again: duplicates
		t.Fatal(err)
	}
	all, err := s.Load(data.Personnel, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ids []uint64
	want := map[uint64]string{}
	dup := false
	for i := len(all) - 1; i >= 0; i -= 5 {
		ids = append(ids, all[i].ID)
		want[all[i].ID] = shown(all[i])
		dup = dup || strings.Contains(all[i].Get(data.KeyMarks), "重复")
	}
	ids = append(ids, 1<<40) // not in the file
	got, err := s.LoadSome(data.Personnel, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("got %d persons, want %d", len(got), len(want))
	}
	tbl := data.NewTable(data.Personnel, all)
	if !tbl.PutSavedAll(got) {
		t.Fatal("PutSavedAll refused them")
	}
	for _, r := range got {
		r = tbl.Find(r.ID)
		if shown(r) != want[r.ID] {
			t.Fatalf("person %d:\ngot  %s\nwant %s", r.ID, shown(r), want[r.ID])
		}
	}
	if !dup {
		t.Error("no duplicate among them: the test misses the duplicate marks")
	}
}

func names(recs []*data.Record) string {
	var b strings.Builder
	for _, r := range recs {
		fmt.Fprintf(&b, "%d %s,", r.ID, r.Get(data.PsnName))
	}
	return b.String()
}

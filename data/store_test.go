package data

import (
	"errors"
	"maps"
	"strings"
	"testing"
	"time"
)

func TestStoreRoundTrip(t *testing.T) {
	s := mustOpenStore(t)
	r := testPerson()
	mustSave(t, s, Personnel, r)
	want := testPersonStored()
	if r.ID != 1 {
		t.Errorf("ID after Save: got %d, want 1", r.ID)
	}
	if !maps.Equal(r.Map(), want) {
		t.Errorf("values after Save: got %v, want %v", r.Map(), want)
	}
	got, err := s.Get(Personnel, r.ID)
	if err != nil {
		t.Fatalf("Get: got error %v, want the record", err)
	}
	for _, f := range Personnel.Fields {
		if f.Computed { // filled by Load, never stored
			continue
		}
		if got.Get(f.Key) != want[f.Key] {
			t.Errorf("Get %s (%s): got %q, want %q", f.Key, f.Label, got.Get(f.Key), want[f.Key])
		}
		if got.Get(f.Key) == "" {
			t.Errorf("Get %s (%s): got empty, want every field set", f.Key, f.Label)
		}
	}
	if !got.Created.Equal(testNow) || !got.Updated.Equal(testNow) {
		t.Errorf("Created/Updated: got %v/%v, want %v", got.Created, got.Updated, testNow)
	}
	list := mustList(t, s, Personnel)
	if len(list) != 1 || list[0].ID != r.ID || !maps.Equal(list[0].Map(), want) {
		t.Errorf("List: got %d records %+v, want the one saved", len(list), list)
	}
	if _, err := s.Get(Personnel, 99); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of a missing id: got %v, want ErrNotFound", err)
	}
}

func TestStoreInvalidWritesNothing(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(r *Record)
		field  string
	}{
		{"no name", func(r *Record) { r.Set(PsnName, "  ") }, PsnName},
		{"bad id", func(r *Record) { r.Set(PsnIDNo, "110105194912310021") }, PsnIDNo},
		{"bad date", func(r *Record) { r.Set("confirmed", "2010-02-30") }, "confirmed"},
		{"unknown department", func(r *Record) { r.Set(PsnDept, "不存在的处") }, PsnDept},
		{"unknown level", func(r *Record) { r.Set(PsnLevel, "特别") }, PsnLevel},
		{"gender against id", func(r *Record) { r.Set(PsnGender, "男") }, PsnGender},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustOpenStore(t)
			r := testPerson()
			tc.change(r)
			err := s.Save(Personnel, r)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Save: got %v (%T), want *ValidationError", err, err)
			}
			if _, ok := ve.Fields[tc.field]; !ok {
				t.Errorf("ValidationError fields: got %v, want one on %s", ve.Fields, tc.field)
			}
			if !strings.HasPrefix(err.Error(), "记录未保存") {
				t.Errorf("message: got %q, want it to start with 记录未保存", err)
			}
			if r.ID != 0 {
				t.Errorf("ID: got %d, want 0", r.ID)
			}
			if n := len(mustList(t, s, Personnel)); n != 0 {
				t.Errorf("List: got %d records, want 0", n)
			}
			if n := len(mustAudit(t, s)); n != 0 {
				t.Errorf("AuditLog: got %d entries, want 0", n)
			}
		})
	}
}

func TestStoreIDsFromSequence(t *testing.T) {
	s := mustOpenStore(t)
	var ids []uint64
	for i := range 3 {
		r := simplePerson("人员", "办公室", i)
		mustSave(t, s, Personnel, r)
		ids = append(ids, r.ID)
	}
	if err := s.Delete(Personnel, ids[2]); err != nil {
		t.Fatalf("Delete: got %v, want nil", err)
	}
	r := simplePerson("人员", "办公室", 4)
	mustSave(t, s, Personnel, r)
	ids = append(ids, r.ID)
	batch := []*Record{simplePerson("甲", "办公室", 5), simplePerson("乙", "办公室", 6)}
	if err := s.SaveAll(Personnel, batch); err != nil {
		t.Fatalf("SaveAll: got %v, want nil", err)
	}
	ids = append(ids, batch[0].ID, batch[1].ID)
	want := []uint64{1, 2, 3, 4, 5, 6}
	for i := range want {
		if ids[i] != want[i] {
			t.Fatalf("ids: got %v, want %v (a deleted id is never reused)", ids, want)
		}
	}
	// Each register has its own sequence.
	p := testPassport(ids[0], "E12345678")
	mustSave(t, s, Passports, p)
	if p.ID != 1 {
		t.Errorf("first passport id: got %d, want 1", p.ID)
	}
}

func TestStoreUpdateKeepsCreated(t *testing.T) {
	s := mustOpenStore(t)
	r := testPerson()
	mustSave(t, s, Personnel, r)
	later := testNow.Add(49 * time.Hour)
	setClock(s, later)
	edit, err := s.Get(Personnel, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	edit.Set("title", "处长")
	mustSave(t, s, Personnel, edit)
	if edit.ID != r.ID {
		t.Errorf("ID after update: got %d, want %d", edit.ID, r.ID)
	}
	got, err := s.Get(Personnel, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Created.Equal(testNow) {
		t.Errorf("Created: got %v, want %v", got.Created, testNow)
	}
	if !got.Updated.Equal(later) {
		t.Errorf("Updated: got %v, want %v", got.Updated, later)
	}
	if got.Get("title") != "处长" {
		t.Errorf("title: got %q, want 处长", got.Get("title"))
	}
	// A stale Created in the caller's copy does not overwrite the stored one.
	edit.Created = time.Unix(0, 0)
	mustSave(t, s, Personnel, edit)
	if got, _ := s.Get(Personnel, r.ID); !got.Created.Equal(testNow) {
		t.Errorf("Created after a second update: got %v, want %v", got.Created, testNow)
	}
	if n := len(mustList(t, s, Personnel)); n != 1 {
		t.Errorf("List after updates: got %d records, want 1", n)
	}
}

func TestStoreAuditEntries(t *testing.T) {
	s := mustOpenStore(t)
	r := testPerson()
	mustSave(t, s, Personnel, r)
	created := testPersonStored()

	t1 := testNow.Add(time.Hour)
	setClock(s, t1)
	r.Set("title", "处长")
	mustSave(t, s, Personnel, r)
	updated := testPersonStored()
	updated["title"] = "处长"

	t2 := testNow.Add(2 * time.Hour)
	setClock(s, t2)
	s.Operator = "另一位操作员"
	if err := s.Delete(Personnel, r.ID); err != nil {
		t.Fatal(err)
	}

	log := mustAudit(t, s)
	want := []AuditEntry{ // newest first
		{Seq: 3, Time: t2, Operator: "另一位操作员", Register: Personnel.Key, RecordID: r.ID, Action: ActionDelete, Before: updated},
		{Seq: 2, Time: t1, Operator: testOperator, Register: Personnel.Key, RecordID: r.ID, Action: ActionUpdate, Before: created, After: updated},
		{Seq: 1, Time: testNow, Operator: testOperator, Register: Personnel.Key, RecordID: r.ID, Action: ActionCreate, After: created},
	}
	if len(log) != len(want) {
		t.Fatalf("AuditLog: got %d entries, want %d: %+v", len(log), len(want), log)
	}
	for i, w := range want {
		t.Run(w.Action, func(t *testing.T) {
			checkAudit(t, log[i], w)
		})
	}
	if got, _ := s.AuditLog(2); len(got) != 2 || got[0].Seq != 3 {
		t.Errorf("AuditLog(2): got %d entries starting at %d, want 2 starting at 3", len(got), got[0].Seq)
	}
}

func TestStoreDeleteCascades(t *testing.T) {
	s := mustOpenStore(t)
	a, b := simplePerson("甲", "办公室", 1), simplePerson("乙", "办公室", 2)
	mustSave(t, s, Personnel, a)
	mustSave(t, s, Personnel, b)
	pa1, pa2, pb := testPassport(a.ID, "E00000001"), testPassport(a.ID, "E00000002"), testPassport(b.ID, "E00000003")
	ta, tb := testTrip(a.ID), testTrip(b.ID)
	for _, p := range []*Record{pa1, pa2, pb} {
		mustSave(t, s, Passports, p)
	}
	for _, tr := range []*Record{ta, tb} {
		mustSave(t, s, Trips, tr)
	}
	if owned, _ := s.SubRecords(Passports, a.ID); len(owned) != 2 {
		t.Fatalf("SubRecords before delete: got %d passports, want 2", len(owned))
	}
	before := len(mustAudit(t, s))

	if err := s.Delete(Personnel, a.ID); err != nil {
		t.Fatalf("Delete: got %v, want nil", err)
	}
	if _, err := s.Get(Personnel, a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get deleted person: got %v, want ErrNotFound", err)
	}
	for _, tc := range []struct {
		reg  *Register
		want []uint64
	}{
		{Personnel, []uint64{b.ID}},
		{Passports, []uint64{pb.ID}},
		{Trips, []uint64{tb.ID}},
	} {
		t.Run(tc.reg.Key, func(t *testing.T) {
			var got []uint64
			for _, r := range mustList(t, s, tc.reg) {
				got = append(got, r.ID)
			}
			if !equalIDs(got, tc.want) {
				t.Errorf("ids left: got %v, want %v", got, tc.want)
			}
		})
	}

	log := mustAudit(t, s)
	if got := len(log) - before; got != 4 {
		t.Fatalf("audit entries of the delete: got %d, want 4 (person, 2 passports, 1 trip)", got)
	}
	deleted := map[string][]uint64{}
	for _, e := range log[:4] {
		if e.Action != ActionDelete || e.Operator != testOperator || e.After != nil || len(e.Before) == 0 {
			t.Errorf("entry %+v: want a 删除 by %s with the values before", e, testOperator)
		}
		deleted[e.Register] = append(deleted[e.Register], e.RecordID)
	}
	for reg, want := range map[string][]uint64{Personnel.Key: {a.ID}, Passports.Key: {pa1.ID, pa2.ID}, Trips.Key: {ta.ID}} {
		if got := deleted[reg]; !equalIDs(sortedIDs(got), want) {
			t.Errorf("deleted %s: got %v, want %v", reg, got, want)
		}
	}
	if err := s.Delete(Personnel, a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete twice: got %v, want ErrNotFound", err)
	}
	if got := len(mustAudit(t, s)); got != len(log) {
		t.Errorf("audit after a failed delete: got %d entries, want %d", got, len(log))
	}
}

// TestStoreFailedSaveLeavesNoPartialState saves batches that fail part way:
// in validation, and inside the transaction (an update of a record that no
// longer exists). Nothing is written, and the records are as they were.
func TestStoreFailedSaveLeavesNoPartialState(t *testing.T) {
	s := mustOpenStore(t)
	old := simplePerson("甲", "办公室", 1)
	mustSave(t, s, Personnel, old)
	gone := simplePerson("乙", "办公室", 2)
	mustSave(t, s, Personnel, gone)
	if err := s.Delete(Personnel, gone.ID); err != nil {
		t.Fatal(err)
	}
	auditBefore := len(mustAudit(t, s))
	stored, _ := s.Get(Personnel, old.ID)

	for _, tc := range []struct {
		name  string
		batch func() []*Record
		is    func(error) bool
	}{
		{"one invalid record", func() []*Record {
			bad := simplePerson("丁", "办公室", 4)
			bad.Set(PsnLevel, "")
			return []*Record{simplePerson("丙", "办公室", 3), bad}
		}, func(err error) bool { var ve *ValidationError; return errors.As(err, &ve) }},
		{"update of a deleted record", func() []*Record {
			edit := old.Clone()
			edit.Set("title", "科员")
			return []*Record{simplePerson("丙", "办公室", 3), edit, gone.Clone()}
		}, func(err error) bool { return errors.Is(err, ErrNotFound) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			later := testNow.Add(time.Hour)
			setClock(s, later)
			defer setClock(s, testNow)
			batch := tc.batch()
			type state struct {
				id      uint64
				created time.Time
				updated time.Time
			}
			var before []state
			for _, r := range batch {
				before = append(before, state{r.ID, r.Created, r.Updated})
			}
			err := s.SaveAll(Personnel, batch)
			if err == nil || !tc.is(err) {
				t.Fatalf("SaveAll: got %v, want the failure", err)
			}
			for i, r := range batch {
				if got := (state{r.ID, r.Created, r.Updated}); got != before[i] {
					t.Errorf("record %d after the failure: got %+v, want %+v", i, got, before[i])
				}
			}
			list := mustList(t, s, Personnel)
			if len(list) != 1 || list[0].ID != old.ID || !maps.Equal(list[0].Map(), stored.Map()) || !list[0].Updated.Equal(stored.Updated) {
				t.Errorf("List: got %+v, want only %+v unchanged", list, stored)
			}
			if got := len(mustAudit(t, s)); got != auditBefore {
				t.Errorf("audit entries: got %d, want %d", got, auditBefore)
			}
		})
	}

	// The ids taken by the failed batches were rolled back: the next is 3.
	r := simplePerson("丙", "办公室", 3)
	mustSave(t, s, Personnel, r)
	if r.ID != 3 {
		t.Errorf("next id: got %d, want 3", r.ID)
	}
	// A record kept from a failed batch saves as what it was: an update.
	edit := old.Clone()
	edit.Set("title", "科员")
	if err := s.SaveAll(Personnel, []*Record{edit, gone.Clone()}); err == nil {
		t.Fatal("SaveAll with a deleted record: got nil, want ErrNotFound")
	}
	mustSave(t, s, Personnel, edit)
	if edit.ID != old.ID {
		t.Errorf("retried update: got id %d, want %d", edit.ID, old.ID)
	}
	if n := len(mustList(t, s, Personnel)); n != 2 {
		t.Errorf("List after the retry: got %d records, want 2", n)
	}
}

func TestStoreSubRecordsAndValidation(t *testing.T) {
	s := mustOpenStore(t)
	a := simplePerson("甲", "办公室", 1)
	mustSave(t, s, Personnel, a)
	p := testPassport(a.ID, "E12345678")
	p.Set("custody", "已借出")
	err := s.Save(Passports, p)
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Fields["lent"] == "" || ve.Fields["due"] == "" {
		t.Fatalf("Save of a lent passport without dates: got %v, want errors on 借出日期 and 应还日期", err)
	}
	if !strings.Contains(err.Error(), "借出日期") {
		t.Errorf("message: got %q, want it to name 借出日期", err)
	}
	p.Set("lent", "2025-06-01")
	p.Set("due", "2025/6/20")
	mustSave(t, s, Passports, p)
	owned, err := s.SubRecords(Passports, a.ID)
	if err != nil || len(owned) != 1 || owned[0].OwnerID != a.ID || owned[0].Get("due") != "2025-06-20" {
		t.Errorf("SubRecords: got %+v, %v, want the passport of %d", owned, err, a.ID)
	}
	if owned, _ := s.SubRecords(Passports, a.ID+1); len(owned) != 0 {
		t.Errorf("SubRecords of another person: got %d, want 0", len(owned))
	}
}

func mustList(tb testing.TB, s *Store, reg *Register) []*Record {
	tb.Helper()
	recs, err := s.List(reg)
	if err != nil {
		tb.Fatalf("List %s: got error %v, want nil", reg.Key, err)
	}
	return recs
}

func mustAudit(tb testing.TB, s *Store) []AuditEntry {
	tb.Helper()
	log, err := s.AuditLog(0)
	if err != nil {
		tb.Fatalf("AuditLog: got error %v, want nil", err)
	}
	return log
}

func checkAudit(t *testing.T, got, want AuditEntry) {
	t.Helper()
	if got.Seq != want.Seq && want.Seq != 0 {
		t.Errorf("Seq: got %d, want %d", got.Seq, want.Seq)
	}
	if !got.Time.Equal(want.Time) {
		t.Errorf("Time: got %v, want %v", got.Time, want.Time)
	}
	if got.Operator != want.Operator {
		t.Errorf("Operator: got %q, want %q", got.Operator, want.Operator)
	}
	if got.Register != want.Register {
		t.Errorf("Register: got %q, want %q", got.Register, want.Register)
	}
	if got.RecordID != want.RecordID {
		t.Errorf("RecordID: got %d, want %d", got.RecordID, want.RecordID)
	}
	if got.Action != want.Action {
		t.Errorf("Action: got %q, want %q", got.Action, want.Action)
	}
	if !maps.Equal(got.Before, want.Before) {
		t.Errorf("Before: got %v, want %v", got.Before, want.Before)
	}
	if !maps.Equal(got.After, want.After) {
		t.Errorf("After: got %v, want %v", got.After, want.After)
	}
}

func equalIDs(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func sortedIDs(ids []uint64) []uint64 {
	out := append([]uint64(nil), ids...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

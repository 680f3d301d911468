package data

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// testPerson is a valid person with every field of the register set, some
// in the forms a clerk types; testPersonStored is the same as stored.
func testPerson() *Record {
	r := NewRecord()
	for k, v := range map[string]string{
		PsnName:        " 张晓红 ",
		PsnGender:      "女",
		PsnBirth:       "1949/12/31",
		PsnIDNo:        "11010519491231002x",
		PsnDept:        "保密办",
		"title":        "副处长",
		"post":         "机要员",
		PsnLevel:       "重要",
		"confirmed":    "2010年3月1日",
		"vetted":       "2010.2.15",
		"pledge":       "20100301",
		PsnReviewed:    "２０２３－０３－０１",
		PsnStatus:      StatusDeclass,
		PsnLeft:        "2025-01-10",
		PsnDeclassFrom: "2025-01-10",
		PsnDeclassTo:   "2027-01-10",
		"ethnic":       "汉族",
		"party":        "中共党员",
		"phone":        "13800138000",
		"education":    "大学本科",
		"declass_unit": "本单位保密办",
		"note":         "已签订离岗保密承诺书",
	} {
		r.Set(k, v)
	}
	return r
}

func testPersonStored() map[string]string {
	return map[string]string{
		PsnName:        "张晓红",
		PsnGender:      "女",
		PsnBirth:       "1949-12-31",
		PsnIDNo:        "11010519491231002X",
		PsnDept:        "保密办",
		"title":        "副处长",
		"post":         "机要员",
		PsnLevel:       "重要",
		"confirmed":    "2010-03-01",
		"vetted":       "2010-02-15",
		"pledge":       "2010-03-01",
		PsnReviewed:    "2023-03-01",
		PsnStatus:      StatusDeclass,
		PsnLeft:        "2025-01-10",
		PsnDeclassFrom: "2025-01-10",
		PsnDeclassTo:   "2027-01-10",
		"ethnic":       "汉族",
		"party":        "中共党员",
		"phone":        "13800138000",
		"education":    "大学本科",
		"declass_unit": "本单位保密办",
		"note":         "已签订离岗保密承诺书",
	}
}

// simplePerson is a valid person in post, named and numbered as given.
func simplePerson(name, dept string, seq int) *Record {
	first17 := fmt.Sprintf("31010419850601%03d", (seq*2+1)%1000) // a man born 1985-06-01
	r := NewRecord()
	r.Set(PsnName, name)
	r.Set(PsnIDNo, first17+string(IDCheckChar(first17)))
	r.Set(PsnDept, dept)
	r.Set(PsnLevel, "一般")
	r.Set(PsnStatus, StatusInPost)
	return r
}

func testPassport(owner uint64, number string) *Record {
	r := NewRecord()
	r.OwnerID = owner
	r.Set("type", "护照")
	r.Set("number", number)
	r.Set("issued", "2020-01-01")
	r.Set("expires", "2029-12-31")
	r.Set("custody", "集中保管")
	return r
}

func testTrip(owner uint64) *Record {
	r := NewRecord()
	r.OwnerID = owner
	r.Set("out", "2025-01-20")
	r.Set("back", "2025-01-30")
	r.Set("destination", "日本")
	return r
}

func mustSave(tb testing.TB, s *Store, reg *Register, r *Record) {
	tb.Helper()
	if err := s.Save(reg, r); err != nil {
		tb.Fatalf("Save %s: got error %v, want nil", reg.Key, err)
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

func TestStoreSettings(t *testing.T) {
	s := mustOpenStore(t)
	got, err := s.Settings()
	if err != nil {
		t.Fatal(err)
	}
	def := DefaultSettings()
	if !equalSettings(got, def) {
		t.Errorf("new file settings: got %+v, want %+v", got, def)
	}
	st := got.Clone()
	st.Unit = "某某市保密局"
	st.Departments = append(st.Departments, "后勤服务中心")
	st.Declass["核心"] = 5
	st.Review["一般"] = 4
	if err := s.SaveSettings(st); err != nil {
		t.Fatalf("SaveSettings: got %v, want nil", err)
	}
	if got.Declass["核心"] != 3 {
		t.Errorf("Clone: changing the copy changed the original (核心 %d)", got.Declass["核心"])
	}
	again, err := s.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if !equalSettings(again, st) {
		t.Errorf("settings round trip: got %+v, want %+v", again, st)
	}
	log := mustAudit(t, s)
	if len(log) != 1 || log[0].Register != "settings" || log[0].Action != ActionUpdate || log[0].Operator != testOperator ||
		!strings.Contains(log[0].After["settings"], "某某市保密局") || strings.Contains(log[0].Before["settings"], "某某市保密局") {
		t.Errorf("settings audit: got %+v, want one 修改 of settings with before and after", log)
	}

	for _, tc := range []struct {
		name   string
		change func(*Settings)
		key    string
	}{
		{"duplicate department", func(st *Settings) { st.Departments = append(st.Departments, "办公室") }, "departments"},
		{"empty department", func(st *Settings) { st.Departments = append(st.Departments, "") }, "departments"},
		{"declass too long", func(st *Settings) { st.Declass["一般"] = 31 }, "declass.一般"},
		{"declass negative", func(st *Settings) { st.Declass["重要"] = -1 }, "declass.重要"},
		{"review negative", func(st *Settings) { st.Review["核心"] = -1 }, "review.核心"},
		{"review too long", func(st *Settings) { st.Review["一般"] = 99 }, "review.一般"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := again.Clone()
			tc.change(&bad)
			err := s.SaveSettings(bad)
			var fe FieldErrors
			if !errors.As(err, &fe) || fe[tc.key] == "" {
				t.Fatalf("SaveSettings: got %v, want FieldErrors on %s", err, tc.key)
			}
			if now, _ := s.Settings(); !equalSettings(now, st) {
				t.Errorf("settings after a refused save: got %+v, want %+v", now, st)
			}
		})
	}
}

func equalSettings(a, b Settings) bool {
	return a.Unit == b.Unit && strings.Join(a.Departments, "|") == strings.Join(b.Departments, "|") &&
		maps.Equal(a.Declass, b.Declass) && maps.Equal(a.Review, b.Review)
}

func TestStoreRenameDepartment(t *testing.T) {
	s := mustOpenStore(t)
	a, b, c := simplePerson("甲", "办公室", 1), simplePerson("乙", "办公室", 2), simplePerson("丙", "保密办", 3)
	for _, r := range []*Record{a, b, c} {
		mustSave(t, s, Personnel, r)
	}
	before := len(mustAudit(t, s))
	later := testNow.Add(time.Hour)
	setClock(s, later)
	if err := s.RenameDepartment("办公室", "综合办公室"); err != nil {
		t.Fatalf("RenameDepartment: got %v, want nil", err)
	}
	st, _ := s.Settings()
	if st.Departments[0] != "综合办公室" || len(st.Departments) != len(DefaultSettings().Departments) {
		t.Errorf("departments: got %v, want 综合办公室 in place of 办公室", st.Departments)
	}
	for _, tc := range []struct {
		r    *Record
		want string
	}{{a, "综合办公室"}, {b, "综合办公室"}, {c, "保密办"}} {
		got, _ := s.Get(Personnel, tc.r.ID)
		if got.Get(PsnDept) != tc.want {
			t.Errorf("%s 部门: got %q, want %q", tc.r.Get(PsnName), got.Get(PsnDept), tc.want)
		}
		if wantUpdated := tc.want != "保密办"; got.Updated.Equal(later) != wantUpdated {
			t.Errorf("%s Updated: got %v, want changed=%v", tc.r.Get(PsnName), got.Updated, wantUpdated)
		}
	}
	log := mustAudit(t, s)
	entries := log[:len(log)-before]
	if len(entries) != 3 {
		t.Fatalf("audit entries of the rename: got %d, want 3 (settings and 2 persons)", len(entries))
	}
	recordIDs := map[uint64]bool{}
	for _, e := range entries {
		if e.Action != ActionUpdate || !e.Time.Equal(later) || e.Operator != testOperator {
			t.Errorf("entry %+v: want a 修改 at %v by %s", e, later, testOperator)
		}
		if e.Register == "settings" {
			continue
		}
		recordIDs[e.RecordID] = true
		if e.Register != Personnel.Key || e.Before[PsnDept] != "办公室" || e.After[PsnDept] != "综合办公室" {
			t.Errorf("entry %+v: want personnel 部门 办公室 → 综合办公室", e)
		}
	}
	if !recordIDs[a.ID] || !recordIDs[b.ID] {
		t.Errorf("audited records: got %v, want %d and %d", recordIDs, a.ID, b.ID)
	}
	if used, err := s.DepartmentInUse("办公室"); err != nil || used {
		t.Errorf("DepartmentInUse(办公室): got %v, %v, want false", used, err)
	}
	if used, err := s.DepartmentInUse("综合办公室"); err != nil || !used {
		t.Errorf("DepartmentInUse(综合办公室): got %v, %v, want true", used, err)
	}

	for _, tc := range []struct{ name, old, new, want string }{
		{"unknown department", "不存在的处", "新处", "部门“不存在的处”不存在"},
		{"to an existing name", "保密办", "综合办公室", "部门“综合办公室”重复"},
		{"to an empty name", "保密办", "", "部门名称不能为空"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := len(mustAudit(t, s))
			err := s.RenameDepartment(tc.old, tc.new)
			if err == nil {
				t.Fatalf("RenameDepartment(%q, %q): got nil, want an error", tc.old, tc.new)
			}
			if err.Error() != tc.want { // what the clerk reads: no field key
				t.Errorf("message: got %q, want %q", err.Error(), tc.want)
			}
			if got := len(mustAudit(t, s)); got != n {
				t.Errorf("audit entries: got %d, want %d", got, n)
			}
			if got, _ := s.Get(Personnel, c.ID); got.Get(PsnDept) != "保密办" {
				t.Errorf("丙 部门: got %q, want 保密办", got.Get(PsnDept))
			}
		})
	}
}

func TestStoreReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "台账.db")
	s, err := Open(path, 500*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	setClock(s, testNow)
	s.Operator = testOperator
	r := testPerson()
	if err := s.Save(Personnel, r); err != nil {
		t.Fatal(err)
	}
	p := testPassport(r.ID, "E12345678")
	if err := s.Save(Passports, p); err != nil {
		t.Fatal(err)
	}
	st, _ := s.Settings()
	st.Unit = "某某单位"
	if err := s.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: got %v, want nil", err)
	}

	s2 := mustOpenStoreAt(t, path)
	got, err := s2.Get(Personnel, r.ID)
	if err != nil {
		t.Fatalf("Get after reopen: got %v, want the record", err)
	}
	if !maps.Equal(got.Map(), testPersonStored()) || !got.Created.Equal(testNow) {
		t.Errorf("person after reopen: got %+v, want %v created %v", got, testPersonStored(), testNow)
	}
	owned, err := s2.SubRecords(Passports, r.ID)
	if err != nil || len(owned) != 1 || owned[0].Get("number") != "E12345678" {
		t.Errorf("passports after reopen: got %+v, %v, want E12345678", owned, err)
	}
	if st2, _ := s2.Settings(); st2.Unit != "某某单位" {
		t.Errorf("Unit after reopen: got %q, want 某某单位", st2.Unit)
	}
	if n := len(mustAudit(t, s2)); n != 3 {
		t.Errorf("audit after reopen: got %d entries, want 3", n)
	}
	// The sequence goes on where it was.
	r2 := simplePerson("乙", "办公室", 2)
	mustSave(t, s2, Personnel, r2)
	if r2.ID != 2 {
		t.Errorf("next id after reopen: got %d, want 2", r2.ID)
	}
	if s2.Path() != path {
		t.Errorf("Path: got %s, want %s", s2.Path(), path)
	}
}

func TestStoreLocked(t *testing.T) {
	s := mustOpenStore(t)
	path := s.Path()
	start := time.Now()
	s2, err := Open(path, 500*time.Millisecond)
	elapsed := time.Since(start)
	if err == nil {
		s2.Close()
		t.Fatal("second Open: got a store, want ErrLocked")
	}
	if !errors.Is(err, ErrLocked) {
		t.Errorf("second Open: got %v, want ErrLocked", err)
	}
	if elapsed > 2*time.Second {
		t.Errorf("second Open took %v, want under 2s", elapsed)
	}
	// Once the first is closed the file opens again.
	s.Close()
	s3, err := Open(path, 500*time.Millisecond)
	if err != nil {
		t.Fatalf("Open after Close: got %v, want a store", err)
	}
	s3.Close()
}

func TestStoreDamaged(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	random := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.UintN(256))
		}
		return b
	}
	// A bbolt file of another program whose meta bucket is not ours.
	foreign := func(t *testing.T, path string, schema []byte) {
		db, err := bolt.Open(path, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		err = db.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucket(bucketMeta)
			if err != nil {
				return err
			}
			return b.Put(keySchema, schema)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name  string
		write func(t *testing.T, path string)
	}{
		{"short text file", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("姓名,身份证号码\n张三,11010519491231002X\n"), 0o600)
		}},
		{"text file of 3 pages", func(t *testing.T, path string) {
			os.WriteFile(path, []byte(strings.Repeat("保密台账 data file? no.\n", 500)), 0o600)
		}},
		{"random 100 bytes", func(t *testing.T, path string) { os.WriteFile(path, random(100), 0o600) }},
		{"random 5000 bytes", func(t *testing.T, path string) { os.WriteFile(path, random(5000), 0o600) }},
		{"random 64 KiB", func(t *testing.T, path string) { os.WriteFile(path, random(64<<10), 0o600) }},
		{"random 1 MiB", func(t *testing.T, path string) { os.WriteFile(path, random(1<<20), 0o600) }},
		{"zeros 16 KiB", func(t *testing.T, path string) { os.WriteFile(path, make([]byte, 16<<10), 0o600) }},
		{"bbolt file with a bad schema", func(t *testing.T, path string) { foreign(t, path, []byte("x")) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "损坏.db")
			tc.write(t, path)
			s, err := Open(path, 500*time.Millisecond)
			if err == nil {
				s.Close()
				t.Fatal("Open: got a store, want ErrDamaged")
			}
			if !errors.Is(err, ErrDamaged) {
				t.Errorf("Open: got %v, want an error wrapping ErrDamaged", err)
			}
		})
	}

	t.Run("newer schema", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "新版.db")
		foreign(t, path, u64(schemaVersion+1))
		s, err := Open(path, 500*time.Millisecond)
		if err == nil {
			s.Close()
			t.Fatal("Open: got a store, want an error")
		}
		if !strings.Contains(err.Error(), "较新版本") {
			t.Errorf("Open: got %v, want a message about a newer version", err)
		}
	})
	t.Run("empty file is a new data file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "空.db")
		os.WriteFile(path, nil, 0o600)
		s := mustOpenStoreAt(t, path)
		if n := len(mustList(t, s, Personnel)); n != 0 {
			t.Errorf("List: got %d, want 0", n)
		}
	})
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

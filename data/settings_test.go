package data

import (
	"errors"
	"maps"
	"strings"
	"testing"
	"time"
)

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
	st.Declass["核心"] = 60
	st.Review["一般"] = 4
	if err := s.SaveSettings(st); err != nil {
		t.Fatalf("SaveSettings: got %v, want nil", err)
	}
	if got.Declass["核心"] != 36 {
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
		{"declass too long", func(st *Settings) { st.Declass["一般"] = 361 }, "declass.一般"},
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

func equalSettings(a, b Settings) bool {
	return a.Unit == b.Unit && strings.Join(a.Departments, "|") == strings.Join(b.Departments, "|") &&
		maps.Equal(a.Declass, b.Declass) && maps.Equal(a.Review, b.Review)
}

// TestDefaultLimits checks that the limits, now declared by their
// registers, keep the keys and defaults stored files already hold, and
// that no two declare one key.
func TestDefaultLimits(t *testing.T) {
	want := map[string]int{
		"case.inquiry_months": 2, "case.close_months": 3, "case.report_hours": 24,
		"training.min_hours": 0, "backup.keep": 14, "task.silent_days": 30,
		"disclosure.review_days": 5, "carrier.lost_days_top": 10, "carrier.lost_days": 60,
		"device.check_months": 12,
	}
	got := DefaultLimits()
	for key, v := range want {
		t.Run(key, func(t *testing.T) {
			if d, ok := got[key]; !ok || d != v {
				t.Errorf("got %d (present %v), want %d", d, ok, v)
			}
		})
	}
	seen := map[string]string{}
	for _, l := range ProgramLimits() {
		seen[l.Key] = "program"
	}
	for _, reg := range withSubs(Registers()) {
		for _, l := range reg.Limits {
			if by, dup := seen[l.Key]; dup {
				t.Errorf("limit %q: declared by %s and %s", l.Key, by, reg.Name)
			}
			seen[l.Key] = reg.Name
			if l.Label == "" {
				t.Errorf("limit %q of %s: no label", l.Key, reg.Name)
			}
		}
	}
}

// TestServedRegisterLimits checks that the settings of a store serving a
// register of its own carry that register's limit with its default, and
// that its rules read the stored value.
func TestServedRegisterLimits(t *testing.T) {
	s := mustOpenStore(t)
	l := Limit{Key: "test.days", Label: "测试天数", Default: 7}
	reg := &Register{Key: "testlimits", Name: "测试", Fields: []Field{{Key: "t", Label: "事项", Kind: KindText}}, Limits: []Limit{l}}
	if err := s.ServeRegisters(append(Registers(), reg)); err != nil {
		t.Fatal(err)
	}
	st, err := s.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Limits[l.Key]; got != 7 {
		t.Fatalf("default: got %d, want 7", got)
	}
	st.Limits[l.Key] = 0
	if err := s.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	env, err := s.Env()
	if err != nil {
		t.Fatal(err)
	}
	if got := env.Limit(l); got != 0 {
		t.Errorf("saved: got %d, want 0", got)
	}
	if got := (Env{}).Limit(l); got != 7 {
		t.Errorf("without settings: got %d, want the default 7", got)
	}
}

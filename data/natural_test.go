package data

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestSaveRefusesSecondKey reproduces one 身份证号码 saved as three
// persons: the second and third are refused, naming the first.
func TestSaveRefusesSecondKey(t *testing.T) {
	s := mustOpenStore(t)
	first := simplePerson("张三", "办公室", 1)
	mustSave(t, s, Personnel, first)
	tests := []struct {
		name string
		edit func(r *Record)
	}{
		{"same number", func(r *Record) {}},
		{"lower-case x and spaces", func(r *Record) { r.Set(PsnIDNo, " "+strings.ToLower(r.Get(PsnIDNo))+" ") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := simplePerson("李四", "保密办", 1)
			tt.edit(r)
			err := s.Save(Personnel, r)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("got %v, want a ValidationError", err)
			}
			if got := ve.Fields[PsnIDNo]; !strings.Contains(got, "“张三”") {
				t.Errorf("got %q, want the existing record 张三 named", got)
			}
			if n := len(mustList(t, s, Personnel)); n != 1 {
				t.Errorf("got %d persons, want 1", n)
			}
		})
	}
	// Saving the first again (an edit) is no duplicate of itself.
	first.Set("note", "改")
	if err := s.Save(Personnel, first); err != nil {
		t.Errorf("editing the record: got %v, want it saved", err)
	}
}

// TestDuplicatesMarked: a file that took duplicates before the key held
// shows them under 提示.
func TestDuplicatesMarked(t *testing.T) {
	s := mustOpenStore(t)
	a, b, c := simplePerson("张三", "办公室", 1), simplePerson("张叁", "办公室", 1), simplePerson("王五", "办公室", 2)
	if err := s.SaveAll(Personnel, []*Record{a, b, c}); err != nil {
		t.Fatal(err)
	}
	recs, err := s.Load(Personnel, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"张三": "身份证号码与“张叁”重复", "张叁": "身份证号码与“张三”重复", "王五": ""}
	for _, r := range recs {
		if got := r.Get(KeyMarks); !strings.Contains(got, want[r.Get(PsnName)]) || want[r.Get(PsnName)] == "" && strings.Contains(got, "重复") {
			t.Errorf("%s: got marks %q, want %q", r.Get(PsnName), got, want[r.Get(PsnName)])
		}
	}
}

// TestImportAllOrNothing: a batch with one bad record writes nothing; a
// good one writes every record, its audit entries and the import's own.
func TestImportAllOrNothing(t *testing.T) {
	s := mustOpenStore(t)
	bad := simplePerson("坏", "办公室", 3)
	bad.Set(PsnLevel, "特级")
	err := s.Import(context.Background(), &ImportBatch{Register: Personnel, Records: []*Record{simplePerson("甲", "办公室", 1), bad}})
	if err == nil {
		t.Fatal("got nil, want the bad record refused")
	}
	if n := len(mustList(t, s, Personnel)); n != 0 {
		t.Fatalf("got %d persons after a failed import, want 0", n)
	}
	before := len(mustAudit(t, s))
	b := &ImportBatch{Register: Personnel, File: "台账.xlsx", Sheet: "Sheet1", Skipped: 2, Refused: 1,
		Records: []*Record{simplePerson("甲", "办公室", 1), simplePerson("乙", "新部门", 2)}, Departments: []string{"新部门"}}
	if err := s.Import(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	if n := len(mustList(t, s, Personnel)); n != 2 {
		t.Fatalf("got %d persons, want 2", n)
	}
	log := mustAudit(t, s)
	// two records, the settings (新部门), the import
	if got := len(log) - before; got != 4 {
		t.Errorf("got %d audit entries, want 4", got)
	}
	imp := log[0]
	if imp.Action != ActionImport || imp.After["文件"] != "台账.xlsx" || imp.After["新增"] != "2" || imp.After["跳过"] != "2" || imp.After["未导入"] != "1" {
		t.Errorf("got import entry %+v", imp)
	}
	st, _ := s.Settings()
	if !strings.Contains(strings.Join(st.Departments, ","), "新部门") {
		t.Errorf("got departments %v, want 新部门 added", st.Departments)
	}
	// The same key again is refused by the store too.
	if err := s.Import(context.Background(), &ImportBatch{Register: Personnel, Records: []*Record{simplePerson("丙", "办公室", 1)}}); err == nil {
		t.Error("got nil, want a second record with the key refused")
	}
}

// TestImportCancel: a cancelled import writes nothing.
func TestImportCancel(t *testing.T) {
	s := mustOpenStore(t)
	var recs []*Record
	for i := range 600 {
		recs = append(recs, simplePerson("人", "办公室", i))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Import(ctx, &ImportBatch{Register: Personnel, Records: recs}); !errors.Is(err, ErrCancelled) {
		t.Fatalf("got %v, want ErrCancelled", err)
	}
	if n := len(mustList(t, s, Personnel)); n != 0 {
		t.Errorf("got %d persons, want 0", n)
	}
	for _, r := range recs {
		if r.ID != 0 {
			t.Fatal("got an id kept from the rolled-back transaction")
		}
	}
}

package data

import (
	"errors"
	"maps"
	"testing"
)

func mustLastTx(t *testing.T, s *Store) uint64 {
	t.Helper()
	tx, err := s.LastTx()
	if err != nil || tx == 0 {
		t.Fatalf("LastTx: got %d, %v", tx, err)
	}
	return tx
}

// TestUndoRedo undoes and redoes a new record, an edit and a delete with
// its sub-records, each as the clerk would with Ctrl+Z and Ctrl+Y.
func TestUndoRedo(t *testing.T) {
	s := mustOpenStore(t)
	p := simplePerson("张三", "办公室", 1)
	mustSave(t, s, Personnel, p)
	created := mustLastTx(t, s)

	undone, err := s.Undo(created)
	if err != nil {
		t.Fatalf("Undo of the new record: %v", err)
	}
	if _, err := s.Get(Personnel, p.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after undo: got %v, want the record gone", err)
	}
	if _, err := s.Undo(undone); err != nil { // 重做
		t.Fatalf("redo: %v", err)
	}
	back, err := s.Get(Personnel, p.ID)
	if err != nil || back.Get(PsnName) != "张三" {
		t.Fatalf("after redo: got %v %v, want 张三 with id %d", back, err, p.ID)
	}

	edit := back.Clone()
	edit.Set(PsnName, "张叁")
	mustSave(t, s, Personnel, edit)
	if _, err := s.Undo(mustLastTx(t, s)); err != nil {
		t.Fatalf("Undo of the edit: %v", err)
	}
	if got, _ := s.Get(Personnel, p.ID); got.Get(PsnName) != "张三" {
		t.Errorf("after undoing the edit: got %q, want 张三", got.Get(PsnName))
	}

	pass := testPassport(p.ID, "E12345678")
	mustSave(t, s, Passports, pass)
	want := map[string]map[string]string{"p": mustGet(t, s, Personnel, p.ID).Map(), "pass": mustGet(t, s, Passports, pass.ID).Map()}
	if err := s.Delete(Personnel, p.ID); err != nil {
		t.Fatal(err)
	}
	gone, err := s.Deleted(0)
	if err != nil || len(gone) != 1 || gone[0].RecordID != p.ID {
		t.Fatalf("Deleted: got %v %v, want the one person", gone, err)
	}
	if _, err := s.RestoreDeleted(gone[0]); err != nil {
		t.Fatalf("RestoreDeleted: %v", err)
	}
	if got := mustGet(t, s, Personnel, p.ID).Map(); !maps.Equal(got, want["p"]) {
		t.Errorf("restored person: got %v, want %v", got, want["p"])
	}
	gotPass := mustGet(t, s, Passports, pass.ID)
	if !maps.Equal(gotPass.Map(), want["pass"]) || gotPass.OwnerID != p.ID {
		t.Errorf("restored passport: got %v (parent %d), want %v under %d", gotPass.Map(), gotPass.OwnerID, want["pass"], p.ID)
	}
	if gone, _ := s.Deleted(0); len(gone) != 0 {
		t.Errorf("Deleted after restoring: got %d, want 0", len(gone))
	}
	log := mustAudit(t, s)
	if log[0].Undo == 0 {
		t.Error("the restore is not audited as an undo")
	}
}

// TestUndoRefusesLaterWork: undoing a change a later one built on writes
// nothing.
func TestUndoRefusesLaterWork(t *testing.T) {
	s := mustOpenStore(t)
	p := simplePerson("李四", "办公室", 2)
	mustSave(t, s, Personnel, p)
	created := mustLastTx(t, s)
	edit := mustGet(t, s, Personnel, p.ID).Clone()
	edit.Set(PsnName, "李肆")
	mustSave(t, s, Personnel, edit)
	entries := len(mustAudit(t, s))
	if _, err := s.Undo(created); !errors.Is(err, ErrUndoConflict) {
		t.Errorf("Undo of the creation after an edit: got %v, want ErrUndoConflict", err)
	}
	if got := mustGet(t, s, Personnel, p.ID).Get(PsnName); got != "李肆" {
		t.Errorf("name: got %q, want 李肆 (untouched)", got)
	}
	if n := len(mustAudit(t, s)); n != entries {
		t.Errorf("audit entries: got %d, want %d", n, entries)
	}
}

// TestUndoSettings undoes a settings change.
func TestUndoSettings(t *testing.T) {
	s := mustOpenStore(t)
	st, _ := s.Settings()
	st.Unit = "某某局"
	if err := s.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(mustLastTx(t, s)); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Settings(); got.Unit != "" {
		t.Errorf("单位名称 after undo: got %q, want none", got.Unit)
	}
}

func mustGet(t *testing.T, s *Store, reg *Register, id uint64) *Record {
	t.Helper()
	r, err := s.Get(reg, id)
	if err != nil {
		t.Fatalf("Get %s %d: %v", reg.Key, id, err)
	}
	return r
}

package data

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// fillSample writes n persons, each with a 证件: a small ledger with
// sub-records, in one transaction. (The demo
// lives in package demo, which imports this one.)
func fillSample(tb testing.TB, s *Store, n int) {
	tb.Helper()
	err := s.Batch(func(b *Batch) error {
		people := make([]*Record, n)
		for i := range people {
			people[i] = simplePerson(fmt.Sprintf("样本%d", i), "办公室", i)
		}
		if err := b.SaveAll(Personnel, people); err != nil {
			return err
		}
		docs := make([]*Record, n)
		for i, p := range people {
			docs[i] = testPassport(p.ID, fmt.Sprintf("E%08d", i))
		}
		return b.SaveAll(Passports, docs)
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// ledgerDump is everything a ledger holds, to compare two files.
func ledgerDump(tb testing.TB, s *Store) map[string][]map[string]string {
	tb.Helper()
	out := map[string][]map[string]string{}
	for _, reg := range allRegisters() {
		for _, r := range mustList(tb, s, reg) {
			m := r.Map()
			m["#id"] = strings.Repeat("x", int(r.ID%7)) // ids matter too
			out[reg.Key] = append(out[reg.Key], m)
		}
	}
	for _, e := range mustAudit(tb, s) {
		out["audit"] = append(out["audit"], map[string]string{"action": e.Action, "register": e.Register, "time": e.Time.String()})
	}
	st, err := s.Settings()
	if err != nil {
		tb.Fatal(err)
	}
	out["settings"] = []map[string]string{{"unit": st.Unit, "depts": strings.Join(st.Departments, ",")}}
	return out
}

// TestBackupWhileOpenRestoresIdentical backs up the file the window holds
// open (and goes on writing) and restores it beside: the ledger is the same
// as when the backup was taken, and the backup checks clean.
func TestBackupWhileOpenRestoresIdentical(t *testing.T) {
	dir := t.TempDir()
	s := mustOpenStoreAt(t, filepath.Join(dir, "台账.db"))
	fillSample(t, s, 40)
	want := ledgerDump(t, s)
	backup, err := s.Backup(filepath.Join(dir, "U盘"))
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}
	// The window goes on: a change after the backup is not in it.
	mustSave(t, s, Personnel, simplePerson("备份后", "办公室", 900))

	sum, err := os.ReadFile(backup + ".sha256")
	if err != nil {
		t.Fatalf("the .sha256 beside the backup: %v", err)
	}
	if got, _ := fileSHA256(backup); !strings.HasPrefix(string(sum), got+"  "+filepath.Base(backup)) {
		t.Errorf(".sha256: got %q, want the backup's SHA-256 %s and its name", sum, got)
	}
	if err := VerifyBackup(backup); err != nil {
		t.Fatalf("VerifyBackup: %v", err)
	}

	target := filepath.Join(dir, "恢复", "台账.db")
	aside, err := Restore(target, backup, testNow)
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if aside != "" {
		t.Errorf("Restore into a new place: got aside %q, want none", aside)
	}
	r := mustOpenStoreAt(t, target)
	if got := ledgerDump(t, r); !reflect.DeepEqual(got, want) {
		t.Errorf("restored ledger differs from the one backed up")
	}
	if err := r.Check(); err != nil {
		t.Errorf("Check of the restored file: %v", err)
	}
}

func TestRestore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "台账.db")
	s := mustOpenStoreAt(t, path)
	mustSave(t, s, Personnel, simplePerson("甲", "办公室", 1))
	backup, err := s.Backup(BackupDir(path))
	if err != nil {
		t.Fatal(err)
	}
	mustSave(t, s, Personnel, simplePerson("乙", "办公室", 2))

	t.Run("refused while the window holds the file", func(t *testing.T) {
		if _, err := Restore(path, backup, testNow); !errors.Is(err, ErrLocked) {
			t.Errorf("Restore: got %v, want ErrLocked", err)
		}
	})
	s.Close()
	before, _ := os.ReadFile(path)

	t.Run("a backup that does not verify is refused", func(t *testing.T) {
		bad := filepath.Join(dir, "坏备份.db")
		b, _ := os.ReadFile(backup)
		b[len(b)-100] ^= 0xff // one byte flipped: the SHA-256 no longer matches
		os.WriteFile(bad, b, 0o600)
		sum, _ := os.ReadFile(backup + ".sha256")
		os.WriteFile(bad+".sha256", sum, 0o600)
		if _, err := Restore(path, bad, testNow); err == nil || !strings.Contains(err.Error(), "SHA-256") {
			t.Errorf("Restore: got %v, want a SHA-256 mismatch", err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
			t.Error("the data file changed")
		}
	})
	t.Run("restores and keeps the current file aside", func(t *testing.T) {
		aside, err := Restore(path, backup, testNow)
		if err != nil {
			t.Fatalf("Restore: %v", err)
		}
		if kept, _ := os.ReadFile(aside); !bytes.Equal(kept, before) {
			t.Errorf("the file kept aside (%s) is not the one replaced", aside)
		}
		r := mustOpenStoreAt(t, path)
		if got := len(mustList(t, r, Personnel)); got != 1 {
			t.Errorf("persons after restore: got %d, want 1", got)
		}
	})
}

func TestPruneBackups(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "台账.db")
	s := mustOpenStoreAt(t, path)
	now := testNow
	s.Now = func() time.Time { return now }
	for i := range 50 {
		now = testNow.AddDate(0, 0, i)
		if _, err := s.AutoBackup(3); err != nil {
			t.Fatal(err)
		}
	}
	all, err := Backups(path, BackupDir(path))
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 {
		t.Fatalf("backups kept: got %d, want 3", len(all))
	}
	if got, want := all[0].Time.Format(DateLayout), now.Format(DateLayout); got != want {
		t.Errorf("newest backup: got %s, want %s", got, want)
	}
	if _, err := os.Stat(all[2].Path + ".sha256"); err != nil {
		t.Errorf("a kept backup lost its .sha256: %v", err)
	}
	files, _ := os.ReadDir(BackupDir(path))
	if len(files) != 6 {
		t.Errorf("files in 备份: got %d, want 6 (3 backups and their .sha256)", len(files))
	}
	if p, err := s.BackupIfDue(3); err != nil || p != "" {
		t.Errorf("BackupIfDue the same day: got %q, %v, want no backup", p, err)
	}
	now = now.AddDate(0, 0, 1)
	if p, err := s.BackupIfDue(3); err != nil || p == "" {
		t.Errorf("BackupIfDue the next day: got %q, %v, want a backup", p, err)
	}
}

// damageKinds are the ways TestDamagedFilesRefused spoils a good file.
var damageKinds = []string{"random page", "truncated", "zero bytes", "both meta pages", "page header"}

// damage spoils the file at path as kind says, drawing from rng.
func damage(tb testing.TB, path, kind string, rng *rand.Rand) {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	const page = 4096
	pages, hwm := usedPages(tb, path)
	noise := func(n int) []byte {
		x := make([]byte, n)
		for i := range x {
			x[i] = byte(rng.UintN(256))
		}
		return x
	}
	switch kind {
	case "random page":
		p := pages[rng.IntN(len(pages))]
		copy(b[p*page:(p+1)*page], noise(page))
	case "page header": // its id or overflow count: bbolt's check looped on these
		p := pages[rng.IntN(len(pages))]
		at := []int{0, 1, 2, 3, 12, 13, 14, 15}[rng.IntN(8)]
		b[p*page+at] ^= byte(1 + rng.UintN(255))
	case "truncated":
		b = b[:1+rng.IntN(hwm*page-1)]
	case "zero bytes":
		b = nil
	case "both meta pages":
		copy(b[:2*page], noise(2*page))
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		tb.Fatal(err)
	}
}

// usedPages are the branch and leaf pages a file's trees use (where a
// spoiled page is damage, not a free page), and its high-water mark.
func usedPages(tb testing.TB, path string) ([]int, int) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, PreLoadFreelist: true})
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var pages []int
	hwm := 0
	db.View(func(tx *bolt.Tx) error {
		hwm = int(tx.Size() / 4096)
		for id := 2; id < hwm; id++ {
			info, err := tx.Page(id)
			if err != nil || info == nil {
				continue
			}
			if info.Type == "branch" || info.Type == "leaf" {
				pages = append(pages, id)
			}
			id += info.OverflowCount
		}
		return nil
	})
	return pages, hwm
}

// TestDamagedFilesRefused spoils a good file 50 times — a page of random
// bytes, truncation, zero bytes, both meta pages, a page header — and opens it as the
// window does (then checks it, as the window does in the background): no
// crash, ErrDamaged, the file's bytes unchanged, and the newest backup
// that verifies is offered.
func TestDamagedFilesRefused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "台账.db")
	s := mustOpenStoreAt(t, path)
	fillSample(t, s, 60)
	if _, err := s.Backup(BackupDir(path)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	newest, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A newer backup that is itself damaged is passed over.
	bad := filepath.Join(BackupDir(path), "台账-"+time.Now().Add(time.Hour).Format(backupStamp)+".db")
	os.WriteFile(bad, newest[:len(newest)/2], 0o600)
	want, _ := Backups(path, BackupDir(path))
	rng := rand.New(rand.NewPCG(9, 9))
	for i := range 50 {
		kind := damageKinds[i%len(damageKinds)]
		t.Run(kind, func(t *testing.T) {
			os.WriteFile(path, newest, 0o600)
			damage(t, path, kind, rng)
			before, _ := os.ReadFile(path)
			s, err := Open(path, time.Second)
			if err == nil {
				err = s.Check()
				if werr := s.Save(Personnel, simplePerson("不该写入", "办公室", i)); werr == nil {
					t.Error("Save on a file that failed its check: got nil, want an error")
				}
				s.Close()
			}
			t.Logf("%s: %v", kind, err)
			if !errors.Is(err, ErrDamaged) {
				t.Fatalf("open and check: got %v, want ErrDamaged", err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
				t.Errorf("the damaged file was written to (%d bytes before, %d after)", len(before), len(after))
			}
			b, ok := NewestGoodBackup(path)
			if !ok || b.Path != want[1].Path {
				t.Errorf("NewestGoodBackup: got %v %v, want %s", b.Path, ok, want[1].Path)
			}
		})
	}
}

// TestBackupsSameSecond: two backups in one second keep both, newest first.
func TestBackupsSameSecond(t *testing.T) {
	path := filepath.Join(t.TempDir(), "台账.db")
	s := mustOpenStoreAt(t, path)
	first, err := s.Backup(BackupDir(path))
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.Backup(BackupDir(path))
	if err != nil {
		t.Fatal(err)
	}
	all, _ := Backups(path, BackupDir(path))
	if len(all) != 2 || all[0].Path != second || all[1].Path != first {
		t.Errorf("Backups: got %v, want %s then %s", all, second, first)
	}
}

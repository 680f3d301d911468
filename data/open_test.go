package data

import (
	"errors"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

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
	// A 0-byte file is most likely a ledger cut short: it is refused and
	// left as it is, never turned into a new, empty ledger.
	t.Run("empty file is refused", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "空.db")
		os.WriteFile(path, nil, 0o600)
		s, err := Open(path, 500*time.Millisecond)
		if err == nil {
			s.Close()
			t.Fatal("Open: got a store, want ErrDamaged")
		}
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "0 字节") {
			t.Errorf("Open: got %v, want ErrDamaged saying the file is empty", err)
		}
		if fi, _ := os.Stat(path); fi.Size() != 0 {
			t.Errorf("size after Open: got %d, want 0", fi.Size())
		}
	})
	t.Run("missing file is not created unless asked", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "没有", "t.db")
		for _, o := range []OpenOptions{{Timeout: time.Second}, {Timeout: time.Second, ReadOnly: true}} {
			s, err := OpenFile(path, o)
			if err == nil {
				s.Close()
				t.Fatalf("OpenFile(%+v): got a store, want ErrMissing", o)
			}
			if !errors.Is(err, ErrMissing) {
				t.Errorf("OpenFile(%+v): got %v, want ErrMissing", o, err)
			}
			if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("OpenFile(%+v) created the folder", o)
			}
		}
	})
}

package data

import (
	"compress/gzip"
	"io"
	"maps"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// v1File copies testdata/demo-v1.db.gz — what `taizhang demo -n 40 -seed 7`
// wrote with the format-1 program (commit 072fbb3, before 复查记录) — to a
// temporary file.
func v1File(t *testing.T) string {
	t.Helper()
	in, err := os.Open(filepath.Join("testdata", "demo-v1.db.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	zr, err := gzip.NewReader(in)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "台账.db")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, zr); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestMigrateV1 opens a file written by the format-1 program: it is
// upgraded in one go, every finding it had closed keeps the 复查 that
// closed it as a 复查记录 (通过), every record still passes its rules, and
// nothing else changed.
func TestMigrateV1(t *testing.T) {
	path := v1File(t)
	before := map[string]map[uint64]map[string]string{}
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.View(func(tx *bolt.Tx) error {
		if v := uint64FromBytes(tx.Bucket(bucketMeta).Get(keySchema)); v != 1 {
			t.Fatalf("testdata schema: got %d, want 1", v)
		}
		for _, reg := range allRegisters() {
			b := tx.Bucket([]byte(reg.Key))
			if b == nil {
				continue
			}
			before[reg.Key] = map[uint64]map[string]string{}
			b.ForEach(func(k, v []byte) error {
				r, err := unmarshalRecord(v)
				if err != nil {
					t.Fatal(err)
				}
				before[reg.Key][r.ID] = r.Map()
				return nil
			})
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	s := mustOpenStoreAt(t, path)
	closed := 0
	for id, f := range before[Findings.Key] {
		if f[FndStatus] != FindingClosed {
			continue
		}
		closed++
		revs, err := s.SubRecords(Reviews, id)
		if err != nil || len(revs) != 1 {
			t.Fatalf("finding %d: got %d 复查, %v; want the one that closed it", id, len(revs), err)
		}
		r := revs[0]
		if r.Get(RevDate) != f[FndChecked] || r.Get(RevChecker) != f[FndChecker] || r.Get(RevVerdict) != ReviewPass {
			t.Errorf("finding %d: 复查 %v, want %s %s 通过", id, r.Map(), f[FndChecked], f[FndChecker])
		}
	}
	if closed == 0 {
		t.Fatal("the format-1 demo has no closed finding to migrate")
	}
	if revs, _ := s.List(Reviews); len(revs) != closed {
		t.Errorf("复查记录: got %d, want %d (one per closed finding)", len(revs), closed)
	}
	env, err := s.Env()
	if err != nil {
		t.Fatal(err)
	}
	moved := 0
	for _, reg := range Registers() {
		for _, sub := range append([]*Register{reg}, reg.Subs...) {
			recs, err := s.List(sub)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range recs {
				want := before[sub.Key][r.ID]
				got := r.Map()
				if sub == Findings && want[FndStatus] == FindingClosed {
					want = maps.Clone(want)
					want[FndVerdict] = ReviewPass
				}
				if sub == Personnel && (want[PsnStatus] == "调离" || want[PsnStatus] == "退休") {
					want = migratedPerson(t, want, env.Settings)
					moved++
				}
				if !maps.Equal(got, want) {
					t.Errorf("%s %d: got %v, want %v", sub.Key, r.ID, got, want)
				}
				e := env
				if o := OwnerOf(sub); o != nil {
					e.Owner, _ = s.Get(o, r.OwnerID)
				}
				if fe := Validate(sub, r.Clone(), e); len(fe) > 0 && (sub == Findings || sub == Personnel && r.Get(PsnLeft) != "") {
					t.Errorf("%s %d no longer saves: %v", sub.Name, r.ID, fe)
				}
			}
		}
	}
	if moved == 0 {
		t.Error("the format-1 demo has no 调离 or 退休 person to migrate")
	}
}

// migratedPerson is what format 3 makes of a person 调离 or 退休: that
// reason, and a 脱密期 from the 离岗日期 by the level's default, 已脱密 once
// ended; 离岗脱密期 without dates when no 离岗日期 is known.
func migratedPerson(t *testing.T, old map[string]string, st *Settings) map[string]string {
	t.Helper()
	want := maps.Clone(old)
	want[PsnLeaveReason] = old[PsnStatus]
	want[PsnStatus] = StatusDeclass
	if left := old[PsnLeft]; left != "" {
		to := FormatDate(AddMonths(StoredDate(left), st.Declass[old[PsnLevel]]))
		want[PsnDeclassFrom], want[PsnDeclassTo] = left, to
		if to < FormatDate(Day(time.Now())) {
			want[PsnStatus] = StatusDeclassed
		}
	}
	return want
}

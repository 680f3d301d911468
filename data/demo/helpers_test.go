package demo

import (
	"path/filepath"
	"testing"
	"time"

	"baomi/taizhang/data"
)

// testNow is the fixed clock of test stores: today is 2025-06-15.
var testNow = time.Date(2025, 6, 15, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))

// mustOpenStore opens a new data file in a temporary directory with the
// fixed clock testNow; it is closed at cleanup.
func mustOpenStore(tb testing.TB) *data.Store {
	tb.Helper()
	return mustOpenStoreAt(tb, filepath.Join(tb.TempDir(), "台账.db"))
}

// mustOpenStoreAt opens (or creates) the data file at path like mustOpenStore.
func mustOpenStoreAt(tb testing.TB, path string) *data.Store {
	tb.Helper()
	s, err := data.Open(path, 500*time.Millisecond)
	if err != nil {
		tb.Fatalf("Open(%s): got error %v, want a store", path, err)
	}
	s.Now = func() time.Time { return testNow }
	tb.Cleanup(func() { s.Close() })
	return s
}

// setClock moves a store's clock.
func setClock(s *data.Store, t time.Time) { s.Now = func() time.Time { return t } }

func mustList(tb testing.TB, s *data.Store, reg *data.Register) []*data.Record {
	tb.Helper()
	recs, err := s.List(reg)
	if err != nil {
		tb.Fatalf("List %s: got error %v, want nil", reg.Key, err)
	}
	return recs
}

// allRegisters lists every register and sub-register.
func allRegisters() []*data.Register {
	var all []*data.Register
	for _, r := range data.Registers() {
		all = append(all, r)
		all = append(all, r.Subs...)
	}
	return all
}

// demoCount is how many records Fill writes into a top-level register for
// n persons.
func demoCount(reg *data.Register, n int) int {
	return newGen(1, data.DefaultSettings(), testNow).maker(reg).count(n)
}

package data

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The helpers of this package's tests. The exported ones at the end serve
// the external tests (package data_test), which run on demo files.

// testNow is the fixed clock of test stores: today is 2025-06-15.
var testNow = time.Date(2025, 6, 15, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))

const testOperator = "测试员"

// mustOpenStore opens a new data file in a temporary directory with the
// fixed clock testNow and the operator 测试员; it is closed at cleanup.
func mustOpenStore(tb testing.TB) *Store {
	tb.Helper()
	return mustOpenStoreAt(tb, filepath.Join(tb.TempDir(), "台账.db"))
}

// mustOpenStoreAt opens (or creates) the data file at path like mustOpenStore.
func mustOpenStoreAt(tb testing.TB, path string) *Store {
	tb.Helper()
	s, err := Open(path, 500*time.Millisecond)
	if err != nil {
		tb.Fatalf("Open(%s): got error %v, want a store", path, err)
	}
	s.Now = func() time.Time { return testNow }
	s.Operator = testOperator
	tb.Cleanup(func() { s.Close() })
	return s
}

// setClock moves a store's clock.
func setClock(s *Store, t time.Time) { s.Now = func() time.Time { return t } }

// checkDueOrder checks that items are overdue first, then by date, each
// with Days counted from today and within the window.
func checkDueOrder(t *testing.T, items []DueItem, env Env) {
	t.Helper()
	seenUpcoming := false
	for i, it := range items {
		if it.Days != DaysBetween(env.Today, it.Date) {
			t.Fatalf("item %d: Days %d, want %d", i, it.Days, DaysBetween(env.Today, it.Date))
		}
		if it.Days > env.Window() && !strings.HasPrefix(it.What, "资质有效期早于项目结束日期") {
			t.Fatalf("item %d beyond the window: %s", i, dueLine(it))
		}
		if it.Overdue() && seenUpcoming {
			t.Fatalf("item %d overdue after an upcoming one: %s", i, dueLine(it))
		}
		seenUpcoming = seenUpcoming || !it.Overdue()
		if i > 0 && it.Date.Before(items[i-1].Date) {
			t.Fatalf("item %d out of date order: %s after %s", i, dueLine(it), dueLine(items[i-1]))
		}
	}
}

// Exported for the external tests.
var (
	TestNow       = testNow
	MustOpenStore = mustOpenStore
	SetClock      = setClock
	CheckDueOrder = checkDueOrder
	AllRegisters  = allRegisters
)

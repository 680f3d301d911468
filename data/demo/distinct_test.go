package demo

import (
	"testing"
	"time"

	"baomi/taizhang/data"
)

// TestDistinctNumbersTextNotDate: when an inspection's key (检查日期,
// 检查单位) keeps repeating, the 检查单位 is numbered; a numbered 检查日期
// was refused and a demo of 100,000 persons failed.
func TestDistinctNumbersTextNotDate(t *testing.T) {
	g := newGen(1, data.Settings{}, time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC))
	seen := map[string]int{}
	mk := func() (*data.Record, data.Snapshot) {
		r := data.NewRecord()
		r.Set(data.InsDate, "2026-03-01")
		r.Set(data.InsInspector, "保密办")
		return r, nil
	}
	g.distinct(data.Inspections, seen, mk)
	r, _ := g.distinct(data.Inspections, seen, mk)
	if got, want := r.Get(data.InsDate), "2026-03-01"; got != want {
		t.Errorf("检查日期 got %q, want %q", got, want)
	}
	if got, want := r.Get(data.InsInspector), "保密办（2）"; got != want {
		t.Errorf("检查单位 got %q, want %q", got, want)
	}
}

package main

import (
	"path/filepath"
	"testing"
)

// BenchmarkDemo20k is `taizhang demo -n 20000` into a new file, accounts
// and their sealed, chained audit included: issue 13's figure (under 5 s).
// A seal per record in one flat bucket, and a scan of every 复查 per
// finding, once made it 43 s.
func BenchmarkDemo20k(b *testing.B) {
	b.Setenv("TAIZHANG_TODAY", "2026-11-26")
	for b.Loop() {
		db := filepath.Join(b.TempDir(), "t.db")
		if code := runCommand("demo", []string{"-data", db, "-n", "20000"}); code != 0 {
			b.Fatalf("demo: exit %d", code)
		}
	}
}

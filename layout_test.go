package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoLongFiles keeps every Go file of the program, tests included, at
// 500 lines at most (issue 7): a file that grows past it is split by
// subject, so that a register, a screen or a rule is found in a file of
// its own.
func TestNoLongFiles(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "dist" || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if n := bytes.Count(b, []byte("\n")); n > 500 {
			t.Errorf("%s: got %d lines, want at most 500", path, n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

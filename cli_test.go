package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"baomi/taizhang/data"
)

func TestCommandLine(t *testing.T) {
	t.Setenv("TAIZHANG_TODAY", "2026-11-26")
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	out := filepath.Join(dir, "台账.xlsx")

	if code := runCommand("demo", []string{"-data", db, "-n", "30", "-seed", "2"}); code != 0 {
		t.Fatalf("demo: exit %d", code)
	}
	var keys []string
	for _, reg := range data.Registers() {
		keys = append(keys, reg.Key)
	}
	for _, reg := range append(keys, "due", "stats") {
		if code := runCommand("export", []string{"-data", db, "-register", reg, "-o", out, "-marking", "秘密★10年"}); code != 0 {
			t.Fatalf("export %s: exit %d", reg, code)
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatalf("export %s: %v", reg, err)
		}
		if mark, _ := f.GetCellValue(f.GetSheetList()[0], "A1"); mark != "秘密★10年" {
			t.Errorf("export %s: marking %q", reg, mark)
		}
		f.Close()
	}

	cases := []struct {
		name string
		cmd  string
		args []string
		want int
	}{
		{"no data file", "export", []string{"-o", out}, exitUsage},
		{"no output", "export", []string{"-data", db}, exitUsage},
		{"unknown register", "export", []string{"-data", db, "-register", "nosuch", "-o", out}, exitError},
		{"unknown flag", "demo", []string{"-data", db, "-x"}, exitUsage},
		{"help", "demo", []string{"-h"}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := runCommand(c.cmd, c.args); got != c.want {
				t.Errorf("exit: got %d, want %d", got, c.want)
			}
		})
	}

	t.Run("damaged file", func(t *testing.T) {
		bad := filepath.Join(dir, "bad.db")
		os.WriteFile(bad, []byte("这不是数据文件"), 0o600)
		if got := runCommand("export", []string{"-data", bad, "-o", out}); got != exitData {
			t.Errorf("exit: got %d, want %d", got, exitData)
		}
	})
	t.Run("locked file", func(t *testing.T) {
		st, err := data.Open(db, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		start := time.Now()
		if got := runCommand("export", []string{"-data", db, "-o", out}); got != exitData {
			t.Errorf("exit: got %d, want %d", got, exitData)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("a locked file took %v to report, want under 2 s", d)
		}
	})
	t.Run("bad TAIZHANG_TODAY", func(t *testing.T) {
		t.Setenv("TAIZHANG_TODAY", "2026-13-01")
		if got := runCommand("demo", []string{"-data", db, "-n", "1"}); got != exitError {
			t.Errorf("exit: got %d, want %d", got, exitError)
		}
	})
}

package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// asCommand, set in the environment, makes the test binary run the
// subcommand it names (arguments separated by asCommandSep) and exit: a
// benchmark measures the memory of a command in a process of its own.
const (
	asCommand    = "TAIZHANG_TEST_AS_COMMAND"
	asCommandSep = "\x1f"
)

func TestMain(m *testing.M) {
	if v := os.Getenv(asCommand); v != "" {
		args := strings.Split(v, asCommandSep)
		os.Exit(runCommand(args[0], args[1:]))
	}
	os.Exit(m.Run())
}

// BenchmarkDemo20k is `taizhang demo -n 20000` into a new file, accounts
// and their sealed, chained audit included: issue 13's figure (under 5 s).
// A seal per record in one flat bucket, and a scan of every 复查 per
// finding, once made it 43 s.
func BenchmarkDemo20k(b *testing.B) {
	b.Setenv("TAIZHANG_TODAY", "2026-11-26")
	for b.Loop() {
		db := filepath.Join(b.TempDir(), "t.db")
		quietDemo(b, db, 20_000)
	}
}

// BenchmarkExportCommand100k runs `taizhang export -register personnel`
// (the persons, their 证件 and trips) on a demo file of 100,000 persons in
// a process of its own, as the clerk does, and reports its peak anonymous
// memory (RssAnon, read every 10 ms): the memory the export takes from the
// machine, heap, garbage and runtime together. Target: under 150 MB. Its
// time beside a bare StreamWriter is BenchmarkExportPersonnelFile100k's
// (data/xlsx).
func BenchmarkExportCommand100k(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skip("RssAnon is read from /proc")
	}
	b.Setenv("TAIZHANG_TODAY", "2026-11-26")
	dir := b.TempDir()
	db := filepath.Join(dir, "t.db")
	quietDemo(b, db, 100_000)
	args := []string{"export", "-data", db, "-register", "personnel", "-o", filepath.Join(dir, "p.xlsx"), "-user", "clerk"}
	var peak int
	b.ResetTimer()
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), asCommand+"="+strings.Join(args, asCommandSep), "TAIZHANG_PASSWORD=taizhang2026")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		done := make(chan error)
		go func() { done <- cmd.Wait() }()
		for running := true; running; {
			select {
			case err := <-done:
				if err != nil {
					b.Fatalf("export: %v: %s", err, out.String())
				}
				running = false
			case <-time.After(10 * time.Millisecond):
				peak = max(peak, rssAnonKB(cmd.Process.Pid))
			}
		}
		if !strings.Contains(out.String(), "已导出 100000 条涉密人员记录") {
			b.Fatalf("export said %q", out.String())
		}
	}
	b.ReportMetric(float64(peak)/1024, "peak-rss-anon-MB")
}

// quietDemo runs `taizhang demo -n n` into db, its output shown only when
// it fails.
func quietDemo(b *testing.B, db string, n int) {
	var out bytes.Buffer
	if code := runCommandTo("demo", []string{"-data", db, "-n", strconv.Itoa(n)}, &out, &out); code != 0 {
		b.Fatalf("demo: exit %d: %s", code, out.String())
	}
}

// rssAnonKB reads a process's resident anonymous memory in kB, 0 when it
// cannot be read (the process has just ended).
func rssAnonKB(pid int) int {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "RssAnon:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	return 0
}

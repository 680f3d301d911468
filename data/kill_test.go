package data

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestKillChild is the child process TestKilledMidway kills: it opens the
// file named by TAIZHANG_KILL_FILE, says "ready", and saves batches of 100
// persons until killed. (The demo's one transaction is killed the same way
// in package demo.)
func TestKillChild(t *testing.T) {
	path := os.Getenv("TAIZHANG_KILL_FILE")
	if path == "" {
		t.Skip("the child of TestKilledMidway")
	}
	s, err := Open(path, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return testNow }
	fmt.Println("ready")
	for i := 0; ; i++ {
		recs := make([]*Record, killBatch)
		for j := range recs {
			recs[j] = simplePerson(fmt.Sprintf("批%d人%d", i, j), "办公室", j)
		}
		if err := s.SaveAll(Personnel, recs); err != nil {
			t.Fatal(err)
		}
	}
}

const killBatch = 100 // persons per SaveAll in a killed save loop

// TestKilledMidway kills (SIGKILL) a process in the middle of a run of
// saves, again and again: every time the file opens, checks clean
// (tx.Check) and holds whole transactions only — the persons come in whole
// batches, each with its audit entry.
func TestKilledMidway(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	rng := rand.New(rand.NewPCG(11, 11))
	path := filepath.Join(t.TempDir(), "台账.db")
	s := mustOpenStoreAt(t, path)
	s.Close()
	for round := range 6 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "TAIZHANG_KILL_FILE="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		for lines.Scan() && lines.Text() != "ready" {
		}
		time.Sleep(time.Duration(50+rng.IntN(450)) * time.Millisecond)
		cmd.Process.Kill()
		for lines.Scan() {
		}
		cmd.Wait()

		s, err := Open(path, 5*time.Second)
		if err != nil {
			t.Fatalf("round %d: Open after the kill: %v", round, err)
		}
		if err := s.Check(); err != nil {
			t.Errorf("round %d: Check after the kill: %v", round, err)
		}
		persons := len(mustList(t, s, Personnel))
		audit := len(mustAudit(t, s))
		if persons%killBatch != 0 || audit != persons {
			t.Errorf("round %d: %d persons and %d audit entries, want whole batches of %d, one entry each",
				round, persons, audit, killBatch)
		}
		s.Close()
	}
}

package demo

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"baomi/taizhang/data"
)

// TestKillChild is the child process TestKilledMidway kills: it opens the
// file named by TAIZHANG_KILL_FILE, says "ready" and fills it with a demo,
// saying "progress" after each batch and "done" once committed.
func TestKillChild(t *testing.T) {
	path := os.Getenv("TAIZHANG_KILL_FILE")
	if path == "" {
		t.Skip("the child of TestKilledMidway")
	}
	s, err := data.Open(path, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	setClock(s, time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC))
	fmt.Println("ready")
	progress := func(done, total int) { fmt.Println("progress", done) }
	if err := Fill(s, killDemoN, 1, progress); err != nil {
		t.Fatal(err)
	}
	fmt.Println("done")
	s.Close()
}

const killDemoN = 12000 // persons a killed demo writes (batches of 5,000: progress before the commit)

// TestKilledMidway kills (SIGKILL) a demo again and again, some surely in
// the middle of its one transaction: every time the file opens, checks
// clean and holds whole demos only (all of one or none of it).
func TestKilledMidway(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	rng := rand.New(rand.NewPCG(11, 11))
	path := filepath.Join(t.TempDir(), "台账.db")
	s := mustOpenStoreAt(t, path)
	s.Close()
	cut := 0
	for round := range 4 {
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
		if round%2 == 0 {
			// Surely in the middle: after a batch of the one transaction,
			// before its commit.
			for n := 2; n > 0 && lines.Scan(); {
				if strings.HasPrefix(lines.Text(), "progress") {
					n--
				}
			}
		} else {
			time.Sleep(time.Duration(rng.IntN(1500)) * time.Millisecond)
		}
		cmd.Process.Kill()
		finished := false
		for lines.Scan() {
			finished = finished || lines.Text() == "done"
		}
		cmd.Wait()
		if !finished {
			cut++
		}
		s, err := data.Open(path, 5*time.Second)
		if err != nil {
			t.Fatalf("round %d: Open after the kill: %v", round, err)
		}
		if err := s.Check(); err != nil {
			t.Errorf("round %d: Check after the kill: %v", round, err)
		}
		persons := len(mustList(t, s, data.Personnel))
		projects := len(mustList(t, s, data.Projects))
		if persons%killDemoN != 0 || projects != persons/killDemoN*demoCount(data.Projects, killDemoN) {
			t.Errorf("round %d: %d persons and %d projects, want whole demos of %d persons and %d projects",
				round, persons, projects, killDemoN, demoCount(data.Projects, killDemoN))
		}
		s.Close()
	}
	t.Logf("%d of 4 kills cut the demo short", cut)
	if cut == 0 {
		t.Error("no kill landed in the middle of a demo")
	}
}

package data

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
)

// TestKillChild is the child process TestKilledMidway kills: it opens the
// file named by TAIZHANG_KILL_FILE, says "ready", and writes until killed:
// demo data in one transaction, or batches of 100 persons.
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
	switch os.Getenv("TAIZHANG_KILL_WORK") {
	case "demo":
		progress := func(done, total int) { fmt.Println("progress", done) }
		if err := Demo(s, killDemoN, 1, progress); err != nil {
			t.Fatal(err)
		}
		fmt.Println("done")
	case "save":
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
	s.Close()
}

const (
	killDemoN = 3000 // persons a killed demo writes
	killBatch = 100  // persons per SaveAll in a killed save loop
)

// TestKilledMidway kills (SIGKILL) a process in the middle of demo and of a
// run of saves, again and again: every time the file opens, checks clean
// (tx.Check) and holds all or none of the interrupted transaction — the
// persons come in whole demos or whole batches, each with its audit entry.
func TestKilledMidway(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	rng := rand.New(rand.NewPCG(11, 11))
	for _, work := range []string{"demo", "save"} {
		t.Run(work, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "台账.db")
			s := mustOpenStoreAt(t, path)
			s.Close()
			cut := 0
			for round := range 6 {
				cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.count=1")
				cmd.Env = append(os.Environ(), "TAIZHANG_KILL_FILE="+path, "TAIZHANG_KILL_WORK="+work)
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
				if work == "demo" && round%2 == 0 {
					// Surely in the middle: after a few batches of the
					// one transaction, before its commit.
					for n := 1 + rng.IntN(5); n > 0 && lines.Scan(); {
						if strings.HasPrefix(lines.Text(), "progress") {
							n--
						}
					}
				} else {
					time.Sleep(time.Duration(rng.IntN(500)) * time.Millisecond)
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

				s, err := Open(path, 5*time.Second)
				if err != nil {
					t.Fatalf("round %d: Open after the kill: %v", round, err)
				}
				if err := s.Check(); err != nil {
					t.Errorf("round %d: Check after the kill: %v", round, err)
				}
				persons := len(mustList(t, s, Personnel))
				audit := len(mustAudit(t, s))
				switch work {
				case "demo":
					projects := len(mustList(t, s, Projects))
					if persons%killDemoN != 0 || projects != persons/killDemoN*demoCount(Projects, killDemoN) {
						t.Errorf("round %d: %d persons and %d projects, want whole demos of %d persons and %d projects",
							round, persons, projects, killDemoN, demoCount(Projects, killDemoN))
					}
				case "save":
					if persons%killBatch != 0 || audit != persons {
						t.Errorf("round %d: %d persons and %d audit entries, want whole batches of %d, one entry each",
							round, persons, audit, killBatch)
					}
				}
				s.Close()
			}
			t.Logf("%s: %d of 6 kills cut the work short", work, cut)
			if work == "demo" && cut == 0 {
				t.Error("no kill landed in the middle of a demo")
			}
		})
	}
}

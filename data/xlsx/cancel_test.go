package xlsx

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"baomi/taizhang/data"

	"github.com/xuri/excelize/v2"
)

func TestWriteFileCancel(t *testing.T) {
	recs, subs := fixture()
	sheets := RegisterSheets(data.Personnel, recs, subs)
	dir := t.TempDir()

	// Cancelled before it starts: nothing at a new path.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fresh := filepath.Join(dir, "new.xlsx")
	if err := WriteFile(ctx, fresh, sheets, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("file left at %s: %v", fresh, err)
	}

	// Cancelled in the middle of the rows: the old file is untouched.
	old := filepath.Join(dir, "old.xlsx")
	if err := WriteFile(context.Background(), old, sheets, Options{}); err != nil {
		t.Fatal(err)
	}
	oldContent, _ := os.ReadFile(old)
	many := make([]*data.Record, 5000)
	for i := range many {
		many[i] = person(uint64(i+1), "人员"+strconv.Itoa(i), idA, "办公室")
	}
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	err := WriteFile(ctx, old, RegisterSheets(data.Personnel, many, nil), Options{Progress: func(d, n int) {
		calls++
		if d > 0 && d < n {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
	if b, _ := os.ReadFile(old); string(b) != string(oldContent) {
		t.Errorf("existing file changed: %d bytes, want the %d of before", len(b), len(oldContent))
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("left in folder: %q", names)
	}

	// And a successful write replaces it.
	if err := WriteFile(context.Background(), old, sheets, Options{}); err != nil {
		t.Fatal(err)
	}
	if f, err := excelize.OpenFile(old); err != nil {
		t.Errorf("replaced file does not open: %v", err)
	} else {
		f.Close()
	}
}

func TestWriteCancelWhileZipping(t *testing.T) {
	recs, subs := fixture()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err := Write(ctx, cancelWriter{cancel}, RegisterSheets(data.Personnel, recs, subs), Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
}

func TestProgress(t *testing.T) {
	many := make([]*data.Record, 20000)
	for i := range many {
		many[i] = person(uint64(i+1), "人员", idA, "办公室")
	}
	calls, prev, last, total := 0, -1, 0, 0
	err := Write(context.Background(), io.Discard, RegisterSheets(data.Personnel, many, nil), Options{Progress: func(d, n int) {
		calls++
		if d < prev {
			t.Errorf("progress went back: %d after %d", d, prev)
		}
		prev, last, total = d, d, n
	}})
	if err != nil {
		t.Fatal(err)
	}
	if total != len(many) || last != total || calls < 10 || calls > 200 {
		t.Errorf("%d calls, last %d of %d", calls, last, total)
	}
}

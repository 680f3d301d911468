package xlsx

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"baomi/taizhang/data"
	"baomi/taizhang/data/demo"

	"github.com/xuri/excelize/v2"
)

// TestStreamSheetsAsRegisterSheets: every register written as it is read
// from the file (Store.Stream, StreamSheets) gives the cells of the
// register loaded whole (Load, LoadSubs, RegisterSheets), duplicate marks
// included (the demo filled twice holds its first persons twice).
func TestStreamSheetsAsRegisterSheets(t *testing.T) {
	s := demoStore(t)
	// The same persons again (duplicates), and more than one part of
	// Stream's (4096 records).
	if err := demo.Fill(s, 4200, 3, nil); err != nil {
		t.Fatal(err)
	}
	opt := Options{Marking: "内部", Unit: "某某局", Date: time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC)}
	for _, reg := range s.Registers() {
		t.Run(reg.Name, func(t *testing.T) {
			recs, err := s.Load(reg, 0)
			if err != nil {
				t.Fatal(err)
			}
			subs, err := s.LoadSubs(reg)
			if err != nil {
				t.Fatal(err)
			}
			var whole, streamed bytes.Buffer
			if err := Write(context.Background(), &whole, RegisterSheets(reg, recs, subs), opt); err != nil {
				t.Fatal(err)
			}
			err = s.Stream(reg, func(rs data.Streamed) error {
				sheets, err := StreamSheets(reg, rs)
				if err != nil {
					return err
				}
				return Write(context.Background(), &streamed, sheets, opt)
			})
			if err != nil {
				t.Fatal(err)
			}
			got, want := workbookText(t, streamed.Bytes()), workbookText(t, whole.Bytes())
			if got != want {
				t.Fatalf("streamed workbook differs:\ngot  %.2000s\nwant %.2000s", got, want)
			}
			if !strings.Contains(want, "重复") && reg == data.Personnel {
				t.Error("no duplicate mark: the test misses them")
			}
		})
	}
}

// workbookText is every cell of every sheet, one row a line.
func workbookText(t *testing.T, b []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out strings.Builder
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&out, "== %s %d\n", name, len(rows))
		for _, r := range rows {
			out.WriteString(strings.Join(r, "|") + "\n")
		}
	}
	return out.String()
}

// TestStreamSubsAsRegisterSheets: the window's export of a view (some
// records, in its own order) with the sub-register sheets read as they are
// written (Store.StreamSubs) gives the cells of the sub-records loaded
// whole (LoadSubs, RegisterSheets).
func TestStreamSubsAsRegisterSheets(t *testing.T) {
	s := demoStore(t)
	if err := demo.Fill(s, 4200, 3, nil); err != nil { // sub-records past one part
		t.Fatal(err)
	}
	opt := Options{Marking: "内部", Unit: "某某局", Date: time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC)}
	tested := 0
	for _, reg := range s.Registers() {
		if len(reg.Subs) == 0 || reg.RowSub != nil {
			continue
		}
		tested++
		t.Run(reg.Name, func(t *testing.T) {
			recs, err := s.Load(reg, 0)
			if err != nil {
				t.Fatal(err)
			}
			// a view: every other record, newest first
			var view []*data.Record
			for i := len(recs) - 1; i >= 0; i -= 2 {
				view = append(view, recs[i])
			}
			subs, err := s.LoadSubs(reg)
			if err != nil {
				t.Fatal(err)
			}
			ids := make([]uint64, len(view))
			for i, r := range view {
				ids[i] = r.ID
			}
			streams, err := s.StreamSubs(reg, ids)
			if err != nil {
				t.Fatal(err)
			}
			var whole, streamed bytes.Buffer
			if err := Write(context.Background(), &whole, RegisterSheets(reg, view, subs), opt); err != nil {
				t.Fatal(err)
			}
			if err := Write(context.Background(), &streamed, RegisterSheetsStreamed(reg, view, streams), opt); err != nil {
				t.Fatal(err)
			}
			got, want := workbookText(t, streamed.Bytes()), workbookText(t, whole.Bytes())
			if got != want {
				t.Fatalf("streamed workbook differs:\ngot  %.2000s\nwant %.2000s", got, want)
			}
			if strings.Count(want, "\n") < len(view)+20 {
				t.Errorf("the sub-register sheets list %d lines: the test misses them", strings.Count(want, "\n"))
			}
		})
	}
	if tested == 0 {
		t.Fatal("no register with sub-registers")
	}
}

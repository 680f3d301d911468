package xlsx

import (
	"compress/flate"
	"context"
	"io"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"baomi/taizhang/data"
	"baomi/taizhang/data/demo"

	"github.com/xuri/excelize/v2"
)

// Run once with:
//
//	go test ./data/xlsx -run XXX -bench . -benchtime 1x -benchmem
//
// peak-heap-MB is the largest HeapInuse seen while the export ran (the
// 100,000 records themselves, about 140 MB, included), heap-delta-MB the
// same less the heap before it started, live-delta-MB the growth of the heap
// still live after a collection (what the export really holds; the rest of
// heap-delta is garbage the collector lets pile up, GOGC=100), peak-sys-MB
// the memory taken from the system, file-MB the size of the workbook,
// cpu-s/op the process's CPU time (GC included; steadier than ns/op when
// other work shares the machine).

const benchRows = 100_000

var (
	benchOnce    sync.Once
	benchRecords []*data.Record
)

// memPeak samples the heap every few milliseconds until stopped.
type memPeak struct {
	stop               chan struct{}
	done               chan struct{}
	heap, sys, live    uint64
	baseHeap, baseLive uint64
	cpu                time.Duration
}

func BenchmarkExportPersonnel100k(b *testing.B) {
	recs := synthPersonnel(benchRows)
	sheets := RegisterSheets(data.Personnel, recs, nil)[:1]
	opt := Options{Marking: "秘密★5年", Unit: "某某研究院", Date: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)}
	var size countWriter
	m := startMemPeak()
	b.ResetTimer()
	for b.Loop() {
		size = 0
		if err := Write(context.Background(), &size, sheets, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	m.report(b)
	b.ReportMetric(float64(size)/(1<<20), "file-MB")
}

// BenchmarkExportPersonnel100kDefaultDeflate is the export at the deflate
// level the bare stream writer uses.
func BenchmarkExportPersonnel100kDefaultDeflate(b *testing.B) {
	defer func(l int) { zipLevel = l }(zipLevel)
	zipLevel = flate.DefaultCompression
	BenchmarkExportPersonnel100k(b)
}

type countWriter int64

// BenchmarkBareStreamWriter100k writes the same cells with a bare
// StreamWriter: plain values, no styles, no page setup, excelize's defaults.
func BenchmarkBareStreamWriter100k(b *testing.B) {
	recs := synthPersonnel(benchRows)
	cols := data.Personnel.Columns()
	var size countWriter
	m := startMemPeak()
	b.ResetTimer()
	for b.Loop() {
		size = bareWrite(b, recs, cols)
	}
	b.StopTimer()
	m.report(b)
	b.ReportMetric(float64(size)/(1<<20), "file-MB")
}

// bareWrite writes the columns of recs with a bare StreamWriter: plain
// values, no styles, no page setup, excelize's defaults; it returns the
// size of the workbook.
func bareWrite(b *testing.B, recs []*data.Record, cols []data.Field) countWriter {
	return bareWorkbook(b, []bareSheet{{recs, cols}})
}

// bareSheet is a sheet for bareWorkbook: its records and columns.
type bareSheet struct {
	recs []*data.Record
	cols []data.Field
}

// bareWorkbook writes sheets with bare StreamWriters, one after the other.
func bareWorkbook(b *testing.B, sheets []bareSheet) countWriter {
	f := excelize.NewFile()
	defer f.Close()
	for k, s := range sheets {
		name := "Sheet" + strconv.Itoa(k+1)
		if k > 0 {
			if _, err := f.NewSheet(name); err != nil {
				b.Fatal(err)
			}
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			b.Fatal(err)
		}
		row := make([]interface{}, len(s.cols)+1)
		row[0] = "序号"
		for j, c := range s.cols {
			row[j+1] = c.Label
		}
		if err := sw.SetRow("A1", row); err != nil {
			b.Fatal(err)
		}
		for i, r := range s.recs {
			row[0] = i + 1
			for j, c := range s.cols {
				row[j+1] = r.Get(c.Key)
			}
			if err := sw.SetRow("A"+strconv.Itoa(i+2), row); err != nil {
				b.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			b.Fatal(err)
		}
	}
	var size countWriter
	if err := f.Write(&size); err != nil {
		b.Fatal(err)
	}
	return size
}

// BenchmarkExportPersonnelFile100k exports the 涉密人员 workbook (the
// persons, their 证件 and their 出国(境) trips) of a demo file of 100,000
// persons three ways, side by side in one run: "bare" reads the records
// (List) and writes their cells with bare StreamWriters; "whole" loads and
// derives them all (Load, LoadSubs) and exports them as the command line
// once did; "stream" exports them as they are read (Store.Stream,
// StreamSheets), as the command line does. The target: stream within 1.2×
// bare. peak-heap-MB includes whatever each holds; the command's own
// memory is BenchmarkExportCommand100k's (package main).
func BenchmarkExportPersonnelFile100k(b *testing.B) {
	s, err := data.Open(filepath.Join(b.TempDir(), "big.db"), time.Second)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	s.Now = func() time.Time { return time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC) }
	if err := demo.Fill(s, 100_000, 1, nil); err != nil {
		b.Fatal(err)
	}
	opt := Options{Marking: "秘密★5年", Unit: "某某研究院", Date: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)}
	reg := data.Personnel
	run := func(name string, export func() countWriter) {
		b.Run(name, func(b *testing.B) {
			var size countWriter
			m := startMemPeak()
			for b.Loop() {
				size = export()
			}
			b.StopTimer()
			m.report(b)
			b.ReportMetric(float64(size)/(1<<20), "file-MB")
		})
	}
	run("bare", func() countWriter {
		var sheets []bareSheet
		for _, r := range append([]*data.Register{reg}, reg.Subs...) {
			recs, err := s.List(r)
			if err != nil {
				b.Fatal(err)
			}
			sheets = append(sheets, bareSheet{recs, r.Columns()})
		}
		return bareWorkbook(b, sheets)
	})
	run("whole", func() countWriter {
		recs, err := s.Load(reg, 0)
		if err != nil {
			b.Fatal(err)
		}
		subs, err := s.LoadSubs(reg)
		if err != nil {
			b.Fatal(err)
		}
		var size countWriter
		if err := Write(context.Background(), &size, RegisterSheets(reg, recs, subs), opt); err != nil {
			b.Fatal(err)
		}
		return size
	})
	run("stream", func() countWriter {
		var size countWriter
		err := s.Stream(reg, func(rs data.Streamed) error {
			sheets, err := StreamSheets(reg, rs)
			if err != nil {
				return err
			}
			return Write(context.Background(), &size, sheets, opt)
		})
		if err != nil {
			b.Fatal(err)
		}
		return size
	})
}

// BenchmarkDemoAndExportAll20k is `taizhang demo -n 20000` into a fresh
// file, then the export of every register, the 到期提醒清单 and the 年度统计,
// each read from the file as the command line does.
func BenchmarkDemoAndExportAll20k(b *testing.B) {
	for b.Loop() {
		s, err := data.Open(filepath.Join(b.TempDir(), "d.db"), time.Second)
		if err != nil {
			b.Fatal(err)
		}
		s.Now = func() time.Time { return time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC) }
		start := time.Now()
		if err := demo.Fill(s, 20_000, 1, nil); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "demo-s")
		start = time.Now()
		for _, reg := range data.Registers() {
			recs, err := s.Load(reg, 0)
			if err != nil {
				b.Fatal(err)
			}
			subs, err := s.LoadSubs(reg)
			if err != nil {
				b.Fatal(err)
			}
			if err := Write(context.Background(), io.Discard, RegisterSheets(reg, recs, subs), Options{}); err != nil {
				b.Fatal(err)
			}
		}
		snap, err := s.Snapshot()
		if err != nil {
			b.Fatal(err)
		}
		env, _ := s.Env()
		if err := Write(context.Background(), io.Discard, DueSheets(data.DueItems(snap, env), true, env.Settings.Departments), Options{}); err != nil {
			b.Fatal(err)
		}
		sheets, charts := StatsWorkbook(data.Stats(snap, env, 0))
		if err := Write(context.Background(), io.Discard, sheets, Options{Charts: charts}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "export-all-s")
		s.Close()
	}
}

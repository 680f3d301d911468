package xlsx

import (
	"compress/flate"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"syscall"
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

// synthPersonnel makes n people with every printed column filled.
func synthPersonnel(n int) []*data.Record {
	benchOnce.Do(func() {
		surnames := []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "欧阳"}
		given := []string{"伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明"}
		depts := []string{"办公室", "保密办公室", "财务处", "技术处", "科研一处", "科研二处", "后勤保障处"}
		titles := []string{"处长", "副处长", "科长", "工程师", "高级工程师", "研究员", "助理研究员"}
		posts := []string{"保密管理", "涉密科研", "机要文书", "网络运维", "档案管理"}
		statuses := []string{data.StatusInPost, data.StatusDeclass, data.StatusDeclassed, "调离", "退休"}
		notes := []string{"", "无", "调入前在某研究所从事涉密科研工作", "2023年参加保密培训", "兼任保密员"}
		dates := make([]string, 400)
		for i := range dates {
			dates[i] = data.FormatDate(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*23))
		}
		recs := make([]*data.Record, n)
		for i := range recs {
			birth := time.Date(1960+i%40, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
			first17 := "110105" + birth.Format("20060102") + fmt.Sprintf("%03d", i%1000)
			r := data.NewRecord()
			r.ID = uint64(i + 1)
			r.Set(data.PsnName, surnames[i%len(surnames)]+given[i%len(given)]+given[(i/7)%len(given)])
			r.Set(data.PsnGender, [2]string{"女", "男"}[i%2])
			r.Set(data.PsnBirth, data.FormatDate(birth))
			r.Set(data.PsnIDNo, first17+string(data.IDCheckChar(first17)))
			r.Set(data.PsnDept, depts[i%len(depts)])
			r.Set("title", titles[i%len(titles)])
			r.Set("post", posts[i%len(posts)])
			r.Set(data.PsnLevel, data.Levels[i%3])
			r.Set("confirmed", dates[i%400])
			r.Set("vetted", dates[(i+1)%400])
			r.Set("pledge", dates[(i+2)%400])
			r.Set(data.PsnReviewed, dates[(i+3)%400])
			r.Set(data.PsnStatus, statuses[i%len(statuses)])
			r.Set(data.PsnLeft, dates[(i+4)%400])
			r.Set(data.PsnDeclassFrom, dates[(i+4)%400])
			r.Set(data.PsnDeclassTo, dates[(i+40)%400])
			r.Set("note", notes[i%len(notes)]+"#"+strconv.Itoa(i))
			recs[i] = r
		}
		benchRecords = recs
	})
	return benchRecords[:n]
}

// memPeak samples the heap every few milliseconds until stopped.
type memPeak struct {
	stop               chan struct{}
	done               chan struct{}
	heap, sys, live    uint64
	baseHeap, baseLive uint64
	cpu                time.Duration
}

// cpuTime is the user and system time of the process so far: a figure the
// other builds on a shared machine disturb less than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startMemPeak() *memPeak {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	m := &memPeak{stop: make(chan struct{}), done: make(chan struct{}), baseHeap: ms.HeapInuse, baseLive: sample[0].Value.Uint64()}
	m.cpu = cpuTime()
	go func() {
		defer close(m.done)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			m.heap = max(m.heap, ms.HeapInuse)
			m.sys = max(m.sys, ms.Sys)
			metrics.Read(sample)
			m.live = max(m.live, sample[0].Value.Uint64())
			select {
			case <-m.stop:
				return
			case <-t.C:
			}
		}
	}()
	return m
}

func (m *memPeak) report(b *testing.B) {
	cpu := cpuTime() - m.cpu
	close(m.stop)
	<-m.done
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	const mb = 1 << 20
	b.ReportMetric(float64(m.heap)/mb, "peak-heap-MB")
	b.ReportMetric(float64(m.heap-min(m.heap, m.baseHeap))/mb, "heap-delta-MB")
	b.ReportMetric(float64(m.baseLive)/mb, "base-live-MB")
	b.ReportMetric(float64(m.live-min(m.live, m.baseLive))/mb, "live-delta-MB")
	b.ReportMetric(float64(m.sys)/mb, "peak-sys-MB")
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

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

// BenchmarkBareStreamWriter100k writes the same cells with a bare
// StreamWriter: plain values, no styles, no page setup, excelize's defaults.
func BenchmarkBareStreamWriter100k(b *testing.B) {
	recs := synthPersonnel(benchRows)
	cols := data.Personnel.Columns()
	var size countWriter
	m := startMemPeak()
	b.ResetTimer()
	for b.Loop() {
		f := excelize.NewFile()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		row := make([]interface{}, len(cols)+1)
		row[0] = "序号"
		for j, c := range cols {
			row[j+1] = c.Label
		}
		if err := sw.SetRow("A1", row); err != nil {
			b.Fatal(err)
		}
		for i, r := range recs {
			row[0] = i + 1
			for j, c := range cols {
				row[j+1] = r.Get(c.Key)
			}
			if err := sw.SetRow("A"+strconv.Itoa(i+2), row); err != nil {
				b.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			b.Fatal(err)
		}
		size = 0
		if err := f.Write(&size); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	b.StopTimer()
	m.report(b)
	b.ReportMetric(float64(size)/(1<<20), "file-MB")
}

// BenchmarkDemoAndExportAll20k is `taizhang demo -n 20000` into a fresh
// file, then the export of every register, the 督办清单 and the 年度统计,
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

package xlsx

// The helpers of this package's tests.

import (
	"archive/zip"
	"baomi/taizhang/data"
	"baomi/taizhang/data/demo"
	"context"
	"fmt"
	"github.com/xuri/excelize/v2"
	"io"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
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

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

// demoStore fills a temporary data file with demo data for every register.
func demoStore(t *testing.T) *data.Store {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "demo.db"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.Now = func() time.Time { return time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC) }
	if err := demo.Fill(s, 60, 3, nil); err != nil {
		t.Fatal(err)
	}
	return s
}

// checkPrintSetup asserts what every printed register needs, on one sheet.
func checkPrintSetup(t *testing.T, f *excelize.File, sheet string) {
	t.Helper()
	lay, err := f.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if lay.Orientation == nil || *lay.Orientation != "landscape" || lay.Size == nil || *lay.Size != 9 || lay.FitToWidth == nil || *lay.FitToWidth != 1 {
		t.Errorf("%s: page layout %+v, want A4 landscape fit to 1 page wide", sheet, lay)
	}
	hf, err := f.GetHeaderFooter(sheet)
	if err != nil || !strings.Contains(hf.OddFooter, "第 &P 页 共 &N 页") {
		t.Errorf("%s: footer %q", sheet, hf.OddFooter)
	}
	names := f.GetDefinedName()
	found := false
	for _, n := range names {
		if n.Name == "_xlnm.Print_Titles" && n.Scope == sheet && strings.HasSuffix(n.RefersTo, "!$4:$4") {
			found = true
		}
	}
	if !found {
		t.Errorf("%s: no Print_Titles repeating row 4", sheet)
	}
}

func person(id uint64, name, idno, dept string) *data.Record {
	r := data.NewRecord()
	r.ID = id
	r.Set(data.PsnName, name)
	r.Set(data.PsnIDNo, idno)
	r.Set(data.PsnDept, dept)
	r.Set(data.PsnLevel, "重要")
	r.Set(data.PsnStatus, data.StatusInPost)
	r.Set("confirmed", "2024-05-01")
	r.Set(data.PsnReviewed, "2023-12-31")
	return r
}

func child(id, owner uint64, kv ...string) *data.Record {
	r := data.NewRecord()
	r.ID, r.OwnerID = id, owner
	for i := 0; i+1 < len(kv); i += 2 {
		r.Set(kv[i], kv[i+1])
	}
	return r
}

// fixture: three people, exported in the order 王芳, 张伟, 李娜 (not by id),
// with passports and trips; 赵强 is filtered out, so his passport is not
// exported.
func fixture() ([]*data.Record, data.Snapshot) {
	zhang := person(1, "张伟", idA, "办公室")
	wang := person(2, "王芳", idB, "财务处")
	wang.Set("note", "123456789012345") // long digits in a text field
	li := person(3, "李娜", idC, "技术处")
	li.Set("note", "调入前在某研究所从事涉密科研工作多年，现负责网络运维与终端管理")
	recs := []*data.Record{wang, zhang, li}
	subs := data.Snapshot{
		data.Passports: {
			child(10, 1, "type", "护照", "number", "E12345678", "issued", "2020-01-15", "expires", "2030-01-14", "custody", "集中保管"),
			child(11, 2, "type", "往来港澳通行证", "number", "C98765432", "issued", "2021-03-01", "custody", "已借出", "lent", "2024-05-01", "due", "2024-05-20"),
			child(12, 4, "type", "护照", "number", "E00000001", "custody", "集中保管"), // 赵强, not exported
			child(13, 1, "type", "往来台湾通行证", "number", "T11112222", "custody", "集中保管"),
		},
		data.Trips: {
			child(20, 3, "out", "2024-02-01", "back", "2024-02-10", "destination", "新加坡", "purpose", "学术会议"),
		},
	}
	return recs, subs
}

func writeFixture(t *testing.T, opt Options) (string, *excelize.File) {
	t.Helper()
	recs, subs := fixture()
	path := filepath.Join(t.TempDir(), "涉密人员.xlsx")
	if err := WriteFile(context.Background(), path, RegisterSheets(data.Personnel, recs, subs), opt); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return path, f
}

func cell(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func styleOf(t *testing.T, f *excelize.File, sheet, ref string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// sheetXML returns a worksheet's raw XML from the file.
func sheetXML(t *testing.T, path string, n int) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	rc, err := zr.Open("xl/worksheets/sheet" + strconv.Itoa(n) + ".xml")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func colIndex(t *testing.T, f *excelize.File, sheet, label string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range rows[HeaderRows-1] {
		if v == label {
			name, _ := excelize.ColumnNumberToName(i + 1)
			return name
		}
	}
	t.Fatalf("%s: no column %s in %q", sheet, label, rows[HeaderRows-1])
	return ""
}

func labels(fs []data.Field) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Label)
	}
	return out
}

func (c cancelWriter) Write(p []byte) (int, error) {
	c.cancel()
	return len(p), nil
}

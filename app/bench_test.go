package app

import (
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"baomi/taizhang/data"
)

var (
	bigOnce sync.Once
	bigPath string
	bigErr  error
)

// BenchmarkOpenWindow100k opens the 100,000-person file and draws the first
// screen, 首页: every register read, the reminders computed, the window
// painted. In the program the reading happens after the window is drawn;
// here it is all counted. Target: under 1 s.
func BenchmarkOpenWindow100k(b *testing.B) {
	path := bigFile(b)
	a := test.NewTempApp(b)
	b.ResetTimer()
	for b.Loop() {
		st, err := data.Open(path, time.Second)
		if err != nil {
			b.Fatal(err)
		}
		st.Now = func() time.Time { return today }
		u := New(a, st, Options{})
		u.win.Resize(fyne.NewSize(1280, 720))
		u.win.Show()
		img := u.win.Canvas().Capture() // paints every visible widget
		if len(u.home.all) == 0 || img.Bounds().Dx() == 0 {
			b.Fatal("nothing due on the home screen")
		}
		u.win.Close()
		st.Close()
	}
}

// BenchmarkShowPersonnel100k switches from 首页 to the 涉密人员 register of
// 100,000 persons and paints it.
func BenchmarkShowPersonnel100k(b *testing.B) {
	path := bigFile(b)
	a := test.NewTempApp(b)
	st, err := data.Open(path, time.Second)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	st.Now = func() time.Time { return today }
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		u := New(a, st, Options{})
		u.win.Resize(fyne.NewSize(1280, 720))
		u.win.Show()
		b.StartTimer()
		v := u.View("personnel")
		img := u.win.Canvas().Capture()
		if len(v.shown) != 100_000 || img.Bounds().Dx() == 0 {
			b.Fatalf("shown %d rows", len(v.shown))
		}
		b.StopTimer()
		u.win.Close()
		b.StartTimer()
	}
}

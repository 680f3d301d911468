package app

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"baomi/taizhang/data"
)

// BenchmarkOpenWindow100k opens a data file holding 100,000 persons and
// draws the main window, as the program does at start: target under 1 s.
func BenchmarkOpenWindow100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.db")
	st, err := data.Open(path, time.Second)
	if err != nil {
		b.Fatal(err)
	}
	st.Now = func() time.Time { return today }
	if err := data.Demo(st, 100_000, 1, nil); err != nil {
		b.Fatal(err)
	}
	st.Close()
	a := test.NewTempApp(b)
	b.ResetTimer()
	for b.Loop() {
		st, err := data.Open(path, time.Second)
		if err != nil {
			b.Fatal(err)
		}
		u := New(a, st, Options{})
		u.win.Resize(fyne.NewSize(1280, 720))
		u.win.Show()
		img := u.win.Canvas().Capture() // paints every visible widget
		if v := u.View("personnel"); len(v.shown) != 100_000 || img.Bounds().Dx() == 0 {
			b.Fatalf("shown %d rows", len(v.shown))
		}
		u.win.Close()
		st.Close()
	}
}

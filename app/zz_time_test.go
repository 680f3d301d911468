package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"baomi/taizhang/data"
)

func BenchmarkZZOpenParts(b *testing.B) {
	path := bigFile(b)
	a := test.NewTempApp(b)
	for b.Loop() {
		t0 := time.Now()
		st, err := data.Open(path, time.Second)
		if err != nil {
			b.Fatal(err)
		}
		st.Now = func() time.Time { return today }
		t1 := time.Now()
		snap, _ := st.Snapshot()
		t2 := time.Now()
		env, _ := st.Env()
		rm := data.NewReminders(snap, env)
		t3 := time.Now()
		u := New(a, st, Options{})
		t4 := time.Now()
		u.win.Resize(fyne.NewSize(1280, 720))
		u.win.Show()
		u.win.Canvas().Capture()
		t5 := time.Now()
		b.Logf("open %v snapshot %v reminders %v (%d) New %v show+capture %v", t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), len(rm.Items()), t4.Sub(t3), t5.Sub(t4))
		u.win.Close()
		st.Close()
	}
}

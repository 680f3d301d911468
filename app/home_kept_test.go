package app

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"baomi/taizhang/data"
)

// On a new start 首页 shows at once the reminders kept in the data file,
// while they are computed anew in the background, which then replace
// them; kept reminders a later save made stale are not shown.
func TestHomeFilledFromKeptReminders(t *testing.T) {
	first := newDemoUI(t, 300)
	st := first.store
	want := len(first.home.all)
	if want == 0 {
		t.Fatal("nothing due on the demo file: the test tests nothing")
	}
	first.win.Close()

	start := func() (*UI, chan struct{}) {
		gate := make(chan struct{})
		u := New(test.NewTempApp(t), st, Options{Background: true, dueGate: gate})
		u.win.Resize(fyne.NewSize(1280, 720))
		u.Show()
		t.Cleanup(func() {
			select {
			case <-gate:
			default:
				close(gate)
			}
			waitComputed(t, u)
			u.win.Close()
		})
		return u, gate
	}
	u, gate := start()
	if got := len(u.home.all); !u.home.loaded || got != want {
		t.Fatalf("首页 before the computation: loaded %v, %d items; want the %d kept", u.home.loaded, got, want)
	}
	if u.overdue == 0 || !strings.HasSuffix(u.home.count.Text, "项（正在更新…）") {
		t.Errorf("title and count not filled from the kept reminders: %d overdue, %q", u.overdue, u.home.count.Text)
	}
	close(gate)
	waitComputed(t, u)
	if got := len(u.home.all); got != want || strings.Contains(u.home.count.Text, "更新") {
		t.Errorf("after the computation: %d items, count %q; want %d, no word of updating", got, u.home.count.Text, want)
	}

	// The next morning: yesterday's, said to be, until computed anew.
	st.Now = func() time.Time { return today.AddDate(0, 0, 1) }
	u, gate = start()
	if got, note := len(u.home.all), "（"+data.FormatDate(today)+"的提醒，正在更新…）"; got != want || !strings.HasSuffix(u.home.count.Text, note) {
		t.Errorf("the next day: %d items, count %q; want the %d kept, the count ending %q", got, u.home.count.Text, want, note)
	}
	close(gate)
	waitComputed(t, u)

	// A save changes what is due: the kept list is not shown.
	p := data.NewRecord()
	for k, v := range map[string]string{data.PsnName: "新来的", data.PsnIDNo: "110105199003071239", data.PsnDept: "办公室",
		data.PsnLevel: "重要", data.PsnStatus: data.StatusInPost, "confirmed": "2010-01-01"} {
		p.Set(k, v)
	}
	if err := st.Save(data.Personnel, p); err != nil {
		t.Fatal(err)
	}
	u2, _ := start()
	if u2.home.loaded {
		t.Errorf("首页 filled with %d reminders kept before a save", len(u2.home.all))
	}
}

// waitComputed waits until the background computation of the reminders
// has shown its result.
func waitComputed(t testing.TB, u *UI) {
	t.Helper()
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		done := false
		fyne.DoAndWait(func() { done = u.due.rem != nil && !u.due.pending })
		if done {
			return
		}
	}
	t.Fatal("the reminders were not computed in 20 s")
}

// A save that moves the record in the sorted table (a new 姓名) leaves it
// selected and drawn where it went, its new values on screen.
func TestSaveKeepsTheRecordInSight(t *testing.T) {
	u := newDemoUI(t, 300)
	v := u.View("personnel")
	col := slices.IndexFunc(v.cols, func(f data.Field) bool { return f.Key == data.PsnName }) + 1
	v.sortBy(col)
	first := v.shown[0]
	v.selectID(first.ID)
	v.onEdit()
	typeInto(t, u.form, data.PsnName, "齐齐齐") // sorts last among the demo's names
	test.Tap(u.form.save)
	if u.form != nil {
		t.Fatalf("not saved: %q", u.form.status.Text)
	}
	r := v.selected()
	if r == nil || r.ID != first.ID || r.Get(data.PsnName) != "齐齐齐" {
		t.Fatalf("selected after the save: %v, want the renamed person", r)
	}
	if v.sel == 0 {
		t.Fatal("the new name did not move the person: the test tests nothing")
	}
	checkDrawn(t, "after the save", v.list, len(v.shown), v.sel)
}

package app

// Tests of the record form as the clerk sees it: sub-record tabs, training tab and error lines.

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

func TestReminderOpensTheSubRecordsTab(t *testing.T) {
	u := newDemoUI(t, 300)
	u.selectNav(navHomeKey)
	h := u.home
	h.window.SetSelected(windowChoices[2])
	for _, c := range []struct {
		what string // part of the reminder
		tab  string
		key  string // the sub-record's field the reminder names
	}{
		{"有效期届满", data.Passports.Name, "number"},
		{"整改期限", data.Findings.Name, ""},
		{"天无进展反馈（最近反馈", data.TaskFeedback.Name, data.FeedbackDate},
		{"保密复审到期", "基本信息", ""},
	} {
		t.Run(c.what, func(t *testing.T) {
			u.selectNav(navHomeKey)
			row := slices.IndexFunc(h.shown, func(it data.DueItem) bool { return strings.Contains(it.What, c.what) })
			if row < 0 {
				t.Fatalf("no %s reminder in the demo", c.what)
			}
			it := h.shown[row]
			h.list.Select(widget.TableCellID{Row: row, Col: 3})
			f := u.form
			if f == nil || f.rec.ID != it.RecordID {
				t.Fatalf("the reminder %q opened no form for its record", it.What)
			}
			if got := f.tabs.Selected().Text; got != c.tab {
				t.Errorf("%q opened tab %q, want %q", it.What, got, c.tab)
			}
			if c.tab != "基本信息" {
				var sv *registerView
				for _, s := range f.subs {
					if s.reg.Name == c.tab {
						sv = s
					}
				}
				sel := sv.selected()
				if sel == nil {
					t.Fatalf("no %s selected", c.tab)
				}
				if c.key != "" && !strings.Contains(it.What, sel.Get(c.key)) {
					t.Errorf("selected %s %q, reminder %q", c.tab, sel.Get(c.key), it.What)
				}
			}
			u.escape()
		})
	}
}

func TestSubRecordTabSaysItSavesAtOnce(t *testing.T) {
	u := newDemoUI(t, 30)
	v := u.View("personnel")
	v.list.Select(widget.TableCellID{Row: 0, Col: 1})
	test.Tap(v.buttons["编辑"])
	for _, it := range u.form.tabs.Items[1:3] {
		found := false
		var walk func(o fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			switch w := o.(type) {
			case *widget.Label:
				found = found || strings.Contains(w.Text, "立即生效") && strings.Contains(w.Text, "取消")
			case *fyne.Container:
				for _, c := range w.Objects {
					walk(c)
				}
			}
		}
		walk(it.Content)
		if !found {
			t.Errorf("tab %s does not say that its changes are saved at once", it.Text)
		}
	}
}

func TestPersonsTrainingTabNewestFirst(t *testing.T) {
	u := newDemoUI(t, 300)
	v := u.View("personnel")
	sessions, _ := u.store.List(data.Training)
	for row, p := range v.shown {
		if all, _ := data.SessionsOf(p.ID, sessions, 0); len(all) < 3 {
			continue
		}
		v.list.Select(widget.TableCellID{Row: row, Col: 1})
		test.Tap(v.buttons["编辑"])
		l := u.form.trainingList
		var dates []string
		for i := 0; i < l.Length(); i++ {
			o := l.CreateItem()
			l.UpdateItem(i, o)
			dates = append(dates, strings.Fields(o.(*widget.Label).Text)[0])
		}
		if !slices.IsSortedFunc(dates, func(a, b string) int { return strings.Compare(b, a) }) {
			t.Errorf("%s's 保密教育培训: %q, want newest first", p.Get(data.PsnName), dates)
		}
		return
	}
	t.Fatal("no person with 3 sessions in the demo")
}

func TestFormErrorsDoNotMoveFieldsAndSummaryFollows(t *testing.T) {
	u := newTestUI(t)
	v := u.View("personnel")
	test.Tap(v.buttons["新增"])
	f := u.form
	d := fyne.CurrentApp().Driver()
	where := func() map[string]fyne.Position {
		m := map[string]fyne.Position{}
		for k, in := range f.inputs {
			m[k] = d.AbsolutePositionForObject(in.obj)
		}
		return m
	}
	before := where()
	typeInto(t, f, data.PsnIDNo, "110105194912310021") // wrong check digit
	test.Tap(f.save)
	if f.status.Text == "" {
		t.Fatal("no summary after a failed 保存")
	}
	for k, p := range where() {
		if p != before[k] {
			t.Errorf("%s moved from %v to %v when the errors appeared", k, before[k], p)
		}
	}
	count := func() int {
		var n int
		fmt.Sscanf(f.status.Text, "有 %d 处需要改正", &n)
		return n
	}
	n := count()
	if n < 2 {
		t.Fatalf("summary %q: want at least 2 errors", f.status.Text)
	}
	typeInto(t, f, data.PsnName, "张三")
	if got := count(); got != n-1 {
		t.Errorf("after fixing 姓名: summary %q, want %d errors", f.status.Text, n-1)
	}
}

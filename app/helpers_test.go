package app

// The helpers of this package's tests.

import (
	"baomi/taizhang/data"
	"baomi/taizhang/data/demo"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"
)

// newTestUI opens a store on a temporary file and builds the window on a
// test app, as main does on the real one.
func newTestUI(t *testing.T) *UI { return newTestUIWith(t, nil) }

// newTestUIWith is newTestUI on a store serving the given registers (nil:
// data.Registers()).
func newTestUIWith(t *testing.T, regs []*data.Register) *UI {
	t.Helper()
	return testWindow(t, func(st *data.Store) error {
		if regs == nil {
			return nil
		}
		return st.ServeRegisters(regs)
	})
}

// testWindow opens a store on a temporary file, today fixed, lets prepare
// fill it, and shows the window on it at 1280×720.
func testWindow(t *testing.T, prepare func(st *data.Store) error) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	st, err := data.Open(filepath.Join(t.TempDir(), "t.db"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	st.Now = func() time.Time { return today }
	st.Wall = st.Now // audit times too: the same file layout on every run
	if err := prepare(st); err != nil {
		t.Fatal(err)
	}
	u := New(a, st, Options{})
	u.win.Resize(fyne.NewSize(1280, 720))
	u.win.Show()
	return u
}

// typeInto fills a form input as the clerk would.
func typeInto(t *testing.T, f *recordForm, key, text string) {
	t.Helper()
	in := f.inputs[key]
	if in == nil {
		t.Fatalf("no input %q", key)
	}
	if in.sel != nil {
		in.sel.SetSelected(text)
		return
	}
	in.entry.SetText("")
	test.Type(in.entry, text)
}

func addPerson(t *testing.T, v *registerView, name, id, dept, level string) *recordForm {
	t.Helper()
	test.Tap(v.buttons["新增"])
	f := v.ui.form
	if f == nil {
		t.Fatal("新增 opened no form")
	}
	typeInto(t, f, data.PsnName, name)
	typeInto(t, f, data.PsnIDNo, id)
	typeInto(t, f, data.PsnDept, dept)
	typeInto(t, f, data.PsnLevel, level)
	typeInto(t, f, data.PsnStatus, data.StatusInPost)
	typeInto(t, f, "confirmed", "2020年3月1日")
	test.Tap(f.save)
	return f
}

// tapButton taps the button with the given text on the window's top overlay.
func tapButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog shown")
	}
	var found *widget.Button
	walkObjects(t, top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no %q button in the dialog", text)
	}
	test.Tap(found)
}

// walkObjects calls fn with o and every object drawn inside it.
func walkObjects(t *testing.T, o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	if c, ok := o.(*fyne.Container); ok {
		for _, ch := range c.Objects {
			walkObjects(t, ch, fn)
		}
	}
	if wd, ok := o.(fyne.Widget); ok {
		if r := test.TempWidgetRenderer(t, wd); r != nil {
			for _, ch := range r.Objects() {
				walkObjects(t, ch, fn)
			}
		}
	}
}

// walkShown calls fn with o and every object shown inside it, passing over
// hidden ones; where fn returns false, what is inside is passed over.
func walkShown(o fyne.CanvasObject, fn func(fyne.CanvasObject) bool) {
	if o == nil || !o.Visible() || !fn(o) {
		return
	}
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			walkShown(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			walkShown(c, fn)
		}
	}
}

// dialogText gathers the text of every label in o, a line each.
func dialogText(t *testing.T, o fyne.CanvasObject) string {
	t.Helper()
	var sb strings.Builder
	walkObjects(t, o, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			sb.WriteString(x.Text + "\n")
		case *widget.RichText:
			sb.WriteString(x.String() + "\n")
		case *canvas.Text:
			sb.WriteString(x.Text + "\n")
		}
	})
	return sb.String()
}

// overlayText is every text on the window's top overlay (a dialog).
func overlayText(t *testing.T, w fyne.Window) string {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	return dialogText(t, top)
}

// tempDir is a folder for benchmark files shared across benchmarks; the
// system removes it with the rest of the temporary files.
func tempDir() (string, error) { return os.MkdirTemp("", "taizhang-bench") }

// exportAndOpen writes the export dialog's workbook to a temporary file, as
// its 保存 would, waits for it and opens it; the file is closed with the test.
func exportAndOpen(t *testing.T, d *exportDialog) *excelize.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), d.defaultName())
	d.write(path)
	if err := <-d.done; err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// bigFile is a data file with `taizhang demo -n 100000` data: 100,000
// persons and the other registers in proportion, made once per test binary.
func bigFile(b *testing.B) string {
	bigOnce.Do(func() {
		dir, err := tempDir()
		if err != nil {
			bigErr = err
			return
		}
		bigPath = filepath.Join(dir, "big.db")
		st, err := data.Open(bigPath, time.Second)
		if err != nil {
			bigErr = err
			return
		}
		defer st.Close()
		st.Now = func() time.Time { return today }
		bigErr = demo.Fill(st, 100_000, 1, nil)
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return bigPath
}

// fill types values into the open form, in a stable order.
func fill(t *testing.T, f *recordForm, values [][2]string) {
	t.Helper()
	for _, kv := range values {
		typeInto(t, f, kv[0], kv[1])
	}
}

// newRecord taps 新增 on a view, fills the form and saves it.
func newRecord(t *testing.T, v *registerView, values [][2]string) *recordForm {
	t.Helper()
	test.Tap(v.buttons["新增"])
	f := v.ui.form
	if f == nil {
		t.Fatalf("%s: 新增 opened no form", v.reg.Name)
	}
	fill(t, f, values)
	test.Tap(f.save)
	return f
}

// markOf is the 提示 of the shown row whose column key has the value.
func markOf(t *testing.T, v *registerView, key, value string) string {
	t.Helper()
	for _, r := range v.shown {
		if r.Get(key) == value {
			return r.Get(data.KeyMarks)
		}
	}
	t.Fatalf("%s: no row with %s=%q among %d", v.reg.Name, key, value, len(v.shown))
	return ""
}

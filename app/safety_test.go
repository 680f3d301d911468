package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

// TestDateFieldRefusesBareNumbers types what a clerk may type by mistake
// into a date field — a year alone, a month.day, five digits — and saves:
// the form stays open with a message under the field and nothing is
// stored (these were read as Excel serials: 2024 saved 1905-07-16).
func TestDateFieldRefusesBareNumbers(t *testing.T) {
	for _, typed := range []string{"2024", "5.1", "99999"} {
		t.Run(typed, func(t *testing.T) {
			u := newTestUI(t)
			v := u.View("personnel")
			test.Tap(v.buttons["新增"])
			f := u.form
			typeInto(t, f, data.PsnName, "张三")
			typeInto(t, f, data.PsnIDNo, "11010519491231002X")
			typeInto(t, f, data.PsnDept, "办公室")
			typeInto(t, f, data.PsnLevel, "一般")
			typeInto(t, f, data.PsnStatus, data.StatusInPost)
			typeInto(t, f, "confirmed", typed)
			test.Tap(f.save)
			if u.form == nil {
				t.Fatal("the form closed: the record was saved")
			}
			if in := f.inputs["confirmed"]; !in.errText.Visible() || !strings.Contains(in.errText.Text, "日期") {
				t.Errorf("field message: got %q (visible %v), want one about the 日期", in.errText.Text, in.errText.Visible())
			}
			if recs, _ := u.store.List(data.Personnel); len(recs) != 0 {
				t.Errorf("stored %d records (确定涉密时间 %s), want 0", len(recs), recs[0].Get("confirmed"))
			}
		})
	}
}

// TestExportNeverOverwritesTheDataFile exports from the window, through the
// 保存到 dialog, onto a text file named .xlsx: it is refused with a message
// beside the file name and left byte for byte. The data file's own name
// gets .xlsx added, so the export lands beside it and the data file is left
// as it was (xlsx.CheckTarget refuses the data file itself, see its tests).
// Replacing an earlier export after asking is
// TestExportSavesThroughAChineseDialog.
func TestExportNeverOverwritesTheDataFile(t *testing.T) {
	u := newTestUI(t)
	addPerson(t, u.View("personnel"), "张三", "11010519491231002X", "办公室", "一般")
	dir := t.TempDir()
	text := filepath.Join(dir, "说明.xlsx")
	os.WriteFile(text, []byte("不是工作簿"), 0o600)
	for _, tc := range []struct{ name, path, want string }{
		{"a text file named .xlsx", text, "不是 Excel 工作簿"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := os.ReadFile(tc.path)
			test.Tap(u.View("personnel").buttons["导出Excel"])
			tapButton(t, u.win, "选择保存位置…")
			s := u.export.saver
			if !s.open(filepath.Dir(tc.path)) {
				t.Fatalf("cannot open %s", filepath.Dir(tc.path))
			}
			s.name.SetText(filepath.Base(tc.path))
			test.Tap(s.save)
			if got := s.errText.Text; !strings.Contains(got, tc.want) {
				t.Errorf("message: got %q, want it to say %q", got, tc.want)
			}
			if u.export.done != nil {
				t.Error("the export started")
			}
			u.escape()
			if after, _ := os.ReadFile(tc.path); !bytes.Equal(after, before) {
				t.Errorf("%s was changed", tc.path)
			}
		})
	}
	t.Run("the data file's name", func(t *testing.T) {
		db := u.store.Path()
		before, _ := u.store.List(data.Personnel)
		test.Tap(u.View("personnel").buttons["导出Excel"])
		tapButton(t, u.win, "选择保存位置…")
		s := u.export.saver
		s.open(filepath.Dir(db))
		s.name.SetText(filepath.Base(db))
		test.Tap(s.save)
		if err := <-u.export.done; err != nil {
			t.Fatal(err)
		}
		u.escape()
		// The data file gains only the export's audit entry.
		if after, _ := u.store.List(data.Personnel); len(after) != len(before) {
			t.Errorf("persons: got %d, want %d", len(after), len(before))
		}
		if log, _ := u.store.AuditLog(1); len(log) != 1 || log[0].Action != data.ActionExport || log[0].After["文件"] != db+".xlsx" {
			t.Errorf("newest audit entry: got %+v, want the 导出 to %s.xlsx", log, db)
		}
		if _, err := os.Stat(db + ".xlsx"); err != nil {
			t.Errorf("the export is not beside the data file: %v", err)
		}
	})
}

// exportDialogOf opens the export dialog of the register on screen.
func exportDialogOf(u *UI) *exportDialog {
	u.currentView().onExport()
	return u.export
}

// TestUndoRedoInTheWindow adds a person, undoes (Ctrl+Z) and redoes it,
// then deletes it and brings it back from 恢复已删除的记录….
func TestUndoRedoInTheWindow(t *testing.T) {
	u := newTestUI(t)
	v := u.View("personnel")
	addPerson(t, v, "王五", "11010519491231002X", "办公室", "重要")
	if len(v.shown) != 1 {
		t.Fatalf("rows: got %d, want 1", len(v.shown))
	}
	u.onUndo()
	if len(v.shown) != 0 {
		t.Fatalf("rows after 撤销: got %d, want 0", len(v.shown))
	}
	u.onRedo()
	if len(v.shown) != 1 || v.shown[0].Get(data.PsnName) != "王五" {
		t.Fatalf("rows after 重做: got %d, want 王五 back", len(v.shown))
	}
	id := v.shown[0].ID
	v.list.Select(widget.TableCellID{Row: 0, Col: 1})
	v.onDelete()
	tapButton(t, u.win, "删除")
	if len(v.shown) != 0 {
		t.Fatalf("rows after delete: got %d, want 0", len(v.shown))
	}
	u.onRestoreDeleted()
	if u.restoreDlg == nil {
		t.Fatal("no 恢复已删除的记录 dialog")
	}
	if got := overlayText(t, u.win); !strings.Contains(got, "王五") {
		t.Errorf("dialog: got %q, want 王五 listed", got)
	}
	tapButton(t, u.win, "恢复")
	if len(v.shown) != 1 || v.shown[0].ID != id {
		t.Fatalf("rows after 恢复: got %d, want 王五 with id %d", len(v.shown), id)
	}
	u.win.Canvas().Overlays().Top().Hide() // 恢复完成
	u.onUndo()                             // the restore is undone like any change
	if len(v.shown) != 0 {
		t.Errorf("rows after undoing the restore: got %d, want 0", len(v.shown))
	}
}

package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestOpenDialogsAreChinese: choosing a workbook to import, a backup to
// restore and a folder to back up into go through our own dialog, whose
// places and buttons are Chinese (Fyne's file dialog names them Home,
// Computer … whatever the language); it lists only the files it takes and
// refuses a name that is not there.
func TestOpenDialogsAreChinese(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "旧台账.xlsx"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(dir, "说明.txt"), []byte("x"), 0o600)
	u.app.Preferences().SetString(prefImportDir, dir)

	var chosen string
	s := u.newOpenDialog("导入Excel：选择文件", dir, []string{".xlsx", ".xls", ".et"}, func(p string) { chosen = p })
	var names []string
	for _, e := range s.entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "旧台账.xlsx" {
		t.Errorf("listed: got %q, want only the workbook", names)
	}
	for _, txt := range texts(u.win.Canvas().Overlays().Top()) {
		if txt == s.dir || txt == "" || strings.Contains(txt, "Excel") || strings.HasSuffix(txt, ".xlsx") {
			continue // the folder, a file's name, the title
		}
		if strings.ContainsFunc(txt, func(r rune) bool { return r < 128 && (r|0x20 >= 'a' && r|0x20 <= 'z') }) {
			t.Errorf("English in the open dialog: %q", txt)
		}
	}
	s.name.SetText("没有这个.xlsx")
	test.Tap(s.save)
	if chosen != "" || !strings.Contains(s.errText.Text, "找不到文件") {
		t.Errorf("a missing file: chosen %q, message %q", chosen, s.errText.Text)
	}
	s.list.Select(0)
	test.Tap(s.save)
	if chosen != filepath.Join(dir, "旧台账.xlsx") {
		t.Errorf("chosen: got %q, want the workbook", chosen)
	}

	// 备份到… picks the folder shown.
	var folder string
	f := u.newFolderDialog("备份到", dir, func(p string) { folder = p })
	if f.save.Text != "选择此文件夹" {
		t.Errorf("folder button: got %q", f.save.Text)
	}
	test.Tap(f.save)
	if folder != dir {
		t.Errorf("folder: got %q, want %q", folder, dir)
	}
}

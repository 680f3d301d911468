package data

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOSErrorSpeaksChinese: what the OS says reaches the clerk in Chinese,
// with the path, and errors.Is still sees the OS error.
func TestOSErrorSpeaksChinese(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "没有", "a.xlsx")
	file := filepath.Join(dir, "文件")
	os.WriteFile(file, nil, 0o600)
	for _, tc := range []struct {
		name string
		err  func() error
		want string
		is   error
	}{
		{"missing folder", func() error { _, err := os.Create(missing); return err }, "找不到该文件或文件夹", fs.ErrNotExist},
		{"a file in the path", func() error { _, err := os.Create(filepath.Join(file, "a.xlsx")); return err }, "不是文件夹", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := OSError("创建文件", tc.err())
			msg := err.Error()
			if !strings.Contains(msg, tc.want) || !strings.Contains(msg, dir) || strings.Contains(msg, "no such") || strings.Contains(msg, "not a directory") {
				t.Errorf("got %q, want the path and %q, no English", msg, tc.want)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("errors.Is(%v): got false", tc.is)
			}
		})
	}
}

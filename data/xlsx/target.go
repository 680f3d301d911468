package xlsx

import (
	"archive/zip"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"baomi/taizhang/data"
)

// CheckTarget says whether an export may be written to path: it must end
// in .xlsx, must not be any of the protected files (the data file) and,
// when it exists, must itself be an Excel workbook — an export replaces
// only an earlier export, never the ledger, a backup or any other file.
// It is called before the work starts; WriteFile checks again.
func CheckTarget(path string, protected ...string) error {
	abs, _ := filepath.Abs(path)
	fi, err := os.Stat(path)
	for _, p := range protected {
		if pa, _ := filepath.Abs(p); pa == abs {
			return fmt.Errorf("不能导出到数据文件本身：%s", path)
		}
		if err == nil {
			if pi, perr := os.Stat(p); perr == nil && os.SameFile(fi, pi) {
				return fmt.Errorf("不能导出到数据文件本身：%s", path)
			}
		}
	}
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return fmt.Errorf("导出文件 %s 的扩展名必须是 .xlsx", path)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return data.OSErrorAt("检查导出文件", path, err)
	case fi.IsDir():
		return fmt.Errorf("%s 是一个文件夹，请给出 .xlsx 文件名", path)
	case !isWorkbook(path):
		return fmt.Errorf("文件 %s 已存在且不是 Excel 工作簿，为免覆盖其他数据，没有导出；请换一个文件名", path)
	}
	return nil
}

// isWorkbook tells whether the file is an .xlsx workbook: a zip holding
// xl/workbook.xml.
func isWorkbook(path string) bool {
	z, err := zip.OpenReader(path)
	if err != nil {
		return false
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == "xl/workbook.xml" {
			return true
		}
	}
	return false
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"baomi/taizhang/data"
)

func TestCommandLine(t *testing.T) {
	t.Setenv("TAIZHANG_TODAY", "2026-11-26")
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	out := filepath.Join(dir, "台账.xlsx")

	if code := runCommand("demo", []string{"-data", db, "-n", "30", "-seed", "2"}); code != 0 {
		t.Fatalf("demo: exit %d", code)
	}
	for _, reg := range []string{"personnel", "projects", "networks", "inspections", "cases", "training", "due", "stats"} {
		if code := runCommand("export", []string{"-data", db, "-register", reg, "-o", out, "-marking", "秘密★10年"}); code != 0 {
			t.Fatalf("export %s: exit %d", reg, code)
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatalf("export %s: %v", reg, err)
		}
		if mark, _ := f.GetCellValue(f.GetSheetList()[0], "A1"); mark != "秘密★10年" {
			t.Errorf("export %s: marking %q", reg, mark)
		}
		f.Close()
	}

	cases := []struct {
		name string
		cmd  string
		args []string
		want int
	}{
		{"no data file", "export", []string{"-o", out}, exitUsage},
		{"no output", "export", []string{"-data", db}, exitUsage},
		{"unknown register", "export", []string{"-data", db, "-register", "nosuch", "-o", out}, exitError},
		{"unknown flag", "demo", []string{"-data", db, "-x"}, exitUsage},
		{"help", "demo", []string{"-h"}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := runCommand(c.cmd, c.args); got != c.want {
				t.Errorf("exit: got %d, want %d", got, c.want)
			}
		})
	}

	t.Run("damaged file", func(t *testing.T) {
		bad := filepath.Join(dir, "bad.db")
		os.WriteFile(bad, []byte("这不是数据文件"), 0o600)
		if got := runCommand("export", []string{"-data", bad, "-o", out}); got != exitData {
			t.Errorf("exit: got %d, want %d", got, exitData)
		}
	})
	t.Run("locked file", func(t *testing.T) {
		st, err := data.Open(db, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		start := time.Now()
		if got := runCommand("export", []string{"-data", db, "-o", out}); got != exitData {
			t.Errorf("exit: got %d, want %d", got, exitData)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("a locked file took %v to report, want under 2 s", d)
		}
	})
	t.Run("bad TAIZHANG_TODAY", func(t *testing.T) {
		t.Setenv("TAIZHANG_TODAY", "2026-13-01")
		if got := runCommand("demo", []string{"-data", db, "-n", "1"}); got != exitError {
			t.Errorf("exit: got %d, want %d", got, exitError)
		}
	})
}

// TestImportCommand runs `taizhang import` on a small ledger of a clerk's
// making: the report lines, the exit codes, -dry-run writing nothing, and
// a second import adding nothing.
func TestImportCommand(t *testing.T) {
	t.Setenv("TAIZHANG_TODAY", "2026-11-26")
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	in := filepath.Join(dir, "人员.xlsx")
	good := filepath.Join(dir, "好.xlsx")
	id := func(first17 string) string { return first17 + string(data.IDCheckChar(first17)) }
	write := func(path string, rows [][]any) {
		f := excelize.NewFile()
		defer f.Close()
		for i, row := range rows {
			ref, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow("Sheet1", ref, &row); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
	}
	header := []any{"序号", "姓名", "身份证号", "所在部门", "涉密类别", "人员状态"}
	write(in, [][]any{
		{"涉密人员登记表"},
		header,
		{1, "张三", id("11010519850307123"), "办公室", "核心涉密人员", "在岗"},
		{2, "李四", id("11010519900307124"), "保密办", "一般", "在岗"},
		{3, "王五", 110105199003071000, "保密办", "一般", "在岗"},
		{"合计", "3人"},
	})
	write(good, [][]any{header, {1, "赵六", id("11010519700101125"), "办公室", "重要", "在岗"}})
	run := func(args ...string) (int, string) {
		var out, errs strings.Builder
		code := runImport(args, &out, &errs)
		return code, out.String() + errs.String()
	}
	persons := func() int {
		st, err := data.Open(db, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		recs, err := st.List(data.Personnel)
		if err != nil {
			t.Fatal(err)
		}
		return len(recs)
	}
	refused := "第5行\t身份证号\t身份证号码被存成数字，末位已丢失，请将该列设为文本后重新填写"

	code, out := run("-data", db, "-register", "personnel", "-i", in, "-dry-run")
	if code != exitRefused || !strings.Contains(out, "新增 2，更新 0，跳过 0，未导入 1") || !strings.Contains(out, refused) {
		t.Errorf("dry run: got exit %d and\n%s\nwant exit 1, the counts and %q", code, out, refused)
	}
	if n := persons(); n != 0 {
		t.Errorf("dry run wrote %d persons, want 0", n)
	}
	if code, out = run("-data", db, "-register", "personnel", "-i", in); code != exitRefused {
		t.Errorf("import: got exit %d, want 1\n%s", code, out)
	}
	if n := persons(); n != 2 {
		t.Errorf("import: got %d persons, want 2", n)
	}
	code, out = run("-data", db, "-register", "personnel", "-i", in, "-on-duplicate", "update")
	if code != exitRefused || !strings.Contains(out, "新增 0，更新 0，跳过 2，未导入 1") {
		t.Errorf("second import: got exit %d and\n%s\nwant nothing added", code, out)
	}
	if code, out = run("-data", db, "-register", "personnel", "-i", good); code != 0 || persons() != 3 {
		t.Errorf("a clean file: got exit %d, %d persons, want 0, 3\n%s", code, persons(), out)
	}

	xls := filepath.Join(dir, "旧.xls")
	os.WriteFile(xls, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}, 0o600)
	broken := filepath.Join(dir, "坏.xlsx")
	os.WriteFile(broken, []byte("PK\x03\x04 这不是完整的压缩包"), 0o600)
	cases := []struct {
		name string
		args []string
		want int
		says string
	}{
		{"xls", []string{"-data", db, "-i", xls}, exitNoWorkbook, "请用 Excel/WPS 另存为 .xlsx 后导入"},
		{"broken zip", []string{"-data", db, "-i", broken}, exitNoWorkbook, "不是有效的 .xlsx 工作簿"},
		{"no such sheet", []string{"-data", db, "-i", in, "-sheet", "无此表"}, exitNoWorkbook, "没有名为“无此表”的工作表"},
		{"no input", []string{"-data", db}, exitUsage, "-i"},
		{"bad on-duplicate", []string{"-data", db, "-i", in, "-on-duplicate", "merge"}, exitUsage, "skip 或 update"},
		{"unknown register", []string{"-data", db, "-i", in, "-register", "nosuch"}, exitUsage, "nosuch"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out := run(c.args...)
			if code != c.want || !strings.Contains(out, c.says) {
				t.Errorf("got exit %d and %q, want exit %d saying %q", code, out, c.want, c.says)
			}
		})
	}
}

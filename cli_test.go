package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	bolt "go.etcd.io/bbolt"

	"baomi/taizhang/data"
)

func TestCommandLine(t *testing.T) {
	t.Setenv("TAIZHANG_TODAY", "2026-11-26")
	t.Setenv(passwordEnv, demoPassword)
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	out := filepath.Join(dir, "台账.xlsx")

	if code := runCommand("demo", []string{"-data", db, "-n", "30", "-seed", "2"}); code != 0 {
		t.Fatalf("demo: exit %d", code)
	}
	var keys []string
	for _, reg := range data.Registers() {
		keys = append(keys, reg.Key)
	}
	for _, reg := range append(keys, "due", "stats", "notice -task 1", "notice -dept 办公室") {
		reg, extra, _ := strings.Cut(reg, " ")
		args := []string{"-data", db, "-register", reg, "-o", out, "-marking", "秘密★10年", "-user", "viewer"}
		if extra != "" {
			args = append(args, strings.Fields(extra)...)
		}
		if code := runCommand("export", args); code != 0 {
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
		{"unknown register", "export", []string{"-data", db, "-register", "nosuch", "-o", out, "-user", "viewer"}, exitError},
		{"no account", "export", []string{"-data", db, "-o", out}, exitError},
		{"no such account", "export", []string{"-data", db, "-o", out, "-user", "nobody"}, exitError},
		{"unknown flag", "demo", []string{"-data", db, "-x"}, exitUsage},
		{"notice without -task or -dept", "export", []string{"-data", db, "-register", "notice", "-o", out, "-user", "viewer"}, exitUsage},
		{"notice with both", "export", []string{"-data", db, "-register", "notice", "-task", "1", "-dept", "办公室", "-o", out, "-user", "viewer"}, exitUsage},
		{"notice of no such task", "export", []string{"-data", db, "-register", "notice", "-task", "9999", "-o", out, "-user", "viewer"}, exitError},
		{"notice of no such 部门", "export", []string{"-data", db, "-register", "notice", "-dept", "财务处", "-o", out, "-user", "viewer"}, exitError},
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

// run runs a subcommand and returns its exit code, stdout and stderr.
func run(name string, args ...string) (int, string, string) {
	var out, errs bytes.Buffer
	code := runCommandTo(name, args, &out, &errs)
	return code, out.String(), errs.String()
}

// TestCommandLineNeverHarmsTheDataFile: export onto the data file or a
// backup is refused; verify reads a file beside another reader and leaves
// it byte for byte as it was; export and backup add only their audit
// entries (the chain stays sound); a missing file is not created.
func TestCommandLineNeverHarmsTheDataFile(t *testing.T) {
	t.Setenv("TAIZHANG_TODAY", "2026-11-26")
	t.Setenv(passwordEnv, demoPassword)
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	if code, _, errs := run("demo", "-data", db, "-n", "20"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errs)
	}
	code, out, errs := run("backup", "-data", db, "-user", "admin")
	if code != 0 {
		t.Fatalf("backup: exit %d: %s", code, errs)
	}
	backups, _ := data.Backups(db, data.BackupDir(db))
	if len(backups) != 1 || !strings.Contains(out, backups[0].Path) {
		t.Fatalf("backup: got %v and %q, want one backup named in the output", backups, out)
	}
	backupBefore, _ := os.ReadFile(backups[0].Path)

	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"export onto the data file", []string{"export", "-data", db, "-o", db, "-user", "viewer"}, exitError, "数据文件本身"},
		{"export onto a backup", []string{"export", "-data", db, "-o", backups[0].Path, "-user", "viewer"}, exitError, ".xlsx"},
		{"export onto a backup named .xlsx", []string{"export", "-data", db, "-o", filepath.Join(dir, "t.xlsx"), "-user", "viewer"}, 0, "已导出"},
		{"export", []string{"export", "-data", db, "-register", "due", "-o", filepath.Join(dir, "due.xlsx"), "-user", "viewer"}, 0, "已导出"},
		{"export from a missing file", []string{"export", "-data", filepath.Join(dir, "无", "x.db"), "-o", filepath.Join(dir, "m.xlsx")}, exitError, "数据文件不存在"},
		{"verify a missing file", []string{"verify", "-data", filepath.Join(dir, "无", "x.db")}, exitError, "数据文件不存在"},
		{"backup a missing file", []string{"backup", "-data", filepath.Join(dir, "无", "x.db")}, exitError, "数据文件不存在"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "export onto a backup named .xlsx" {
				os.WriteFile(filepath.Join(dir, "t.xlsx"), backupBefore, 0o600)
				tc.code, tc.want = exitError, "不是 Excel 工作簿"
			}
			code, out, errs := run(tc.args[0], tc.args[1:]...)
			if code != tc.code || !strings.Contains(out+errs, tc.want) {
				t.Errorf("exit %d, %q%q; want exit %d saying %q", code, out, errs, tc.code, tc.want)
			}
		})
	}
	// Another reader holds the file (shared lock): verify goes on, and
	// writes nothing.
	before, _ := os.ReadFile(db)
	reader, err := data.OpenFile(db, data.OpenOptions{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if code, out, errs := run("verify", "-data", db, "-user", "auditor"); code != 0 || !strings.Contains(out, "审计链完好") {
		t.Errorf("verify beside a reader: exit %d %q %q, want 0 saying 审计链完好", code, out, errs)
	}
	reader.Close()
	if after, _ := os.ReadFile(db); !bytes.Equal(after, before) {
		t.Error("verify changed the data file")
	}
	if after, _ := os.ReadFile(backups[0].Path); !bytes.Equal(after, backupBefore) {
		t.Error("the backup changed")
	}
	if _, err := os.Stat(filepath.Join(dir, "无")); !os.IsNotExist(err) {
		t.Error("a command made the folder of a missing data file")
	}
	empty := filepath.Join(dir, "空.db")
	os.WriteFile(empty, nil, 0o600)
	if code, _, errs := run("export", "-data", empty, "-o", filepath.Join(dir, "e.xlsx")); code != exitData || !strings.Contains(errs, "0 字节") {
		t.Errorf("export from a 0-byte file: exit %d %q, want %d saying it is empty", code, errs, exitData)
	}
	if fi, _ := os.Stat(empty); fi.Size() != 0 {
		t.Error("the 0-byte file was written to")
	}
}

// TestCommandLineBackupRestore: backup refuses while the window holds the
// file and says how to back up from the window; restore replaces the file
// with the backup and keeps the old one aside.
func TestCommandLineBackupRestore(t *testing.T) {
	t.Setenv("TAIZHANG_TODAY", "2026-11-26")
	t.Setenv(passwordEnv, demoPassword)
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	if code, out, _ := run("demo", "-data", db, "-n", "10"); code != 0 || !strings.Contains(out, "已新建") {
		t.Fatalf("demo on a new file: exit %d %q, want it to say the file was created", code, out)
	}
	code, _, errs := run("backup", "-data", db, "-o", filepath.Join(dir, "U盘"), "-user", "admin")
	if code != 0 {
		t.Fatalf("backup: exit %d %s", code, errs)
	}
	backups, _ := data.Backups(db, filepath.Join(dir, "U盘"))
	if len(backups) != 1 {
		t.Fatalf("backups: got %d, want 1", len(backups))
	}
	if code, _, _ := run("demo", "-data", db, "-n", "5", "-user", "clerk"); code != 0 {
		t.Fatal("second demo")
	}
	win, err := data.Open(db, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run("backup", "-data", db, "-user", "admin"); code != exitData || !strings.Contains(errs, "备份到") {
		t.Errorf("backup while the window is open: exit %d %q, want %d pointing to 文件→备份到…", code, errs, exitData)
	}
	if code, _, _ := run("restore", "-data", db, "-i", backups[0].Path, "-user", "admin"); code != exitData {
		t.Errorf("restore while the window is open: exit %d, want %d", code, exitData)
	}
	win.Close()
	if code, _, errs := run("restore", "-data", db, "-i", backups[0].Path, "-user", "clerk"); code != exitError || !strings.Contains(errs, "不能从备份恢复") {
		t.Errorf("restore by clerk: exit %d %q, want %d refused", code, errs, exitError)
	}
	code, out, errs := run("restore", "-data", db, "-i", backups[0].Path, "-user", "admin")
	if code != 0 || !strings.Contains(out, "原数据文件保留为") {
		t.Fatalf("restore: exit %d %q %q", code, out, errs)
	}
	st, err := data.OpenFile(db, data.OpenOptions{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Login("viewer", demoPassword); err != nil {
		t.Fatal(err)
	}
	if recs, _ := st.List(data.Personnel); len(recs) != 10 {
		t.Errorf("persons after restore: got %d, want the 10 of the backup", len(recs))
	}
	fresh := filepath.Join(dir, "新", "t.db")
	if code, out, errs := run("restore", "-data", fresh, "-i", backups[0].Path, "-user", "admin"); code != 0 || !strings.Contains(out, "已从备份") || !strings.Contains(out, "新建") {
		t.Errorf("restore into a missing file: exit %d %q %q, want it to say the file was made from the backup", code, out, errs)
	}
	if code, _, _ := run("verify", "-data", fresh, "-user", "auditor"); code != 0 {
		t.Errorf("verify of the restored new file: exit %d, want 0", code)
	}
}

// TestCommandLineDamagedFiles spoils a file in each way a dozen times:
// verify and export exit 3 saying 数据文件已损坏, name the newest good
// backup, and leave the file's bytes as they were.
func TestCommandLineDamagedFiles(t *testing.T) {
	t.Setenv("TAIZHANG_TODAY", "2026-11-26")
	t.Setenv(passwordEnv, demoPassword)
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	if code, _, _ := run("demo", "-data", db, "-n", "40"); code != 0 {
		t.Fatal("demo")
	}
	if code, _, _ := run("backup", "-data", db, "-user", "admin"); code != 0 {
		t.Fatal("backup")
	}
	good, _ := os.ReadFile(db)
	pages, hwm := usedPages(t, db)
	rng := rand.New(rand.NewPCG(3, 3))
	kinds := []string{"random page", "truncated", "zero bytes", "both meta pages"}
	for i := range 12 {
		kind := kinds[i%len(kinds)]
		t.Run(kind, func(t *testing.T) {
			b := bytes.Clone(good)
			switch kind {
			case "random page":
				p := pages[rng.IntN(len(pages))] * 4096
				for j := p; j < p+4096; j++ {
					b[j] = byte(rng.UintN(256))
				}
			case "truncated":
				b = b[:1+rng.IntN(hwm-1)] // below the last page in use: beyond it is only room to grow
			case "zero bytes":
				b = nil
			case "both meta pages":
				for j := range 8192 {
					b[j] = byte(rng.UintN(256))
				}
			}
			os.WriteFile(db, b, 0o600)
			for _, args := range [][]string{{"verify", "-data", db, "-user", "auditor"}, {"export", "-data", db, "-register", "personnel", "-o", filepath.Join(dir, "x.xlsx"), "-user", "viewer"}} {
				code, _, errs := run(args[0], args[1:]...)
				if args[0] == "export" && kind == "random page" && code == 0 {
					continue // export reads the registers only; the damage may be elsewhere
				}
				if code != exitData || !strings.Contains(errs, "数据文件已损坏") || !strings.Contains(errs, "最近一份完好的备份") {
					t.Errorf("%s: exit %d %q, want %d, 数据文件已损坏 and the newest good backup", args[0], code, errs, exitData)
				}
			}
			if after, _ := os.ReadFile(db); !bytes.Equal(after, b) {
				t.Error("the damaged file was written to")
			}
		})
	}
}

// usedPages are the branch and leaf pages of a bbolt file, and the size in
// bytes of the pages in use (the file may be longer).
func usedPages(t *testing.T, path string) ([]int, int) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, PreLoadFreelist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var pages []int
	hwm := 0
	db.View(func(tx *bolt.Tx) error {
		hwm = int(tx.Size())
		for id := 2; id < int(tx.Size()/4096); id++ {
			if info, err := tx.Page(id); err == nil && info != nil {
				if info.Type == "branch" || info.Type == "leaf" {
					pages = append(pages, id)
				}
				id += info.OverflowCount
			}
		}
		return nil
	})
	return pages, hwm
}

// TestImportCommand runs `taizhang import` on a small ledger of a clerk's
// making: the report lines, the exit codes, -dry-run writing nothing, and
// a second import adding nothing.
func TestImportCommand(t *testing.T) {
	t.Setenv("TAIZHANG_TODAY", "2026-11-26")
	t.Setenv(passwordEnv, demoPassword)
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

// TestExportRefusesBadMarking: a marking the law does not allow stops the
// export with a Chinese message and writes no file.
func TestExportRefusesBadMarking(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	if code := runCommand("demo", []string{"-data", db, "-n", "5"}); code != 0 {
		t.Fatalf("demo: exit %d", code)
	}
	for _, c := range []struct{ mark, says string }{
		{"秘密★十年", "阿拉伯数字"},
		{"秘密★20年", "最长 10 年"},
		{"特密★5年", "没有“特密”这个密级"},
	} {
		t.Run(c.mark, func(t *testing.T) {
			out := filepath.Join(dir, c.mark+".xlsx")
			var stdout, stderr strings.Builder
			code := runCommandTo("export", []string{"-data", db, "-o", out, "-marking", c.mark}, &stdout, &stderr)
			if code != exitUsage {
				t.Errorf("exit: got %d, want %d", code, exitUsage)
			}
			if !strings.Contains(stderr.String(), c.says) {
				t.Errorf("stderr: got %q, want it to say %q", stderr.String(), c.says)
			}
			if fileExists(out) {
				t.Errorf("%s was written", out)
			}
		})
	}
}

package main

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	bolt "go.etcd.io/bbolt"

	"baomi/taizhang/data"
)

// demoFile makes a demo file of n persons with the five accounts; the
// password is in the environment.
func demoFile(t *testing.T, n string) (dir, db string) {
	t.Helper()
	t.Setenv("TAIZHANG_TODAY", "2026-11-26")
	t.Setenv(passwordEnv, demoPassword)
	dir = t.TempDir()
	db = filepath.Join(dir, "t.db")
	if code, _, errs := run("demo", "-data", db, "-n", n); code != 0 {
		t.Fatal(errs)
	}
	return dir, db
}

// TestCommandLineRoles: each demo account may run what its role allows and
// is refused the rest with a message naming the account and its role.
func TestCommandLineRoles(t *testing.T) {
	t.Setenv("TAIZHANG_TODAY", "2026-11-26")
	t.Setenv(passwordEnv, demoPassword)
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	code, out, errs := run("demo", "-data", db, "-n", "5")
	if code != 0 || !strings.Contains(out, "admin（系统管理员）") || !strings.Contains(out, demoPassword) {
		t.Fatalf("demo: exit %d %q %q, want the accounts and their password", code, out, errs)
	}
	cmds := map[string][]string{
		"export": {"export", "-data", db, "-o", filepath.Join(dir, "x.xlsx")},
		"demo":   {"demo", "-data", db, "-n", "1", "-seed", "9"},
		"backup": {"backup", "-data", db, "-o", filepath.Join(dir, "b")},
		"verify": {"verify", "-data", db},
		"list":   {"account", "-data", db, "-list"},
	}
	cmds["audit"] = []string{"export", "-data", db, "-register", "audit", "-o", filepath.Join(dir, "a.xlsx")}
	may := map[string]string{
		"admin":   "backup verify list",
		"secadm":  "export verify list",
		"auditor": "verify audit",
		"clerk":   "export demo verify",
		"viewer":  "export verify",
	}
	for user, allowed := range may {
		for cmd, args := range cmds {
			t.Run(user+"/"+cmd, func(t *testing.T) {
				code, out, errs := run(args[0], append(args[1:], "-user", user)...)
				if strings.Contains(allowed, cmd) {
					if code != 0 {
						t.Errorf("exit %d %q, want 0", code, errs)
					}
					return
				}
				if code != exitError || !strings.Contains(errs, "无权操作") || !strings.Contains(errs, user) {
					t.Errorf("exit %d %q %q, want %d and 无权操作 naming %s", code, out, errs, exitError, user)
				}
			})
		}
	}
}

// TestCommandLineVerifyFindsTampering: one byte changed with bbolt in a
// record or an audit entry makes verify exit 1 naming it (a damaged file
// exits 3: TestCommandLineDamagedFiles).
func TestCommandLineVerifyFindsTampering(t *testing.T) {
	_, db := demoFile(t, "5")
	good, _ := os.ReadFile(db)
	for _, tc := range []struct {
		name, bucket string
		key          []byte
		want         string
	}{
		{"record", data.Personnel.Key, []byte{0, 0, 0, 0, 0, 0, 0, 2}, "涉密人员第 2 条记录"},
		{"audit entry", "audit", []byte{0, 0, 0, 0, 0, 0, 0, 7}, "第 7 条操作记录"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.WriteFile(db, good, 0o600)
			bdb, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			bdb.Update(func(tx *bolt.Tx) error {
				b := tx.Bucket([]byte(tc.bucket))
				v := append([]byte(nil), b.Get(tc.key)...)
				v[len(v)-2] ^= 1
				return b.Put(tc.key, v)
			})
			bdb.Close()
			code, out, errs := run("verify", "-data", db, "-user", "auditor")
			if code != exitError || !strings.Contains(errs, tc.want) || !strings.Contains(errs, "审计链校验未通过") {
				t.Errorf("exit %d %q %q, want %d naming %s", code, out, errs, exitError, tc.want)
			}
		})
	}
}

// TestCommandLineLock: five wrong passwords lock the account; the right
// one is then refused too.
func TestCommandLineLock(t *testing.T) {
	t.Setenv("TAIZHANG_TODAY", "2026-11-26")
	t.Setenv(passwordEnv, demoPassword)
	db := filepath.Join(t.TempDir(), "t.db")
	if code, _, errs := run("demo", "-data", db, "-n", "2"); code != 0 {
		t.Fatal(errs)
	}
	t.Setenv(passwordEnv, "wrong12345")
	for i := 1; i <= 5; i++ {
		code, _, errs := run("export", "-data", db, "-o", filepath.Join(t.TempDir(), "x.xlsx"), "-user", "viewer")
		want := "账户或密码不正确"
		if i == 5 {
			want = "账户已锁定"
		}
		if code != exitError || !strings.Contains(errs, want) {
			t.Errorf("wrong password %d: exit %d %q, want %d saying %s", i, code, errs, exitError, want)
		}
	}
	t.Setenv(passwordEnv, demoPassword)
	if code, _, errs := run("export", "-data", db, "-o", filepath.Join(t.TempDir(), "x.xlsx"), "-user", "viewer"); code != exitError || !strings.Contains(errs, "账户已锁定") {
		t.Errorf("right password after five wrong: exit %d %q, want %d 账户已锁定", code, errs, exitError)
	}
}

// TestCommandLineSetup is the README's setup: the 系统管理员 is created,
// adds the other two 三员 and a clerk; the 安全保密管理员 grants the clerk
// a register; the clerk's export names it as 导出人 and the export is in
// the audit log the 审计员 reads.
func TestCommandLineSetup(t *testing.T) {
	t.Setenv("TAIZHANG_TODAY", "2026-11-26")
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	step := func(pw, newPw string, args ...string) {
		t.Helper()
		t.Setenv(passwordEnv, pw)
		t.Setenv(newPasswordEnv, newPw)
		if code, out, errs := run("account", append([]string{"-data", db}, args...)...); code != 0 {
			t.Fatalf("account %v: exit %d %q %q", args, code, out, errs)
		}
	}
	step("", "guanli2026", "-add", "王管理")
	step("guanli2026", "baomi2026", "-user", "王管理", "-add", "李保密", "-role", "安全保密管理员")
	step("guanli2026", "shenji2026", "-user", "王管理", "-add", "赵审计", "-role", "安全审计员")
	step("guanli2026", "luru2026", "-user", "王管理", "-add", "张录入")
	step("baomi2026", "", "-user", "李保密", "-set", "张录入", "-role", "录入员", "-grants", "personnel")
	t.Setenv(passwordEnv, "guanli2026")
	if code, _, errs := run("account", "-data", db, "-user", "王管理", "-add", "钱二", "-role", "录入员"); code != exitError || !strings.Contains(errs, "安全保密管理员分配") {
		t.Errorf("admin making a 录入员: exit %d %q, want refused", code, errs)
	}
	t.Setenv(passwordEnv, "luru2026")
	if code, _, errs := run("demo", "-data", db, "-n", "3", "-user", "张录入"); code != exitError || !strings.Contains(errs, "无权操作") {
		t.Errorf("demo by a clerk of personnel only: exit %d %q, want refused (demo fills every register)", code, errs)
	}
	out := filepath.Join(dir, "人员.xlsx")
	if code, _, errs := run("export", "-data", db, "-o", out, "-marking", "秘密", "-user", "张录入"); code != 0 {
		t.Fatalf("export: exit %d %q", code, errs)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	hf, _ := f.GetHeaderFooter(f.GetSheetList()[0])
	props, _ := f.GetDocProps()
	f.Close()
	if hf == nil || !strings.Contains(hf.OddFooter, "导出人：张录入") || !strings.Contains(hf.OddFooter, "导出时间：") || !strings.Contains(hf.OddFooter, "第 &P 页") {
		t.Errorf("footer: got %+v, want 导出人, 导出时间 and the page number", hf)
	}
	if props == nil || props.Creator != "张录入" || !strings.Contains(props.Description, "导出人：张录入") {
		t.Errorf("workbook properties: got %+v, want the exporter", props)
	}
	st, err := data.OpenFile(db, data.OpenOptions{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Login("赵审计", "shenji2026"); err != nil {
		t.Fatal(err)
	}
	log, err := st.AuditLog(0)
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(out)
	found := false
	for _, e := range log {
		found = found || e.Action == data.ActionExport && e.Operator == "张录入" && e.After["文件"] == abs && e.After["密级标志"] == "秘密"
	}
	if !found {
		t.Errorf("no 导出 entry by 张录入 naming %s and 秘密 in %d entries", abs, len(log))
	}
}

// TestCommandLineAnchor: the chain head written beside a backup catches a
// log cut back behind it, which the chain alone cannot (the entries cut
// were the newest, and the bucket's sequence set back).
func TestCommandLineAnchor(t *testing.T) {
	dir, db := demoFile(t, "3")
	if code, _, errs := run("backup", "-data", db, "-user", "admin"); code != 0 {
		t.Fatal(errs)
	}
	anchors, _ := filepath.Glob(filepath.Join(data.BackupDir(db), "*"+data.AnchorSuffix))
	if len(anchors) != 1 {
		t.Fatalf("anchors beside the backup: got %v, want one", anchors)
	}
	if code, _, errs := run("export", "-data", db, "-o", filepath.Join(dir, "x.xlsx"), "-user", "viewer"); code != 0 {
		t.Fatal(errs)
	}
	if code, out, errs := run("verify", "-data", db, "-user", "auditor", "-anchor", anchors[0]); code != 0 || !strings.Contains(out, "与审计链头一致") {
		t.Fatalf("verify with the anchor: exit %d %q %q, want 0", code, out, errs)
	}
	anchor, _ := os.ReadFile(anchors[0])
	var seq uint64
	fmt.Sscanf(strings.SplitN(string(anchor), "第 ", 2)[1], "%d", &seq)
	bdb, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	bdb.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("audit"))
		for k, _ := b.Cursor().Last(); k != nil && binary.BigEndian.Uint64(k) >= seq; k, _ = b.Cursor().Last() {
			b.Delete(k)
		}
		return b.SetSequence(seq - 1)
	})
	bdb.Close()
	if code, out, errs := run("verify", "-data", db, "-user", "auditor"); code != 0 {
		t.Fatalf("verify without the anchor: exit %d %q %q, want 0 (the cut cannot be seen)", code, out, errs)
	}
	want := fmt.Sprintf("第 %d 条操作记录不见了", seq)
	if code, _, errs := run("verify", "-data", db, "-user", "auditor", "-anchor", anchors[0]); code != exitError || !strings.Contains(errs, want) {
		t.Errorf("verify with the anchor: exit %d %q, want %d saying %s", code, errs, exitError, want)
	}
}

// TestCommandLineAuditExport: the 审计员 prints the log; its last row is
// the chain head, which verify then takes as an anchor.
func TestCommandLineAuditExport(t *testing.T) {
	dir, db := demoFile(t, "2")
	out := filepath.Join(dir, "审计.xlsx")
	code, stdout, errs := run("export", "-data", db, "-register", "audit", "-o", out, "-user", "auditor")
	if code != 0 || !strings.Contains(stdout, "审计链头：第 ") {
		t.Fatalf("export audit: exit %d %q %q, want the chain head printed", code, stdout, errs)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetList()[0])
	f.Close()
	var head, all string
	for _, r := range rows {
		all += strings.Join(r, "|") + "\n"
		if len(r) > 5 && r[3] == "审计链头" {
			head = r[5]
		}
	}
	for _, want := range []string{"admin|新增|账户", "secadm|修改|账户", "clerk|新增|涉密人员 第 1 条", "auditor|登录"} {
		if !strings.Contains(all, want) {
			t.Errorf("printed log lacks %q:\n%s", want, all)
		}
	}
	if code, _, errs := run("verify", "-data", db, "-user", "auditor", "-anchor", head); code != 0 {
		t.Errorf("verify -anchor %q (the printed head): exit %d %q, want 0", head, code, errs)
	}
}

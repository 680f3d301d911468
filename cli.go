package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"baomi/taizhang/data"
	"baomi/taizhang/data/demo"
	"baomi/taizhang/data/xlsx"
)

// Exit codes of the command line.
const (
	exitError = 1 // anything else that went wrong
	exitUsage = 2 // wrong flags
	exitData  = 3 // the data file is locked by another copy, or damaged
)

const dataFileName = "taizhang.db"

func newFlagSet(name, what string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "用法：%s\n%s\n\n选项：\n", usageLine(name), what)
		fs.PrintDefaults()
		if name == "taizhang" {
			fmt.Fprint(fs.Output(), "\n子命令：\n  demo     生成演示数据（taizhang demo -h）\n  export   导出Excel登记台账（taizhang export -h）\n"+
				"  import   导入Excel/WPS登记表（taizhang import -h）\n  backup   备份数据文件\n  restore  从备份恢复数据文件\n  verify   检查数据文件和审计链是否完好\n"+
				"  account  管理账户（taizhang account -h）\n"+
				"\n数据文件设置了账户后，每个子命令都要用 -user 指定账户；密码从终端输入，脚本中可设环境变量 TAIZHANG_PASSWORD。\n"+
				"\n环境变量 TAIZHANG_TODAY=YYYY-MM-DD 设定“今天”，用于所有日期规则和演示数据。\n"+
				"退出码：0 成功，1 出错，2 用法错误，3 数据文件被占用或已损坏。\n")
		}
	}
	return fs
}

func usageLine(name string) string {
	switch name {
	case "demo":
		return "taizhang demo -data 文件 -n 数量 [-seed 种子] [-password 密码]"
	case "export":
		return "taizhang export -data 文件 -register personnel|…|due|notice|stats|audit -o 输出.xlsx [-marking 内部] [-year 2026] [-by-dept] [-task 编号 | -dept 部门] -user 账户"
	case "backup":
		return "taizhang backup -data 文件 [-o 文件夹] -user 账户"
	case "restore":
		return "taizhang restore -data 文件 -i 备份文件 -user 账户"
	case "verify":
		return "taizhang verify -data 文件 -user 账户 [-anchor 审计链头文件]"
	}
	return "taizhang [-data 文件]"
}

// subcommands are the commands main hands to runCommand.
var subcommands = []string{"demo", "export", "backup", "restore", "verify", "account"}

// runCommand runs a subcommand and returns the exit code.
func runCommand(name string, args []string) int {
	return runCommandTo(name, args, os.Stdout, os.Stderr)
}

// runCommandTo runs a subcommand writing to stdout and stderr.
func runCommandTo(name string, args []string, stdout, stderr io.Writer) int {
	if name == "account" {
		return runAccount(args, stdout, stderr)
	}
	var what string
	switch name {
	case "demo":
		what = "向数据文件的每个登记簿写入 N 条逼真的演示记录（在一个事务中：要么全部写入，要么一条不写）；相同的种子生成相同的数据。数据文件不存在时新建。\n" +
			"数据文件还没有账户时，建立每种角色一个账户：admin（系统管理员）、secadm（安全保密管理员）、auditor（安全审计员）、clerk（录入员，可编辑全部登记簿）、viewer（查阅），密码由 -password 指定（默认 " + demoPassword + "）。"
	case "export":
		what = "把一个登记簿导出为可直接打印的 Excel 登记台账（与窗口中导出的相同）。只覆盖已有的 .xlsx 工作簿。每次导出（登记簿、密级标志、文件名、导出人）记入审计日志。"
	case "backup":
		what = "把数据文件的一致副本写入文件夹（默认：数据文件旁的“备份”文件夹），检查后在旁边写入 SHA-256。\n窗口打开着数据文件时请在窗口中用 文件→备份到…。"
	case "restore":
		what = "先检查备份，再用它替换数据文件；原数据文件改名保留在旁边（.恢复前-时间）。数据文件不存在时新建。"
	case "verify":
		what = "只读打开数据文件，读遍每一页并做 bbolt 一致性检查，再用账户的审计密钥校验审计链、每条记录和每个账户，指出第一处被绕过程序改动的地方。\n完好退出 0，审计链校验未通过退出 1，数据文件损坏或无法读取退出 3。"
	}
	fs := newFlagSet(name, what)
	fs.SetOutput(stderr)
	path := fs.String("data", "", "数据文件（必填）")
	user := fs.String("user", "", "账户（数据文件设置了账户时必填；密码从终端输入，或环境变量 "+passwordEnv+"）")
	demoPw := new(string)
	// Each subcommand shows only its own flags in -h.
	n, seed := new(int), new(int64)
	register, out, marking, in := new(string), new(string), new(string), new(string)
	year, byDept := new(int), new(bool)
	notice := noticeFlags{task: new(uint64), dept: new(string)}
	switch name {
	case "demo":
		fs.IntVar(n, "n", 100, "涉密人员的记录数（其余登记簿按比例生成）")
		fs.Int64Var(seed, "seed", 1, "随机种子")
		fs.StringVar(demoPw, "password", demoPassword, "新建的演示账户的密码")
	case "export":
		fs.StringVar(register, "register", "personnel", "登记簿（"+registerKeys()+"）")
		fs.StringVar(out, "o", "", "输出的 .xlsx 文件（必填）")
		fs.StringVar(marking, "marking", "", "密级标志，如 内部、秘密、机密★10年")
		fs.IntVar(year, "year", 0, "-register stats 的统计年度（默认今年，0 为全部年度）")
		fs.BoolVar(byDept, "by-dept", false, "-register due：每个责任部门一个工作表")
		fs.Uint64Var(notice.task, "task", 0, "-register notice：督办事项的编号（打印该事项的督办通知单）")
		fs.StringVar(notice.dept, "dept", "", "-register notice：责任部门（打印该部门全部未办结事项的督办通知单）")
	case "backup":
		fs.StringVar(out, "o", "", "备份到的文件夹（默认：数据文件旁的“备份”文件夹）")
	case "restore":
		fs.StringVar(in, "i", "", "要恢复的备份文件（必填）")
	case "verify":
		fs.StringVar(in, "anchor", "", "审计链头文件（备份旁的 .审计链头.txt，或抄下的“第 N 条 校验码”）：检查审计日志此后没有被截短或改写")
	}
	if code, ok := parseArgs(fs, args, path, stderr); !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "taizhang:", err)
		if errors.Is(err, data.ErrDamaged) {
			offerBackup(stderr, *path)
		}
		return exitCode(err)
	}
	switch name {
	case "export":
		if *out == "" {
			return usage(fs, stderr, "请用 -o 指定输出文件")
		}
		if _, err := xlsx.ParseMarking(*marking); err != nil {
			return usage(fs, stderr, "-marking："+err.Error())
		}
	case "demo":
		if *n < 0 {
			return usage(fs, stderr, "-n 不能为负数")
		}
	case "restore":
		if *in == "" {
			return usage(fs, stderr, "请用 -i 指定备份文件")
		}
		return restoreCommand(*path, *in, *user, stdout, stderr, fail)
	}
	// Only verify reads with a shared lock; demo writes records, export
	// and backup their audit entries.
	opt := data.OpenOptions{Timeout: time.Second, ReadOnly: name == "verify", Create: name == "demo"}
	created := name == "demo" && !fileExists(*path)
	st, err := openStore(*path, opt)
	if err != nil {
		if name == "backup" && errors.Is(err, data.ErrLocked) {
			err = fmt.Errorf("%w。窗口打开时请在窗口中用“文件 → 备份到…”备份", err)
		}
		return fail(err)
	}
	defer st.Close()
	if name == "demo" && !st.HasAccounts() {
		if err := data.CheckPassword(*demoPw, 8); err != nil {
			return usage(fs, stderr, "-password："+err.Error())
		}
	}
	// A file is checked before a login or an audit entry writes to it:
	// the pages of a damaged file are never written.
	if name != "demo" {
		if err = st.Check(); err != nil {
			return fail(err)
		}
	}
	if err := loginCLI(st, *user, stderr); err != nil {
		return fail(err)
	}
	switch name {
	case "demo":
		if created {
			fmt.Fprintf(stdout, "数据文件 %s 不存在，已新建\n", *path)
		}
		// A new file gets its unit, then its accounts, and clerk writes the
		// records: every entry is chained and names an account.
		if !st.HasAccounts() {
			err = demoUnit(st)
			if err == nil {
				err = createDemoAccounts(st, *demoPw)
			}
			if err == nil {
				fmt.Fprintln(stdout, demoAccountsLine(*demoPw))
				err = st.Login("clerk", *demoPw)
			}
		}
		if err == nil {
			err = demo.Fill(st, *n, *seed, nil)
		}
		if err == nil {
			fmt.Fprintf(stdout, "已写入演示数据到 %s：涉密人员 %d 名，以及其余各登记簿的记录\n", *path, *n)
		}
	case "export":
		y := *year
		if !flagSet(fs, "year") {
			y = st.Today().Year()
		}
		if *register == noticeKey && (*notice.task == 0) == (*notice.dept == "") {
			return usage(fs, stderr, "-register notice 需要 -task 编号 或 -dept 部门（二选一）")
		}
		err = exportRegister(stdout, st, *register, *out, *marking, y, *byDept, notice)
	case "backup":
		dir := *out
		if dir == "" {
			dir = data.BackupDir(*path)
		}
		var b string
		if b, err = st.Backup(dir); err == nil {
			fmt.Fprintf(stdout, "已备份并检查：%s（SHA-256 见 %s.sha256）\n", b, b)
			if st.HasAccounts() {
				fmt.Fprintf(stdout, "审计链头见 %s%s\n", b, data.AnchorSuffix)
			}
		}
	case "verify":
		err = verifyChain(stdout, st, *path)
		if err == nil && *in != "" {
			err = verifyAnchor(stdout, st, *in)
		}
	}
	if err != nil {
		return fail(err)
	}
	return 0
}

// offerBackup names the newest backup that verifies, when a command met a
// damaged file.
func offerBackup(w io.Writer, path string) {
	if b, ok := data.NewestGoodBackup(path); ok {
		fmt.Fprintf(w, "最近一份完好的备份：%s（%s）\n恢复：taizhang restore -data %s -i %s\n",
			b.Path, b.Time.Format("2006-01-02 15:04"), path, b.Path)
	} else {
		fmt.Fprintf(w, "在 %s 中没有找到完好的备份。\n", data.BackupDir(path))
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// demoUnit names a demonstration unit if none is set, so titles and
// printed registers look as they will in the office.
func demoUnit(st *data.Store) error {
	settings, err := st.Settings()
	if err != nil || settings.Unit != "" {
		return err
	}
	settings.Unit = demo.Unit
	return st.SaveSettings(settings)
}

// parseArgs parses a subcommand's flags and requires -data; ok is false
// when the command is to end with code (help, wrong flags, no -data).
func parseArgs(fs *flag.FlagSet, args []string, path *string, stderr io.Writer) (code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return exitUsage, false
	}
	if *path == "" {
		return usage(fs, stderr, "请用 -data 指定数据文件"), false
	}
	return 0, true
}

func usage(fs *flag.FlagSet, stderr io.Writer, msg string) int {
	fmt.Fprintln(stderr, "taizhang:", msg)
	fs.Usage()
	return exitUsage
}

func registerKeys() string {
	var keys []string
	for _, r := range data.Registers() {
		keys = append(keys, r.Key)
	}
	return strings.Join(append(keys, "due（到期提醒清单）", noticeKey+"（督办通知单）", "stats（年度统计）", "audit（审计日志，安全审计员）"), "、")
}

// flagSet tells whether a flag was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// openStore opens the data file named by -data, or the default one, with a
// clock that honours TAIZHANG_TODAY. Only a command that may create the
// file (opt.Create) makes its folder.
func openStore(path string, opt data.OpenOptions) (*data.Store, error) {
	now, err := clock()
	if err != nil {
		return nil, err
	}
	if path, err = dataPath(path); err != nil {
		return nil, err
	}
	if dir := filepath.Dir(path); dir != "" && opt.Create && !opt.ReadOnly {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, data.OSError("创建数据文件夹", err)
		}
	}
	st, err := data.OpenFile(path, opt)
	if err != nil {
		return nil, err
	}
	st.Now = now
	return st, nil
}

// dataPath is the -data flag's file, or the default one when it is empty.
func dataPath(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	return defaultDataFile()
}

// defaultDataFile is taizhang.db beside the executable when one is there (a
// portable copy), otherwise in the user's config folder.
func defaultDataFile() (string, error) {
	if exe, err := os.Executable(); err == nil {
		beside := filepath.Join(filepath.Dir(exe), dataFileName)
		if _, err := os.Stat(beside); err == nil {
			return beside, nil
		}
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", errors.New("找不到用户配置目录（HOME 或 %AppData% 未设置），请用 -data 指定数据文件")
	}
	return filepath.Join(dir, "taizhang", dataFileName), nil
}

// clock returns the time, moved to the day TAIZHANG_TODAY names if set.
func clock() (func() time.Time, error) {
	s := os.Getenv("TAIZHANG_TODAY")
	if s == "" {
		return time.Now, nil
	}
	day, err := data.ParseDate(s)
	if err != nil {
		return nil, fmt.Errorf("环境变量 TAIZHANG_TODAY=%q 不是有效日期：%w", s, err)
	}
	return func() time.Time {
		n := time.Now()
		return time.Date(day.Year(), day.Month(), day.Day(), n.Hour(), n.Minute(), n.Second(), 0, time.Local)
	}, nil
}

func exitCode(err error) int {
	if errors.Is(err, data.ErrLocked) || errors.Is(err, data.ErrDamaged) {
		return exitData
	}
	return exitError
}

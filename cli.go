package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
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
			fmt.Fprint(fs.Output(), "\n子命令：\n  demo    生成演示数据（taizhang demo -h）\n  export  导出Excel登记台账（taizhang export -h）\n"+
				"\n环境变量 TAIZHANG_TODAY=YYYY-MM-DD 设定“今天”，用于所有日期规则和演示数据。\n")
		}
	}
	return fs
}

func usageLine(name string) string {
	switch name {
	case "demo":
		return "taizhang demo -data 文件 -n 数量 [-seed 种子]"
	case "export":
		return "taizhang export -data 文件 -register personnel|…|due|stats -o 输出.xlsx [-marking 内部] [-year 2026] [-by-dept]"
	}
	return "taizhang [-data 文件]"
}

// runCommand runs a subcommand and returns the exit code.
func runCommand(name string, args []string) int {
	var what string
	switch name {
	case "demo":
		what = "向数据文件的每个登记簿写入 N 条逼真的演示记录；相同的种子生成相同的数据。"
	case "export":
		what = "把一个登记簿导出为可直接打印的 Excel 登记台账（与窗口中导出的相同）。"
	}
	fs := newFlagSet(name, what)
	path := fs.String("data", "", "数据文件（必填）")
	// Each subcommand shows only its own flags in -h.
	n, seed := new(int), new(int64)
	register, out, marking := new(string), new(string), new(string)
	year, byDept := new(int), new(bool)
	switch name {
	case "demo":
		fs.IntVar(n, "n", 100, "涉密人员的记录数（其余登记簿按比例生成）")
		fs.Int64Var(seed, "seed", 1, "随机种子")
	case "export":
		fs.StringVar(register, "register", "personnel", "登记簿（"+registerKeys()+"）")
		fs.StringVar(out, "o", "", "输出的 .xlsx 文件（必填）")
		fs.StringVar(marking, "marking", "", "密级标志，如 内部、秘密、机密★10年")
		fs.IntVar(year, "year", 0, "-register stats 的统计年度（默认今年，0 为全部年度）")
		fs.BoolVar(byDept, "by-dept", false, "-register due：每个责任部门一个工作表")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return exitUsage
	}
	if *path == "" {
		return usage(fs, "请用 -data 指定数据文件")
	}
	st, err := openStore(*path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "taizhang:", err)
		return exitCode(err)
	}
	defer st.Close()
	switch name {
	case "demo":
		if *n < 0 {
			return usage(fs, "-n 不能为负数")
		}
		err = fillDemo(st, *n, *seed)
		if err == nil {
			fmt.Printf("已写入演示数据到 %s：涉密人员 %d 名，以及其余各登记簿的记录\n", *path, *n)
		}
	case "export":
		if *out == "" {
			return usage(fs, "请用 -o 指定输出文件")
		}
		y := *year
		if !flagSet(fs, "year") {
			y = st.Today().Year()
		}
		err = exportRegister(st, *register, *out, *marking, y, *byDept)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "taizhang:", err)
		return exitError
	}
	return 0
}

// fillDemo fills the file and names a demonstration unit if none is set, so
// titles and printed registers look as they will in the office.
func fillDemo(st *data.Store, n int, seed int64) error {
	settings, err := st.Settings()
	if err != nil {
		return err
	}
	if settings.Unit == "" {
		settings.Unit = demo.Unit
		if err := st.SaveSettings(settings); err != nil {
			return err
		}
	}
	return demo.Fill(st, n, seed, nil)
}

func usage(fs *flag.FlagSet, msg string) int {
	fmt.Fprintln(os.Stderr, "taizhang:", msg)
	fs.Usage()
	return exitUsage
}

func registerKeys() string {
	var keys []string
	for _, r := range data.Registers() {
		keys = append(keys, r.Key)
	}
	return strings.Join(append(keys, "due（督办清单）", "stats（年度统计）"), "、")
}

// exportRegister writes the whole register as the window would with no
// filter and the default (id) order.
func exportRegister(st *data.Store, key, out, marking string, year int, byDept bool) error {
	env, err := st.Env()
	if err != nil {
		return err
	}
	level, period, _ := strings.Cut(marking, "★")
	if level == "" {
		level = xlsx.Markings[0]
	}
	opt := xlsx.Options{Marking: xlsx.Marking(level, period), Unit: env.Settings.Unit, Date: st.Today()}
	var sheets []xlsx.Sheet
	var name string
	var n int
	switch key {
	case "due":
		snap, err := st.Snapshot()
		if err != nil {
			return err
		}
		items := data.DueItems(snap, env)
		sheets, name, n = xlsx.DueSheets(items, byDept, env.Settings.Departments), "督办事项", len(items)
	case "stats":
		snap, err := st.Snapshot()
		if err != nil {
			return err
		}
		tables := data.Stats(snap, env, year)
		sheets, opt.Charts = xlsx.StatsWorkbook(tables)
		name, n = "统计表", len(tables)
	default:
		reg := data.RegisterByKey(key)
		if reg == nil || strings.Contains(key, ".") {
			return fmt.Errorf("没有名为 %q 的登记簿（可选：%s）", key, registerKeys())
		}
		recs, err := st.Load(reg, 0)
		if err != nil {
			return err
		}
		subs, err := st.LoadSubs(reg)
		if err != nil {
			return err
		}
		sheets, name, n = xlsx.RegisterSheets(reg, recs, subs), reg.Name+"记录", len(recs)
	}
	if err := xlsx.WriteFile(context.Background(), out, sheets, opt); err != nil {
		return fmt.Errorf("导出失败：%w", err)
	}
	fmt.Printf("已导出 %d 条%s到 %s\n", n, name, out)
	return nil
}

// flagSet tells whether a flag was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// openStore opens the data file named by -data, or the default one, with a
// clock that honours TAIZHANG_TODAY.
func openStore(path string) (*data.Store, error) {
	now, err := clock()
	if err != nil {
		return nil, err
	}
	if path, err = dataPath(path); err != nil {
		return nil, err
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("无法创建数据文件夹 %s：%w", dir, err)
		}
	}
	st, err := data.Open(path, time.Second)
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
		return "", fmt.Errorf("找不到用户配置目录，请用 -data 指定数据文件：%w", err)
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

// chinese makes Fyne's own dialogs (file chooser, buttons) speak Chinese
// where the system locale does not say so, as on a bare Linux session.
func chinese() {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return
	}
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		if strings.HasPrefix(os.Getenv(k), "zh") {
			return
		}
	}
	os.Setenv("LANGUAGE", "zh_CN")
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"baomi/taizhang/data"
	"baomi/taizhang/data/xlsx"
)

// Exit codes of import, besides 0 (every record row accepted).
const (
	exitRefused    = 1 // some rows refused; the others imported unless -dry-run
	exitNoWorkbook = 2 // the file cannot be read as a workbook (also: wrong flags)
)

const importUsage = "taizhang import -data 文件 -register personnel|… -i 输入.xlsx [-sheet 工作表] [-dry-run] [-on-duplicate skip|update] [-report 报告.xlsx] -user 账户"

// runImport runs `taizhang import`: it reads a clerk's Excel ledger into a
// register and prints the report: the counts, then one line per refused
// row (第N行, the column, the reason).
func runImport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "用法：%s\n把Excel/WPS登记表导入一个登记簿：按表头识别各列，逐行检查，与已有记录按%s等关键字段比对。\n"+
			"退出码：0 全部导入；1 有行未导入（其余已导入，-dry-run 时均未写入）；2 文件不能作为工作簿读取或参数有误；3 数据文件被占用或损坏。\n\n选项：\n",
			importUsage, data.KeyLabels(data.Personnel))
		fs.PrintDefaults()
	}
	path := fs.String("data", "", "数据文件（必填）")
	register := fs.String("register", "personnel", "登记簿（"+importKeys()+"）")
	in := fs.String("i", "", "要导入的 .xlsx 文件（必填）")
	sheet := fs.String("sheet", "", "工作表名称（默认：与登记簿同名的工作表，否则第一个；子记录如“因私出入境证件”按工作表名称识别）")
	dry := fs.Bool("dry-run", false, "只检查并列出结果，不写入")
	onDup := fs.String("on-duplicate", "skip", "与已有记录关键字段相同的行：skip 跳过，update 用表中非空的值更新")
	report := fs.String("report", "", "把未导入的行及原因另存为 .xlsx")
	user := fs.String("user", "", "账户（数据文件设置了账户时必填，须是可编辑该登记簿的录入员；密码从终端输入，或环境变量 "+passwordEnv+"）")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return exitUsage
	}
	fail := func(code int, msg string) int {
		fmt.Fprintln(stderr, "taizhang:", msg)
		return code
	}
	if *path == "" || *in == "" {
		fs.Usage()
		return fail(exitUsage, "请用 -data 指定数据文件，用 -i 指定要导入的 .xlsx 文件")
	}
	reg := data.RegisterByKey(*register)
	if reg == nil {
		return fail(exitUsage, fmt.Sprintf("没有名为 %q 的登记簿（可选：%s）", *register, importKeys()))
	}
	var dup xlsx.Duplicate
	switch *onDup {
	case "skip":
	case "update":
		dup = xlsx.DupUpdate
	default:
		return fail(exitUsage, "-on-duplicate 只能是 skip 或 update")
	}
	wb, err := xlsx.OpenWorkbook(*in)
	if err != nil {
		return fail(exitNoWorkbook, err.Error())
	}
	defer wb.Close()
	if *sheet != "" && !contains(wb.Sheets(), *sheet) {
		return fail(exitNoWorkbook, fmt.Sprintf("工作簿中没有名为“%s”的工作表（有：%s）", *sheet, strings.Join(wb.Sheets(), "、")))
	}
	tbl, err := xlsx.ReadTable(context.Background(), wb, reg, *sheet)
	if err != nil {
		return fail(exitNoWorkbook, err.Error())
	}
	tbl.File = filepath.Base(*in)
	st, err := openStore(*path, data.OpenOptions{Timeout: time.Second, Create: true})
	if err != nil {
		return fail(exitCode(err), err.Error())
	}
	defer st.Close()
	if err := loginCLI(st, *user, stderr); err != nil {
		return fail(exitCode(err), err.Error())
	}
	input, err := xlsx.LoadPlanInput(st, tbl)
	if err != nil {
		return fail(exitError, err.Error())
	}
	input.OnDuplicate = dup
	p := xlsx.NewPlan(tbl, input)
	printPlan(stdout, p)
	if *report != "" && p.Refused > 0 {
		if err := xlsx.WriteReport(*report, p); err != nil {
			return fail(exitError, "保存报告失败："+err.Error())
		}
		fmt.Fprintf(stdout, "未导入的行已另存为 %s\n", *report)
	}
	switch {
	case *dry:
		fmt.Fprintln(stdout, "试运行（-dry-run）：没有写入任何记录")
	case len(p.Batch.Records)+len(p.Batch.Children) == 0:
		fmt.Fprintln(stdout, "没有需要写入的记录")
	default:
		if err := st.Import(context.Background(), p.Batch); err != nil {
			return fail(exitError, err.Error())
		}
		fmt.Fprintf(stdout, "已导入到 %s\n", *path)
	}
	if p.Refused > 0 {
		return exitRefused
	}
	return 0
}

// printPlan writes the report: where the table was found, the counts, the
// columns not read, then each refused reason.
func printPlan(w io.Writer, p *xlsx.Plan) {
	t := p.Table
	fmt.Fprintf(w, "%s：工作表“%s”，表头在第%d行，记录 %d 行\n", t.Register.Name, t.Sheet, t.HeaderRow, len(t.Rows))
	if u := t.Unmatched(); len(u) > 0 {
		names := make([]string, len(u))
		for i, c := range u {
			names[i] = c.Name()
		}
		fmt.Fprintf(w, "未识别的列（不导入）：%s\n", strings.Join(names, "、"))
	}
	fmt.Fprintf(w, "新增 %d，更新 %d，跳过 %d，未导入 %d\n", p.Added, p.Updated, p.Skipped, p.Refused)
	if p.Merged > 0 {
		fmt.Fprintf(w, "另有 %d 行与表中前面的行%s相同，合并为一条记录\n", p.Merged, data.KeyLabels(t.Register))
	}
	if len(p.NewDepartments) > 0 {
		fmt.Fprintf(w, "将在设置中新增部门：%s\n", strings.Join(p.NewDepartments, "、"))
	}
	for _, n := range p.Notes {
		fmt.Fprintf(w, "第%d行\t提醒\t%s（已按记录在案导入）\n", n.Row, n.Reason)
	}
	for _, r := range p.Refusals {
		fmt.Fprintf(w, "第%d行\t%s\t%s\n", r.Row, r.Column, r.Reason)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// importKeys lists the registers import takes, sub-registers included.
func importKeys() string {
	var keys []string
	for _, r := range data.Registers() {
		keys = append(keys, r.Key)
		if r.RowSub == nil {
			for _, s := range r.Subs {
				keys = append(keys, s.Key)
			}
		}
	}
	return strings.Join(keys, "、")
}

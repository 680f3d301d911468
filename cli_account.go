package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"baomi/taizhang/data"
)

// demoPassword is the password demo gives its accounts unless -password
// names another; demo prints it.
const demoPassword = "taizhang2026"

// demoAccounts are the accounts demo creates, one per role.
var demoAccounts = []struct {
	name string
	role data.Role
}{
	{"admin", data.RoleAdmin}, {"secadm", data.RoleSecurity}, {"auditor", data.RoleAuditor},
	{"clerk", data.RoleClerk}, {"viewer", data.RoleViewer},
}

// passwordEnv is where scripts put the password instead of typing it.
const passwordEnv = "TAIZHANG_PASSWORD"

// newPasswordEnv gives `taizhang account` the password of a new account
// (or a reset one) in scripts.
const newPasswordEnv = "TAIZHANG_NEW_PASSWORD"

// readPassword reads a password: from env when set, else from the terminal
// without echo, else (a pipe) one line of standard input.
func readPassword(env, prompt string, stderr io.Writer) (string, error) {
	if pw, ok := os.LookupEnv(env); ok {
		return pw, nil
	}
	fmt.Fprint(stderr, prompt)
	defer fmt.Fprintln(stderr)
	if fd := int(os.Stdin.Fd()); term.IsTerminal(fd) {
		b, err := term.ReadPassword(fd)
		return string(b), err
	}
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if line == "" && err != nil {
		return "", fmt.Errorf("没有读到密码（可设环境变量 %s）", env)
	}
	return line, nil
}

// loginCLI logs the command in as user. A file without accounts needs no
// login (nothing to log in as), which the first start or `taizhang account
// -add` ends.
func loginCLI(st *data.Store, user string, stderr io.Writer) error {
	if !st.HasAccounts() {
		return nil
	}
	_, err := loginPassword(st, user, stderr)
	return err
}

// loginPassword logs in as user and returns the password it read.
func loginPassword(st *data.Store, user string, stderr io.Writer) (string, error) {
	if user == "" {
		return "", fmt.Errorf("数据文件已设置账户，请用 -user 指定账户（密码从终端输入，脚本中可设环境变量 %s）", passwordEnv)
	}
	pw, err := readPassword(passwordEnv, "账户 "+user+" 的密码：", stderr)
	if err != nil {
		return "", err
	}
	return pw, st.Login(user, pw)
}

// createDemoAccounts makes demo's five accounts in a file without any:
// admin (系统管理员) first, then the others, and secadm grants clerk every
// register.
func createDemoAccounts(st *data.Store, pw string) error {
	if err := st.CreateFirstAdmin(demoAccounts[0].name, pw); err != nil {
		return err
	}
	for _, a := range demoAccounts[1:] {
		role := a.role
		if role == data.RoleClerk {
			role = data.RoleViewer // the 安全保密管理员 grants it below
		}
		if err := st.CreateAccount(a.name, pw, role); err != nil {
			return fmt.Errorf("新建账户 %s：%w", a.name, err)
		}
	}
	st.Logout()
	if err := st.Login("secadm", pw); err != nil {
		return err
	}
	var all []string
	for _, r := range st.Registers() {
		all = append(all, r.Key)
	}
	if err := st.SetRole("clerk", data.RoleClerk, all); err != nil {
		return err
	}
	st.Logout()
	return nil
}

// demoAccountsLine tells which accounts demo made.
func demoAccountsLine(pw string) string {
	var names []string
	for _, a := range demoAccounts {
		names = append(names, fmt.Sprintf("%s（%s）", a.name, a.role))
	}
	return fmt.Sprintf("已建立账户：%s，密码均为 %s（请尽快修改）", strings.Join(names, "、"), pw)
}

const accountUsage = "taizhang account -data 文件 [-user 账户] -list | -add 名称 [-role 角色] | -set 名称 -role 角色 [-grants personnel,cases] | -reset 名称 | -passwd"

// runAccount runs `taizhang account`: the 系统管理员 adds accounts and
// resets passwords; the 安全保密管理员 gives roles and registers; anyone
// changes their own password. In a file without accounts, -add makes the
// first, the 系统管理员.
func runAccount(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("account", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "用法：%s\n管理账户。新账户或重置的密码从终端输入（脚本中设环境变量 %s）。\n角色：%s。\n\n选项：\n",
			accountUsage, newPasswordEnv, roleNames())
		fs.PrintDefaults()
	}
	path := fs.String("data", "", "数据文件（必填）")
	user := fs.String("user", "", "登录的账户（密码从终端输入，或环境变量 "+passwordEnv+"）")
	list := fs.Bool("list", false, "列出账户（系统管理员、安全保密管理员）")
	add := fs.String("add", "", "新建账户（系统管理员；数据文件还没有账户时新建系统管理员）")
	set := fs.String("set", "", "设置账户的角色（安全保密管理员）")
	reset := fs.String("reset", "", "重置账户的密码并解除锁定（系统管理员）")
	passwd := fs.Bool("passwd", false, "修改自己的密码")
	role := fs.String("role", string(data.RoleViewer), "角色")
	grants := fs.String("grants", "", "录入员可编辑的登记簿，逗号分隔（"+registerKeys()+"）")
	if code, ok := parseArgs(fs, args, path, stderr); !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "taizhang:", err)
		return exitCode(err)
	}
	st, err := openStore(*path, data.OpenOptions{Timeout: time.Second, Create: *add != ""})
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	newPassword := func(name string) (string, error) {
		return readPassword(newPasswordEnv, "账户 "+name+" 的新密码：", stderr)
	}
	if !st.HasAccounts() {
		if *add == "" {
			return fail(errors.New("数据文件还没有账户：先用 -add 名称 新建系统管理员"))
		}
		pw, err := newPassword(*add)
		if err == nil {
			err = st.CreateFirstAdmin(*add, pw)
		}
		if err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "已新建系统管理员 %s\n", *add)
		return 0
	}
	oldPw, err := loginPassword(st, *user, stderr)
	if err != nil {
		return fail(err)
	}
	switch {
	case *list:
		accts, err := st.Accounts()
		if err != nil {
			return fail(err)
		}
		for _, a := range accts {
			line := a.Name + "\t" + string(a.Role)
			if len(a.Grants) > 0 {
				line += "\t" + strings.Join(a.Grants, ",")
			}
			if time.Now().Before(a.LockedUntil) {
				line += "\t已锁定至 " + a.LockedUntil.Format("15:04")
			}
			fmt.Fprintln(stdout, line)
		}
	case *add != "":
		pw, err := newPassword(*add)
		if err == nil {
			err = st.CreateAccount(*add, pw, data.Role(*role))
		}
		if err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "已新建账户 %s（%s）\n", *add, *role)
	case *set != "":
		var gs []string
		for _, g := range strings.Split(*grants, ",") {
			if g = strings.TrimSpace(g); g != "" {
				gs = append(gs, g)
			}
		}
		if err := st.SetRole(*set, data.Role(*role), gs); err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "账户 %s 的角色已设为%s\n", *set, *role)
	case *reset != "":
		pw, err := newPassword(*reset)
		if err == nil {
			err = st.ResetPassword(*reset, pw)
		}
		if err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "已重置账户 %s 的密码\n", *reset)
	case *passwd:
		pw, err := newPassword(*user)
		if err == nil {
			err = st.ChangePassword(oldPw, pw)
		}
		if err != nil {
			return fail(err)
		}
		fmt.Fprintln(stdout, "密码已修改")
	default:
		return usage(fs, stderr, "请指定 -list、-add、-set、-reset 或 -passwd")
	}
	return 0
}

func roleNames() string {
	var names []string
	for _, r := range data.Roles() {
		names = append(names, string(r))
	}
	return strings.Join(names, "、")
}

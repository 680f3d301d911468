package main

// The verify and restore subcommands: checking the audit chain and restoring a backup.

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"baomi/taizhang/data"
)

// verifyChain checks the audit chain (bbolt's check has passed) and says
// how much it checked, or names the first broken entry.
func verifyChain(stdout io.Writer, st *data.Store, path string) error {
	if !st.HasAccounts() {
		fmt.Fprintf(stdout, "数据文件完好：%s（尚未设置账户，没有审计链可校验）\n", path)
		return nil
	}
	rep, err := st.VerifyChain()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "数据文件完好：%s\n审计链完好：%d 条操作记录、%d 条记录、%d 个账户均未被绕过程序改动\n%s\n",
		path, rep.Entries, rep.Records, rep.Accounts, rep.Head)
	return nil
}

// verifyAnchor checks the log against an anchor file (or its text).
func verifyAnchor(stdout io.Writer, st *data.Store, anchor string) error {
	text := anchor
	if b, err := os.ReadFile(anchor); err == nil {
		text = string(b)
	}
	if err := st.CheckAnchor(text); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "与审计链头一致：%s\n", strings.TrimSpace(text))
	return nil
}

// restoreCommand replaces the data file with a backup. A file with
// accounts is restored only by its 系统管理员; the restore is then audited
// in the restored file, as the same account.
func restoreCommand(path, in, user string, stdout, stderr io.Writer, fail func(error) int) int {
	existed := fileExists(path)
	pw := ""
	if existed {
		st, err := openStore(path, data.OpenOptions{Timeout: time.Second})
		if err != nil {
			return fail(err)
		}
		if st.HasAccounts() {
			if pw, err = loginPassword(st, user, stderr); err == nil {
				err = st.MayRestore()
			}
		}
		st.Close()
		if err != nil {
			return fail(err)
		}
	}
	aside, err := data.Restore(path, in, time.Now())
	if err != nil {
		return fail(err)
	}
	if existed {
		fmt.Fprintf(stdout, "已从备份 %s 恢复 %s；原数据文件保留为 %s\n", in, path, aside)
	} else {
		fmt.Fprintf(stdout, "数据文件 %s 不存在，已从备份 %s 新建\n", path, in)
	}
	if err := noteRestore(path, in, aside, user, pw, stderr); err != nil {
		fmt.Fprintln(stderr, "taizhang: 恢复已完成，但未能记入审计日志：", err)
	}
	return 0
}

// noteRestore writes the 恢复 entry into the restored file.
func noteRestore(path, in, aside, user, pw string, stderr io.Writer) error {
	st, err := openStore(path, data.OpenOptions{Timeout: time.Second})
	if err != nil {
		return err
	}
	defer st.Close()
	if st.HasAccounts() {
		if pw == "" {
			if pw, err = loginPassword(st, user, stderr); err != nil {
				return err
			}
		} else if err := st.Login(user, pw); err != nil {
			return err
		}
	}
	return st.NoteRestore(in, aside, user)
}

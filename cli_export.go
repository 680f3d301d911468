package main

// The export subcommand: a register, the reminders, the 督办通知单, the statistics or the audit log written to Excel.

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"baomi/taizhang/data"
	"baomi/taizhang/data/xlsx"
)

// exportMemoryLimit is the heap the export of a register asks the
// collector to stay under (a soft limit: debug.SetMemoryLimit). A register is written
// as it is read and holds a few thousand records at a time, but the
// collector's default lets garbage grow as large as what is live: 100,000
// persons would take 160 MB of the clerk's memory instead of 120.
// GOMEMLIMIT, when set, is kept.
const exportMemoryLimit = 100 << 20

// noticeKey is the -register of the 督办通知单.
const noticeKey = "notice"

// noticeFlags choose what a 督办通知单 prints: one 督办事项 by its id, or
// the open items of one 责任部门.
type noticeFlags struct {
	task *uint64
	dept *string
}

// noticeSheets builds the 督办通知单 the flags choose.
func noticeSheets(st *data.Store, nf noticeFlags) ([]xlsx.Sheet, int, error) {
	if *nf.task != 0 {
		task, err := st.Get(data.Tasks, *nf.task)
		if err != nil {
			return nil, 0, fmt.Errorf("找不到编号为 %d 的督办事项：%w", *nf.task, err)
		}
		return []xlsx.Sheet{xlsx.NoticeSheet(xlsx.ItemNotice(task))}, 1, nil
	}
	env, err := st.Env()
	if err != nil {
		return nil, 0, err
	}
	if !slices.Contains(env.Settings.Departments, *nf.dept) {
		return nil, 0, fmt.Errorf("没有名为 %q 的部门（可选：%s）", *nf.dept, strings.Join(env.Settings.Departments, "、"))
	}
	tasks, err := st.Load(data.Tasks, 0)
	if err != nil {
		return nil, 0, err
	}
	n := xlsx.DeptNotice(*nf.dept, tasks)
	return []xlsx.Sheet{xlsx.NoticeSheet(n)}, len(n.Items), nil
}

// exportRegister writes the whole register as the window would with no
// filter and the default (id) order.
func exportRegister(stdout io.Writer, st *data.Store, key, out, marking string, year int, byDept bool, nf noticeFlags) error {
	if err := xlsx.CheckTarget(out, st.Path()); err != nil {
		return err
	}
	env, err := st.Env()
	if err != nil {
		return err
	}
	mark, err := xlsx.ParseMarking(marking)
	if err != nil {
		return err
	}
	opt := xlsx.Options{Marking: mark, Unit: env.Settings.Unit, Date: st.Today(), At: time.Now()}
	if a := st.Account(); a != nil {
		opt.By = a.Name // 导出人 in the footer and the workbook's properties
	}
	var sheets []xlsx.Sheet
	var name string
	var n int
	streamed := false // a register is written as it is read
	switch key {
	case "due":
		snap, err := st.Snapshot()
		if err != nil {
			return err
		}
		items := data.DueItems(snap, env)
		sheets, name, n = xlsx.DueSheets(items, byDept, env.Settings.Departments), "到期提醒", len(items)
	case noticeKey:
		if sheets, n, err = noticeSheets(st, nf); err != nil {
			return err
		}
		name = "督办事项（" + xlsx.NoticeName + "）"
	case "audit":
		entries, err := st.AuditLog(0)
		if err != nil {
			return err
		}
		head, err := st.ChainHead()
		if err != nil {
			return err
		}
		sheets, name, n = xlsx.AuditSheets(entries, head), "操作记录（末行为审计链头）", len(entries)
		defer fmt.Fprintln(stdout, head)
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
		// Written as read: 100,000 persons and their 证件 are never all
		// in memory, and the garbage is not let grow as large either.
		if os.Getenv("GOMEMLIMIT") == "" {
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(exportMemoryLimit))
		}
		err := st.Stream(reg, func(rs data.Streamed) error {
			sheets, err := xlsx.StreamSheets(reg, rs)
			if err != nil {
				return err
			}
			n = len(rs.IDs)
			return xlsx.WriteFile(context.Background(), out, sheets, opt)
		})
		if err != nil {
			return fmt.Errorf("导出失败：%w", err)
		}
		name, streamed = reg.Name+"记录", true
	}
	if !streamed {
		if err := xlsx.WriteFile(context.Background(), out, sheets, opt); err != nil {
			return fmt.Errorf("导出失败：%w", err)
		}
	}
	abs, _ := filepath.Abs(out)
	if err := st.NoteExport(key, opt.Marking, abs, n); err != nil {
		os.Remove(out) // an export the audit log does not name must not leave
		return fmt.Errorf("导出未能记入审计日志，已删除导出的文件：%w", err)
	}
	fmt.Fprintf(stdout, "已导出 %d 条%s到 %s\n", n, name, out)
	return nil
}

package main

import (
	"fmt"
	"log"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"baomi/taizhang/app"
	// Before Fyne reads the locale: its file dialog and messages in Chinese.
	_ "baomi/taizhang/app/zhlocale"
	"baomi/taizhang/assets"
	"baomi/taizhang/data"
)

// appID names the app to Fyne: its preferences live under it.
const appID = "cn.baomi.taizhang"

func main() {
	if len(os.Args) > 1 && os.Args[1] == "import" {
		os.Exit(runImport(os.Args[2:], os.Stdout, os.Stderr))
	}
	if len(os.Args) > 1 && slices.Contains(subcommands, os.Args[1]) {
		os.Exit(runCommand(os.Args[1], os.Args[2:]))
	}
	flags := newFlagSet("taizhang", "打开保密台账窗口。")
	flagPath := flags.String("data", "", "数据文件（默认：程序旁的 taizhang.db，否则用户配置目录中的）")
	if err := flags.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	if err := app.UseChinese(); err != nil {
		fmt.Fprintln(os.Stderr, "保密台账：", err)
	}
	if msg := noDisplay(); msg != "" {
		fmt.Fprintln(os.Stderr, "保密台账："+msg)
		os.Exit(1)
	}
	log.SetOutput(&quietLog{out: os.Stderr})
	dropEmptyPreferences(appID)
	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	path, err := dataPath(*flagPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "保密台账：", err)
		os.Exit(exitError)
	}
	// The window asks before a missing file becomes a new ledger, says why
	// a locked or damaged one cannot be opened, and offers a backup.
	open := func(p string, create bool) (*data.Store, error) {
		return openStore(p, data.OpenOptions{Timeout: time.Second, Create: create})
	}
	s := app.Launch(a, path, open, app.Options{Background: true})
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() { <-sig; fyne.Do(a.Quit) }()
	a.Run()
	// The backup on exit: the file is consistent and closed after it.
	if err := s.Shutdown(); err != nil {
		fmt.Fprintln(os.Stderr, "保密台账：", err)
		os.Exit(exitCode(err))
	}
}

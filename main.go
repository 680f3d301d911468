package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"baomi/taizhang/app"
	"baomi/taizhang/assets"
)

func main() {
	if len(os.Args) > 1 && (os.Args[1] == "demo" || os.Args[1] == "export") {
		os.Exit(runCommand(os.Args[1], os.Args[2:]))
	}
	flags := newFlagSet("taizhang", "打开保密台账窗口。")
	path := flags.String("data", "", "数据文件（默认：程序旁的 taizhang.db，否则用户配置目录中的）")
	if err := flags.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	chinese()
	a := fyneapp.NewWithID("cn.baomi.taizhang")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	st, err := openStore(*path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "保密台账：", err)
		shown, _ := dataPath(*path)
		app.ShowFatal(a, err, shown)
		os.Exit(exitCode(err))
	}
	defer st.Close()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() { <-sig; fyne.Do(a.Quit) }()
	app.New(a, st, app.Options{Background: true}).Window().ShowAndRun()
}

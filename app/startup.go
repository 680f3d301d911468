package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

// ShowFatal shows why the program cannot start (the data file is locked by
// another window, or damaged) in a small window, and returns when it closes.
func ShowFatal(a fyne.App, err error, path string) {
	a.Settings().SetTheme(NewTheme())
	w := a.NewWindow(appTitle + " — 无法打开数据文件")
	msg := err.Error()
	switch {
	case errors.Is(err, data.ErrLocked):
		msg = "数据文件正被另一个保密台账窗口使用。\n请切换到已打开的窗口，或先关闭它再启动。"
	case errors.Is(err, data.ErrDamaged):
		msg = "数据文件已损坏或不是保密台账的数据文件，程序没有改动它。\n请从备份恢复，或用 -data 指定其他文件。"
	}
	if path != "" {
		msg += "\n\n数据文件：" + path
	}
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewBorder(nil,
		container.NewHBox(&widget.Button{Text: "退出", Importance: widget.HighImportance, OnTapped: a.Quit}),
		widget.NewIcon(theme.ErrorIcon()), nil, l))
	w.Resize(fyne.NewSize(520, 220))
	w.ShowAndRun()
}

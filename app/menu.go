package app

// The main menu, its items and the 帮助 text.

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// menuItem finds a menu item by its label.
func (u *UI) menuItem(label string) *fyne.MenuItem {
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	return nil
}

func (u *UI) menu() *fyne.MainMenu {
	ctrl := func(k fyne.KeyName) fyne.Shortcut {
		// Menu shortcuts fire whichever widget has the focus, so Ctrl+N
		// works while the clerk is typing in the search box.
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
	}
	onView := func(f func(v *registerView)) func() {
		return func() {
			if v := u.currentView(); v != nil {
				f(v)
			}
		}
	}
	newItem := fyne.NewMenuItem("新增记录", onView((*registerView).onAdd))
	newItem.Shortcut = ctrl(fyne.KeyN)
	exportItem := fyne.NewMenuItem("导出Excel…", onView((*registerView).onExport))
	exportItem.Shortcut = ctrl(fyne.KeyE)
	importItem := fyne.NewMenuItem("导入Excel…", onView((*registerView).onImport))
	importItem.Shortcut = ctrl(fyne.KeyI)
	templateItem := fyne.NewMenuItem("导出空白模板…", onView((*registerView).onTemplate))
	findItem := fyne.NewMenuItem("查找", onView((*registerView).focusSearch))
	findItem.Shortcut = ctrl(fyne.KeyF)
	quitItem := fyne.NewMenuItem("退出", func() { u.saveSize(); u.app.Quit() })
	quitItem.Shortcut = ctrl(fyne.KeyQ)
	quitItem.IsQuit = true
	about := fyne.NewMenuItem("关于保密台账", func() {
		u.showInfo("关于保密台账", fmt.Sprintf("保密台账 %s\n保密办工作台账管理（单机版，不联网）\n数据文件：%s",
			u.app.Metadata().Version, u.store.Path()))
	})
	// F1 is handled as a key (see onKey): Fyne's menu shortcuts need a
	// modifier.
	help := fyne.NewMenuItem("使用说明（F1）", u.showHelp)
	return fyne.NewMainMenu(
		fyne.NewMenu("文件", append(append([]*fyne.MenuItem{newItem, exportItem, importItem, templateItem, fyne.NewMenuItemSeparator()},
			u.backupItems()...), fyne.NewMenuItemSeparator(), fyne.NewMenuItem("修改我的密码…", u.onChangePassword),
			fyne.NewMenuItem("注销（切换账户）", u.onLogout),
			fyne.NewMenuItemSeparator(), quitItem)...),
		fyne.NewMenu("编辑", append(u.undoItems(), fyne.NewMenuItemSeparator(), findItem,
			fyne.NewMenuItem("编辑选中记录", onView((*registerView).onEdit)),
			fyne.NewMenuItem("删除选中记录", onView((*registerView).onDelete)))...),
		fyne.NewMenu("帮助", help, fyne.NewMenuItem("规则与依据", u.showRules), fyne.NewMenuItemSeparator(), about),
	)
}

// helpText is 使用说明: the clerk's daily tasks, in the order they come.
const helpText = `【日常工作】
·首页：打开程序先看首页。红色数字是已逾期的事项，单击一块只看该登记簿；下方列表逾期在前、按日期排序，单击一行打开对应记录（证件、审批、测评、问题等子记录直接打开相应页签并选中）。“导出到期提醒清单”打印当前列表。
·登记：在左侧选择登记簿，点“新增”（Ctrl+N）。带*的项必须填写；有错误时红字显示在该项下面，改正后点“保存”。身份证号码填好后，性别和出生年月自动填写。
·查找：在搜索框（Ctrl+F）输入任意一列的内容；用旁边的下拉框按部门、涉密等级等筛选；单击列标题排序，再单击反向。
·修改和删除：单击或用↑↓选中一行，按Enter或双击打开，按Delete删除（会先询问）。PgUp/PgDn翻页，Home/End到首行/末行，Tab离开表格。
·子记录：证件、出国(境)审批、测评记录、检查发现的问题、督办事项的进展反馈在记录的相应页签中登记，在各自的窗口中保存后立即生效。
·离岗：在涉密人员中选中人员，点“离岗”，确认离岗日期和脱密期。
·督办通知单：在督办事项中选中一项，点“督办通知单”，打印该事项或其责任部门全部未办结事项的通知单（A4一页），发责任部门签收并反馈。
·提示：带⚠的红色行需要处理，选中后表格下方显示完整的提示；勾选“只看有提示的”只列出这些记录。
·导出：点“导出Excel”（Ctrl+E），选择密级标志和保存位置；导出的是当前筛选和排序后的记录，可直接打印。
·统计：按年度查看各登记簿的统计表和图表，“导出年度统计”生成报表。
·设置：单位名称、部门、脱密期和复审周期、提醒提前天数等；错误显示在对应项下面。

【快捷键】
Ctrl+N新增　Ctrl+E导出　Ctrl+F查找　Enter打开　Delete删除　Esc关闭对话框　F1使用说明　Ctrl+Q退出`

// showHelp shows 使用说明.
func (u *UI) showHelp() {
	l := widget.NewLabel(helpText)
	l.Wrapping = fyne.TextWrapBreak // Chinese has no spaces to wrap at
	var d *dialog.CustomDialog
	ok := &widget.Button{Text: "关闭", Importance: widget.HighImportance, OnTapped: func() { d.Hide() }}
	d = dialog.NewCustomWithoutButtons("使用说明", container.NewBorder(nil, container.NewCenter(ok), nil, nil,
		container.NewVScroll(l)), u.win)
	d.Resize(fyne.NewSize(760, 560))
	u.showDialog(d)
}

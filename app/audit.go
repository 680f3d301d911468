package app

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
	"baomi/taizhang/data/xlsx"
)

const navAuditKey = "audit"

// auditScreen is the 安全审计员's 审计日志: every entry newest first,
// filtered by account, register, action and date, with the values before
// and after of the selected change; it verifies the chain and exports the
// shown entries as a print-ready register with the chain head.
type auditScreen struct {
	ui      *UI
	content fyne.CanvasObject
	all     []data.AuditEntry
	shown   []data.AuditEntry
	account *widget.Select
	reg     *widget.Select
	action  *widget.Select
	date    *widget.Entry
	list    *widget.List
	detail  *widget.Label
	status  *widget.Label
}

const auditAll = "全部"

func newAuditScreen(u *UI) *auditScreen {
	a := &auditScreen{ui: u, detail: widget.NewLabel("选中一条查看修改前后的内容。"), status: widget.NewLabel("")}
	a.detail.Wrapping = fyne.TextWrapWord
	filter := func(string) { a.apply() }
	a.account = widget.NewSelect(nil, filter)
	a.reg = widget.NewSelect(nil, filter)
	a.action = widget.NewSelect(nil, filter)
	a.date = widget.NewEntry()
	a.date.SetPlaceHolder("日期，如 2026-11 或 2026-11-28")
	a.date.OnChanged = filter
	a.list = widget.NewList(func() int { return len(a.shown) },
		func() fyne.CanvasObject {
			return widget.NewLabel("2026-11-28 03:04:05　clerk　修改　涉密人员 第 12 条")
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(data.AuditLine(a.shown[id]))
		})
	a.list.OnSelected = func(id widget.ListItemID) { a.detail.SetText(data.AuditChanges(a.shown[id])) }
	filters := container.NewHBox(widget.NewLabel("账户"), a.account, widget.NewLabel("登记簿"), a.reg,
		widget.NewLabel("操作"), a.action, container.NewGridWrap(fyne.NewSize(240, 40), a.date))
	bar := container.NewHBox(
		widget.NewButtonWithIcon("校验审计链", theme.ConfirmIcon(), a.verify),
		widget.NewButtonWithIcon("导出Excel", theme.DownloadIcon(), a.export),
		widget.NewButtonWithIcon("刷新", theme.ViewRefreshIcon(), a.load), a.status)
	split := container.NewVSplit(a.list, container.NewVScroll(a.detail))
	split.Offset = 0.7
	a.content = container.NewBorder(container.NewVBox(bar, filters), nil, nil, nil, split)
	a.load()
	return a
}

// load reads the log again and fills the filter choices from it.
func (a *auditScreen) load() {
	all, err := a.ui.store.AuditLog(0)
	if err != nil {
		a.ui.showError(err)
		return
	}
	a.all = all
	accounts, regs, actions := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, e := range all {
		accounts[e.Operator], actions[e.Action] = true, true
		regs[data.AuditRegisterName(e.Register)] = true
	}
	for sel, set := range map[*widget.Select]map[string]bool{a.account: accounts, a.reg: regs, a.action: actions} {
		sel.Options = append([]string{auditAll}, slices.Sorted(maps.Keys(set))...)
		if sel.Selected == "" {
			sel.Selected = auditAll
		}
		sel.Refresh()
	}
	a.apply()
}

// apply shows the entries the filters let through.
func (a *auditScreen) apply() {
	pick := func(sel *widget.Select, v string) bool {
		return sel.Selected == "" || sel.Selected == auditAll || sel.Selected == v
	}
	day := strings.TrimSpace(a.date.Text)
	a.shown = a.shown[:0]
	for _, e := range a.all {
		if pick(a.account, e.Operator) && pick(a.reg, data.AuditRegisterName(e.Register)) && pick(a.action, e.Action) &&
			strings.HasPrefix(e.Time.Format("2006-01-02 15:04:05"), day) {
			a.shown = append(a.shown, e)
		}
	}
	a.list.UnselectAll()
	a.list.Refresh()
	a.list.ScrollToTop()
	a.status.SetText(fmt.Sprintf("共 %d 条，显示 %d 条", len(a.all), len(a.shown)))
}

// verify checks the chain and says what it found.
func (a *auditScreen) verify() {
	rep, err := a.ui.store.VerifyChain()
	if err != nil {
		a.ui.showError(err)
		return
	}
	a.ui.showInfo("审计链完好", fmt.Sprintf("%d 条操作记录、%d 条记录、%d 个账户均未被绕过程序改动。\n%s", rep.Entries, rep.Records, rep.Accounts, rep.Head))
}

// export prints the entries shown, with the chain head as the last row.
func (a *auditScreen) export() {
	shown := slices.Clone(a.shown)
	a.ui.newExport("审计日志", fmt.Sprintf("将导出当前显示的 %d 条操作记录，末行为审计链头。", len(shown)), len(shown),
		func() ([]xlsx.Sheet, []xlsx.Chart, error) {
			head, err := a.ui.store.ChainHead()
			if err != nil {
				return nil, nil, err
			}
			return xlsx.AuditSheets(shown, head), nil, nil
		})
}

package app

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

const navHomeKey = "home"

// homeScreen is 首页: per register, how much is overdue and upcoming, and
// one list across every register — overdue first, then by date. A line
// opens its record.
type homeScreen struct {
	ui     *UI
	all    []data.DueItem // everything due within the largest window
	loaded bool           // the reminders have been computed once
	shown  []data.DueItem
	sel    int

	tiles     *fyne.Container
	regFilter *widget.Select
	dept      *widget.Select
	window    *widget.Select
	list      *widget.Table
	count     *widget.Label
	export    *widget.Button
	ask       *dialog.CustomDialog // the open 转为已脱密 question, for tests
	content   fyne.CanvasObject
}

var windowChoices = []string{"30 天内", "90 天内", "180 天内"}

func newHomeScreen(u *UI) *homeScreen {
	h := &homeScreen{ui: u, sel: -1}
	regs := []string{filterAll}
	for _, r := range u.store.Registers() {
		if r.Reminds() {
			regs = append(regs, r.Name)
		}
	}
	h.tiles = container.NewGridWithColumns(len(regs) - 1) // a tile per register with reminders
	h.regFilter = widget.NewSelect(regs, func(string) { h.apply() })
	h.regFilter.SetSelected(filterAll)
	h.dept = widget.NewSelect(nil, func(string) { h.apply() })
	h.window = widget.NewSelect(windowChoices, func(string) { h.apply() })
	h.count = widget.NewLabel("")
	h.export = &widget.Button{Text: "导出督办清单", Icon: theme.DownloadIcon(), OnTapped: h.onExport}
	h.list = widget.NewTableWithHeaders(
		func() (int, int) { return len(h.shown), 6 },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateClip
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row >= len(h.shown) {
				return
			}
			it := h.shown[id.Row]
			l.Importance = widget.MediumImportance
			if it.Overdue() {
				l.Importance = widget.DangerImportance
			}
			l.SetText(dueCell(it, id.Col))
		})
	h.list.ShowHeaderColumn = false
	h.list.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	h.list.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(dueHeaders[id.Col])
			o.(*widget.Label).TextStyle.Bold = true
		}
	}
	for i, w := range []float32{110, 150, 110, 330, 110, 110} {
		h.list.SetColumnWidth(i, w)
	}
	// A click on a line opens its record; a 脱密期 that has ended first
	// offers 转为已脱密.
	h.list.OnSelected = func(id widget.TableCellID) {
		h.sel = id.Row
		h.list.UnselectAll() // so that the same line opens again next time
		if id.Row >= len(h.shown) {
			return
		}
		if h.shown[id.Row].Action == data.ActionDeclassify {
			h.askDeclassify()
			return
		}
		h.onOpen()
	}
	// Show the settings' choices before the reminders arrive, not "(Select one)".
	if st, err := u.store.Settings(); err == nil {
		h.dept.Options = append([]string{filterAll}, st.Departments...)
		h.window.SetSelected(windowLabel(st.Window))
	}
	h.dept.SetSelected(filterAll)
	filters := container.NewHBox(widget.NewLabel("登记簿"), h.regFilter, widget.NewLabel("部门"), h.dept,
		widget.NewLabel("范围"), h.window, h.export)
	top := container.NewVBox(h.tiles, container.NewBorder(nil, nil, filters, h.count))
	h.content = container.NewBorder(top, nil, nil, nil, h.list)
	return h
}

var dueHeaders = []string{"登记簿", "记录", "部门", "事项", "日期", "剩余/逾期"}

func dueCell(it data.DueItem, col int) string {
	switch col {
	case 0:
		return it.Register.Name
	case 1:
		return it.Record
	case 2:
		return it.Dept
	case 3:
		return it.What
	case 4:
		return data.FormatDate(it.Date)
	}
	return it.DaysText()
}

// setItems shows freshly computed items.
func (h *homeScreen) setItems(items []data.DueItem, st data.Settings) {
	h.all, h.loaded = items, true
	h.dept.Options = append([]string{filterAll}, st.Departments...)
	if h.dept.Selected == "" {
		h.dept.SetSelected(filterAll)
	}
	if h.window.Selected == "" {
		h.window.SetSelected(windowLabel(st.Window))
	}
	h.apply()
}

func windowLabel(days int) string {
	for _, c := range windowChoices {
		if c == strconv.Itoa(days)+" 天内" {
			return c
		}
	}
	return windowChoices[1]
}

func (h *homeScreen) windowDays() int {
	n, _ := strconv.Atoi(h.window.Selected[:len(h.window.Selected)-len(" 天内")])
	return n
}

// apply filters the items and redraws the tiles and the list.
func (h *homeScreen) apply() {
	if h.window == nil || h.dept == nil || h.list == nil || h.window.Selected == "" {
		return
	}
	if !h.loaded { // never show "0 项逾期" before anything was counted
		h.count.SetText("正在读取各登记簿…")
		return
	}
	days := h.windowDays()
	h.shown = h.shown[:0]
	overdue := map[string]int{}
	upcoming := map[string]int{}
	for _, it := range h.all {
		if it.Days > days {
			continue
		}
		if it.Overdue() {
			overdue[it.Register.Key]++
		} else {
			upcoming[it.Register.Key]++
		}
		if h.regFilter.Selected != filterAll && h.regFilter.Selected != it.Register.Name {
			continue
		}
		if h.dept.Selected != filterAll && h.dept.Selected != "" && h.dept.Selected != it.Dept {
			continue
		}
		h.shown = append(h.shown, it)
	}
	// overdue first, then by date: the items come sorted by date, and
	// every overdue date is before every upcoming one.
	h.tiles.Objects = nil
	for _, r := range h.ui.store.Registers() {
		if r.Reminds() {
			h.tiles.Add(dueTile(r.Name, overdue[r.Key], upcoming[r.Key]))
		}
	}
	h.tiles.Refresh()
	h.count.SetText(fmt.Sprintf("共 %d 项", len(h.shown)))
	h.sel = -1
	h.list.UnselectAll()
	h.list.Refresh()
}

// dueTile is one large count: overdue in red, upcoming below.
func dueTile(name string, overdue, upcoming int) fyne.CanvasObject {
	big := canvas.NewText(strconv.Itoa(overdue), theme.Color(theme.ColorNameError))
	if overdue == 0 {
		big.Color = theme.Color(theme.ColorNameSuccess)
	}
	big.TextSize = 34
	big.TextStyle.Bold = true
	return widget.NewCard("", name, container.NewVBox(
		container.NewHBox(big, widget.NewLabel("项逾期")),
		widget.NewLabel(fmt.Sprintf("%d 项即将到期", upcoming))))
}

// onOpen switches to the record's register and opens it.
func (h *homeScreen) onOpen() {
	if h.sel < 0 || h.sel >= len(h.shown) {
		return
	}
	it := h.shown[h.sel]
	h.ui.openRecord(it.Register, it.RecordID)
}

// askDeclassify offers, for a person whose 脱密期 has ended, to turn them
// into 已脱密 at once or to open the record.
func (h *homeScreen) askDeclassify() {
	it := h.shown[h.sel]
	msg := widget.NewLabel(fmt.Sprintf("“%s”的脱密期已于 %s 届满。\n将人员状态改为“已脱密”吗？", it.Record, data.FormatDate(it.Date)))
	var d *dialog.CustomDialog
	buttons := container.NewHBox(
		&widget.Button{Text: "取消", OnTapped: func() { d.Hide() }},
		&widget.Button{Text: "打开记录", OnTapped: func() { d.Hide(); h.ui.openRecord(it.Register, it.RecordID) }},
		&widget.Button{Text: "转为已脱密", Importance: widget.HighImportance, OnTapped: func() { d.Hide(); h.declassify(it) }},
	)
	d = dialog.NewCustomWithoutButtons("脱密期届满", container.NewVBox(msg, buttons), h.ui.win)
	h.ask = d
	d.Show()
}

// declassify turns the person of a due item into 已脱密.
func (h *homeScreen) declassify(it data.DueItem) {
	p, err := h.ui.store.Get(data.Personnel, it.RecordID)
	if err != nil {
		h.ui.showError(err)
		return
	}
	p.Set(data.PsnStatus, data.StatusDeclassed)
	if err := h.ui.store.Save(data.Personnel, p); err != nil {
		h.ui.showError(err)
		return
	}
	h.ui.dataChanged()
}

func (h *homeScreen) onExport() {
	h.ui.exportDue(h.shown)
}

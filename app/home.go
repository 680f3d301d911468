package app

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
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
	stale  bool           // all changed while another screen was shown
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
	// Tiles wrap: thirteen registers and sub-registers take two rows.
	h.tiles = container.NewGridWrap(fyne.NewSize(206, 64))
	regs := []string{filterAll}
	for _, r := range u.store.Registers() {
		if r.Reminds() {
			regs = append(regs, r.Name)
		}
	}
	h.regFilter = widget.NewSelect(regs, func(string) { h.apply() })
	h.regFilter.SetSelected(filterAll)
	h.dept = widget.NewSelect(nil, func(string) { h.apply() })
	h.window = widget.NewSelect(windowChoices, func(string) { h.apply() })
	h.count = widget.NewLabel("")
	h.export = &widget.Button{Text: "导出到期提醒清单", Icon: theme.DownloadIcon(), OnTapped: h.onExport}
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
	// Headers as wide as their titles until the reminders arrive: the
	// template cell's width would squeeze them into one column.
	for i, w := range fitWidths(dueHeaders, 0, nil) {
		h.list.SetColumnWidth(i, w)
	}
	h.list.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	h.list.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(dueHeaders[id.Col])
			o.(*widget.Label).TextStyle.Bold = true
		}
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
		if h.shown[id.Row].Action == data.ActionOpenCase {
			h.askOpenCase()
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
	if h.ui.current != navHomeKey {
		// Drawn when 首页 is shown again: a save on a register's screen
		// does not wait for tiles and a list no one sees.
		h.stale = true
		return
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
	h.stale = false
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
			name := r.Name
			h.tiles.Add(newDueTile(name, overdue[r.Key], upcoming[r.Key], func() { h.regFilter.SetSelected(name) }))
		}
	}
	h.tiles.Refresh()
	h.count.SetText(fmt.Sprintf("共 %d 项", len(h.shown)) + h.ui.keptNote())
	h.sel = -1
	h.list.UnselectAll()
	for i, w := range fitWidths(dueHeaders, len(h.shown), func(r, c int) string { return dueCell(h.shown[r], c) }) {
		h.list.SetColumnWidth(i, w)
	}
	h.list.Refresh()
	// The table keeps its offset when the list shrinks; ScrollToTop would
	// leave the cells drawn at the old offset.
	h.list.ScrollToOffset(fyne.Position{})
}

// dueTile is one register's count: overdue in red (green when none), and
// upcoming; a click lists only that register.
type dueTile struct {
	widget.BaseWidget
	name    string // the register's
	content fyne.CanvasObject
	onTap   func()
}

func newDueTile(name string, overdue, upcoming int, onTap func()) *dueTile {
	big := canvas.NewText(strconv.Itoa(overdue), theme.Color(theme.ColorNameError))
	if overdue == 0 {
		big.Color = theme.Color(theme.ColorNameSuccess)
	}
	big.TextSize = 24
	big.TextStyle.Bold = true
	big.Alignment = fyne.TextAlignCenter
	caption := canvas.NewText("项逾期", theme.Color(theme.ColorNameForeground))
	caption.TextSize = theme.CaptionTextSize()
	caption.Alignment = fyne.TextAlignCenter
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	title := &widget.Label{Text: name, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	sub := &widget.Label{Text: fmt.Sprintf("将到期 %d 项", upcoming), Truncation: fyne.TextTruncateEllipsis}
	count := container.NewPadded(container.New(layout.NewCustomPaddedVBoxLayout(0), big, caption))
	t := &dueTile{name: name, onTap: onTap, content: container.NewStack(bg, container.NewBorder(nil, nil,
		count, nil, container.New(layout.NewCustomPaddedVBoxLayout(-8), title, sub)))}
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer draws the tile's content.
func (t *dueTile) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.content) }

// Tapped lists only the tile's register.
func (t *dueTile) Tapped(*fyne.PointEvent) { t.onTap() }

// Cursor shows a hand: the tile can be clicked.
func (t *dueTile) Cursor() desktop.Cursor { return desktop.PointerCursor }

// onOpen switches to the record's register and opens it.
func (h *homeScreen) onOpen() {
	if h.sel < 0 || h.sel >= len(h.shown) {
		return
	}
	h.ui.openDue(h.shown[h.sel])
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
	h.ui.showDialog(d)
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

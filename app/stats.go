package app

import (
	"fmt"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
	"baomi/taizhang/data/xlsx"
)

const navStatsKey = "stats"

// statsScreen is 统计: each table of data.Stats with a bar chart, for a
// chosen year or all time, and the 年度统计 export.
type statsScreen struct {
	ui           *UI
	year         *widget.Select
	exportButton *widget.Button
	body         *fyne.Container
	tables       []data.StatTable
	content      fyne.CanvasObject
}

func newStatsScreen(u *UI) *statsScreen {
	s := &statsScreen{ui: u}
	this := u.store.Today().Year()
	years := []string{"全部年度"}
	for y := this; y >= this-9; y-- {
		years = append(years, strconv.Itoa(y)+"年")
	}
	s.year = widget.NewSelect(years, func(string) { s.load() })
	s.body = container.NewVBox()
	s.exportButton = &widget.Button{Text: "导出年度统计", Icon: theme.DownloadIcon(), OnTapped: s.onExport}
	top := container.NewHBox(widget.NewLabel("统计年度"), s.year, s.exportButton)
	s.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(s.body))
	s.year.SetSelected(years[1])
	return s
}

// yearValue is the chosen year, 0 for all.
func (s *statsScreen) yearValue() int {
	n, _ := strconv.Atoi(s.year.Selected[:len(s.year.Selected)-len("年")])
	return n
}

// load computes the tables and draws them.
func (s *statsScreen) load() {
	snap, err := s.ui.store.Snapshot()
	if err != nil {
		s.ui.showError(err)
		return
	}
	env, err := s.ui.store.Env()
	if err != nil {
		s.ui.showError(err)
		return
	}
	s.tables = data.Stats(snap, env, s.yearValue())
	s.body.Objects = nil
	for i := range s.tables {
		s.body.Add(statCard(&s.tables[i]))
	}
	s.body.Refresh()
}

// statCard draws one table beside its bar chart of row totals.
func statCard(t *data.StatTable) fyne.CanvasObject {
	cols := len(t.Cols) + 2
	grid := container.NewGridWithColumns(cols)
	bold := fyne.TextStyle{Bold: true}
	grid.Add(widget.NewLabelWithStyle(t.RowHead, fyne.TextAlignLeading, bold))
	for _, c := range t.Cols {
		grid.Add(widget.NewLabelWithStyle(c, fyne.TextAlignTrailing, bold))
	}
	grid.Add(widget.NewLabelWithStyle("合计", fyne.TextAlignTrailing, bold))
	for i, r := range t.Rows {
		grid.Add(widget.NewLabel(r))
		for j := range t.Cols {
			grid.Add(widget.NewLabelWithStyle(data.FormatCount(t.Cells[i][j]), fyne.TextAlignTrailing, fyne.TextStyle{}))
		}
		grid.Add(widget.NewLabelWithStyle(data.FormatCount(t.RowTotal(i)), fyne.TextAlignTrailing, bold))
	}
	grid.Add(widget.NewLabelWithStyle("合计", fyne.TextAlignLeading, bold))
	for j := range t.Cols {
		grid.Add(widget.NewLabelWithStyle(data.FormatCount(t.ColTotal(j)), fyne.TextAlignTrailing, bold))
	}
	grid.Add(widget.NewLabelWithStyle(data.FormatCount(t.Total()), fyne.TextAlignTrailing, bold))
	var body fyne.CanvasObject = grid
	if len(t.Rows) == 0 {
		body = widget.NewLabel("（本期没有数据）")
	}
	if t.Note != "" {
		body = container.NewVBox(body, widget.NewLabel(t.Note))
	}
	// The table scrolls sideways inside the card and the chart scales to
	// the card's width, so that a table of many columns never widens the
	// window (it once made it 2236 px wide on a 1366 screen).
	return widget.NewCard(t.Title, "", container.NewVBox(container.NewHScroll(body), barChart(t)))
}

// barChart draws each row's total as a horizontal bar, longest = full width.
func barChart(t *data.StatTable) fyne.CanvasObject {
	max := 0.0
	for i := range t.Rows {
		if v := t.RowTotal(i); v > max {
			max = v
		}
	}
	rows := container.NewVBox()
	barColor := color.NRGBA{R: 0x1f, G: 0x6f, B: 0xc5, A: 0xff}
	for i, r := range t.Rows {
		v := t.RowTotal(i)
		frac := float32(0)
		if max > 0 {
			frac = float32(v / max)
		}
		bar := canvas.NewRectangle(barColor)
		rows.Add(container.NewBorder(nil, nil,
			container.NewGridWrap(fyne.NewSize(200, 28), &widget.Label{Text: r, Truncation: fyne.TextTruncateEllipsis}),
			widget.NewLabel(data.FormatCount(v)),
			&barLayoutBox{bar: bar, frac: frac}))
	}
	return rows
}

// barLayoutBox is a bar taking frac of the width it is given.
type barLayoutBox struct {
	widget.BaseWidget
	bar  *canvas.Rectangle
	frac float32
}

func (b *barLayoutBox) CreateRenderer() fyne.WidgetRenderer {
	b.ExtendBaseWidget(b)
	return &barRenderer{b: b}
}

type barRenderer struct{ b *barLayoutBox }

func (r *barRenderer) Layout(size fyne.Size) {
	h := size.Height * 0.6
	r.b.bar.Move(fyne.NewPos(0, (size.Height-h)/2))
	r.b.bar.Resize(fyne.NewSize(size.Width*r.b.frac, h))
}
func (r *barRenderer) MinSize() fyne.Size           { return fyne.NewSize(60, 28) }
func (r *barRenderer) Refresh()                     { r.b.bar.Refresh() }
func (r *barRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.b.bar} }
func (r *barRenderer) Destroy()                     {}

func (s *statsScreen) onExport() {
	tables := s.tables
	name := "年度保密工作统计"
	if y := s.yearValue(); y != 0 {
		name = fmt.Sprintf("%d年度保密工作统计", y)
	}
	s.ui.newExport(name, fmt.Sprintf("将导出 %d 张统计表（每表一个工作表，另附图表）。", len(tables)), len(tables),
		func() ([]xlsx.Sheet, []xlsx.Chart, error) {
			sheets, charts := xlsx.StatsWorkbook(tables)
			return sheets, charts, nil
		})
}

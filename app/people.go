package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

// peopleInput chooses persons from the 涉密人员 register (培训的参加人员),
// each with an optional 考试成绩, through a searchable multi-select.
type peopleInput struct {
	ui      *UI
	chosen  []data.Attendee
	changed func()
	summary *widget.Label
	content fyne.CanvasObject
	picker  *peoplePicker // the open picker, for tests
	title   string        // the picker's title, 选择参加人员 unless set
	one     bool          // one person without a score (Field.One)
}

func newPeopleInput(u *UI, changed func()) *peopleInput {
	p := &peopleInput{ui: u, changed: changed}
	p.summary = &widget.Label{Wrapping: fyne.TextWrapWord}
	btn := &widget.Button{Text: "选择人员…", Icon: theme.AccountIcon(), OnTapped: p.onPick}
	p.content = container.NewBorder(nil, nil, nil, btn, p.summary)
	return p
}

func (p *peopleInput) set(people []data.Attendee) {
	p.chosen = people
	p.summary.SetText(p.describe())
}

// describe names the first few attendees and counts them all.
func (p *peopleInput) describe() string {
	if len(p.chosen) == 0 {
		return "（未选择）"
	}
	names := p.ui.personNames()
	if p.one && len(p.chosen) == 1 {
		if n, ok := names[p.chosen[0].ID]; ok {
			return n
		}
		return "（已删除的人员）"
	}
	var list []string
	for i, a := range p.chosen {
		if i == 5 {
			break
		}
		list = append(list, names[a.ID])
	}
	s := strings.Join(list, "、")
	if len(p.chosen) > 5 {
		s += "等"
	}
	return fmt.Sprintf("%s（共 %d 人）", s, len(p.chosen))
}

func (p *peopleInput) onPick() {
	recs, err := p.ui.store.List(data.Personnel)
	if err != nil {
		p.ui.showError(err)
		return
	}
	p.picker = newPeoplePicker(p, recs)
}

// peoplePicker is the dialog: search and tick on the left, the chosen
// persons with their scores on the right.
type peoplePicker struct {
	input    *peopleInput
	table    *data.Table
	byID     map[uint64]*data.Record
	found    []*data.Record
	chosen   []data.Attendee
	search   *formEntry
	results  *widget.List
	selected *widget.List
	count    *widget.Label
	dlg      *dialog.CustomDialog
}

func newPeoplePicker(in *peopleInput, recs []*data.Record) *peoplePicker {
	pk := &peoplePicker{input: in, table: data.NewTable(data.Personnel, recs), byID: map[uint64]*data.Record{}}
	for _, r := range recs {
		pk.byID[r.ID] = r
	}
	pk.chosen = append(pk.chosen, in.chosen...)
	pk.search = newEscEntry(in.ui.escape)
	pk.search.SetPlaceHolder("输入姓名、部门、身份证号码搜索")
	pk.search.OnChanged = func(string) { pk.refresh() }
	pk.count = widget.NewLabel("")
	pk.results = &widget.List{
		Length: func() int { return len(pk.found) },
		CreateItem: func() fyne.CanvasObject {
			return widget.NewCheck("姓名　部门　身份证号码　人员状态", nil)
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			r := pk.found[id]
			c := o.(*widget.Check)
			c.OnChanged = nil
			c.Text = personLine(r)
			c.SetChecked(pk.index(r.ID) >= 0)
			c.OnChanged = func(on bool) { pk.toggle(r.ID, on) }
			c.Refresh()
		},
	}
	pk.results.ExtendBaseWidget(pk.results)
	pk.selected = &widget.List{
		Length: func() int { return len(pk.chosen) },
		CreateItem: func() fyne.CanvasObject {
			score := widget.NewEntry()
			score.SetPlaceHolder("成绩")
			return container.NewBorder(nil, nil, nil,
				container.NewGridWrap(fyne.NewSize(90, 36), score), widget.NewLabel("姓名"))
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			a := pk.chosen[id]
			name := "（已删除的人员）"
			if r := pk.byID[a.ID]; r != nil {
				name = r.Get(data.PsnName) + "　" + r.Get(data.PsnDept)
			}
			box.Objects[0].(*widget.Label).SetText(name)
			score := box.Objects[1].(*fyne.Container).Objects[0].(*widget.Entry)
			score.OnChanged = nil
			if pk.input.one {
				score.Hide()
			}
			score.SetText(a.Score)
			score.OnChanged = func(s string) {
				if i := pk.index(a.ID); i >= 0 {
					pk.chosen[i].Score = strings.TrimSpace(s)
				}
			}
		},
	}
	pk.selected.ExtendBaseWidget(pk.selected)
	left := container.NewBorder(pk.search, nil, nil, nil, pk.results)
	right := container.NewBorder(pk.count, nil, nil, nil, pk.selected)
	split := container.NewHSplit(left, right)
	split.Offset = 0.6
	ok := &widget.Button{Text: "确定", Importance: widget.HighImportance, OnTapped: pk.onOK}
	cancel := &widget.Button{Text: "取消", OnTapped: func() { pk.dlg.Hide() }}
	content := container.NewBorder(nil, container.NewHBox(layoutSpacer(), cancel, ok), nil, nil, split)
	title := in.title
	if title == "" {
		title = "选择参加人员"
	}
	pk.dlg = dialog.NewCustomWithoutButtons(title, content, in.ui.win)
	pk.dlg.Resize(fyne.NewSize(900, 560))
	pk.refresh()
	in.ui.showDialog(pk.dlg)
	in.ui.win.Canvas().Focus(pk.search)
	return pk
}

func personLine(r *data.Record) string {
	return r.Get(data.PsnName) + "　" + r.Get(data.PsnDept) + "　" + r.Get(data.PsnIDNo) + "　" + r.Get(data.PsnStatus)
}

// refresh runs the search; at most 500 rows are listed, in 拼音 order.
func (pk *peoplePicker) refresh() {
	pk.found = pk.table.Query(data.Query{Text: pk.search.Text, Sort: data.PsnName})
	if len(pk.found) > 500 {
		pk.found = pk.found[:500]
	}
	pk.results.Refresh()
	pk.selected.Refresh()
	pk.count.SetText(pk.countText())
}

func (pk *peoplePicker) index(id uint64) int {
	for i, a := range pk.chosen {
		if a.ID == id {
			return i
		}
	}
	return -1
}

func (pk *peoplePicker) toggle(id uint64, on bool) {
	i := pk.index(id)
	switch {
	case on && i < 0 && pk.input.one: // one person: the new choice replaces the old
		pk.chosen = append(pk.chosen[:0], data.Attendee{ID: id})
		pk.results.Refresh()
	case on && i < 0:
		pk.chosen = append(pk.chosen, data.Attendee{ID: id})
	case !on && i >= 0:
		pk.chosen = append(pk.chosen[:i], pk.chosen[i+1:]...)
	}
	pk.selected.Refresh()
	pk.count.SetText(pk.countText())
}

// countText says how many are chosen, or for one person whether one is.
func (pk *peoplePicker) countText() string {
	if !pk.input.one {
		return fmt.Sprintf("已选 %d 人（可填写考试成绩）", len(pk.chosen))
	}
	if len(pk.chosen) == 0 {
		return "请勾选一人"
	}
	return "已选 1 人"
}

func (pk *peoplePicker) onOK() {
	pk.input.set(pk.chosen)
	pk.input.changed()
	pk.dlg.Hide()
}

// personNames maps person ids to names, for showing attendees.
func (u *UI) personNames() map[uint64]string {
	recs, err := u.store.List(data.Personnel)
	if err != nil {
		return nil
	}
	m := make(map[uint64]string, len(recs))
	for _, r := range recs {
		m[r.ID] = r.Get(data.PsnName)
	}
	return m
}

package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

var today = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

func TestAddPersonAppearsInTable(t *testing.T) {
	u := newTestUI(t)
	v := u.View("personnel")
	f := addPerson(t, v, "张三", "11010519491231002x", "办公室", "核心")
	if u.form != nil {
		t.Fatalf("form still open; errors: %q", f.status.Text)
	}
	if got := len(v.shown); got != 1 {
		t.Fatalf("rows: got %d, want 1", got)
	}
	row := map[string]string{}
	for c := 1; c <= len(v.cols); c++ {
		row[v.cols[c-1].Label] = v.cellText(0, c)
	}
	want := map[string]string{"姓名": "张三", "身份证号码": "11010519491231002X", "性别": "女", "出生年月": "1949-12-31", "确定涉密时间": "2020-03-01"}
	for k, w := range want {
		if row[k] != w {
			t.Errorf("%s: got %q, want %q", k, row[k], w)
		}
	}
	if v.count.Text != "共 1 条" {
		t.Errorf("count: got %q", v.count.Text)
	}
}

func TestWrongCheckDigitShowsFieldError(t *testing.T) {
	u := newTestUI(t)
	v := u.View("personnel")
	f := addPerson(t, v, "李四", "110105194912310021", "办公室", "一般")
	if u.form == nil {
		t.Fatal("form closed: an invalid record was accepted")
	}
	in := f.inputs[data.PsnIDNo]
	if !in.errText.Visible() || !strings.Contains(in.errText.Text, "校验位") {
		t.Errorf("id error: got %q (visible %v), want a 校验位 message", in.errText.Text, in.errText.Visible())
	}
	recs, _ := u.store.List(data.Personnel)
	if len(recs) != 0 {
		t.Errorf("stored %d records, want 0", len(recs))
	}
}

func TestSearchFilterAndSort(t *testing.T) {
	u := newTestUI(t)
	v := u.View("personnel")
	addPerson(t, v, "王五", "11010519491231002X", "办公室", "核心")
	addPerson(t, v, "赵六", "110105198001010016", "信息中心", "一般")
	addPerson(t, v, "阿七", "110105199002020026", "信息中心", "重要")
	if len(v.shown) != 3 {
		t.Fatalf("rows: got %d, want 3", len(v.shown))
	}

	test.Type(v.search, "赵")
	if len(v.shown) != 1 || v.cellText(0, 1) != "赵六" {
		t.Errorf("search 赵: got %d rows, first %q", len(v.shown), v.cellText(0, 1))
	}
	v.search.SetText("")

	v.filters[data.PsnDept].SetSelected("信息中心")
	if len(v.shown) != 2 || v.count.Text != "共 2 条（全部 3 条）" {
		t.Errorf("filter 信息中心: got %d rows, count %q", len(v.shown), v.count.Text)
	}
	v.filters[data.PsnDept].SetSelected(filterAll)

	// Header 姓名 is column 1: tap sorts by 拼音 (阿 a, 王 w, 赵 z), again reverses.
	test.Tap(v.headers[1])
	names := func() string {
		var s []string
		for r := range v.shown {
			s = append(s, v.cellText(r, 1))
		}
		return strings.Join(s, ",")
	}
	if got := names(); got != "阿七,王五,赵六" {
		t.Errorf("sorted: got %s", got)
	}
	if !strings.HasSuffix(v.headers[1].Text, "▲") {
		t.Errorf("header: got %q, want ▲", v.headers[1].Text)
	}
	test.Tap(v.headers[1])
	if got := names(); got != "赵六,王五,阿七" {
		t.Errorf("reversed: got %s", got)
	}
}

func TestLeaveComputesDeclassPeriod(t *testing.T) {
	u := newTestUI(t)
	v := u.View("personnel")
	addPerson(t, v, "王五", "11010519491231002X", "办公室", "重要")
	v.list.Select(widget.TableCellID{Row: 0, Col: 1})
	test.Tap(v.buttons["离岗"])
	d := u.leave
	d.left.SetText("2026-01-15")
	if d.from.Text != "2026-01-15" || d.to.Text != "2028-01-15" {
		t.Fatalf("proposed: %s – %s, want 2026-01-15 – 2028-01-15", d.from.Text, d.to.Text)
	}
	d.to.SetText("2028-06-30") // the clerk may change the date
	test.Tap(d.confirmed)
	if !strings.Contains(d.errText.Text, "离岗原因") {
		t.Fatalf("confirmed without a 离岗原因: %q", d.errText.Text)
	}
	d.reason.SetSelected("退休")
	d.steps[data.PsnLeaveTalk].SetText("2026-01-14")
	d.steps[data.PsnLeavePledge].SetText("2026-01-15")
	d.steps[data.PsnLeaveAccess].SetText("2026-01-15")
	test.Tap(d.confirmed)
	r := v.shown[0]
	if r.Get(data.PsnStatus) != data.StatusDeclass || r.Get(data.PsnDeclassTo) != "2028-06-30" || r.Get(data.PsnLeaveReason) != "退休" {
		t.Errorf("after 离岗: status %q, 止 %q, 原因 %q", r.Get(data.PsnStatus), r.Get(data.PsnDeclassTo), r.Get(data.PsnLeaveReason))
	}
	if got := r.Get(data.PsnLeavePledge); got != "2026-01-15" {
		t.Errorf("离岗保密承诺书日期: got %q, want 2026-01-15", got)
	}
	if m := r.Get(data.KeyMarks); !strings.Contains(m, "离岗未记录清退涉密载体") {
		t.Errorf("marks: got %q, want the missing 清退涉密载体", m)
	}
}

func TestDeleteAsksFirst(t *testing.T) {
	u := newTestUI(t)
	v := u.View("personnel")
	addPerson(t, v, "王五", "11010519491231002X", "办公室", "重要")
	v.list.Select(widget.TableCellID{Row: 0, Col: 1})
	v.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if len(v.shown) != 1 {
		t.Fatal("deleted without confirmation")
	}
	// The confirmation is the top overlay: tap its 删除 button.
	tapButton(t, u.win, "删除")
	if len(v.shown) != 0 {
		t.Errorf("rows after confirmed delete: got %d, want 0", len(v.shown))
	}
}

func TestExportWritesWhatTheScreenShows(t *testing.T) {
	u := newTestUI(t)
	v := u.View("personnel")
	addPerson(t, v, "王五", "11010519491231002X", "办公室", "核心")
	addPerson(t, v, "赵六", "110105198001010016", "信息中心", "一般")
	addPerson(t, v, "阿七", "110105199002020026", "信息中心", "重要")
	v.filters[data.PsnDept].SetSelected("信息中心")
	test.Tap(v.headers[1]) // by 姓名: 阿七, 赵六

	test.Tap(v.buttons["导出Excel"])
	d := u.export
	if d == nil {
		t.Fatal("导出Excel opened no dialog")
	}
	d.marking.SetSelected("内部")
	f := exportAndOpen(t, d)
	rows, err := f.GetRows("涉密人员")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range rows {
		if len(r) > 1 && (r[0] == "1" || r[0] == "2" || r[0] == "3") {
			names = append(names, r[1])
		}
	}
	if got := strings.Join(names, ","); got != "阿七,赵六" {
		t.Errorf("exported rows: got %s, want 阿七,赵六 (the screen's filter and order)", got)
	}
	if rows[0][0] != "内部" {
		t.Errorf("marking: got %q, want 内部", rows[0][0])
	}
}

func TestPassportInsidePerson(t *testing.T) {
	u := newTestUI(t)
	v := u.View("personnel")
	addPerson(t, v, "王五", "11010519491231002X", "办公室", "核心")
	v.list.Select(widget.TableCellID{Row: 0, Col: 1})
	test.Tap(v.buttons["编辑"])
	person := u.form
	pv := person.subs[data.Passports.Key]
	if pv == nil {
		t.Fatal("no 因私出入境证件 tab in the person's form")
	}
	test.Tap(pv.buttons["新增"])
	pf := u.form
	typeInto(t, pf, "type", "护照")
	typeInto(t, pf, "number", "E12345678")
	typeInto(t, pf, "custody", "已借出")
	test.Tap(pf.save)
	if u.form != pf || !pf.inputs["due"].errText.Visible() {
		t.Fatal("a lent passport without 应还日期 was accepted")
	}
	typeInto(t, pf, "lent", "2026.11.1")
	typeInto(t, pf, "due", "20261201")
	test.Tap(pf.save)
	if u.form != person {
		t.Fatalf("passport form still open: %q", pf.status.Text)
	}
	if len(pv.shown) != 1 || pv.shown[0].Get("due") != "2026-12-01" {
		t.Fatalf("passports shown: %d", len(pv.shown))
	}
	owned, _ := u.store.SubRecords(data.Passports, v.shown[0].ID)
	if len(owned) != 1 || owned[0].Get("number") != "E12345678" {
		t.Errorf("stored passports: %v", owned)
	}

	// A trip's 证件 is chosen from the person's own.
	tv := person.subs[data.Trips.Key]
	test.Tap(tv.buttons["新增"])
	tf := u.form
	sel := tf.inputs[data.TripPassport].sel
	if sel == nil || strings.Join(sel.Options, ",") != choiceNone+",E12345678" {
		t.Fatalf("使用证件号码: got %v, want a choice of the person's 证件", sel)
	}
	typeInto(t, tf, data.TripOut, "2026-11-10")
	typeInto(t, tf, "destination", "日本")
	sel.SetSelected("E12345678")
	test.Tap(tf.save)
	trips, _ := u.store.SubRecords(data.Trips, v.shown[0].ID)
	if len(trips) != 1 || trips[0].Get(data.TripPassport) != "E12345678" {
		t.Errorf("stored trips: %v (form: %q)", trips, tf.status.Text)
	}
}

func TestKeyboard(t *testing.T) {
	u := newTestUI(t)
	v := u.View("personnel")
	menu := map[string]*fyne.MenuItem{}
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			menu[it.Label] = it
		}
	}
	// Ctrl+N is the menu's 新增记录: it works whatever has the focus.
	if sc, ok := menu["新增记录"].Shortcut.(interface{ ShortcutName() string }); !ok || !strings.Contains(sc.ShortcutName(), "N") {
		t.Errorf("新增记录 shortcut: %v", menu["新增记录"].Shortcut)
	}
	menu["新增记录"].Action()
	f := u.form
	if f == nil {
		t.Fatal("Ctrl+N opened no form")
	}
	// Esc in an entry closes the form without saving.
	f.inputs[data.PsnName].entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.form != nil {
		t.Error("Esc did not close the form")
	}
	addPerson(t, v, "王五", "11010519491231002X", "办公室", "核心")
	// Enter on the selected row opens it.
	v.list.Select(widget.TableCellID{Row: 0, Col: 2})
	v.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.form == nil || u.form.rec.Get(data.PsnName) != "王五" {
		t.Fatal("Enter did not open the row")
	}
	u.form.close()
	// Ctrl+F puts the cursor in the search box.
	menu["查找"].Action()
	if u.win.Canvas().Focused() != v.search {
		t.Error("Ctrl+F did not focus the search")
	}
}

// TestExportDialogRefusesBadMarking: a 保密期限 in Chinese numerals or over
// the level's maximum keeps 选择保存位置… from going on and says why.
func TestExportDialogRefusesBadMarking(t *testing.T) {
	for _, c := range []struct{ level, period, says string }{
		{"秘密", "十年", "阿拉伯数字"},
		{"秘密", "20年", "最长 10 年"},
		{"内部", "5年", "不标保密期限"},
	} {
		t.Run(c.level+"★"+c.period, func(t *testing.T) {
			u := newTestUI(t)
			v := u.View("personnel")
			addPerson(t, v, "王五", "11010519491231002X", "办公室", "核心")
			test.Tap(v.buttons["导出Excel"])
			d := u.export
			d.marking.SetSelected(c.level)
			test.Type(d.period, c.period)
			tapButton(t, u.win, "选择保存位置…")
			if d.saver != nil {
				t.Errorf("the 保存到 dialog opened for %s★%s", c.level, c.period)
			}
			if got := overlayText(t, u.win); !strings.Contains(got, c.says) {
				t.Errorf("dialog text: got %q, want it to say %q", got, c.says)
			}
		})
	}
}

// TestRulesAndBasis: 帮助 → 规则与依据 lists every rule with its source and
// the setting that changes it, and prints it; a record's form shows each
// mark's source beside it.
func TestRulesAndBasis(t *testing.T) {
	u := newTestUI(t)
	u.showRules()
	if u.rules == nil {
		t.Fatal("no 规则与依据 dialog")
	}
	tapButton(t, u.win, "导出Excel（打印）")
	f := exportAndOpen(t, u.export)
	rows, err := f.GetRows("规则与依据")
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, r := range rows {
		text.WriteString(strings.Join(r, "|") + "\n")
	}
	for _, want := range []string{"实施条例第五十三条", "设置 → 脱密期（月）", "实践做法", "实施条例第六十一条", "设置 → 出国(境)回国报告时限（天）"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("printed rules: no %q in\n%s", want, text.String())
		}
	}
	if n := strings.Count(text.String(), "\n"); n < len(data.Rules(data.Registers())) {
		t.Errorf("printed rules: %d rows, want at least %d", n, len(data.Rules(data.Registers())))
	}

	v := u.View("projects")
	newRecord(t, v, [][2]string{
		{data.PrjName, "机要系统集成项目"}, {data.PrjLevel, "机密"}, {"category", "服务"},
		{data.PrjDept, "办公室"}, {data.PrjContractor, "某某信息技术有限公司"}, {data.PrjQualType, "涉密信息系统集成"},
		{data.PrjQualGrade, "甲级"}, {data.PrjStatus, data.ProjectRunning}, {data.PrjStart, "2026-01-05"},
	})
	v.list.Select(widget.TableCellID{Row: 0, Col: 1})
	test.Tap(v.buttons["编辑"])
	if got := overlayText(t, u.win); !strings.Contains(got, "实施中未签订保密协议（依据：实施条例第四十九条）") {
		t.Errorf("form: got %q, want the mark with its source", got)
	}
}

package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"baomi/taizhang/data"
)

// A carrier 下落不明 is kept through the form, marked in the table, and on
// 首页 offers a 违规案件 prefilled from it, which saves as it is.
func TestCarrierLostOpensCase(t *testing.T) {
	u := newTestUI(t)
	v := u.View("carriers")
	newRecord(t, v, [][2]string{
		{data.CarTitle, "关于2026年重大活动安全保卫工作的方案"}, {data.CarNumber, "市委办发〔2026〕12号"},
		{data.CarType, "纸质文件"}, {data.CarLevel, "绝密"}, {data.CarSource, data.CarrierReceived},
		{data.CarDate, "2026-03-01"}, {data.CarDept, "办公室"}, {data.CarStatus, data.CarrierLost},
	})
	if u.form == nil || !strings.Contains(u.form.inputs[data.CarLost].errText.Text, "应填写发现下落不明日期") {
		t.Fatal("下落不明 without its day was saved, or no error beside the field")
	}
	fill(t, u.form, [][2]string{{data.CarLost, "2026-11-20"}})
	test.Tap(u.form.save)
	if len(v.shown) != 1 {
		t.Fatalf("rows: got %d, want 1", len(v.shown))
	}
	want := "下落不明已6天，绝密载体满10天查无下落按泄露国家秘密处理"
	if got := markOf(t, v, data.CarTitle, "关于2026年重大活动安全保卫工作的方案"); got != want {
		t.Errorf("提示: got %q, want %q", got, want)
	}

	u.selectNav(navHomeKey)
	h := u.home
	if len(h.shown) != 1 || h.shown[0].What != want || h.shown[0].Days != 4 {
		t.Fatalf("首页: got %+v, want one line %q, 4 days left", h.shown, want)
	}
	h.list.Select(widget.TableCellID{Row: 0, Col: 1})
	if h.ask == nil {
		t.Fatal("no offer of a 违规案件 for a carrier 下落不明")
	}
	tapButton(t, u.win, "登记违规案件")
	if u.current != "cases" || u.form == nil {
		t.Fatalf("screen %q, form %v: want the 违规案件 form", u.current, u.form != nil)
	}
	for key, want := range map[string]string{
		data.CaseType: "涉密载体丢失", data.CaseLevel: "绝密", data.CaseFound: "2026-11-20", data.CaseDept: "办公室",
	} {
		if got := u.form.inputs[key].value(); got != want {
			t.Errorf("case %s: got %q, want %q", key, got, want)
		}
	}
	test.Tap(u.form.save)
	cases, _ := u.store.List(data.Cases)
	if len(cases) != 1 || !strings.Contains(cases[0].Get(data.CaseSummary), "2026-11-20发现下落不明") {
		t.Fatalf("cases: got %d, want the prefilled one saved", len(cases))
	}
	// The carrier's own form offers the same.
	v = u.View("carriers")
	v.list.Select(widget.TableCellID{Row: 0, Col: 1})
	test.Tap(v.buttons["编辑"])
	if b := u.form.caseButton(); b == nil {
		t.Error("no 登记违规案件 on the form of a carrier 下落不明")
	} else {
		test.Tap(b)
		if u.current != "cases" || u.form == nil || u.form.inputs[data.CaseType].value() != "涉密载体丢失" {
			t.Errorf("登记违规案件 from the form: screen %q, form %v", u.current, u.form != nil)
		}
		u.form.close()
	}

	// The case now carries the reminders; the carrier says it is registered.
	u.selectNav(navHomeKey)
	for _, it := range h.shown {
		if it.Register == data.Carriers {
			t.Errorf("首页 after the case: got %q of the carrier, want the case's own reminders only", it.What)
		}
	}
	if got := markOf(t, u.View("carriers"), data.CarTitle, "关于2026年重大活动安全保卫工作的方案"); got != "下落不明，已登记违规案件（初查）" {
		t.Errorf("提示 after the case: got %q", got)
	}
}

// A 复制 without approval asks for the confirmation that it is on file, and
// the 借阅 tab keeps the loans, an overdue one marking the carrier.
func TestCarrierCopyWarnsAndLoanMarks(t *testing.T) {
	u := newTestUI(t)
	v := u.View("carriers")
	newRecord(t, v, [][2]string{
		{data.CarTitle, "2026年应急物资储备布局调整方案"}, {data.CarType, "纸质文件"}, {data.CarLevel, "秘密"},
		{data.CarSource, data.CarrierCopied}, {data.CarDate, "2026-05-06"}, {data.CarDept, "综合处"},
		{data.CarStatus, data.CarrierLent},
	})
	if u.warning == nil {
		t.Fatal("复制 without approval was saved without asking")
	}
	tapButton(t, u.win, "确认已记录在案并保存")
	if got := markOf(t, v, data.CarTitle, "2026年应急物资储备布局调整方案"); got != "复制涉密载体未经审批（已确认记录在案）" {
		t.Fatalf("提示: got %q", got)
	}
	v.list.Select(widget.TableCellID{Row: 0, Col: 1})
	test.Tap(v.buttons["编辑"])
	sub := u.form.subs[data.Loans.Key]
	if sub == nil {
		t.Fatal("no 借阅 tab")
	}
	newRecord(t, sub, [][2]string{{data.LoanBorrower, "张伟"}, {data.LoanOut, "2026-11-01"}, {data.LoanDue, "2026-11-10"}})
	u.form.close()
	want := "复制涉密载体未经审批（已确认记录在案）；借阅逾期未还（张伟，应于2026-11-10归还）"
	if got := markOf(t, v, data.CarTitle, "2026年应急物资储备布局调整方案"); got != want {
		t.Errorf("提示 after the loan: got %q, want %q", got, want)
	}
}

// A device's 所联涉密网络 is chosen from the 涉密网络测评 register; a 非密
// device cannot join it.
func TestDeviceNetworkFromRegister(t *testing.T) {
	u := newTestUI(t)
	newRecord(t, u.View("networks"), [][2]string{
		{data.NetName, "涉密办公自动化系统"}, {data.NetLevel, "机密"}, {data.NetDept, "办公室"}, {data.NetStatus, data.SystemBuilding},
	})
	v := u.View("devices")
	test.Tap(v.buttons["新增"])
	f := u.form
	if opts := f.inputs[data.DevNetwork].sel.Options; !slices.Contains(opts, "涉密办公自动化系统") {
		t.Fatalf("所联涉密网络 choices: got %v, want the registered system", opts)
	}
	fill(t, f, [][2]string{
		{data.DevName, "涉密台式计算机（内网终端）"}, {data.DevType, "台式计算机"}, {data.DevLevel, data.DeviceNotSecret},
		{data.DevDept, "办公室"}, {data.DevNet, data.NetSecret}, {data.DevNetwork, "涉密办公自动化系统"},
		{data.DevStart, "2026-01-05"}, {data.DevChecked, "2026-06-01"}, {data.DevStatus, data.DeviceInUse},
	})
	test.Tap(f.save)
	if got := f.inputs[data.DevNet].errText.Text; got != "非密设备不得接入涉密网络" {
		t.Fatalf("error beside 联网: got %q", got)
	}
	fill(t, f, [][2]string{{data.DevLevel, "机密"}})
	test.Tap(f.save)
	if len(v.shown) != 1 || v.shown[0].Get(data.DevNetwork) != "涉密办公自动化系统" || v.shown[0].Get(data.KeyMarks) != "" {
		t.Fatalf("rows: got %d, want the device saved unmarked", len(v.shown))
	}
}

// The 保管人 is one person picked from 涉密人员: ticking a second replaces
// the first, no score is asked, and the table shows the name.
func TestCarrierKeeperPickedFromPersonnel(t *testing.T) {
	u := newTestUI(t)
	pv := u.View("personnel")
	addPerson(t, pv, "王五", "11010519491231002X", "办公室", "核心")
	addPerson(t, pv, "赵六", "110105198001010016", "信息中心", "一般")
	v := u.View("carriers")
	test.Tap(v.buttons["新增"])
	f := u.form
	fill(t, f, [][2]string{
		{data.CarTitle, "2026年城市地下管网普查成果汇编"}, {data.CarType, "纸质文件"}, {data.CarLevel, "秘密"},
		{data.CarSource, data.CarrierMade}, {data.CarDate, "2026-06-01"}, {data.CarDept, "信息中心"}, {data.CarStatus, data.CarrierHeld},
	})
	in := f.inputs[data.CarKeeper].people
	in.onPick()
	pk := in.picker
	if got := in.title; got != "选择保管人" {
		t.Errorf("picker title: got %q, want 选择保管人", got)
	}
	pk.toggle(pk.found[0].ID, true)
	pk.toggle(pk.found[1].ID, true)
	if len(pk.chosen) != 1 || pk.chosen[0].ID != pk.found[1].ID {
		t.Fatalf("chosen: got %v, want only the second ticked", pk.chosen)
	}
	name := pk.found[1].Get(data.PsnName)
	pk.onOK()
	if got := in.summary.Text; got != name {
		t.Errorf("保管人 shown in the form: got %q, want %q", got, name)
	}
	test.Tap(f.save)
	if u.form != nil {
		t.Fatalf("carrier not saved: %q", f.status.Text)
	}
	if got := v.shown[0].Get(data.CarKeeperName); got != name {
		t.Errorf("保管人 in the table: got %q, want %q", got, name)
	}

	// The keeper renamed on 涉密人员: the open carriers table follows.
	u.selectNav("personnel")
	pv.selectID(pk.found[1].ID)
	pv.onEdit()
	typeInto(t, u.form, data.PsnName, "赵六六")
	test.Tap(u.form.save)
	if u.form != nil {
		t.Fatalf("person not saved: %q", u.form.status.Text)
	}
	u.selectNav("carriers")
	if got := v.shown[0].Get(data.CarKeeperName); got != "赵六六" {
		t.Errorf("保管人 after the rename: got %q, want 赵六六", got)
	}
}

// The dialogs the two registers add close on Esc and fit 1280×720: 首页's
// offer of a 违规案件 for a carrier 下落不明, the case form it opens, and
// the 保管人 picker.
func TestCarrierDialogsEscAndFit(t *testing.T) {
	u := newDemoUI(t, 300)
	top := func() fyne.CanvasObject { return u.win.Canvas().Overlays().Top() }
	fits := func(what string) {
		t.Helper()
		if top() == nil {
			t.Fatalf("%s: no dialog open", what)
		}
		if s := top().MinSize(); s.Width > 1280 || s.Height > 720 {
			t.Errorf("%s needs %.0f×%.0f, more than 1280×720", what, s.Width, s.Height)
		}
	}
	escAll := func(what string) {
		t.Helper()
		for i := 0; i < 3 && top() != nil; i++ { // a picker over a form: Esc twice
			press(u, fyne.KeyEscape)
		}
		if top() != nil {
			t.Errorf("%s: Esc left %T open", what, top())
		}
		u.form = nil
	}
	u.selectNav(navHomeKey)
	h := u.home
	row := slices.IndexFunc(h.shown, func(it data.DueItem) bool { return it.Action == data.ActionOpenCase })
	if row < 0 {
		t.Fatal("首页 of a demo file: no carrier 下落不明 offering a 违规案件")
	}
	h.list.Select(widget.TableCellID{Row: row, Col: 1})
	fits("登记违规案件 offer")
	escAll("登记违规案件 offer")

	h.list.Select(widget.TableCellID{Row: row, Col: 1})
	tapButton(t, u.win, "登记违规案件")
	if u.current != data.Cases.Key || u.form == nil {
		t.Fatalf("screen %q: want the 违规案件 form", u.current)
	}
	fits("prefilled 违规案件 form")
	escAll("prefilled 违规案件 form")

	v := u.View("carriers")
	test.Tap(v.buttons["新增"])
	test.Tap(u.form.inputs[data.CarKeeper].people.content.(*fyne.Container).Objects[1].(*widget.Button))
	fits("选择保管人")
	if got := u.form.inputs[data.CarKeeper].people.picker.count.Text; got != "请勾选一人" {
		t.Errorf("picker: got %q, want 请勾选一人", got)
	}
	escAll("选择保管人")
}

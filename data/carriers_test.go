package data

import (
	"strings"
	"testing"
)

// testCarrier is a valid carrier 在管 that no rule marks on 2025-06-15.
func testCarrier() *Record {
	return rec(
		CarTitle, "关于2025年重大活动安全保卫工作的方案",
		CarNumber, "市委办发〔2025〕12号",
		CarType, "纸质文件",
		CarLevel, "机密",
		CarTerm, "2035-03-01",
		CarCopies, "1",
		CarSerial, "008",
		CarSource, CarrierReceived,
		CarFrom, "市委办公室",
		CarDate, "2025-03-01",
		CarDept, "办公室",
		CarStatus, CarrierHeld,
	)
}

// homeOf is what 首页 lists of reg's records in snap: DueItems run on reg
// alone, so it derives them as it does for the whole file.
func homeOf(reg *Register, snap Snapshot, env Env) []DueItem {
	env.Registers = []*Register{reg}
	return DueItems(snap, env)
}

// envWith is the default settings, changed by set when not nil, on dueToday.
func envWith(set func(s *Settings)) Env {
	st := DefaultSettings()
	if set != nil {
		set(&st)
	}
	return Env{Settings: &st, Today: dueToday}
}

// deriveCarrier derives one carrier with its loans on 2025-06-15 (or the
// env given) and returns it.
func deriveCarrier(env Env, r *Record, loans ...*Record) *Record {
	r = withID(r, 1, 0)
	for i, l := range loans {
		withID(l, uint64(10+i), 1)
	}
	Carriers.Derive([]*Record{r}, Snapshot{Loans: loans}, env)
	return r
}

func TestCarrierValid(t *testing.T) {
	r := testCarrier()
	if fe := Validate(Carriers, r, testEnv()); len(fe) > 0 {
		t.Fatalf("Validate: got %v, want no errors", fe)
	}
	checkMarks(t, deriveCarrier(testEnv(), r))
}

// 复制 needs an approval: without 审批人 and 审批日期 the record is saved only
// once the clerk confirms it is on file, and stays marked.
func TestCarrierCopyNeedsApproval(t *testing.T) {
	copied := with(testCarrier(), CarSource, CarrierCopied, CarFrom, "办公室（复制）")
	for _, tc := range []struct {
		name string
		r    *Record
		want string // the warning, "" for none
	}{
		{"no approval", copied, warnCopyUnapproved},
		{"approver without date", with(copied, CarCopyApprover, "王建国"), warnCopyUnapproved},
		{"approved", with(copied, CarCopyApprover, "王建国", CarCopyApproved, "2025-02-28"), ""},
		{"received needs none", testCarrier(), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r.Clone()
			fe := Validate(Carriers, r, testEnv())
			if got := fe[KeyAck]; got != tc.want {
				t.Fatalf("warning: got %q, want %q", got, tc.want)
			}
			if tc.want == "" {
				checkMarks(t, deriveCarrier(testEnv(), r))
				return
			}
			r.Set(KeyAck, "已确认记录在案 2025-06-15")
			if fe := Validate(Carriers, r, testEnv()); len(fe) > 0 {
				t.Fatalf("confirmed: got %v, want no errors", fe)
			}
			checkMarks(t, deriveCarrier(testEnv(), r), tc.want+"（已确认记录在案）")
		})
	}
	t.Run("approval after registering", func(t *testing.T) {
		fe := Validate(Carriers, with(copied, CarCopyApprover, "王建国", CarCopyApproved, "2025-03-02"), testEnv())
		checkErrors(t, fe, map[string]string{CarDate: "登记日期不能早于复制审批日期"})
	})
}

// 销毁 needs 审批人 and 监销人, two different people; and the day and the way.
func TestCarrierDestroyNeedsApproverAndWitness(t *testing.T) {
	destroyed := with(testCarrier(), CarStatus, CarrierDestroyed, CarDestroyed, "2025-05-20", CarDestroyWay, "送销毁工作机构")
	for _, tc := range []struct {
		name string
		r    *Record
		want []string
	}{
		{"both, different", with(destroyed, CarDestroyApprove, "王建国", CarWitness, "李明"), nil},
		{"no approver", with(destroyed, CarWitness, "李明"), []string{warnDestroyUnapproved}},
		{"no witness", with(destroyed, CarDestroyApprove, "王建国"), []string{warnDestroyNoWitness}},
		{"neither", destroyed, []string{warnDestroyUnapproved, warnDestroyNoWitness}},
		{"same person", with(destroyed, CarDestroyApprove, "王建国", CarWitness, "王建国"), []string{warnDestroySamePerson}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r.Clone()
			fe := Validate(Carriers, r, testEnv())
			if got, want := fe[KeyAck], strings.Join(tc.want, "；"); got != want {
				t.Fatalf("warning: got %q, want %q", got, want)
			}
			r.Set(KeyAck, "已确认记录在案 2025-06-15")
			if fe := Validate(Carriers, r, testEnv()); len(fe) > 0 {
				t.Fatalf("confirmed: got %v, want no errors", fe)
			}
			var marks []string
			for _, w := range tc.want {
				marks = append(marks, w+"（已确认记录在案）")
			}
			checkMarks(t, deriveCarrier(testEnv(), r), marks...)
		})
	}
	t.Run("day and way", func(t *testing.T) {
		fe := Validate(Carriers, with(testCarrier(), CarStatus, CarrierDestroyed, CarDestroyApprove, "王建国", CarWitness, "李明"), testEnv())
		checkErrors(t, fe, map[string]string{CarDestroyed: "应填写销毁日期", CarDestroyWay: "应填写销毁方式"})
	})
	t.Run("清退 needs day and receiver", func(t *testing.T) {
		fe := Validate(Carriers, with(testCarrier(), CarStatus, CarrierReturned), testEnv())
		checkErrors(t, fe, map[string]string{CarOutDate: "应填写清退/移交日期", CarReceiver: "应填写接收单位"})
	})
}

// A 借阅 not returned is a reminder from the window on and overdue after
// 应还日期, on the carrier, on the 借阅 row and on 首页 in the same words.
func TestCarrierLoanOverdue(t *testing.T) {
	loan := func(due, returned string) *Record {
		return rec(LoanBorrower, "张伟", LoanOut, "2025-05-20", LoanDue, due, LoanReturned, returned)
	}
	for _, tc := range []struct {
		name string
		loan *Record
		want string // the mark, "" for none
		days int
	}{
		{"overdue", loan("2025-06-10", ""), "借阅逾期未还（张伟，应于2025-06-10归还）", -5},
		{"due today", loan("2025-06-15", ""), "借阅应于2025-06-15归还（张伟）", 0},
		{"returned late", loan("2025-06-10", "2025-06-12"), "", 0},
		{"due after the window", loan("2025-10-01", ""), "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := deriveCarrier(testEnv(), with(testCarrier(), CarStatus, CarrierLent), tc.loan)
			checkMarks(t, r, strings.Fields(tc.want)...)
			l := tc.loan.Clone()
			Loans.Derive([]*Record{l}, nil, testEnv())
			checkMarks(t, l, strings.Fields(tc.want)...)
			items := homeOf(Carriers, Snapshot{Carriers: {r}, Loans: {tc.loan}}, testEnv())
			switch {
			case tc.want == "" && len(items) != 0:
				t.Errorf("首页: got %v, want nothing", items)
			case tc.want != "" && (len(items) != 1 || items[0].What != tc.want || items[0].Days != tc.days):
				t.Errorf("首页: got %v, want one item %q, %d days", items, tc.want, tc.days)
			case tc.want != "" && (items[0].Sub != Loans || items[0].SubID != 10):
				t.Errorf("首页 opens: got %v %d, want the 借阅 #10", items[0].Sub, items[0].SubID)
			}
		})
	}
	t.Run("due before lent", func(t *testing.T) {
		checkErrors(t, Validate(Loans, loan("2025-05-01", ""), testEnv()), map[string]string{LoanDue: "应还日期不能早于借出日期"})
	})
}

// 下落不明 counts the days against the limit at which it is treated as a
// 泄露 (绝密 10, 机密 and 秘密 60, settings), always on 首页 with the offer
// to open a 违规案件.
func TestCarrierLost(t *testing.T) {
	lost := func(level, day string) *Record {
		return with(testCarrier(), CarLevel, level, CarStatus, CarrierLost, CarLost, day)
	}
	for _, tc := range []struct {
		name string
		r    *Record
		set  func(s *Settings)
		want string
		date string
		days int
	}{
		{"绝密 counting", lost("绝密", "2025-06-12"), nil, "下落不明已3天，绝密载体满10天查无下落按泄露国家秘密处理", "2025-06-22", 7},
		{"绝密 past the limit", lost("绝密", "2025-06-01"), nil, "下落不明已14天（超过10天），应按泄露国家秘密处理", "2025-06-11", -4},
		{"秘密 counting", lost("秘密", "2025-06-01"), nil, "下落不明已14天，秘密载体满60天查无下落按泄露国家秘密处理", "2025-07-31", 46},
		{"机密 past the limit", lost("机密", "2025-03-01"), nil, "下落不明已106天（超过60天），应按泄露国家秘密处理", "2025-04-30", -46},
		{"limit from settings", lost("机密", "2025-06-01"), func(s *Settings) { s.Limits[LimitCarrierLost] = 10 }, "下落不明已14天（超过10天），应按泄露国家秘密处理", "2025-06-11", -4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := envWith(tc.set)
			r := deriveCarrier(env, tc.r.Clone())
			checkMarks(t, r, tc.want)
			items := homeOf(Carriers, Snapshot{Carriers: {r}}, env)
			if len(items) != 1 {
				t.Fatalf("首页: got %v, want one item", items)
			}
			it := items[0]
			if it.What != tc.want || FormatDate(it.Date) != tc.date || it.Days != tc.days || it.Action != ActionOpenCase {
				t.Errorf("首页: got %q %s %d %q, want %q %s %d %q", it.What, FormatDate(it.Date), it.Days, it.Action, tc.want, tc.date, tc.days, ActionOpenCase)
			}
		})
	}
	t.Run("needs the day", func(t *testing.T) {
		checkErrors(t, Validate(Carriers, with(testCarrier(), CarStatus, CarrierLost), testEnv()), map[string]string{CarLost: "应填写发现下落不明日期"})
	})
}

// The 违规案件 offered for a carrier 下落不明 is prefilled from it and is a
// valid case once saved as it is.
func TestNewCaseForCarrier(t *testing.T) {
	carrier := with(testCarrier(), CarStatus, CarrierLost, CarLost, "2025-06-12")
	c := NewCaseForCarrier(carrier, dueToday)
	for k, want := range map[string]string{
		CaseSource:  "单位报告",
		CaseFound:   "2025-06-12",
		CaseDept:    "办公室",
		CaseLevel:   "机密",
		CaseType:    "涉密载体丢失",
		CaseStatus:  CaseInquiry,
		CaseSummary: "机密级纸质文件《关于2025年重大活动安全保卫工作的方案》（市委办发〔2025〕12号）第008份于2025-06-12发现下落不明，经查找仍无下落。",
	} {
		if got := c.Get(k); got != want {
			t.Errorf("%s: got %q, want %q", k, got, want)
		}
	}
	if fe := Validate(Cases, c, testEnv()); len(fe) > 0 {
		t.Errorf("Validate: got %v, want a valid case", fe)
	}
	// Once registered, the case carries the reminders; the carrier is marked.
	c = withID(c, 7, 0)
	r := withID(carrier.Clone(), 1, 0)
	Carriers.Derive([]*Record{r}, Snapshot{Cases: {c}}, testEnv())
	checkMarks(t, r, "下落不明，已登记违规案件（初查）")
	if items := homeOf(Carriers, Snapshot{Carriers: {r}, Cases: {c}}, testEnv()); len(items) != 0 {
		t.Errorf("首页 with the case registered: got %v, want nothing of the carrier", items)
	}
	other := with(carrier, CarSerial, "009")
	if items := homeOf(Carriers, Snapshot{Carriers: {withID(other, 2, 0)}, Cases: {c}}, testEnv()); len(items) != 1 {
		t.Errorf("首页 for another copy: got %v, want its 下落不明 reminder", items)
	}
}

// A carrier still held whose 保密期限 is reached, or reached within the
// window, is to be reviewed for 解密; one that has left the unit is not.
func TestCarrierTermReview(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *Record
		want string
		days int
	}{
		{"reached", with(testCarrier(), CarTerm, "2025-06-01"), "保密期限已于2025-06-01届满，应进行解密审核", -14},
		{"within the window", with(testCarrier(), CarTerm, "2025-07-01"), "保密期限2025-07-01届满，应进行解密审核", 16},
		{"lent", with(testCarrier(), CarTerm, "2025-06-01", CarStatus, CarrierLent), "保密期限已于2025-06-01届满，应进行解密审核", -14},
		{"after the window", with(testCarrier(), CarTerm, "2026-01-01"), "", 0},
		{"destroyed", with(testCarrier(), CarTerm, "2025-06-01", CarStatus, CarrierDestroyed, CarDestroyed, "2025-06-02", CarDestroyWay, "自行销毁", CarDestroyApprove, "王建国", CarWitness, "李明"), "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := deriveCarrier(testEnv(), tc.r.Clone())
			checkMarks(t, r, strings.Fields(tc.want)...)
			items := homeOf(Carriers, Snapshot{Carriers: {r}}, testEnv())
			switch {
			case tc.want == "" && len(items) != 0:
				t.Errorf("首页: got %v, want nothing", items)
			case tc.want != "" && (len(items) != 1 || items[0].What != tc.want || items[0].Days != tc.days):
				t.Errorf("首页: got %v, want one item %q, %d days", items, tc.want, tc.days)
			}
		})
	}
}

// The 保管人 is one person of 涉密人员, shown by name.
func TestCarrierKeeper(t *testing.T) {
	checkErrors(t, Validate(Carriers, with(testCarrier(), CarKeeper, "3,5"), testEnv()), map[string]string{CarKeeper: "保管人（选自涉密人员）只能选择一人"})
	if r := with(testCarrier(), CarKeeper, ","); len(Validate(Carriers, r, testEnv())) > 0 || r.Get(CarKeeper) != "" {
		t.Errorf("保管人 “,”: got %q, want none and no error", r.Get(CarKeeper))
	}
	r := with(testCarrier(), CarKeeper, "3:90")
	if fe := Validate(Carriers, r, testEnv()); len(fe) > 0 || r.Get(CarKeeper) != "3" {
		t.Fatalf("Validate: got %v and %q, want no errors and 3", fe, r.Get(CarKeeper))
	}
	r = withID(r, 1, 0)
	Carriers.Derive([]*Record{r}, Snapshot{Personnel: {withID(rec(PsnName, "李红梅"), 3, 0)}}, testEnv())
	if got := r.Get(CarKeeperName); got != "李红梅" {
		t.Errorf("保管人: got %q, want 李红梅", got)
	}
}

func TestCarrierStats(t *testing.T) {
	c := func(level, source, date, status string, kv ...string) *Record {
		return with(rec(CarLevel, level, CarSource, source, CarDate, date, CarStatus, status, CarDept, "办公室"), kv...)
	}
	snap := Snapshot{Carriers: {
		c("机密", CarrierReceived, "2025-01-05", CarrierHeld),
		c("秘密", CarrierReceived, "2025-02-05", CarrierLent, CarDept, "综合处"),
		c("秘密", CarrierCopied, "2025-03-05", CarrierHeld),
		c("秘密", CarrierMade, "2024-03-05", CarrierDestroyed, CarDestroyed, "2025-04-01", CarDestroyWay, "自行销毁"),
		c("绝密", CarrierReceived, "2024-05-05", CarrierReturned),
	}}
	checkStat(t, carrierStats(snap[Carriers], snap, testEnv(), 2025), `
涉密载体登记（2025年，按密级、来源）
密级|收文 制作 复制
机密|1 0 0
秘密|1 0 1
`, `
涉密载体销毁（2025年，按密级、销毁方式）
密级|送销毁工作机构 自行销毁
秘密|0 1
`, `
涉密载体在管情况（在管和借出，按责任部门、密级）
责任部门|绝密 机密 秘密
办公室|0 1 1
综合处|0 0 1
`)
	checkStat(t, carrierStats(snap[Carriers], snap, testEnv(), 0)[:1], `
涉密载体登记（按密级、来源）
密级|收文 制作 复制
绝密|1 0 0
机密|1 0 0
秘密|1 1 1
`)
}

package data

import (
	"strconv"
	"strings"
	"time"
)

// Carrier (涉密载体) field keys used by rules, the UI and demo data.
const (
	CarTitle          = "title"
	CarNumber         = "number"
	CarType           = "type"
	CarLevel          = "level"
	CarTerm           = "term"
	CarCopies         = "copies"
	CarSerial         = "serial"
	CarSource         = "source"
	CarFrom           = "from"
	CarDate           = "date"
	CarDept           = "dept"
	CarKeeper         = "keeper"      // the 保管人's id in 涉密人员 (KindPeople, one person)
	CarKeeperName     = "keeper_name" // computed: the 保管人's name
	CarStatus         = "status"
	CarCopyApprover   = "copy_approver"
	CarCopyApproved   = "copy_approved"
	CarOutDate        = "out_date"
	CarReceiver       = "receiver"
	CarDestroyApprove = "destroy_approver"
	CarDestroyed      = "destroyed"
	CarDestroyWay     = "destroy_way"
	CarWitness        = "witness"
	CarLost           = "lost"
)

// Loan (借阅) field keys.
const (
	LoanBorrower = "borrower"
	LoanOut      = "out"
	LoanDue      = "due"
	LoanReturned = "returned"
)

// CarrierTypes are the 载体类型.
var CarrierTypes = []string{"纸质文件", "光盘", "U盘", "移动硬盘", "其他"}

// CarrierSources are the 来源 of a carrier, in the order of the statistics.
var CarrierSources = []string{CarrierReceived, CarrierMade, CarrierCopied}

// CarrierDestroyWays are the 销毁方式 (实施条例 as issue 13 cites it).
var CarrierDestroyWays = []string{"送销毁工作机构", "自行销毁"}

// 载体来源 values with rules attached.
const (
	CarrierReceived = "收文"
	CarrierMade     = "制作"
	CarrierCopied   = "复制"
)

// 载体状态 values.
const (
	CarrierHeld        = "在管"
	CarrierLent        = "借出"
	CarrierReturned    = "已清退"
	CarrierTransferred = "已移交"
	CarrierDestroyed   = "已销毁"
	CarrierLost        = "下落不明"
)

// Limits of the 涉密载体 rules (Settings.Limits), in days.
const (
	LimitCarrierLostTop = "carrier.lost_days_top" // 绝密 下落不明 treated as 泄露, default 10
	LimitCarrierLost    = "carrier.lost_days"     // 机密/秘密, default 60
)

// The 下落不明 limits with their labels in 设置 and defaults.
var (
	carrierLostTop = Limit{Key: LimitCarrierLostTop, Label: "绝密载体下落不明按泄密处理（天）", Default: 10}
	carrierLost    = Limit{Key: LimitCarrierLost, Label: "机密、秘密载体下落不明按泄密处理（天）", Default: 60}
)

// ActionOpenCase offers, for a 载体 下落不明, to open a 违规案件 prefilled
// from it.
const ActionOpenCase = "open_case"

// The recorded breaches of the 涉密载体 rules (Warn): saved only once the
// clerk confirms they are on file, then marked.
const (
	warnCopyUnapproved    = "复制涉密载体未经审批"
	warnDestroyUnapproved = "销毁涉密载体未经审批"
	warnDestroyNoWitness  = "销毁涉密载体无监销人"
	warnDestroySamePerson = "销毁审批人与监销人为同一人"
)

// Carriers is the 涉密载体 register: every classified document, disc or
// storage medium the unit receives, makes or copies, from 登记 to 清退,
// 移交 or 销毁, its 借阅 in the sub-register Loans.
var Carriers = &Register{
	Key:  "carriers",
	Name: "涉密载体",
	// Basis: where each rule comes from (帮助 → 规则与依据).
	Basis: []RuleBasis{
		{"涉密载体", "涉密载体下落不明，超过时限按泄露国家秘密处理并立案查处", "保守国家秘密法（涉密载体管理、泄密事件报告）；时限为" + practice, "设置 → 涉密载体 → 下落不明按泄密处理（天）", "下落不明"},
		{"涉密载体", "复制涉密载体须经审批", "保守国家秘密法（涉密载体的复制）", "", "复制涉密载体"},
		{"涉密载体", "销毁涉密载体须经审批并有监销人，审批人与监销人不为同一人", "保守国家秘密法（涉密载体的销毁）；监销为" + practice, "", "销毁涉密载体"},
		{"涉密载体", "借阅按期归还", practice, "设置 → 到期提醒提前天数", "借阅"},
		{"涉密载体", "保密期限届满的解密审核", "保守国家秘密法（国家秘密的解密）", "设置 → 到期提醒提前天数", "解密审核"},
	},
	Icon:     "file",
	Limits:   []Limit{carrierLostTop, carrierLost},
	TitleKey: CarTitle,
	Title:    carrierName,
	Fields: []Field{
		{Key: CarTitle, Label: "名称/标题", Aliases: []string{"文件名称", "文件标题", "标题", "名称", "载体名称"}, Kind: KindText, Required: true, Width: 20},
		{Key: CarNumber, Label: "文号", Aliases: []string{"发文字号", "文件编号", "编号"}, Kind: KindText, Width: 13},
		{Key: CarType, Label: "载体类型", Aliases: []string{"类型", "载体形式"}, Kind: KindChoice, Choices: CarrierTypes, Required: true, Filter: true, Width: 7},
		{Key: CarLevel, Label: "密级", Kind: KindChoice, Choices: SecretLevels, Required: true, Filter: true, Width: 5},
		{Key: CarTerm, Label: "保密期限至", Aliases: []string{"保密期限", "保密期限截止日期"}, Kind: KindDate, Width: 10},
		{Key: CarCopies, Label: "份数", Aliases: []string{"数量"}, Kind: KindNumber, Width: 4},
		{Key: CarSerial, Label: "份号", Aliases: []string{"编号份号"}, Kind: KindText, Width: 6},
		{Key: CarSource, Label: "来源", Aliases: []string{"载体来源"}, Kind: KindChoice, Choices: CarrierSources, Required: true, Width: 5},
		{Key: CarFrom, Label: "来文机关/制作部门", Aliases: []string{"来文机关", "来文单位", "发文机关", "制作部门"}, Kind: KindText, Width: 13},
		{Key: CarDate, Label: "登记日期", Aliases: []string{"收文日期", "收到日期", "登记时间"}, Kind: KindDate, Required: true, Width: 10},
		{Key: CarDept, Label: "责任部门", Aliases: []string{"部门", "保管部门"}, Kind: KindChoice, Source: ChoiceDepartments, Required: true, Filter: true, Width: 9},
		// The id is kept hidden; the table and the export show the name,
		// which import reads back (the alias) as the person of that name.
		{Key: CarKeeper, Label: "保管人（选自涉密人员）", Aliases: []string{"保管人"}, Kind: KindPeople, One: true, Hidden: true, Width: 8},
		{Key: CarKeeperName, Label: "保管人", Kind: KindText, Computed: true, Width: 7},
		{Key: CarStatus, Label: "状态", Aliases: []string{"载体状态"}, Kind: KindChoice, Choices: []string{CarrierHeld, CarrierLent, CarrierReturned, CarrierTransferred, CarrierDestroyed, CarrierLost}, Required: true, Filter: true, Width: 7},
		{Key: CarCopyApprover, Label: "复制审批人", Kind: KindText, Width: 7},
		{Key: CarCopyApproved, Label: "复制审批日期", Kind: KindDate, Width: 10},
		{Key: CarOutDate, Label: "清退/移交日期", Kind: KindDate, Width: 10},
		{Key: CarReceiver, Label: "接收单位", Kind: KindText, Width: 12},
		{Key: CarDestroyApprove, Label: "销毁审批人", Kind: KindText, Width: 7},
		{Key: CarDestroyed, Label: "销毁日期", Kind: KindDate, Width: 10},
		{Key: CarDestroyWay, Label: "销毁方式", Kind: KindChoice, Choices: CarrierDestroyWays, Width: 10},
		{Key: CarWitness, Label: "监销人", Kind: KindText, Width: 7},
		{Key: CarLost, Label: "发现下落不明日期", Kind: KindDate, Width: 10},
		{Key: "note", Label: "备注", Kind: KindText, Long: true, Width: 12},
		ackField,
		MarksField,
	},
	Subs:  []*Register{Loans},
	Check: checkCarrier,
	Warn:  warnCarrier,
	// A carrier 下落不明 reads the 违规案件 to know whether one names it
	// (their stored 事件类型 and 简要情况 only: see deriveCarriers).
	Needs:  []*Register{Cases},
	Derive: deriveCarriers,
	Stats:  carrierStats,

	// A carrier is one 份 of a document: its title, 文号 and 份号.
	NaturalKey: []string{CarTitle, CarNumber, CarSerial},
}

// Loans are the 借阅 of a carrier.
var Loans = &Register{
	Key:      "carriers.loans",
	Name:     "借阅",
	TitleKey: LoanBorrower,
	Fields: []Field{
		{Key: LoanBorrower, Label: "借阅人", Aliases: []string{"借阅人姓名", "借用人"}, Kind: KindText, Required: true, Width: 8},
		{Key: LoanOut, Label: "借出日期", Aliases: []string{"借阅日期", "借用日期"}, Kind: KindDate, Required: true, Width: 11},
		{Key: LoanDue, Label: "应还日期", Aliases: []string{"应归还日期", "归还期限"}, Kind: KindDate, Required: true, Width: 11},
		{Key: LoanReturned, Label: "归还日期", Aliases: []string{"实际归还日期", "归还时间"}, Kind: KindDate, Width: 11},
		{Key: "note", Label: "备注", Kind: KindText, Width: 14},
		MarksField,
	},
	Check: func(r *Record, env Env) FieldErrors {
		fe := FieldErrors{}
		notBefore(fe, r, LoanDue, LoanOut, "应还日期不能早于借出日期")
		notBefore(fe, r, LoanReturned, LoanOut, "归还日期不能早于借出日期")
		if env.Owner != nil {
			if d := env.Owner.Get(CarDate); d != "" {
				if v := r.Get(LoanOut); v != "" && v < d {
					fe[LoanOut] = "借出日期不能早于载体登记日期（" + d + "）"
				}
			}
		}
		return fe
	},
	// A 借阅 row shows its own mark; the carrier's Derive gives the carrier
	// the same one, naming the 借阅 (Sub) so 首页 opens it.
	Derive: func(recs []*Record, _ Snapshot, env Env) {
		c := newDueCheck(env)
		for _, l := range recs {
			var m markSet
			if mk, ok := loanMark(c, l); ok {
				m = append(m, mk)
			}
			m.set(l)
		}
	},

	// The natural key, within one carrier: who borrowed it on which day.
	NaturalKey: []string{LoanBorrower, LoanOut},
}

// checkCarrier refuses a record that says it left the unit's hands without
// saying how: 清退/移交 need the day and the 接收单位, 销毁 the day and the
// 销毁方式, 下落不明 the day it was found missing (the days count from it).
func checkCarrier(r *Record, env Env) FieldErrors {
	fe := FieldErrors{}
	switch s := r.Get(CarStatus); s {
	case CarrierReturned, CarrierTransferred:
		requireFields(fe, r, s+"的载体", CarOutDate, "清退/移交日期", CarReceiver, "接收单位")
	case CarrierDestroyed:
		requireFields(fe, r, s+"的载体", CarDestroyed, "销毁日期", CarDestroyWay, "销毁方式")
	case CarrierLost:
		requireFields(fe, r, s+"的载体", CarLost, "发现下落不明日期")
	}
	if n, err := strconv.ParseFloat(r.Get(CarCopies), 64); err == nil && (n < 1 || n != float64(int(n))) {
		fe[CarCopies] = "份数应为正整数"
	}
	notBefore(fe, r, CarDate, CarCopyApproved, "登记日期不能早于复制审批日期")
	notBefore(fe, r, CarOutDate, CarDate, "清退/移交日期不能早于登记日期")
	notBefore(fe, r, CarDestroyed, CarDate, "销毁日期不能早于登记日期")
	notBefore(fe, r, CarLost, CarDate, "发现下落不明日期不能早于登记日期")
	return fe
}

// warnCarrier names the breaches a record shows: a copy made without
// approval (保守国家秘密法实施条例 2024 第二十七条, as issue 13 cites it for the
// 载体 ledger: 复制涉密载体应当经审批并登记; 保守国家秘密法 2010年文本第二十一条
// for 绝密: 未经批准不得复制), and a destruction without an approver, without
// a 监销人, or approved and witnessed by one person (实施条例 第二十八条 as
// issue 13 cites it: 销毁经审批，自行销毁或送销毁工作机构均应有人监销; that the
// two must be different people is 实践做法, as an approver witnessing
// himself checks nothing).
func warnCarrier(r *Record, _ Env) []string {
	var ws []string
	if r.Get(CarSource) == CarrierCopied && (r.Get(CarCopyApprover) == "" || r.Get(CarCopyApproved) == "") {
		ws = append(ws, warnCopyUnapproved)
	}
	if r.Get(CarStatus) == CarrierDestroyed {
		approver, witness := r.Get(CarDestroyApprove), r.Get(CarWitness)
		switch {
		case approver == "":
			ws = append(ws, warnDestroyUnapproved)
		case witness != "" && approver == witness:
			ws = append(ws, warnDestroySamePerson)
		}
		if witness == "" {
			ws = append(ws, warnDestroyNoWitness)
		}
	}
	return ws
}

// lostLimit is the number of days after which a carrier 下落不明 is treated
// as a 泄露 of state secrets: 绝密 10 days, 机密 and 秘密 60 days from the day
// it was found missing (国家保密局《泄密案件查处办法》, article not checked
// here: 涉密载体下落不明的，自发现之日起绝密级10日内、机密级和秘密级60日内
// 查无下落的，应当按照泄露国家秘密处理), both settings.
func lostLimit(env Env, level string) int {
	if level == "绝密" {
		return env.Limit(carrierLostTop)
	}
	return env.Limit(carrierLost)
}

// loanMark is the mark of one 借阅 not returned whose 应还日期 is within
// the reminder window or past (实践做法: 借阅涉密载体按期归还). Its SubReg is
// left to the carrier's Derive: the 借阅 row's own mark is about itself.
func loanMark(c dueCheck, l *Record) (Mark, bool) {
	if l.Get(LoanReturned) != "" {
		return Mark{}, false
	}
	due, ok := c.within(l.Get(LoanDue))
	if !ok {
		return Mark{}, false
	}
	who := l.Get(LoanBorrower)
	if due.Before(c.today) {
		return Mark{What: "借阅逾期未还（" + who + "，应于" + FormatDate(due) + "归还）", Date: due, Sub: l}, true
	}
	return Mark{What: "借阅应于" + FormatDate(due) + "归还（" + who + "）", Date: due, Sub: l}, true
}

// carrierMarks computes every rule of one carrier once, for its 提示 and
// for 首页: the recorded breaches (standing facts), its 借阅 due or overdue
// (naming the 借阅, so 首页 opens it), 下落不明 counted against the 泄露
// limit (always on 首页, with the offer to open a 违规案件), and a 保密期限
// reached or reaching within the window while the carrier is still held
// (解密审核: 保守国家秘密法, 2010年文本第十九条: 机关、单位应当定期审核所确定的
// 国家秘密; 保密期限已满的，自行解密).
//
// Once a 违规案件 names the carrier (the one 首页 offers does, in its
// 简要情况), the carrier is no longer a reminder of its own: the case has
// its own limits on 首页; the mark says the case is registered.
func carrierMarks(c dueCheck, env Env, r *Record, loans, lostCases []*Record) markSet {
	var m markSet
	for _, w := range warnCarrier(r, env) {
		m.add(w + "（已确认记录在案）")
	}
	for _, l := range loans {
		if mk, ok := loanMark(c, l); ok {
			mk.SubReg = Loans
			m = append(m, mk)
		}
	}
	switch r.Get(CarStatus) {
	case CarrierLost:
		if cs := caseOfCarrier(r, lostCases); cs != nil {
			m.add("下落不明，已登记违规案件（" + cs.Get(CaseStatus) + "）")
		} else if lost := StoredDate(r.Get(CarLost)); !lost.IsZero() {
			limit := lostLimit(env, r.Get(CarLevel))
			days := DaysBetween(lost, c.today)
			at := lost.AddDate(0, 0, limit)
			what := "下落不明已" + strconv.Itoa(days) + "天，" + r.Get(CarLevel) + "载体满" + strconv.Itoa(limit) + "天查无下落按泄露国家秘密处理"
			if days >= limit {
				what = "下落不明已" + strconv.Itoa(days) + "天（超过" + strconv.Itoa(limit) + "天），应按泄露国家秘密处理"
			}
			m = append(m, Mark{What: what, Date: at, Action: ActionOpenCase})
		}
	case CarrierHeld, CarrierLent:
		if term, ok := c.within(r.Get(CarTerm)); ok {
			what := "保密期限" + FormatDate(term) + "届满，应进行解密审核"
			if term.Before(c.today) {
				what = "保密期限已于" + FormatDate(term) + "届满，应进行解密审核"
			}
			m.due(term, what)
		}
	}
	return m
}

// deriveCarriers names the 保管人, sums up the approvals and the disposal in
// one column, and marks each carrier. It reads only stored fields of the
// persons and the 违规案件 (their 姓名; 事件类型, 简要情况, 状态): DueItems
// runs it after their own Derive, which writes their computed ones.
func deriveCarriers(recs []*Record, rel Snapshot, env Env) {
	c := newDueCheck(env)
	names := personNames(rel.People(), len(recs))
	// Only a loan not returned and due within the window makes a mark:
	// group those alone, not the whole 借阅 register, for a large file.
	var open []*Record
	for _, l := range rel[Loans] {
		if l.Get(LoanReturned) == "" {
			if _, ok := c.within(l.Get(LoanDue)); ok {
				open = append(open, l)
			}
		}
	}
	loans := ByOwner(open)
	cases := lostCarrierCases(rel[Cases])
	for _, r := range recs {
		r.Set(CarKeeperName, attendeeNames(r.Get(CarKeeper), names))
		carrierMarks(c, env, r, loans[r.ID], cases).set(r)
	}
}

// carrierName names a carrier on 首页: its title and 文号 or 份号.
func carrierName(r *Record) string {
	name := r.Get(CarTitle)
	if n := r.Get(CarNumber); n != "" {
		name += "（" + n + "）"
	}
	if s := r.Get(CarSerial); s != "" {
		name += "第" + s + "份"
	}
	return name
}

// NewCaseForCarrier prefills a 违规案件 for a carrier 下落不明: 单位报告, found
// the day it was found missing, its 密级, 涉密载体丢失, and a summary a clerk
// completes before saving.
func NewCaseForCarrier(carrier *Record, today time.Time) *Record {
	c := NewRecord()
	c.Set(CaseSource, "单位报告")
	found := carrier.Get(CarLost)
	if found == "" {
		found = FormatDate(today)
	}
	c.Set(CaseFound, found)
	c.Set(CaseDept, carrier.Get(CarDept))
	c.Set(CaseLevel, carrier.Get(CarLevel))
	c.Set(CaseType, "涉密载体丢失")
	summary := carrier.Get(CarLevel) + "级" + carrier.Get(CarType) + carrierCaseKey(carrier) + "于" + found + "发现下落不明，经查找仍无下落。"
	c.Set(CaseSummary, summary)
	c.Set(CaseStatus, CaseInquiry)
	return c
}

// carrierStats: what the year brought in — 收文, 制作, 复制 by 登记日期 —
// and what it destroyed — by 销毁日期 and 销毁方式 —, by 密级 (all time for
// year 0), in two tables so that no total adds what came to what went; and
// the carriers held now (在管 and 借出) by 责任部门 and 密级.
func carrierStats(carriers []*Record, _ Snapshot, env Env, year int) []StatTable {
	flow := newCrossTab(statTitle("涉密载体登记", year, "", "按密级、来源"), "密级", SecretLevels, CarrierSources)
	destroyed := newCrossTab(statTitle("涉密载体销毁", year, "", "按密级、销毁方式"), "密级", SecretLevels, CarrierDestroyWays)
	var depts []string
	if env.Settings != nil {
		depts = env.Settings.Departments
	}
	held := newCrossTab("涉密载体在管情况（在管和借出，按责任部门、密级）", "责任部门", depts, SecretLevels)
	for _, r := range carriers {
		lvl := r.Get(CarLevel)
		if inYear(r.Get(CarDate), year) {
			flow.add(lvl, r.Get(CarSource), 1)
		}
		switch r.Get(CarStatus) {
		case CarrierDestroyed:
			if inYear(r.Get(CarDestroyed), year) {
				destroyed.add(lvl, r.Get(CarDestroyWay), 1)
			}
		case CarrierHeld, CarrierLent:
			held.add(r.Get(CarDept), lvl, 1)
		}
	}
	return []StatTable{flow.table(), destroyed.table(), held.table()}
}

// carrierCaseKey is how a 违规案件 names a carrier in its 简要情况:
// 《标题》（文号）第份号份.
func carrierCaseKey(r *Record) string {
	key := "《" + r.Get(CarTitle) + "》"
	if n := r.Get(CarNumber); n != "" {
		key += "（" + n + "）"
	}
	if s := r.Get(CarSerial); s != "" {
		key += "第" + s + "份"
	}
	return key
}

// lostCarrierCases are the 违规案件 of type 涉密载体丢失: the only ones that
// can name a carrier 下落不明.
func lostCarrierCases(cases []*Record) []*Record {
	var out []*Record
	for _, cs := range cases {
		if cs.Get(CaseType) == "涉密载体丢失" {
			out = append(out, cs)
		}
	}
	return out
}

// caseOfCarrier finds the case among cases whose 简要情况 names the carrier.
func caseOfCarrier(r *Record, cases []*Record) *Record {
	if len(cases) == 0 {
		return nil
	}
	key := carrierCaseKey(r)
	for _, cs := range cases {
		if strings.Contains(cs.Get(CaseSummary), key) {
			return cs
		}
	}
	return nil
}

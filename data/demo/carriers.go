package demo

import (
	"fmt"
	"time"

	"baomi/taizhang/data"
)

// Carriers makes a carrier for every two persons (an ordinary 局 receives,
// makes and copies many), with their 借阅.
func (g *gen) Carriers() maker {
	return maker{per: 2, make: g.carrier}
}

// demoIssuers are the offices whose classified documents an ordinary 局
// receives, with the prefix of their 文号.
var demoIssuers = []struct{ name, prefix string }{
	{"市委办公室", "市委办发"}, {"市政府办公室", "市政办发"}, {"市委保密委员会", "市保委"},
	{"市国家保密局", "市保发"}, {"省国家保密局", "省保发"}, {"市公安局", "市公发"},
	{"市发展和改革委员会", "市发改"}, {"市委组织部", "市组通"}, {"省委办公厅", "省委办发"},
}

// demoDocSubjects are the subjects of classified documents; a %d takes a year.
var demoDocSubjects = []string{
	"关于%d年重大活动安全保卫工作的方案", "%d年度重点项目前期论证材料", "关于做好%d年防汛抢险应急处置工作的预案",
	"%d年市委常委会会议纪要（节选）", "关于%d年度目标责任考核有关情况的通报", "%d年应急物资储备布局调整方案",
	"关于%d年重点工程选址的请示", "%d年重大突发事件应急预案（修订稿）", "%d年度专项审计工作方案",
	"关于%d年涉密人员保密审查有关情况的报告", "%d年城市地下管网普查成果汇编", "关于%d年重点企业改制工作的意见",
}

// demoMedia names what is on a disc or a drive.
var demoMedia = []string{"测绘成果数据", "会议录音录像", "项目评审材料电子版", "统计汇总数据", "应急预案电子文档", "工程设计图纸"}

// data.Carrier scenarios: each but carNormal makes one rule fire (or, for
// carReturned and carDestroyed, shows a carrier that has left properly).
const (
	carNormal          = iota
	carCopyUnapproved  // 复制 without approval, recorded
	carDestroyNoWit    // 销毁 without 监销人, recorded
	carDestroySame     // 审批人 witnessed himself, recorded
	carLoanOverdue     // 借出, the loan past 应还日期
	carLoanSoon        // 借出, the loan due within the window
	carLostCounting    // 绝密 下落不明, still within 10 days
	carLostOver        // 机密 下落不明 for longer than 60 days
	carTermReached     // 保密期限 reached, still 在管
	carReturned        // 已清退 to the issuer
	carDestroyed       // 已销毁 properly
	carTransferred     // 已移交 to the archive
	carCopiedApproved  // 复制 with approval
	carTermSoon        // 保密期限 within the window
	carLoanReturnedOld // 在管 with old loans returned
)

func (g *gen) carrier(i int) (*data.Record, data.Snapshot) {
	T := g.today
	sc := g.scenario(i,
		[]int{carCopyUnapproved, carDestroyNoWit, carDestroySame, carLoanOverdue, carLoanSoon, carLostCounting, carLostOver, carTermReached, carReturned, carDestroyed, carTransferred, carCopiedApproved, carTermSoon},
		[]int{carNormal, carLoanReturnedOld, carReturned, carDestroyed, carTransferred, carCopiedApproved, carLoanOverdue, carLoanSoon, carTermReached, carTermSoon, carCopyUnapproved, carLostOver},
		420, 120, 90, 160, 40, 60, 12, 20, 8, 10, 2, 1)
	level := data.SecretLevels[g.weighted(3, 32, 65)]
	switch sc {
	case carLostCounting:
		level = "绝密"
	case carLostOver:
		level = "机密"
	}
	registered := g.day(T.AddDate(-4, 0, 0), demoDays(T, -1))
	switch sc {
	case carLostCounting, carLoanSoon, carLoanOverdue:
		registered = g.day(T.AddDate(-1, 0, 0), demoDays(T, -40))
	case carTermReached, carTermSoon:
		registered = g.day(T.AddDate(-4, 0, 0), T.AddDate(-2, 0, 0))
	}

	r := data.NewRecord()
	typ := [...]string{"纸质文件", "光盘", "U盘", "移动硬盘", "其他"}[g.weighted(82, 9, 4, 3, 2)]
	source := [...]string{data.CarrierReceived, data.CarrierMade, data.CarrierCopied}[g.weighted(70, 22, 8)]
	switch sc {
	case carCopyUnapproved, carCopiedApproved:
		source = data.CarrierCopied
	}
	if source == data.CarrierReceived && (typ == "其他" || (typ != "纸质文件" && g.chance(0.5))) {
		source = data.CarrierMade
	}
	year := registered.Year()
	title := fmt.Sprintf(g.pick(demoDocSubjects), year)
	if typ != "纸质文件" {
		title = fmt.Sprintf("%d年%s", year, g.pick(demoMedia))
		if typ == "其他" {
			title = fmt.Sprintf("%d年%s录音（录音笔）", year, g.pick([]string{"专题会议", "党组会议", "保密委员会会议"}))
		}
	}
	r.Set(data.CarTitle, title)
	r.Set(data.CarType, typ)
	r.Set(data.CarSource, source)
	r.Set(data.CarLevel, level)
	keeper := g.demoKeeper()
	dept := keeper.dept
	switch source {
	case data.CarrierReceived:
		iss := demoIssuers[g.rng.IntN(len(demoIssuers))]
		r.Set(data.CarFrom, iss.name)
		r.Set(data.CarNumber, fmt.Sprintf("%s〔%d〕%d号", iss.prefix, year, g.between(1, 180)))
	case data.CarrierMade:
		r.Set(data.CarFrom, dept)
		if typ == "纸质文件" {
			r.Set(data.CarNumber, fmt.Sprintf("%s〔%d〕%d号", demoDeptPrefix(dept), year, g.between(1, 90)))
		}
	case data.CarrierCopied:
		r.Set(data.CarFrom, dept+"（复制）")
		iss := demoIssuers[g.rng.IntN(len(demoIssuers))]
		r.Set(data.CarNumber, fmt.Sprintf("%s〔%d〕%d号", iss.prefix, year, g.between(1, 180)))
		if sc != carCopyUnapproved {
			r.Set(data.CarCopyApprover, g.pick(g.leaders))
			r.Set(data.CarCopyApproved, data.FormatDate(demoDays(registered, -g.between(0, 2))))
		} else {
			r.Set(data.KeyAck, "已确认记录在案 "+data.FormatDate(demoDays(registered, 3)))
			r.Set("note", "经办人未履行审批手续擅自复制，已责令作出书面检查")
		}
	}
	copies := 1
	if typ == "纸质文件" && g.chance(0.3) {
		copies = g.between(2, 5)
	}
	r.Set(data.CarCopies, fmt.Sprint(copies))
	if typ == "纸质文件" {
		first := g.between(1, 60)
		if copies == 1 {
			r.Set(data.CarSerial, fmt.Sprintf("%03d", first))
		} else {
			r.Set(data.CarSerial, fmt.Sprintf("%03d-%03d", first, first+copies-1))
		}
	}
	years := map[string]int{"绝密": 30, "机密": 20, "秘密": 10}[level]
	if g.chance(0.35) {
		years = g.between(1, 5) // a short term set when the secret was fixed
	}
	term := data.AddYears(registered, years)
	switch sc {
	case carTermReached:
		term = demoDays(T, -g.between(1, 120))
	case carTermSoon:
		term = demoDays(T, g.between(1, g.window()))
	default:
		if !term.After(T.AddDate(0, 0, g.window())) {
			term = data.AddYears(registered, 10) // a carrier held and reviewed long ago
		}
	}
	r.Set(data.CarTerm, data.FormatDate(term))
	r.Set(data.CarDate, data.FormatDate(registered))
	r.Set(data.CarDept, dept)
	if keeper.id != 0 {
		r.Set(data.CarKeeper, fmt.Sprint(keeper.id))
	}

	status := data.CarrierHeld
	left := g.day(demoDays(registered, 30), demoDays(T, -1))
	var loans []*data.Record
	switch sc {
	case carLoanOverdue, carLoanSoon:
		status = data.CarrierLent
		out := g.day(demoLater(demoDays(registered, 1), demoDays(T, -60)), demoDays(T, -20))
		due := demoDays(out, g.between(5, 19)) // before today
		if sc == carLoanSoon {
			due = demoDays(T, g.between(0, 10))
		}
		loans = append(loans, g.loan(out, due, time.Time{}))
	case carNormal, carLoanReturnedOld, carTermReached, carTermSoon, carCopiedApproved:
		n := 0
		if data.DaysBetween(registered, T) > 20 { // none for a carrier just registered
			n = g.weighted(50, 30, 15, 5)
		}
		for range n {
			out := g.day(demoDays(registered, 1), demoDays(T, -15))
			due := demoDays(out, g.between(3, 14))
			back := demoEarlier(demoDays(out, g.between(1, data.DaysBetween(out, due))), demoDays(T, -1))
			loans = append(loans, g.loan(out, due, back))
		}
	case carReturned:
		status = data.CarrierReturned
		r.Set(data.CarOutDate, data.FormatDate(left))
		recv := r.Get(data.CarFrom)
		if source != data.CarrierReceived {
			recv = "市委办公室机要室"
		}
		r.Set(data.CarReceiver, recv)
	case carTransferred:
		status = data.CarrierTransferred
		r.Set(data.CarOutDate, data.FormatDate(left))
		r.Set(data.CarReceiver, g.pick([]string{"本局综合档案室", "市档案馆"}))
	case carDestroyed, carDestroyNoWit, carDestroySame:
		status = data.CarrierDestroyed
		r.Set(data.CarDestroyed, data.FormatDate(left))
		way := [...]string{"送销毁工作机构", "自行销毁"}[g.weighted(75, 25)]
		if typ == "纸质文件" && way == "自行销毁" {
			r.Set("note", "使用符合保密标准的碎纸机销毁")
		}
		r.Set(data.CarDestroyWay, way)
		approver := g.pick(g.leaders)
		r.Set(data.CarDestroyApprove, approver)
		switch sc {
		case carDestroyed:
			r.Set(data.CarWitness, g.demoWitness(approver))
		case carDestroySame:
			r.Set(data.CarWitness, approver)
			r.Set(data.KeyAck, "已确认记录在案 "+data.FormatDate(demoDays(left, 2)))
			r.Set("note", "监销人由审批人兼任，不符合双人监销要求，已在自查中指出")
		case carDestroyNoWit:
			r.Set(data.KeyAck, "已确认记录在案 "+data.FormatDate(demoDays(left, 2)))
			r.Set("note", "销毁时未安排监销人，已责令整改")
		}
	case carLostCounting, carLostOver:
		status = data.CarrierLost
		lost := demoDays(T, -g.between(2, 8))
		if sc == carLostOver {
			lost = demoDays(T, -g.between(70, 200))
		}
		r.Set(data.CarLost, data.FormatDate(demoLater(lost, demoDays(registered, 1))))
		r.Set("note", "清查时发现缺失，已组织查找并向保密办报告")
	}
	r.Set(data.CarStatus, status)
	return r, data.Snapshot{data.Loans: loans}
}

// loan is one 借阅; back zero when not returned.
func (g *gen) loan(out, due, back time.Time) *data.Record {
	l := data.NewRecord()
	name := g.name(g.chance(0.6))
	if len(g.inPost) > 0 {
		name = g.staff[g.inPost[g.rng.IntN(len(g.inPost))]].name
	}
	l.Set(data.LoanBorrower, name)
	l.Set(data.LoanOut, data.FormatDate(out))
	l.Set(data.LoanDue, data.FormatDate(due))
	if !back.IsZero() {
		l.Set(data.LoanReturned, data.FormatDate(back))
	}
	if g.chance(0.2) {
		l.Set("note", g.pick([]string{"阅办公务", "起草汇报材料", "会议使用", "核对数据"}))
	}
	return l
}

// demoKeeper picks a person in post to keep a carrier (or be responsible
// for a device); without staff, a 保密办 clerk without a record.
func (g *gen) demoKeeper() demoStaff {
	if len(g.inPost) == 0 {
		return demoStaff{dept: g.pick(g.st.Departments)}
	}
	return g.staff[g.inPost[g.rng.IntN(len(g.inPost))]]
}

// demoWitness picks a 监销人 other than the approver.
func (g *gen) demoWitness(approver string) string {
	for {
		w := g.name(g.chance(0.6))
		if len(g.inPost) > 0 {
			w = g.staff[g.inPost[g.rng.IntN(len(g.inPost))]].name
		}
		if w != approver {
			return w
		}
	}
}

// demoDeptPrefix is the 文号 prefix of a document a 部门 makes.
func demoDeptPrefix(dept string) string {
	switch dept {
	case "办公室":
		return "局办"
	case "业务一处":
		return "局业一"
	case "业务二处":
		return "局业二"
	}
	return "局" + string([]rune(dept)[:1])
}

package demo

import (
	"time"

	"baomi/taizhang/data"
)

// Personnel makes the persons, one per person asked for, each with its
// 因私出入境证件 and 出国(境)审批; the other registers draw their 当事人 and
// 参加人员 from them once saved.
func (g *gen) Personnel() maker {
	return maker{per: 1, make: func(int) (*data.Record, data.Snapshot) {
		p := g.person()
		docs := g.passports(p)
		return p.rec, data.Snapshot{data.Passports: docs, data.Trips: g.trips(p, docs)}
	}, saved: g.hire}
}

// hire keeps the persons saved for the other registers.
func (g *gen) hire(recs []*data.Record) {
	for _, r := range recs {
		if r.Get(data.PsnStatus) == data.StatusInPost {
			g.inPost = append(g.inPost, len(g.staff))
		}
		g.staff = append(g.staff, demoStaff{id: r.ID, name: r.Get(data.PsnName), dept: r.Get(data.PsnDept)})
	}
}

// demoPerson is what the sub-records of a person need to know about it.
type demoPerson struct {
	rec       *data.Record
	status    string
	birth     time.Time
	confirmed time.Time
	pledge    time.Time
}

var (
	// 领导职务 and 职级 since the 2019 reform (公务员职务与职级并行): no
	// more 主任科员, 副主任科员, 科员 or 办事员; technical titles in the
	// 信息中心 only.
	demoSeniorTitles = []string{"处长", "副处长", "副处长", "一级调研员", "二级调研员", "三级调研员", "四级调研员", "四级调研员"}
	demoJuniorTitles = []string{"一级主任科员", "二级主任科员", "三级主任科员", "四级主任科员", "四级主任科员", "一级科员", "一级科员", "二级科员"}
	demoTechTitles   = [2][]string{{"高级工程师"}, {"工程师", "工程师", "助理工程师"}}
	demoPosts        = map[string][]string{
		"核心": {"要害部门负责人", "机要员", "密码管理员", "安全保密管理员", "系统管理员", "涉密项目负责人", "机要室负责人", "定密责任人"},
		"重要": {"保密员", "网络管理员", "安全审计员", "档案管理员", "涉密载体管理员", "涉密计算机管理员", "机要通信员", "涉密项目技术负责人", "要害部门工作人员"},
		"一般": {"文书", "档案管理员", "涉密文件收发员", "综合文秘", "统计员", "涉密载体管理员", "打字复印员", "会议服务人员", "涉密项目参与人员"},
	}
	demoEthnic     = []string{"回族", "满族", "蒙古族", "壮族", "朝鲜族", "土家族", "苗族", "藏族", "维吾尔族", "彝族"}
	demoTransferTo = []string{"市发展改革委", "市财政局", "市科技局", "区政府办公室", "省委办公厅", "市档案馆", "市统计局", "市工业和信息化局"}
)

// demo statuses: 离岗脱密期 comes twice, once still running and once with
// 脱密期止 already past (due to become 已脱密).
const (
	dsInPost = iota
	dsDeclass
	dsDeclassOverdue
	dsDeclassed
	dsTransferred
	dsRetired
)

func (g *gen) person() demoPerson {
	T := g.today
	male := g.chance(0.58)
	level := data.Levels[g.weighted(10, 30, 60)]
	declassMonths := g.st.Declass[level]
	reviewYears := g.st.Review[level]
	if reviewYears <= 0 {
		reviewYears = 5
	}
	ds := g.weighted(76, 7, 3, 6, 5, 3)

	// The day the person left the post (anchor) and the birth day, so that
	// the career fits between them.
	var birth, leave time.Time
	anchor := T
	switch ds {
	case dsDeclass:
		last := T.AddDate(0, 0, -1) // with a 0-year 脱密期 it ends on the day of leaving
		leave = g.day(demoEarlier(T.AddDate(0, -declassMonths, 1), last), last)
	case dsDeclassOverdue:
		end := T.AddDate(0, -declassMonths, -1)
		leave = g.day(end.AddDate(0, 0, -200), end)
	case dsDeclassed:
		end := T.AddDate(0, -declassMonths, -1)
		leave = g.day(end.AddDate(-8, 0, 0), end)
	case dsTransferred:
		leave = g.day(T.AddDate(-8, 0, 0), T.AddDate(0, 0, -1))
	case dsRetired:
		age := 60
		if !male {
			age = 55
		}
		lo := demoLater(demoDate(1960, 1, 1), T.AddDate(-8-age, 0, 0))
		hi := demoEarlier(demoDate(2000, 12, 31), T.AddDate(-age, 0, -31))
		if hi.Before(lo) {
			ds = dsInPost
			break
		}
		birth = g.day(lo, hi)
		leave = birth.AddDate(age, 0, g.between(1, 30))
	}
	if ds != dsInPost {
		anchor = leave
	}
	if birth.IsZero() {
		lo := demoDate(1960, 1, 1)
		if ds == dsInPost {
			lo = demoLater(lo, T.AddDate(-59, 0, 0))
		}
		hi := demoEarlier(demoDate(2000, 12, 31), anchor.AddDate(-24, 0, 0))
		if hi.Before(lo) {
			ds, anchor = dsInPost, T
			hi = demoEarlier(demoDate(2000, 12, 31), T.AddDate(-23, 0, 0))
			lo = demoEarlier(demoDate(1960, 1, 1), hi)
		}
		birth = g.day(lo, hi)
	}

	// Career: 上岗保密审查 ≤ 确定涉密时间 ≤ 保密承诺书 ≤ 最近复审 ≤ anchor.
	hi := anchor.AddDate(0, 0, -120)
	lo := birth.AddDate(22, 0, 0)
	if l := demoDate(1998, 1, 1); !l.After(hi) {
		lo = demoLater(lo, l)
	}
	confirmed := g.day(lo, hi)
	vetted := confirmed.AddDate(0, 0, -g.between(10, 60))
	pledge := confirmed.AddDate(0, 0, g.between(0, 7))
	var reviewed time.Time
	if ds == dsInPost {
		dueFrom := T.AddDate(-reviewYears, 0, 0) // reviewed before this: overdue
		switch {
		case g.chance(0.05) && pledge.Before(dueFrom.AddDate(0, 0, -30)):
			// a 复审 a few weeks or months late: an office catches up
			reviewed = g.day(demoLater(pledge.AddDate(0, 0, 30), dueFrom.AddDate(0, 0, -150)), dueFrom.AddDate(0, 0, -1))
		case pledge.After(dueFrom):
			if g.chance(0.4) && pledge.AddDate(0, 0, 30).Before(T) {
				reviewed = g.day(pledge.AddDate(0, 0, 30), T)
			}
		default:
			reviewed = g.day(dueFrom.AddDate(0, 0, 1), T)
		}
	} else if from := demoLater(pledge.AddDate(0, 0, 30), anchor.AddDate(-reviewYears, 0, 0)); from.Before(anchor) {
		reviewed = g.day(from, anchor.AddDate(0, 0, -1))
	}

	r := data.NewRecord()
	r.Set(data.PsnName, g.name(male))
	r.Set(data.PsnIDNo, g.idCard(birth, male))
	if male {
		r.Set(data.PsnGender, "男")
	} else {
		r.Set(data.PsnGender, "女")
	}
	r.Set(data.PsnBirth, data.FormatDate(birth))
	dept := g.dept()
	r.Set(data.PsnDept, dept)
	senior := g.chance([...]float64{0.6, 0.3, 0.1}[g.levelIndex(level)]) && T.Sub(birth) > 38*365*24*time.Hour
	switch {
	case dept == "信息中心" && g.chance(0.5) && senior:
		r.Set("title", g.pick(demoTechTitles[0]))
	case dept == "信息中心" && g.chance(0.5):
		r.Set("title", g.pick(demoTechTitles[1]))
	case senior:
		r.Set("title", g.pick(demoSeniorTitles))
	default:
		r.Set("title", g.pick(demoJuniorTitles))
	}
	r.Set("post", g.pick(demoPosts[level]))
	r.Set(data.PsnLevel, level)
	r.Set("confirmed", data.FormatDate(confirmed))
	r.Set("vetted", data.FormatDate(vetted))
	r.Set("pledge", data.FormatDate(pledge))
	if ds == dsInPost {
		// Now and then a step of 上岗 (实施条例第五十条) is not on file.
		switch x := g.rng.Float64(); {
		case x < 0.02:
			r.Set("vetted", "")
		case x < 0.04:
			r.Set("pledge", "")
		}
	}
	r.Set(data.PsnReviewed, data.FormatDate(reviewed))

	unit := "本单位保密办"
	if g.st.Unit != "" {
		unit = g.st.Unit + "保密办"
	}
	status := data.StatusInPost
	switch ds {
	case dsInPost:
		r.Set(data.PsnStatus, data.StatusInPost)
		if g.chance(0.03) {
			r.Set("note", "兼任部门保密员")
		}
	case dsDeclass, dsDeclassOverdue:
		data.Leave(r, leave, data.LeaveReasons[g.weighted(40, 5, 15, 3, 30, 7)], &g.st)
		status = data.StatusDeclass
		r.Set("declass_unit", unit)
		g.leaveSteps(r, leave, 0.15)
	case dsDeclassed:
		data.Leave(r, leave, data.LeaveReasons[g.weighted(40, 5, 15, 3, 30, 7)], &g.st)
		status = data.StatusDeclassed
		r.Set(data.PsnStatus, data.StatusDeclassed)
		r.Set("declass_unit", unit)
		g.leaveSteps(r, leave, 0)
		r.Set("note", "脱密期满，已解除脱密期管理")
	case dsTransferred, dsRetired:
		// 调离 and 退休 go through 离岗 and its 脱密期 like any other
		// leaving; the 脱密期 of those who left long ago has ended.
		reason := "调离"
		if ds == dsRetired {
			reason = "退休"
		}
		data.Leave(r, leave, reason, &g.st)
		status = data.StatusDeclass
		if r.Get(data.PsnDeclassTo) < data.FormatDate(T) {
			status = data.StatusDeclassed
			r.Set(data.PsnStatus, status)
		}
		r.Set("declass_unit", unit)
		g.leaveSteps(r, leave, 0.05)
		if ds == dsRetired {
			r.Set("note", "已办理退休手续")
		} else {
			r.Set("note", "调往"+g.pick(demoTransferTo))
		}
	}

	if g.chance(0.92) {
		r.Set("ethnic", "汉族")
	} else {
		r.Set("ethnic", g.pick(demoEthnic))
	}
	party := [...]string{"中共党员", "中共预备党员", "群众", "民主党派"}[g.weighted(62, 3, 30, 5)]
	if party == "群众" && T.Sub(birth) < 28*365*24*time.Hour {
		party = "共青团员"
	}
	r.Set("party", party)
	r.Set("phone", g.phone())
	r.Set("education", [...]string{"研究生", "大学本科", "大学专科", "高中及以下"}[g.weighted(25, 55, 15, 5)])
	return demoPerson{rec: r, status: status, birth: birth, confirmed: confirmed, pledge: pledge}
}

func (g *gen) levelIndex(level string) int {
	for i, l := range data.Levels {
		if l == level {
			return i
		}
	}
	return len(data.Levels) - 1
}

var demoDocTypes = []string{"护照", "往来港澳通行证", "往来台湾通行证"}

func (g *gen) docNumber(typ string) string {
	for {
		var n string
		switch typ {
		case "护照":
			if g.chance(0.5) {
				n = "E" + g.digits(8)
			} else {
				n = "E" + string("ABCDEFGH"[g.rng.IntN(8)]) + g.digits(7)
			}
		case "往来港澳通行证":
			n = "C" + g.digits(8)
		default:
			n = "L" + g.digits(8)
		}
		if !g.docs[n] {
			g.docs[n] = true
			return n
		}
	}
}

// passports gives about a third of the persons still under management one
// or two 证件, kept, lent (some overdue) or not handed in, some expiring.
func (g *gen) passports(p demoPerson) []*data.Record {
	if p.status != data.StatusInPost && p.status != data.StatusDeclass {
		return nil
	}
	if !g.chance(0.36) {
		return nil
	}
	T := g.today
	count := 1
	if g.chance(0.25) {
		count = 2
	}
	first := g.weighted(55, 35, 10)
	var out []*data.Record
	for i := range count {
		typ := demoDocTypes[(first+i)%len(demoDocTypes)]
		var issued time.Time
		switch g.weighted(88, 8, 4) {
		case 0: // valid for a while yet
			issued = g.day(demoLater(p.birth.AddDate(18, 0, 0), T.AddDate(-10, 0, 120)), T.AddDate(0, 0, -20))
		case 1: // expiring within about three months
			issued = T.AddDate(-10, 0, g.between(5, 85))
		default: // already expired
			issued = g.day(T.AddDate(-10, 0, -120), T.AddDate(-10, 0, -1)) // lately: it is handed back for 注销
		}
		expires := issued.AddDate(10, 0, -1)
		r := data.NewRecord()
		r.Set("type", typ)
		r.Set("number", g.docNumber(typ))
		r.Set("issued", data.FormatDate(issued))
		r.Set("expires", data.FormatDate(expires))
		lendFrom := demoLater(issued, T.AddDate(0, 0, -75))
		switch c := g.weighted(70, 15, 15); {
		case c == 1 && expires.After(T) && lendFrom.Before(T):
			lent := g.day(lendFrom, T.AddDate(0, 0, -1))
			due := lent.AddDate(0, 0, g.between(7, 30))
			r.Set("custody", "已借出")
			r.Set("lent", data.FormatDate(lent))
			r.Set("due", data.FormatDate(due))
			r.Set("note", "因私出境借用")
		case c == 2:
			r.Set("custody", "未上交")
			r.Set("note", g.pick([]string{"新办证件，催交中", "本人称在外地，约定返回后上交", "已报备，待上交"}))
		default:
			r.Set("custody", "集中保管")
			if last := demoEarlier(T.AddDate(0, 0, -40), expires.AddDate(0, 0, -30)); g.chance(0.3) && issued.Before(last) {
				lent := g.day(demoLater(issued, T.AddDate(-3, 0, 0)), last)
				due := lent.AddDate(0, 0, g.between(7, 30))
				back := due.AddDate(0, 0, g.between(-5, 6))
				back = demoEarlier(demoLater(back, lent), T)
				r.Set("lent", data.FormatDate(lent))
				r.Set("due", data.FormatDate(due))
				r.Set("returned", data.FormatDate(back))
			}
			if !expires.After(T) {
				r.Set("note", "证件已过期，待办理注销")
			}
		}
		out = append(out, r)
	}
	return out
}

var (
	// the destinations a 证件 allows: a 护照 abroad, the 通行证 to 港澳 or 台湾
	demoDestinations = map[string][]string{
		"护照":      {"日本", "日本", "韩国", "泰国", "泰国", "新加坡", "马来西亚", "越南", "印度尼西亚", "澳大利亚", "新西兰", "法国", "意大利", "德国", "英国", "美国", "加拿大", "俄罗斯", "阿联酋", "埃及"},
		"往来港澳通行证": {"香港", "香港", "澳门"},
		"往来台湾通行证": {"台湾"},
	}
	demoPurposes = []string{"旅游", "旅游", "探亲", "探望子女", "陪同家属旅游", "就医", "参加亲属婚礼", "休假旅游", "参加子女毕业典礼"}
)

// trips gives about one person in six one or two approved trips over the
// last three years, some still ahead.
func (g *gen) trips(p demoPerson, docs []*data.Record) []*data.Record {
	if p.status != data.StatusInPost && p.status != data.StatusDeclass {
		return nil
	}
	if len(docs) == 0 || !g.chance(0.5) {
		return nil // no trip without a 证件 for it
	}
	T := g.today
	count := 1
	if g.chance(0.3) {
		count = 2
	}
	lo := demoLater(p.pledge.AddDate(0, 0, 30), T.AddDate(-3, 0, 0))
	outs := make([]time.Time, count)
	for i := range outs {
		outs[i] = g.day(lo, T.AddDate(0, 0, 45))
	}
	if count == 2 && outs[1].Before(outs[0]) {
		outs[0], outs[1] = outs[1], outs[0]
	}
	var recs []*data.Record
	for _, out := range outs {
		back := out.AddDate(0, 0, g.between(3, 16))
		// the 证件 the trip is made with: valid for the whole trip
		var usable []*data.Record
		for _, d := range docs {
			if d.Get("issued") <= data.FormatDate(out) && data.FormatDate(back) <= d.Get("expires") {
				usable = append(usable, d)
			}
		}
		if len(usable) == 0 {
			continue
		}
		doc := usable[g.rng.IntN(len(usable))]
		approved := demoEarlier(out.AddDate(0, 0, -g.between(7, 45)), T)
		r := data.NewRecord()
		r.Set("out", data.FormatDate(out))
		r.Set("back", data.FormatDate(back))
		r.Set("destination", g.pick(demoDestinations[doc.Get("type")]))
		r.Set("purpose", g.pick(demoPurposes))
		r.Set("approved", data.FormatDate(approved))
		r.Set("approver", g.pick(g.leaders))
		r.Set(data.TripBriefed, data.FormatDate(demoEarlier(out.AddDate(0, 0, -g.between(1, 5)), T)))
		r.Set(data.TripPassport, doc.Get("number"))
		if report := back.AddDate(0, 0, g.between(1, 5)); !report.After(T) {
			r.Set(data.TripReported, data.FormatDate(report))
		}
		if back.Before(T) && g.chance(0.5) {
			r.Set("note", "已按期返回，"+doc.Get("type")+"已交回")
		}
		if !out.After(T) {
			g.tripDefect(r, out, back)
			g.lendFor(doc, approved, out, back)
		}
		recs = append(recs, r)
	}
	return recs
}

// lendFor records the 证件's loan for a trip begun (trips come in date
// order, so the last one's stays): lent a few days before leaving, due back
// a few days after returning, back in custody once returned. The first two
// are lapses, so both rules fire in a small file: never lent, due back
// before the return.
func (g *gen) lendFor(doc *data.Record, approved, out, back time.Time) {
	T := g.today
	lent := demoLater(approved, out.AddDate(0, 0, -g.between(1, 5)))
	due := back.AddDate(0, 0, g.between(3, 10))
	doc.Set("lent", data.FormatDate(lent))
	doc.Set("due", data.FormatDate(due))
	doc.Set("returned", "")
	doc.Set("custody", "已借出")
	if r := back.AddDate(0, 0, g.between(1, 5)); r.Before(T) {
		doc.Set("returned", data.FormatDate(r))
		doc.Set("custody", "集中保管")
	}
	switch g.loanDefects++; g.loanDefects {
	case 1:
		doc.Set("lent", "")
		doc.Set("due", "")
		doc.Set("returned", "")
		doc.Set("custody", "集中保管")
	case 2:
		doc.Set("due", data.FormatDate(demoDays(back, -2)))
		if doc.Get("returned") != "" {
			doc.Set("returned", data.FormatDate(demoDays(back, 1)))
		}
	}
}

// leaveSteps dates the 离岗 steps of 实施条例第五十三条 on or just after the
// 离岗日期; with the chance miss, one of them is not recorded.
func (g *gen) leaveSteps(r *data.Record, leave time.Time, miss float64) {
	skip := -1
	if g.chance(miss) {
		skip = g.rng.IntN(len(data.LeaveSteps))
	}
	for i, st := range data.LeaveSteps {
		if i != skip {
			r.Set(st.Key, data.FormatDate(demoEarlier(demoDays(leave, g.between(0, 3)), g.today)))
		}
	}
}

// tripDefect gives the first trips already begun each one lapse of 出国(境)
// management, so that every rule fires even in a small file, and a few
// later ones at random.
func (g *gen) tripDefect(r *data.Record, out, back time.Time) {
	n := g.tripDefects
	g.tripDefects++
	if n >= 6 {
		if !g.chance(0.05) {
			return
		}
		n = g.rng.IntN(6)
	}
	switch n {
	case 0:
		r.Set("approved", "")
		r.Set("approver", "")
	case 1:
		r.Set("approved", data.FormatDate(demoDays(out, 2)))
	case 2:
		r.Set(data.TripBriefed, "")
	case 3:
		r.Set(data.TripPassport, "E"+g.digits(8))
	case 4:
		if back.Before(g.today) {
			r.Set(data.TripReported, "")
			r.Set("back", data.FormatDate(demoLater(back, demoDays(g.today, -5))))
		}
	case 5:
		if back.AddDate(0, 0, 20).Before(g.today) {
			r.Set(data.TripReported, data.FormatDate(back.AddDate(0, 0, 20)))
		}
	}
}

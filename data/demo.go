package data

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// demoBatch is how many persons Demo writes per transaction; their
// sub-records follow in one transaction per sub-register.
const demoBatch = 5000

// Demo fills every built register of s with n realistic records (persons,
// plus their 因私出入境证件 and 出国(境)审批 sub-records), deterministic for a
// given seed, dates spread around s.Today() (s.Now is the injectable clock).
//
// Records are added to what the file already holds, through SaveAll, so each
// is validated and audited like one the clerk typed. progress, if not nil,
// is called after every batch with the persons written so far.
func Demo(s *Store, n int, seed int64, progress func(done, total int)) error {
	if n < 0 {
		return fmt.Errorf("演示数据条数不能为负数：%d", n)
	}
	st, err := s.Settings()
	if err != nil {
		return err
	}
	if len(st.Departments) == 0 {
		return errors.New("请先在设置中填写部门，再生成演示数据")
	}
	g := newDemoGen(seed, st, s.Today())
	for _, reg := range Registers() {
		switch reg {
		case Personnel:
			if err := g.personnel(s, n, progress); err != nil {
				return err
			}
		}
		// Registers without a generator yet are left empty.
	}
	return nil
}

// demoGen draws every value from one seeded PCG, in a fixed order, so a seed
// always gives the same file.
type demoGen struct {
	rng     *rand.Rand
	st      Settings
	today   time.Time
	ids     map[string]bool // 身份证号码 handed out
	docs    map[string]bool // 证件号码 handed out
	leaders []string        // 审批人
}

func newDemoGen(seed int64, st Settings, today time.Time) *demoGen {
	g := &demoGen{
		rng:   rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)),
		st:    st,
		today: Day(today),
		ids:   map[string]bool{},
		docs:  map[string]bool{},
	}
	for range 6 {
		g.leaders = append(g.leaders, g.name(g.chance(0.75)))
	}
	return g
}

// demoPerson is what the sub-records of a person need to know about it.
type demoPerson struct {
	rec       *Record
	status    string
	birth     time.Time
	confirmed time.Time
	pledge    time.Time
}

func (g *demoGen) personnel(s *Store, n int, progress func(done, total int)) error {
	if progress != nil {
		progress(0, n)
	}
	for done := 0; done < n; {
		size := min(demoBatch, n-done)
		people := make([]demoPerson, size)
		recs := make([]*Record, size)
		for i := range people {
			people[i] = g.person()
			recs[i] = people[i].rec
		}
		if err := s.SaveAll(Personnel, recs); err != nil {
			return fmt.Errorf("生成演示数据：%w", err)
		}
		var passports, trips []*Record
		for _, p := range people {
			passports = append(passports, g.passports(p)...)
			trips = append(trips, g.trips(p)...)
		}
		if len(passports) > 0 {
			if err := s.SaveAll(Passports, passports); err != nil {
				return fmt.Errorf("生成演示数据：%w", err)
			}
		}
		if len(trips) > 0 {
			if err := s.SaveAll(Trips, trips); err != nil {
				return fmt.Errorf("生成演示数据：%w", err)
			}
		}
		done += size
		if progress != nil {
			progress(done, n)
		}
	}
	return nil
}

// ---- random helpers ----

func (g *demoGen) chance(p float64) bool { return g.rng.Float64() < p }

func (g *demoGen) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

func (g *demoGen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// weighted picks an index by the weights.
func (g *demoGen) weighted(weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	x := g.rng.IntN(total)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// day returns a day in [lo, hi]; lo when the range is empty.
func (g *demoGen) day(lo, hi time.Time) time.Time {
	lo, hi = Day(lo), Day(hi)
	if !hi.After(lo) {
		return lo
	}
	days := int(hi.Sub(lo).Hours() / 24)
	return lo.AddDate(0, 0, g.rng.IntN(days+1))
}

func (g *demoGen) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.rng.IntN(10))
	}
	return string(b)
}

func demoDate(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func demoLater(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func demoEarlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// ---- names and numbers ----

// demoSurnames are the common surnames, most frequent first.
var demoSurnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")

var demoCompoundSurnames = []string{"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙"}

var (
	demoMaleChars    = []rune("伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳建国志文海峰亮东晨博瑞昊天振立成翔宏庆彬毅锋鸣胜杰永德荣启航睿哲轩骏")
	demoFemaleChars  = []rune("芳娜敏静丽艳娟霞秀英燕玲桂丹萍红玉兰琳婷雪慧颖洁倩晶莉佳琴云梅蕾薇月欣悦怡璐晓雯秋春妍茜蓉菲琪瑶岚露洋媛")
	demoNeutralChars = []rune("文晓海春建小志子思雨嘉一新明立永金秋晨安宏")
)

func (g *demoGen) name(male bool) string {
	var b strings.Builder
	if g.chance(0.006) {
		b.WriteString(g.pick(demoCompoundSurnames))
	} else {
		u := g.rng.Float64()
		b.WriteRune(demoSurnames[int(u*u*float64(len(demoSurnames)))])
	}
	chars := demoFemaleChars
	if male {
		chars = demoMaleChars
	}
	if g.chance(0.65) {
		if g.chance(0.3) {
			b.WriteRune(demoNeutralChars[g.rng.IntN(len(demoNeutralChars))])
		} else {
			b.WriteRune(chars[g.rng.IntN(len(chars))])
		}
	}
	b.WriteRune(chars[g.rng.IntN(len(chars))])
	return b.String()
}

// demoAreas are real 县级 area codes; the agency's own city, Beijing, comes
// first and is drawn more often.
var demoAreas = []string{
	"110101", "110102", "110105", "110106", "110108", "110114", // 北京
	"120101", "120104", "130102", "130203", "140105", "150102", "210102", "210202",
	"220102", "230103", "310101", "310104", "310115", "320102", "320506", "330106",
	"330204", "340104", "350102", "350203", "360102", "370102", "370202", "410105",
	"420106", "430104", "440104", "440305", "440106", "450103", "460105", "500103",
	"510107", "510104", "520102", "530102", "540102", "610113", "620102", "630102",
	"640104", "650102",
}

// idCard makes a unique valid 身份证号码 for the birth day and gender.
func (g *demoGen) idCard(birth time.Time, male bool) string {
	for {
		var area string
		if g.chance(0.45) {
			area = demoAreas[g.rng.IntN(6)]
		} else {
			area = g.pick(demoAreas)
		}
		seq := g.rng.IntN(500) * 2
		if male {
			seq++
		}
		first17 := fmt.Sprintf("%s%s%03d", area, birth.Format("20060102"), seq)
		id := first17 + string(IDCheckChar(first17))
		if !g.ids[id] {
			g.ids[id] = true
			return id
		}
	}
}

var demoMobile = []string{"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157", "158", "159", "166", "173", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "199"}

func (g *demoGen) phone() string {
	if g.chance(0.15) {
		return "010-" + strconv.Itoa(g.between(5, 8)) + g.digits(7)
	}
	return g.pick(demoMobile) + g.digits(8)
}

// ---- persons ----

var (
	demoSeniorTitles = []string{"处长", "副处长", "主任", "副主任", "高级工程师", "正高级工程师", "一级调研员", "二级调研员", "三级调研员", "研究员"}
	demoJuniorTitles = []string{"科员", "一级科员", "副主任科员", "主任科员", "一级主任科员", "二级主任科员", "三级主任科员", "四级主任科员", "工程师", "助理工程师", "办事员"}
	demoPosts        = map[string][]string{
		"核心": {"保密工作负责人", "机要员", "密码管理员", "安全保密管理员", "系统管理员", "涉密项目负责人", "机要室负责人", "定密责任人"},
		"重要": {"保密员", "网络管理员", "安全审计员", "档案管理员", "涉密载体管理员", "涉密计算机管理员", "机要通信员", "涉密项目技术负责人", "要害部门工作人员"},
		"一般": {"文书", "档案管理员", "涉密文件收发员", "综合文秘", "统计员", "涉密载体管理员", "打字复印员", "会议服务人员", "科研辅助人员", "涉密项目参与人员"},
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

func (g *demoGen) person() demoPerson {
	T := g.today
	male := g.chance(0.58)
	level := Levels[g.weighted(10, 30, 60)]
	declassYears := g.st.Declass[level]
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
		leave = g.day(demoEarlier(T.AddDate(-declassYears, 0, 1), last), last)
	case dsDeclassOverdue:
		end := T.AddDate(-declassYears, 0, -1)
		leave = g.day(end.AddDate(0, 0, -200), end)
	case dsDeclassed:
		end := T.AddDate(-declassYears, 0, -1)
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
		case g.chance(0.12) && pledge.Before(dueFrom.AddDate(0, 0, -30)):
			reviewed = g.day(demoLater(pledge.AddDate(0, 0, 30), dueFrom.AddDate(-3, 0, 0)), dueFrom.AddDate(0, 0, -1))
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

	r := NewRecord()
	r.Set(PName, g.name(male))
	r.Set(PIDNo, g.idCard(birth, male))
	if male {
		r.Set(PGender, "男")
	} else {
		r.Set(PGender, "女")
	}
	r.Set(PBirth, FormatDate(birth))
	r.Set(PDept, g.pick(g.st.Departments))
	senior := [...]float64{0.6, 0.3, 0.1}[g.levelIndex(level)]
	if g.chance(senior) && T.Sub(birth) > 38*365*24*time.Hour {
		r.Set("title", g.pick(demoSeniorTitles))
	} else {
		r.Set("title", g.pick(demoJuniorTitles))
	}
	r.Set("post", g.pick(demoPosts[level]))
	r.Set(PLevel, level)
	r.Set("confirmed", FormatDate(confirmed))
	r.Set("vetted", FormatDate(vetted))
	r.Set("pledge", FormatDate(pledge))
	r.Set(PReviewed, FormatDate(reviewed))

	unit := "本单位保密办"
	if g.st.Unit != "" {
		unit = g.st.Unit + "保密办"
	}
	status := StatusInPost
	switch ds {
	case dsInPost:
		r.Set(PStatus, StatusInPost)
		if g.chance(0.03) {
			r.Set("note", "兼任部门保密员")
		}
	case dsDeclass, dsDeclassOverdue:
		Leave(r, leave, &g.st)
		status = StatusDeclass
		r.Set("declass_unit", unit)
		if g.chance(0.5) {
			r.Set("note", "已签订离岗保密承诺书")
		}
	case dsDeclassed:
		Leave(r, leave, &g.st)
		status = StatusDeclassed
		r.Set(PStatus, StatusDeclassed)
		r.Set("declass_unit", unit)
		r.Set("note", "脱密期满，已解除脱密期管理")
	case dsTransferred:
		status = "调离"
		r.Set(PStatus, status)
		r.Set(PLeft, FormatDate(leave))
		r.Set("note", "调往"+g.pick(demoTransferTo))
	case dsRetired:
		status = "退休"
		r.Set(PStatus, status)
		r.Set(PLeft, FormatDate(leave))
		r.Set("note", "已办理退休手续")
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

func (g *demoGen) levelIndex(level string) int {
	for i, l := range Levels {
		if l == level {
			return i
		}
	}
	return len(Levels) - 1
}

// ---- sub-records ----

var demoDocTypes = []string{"护照", "往来港澳通行证", "往来台湾通行证"}

func (g *demoGen) docNumber(typ string) string {
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
func (g *demoGen) passports(p demoPerson) []*Record {
	if p.status != StatusInPost && p.status != StatusDeclass {
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
	var out []*Record
	for i := range count {
		typ := demoDocTypes[(first+i)%len(demoDocTypes)]
		var issued time.Time
		switch g.weighted(88, 8, 4) {
		case 0: // valid for a while yet
			issued = g.day(demoLater(p.birth.AddDate(18, 0, 0), T.AddDate(-10, 0, 120)), T.AddDate(0, 0, -20))
		case 1: // expiring within about three months
			issued = T.AddDate(-10, 0, g.between(5, 85))
		default: // already expired
			issued = g.day(T.AddDate(-12, 0, 0), T.AddDate(-10, 0, -1))
		}
		expires := issued.AddDate(10, 0, -1)
		r := NewRecord()
		r.Parent = p.rec.ID
		r.Set("type", typ)
		r.Set("number", g.docNumber(typ))
		r.Set("issued", FormatDate(issued))
		r.Set("expires", FormatDate(expires))
		lendFrom := demoLater(issued, T.AddDate(0, 0, -75))
		switch c := g.weighted(70, 15, 15); {
		case c == 1 && expires.After(T) && lendFrom.Before(T):
			lent := g.day(lendFrom, T.AddDate(0, 0, -1))
			due := lent.AddDate(0, 0, g.between(7, 30))
			r.Set("custody", "已借出")
			r.Set("lent", FormatDate(lent))
			r.Set("due", FormatDate(due))
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
				r.Set("lent", FormatDate(lent))
				r.Set("due", FormatDate(due))
				r.Set("returned", FormatDate(back))
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
	demoDestinations = []string{"香港", "香港", "澳门", "日本", "日本", "韩国", "泰国", "泰国", "新加坡", "马来西亚", "越南", "印度尼西亚", "澳大利亚", "新西兰", "法国", "意大利", "德国", "英国", "美国", "加拿大", "俄罗斯", "阿联酋", "埃及", "台湾"}
	demoPurposes     = []string{"旅游", "旅游", "探亲", "探望子女", "陪同家属旅游", "就医", "参加亲属婚礼", "休假旅游", "参加子女毕业典礼"}
)

// trips gives about one person in six one or two approved trips over the
// last three years, some still ahead.
func (g *demoGen) trips(p demoPerson) []*Record {
	if p.status != StatusInPost && p.status != StatusDeclass {
		return nil
	}
	if !g.chance(0.18) {
		return nil
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
	var recs []*Record
	for _, out := range outs {
		back := out.AddDate(0, 0, g.between(3, 16))
		approved := demoEarlier(out.AddDate(0, 0, -g.between(7, 45)), T)
		r := NewRecord()
		r.Parent = p.rec.ID
		r.Set("out", FormatDate(out))
		r.Set("back", FormatDate(back))
		r.Set("destination", g.pick(demoDestinations))
		r.Set("purpose", g.pick(demoPurposes))
		r.Set("approved", FormatDate(approved))
		r.Set("approver", g.pick(g.leaders))
		if back.Before(T) && g.chance(0.5) {
			r.Set("note", "已按期返回，证件已交回")
		}
		recs = append(recs, r)
	}
	return recs
}

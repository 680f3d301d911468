package data

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// demoBatch is how many records Demo writes per transaction; their
// sub-records follow in one transaction per sub-register.
const demoBatch = 5000

// Demo fills every register of s with realistic records, deterministic for
// a given seed, dates spread around s.Today() (s.Now is the injectable
// clock): n persons with their 因私出入境证件 and 出国(境)审批, and for the
// other registers a fraction of n (demoCount). Every rule of every register
// fires on some rows: overdue, expiring, a confirmed breach.
//
// Records are added to what the file already holds, through SaveAll, so each
// is validated and audited like one the clerk typed, all in one
// transaction (Store.Batch). progress, if not nil,
// is called after every batch with the top-level records written so far
// and their total.
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
	p := &demoProgress{fn: progress}
	for _, reg := range Registers() {
		p.total += demoCount(reg, n)
	}
	p.add(0)
	// One transaction: a demo cut short (an error, a kill) writes nothing.
	return s.Batch(func(b *Batch) error {
		for _, reg := range Registers() {
			count := demoCount(reg, n)
			switch reg {
			case Personnel:
				err = g.personnel(b, count, p)
			case Projects:
				err = g.write(b, reg, nil, count, p, g.project)
			case Networks:
				err = g.write(b, reg, Evaluations, count, p, g.network)
			case Inspections:
				err = g.write(b, reg, Findings, count, p, g.inspection)
			case Cases:
				err = g.write(b, reg, nil, count, p, g.violation)
			case Training:
				err = g.write(b, reg, nil, count, p, g.session)
			}
			if err != nil {
				return fmt.Errorf("生成演示数据：%w", err)
			}
		}
		return nil
	})
}

// demoSaver stores a batch of records: the Batch that Demo writes through.
type demoSaver interface {
	SaveAll(reg *Register, recs []*Record) error
}

// demoCount is how many records Demo writes into a top-level register for
// n persons: n persons, a project for every five, a system, an inspection
// and a training session for every ten, a case for every twenty; at least
// one of each when n > 0.
func demoCount(reg *Register, n int) int {
	if n <= 0 {
		return 0
	}
	switch reg {
	case Personnel:
		return n
	case Projects:
		return max(1, n/5)
	case Networks, Inspections, Training:
		return max(1, n/10)
	case Cases:
		return max(1, n/20)
	}
	return 0 // a register without a generator stays empty
}

// demoProgress reports the top-level records written.
type demoProgress struct {
	fn          func(done, total int)
	done, total int
}

func (p *demoProgress) add(k int) {
	p.done += k
	if p.fn != nil {
		p.fn(p.done, p.total)
	}
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
	staff   []demoStaff     // the persons written, for 当事人 and 参加人员
	inPost  []int           // indexes into staff of the persons in post
}

// demoStaff is what other registers need to know of a person written.
type demoStaff struct {
	id         uint64
	name, dept string
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

func (g *demoGen) personnel(s demoSaver, n int, p *demoProgress) error {
	for done := 0; done < n; {
		size := min(demoBatch, n-done)
		people := make([]demoPerson, size)
		recs := make([]*Record, size)
		for i := range people {
			people[i] = g.person()
			recs[i] = people[i].rec
		}
		if err := s.SaveAll(Personnel, recs); err != nil {
			return err
		}
		var passports, trips []*Record
		for _, p := range people {
			passports = append(passports, g.passports(p)...)
			trips = append(trips, g.trips(p)...)
			if p.status == StatusInPost {
				g.inPost = append(g.inPost, len(g.staff))
			}
			g.staff = append(g.staff, demoStaff{id: p.rec.ID, name: p.rec.Get(PName), dept: p.rec.Get(PDept)})
		}
		if len(passports) > 0 {
			if err := s.SaveAll(Passports, passports); err != nil {
				return err
			}
		}
		if len(trips) > 0 {
			if err := s.SaveAll(Trips, trips); err != nil {
				return err
			}
		}
		done += size
		p.add(size)
	}
	return nil
}

// write saves count records of reg made by gen (each with its records of
// sub, whose Parent is set here once the owner has its id), demoBatch
// owners per transaction. gen gets the record's index in the register.
func (g *demoGen) write(s demoSaver, reg, sub *Register, count int, p *demoProgress, gen func(i int) (*Record, []*Record)) error {
	for done := 0; done < count; {
		size := min(demoBatch, count-done)
		recs := make([]*Record, size)
		kids := make([][]*Record, size)
		for i := range recs {
			recs[i], kids[i] = gen(done + i)
		}
		if err := s.SaveAll(reg, recs); err != nil {
			return err
		}
		var children []*Record
		for i, r := range recs {
			for _, c := range kids[i] {
				c.Parent = r.ID
				children = append(children, c)
			}
		}
		if len(children) > 0 {
			if err := s.SaveAll(sub, children); err != nil {
				return err
			}
		}
		done += size
		p.add(size)
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

// ---- common to the other registers ----

// scenario picks the scenario of record i: the forced ones first, so that
// every rule fires even in a small file, then one of random by weights.
func (g *demoGen) scenario(i int, forced []int, random []int, weights ...int) int {
	if i < len(forced) {
		return forced[i]
	}
	return random[g.weighted(weights...)]
}

// demoDays returns t moved by n days.
func demoDays(t time.Time, n int) time.Time { return t.AddDate(0, 0, n) }

// window is the reminder window of the settings, in days.
func (g *demoGen) window() int { return Env{Settings: &g.st}.Window() }

var (
	demoCities        = []string{"北京", "北京", "北京", "上海", "天津", "南京", "杭州", "成都", "西安", "武汉", "济南", "长沙", "合肥", "郑州"}
	demoCompanyCores  = []string{"华盾", "中科", "瑞安", "信诚", "天元", "金盾", "博安", "恒信", "卓越", "国信", "安泰", "启航", "中创", "宏图", "鼎信", "泰和", "正元", "汇智", "智诚", "远望", "长城", "神舟", "北辰", "东方"}
	demoCompanyTrades = map[string][]string{
		"涉密信息系统集成": {"信息技术有限公司", "科技股份有限公司", "信息系统工程有限公司", "数据技术有限公司", "网络安全技术有限公司", "软件有限公司"},
		"涉密印制":     {"印务有限公司", "印刷有限责任公司", "印刷厂", "文化传媒印务有限公司"},
		"武器装备科研生产": {"电子技术研究所", "电子科技有限公司", "装备技术有限公司"},
		"其他":       {"科技发展有限公司", "办公设备有限公司", "商贸有限公司", "信息产业有限公司"},
	}
)

// company names a contractor of the given 保密资质类别.
func (g *demoGen) company(qual string) string {
	core := g.pick(demoCompanyCores)
	if g.chance(0.3) {
		core += g.pick(demoCompanyCores)
	}
	return g.pick(demoCities) + core + g.pick(demoCompanyTrades[qual])
}

// ---- 涉密项目 ----

// demoProjectKinds are the subjects of projects: a name (a %s takes a
// business name), the 类别 and the 保密资质类别 the contractor needs.
var demoProjectKinds = []struct{ pattern, category, qual string }{
	{"%s业务系统涉密信息系统集成项目", "服务", "涉密信息系统集成"},
	{"%s系统软件开发项目", "服务", "涉密信息系统集成"},
	{"%s系统运行维护服务项目", "服务", "涉密信息系统集成"},
	{"涉密内网%s子系统升级改造项目", "工程", "涉密信息系统集成"},
	{"%s涉密档案数字化加工项目", "服务", "涉密信息系统集成"},
	{"涉密计算机数据恢复服务项目", "服务", "涉密信息系统集成"},
	{"保密要害部位安防监控系统建设工程", "工程", "涉密信息系统集成"},
	{"涉密机房电磁屏蔽改造工程", "工程", "涉密信息系统集成"},
	{"%s涉密文件资料印制项目", "服务", "涉密印制"},
	{"涉密会议材料印制服务项目", "服务", "涉密印制"},
	{"%s专用设备配套软件研制项目", "服务", "武器装备科研生产"},
	{"涉密计算机及外部设备采购项目", "货物", "其他"},
	{"涉密载体销毁设备采购项目", "货物", "其他"},
	{"保密柜及密码文件柜采购项目", "货物", "其他"},
}

var demoBusiness = []string{"应急指挥", "电子公文", "综合办公", "机要通信", "统计分析", "财务管理", "人事档案", "视频会议", "数据交换", "决策支持", "政务信息", "档案管理"}

// Project scenarios: each but prjNormal makes one rule fire (or, for
// prjClosedExpired, shows that a closed project is left alone).
const (
	prjNormal        = iota
	prjGradeB        // 乙级 on a 绝密 project, confirmed for the file
	prjQualBeforeEnd // 资质 runs out before the project ends
	prjQualSoon      // 资质 expiring within the window
	prjQualExpired   // 资质 expired, project running
	prjNoAgreement   // 实施中 without 保密协议
	prjClosedExpired // 已验收 with an expired 资质: no mark
	prjBiddingSoon   // 招标中, the candidate's 资质 expiring
)

func (g *demoGen) project(i int) (*Record, []*Record) {
	T := g.today
	sc := g.scenario(i,
		[]int{prjGradeB, prjQualBeforeEnd, prjQualSoon, prjQualExpired, prjNoAgreement, prjClosedExpired, prjBiddingSoon},
		[]int{prjNormal, prjGradeB, prjQualBeforeEnd, prjQualSoon, prjQualExpired, prjNoAgreement},
		880, 4, 25, 40, 20, 30)
	kind := demoProjectKinds[g.rng.IntN(len(demoProjectKinds))]
	needB := sc == prjGradeB
	if (sc != prjNormal && kind.qual == "其他") || (needB && kind.qual == "武器装备科研生产") {
		kind = demoProjectKinds[0] // the rule needs a 资质 that has 甲级 and 乙级
	}
	level := SecretLevels[g.weighted(5, 35, 60)]
	if needB {
		level = "绝密"
	}

	var status string
	switch sc {
	case prjNormal:
		status = [...]string{ProjectBidding, ProjectRunning, ProjectAccepted, ProjectCancelled}[g.weighted(10, 45, 38, 7)]
	case prjClosedExpired:
		status = ProjectAccepted
	case prjBiddingSoon:
		status = ProjectBidding
	default:
		status = ProjectRunning
	}
	var start, end, accepted time.Time
	switch status {
	case ProjectBidding:
		start = demoDays(T, g.between(15, 120))
		end = addMonths(start, g.between(3, 18))
	case ProjectRunning:
		start = g.day(T.AddDate(-2, 0, 0), demoDays(T, -1))
		end = g.day(demoLater(addMonths(start, 2), demoDays(T, 1)), T.AddDate(0, 18, 0))
	case ProjectAccepted:
		end = g.day(T.AddDate(-3, 0, 0), demoDays(T, -1))
		start = addMonths(end, -g.between(2, 24))
		accepted = demoEarlier(demoDays(end, g.between(0, 30)), T)
	default:
		start = g.day(T.AddDate(-3, 0, 0), demoDays(T, -60))
		end = addMonths(start, g.between(3, 18))
	}
	w := g.window()
	var expires time.Time
	switch sc {
	case prjQualBeforeEnd:
		end = demoDays(T, w+g.between(150, 450))
		expires = demoDays(end, -g.between(30, 100))
	case prjQualSoon, prjBiddingSoon:
		expires = demoDays(T, g.between(max(1, w/3), max(1, w-1)))
		if sc == prjQualSoon {
			end = demoLater(demoDays(T, 1), demoDays(expires, -g.between(0, 25)))
		}
	case prjQualExpired:
		expires = demoDays(T, -g.between(1, 200))
	case prjClosedExpired:
		expires = demoDays(T, -g.between(1, 300))
	default:
		expires = demoDays(demoLater(end, T), g.between(120, 1100))
	}

	r := NewRecord()
	name := strings.Replace(kind.pattern, "%s", g.pick(demoBusiness), 1)
	if g.chance(0.35) {
		name = strconv.Itoa(start.Year()) + "年" + name
	}
	r.Set(PrjName, name)
	r.Set("number", fmt.Sprintf("HT-%d-%04d", start.Year(), g.between(1, 9999)))
	r.Set(PrjLevel, level)
	r.Set("category", kind.category)
	r.Set("method", [...]string{"邀请招标", "竞争性谈判", "单一来源", "询价", "其他"}[g.weighted(30, 25, 20, 10, 15)])
	r.Set(PrjDept, g.pick(g.st.Departments))
	r.Set("manager", g.name(g.chance(0.7)))
	r.Set(PrjStart, FormatDate(start))
	r.Set(PrjEnd, FormatDate(end))
	r.Set(PrjStatus, status)
	r.Set(PrjAccepted, FormatDate(accepted))

	checked := demoDays(start, -g.between(15, 45))
	if status == ProjectBidding {
		checked = demoDays(T, -g.between(0, 10))
	}
	contracted := !(status == ProjectBidding && sc == prjNormal && g.chance(0.5))
	if contracted {
		r.Set(PrjContractor, g.company(kind.qual))
	}
	if contracted && kind.qual != "其他" {
		var grade string
		switch kind.qual {
		case "武器装备科研生产":
			grade = [...]string{"一级", "二级"}[g.weighted(40, 60)]
		default:
			grade = [...]string{"甲级", "乙级"}[g.weighted(65, 35)]
		}
		if needB {
			grade = "乙级"
		} else if level == "绝密" && grade == "乙级" {
			grade = "甲级"
		}
		r.Set(PrjQualType, kind.qual)
		r.Set(PrjQualGrade, grade)
		r.Set("qual_no", demoCertNumber(kind.qual, grade)+g.digits(9))
		r.Set(PrjQualExpires, FormatDate(expires))
		r.Set("qual_checked", FormatDate(checked))
		if needB {
			r.Set(KeyAck, FormatDate(checked))
			r.Set("note", "承接单位为乙级资质，经保密委员会研究同意，已报上级保密行政管理部门备案")
		}
	}
	if status != ProjectBidding && sc != prjNoAgreement {
		r.Set(PrjAgreement, FormatDate(demoDays(start, -g.between(0, 15))))
	}
	if g.chance(0.6) {
		r.Set("term", g.pick([]string{"项目结束后5年", "项目结束后10年", "长期", "与所涉国家秘密保密期限一致"}))
		r.Set("scope", g.pick([]string{"项目组成员及承接单位项目组涉密人员", "负责部门分管领导、项目负责人及承接单位涉密人员（名单已备案）", "项目组成员"}))
	}
	switch status {
	case ProjectAccepted:
		r.Set("carriers", fmt.Sprintf("涉密载体已全部清退，共%d件，清退清单已归档", g.between(3, 60)))
	case ProjectCancelled:
		r.Set("carriers", fmt.Sprintf("已清退涉密载体%d件", g.between(1, 20)))
		r.Set("note", g.pick([]string{"因需求调整终止", "因预算调整终止", "承接单位资质变更，合同解除"}))
	}
	return r, nil
}

// demoCertNumber is the prefix of a 资质证书编号 by 类别 and 等级.
func demoCertNumber(qual, grade string) string {
	switch {
	case qual == "涉密印制" && grade == "甲级":
		return "YZJ"
	case qual == "涉密印制":
		return "YZY"
	case qual == "武器装备科研生产" && grade == "一级":
		return "WBZ1"
	case qual == "武器装备科研生产":
		return "WBZ2"
	case grade == "甲级":
		return "JCJ"
	}
	return "JCY"
}

// ---- 涉密网络测评 ----

var (
	demoSystems      = []string{"涉密办公自动化系统", "机要文电处理系统", "涉密档案管理系统", "涉密视频会议系统", "涉密统计分析系统", "涉密内网邮件系统", "应急指挥涉密信息系统", "涉密数据库管理系统", "涉密单机（文电处理）", "涉密业务专网"}
	demoEvalAgencies = []string{"国家保密科技测评中心", "国家保密科技测评中心", "省保密科技测评中心", "市保密技术检查测评中心"}
	demoReviewers    = []string{"市国家保密局", "市国家保密局", "省国家保密局", "国家保密局"}
)

// System scenarios.
const (
	netNormal       = iota
	netNeverPassed  // 运行中, only a failed evaluation
	netOverdue      // 运行中, 下次测评日期 past
	netDueSoon      // 运行中, due within the window
	netLatestFailed // 运行中, passed before, failed last
	netStopped      // 已停用 and overdue: no mark
	netBuilding     // 建设中, no evaluation yet
)

func (g *demoGen) network(i int) (*Record, []*Record) {
	T := g.today
	sc := g.scenario(i,
		[]int{netNeverPassed, netOverdue, netDueSoon, netLatestFailed, netStopped, netBuilding},
		[]int{netNormal, netNeverPassed, netOverdue, netDueSoon, netLatestFailed, netStopped, netBuilding},
		73, 1, 6, 9, 2, 5, 4)
	level := SecretLevels[g.weighted(8, 40, 52)]
	interval := 2
	if level == "绝密" {
		interval = 1
	}
	w := g.window()
	back := T.AddDate(-interval, 0, 0) // evaluated on this day: due today
	var latest time.Time
	switch sc {
	case netNormal, netLatestFailed:
		latest = g.day(demoDays(back, w+1), demoDays(T, -1))
	case netNeverPassed:
		latest = demoDays(T, -g.between(10, 200))
	case netOverdue:
		latest = demoDays(back, -g.between(1, 300))
	case netDueSoon:
		latest = demoDays(back, g.between(0, w))
	case netStopped:
		latest = demoDays(back, -g.between(1, 400))
	}
	latest = demoEarlier(latest, demoDays(T, -1)) // a window longer than the interval

	r := NewRecord()
	dept := g.pick(g.st.Departments)
	system := g.pick(demoSystems)
	if g.chance(0.7) {
		system = dept + system
	}
	r.Set(NetName, system)
	r.Set(NetLevel, level)
	r.Set(NetDept, dept)
	r.Set("builder", g.company("涉密信息系统集成"))
	r.Set("reviewer", g.pick(demoReviewers))
	if sc == netBuilding {
		r.Set(NetStatus, SystemBuilding)
		r.Set("note", fmt.Sprintf("预计%d年投入使用", T.Year()+1))
		return r, nil
	}

	count := g.between(1, 4)
	switch sc {
	case netNeverPassed:
		count = 1
	case netLatestFailed:
		count = max(count, 2)
	}
	dates := make([]time.Time, count) // oldest first
	dates[count-1] = latest
	for j := count - 2; j >= 0; j-- {
		dates[j] = demoDays(addYears(dates[j+1], -interval), -g.between(0, 30))
	}
	var evals []*Record
	for j, d := range dates {
		e := NewRecord()
		e.Set(EvalAgency, g.pick(demoEvalAgencies))
		e.Set(EvalDate, FormatDate(d))
		e.Set(EvalReport, fmt.Sprintf("CP%d-%04d", d.Year(), g.between(1, 2000)))
		conclusion := [...]string{"通过", "整改后通过", "未通过"}[g.weighted(75, 22, 3)]
		if j == count-1 {
			switch sc {
			case netNeverPassed, netLatestFailed:
				conclusion = "未通过"
			default:
				conclusion = [...]string{"通过", "整改后通过"}[g.weighted(80, 20)]
			}
		}
		e.Set(EvalConclusion, conclusion)
		switch conclusion {
		case "整改后通过":
			e.Set("fixes", g.pick([]string{"已按测评意见完成整改，复测通过", "补充完善安全保密管理制度，更换不合格设备", "调整安全审计策略，完成整改复核"}))
		case "未通过":
			e.Set("fixes", g.pick([]string{"正在按测评意见整改，拟申请复测", "身份鉴别和安全审计不符合要求，整改中"}))
		}
		if j == count-1 && sc == netNormal && g.chance(0.1) {
			next := demoDays(NextEvaluation(level, d), -g.between(30, 180))
			if next.After(d) {
				e.Set(EvalNext, FormatDate(next))
				e.Set("note", "系统发生变更，按要求提前测评")
			}
		}
		evals = append(evals, e)
	}
	first := dates[0]
	inUse := demoEarlier(demoDays(first, g.between(15, 60)), T)
	reviewed := demoDays(first, calendarDays(first, inUse)/2)
	r.Set(NetInUse, FormatDate(inUse))
	review := fmt.Sprintf("%s，市保审〔%d〕%d号", FormatDate(reviewed), reviewed.Year(), g.between(1, 120))
	if sc == netNeverPassed {
		review = ""
		r.Set("note", "测评未通过，正在按测评意见整改，拟申请复测")
	}
	r.Set("review", review)
	if count > 2 && g.chance(0.3) {
		r.Set("changes", g.pick([]string{"扩充终端数量，已重新测评", "机房搬迁，已报审查部门备案", "更换服务器及安全保密产品"}))
	}
	if sc == netStopped {
		r.Set(NetStatus, SystemStopped)
		r.Set(NetStopped, FormatDate(g.day(demoLater(demoDays(latest, 30), inUse), T)))
		r.Set("note", "系统已停用，设备已按规定清退处置")
	} else {
		r.Set(NetStatus, SystemRunning)
	}
	return r, evals
}

// ---- 保密检查整改 ----

var (
	demoInspectors = map[string][]string{
		"上级检查": {"市国家保密局", "市委保密委员会办公室", "市国家保密局、市委机要局联合检查组"},
		"自查自评": {"本单位保密委员会办公室", "保密办"},
		"专项检查": {"市国家保密局（保密技术检查）", "保密办", "市委网信办、市国家保密局联合检查组"},
		"督促检查": {"市委保密办督查组", "上级主管部门保密办"},
	}
	demoInspectDocs = map[string]string{"上级检查": "市保函", "自查自评": "保委办", "专项检查": "保检", "督促检查": "保督"}
	demoFindings    = []struct {
		category string
		weight   int
		texts    []string
	}{
		{"保密责任制", 6, []string{"部门保密工作责任书未按年度签订", "领导干部保密工作责任制落实情况未纳入年度考核"}},
		{"保密制度", 6, []string{"保密管理制度多年未修订，与新修订保守国家秘密法要求不符", "未制定涉密载体管理实施细则"}},
		{"宣传教育培训", 8, []string{"部分涉密人员年度保密教育培训学时不足", "新录用人员上岗前保密培训记录缺失"}},
		{"涉密人员管理", 10, []string{"个别涉密人员因私出国（境）未履行审批手续", "涉密人员保密承诺书签订不全", "离岗涉密人员脱密期管理措施不到位"}},
		{"定密管理", 6, []string{"部分文件定密依据不明确", "个别文件未标注保密期限", "定密责任人未经培训即开展定密工作"}},
		{"涉密载体管理", 14, []string{"涉密文件登记台账与实物不符", "个别涉密文件未按规定清退", "涉密U盘未粘贴密级标识"}},
		{"信息系统和设备管理", 14, []string{"一台涉密计算机未安装主机监控与审计系统", "涉密计算机存在违规连接手机记录", "非涉密计算机存储含涉密内容的文件"}},
		{"互联网使用", 8, []string{"互联网计算机处理内部敏感信息", "工作人员在微信群传递内部工作信息"}},
		{"涉密场所和要害部门部位", 6, []string{"保密要害部位未安装门禁系统", "机要室监控录像保存不足三个月"}},
		{"涉密采购和委托业务", 4, []string{"委托印制涉密文件未核验承印单位资质", "涉密项目未签订保密协议即进场实施"}},
		{"涉密会议活动", 5, []string{"涉密会议未对参会人员手机进行集中管理", "涉密会议材料未按规定回收"}},
		{"信息公开保密审查", 5, []string{"网站发布信息未履行保密审查程序", "政务公开信息保密审查记录不全"}},
		{"其他", 3, []string{"保密工作档案资料不完整", "保密自查自评报告未按时报送"}},
	}
	demoDemands  = []string{"限期整改，整改情况书面报告保密办", "立即整改并开展专项自查", "完善制度，明确责任，限期整改到位", "举一反三，全面排查同类问题"}
	demoMeasures = []string{"已完成整改并建立台账", "已修订相关制度并组织学习", "已对相关人员批评教育并完成补登记", "已加装设备并完成调试", "已补签并归档", "已开展专项自查，未发现同类问题"}
)

// Finding scenarios; the first inspection carries one of each.
const (
	fndRandom   = iota
	fndOverdue  // open, 整改期限 passed
	fndSoon     // open, due within the week
	fndDueToday // open, due today: not yet overdue
	fndClosed   // 复查 done: 已销号
)

func (g *demoGen) inspection(i int) (*Record, []*Record) {
	T := g.today
	typ := [...]string{"上级检查", "自查自评", "专项检查", "督促检查"}[g.weighted(25, 35, 25, 15)]
	date := g.day(T.AddDate(-3, 0, 0), demoDays(T, -1))
	modes := make([]int, g.between(1, 6))
	if i == 0 {
		date = demoDays(T, -20)
		modes = []int{fndOverdue, fndSoon, fndDueToday, fndClosed}
	}
	r := NewRecord()
	r.Set(InsDate, FormatDate(date))
	r.Set(InsType, typ)
	inspector := g.pick(demoInspectors[typ])
	if inspector == "保密办" && g.st.Unit != "" {
		inspector = g.st.Unit + "保密办"
	}
	r.Set(InsInspector, inspector)
	dept := ""
	if typ != "上级检查" || g.chance(0.4) {
		dept = g.pick(g.st.Departments)
	}
	r.Set(InsDept, dept)
	if g.chance(0.85) {
		r.Set(InsDoc, fmt.Sprintf("%s〔%d〕%d号", demoInspectDocs[typ], date.Year(), g.between(1, 60)))
	}
	var findings []*Record
	for _, mode := range modes {
		findings = append(findings, g.finding(date, dept, mode))
	}
	return r, findings
}

func (g *demoGen) finding(date time.Time, dept string, mode int) *Record {
	T := g.today
	weights := make([]int, len(demoFindings))
	for i, f := range demoFindings {
		weights[i] = f.weight
	}
	kind := demoFindings[g.weighted(weights...)]
	f := NewRecord()
	f.Set(FndCategory, kind.category)
	f.Set(FndDesc, g.pick(kind.texts))
	f.Set(FndDemand, g.pick(demoDemands))
	if dept == "" || g.chance(0.3) {
		dept = g.pick(g.st.Departments)
	}
	f.Set(FndDept, dept)
	f.Set(FndPerson, g.name(g.chance(0.6)))
	deadline := demoDays(date, [...]int{15, 30, 30, 45, 60, 90}[g.rng.IntN(6)])
	switch mode {
	case fndOverdue:
		deadline = demoDays(T, -5)
	case fndSoon:
		deadline = demoDays(T, 3)
	case fndDueToday:
		deadline = T
	case fndClosed:
		deadline = demoDays(T, -10)
	}
	f.Set(FndDeadline, FormatDate(deadline))

	open := func(status string) {
		f.Set(FndStatus, status)
		if status == FindingInProgress {
			f.Set(FndMeasures, "已制定整改方案，正在落实")
		}
	}
	fixed := func(closed bool) {
		last := demoEarlier(deadline, T)
		if g.chance(0.1) {
			last = demoEarlier(demoDays(deadline, g.between(1, 20)), T)
		}
		done := g.day(demoEarlier(demoDays(date, 3), last), last)
		f.Set(FndMeasures, g.pick(demoMeasures))
		f.Set(FndDone, FormatDate(done))
		f.Set(FndStatus, FindingFixed)
		if closed {
			f.Set(FndChecker, g.pick(g.leaders))
			f.Set(FndChecked, FormatDate(demoEarlier(demoDays(done, g.between(3, 30)), T)))
			f.Set(FndStatus, FindingClosed)
		}
	}
	switch {
	case mode == fndOverdue:
		open(FindingInProgress)
	case mode == fndSoon:
		open(FindingOpen)
	case mode == fndDueToday:
		open(FindingInProgress)
	case mode == fndClosed:
		fixed(true)
	case deadline.Before(T):
		pOverdue := 0.03
		if calendarDays(deadline, T) < 120 {
			pOverdue = 0.25
		}
		switch x := g.rng.Float64(); {
		case x < pOverdue:
			open([...]string{FindingOpen, FindingInProgress}[g.weighted(40, 60)])
		case x < pOverdue+0.08:
			fixed(false)
		default:
			fixed(true)
		}
	default:
		switch g.weighted(35, 45, 20) {
		case 0:
			open(FindingOpen)
		case 1:
			open(FindingInProgress)
		default:
			fixed(false)
		}
	}
	return f
}

// ---- 违规案件 ----

var (
	demoCaseTexts = map[string][2][]string{ // 简要情况 and 补救措施 by 事件类型
		"涉密载体丢失":     {{"当事人外出途中遗失秘密级文件一份，当日发现后报告", "当事人保管的涉密U盘一个遗失，经查找未找到"}, {"组织查找，评估泄密风险", "登报声明作废，对知悉范围内人员逐一询问"}},
		"违规存储处理涉密信息": {{"当事人在非涉密计算机上起草涉密文件", "当事人将涉密文件存储于个人U盘"}, {"删除违规存储的信息，对计算机进行保密技术检查", "收缴存储介质，按涉密载体管理"}},
		"涉密计算机违规外联":  {{"当事人使用的涉密计算机违规连接互联网，被监测发现", "当事人在涉密计算机上连接手机充电"}, {"立即断网封存，送保密技术检查", "对涉密计算机进行取证检查并重新安装"}},
		"违规复制携带涉密载体": {{"当事人未经审批复制涉密文件带回家中", "当事人携带涉密笔记本电脑外出未履行审批手续"}, {"立即收回涉密载体，核查复制件去向", "收回设备并检查使用记录"}},
		"网络泄密":       {{"当事人在微信工作群中发送含涉密内容的文件截图", "单位门户网站发布的信息含有内部敏感内容"}, {"联系平台删除相关信息，开展影响评估", "撤下网页信息，排查转载情况"}},
	}
	demoCaseOther    = [2][]string{{"当事人违规向无关人员透露内部工作事项", "当事人未按规定保管涉密文件，造成泄密隐患"}, {"对知悉人员进行保密提醒并签订承诺书", "收回文件，评估泄密风险"}}
	demoCaseMeasures = []string{"开展全员保密警示教育", "修订涉密载体管理制度", "对同类设备开展专项检查", "加强涉密计算机监控审计"}
)

// Case scenarios.
const (
	caseNormal      = iota
	caseLateReport  // reported after 24 hours
	caseUnreported  // not reported and the day after discovery is past
	caseLongInquiry // 初查 longer than the limit
	caseLongOpen    // 立案 longer than the limit without 结案
	caseNotSecret   // 不涉密 and unreported: no mark
)

func (g *demoGen) violation(i int) (*Record, []*Record) {
	T := g.today
	sc := g.scenario(i, []int{caseLateReport, caseUnreported, caseLongInquiry, caseLongOpen, caseNotSecret}, []int{caseNormal}, 1)
	level := [...]string{"绝密", "机密", "秘密", NotSecret}[g.weighted(2, 18, 40, 40)]
	found := g.day(T.AddDate(-3, 0, 0), demoDays(T, -1))
	var reported, filed, closed time.Time
	status := CaseInquiry
	switch sc {
	case caseLateReport:
		level, found, status = "秘密", demoDays(T, -g.between(200, 400)), CaseDone
		reported = demoDays(found, 3)
	case caseUnreported:
		level, found = "机密", demoDays(T, -5)
	case caseLongInquiry:
		level, found = "秘密", demoDays(T, -g.between(100, 150))
		reported = found
	case caseLongOpen:
		level, found, status = "秘密", demoDays(T, -200), CaseOpen
		reported, filed = found, demoDays(T, -130)
	case caseNotSecret:
		level, found = NotSecret, demoDays(T, -10)
	default:
		switch {
		case level != NotSecret && g.chance(0.93):
			reported = demoDays(found, g.between(0, 1))
		case level != NotSecret:
			reported = demoDays(found, g.between(2, 6))
		case g.chance(0.15):
			reported = demoDays(found, g.between(0, 10))
		}
		if reported.After(T) {
			reported = time.Time{}
		}
		age := calendarDays(found, T)
		switch {
		case age < 60 && (age < 3 || g.chance(0.65)):
		case age < 60:
			status, filed = CaseOpen, demoDays(found, g.between(3, min(20, age)))
		default:
			status = [...]string{CaseDone, CaseOpen, CaseInquiry}[g.weighted(88, 7, 5)]
			if status == CaseOpen || (status == CaseDone && (level != NotSecret || g.chance(0.5))) {
				filed = demoDays(found, g.between(5, 30))
			}
		}
	}
	if status == CaseDone && closed.IsZero() {
		closed = demoEarlier(demoDays(demoLater(found, filed), g.between(20, 90)), T)
	}

	r := NewRecord()
	r.Set(CaseSource, [...]string{"举报", "单位报告", "检查发现", "部门移送"}[g.weighted(15, 35, 35, 15)])
	r.Set(CaseFound, FormatDate(found))
	if g.chance(0.7) {
		r.Set(CaseHappened, FormatDate(demoDays(found, -g.between(0, 30))))
	}
	if len(g.staff) > 0 {
		p := g.staff[g.rng.IntN(len(g.staff))]
		r.Set(CaseParty, p.name)
		r.Set(CaseDept, p.dept)
	} else {
		r.Set(CaseParty, g.name(g.chance(0.6)))
		r.Set(CaseDept, g.pick(g.st.Departments))
	}
	r.Set(CaseLevel, level)
	typ := g.pick(Cases.Field(CaseType).ChoicesOf(&g.st))
	r.Set(CaseType, typ)
	texts, ok := demoCaseTexts[typ]
	if !ok {
		texts = demoCaseOther
	}
	r.Set(CaseSummary, g.pick(texts[0]))
	r.Set("remedy", g.pick(texts[1]))
	r.Set(CaseFiled, FormatDate(filed))
	r.Set(CaseClosed, FormatDate(closed))
	r.Set(CaseReported, FormatDate(reported))
	if status == CaseDone {
		results := []string{"批评教育", "处分", "行政处罚", "移送监察或司法", "不予处理"}
		r.Set(CaseResult, results[g.weighted(45, 25, 5, 3, 22)])
		r.Set("measures", g.pick(demoCaseMeasures))
	}
	r.Set(CaseStatus, status)
	return r, nil
}

// ---- 教育培训 ----

var demoTopics = map[string][]string{
	"集中培训": {"新修订《保守国家秘密法》学习培训", "涉密人员上岗前保密教育培训", "年度保密工作业务培训", "涉密载体管理专题培训", "定密工作培训"},
	"专题讲座": {"保密形势与任务专题讲座", "网络安全与保密技术防护讲座", "手机使用保密管理讲座", "涉外活动保密管理讲座"},
	"网络培训": {"保密观平台在线学习", "全国保密宣传教育月网络答题", "保密在线培训平台专题课程"},
	"警示教育": {"观看保密警示教育片", "典型泄密案件通报学习", "参观保密警示教育基地"},
	"考试":   {"年度保密知识考试", "涉密人员保密知识测试", "保密法律法规考试"},
}

var demoHours = map[string][]string{
	"集中培训": {"2", "3", "4"},
	"专题讲座": {"1.5", "2"},
	"网络培训": {"0.5", "1", "2"},
	"警示教育": {"1", "1.5"},
	"考试":   {"1"},
}

func (g *demoGen) session(i int) (*Record, []*Record) {
	T := g.today
	date := g.day(demoDate(T.Year()-2, 1, 1), T)
	switch date.Weekday() { // on a working day, not after today
	case time.Saturday:
		date = demoDays(date, -1)
	case time.Sunday:
		date = demoDays(date, 1)
		if date.After(T) {
			date = demoDays(date, -3)
		}
	}
	form := TrainingForms[g.weighted(30, 25, 15, 20, 10)]
	r := NewRecord()
	r.Set(TrnDate, FormatDate(date))
	r.Set(TrnTopic, g.pick(demoTopics[form]))
	r.Set(TrnForm, form)
	dept := g.pick(g.st.Departments)
	for _, d := range g.st.Departments {
		if d == "保密办" && g.chance(0.7) {
			dept = d
		}
	}
	r.Set(TrnDept, dept)
	switch form {
	case "专题讲座":
		r.Set("lecturer", g.pick([]string{"市国家保密局", "市委保密办", "省保密科技测评中心"})+" "+g.name(g.chance(0.6)))
	case "网络培训":
		r.Set("lecturer", "保密观平台")
	default:
		r.Set("lecturer", dept+" "+g.name(g.chance(0.5)))
	}
	r.Set(TrnHours, g.pick(demoHours[form]))

	k := min(g.between(5, 40), len(g.inPost))
	chosen := make(map[uint64]bool, k)
	ids := make([]uint64, 0, k)
	for len(ids) < k {
		id := g.staff[g.inPost[g.rng.IntN(len(g.inPost))]].id
		if !chosen[id] {
			chosen[id] = true
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	scored := form == "考试" || (form == "集中培训" && g.chance(0.2))
	people := make([]Attendee, len(ids))
	for j, id := range ids {
		people[j].ID = id
		if scored {
			people[j].Score = strconv.Itoa(g.between(60, 100))
		}
	}
	r.Set(TrnAttendees, FormatPeople(people))
	r.Set("place", g.pick([]string{
		"保密办文件柜（签到表、课件、照片）",
		fmt.Sprintf("保密工作档案%d-%02d", date.Year(), g.between(1, 30)),
		"办公室档案室保密培训档案盒",
	}))
	if form == "考试" {
		r.Set("note", "试卷及成绩单已归档")
	}
	return r, nil
}

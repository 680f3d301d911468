package demo

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"baomi/taizhang/data"
)

// demoSurnames are the common surnames, most frequent first.
var demoSurnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")

var demoCompoundSurnames = []string{"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙"}

var (
	demoMaleChars    = []rune("伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳建国志文海峰亮东晨博瑞昊天振立成翔宏庆彬毅锋鸣胜杰永德荣启航睿哲轩骏")
	demoFemaleChars  = []rune("芳娜敏静丽艳娟霞秀英燕玲桂丹萍红玉兰琳婷雪慧颖洁倩晶莉佳琴云梅蕾薇月欣悦怡璐晓雯秋春妍茜蓉菲琪瑶岚露洋媛")
	demoNeutralChars = []rune("文晓海春建小志子思雨嘉一新明立永金秋晨安宏")
)

func (g *gen) name(male bool) string {
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
func (g *gen) idCard(birth time.Time, male bool) string {
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
		id := first17 + string(data.IDCheckChar(first17))
		if !g.ids[id] {
			g.ids[id] = true
			return id
		}
	}
}

var demoMobile = []string{"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157", "158", "159", "166", "173", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "199"}

func (g *gen) phone() string {
	if g.chance(0.15) {
		return "010-" + strconv.Itoa(g.between(5, 8)) + g.digits(7)
	}
	return g.pick(demoMobile) + g.digits(8)
}

// scenario picks the scenario of record i: the forced ones first, so that
// every rule fires even in a small file, then one of random by weights.
func (g *gen) scenario(i int, forced []int, random []int, weights ...int) int {
	if i < len(forced) {
		return forced[i]
	}
	return random[g.weighted(weights...)]
}

// demoDays returns t moved by n days.
func demoDays(t time.Time, n int) time.Time { return t.AddDate(0, 0, n) }

// window is the reminder window of the settings, in days.
func (g *gen) window() int { return data.Env{Settings: &g.st}.Window() }

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

// company names a contractor of the given 保密资质类别. An office works
// with a few contractors of each kind again and again: the first call for
// a kind draws its pool of distinct names, later ones pick from it.
func (g *gen) company(qual string) string {
	if g.companies == nil {
		g.companies = map[string][]string{}
	}
	pool := g.companies[qual]
	if pool == nil {
		for len(pool) < demoContractors {
			name := g.pick(demoCities) + g.pick(demoCompanyCores) + g.pick(demoCompanyTrades[qual])
			if !slices.Contains(pool, name) && !g.usedName(name) {
				pool = append(pool, name)
			}
		}
		g.companies[qual] = pool
	}
	return g.pick(pool)
}

// demoContractors is how many contractors of each kind the office uses.
const demoContractors = 8

// usedName tells whether a company name is already in a pool.
func (g *gen) usedName(name string) bool {
	for _, pool := range g.companies {
		if slices.Contains(pool, name) {
			return true
		}
	}
	return false
}

// dept draws a 部门 of the settings for a person or a record: the 保密办
// is a handful of people, the other 部门 share the rest.
func (g *gen) dept() string {
	weights := make([]int, len(g.st.Departments))
	for i, d := range g.st.Departments {
		weights[i] = 12
		if d == "保密办" {
			weights[i] = 1
		}
	}
	return g.st.Departments[g.weighted(weights...)]
}

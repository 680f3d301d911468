package data

import "strings"

// RuleBasis is one rule of the registers with where it comes from: an
// article of the 保守国家秘密法 (2024) or its 实施条例 (国务院令第786号), or
// 实践做法 where the law is silent and the limit is a setting.
type RuleBasis struct {
	Register string // the register's Name
	Rule     string // what is checked, as the clerk reads it
	Source   string // 法/条例 article, or 实践做法
	Setting  string // the 设置 that changes it, "" when none
	// Phrase is a part of the mark's words that names the rule, so that a
	// mark finds its basis (BasisOf).
	Phrase string
}

// practice is the source of a rule the law leaves to the office.
const practice = "实践做法"

// Rules lists every rule that marks a record, with its source and the
// setting that changes it: what 帮助 → 规则与依据 shows and prints.
var Rules = []RuleBasis{
	{"涉密人员", "离岗离职人员的脱密期及其届满", "实施条例第五十三条", "设置 → 脱密期（月）", "脱密期"},
	{"涉密人员", "离岗手续：提醒谈话、离岗保密承诺书、清退涉密载体、取消涉密系统权限", "实施条例第五十三条", "", "离岗未记录"},
	{"涉密人员", "离岗日期不详，脱密期无法计算", "实施条例第五十三条", "", "离岗日期不详"},
	{"涉密人员", "上岗保密审查、保密承诺书、岗前保密教育培训", "实施条例第五十条", "", "（实施条例第五十条）"},
	{"涉密人员", "保密复审周期", practice, "设置 → 复审周期（年）", "保密复审到期"},
	{"涉密人员", "年度保密教育培训及学时", practice, "设置 → 每人每年最低学时", "本年度"},
	{"涉密人员", "在岗人员的因私出入境证件由单位集中保管", "保守国家秘密法第四十五条；保管方式为" + practice, "", "未上交"},
	{"涉密人员", "借出证件按期归还", practice, "设置 → 到期提醒提前天数", "借出应归还"},
	{"涉密人员", "因私出入境证件有效期", practice, "设置 → 到期提醒提前天数", "有效期届满"},
	{"涉密人员", "出国(境)须经审批，审批在出境之前", "保守国家秘密法第四十五条；实施条例第五十二条", "", "审批"},
	{"涉密人员", "出国(境)前保密提醒", "实施条例第五十二条", "", "行前保密提醒"},
	{"涉密人员", "使用本人登记的证件出国(境)", "保守国家秘密法第四十五条", "", "不是本人登记的证件"},
	{"涉密人员", "回国(境)后报告的时限", "实施条例第五十二条；时限为" + practice, "设置 → 出国(境)回国报告时限（天）", "回国"},
	{"涉密项目", "保密资质等级与项目密级（集成/印制 甲级 绝密、乙级 机密；武器装备 一级 绝密、二级 机密、三级 秘密）", "各类保密资质（资格）管理办法", "", "资质承接"},
	{"涉密项目", "保密资质类别与项目内容相符", "各类保密资质管理办法", "", "项目需"},
	{"涉密项目", "委托前核验承接单位保密资质", "实施条例第四十九条", "", "未核验承接单位保密资质"},
	{"涉密项目", "实施前签订保密协议", "实施条例第四十九条", "", "保密协议"},
	{"涉密项目", "承接单位保密资质有效期", practice, "设置 → 到期提醒提前天数", "资质"},
	{"涉密网络测评", "投入使用前经审查通过", "实施条例第三十三条", "", "早于审查通过"},
	{"涉密网络测评", "定期测评：绝密每年至少一次，机密、秘密每两年至少一次；未通过须整改后重新测评", "实施条例第三十五条", "设置 → 到期提醒提前天数", "测评"},
	{"涉密网络测评", "密级、范围、环境变更后重新测评", "实施条例第三十五条", "", "系统变更"},
	{"涉密网络测评", "停用备案", "实施条例第三十五条", "", "停用备案"},
	{"保密检查整改", "整改期限", "实施条例第五十八条", "设置 → 到期提醒提前天数", "整改期限"},
	{"保密检查整改", "复查通过方可销号；未通过重新整改", "实施条例第五十八条；复查时限为" + practice, "", "复查"},
	{"违规案件", "发现泄密嫌疑后在时限内报告同级保密行政管理部门和上级主管部门（按小时计）", "实施条例第六十一条", "设置 → 泄密事件报告时限（小时）", "小时内报告"},
	{"违规案件", "初查期限", practice, "设置 → 违规案件初查期限（月）", "初查期限"},
	{"违规案件", "立案至结案期限", practice, "设置 → 立案至结案期限（月）", "结案期限"},
	{"各登记簿", "必填项、日期先后、编号重复等", practice, "", "重复"},
}

// BasisOf names the source of the rule a mark comes from, "" when no rule
// of Rules matches its words.
func BasisOf(mark string) string {
	for _, r := range Rules {
		if strings.Contains(mark, r.Phrase) {
			return r.Source
		}
	}
	return ""
}

// MarksWithBasis writes a record's marks, each followed by its source:
// "脱密期将于2026-01-01届满（依据：实施条例第五十三条）；…".
func MarksWithBasis(r *Record) string {
	parts := make([]string, 0, len(r.Marks))
	for _, m := range r.Marks {
		w := m.What
		if b := BasisOf(w); b != "" && !strings.Contains(w, b) {
			w += "（依据：" + b + "）"
		}
		parts = append(parts, w)
	}
	return strings.Join(parts, "；")
}

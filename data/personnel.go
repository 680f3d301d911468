package data

import (
	"strconv"
	"time"
)

// Person field keys used by rules, the UI and demo data.
const (
	PName        = "name"
	PGender      = "gender"
	PBirth       = "birth"
	PIDNo        = "idno"
	PDept        = "dept"
	PLevel       = "level"
	PStatus      = "status"
	PReviewed    = "reviewed"
	PLeft        = "left"
	PDeclassFrom = "declass_from"
	PDeclassTo   = "declass_to"
)

// 人员状态 values with rules attached.
const (
	StatusInPost    = "在岗"
	StatusDeclass   = "离岗脱密期"
	StatusDeclassed = "已脱密"
)

// Levels are the 涉密等级 in order of weight.
var Levels = []string{"核心", "重要", "一般"}

// Personnel is the 涉密人员 register (domain.md §1).
var Personnel = &Register{
	Key:      "personnel",
	Name:     "涉密人员",
	TitleKey: PName,
	Fields: []Field{
		{Key: PName, Label: "姓名", Aliases: []string{"人员姓名"}, Kind: KindText, Required: true, Width: 8},
		{Key: PGender, Label: "性别", Aliases: []string{"男/女"}, Kind: KindChoice, Choices: []string{"男", "女"}, Width: 5},
		{Key: PBirth, Label: "出生年月", Aliases: []string{"出生日期", "出生年月日"}, Kind: KindDate, Width: 11},
		{Key: PIDNo, Label: "身份证号码", Aliases: []string{"身份证号", "公民身份号码", "身份证", "身份证件号码"}, Kind: KindID, Required: true, Width: 20},
		{Key: PDept, Label: "部门", Aliases: []string{"所在部门", "所在单位", "单位", "部门/单位", "工作部门", "所在部门/单位"}, Kind: KindChoice, Source: ChoiceDepartments, Required: true, Filter: true, Width: 11},
		{Key: "title", Label: "职务/职称", Aliases: []string{"职务", "职称", "职务职称"}, Kind: KindText, Width: 10},
		{Key: "post", Label: "涉密岗位", Aliases: []string{"岗位", "涉密岗位名称"}, Kind: KindText, Width: 11},
		{Key: PLevel, Label: "涉密等级", Aliases: []string{"涉密类别", "涉密程度", "涉密人员类别", "类别"}, Kind: KindChoice, Choices: Levels,
			LongForms: map[string]string{"核心涉密人员": "核心", "重要涉密人员": "重要", "一般涉密人员": "一般", "核心涉密": "核心", "重要涉密": "重要", "一般涉密": "一般", "核心级": "核心", "重要级": "重要", "一般级": "一般"}, Required: true, Filter: true, Width: 6},
		{Key: "confirmed", Label: "确定涉密时间", Aliases: []string{"确定时间", "确定涉密日期", "确定日期", "认定时间", "涉密时间"}, Kind: KindDate, Width: 11},
		{Key: "vetted", Label: "上岗保密审查日期", Aliases: []string{"上岗审查日期", "保密审查日期", "审查日期", "上岗前保密审查日期"}, Kind: KindDate, Width: 11},
		{Key: "pledge", Label: "保密承诺书签订日期", Aliases: []string{"承诺书签订日期", "签订保密承诺书日期", "保密承诺书", "承诺书签订时间"}, Kind: KindDate, Width: 11},
		{Key: PReviewed, Label: "最近复审日期", Aliases: []string{"复审日期", "复审时间", "最近一次复审日期"}, Kind: KindDate, Width: 11},
		{Key: PStatus, Label: "人员状态", Aliases: []string{"状态", "在岗状态"}, Kind: KindChoice, Choices: []string{StatusInPost, StatusDeclass, StatusDeclassed, "调离", "退休"},
			LongForms: map[string]string{"在职": StatusInPost, "在岗在职": StatusInPost, "脱密期": StatusDeclass, "脱密期内": StatusDeclass, "脱密": StatusDeclass, "已调离": "调离", "已退休": "退休"}, Required: true, Filter: true, Width: 9},
		{Key: PLeft, Label: "离岗日期", Aliases: []string{"离岗时间", "离职日期"}, Kind: KindDate, Width: 11},
		{Key: PDeclassFrom, Label: "脱密期起", Aliases: []string{"脱密期开始日期", "脱密期起始日期", "脱密开始日期"}, Kind: KindDate, Width: 11},
		{Key: PDeclassTo, Label: "脱密期止", Aliases: []string{"脱密期结束日期", "脱密期截止日期", "脱密结束日期"}, Kind: KindDate, Width: 11},
		{Key: "ethnic", Label: "民族", Kind: KindText, Optional: true, Width: 6},
		{Key: "party", Label: "政治面貌", Kind: KindChoice, Choices: []string{"中共党员", "中共预备党员", "共青团员", "民主党派", "群众"}, Optional: true, Width: 9},
		{Key: "phone", Label: "联系电话", Aliases: []string{"电话", "手机", "手机号码", "联系方式"}, Kind: KindText, Optional: true, Width: 13},
		{Key: "education", Label: "学历", Kind: KindChoice, Choices: []string{"研究生", "大学本科", "大学专科", "高中及以下"}, Optional: true, Width: 8},
		{Key: "declass_unit", Label: "脱密期管理单位", Kind: KindText, Optional: true, Width: 14},
		{Key: "note", Label: "备注", Aliases: []string{"说明"}, Kind: KindText, Long: true, Width: 14},
		MarksField,
	},
	Subs:   []*Register{Passports, Trips},
	Check:  checkPerson,
	Needs:  []string{"training"},
	Derive: derivePersonnel,
	Due:    personnelDue,

	// The natural key: one record per value, matched on import.
	NaturalKey: []string{PIDNo},
}

// Passports is a person's 因私出入境证件.
var Passports = &Register{
	Key:      "personnel.passports",
	Name:     "因私出入境证件",
	TitleKey: "number",
	Fields: []Field{
		{Key: "type", Label: "证件类型", Kind: KindChoice, Choices: []string{"护照", "往来港澳通行证", "往来台湾通行证"}, Required: true, Width: 14},
		{Key: "number", Label: "证件号码", Aliases: []string{"护照号码", "证件号", "通行证号码"}, Kind: KindText, Required: true, Width: 14},
		{Key: "issued", Label: "签发日期", Kind: KindDate, Width: 11},
		{Key: "expires", Label: "有效期至", Kind: KindDate, Width: 11},
		{Key: "custody", Label: "保管状态", Aliases: []string{"保管情况"}, Kind: KindChoice, Choices: []string{"集中保管", "已借出", "未上交"}, Required: true, Width: 9},
		{Key: "lent", Label: "借出日期", Kind: KindDate, Width: 11},
		{Key: "due", Label: "应还日期", Kind: KindDate, Width: 11},
		{Key: "returned", Label: "归还日期", Kind: KindDate, Width: 11},
		{Key: "note", Label: "备注", Kind: KindText, Width: 12},
	},
	Check: checkPassport,

	// The natural key: one record per value, matched on import.
	NaturalKey: []string{"number"},
}

// Trips is a person's 出国(境)审批.
var Trips = &Register{
	Key:      "personnel.trips",
	Name:     "出国(境)审批",
	TitleKey: "destination",
	Fields: []Field{
		{Key: "out", Label: "出境日期", Aliases: []string{"出国(境)日期", "出发日期", "出境时间"}, Kind: KindDate, Required: true, Width: 11},
		{Key: "back", Label: "返回日期", Aliases: []string{"回国(境)日期", "入境日期", "返回时间"}, Kind: KindDate, Width: 11},
		{Key: "destination", Label: "目的地", Aliases: []string{"前往国家(地区)", "前往国家或地区", "前往地"}, Kind: KindText, Required: true, Width: 12},
		{Key: "purpose", Label: "事由", Kind: KindText, Width: 16},
		{Key: "approved", Label: "审批日期", Kind: KindDate, Width: 11},
		{Key: "approver", Label: "审批人", Kind: KindText, Width: 8},
		{Key: "note", Label: "备注", Kind: KindText, Width: 12},
	},
	Check: func(r *Record, env Env) FieldErrors {
		fe := FieldErrors{}
		notBefore(fe, r, "back", "out", "返回日期不能早于出境日期")
		return fe
	},

	// The natural key: one record per value, matched on import.
	NaturalKey: []string{"out", "destination"},
}

// checkPerson fills 性别 and 出生年月 from a valid 身份证号码 and makes sure
// they agree with it, and that a person on 脱密期 has its dates.
func checkPerson(r *Record, env Env) FieldErrors {
	fe := FieldErrors{}
	if c, err := ParseIDCard(r.Get(PIDNo), env.Today); err == nil {
		if g := r.Get(PGender); g == "" {
			r.Set(PGender, c.Gender())
		} else if g != c.Gender() {
			fe[PGender] = "性别与身份证号码不符（应为" + c.Gender() + "）"
		}
		birth := FormatDate(c.Birth)
		if b := r.Get(PBirth); b == "" {
			r.Set(PBirth, birth)
		} else if b != birth && Date(b).Format("2006-01") != c.Birth.Format("2006-01") {
			fe[PBirth] = "出生年月与身份证号码不符（应为" + birth + "）"
		} else {
			r.Set(PBirth, birth)
		}
	}
	if r.Get(PStatus) == StatusDeclass {
		for k, label := range map[string]string{PLeft: "离岗日期", PDeclassFrom: "脱密期起", PDeclassTo: "脱密期止"} {
			if r.Get(k) == "" {
				fe[k] = "离岗脱密期人员应填写" + label
			}
		}
	}
	notBefore(fe, r, PDeclassTo, PDeclassFrom, "脱密期止不能早于脱密期起")
	notBefore(fe, r, PDeclassFrom, PLeft, "脱密期起不能早于离岗日期")
	return fe
}

func checkPassport(r *Record, env Env) FieldErrors {
	fe := FieldErrors{}
	if r.Get("custody") == "已借出" {
		for k, label := range map[string]string{"lent": "借出日期", "due": "应还日期"} {
			if r.Get(k) == "" {
				fe[k] = "证件已借出，应填写" + label
			}
		}
	}
	notBefore(fe, r, "expires", "issued", "有效期至不能早于签发日期")
	notBefore(fe, r, "due", "lent", "应还日期不能早于借出日期")
	notBefore(fe, r, "returned", "lent", "归还日期不能早于借出日期")
	return fe
}

// notBefore marks later when both dates are set and later < earlier.
// Values are already normalized, so text order is date order.
func notBefore(fe FieldErrors, r *Record, later, earlier, msg string) {
	l, e := r.Get(later), r.Get(earlier)
	if l != "" && e != "" && len(l) == 10 && len(e) == 10 && l < e {
		fe[later] = msg
	}
}

// Leave sends a person off post on the given day: 人员状态 becomes
// 离岗脱密期 and the 脱密期 runs from that day for the level's default. The
// clerk may still change either date before saving.
func Leave(r *Record, day time.Time, s *Settings) {
	r.Set(PStatus, StatusDeclass)
	r.Set(PLeft, FormatDate(day))
	r.Set(PDeclassFrom, FormatDate(day))
	r.Set(PDeclassTo, FormatDate(s.DeclassEnd(r.Get(PLevel), day)))
}

// derivePersonnel marks a person on 脱密期 whose 脱密期止 has passed, and,
// from 1 December, a person in post who has attended no training session
// this year or, when a yearly minimum is set (LimitTrainingHours), fewer
// 学时 than it. rel["training"] holds the sessions.
func derivePersonnel(recs []*Record, rel Related, env Env) {
	today := FormatDate(env.Today)
	december := env.Today.Month() == time.December
	minHours := limitOf(env, LimitTrainingHours)
	var hours map[uint64]float64
	if december {
		hours = yearHours(rel["training"], env.Today.Year(), today)
	}
	for _, r := range recs {
		var m markSet
		switch r.Get(PStatus) {
		case StatusDeclass:
			if to := r.Get(PDeclassTo); to != "" && to < today {
				m.add("脱密期已满，应转为已脱密")
			}
		case StatusInPost:
			if !december {
				break
			}
			switch h, ok := hours[r.ID]; {
			case !ok:
				m.add("本年度未参加保密教育培训")
			case minHours > 0 && h < float64(minHours):
				m.add("本年度学时不足" + strconv.Itoa(minHours) + "（已完成" + strconv.FormatFloat(h, 'f', -1, 64) + "）")
			}
		}
		m.set(r)
	}
}

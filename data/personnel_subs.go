package data

// The 涉密人员 sub-registers: 证件 and 出国(境), their checks and their reminders.

import (
	"slices"
	"strconv"
	"time"
)

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
		{Key: TripApproved, Label: "审批日期", Kind: KindDate, Width: 11},
		{Key: "approver", Label: "审批人", Kind: KindText, Width: 8},
		{Key: TripBriefed, Label: "行前保密提醒日期", Aliases: []string{"行前提醒日期", "行前教育日期"}, Kind: KindDate, Width: 11},
		{Key: TripReported, Label: "回国报告日期", Aliases: []string{"返回报告日期"}, Kind: KindDate, Width: 11},
		{Key: TripPassport, Label: "使用证件号码", Aliases: []string{"所持证件号码", "证件号码"}, Kind: KindText, Width: 12},
		{Key: "note", Label: "备注", Kind: KindText, Width: 12},
	},
	Check: func(r *Record, env Env) FieldErrors {
		fe := FieldErrors{}
		notBefore(fe, r, "back", "out", "返回日期不能早于出境日期")
		notBefore(fe, r, TripReported, "back", "回国报告日期不能早于返回日期")
		return fe
	},

	// The natural key: one record per value, matched on import.
	NaturalKey: []string{"out", "destination"},
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

// tripMarks finds, by owner id, what a 出国(境) lacks (保守国家秘密法第四十五条,
// 实施条例第五十二条): a trip begun without 审批 or approved only after it
// began, without a 行前保密提醒, made with a 证件 not among the person's; and,
// once back, the 回国报告 not made within reportDays (a reminder until it
// is, a mark if it came late). Only persons under management keep them
// (derivePersonnel).
func tripMarks(c dueCheck, trips, docs []*Record, reportDays int) map[uint64]markSet {
	numbers := map[uint64][]string{}
	type docKey struct {
		owner  uint64
		number string
	}
	byNumber := map[docKey]*Record{}
	for _, d := range docs {
		numbers[d.OwnerID] = append(numbers[d.OwnerID], d.Get("number"))
		byNumber[docKey{d.OwnerID, d.Get("number")}] = d
	}
	// The 证件 keeps its latest loan only: the trip it is checked against
	// is the latest one made with it.
	latest := map[docKey]string{}
	for _, t := range trips {
		if k := (docKey{t.OwnerID, t.Get(TripPassport)}); k.number != "" && t.Get(TripOut) > latest[k] {
			latest[k] = t.Get(TripOut)
		}
	}
	today := FormatDate(c.today)
	marks := map[uint64]markSet{}
	for _, t := range trips {
		out := t.Get(TripOut)
		if out == "" || out > today {
			continue // not begun: nothing is late yet
		}
		var m markSet
		name := "出境" + out + "（" + t.Get("destination") + "）"
		add := func(what string) { m = append(m, Mark{What: name + what, Sub: t, SubReg: Trips}) }
		switch a := t.Get(TripApproved); {
		case a == "":
			add("未经审批")
		case a > out:
			add("出境后才审批（" + a + "）")
		}
		if t.Get(TripBriefed) == "" {
			add("未记录行前保密提醒")
		}
		if n := t.Get(TripPassport); n != "" && !slices.Contains(numbers[t.OwnerID], n) {
			add("使用证件" + n + "不是本人登记的证件")
		} else if d := byNumber[docKey{t.OwnerID, n}]; d != nil && latest[docKey{t.OwnerID, n}] == out {
			// The unit keeps the 证件 (法第四十五条): one used for a trip is
			// lent for it and due back after the return (实践做法).
			switch lent, due, back := d.Get("lent"), d.Get("due"), t.Get(TripBack); {
			case lent == "" || lent > out:
				add("使用证件" + n + "未办理借出")
			case due != "" && back != "" && due < back:
				add("证件" + n + "应还日期" + due + "早于返回日期")
			}
		}
		if back := StoredDate(t.Get(TripBack)); !back.IsZero() && reportDays > 0 {
			limit := back.AddDate(0, 0, reportDays)
			switch r := t.Get(TripReported); {
			case r == "" && c.due(limit):
				m = append(m, Mark{What: name + "回国后应在" + strconv.Itoa(reportDays) + "日内报告（" + FormatDate(limit) + "）",
					Date: limit, Sub: t, SubReg: Trips})
			case r != "" && r > FormatDate(limit):
				add("回国报告逾期（" + r + "报告）")
			}
		}
		if len(m) > 0 {
			marks[t.OwnerID] = append(marks[t.OwnerID], m...)
		}
	}
	return marks
}

// passportMarks finds, by owner id, the marks of the lent 证件 past
// 应还日期 and the expiring 证件; derivePersonnel keeps those of persons
// under management (在岗, 离岗脱密期). It reads only the 证件, so it runs
// beside the persons' own rules, which write the persons.
//
// kept are the marks of 证件 still 未上交, due today: the unit keeps the
// 证件 of a person in post (出境管理, 保守国家秘密法第四十五条; keeping them
// is the usual practice), so derivePersonnel keeps those of persons 在岗
// only.
func passportMarks(c dueCheck, docs []*Record) (marks, kept map[uint64]markSet) {
	marks, kept = map[uint64]markSet{}, map[uint64]markSet{}
	expiresF, custodyF, returnedF, dueF := fieldReader{key: "expires"}, fieldReader{key: "custody"}, fieldReader{key: "returned"}, fieldReader{key: "due"}
	for _, d := range docs {
		if custodyF.get(d) == "未上交" {
			kept[d.OwnerID] = append(kept[d.OwnerID], Mark{What: d.Get("type") + " " + d.Get("number") + " 未上交，应由单位集中保管",
				Date: c.today, Now: true, Sub: d, SubReg: Passports})
		}
		expiresOn := expiresF.get(d)
		expires, expiring := c.within(expiresOn)
		var back time.Time
		var backOn string
		late := false
		if custodyF.get(d) == "已借出" && returnedF.get(d) == "" {
			backOn = dueF.get(d)
			back, late = c.within(backOn)
		}
		if !expiring && !late {
			continue
		}
		m := marks[d.OwnerID]
		label := d.Get("type") + " " + d.Get("number")
		if late {
			m = append(m, Mark{What: label + " 借出应归还（" + backOn + "）", Date: back, Sub: d, SubReg: Passports})
		}
		if expiring {
			m = append(m, Mark{What: label + " 有效期届满（" + expiresOn + "）", Date: expires, Sub: d, SubReg: Passports})
		}
		marks[d.OwnerID] = m
	}
	return marks, kept
}

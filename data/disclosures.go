package data

import (
	"fmt"
	"strconv"
	"time"
)

// 信息公开保密审查 field keys used by rules, the UI and demo data.
const (
	DscName       = "name"
	DscChannel    = "channel"
	DscDept       = "dept"
	DscSubmitted  = "submitted"
	DscReviewer   = "reviewer"
	DscReviewed   = "reviewed"
	DscConclusion = "conclusion"
	DscPublished  = "published"
)

// 审查结论 values.
const (
	DisclosureAgreed  = "同意公开"
	DisclosureRevised = "修改后公开"
	DisclosureRefused = "不予公开"
)

// disclosurePending labels, in the statistics, an item not yet reviewed.
const disclosurePending = "待审查"

// LimitDisclosureDays is the setting of how many days after its 提交日期 an
// item may wait for its 保密审查 before it is a reminder.
const LimitDisclosureDays = "disclosure.review_days"

// disclosureDays is that setting with its label and default.
var disclosureDays = Limit{Key: LimitDisclosureDays, Label: "保密审查时限（天，0 为不提醒）", Default: 5}

// The breaches of 先审查、后公开, as the save warning and the row's 提示 say them.
const (
	warnUnreviewed = "未经保密审查即公开"
	warnRefused    = "审查结论为不予公开，但已公开"
)

// Disclosures is the 信息公开保密审查 register: every piece of information a
// 部门 proposes to publish, its 保密审查 and when it was published.
var Disclosures = &Register{
	Key:  "disclosures",
	Name: "信息公开保密审查",
	// Basis: where each rule comes from (帮助 → 规则与依据).
	Basis: []RuleBasis{
		{"信息公开保密审查", "先审查、后公开：未经保密审查不得公开", "政府信息公开条例第十七条", "", "未经保密审查"},
		{"信息公开保密审查", "审查结论为不予公开的信息不得公开", "政府信息公开条例第十七条", "", "不予公开"},
		{"信息公开保密审查", "保密审查的时限", practice, "设置 → 信息公开保密审查 → 保密审查时限（天）", "待审查"},
	},
	Icon:     "visibility",
	Limits:   []Limit{disclosureDays},
	TitleKey: DscName,
	Title:    disclosureTitle,
	Fields: []Field{
		{Key: DscName, Label: "信息名称", Aliases: []string{"信息标题", "标题", "公开信息名称", "稿件名称"}, Kind: KindText, Required: true, Long: true, Width: 28},
		{Key: DscChannel, Label: "拟公开方式", Aliases: []string{"公开方式", "公开渠道", "发布渠道"}, Kind: KindChoice, Choices: []string{"门户网站", "新闻发布", "政务新媒体", "出版物", "其他"}, Required: true, Filter: true, Width: 10},
		{Key: DscDept, Label: "提出部门", Aliases: []string{"送审部门", "拟稿部门", "部门"}, Kind: KindChoice, Source: ChoiceDepartments, Required: true, Filter: true, Width: 10},
		{Key: DscSubmitted, Label: "提交日期", Aliases: []string{"送审日期", "提交时间"}, Kind: KindDate, Required: true, Width: 11},
		{Key: DscReviewer, Label: "审查人", Aliases: []string{"保密审查人"}, Kind: KindText, Width: 8},
		{Key: DscReviewed, Label: "审查日期", Aliases: []string{"审查时间"}, Kind: KindDate, Width: 11},
		{Key: DscConclusion, Label: "审查结论", Aliases: []string{"审查意见", "保密审查意见"}, Kind: KindChoice, Choices: []string{DisclosureAgreed, DisclosureRevised, DisclosureRefused},
			LongForms: map[string]string{"同意": DisclosureAgreed, "修改后同意公开": DisclosureRevised, "不同意公开": DisclosureRefused}, Filter: true, Width: 10},
		{Key: DscPublished, Label: "公开日期", Aliases: []string{"发布日期", "公开时间"}, Kind: KindDate, Width: 11},
		{Key: "note", Label: "备注", Kind: KindText, Long: true, Width: 16},
		ackField,
		MarksField,
	},
	Check:  checkDisclosure,
	Warn:   warnDisclosure,
	Derive: deriveDisclosures,
	Stats:  disclosureStats,

	// The natural key: an item submitted once on a day (a revised text
	// submitted again is a new review).
	NaturalKey: []string{DscName, DscSubmitted},
}

// checkDisclosure: a review is on file with its date, its 审查人 and its
// 结论 together, and not before the item was submitted.
func checkDisclosure(r *Record, env Env) FieldErrors {
	fe := FieldErrors{}
	if r.Get(DscReviewed) != "" || r.Get(DscConclusion) != "" {
		for k, label := range map[string]string{DscReviewed: "审查日期", DscReviewer: "审查人", DscConclusion: "审查结论"} {
			if r.Get(k) == "" {
				fe[k] = "已审查的信息应填写" + label
			}
		}
	}
	notBefore(fe, r, DscReviewed, DscSubmitted, "审查日期不能早于提交日期")
	today := FormatDate(env.Today)
	for k, label := range map[string]string{DscReviewed: "审查日期", DscPublished: "公开日期"} {
		if v := r.Get(k); len(v) == len(DateLayout) && v > today {
			fe[k] = label + "不能晚于今天"
		}
	}
	return fe
}

// warnDisclosure names the breaches of 先审查、后公开 that the clerk may
// record only after confirming them for the file.
func warnDisclosure(r *Record, _ Env) []string { return disclosureBreaches(r) }

// disclosureBreaches names what was published in breach of the duty not to
// publish what involves a state secret and to review what is published
// (保守国家秘密法实施条例 2024 第五条; 政府信息公开条例 第十七条: 先审查、
// 后公开): published without a review or before it, and published though
// the 结论 was 不予公开. A breach is on file, a mark, not a reminder.
func disclosureBreaches(r *Record) []string {
	published := r.Get(DscPublished)
	if published == "" {
		return nil
	}
	var ws []string
	if reviewed := r.Get(DscReviewed); reviewed == "" || published < reviewed {
		ws = append(ws, warnUnreviewed)
	}
	if r.Get(DscConclusion) == DisclosureRefused {
		ws = append(ws, warnRefused)
	}
	return ws
}

// disclosureDue is the day an item neither reviewed nor published falls
// due for its review, limit days after its 提交日期; zero for any other
// item, or when the limit is off (实践做法 — the law sets no time for the
// review, so it is the setting LimitDisclosureDays, default 5 days).
func disclosureDue(r *Record, limit int) time.Time {
	if limit <= 0 || r.Get(DscReviewed) != "" || r.Get(DscPublished) != "" {
		return time.Time{}
	}
	d := StoredDate(r.Get(DscSubmitted))
	if d.IsZero() {
		return d
	}
	return d.AddDate(0, 0, limit)
}

// deriveDisclosures marks each item's breaches (disclosureBreaches), and
// the review it waits for once due within the reminder window.
func deriveDisclosures(recs []*Record, _ Snapshot, env Env) {
	c := newDueCheck(env)
	limit := env.Limit(disclosureDays)
	for _, r := range recs {
		var m markSet
		for _, w := range disclosureBreaches(r) {
			m.add(w)
		}
		if due := disclosureDue(r, limit); c.due(due) {
			what := "待审查，应于" + FormatDate(due) + "前完成保密审查"
			if due.Before(c.today) {
				what = "待审查超过" + strconv.Itoa(limit) + "天（提交" + r.Get(DscSubmitted) + "）"
			}
			m.due(due, what)
		}
		m.set(r)
	}
}

// disclosureTitleRunes is how much of a 信息名称 names it on 首页 and in
// messages.
const disclosureTitleRunes = 24

// disclosureTitle names an item by the first characters of its 信息名称.
func disclosureTitle(r *Record) string { return cutTitle(r.Get(DscName), disclosureTitleRunes) }

// disclosureStats counts the items by 提出部门 and 审查结论 (待审查 for one
// not yet reviewed); for a year, those submitted in it. The note gives how
// many were published in breach of 先审查、后公开 and how many wait past
// the limit.
func disclosureStats(recs []*Record, _ Snapshot, env Env, year int) []StatTable {
	var depts []string
	if env.Settings != nil {
		depts = env.Settings.Departments
	}
	cols := []string{DisclosureAgreed, DisclosureRevised, DisclosureRefused, disclosurePending}
	t := newCrossTab(statTitle("信息公开保密审查", year, "提交", "按提出部门、审查结论"), "提出部门", depts, cols)
	today := Day(env.Today)
	limit := env.Limit(disclosureDays)
	n, breaches, late := 0, 0, 0
	for _, r := range recs {
		if !inYear(r.Get(DscSubmitted), year) {
			continue
		}
		conclusion := r.Get(DscConclusion)
		if conclusion == "" {
			conclusion = disclosurePending
		}
		t.add(r.Get(DscDept), conclusion, 1)
		n++
		breaches += len(disclosureBreaches(r))
		if due := disclosureDue(r, limit); !due.IsZero() && due.Before(today) {
			late++
		}
	}
	table := t.table()
	if n > 0 {
		table.Note = fmt.Sprintf("共审查登记 %d 件；违规公开 %d 处（未经审查即公开，或不予公开后公开）；待审查超过 %d 天 %d 件", n, breaches, limit, late)
	}
	return []StatTable{table}
}

package data

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Network (涉密信息系统) field keys used by rules, the UI and demo data.
// The latest_* fields are computed from the system's evaluations.
const (
	NetName             = "name"
	NetLevel            = "level"
	NetDept             = "dept"
	NetInUse            = "in_use"
	NetStatus           = "status"
	NetStopped          = "stopped"
	NetLatestAgency     = "latest_agency"
	NetLatestDate       = "latest_date"
	NetLatestReport     = "latest_report"
	NetLatestConclusion = "latest_conclusion"
	NetLatestNext       = "latest_next"
	NetReviewedOn       = "reviewed_on"
)

// 系统变更 (Changes) field keys.
const (
	ChgDate = "date"
	ChgWhat = "what"
	ChgDesc = "desc"
)

// ChangeKinds are what a change of a 涉密网络 may touch; any of them asks
// for a new 测评 (实施条例第三十五条: 密级、涉密范围、使用环境 changed).
var ChangeKinds = []string{"密级", "范围", "环境", "其他"}

// Changes are the 变更 of a system: each made after its last 测评 makes a
// new 测评 due at once.
var Changes = &Register{
	Key:      "networks.changes",
	Name:     "系统变更",
	TitleKey: ChgDate,
	Fields: []Field{
		{Key: ChgDate, Label: "变更日期", Kind: KindDate, Required: true, Width: 11},
		{Key: ChgWhat, Label: "变更内容", Kind: KindChoice, Choices: ChangeKinds, Required: true, Filter: true, Width: 8},
		{Key: ChgDesc, Label: "变更说明", Kind: KindText, Long: true, Width: 24},
	},
	NaturalKey: []string{ChgDate, ChgWhat},
}

// Evaluation (测评记录) field keys.
const (
	EvalAgency     = "agency"
	EvalDate       = "date"
	EvalReport     = "report"
	EvalConclusion = "conclusion"
	EvalNext       = "next"
)

// 系统状态 values with rules attached.
const (
	SystemBuilding = "建设中"
	SystemRunning  = "运行中"
	SystemStopped  = "已停用"
)

// ListConclusions is the settings list of 测评结论.
const ListConclusions = "conclusions"

// Networks is the 涉密网络测评 register (domain.md §3): one record per
// classified system, its evaluations in the sub-register Evaluations; the
// latest evaluation is shown in the system's row.
var Networks = &Register{
	Key:  "networks",
	Name: "涉密网络测评",
	// Basis: where each rule comes from (帮助 → 规则与依据).
	Basis: []RuleBasis{
		{"涉密网络测评", "投入使用前经审查通过", "实施条例第三十三条", "", "早于审查通过"},
		{"涉密网络测评", "定期测评：绝密每年至少一次，机密、秘密每两年至少一次；未通过须整改后重新测评", "实施条例第三十五条", "设置 → 到期提醒提前天数", "测评"},
		{"涉密网络测评", "密级、范围、环境变更后重新测评", "实施条例第三十五条", "", "系统变更"},
		{"涉密网络测评", "停用备案", "实施条例第三十五条", "", "停用备案"},
	},
	Icon:     "computer",
	TitleKey: NetName,
	Fields: []Field{
		{Key: NetName, Label: "系统名称", Aliases: []string{"网络名称", "信息系统名称", "涉密信息系统名称"}, Kind: KindText, Required: true, Width: 22},
		{Key: NetLevel, Label: "密级", Kind: KindChoice, Choices: SecretLevels, Required: true, Filter: true, Width: 6},
		{Key: NetDept, Label: "使用部门", Aliases: []string{"部门"}, Kind: KindChoice, Source: ChoiceDepartments, Required: true, Filter: true, Width: 11},
		{Key: "builder", Label: "建设/运维单位", Kind: KindText, Width: 20},
		{Key: NetLatestAgency, Label: "测评机构", Kind: KindText, Computed: true, Width: 18},
		{Key: NetLatestDate, Label: "测评日期", Kind: KindDate, Computed: true, Width: 11},
		{Key: NetLatestReport, Label: "测评报告编号", Kind: KindText, Computed: true, Width: 14},
		{Key: NetLatestConclusion, Label: "测评结论", Kind: KindText, Computed: true, Width: 9},
		{Key: "reviewer", Label: "审查部门", Kind: KindText, Width: 14},
		{Key: "review", Label: "审查通过日期/文号", Kind: KindText, Width: 20},
		{Key: NetReviewedOn, Label: "审查通过日期", Kind: KindDate, Optional: true, Width: 11},
		{Key: NetInUse, Label: "投入使用日期", Kind: KindDate, Width: 11},
		{Key: NetLatestNext, Label: "下次测评日期", Kind: KindDate, Computed: true, Width: 11},
		{Key: NetStatus, Label: "系统状态", Kind: KindChoice, Choices: []string{SystemBuilding, SystemRunning, SystemStopped}, Required: true, Filter: true, Width: 8},
		{Key: "changes", Label: "变更情况", Kind: KindText, Optional: true, Long: true, Width: 16},
		{Key: NetStopped, Label: "停用备案日期", Kind: KindDate, Optional: true, Width: 11},
		{Key: "note", Label: "备注", Kind: KindText, Long: true, Width: 14},
		MarksField,
	},
	Subs: []*Register{Evaluations, Changes},
	Check: func(r *Record, env Env) FieldErrors {
		fe := FieldErrors{}
		notBefore(fe, r, NetStopped, NetInUse, "停用备案日期不能早于投入使用日期")
		return fe
	},
	Derive: deriveNetworks,
	Stats:  networkStats,

	// The natural key: one record per value, matched on import.
	NaturalKey: []string{NetName},
}

// Evaluations are the 测评记录 of a system.
var Evaluations = &Register{
	Key:      "networks.evaluations",
	Name:     "测评记录",
	TitleKey: EvalDate,
	Fields: []Field{
		{Key: EvalAgency, Label: "测评机构", Kind: KindText, Width: 20},
		{Key: EvalDate, Label: "测评日期", Kind: KindDate, Required: true, Width: 11},
		{Key: EvalReport, Label: "测评报告编号", Kind: KindText, Width: 16},
		{Key: EvalConclusion, Label: "测评结论", Kind: KindChoice, Source: ListConclusions, Choices: []string{"通过", "整改后通过", "未通过"}, Required: true, Filter: true, Width: 10},
		{Key: EvalNext, Label: "下次测评日期", Kind: KindDate, Width: 11},
		{Key: "fixes", Label: "整改情况", Kind: KindText, Optional: true, Long: true, Width: 18},
		{Key: "note", Label: "备注", Kind: KindText, Long: true, Width: 14},
	},
	Check: checkEvaluation,

	// The natural key: one record per value, matched on import.
	NaturalKey: []string{EvalDate},
}

// NextEvaluation is when a system of the given 密级 evaluated on the given
// day is due again (保守国家秘密法实施条例 2024 第三十五条): a year on for
// 绝密, two years for 机密 and 秘密.
func NextEvaluation(level string, evaluated time.Time) time.Time {
	if level == "绝密" {
		return AddYears(evaluated, 1)
	}
	return AddYears(evaluated, 2)
}

// checkEvaluation fills 下次测评日期 from the owner's 密级 unless the clerk
// set it.
func checkEvaluation(r *Record, env Env) FieldErrors {
	fe := FieldErrors{}
	if d := r.Get(EvalDate); r.Get(EvalNext) == "" && len(d) == len(DateLayout) {
		level := ""
		if env.Owner != nil {
			level = env.Owner.Get(NetLevel)
		}
		r.Set(EvalNext, FormatDate(NextEvaluation(level, StoredDate(d))))
	}
	if n, d := r.Get(EvalNext), r.Get(EvalDate); n != "" && d != "" && n <= d {
		fe[EvalNext] = "下次测评日期应晚于测评日期"
	}
	return fe
}

// Passing tells whether a 测评结论 means the system passed: 通过, 整改后通过
// or a conclusion the clerk added that says 通过 without 未 or 不.
func Passing(conclusion string) bool {
	return strings.Contains(conclusion, "通过") && !strings.Contains(conclusion, "未通过") && !strings.Contains(conclusion, "不通过")
}

// latestFields pairs the computed fields of a system with the fields of
// its latest evaluation.
var latestFields = [...][2]string{
	{NetLatestAgency, EvalAgency},
	{NetLatestDate, EvalDate},
	{NetLatestReport, EvalReport},
	{NetLatestConclusion, EvalConclusion},
	{NetLatestNext, EvalNext},
}

// deriveNetworks shows each system's latest evaluation (by 测评日期, the
// later id on the same day) in its row, and marks: for each system not
// 已停用, the next evaluation within the window or past (the latest
// evaluation's 下次测评日期, computed from its 测评日期 and the 密级 when it
// was left blank); a system in 运行中 never evaluated, due since it went
// into use; and, as standing facts, one in 运行中 that has never passed or
// whose latest evaluation failed.
func deriveNetworks(recs []*Record, rel Snapshot, env Env) {
	c := newDueCheck(env)
	latestOf := latestEvaluations(rel[Evaluations])
	changes := ByOwner(rel[Changes])
	var latestTo [len(latestFields)]fieldReader
	for i, f := range latestFields {
		latestTo[i].key = f[0]
	}
	for _, r := range recs {
		latest := latestOf[r.ID].rec
		if latest == nil {
			latest = &Record{} // no evaluation: the latest_* fields are blank
		}
		for i, f := range latestFields {
			v := latest.Get(f[1])
			if pass := latestOf[r.ID].pass; f[0] == NetLatestNext && pass != nil {
				v = pass.Get(EvalNext) // the next 测评 follows the last that passed
			}
			if v != latestTo[i].get(r) {
				latestTo[i].set(r, v)
			}
		}
		var m markSet
		status := r.Get(NetStatus)
		if status != SystemBuilding {
			// 实施条例第三十三条: used only once 审查 has passed.
			if use, ok := r.Get(NetInUse), r.Get(NetReviewedOn); use != "" && ok != "" && use < ok {
				m.add("投入使用（" + use + "）早于审查通过（" + ok + "）")
			}
		}
		if status == SystemRunning {
			if ch := changesAfter(changes[r.ID], latest.Get(EvalDate)); ch != nil {
				m.due(StoredDate(ch.Get(ChgDate)), "系统变更（"+ch.Get(ChgWhat)+"，"+ch.Get(ChgDate)+"）后应重新测评")
			}
		}
		switch {
		case status == SystemStopped:
			if r.Get(NetStopped) == "" {
				m.add("已停用未办理停用备案")
			}
		case latest.ID == 0:
			if status == SystemRunning {
				m.due(c.notAfterToday(r.Get(NetInUse)), "运行中但无测评记录")
			}
		default:
			if status == SystemRunning {
				switch {
				case !latestOf[r.ID].passed:
					m.add("运行中但无通过的测评")
				case !Passing(latest.Get(EvalConclusion)):
					m.due(c.notAfterToday(latest.Get(EvalDate)), "最近一次测评未通过（"+latest.Get(EvalDate)+"），应整改后重新测评")
				}
			}
			// The next 测评 follows the last one that passed: a failed one
			// does not put it off.
			base := latestOf[r.ID].pass
			if base == nil {
				base = latest
			}
			if next, ok := nextEvaluation(c, r, base); ok {
				m.due(next, "涉密网络下次测评（"+r.Get(NetLevel)+"，"+FormatDate(next)+"）")
			}
		}
		m.set(r)
	}
}

// nextEvaluation is when a system is next due for evaluation after its
// latest one, and whether that is within the window or past.
func nextEvaluation(c dueCheck, sys, latest *Record) (time.Time, bool) {
	if v := latest.Get(EvalNext); v != "" {
		return c.within(v)
	}
	if d := StoredDate(latest.Get(EvalDate)); !d.IsZero() {
		next := NextEvaluation(sys.Get(NetLevel), d)
		return next, c.due(next)
	}
	return time.Time{}, false
}

// latestEval is a system's latest evaluation and its 测评日期, and whether
// any of its evaluations passed.
type latestEval struct {
	rec    *Record
	date   string
	passed bool
	pass   *Record // the latest that passed, nil when none
}

// latestEvaluations finds each system's latest evaluation by 测评日期 (the
// later id on the same day), as its row shows it.
func latestEvaluations(evals []*Record) map[uint64]latestEval {
	m := map[uint64]latestEval{}
	for _, e := range evals {
		d := e.Get(EvalDate)
		l, ok := m[e.OwnerID]
		passed := l.passed || Passing(e.Get(EvalConclusion))
		if !ok || d > l.date || (d == l.date && e.ID > l.rec.ID) {
			l.rec, l.date = e, d
		}
		if Passing(e.Get(EvalConclusion)) && (l.pass == nil || d > l.pass.Get(EvalDate) || d == l.pass.Get(EvalDate) && e.ID > l.pass.ID) {
			l.pass = e
		}
		l.passed = passed
		m[e.OwnerID] = l
	}
	return m
}

// noEvaluation labels a system never evaluated.
const noEvaluation = "无测评记录"

// networkStats: the systems not 已停用 by their latest 测评结论 and 密级
// (for a year instead, the evaluations made in it, by 测评结论 and the
// system's 密级), and the systems not 已停用 by how their next evaluation
// stands today (正常, due within the reminder window, 已逾期, 无测评记录).
func networkStats(systems []*Record, snap Snapshot, env Env, year int) []StatTable {
	conclusions := Evaluations.Field(EvalConclusion).ChoicesOf(env.Settings)
	var byConclusion *crossTab
	if year == 0 {
		byConclusion = newCrossTab("涉密网络测评结论（未停用系统的最近一次测评，按密级）", "测评结论", append(slices.Clone(conclusions), noEvaluation), SecretLevels)
	} else {
		byConclusion = newCrossTab("涉密网络测评结论（"+yearTitle(year)+"开展的测评，按密级）", "测评结论", conclusions, SecretLevels)
		level := make(map[uint64]string, len(systems))
		for _, r := range systems {
			level[r.ID] = r.Get(NetLevel)
		}
		for _, e := range snap[Evaluations] {
			if inYear(e.Get(EvalDate), year) {
				byConclusion.add(e.Get(EvalConclusion), level[e.OwnerID], 1)
			}
		}
	}
	c := newDueCheck(env)
	soon := strconv.Itoa(c.window) + "天内到期"
	byDue := newCrossTab("涉密网络测评到期情况（未停用系统，按密级）", "测评状态", []string{"正常", soon, "已逾期", noEvaluation}, SecretLevels)
	latest := latestEvaluations(snap[Evaluations])
	for _, r := range systems {
		if r.Get(NetStatus) == SystemStopped {
			continue
		}
		lvl := r.Get(NetLevel)
		e, ok := latest[r.ID]
		if !ok {
			byDue.add(noEvaluation, lvl, 1)
			if year == 0 {
				byConclusion.add(noEvaluation, lvl, 1)
			}
			continue
		}
		if year == 0 {
			byConclusion.add(e.rec.Get(EvalConclusion), lvl, 1)
		}
		next := StoredDate(e.rec.Get(EvalNext))
		if d := StoredDate(e.date); next.IsZero() && !d.IsZero() {
			next = NextEvaluation(lvl, d)
		}
		switch days := DaysBetween(c.today, next); {
		case next.IsZero():
			byDue.add("未填", lvl, 1)
		case days < 0:
			byDue.add("已逾期", lvl, 1)
		case days <= c.window:
			byDue.add(soon, lvl, 1)
		default:
			byDue.add("正常", lvl, 1)
		}
	}
	return []StatTable{byConclusion.table(), byDue.table()}
}

// changesAfter is the earliest 变更 after the given 测评日期 ("" for none:
// every change counts), nil when there is none.
func changesAfter(changes []*Record, evaluated string) *Record {
	var first *Record
	for _, ch := range changes {
		if d := ch.Get(ChgDate); d > evaluated && (first == nil || d < first.Get(ChgDate)) {
			first = ch
		}
	}
	return first
}

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

// commonRules are the rules of every register.
var commonRules = []RuleBasis{
	{"各登记簿", "必填项、日期先后、编号重复等", practice, "", "重复"},
}

// Rules lists every rule that marks a record, with its source and the
// setting that changes it: what 帮助 → 规则与依据 shows and prints. Each
// register names its own (Register.Basis); the rules of every register
// come last.
func Rules(regs []*Register) []RuleBasis {
	var all []RuleBasis
	for _, reg := range withSubs(regs) {
		for _, r := range reg.Basis {
			if r.Register == "" {
				r.Register = reg.Name
			}
			all = append(all, r)
		}
	}
	return append(all, commonRules...)
}

// BasisOf names the source of the rule a mark comes from, "" when no rule
// of Rules matches its words.
func BasisOf(mark string) string {
	for _, r := range Rules(Registers()) {
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

package data

import (
	"slices"
	"time"
)

// Settings are the lists and defaults the clerk maintains (domain.md §7).
type Settings struct {
	Unit        string         `json:"unit"`           // 单位名称, used in titles
	Departments []string       `json:"departments"`    // 部门, in the clerk's order
	Declass     map[string]int `json:"declass_months"` // 脱密期 in months by 涉密等级 (一般 often 6)
	// DeclassYears is the 脱密期 in whole years as files before months kept
	// it; fill turns it into Declass.
	DeclassYears map[string]int `json:"declass,omitempty"`
	Review       map[string]int `json:"review"` // 复审 interval in years by 涉密等级
	// Lists are the editable choice lists by Field.Source (测评结论,
	// 事件类型); a missing list falls back to the field's own choices.
	Lists map[string][]string `json:"lists,omitempty"`
	// Limits are the configurable deadlines, intervals and counts by
	// Limit.Key (违规案件 初查 and 结案 limits, yearly training hours), as
	// ProgramLimits and each Register.Limits declare them.
	Limits map[string]int `json:"limits,omitempty"`
	// Window is how many days ahead a date counts as upcoming (到期提醒).
	Window int `json:"window,omitempty"`
}

// DefaultSettings are the values of a new data file.
func DefaultSettings() Settings {
	return Settings{
		Departments: []string{"办公室", "保密办", "综合处", "业务一处", "业务二处", "信息中心"},
		Declass:     map[string]int{"核心": 36, "重要": 24, "一般": 12},
		Review:      defaultReview(),
		Limits:      DefaultLimits(),
		Window:      90,
	}
}

// defaultReview are the 复审 intervals in years of a new data file. The
// 涉密人员 rules read them without DefaultSettings, which names every
// register (an initialization cycle).
func defaultReview() map[string]int {
	return map[string]int{"核心": 1, "重要": 3, "一般": 5}
}

// LimitBackupKeep is how many automatic backups are kept in 备份 (0: all).
const LimitBackupKeep = "backup.keep"

// ProgramLimits are the limits of the program itself rather than of a
// register, shown first in 设置.
func ProgramLimits() []Limit {
	return []Limit{
		{Key: LimitBackupKeep, Label: "自动备份保留份数（0 为全部保留）", Default: 14},
		{Key: LimitPasswordMin, Label: "密码最短位数", Default: 8},
		{Key: LimitLoginFailures, Label: "连续输错密码几次锁定账户（0 为不锁定）", Default: 5},
		{Key: LimitLockMinutes, Label: "账户锁定时长（分钟）", Default: 10},
		{Key: LimitIdleMinutes, Label: "无操作几分钟后锁定窗口", Default: 10},
	}
}

// DefaultLimits are the limits of a new data file: the program's and
// every register's (Register.Limits).
func DefaultLimits() map[string]int {
	m := map[string]int{}
	fillLimits(m, Registers())
	return m
}

// fillLimits adds to m the default of each limit of the program and of regs
// (sub-registers included) that m lacks.
func fillLimits(m map[string]int, regs []*Register) {
	limits := ProgramLimits()
	for _, reg := range withSubs(regs) {
		limits = append(limits, reg.Limits...)
	}
	for _, l := range limits {
		if _, ok := m[l.Key]; !ok {
			m[l.Key] = l.Default
		}
	}
}

// fill supplies defaults a stored file may lack, the limits of regs among
// them.
func (s *Settings) fill(regs []*Register) {
	d := DefaultSettings()
	if s.Declass == nil && s.DeclassYears != nil {
		s.Declass = map[string]int{}
		for k, y := range s.DeclassYears {
			s.Declass[k] = 12 * y
		}
	}
	s.DeclassYears = nil
	if s.Declass == nil {
		s.Declass = d.Declass
	}
	if s.Review == nil {
		s.Review = d.Review
	}
	for k, v := range d.Declass {
		if _, ok := s.Declass[k]; !ok {
			s.Declass[k] = v
		}
	}
	for k, v := range d.Review {
		if _, ok := s.Review[k]; !ok {
			s.Review[k] = v
		}
	}
	if s.Limits == nil {
		s.Limits = map[string]int{}
	}
	fillLimits(s.Limits, regs)
	if s.Window <= 0 {
		s.Window = d.Window
	}
}

// Validate checks the settings before they are saved.
func (s *Settings) Validate() FieldErrors {
	fe := FieldErrors{}
	seen := map[string]bool{}
	for _, d := range s.Departments {
		switch {
		case d == "":
			fe["departments"] = "部门名称不能为空"
		case seen[d]:
			fe["departments"] = "部门“" + d + "”重复"
		}
		seen[d] = true
	}
	for level, m := range s.Declass {
		if m < 0 || m > 360 {
			fe["declass."+level] = level + "涉密人员的脱密期应在0至360个月之间"
		}
	}
	for level, y := range s.Review {
		if y < 0 || y > 30 {
			fe["review."+level] = level + "涉密人员的复审间隔应在0至30年之间"
		}
	}
	return fe
}

// Clone returns a deep copy.
func (s Settings) Clone() Settings {
	c := s
	c.Departments = slices.Clone(s.Departments)
	c.Declass = cloneMap(s.Declass)
	c.Review = cloneMap(s.Review)
	c.Limits = cloneMap(s.Limits)
	c.Lists = make(map[string][]string, len(s.Lists))
	for k, v := range s.Lists {
		c.Lists[k] = slices.Clone(v)
	}
	return c
}

func cloneMap(m map[string]int) map[string]int {
	c := make(map[string]int, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// DeclassEnd is the last day of the 脱密期 that starts on start for a person
// of the given 涉密等级: start plus the level's default months.
func (s *Settings) DeclassEnd(level string, start time.Time) time.Time {
	return AddMonths(start, s.Declass[level])
}

package data

import (
	"fmt"
	"strconv"
	"strings"
)

// Training session field keys used by rules, the UI and demo data.
const (
	TrnDate      = "date"
	TrnTopic     = "topic"
	TrnForm      = "form"
	TrnDept      = "dept"
	TrnHours     = "hours"
	TrnAttendees = "attendees"
	TrnCount     = "count"
	TrnNames     = "names"
)

// TrainingForms are the 形式 of a session; 考试 sessions carry scores.
var TrainingForms = []string{"集中培训", "专题讲座", "网络培训", "警示教育", "考试"}

// LimitTrainingHours is the key of the yearly 学时 each 涉密人员 must reach
// (0: none required); the 涉密人员 rules read it.
const LimitTrainingHours = "training.min_hours"

// trainingMinHours is the yearly minimum of 学时 with its label and default.
var trainingMinHours = Limit{Key: LimitTrainingHours, Label: "每人每年最低学时（0 为不要求）", Default: 0}

// Training is the 教育培训 register (domain.md §6): one record per session,
// its attendees chosen from 涉密人员 (ids, each with an optional 考试成绩).
var Training = &Register{
	Key:      "training",
	Name:     "教育培训",
	Icon:     "document",
	Limits:   []Limit{trainingMinHours},
	TitleKey: TrnTopic,
	Fields: []Field{
		{Key: TrnDate, Label: "培训日期", Kind: KindDate, Required: true, Width: 11},
		{Key: TrnTopic, Label: "培训主题", Kind: KindText, Required: true, Width: 26},
		{Key: TrnForm, Label: "形式", Kind: KindChoice, Choices: TrainingForms, Required: true, Filter: true, Width: 9},
		{Key: TrnDept, Label: "组织部门", Kind: KindChoice, Source: ChoiceDepartments, Filter: true, Width: 11},
		{Key: "lecturer", Label: "授课人", Kind: KindText, Width: 14},
		{Key: TrnHours, Label: "学时", Kind: KindNumber, Required: true, Width: 5},
		// The ids are kept hidden; the table and the export show the names.
		{Key: TrnAttendees, Label: "参加人员", Aliases: []string{"参加人员名单"}, Kind: KindPeople, Hidden: true, Width: 30},
		{Key: TrnNames, Label: "参加人员名单", Kind: KindText, Computed: true, Width: 30},
		{Key: TrnCount, Label: "参加人数", Kind: KindNumber, Computed: true, Width: 6},
		{Key: "place", Label: "材料/证明存放位置", Kind: KindText, Width: 18},
		{Key: "note", Label: "备注", Kind: KindText, Long: true, Width: 14},
	},
	Check: func(r *Record, env Env) FieldErrors {
		fe := FieldErrors{}
		if h, err := strconv.ParseFloat(r.Get(TrnHours), 64); err == nil && (h <= 0 || h > 1000) {
			fe[TrnHours] = "学时应大于0且不超过1000"
		}
		return fe
	},
	Stats: trainingStats,
	Derive: func(recs []*Record, rel Snapshot, _ Env) {
		names := personNames(rel.People(), len(recs))
		for _, r := range recs {
			r.Set(TrnCount, strconv.Itoa(countPeople(r.Get(TrnAttendees))))
			r.Set(TrnNames, attendeeNames(r.Get(TrnAttendees), names))
		}
	},

	// The natural key: one record per value, matched on import.
	NaturalKey: []string{TrnDate, TrnTopic},
}

// attendeeNames lists the attendees by name, with a score in brackets.
func attendeeNames(v string, names *nameIndex) string {
	if id, err := strconv.ParseUint(v, 10, 64); err == nil && id != 0 {
		// one person without a score (a 保管人, a 责任人): no list to parse
		if n, ok := names.name(id); ok {
			return n
		}
		return "（已删除人员）"
	}
	people, _ := ParsePeople(v)
	parts := make([]string, 0, len(people))
	for _, a := range people {
		n, ok := names.name(a.ID)
		if !ok {
			n = "（已删除人员）"
		}
		if a.Score != "" {
			n += "（" + a.Score + "）"
		}
		parts = append(parts, n)
	}
	return strings.Join(parts, "、")
}

// sessionHours reads a session's 学时; a bad value counts as 0.
func sessionHours(r *Record) float64 {
	h, err := strconv.ParseFloat(r.Get(TrnHours), 64)
	if err != nil {
		return 0
	}
	return h
}

// SessionsOf returns the training sessions of the given year (every year
// when year is 0) that the person attended, in the order given, and their
// total 学时.
func SessionsOf(personID uint64, sessions []*Record, year int) (attended []*Record, hours float64) {
	for _, s := range sessions {
		if year != 0 && StoredDate(s.Get(TrnDate)).Year() != year {
			continue
		}
		if attends(s.Get(TrnAttendees), personID) {
			attended = append(attended, s)
			hours += sessionHours(s)
		}
	}
	return attended, hours
}

// yearHours sums, by person id, the 学时 of the sessions of the given year
// held up to and including the day last (a stored date).
func yearHours(sessions []*Record, year int, last string) map[uint64]float64 {
	prefix := strconv.Itoa(year) + "-"
	m := map[uint64]float64{}
	for _, s := range sessions {
		d := s.Get(TrnDate)
		if !strings.HasPrefix(d, prefix) || d > last {
			continue
		}
		h := sessionHours(s)
		eachAttendee(s.Get(TrnAttendees), func(idText, _ string) bool {
			if id, err := strconv.ParseUint(idText, 10, 64); err == nil {
				m[id] += h
			}
			return true
		})
	}
	return m
}

// deletedPerson labels the attendees whose person record is gone.
const deletedPerson = "（人员已删除）"

// trainingStats sums the training by the attendees' 部门: 场次 (the sessions
// with at least one attendee of the 部门), 人次 and 学时 (each attendee
// counts the session's 学时); for a year, the sessions held in it.
func trainingStats(held []*Record, snap Snapshot, env Env, year int) []StatTable {
	var depts []string
	if env.Settings != nil {
		depts = env.Settings.Departments
	}
	const sessionsCol, attendancesCol, hoursCol = "场次", "人次", "学时"
	t := newCrossTab(statTitle("保密教育培训", year, "", "按参加人员部门"), "部门", depts, []string{sessionsCol, attendancesCol, hoursCol})
	deptOf := make(map[uint64]string, len(snap.People()))
	for _, p := range snap.People() {
		deptOf[p.ID] = p.Get(PsnDept)
	}
	sessions, attendances, hours := 0, 0, 0.0
	for _, s := range held {
		if !inYear(s.Get(TrnDate), year) {
			continue
		}
		sessions++
		h := sessionHours(s)
		people, _ := ParsePeople(s.Get(TrnAttendees))
		seen := map[string]bool{}
		for _, a := range people {
			dept, ok := deptOf[a.ID]
			switch {
			case !ok:
				dept = deletedPerson
			case dept == "":
				dept = "未填"
			}
			if !seen[dept] {
				seen[dept] = true
				t.add(dept, sessionsCol, 1)
			}
			t.add(dept, attendancesCol, 1)
			t.add(dept, hoursCol, h)
			attendances++
			hours += h
		}
	}
	table := t.table()
	if sessions > 0 {
		table.Note = fmt.Sprintf("共举办培训 %d 场，%d 人次，%s 学时（一场培训有几个部门人员参加的，各部门各计 1 场次）", sessions, attendances, FormatCount(hours))
	}
	return []StatTable{table}
}

package data

import (
	"strconv"
	"testing"
	"time"
)

func TestTrainingCheck(t *testing.T) {
	for _, tc := range []struct {
		name          string
		r             *Record
		wantAttendees string
		want          map[string]string
	}{
		{name: "valid", r: testSession("2025-03-01", "2", "3,1:95,2"), wantAttendees: "3,1:95,2"},
		{name: "spaces and duplicates", r: testSession("2025-03-01", "1.5", " 3, 1:95 ,3"), wantAttendees: "3,1:95"},
		{name: "no attendees", r: testSession("2025-03-01", "2", "")},
		{name: "zero hours", r: testSession("2025-03-01", "0", "1"), wantAttendees: "1", want: map[string]string{TrnHours: "学时应大于0"}},
		{name: "hours not a number", r: testSession("2025-03-01", "两", "1"), wantAttendees: "1", want: map[string]string{TrnHours: "学时应为数字"}},
		{name: "hours required", r: testSession("2025-03-01", "", "1"), wantAttendees: "1", want: map[string]string{TrnHours: "请填写学时"}},
		{name: "bad attendee", r: testSession("2025-03-01", "2", "1,张三"), wantAttendees: "1,张三", want: map[string]string{TrnAttendees: "参加人员记录格式不正确"}},
		{name: "bad score", r: testSession("2025-03-01", "2", "1:优"), wantAttendees: "1:优", want: map[string]string{TrnAttendees: "考试成绩"}},
		{name: "topic required", r: with(testSession("2025-03-01", "2", "1"), TrnTopic, ""), wantAttendees: "1", want: map[string]string{TrnTopic: "请填写培训主题"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkErrors(t, Validate(Training, tc.r, testEnv()), tc.want)
			if got := tc.r.Get(TrnAttendees); got != tc.wantAttendees {
				t.Errorf("参加人员: got %q, want %q", got, tc.wantAttendees)
			}
		})
	}
}

func TestTrainingCount(t *testing.T) {
	for _, tc := range []struct{ attendees, want string }{
		{"", "0"}, {"5", "1"}, {"5:90,6,7:60", "3"},
	} {
		r := testSession("2025-03-01", "2", tc.attendees)
		Training.Derive([]*Record{r}, nil, testEnv())
		if got := r.Get(TrnCount); got != tc.want {
			t.Errorf("参加人数 of %q: got %q, want %q", tc.attendees, got, tc.want)
		}
	}
}

func TestSessionsOf(t *testing.T) {
	sessions := []*Record{
		testSession("2024-11-20", "3", "1,2,12"),
		testSession("2025-01-10", "2", "12:88,112"),
		testSession("2025-05-10", "1.5", "2,12"),
		testSession("2025-06-01", "4", "112,121,1"),
	}
	for _, tc := range []struct {
		id        uint64
		year      int
		wantCount int
		wantHours float64
	}{
		{12, 2025, 2, 3.5},
		{12, 2024, 1, 3},
		{12, 0, 3, 6.5},
		{1, 2025, 1, 4},
		{112, 2025, 2, 6},
		{121, 2024, 0, 0},
		{99, 0, 0, 0},
	} {
		t.Run(strconv.FormatUint(tc.id, 10)+"/"+strconv.Itoa(tc.year), func(t *testing.T) {
			got, hours := SessionsOf(tc.id, sessions, tc.year)
			if len(got) != tc.wantCount || hours != tc.wantHours {
				t.Errorf("SessionsOf(%d, %d): got %d sessions, %v 学时, want %d, %v", tc.id, tc.year, len(got), hours, tc.wantCount, tc.wantHours)
			}
		})
	}
}

func TestPersonnelMarks(t *testing.T) {
	person := func(id uint64, status string, kv ...string) *Record {
		r := with(minimalPerson("11010519491231002X"), append([]string{PsnStatus, status}, kv...)...)
		r.ID = id
		return r
	}
	sessions := []*Record{
		testSession("2024-12-10", "8", "1,2,3,4"),
		testSession("2025-03-01", "2", "2,3:90"),
		testSession("2025-11-20", "4", "3"),
		testSession("2025-12-20", "4", "4"), // not held yet on 1 December
		testSession("2025-05-01", "1.2", "6"),
		testSession("2025-06-01", "2.4", "6"),
	}
	const none = "本年度未参加保密教育培训"
	for _, tc := range []struct {
		name     string
		today    string
		minHours int
		r        *Record
		want     []string
	}{
		{name: "no training, 30 November", today: "2025-11-30", r: person(1, StatusInPost)},
		{name: "no training this year, 1 December", today: "2025-12-01", r: person(1, StatusInPost), want: []string{none}},
		{name: "no training, 31 December", today: "2025-12-31", r: person(9, StatusInPost), want: []string{none, "在岗未参加岗前保密教育培训（实施条例第五十条）"}},
		{name: "在岗 without 上岗审查 and 承诺书 (art. 50)", today: "2025-06-15", r: person(1, StatusInPost, "vetted", "", "pledge", ""), want: []string{"在岗未经上岗保密审查（实施条例第五十条）", "在岗未签订保密承诺书（实施条例第五十条）"}},
		{name: "离岗 needs no 上岗 steps", today: "2025-06-15", r: with(person(9, StatusDeclass, "vetted", "", "pledge", "", PsnLeft, "2025-06-01", PsnDeclassFrom, "2025-06-01", PsnDeclassTo, "2026-06-01"), leaveStepsDone...)},
		{name: "trained this year", today: "2025-12-01", r: person(2, StatusInPost)},
		{name: "session later in December not held yet", today: "2025-12-01", r: person(4, StatusInPost), want: []string{none}},
		{name: "session later in December held", today: "2025-12-20", r: person(4, StatusInPost)},
		{name: "too few 学时", today: "2025-12-01", minHours: 4, r: person(2, StatusInPost), want: []string{"本年度学时不足4（已完成2）"}},
		{name: "学时 summed to two decimals", today: "2025-12-01", minHours: 6, r: person(6, StatusInPost), want: []string{"本年度学时不足6（已完成3.6）"}},
		{name: "enough 学时", today: "2025-12-01", minHours: 4, r: person(3, StatusInPost)},
		{name: "too few 学时, November", today: "2025-11-30", minHours: 4, r: person(2, StatusInPost)},
		{name: "not in post", today: "2025-12-01", r: person(1, StatusDeclassed)},
		{name: "脱密期止 passed", today: "2025-06-15", r: with(person(5, StatusDeclass, PsnLeft, "2024-06-14", PsnDeclassFrom, "2024-06-14", PsnDeclassTo, "2025-06-14"), leaveStepsDone...), want: []string{"脱密期已于2025-06-14届满，应转为已脱密"}},
		{name: "脱密期止 today", today: "2025-06-15", r: with(person(5, StatusDeclass, PsnLeft, "2024-06-15", PsnDeclassFrom, "2024-06-15", PsnDeclassTo, "2025-06-15"), leaveStepsDone...), want: []string{"脱密期将于2025-06-15届满"}},
		{name: "离岗 without its art. 53 steps", today: "2025-06-15", r: person(5, StatusDeclass, PsnLeft, "2025-06-01", PsnDeclassFrom, "2025-06-01", PsnDeclassTo, "2026-06-01", PsnLeaveTalk, "2025-06-01", PsnLeaveAccess, "2025-06-02"), want: []string{"离岗未记录离岗保密承诺书、清退涉密载体（实施条例第五十三条）"}},
		{name: "离岗 migrated without 离岗日期", today: "2025-06-15", r: with(person(5, StatusDeclass, PsnLeaveReason, "退休"), leaveStepsDone...), want: []string{"离岗日期不详，脱密期未计算"}},
		{name: "已脱密", today: "2025-06-15", r: person(5, StatusDeclassed, PsnLeft, "2020-06-14", PsnDeclassFrom, "2020-06-14", PsnDeclassTo, "2021-06-14")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := envOn(tc.today)
			env.Settings.Limits[LimitTrainingHours] = tc.minHours
			r := tc.r.Clone()
			Personnel.Derive([]*Record{r}, Snapshot{Training: sessions}, env)
			checkMarks(t, r, tc.want...)
		})
	}
}

// TestPersonnelMarksLoad loads persons through the store, before and after
// 1 December, with the sessions of the 教育培训 register.
func TestPersonnelMarksLoad(t *testing.T) {
	const untrained = "在岗未参加岗前保密教育培训（实施条例第五十条）"
	s := mustOpenStore(t)
	a, b := simplePerson("甲", "办公室", 1), simplePerson("乙", "办公室", 2)
	mustSave(t, s, Personnel, a)
	mustSave(t, s, Personnel, b)
	mustSave(t, s, Training, testSession("2025-03-01", "2", strconv.FormatUint(a.ID, 10)))
	for _, tc := range []struct {
		now   time.Time
		wantB string
	}{
		{time.Date(2025, 11, 30, 23, 0, 0, 0, time.UTC), untrained},
		{time.Date(2025, 12, 1, 8, 0, 0, 0, time.UTC), "本年度未参加保密教育培训；" + untrained},
	} {
		setClock(s, tc.now)
		recs, err := s.Load(Personnel, 0)
		if err != nil || len(recs) != 2 {
			t.Fatalf("Load: got %d, %v, want 2 persons", len(recs), err)
		}
		if got := recs[0].Get(KeyMarks); got != "" {
			t.Errorf("%s, trained: got %q, want no mark", FormatDate(tc.now), got)
		}
		if got := recs[1].Get(KeyMarks); got != tc.wantB {
			t.Errorf("%s, not trained: got %q, want %q", FormatDate(tc.now), got, tc.wantB)
		}
	}
	sessions, err := s.Load(Training, 0)
	if err != nil || len(sessions) != 1 || sessions[0].Get(TrnCount) != "1" {
		t.Errorf("Load training: got %v, %v, want 1 session with 参加人数 1", sessions, err)
	}
}

package data

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The helpers of this package's tests. The exported ones at the end serve
// the external tests (package data_test), which run on demo files.

// testNow is the fixed clock of test stores: today is 2025-06-15.
var testNow = time.Date(2025, 6, 15, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))

const testOperator = "测试员"

// mustOpenStore opens a new data file in a temporary directory with the
// fixed clock testNow and the operator 测试员; it is closed at cleanup.
func mustOpenStore(tb testing.TB) *Store {
	tb.Helper()
	return mustOpenStoreAt(tb, filepath.Join(tb.TempDir(), "台账.db"))
}

// mustOpenStoreAt opens (or creates) the data file at path like mustOpenStore.
func mustOpenStoreAt(tb testing.TB, path string) *Store {
	tb.Helper()
	s, err := Open(path, 500*time.Millisecond)
	if err != nil {
		tb.Fatalf("Open(%s): got error %v, want a store", path, err)
	}
	setClock(s, testNow)
	s.Operator = testOperator
	s.kdf = testKDF
	tb.Cleanup(func() { s.Close() })
	return s
}

// setClock moves a store's clock, and its wall clock with it.
func setClock(s *Store, t time.Time) {
	s.Now = func() time.Time { return t }
	s.Wall = s.Now
}

// testKDF makes argon2id cheap in tests: the cost is not what they test.
var testKDF = kdfParams{Time: 1, Memory: 1024, Threads: 1}

// checkDueOrder checks that items are overdue first, then by date, each
// with Days counted from today and within the window.
func checkDueOrder(t *testing.T, items []DueItem, env Env) {
	t.Helper()
	seenUpcoming := false
	for i, it := range items {
		if it.Days != DaysBetween(env.Today, it.Date) {
			t.Fatalf("item %d: Days %d, want %d", i, it.Days, DaysBetween(env.Today, it.Date))
		}
		if it.Days > env.Window() && !strings.HasPrefix(it.What, "资质有效期早于项目结束日期") {
			t.Fatalf("item %d beyond the window: %s", i, dueLine(it))
		}
		if it.Overdue() && seenUpcoming {
			t.Fatalf("item %d overdue after an upcoming one: %s", i, dueLine(it))
		}
		seenUpcoming = seenUpcoming || !it.Overdue()
		if i > 0 && it.Date.Before(items[i-1].Date) {
			t.Fatalf("item %d out of date order: %s after %s", i, dueLine(it), dueLine(items[i-1]))
		}
	}
}

// Exported for the external tests.
var (
	TestNow       = testNow
	MustOpenStore = mustOpenStore
	SetClock      = setClock
	CheckDueOrder = checkDueOrder
	AllRegisters  = allRegisters
)

// testCase is a valid case in 初查, reported the day it was found.
func testCase() *Record {
	return rec(
		CaseSource, "检查发现",
		CaseFound, "2025-06-10",
		CaseHappened, "2025-06-01",
		CaseParty, "李明",
		CaseDept, "业务一处",
		CaseLevel, "秘密",
		CaseType, "违规存储处理涉密信息",
		CaseSummary, "当事人在非涉密计算机上起草涉密文件",
		CaseReported, "2025-06-10",
		CaseStatus, CaseInquiry,
	)
}

// dueToday is the today of the reminder tests, 2025-06-15; the default
// window of 90 days ends on 2025-09-13.
var dueToday = Day(testNow)

// dayAt is the stored date n days from dueToday.
func dayAt(n int) string { return FormatDate(dueToday.AddDate(0, 0, n)) }

// withID gives a record its id, and its owner's for a sub-record.
func withID(r *Record, id, owner uint64) *Record {
	r.ID, r.OwnerID = id, owner
	return r
}

func dueLine(it DueItem) string {
	s := fmt.Sprintf("#%d %s|%s|%s|%s|%d", it.RecordID, it.Record, it.What, it.Dept, FormatDate(it.Date), it.Days)
	if it.Action != "" {
		s += "|" + it.Action
	}
	return s
}

// runDue checks the reminders of each case, all of them of reg.
func runDue(t *testing.T, reg *Register, cases []dueCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := DefaultSettings()
			if tc.set != nil {
				tc.set(&st)
			}
			env := Env{Settings: &st, Today: dueToday}
			if tc.today != "" {
				env.Today = StoredDate(tc.today)
			}
			var got []string
			for _, it := range DueItems(tc.snap, env) {
				if it.Register != reg {
					t.Errorf("%s: register %v, want %s", dueLine(it), it.Register.Key, reg.Key)
				}
				got = append(got, dueLine(it))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %d items:\n\t%s\nwant %d:\n\t%s", len(got), joinLines(got), len(tc.want), joinLines(tc.want))
			}
		})
	}
}

func joinLines(lines []string) string {
	s := ""
	for i, l := range lines {
		if i > 0 {
			s += "\n\t"
		}
		s += l
	}
	return s
}

func duePerson(id uint64, status, level string, kv ...string) *Record {
	r := rec(append([]string{PsnName, "张晓红" + strconv.FormatUint(id, 10), PsnDept, "办公室", PsnLevel, level, PsnStatus, status}, kv...)...)
	return withID(r, id, 0)
}

// parsedDate reads a stored date with time.Parse: what StoredDate, which
// does without it, must agree with.
func parsedDate(v string) time.Time {
	t, err := time.Parse(DateLayout, v)
	if err != nil {
		return time.Time{}
	}
	return t
}

// validID builds a valid number from its first 17 digits.
func validID(first17 string) string { return first17 + string(IDCheckChar(first17)) }

func testFinding(status, deadline string) *Record {
	return rec(FndCategory, "涉密载体管理", FndDesc, "涉密文件登记台账与实物不符", FndDept, "办公室", FndDeadline, deadline, FndStatus, status)
}

// findingDue is the mark of the test finding (testFinding) with the given
// 整改期限.
func findingDue(deadline string) string {
	return "整改期限" + deadline + "（涉密载体管理）：涉密文件登记台账与实物不符"
}

// testEnv is the default settings and the fixed today of the tests.
func testEnv() Env {
	st := DefaultSettings()
	return Env{Settings: &st, Today: Day(testNow)}
}

// minimalPerson is a valid person in post with only the required fields.
func minimalPerson(id string) *Record {
	r := NewRecord()
	r.Set(PsnName, "张晓红")
	r.Set(PsnIDNo, id)
	r.Set(PsnDept, "办公室")
	r.Set(PsnLevel, "一般")
	r.Set(PsnStatus, StatusInPost)
	onboarded(r)
	return r
}

// envOn is the default settings with today set to the given day.
func envOn(day string) Env {
	st := DefaultSettings()
	return Env{Settings: &st, Today: StoredDate(day)}
}

// rec builds a record from key, value pairs.
func rec(kv ...string) *Record {
	r := NewRecord()
	for i := 0; i+1 < len(kv); i += 2 {
		r.Set(kv[i], kv[i+1])
	}
	return r
}

// with returns a copy of r with the given key, value pairs set ("" clears).
func with(r *Record, kv ...string) *Record {
	c := r.Clone()
	for i := 0; i+1 < len(kv); i += 2 {
		c.Set(kv[i], kv[i+1])
	}
	return c
}

// checkMarks compares a record's 提示 with the reasons wanted, in order.
func checkMarks(t *testing.T, r *Record, want ...string) {
	t.Helper()
	if got := r.Get(KeyMarks); got != strings.Join(want, "；") {
		t.Errorf("提示: got %q, want %q", got, strings.Join(want, "；"))
	}
}

// checkErrors compares the errors of Validate with the wanted ones, each
// given as a part of its message.
func checkErrors(t *testing.T, fe FieldErrors, want map[string]string) {
	t.Helper()
	for k, part := range want {
		if !strings.Contains(fe[k], part) {
			t.Errorf("error on %s: got %q, want one containing %q", k, fe[k], part)
		}
	}
	if len(fe) != len(want) {
		t.Errorf("errors: got %v, want only %v", fe, want)
	}
}

// testProject is a valid project in 实施中 that no rule marks on 2025-06-15.
func testProject() *Record {
	return rec(
		PrjName, "应急指挥业务系统涉密信息系统集成项目",
		PrjLevel, "机密",
		"category", "服务",
		PrjDept, "信息中心",
		PrjContractor, "北京华盾信息技术有限公司",
		PrjQualType, "涉密信息系统集成",
		PrjQualGrade, "甲级",
		"qual_no", "JCJ112000356",
		PrjQualExpires, "2027-12-31",
		PrjQualChecked, "2024-12-20",
		PrjAgreement, "2025-01-05",
		PrjStart, "2025-01-10",
		PrjEnd, "2026-06-30",
		PrjStatus, ProjectRunning,
	)
}

func names(recs []*Record) string {
	var s []string
	for _, r := range recs {
		s = append(s, r.Get(PsnName))
	}
	return strings.Join(s, ",")
}

// statText writes a table as text: the title, the heading row, one line per
// row, then the note.
func statText(t StatTable) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s|%s\n", t.Title, t.RowHead, strings.Join(t.Cols, " "))
	for i, r := range t.Rows {
		vals := make([]string, len(t.Cols))
		for j := range t.Cols {
			vals[j] = FormatCount(t.Cells[i][j])
		}
		fmt.Fprintf(&b, "%s|%s\n", r, strings.Join(vals, " "))
	}
	if t.Note != "" {
		b.WriteString(t.Note + "\n")
	}
	return b.String()
}

// checkStat compares tables with the text wanted, each as statText writes it.
func checkStat(t *testing.T, got []StatTable, want ...string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d tables, want %d", len(got), len(want))
	}
	for i := range got {
		if g := statText(got[i]); g != strings.TrimLeft(want[i], "\n") {
			t.Errorf("table %d:\n got:\n%s\nwant:\n%s", i, g, strings.TrimLeft(want[i], "\n"))
		}
	}
}

// testPerson is a valid person with every field of the register set, some
// in the forms a clerk types; testPersonStored is the same as stored.
func testPerson() *Record {
	r := NewRecord()
	typed := testPersonStored()
	for k, v := range map[string]string{ // as a clerk types them
		PsnName:      " 张晓红 ",
		PsnBirth:     "1949/12/31",
		PsnIDNo:      "11010519491231002x",
		"confirmed":  "2010年3月1日",
		"vetted":     "2010.2.15",
		"pledge":     "20100301",
		PsnReviewed:  "２０２３－０３－０１",
		PsnLeaveTalk: "2025/1/8",
	} {
		typed[k] = v
	}
	for k, v := range typed {
		r.Set(k, v)
	}
	return r
}

func testPersonStored() map[string]string {
	return map[string]string{
		PsnName:         "张晓红",
		PsnGender:       "女",
		PsnBirth:        "1949-12-31",
		PsnIDNo:         "11010519491231002X",
		PsnDept:         "保密办",
		"title":         "副处长",
		"post":          "机要员",
		PsnLevel:        "重要",
		"confirmed":     "2010-03-01",
		"vetted":        "2010-02-15",
		"pledge":        "2010-03-01",
		PsnReviewed:     "2023-03-01",
		PsnStatus:       StatusDeclass,
		PsnLeft:         "2025-01-10",
		PsnDeclassFrom:  "2025-01-10",
		PsnDeclassTo:    "2027-01-10",
		"ethnic":        "汉族",
		"party":         "中共党员",
		"phone":         "13800138000",
		"education":     "大学本科",
		"declass_unit":  "本单位保密办",
		"note":          "已签订离岗保密承诺书",
		PsnLeaveReason:  "调离",
		PsnLeaveTalk:    "2025-01-08",
		PsnLeavePledge:  "2025-01-10",
		PsnLeaveCarrier: "2025-01-10",
		PsnLeaveAccess:  "2025-01-10",
	}
}

// simplePerson is a valid person in post, named and numbered as given.
func simplePerson(name, dept string, seq int) *Record {
	first17 := fmt.Sprintf("31010419850601%03d", (seq*2+1)%1000) // a man born 1985-06-01
	r := NewRecord()
	r.Set(PsnName, name)
	r.Set(PsnIDNo, first17+string(IDCheckChar(first17)))
	r.Set(PsnDept, dept)
	r.Set(PsnLevel, "一般")
	r.Set(PsnStatus, StatusInPost)
	onboarded(r)
	return r
}

func testPassport(owner uint64, number string) *Record {
	r := NewRecord()
	r.OwnerID = owner
	r.Set("type", "护照")
	r.Set("number", number)
	r.Set("issued", "2020-01-01")
	r.Set("expires", "2029-12-31")
	r.Set("custody", "集中保管")
	return r
}

func testTrip(owner uint64) *Record {
	r := NewRecord()
	r.OwnerID = owner
	r.Set("out", "2025-01-20")
	r.Set("back", "2025-01-30")
	r.Set("destination", "日本")
	return r
}

func mustSave(tb testing.TB, s *Store, reg *Register, r *Record) {
	tb.Helper()
	if err := s.Save(reg, r); err != nil {
		tb.Fatalf("Save %s: got error %v, want nil", reg.Key, err)
	}
}

func testSession(date, hours, attendees string) *Record {
	return rec(TrnDate, date, TrnTopic, "新修订《保守国家秘密法》学习培训", TrnForm, "集中培训", TrnDept, "保密办", TrnHours, hours, TrnAttendees, attendees)
}

// leaveStepsDone dates every 离岗 step of 实施条例第五十三条 (with's pairs).
var leaveStepsDone = []string{PsnLeaveTalk, "2024-06-01", PsnLeavePledge, "2024-06-01", PsnLeaveCarrier, "2024-06-02", PsnLeaveAccess, "2024-06-02"}

// onboarded gives a person in post the 上岗保密审查 and 保密承诺书 of
// 实施条例第五十条, lately enough that no 复审 is due (岗前培训 is the training
// register's).
func onboarded(r *Record) {
	r.Set("vetted", "2025-01-02")
	r.Set("pledge", "2025-01-03")
}

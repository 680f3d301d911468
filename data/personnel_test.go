package data

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestPersonGenderAndBirthFromID(t *testing.T) {
	for _, tc := range []struct {
		name          string
		id            string
		gender, birth string // as typed
		wantGender    string
		wantBirth     string
		wantErr       map[string]string // key → part of the message
	}{
		{name: "filled from a female id", id: "11010519491231002X", wantGender: "女", wantBirth: "1949-12-31"},
		{name: "filled from a lower-case id", id: "11010519491231002x", wantGender: "女", wantBirth: "1949-12-31"},
		{name: "filled from a male id", id: validID("44030519850706123"), wantGender: "男", wantBirth: "1985-07-06"},
		{name: "agreeing values kept", id: "11010519491231002X", gender: "女", birth: "1949年12月31日", wantGender: "女", wantBirth: "1949-12-31"},
		{name: "same month completed to the day", id: "11010519491231002X", birth: "1949-12-01", wantGender: "女", wantBirth: "1949-12-31"},
		{name: "gender disagrees", id: "11010519491231002X", gender: "男", wantErr: map[string]string{PsnGender: "性别与身份证号码不符"}},
		{name: "birth disagrees", id: "11010519491231002X", birth: "1950-01-01", wantErr: map[string]string{PsnBirth: "出生年月与身份证号码不符"}},
		{name: "both disagree", id: validID("44030519850706123"), gender: "女", birth: "1985-08-06", wantErr: map[string]string{PsnGender: "应为男", PsnBirth: "应为1985-07-06"}},
		{name: "bad id fills nothing", id: "110105194912310021", wantErr: map[string]string{PsnIDNo: "校验位"}},
		{name: "missing id", id: "", wantErr: map[string]string{PsnIDNo: "请填写身份证号码"}},
		{name: "bad birth date", id: "11010519491231002X", birth: "1949-02-30", wantErr: map[string]string{PsnBirth: "日期不存在"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := minimalPerson(tc.id)
			r.Set(PsnGender, tc.gender)
			r.Set(PsnBirth, tc.birth)
			fe := Validate(Personnel, r, testEnv())
			if len(tc.wantErr) == 0 {
				if len(fe) > 0 {
					t.Fatalf("Validate: got %v, want no errors", fe)
				}
				if got := r.Get(PsnGender); got != tc.wantGender {
					t.Errorf("性别: got %q, want %q", got, tc.wantGender)
				}
				if got := r.Get(PsnBirth); got != tc.wantBirth {
					t.Errorf("出生年月: got %q, want %q", got, tc.wantBirth)
				}
				return
			}
			for k, part := range tc.wantErr {
				if !strings.Contains(fe[k], part) {
					t.Errorf("error on %s: got %q, want one containing %q", k, fe[k], part)
				}
			}
			if len(fe) != len(tc.wantErr) {
				t.Errorf("errors: got %v, want only on %v", fe, tc.wantErr)
			}
			if tc.gender == "" && fe[PsnIDNo] != "" && r.Get(PsnGender) != "" {
				t.Errorf("性别 with a bad id: got %q, want it left empty", r.Get(PsnGender))
			}
		})
	}
}

func TestPersonRules(t *testing.T) {
	for _, tc := range []struct {
		name    string
		set     map[string]string
		wantErr map[string]string // key → part of the message; empty: valid
	}{
		{"in post needs no dates", map[string]string{}, nil},
		{"离岗脱密期 needs its dates", map[string]string{PsnStatus: StatusDeclass},
			map[string]string{PsnLeft: "离岗日期", PsnDeclassFrom: "脱密期起", PsnDeclassTo: "脱密期止"}},
		{"离岗脱密期 needs 脱密期止", map[string]string{PsnStatus: StatusDeclass, PsnLeft: "2025-01-01", PsnDeclassFrom: "2025-01-01"},
			map[string]string{PsnDeclassTo: "离岗脱密期人员应填写脱密期止"}},
		{"离岗脱密期 complete", map[string]string{PsnStatus: StatusDeclass, PsnLeft: "2025-01-01", PsnDeclassFrom: "2025-01-01", PsnDeclassTo: "2026/1/1"}, nil},
		{"脱密期止 before 起", map[string]string{PsnStatus: StatusDeclass, PsnLeft: "2025-01-01", PsnDeclassFrom: "2025-01-01", PsnDeclassTo: "2024-12-31"},
			map[string]string{PsnDeclassTo: "脱密期止不能早于脱密期起"}},
		{"脱密期起 before 离岗日期", map[string]string{PsnStatus: StatusDeclassed, PsnLeft: "2025-01-02", PsnDeclassFrom: "2025-01-01", PsnDeclassTo: "2026-01-01"},
			map[string]string{PsnDeclassFrom: "脱密期起不能早于离岗日期"}},
		{"已脱密 without dates", map[string]string{PsnStatus: StatusDeclassed}, nil},
		{"unknown status", map[string]string{PsnStatus: "借调"}, map[string]string{PsnStatus: "应从列表中选择"}},
		{"unknown level", map[string]string{PsnLevel: "绝密"}, map[string]string{PsnLevel: "应从列表中选择"}},
		{"department not in settings", map[string]string{PsnDept: "外单位"}, map[string]string{PsnDept: "应从列表中选择"}},
		{"missing name and level", map[string]string{PsnName: " ", PsnLevel: ""}, map[string]string{PsnName: "请填写姓名", PsnLevel: "请填写涉密等级"}},
		{"bad optional choice", map[string]string{"education": "博士"}, map[string]string{"education": "应从列表中选择"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := minimalPerson("11010519491231002X")
			for k, v := range tc.set {
				r.Set(k, v)
			}
			fe := Validate(Personnel, r, testEnv())
			for k, part := range tc.wantErr {
				if !strings.Contains(fe[k], part) {
					t.Errorf("error on %s: got %q, want one containing %q", k, fe[k], part)
				}
			}
			if len(fe) != len(tc.wantErr) {
				t.Errorf("errors: got %v, want only %v", fe, tc.wantErr)
			}
		})
	}
}

func TestLeave(t *testing.T) {
	changed := DefaultSettings()
	changed.Declass["核心"] = 60
	changed.Declass["一般"] = 0
	half := DefaultSettings()
	half.Declass["一般"] = 6
	for _, tc := range []struct {
		name     string
		settings Settings
		level    string
		day      string
		want     string // 脱密期止
	}{
		{"核心 default 3 years", DefaultSettings(), "核心", "2024-05-01", "2027-05-01"},
		{"重要 default 2 years", DefaultSettings(), "重要", "2024-05-01", "2026-05-01"},
		{"一般 default 1 year", DefaultSettings(), "一般", "2024-05-01", "2025-05-01"},
		{"year end", DefaultSettings(), "重要", "2024-12-31", "2026-12-31"},
		{"leap day to a common year", DefaultSettings(), "一般", "2024-02-29", "2025-02-28"},
		{"leap day to a leap year", DefaultSettings(), "核心", "2025-02-28", "2028-02-28"},
		{"leap day four years on", changed, "核心", "2024-02-29", "2029-02-28"},
		{"核心 changed to 60 months", changed, "核心", "2024-05-01", "2029-05-01"},
		{"重要 unchanged", changed, "重要", "2024-05-01", "2026-05-01"},
		{"一般 changed to 0", changed, "一般", "2024-05-01", "2024-05-01"},
		{"一般 6 months", half, "一般", "2024-05-01", "2024-11-01"},
		{"一般 6 months from 31 August", half, "一般", "2024-08-31", "2025-02-28"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := minimalPerson("11010519491231002X")
			r.Set(PsnLevel, tc.level)
			day, err := ParseDate(tc.day)
			if err != nil {
				t.Fatal(err)
			}
			Leave(r, day, "调离", &tc.settings)
			for k, want := range map[string]string{PsnStatus: StatusDeclass, PsnLeaveReason: "调离", PsnLeft: tc.day, PsnDeclassFrom: tc.day, PsnDeclassTo: tc.want} {
				if got := r.Get(k); got != want {
					t.Errorf("%s: got %q, want %q", k, got, want)
				}
			}
			env := Env{Settings: &tc.settings, Today: Day(testNow)}
			if fe := Validate(Personnel, r, env); len(fe) > 0 {
				t.Errorf("Validate after Leave: got %v, want no errors", fe)
			}
		})
	}
}

func TestPassportRules(t *testing.T) {
	for _, tc := range []struct {
		name    string
		set     map[string]string
		wantErr map[string]string
	}{
		{"kept", map[string]string{}, nil},
		{"lent without dates", map[string]string{"custody": "已借出"},
			map[string]string{"lent": "证件已借出，应填写借出日期", "due": "证件已借出，应填写应还日期"}},
		{"lent without 应还日期", map[string]string{"custody": "已借出", "lent": "2025-06-01"}, map[string]string{"due": "应还日期"}},
		{"lent with dates", map[string]string{"custody": "已借出", "lent": "2025-06-01", "due": "2025-06-20"}, nil},
		{"due before lent", map[string]string{"custody": "已借出", "lent": "2025-06-01", "due": "2025-05-20"}, map[string]string{"due": "应还日期不能早于借出日期"}},
		{"returned before lent", map[string]string{"lent": "2025-06-01", "due": "2025-06-20", "returned": "2025-05-31"}, map[string]string{"returned": "归还日期不能早于借出日期"}},
		{"expires before issued", map[string]string{"issued": "2020-01-01", "expires": "2019-12-31"}, map[string]string{"expires": "有效期至不能早于签发日期"}},
		{"unknown custody", map[string]string{"custody": "本人保管"}, map[string]string{"custody": "应从列表中选择"}},
		{"no number", map[string]string{"number": ""}, map[string]string{"number": "请填写证件号码"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := testPassport(1, "E12345678")
			for k, v := range tc.set {
				r.Set(k, v)
			}
			fe := Validate(Passports, r, testEnv())
			for k, part := range tc.wantErr {
				if !strings.Contains(fe[k], part) {
					t.Errorf("error on %s: got %q, want one containing %q", k, fe[k], part)
				}
			}
			if len(fe) != len(tc.wantErr) {
				t.Errorf("errors: got %v, want only %v", fe, tc.wantErr)
			}
		})
	}
}

func TestTripRules(t *testing.T) {
	for _, tc := range []struct {
		name    string
		set     map[string]string
		wantErr map[string]string
	}{
		{"valid", map[string]string{}, nil},
		{"back before out", map[string]string{"back": "2025-01-19"}, map[string]string{"back": "返回日期不能早于出境日期"}},
		{"no destination", map[string]string{"destination": ""}, map[string]string{"destination": "请填写目的地"}},
		{"no out date", map[string]string{"out": ""}, map[string]string{"out": "请填写出境日期"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := testTrip(1)
			for k, v := range tc.set {
				r.Set(k, v)
			}
			fe := Validate(Trips, r, testEnv())
			for k, part := range tc.wantErr {
				if !strings.Contains(fe[k], part) {
					t.Errorf("error on %s: got %q, want one containing %q", k, fe[k], part)
				}
			}
			if len(fe) != len(tc.wantErr) {
				t.Errorf("errors: got %v, want only %v", fe, tc.wantErr)
			}
		})
	}
}

// TestRegisterDescription checks what the table, form and Excel rely on.
func TestRegisterDescription(t *testing.T) {
	for _, reg := range allRegisters() {
		t.Run(reg.Key, func(t *testing.T) {
			if RegisterByKey(reg.Key) != reg {
				t.Errorf("RegisterByKey(%s): got %v, want the register", reg.Key, RegisterByKey(reg.Key))
			}
			if reg.Field(reg.TitleKey) == nil {
				t.Errorf("TitleKey %q: got no such field, want one", reg.TitleKey)
			}
			seen := map[string]bool{}
			for _, f := range reg.Fields {
				if seen[f.Key] || seen[f.Label] {
					t.Errorf("field %s/%s: got a duplicate key or label, want unique", f.Key, f.Label)
				}
				seen[f.Key], seen[f.Label] = true, true
				if f.Kind == KindChoice && f.Ref == nil && len(f.ChoicesOf(testEnv().Settings)) == 0 {
					t.Errorf("field %s: got no choices, want some", f.Key)
				}
				if f.Width <= 0 {
					t.Errorf("field %s: got width %v, want > 0", f.Key, f.Width)
				}
			}
		})
	}
	if RegisterByKey("nope") != nil {
		t.Errorf("RegisterByKey(nope): got a register, want nil")
	}
	for _, f := range Personnel.Columns() {
		if f.Optional {
			t.Errorf("Columns: got optional field %s, want only T columns", f.Key)
		}
	}
	r := NewRecord()
	if got := Personnel.RecordTitle(r); got != "涉密人员记录" {
		t.Errorf("RecordTitle of an empty record: got %q, want 涉密人员记录", got)
	}
	r.Set(PsnName, "张三")
	if got := Personnel.RecordTitle(r); got != "张三" {
		t.Errorf("RecordTitle: got %q, want 张三", got)
	}
}

func TestRecordMarshalRoundTrip(t *testing.T) {
	r := testPerson()
	r.ID, r.OwnerID = 12345, 678
	r.Created = time.Unix(1700000000, 0)
	r.Updated = time.Unix(1750000000, 0)
	got, err := unmarshalRecord(r.marshal())
	if err != nil {
		t.Fatalf("unmarshalRecord: got %v, want nil", err)
	}
	if got.ID != r.ID || got.OwnerID != r.OwnerID || !got.Created.Equal(r.Created) || !got.Updated.Equal(r.Updated) {
		t.Errorf("header: got %d/%d/%v/%v, want %d/%d/%v/%v", got.ID, got.OwnerID, got.Created, got.Updated, r.ID, r.OwnerID, r.Created, r.Updated)
	}
	for k, v := range r.Map() {
		if got.Get(k) != v {
			t.Errorf("%s: got %q, want %q", k, got.Get(k), v)
		}
	}
	for _, bad := range [][]byte{nil, {}, {2}, {recordFormat}, r.marshal()[:20]} {
		if _, err := unmarshalRecord(bad); err == nil {
			t.Errorf("unmarshalRecord(%x): got nil, want an error", bad)
		}
	}
}

// TestTripMarks: what a 出国(境) lacks is marked on its person (保守国家秘密法
// 第四十五条, 实施条例第五十二条); the 回国报告 is due within the setting's days;
// the 证件 used is lent for the trip and due back after the return.
func TestTripMarks(t *testing.T) {
	const where = "出境2025-06-01（日本）"
	good := []string{TripOut, "2025-06-01", TripBack, "2025-06-08", "destination", "日本", TripApproved, "2025-05-20",
		TripBriefed, "2025-05-28", TripReported, "2025-06-09", TripPassport, "E12345671"}
	trip := func(kv ...string) *Record { return withID(rec(append(slices.Clone(good), kv...)...), 1, 1) }
	for _, tc := range []struct {
		name  string
		trip  *Record
		limit string   // the 回国报告 limit in days, "" for the default 7
		doc   []string // changes to the 证件's loan
		want  []string
	}{
		{name: "everything done", trip: trip()},
		{name: "no 审批", trip: trip(TripApproved, ""), want: []string{where + "未经审批"}},
		{name: "approved after departure", trip: trip(TripApproved, "2025-06-02"), want: []string{where + "出境后才审批（2025-06-02）"}},
		{name: "approved on the day of departure", trip: trip(TripApproved, "2025-06-01")},
		{name: "no 行前提醒", trip: trip(TripBriefed, ""), want: []string{where + "未记录行前保密提醒"}},
		{name: "a 证件 not the person's", trip: trip(TripPassport, "G99999999"), want: []string{where + "使用证件G99999999不是本人登记的证件"}},
		{name: "no 回国报告, still within the days", trip: trip(TripReported, "", TripBack, "2025-06-12"), doc: []string{"due", "2025-06-15", "returned", "2025-06-13"}, want: []string{where + "回国后应在7日内报告（2025-06-19）"}},
		{name: "no 回国报告, past the days", trip: trip(TripReported, ""), want: []string{where + "回国后应在7日内报告（2025-06-15）"}},
		{name: "回国报告 late", trip: trip(TripReported, "2025-06-16"), want: []string{where + "回国报告逾期（2025-06-16报告）"}},
		{name: "回国报告 limit from the settings", trip: trip(TripReported, "2025-06-16"), limit: "10"},
		{name: "not begun", trip: trip(TripOut, "2025-07-01", TripBack, "2025-07-08", TripApproved, "", TripBriefed, "", TripReported, "")},
		{name: "the 证件 never lent for it", trip: trip(), doc: []string{"lent", "", "due", "", "returned", ""}, want: []string{where + "使用证件E12345671未办理借出"}},
		{name: "the 证件 lent after departure", trip: trip(), doc: []string{"lent", "2025-06-02"}, want: []string{where + "使用证件E12345671未办理借出"}},
		{name: "the 证件 due back before the return", trip: trip(), doc: []string{"due", "2025-06-05", "returned", "2025-06-05"}, want: []string{where + "证件E12345671应还日期2025-06-05早于返回日期"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := envOn("2025-06-15")
			if tc.limit != "" {
				env.Settings.Limits[LimitTripReportDays], _ = strconv.Atoi(tc.limit)
			}
			p := withID(minimalPerson("11010519491231002X"), 1, 0)
			doc := duePassport(1, 1, append([]string{"lent", "2025-05-30", "due", "2025-06-10", "returned", "2025-06-09"}, tc.doc...)...)
			rel := Snapshot{Trips: {tc.trip}, Passports: {doc}, Training: {testSession("2025-03-01", "2", "1")}}
			Personnel.Derive([]*Record{p}, rel, env)
			checkMarks(t, p, tc.want...)
		})
	}
}

package demo

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"baomi/taizhang/data"
)

func TestDemo(t *testing.T) {
	const n = 200
	s := mustOpenStore(t)
	var calls [][2]int
	if err := Fill(s, n, 1, func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
		t.Fatalf("Demo: got %v, want nil", err)
	}
	total := 0
	for _, reg := range data.Registers() {
		total += demoCount(reg, n)
	}
	if len(calls) == 0 || calls[0] != [2]int{0, total} || calls[len(calls)-1] != [2]int{total, total} {
		t.Errorf("progress: got %v, want it to run from [0 %d] to [%d %d]", calls, total, total, total)
	}
	env, err := s.Env()
	if err != nil {
		t.Fatal(err)
	}
	today := data.FormatDate(s.Today())

	persons := mustList(t, s, data.Personnel)
	if len(persons) != n {
		t.Fatalf("persons: got %d, want %d", len(persons), n)
	}
	levels, statuses := map[string]int{}, map[string]int{}
	ids := map[string]bool{}
	overdue, byID := 0, map[uint64]*data.Record{}
	for _, r := range persons {
		byID[r.ID] = r
		if fe := data.Validate(data.Personnel, r.Clone(), env); len(fe) > 0 {
			t.Errorf("person %d %v: got errors %v, want valid", r.ID, r.Map(), fe)
		}
		levels[r.Get(data.PsnLevel)]++
		statuses[r.Get(data.PsnStatus)]++
		if ids[r.Get(data.PsnIDNo)] {
			t.Errorf("身份证号码 %s: got it twice, want unique", r.Get(data.PsnIDNo))
		}
		ids[r.Get(data.PsnIDNo)] = true
		if c, err := data.ParseIDCard(r.Get(data.PsnIDNo), s.Today()); err != nil || c.Birth.Year() < 1960 || c.Birth.Year() > 2000 {
			t.Errorf("person %d 身份证号码 %s: got birth %v (%v), want 1960–2000", r.ID, r.Get(data.PsnIDNo), c.Birth, err)
		}
		if r.Get(data.PsnStatus) == data.StatusDeclass && r.Get(data.PsnDeclassTo) < today {
			overdue++
		}
		// The career dates are in order and not in the future.
		order := []string{"vetted", "confirmed", "pledge", data.PsnReviewed}
		last := ""
		for _, k := range order {
			v := r.Get(k)
			if v == "" {
				continue
			}
			if v < last || v > today {
				t.Errorf("person %d: %s %s out of order after %s (today %s)", r.ID, k, v, last, today)
			}
			last = v
		}
		if left := r.Get(data.PsnLeft); left != "" && (left < r.Get("confirmed") || left > today) {
			t.Errorf("person %d: 离岗日期 %s before 确定涉密时间 %s or after today", r.ID, left, r.Get("confirmed"))
		}
		if r.Get(data.PsnStatus) == data.StatusDeclass {
			want := data.FormatDate(env.Settings.DeclassEnd(r.Get(data.PsnLevel), data.StoredDate(r.Get(data.PsnDeclassFrom))))
			if r.Get(data.PsnDeclassTo) != want {
				t.Errorf("person %d: 脱密期止 %s, want %s", r.ID, r.Get(data.PsnDeclassTo), want)
			}
		}
	}
	for _, l := range data.Levels {
		if levels[l] == 0 {
			t.Errorf("涉密等级 %s: got none in %v, want some", l, levels)
		}
	}
	if levels["一般"] <= levels["重要"] || levels["重要"] <= levels["核心"] {
		t.Errorf("涉密等级: got %v, want 一般 > 重要 > 核心", levels)
	}
	if len(statuses) != 3 || statuses[data.StatusInPost] < n/2 || statuses[data.StatusDeclass] == 0 {
		t.Errorf("人员状态: got %v, want mostly 在岗, some 离岗脱密期 and 已脱密", statuses)
	}
	if overdue == 0 {
		t.Errorf("离岗脱密期 with 脱密期止 before today: got none, want some")
	}

	// A trip is made with a 证件 of its traveller that allows the
	// destination and is valid for the whole trip.
	docsOf := data.ByOwner(mustList(t, s, data.Passports))
	for _, trip := range mustList(t, s, data.Trips) {
		ok := false
		for _, d := range docsOf[trip.OwnerID] {
			ok = ok || (slices.Contains(demoDestinations[d.Get("type")], trip.Get("destination")) &&
				d.Get("issued") <= trip.Get("out") && trip.Get("back") <= d.Get("expires"))
		}
		if !ok {
			t.Errorf("trip %d to %s on %s: no matching 证件 among %d", trip.ID, trip.Get("destination"), trip.Get("out"), len(docsOf[trip.OwnerID]))
		}
	}

	lent, lentOverdue := 0, 0
	for _, sub := range []*data.Register{data.Passports, data.Trips} {
		recs := mustList(t, s, sub)
		if len(recs) == 0 {
			t.Errorf("%s: got none, want some", sub.Name)
		}
		owners := map[uint64]bool{}
		for _, r := range recs {
			if fe := data.Validate(sub, r.Clone(), env); len(fe) > 0 {
				t.Errorf("%s %d %v: got errors %v, want valid", sub.Name, r.ID, r.Map(), fe)
			}
			if byID[r.OwnerID] == nil {
				t.Errorf("%s %d: got owner %d, want one of the persons", sub.Name, r.ID, r.OwnerID)
			}
			owners[r.OwnerID] = true
			if r.Get("custody") == "已借出" {
				lent++
				if r.Get("due") < today {
					lentOverdue++
				}
			}
		}
		t.Logf("%s: %d records for %d persons", sub.Name, len(recs), len(owners))
	}
	if lent == 0 || lentOverdue == 0 {
		t.Errorf("已借出 证件: got %d, %d past 应还日期, want some of each", lent, lentOverdue)
	}
	t.Logf("levels %v, statuses %v, 脱密期止 passed %d", levels, statuses, overdue)
}

// TestDemoRules runs Demo in December with a yearly 学时 minimum and checks
// that every register has valid records and that every rule fires on some
// of them while closed records stay unmarked.
func TestDemoRules(t *testing.T) {
	s := mustOpenStore(t)
	setClock(s, time.Date(2025, 12, 10, 9, 0, 0, 0, time.UTC))
	st, err := s.Settings()
	if err != nil {
		t.Fatal(err)
	}
	st.Limits[data.LimitTrainingHours] = 6
	if err := s.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	const n = 300
	if err := Fill(s, n, 1, nil); err != nil {
		t.Fatalf("Demo: got %v, want nil", err)
	}
	env, err := s.Env()
	if err != nil {
		t.Fatal(err)
	}

	// Every register has records, each valid as stored.
	loaded := map[string][]*data.Record{}
	for _, reg := range allRegisters() {
		recs := mustList(t, s, reg)
		if len(recs) == 0 {
			t.Errorf("%s: got no records, want some", reg.Name)
		}
		if c := demoCount(reg, n); data.OwnerOf(reg) == nil && len(recs) != c {
			t.Errorf("%s: got %d records, want %d", reg.Name, len(recs), c)
		}
		owners := map[uint64]*data.Record{}
		if owner := data.OwnerOf(reg); owner != nil {
			for _, o := range mustList(t, s, owner) {
				owners[o.ID] = o
			}
		}
		for _, r := range recs {
			e := env
			if data.OwnerOf(reg) != nil {
				if e.Owner = owners[r.OwnerID]; e.Owner == nil {
					t.Errorf("%s %d: got owner %d, want an existing owner", reg.Name, r.ID, r.OwnerID)
				}
			}
			if fe := data.Validate(reg, r.Clone(), e); len(fe) > 0 {
				t.Errorf("%s %d %v: got errors %v, want valid", reg.Name, r.ID, r.Map(), fe)
			}
		}
		if loaded[reg.Key], err = s.Load(reg, 0); err != nil {
			t.Fatalf("Load %s: got %v, want nil", reg.Name, err)
		}
	}

	// Every rule fires somewhere.
	for _, want := range []struct {
		reg    *data.Register
		reason string
	}{
		{data.Personnel, "应转为已脱密"},
		{data.Personnel, "离岗未记录"},
		{data.Personnel, "未经审批"},
		{data.Personnel, "出境后才审批"},
		{data.Personnel, "未记录行前保密提醒"},
		{data.Personnel, "不是本人登记的证件"},
		{data.Personnel, "未办理借出"},
		{data.Personnel, "早于返回日期"},
		{data.Personnel, "回国后应在7日内报告"},
		{data.Personnel, "回国报告逾期"},
		{data.Personnel, "未上交，应由单位集中保管"},
		{data.Personnel, "在岗未参加岗前保密教育培训"},
		{data.Personnel, "在岗未经上岗保密审查"},
		{data.Personnel, "在岗未签订保密承诺书"},
		{data.Personnel, "保密复审到期"},
		{data.Personnel, "借出应归还"},
		{data.Personnel, "有效期届满"},
		{data.Personnel, "本年度未参加保密教育培训"},
		{data.Personnel, "本年度学时不足6"},
		{data.Projects, "乙级资质承接绝密项目（已确认记录在案）"},
		{data.Projects, "资质有效期早于项目结束日期"},
		{data.Projects, "承接单位保密资质到期"},
		{data.Projects, "实施中未签订保密协议"},
		{data.Projects, "三级资质承接机密项目（已确认记录在案）"},
		{data.Projects, "项目需涉密印制资质，承接单位为涉密信息系统集成资质"},
		{data.Projects, "实施中未核验承接单位保密资质"},
		{data.Networks, "运行中但无通过的测评"},
		{data.Networks, "最近一次测评未通过"},
		{data.Networks, "涉密网络下次测评"},
		{data.Networks, "后应重新测评"},
		{data.Networks, "应整改后重新测评"},
		{data.Networks, "早于审查通过"},
		{data.Networks, "已停用未办理停用备案"},
		{data.Inspections, "整改期限"},
		{data.Inspections, "已整改待复查销号"},
		{data.Findings, "整改期限"},
		{data.Findings, "复查未通过，重新整改期限"},
		{data.Inspections, "复查未通过，重新整改期限"},
		{data.Cases, "未在24小时内报告"},
		{data.Cases, "应在24小时内报告"},
		{data.Cases, "应在24小时内报告上级主管部门"},
		{data.Cases, "小时内报告同级保密行政管理部门（"},
		{data.Cases, "小时）"},
		{data.Cases, "初查期限"},
		{data.Cases, "结案期限"},
	} {
		count := 0
		for _, r := range loaded[want.reg.Key] {
			if strings.Contains(r.Get(data.KeyMarks), want.reason) {
				count++
			}
		}
		if count == 0 {
			t.Errorf("%s: got no record marked %q, want some", want.reg.Name, want.reason)
		}
		t.Logf("%s %s: %d", want.reg.Name, want.reason, count)
	}

	// Every mark names its source (帮助 → 规则与依据).
	for key, recs := range loaded {
		for _, r := range recs {
			for _, m := range r.Marks {
				if data.BasisOf(m.What) == "" {
					t.Errorf("%s %d: mark %q has no rule in data.Rules", key, r.ID, m.What)
				}
			}
		}
	}

	// Closed records are left alone; computed fields are filled.
	for _, r := range loaded[data.Projects.Key] {
		if s := r.Get(data.PrjStatus); (s == data.ProjectAccepted || s == data.ProjectCancelled) && r.Get(data.KeyMarks) != "" && r.Get(data.KeyMarks) != "乙级资质承接绝密项目（已确认记录在案）" {
			t.Errorf("project %d %s: got marks %q, want none", r.ID, s, r.Get(data.KeyMarks))
		}
		if r.Get(data.KeyMarks) == "乙级资质承接绝密项目（已确认记录在案）" && r.Get(data.KeyAck) == "" {
			t.Errorf("project %d: marked 乙级/绝密 without 确认记录在案", r.ID)
		}
	}
	for _, r := range loaded[data.Networks.Key] {
		// A system not running is marked only for its missing 停用备案.
		if m := r.Get(data.KeyMarks); r.Get(data.NetStatus) != data.SystemRunning && m != "" && !(r.Get(data.NetStatus) == data.SystemStopped && m == "已停用未办理停用备案") {
			t.Errorf("system %d %s: got marks %q, want none", r.ID, r.Get(data.NetStatus), r.Get(data.KeyMarks))
		}
		if r.Get(data.NetStatus) != data.SystemBuilding && r.Get(data.NetLatestDate) == "" {
			t.Errorf("system %d: got no 测评日期, want the latest evaluation's", r.ID)
		}
	}
	overdue := 0
	for _, r := range loaded[data.Findings.Key] {
		if s, m := r.Get(data.FndStatus), r.Get(data.KeyMarks); (s == data.FindingClosed && m != "") || (s == data.FindingFixed && m != "" && !strings.HasPrefix(m, "已整改待复查销号")) {
			t.Errorf("finding %d %s: got marks %q, want none", r.ID, s, r.Get(data.KeyMarks))
		}
		if r.Get(data.FndOverdue) != "" {
			overdue++
		}
	}
	if overdue == 0 {
		t.Errorf("findings: got none 逾期, want some")
	}
	for _, r := range loaded[data.Inspections.Key] {
		if !strings.Contains(r.Get(data.InsSummary), "项问题") {
			t.Errorf("inspection %d: got 问题情况 %q, want a summary", r.ID, r.Get(data.InsSummary))
		}
	}
	for _, r := range loaded[data.Training.Key] {
		if r.Get(data.TrnCount) == "" || r.Get(data.TrnCount) == "0" {
			t.Errorf("session %d: got 参加人数 %q, want some", r.ID, r.Get(data.TrnCount))
		}
	}
}

// TestDemoDeterministic runs Demo twice with the same seed on two files.
func TestDemoDeterministic(t *testing.T) {
	dump := func(seed int64) map[string][]*data.Record {
		s := mustOpenStore(t)
		if err := Fill(s, 150, seed, nil); err != nil {
			t.Fatalf("Demo: got %v, want nil", err)
		}
		out := map[string][]*data.Record{}
		for _, reg := range allRegisters() {
			out[reg.Key] = mustList(t, s, reg)
		}
		return out
	}
	a, b, c := dump(1), dump(1), dump(2)
	for _, reg := range allRegisters() {
		t.Run(reg.Key, func(t *testing.T) {
			ra, rb := a[reg.Key], b[reg.Key]
			if len(ra) != len(rb) {
				t.Fatalf("records: got %d and %d, want the same", len(ra), len(rb))
			}
			for i := range ra {
				if ra[i].ID != rb[i].ID || ra[i].OwnerID != rb[i].OwnerID || !maps.Equal(ra[i].Map(), rb[i].Map()) {
					t.Fatalf("record %d: got %+v and %+v, want identical", i, ra[i], rb[i])
				}
			}
		})
	}
	same := len(a[data.Personnel.Key]) == len(c[data.Personnel.Key])
	for i := 0; same && i < len(a[data.Personnel.Key]); i++ {
		same = maps.Equal(a[data.Personnel.Key][i].Map(), c[data.Personnel.Key][i].Map())
	}
	if same {
		t.Errorf("seeds 1 and 2: got the same persons, want different data")
	}
}

func TestDemoEdgeCases(t *testing.T) {
	t.Run("zero", func(t *testing.T) {
		s := mustOpenStore(t)
		if err := Fill(s, 0, 1, nil); err != nil {
			t.Fatalf("Fill(0): got %v, want nil", err)
		}
		for _, reg := range allRegisters() {
			if got := len(mustList(t, s, reg)); got != 0 {
				t.Errorf("%s: got %d records, want 0", reg.Name, got)
			}
		}
	})
	t.Run("negative", func(t *testing.T) {
		if err := Fill(mustOpenStore(t), -1, 1, nil); err == nil {
			t.Errorf("Fill(-1): got nil, want an error")
		}
	})
	t.Run("changed settings", func(t *testing.T) {
		s := mustOpenStore(t)
		st, _ := s.Settings()
		st.Unit = "某某市保密局"
		st.Departments = []string{"第一处", "第二处"}
		st.Declass = map[string]int{"核心": 5, "重要": 0, "一般": 2}
		st.Review = map[string]int{"核心": 2, "重要": 2, "一般": 2}
		if err := s.SaveSettings(st); err != nil {
			t.Fatal(err)
		}
		if err := Fill(s, 300, 3, nil); err != nil {
			t.Fatalf("Demo: got %v, want nil", err)
		}
		env, _ := s.Env()
		today := data.FormatDate(s.Today())
		for _, r := range mustList(t, s, data.Personnel) {
			if d := r.Get(data.PsnDept); d != "第一处" && d != "第二处" {
				t.Fatalf("部门: got %q, want one of the settings", d)
			}
			if left := r.Get(data.PsnLeft); left > today {
				t.Errorf("person %d: got 离岗日期 %s, want not after today %s", r.ID, left, today)
			}
			if r.Get(data.PsnStatus) == data.StatusDeclass {
				want := data.FormatDate(env.Settings.DeclassEnd(r.Get(data.PsnLevel), data.StoredDate(r.Get(data.PsnDeclassFrom))))
				if r.Get(data.PsnDeclassTo) != want {
					t.Errorf("person %d: got 脱密期止 %s, want %s", r.ID, r.Get(data.PsnDeclassTo), want)
				}
			}
		}
	})
	t.Run("no departments", func(t *testing.T) {
		s := mustOpenStore(t)
		st, _ := s.Settings()
		st.Departments = nil
		if err := s.SaveSettings(st); err != nil {
			t.Fatal(err)
		}
		if err := Fill(s, 10, 1, nil); err == nil {
			t.Errorf("Demo without departments: got nil, want an error")
		}
	})
}

// BenchmarkDemo100k writes 100,000 persons with their sub-records into a
// new file per iteration: go test ./data -run XXX -bench Demo100k -benchtime 1x
func BenchmarkDemo100k(b *testing.B) {
	for range b.N {
		b.StopTimer()
		s := mustOpenStoreAt(b, filepath.Join(b.TempDir(), "demo.db"))
		b.StartTimer()
		if err := Fill(s, 100000, 1, nil); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		path := s.Path()
		s.Close()
		if fi, err := os.Stat(path); err == nil {
			b.ReportMetric(float64(fi.Size())/1e6, "MB-file")
		}
		b.StartTimer()
	}
}

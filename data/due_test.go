package data

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"
)

// dueCase is one reminder test: the records, today and the settings, and
// the lines wanted in order, each "#记录id 记录|事项|部门|日期|天数" with
// "|action" when there is one.
type dueCase struct {
	name  string
	today string            // "" for dueToday
	set   func(s *Settings) // adjusts the default settings
	snap  Snapshot
	want  []string
}

// ---- 涉密人员 ----

func TestDueDeclassify(t *testing.T) {
	one := func(status, to string) Snapshot {
		return Snapshot{Personnel: {declassPerson(1, status, to)}}
	}
	what := func(date string, days int) string {
		if days < 0 {
			return fmt.Sprintf("#1 张晓红1|脱密期已于%s届满，应转为已脱密|办公室|%s|%d|declassify", date, date, days)
		}
		return fmt.Sprintf("#1 张晓红1|脱密期将于%s届满|办公室|%s|%d", date, date, days)
	}
	runDue(t, Personnel, []dueCase{
		{name: "ends today: no action before it has passed", snap: one(StatusDeclass, dayAt(0)), want: []string{what("2025-06-15", 0)}},
		{name: "ends tomorrow", snap: one(StatusDeclass, dayAt(1)), want: []string{what("2025-06-16", 1)}},
		{name: "ended yesterday: 转为已脱密 offered", snap: one(StatusDeclass, dayAt(-1)), want: []string{what("2025-06-14", -1)}},
		{name: "ended long ago", snap: one(StatusDeclass, "2020-01-31"), want: []string{what("2020-01-31", -1962)}},
		{name: "last day of the window", snap: one(StatusDeclass, dayAt(90)), want: []string{what("2025-09-13", 90)}},
		{name: "just outside the window", snap: one(StatusDeclass, dayAt(91))},
		{name: "a longer window", set: func(s *Settings) { s.Window = 91 }, snap: one(StatusDeclass, dayAt(91)), want: []string{what("2025-09-14", 91)}},
		{name: "already 已脱密", snap: one(StatusDeclassed, dayAt(-1))},
		{name: "no 脱密期止", snap: one(StatusDeclass, "")},
		{name: "bad 脱密期止", snap: one(StatusDeclass, "2025-02-30")},
	})
}

func TestDueReview(t *testing.T) {
	one := func(level string, kv ...string) Snapshot {
		return Snapshot{Personnel: {duePerson(1, StatusInPost, level, kv...)}}
	}
	line := func(level, date string, days int) []string {
		return []string{fmt.Sprintf("#1 张晓红1|保密复审到期（%s，%s）|办公室|%s|%d", level, date, date, days)}
	}
	runDue(t, Personnel, []dueCase{
		{name: "一般 every 5 years, due today", snap: one("一般", PsnReviewed, "2020-06-15"), want: line("一般", "2025-06-15", 0)},
		{name: "核心 every year, due tomorrow", snap: one("核心", PsnReviewed, "2024-06-16"), want: line("核心", "2025-06-16", 1)},
		{name: "重要 every 3 years, overdue by a day", snap: one("重要", PsnReviewed, "2022-06-14"), want: line("重要", "2025-06-14", -1)},
		{name: "last day of the window", snap: one("一般", PsnReviewed, "2020-09-13"), want: line("一般", "2025-09-13", 90)},
		{name: "just outside the window", snap: one("一般", PsnReviewed, "2020-09-14")},
		{name: "reviewed recently", snap: one("核心", PsnReviewed, "2025-06-01")},
		{name: "never reviewed: from the 上岗审查", snap: one("核心", "vetted", "2024-05-01", "confirmed", "2024-06-01"), want: line("核心", "2025-05-01", -45)},
		{name: "never vetted: from the 确定涉密时间", snap: one("核心", "confirmed", "2024-06-01"), want: line("核心", "2025-06-01", -14)},
		{name: "nothing known", snap: one("核心")},
		{name: "29 February to the last day of February", snap: one("核心", PsnReviewed, "2024-02-29"), want: line("核心", "2025-02-28", -107)},
		{name: "29 February at the end of the window", today: "2025-11-30", set: func(s *Settings) { s.Review["重要"] = 2 },
			snap: one("重要", PsnReviewed, "2024-02-29"), want: line("重要", "2026-02-28", 90)},
		{name: "1 March just outside the window", today: "2025-11-30", set: func(s *Settings) { s.Review["重要"] = 2 }, snap: one("重要", PsnReviewed, "2024-03-01")},
		{name: "interval set to 0: no review", set: func(s *Settings) { s.Review["一般"] = 0 }, snap: one("一般", PsnReviewed, "2010-01-01")},
		{name: "interval changed in settings", set: func(s *Settings) { s.Review["一般"] = 2 }, snap: one("一般", PsnReviewed, "2023-06-15"), want: line("一般", "2025-06-15", 0)},
		{name: "not in post", snap: Snapshot{Personnel: {duePerson(1, "调离", "核心", PsnReviewed, "2020-01-01")}}},
	})
}

func TestDuePassports(t *testing.T) {
	inPost := duePerson(1, StatusInPost, "一般", PsnReviewed, "2025-01-01")
	snap := func(p *Record, docs ...*Record) Snapshot {
		return Snapshot{Personnel: {p}, Passports: docs}
	}
	lent := func(date string, days int) string {
		return fmt.Sprintf("#1 张晓红1|护照 E12345671 借出应归还（%s）|办公室|%s|%d", date, date, days)
	}
	expiry := func(date string, days int) string {
		return fmt.Sprintf("#1 张晓红1|护照 E12345671 有效期届满（%s）|办公室|%s|%d", date, date, days)
	}
	const notHandedIn = "#1 张晓红1|护照 E12345671 未上交，应由单位集中保管|办公室|2025-06-15|0"
	runDue(t, Personnel, []dueCase{
		{name: "lent, due back today", snap: snap(inPost, duePassport(1, 1, "custody", "已借出", "lent", "2025-06-01", "due", dayAt(0), "expires", "2030-01-01")), want: []string{lent("2025-06-15", 0)}},
		{name: "lent, due back tomorrow", snap: snap(inPost, duePassport(1, 1, "custody", "已借出", "lent", "2025-06-01", "due", dayAt(1), "expires", "2030-01-01")), want: []string{lent("2025-06-16", 1)}},
		{name: "lent, a day late", snap: snap(inPost, duePassport(1, 1, "custody", "已借出", "lent", "2025-06-01", "due", dayAt(-1), "expires", "2030-01-01")), want: []string{lent("2025-06-14", -1)}},
		{name: "lent, returned", snap: snap(inPost, duePassport(1, 1, "custody", "已借出", "lent", "2025-06-01", "due", dayAt(-1), "returned", dayAt(-2), "expires", "2030-01-01"))},
		{name: "returned and back in custody", snap: snap(inPost, duePassport(1, 1, "lent", "2025-06-01", "due", dayAt(-1), "returned", dayAt(-2), "expires", "2030-01-01"))},
		{name: "expires today", snap: snap(inPost, duePassport(1, 1, "expires", dayAt(0))), want: []string{expiry("2025-06-15", 0)}},
		{name: "expires tomorrow", snap: snap(inPost, duePassport(1, 1, "expires", dayAt(1))), want: []string{expiry("2025-06-16", 1)}},
		{name: "expired yesterday", snap: snap(inPost, duePassport(1, 1, "expires", dayAt(-1))), want: []string{expiry("2025-06-14", -1)}},
		{name: "expires just outside the window", snap: snap(inPost, duePassport(1, 1, "expires", dayAt(91)))},
		{name: "not handed in, expiring", snap: snap(inPost, duePassport(1, 1, "custody", "未上交", "expires", dayAt(30))), want: []string{notHandedIn, expiry("2025-07-15", 30)}},
		{name: "not handed in by a person in post", snap: snap(inPost, duePassport(1, 1, "custody", "未上交")), want: []string{notHandedIn}},
		{name: "not handed in by a person on 脱密期", snap: snap(declassPerson(1, StatusDeclass, "2027-01-01"), duePassport(1, 1, "custody", "未上交"))},
		{name: "lent and expiring: both", snap: snap(inPost, duePassport(1, 1, "custody", "已借出", "lent", "2025-06-01", "due", dayAt(-1), "expires", dayAt(30))),
			want: []string{lent("2025-06-14", -1), expiry("2025-07-15", 30)}},
		{name: "lent and expiring the same day: in the rule's order", snap: snap(inPost, duePassport(1, 1, "custody", "已借出", "lent", "2025-06-01", "due", dayAt(5), "expires", dayAt(5))),
			want: []string{lent("2025-06-20", 5), expiry("2025-06-20", 5)}},
		{name: "person on 脱密期", snap: snap(declassPerson(1, StatusDeclass, "2027-01-01"), duePassport(1, 1, "expires", dayAt(-1))), want: []string{expiry("2025-06-14", -1)}},
		{name: "person 已脱密", snap: snap(declassPerson(1, StatusDeclassed, "2024-01-01"), duePassport(1, 1, "expires", dayAt(-1)))},
		{name: "person 调离", snap: snap(duePerson(1, "调离", "一般"), duePassport(1, 1, "custody", "已借出", "lent", "2025-06-01", "due", dayAt(-1)))},
		{name: "owner missing", snap: snap(inPost, duePassport(1, 2, "expires", dayAt(-1)))},
	})
}

func TestDueTraining(t *testing.T) {
	person := duePerson(1, StatusInPost, "一般", PsnReviewed, "2025-01-01")
	session := func(id uint64, date, hours, attendees string) *Record {
		return withID(testSession(date, hours, attendees), id, 0)
	}
	snap := func(sessions ...*Record) Snapshot {
		return Snapshot{Personnel: {person}, Training: sessions}
	}
	none := "#1 张晓红1|本年度未参加保密教育培训|办公室|2025-12-31|"
	minHours := func(h int) func(*Settings) {
		return func(s *Settings) { s.Limits[LimitTrainingHours] = h }
	}
	runDue(t, Personnel, []dueCase{
		{name: "30 November: not yet", today: "2025-11-30", snap: snap()},
		{name: "1 December, no session", today: "2025-12-01", snap: snap(), want: []string{none + "30"}},
		{name: "31 December: due today", today: "2025-12-31", snap: snap(), want: []string{none + "0"}},
		{name: "shown from 1 December whatever the window", today: "2025-12-01", set: func(s *Settings) { s.Window = 7 }, snap: snap(), want: []string{none + "30"}},
		{name: "a session this year", today: "2025-12-01", snap: snap(session(1, "2025-03-01", "2", "2,1"))},
		{name: "a session last year only", today: "2025-12-01", snap: snap(session(1, "2024-12-20", "2", "1")), want: []string{none + "30"}},
		{name: "a session later this month does not count yet", today: "2025-12-01", snap: snap(session(1, "2025-12-10", "2", "1")), want: []string{none + "30"}},
		{name: "another person's session", today: "2025-12-01", snap: snap(session(1, "2025-03-01", "2", "11,21")), want: []string{none + "30"}},
		{name: "too few 学时", today: "2025-12-05", set: minHours(4), snap: snap(session(1, "2025-03-01", "1.5", "1:90"), session(2, "2025-04-01", "1", "1")),
			want: []string{"#1 张晓红1|本年度学时不足4（已完成2.5）|办公室|2025-12-31|26"}},
		{name: "enough 学时", today: "2025-12-05", set: minHours(4), snap: snap(session(1, "2025-03-01", "3", "1"), session(2, "2025-04-01", "1", "1"))},
		{name: "no minimum by default", today: "2025-12-05", snap: snap(session(1, "2025-03-01", "0.5", "1"))},
		{name: "not in post", today: "2025-12-05", snap: Snapshot{Personnel: {declassPerson(1, StatusDeclass, "2027-01-01")}}},
	})
}

// ---- 涉密项目 ----

func TestDueProjects(t *testing.T) {
	qual := func(date string, days int) string {
		return fmt.Sprintf("#7 电子公文系统集成项目|承接单位保密资质到期（北京华盾信息技术有限公司，%s）|信息中心|%s|%d", date, date, days)
	}
	beforeEnd := func(date string, days int) string {
		return fmt.Sprintf("#7 电子公文系统集成项目|资质有效期早于项目结束日期（资质至%s，项目至2026-06-30）|信息中心|%s|%d", date, date, days)
	}
	const noAgreement = "#7 电子公文系统集成项目|实施中未签订保密协议|信息中心|"
	runDue(t, Projects, []dueCase{
		{name: "nothing due", snap: dueProject()},
		{name: "资质 expires today", snap: dueProject(PrjQualExpires, dayAt(0), PrjEnd, dayAt(0)), want: []string{qual("2025-06-15", 0)}},
		{name: "资质 expires tomorrow", snap: dueProject(PrjQualExpires, dayAt(1), PrjEnd, dayAt(1)), want: []string{qual("2025-06-16", 1)}},
		{name: "资质 expired yesterday", snap: dueProject(PrjQualExpires, dayAt(-1)), want: []string{qual("2025-06-14", -1)}},
		{name: "资质 expiring within the window covers the end", snap: dueProject(PrjQualExpires, dayAt(90)), want: []string{qual("2025-09-13", 90)}},
		{name: "资质 just outside the window, after the end", snap: dueProject(PrjQualExpires, dayAt(91), PrjEnd, dayAt(91))},
		{name: "资质 outside the window, before the end", snap: dueProject(PrjQualExpires, dayAt(91)), want: []string{beforeEnd("2025-09-14", 91)}},
		{name: "资质 far off, before the end", snap: dueProject(PrjQualExpires, "2026-05-31"), want: []string{beforeEnd("2026-05-31", 350)}},
		{name: "招标中 without contractor", snap: dueProject(PrjStatus, ProjectBidding, PrjContractor, "", PrjAgreement, "", PrjQualExpires, dayAt(10)),
			want: []string{"#7 电子公文系统集成项目|承接单位保密资质到期（2025-06-25）|信息中心|2025-06-25|10"}},
		{name: "已验收 with an expired 资质", snap: dueProject(PrjStatus, ProjectAccepted, PrjQualExpires, dayAt(-1))},
		{name: "已终止 without 保密协议", snap: dueProject(PrjStatus, ProjectCancelled, PrjAgreement, "", PrjQualExpires, dayAt(-1))},
		{name: "实施中 without 保密协议: overdue since the start", snap: dueProject(PrjAgreement, ""), want: []string{noAgreement + "2025-01-10|-156"}},
		{name: "实施中 without 保密协议 nor 开始日期", snap: dueProject(PrjAgreement, "", PrjStart, ""), want: []string{noAgreement + "2025-06-15|0"}},
		{name: "实施中 without 保密协议, starting later", snap: dueProject(PrjAgreement, "", PrjStart, dayAt(20)), want: []string{noAgreement + "2025-06-15|0"}},
		{name: "招标中 without 保密协议", snap: dueProject(PrjStatus, ProjectBidding, PrjAgreement, "")},
		{name: "both, by date", snap: dueProject(PrjAgreement, "", PrjQualExpires, dayAt(-200)), want: []string{qual("2024-11-27", -200), noAgreement + "2025-01-10|-156"}},
	})
}

// ---- 涉密网络测评 ----

func TestDueNetworks(t *testing.T) {
	snap := func(n *Record, evals ...*Record) Snapshot {
		return Snapshot{Networks: {n}, Evaluations: evals}
	}
	running := dueNetwork("机密", SystemRunning)
	line := func(level, date string, days int) []string {
		return []string{fmt.Sprintf("#3 涉密办公自动化系统|涉密网络下次测评（%s，%s）|信息中心|%s|%d", level, date, date, days)}
	}
	runDue(t, Networks, []dueCase{
		{name: "due today", snap: snap(running, dueEval(1, 3, "2023-06-15", dayAt(0))), want: line("机密", "2025-06-15", 0)},
		{name: "due tomorrow", snap: snap(running, dueEval(1, 3, "2023-06-16", dayAt(1))), want: line("机密", "2025-06-16", 1)},
		{name: "overdue by a day", snap: snap(running, dueEval(1, 3, "2023-06-14", dayAt(-1))), want: line("机密", "2025-06-14", -1)},
		{name: "last day of the window", snap: snap(running, dueEval(1, 3, "2023-09-13", dayAt(90))), want: line("机密", "2025-09-13", 90)},
		{name: "just outside the window", snap: snap(running, dueEval(1, 3, "2023-09-14", dayAt(91)))},
		{name: "the latest evaluation counts", snap: snap(running, dueEval(1, 3, "2023-06-14", dayAt(-1)), dueEval(2, 3, "2025-01-10", "2027-01-10"))},
		{name: "the latest by date, not by id", snap: snap(running, dueEval(1, 3, "2025-01-10", "2027-01-10"), dueEval(2, 3, "2023-06-14", dayAt(-1)))},
		{name: "the later id on the same day", snap: snap(running, dueEval(1, 3, "2025-01-10", "2027-01-10"), dueEval(2, 3, "2025-01-10", dayAt(5))), want: line("机密", "2025-06-20", 5)},
		{name: "blank 下次测评日期: a year on for 绝密", snap: snap(dueNetwork("绝密", SystemRunning), dueEval(1, 3, "2024-06-15", "")), want: line("绝密", "2025-06-15", 0)},
		{name: "blank 下次测评日期: two years on for 秘密", snap: snap(dueNetwork("秘密", SystemRunning), dueEval(1, 3, "2024-06-15", ""))},
		{name: "建设中 with an evaluation", snap: snap(dueNetwork("机密", SystemBuilding), dueEval(1, 3, "2023-06-15", dayAt(0))), want: line("机密", "2025-06-15", 0)},
		{name: "已停用", snap: snap(dueNetwork("机密", SystemStopped), dueEval(1, 3, "2020-06-15", "2022-06-15"))},
		{name: "运行中 never evaluated: since it went into use", snap: snap(running), want: []string{"#3 涉密办公自动化系统|运行中但无测评记录|信息中心|2020-03-01|-1932"}},
		{name: "运行中 never evaluated, no 投入使用日期", snap: snap(dueNetwork("机密", SystemRunning, NetInUse, "")), want: []string{"#3 涉密办公自动化系统|运行中但无测评记录|信息中心|2025-06-15|0"}},
		{name: "建设中 never evaluated", snap: snap(dueNetwork("机密", SystemBuilding, NetInUse, ""))},
		{name: "another system's evaluation", snap: snap(running, dueEval(1, 4, "2023-06-15", dayAt(0))), want: []string{"#3 涉密办公自动化系统|运行中但无测评记录|信息中心|2020-03-01|-1932"}},
	})
}

// ---- 保密检查整改 ----

func TestDueFindings(t *testing.T) {
	snap := func(findings ...*Record) Snapshot {
		return Snapshot{Inspections: {dueInspection()}, Findings: findings}
	}
	const rec5 = "#5 市国家保密局 2025-03-10|"
	deadline := func(date string, days int) []string {
		return []string{fmt.Sprintf("%s整改期限%s（涉密载体管理）：涉密文件登记台账与实物不符|办公室|%s|%d", rec5, date, date, days)}
	}
	review := func(done, date string, days int) []string {
		return []string{fmt.Sprintf("%s已整改待复查销号（%s完成）：涉密文件登记台账与实物不符|办公室|%s|%d", rec5, done, date, days)}
	}
	long := "涉密计算机存在违规连接手机记录，且未安装主机监控与审计系统" // 30 characters
	runDue(t, Inspections, []dueCase{
		{name: "due today", snap: snap(dueFinding(1, FindingInProgress, dayAt(0))), want: deadline("2025-06-15", 0)},
		{name: "due tomorrow", snap: snap(dueFinding(1, FindingOpen, dayAt(1))), want: deadline("2025-06-16", 1)},
		{name: "overdue by a day", snap: snap(dueFinding(1, FindingOpen, dayAt(-1))), want: deadline("2025-06-14", -1)},
		{name: "blank status is open", snap: snap(dueFinding(1, "", dayAt(-1))), want: deadline("2025-06-14", -1)},
		{name: "last day of the window", snap: snap(dueFinding(1, FindingOpen, dayAt(90))), want: deadline("2025-09-13", 90)},
		{name: "just outside the window", snap: snap(dueFinding(1, FindingOpen, dayAt(91)))},
		{name: "no 整改期限", snap: snap(dueFinding(1, FindingOpen, ""))},
		{name: "已整改 31 days ago, not 销号", snap: snap(dueFinding(1, FindingFixed, dayAt(-40), FndDone, dayAt(-31))), want: review("2025-05-15", "2025-06-14", -1)},
		{name: "已整改 30 days ago: not yet", snap: snap(dueFinding(1, FindingFixed, dayAt(-40), FndDone, dayAt(-30)))},
		{name: "已整改 recently, overdue deadline: done", snap: snap(dueFinding(1, FindingFixed, dayAt(-40), FndDone, dayAt(-3)))},
		{name: "已销号", snap: snap(dueFinding(1, FindingClosed, dayAt(-40), FndDone, dayAt(-100), FndChecker, "王建国", FndChecked, dayAt(-90)))},
		{name: "责任部门 blank: the 被检查部门", snap: snap(dueFinding(1, FindingOpen, dayAt(1), FndDept, "")),
			want: []string{rec5 + "整改期限2025-06-16（涉密载体管理）：涉密文件登记台账与实物不符|综合处|2025-06-16|1"}},
		{name: "long description cut to 20 characters", snap: snap(dueFinding(1, FindingOpen, dayAt(1), FndDesc, long, FndCategory, "信息系统和设备管理")),
			want: []string{rec5 + "整改期限2025-06-16（信息系统和设备管理）：" + string([]rune(long)[:20]) + "…|办公室|2025-06-16|1"}},
		{name: "several findings of one inspection, by date",
			snap: snap(dueFinding(1, FindingOpen, dayAt(3)), dueFinding(2, FindingClosed, dayAt(-9)), dueFinding(3, FindingInProgress, dayAt(-2)), dueFinding(4, FindingFixed, dayAt(-50), FndDone, dayAt(-45))),
			want: append(append(review("2025-05-01", "2025-05-31", -15), deadline("2025-06-13", -2)...), deadline("2025-06-18", 3)...)},
		{name: "finding without its inspection", snap: Snapshot{Findings: {dueFinding(1, FindingOpen, dayAt(-1))}}},
	})
}

// ---- 违规案件 ----

func TestDueCases(t *testing.T) {
	const name = "#9 涉密载体丢失（李明）|"
	report := func(hours int, level, date string, days int) []string {
		var both []string
		for _, to := range []string{"同级保密行政管理部门", "上级主管部门"} {
			both = append(both, fmt.Sprintf("%s应在%d小时内报告%s（涉及%s，%s前）|业务一处|%s|%d", name, hours, to, level, date, date, days))
		}
		return both
	}
	inquiry := func(months int, date string, days int) []string {
		return []string{fmt.Sprintf("%s初查期限（发现后%d个月，%s）|业务一处|%s|%d", name, months, date, date, days)}
	}
	closing := func(date string, days int) []string {
		return []string{fmt.Sprintf("%s结案期限（立案后3个月，%s）|业务一处|%s|%d", name, date, date, days)}
	}
	reported := []string{CaseReported, dayAt(-1)}
	runDue(t, Cases, []dueCase{
		{name: "found yesterday: report due today", snap: violationSnap(CaseInquiry, "机密", dayAt(-1)), want: append(report(24, "机密", "2025-06-15", 0), inquiry(2, "2025-08-14", 60)...)},
		{name: "found today: report due tomorrow", snap: violationSnap(CaseInquiry, "秘密", dayAt(0)), want: append(report(24, "秘密", "2025-06-16", 1), inquiry(2, "2025-08-15", 61)...)},
		{name: "found two days ago: report a day late", snap: violationSnap(CaseInquiry, "绝密", dayAt(-2)), want: append(report(24, "绝密", "2025-06-14", -1), inquiry(2, "2025-08-13", 59)...)},
		{name: "48 hours", set: func(s *Settings) { s.Limits[LimitReportHours] = 48 }, snap: violationSnap(CaseInquiry, "机密", dayAt(-1)), want: append(report(48, "机密", "2025-06-16", 1), inquiry(2, "2025-08-14", 60)...)},
		{name: "report limit off", set: func(s *Settings) { s.Limits[LimitReportHours] = 0 }, snap: violationSnap(CaseInquiry, "机密", dayAt(-1)), want: inquiry(2, "2025-08-14", 60)},
		{name: "reported", snap: violationSnap(CaseInquiry, "机密", dayAt(-1), CaseReported, dayAt(0)), want: inquiry(2, "2025-08-14", 60)},
		{name: "不涉密: no report", snap: violationSnap(CaseInquiry, NotSecret, dayAt(-1)), want: inquiry(2, "2025-08-14", 60)},
		{name: "初查 due today", snap: violationSnap(CaseInquiry, NotSecret, "2025-04-15"), want: inquiry(2, "2025-06-15", 0)},
		{name: "初查 due tomorrow", snap: violationSnap(CaseInquiry, NotSecret, "2025-04-16"), want: inquiry(2, "2025-06-16", 1)},
		{name: "初查 overdue by a day", snap: violationSnap(CaseInquiry, NotSecret, "2025-04-14"), want: inquiry(2, "2025-06-14", -1)},
		{name: "初查 from the end of a month", snap: violationSnap(CaseInquiry, NotSecret, "2024-12-31"), want: inquiry(2, "2025-02-28", -107)},
		{name: "初查 limit of 6 months, last day of the window", set: func(s *Settings) { s.Limits[LimitInquiryMonths] = 6 }, snap: violationSnap(CaseInquiry, NotSecret, "2025-03-13"), want: inquiry(6, "2025-09-13", 90)},
		{name: "初查 limit of 6 months, just outside the window", set: func(s *Settings) { s.Limits[LimitInquiryMonths] = 6 }, snap: violationSnap(CaseInquiry, NotSecret, "2025-03-14")},
		{name: "初查 with a 立案日期 already", snap: violationSnap(CaseInquiry, NotSecret, "2025-01-14", CaseFiled, "2025-02-01")},
		{name: "结案 due today", snap: violationSnap(CaseOpen, "秘密", "2025-03-01", append(reported, CaseFiled, "2025-03-15")...), want: closing("2025-06-15", 0)},
		{name: "结案 due tomorrow", snap: violationSnap(CaseOpen, "秘密", "2025-03-01", append(reported, CaseFiled, "2025-03-16")...), want: closing("2025-06-16", 1)},
		{name: "结案 overdue by a day", snap: violationSnap(CaseOpen, "秘密", "2025-03-01", append(reported, CaseFiled, "2025-03-14")...), want: closing("2025-06-14", -1)},
		{name: "结案 from 31 March", snap: violationSnap(CaseOpen, "秘密", "2025-03-01", append(reported, CaseFiled, "2025-03-31")...), want: closing("2025-06-30", 15)},
		{name: "结案 just outside the window", snap: violationSnap(CaseOpen, "秘密", "2025-06-10", append(reported, CaseFiled, "2025-06-14")...)},
		{name: "已立案, unreported: both", snap: violationSnap(CaseOpen, "秘密", "2025-03-01", CaseFiled, "2025-03-14"), want: append(report(24, "秘密", "2025-03-02", -105), closing("2025-06-14", -1)...)},
		{name: "已结案: nothing", snap: violationSnap(CaseDone, "秘密", "2025-03-01", CaseFiled, "2025-03-14", CaseClosed, "2025-05-01", CaseResult, "处分")},
		{name: "no party: the type names it", snap: violationSnap(CaseInquiry, NotSecret, "2025-04-15", CaseParty, ""),
			want: []string{"#9 涉密载体丢失|初查期限（发现后2个月，2025-06-15）|业务一处|2025-06-15|0"}},
	})
}

// ---- across registers ----

// TestDueItemsOrder: overdue first, then by date; on the same day by the
// registers' order, then by record id.
func TestDueItemsOrder(t *testing.T) {
	snap := Snapshot{
		Personnel: {
			declassPerson(2, StatusDeclass, dayAt(10)),
			declassPerson(1, StatusDeclass, dayAt(-3)),
			declassPerson(4, StatusDeclass, dayAt(0)),
		},
		Projects:    {withID(rec(PrjName, "项目", PrjDept, "信息中心", PrjStatus, ProjectRunning, PrjStart, dayAt(-3)), 1, 0)},
		Networks:    {withID(rec(NetName, "系统", NetLevel, "秘密", NetDept, "信息中心", NetStatus, SystemRunning, NetInUse, dayAt(-30)), 1, 0)},
		Inspections: {dueInspection()},
		Findings: {
			dueFinding(1, FindingOpen, dayAt(10)),
			dueFinding(2, FindingOpen, dayAt(-1)),
		},
	}
	got := DueItems(snap, testEnv())
	var lines []string
	for _, it := range got {
		lines = append(lines, it.Register.Key+" "+strconv.FormatUint(it.RecordID, 10)+" "+strconv.Itoa(it.Days))
	}
	want := []string{"networks 1 -30", "personnel 1 -3", "projects 1 -3", "inspections 5 -1", "personnel 4 0", "personnel 2 10", "inspections 5 10"}
	if !slices.Equal(lines, want) {
		t.Errorf("order:\n got %v\nwant %v", lines, want)
	}
}

func TestDaysTextAndWindow(t *testing.T) {
	for _, tc := range []struct {
		days int
		want string
	}{{3, "还有3天"}, {1, "还有1天"}, {0, "今天到期"}, {-1, "逾期1天"}, {-30, "逾期30天"}} {
		if got := (DueItem{Days: tc.days}).DaysText(); got != tc.want {
			t.Errorf("DaysText(%d): got %q, want %q", tc.days, got, tc.want)
		}
		if got := (DueItem{Days: tc.days}).Overdue(); got != (tc.days < 0) {
			t.Errorf("Overdue(%d): got %v", tc.days, got)
		}
	}
	st := DefaultSettings()
	st.Window = 30
	for _, tc := range []struct {
		env  Env
		want int
	}{{Env{}, 90}, {Env{Settings: &Settings{}}, 90}, {Env{Settings: &st}, 30}} {
		if got := tc.env.Window(); got != tc.want {
			t.Errorf("Window: got %d, want %d", got, tc.want)
		}
	}
	// A today with a time of day and a zone counts calendar days.
	env := Env{Today: time.Date(2025, 6, 15, 23, 59, 0, 0, time.FixedZone("CST", 8*3600))}
	c := newDueCheck(env)
	if d, ok := c.within("2025-06-16"); !ok || DaysBetween(env.Today, d) != 1 {
		t.Errorf("late evening: got %v, %v, want 1 day", d, ok)
	}
}

// TestStoredDate checks the quick date reader against time.Parse.
func TestStoredDate(t *testing.T) {
	for d := parsedDate("1899-12-01"); d.Year() < 2101; d = d.AddDate(0, 0, 1) {
		if got := StoredDate(FormatDate(d)); !got.Equal(d) {
			t.Fatalf("StoredDate(%s): got %v", FormatDate(d), got)
		}
	}
	for _, v := range []string{"", "2025-02-29", "2024-02-30", "2025-04-31", "2025-13-01", "2025-00-10", "2025-06-00", "2025-1-01",
		"2025/06/15", "20250615", "２０２５-06-15", "+025-06-15", " 2025-06-1", "2025-06-15 ", "0000-01-01", "2000-02-29", "1900-02-29"} {
		if got, want := StoredDate(v), parsedDate(v); !got.Equal(want) {
			t.Errorf("StoredDate(%q): got %v, want %v", v, got, want)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const chars = "0123456789-12"
	for range 20000 {
		b := []byte("2025-06-15")
		for k := rng.IntN(3); k >= 0; k-- {
			b[rng.IntN(len(b))] = chars[rng.IntN(len(chars))]
		}
		v := string(b)
		if got, want := StoredDate(v), parsedDate(v); !got.Equal(want) {
			t.Fatalf("StoredDate(%q): got %v, want %v", v, got, want)
		}
	}
}

func declassPerson(id uint64, status, to string) *Record {
	return duePerson(id, status, "重要", PsnLeft, "2023-01-01", PsnDeclassFrom, "2023-01-01", PsnDeclassTo, to)
}

func duePassport(id, owner uint64, kv ...string) *Record {
	return withID(rec(append([]string{"type", "护照", "number", "E1234567" + strconv.FormatUint(id, 10), "custody", "集中保管"}, kv...)...), id, owner)
}

func dueProject(kv ...string) Snapshot {
	r := rec(append([]string{PrjName, "电子公文系统集成项目", PrjLevel, "机密", PrjDept, "信息中心", PrjContractor, "北京华盾信息技术有限公司",
		PrjQualExpires, "2027-12-31", PrjAgreement, "2025-01-05", PrjStart, "2025-01-10", PrjEnd, "2026-06-30", PrjStatus, ProjectRunning}, kv...)...)
	return Snapshot{Projects: {withID(r, 7, 0)}}
}

func dueNetwork(level, status string, kv ...string) *Record {
	return withID(rec(append([]string{NetName, "涉密办公自动化系统", NetLevel, level, NetDept, "信息中心", NetInUse, "2020-03-01", NetStatus, status}, kv...)...), 3, 0)
}

func dueEval(id, owner uint64, date, next string) *Record {
	return withID(rec(EvalAgency, "国家保密科技测评中心", EvalDate, date, EvalConclusion, "通过", EvalNext, next), id, owner)
}

func dueInspection(kv ...string) *Record {
	return withID(rec(append([]string{InsDate, "2025-03-10", InsType, "上级检查", InsInspector, "市国家保密局", InsDept, "综合处"}, kv...)...), 5, 0)
}

func dueFinding(id uint64, status, deadline string, kv ...string) *Record {
	return withID(with(testFinding(status, deadline), kv...), id, 5)
}

func violationSnap(status, level, found string, kv ...string) Snapshot {
	r := rec(append([]string{CaseSource, "单位报告", CaseFound, found, CaseParty, "李明", CaseDept, "业务一处", CaseLevel, level,
		CaseType, "涉密载体丢失", CaseSummary, "遗失秘密级文件一份", CaseStatus, status}, kv...)...)
	r.Set(CaseReportedUp, r.Get(CaseReported)) // both reports made alike
	return Snapshot{Cases: {withID(r, 9, 0)}}
}

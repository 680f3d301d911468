package demo

import (
	"fmt"
	"slices"
	"time"

	"baomi/taizhang/data"
)

// Cases makes a case for every twenty persons.
func (g *gen) Cases() maker {
	return maker{per: 20, make: g.violation}
}

// demoCase is what happened in a case and what was done about it; levels
// are the 涉及密级 it may have (a lost 秘密级 document involves 秘密, a
// work chat message may involve none).
type demoCase struct {
	typ, summary, remedy, measures string
	levels                         []string
}

var demoCases = []demoCase{
	{"涉密载体丢失", "当事人外出途中遗失秘密级文件一份，当日发现后报告", "组织查找，核查文件内容和知悉范围，评估泄密风险", "修订涉密载体携带外出审批和登记制度", []string{"秘密"}},
	{"涉密载体丢失", "当事人保管的涉密U盘一个遗失，经查找未找到", "组织查找，核查U盘存储内容，评估泄密风险", "开展涉密移动存储介质清查，统一登记编号管理", []string{"秘密", "机密"}},
	{"违规存储处理涉密信息", "当事人在非涉密计算机上起草涉密文件", "删除违规存储的信息，对该计算机进行保密技术检查", "开展非涉密计算机专项检查，明确涉密文件起草要求", []string{"秘密", "机密"}},
	{"违规存储处理涉密信息", "当事人将涉密文件存储于个人U盘", "收缴个人U盘，按涉密载体管理并核查扩散情况", "开展移动存储介质专项清查", []string{"秘密", "机密"}},
	{"涉密计算机违规外联", "当事人使用的涉密计算机违规连接互联网，被监测发现", "立即断网封存，送保密技术检查", "加强涉密计算机监控审计，封堵外联端口", []string{"秘密", "机密"}},
	{"涉密计算机违规外联", "当事人在涉密计算机上连接手机充电", "对涉密计算机和手机进行取证检查", "开展手机使用保密管理教育，涉密场所手机统一存放", []string{"秘密"}},
	{"违规复制携带涉密载体", "当事人未经审批复制涉密文件带回家中", "立即收回复制件，核查去向", "落实涉密文件复制审批登记制度", []string{"秘密", "机密"}},
	{"违规复制携带涉密载体", "当事人携带涉密笔记本电脑外出未履行审批手续", "收回设备，检查使用和外联记录", "落实涉密载体携带外出审批制度", []string{"秘密", "机密"}},
	{"网络泄密", "当事人在微信工作群中发送含涉密内容的文件截图", "联系平台删除相关信息，排查转发范围，评估影响", "开展互联网和移动通信保密专项教育", []string{"秘密"}},
	{"网络泄密", "单位门户网站发布的信息含有内部敏感内容", "撤下网页信息，排查转载情况", "落实信息公开保密审查制度", []string{data.NotSecret}},
	{"网络泄密", "当事人在微信工作群中转发内部工作通知", "删除相关信息，提醒知悉人员", "加强工作群管理，内部信息不得在互联网传递", []string{data.NotSecret}},
	{"其他", "当事人违规向无关人员透露内部工作事项", "对知悉人员进行保密提醒并签订承诺书", "开展全员保密警示教育", []string{data.NotSecret}},
	{"其他", "当事人离开办公室未将涉密文件锁入保密柜", "收回文件，核查有无他人接触，评估泄密风险", "开展涉密文件保管专项检查", []string{"秘密"}},
	{"其他", "当事人使用互联网邮箱传送内部工作文件", "删除邮件，排查传送范围", "重申互联网邮箱使用规定", []string{data.NotSecret}},
}

// pickCase draws what happened in a case of the given 涉及密级, among the
// 事件类型 the settings offer (a type the clerk added takes the 其他 ones).
func (g *gen) pickCase(level string) demoCase {
	types := data.Cases.Field(data.CaseType).ChoicesOf(&g.st)
	var fits []demoCase
	for _, c := range demoCases {
		if slices.Contains(c.levels, level) && slices.Contains(types, c.typ) {
			fits = append(fits, c)
		}
	}
	if len(fits) == 0 {
		for _, c := range demoCases {
			if c.typ == "其他" && slices.Contains(c.levels, level) {
				c.typ = g.pick(types)
				fits = append(fits, c)
			}
		}
	}
	return fits[g.rng.IntN(len(fits))]
}

// Case scenarios.
const (
	caseNormal      = iota
	caseLateReport  // reported after 24 hours
	caseUnreported  // not reported and the day after discovery is past
	caseLongInquiry // 初查 longer than the limit
	caseLongOpen    // 立案 longer than the limit without 结案
	caseNotSecret   // 不涉密 and unreported: no mark
	caseLateHours   // reported the next day, but 30 hours after the 发现时间
)

func (g *gen) violation(i int) (*data.Record, data.Snapshot) {
	T := g.today
	sc := g.scenario(i, []int{caseLateReport, caseUnreported, caseLongInquiry, caseLongOpen, caseNotSecret, caseLateHours}, []int{caseNormal}, 1)
	level := [...]string{"机密", "秘密", data.NotSecret}[g.weighted(20, 45, 35)]
	found := g.day(T.AddDate(-3, 0, 0), demoDays(T, -1))
	var reported, filed, closed time.Time
	status := data.CaseInquiry
	switch sc {
	case caseLateReport:
		level, found, status = "秘密", demoDays(T, -g.between(200, 400)), data.CaseDone
		reported = demoDays(found, 3)
	case caseUnreported:
		level, found = "机密", demoDays(T, -5)
	case caseLongInquiry:
		level, found = "秘密", demoDays(T, -g.between(100, 150))
		reported = found
	case caseLongOpen:
		level, found, status = "秘密", demoDays(T, -200), data.CaseOpen
		reported, filed = found, demoDays(T, -130)
	case caseNotSecret:
		level, found = data.NotSecret, demoDays(T, -10)
	case caseLateHours:
		level, found = "机密", demoDays(T, -20)
		reported = demoDays(found, 1)
	default:
		switch {
		case level != data.NotSecret && g.chance(0.93):
			reported = demoDays(found, g.between(0, 1))
		case level != data.NotSecret:
			reported = demoDays(found, g.between(2, 6))
		case g.chance(0.15):
			reported = demoDays(found, g.between(0, 10))
		}
		if reported.After(T) {
			reported = time.Time{}
		}
		age := data.DaysBetween(found, T)
		switch {
		case age < 60 && (age < 3 || g.chance(0.65)):
		case age < 60:
			status, filed = data.CaseOpen, demoDays(found, g.between(3, min(20, age)))
		default:
			status = data.CaseDone
			if age < 150 { // an older case has long been closed
				status = [...]string{data.CaseDone, data.CaseOpen, data.CaseInquiry}[g.weighted(80, 12, 8)]
			}
			if status == data.CaseOpen || (status == data.CaseDone && (level != data.NotSecret || g.chance(0.5))) {
				filed = demoDays(found, g.between(5, 30))
			}
		}
	}
	if status == data.CaseDone && closed.IsZero() {
		closed = demoEarlier(demoDays(demoLater(found, filed), g.between(20, 90)), T)
	}

	r := data.NewRecord()
	r.Set(data.CaseSource, [...]string{"举报", "单位报告", "检查发现", "部门移送"}[g.weighted(15, 35, 35, 15)])
	r.Set(data.CaseFound, data.FormatDate(found))
	if g.chance(0.7) {
		r.Set(data.CaseHappened, data.FormatDate(demoDays(found, -g.between(0, 30))))
	}
	if len(g.staff) > 0 {
		p := g.staff[g.rng.IntN(len(g.staff))]
		r.Set(data.CaseParty, p.name)
		r.Set(data.CaseDept, p.dept)
	} else {
		r.Set(data.CaseParty, g.name(g.chance(0.6)))
		r.Set(data.CaseDept, g.dept())
	}
	r.Set(data.CaseLevel, level)
	what := g.pickCase(level)
	r.Set(data.CaseType, what.typ)
	r.Set(data.CaseSummary, what.summary)
	r.Set("remedy", what.remedy)
	r.Set(data.CaseFiled, data.FormatDate(filed))
	r.Set(data.CaseClosed, data.FormatDate(closed))
	r.Set(data.CaseReported, data.FormatDate(reported))
	// The times: found in office hours, each report a few hours on; the
	// 上级主管部门 hears of it at the same time or soon after.
	foundHour := g.between(8, 17)
	r.Set(data.CaseFoundTime, fmt.Sprintf("%02d:%02d", foundHour, 5*g.between(0, 11)))
	if !reported.IsZero() {
		r.Set(data.CaseReportedUp, data.FormatDate(reported))
		repHour := g.between(8, 17)
		if reported.Equal(found) {
			repHour = min(foundHour+g.between(1, 4), 23)
		}
		if sc == caseLateHours {
			repHour = min(foundHour+6, 23)
		} else if sc == caseNormal && reported.Equal(demoDays(found, 1)) {
			repHour = g.between(8, foundHour) // within the 24 hours
		}
		r.Set(data.CaseReportedTime, fmt.Sprintf("%02d:%02d", repHour, 5*g.between(0, 11)))
		r.Set(data.CaseReportedUpTime, r.Get(data.CaseReportedTime))
		if g.chance(0.3) || sc == caseUnreported {
			r.Set(data.CaseReportedUp, "")
			r.Set(data.CaseReportedUpTime, "")
		}
	}
	if status == data.CaseDone {
		results := []string{"批评教育", "处分", "行政处罚", "移送监察或司法", "不予处理"}
		r.Set(data.CaseResult, results[g.weighted(45, 25, 5, 3, 22)])
		r.Set("measures", what.measures)
	}
	r.Set(data.CaseStatus, status)
	return r, nil
}

package demo

import (
	"time"

	"baomi/taizhang/data"
)

// Cases makes a case for every twenty persons.
func (g *gen) Cases() maker {
	return maker{per: 20, make: g.violation}
}

var (
	demoCaseTexts = map[string][2][]string{ // 简要情况 and 补救措施 by 事件类型
		"涉密载体丢失":     {{"当事人外出途中遗失秘密级文件一份，当日发现后报告", "当事人保管的涉密U盘一个遗失，经查找未找到"}, {"组织查找，评估泄密风险", "登报声明作废，对知悉范围内人员逐一询问"}},
		"违规存储处理涉密信息": {{"当事人在非涉密计算机上起草涉密文件", "当事人将涉密文件存储于个人U盘"}, {"删除违规存储的信息，对计算机进行保密技术检查", "收缴存储介质，按涉密载体管理"}},
		"涉密计算机违规外联":  {{"当事人使用的涉密计算机违规连接互联网，被监测发现", "当事人在涉密计算机上连接手机充电"}, {"立即断网封存，送保密技术检查", "对涉密计算机进行取证检查并重新安装"}},
		"违规复制携带涉密载体": {{"当事人未经审批复制涉密文件带回家中", "当事人携带涉密笔记本电脑外出未履行审批手续"}, {"立即收回涉密载体，核查复制件去向", "收回设备并检查使用记录"}},
		"网络泄密":       {{"当事人在微信工作群中发送含涉密内容的文件截图", "单位门户网站发布的信息含有内部敏感内容"}, {"联系平台删除相关信息，开展影响评估", "撤下网页信息，排查转载情况"}},
	}
	demoCaseOther    = [2][]string{{"当事人违规向无关人员透露内部工作事项", "当事人未按规定保管涉密文件，造成泄密隐患"}, {"对知悉人员进行保密提醒并签订承诺书", "收回文件，评估泄密风险"}}
	demoCaseMeasures = []string{"开展全员保密警示教育", "修订涉密载体管理制度", "对同类设备开展专项检查", "加强涉密计算机监控审计"}
)

// Case scenarios.
const (
	caseNormal      = iota
	caseLateReport  // reported after 24 hours
	caseUnreported  // not reported and the day after discovery is past
	caseLongInquiry // 初查 longer than the limit
	caseLongOpen    // 立案 longer than the limit without 结案
	caseNotSecret   // 不涉密 and unreported: no mark
)

func (g *gen) violation(i int) (*data.Record, data.Snapshot) {
	T := g.today
	sc := g.scenario(i, []int{caseLateReport, caseUnreported, caseLongInquiry, caseLongOpen, caseNotSecret}, []int{caseNormal}, 1)
	level := [...]string{"绝密", "机密", "秘密", data.NotSecret}[g.weighted(2, 18, 40, 40)]
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
			status = [...]string{data.CaseDone, data.CaseOpen, data.CaseInquiry}[g.weighted(88, 7, 5)]
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
		r.Set(data.CaseDept, g.pick(g.st.Departments))
	}
	r.Set(data.CaseLevel, level)
	typ := g.pick(data.Cases.Field(data.CaseType).ChoicesOf(&g.st))
	r.Set(data.CaseType, typ)
	texts, ok := demoCaseTexts[typ]
	if !ok {
		texts = demoCaseOther
	}
	r.Set(data.CaseSummary, g.pick(texts[0]))
	r.Set("remedy", g.pick(texts[1]))
	r.Set(data.CaseFiled, data.FormatDate(filed))
	r.Set(data.CaseClosed, data.FormatDate(closed))
	r.Set(data.CaseReported, data.FormatDate(reported))
	if status == data.CaseDone {
		results := []string{"批评教育", "处分", "行政处罚", "移送监察或司法", "不予处理"}
		r.Set(data.CaseResult, results[g.weighted(45, 25, 5, 3, 22)])
		r.Set("measures", g.pick(demoCaseMeasures))
	}
	r.Set(data.CaseStatus, status)
	return r, nil
}

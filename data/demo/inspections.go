package demo

import (
	"fmt"
	"time"

	"baomi/taizhang/data"
)

// Inspections makes an inspection for every ten persons, with its findings.
func (g *gen) Inspections() maker {
	return maker{per: 10, make: g.inspection}
}

var (
	demoInspectors = map[string][]string{
		"上级检查": {"市国家保密局", "市委保密委员会办公室", "市国家保密局、市委机要局联合检查组"},
		"自查自评": {"本单位保密委员会办公室", "保密办"},
		"专项检查": {"市国家保密局（保密技术检查）", "保密办", "市委网信办、市国家保密局联合检查组"},
		"督促检查": {"市委保密办督查组", "上级主管部门保密办"},
	}
	demoInspectDocs = map[string]string{"上级检查": "市保函", "自查自评": "保委办", "专项检查": "保检", "督促检查": "保督"}
	demoFindings    = []struct {
		category string
		weight   int
		texts    []string
	}{
		{"保密责任制", 6, []string{"部门保密工作责任书未按年度签订", "领导干部保密工作责任制落实情况未纳入年度考核"}},
		{"保密制度", 6, []string{"保密管理制度多年未修订，与新修订保守国家秘密法要求不符", "未制定涉密载体管理实施细则"}},
		{"宣传教育培训", 8, []string{"部分涉密人员年度保密教育培训学时不足", "新录用人员上岗前保密培训记录缺失"}},
		{"涉密人员管理", 10, []string{"个别涉密人员因私出国（境）未履行审批手续", "涉密人员保密承诺书签订不全", "离岗涉密人员脱密期管理措施不到位"}},
		{"定密管理", 6, []string{"部分文件定密依据不明确", "个别文件未标注保密期限", "定密责任人未经培训即开展定密工作"}},
		{"涉密载体管理", 14, []string{"涉密文件登记台账与实物不符", "个别涉密文件未按规定清退", "涉密U盘未粘贴密级标识"}},
		{"信息系统和设备管理", 14, []string{"一台涉密计算机未安装主机监控与审计系统", "涉密计算机存在违规连接手机记录", "非涉密计算机存储含涉密内容的文件"}},
		{"互联网使用", 8, []string{"互联网计算机处理内部敏感信息", "工作人员在微信群传递内部工作信息"}},
		{"涉密场所和要害部门部位", 6, []string{"保密要害部位未安装门禁系统", "机要室监控录像保存不足三个月"}},
		{"涉密采购和委托业务", 4, []string{"委托印制涉密文件未核验承印单位资质", "涉密项目未签订保密协议即进场实施"}},
		{"涉密会议活动", 5, []string{"涉密会议未对参会人员手机进行集中管理", "涉密会议材料未按规定回收"}},
		{"信息公开保密审查", 5, []string{"网站发布信息未履行保密审查程序", "政务公开信息保密审查记录不全"}},
		{"其他", 3, []string{"保密工作档案资料不完整", "保密自查自评报告未按时报送"}},
	}
	demoDemands  = []string{"限期整改，整改情况书面报告保密办", "立即整改并开展专项自查", "完善制度，明确责任，限期整改到位", "举一反三，全面排查同类问题"}
	demoMeasures = []string{"已完成整改并建立台账", "已修订相关制度并组织学习", "已对相关人员批评教育并完成补登记", "已加装设备并完成调试", "已补签并归档", "已开展专项自查，未发现同类问题"}
)

// Finding scenarios; the first inspection carries one of each.
const (
	fndRandom   = iota
	fndOverdue  // open, 整改期限 passed
	fndSoon     // open, due within the week
	fndDueToday // open, due today: not yet overdue
	fndClosed   // 复查 done: 已销号
)

func (g *gen) inspection(i int) (*data.Record, data.Snapshot) {
	T := g.today
	typ := [...]string{"上级检查", "自查自评", "专项检查", "督促检查"}[g.weighted(25, 35, 25, 15)]
	date := g.day(T.AddDate(-3, 0, 0), demoDays(T, -1))
	modes := make([]int, g.between(1, 6))
	if i == 0 {
		date = demoDays(T, -20)
		modes = []int{fndOverdue, fndSoon, fndDueToday, fndClosed}
	}
	r := data.NewRecord()
	r.Set(data.InsDate, data.FormatDate(date))
	r.Set(data.InsType, typ)
	inspector := g.pick(demoInspectors[typ])
	if inspector == "保密办" && g.st.Unit != "" {
		inspector = g.st.Unit + "保密办"
	}
	r.Set(data.InsInspector, inspector)
	dept := ""
	if typ != "上级检查" || g.chance(0.4) {
		dept = g.pick(g.st.Departments)
	}
	r.Set(data.InsDept, dept)
	if g.chance(0.85) {
		r.Set(data.InsDoc, fmt.Sprintf("%s〔%d〕%d号", demoInspectDocs[typ], date.Year(), g.between(1, 60)))
	}
	var findings []*data.Record
	for _, mode := range modes {
		findings = append(findings, g.finding(date, dept, mode))
	}
	return r, data.Snapshot{data.Findings: findings}
}

func (g *gen) finding(date time.Time, dept string, mode int) *data.Record {
	T := g.today
	weights := make([]int, len(demoFindings))
	for i, f := range demoFindings {
		weights[i] = f.weight
	}
	kind := demoFindings[g.weighted(weights...)]
	f := data.NewRecord()
	f.Set(data.FndCategory, kind.category)
	f.Set(data.FndDesc, g.pick(kind.texts))
	f.Set(data.FndDemand, g.pick(demoDemands))
	if dept == "" || g.chance(0.3) {
		dept = g.pick(g.st.Departments)
	}
	f.Set(data.FndDept, dept)
	f.Set(data.FndPerson, g.name(g.chance(0.6)))
	deadline := demoDays(date, [...]int{15, 30, 30, 45, 60, 90}[g.rng.IntN(6)])
	switch mode {
	case fndOverdue:
		deadline = demoDays(T, -5)
	case fndSoon:
		deadline = demoDays(T, 3)
	case fndDueToday:
		deadline = T
	case fndClosed:
		deadline = demoDays(T, -10)
	}
	f.Set(data.FndDeadline, data.FormatDate(deadline))

	open := func(status string) {
		f.Set(data.FndStatus, status)
		if status == data.FindingInProgress {
			f.Set(data.FndMeasures, "已制定整改方案，正在落实")
		}
	}
	fixed := func(closed bool) {
		last := demoEarlier(deadline, T)
		if g.chance(0.1) {
			last = demoEarlier(demoDays(deadline, g.between(1, 20)), T)
		}
		done := g.day(demoEarlier(demoDays(date, 3), last), last)
		f.Set(data.FndMeasures, g.pick(demoMeasures))
		f.Set(data.FndDone, data.FormatDate(done))
		f.Set(data.FndStatus, data.FindingFixed)
		if closed {
			f.Set(data.FndChecker, g.pick(g.leaders))
			f.Set(data.FndChecked, data.FormatDate(demoEarlier(demoDays(done, g.between(3, 30)), T)))
			f.Set(data.FndStatus, data.FindingClosed)
		}
	}
	switch {
	case mode == fndOverdue:
		open(data.FindingInProgress)
	case mode == fndSoon:
		open(data.FindingOpen)
	case mode == fndDueToday:
		open(data.FindingInProgress)
	case mode == fndClosed:
		fixed(true)
	case deadline.Before(T):
		pOverdue := 0.03
		if data.DaysBetween(deadline, T) < 120 {
			pOverdue = 0.25
		}
		switch x := g.rng.Float64(); {
		case x < pOverdue:
			open([...]string{data.FindingOpen, data.FindingInProgress}[g.weighted(40, 60)])
		case x < pOverdue+0.08:
			fixed(false)
		default:
			fixed(true)
		}
	default:
		switch g.weighted(35, 45, 20) {
		case 0:
			open(data.FindingOpen)
		case 1:
			open(data.FindingInProgress)
		default:
			fixed(false)
		}
	}
	return f
}

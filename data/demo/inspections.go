package demo

import (
	"fmt"
	"strings"
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
		// Each problem with the measure that answers it, "问题描述|整改措施".
		{"保密责任制", 6, []string{"部门保密工作责任书未按年度签订|已与各部门补签年度保密工作责任书", "领导干部保密工作责任制落实情况未纳入年度考核|已将保密工作纳入领导干部年度考核内容"}},
		{"保密制度", 6, []string{"保密管理制度多年未修订，与新修订保守国家秘密法要求不符|已修订保密管理制度并印发执行", "未制定涉密载体管理实施细则|已制定涉密载体管理实施细则并组织学习"}},
		{"宣传教育培训", 8, []string{"部分涉密人员年度保密教育培训学时不足|已组织相关人员补学，学时已达到要求", "新录用人员上岗前保密培训记录缺失|已组织新录用人员补训并建立培训档案"}},
		{"涉密人员管理", 10, []string{"个别涉密人员因私出国（境）未履行审批手续|已对当事人批评教育，补办审批备案手续", "涉密人员保密承诺书签订不全|已组织补签保密承诺书并归档", "离岗涉密人员脱密期管理措施不到位|已与离岗人员签订脱密期保密承诺书，明确管理责任"}},
		{"定密管理", 6, []string{"部分文件定密依据不明确|已对相关文件重新审核，补充定密依据", "个别文件未标注保密期限|已补标保密期限并对定密工作进行复核", "定密责任人未经培训即开展定密工作|已组织定密责任人参加专题培训"}},
		{"涉密载体管理", 14, []string{"涉密文件登记台账与实物不符|已全面清点涉密文件，更正登记台账", "个别涉密文件未按规定清退|已清退相关涉密文件并登记", "涉密U盘未粘贴密级标识|已为涉密U盘粘贴密级标识并登记编号"}},
		{"信息系统和设备管理", 14, []string{"一台涉密计算机未安装主机监控与审计系统|已安装主机监控与审计系统并完成调试", "涉密计算机存在违规连接手机记录|已对当事人批评教育，封堵该计算机USB接口", "非涉密计算机存储含涉密内容的文件|已删除相关文件，对该计算机进行保密技术检查"}},
		{"互联网使用", 8, []string{"互联网计算机处理内部敏感信息|已删除相关信息，开展互联网计算机专项检查", "工作人员在微信群传递内部工作信息|已删除相关信息并开展专题提醒教育"}},
		{"涉密场所和要害部门部位", 6, []string{"保密要害部位未安装门禁系统|已安装门禁系统并投入使用", "机要室监控录像保存不足三个月|已更换存储设备，录像保存期限达到要求"}},
		{"涉密采购和委托业务", 4, []string{"委托印制涉密文件未核验承印单位资质|已核验承印单位资质并存档", "涉密项目未签订保密协议即进场实施|已补签保密协议，对进场人员进行保密教育"}},
		{"涉密会议活动", 5, []string{"涉密会议未对参会人员手机进行集中管理|已配置手机存放柜，明确会议手机管理要求", "涉密会议材料未按规定回收|已回收会议材料并登记"}},
		{"信息公开保密审查", 5, []string{"网站发布信息未履行保密审查程序|已撤下相关信息，补办保密审查手续", "政务公开信息保密审查记录不全|已完善保密审查记录并归档"}},
		{"其他", 3, []string{"保密工作档案资料不完整|已补充完善保密工作档案", "保密自查自评报告未按时报送|已补报自查自评报告"}},
	}
	demoDemands = []string{"限期整改，整改情况书面报告保密办", "立即整改并开展专项自查", "完善制度，明确责任，限期整改到位", "举一反三，全面排查同类问题"}
)

// Finding scenarios; the first inspection carries one of each.
const (
	fndRandom   = iota
	fndOverdue  // open, 整改期限 passed
	fndSoon     // open, due within the week
	fndDueToday // open, due today: not yet overdue
	fndClosed   // 复查 done: 已销号
	fndFailed   // a 复查 未通过: back to 整改中, its new 整改期限 due soon
	fndWaiting  // 已整改 40 days ago, still waiting for its 复查
)

func (g *gen) inspection(i int) (*data.Record, data.Snapshot) {
	T := g.today
	typ := [...]string{"上级检查", "自查自评", "专项检查", "督促检查"}[g.weighted(25, 35, 25, 15)]
	date := g.day(T.AddDate(-3, 0, 0), demoDays(T, -1))
	modes := make([]int, g.between(1, 6))
	if i == 0 {
		date = demoDays(T, -45)
		modes = []int{fndOverdue, fndSoon, fndDueToday, fndClosed, fndFailed, fndWaiting}
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
		dept = g.dept()
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
	desc, measure, _ := strings.Cut(g.pick(kind.texts), "|")
	f.Set(data.FndDesc, desc)
	f.Set(data.FndDemand, g.pick(demoDemands))
	if dept == "" || g.chance(0.3) {
		dept = g.dept()
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
	case fndWaiting:
		deadline = demoDays(T, -38)
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
		f.Set(data.FndMeasures, measure)
		f.Set(data.FndDone, data.FormatDate(done))
		f.Set(data.FndStatus, data.FindingFixed)
		if closed { // the 复查 that passes closes it (data.Reviews.UpdateOwner)
			checked := demoEarlier(demoDays(done, g.between(3, 30)), T)
			var reviews []*data.Record
			if g.chance(0.15) && data.DaysBetween(done, checked) > 2 {
				// An earlier 复查 found it not done yet: 未通过, done again since.
				failed := demoDays(done, -g.between(1, 10))
				reviews = append(reviews, g.review(failed, data.ReviewFail, demoDays(failed, 15)))
			}
			g.nested[f] = data.Snapshot{data.Reviews: append(reviews, g.review(checked, data.ReviewPass, time.Time{}))}
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
	case mode == fndWaiting:
		f.Set(data.FndMeasures, measure)
		f.Set(data.FndDone, data.FormatDate(demoDays(T, -40)))
		f.Set(data.FndStatus, data.FindingFixed)
	case mode == fndFailed:
		// 整改 reported done, the 复查 found it not: 整改中 again, due in 5 days.
		f.Set(data.FndMeasures, measure)
		f.Set(data.FndDone, data.FormatDate(demoDays(T, -15)))
		f.Set(data.FndStatus, data.FindingFixed)
		g.nested[f] = data.Snapshot{data.Reviews: {g.review(demoDays(T, -10), data.ReviewFail, demoDays(T, 5))}}
	case deadline.Before(T):
		// An office follows its findings up (件件有回音): one overdue for
		// long, or waiting months for its 复查, is not believable.
		recent := data.DaysBetween(deadline, T) < 120
		pOverdue, pWaiting := 0.0, 0.0
		if recent {
			pOverdue, pWaiting = 0.25, 0.08
		}
		switch x := g.rng.Float64(); {
		case x < pOverdue:
			open([...]string{data.FindingOpen, data.FindingInProgress}[g.weighted(40, 60)])
		case x < pOverdue+pWaiting:
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

var demoReviewOpinions = map[string][]string{
	data.ReviewPass: {"整改措施落实到位，同意销号", "经现场查看，问题已整改，同意销号", "整改材料齐全，同意销号"},
	data.ReviewFail: {"整改措施未落实到位，需继续整改", "现场查看仍存在同类问题，限期重新整改", "整改材料不全，补充后重新复查"},
}

// review is one 复查 of a finding; a 未通过 one sets the new 整改期限.
func (g *gen) review(date time.Time, verdict string, deadline time.Time) *data.Record {
	r := data.NewRecord()
	r.Set(data.RevDate, data.FormatDate(date))
	r.Set(data.RevChecker, g.pick(g.leaders))
	r.Set(data.RevVerdict, verdict)
	if verdict == data.ReviewFail {
		r.Set(data.RevDeadline, data.FormatDate(deadline))
	}
	r.Set(data.RevOpinion, g.pick(demoReviewOpinions[verdict]))
	return r
}

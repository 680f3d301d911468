package demo

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"baomi/taizhang/data"
)

// Projects makes a project for every five persons.
func (g *gen) Projects() maker {
	return maker{per: 5, make: g.project}
}

// demoProjectKinds are the subjects of projects: a name (a %s takes a
// business name), the 类别 and the 保密资质类别 the contractor needs.
var demoProjectKinds = []struct{ pattern, category, qual string }{
	{"%s业务系统涉密信息系统集成项目", "服务", "涉密信息系统集成"},
	{"%s系统软件开发项目", "服务", "涉密信息系统集成"},
	{"%s系统运行维护服务项目", "服务", "涉密信息系统集成"},
	{"涉密内网%s子系统升级改造项目", "工程", "涉密信息系统集成"},
	{"%s涉密档案数字化加工项目", "服务", "涉密印制"},
	{"涉密计算机数据恢复服务项目", "服务", "涉密信息系统集成"},
	{"保密要害部位安防监控系统建设工程", "工程", "涉密信息系统集成"},
	{"涉密机房电磁屏蔽改造工程", "工程", "涉密信息系统集成"},
	{"%s涉密文件资料印制项目", "服务", "涉密印制"},
	{"涉密会议材料印制服务项目", "服务", "涉密印制"},
	{"涉密计算机及外部设备采购项目", "货物", "其他"},
	{"涉密载体销毁设备采购项目", "货物", "其他"},
	{"保密柜及密码文件柜采购项目", "货物", "其他"},
	{"某型装备配套电子设备研制项目", "服务", "武器装备科研生产"},
}

var demoBusiness = []string{"应急指挥", "电子公文", "综合办公", "机要通信", "统计分析", "财务管理", "人事档案", "视频会议", "数据交换", "决策支持", "政务信息", "档案管理"}

// Project scenarios: each but prjNormal makes one rule fire (or, for
// prjClosedExpired, shows that a closed project is left alone).
const (
	prjNormal        = iota
	prjGradeB        // 乙级 on a 绝密 project, confirmed for the file
	prjQualBeforeEnd // 资质 runs out before the project ends
	prjQualSoon      // 资质 expiring within the window
	prjQualExpired   // 资质 expired, project running
	prjNoAgreement   // 实施中 without 保密协议
	prjClosedExpired // 已验收 with an expired 资质: no mark
	prjBiddingSoon   // 招标中, the candidate's 资质 expiring
	prjGradeOver     // 武器装备 三级 on a 机密 project, confirmed for the file
	prjWrongQual     // 档案数字化 by a contractor with 集成 资质
	prjNotChecked    // 实施中, the contractor's 资质 never checked
)

func (g *gen) project(i int) (*data.Record, data.Snapshot) {
	T := g.today
	sc := g.scenario(i,
		[]int{prjGradeB, prjQualBeforeEnd, prjQualSoon, prjQualExpired, prjNoAgreement, prjClosedExpired, prjBiddingSoon, prjGradeOver, prjWrongQual, prjNotChecked},
		[]int{prjNormal, prjGradeB, prjQualBeforeEnd, prjQualSoon, prjQualExpired, prjNoAgreement},
		880, 4, 25, 40, 20, 30)
	kind := demoProjectKinds[g.rng.IntN(len(demoProjectKinds))]
	needB := sc == prjGradeB
	if (sc != prjNormal && kind.qual == "其他") || (needB && kind.qual == "武器装备科研生产") {
		kind = demoProjectKinds[0] // the rule needs a 资质 that has 甲级 and 乙级
	}
	switch sc {
	case prjGradeOver:
		kind = demoProjectKinds[len(demoProjectKinds)-1] // 武器装备
	case prjWrongQual:
		kind = demoProjectKinds[4] // 涉密档案数字化
	}
	level := data.SecretLevels[g.weighted(5, 35, 60)]
	switch sc {
	case prjGradeB:
		level = "绝密"
	case prjGradeOver:
		level = "机密"
	}

	var status string
	switch sc {
	case prjNormal:
		status = [...]string{data.ProjectBidding, data.ProjectRunning, data.ProjectAccepted, data.ProjectCancelled}[g.weighted(10, 45, 38, 7)]
	case prjClosedExpired:
		status = data.ProjectAccepted
	case prjBiddingSoon:
		status = data.ProjectBidding
	default:
		status = data.ProjectRunning
	}
	var start, end, accepted time.Time
	switch status {
	case data.ProjectBidding:
		start = demoDays(T, g.between(15, 120))
		end = data.AddMonths(start, g.between(3, 18))
	case data.ProjectRunning:
		start = g.day(T.AddDate(-2, 0, 0), demoDays(T, -1))
		end = g.day(demoLater(data.AddMonths(start, 2), demoDays(T, 1)), T.AddDate(0, 18, 0))
	case data.ProjectAccepted:
		end = g.day(T.AddDate(-3, 0, 0), demoDays(T, -1))
		start = data.AddMonths(end, -g.between(2, 24))
		accepted = demoEarlier(demoDays(end, g.between(0, 30)), T)
	default:
		start = g.day(T.AddDate(-3, 0, 0), demoDays(T, -60))
		end = data.AddMonths(start, g.between(3, 18))
	}
	w := g.window()
	var expires time.Time
	switch sc {
	case prjQualBeforeEnd:
		end = demoDays(T, w+g.between(150, 450))
		expires = demoDays(end, -g.between(30, 100))
	case prjQualSoon, prjBiddingSoon:
		expires = demoDays(T, g.between(max(1, w/3), max(1, w-1)))
		if sc == prjQualSoon {
			end = demoLater(demoDays(T, 1), demoDays(expires, -g.between(0, 25)))
		}
	case prjQualExpired:
		expires = demoDays(T, -g.between(1, 200))
	case prjClosedExpired:
		expires = demoDays(T, -g.between(1, 300))
	default:
		expires = demoDays(demoLater(end, T), g.between(120, 1100))
	}

	r := data.NewRecord()
	name := strings.Replace(kind.pattern, "%s", g.pick(demoBusiness), 1)
	if g.chance(0.35) {
		name = strconv.Itoa(start.Year()) + "年" + name
	}
	r.Set(data.PrjName, name)
	r.Set("number", fmt.Sprintf("HT-%d-%04d", start.Year(), g.between(1, 9999)))
	r.Set(data.PrjLevel, level)
	r.Set("category", kind.category)
	r.Set("method", [...]string{"邀请招标", "竞争性谈判", "单一来源", "询价", "其他"}[g.weighted(30, 25, 20, 10, 15)])
	r.Set(data.PrjDept, g.projectDept(kind.qual))
	r.Set("manager", g.name(g.chance(0.7)))
	r.Set(data.PrjStart, data.FormatDate(start))
	r.Set(data.PrjEnd, data.FormatDate(end))
	r.Set(data.PrjStatus, status)
	r.Set(data.PrjAccepted, data.FormatDate(accepted))

	checked := demoDays(start, -g.between(15, 45))
	if status == data.ProjectBidding {
		checked = demoDays(T, -g.between(0, 10))
	}
	contracted := !(status == data.ProjectBidding && sc == prjNormal && g.chance(0.5))
	qual := kind.qual
	if sc == prjWrongQual {
		qual = data.QualIntegration // the work needs 涉密印制
	}
	if contracted {
		r.Set(data.PrjContractor, g.company(qual))
	}
	if contracted && qual != "其他" {
		var grade string
		switch qual {
		case "武器装备科研生产":
			grade = [...]string{"一级", "二级", "三级"}[g.weighted(35, 50, 15)]
			if level == "绝密" {
				grade = "一级"
			} else if level == "机密" && grade == "三级" {
				grade = "二级"
			}
		default:
			grade = [...]string{"甲级", "乙级"}[g.weighted(65, 35)]
		}
		switch {
		case needB:
			grade = "乙级"
		case sc == prjGradeOver:
			grade = "三级"
		case level == "绝密" && grade == "乙级":
			grade = "甲级"
		}
		r.Set(data.PrjQualType, qual)
		r.Set(data.PrjQualGrade, grade)
		r.Set("qual_no", demoCertNumber(qual, grade)+g.digits(9))
		r.Set(data.PrjQualExpires, data.FormatDate(expires))
		if sc != prjNotChecked {
			r.Set(data.PrjQualChecked, data.FormatDate(checked))
		}
		switch sc {
		case prjGradeB:
			r.Set(data.KeyAck, data.FormatDate(checked))
			r.Set("note", "承接单位仅具乙级资质，不得承接绝密级项目；已报告保密行政管理部门，责令暂停涉密工作，另行选择甲级资质单位")
		case prjGradeOver:
			r.Set(data.KeyAck, data.FormatDate(checked))
			r.Set("note", "承接单位仅具三级保密资格，不得承担机密级任务；已责令暂停，另行选择二级以上资格单位")
		}
	}
	if status != data.ProjectBidding && sc != prjNoAgreement {
		r.Set(data.PrjAgreement, data.FormatDate(demoDays(start, -g.between(0, 15))))
	}
	if g.chance(0.6) {
		r.Set("term", g.pick([]string{"项目结束后5年", "项目结束后10年", "长期", "与所涉国家秘密保密期限一致"}))
		r.Set("scope", g.pick([]string{"项目组成员及承接单位项目组涉密人员", "负责部门分管领导、项目负责人及承接单位涉密人员（名单已备案）", "项目组成员"}))
	}
	switch status {
	case data.ProjectAccepted:
		r.Set("carriers", fmt.Sprintf("涉密载体已全部清退，共%d件，清退清单已归档", g.between(3, 60)))
	case data.ProjectCancelled:
		r.Set("carriers", fmt.Sprintf("已清退涉密载体%d件", g.between(1, 20)))
		r.Set("note", g.pick([]string{"因需求调整终止", "因预算调整终止", "承接单位资质变更，合同解除"}))
	}
	return r, nil
}

// demoCertNumber is the prefix of a 资质证书编号 by 类别 and 等级.
func demoCertNumber(qual, grade string) string {
	switch {
	case qual == "涉密印制" && grade == "甲级":
		return "YZJ"
	case qual == "涉密印制":
		return "YZY"
	case qual == "武器装备科研生产" && grade == "一级":
		return "WBZ1"
	case qual == "武器装备科研生产" && grade == "三级":
		return "WBZ3"
	case qual == "武器装备科研生产":
		return "WBZ2"
	case grade == "甲级":
		return "JCJ"
	}
	return "JCY"
}

// projectDept is the 部门 in charge of a project: the 信息中心 for systems,
// the 办公室 for printing and purchases, now and then another 部门 for its
// own business system; the 保密办 supervises rather than runs projects.
func (g *gen) projectDept(qual string) string {
	has := func(d string) bool { return slices.Contains(g.st.Departments, d) }
	switch {
	case qual == "涉密信息系统集成" && has("信息中心") && g.chance(0.7):
		return "信息中心"
	case qual != "涉密信息系统集成" && has("办公室") && g.chance(0.7):
		return "办公室"
	}
	for {
		if d := g.dept(); d != "保密办" || len(g.st.Departments) == 1 {
			return d
		}
	}
}

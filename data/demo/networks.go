package demo

import (
	"fmt"
	"slices"
	"time"

	"baomi/taizhang/data"
)

// Networks makes a system for every ten persons, with its evaluations.
func (g *gen) Networks() maker {
	return maker{per: 10, make: g.network}
}

var (
	demoSystems      = []string{"涉密办公自动化系统", "机要文电处理系统", "涉密档案管理系统", "涉密视频会议系统", "涉密统计分析系统", "涉密内网邮件系统", "应急指挥涉密信息系统", "涉密数据库管理系统", "涉密业务专网"}
	demoEvalAgencies = []string{"国家保密科技测评中心", "国家保密科技测评中心", "省保密科技测评中心", "市保密技术检查测评中心"}
	demoReviewers    = []string{"市国家保密局", "市国家保密局", "市国家保密局", "省国家保密局"}
)

// System scenarios.
const (
	netNormal       = iota
	netNeverPassed  // 运行中, only a failed evaluation
	netOverdue      // 运行中, 下次测评日期 past
	netDueSoon      // 运行中, due within the window
	netLatestFailed // 运行中, passed before, failed last
	netStopped      // 已停用 and overdue: no mark
	netBuilding     // 建设中, no evaluation yet
	netChanged      // 运行中, changed (范围) since its last 测评
	netEarlyUse     // 投入使用 before 审查通过
	netNoFiling     // 已停用 without 停用备案
)

func (g *gen) network(i int) (*data.Record, data.Snapshot) {
	T := g.today
	sc := g.scenario(i,
		[]int{netNeverPassed, netOverdue, netDueSoon, netLatestFailed, netStopped, netBuilding, netChanged, netEarlyUse, netNoFiling},
		[]int{netNormal, netNeverPassed, netOverdue, netDueSoon, netLatestFailed, netStopped, netBuilding},
		73, 1, 6, 9, 2, 5, 4)
	level := data.SecretLevels[g.weighted(8, 40, 52)]
	interval := 2
	if level == "绝密" {
		interval = 1
	}
	w := g.window()
	back := T.AddDate(-interval, 0, 0) // evaluated on this day: due today
	var latest time.Time
	switch sc {
	case netNormal, netLatestFailed, netChanged, netEarlyUse:
		latest = g.day(demoDays(back, w+1), demoDays(T, -1))
	case netNeverPassed:
		latest = demoDays(T, -g.between(10, 200))
	case netOverdue:
		latest = demoDays(back, -g.between(1, 300))
	case netDueSoon:
		latest = demoDays(back, g.between(0, w))
	case netStopped, netNoFiling:
		latest = demoDays(back, -g.between(1, 400))
	}
	latest = demoEarlier(latest, demoDays(T, -1)) // a window longer than the interval

	r := data.NewRecord()
	dept := g.dept()
	if slices.Contains(g.st.Departments, "信息中心") && g.chance(0.5) {
		dept = "信息中心"
	}
	system := g.pick(demoSystems)
	if g.chance(0.7) {
		system = dept + system
	}
	r.Set(data.NetName, system)
	r.Set(data.NetLevel, level)
	r.Set(data.NetDept, dept)
	r.Set("builder", g.company("涉密信息系统集成"))
	r.Set("reviewer", g.pick(demoReviewers))
	if sc == netBuilding {
		r.Set(data.NetStatus, data.SystemBuilding)
		r.Set("note", fmt.Sprintf("预计%d年投入使用", T.Year()+1))
		return r, nil
	}

	count := g.between(1, 4)
	switch sc {
	case netNeverPassed:
		count = 1
	case netLatestFailed:
		count = max(count, 2)
	}
	dates := make([]time.Time, count) // oldest first
	dates[count-1] = latest
	for j := count - 2; j >= 0; j-- {
		dates[j] = demoDays(data.AddYears(dates[j+1], -interval), -g.between(0, 30))
	}
	var evals []*data.Record
	for j, d := range dates {
		e := data.NewRecord()
		e.Set(data.EvalAgency, g.pick(demoEvalAgencies))
		e.Set(data.EvalDate, data.FormatDate(d))
		e.Set(data.EvalReport, fmt.Sprintf("CP%d-%04d", d.Year(), g.between(1, 2000)))
		conclusion := [...]string{"通过", "整改后通过", "未通过"}[g.weighted(75, 22, 3)]
		if j == count-1 {
			switch sc {
			case netNeverPassed, netLatestFailed:
				conclusion = "未通过"
			default:
				conclusion = [...]string{"通过", "整改后通过"}[g.weighted(80, 20)]
			}
		}
		e.Set(data.EvalConclusion, conclusion)
		switch conclusion {
		case "整改后通过":
			e.Set("fixes", g.pick([]string{"已按测评意见完成整改，复测通过", "补充完善安全保密管理制度，更换不合格设备", "调整安全审计策略，完成整改复核"}))
		case "未通过":
			e.Set("fixes", g.pick([]string{"正在按测评意见整改，拟申请复测", "身份鉴别和安全审计不符合要求，整改中"}))
		}
		if j == count-1 && sc == netNormal && g.chance(0.1) {
			next := demoDays(data.NextEvaluation(level, d), -g.between(30, 180))
			if next.After(d) {
				e.Set(data.EvalNext, data.FormatDate(next))
				e.Set("note", "系统发生变更，按要求提前测评")
			}
		}
		evals = append(evals, e)
	}
	first := dates[0]
	inUse := demoEarlier(demoDays(first, g.between(15, 60)), T)
	reviewed := demoDays(first, data.DaysBetween(first, inUse)/2)
	r.Set(data.NetInUse, data.FormatDate(inUse))
	review := fmt.Sprintf("%s，市保审〔%d〕%d号", data.FormatDate(reviewed), reviewed.Year(), g.between(1, 120))
	if sc == netNeverPassed {
		review = ""
		r.Set("note", "测评未通过，正在按测评意见整改，拟申请复测")
	}
	r.Set("review", review)
	if review != "" {
		r.Set(data.NetReviewedOn, data.FormatDate(reviewed))
	}
	if sc == netEarlyUse {
		r.Set(data.NetReviewedOn, data.FormatDate(demoDays(inUse, g.between(3, 20))))
	}
	var changes []*data.Record
	if count > 2 && g.chance(0.3) || i == 0 {
		// A change made before the last 测评, which covered it.
		what := g.pick([]string{"扩充终端数量，已重新测评", "机房搬迁，已报审查部门备案", "更换服务器及安全保密产品"})
		r.Set("changes", what)
		changes = append(changes, g.change(demoDays(dates[count-1], -g.between(10, 60)), data.ChangeKinds[g.weighted(5, 45, 40, 10)], what))
	}
	if sc == netChanged {
		changes = append(changes, g.change(g.day(demoDays(latest, 1), T), "范围", "新增接入两个部门的终端，扩大使用范围"))
	}
	switch sc {
	case netStopped, netNoFiling:
		r.Set(data.NetStatus, data.SystemStopped)
		if sc == netStopped {
			r.Set(data.NetStopped, data.FormatDate(g.day(demoLater(demoDays(latest, 30), inUse), T)))
		}
		r.Set("note", "系统已停用，设备已按规定清退处置")
	default:
		r.Set(data.NetStatus, data.SystemRunning)
	}
	return r, data.Snapshot{data.Evaluations: evals, data.Changes: changes}
}

// change is one 变更 of a system.
func (g *gen) change(date time.Time, what, desc string) *data.Record {
	r := data.NewRecord()
	r.Set(data.ChgDate, data.FormatDate(date))
	r.Set(data.ChgWhat, what)
	r.Set(data.ChgDesc, desc)
	return r
}

package demo

import (
	"fmt"
	"time"

	"baomi/taizhang/data"
)

// demoTaskKinds are the 督办事项 a 保密办 follows, by where they come from:
// the item, the 落实情况 written when it is closed, and the pattern of its
// 来源文件或会议 (year, number).
var demoTaskKinds = []struct{ source, title, result, doc string }{
	{"党委（党组）部署", "落实党组关于加强新形势下保密工作的部署，修订本单位保密工作责任制实施细则", "已修订印发《保密工作责任制实施细则》，明确各处室主要负责人为本处室保密工作第一责任人", "党组会议纪要〔%d〕%d号"},
	{"党委（党组）部署", "党组理论学习中心组开展新修订《保守国家秘密法》专题学习", "已在党组理论学习中心组会议上专题学习，形成学习纪要存档", "党组会议纪要〔%d〕%d号"},
	{"党委（党组）部署", "将保密工作纳入各处室年度目标责任考核", "已将保密工作列入年度考核指标，考核细则随年度考核方案印发", "党组会议纪要〔%d〕%d号"},
	{"保密委员会会议", "组织开展本年度在岗涉密人员保密复审", "已完成复审，在岗涉密人员均重新签订保密承诺书，复审表归档", "%d年第%d次保密委员会会议纪要"},
	{"保密委员会会议", "核对涉密人员底数，按岗位调整涉密等级", "已完成底数核对，调整涉密等级3人、解除涉密身份2人，名单报保密委员会备案", "%d年第%d次保密委员会会议纪要"},
	{"保密委员会会议", "调整定密责任人并办理定密授权备案", "已调整定密责任人名单，报市国家保密局备案", "%d年第%d次保密委员会会议纪要"},
	{"保密委员会会议", "组织涉密计算机和涉密存储介质保密技术检查", "已完成检查，对发现的问题逐台整改，检查记录归档", "%d年第%d次保密委员会会议纪要"},
	{"上级交办", "按市国家保密局通知要求开展年度保密自查自评并报送自评报告", "已完成自查自评，自评报告按时报送市国家保密局", "市保密局通知〔%d〕%d号"},
	{"上级交办", "报送本年度保密工作统计报表", "已按时报送统计报表，数据经分管领导审核", "市保密局通知〔%d〕%d号"},
	{"上级交办", "组织涉密人员参加保密观平台年度学习和考试", "在岗涉密人员全部参加，考试平均成绩92分", "市保密局通知〔%d〕%d号"},
	{"上级检查反馈", "整改检查反馈的“部分涉密计算机未粘贴密级标识”问题", "已对全部涉密计算机补贴密级标识，并更新设备台账", "检查反馈意见〔%d〕%d号"},
	{"上级检查反馈", "整改检查反馈的“涉密载体清点不及时”问题", "已建立涉密载体季度清点制度，完成首次清点，账物相符", "检查反馈意见〔%d〕%d号"},
	{"上级检查反馈", "整改检查反馈的“个别人员在非涉密计算机上处理内部敏感信息”问题", "已对相关人员批评教育，开展非涉密计算机专项检查，未发现涉密信息", "检查反馈意见〔%d〕%d号"},
	{"本单位安排", "组织开展保密宣传教育月活动", "已组织专题讲座1场、保密知识竞赛1场，覆盖全体干部职工", "%d年保密工作要点第%d项"},
	{"本单位安排", "组织新录用人员上岗前保密教育培训", "已完成培训，新录用人员均签订保密承诺书", "%d年保密工作要点第%d项"},
	{"本单位安排", "清查清退过期涉密文件资料", "已清退过期涉密文件资料，按规定送销毁工作机构销毁", "%d年保密工作要点第%d项"},
	{"本单位安排", "检查保密要害部位门禁和视频监控设施", "已完成检查，更换故障摄像头2个，门禁记录保存期限调整为6个月", "%d年保密工作要点第%d项"},
}

// demoFeedbackTexts are the 进展反馈 a 责任部门 sends, early to late.
var demoFeedbackTexts = []string{
	"已召开处室会议专题研究，明确分管负责同志和具体承办人",
	"已制定工作方案，正在组织实施",
	"已完成初稿，正在征求相关处室意见",
	"已完成约一半工作量，预计可按期完成",
	"主体工作已完成，正在整理材料准备报送",
}

var demoTaskDemands = []string{
	"请于完成时限前办结，并将落实情况书面报保密办；不能按期办结的，提前说明原因和计划完成时间。",
	"请指定专人负责，每月底前向保密办反馈进展。",
	"请对照问题逐项整改，整改材料（制度文本、照片、记录）一并报保密办。",
}

// Task scenarios: each but tkRandom makes a rule fire or shows one that
// must not.
const (
	tkRandom         = iota
	tkOverdue        // 推进中 past its 完成时限
	tkSoon           // 推进中, 完成时限 within the window
	tkSilent         // 推进中, the last 反馈 45 days ago
	tkSilentNone     // 推进中, handed over 40 days ago, no 反馈 at all
	tkNotStartedLate // 未启动 past its 完成时限
	tkClosedLate     // 已办结 after its 完成时限: no mark, not 按期
	tkStopped        // 已终止 with its reason
)

// Tasks makes a 督办事项 for every ten persons, with its 进展反馈. The
// persons in post by 部门 (for 责任人) and the 保密办's own (for 经办人) are
// looked up at the first item, once the persons are written.
func (g *gen) Tasks() maker {
	var byDept map[string][]string
	var clerks []string
	return maker{per: 10, make: func(i int) (*data.Record, data.Snapshot) {
		if byDept == nil {
			byDept, clerks = g.staffByDept()
		}
		r, fbs := g.task(i, byDept, clerks)
		return r, data.Snapshot{data.TaskFeedback: fbs}
	}}
}

// staffByDept lists the names of the persons in post by 部门, and three of
// the 保密办 (two made-up names when it has none) who keep its ledgers.
func (g *gen) staffByDept() (map[string][]string, []string) {
	byDept := map[string][]string{}
	for _, k := range g.inPost {
		p := g.staff[k]
		byDept[p.dept] = append(byDept[p.dept], p.name)
	}
	clerks := byDept["保密办"]
	if len(clerks) == 0 {
		clerks = []string{g.name(false), g.name(true)}
	}
	if len(clerks) > 3 { // a 保密办 has a handful of people
		clerks = clerks[:3]
	}
	return byDept, clerks
}

func (g *gen) task(i int, byDept map[string][]string, clerks []string) (*data.Record, []*data.Record) {
	T := g.today
	sc := g.scenario(i, []int{tkOverdue, tkSoon, tkSilent, tkSilentNone, tkNotStartedLate, tkClosedLate, tkStopped}, []int{tkRandom}, 1)
	kind := demoTaskKinds[g.rng.IntN(len(demoTaskKinds))]
	assigned := g.day(T.AddDate(-2, 0, 0), demoDays(T, -1))
	deadline := demoDays(assigned, [...]int{15, 30, 30, 45, 60, 90, 180}[g.rng.IntN(7)])
	var feedback []time.Time
	status, done := data.TaskActive, time.Time{}
	switch sc {
	case tkOverdue:
		assigned, deadline = demoDays(T, -60), demoDays(T, -5)
		feedback = []time.Time{demoDays(T, -40), demoDays(T, -18)}
	case tkSoon:
		assigned, deadline = demoDays(T, -20), demoDays(T, 10)
		feedback = []time.Time{demoDays(T, -7)}
	case tkSilent:
		assigned, deadline = demoDays(T, -120), demoDays(T, 120)
		feedback = []time.Time{demoDays(T, -100), demoDays(T, -45)}
	case tkSilentNone:
		assigned, deadline = demoDays(T, -40), demoDays(T, 100)
	case tkNotStartedLate:
		assigned, deadline, status = demoDays(T, -30), demoDays(T, -3), data.TaskNotStarted
	case tkClosedLate:
		assigned, deadline, status = demoDays(T, -130), demoDays(T, -100), data.TaskClosed
		done = demoDays(T, -90)
	case tkStopped:
		assigned, status = demoDays(T, -200), data.TaskStopped
		deadline = demoDays(assigned, 60)
	default:
		switch age := data.DaysBetween(assigned, T); {
		case !deadline.Before(T) && age <= 10 && g.chance(0.4):
			status = data.TaskNotStarted
		case !deadline.Before(T) && g.chance(0.7):
			// 推进中, reporting every few weeks; now and then one falls silent
			for d := demoDays(assigned, g.between(5, 20)); d.Before(T); d = demoDays(d, g.between(14, 28)) {
				feedback = append(feedback, d)
			}
			if len(feedback) > 1 && g.chance(0.05) {
				feedback = feedback[:len(feedback)-1]
			}
		case g.chance(0.03):
			status = data.TaskStopped
		case deadline.Before(T) && g.chance(0.04):
			feedback = []time.Time{demoDays(assigned, g.between(5, 15))} // left overdue
		default:
			status = data.TaskClosed
			last := demoEarlier(deadline, demoDays(T, -1))
			if g.chance(0.12) {
				last = demoEarlier(demoDays(deadline, g.between(3, 30)), demoDays(T, -1))
			}
			done = g.day(demoEarlier(demoDays(assigned, 3), last), last)
		}
	}
	dept := g.pick(g.st.Departments)
	r := data.NewRecord()
	r.Set(data.TaskTitle, kind.title)
	r.Set(data.TaskSource, kind.source)
	r.Set(data.TaskDoc, fmt.Sprintf(kind.doc, assigned.Year(), g.between(1, 12)))
	r.Set(data.TaskAssigned, data.FormatDate(assigned))
	r.Set(data.TaskDept, dept)
	owner := g.name(g.chance(0.6))
	if names := byDept[dept]; len(names) > 0 {
		owner = g.pick(names)
	}
	r.Set(data.TaskOwner, owner)
	r.Set(data.TaskDeadline, data.FormatDate(deadline))
	r.Set(data.TaskStatus, status)
	r.Set(data.TaskClerk, g.pick(clerks))
	if g.chance(0.4) {
		r.Set(data.TaskDemand, g.pick(demoTaskDemands))
	}
	switch status {
	case data.TaskClosed:
		r.Set(data.TaskDone, data.FormatDate(done))
		r.Set(data.TaskResult, kind.result)
		if !done.After(deadline) || g.chance(0.5) {
			feedback = append(feedback, demoEarlier(demoDays(assigned, g.between(3, 10)), done))
		}
	case data.TaskStopped:
		r.Set(data.TaskResult, "根据上级通知调整，本项工作并入年度保密检查一并开展，经保密委员会同意终止")
	}
	fbs := make([]*data.Record, len(feedback))
	for j, d := range feedback {
		f := data.NewRecord()
		f.Set(data.FeedbackDate, data.FormatDate(d))
		f.Set(data.FeedbackText, demoFeedbackTexts[min(j, len(demoFeedbackTexts)-1)])
		f.Set(data.FeedbackBy, owner)
		fbs[j] = f
	}
	return r, fbs
}

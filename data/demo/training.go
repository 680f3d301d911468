package demo

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"baomi/taizhang/data"
)

// Training makes a training session for every ten persons.
func (g *gen) Training() maker {
	return maker{per: 10, make: g.session}
}

var demoTopics = map[string][]string{
	"集中培训": {"新修订《保守国家秘密法》学习培训", "涉密人员上岗前保密教育培训", "年度保密工作业务培训", "涉密载体管理专题培训", "定密工作培训"},
	"专题讲座": {"保密形势与任务专题讲座", "网络安全与保密技术防护讲座", "手机使用保密管理讲座", "涉外活动保密管理讲座"},
	"网络培训": {"保密观平台在线学习", "全国保密宣传教育月网络答题", "保密在线培训平台专题课程"},
	"警示教育": {"观看保密警示教育片", "典型泄密案件通报学习", "参观保密警示教育基地"},
	"考试":   {"年度保密知识考试", "涉密人员保密知识测试", "保密法律法规考试"},
}

var demoHours = map[string][]string{
	"集中培训": {"2", "3", "4"},
	"专题讲座": {"1.5", "2"},
	"网络培训": {"0.5", "1", "2"},
	"警示教育": {"1", "1.5"},
	"考试":   {"1"},
}

func (g *gen) session(i int) (*data.Record, data.Snapshot) {
	T := g.today
	date := g.day(demoDate(T.Year()-2, 1, 1), T)
	switch date.Weekday() { // on a working day, not after today
	case time.Saturday:
		date = demoDays(date, -1)
	case time.Sunday:
		date = demoDays(date, 1)
		if date.After(T) {
			date = demoDays(date, -3)
		}
	}
	form := data.TrainingForms[g.weighted(30, 25, 15, 20, 10)]
	r := data.NewRecord()
	r.Set(data.TrnDate, data.FormatDate(date))
	r.Set(data.TrnTopic, g.pick(demoTopics[form]))
	r.Set(data.TrnForm, form)
	dept := g.pick(g.st.Departments)
	for _, d := range g.st.Departments {
		if d == "保密办" && g.chance(0.7) {
			dept = d
		}
	}
	r.Set(data.TrnDept, dept)
	switch form {
	case "专题讲座":
		r.Set("lecturer", g.pick([]string{"市国家保密局", "市国家保密局", "市委党校"})+" "+g.name(g.chance(0.6)))
	case "网络培训":
		r.Set("lecturer", "保密观平台")
	default:
		r.Set("lecturer", dept+" "+g.name(g.chance(0.5)))
	}
	r.Set(data.TrnHours, g.pick(demoHours[form]))

	k := min(g.between(5, 40), len(g.inPost))
	chosen := make(map[uint64]bool, k)
	ids := make([]uint64, 0, k)
	for len(ids) < k {
		id := g.staff[g.inPost[g.rng.IntN(len(g.inPost))]].id
		if !chosen[id] {
			chosen[id] = true
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	scored := form == "考试" || (form == "集中培训" && g.chance(0.2))
	people := make([]data.Attendee, len(ids))
	for j, id := range ids {
		people[j].ID = id
		if scored {
			people[j].Score = strconv.Itoa(g.between(60, 100))
		}
	}
	r.Set(data.TrnAttendees, data.FormatPeople(people))
	r.Set("place", g.pick([]string{
		"保密办文件柜（签到表、课件、照片）",
		fmt.Sprintf("保密工作档案%d-%02d", date.Year(), g.between(1, 30)),
		"办公室档案室保密培训档案盒",
	}))
	if form == "考试" {
		r.Set("note", "试卷及成绩单已归档")
	}
	return r, nil
}

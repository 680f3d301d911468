package demo

import (
	"fmt"
	"time"

	"baomi/taizhang/data"
)

// demoDisclosureKinds are what a 部门 proposes to publish, each with the
// way it is published; %d takes the year (the year submitted, or the one
// before for a 决算 or a 年报: year is 0 or -1) or, when year is 1, an
// issue number.
var demoDisclosureKinds = []struct {
	name, channel string
	year          int
}{
	{"%d年部门预算及“三公”经费预算情况说明", "门户网站", 0},
	{"%d年部门决算公开说明", "门户网站", -1},
	{"%d年政府信息公开工作年度报告", "门户网站", -1},
	{"关于公开征求《行政许可事项实施规范》意见的公告（第%d号）", "门户网站", 1},
	{"行政执法统计年报（%d年）", "门户网站", -1},
	{"工作动态（第%d期）", "门户网站", 1},
	{"重点工作推进情况新闻发布会通稿（第%d场）", "新闻发布", 1},
	{"主要负责同志接受媒体采访答问口径（第%d期）", "新闻发布", 1},
	{"政务微信公众号推文：政策解读系列（第%d期）", "政务新媒体", 1},
	{"政务微博：便民服务事项办理指南（第%d期）", "政务新媒体", 1},
	{"《年鉴（%d）》本单位供稿", "出版物", 0},
	{"内部刊物《工作通讯》%d年合订本公开发行稿", "出版物", -1},
	{"公共资源交易项目招标公告（编号%d）", "其他", 1},
}

// demoDisclosureNotes explain a breach the 保密办 found and put on file.
var demoDisclosureNotes = []string{
	"经查为承办人员疏忽，已撤回网页信息，补办保密审查手续，对承办人员批评教育",
	"发现后当日撤回，经评估未涉及国家秘密，已在处室会议上通报",
}

// Disclosure scenarios: each but dsRandom makes a rule fire or shows one
// that must not.
const (
	dsRandom         = iota
	dsUnreviewed     // published, never reviewed (on file)
	dsPublishedFirst // published two days before its review (on file)
	dsRefusedOut     // 不予公开, published all the same (on file)
	dsPendingLate    // waiting 12 days for its review
	dsPendingSoon    // submitted two days ago
	dsRefused        // 不予公开 and not published: no mark
)

// Disclosures makes an item for every five persons; the 保密办's
// reviewers are looked up at the first item, once the persons are written.
func (g *gen) Disclosures() maker {
	var reviewers []string
	return maker{per: 5, make: func(i int) (*data.Record, data.Snapshot) {
		if reviewers == nil {
			_, reviewers = g.staffByDept()
		}
		return g.disclosure(i, reviewers), nil
	}}
}

func (g *gen) disclosure(i int, reviewers []string) *data.Record {
	T := g.today
	sc := g.scenario(i, []int{dsUnreviewed, dsPublishedFirst, dsRefusedOut, dsPendingLate, dsPendingSoon, dsRefused}, []int{dsRandom}, 1)
	kind := demoDisclosureKinds[g.rng.IntN(len(demoDisclosureKinds))]
	submitted := g.day(T.AddDate(-2, 0, 0), T)
	var reviewed, published time.Time
	conclusion := []string{data.DisclosureAgreed, data.DisclosureRevised, data.DisclosureRefused}[g.weighted(80, 16, 4)]
	switch sc {
	case dsUnreviewed:
		submitted, published, conclusion = demoDays(T, -40), demoDays(T, -39), ""
	case dsPublishedFirst:
		submitted, published = demoDays(T, -30), demoDays(T, -29)
		reviewed, conclusion = demoDays(T, -27), data.DisclosureAgreed
	case dsRefusedOut:
		submitted, reviewed, published = demoDays(T, -60), demoDays(T, -58), demoDays(T, -50)
		conclusion = data.DisclosureRefused
	case dsPendingLate:
		submitted, conclusion = demoDays(T, -12), ""
	case dsPendingSoon:
		submitted, conclusion = demoDays(T, -2), ""
	case dsRefused:
		submitted, reviewed, conclusion = demoDays(T, -20), demoDays(T, -18), data.DisclosureRefused
	default:
		switch age := data.DaysBetween(submitted, T); {
		case age <= 4 && g.chance(0.7):
			conclusion = "" // waiting, within the limit
		default:
			reviewed = demoEarlier(demoDays(submitted, g.weighted(30, 35, 20, 10, 5)), T)
			if conclusion != data.DisclosureRefused {
				if p := demoDays(reviewed, g.weighted(40, 30, 20, 10)); !p.After(T) {
					published = p
				}
			}
		}
	}
	r := data.NewRecord()
	n := submitted.Year() + kind.year
	if kind.year == 1 {
		n = g.between(1, 40)
	}
	r.Set(data.DscName, fmt.Sprintf(kind.name, n))
	r.Set(data.DscChannel, kind.channel)
	r.Set(data.DscDept, g.pick(g.st.Departments))
	r.Set(data.DscSubmitted, data.FormatDate(submitted))
	if !reviewed.IsZero() {
		r.Set(data.DscReviewer, g.pick(reviewers))
		r.Set(data.DscReviewed, data.FormatDate(reviewed))
		r.Set(data.DscConclusion, conclusion)
	}
	r.Set(data.DscPublished, data.FormatDate(published))
	switch {
	case conclusion == data.DisclosureRevised:
		r.Set("note", "删除涉及内部工作安排的表述后公开")
	case conclusion == data.DisclosureRefused && published.IsZero():
		r.Set("note", "含内部敏感信息，不予公开，已告知提出部门")
	}
	if len(data.Disclosures.Warn(r, data.Env{})) > 0 {
		r.Set("note", g.pick(demoDisclosureNotes))
		r.Set(data.KeyAck, "已确认记录在案 "+data.FormatDate(T))
	}
	return r
}

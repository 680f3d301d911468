package data

import (
	"strings"
	"testing"
)

// testDisclosure is a valid item reviewed and published in order.
func testDisclosure() *Record {
	return rec(
		DscName, "2025年部门预算及“三公”经费预算情况说明",
		DscChannel, "门户网站",
		DscDept, "办公室",
		DscSubmitted, "2025-06-01",
		DscReviewer, "李静",
		DscReviewed, "2025-06-03",
		DscConclusion, DisclosureAgreed,
		DscPublished, "2025-06-05",
	)
}

func TestDisclosureCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *Record
		want map[string]string
	}{
		{name: "valid", r: testDisclosure()},
		{name: "pending", r: with(testDisclosure(), DscReviewer, "", DscReviewed, "", DscConclusion, "", DscPublished, "")},
		{name: "审查日期 without 结论 and 审查人", r: with(testDisclosure(), DscReviewer, "", DscConclusion, ""),
			want: map[string]string{DscReviewer: "已审查的信息应填写审查人", DscConclusion: "已审查的信息应填写审查结论"}},
		{name: "结论 without 审查日期", r: with(testDisclosure(), DscReviewed, ""), want: map[string]string{DscReviewed: "已审查的信息应填写审查日期"}},
		{name: "reviewed before submitted", r: with(testDisclosure(), DscReviewed, "2025-05-30"), want: map[string]string{DscReviewed: "审查日期不能早于提交日期"}},
		{name: "published tomorrow", r: with(testDisclosure(), DscPublished, "2025-06-16"), want: map[string]string{DscPublished: "公开日期不能晚于今天"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkErrors(t, Validate(Disclosures, tc.r, testEnv()), tc.want)
		})
	}
}

// TestDisclosurePublishedUnreviewed: published without a review, or before
// it, is refused on save until the clerk confirms it is on file, then
// marked; it is no reminder on 首页.
func TestDisclosurePublishedUnreviewed(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *Record
		want string
	}{
		{name: "in order", r: testDisclosure()},
		{name: "published the day it was reviewed", r: with(testDisclosure(), DscPublished, "2025-06-03")},
		{name: "never reviewed", r: with(testDisclosure(), DscReviewer, "", DscReviewed, "", DscConclusion, ""), want: "未经保密审查即公开"},
		{name: "published before the review", r: with(testDisclosure(), DscPublished, "2025-06-02"), want: "未经保密审查即公开"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fe := Validate(Disclosures, tc.r.Clone(), testEnv())
			if got := fe[KeyAck]; got != tc.want {
				t.Errorf("warning on save: got %q, want %q", got, tc.want)
			}
			acked := with(tc.r, KeyAck, "已确认记录在案 2025-06-15")
			checkErrors(t, Validate(Disclosures, acked, testEnv()), nil)
			marks, home := marksAndHome(Disclosures, acked, nil, nil)
			if marks != tc.want {
				t.Errorf("提示: got %q, want %q", marks, tc.want)
			}
			if len(home) != 0 {
				t.Errorf("首页: got %q, want nothing", home)
			}
		})
	}
}

// TestDisclosurePublishedRefused: published though the 结论 was 不予公开 is a
// breach, warned on save and marked.
func TestDisclosurePublishedRefused(t *testing.T) {
	refused := with(testDisclosure(), DscConclusion, DisclosureRefused, DscPublished, "")
	if fe := Validate(Disclosures, refused.Clone(), testEnv()); len(fe) != 0 {
		t.Errorf("不予公开, not published: got %v, want valid", fe)
	}
	if marks, _ := marksAndHome(Disclosures, refused, nil, nil); marks != "" {
		t.Errorf("不予公开, not published: got 提示 %q, want none", marks)
	}
	out := with(refused, DscPublished, "2025-06-10")
	if got := Validate(Disclosures, out.Clone(), testEnv())[KeyAck]; got != "审查结论为不予公开，但已公开" {
		t.Errorf("warning on save: got %q", got)
	}
	marks, home := marksAndHome(Disclosures, with(out, KeyAck, "已确认记录在案"), nil, nil)
	if marks != "审查结论为不予公开，但已公开" || len(home) != 0 {
		t.Errorf("got 提示 %q and 首页 %q, want the breach as a mark only", marks, home)
	}
	both := with(out, DscPublished, "2025-06-02", KeyAck, "已确认记录在案")
	if marks, _ := marksAndHome(Disclosures, both, nil, nil); marks != "未经保密审查即公开；审查结论为不予公开，但已公开" {
		t.Errorf("both breaches: got %q", marks)
	}
}

// TestDisclosurePending: an item neither reviewed nor published is due for
// its review the setting's days (default 5) after its 提交日期, in its 提示
// and on 首页 alike.
func TestDisclosurePending(t *testing.T) {
	pending := func(submitted string) *Record {
		return with(testDisclosure(), DscSubmitted, submitted, DscReviewer, "", DscReviewed, "", DscConclusion, "", DscPublished, "")
	}
	for _, tc := range []struct {
		name      string
		r         *Record
		days      int
		wantMarks string
		wantHome  []string
	}{
		{name: "submitted today", r: pending("2025-06-15"),
			wantMarks: "待审查，应于2025-06-20前完成保密审查", wantHome: []string{"待审查，应于2025-06-20前完成保密审查|2025-06-20|办公室"}},
		{name: "5 days: due today", r: pending("2025-06-10"),
			wantMarks: "待审查，应于2025-06-15前完成保密审查", wantHome: []string{"待审查，应于2025-06-15前完成保密审查|2025-06-15|办公室"}},
		{name: "6 days: overdue", r: pending("2025-06-09"),
			wantMarks: "待审查超过5天（提交2025-06-09）", wantHome: []string{"待审查超过5天（提交2025-06-09）|2025-06-14|办公室"}},
		{name: "setting of 10 days", r: pending("2025-06-09"), days: 10,
			wantMarks: "待审查，应于2025-06-19前完成保密审查", wantHome: []string{"待审查，应于2025-06-19前完成保密审查|2025-06-19|办公室"}},
		{name: "reviewed", r: with(testDisclosure(), DscPublished, "")},
		{name: "setting of 0: off", r: pending("2025-01-09"), days: -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			marks, home := marksAndHome(Disclosures, tc.r, nil, func(s *Settings) {
				switch {
				case tc.days > 0:
					s.Limits[LimitDisclosureDays] = tc.days
				case tc.days < 0:
					s.Limits[LimitDisclosureDays] = 0
				}
			})
			if marks != tc.wantMarks {
				t.Errorf("提示: got %q, want %q", marks, tc.wantMarks)
			}
			if strings.Join(home, "\n") != strings.Join(tc.wantHome, "\n") {
				t.Errorf("首页: got %q, want %q", home, tc.wantHome)
			}
		})
	}
}

// TestDisclosureStats counts by 提出部门 and 审查结论 (待审查 when none) for
// the year submitted, and notes the breaches and late reviews.
func TestDisclosureStats(t *testing.T) {
	recs := []*Record{
		testDisclosure(),
		with(testDisclosure(), DscConclusion, DisclosureRevised),
		with(testDisclosure(), DscDept, "综合处", DscConclusion, DisclosureRefused, DscPublished, ""),
		with(testDisclosure(), DscDept, "综合处", DscReviewer, "", DscReviewed, "", DscConclusion, "", DscPublished, ""), // 2025-06-01: late
		with(testDisclosure(), DscDept, "综合处", DscPublished, "2025-06-02"),                                            // breach
		with(testDisclosure(), DscSubmitted, "2024-06-01", DscReviewed, "2024-06-02", DscPublished, "2024-06-03"),     // another year
	}
	tb := disclosureStats(recs, nil, testEnv(), 2025)[0]
	if want := "信息公开保密审查（2025年提交，按提出部门、审查结论）"; tb.Title != want {
		t.Errorf("title: got %s, want %s", tb.Title, want)
	}
	var got []string
	for i, r := range tb.Rows {
		var cells []string
		for _, v := range tb.Cells[i] {
			cells = append(cells, FormatCount(v))
		}
		got = append(got, r+":"+strings.Join(cells, ","))
	}
	want := "办公室:1,1,0,0 综合处:1,0,1,1"
	if strings.Join(got, " ") != want || strings.Join(tb.Cols, ",") != "同意公开,修改后公开,不予公开,待审查" {
		t.Errorf("table: got %v by %v, want %s", got, tb.Cols, want)
	}
	if wantNote := "共审查登记 5 件；违规公开 1 处（未经审查即公开，或不予公开后公开）；待审查超过 5 天 1 件"; tb.Note != wantNote {
		t.Errorf("note: got %q, want %q", tb.Note, wantNote)
	}
}

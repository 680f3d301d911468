package data

import (
	"strings"
	"testing"
)

// TestEveryMarkHasBasis: every mark the demo-like test records give finds
// its source in Rules, and the rules whose limit is a setting name it.
func TestEveryMarkHasBasis(t *testing.T) {
	for _, tc := range []struct{ mark, want string }{
		{"脱密期将于2025-06-15届满", "实施条例第五十三条"},
		{"离岗未记录提醒谈话（实施条例第五十三条）", "实施条例第五十三条"},
		{"在岗未签订保密承诺书（实施条例第五十条）", "实施条例第五十条"},
		{"保密复审到期（核心，2025-06-01）", practice},
		{"出境2025-06-01（日本）出境后才审批（2025-06-02）", "实施条例第五十二条"},
		{"出境2025-06-01（日本）回国后应在7日内报告（2025-06-15）", "实施条例第五十二条"},
		{"三级资质承接机密项目（已确认记录在案）", "资质"},
		{"实施中未核验承接单位保密资质", "实施条例第四十九条"},
		{"系统变更（范围，2025-03-01）后应重新测评", "实施条例第三十五条"},
		{"投入使用（2020-05-01）早于审查通过（2020-05-02）", "实施条例第三十三条"},
		{"复查未通过，重新整改期限2025-06-30：涉密文件", "实施条例第五十八条"},
		{"未在24小时内报告上级主管部门（2025-06-11 14:31报告，发现后24小时）", "实施条例第六十一条"},
		{"初查期限（发现后2个月，2025-08-10）", practice},
	} {
		t.Run(tc.mark, func(t *testing.T) {
			if got := BasisOf(tc.mark); !strings.Contains(got, tc.want) {
				t.Errorf("BasisOf: got %q, want one naming %q", got, tc.want)
			}
		})
	}
	for _, r := range Rules(Registers()) {
		if r.Source == practice && r.Setting == "" && r.Register != "各登记簿" {
			t.Errorf("%s: a 实践做法 rule with no setting to change it", r.Rule)
		}
	}
	r := NewRecord()
	SetMarks(r, []Mark{{What: "实施中未签订保密协议"}, {What: "不知道的提示"}})
	if got, want := MarksWithBasis(r), "实施中未签订保密协议（依据：实施条例第四十九条）；不知道的提示"; got != want {
		t.Errorf("MarksWithBasis: got %q, want %q", got, want)
	}
}

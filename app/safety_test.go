package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"baomi/taizhang/data"
)

// TestDateFieldRefusesBareNumbers types what a clerk may type by mistake
// into a date field — a year alone, a month.day, five digits — and saves:
// the form stays open with a message under the field and nothing is
// stored (these were read as Excel serials: 2024 saved 1905-07-16).
func TestDateFieldRefusesBareNumbers(t *testing.T) {
	for _, typed := range []string{"2024", "5.1", "99999"} {
		t.Run(typed, func(t *testing.T) {
			u := newTestUI(t)
			v := u.View("personnel")
			test.Tap(v.buttons["新增"])
			f := u.form
			typeInto(t, f, data.PName, "张三")
			typeInto(t, f, data.PIDNo, "11010519491231002X")
			typeInto(t, f, data.PDept, "办公室")
			typeInto(t, f, data.PLevel, "一般")
			typeInto(t, f, data.PStatus, data.StatusInPost)
			typeInto(t, f, "confirmed", typed)
			test.Tap(f.save)
			if u.form == nil {
				t.Fatal("the form closed: the record was saved")
			}
			if in := f.inputs["confirmed"]; !in.errText.Visible() || !strings.Contains(in.errText.Text, "日期") {
				t.Errorf("field message: got %q (visible %v), want one about the 日期", in.errText.Text, in.errText.Visible())
			}
			if recs, _ := u.store.List(data.Personnel); len(recs) != 0 {
				t.Errorf("stored %d records (确定涉密时间 %s), want 0", len(recs), recs[0].Get("confirmed"))
			}
		})
	}
}

package xlsx

import (
	"fmt"
	"strings"

	"baomi/taizhang/data"
)

// auditColumns are the columns of the printed 审计日志.
var auditColumns = []data.Field{
	{Key: "time", Label: "时间", Width: 20}, {Key: "who", Label: "账户", Width: 10},
	{Key: "action", Label: "操作", Width: 8}, {Key: "what", Label: "对象", Width: 18},
	{Key: "detail", Label: "内容（修改前 → 修改后）", Width: 60},
}

// AuditSheets prints audit entries as a register, the chain head as its
// last row: the anchor a later `taizhang verify -anchor` compares with.
func AuditSheets(entries []data.AuditEntry, head data.ChainHead) []Sheet {
	recs := make([]*data.Record, 0, len(entries)+1)
	for _, e := range entries {
		r := data.NewRecord()
		r.Set("time", e.Time.Format("2006-01-02 15:04:05"))
		r.Set("who", e.Operator)
		r.Set("action", e.Action)
		what := data.AuditRegisterName(e.Register)
		if e.RecordID != 0 {
			what += fmt.Sprintf(" 第 %d 条", e.RecordID)
		}
		r.Set("what", what)
		_, detail, _ := strings.Cut(data.AuditChanges(e), "\n")
		r.Set("detail", strings.TrimSpace(detail))
		recs = append(recs, r)
	}
	r := data.NewRecord()
	r.Set("action", "审计链头")
	r.Set("detail", head.String())
	recs = append(recs, r)
	return []Sheet{{Name: "审计日志", Heading: "审计日志", Columns: auditColumns, Records: recs}}
}

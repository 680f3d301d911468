package data

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Audit actions.
const (
	ActionCreate    = "新增"
	ActionUpdate    = "修改"
	ActionDelete    = "删除"
	ActionLogin     = "登录"
	ActionLoginFail = "登录失败"
	ActionLogout    = "退出"
	ActionExport    = "导出"
	ActionBackup    = "备份"
	ActionRestore   = "恢复"
)

// AuditEntry records one change: who, when, which record, and its values
// before and after. Entries are written in the transaction of the change.
type AuditEntry struct {
	Seq      uint64    `json:"seq"`
	Time     time.Time `json:"time"`
	Operator string    `json:"operator"`
	Register string    `json:"register"`
	RecordID uint64    `json:"record_id,omitempty"`
	// Parent is the owning record of a sub-record, so a deleted one can
	// be put back where it was.
	Parent uint64 `json:"parent,omitempty"`
	// Tx is the write transaction: the entries of one change share it,
	// and Undo reverses them together.
	Tx uint64 `json:"tx,omitempty"`
	// Undo is the transaction this change reversed (撤销 or 重做).
	Undo   uint64            `json:"undo,omitempty"`
	Action string            `json:"action"`
	Before map[string]string `json:"before,omitempty"`
	After  map[string]string `json:"after,omitempty"`
	// MAC is the entry's link in the audit chain (hex), "" for an entry
	// not chained; it is stored before the JSON, not in it.
	MAC string `json:"-"`
}

// audit appends e to the log in tx, as the logged-in account (or the
// store's Operator in a file without accounts), at the wall-clock time.
func (s *Store) audit(tx *bolt.Tx, e AuditEntry) error {
	return s.auditAs(tx, e, s.operator(), s.Wall())
}

// operator is the name audit entries carry.
func (s *Store) operator() string {
	if a := s.acct.Load(); a != nil {
		return a.Name
	}
	return s.Operator
}

// auditAs appends e with the given operator and time. With the audit key
// at hand the entry is chained — stored as chainedFormat, its HMAC over
// the previous entry's HMAC and its own JSON, then the JSON — and the
// record it names is sealed (see sealRecord).
func (s *Store) auditAs(tx *bolt.Tx, e AuditEntry, operator string, at time.Time) error {
	b := tx.Bucket(bucketAudit)
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	b.FillPercent = 0.9
	e.Seq, e.Time, e.Operator, e.Tx = seq, at, operator, uint64(tx.ID())
	v, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if key := s.auditKey(); key != nil {
		_, last := b.Cursor().Last()
		v = chainEntry(key, entryMAC(last), v)
		if e.RecordID != 0 && e.Register != "" {
			if err := sealRecord(tx, key, e.Register, e.RecordID, entryMAC(v)); err != nil {
				return err
			}
		}
	} else if s.HasAccounts() {
		return ErrLoginRequired
	}
	return b.Put(u64(seq), v)
}

// AuditLog returns the newest entries first, at most limit (0: all): the
// 安全审计员's alone in a file with accounts.
func (s *Store) AuditLog(limit int) ([]AuditEntry, error) {
	if err := s.mayRole("查看审计日志", RoleAuditor); err != nil {
		return nil, err
	}
	var out []AuditEntry
	err := s.view(func(tx *bolt.Tx) error {
		return auditBackward(tx, func(e AuditEntry) bool {
			out = append(out, e)
			return limit <= 0 || len(out) < limit
		})
	})
	return out, err
}

// auditBackward calls fn on the entries newest first while it returns true.
func auditBackward(tx *bolt.Tx, fn func(e AuditEntry) bool) error {
	c := tx.Bucket(bucketAudit).Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		if len(v) > 4*maxRecordSize { // a damaged page, not an entry
			return ErrDamaged
		}
		e, err := decodeEntry(v)
		if err != nil {
			return err
		}
		if !fn(e) {
			break
		}
	}
	return nil
}

// AuditRegisterName is the name of what an entry is about, for the
// 审计日志: a register, 设置, 账户, or — for a login, a backup.
func AuditRegisterName(key string) string {
	switch key {
	case "":
		return "—"
	case "settings":
		return "设置"
	case "accounts":
		return "账户"
	case "audit":
		return "审计日志"
	}
	if r := RegisterByKey(key); r != nil {
		return r.Name
	}
	return key
}

// AuditLine is an entry on one line: time, account, action, what.
func AuditLine(e AuditEntry) string {
	s := fmt.Sprintf("%s　%s　%s　%s", e.Time.Format("2006-01-02 15:04:05"), e.Operator, e.Action, AuditRegisterName(e.Register))
	if e.RecordID != 0 {
		s += fmt.Sprintf(" 第 %d 条", e.RecordID)
	}
	if n := e.After["账户"]; n != "" && n != e.Operator {
		s += " " + n
	}
	if f := e.After["文件"]; f != "" {
		s += "　" + f
	}
	return s
}

// AuditChanges is the entry's number and line, then its values: all of
// them for a new record, before → after for each changed one.
func AuditChanges(e AuditEntry) string {
	var b strings.Builder
	fmt.Fprintf(&b, "第 %d 条操作记录　%s\n", e.Seq, AuditLine(e))
	label := func(k string) string {
		if r := RegisterByKey(e.Register); r != nil {
			if f := r.Field(k); f != nil {
				return f.Label
			}
		}
		return k
	}
	keys := map[string]bool{}
	for k := range e.Before {
		keys[k] = true
	}
	for k := range e.After {
		keys[k] = true
	}
	orDash := func(s string) string {
		if s == "" {
			return "（空）"
		}
		return s
	}
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		before, after := e.Before[k], e.After[k]
		switch {
		case e.Before == nil:
			fmt.Fprintf(&b, "%s：%s\n", label(k), after)
		case before != after:
			fmt.Fprintf(&b, "%s：%s → %s\n", label(k), orDash(before), orDash(after))
		}
	}
	return b.String()
}

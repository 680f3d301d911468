package data

import (
	"encoding/json"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Audit actions.
const (
	ActionCreate = "新增"
	ActionUpdate = "修改"
	ActionDelete = "删除"
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
}

func (s *Store) audit(tx *bolt.Tx, e AuditEntry) error {
	b := tx.Bucket(bucketAudit)
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	b.FillPercent = 0.9
	e.Seq, e.Time, e.Operator, e.Tx = seq, s.Now(), s.Operator, uint64(tx.ID())
	v, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return b.Put(u64(seq), v)
}

// AuditLog returns the newest entries first, at most limit (0: all).
func (s *Store) AuditLog(limit int) ([]AuditEntry, error) {
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
		var e AuditEntry
		if err := json.Unmarshal(v, &e); err != nil {
			return err
		}
		if !fn(e) {
			break
		}
	}
	return nil
}

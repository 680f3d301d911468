package data

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// ErrUndoConflict is returned by Undo when a record is no longer as the
// change left it (changed again since, or its id taken): nothing is undone
// rather than overwriting the later work.
var ErrUndoConflict = errors.New("记录在此之后又被修改过，不能撤销")

// LastTx is the transaction of the newest audit entry: what the window
// puts on its 撤销 list after a change. 0 for a file without entries.
func (s *Store) LastTx() (uint64, error) {
	e, err := s.lastEntry()
	return e.Tx, err
}

// Undo reverses every change of the write transaction txid — a save, a
// delete with its sub-records, a settings change — in one new transaction,
// from the audit entries' values before and after, and returns that new
// transaction's id: undoing it in turn is the 重做. Each record must still
// be as the change left it (ErrUndoConflict otherwise: nothing is written).
// The reversal is audited like any change, naming txid.
func (s *Store) Undo(txid uint64) (uint64, error) {
	if txid == 0 {
		return 0, errors.New("没有可撤销的操作")
	}
	var done uint64
	err := s.update(func(tx *bolt.Tx) error {
		entries, err := txEntries(tx, txid)
		if err != nil {
			return err
		}
		if len(entries) == 0 {
			return errors.New("操作记录中找不到要撤销的操作")
		}
		done = uint64(tx.ID())
		return s.reverse(tx, entries, txid)
	})
	if err != nil {
		return 0, fmt.Errorf("撤销失败：%w", err)
	}
	return done, nil
}

// txEntries are the audit entries of transaction txid, newest first.
func txEntries(tx *bolt.Tx, txid uint64) ([]AuditEntry, error) {
	var out []AuditEntry
	err := auditBackward(tx, func(e AuditEntry) bool {
		if e.Tx == txid {
			out = append(out, e)
		}
		return e.Tx >= txid // transaction ids only grow with the entries
	})
	return out, err
}

// reverse undoes entries, newest first, checking each record is as the
// entry left it.
func (s *Store) reverse(tx *bolt.Tx, entries []AuditEntry, txid uint64) error {
	for _, e := range entries {
		switch e.Action {
		case ActionCreate, ActionUpdate, ActionDelete:
		default: // a login, an export, a backup, an import's summary: nothing to reverse
			continue
		}
		if reg := RegisterByKey(e.Register); reg != nil {
			if err := s.mayEdit(reg); err != nil {
				return err
			}
		} else if err := s.mayRole("撤销这项操作", RoleAdmin); err != nil {
			return err
		}
		if e.Register == "settings" {
			meta := tx.Bucket(bucketMeta)
			if string(meta.Get(keySettings)) != e.After["settings"] {
				return fmt.Errorf("设置：%w", ErrUndoConflict)
			}
			var st Settings
			if err := json.Unmarshal([]byte(e.Before["settings"]), &st); err != nil {
				return fmt.Errorf("设置无法恢复：%w", err)
			}
			if err := s.putSettingsUndo(tx, st, txid); err != nil {
				return err
			}
			continue
		}
		reg := RegisterByKey(e.Register)
		if reg == nil {
			return fmt.Errorf("登记簿 %s 不存在", e.Register)
		}
		b := tx.Bucket([]byte(reg.Key))
		var cur *Record
		if v := b.Get(u64(e.RecordID)); v != nil {
			r, err := unmarshalRecord(v)
			if err != nil {
				return err
			}
			cur = r
		}
		switch e.Action {
		case ActionCreate, ActionUpdate:
			if cur == nil || !maps.Equal(cur.Map(), e.After) {
				return fmt.Errorf("%s第 %d 条：%w", reg.Name, e.RecordID, ErrUndoConflict)
			}
		case ActionDelete:
			if cur != nil {
				return fmt.Errorf("%s第 %d 条已存在，%w", reg.Name, e.RecordID, ErrUndoConflict)
			}
			if OwnerOf(reg) != nil && e.Parent == 0 {
				return fmt.Errorf("%s第 %d 条：旧的操作记录没有所属记录，无法恢复", reg.Name, e.RecordID)
			}
		}
		now := s.Now()
		if e.Action == ActionCreate {
			for _, sub := range reg.Subs { // sub-records added since stay owned
				if n := childCount(tx, sub, e.RecordID); n > 0 {
					return fmt.Errorf("%s第 %d 条之后又添加了 %d 条%s，%w", reg.Name, e.RecordID, n, sub.Name, ErrUndoConflict)
				}
			}
			if err := b.Delete(u64(e.RecordID)); err != nil {
				return err
			}
			if err := s.audit(tx, AuditEntry{Register: reg.Key, RecordID: e.RecordID, Parent: e.Parent, Action: ActionDelete, Before: e.After, Undo: txid}); err != nil {
				return err
			}
			continue
		}
		r := NewRecord()
		for _, k := range slices.Sorted(maps.Keys(e.Before)) {
			r.Set(k, e.Before[k])
		}
		r.ID, r.OwnerID, r.Created, r.Updated = e.RecordID, e.Parent, now, now
		action := ActionCreate
		if cur != nil {
			r.Created, action = cur.Created, ActionUpdate
		}
		if err := b.Put(u64(r.ID), r.marshal()); err != nil {
			return err
		}
		var before map[string]string
		if cur != nil {
			before = cur.Map()
		}
		if err := s.audit(tx, AuditEntry{Register: reg.Key, RecordID: r.ID, Parent: r.OwnerID, Action: action, Before: before, After: r.Map(), Undo: txid}); err != nil {
			return err
		}
	}
	return nil
}

// putSettingsUndo stores settings as an undo of txid.
func (s *Store) putSettingsUndo(tx *bolt.Tx, st Settings, txid uint64) error {
	meta := tx.Bucket(bucketMeta)
	old := string(meta.Get(keySettings))
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	if err := meta.Put(keySettings, b); err != nil {
		return err
	}
	return s.audit(tx, AuditEntry{Register: "settings", Action: ActionUpdate, Before: map[string]string{"settings": old},
		After: map[string]string{"settings": string(b)}, Undo: txid})
}

// Deleted lists the deletions of top-level records still gone, newest
// first, at most limit (0: all): what 恢复已删除的记录 offers.
func (s *Store) Deleted(limit int) ([]AuditEntry, error) {
	if err := s.mayRead(); err != nil {
		return nil, err
	}
	var out []AuditEntry
	type key struct {
		reg string
		id  uint64
	}
	seen := map[key]bool{} // a record deleted twice (undone between) once
	err := s.view(func(tx *bolt.Tx) error {
		return auditBackward(tx, func(e AuditEntry) bool {
			if e.Action != ActionDelete || seen[key{e.Register, e.RecordID}] {
				return true
			}
			seen[key{e.Register, e.RecordID}] = true
			reg := RegisterByKey(e.Register)
			if reg == nil || OwnerOf(reg) != nil || tx.Bucket([]byte(reg.Key)).Get(u64(e.RecordID)) != nil {
				return true
			}
			out = append(out, e)
			return limit <= 0 || len(out) < limit
		})
	})
	return out, err
}

// RestoreDeleted brings back the record a deletion removed, with the
// sub-records deleted with it, as they were: Undo of that deletion's
// transaction. It returns the restoring transaction.
func (s *Store) RestoreDeleted(e AuditEntry) (uint64, error) {
	if e.Action != ActionDelete {
		return 0, errors.New("这条操作记录不是删除")
	}
	if e.Tx != 0 {
		return s.Undo(e.Tx)
	}
	var done uint64
	err := s.update(func(tx *bolt.Tx) error { // an entry from before transactions were noted
		done = uint64(tx.ID())
		return s.reverse(tx, []AuditEntry{e}, 0)
	})
	if err != nil {
		return 0, fmt.Errorf("恢复失败：%w", err)
	}
	return done, nil
}

// childCount is how many records of sub belong to parent.
func childCount(tx *bolt.Tx, sub *Register, parent uint64) int {
	n := 0
	tx.Bucket([]byte(sub.Key)).ForEach(func(k, v []byte) error {
		if r, err := unmarshalRecord(v); err == nil && r.OwnerID == parent {
			n++
		}
		return nil
	})
	return n
}

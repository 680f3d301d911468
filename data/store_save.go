package data

// Saving and deleting records: the single write path through bbolt transactions, with sub-records and their owners kept in step.

import (
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

var errStop = errors.New("stop")

// rewrite applies change to every record of reg, storing and auditing the
// ones it reports changed.
func (s *Store) rewrite(tx *bolt.Tx, reg *Register, change func(*Record) bool) error {
	b := tx.Bucket([]byte(reg.Key))
	var changed []*Record
	var befores []map[string]string
	err := b.ForEach(func(k, v []byte) error {
		r, err := unmarshalRecord(v)
		if err != nil {
			return err
		}
		before := r.Map()
		if change(r) {
			changed = append(changed, r)
			befores = append(befores, before)
		}
		return nil
	})
	if err != nil {
		return err
	}
	now := s.Now()
	for i, r := range changed {
		r.Updated = now
		if err := b.Put(u64(r.ID), r.marshal()); err != nil {
			return err
		}
		if err := s.audit(tx, AuditEntry{Register: reg.Key, RecordID: r.ID, Parent: r.OwnerID, Action: ActionUpdate, Before: befores[i], After: r.Map()}); err != nil {
			return err
		}
	}
	return nil
}

func allRegisters() []*Register { return withSubs(Registers()) }

// getTx reads one record in tx.
func getTx(tx *bolt.Tx, reg *Register, id uint64) (*Record, error) {
	v := tx.Bucket([]byte(reg.Key)).Get(u64(id))
	if v == nil {
		return nil, ErrNotFound
	}
	return unmarshalRecord(v)
}

// Save validates a record and stores it with an audit entry, in one
// transaction: a new record (ID 0) takes the next id of its bucket. An
// invalid record returns a *ValidationError and nothing is written, and so
// does one whose natural key (身份证号码…) another record already holds.
func (s *Store) Save(reg *Register, r *Record) error {
	if err := s.mayEdit(reg); err != nil {
		return err
	}
	if err := s.checkUnique(reg, r); err != nil {
		return err
	}
	return s.SaveAll(reg, []*Record{r})
}

// SaveAll saves several records in one transaction: all are stored or none.
func (s *Store) SaveAll(reg *Register, recs []*Record) error {
	env, err := s.Env()
	if err != nil {
		return err
	}
	// What the transaction changes on the records, to undo it on failure.
	type stamp struct {
		id               uint64
		created, updated time.Time
	}
	undo := make([]stamp, len(recs))
	for i, r := range recs {
		undo[i] = stamp{r.ID, r.Created, r.Updated}
	}
	err = s.update(func(tx *bolt.Tx) error { return s.saveTx(tx, env, reg, recs) })
	if err != nil {
		for i, r := range recs { // the ids taken were rolled back with the transaction
			r.ID, r.Created, r.Updated = undo[i].id, undo[i].created, undo[i].updated
		}
		var ve *ValidationError
		if errors.As(err, &ve) {
			return ve
		}
		return fmt.Errorf("保存%s失败：%w", reg.Name, err)
	}
	return nil
}

// Batch is one write transaction for many records of several registers:
// what Store.Batch hands its function.
type Batch struct {
	s   *Store
	tx  *bolt.Tx
	env Env
}

// Batch runs fn in one write transaction: every record its SaveAll calls
// store is written, or — on an error, a crash or a kill — none. Demo
// writes through it, so an interrupted demo leaves the file as it was.
// Records that fn's SaveAll calls numbered keep their ids only if Batch
// returns nil.
func (s *Store) Batch(fn func(b *Batch) error) error {
	env, err := s.Env()
	if err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error { return fn(&Batch{s: s, tx: tx, env: env}) })
}

// SaveAll validates and stores records of reg in the batch's transaction,
// as Store.SaveAll does; an owner saved earlier in the batch counts.
func (b *Batch) SaveAll(reg *Register, recs []*Record) error {
	if err := b.s.saveTx(b.tx, b.env, reg, recs); err != nil {
		var ve *ValidationError
		if errors.As(err, &ve) {
			return ve
		}
		return fmt.Errorf("保存%s失败：%w", reg.Name, err)
	}
	return nil
}

// saveTx validates recs (an owned record against its owner as the
// transaction sees it) and stores each with its audit entry in tx.
func (s *Store) saveTx(tx *bolt.Tx, env Env, reg *Register, recs []*Record) error {
	if err := s.mayEdit(reg); err != nil {
		return err
	}
	owner := OwnerOf(reg)
	for _, r := range recs {
		if owner != nil {
			o, err := getTx(tx, owner, r.OwnerID)
			if err != nil {
				return fmt.Errorf("所属的%s记录不存在", owner.Name)
			}
			env.Owner = o
		}
		if fe := Validate(reg, r, env); len(fe) > 0 {
			return &ValidationError{Register: reg, Fields: fe}
		}
	}
	b := tx.Bucket([]byte(reg.Key))
	if b == nil {
		return fmt.Errorf("登记簿 %s 不存在", reg.Key)
	}
	b.FillPercent = 0.9 // ids only grow: pack pages full
	now := s.Now()
	for _, r := range recs {
		action := ActionUpdate
		var before map[string]string
		if r.ID == 0 {
			id, err := b.NextSequence()
			if err != nil {
				return err
			}
			r.ID, r.Created, action = id, now, ActionCreate
		} else {
			old := b.Get(u64(r.ID))
			if old == nil {
				return ErrNotFound
			}
			o, err := unmarshalRecord(old)
			if err != nil {
				return err
			}
			before, r.Created = o.Map(), o.Created
		}
		r.Updated = now
		if err := b.Put(u64(r.ID), r.marshal()); err != nil {
			return err
		}
		if err := s.audit(tx, AuditEntry{Register: reg.Key, RecordID: r.ID, Parent: r.OwnerID, Action: action, Before: before, After: r.Map()}); err != nil {
			return err
		}
	}
	if reg.UpdateOwner != nil {
		// One pass over the sub-register for all the owners of the batch:
		// a scan per owner made a demo of 20,000 persons take 40 s.
		owned := map[uint64][]*Record{}
		for _, r := range recs {
			owned[r.OwnerID] = nil
		}
		err := tx.Bucket([]byte(reg.Key)).ForEach(func(k, v []byte) error {
			r, err := unmarshalRecord(v)
			if err != nil {
				return err
			}
			if list, ok := owned[r.OwnerID]; ok {
				owned[r.OwnerID] = append(list, r)
			}
			return nil
		})
		if err != nil {
			return err
		}
		settled := map[uint64]bool{}
		for _, r := range recs {
			if !settled[r.OwnerID] {
				settled[r.OwnerID] = true
				if err := s.settleOwnerWith(tx, env, reg, r.OwnerID, owned[r.OwnerID]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Delete removes a record, its sub-records and writes an audit entry for
// each, in one transaction.
func (s *Store) Delete(reg *Register, id uint64) error {
	if err := s.mayEdit(reg); err != nil {
		return err
	}
	env, err := s.Env()
	if err != nil {
		return err
	}
	err = s.update(func(tx *bolt.Tx) error {
		o, err := getTx(tx, reg, id)
		if err != nil {
			return err
		}
		if err := s.delTree(tx, reg, id); err != nil {
			return err
		}
		return s.settleOwner(tx, env, reg, o.OwnerID)
	})
	if err != nil {
		return fmt.Errorf("删除%s记录失败：%w", reg.Name, err)
	}
	return nil
}

// delTree removes a record and, at every level below it, its sub-records.
func (s *Store) delTree(tx *bolt.Tx, reg *Register, id uint64) error {
	if err := s.del(tx, reg, id); err != nil {
		return err
	}
	for _, sub := range reg.Subs {
		owned, err := subRecordsTx(tx, sub, id)
		if err != nil {
			return err
		}
		for _, c := range owned {
			if err := s.delTree(tx, sub, c.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// subRecordsTx returns the records of sub that belong to owner, as the
// transaction sees them.
func subRecordsTx(tx *bolt.Tx, sub *Register, owner uint64) ([]*Record, error) {
	b := tx.Bucket([]byte(sub.Key))
	if b == nil {
		return nil, fmt.Errorf("登记簿 %s 不存在", sub.Key)
	}
	var out []*Record
	err := b.ForEach(func(k, v []byte) error {
		r, err := unmarshalRecord(v)
		if err == nil && r.OwnerID == owner {
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

// settleOwner lets a sub-register with UpdateOwner bring the owner of a
// sub-record just saved or deleted in line with all its sub-records (a
// 复查 closes its finding or sends it back), and writes the owner, checked
// against its own rules, in the same transaction: both are written or
// neither, and one 撤销 takes both back.
func (s *Store) settleOwner(tx *bolt.Tx, env Env, sub *Register, ownerID uint64) error {
	ownerReg := OwnerOf(sub)
	if sub.UpdateOwner == nil || ownerReg == nil || ownerID == 0 {
		return nil
	}
	subs, err := subRecordsTx(tx, sub, ownerID)
	if err != nil {
		return err
	}
	return s.settleOwnerWith(tx, env, sub, ownerID, subs)
}

// settleOwnerWith is settleOwner given the owner's sub-records.
func (s *Store) settleOwnerWith(tx *bolt.Tx, env Env, sub *Register, ownerID uint64, subs []*Record) error {
	ownerReg := OwnerOf(sub)
	if sub.UpdateOwner == nil || ownerReg == nil || ownerID == 0 {
		return nil
	}
	o, err := getTx(tx, ownerReg, ownerID)
	if err != nil {
		return fmt.Errorf("所属的%s记录不存在", ownerReg.Name)
	}
	if !sub.UpdateOwner(o, subs) {
		return nil
	}
	err = s.saveTx(tx, env, ownerReg, []*Record{o})
	var ve *ValidationError
	if errors.As(err, &ve) {
		return fmt.Errorf("所属的%s随之更新时不合要求：%s", ownerReg.Name, ve.Fields.Error())
	}
	return err
}

func (s *Store) del(tx *bolt.Tx, reg *Register, id uint64) error {
	b := tx.Bucket([]byte(reg.Key))
	old := b.Get(u64(id))
	if old == nil {
		return ErrNotFound
	}
	o, err := unmarshalRecord(old)
	if err != nil {
		return err
	}
	if err := b.Delete(u64(id)); err != nil {
		return err
	}
	return s.audit(tx, AuditEntry{Register: reg.Key, RecordID: id, Parent: o.OwnerID, Action: ActionDelete, Before: o.Map()})
}

package data

import (
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// Reading the data file: every record of a register, those of one owner,
// one record, and records with their computed fields and marks (Load).

// List returns every record of a register in id order.
func (s *Store) List(reg *Register) ([]*Record, error) {
	if err := s.mayRead(); err != nil {
		return nil, err
	}
	var recs []*Record
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		recs, err = readBucket(tx, reg)
		return err
	})
	return recs, err
}

// readBucket decodes every record of a register's bucket, in id order.
func readBucket(tx *bolt.Tx, reg *Register) ([]*Record, error) {
	return readBucketOnly(tx, reg, nil)
}

// readRelatedTx reads the records of other that the rules of reg read:
// of the 涉密人员 a register lists only by name, their names alone (100,000
// persons in a few MB); else every record whole.
func readRelatedTx(tx *bolt.Tx, reg, other *Register) ([]*Record, error) {
	if namesOnly(reg, other) {
		return readBucketOnly(tx, other, []string{PsnName})
	}
	return readBucket(tx, other)
}

// readBucketOnly is readBucket keeping only the fields named by only of
// each record; all of them when only is nil.
func readBucketOnly(tx *bolt.Tx, reg *Register, only []string) ([]*Record, error) {
	b := tx.Bucket([]byte(reg.Key))
	if b == nil {
		return nil, fmt.Errorf("登记簿 %s 不存在", reg.Key)
	}
	// The values stay valid until the transaction ends, so they are
	// gathered first and decoded by as many workers as there are cores.
	// The sequence bounds the count (ids come from it) without the full
	// walk of the bucket that Stats would make.
	vals := make([][]byte, 0, min(b.Sequence(), 1<<22))
	if err := b.ForEach(func(k, v []byte) error {
		vals = append(vals, v)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("读取%s失败：%w", reg.Name, err)
	}
	recs := make([]*Record, len(vals))
	workers := 1
	if len(vals) >= 20_000 {
		workers = runtime.GOMAXPROCS(0)
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := len(vals)*w/workers, len(vals)*(w+1)/workers
		wg.Go(func() {
			// A worker reads the mapped file too: a damaged page must
			// come back as an error here, not end the program.
			defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
			defer func() {
				if r := recover(); r != nil {
					errs[w] = fmt.Errorf("%w（读取%s：%v）", ErrDamaged, reg.Name, r)
				}
			}()
			rr := recordReader{only: only}
			for i := lo; i < hi; i++ {
				r, err := rr.read(vals[i])
				if err != nil {
					errs[w] = fmt.Errorf("读取%s失败：第 %d 条记录：%w", reg.Name, i+1, err)
					return
				}
				recs[i] = r
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return recs, nil
}

// Load returns the records of reg — of one owner when owner is not 0 —
// with their computed fields (提示 among them) filled by the register's Derive.
func (s *Store) Load(reg *Register, owner uint64) ([]*Record, error) {
	var recs []*Record
	var err error
	if owner != 0 {
		recs, err = s.SubRecords(reg, owner)
	} else {
		recs, err = s.List(reg)
	}
	if err != nil || reg.Derive == nil {
		return recs, err
	}
	env, err := s.Env()
	if err != nil {
		return nil, err
	}
	rel := Snapshot{}
	err = s.view(func(tx *bolt.Tx) error {
		for _, other := range reg.related() {
			var err error
			if rel[other], err = readRelatedTx(tx, reg, other); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if ownerReg := s.OwnerOf(reg); ownerReg != nil && owner != 0 {
		o, err := s.Get(ownerReg, owner)
		if err != nil {
			return nil, err
		}
		env.Owner = o
	}
	reg.Derive(recs, rel, env)
	markDuplicates(reg, recs)
	return recs, nil
}

// LoadSubs loads every sub-register of reg (all owners), with computed
// fields filled: what RegisterSheets prints beside reg.
func (s *Store) LoadSubs(reg *Register) (Snapshot, error) {
	subs := make(Snapshot, len(reg.Subs))
	for _, sub := range reg.Subs {
		recs, err := s.Load(sub, 0)
		if err != nil {
			return nil, err
		}
		subs[sub] = recs
	}
	return subs, nil
}

// SubRecords returns the records of a sub-register that belong to owner.
func (s *Store) SubRecords(sub *Register, owner uint64) ([]*Record, error) {
	var out []*Record
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = readOwned(tx, sub, owner)
		return err
	})
	return out, err
}

// Get returns one record.
func (s *Store) Get(reg *Register, id uint64) (*Record, error) {
	if err := s.mayRead(); err != nil {
		return nil, err
	}
	var r *Record
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		r, err = getTx(tx, reg, id)
		return err
	})
	return r, err
}

package data

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// streamPart is how many records Stream decodes and derives at a time.
const streamPart = 4096

// Streamed is a register read as it is written out (Store.Stream): the
// ids of its records, in the order Each gives them, and, for a top-level
// register, each of its sub-registers the same way, owner by owner in the
// order of IDs. Each may be called once, and only while Stream's fn runs.
type Streamed struct {
	IDs  []uint64
	Each func(yield func(*Record) error) error
	Subs map[*Register]*Streamed
}

// Stream reads the records of a top-level register in id order, in one
// read transaction, and gives fn the register and its sub-registers as
// Streamed: Each passes the records to yield as Load would give them
// (computed fields, marks and duplicate marks filled), decoded and derived
// streamPart at a time. An export of 100,000 persons and their 证件 holds
// a few thousand records at once, not all.
func (s *Store) Stream(reg *Register, fn func(Streamed) error) error {
	if err := s.mayRead(); err != nil {
		return err
	}
	env, err := s.Env()
	if err != nil {
		return err
	}
	env.memo = &memo{} // the related registers are read once, below
	return s.view(func(tx *bolt.Tx) (err error) {
		b := tx.Bucket([]byte(reg.Key))
		if b == nil {
			return fmt.Errorf("登记簿 %s 不存在", reg.Key)
		}
		var ids []uint64
		if err := b.ForEach(func(k, _ []byte) error {
			ids = append(ids, uint64FromBytes(k))
			return nil
		}); err != nil {
			return fmt.Errorf("读取%s失败：%w", reg.Name, err)
		}
		rel, err := readRelated(tx, reg, false)
		if err != nil {
			return err
		}
		dups, err := duplicateMarks(tx, reg)
		if err != nil {
			return err
		}
		subs := map[*Register]*Streamed{}
		pos := func(owner uint64) (int, bool) { return slices.BinarySearch(ids, owner) }
		within := func(fn func(*bolt.Tx) error) error { return fn(tx) }
		for _, sub := range reg.Subs {
			if subs[sub], err = streamOwned(tx, sub, pos, env, within); err != nil {
				return err
			}
		}
		// Derived a part at a time: the sub-records a rule reads are those
		// of the part's owners.
		derive := func(part []*Record) error {
			if reg.Derive != nil {
				for _, sub := range reg.Subs {
					recs, err := readOwnedIn(tx, sub, part[0].ID, part[len(part)-1].ID)
					if err != nil {
						return err
					}
					rel[sub] = recs
				}
				reg.Derive(part, rel, env)
			}
			addDuplicateMarks(part, dups)
			return nil
		}
		each := func(yield func(*Record) error) error {
			var rr recordReader
			p := newStreamParts(derive, yield)
			err := b.ForEach(func(_, v []byte) error {
				r, err := rr.read(v)
				if err != nil {
					return fmt.Errorf("读取%s失败：%w", reg.Name, err)
				}
				return p.add(r, true)
			})
			if err != nil {
				return err
			}
			return p.flush()
		}
		return fn(Streamed{IDs: ids, Each: each, Subs: subs})
	})
}

// readRelated reads whole the registers whose records the rules of reg
// read, its own Subs too when subs (else they are read a part at a time).
func readRelated(tx *bolt.Tx, reg *Register, subs bool) (Snapshot, error) {
	rel := Snapshot{}
	if reg.Derive == nil {
		return rel, nil
	}
	for _, other := range reg.related() {
		if !subs && slices.Contains(reg.Subs, other) {
			continue
		}
		var err error
		if rel[other], err = readRelatedTx(tx, reg, other); err != nil {
			return nil, err
		}
	}
	return rel, nil
}

// streamOwned streams the records of a sub-register whose owners pos
// places (at 0, 1 …: the owners' order), owner by owner in that order,
// each owner's in id order, as Load(sub, 0) gives them. Of the others only
// the owner's id and their own, near the start of each stored record, are
// read to find them. Each reads them within a read transaction of within's.
func streamOwned(tx *bolt.Tx, sub *Register, pos func(owner uint64) (int, bool), env Env, within func(func(*bolt.Tx) error) error) (*Streamed, error) {
	b := tx.Bucket([]byte(sub.Key))
	if b == nil {
		return nil, fmt.Errorf("登记簿 %s 不存在", sub.Key)
	}
	type owned struct {
		at        int
		owner, id uint64
	}
	var found []owned
	err := b.ForEach(func(k, v []byte) error {
		if len(v) == 0 || v[0] != recordFormat {
			return fmt.Errorf("读取%s失败：%w", sub.Name, errRecordFormat)
		}
		d := decoder{s: string(v[1:min(len(v), 1+2*10)])} // two varints at most
		d.uvarint()
		if o := d.uvarint(); o != 0 {
			if at, ok := pos(o); ok {
				found = append(found, owned{at, o, uint64FromBytes(k)})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(found, func(a, b owned) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.id, b.id))
	})
	ids := make([]uint64, len(found))
	for i, f := range found {
		ids[i] = f.id
	}
	rel, err := readRelated(tx, sub, true)
	if err != nil {
		return nil, err
	}
	derive := func(part []*Record) error {
		if sub.Derive != nil {
			sub.Derive(part, rel, env)
		}
		return nil
	}
	each := func(yield func(*Record) error) error {
		return within(func(tx *bolt.Tx) error {
			b := tx.Bucket([]byte(sub.Key))
			var rr recordReader
			p := newStreamParts(derive, yield)
			for i, f := range found {
				v := b.Get(u64(f.id))
				if v == nil {
					return fmt.Errorf("读取%s失败：记录在导出过程中被删除，请重新导出", sub.Name)
				}
				r, err := rr.read(v)
				if err != nil {
					return fmt.Errorf("读取%s失败：%w", sub.Name, err)
				}
				// A part ends between owners: a rule may compare an owner's records.
				last := i+1 == len(found) || found[i+1].owner != f.owner
				if err := p.add(r, last); err != nil {
					return err
				}
			}
			return p.flush()
		})
	}
	return &Streamed{IDs: ids, Each: each}, nil
}

// StreamSubs gives the sub-registers of reg as Streamed, owner by owner in
// the order of owners (the rows of a view, filtered and sorted), their
// records found through an index of (owner, id) pairs rather than read
// whole: what a workbook prints beside the view. Each reads them in a read
// transaction of its own, when the sheet is written.
func (s *Store) StreamSubs(reg *Register, owners []uint64) (map[*Register]*Streamed, error) {
	if err := s.mayRead(); err != nil {
		return nil, err
	}
	env, err := s.Env()
	if err != nil {
		return nil, err
	}
	at := make(map[uint64]int, len(owners))
	for i, id := range owners {
		if _, ok := at[id]; !ok {
			at[id] = i
		}
	}
	pos := func(owner uint64) (int, bool) { i, ok := at[owner]; return i, ok }
	subs := map[*Register]*Streamed{}
	err = s.view(func(tx *bolt.Tx) error {
		for _, sub := range reg.Subs {
			var err error
			if subs[sub], err = streamOwned(tx, sub, pos, env, s.view); err != nil {
				return err
			}
		}
		return nil
	})
	return subs, err
}

// streamParts gathers records into parts of about streamPart, derives
// each part and passes its records on.
type streamParts struct {
	part   []*Record
	derive func([]*Record) error
	yield  func(*Record) error
}

func newStreamParts(derive func([]*Record) error, yield func(*Record) error) *streamParts {
	return &streamParts{part: make([]*Record, 0, streamPart), derive: derive, yield: yield}
}

// add adds a record; the part is passed on once full and canEnd.
func (p *streamParts) add(r *Record, canEnd bool) error {
	p.part = append(p.part, r)
	if len(p.part) >= streamPart && canEnd {
		return p.flush()
	}
	return nil
}

// flush derives the part gathered and passes its records to yield.
func (p *streamParts) flush() error {
	if len(p.part) == 0 {
		return nil
	}
	if err := p.derive(p.part); err != nil {
		return err
	}
	for _, r := range p.part {
		if err := p.yield(r); err != nil {
			return err
		}
	}
	clear(p.part) // let the records written go
	p.part = p.part[:0]
	return nil
}

// addDuplicateMarks adds to the 提示 of records the marks duplicateMarks
// found for them.
func addDuplicateMarks(recs []*Record, dups map[uint64]string) {
	for _, r := range recs {
		if mark, ok := dups[r.ID]; ok {
			if m := r.Get(KeyMarks); m != "" {
				mark = m + "；" + mark
			}
			r.Set(KeyMarks, mark)
		}
	}
}

// duplicateMarks finds, as markDuplicates does for loaded records, the
// records of reg that share their natural key with another, and the mark
// each gets. Only the key fields of each stored record are read (no
// record is built), and only the ids of the first holders kept.
func duplicateMarks(tx *bolt.Tx, reg *Register) (map[uint64]string, error) {
	if len(reg.NaturalKey) == 0 || reg.Field(KeyMarks) == nil || OwnerOf(reg) != nil {
		return nil, nil
	}
	first := map[string]uint64{}
	var other map[uint64]uint64 // a record → another holding its key
	key := NewRecord()
	b := tx.Bucket([]byte(reg.Key))
	err := b.ForEach(func(_, v []byte) error {
		if len(v) == 0 || v[0] != recordFormat {
			return fmt.Errorf("读取%s失败：%w", reg.Name, errRecordFormat)
		}
		d := decoder{s: string(v[1:])} // a copy, dropped at once
		id := d.uvarint()
		d.uvarint()
		d.varint()
		d.varint()
		n := d.uvarint()
		for _, k := range reg.NaturalKey {
			key.Set(k, "")
		}
		for i := uint64(0); i < n && !d.err; i++ {
			k, val := d.str(), d.str()
			if slices.Contains(reg.NaturalKey, k) {
				key.Set(k, val)
			}
		}
		if d.err {
			return fmt.Errorf("读取%s失败：%w", reg.Name, errRecordFormat)
		}
		k := NaturalKeyOf(reg, key)
		if k == "" {
			return nil
		}
		o, ok := first[k]
		if !ok {
			first[strings.Clone(k)] = id
			return nil
		}
		if other == nil {
			other = map[uint64]uint64{}
		}
		other[id] = o
		if _, ok := other[o]; !ok {
			other[o] = id
		}
		return nil
	})
	if err != nil || other == nil {
		return nil, err
	}
	dups := make(map[uint64]string, len(other))
	for id, o := range other {
		r, err := getTx(tx, reg, o)
		if err != nil {
			return nil, err
		}
		dups[id] = duplicateMark(reg, r)
	}
	return dups, nil
}

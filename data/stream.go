package data

import (
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// streamPart is how many records Stream decodes and derives at a time.
const streamPart = 4096

// Stream reads the records of a top-level register in id order, in one
// read transaction, and gives fn their ids and each, which passes them to
// yield as Load would give them (computed fields, marks and duplicate
// marks filled), decoded and derived streamPart at a time: an export of
// 100,000 persons holds a few thousand of them at once, not all. each may
// be called once, and only while fn runs.
func (s *Store) Stream(reg *Register, fn func(ids []uint64, each func(yield func(*Record) error) error) error) error {
	env, err := s.Env()
	if err != nil {
		return err
	}
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
		// The other registers the rules read are read whole; the
		// sub-records a part at a time, with their owners.
		rel := Snapshot{}
		var subs []*Register
		if reg.Derive != nil {
			for _, other := range reg.related() {
				if slices.Contains(reg.Subs, other) {
					subs = append(subs, other)
					continue
				}
				if rel[other], err = readBucket(tx, other); err != nil {
					return err
				}
			}
		}
		dups, err := duplicateMarks(tx, reg)
		if err != nil {
			return err
		}
		each := func(yield func(*Record) error) error {
			part := make([]*Record, 0, streamPart)
			flush := func() error {
				if len(part) == 0 {
					return nil
				}
				if reg.Derive != nil {
					for _, sub := range subs {
						recs, err := readOwnedIn(tx, sub, part[0].ID, part[len(part)-1].ID)
						if err != nil {
							return err
						}
						rel[sub] = recs
					}
					reg.Derive(part, rel, env)
				}
				for _, r := range part {
					if mark, ok := dups[r.ID]; ok {
						if m := r.Get(KeyMarks); m != "" {
							mark = m + "；" + mark
						}
						r.Set(KeyMarks, mark)
					}
					if err := yield(r); err != nil {
						return err
					}
				}
				clear(part) // let the records written go
				part = part[:0]
				return nil
			}
			var rr recordReader
			err := b.ForEach(func(_, v []byte) error {
				r, err := rr.read(v)
				if err != nil {
					return fmt.Errorf("读取%s失败：%w", reg.Name, err)
				}
				if part = append(part, r); len(part) == streamPart {
					return flush()
				}
				return nil
			})
			if err != nil {
				return err
			}
			return flush()
		}
		return fn(ids, each)
	})
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
		dups[id] = KeyLabels(reg) + "与“" + reg.RecordTitle(r) + "”重复"
	}
	return dups, nil
}

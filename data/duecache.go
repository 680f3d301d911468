package data

import (
	"encoding/binary"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The reminders as last computed are kept in the data file, so that the
// next start fills 首页 at once from them while they are computed again in
// the background (100,000 persons: about two seconds of reading and
// rules). They are used only when nothing that could change them was
// written since; on a later day (the morning's start after the evening's
// close) with their days counted anew, and said to be yesterday's.

var (
	bucketCache   = []byte("cache")
	keyDueCache   = []byte("due")
	keyGeneration = []byte("generation") // in meta: a count of the writes (update) made to the file
)

// dueCacheFormat is the layout of the cached reminders; a cache of
// another format is not read.
const dueCacheFormat = 2

// bumpGeneration counts a write that may change what is due: every write
// of update (records, settings, imports, restores of records), not the
// login's (updateRaw).
func bumpGeneration(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return nil // a file being made: init writes meta
	}
	return meta.Put(keyGeneration, u64(generation(tx)+1))
}

// generation is the count bumpGeneration keeps, 0 for a file without one.
func generation(tx *bolt.Tx) uint64 {
	if meta := tx.Bucket(bucketMeta); meta != nil {
		if b := meta.Get(keyGeneration); len(b) == 8 {
			return uint64FromBytes(b)
		}
	}
	return 0
}

// SaveDueCache keeps items, the reminders computed for the day today, for
// the next start. Nothing is written when the cache already holds them
// (the same generation and day): closing the program does not change the
// file. Writing it does not count as a change.
func (s *Store) SaveDueCache(items []DueItem, today time.Time) error {
	if err := s.mayRead(); err != nil {
		return err
	}
	day := FormatDate(today)
	fresh := false
	err := s.view(func(tx *bolt.Tx) error {
		gen, cday, ok := dueCacheHeader(tx)
		fresh = ok && gen == generation(tx) && cday == day
		return nil
	})
	if err != nil || fresh {
		return err
	}
	return s.updateRaw(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketCache)
		if err != nil {
			return err
		}
		return b.Put(keyDueCache, encodeDue(generation(tx), day, items))
	})
}

// DueCache returns the reminders SaveDueCache kept when nothing was
// written since, their days counted from today; computed is the day they
// were computed for (before today: marks that today adds or ends are not
// among them). ok is false when there are none to use.
func (s *Store) DueCache(today time.Time) (items []DueItem, computed time.Time, ok bool, err error) {
	if err := s.mayRead(); err != nil {
		return nil, time.Time{}, false, err
	}
	err = s.view(func(tx *bolt.Tx) error {
		gen, day, found := dueCacheHeader(tx)
		if !found || gen != generation(tx) || day > FormatDate(today) {
			return nil
		}
		computed = StoredDate(day)
		items, ok = s.decodeDue(tx.Bucket(bucketCache).Get(keyDueCache), today)
		return nil
	})
	return items, computed, ok && !computed.IsZero(), err
}

// dueCacheHeader reads the generation and day the cached reminders were
// computed for.
func dueCacheHeader(tx *bolt.Tx) (gen uint64, day string, ok bool) {
	b := tx.Bucket(bucketCache)
	if b == nil {
		return 0, "", false
	}
	v := b.Get(keyDueCache)
	if len(v) == 0 || v[0] != dueCacheFormat {
		return 0, "", false
	}
	d := decoder{s: string(v[1:min(len(v), 1+binary.MaxVarintLen64+1+10)])}
	gen, day = d.uvarint(), d.str()
	return gen, day, !d.err
}

// encodeDue writes the cache: format, generation, day, count, then each
// item's register and sub-register keys, record id, texts, date,
// sub-record id and whether it is due now (DueItem.Now).
func encodeDue(gen uint64, day string, items []DueItem) []byte {
	b := []byte{dueCacheFormat}
	b = binary.AppendUvarint(b, gen)
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	str(day)
	b = binary.AppendUvarint(b, uint64(len(items)))
	for _, it := range items {
		str(it.Register.Key)
		b = binary.AppendUvarint(b, it.RecordID)
		str(it.Record)
		str(it.Dept)
		str(it.What)
		b = binary.AppendVarint(b, it.Date.Unix())
		str(it.Action)
		sub := ""
		if it.Sub != nil {
			sub = it.Sub.Key
		}
		str(sub)
		b = binary.AppendUvarint(b, it.SubID)
		now := byte(0)
		if it.Now {
			now = 1
		}
		b = append(b, now)
	}
	return b
}

// decodeDue reads what encodeDue wrote; ok is false for a damaged cache
// or one naming a register the file does not serve.
func (s *Store) decodeDue(v []byte, today time.Time) (items []DueItem, ok bool) {
	if len(v) == 0 || v[0] != dueCacheFormat {
		return nil, false
	}
	d := decoder{s: string(v[1:])}
	d.uvarint()
	d.str()
	n := d.uvarint()
	if n > uint64(len(v)) {
		return nil, false
	}
	items = make([]DueItem, 0, n)
	regs := map[string]*Register{"": nil}
	reg := func(key string) (*Register, bool) {
		r, ok := regs[key]
		if !ok {
			r = s.RegisterByKey(key)
			regs[key], ok = r, r != nil
		}
		return r, ok || key == ""
	}
	today = Day(today)
	for range n {
		var it DueItem
		var known, subKnown bool
		it.Register, known = reg(d.str())
		it.RecordID, it.Record, it.Dept, it.What = d.uvarint(), d.str(), d.str(), d.str()
		it.Date = time.Unix(d.varint(), 0).UTC()
		it.Action = d.str()
		it.Sub, subKnown = reg(d.str())
		it.SubID = d.uvarint()
		it.Now = d.byte() == 1
		if d.err || !known || it.Register == nil || !subKnown {
			return nil, false
		}
		if it.Now {
			it.Date = today // still due today, not overdue since the day computed
		}
		it.Days = DaysBetween(today, it.Date)
		items = append(items, it)
	}
	return items, true
}

package data

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// After one save, what changed is one record and the records whose rules
// read it: LoadOne reads just that record for the register's table, and
// Reminders mends 首页's list around it, instead of reading and deriving
// every record of a 100,000-person file again.

// LoadOne returns the record id of a top-level register as Load gives it
// among the others: read with its own sub-records and the registers its
// rules read, its computed fields and marks filled. The duplicate mark
// Load adds is not (Save refuses a duplicate key; Table.PutSaved reads
// again when the key changed).
func (s *Store) LoadOne(reg *Register, id uint64) (*Record, error) {
	recs, err := s.LoadSome(reg, []uint64{id})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, ErrNotFound
	}
	return recs[0], nil
}

// LoadSome is LoadOne for several records of a top-level register (the
// persons a saved training session lists): read in one transaction, the
// sub-records and the other registers their rules read passed over once.
// Records no longer in the file are left out. The duplicate marks Load
// adds are not (Table.PutSavedAll keeps them).
func (s *Store) LoadSome(reg *Register, ids []uint64) ([]*Record, error) {
	env, err := s.Env()
	if err != nil {
		return nil, err
	}
	var recs []*Record
	rel := Snapshot{}
	err = s.view(func(tx *bolt.Tx) error {
		for _, id := range ids {
			r, err := getTx(tx, reg, id)
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			recs = append(recs, r)
		}
		slices.SortFunc(recs, func(a, b *Record) int { return cmp.Compare(a.ID, b.ID) })
		if reg.Derive == nil || len(recs) == 0 {
			return nil
		}
		for _, other := range reg.related() {
			var err error
			switch {
			case slices.Contains(reg.Subs, other):
				rel[other], err = readOwnedIn(tx, other, recs[0].ID, recs[len(recs)-1].ID)
				rel[other] = ownedBy(rel[other], recs)
			case reg == Personnel && other.NamesPersons() && len(recs) == 1:
				// a person's training: the sessions that list the person
				rel[other], err = readMentioning(tx, other, strconv.FormatUint(recs[0].ID, 10))
			default:
				rel[other], err = readRelatedTx(tx, reg, other)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if reg.Derive != nil && len(recs) > 0 {
		reg.Derive(recs, rel, env)
	}
	return recs, nil
}

// readMentioning decodes the records of reg whose stored bytes contain
// text (a person's id): a superset of those that list the person, found
// without decoding the others.
func readMentioning(tx *bolt.Tx, reg *Register, text string) ([]*Record, error) {
	probe := []byte(text)
	var out []*Record
	var rr recordReader
	err := tx.Bucket([]byte(reg.Key)).ForEach(func(_, v []byte) error {
		if !containsBytes(v, probe) {
			return nil
		}
		r, err := rr.read(v)
		if err != nil {
			return fmt.Errorf("读取%s失败：%w", reg.Name, err)
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// readOwned decodes the records of a sub-register that belong to owner.
// Only the owner's id, near the start of each stored record, is read of
// the others: a person's 证件 are found among 100,000 in milliseconds.
func readOwned(tx *bolt.Tx, sub *Register, owner uint64) ([]*Record, error) {
	return readOwnedIn(tx, sub, owner, owner)
}

// readOwnedIn decodes the records of a sub-register whose owner's id is
// from lo to hi, as readOwned does.
func readOwnedIn(tx *bolt.Tx, sub *Register, lo, hi uint64) ([]*Record, error) {
	b := tx.Bucket([]byte(sub.Key))
	if b == nil {
		return nil, fmt.Errorf("登记簿 %s 不存在", sub.Key)
	}
	var out []*Record
	var rr recordReader
	err := b.ForEach(func(k, v []byte) error {
		if len(v) == 0 || v[0] != recordFormat {
			return fmt.Errorf("读取%s失败：%w", sub.Name, errRecordFormat)
		}
		d := decoder{s: string(v[1:min(len(v), 1+2*10)])} // two varints at most
		d.uvarint()
		if o := d.uvarint(); o < lo || o > hi {
			return nil
		}
		r, err := rr.read(v)
		if err != nil {
			return fmt.Errorf("读取%s失败：%w", sub.Name, err)
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// Reminders is 首页's list of what is due, kept with the records it was
// computed from (every register's, derived), so that after a save only
// the records whose rules read the saved one are derived again.
// It is not safe for use by several goroutines at once.
type Reminders struct {
	snap  Snapshot
	env   Env
	regs  []*Register // the registers that remind, in navigation order
	lists [][]DueItem // each register's reminders, in record order
	items []DueItem   // the lists merged (mergeDue)
}

// NewReminders runs every register's Derive over the snapshot, which it
// keeps (the registers side by side), and lists the dated marks.
func NewReminders(snap Snapshot, env Env) *Reminders {
	rm := &Reminders{snap: snap, env: env}
	for _, reg := range env.registers() {
		if reg.Reminds() {
			rm.regs = append(rm.regs, reg)
		}
	}
	rm.lists = make([][]DueItem, len(rm.regs))
	today := Day(env.Today)
	// A register whose rules read the records of another one listed before
	// it (a carrier's 违规案件, a device's 涉密网络, the persons a KindPeople
	// field names) waits for that one's Derive: it writes those records
	// (their marks and computed fields), and reading a record while it is
	// written is a data race even for a stored field.
	// A register that reads persons only for their names (a carrier's
	// 保管人) reads them from copies holding the names alone: it need not
	// wait for the persons' own rules.
	var names Snapshot
	for _, reg := range rm.regs {
		if namesOnly(reg, Personnel) && names == nil {
			names = maps.Clone(snap)
			names[Personnel] = nameCopies(snap[Personnel])
		}
	}
	done := make(map[*Register]chan struct{}, len(rm.regs))
	for _, reg := range rm.regs {
		done[reg] = make(chan struct{})
	}
	var wg sync.WaitGroup
	for i, reg := range rm.regs {
		wg.Go(func() {
			defer close(done[reg])
			rel := snap
			for _, other := range reg.related() {
				if namesOnly(reg, other) {
					rel = names
					continue
				}
				if j := slices.Index(rm.regs, other); j >= 0 && j < i {
					<-done[other]
				}
			}
			recs := snap[reg]
			reg.Derive(recs, rel, env)
			rm.lists[i] = dueOf(reg, recs, today)
		})
	}
	wg.Wait()
	rm.items = mergeDue(rm.lists)
	return rm
}

// nameCopies copies the persons, each with its name alone.
func nameCopies(persons []*Record) []*Record {
	out := make([]*Record, len(persons))
	layout := rootLayout.with(PsnName)
	vals := make([]string, len(persons))
	for i, p := range persons {
		vals[i] = p.Get(PsnName)
		out[i] = &Record{ID: p.ID, layout: layout, vals: vals[i : i+1 : i+1]}
	}
	return out
}

// Today is the day the reminders count from.
func (rm *Reminders) Today() time.Time { return Day(rm.env.Today) }

// Saved reads the record id of reg (a register or a sub-register) again
// after it was saved, and derives again the records whose rules read it:
// its own (its owner's, for a sub-record) and those of every register
// whose rules read its register (the persons, after a training session).
func (rm *Reminders) Saved(s *Store, reg *Register, id uint64) error {
	r, err := s.Get(reg, id)
	if err != nil {
		return err
	}
	var old *Record
	if at, ok := slices.BinarySearchFunc(rm.snap[reg], id, byIDCmp); ok {
		old = rm.snap[reg][at]
	}
	rm.snap[reg] = putByID(rm.snap[reg], r)
	top, topID := reg, id
	if o := ownerOf(rm.env.registers(), reg); o != nil {
		if reg.UpdateOwner != nil || ownerOf(rm.env.registers(), o) != nil {
			// The owner changed with it (a 复查 settles its finding) or is a
			// sub-record itself: read it again, up to the top-level record.
			return rm.Saved(s, o, r.OwnerID)
		}
		top, topID = o, r.OwnerID
	}
	remerge := false // a whole register derived again: merge all anew
	for i, other := range rm.regs {
		switch {
		case other == top:
			recs := rm.snap[top]
			at, ok := slices.BinarySearchFunc(recs, topID, byIDCmp)
			if !ok {
				continue
			}
			rm.derive(i, recs[at:at+1], rm.relOf(top, recs[at:at+1]), !remerge)
		case namesOnly(other, top):
			// It reads a person's name, nothing else: only a new name (or a
			// new person) changes the records that name this one.
			if reg != top || (old != nil && old.Get(PsnName) == r.Get(PsnName)) {
				continue
			}
			if recs := naming(other, rm.snap[other], id); len(recs) > 0 {
				rm.derive(i, recs, rm.snap, !remerge)
			}
		case other == Personnel && reg == top && top.NamesPersons() && slices.Contains(other.Needs, top):
			// A training session read by the persons' rules: those it
			// lists, before and after, are derived again, not 100,000.
			recs := listed(top, rm.snap[other], old, r)
			if len(recs) == 0 {
				continue
			}
			rm.derive(i, recs, rm.relOf(other, recs), !remerge)
		case slices.Contains(other.related(), top) || slices.Contains(other.related(), reg):
			other.Derive(rm.snap[other], rm.snap, rm.env)
			rm.lists[i] = dueOf(other, rm.snap[other], rm.Today())
			remerge = true
		}
	}
	if remerge {
		rm.items = mergeDue(rm.lists)
	}
	return nil
}

// derive derives again some records of the register at place i and puts
// their reminders in place of those they had; into the merged list too
// when insert (else the caller merges the lists anew).
func (rm *Reminders) derive(i int, recs []*Record, rel Snapshot, insert bool) {
	reg := rm.regs[i]
	reg.Derive(recs, rel, rm.env)
	ids := make(map[uint64]bool, len(recs))
	for _, r := range recs {
		ids[r.ID] = true
	}
	mine := func(it DueItem) bool { return ids[it.RecordID] }
	added := dueOf(reg, recs, rm.Today())
	rm.lists[i] = append(slices.DeleteFunc(rm.lists[i], mine), added...)
	if !insert {
		return
	}
	// a new list: the one Items gave may still be read (an export)
	items := make([]DueItem, 0, len(rm.items)+len(added))
	for _, it := range rm.items {
		if it.Register != reg || !mine(it) {
			items = append(items, it)
		}
	}
	rm.items = items
	for _, it := range added {
		rm.items = insertDue(rm.items, it, i, rm.regs)
	}
}

// namesOnly tells whether the rules of reg read the records of other only
// for the names of the persons its KindPeople fields list: other is
// 涉密人员, and not among its Needs or Subs.
func namesOnly(reg, other *Register) bool {
	return other == Personnel && !slices.Contains(reg.Needs, other) && !slices.Contains(reg.Subs, other) && reg.NamesPersons()
}

// naming lists the records whose KindPeople fields name the person id.
func naming(reg *Register, recs []*Record, id uint64) []*Record {
	idText := strconv.FormatUint(id, 10)
	var out []*Record
	for _, r := range recs {
		for _, f := range reg.Fields {
			if v := r.Get(f.Key); f.Kind == KindPeople && strings.Contains(v, idText) && attends(v, id) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// listed returns the persons (in id order) that the KindPeople fields of
// a record of reg list, in either of two versions of it (before and after
// a save; before is nil for a new record).
func listed(reg *Register, persons []*Record, before, after *Record) []*Record {
	ids := map[uint64]bool{}
	for _, id := range PersonsListed(reg, before, after) {
		ids[id] = true
	}
	var out []*Record
	for _, p := range persons {
		if ids[p.ID] {
			out = append(out, p)
		}
	}
	return out
}

// PersonsListed returns the ids of the persons the KindPeople fields of
// records of reg list (nil records are passed over): after a training
// session is saved, the persons of its list before and after are those
// whose rules read it.
func PersonsListed(reg *Register, recs ...*Record) []uint64 {
	var ids []uint64
	for _, r := range recs {
		if r == nil {
			continue
		}
		for _, f := range reg.Fields {
			if f.Kind == KindPeople {
				eachAttendee(r.Get(f.Key), func(idText, _ string) bool {
					if id, err := strconv.ParseUint(idText, 10, 64); err == nil && !slices.Contains(ids, id) {
						ids = append(ids, id)
					}
					return true
				})
			}
		}
	}
	return ids
}

// relOf is what the rules of owners, records of reg, read: every
// register's records, of reg's sub-registers only theirs.
func (rm *Reminders) relOf(reg *Register, owners []*Record) Snapshot {
	rel := maps.Clone(rm.snap)
	for _, sub := range reg.Subs {
		rel[sub] = ownedBy(rm.snap[sub], owners)
	}
	return rel
}

// ownedBy returns the records owned by any of owners.
func ownedBy(recs []*Record, owners []*Record) []*Record {
	ids := make(map[uint64]bool, len(owners))
	for _, o := range owners {
		ids[o.ID] = true
	}
	var out []*Record
	for _, r := range recs {
		if ids[r.OwnerID] {
			out = append(out, r)
		}
	}
	return out
}

// byIDCmp orders a record against an id, for binary searches of records
// in id order.
func byIDCmp(r *Record, id uint64) int { return cmp.Compare(r.ID, id) }

// insertDue inserts it, of the register at place reg of regs, into items
// where mergeDue puts it: after the items of an earlier day, an earlier
// register, a lower record id, and after the record's own marks listed
// before it.
func insertDue(items []DueItem, it DueItem, reg int, regs []*Register) []DueItem {
	day := it.Date.Unix()
	at, _ := slices.BinarySearchFunc(items, it, func(x, _ DueItem) int {
		if c := cmp.Compare(x.Date.Unix(), day); c != 0 {
			return c
		}
		if c := cmp.Compare(slices.Index(regs, x.Register), reg); c != 0 {
			return c
		}
		if c := cmp.Compare(x.RecordID, it.RecordID); c != 0 {
			return c
		}
		return -1 // after every item equal so far
	})
	return slices.Insert(items, at, it)
}

// putByID puts r in place of the record with its id in recs (id order),
// or inserts it.
func putByID(recs []*Record, r *Record) []*Record {
	at, ok := slices.BinarySearchFunc(recs, r.ID, byIDCmp)
	if ok {
		recs[at] = r
		return recs
	}
	return slices.Insert(recs, at, r)
}

// Items lists the reminders, overdue first, then by date; on the same day
// in the navigation order of their registers, then by record id, then in
// the order of the marks.
// The list is the Reminders' own: read, do not change it.
func (rm *Reminders) Items() []DueItem {
	return rm.items
}

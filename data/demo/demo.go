package demo

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"time"

	"baomi/taizhang/data"
)

// batch is how many records Fill makes and saves at a time (progress is
// reported after each); their sub-records follow.
const batch = 5000

// Fill fills every register of s with realistic records, deterministic for
// a given seed, dates spread around s.Today() (s.Now is the injectable
// clock): n persons with their 因私出入境证件 and 出国(境)审批, and for the
// other registers a fraction of n (each register's maker says which).
// Every rule of every register fires on some rows: overdue, expiring, a
// confirmed breach.
//
// Records are added to what the file already holds, through SaveAll, so each
// is validated and audited like one the clerk typed, all in one transaction
// (Store.Batch): a demo cut short (an error, a kill) writes nothing.
// progress, if not nil,
// is called after every batch with the top-level records written so far
// and their total.
func Fill(s *data.Store, n int, seed int64, progress func(done, total int)) error {
	if n < 0 {
		return fmt.Errorf("演示数据条数不能为负数：%d", n)
	}
	st, err := s.Settings()
	if err != nil {
		return err
	}
	if len(st.Departments) == 0 {
		return errors.New("请先在设置中填写部门，再生成演示数据")
	}
	g := newGen(seed, st, s.Today())
	p := &counter{fn: progress}
	regs := data.Registers()
	for _, reg := range regs {
		for _, f := range reg.Fields {
			if f.Ref != nil {
				g.refs[f.Ref] = nil
			}
		}
	}
	makers := make([]maker, len(regs))
	for i, reg := range regs {
		makers[i] = g.maker(reg)
		p.total += makers[i].count(n)
	}
	p.add(0)
	return s.Batch(func(b *data.Batch) error {
		for i, reg := range regs {
			if err := g.fill(b, reg, makers[i], makers[i].count(n), p); err != nil {
				return fmt.Errorf("生成演示数据：%w", err)
			}
		}
		return nil
	})
}

// saver stores a batch of records: the Batch that Fill writes through.
type saver interface {
	SaveAll(reg *data.Register, recs []*data.Record) error
}

// maker is what a register's demo file gives: how many records to make and
// how to make each.
type maker struct {
	// per: one record for every per persons (1: one per person), at least
	// one when there are persons; 0 makes none.
	per int
	// make returns record i of the register with its sub-records by
	// sub-register; write sets their OwnerID.
	make func(i int) (*data.Record, data.Snapshot)
	// saved, if set, learns the records of a batch once saved (their ids).
	saved func(recs []*data.Record)
}

// count is how many records the maker makes for n persons.
func (m maker) count(n int) int {
	if n <= 0 || m.per <= 0 || m.make == nil {
		return 0
	}
	return max(1, n/m.per)
}

// maker finds a register's maker: the method of gen named after the
// register's key with its first letter upper-case (Personnel for
// "personnel"), declared in the register's own file of this package, so
// that a new register adds that file and nothing else here. A register
// without one stays empty.
func (g *gen) maker(reg *data.Register) maker {
	name := strings.ToUpper(reg.Key[:1]) + reg.Key[1:]
	m := reflect.ValueOf(g).MethodByName(name)
	if !m.IsValid() || m.Type().NumIn() != 0 || m.Type().NumOut() != 1 || m.Type().Out(0) != reflect.TypeFor[maker]() {
		return maker{}
	}
	return m.Call(nil)[0].Interface().(maker)
}

// fill makes count records of reg with m and writes them, batch owners at
// a time.
func (g *gen) fill(s saver, reg *data.Register, m maker, count int, p *counter) error {
	seen := map[string]int{} // natural keys made so far, and how often each was wanted
	for done := 0; done < count; {
		size := min(batch, count-done)
		recs := make([]*data.Record, size)
		subs := make([]data.Snapshot, size)
		for i := range recs {
			recs[i], subs[i] = g.distinct(reg, seen, func() (*data.Record, data.Snapshot) { return m.make(done + i) })
		}
		if err := write(s, reg, recs, subs, g.nested); err != nil {
			return err
		}
		if m.saved != nil {
			m.saved(recs)
		}
		if kept, ok := g.refs[reg]; ok {
			g.refs[reg] = append(kept, recs...)
		}
		done += size
		p.add(size)
	}
	return nil
}

// distinct makes a record whose natural key (data.NaturalKeyOf) no record
// made before has: the file a clerk keeps has no two persons with one
// 身份证号码 and no two systems with one name, and a duplicate is marked in
// the register. It makes the record again a few times; when the choices
// of names run out (thousands of systems in a large demo) it numbers the
// key's first field, as an office numbers a second 视频会议系统.
func (g *gen) distinct(reg *data.Register, seen map[string]int, mk func() (*data.Record, data.Snapshot)) (*data.Record, data.Snapshot) {
	var r *data.Record
	var subs data.Snapshot
	for try := 0; try < 20; try++ {
		r, subs = mk()
		k := data.NaturalKeyOf(reg, r)
		if k == "" || seen[k] == 0 {
			seen[k]++
			return r, subs
		}
	}
	k := data.NaturalKeyOf(reg, r)
	seen[k]++
	// Number the first text field of the key: a date (检查日期 of an
	// inspection, the key's first field) takes no suffix and would be
	// refused (10,000 inspections in three years run out of dates).
	first := reg.NaturalKey[0]
	for _, key := range reg.NaturalKey {
		if f := reg.Field(key); f != nil && f.Kind == data.KindText {
			first = key
			break
		}
	}
	r.Set(first, fmt.Sprintf("%s（%d）", r.Get(first), seen[k]))
	seen[data.NaturalKeyOf(reg, r)]++
	return r, subs
}

// write saves the owners, then the sub-records of each sub-register,
// OwnerID set to their owner's new id, then theirs (a finding's 复查),
// which nested gives by their owner.
func write(s saver, reg *data.Register, recs []*data.Record, subs []data.Snapshot, nested map[*data.Record]data.Snapshot) error {
	if err := s.SaveAll(reg, recs); err != nil {
		return err
	}
	for _, sub := range reg.Subs {
		var owned []*data.Record
		var below []data.Snapshot
		for i, r := range recs {
			for _, c := range subs[i][sub] {
				c.OwnerID = r.ID
				owned = append(owned, c)
				below = append(below, nested[c])
				delete(nested, c)
			}
		}
		if len(owned) == 0 {
			continue
		}
		if len(sub.Subs) == 0 {
			if err := s.SaveAll(sub, owned); err != nil {
				return err
			}
			continue
		}
		if err := write(s, sub, owned, below, nested); err != nil {
			return err
		}
	}
	return nil
}

// counter reports the top-level records written.
type counter struct {
	fn          func(done, total int)
	done, total int
}

func (p *counter) add(k int) {
	p.done += k
	if p.fn != nil {
		p.fn(p.done, p.total)
	}
}

// gen draws every value from one seeded PCG, in a fixed order, so a seed
// always gives the same file.
type gen struct {
	rng     *rand.Rand
	st      data.Settings
	today   time.Time
	ids     map[string]bool // 身份证号码 handed out
	docs    map[string]bool // 证件号码 handed out
	leaders []string        // 审批人
	staff   []demoStaff     // the persons written, for 当事人 and 参加人员
	inPost  []int           // indexes into staff of the persons in post
	// companies are the contractors the office works with, by 保密资质类别.
	companies map[string][]string
	// refs are the records saved of each register another's field refers
	// to (Field.Ref: 涉密网络测评 for 所联涉密网络), for the registers made
	// after it.
	refs map[*data.Register][]*data.Record
	// tripDefects counts the trips given a lapse (tripDefect).
	tripDefects int
	// loanDefects counts the 证件 loans made for a trip (lendFor).
	loanDefects int
	// nested holds the sub-records of a sub-record (a finding's 复查) by
	// their owner, for write.
	nested map[*data.Record]data.Snapshot
}

// demoStaff is what other registers need to know of a person written.
type demoStaff struct {
	id         uint64
	name, dept string
}

func newGen(seed int64, st data.Settings, today time.Time) *gen {
	g := &gen{
		rng:    rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)),
		st:     st,
		today:  data.Day(today),
		ids:    map[string]bool{},
		docs:   map[string]bool{},
		refs:   map[*data.Register][]*data.Record{},
		nested: map[*data.Record]data.Snapshot{},
	}
	for range 6 {
		g.leaders = append(g.leaders, g.name(g.chance(0.75)))
	}
	return g
}

// The random helpers.

func (g *gen) chance(p float64) bool { return g.rng.Float64() < p }

func (g *gen) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

func (g *gen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// weighted picks an index by the weights.
func (g *gen) weighted(weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	x := g.rng.IntN(total)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// day returns a day in [lo, hi]; lo when the range is empty.
func (g *gen) day(lo, hi time.Time) time.Time {
	lo, hi = data.Day(lo), data.Day(hi)
	if !hi.After(lo) {
		return lo
	}
	days := int(hi.Sub(lo).Hours() / 24)
	return lo.AddDate(0, 0, g.rng.IntN(days+1))
}

func (g *gen) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.rng.IntN(10))
	}
	return string(b)
}

func demoDate(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func demoLater(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func demoEarlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// Unit is the agency the demo data describes: an ordinary bureau whose
// 保密办 keeps the ledgers and which the 市国家保密局 inspects.
const Unit = "示例市某某局"

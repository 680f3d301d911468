package data

import (
	"encoding/binary"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"
)

// Record is one row of a register. Values are kept as text by field key:
// dates as 2006-01-02, numbers as typed, choices as their label.
//
// The values sit in a slice whose layout (which key is at which place) is
// shared by every record that has the same keys in the same order, as the
// records of one register do: a lookup is a probe of that one small shared
// index, hot in the cache, and one read of the record's own slice. With
// 100,000 records this halves the memory of a map per record and makes the
// rules that read every record several times faster.
type Record struct {
	ID      uint64    // from the bucket sequence; 0 until first saved
	OwnerID uint64    // the owning record's id, for sub-registers
	Created time.Time // first saved
	Updated time.Time // last saved
	// Marks are why the record needs attention, computed with the other
	// computed fields by its register's Derive; never stored.
	Marks  []Mark
	layout *layout  // which key is at which place in vals
	vals   []string // by place; "" when unset
}

// layout maps keys to places. It never changes once made: a record that
// gains a key moves to the layout one key longer, found through next, so
// records built or read the same way share their layouts.
type layout struct {
	keys []string
	idx  map[string]int
	mu   sync.Mutex
	next map[string]*layout
}

// rootLayout is the layout of a record without values.
var rootLayout = &layout{idx: map[string]int{}}

// with returns the layout that adds key to l.
func (l *layout) with(key string) *layout {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n, ok := l.next[key]; ok {
		return n
	}
	n := &layout{keys: make([]string, len(l.keys)+1), idx: make(map[string]int, len(l.keys)+1)}
	copy(n.keys, l.keys)
	n.keys[len(l.keys)] = key
	for i, k := range n.keys {
		n.idx[k] = i
	}
	if l.next == nil {
		l.next = map[string]*layout{}
	}
	l.next[key] = n
	return n
}

// NewRecord returns an empty record.
func NewRecord() *Record { return &Record{layout: rootLayout} }

// Get returns the value of a field, "" when unset.
func (r *Record) Get(key string) string {
	if r.layout == nil {
		return ""
	}
	if i, ok := r.layout.idx[key]; ok && i < len(r.vals) {
		return r.vals[i]
	}
	return ""
}

// Set sets a field; an empty value clears it.
func (r *Record) Set(key, v string) {
	if r.layout == nil {
		r.layout = rootLayout
	}
	i, ok := r.layout.idx[key]
	if !ok {
		if v == "" {
			return
		}
		r.layout = r.layout.with(key)
		i = len(r.layout.keys) - 1
	}
	for len(r.vals) <= i {
		r.vals = append(r.vals, "")
	}
	r.vals[i] = v
}

// Each calls fn with every field that has a value, in the order set.
func (r *Record) Each(fn func(key, value string)) {
	if r.layout == nil {
		return
	}
	for i, v := range r.vals {
		if v != "" {
			fn(r.layout.keys[i], v)
		}
	}
}

// Map returns the fields with a value as a map (for the audit log).
func (r *Record) Map() map[string]string {
	m := make(map[string]string, len(r.vals))
	r.Each(func(k, v string) { m[k] = v })
	return m
}

// Clone returns a deep copy, so a form can edit without touching the table.
func (r *Record) Clone() *Record {
	c := *r
	c.vals = slices.Clone(r.vals)
	if c.layout == nil {
		c.layout = rootLayout
	}
	return &c
}

// recordFormat is the first byte of every stored record; a new layout takes
// a new number and a migration.
const recordFormat = 1

var errRecordFormat = errors.New("记录格式无法识别")

// marshal writes a record compactly: decoding 100,000 of them must take well
// under a second when the window opens, which JSON maps do not manage.
func (r *Record) marshal() []byte {
	n := 1 + 4*binary.MaxVarintLen64
	count := 0
	r.Each(func(k, v string) {
		n += 2*binary.MaxVarintLen64 + len(k) + len(v)
		count++
	})
	b := make([]byte, 0, n)
	b = append(b, recordFormat)
	b = binary.AppendUvarint(b, r.ID)
	b = binary.AppendUvarint(b, r.OwnerID)
	b = binary.AppendVarint(b, r.Created.Unix())
	b = binary.AppendVarint(b, r.Updated.Unix())
	b = binary.AppendUvarint(b, uint64(count))
	r.Each(func(k, v string) {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	})
	return b
}

// unmarshalRecord copies everything out of b, which bbolt owns.
func unmarshalRecord(b []byte) (*Record, error) {
	var rr recordReader
	return rr.read(b)
}

// recordReader decodes records one after another. One string holds a whole
// record and every key and value is a slice of it, so a record costs a few
// allocations, not one per value; and a record whose keys come in the same
// order as the one before (as in a register read in id order) takes that
// record's layout without building it again.
type recordReader struct {
	last *layout
	keys []string
	vals []string
	only []string // when set, the only fields kept, copied out of the stored record
}

// maxRecordSize bounds a stored record: a longer value is a damaged page
// pointing anywhere, not a record, and must not be copied.
const maxRecordSize = 1 << 20

func (rr *recordReader) read(b []byte) (*Record, error) {
	if len(b) == 0 || b[0] != recordFormat || len(b) > maxRecordSize {
		return nil, errRecordFormat
	}
	d := decoder{s: string(b[1:])}
	r := &Record{ID: d.uvarint(), OwnerID: d.uvarint()}
	r.Created = time.Unix(d.varint(), 0)
	r.Updated = time.Unix(d.varint(), 0)
	n := d.uvarint()
	if n > uint64(len(b)) {
		return nil, errRecordFormat
	}
	rr.keys, rr.vals = rr.keys[:0], rr.vals[:0]
	for i := uint64(0); i < n; i++ {
		k, v := d.str(), d.str()
		if rr.only != nil {
			if v == "" || !slices.Contains(rr.only, k) {
				continue
			}
			v = strings.Clone(v) // not the whole record's string
		}
		if v != "" {
			rr.keys = append(rr.keys, k)
			rr.vals = append(rr.vals, v)
		}
	}
	if d.err {
		return nil, errRecordFormat
	}
	r.vals = slices.Clone(rr.vals)
	if rr.last != nil && slices.Equal(rr.last.keys, rr.keys) {
		r.layout = rr.last
		return r, nil
	}
	r.layout, r.vals = rootLayout, r.vals[:0]
	for i, k := range rr.keys {
		r.Set(k, rr.vals[i]) // a key twice: the last wins
	}
	rr.last = r.layout
	return r, nil
}

// decoder reads varints and length-prefixed strings from s.
type decoder struct {
	s   string
	err bool
}

func (d *decoder) uvarint() uint64 {
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if len(d.s) == 0 {
			break
		}
		c := d.s[0]
		d.s = d.s[1:]
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	d.err, d.s = true, ""
	return 0
}

func (d *decoder) varint() int64 {
	u := d.uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

func (d *decoder) byte() byte {
	if len(d.s) == 0 {
		d.err = true
		return 0
	}
	c := d.s[0]
	d.s = d.s[1:]
	return c
}

func (d *decoder) str() string {
	n := d.uvarint()
	if n > uint64(len(d.s)) {
		d.err, d.s = true, ""
		return ""
	}
	v := d.s[:n]
	d.s = d.s[n:]
	return v
}

// fieldReader reads one field of many records fast: records read or built
// the same way share their layout, so the place of the key is looked up
// once per layout, not once per record as Get does. The rules that read
// every record of a large file use it; one reader serves one goroutine.
type fieldReader struct {
	key string
	l   *layout
	i   int // the key's place in l, -1 when l lacks it
}

func (f *fieldReader) get(r *Record) string {
	if r.layout != f.l {
		f.l, f.i = r.layout, -1
		if r.layout != nil {
			if i, ok := r.layout.idx[f.key]; ok {
				f.i = i
			}
		}
	}
	if f.i >= 0 && f.i < len(r.vals) {
		return r.vals[f.i]
	}
	return ""
}

// set sets the field of r like Set, in place when r's layout has it.
func (f *fieldReader) set(r *Record, v string) {
	if r.layout == f.l && f.i >= 0 && f.i < len(r.vals) {
		r.vals[f.i] = v
		return
	}
	r.Set(f.key, v)
	f.l = nil // look the place up again next time
}

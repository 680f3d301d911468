package data

import (
	"encoding/binary"
	"errors"
	"maps"
	"time"
)

// Record is one row of a register. Values are kept as text by field key:
// dates as 2006-01-02, numbers as typed, choices as their label.
type Record struct {
	ID      uint64            // from the bucket sequence; 0 until first saved
	Parent  uint64            // the owning record, for sub-registers
	Created time.Time         // first saved
	Updated time.Time         // last saved
	Values  map[string]string // by Field.Key
}

// NewRecord returns an empty record.
func NewRecord() *Record { return &Record{Values: map[string]string{}} }

// Get returns the value of a field, "" when unset.
func (r *Record) Get(key string) string { return r.Values[key] }

// Set sets a field; an empty value removes it.
func (r *Record) Set(key, v string) {
	if r.Values == nil {
		r.Values = map[string]string{}
	}
	if v == "" {
		delete(r.Values, key)
		return
	}
	r.Values[key] = v
}

// Clone returns a deep copy, so a form can edit without touching the table.
func (r *Record) Clone() *Record {
	c := *r
	c.Values = maps.Clone(r.Values)
	if c.Values == nil {
		c.Values = map[string]string{}
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
	for k, v := range r.Values {
		n += 2*binary.MaxVarintLen64 + len(k) + len(v)
	}
	b := make([]byte, 0, n)
	b = append(b, recordFormat)
	b = binary.AppendUvarint(b, r.ID)
	b = binary.AppendUvarint(b, r.Parent)
	b = binary.AppendVarint(b, r.Created.Unix())
	b = binary.AppendVarint(b, r.Updated.Unix())
	b = binary.AppendUvarint(b, uint64(len(r.Values)))
	for k, v := range r.Values {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	return b
}

// unmarshalRecord copies everything out of b, which bbolt owns: one string
// holds the whole record and every key and value is a slice of it, so a
// record costs a few allocations, not one per value.
func unmarshalRecord(b []byte) (*Record, error) {
	if len(b) == 0 || b[0] != recordFormat {
		return nil, errRecordFormat
	}
	d := decoder{s: string(b[1:])}
	r := &Record{ID: d.uvarint(), Parent: d.uvarint()}
	r.Created = time.Unix(d.varint(), 0)
	r.Updated = time.Unix(d.varint(), 0)
	n := d.uvarint()
	if n > uint64(len(b)) {
		return nil, errRecordFormat
	}
	r.Values = make(map[string]string, n)
	for i := uint64(0); i < n; i++ {
		k := d.str()
		r.Values[k] = d.str()
	}
	if d.err {
		return nil, errRecordFormat
	}
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

package data

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Putting one saved record into a Table in place: the search text, the
// filter codes and the sort orders are mended around it rather than built
// again for every record (100,000 persons: a millisecond or two, not the
// hundreds a new Table and a new 拼音 sort take).

// Find returns the record with the id, or nil.
func (t *Table) Find(id uint64) *Record {
	if i, ok := t.index(id); ok {
		return t.recs[i]
	}
	return nil
}

// index is the place of the record with the id in t.recs (id order), or
// where it would go.
func (t *Table) index(id uint64) (int, bool) {
	return slices.BinarySearchFunc(t.recs, id, func(r *Record, id uint64) int { return cmp.Compare(r.ID, id) })
}

// Put puts r in place of the table's record with its id, or adds it in id
// order when the table has none (a new record: after the others, since
// ids grow). Queries made after see r.
func (t *Table) Put(r *Record) {
	i, found := t.index(r.ID)
	text := string(appendSearchText(nil, r))
	if found {
		start, end := t.starts[i], t.starts[i+1]
		t.blob = t.blob[:start] + text + t.blob[end:]
		if d := len(text) - (end - start); d != 0 {
			for j := i + 1; j < len(t.starts); j++ {
				t.starts[j] += d
			}
		}
		t.replace(i, r)
		return
	}
	start := t.starts[i]
	t.blob = t.blob[:start] + text + t.blob[start:]
	t.starts = slices.Insert(t.starts, i, start)
	for j := i + 1; j < len(t.starts); j++ {
		t.starts[j] += len(text)
	}
	t.recs = slices.Insert(t.recs, i, r)
	for key, c := range t.codes {
		c.code = slices.Insert(c.code, i, c.codeOf(r.Get(key)))
	}
	for key, o := range t.order {
		for j, x := range o {
			if x >= i {
				o[j] = x + 1
			}
		}
		t.order[key] = t.insertSorted(key, o, i)
	}
}

// replace puts r at place i of t.recs, its filter codes and its place in
// each sort order mended (its search text is the caller's).
func (t *Table) replace(i int, r *Record) {
	t.recs[i] = r
	for key, c := range t.codes {
		c.code[i] = c.codeOf(r.Get(key))
	}
	for key, o := range t.order {
		at := slices.Index(o, i)
		o = slices.Delete(o, at, at+1)
		t.order[key] = t.insertSorted(key, o, i)
	}
}

// PutSavedAll is PutSaved for records the table already holds, read again
// (Store.LoadSome: the persons a saved training session lists), the
// search text laid out again once rather than once per record. Their
// natural keys unchanged, each keeps the duplicate marks it had. It
// reports false, putting nothing, when one is new to the table or its
// natural key changed.
func (t *Table) PutSavedAll(recs []*Record) bool {
	at := make(map[int]*Record, len(recs))
	for _, r := range recs {
		i, found := t.index(r.ID)
		if !found || NaturalKeyOf(t.reg, t.recs[i]) != NaturalKeyOf(t.reg, r) {
			return false
		}
		at[i] = r
	}
	for i, r := range at {
		if dup := duplicateMarksIn(t.reg, t.recs[i].Get(KeyMarks)); dup != "" {
			if m := r.Get(KeyMarks); m != "" {
				dup = m + "；" + dup
			}
			r.Set(KeyMarks, dup)
		}
	}
	var b strings.Builder
	b.Grow(len(t.blob))
	starts := make([]int, len(t.starts))
	var text []byte
	for i := range t.recs {
		starts[i] = b.Len()
		if r, ok := at[i]; ok {
			text = appendSearchText(text[:0], r)
			b.Write(text)
		} else {
			b.WriteString(t.blob[t.starts[i]:t.starts[i+1]])
		}
	}
	starts[len(t.recs)] = b.Len()
	t.blob, t.starts = b.String(), starts
	for i, r := range at {
		t.replace(i, r)
	}
	return true
}

// appendSearchText appends a record's search text as NewTable lays it out.
func appendSearchText(blob []byte, r *Record) []byte {
	for _, v := range r.vals { // any order: a match never spans two values
		if v != "" {
			blob = appendLowerASCII(blob, v)
			blob = append(blob, '\x01')
		}
	}
	return append(blob, 0)
}

// codeOf returns the code of a value, numbering a new one.
func (c *coding) codeOf(v string) int32 {
	n, ok := c.of[v]
	if !ok {
		n = int32(len(c.of))
		c.of[v] = n
	}
	return n
}

// insertSorted inserts record i into o, the order of key without it, where
// sorted would have put it: by value as sorted compares, ties in id order.
func (t *Table) insertSorted(key string, o []int, i int) []int {
	f := t.reg.Field(key)
	if f == nil {
		p, _ := slices.BinarySearch(o, i)
		return slices.Insert(o, p, i)
	}
	sk := t.sortValue(f, i)
	p, _ := slices.BinarySearchFunc(o, i, func(x, i int) int {
		if c := compareSortValues(t.sortValue(f, x), sk); c != 0 {
			return c
		}
		return cmp.Compare(x, i)
	})
	return slices.Insert(o, p, i)
}

// sortValue is what sorted orders record i by for field f.
type sortValue struct {
	blank bool
	num   float64
	text  string
}

func (t *Table) sortValue(f *Field, i int) sortValue {
	v := t.recs[i].Get(f.Key)
	switch f.Kind {
	case KindNumber:
		n, err := strconv.ParseFloat(v, 64)
		return sortValue{blank: err != nil, num: n}
	case KindText, KindChoice:
		k := ""
		if v != "" {
			k = sortKey(v)
		}
		return sortValue{blank: k == "", text: k}
	}
	return sortValue{blank: v == "", text: v}
}

// compareSortValues orders as sorted does: filled before blank, then by
// number or text.
func compareSortValues(a, b sortValue) int {
	if a.blank != b.blank {
		return boolCmp(a.blank, b.blank)
	}
	if c := cmp.Compare(a.num, b.num); c != 0 {
		return c
	}
	return strings.Compare(a.text, b.text)
}

// PutSaved puts a record read again after a save (Store.LoadOne) in the
// table and reports true, unless its natural key changed: then another
// record's duplicate mark (Load adds them) may come or go, and the caller
// reads the register again.
func (t *Table) PutSaved(r *Record) bool {
	if old := t.Find(r.ID); old != nil && NaturalKeyOf(t.reg, old) != NaturalKeyOf(t.reg, r) {
		return false
	}
	t.Put(r)
	return true
}

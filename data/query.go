package data

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Query is what the screen asks of a register: a search text over every
// column, exact-match filters by field key, and a sort.
type Query struct {
	Text    string            // matched case-insensitively anywhere in any column
	Filters map[string]string // field key → required value; "" means any
	Sort    string            // field key; "" keeps id order
	Desc    bool              // reverse the sort
	Marked  bool              // only records with a 提示 (a rule fired)
}

// Table holds a register's records ready for fast queries. The search text
// of all records is kept in one contiguous string, so a keystroke is one
// sequential scan rather than 100,000 scattered ones; filter columns are
// coded as small integers; the order for a sort key is computed once and
// reused.
type Table struct {
	reg    *Register
	recs   []*Record
	blob   string             // lower-case search text of every record, each ended by \x00
	starts []int              // blob offset where each record's text starts, plus len(blob)
	order  map[string][]int   // sort key → record indexes, ascending
	codes  map[string]*coding // filter key → value codes
}

// coding numbers the distinct values of one column.
type coding struct {
	of   map[string]int32
	code []int32
}

// NewTable prepares recs for querying; it keeps the slice.
func NewTable(reg *Register, recs []*Record) *Table {
	t := &Table{reg: reg, recs: recs, starts: make([]int, 0, len(recs)+1), order: map[string][]int{}, codes: map[string]*coding{}}
	n := 0
	for _, r := range recs {
		for _, v := range r.vals {
			n += len(v) + 1
		}
		n++
	}
	blob := make([]byte, 0, n)
	for _, r := range recs {
		t.starts = append(t.starts, len(blob))
		blob = appendSearchText(blob, r)
	}
	t.starts = append(t.starts, len(blob))
	t.blob = string(blob)
	return t
}

// Len is the number of records in the table.
func (t *Table) Len() int { return len(t.recs) }

// Records returns every record in id order.
func (t *Table) Records() []*Record { return t.recs }

// Query returns the matching records in the asked order.
func (t *Table) Query(q Query) []*Record {
	idx := t.sorted(q.Sort)
	match := t.matchText(q.Text)
	type filter struct {
		code []int32
		want int32
	}
	var filters []filter
	for k, v := range q.Filters {
		if v == "" {
			continue
		}
		c := t.coding(k)
		want, ok := c.of[v]
		if !ok {
			return nil
		}
		filters = append(filters, filter{c.code, want})
	}
	out := make([]*Record, 0, len(idx))
	for _, i := range idx {
		if match != nil && !match[i] {
			continue
		}
		if q.Marked && t.recs[i].Get(KeyMarks) == "" {
			continue
		}
		ok := true
		for _, f := range filters {
			if f.code[i] != f.want {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, t.recs[i])
		}
	}
	if q.Desc && q.Sort != "" {
		slices.Reverse(out)
	}
	return out
}

// appendLowerASCII appends v with A–Z lowered; Chinese has no case, and the
// search text is folded the same way.
func appendLowerASCII(b []byte, v string) []byte {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// matchText marks the records whose text contains s; nil means no search.
func (t *Table) matchText(s string) []bool {
	s = string(appendLowerASCII(nil, strings.TrimSpace(foldWidth(s))))
	s = strings.NewReplacer("\x00", "", "\x01", "").Replace(s)
	if s == "" {
		return nil
	}
	match := make([]bool, len(t.recs))
	for pos := 0; pos < len(t.blob); {
		i := strings.Index(t.blob[pos:], s)
		if i < 0 {
			break
		}
		at := pos + i
		rec := sort.SearchInts(t.starts, at+1) - 1 // the record whose text holds at
		match[rec] = true
		pos = t.starts[rec+1]
	}
	return match
}

// coding numbers the values of a filter column, once.
func (t *Table) coding(key string) *coding {
	if c, ok := t.codes[key]; ok {
		return c
	}
	c := &coding{of: map[string]int32{}, code: make([]int32, len(t.recs))}
	for i, r := range t.recs {
		v := r.Get(key)
		n, ok := c.of[v]
		if !ok {
			n = int32(len(c.of))
			c.of[v] = n
		}
		c.code[i] = n
	}
	t.codes[key] = c
	return c
}

// sorted returns the record indexes ordered by key, computing them once.
// Text sorts by 拼音 (Chinese collation), dates as text (they are stored
// 2006-01-02), numbers by value; blanks go last; ties keep id order.
func (t *Table) sorted(key string) []int {
	if o, ok := t.order[key]; ok {
		return o
	}
	o := make([]int, len(t.recs))
	for i := range o {
		o[i] = i
	}
	f := t.reg.Field(key)
	if f == nil {
		t.order[key] = o
		return o
	}
	switch f.Kind {
	case KindNumber:
		nums := make([]float64, len(t.recs))
		blank := make([]bool, len(t.recs))
		for i, r := range t.recs {
			n, err := strconv.ParseFloat(r.Get(key), 64)
			nums[i], blank[i] = n, err != nil
		}
		slices.SortStableFunc(o, func(a, b int) int {
			if blank[a] != blank[b] {
				return boolCmp(blank[a], blank[b])
			}
			return cmp.Compare(nums[a], nums[b])
		})
	case KindText, KindChoice:
		keys := collationKeys(t.recs, key)
		slices.SortStableFunc(o, func(a, b int) int {
			if (len(keys[a]) == 0) != (len(keys[b]) == 0) {
				return boolCmp(len(keys[a]) == 0, len(keys[b]) == 0)
			}
			return strings.Compare(keys[a], keys[b])
		})
	default:
		slices.SortStableFunc(o, func(a, b int) int {
			va, vb := t.recs[a].Get(key), t.recs[b].Get(key)
			if (va == "") != (vb == "") {
				return boolCmp(va == "", vb == "")
			}
			return strings.Compare(va, vb)
		})
	}
	t.order[key] = o
	return o
}

// boolCmp orders false before true (filled before blank).
func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// collationKeys makes a 拼音-order sort key for each record's value; blank
// values give an empty key.
func collationKeys(recs []*Record, key string) []string {
	keys := make([]string, len(recs))
	for i, r := range recs {
		if v := r.Get(key); v != "" {
			keys[i] = sortKey(v)
		}
	}
	return keys
}

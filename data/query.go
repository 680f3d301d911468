package data

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Query is what the screen asks of a register: a search text over every
// column, exact-match filters by field key, and a sort.
type Query struct {
	Text    string            // matched case-insensitively anywhere in any column
	Filters map[string]string // field key → required value; "" means any
	Sort    string            // field key; "" keeps id order
	Desc    bool              // reverse the sort
}

// Table holds a register's records ready for fast queries: the search text of
// each record is built once, and the order for a sort key is computed once and
// reused, so a keystroke only filters.
type Table struct {
	reg   *Register
	recs  []*Record
	hay   []string         // lower-case search text per record
	order map[string][]int // sort key → record indexes, ascending
}

// NewTable prepares recs for querying; it keeps the slice.
func NewTable(reg *Register, recs []*Record) *Table {
	t := &Table{reg: reg, recs: recs, hay: make([]string, len(recs)), order: map[string][]int{}}
	var sb strings.Builder
	for i, r := range recs {
		sb.Reset()
		for _, f := range reg.Fields {
			if v := r.Values[f.Key]; v != "" {
				sb.WriteString(v)
				sb.WriteByte('\x00')
			}
		}
		t.hay[i] = strings.ToLower(sb.String())
	}
	return t
}

// Len is the number of records in the table.
func (t *Table) Len() int { return len(t.recs) }

// Records returns every record in id order.
func (t *Table) Records() []*Record { return t.recs }

// Query returns the matching records in the asked order.
func (t *Table) Query(q Query) []*Record {
	idx := t.sorted(q.Sort)
	text := strings.ToLower(strings.TrimSpace(foldWidth(q.Text)))
	filters := make([][2]string, 0, len(q.Filters))
	for k, v := range q.Filters {
		if v != "" {
			filters = append(filters, [2]string{k, v})
		}
	}
	out := make([]*Record, 0, len(idx))
	for _, i := range idx {
		r := t.recs[i]
		if text != "" && !strings.Contains(t.hay[i], text) {
			continue
		}
		ok := true
		for _, f := range filters {
			if r.Values[f[0]] != f[1] {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, r)
		}
	}
	if q.Desc && q.Sort != "" {
		slices.Reverse(out)
	}
	return out
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
			n, err := strconv.ParseFloat(r.Values[key], 64)
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
			va, vb := t.recs[a].Values[key], t.recs[b].Values[key]
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
	c := collate.New(language.SimplifiedChinese)
	var buf collate.Buffer
	keys := make([]string, len(recs))
	cache := map[string]string{}
	for i, r := range recs {
		v := r.Values[key]
		if v == "" {
			continue
		}
		k, ok := cache[v]
		if !ok {
			k = string(c.KeyFromString(&buf, v))
			buf.Reset()
			cache[v] = k
		}
		keys[i] = k
	}
	return keys
}

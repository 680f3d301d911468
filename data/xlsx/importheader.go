package xlsx

// Finding the header row and matching its labels with a register's fields.

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// isHeaderAgain tells a header repeated below the first (sheets pasted
// together).
func (t *Table) isHeaderAgain(r Row) bool {
	same, labelled := 0, 0
	for _, c := range t.Columns {
		if c.Label == "" {
			continue
		}
		labelled++
		if normLabel(r.Cell(c.Index).Text) == normLabel(c.Label) {
			same++
		}
	}
	return labelled > 0 && same*2 > labelled
}

// findHeader picks the row among top that matches the most fields (two at
// least), and sets the columns from it.
func (t *Table) findHeader(top []Row, cands []Candidate) bool {
	best, bestScore := -1, 1
	if len(cands) < 2 {
		bestScore = 0
	}
	for i, r := range top {
		seen := map[[2]string]bool{}
		for _, c := range r.Cells {
			if cand, ok := matchLabel(c.Text, cands); ok && !cand.Field.Computed {
				seen[[2]string{strconv.Itoa(int(cand.Part)), cand.Field.Key}] = true
			}
		}
		if len(seen) > bestScore {
			best, bestScore = i, len(seen)
		}
	}
	if best < 0 {
		return false
	}
	t.HeaderRow = top[best].Num
	labels := map[int]string{}
	var order []int
	for _, c := range top[best].Cells {
		labels[c.Col] = strings.TrimSpace(c.Text)
		order = append(order, c.Col)
	}
	if best+1 < len(top) && top[best+1].Num == t.HeaderRow+1 {
		if sub := subHeader(top[best].Cells, top[best+1].Cells, cands); sub != nil {
			t.HeaderRow++
			for col, label := range sub {
				if _, ok := labels[col]; !ok {
					order = append(order, col)
				}
				labels[col] = label
			}
			slices.Sort(order)
		}
	}
	taken := map[[2]string]bool{}
	for _, index := range order {
		label := labels[index]
		col := Column{Index: index, Label: label}
		if cand, ok := matchLabel(label, cands); ok {
			k := [2]string{strconv.Itoa(int(cand.Part)), cand.Field.Key}
			switch {
			case cand.Field.Computed:
				col.Ignored = true // what the program works out: never read back
			case !taken[k]:
				taken[k] = true
				col.Part, col.Field = cand.Part, cand.Field.Key
			}
		} else if isSeqLabel(label) {
			col.Ignored = true
		}
		t.Columns = append(t.Columns, col)
	}
	return true
}

// subHeader reads a second header row under a group header merged across
// columns (脱密期 over 起 and 止): it returns the columns' full labels
// (脱密期起) when the row below the header is such a row, nil when it is
// data. A cell under no group label of its own belongs to the nearest one
// to its left, where a merged cell keeps its text.
func subHeader(head, below []Cell, cands []Candidate) map[int]string {
	if len(below) == 0 {
		return nil
	}
	group := func(col int) (string, bool) {
		label, own := "", false
		for _, c := range head {
			if c.Col <= col && strings.TrimSpace(c.Text) != "" {
				label, own = strings.TrimSpace(c.Text), c.Col == col
			}
		}
		return label, own
	}
	out := map[int]string{}
	for _, c := range below {
		text := strings.TrimSpace(c.Text)
		g, own := group(c.Col)
		if _, ok := matchLabel(g+text, cands); ok && g != "" {
			out[c.Col] = g + text
			continue
		}
		if _, ok := matchLabel(text, cands); ok && !own {
			out[c.Col] = text
			continue
		}
		return nil // a value, not a label: the row is data
	}
	return out
}

func isSeqLabel(label string) bool {
	switch strings.ToLower(normLabel(label)) {
	case "序号", "序", "no", "no.", "顺序号", "编号序号", ReasonLabel:
		return true
	}
	return false
}

// matchLabel finds the field a header names: its label or an alias,
// ignoring spaces, line breaks, full-width forms and a required mark (*);
// then the same with a note in brackets taken off (出生年月（年月日）).
// Fields that are stored come before computed ones of the same name.
func matchLabel(label string, cands []Candidate) (Candidate, bool) {
	n := normLabel(label)
	if n == "" {
		return Candidate{}, false
	}
	for _, pass := range []string{n, stripNote(n)} {
		if pass == "" {
			continue
		}
		for _, computed := range []bool{false, true} {
			for _, c := range cands {
				if c.Field.Computed != computed {
					continue
				}
				if normLabel(c.Field.Label) == pass {
					return c, true
				}
				for _, a := range c.Field.Aliases {
					if normLabel(a) == pass {
						return c, true
					}
				}
			}
		}
	}
	return Candidate{}, false
}

// normLabel folds a header for comparing.
func normLabel(s string) string {
	s = foldAll(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '*' || r == '※' || r == ':' {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// stripNote takes off a bracketed note: 出生年月(年月日) → 出生年月.
func stripNote(s string) string {
	for _, p := range [][2]string{{"(", ")"}, {"[", "]"}, {"【", "】"}} {
		if i := strings.Index(s, p[0]); i > 0 {
			if j := strings.LastIndex(s, p[1]); j > i {
				s = s[:i] + s[j+len(p[1]):]
			}
		}
	}
	return s
}

// foldText folds full-width digits and letters to ASCII and odd spaces to
// plain ones, leaving Chinese punctuation as the clerk wrote it.
func foldText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
			return r - 0xFEE0
		case r == 0x3000 || r == 0xA0 || r == '\t':
			return ' '
		case r == '\r':
			return -1
		}
		return r
	}, s)
}

// foldAll folds every full-width form (brackets, slashes too), for labels.
func foldAll(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		case r == 0x3000 || r == 0xA0:
			return ' '
		}
		return r
	}, s)
}

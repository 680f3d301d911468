package data

import (
	"errors"
	"strconv"
	"strings"
)

// The one reader of attendee lists (KindPeople values: "12,15:88,20", a
// person's id with an optional score), for validation, the training rules
// and the statistics alike.

// eachAttendee calls fn with the id and the score ("" when none) of every
// attendee of a KindPeople value, in order, until fn returns false. It
// checks nothing: ParsePeople does.
func eachAttendee(v string, fn func(id, score string) bool) {
	for v != "" {
		var part string
		part, v, _ = strings.Cut(v, ",")
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		id, score, _ := strings.Cut(part, ":")
		if !fn(id, score) {
			return
		}
	}
}

// Attendee is one person at a training session, with an optional score.
type Attendee struct {
	ID    uint64 // the person's record id in 涉密人员
	Score string // 考试成绩, "" when none
}

var (
	errPeople = errors.New("参加人员记录格式不正确")
	errScore  = errors.New("考试成绩应为0至1000之间的数字")
)

// ParsePeople reads a KindPeople value: ids separated by commas, each
// optionally followed by a colon and a score, as in "12,15:88,20".
func ParsePeople(s string) ([]Attendee, error) {
	var out []Attendee
	var err error
	seen := map[uint64]bool{}
	eachAttendee(s, func(idText, score string) bool {
		id, e := strconv.ParseUint(idText, 10, 64)
		if e != nil || id == 0 {
			err = errPeople
			return false
		}
		if score != "" {
			if n, e := strconv.ParseFloat(score, 64); e != nil || n < 0 || n > 1000 {
				err = errScore
				return false
			}
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, Attendee{ID: id, Score: score})
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FormatPeople writes attendees as ParsePeople reads them.
func FormatPeople(people []Attendee) string {
	var b strings.Builder
	for i, a := range people {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatUint(a.ID, 10))
		if a.Score != "" {
			b.WriteByte(':')
			b.WriteString(a.Score)
		}
	}
	return b.String()
}

// countPeople counts the attendees of a stored KindPeople value.
func countPeople(v string) int {
	n := 0
	eachAttendee(v, func(string, string) bool { n++; return true })
	return n
}

// attends tells whether a stored KindPeople value lists the person.
func attends(v string, personID uint64) bool {
	id := strconv.FormatUint(personID, 10)
	found := false
	eachAttendee(v, func(a, _ string) bool {
		found = a == id
		return !found
	})
	return found
}

// personNames finds the names of the 涉密人员 by id, for the registers
// that name a person chosen from them (保管人, 责任人, 参加人员), for the
// given number of records: for a few (or ids far apart), by binary search
// over the persons in id order (deriving one record builds no index of
// 100,000 persons); for many, from a table of the names by id (a lookup per
// carrier among 100,000 records scattered in memory costs more than the
// table). Not for
// several goroutines at once.
func personNames(persons []*Record, records int) *nameIndex {
	x := &nameIndex{byID: newByID(persons)}
	if records <= 64 || len(persons) == 0 || x.byID.m != nil { // a few, or not in id order: a map already
		return x
	}
	lo, hi := persons[0].ID, persons[len(persons)-1].ID
	if hi-lo >= uint64(4*len(persons)+1024) { // sparse ids: by binary search
		return x
	}
	x.lo, x.table, x.known = lo, make([]string, hi-lo+1), make([]bool, hi-lo+1)
	for _, p := range persons {
		x.table[p.ID-lo], x.known[p.ID-lo] = p.Get(PsnName), true
	}
	return x
}

// nameIndex is what personNames returns.
type nameIndex struct {
	byID  *byID
	lo    uint64
	table []string // the name of id lo+i at i, when known[i]
	known []bool
}

// name returns the name of the person id; ok is false when there is none.
func (x *nameIndex) name(id uint64) (name string, ok bool) {
	if x.table != nil {
		if id < x.lo || id-x.lo >= uint64(len(x.table)) || !x.known[id-x.lo] {
			return "", false
		}
		return x.table[id-x.lo], true
	}
	if p := x.byID.get(id); p != nil {
		return p.Get(PsnName), true
	}
	return "", false
}

package xlsx

import (
	"slices"
	"strings"

	"baomi/taizhang/data"
)

// ownerPrefix marks the owner columns of a sub-register sheet; no register
// key contains a NUL.
const ownerPrefix = "\x00owner:"

// RegisterSheets builds the sheets for a register: one with reg.Columns()
// over recs, in the order given (what the screen shows, filtered and
// sorted), then one per sub-register: its Columns() after the owner columns
// (the owner's title field, e.g. 姓名, its natural key and its KindID
// fields, e.g. 身份证号码), listing the subs of the given owners only, in owner
// order. subs holds all the records of each sub-register; a sub-record's
// OwnerID is its owner's ID.
//
// A register with RowSub (检查整改) prints that sub-register as its main
// sheet instead: one row per sub-record with all its owner's columns first, and
// an owner without subs as one row of its own.
func RegisterSheets(reg *data.Register, recs []*data.Record, subs data.Snapshot) []Sheet {
	sheets := []Sheet{{Name: reg.Name, Title: reg.Name, Columns: reg.Columns(), Records: recs}}
	if len(reg.Subs) == 0 {
		return sheets
	}
	if reg.RowSub != nil {
		return flatSheets(reg, recs, subs)
	}
	ids, owner := ownersOf(recs)
	return append(sheets, subSheets(reg, ids, owner, subs)...)
}

// RegisterSheetsStreamed is RegisterSheets (for a register without
// RowSub) with the sub-register sheets written as their records are read
// (Store.StreamSubs, in the order of recs) rather than from all of them
// held at once.
func RegisterSheetsStreamed(reg *data.Register, recs []*data.Record, subs map[*data.Register]*data.Streamed) []Sheet {
	_, owner := ownersOf(recs)
	return append([]Sheet{{Name: reg.Name, Title: reg.Name, Columns: reg.Columns(), Records: recs}},
		streamedSubSheets(reg, subs, owner)...)
}

// ownersOf lists the ids of recs and gives a record's value of a field by
// its id.
func ownersOf(recs []*data.Record) ([]uint64, func(id uint64, key string) string) {
	owners := make(map[uint64]*data.Record, len(recs))
	ids := make([]uint64, len(recs))
	for i, r := range recs {
		owners[r.ID], ids[i] = r, r.ID
	}
	return ids, func(id uint64, key string) string {
		if o := owners[id]; o != nil {
			return o.Get(key)
		}
		return ""
	}
}

// ownerValue gives the cells of a sub-register sheet: the owner columns
// from owner, the others from the sub-record.
func ownerValue(owner func(id uint64, key string) string) func(r *data.Record, f data.Field) string {
	return func(r *data.Record, f data.Field) string {
		if k, ok := strings.CutPrefix(f.Key, ownerPrefix); ok {
			return owner(r.OwnerID, k)
		}
		return r.Get(f.Key)
	}
}

// StreamSheets is RegisterSheets over a register read as it is written
// (Store.Stream): its sheet, and its sub-registers' sheets, are written as
// their records are read; the sub-register sheets print their owner's
// columns from what was kept of each owner as it went by (those columns
// only). A register with RowSub gathers its records first.
func StreamSheets(reg *data.Register, st data.Streamed) ([]Sheet, error) {
	if reg.RowSub != nil {
		gather := func(s *data.Streamed) ([]*data.Record, error) {
			recs := make([]*data.Record, 0, len(s.IDs))
			err := s.Each(func(r *data.Record) error { recs = append(recs, r); return nil })
			return recs, err
		}
		recs, err := gather(&st)
		if err != nil {
			return nil, err
		}
		subs := data.Snapshot{}
		for sub, s := range st.Subs {
			if subs[sub], err = gather(s); err != nil {
				return nil, err
			}
		}
		return RegisterSheets(reg, recs, subs), nil
	}
	main := Sheet{Name: reg.Name, Title: reg.Name, Columns: reg.Columns(), Count: len(st.IDs), Stream: st.Each}
	if len(reg.Subs) == 0 {
		return []Sheet{main}, nil
	}
	// Of each owner only the owner columns' values are kept, copied out
	// of the record (a value shares the memory of the whole record).
	keys := ownerColumns(reg)
	kept := make(map[uint64][]string, len(st.IDs))
	main.Stream = func(yield func(*data.Record) error) error {
		return st.Each(func(r *data.Record) error {
			vals := make([]string, len(keys))
			for i, f := range keys {
				vals[i] = strings.Clone(r.Get(strings.TrimPrefix(f.Key, ownerPrefix)))
			}
			kept[r.ID] = vals
			return yield(r)
		})
	}
	owner := func(id uint64, key string) string {
		i := slices.IndexFunc(keys, func(o data.Field) bool { return o.Key == ownerPrefix+key })
		if vals := kept[id]; i >= 0 && i < len(vals) {
			return vals[i]
		}
		return ""
	}
	return append([]Sheet{main}, streamedSubSheets(reg, st.Subs, owner)...), nil
}

// streamedSubSheets are the sheets of reg's sub-registers written as
// their records are read; owner gives an owner's value of a field.
func streamedSubSheets(reg *data.Register, subs map[*data.Register]*data.Streamed, owner func(id uint64, key string) string) []Sheet {
	var sheets []Sheet
	for _, sub := range reg.Subs {
		s := subs[sub]
		sheets = append(sheets, Sheet{Name: sub.Name, Title: sub.Name, Columns: subColumns(reg, sub),
			Count: len(s.IDs), Stream: s.Each, Value: ownerValue(owner)})
	}
	return sheets
}

// ownerColumns are the owner's columns of a sub-register sheet: its title
// field and its KindID fields, keys prefixed with ownerPrefix.
func ownerColumns(reg *data.Register) []data.Field {
	var ownerCols []data.Field
	added := map[string]bool{}
	add := func(f data.Field) {
		if added[f.Key] {
			return
		}
		added[f.Key] = true
		f.Key = ownerPrefix + f.Key
		f.Required, f.Filter, f.Optional = false, false, false
		ownerCols = append(ownerCols, f)
	}
	if f := reg.Field(reg.TitleKey); f != nil {
		add(*f)
	}
	// The owner's natural key, so that import finds the owner of each row
	// (a 督办事项 is its 事项, 责任部门 and 交办日期).
	for _, k := range reg.NaturalKey {
		if f := reg.Field(k); f != nil {
			add(*f)
		}
	}
	for _, f := range reg.Fields {
		if f.Kind == data.KindID {
			add(f)
		}
	}
	return ownerCols
}

// subSheets are the sheets of reg's sub-registers for the owners ids, in
// that order; owner gives an owner's value of a field when the sheet is
// written.
func subSheets(reg *data.Register, ids []uint64, owner func(id uint64, key string) string, subs data.Snapshot) []Sheet {
	value := ownerValue(owner)
	var sheets []Sheet
	for _, sub := range reg.Subs {
		byOwner := data.ByOwner(subs[sub])
		var rows []*data.Record
		for _, id := range ids {
			rows = append(rows, byOwner[id]...)
			delete(byOwner, id) // an owner listed twice lists its subs once
		}
		sheets = append(sheets, Sheet{Name: sub.Name, Title: sub.Name, Columns: subColumns(reg, sub), Records: rows, Value: value})
	}
	return sheets
}

// subColumns are the columns of a sub-register's sheet: its owner's
// (ownerColumns), then its own.
func subColumns(reg, sub *data.Register) []data.Field {
	return append(ownerColumns(reg), sub.Columns()...)
}

// flatSheets prints one row per sub-record of reg.RowSub, its owner's columns
// repeated; the other sub-registers are not printed.
func flatSheets(reg *data.Register, recs []*data.Record, subs data.Snapshot) []Sheet {
	sub := reg.RowSub
	byOwner := data.ByOwner(subs[sub])
	// The owner's own columns, less what each row of the sub-register
	// already says (its summary, marks and 备注), to keep the page readable.
	var cols []data.Field
	for _, f := range reg.Columns() {
		if f.Computed || f.Key == "note" {
			continue
		}
		f.Key = ownerPrefix + f.Key
		cols = append(cols, f)
	}
	cols = append(cols, sub.Columns()...)
	owner := map[*data.Record]*data.Record{}
	var rows []*data.Record
	for _, o := range recs {
		owned := byOwner[o.ID]
		if len(owned) == 0 {
			blank := &data.Record{OwnerID: o.ID}
			owner[blank] = o
			rows = append(rows, blank)
		}
		for _, c := range owned {
			owner[c] = o
			rows = append(rows, c)
		}
		delete(byOwner, o.ID)
	}
	value := func(r *data.Record, f data.Field) string {
		if k, ok := strings.CutPrefix(f.Key, ownerPrefix); ok {
			return owner[r].Get(k)
		}
		return r.Get(f.Key)
	}
	return []Sheet{{Name: reg.Name, Title: reg.Name, Columns: cols, Records: rows, Value: value}}
}

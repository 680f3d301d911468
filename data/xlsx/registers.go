package xlsx

import (
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
	owners := make(map[uint64]*data.Record, len(recs))
	for _, r := range recs {
		owners[r.ID] = r
	}
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
	value := func(r *data.Record, f data.Field) string {
		if k, ok := strings.CutPrefix(f.Key, ownerPrefix); ok {
			if o := owners[r.OwnerID]; o != nil {
				return o.Get(k)
			}
			return ""
		}
		return r.Get(f.Key)
	}
	for _, sub := range reg.Subs {
		byOwner := make(map[uint64][]*data.Record)
		for _, c := range subs[sub] {
			if _, ok := owners[c.OwnerID]; ok {
				byOwner[c.OwnerID] = append(byOwner[c.OwnerID], c)
			}
		}
		var rows []*data.Record
		for _, o := range recs {
			rows = append(rows, byOwner[o.ID]...)
			delete(byOwner, o.ID) // an owner listed twice lists its subs once
		}
		cols := append(append([]data.Field(nil), ownerCols...), sub.Columns()...)
		sheets = append(sheets, Sheet{Name: sub.Name, Title: sub.Name, Columns: cols, Records: rows, Value: value})
	}
	return sheets
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

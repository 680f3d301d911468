package xlsx

// The plan of an import: which rows add, update, skip or are refused, and why.

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"baomi/taizhang/data"
)

// Duplicate is what to do with a row whose natural key a stored record has.
type Duplicate int

// The choices for duplicates.
const (
	DupSkip   Duplicate = iota // 跳过: leave the stored record as it is
	DupUpdate                  // 更新: write the row's non-blank values over it
)

// PlanInput is what a plan is worked out against.
type PlanInput struct {
	Env data.Env
	// Records are the stored records of the table's Register; Owners of
	// Table.Owner (sub-record sheets); Children of Table.Flat (flat sheets);
	// Persons the 涉密人员, for a KindPeople column (参加人员名单).
	Records, Owners, Children, Persons []*data.Record
	OnDuplicate                        Duplicate
	// PerRow overrides OnDuplicate for single rows (逐条), by sheet row.
	PerRow map[int]Duplicate
}

// LoadPlanInput reads from the store what a plan of t needs.
func LoadPlanInput(st *data.Store, t *Table) (PlanInput, error) {
	var in PlanInput
	var err error
	if in.Env, err = st.Env(); err != nil {
		return in, err
	}
	if in.Records, err = st.List(t.Register); err != nil {
		return in, err
	}
	if t.Owner != nil {
		if in.Owners, err = st.List(t.Owner); err != nil {
			return in, err
		}
	}
	if t.Flat != nil {
		if in.Children, err = st.List(t.Flat); err != nil {
			return in, err
		}
	}
	for _, f := range t.Register.Fields {
		if f.Kind == data.KindPeople {
			if in.Persons, err = st.List(data.Personnel); err != nil {
				return in, err
			}
			break
		}
	}
	return in, nil
}

// Refusal is one reason a row is not imported.
type Refusal struct {
	Row    int    // 1-based sheet row
	Column string // the column's header (or the field's label when the column is missing)
	Reason string // in Chinese, as the form says it
}

// Match is a row whose natural key a stored record (or an earlier row) has.
type Match struct {
	Row     int
	Key     string // the key's values, as shown: 110101199003077777
	Title   string // the stored record's title: 张三
	Update  bool   // the row's values go over the record
	Changed bool   // updating would change the record
}

// Plan is what an import would do: the preview, and the batch to write.
type Plan struct {
	Table                            *Table
	Added, Updated, Skipped, Refused int
	Merged                           int // rows folded into an earlier row with the same key
	Refusals                         []Refusal
	Matches                          []Match
	Notes                            []Refusal // accepted with a remark (a warning put on file)
	NewDepartments                   []string  // 部门 not yet in the settings, added by the import
	Batch                            *data.ImportBatch
	refusedRows                      map[int]bool
	rowRefusals                      map[int][]Refusal
	columnOf                         map[[2]string]Column
	subsOf                           map[*data.Record][]*data.Record
	ownersByKey, ownersByTitle       map[string][]*data.Record
	recordsByKey                     map[string]*data.Record
	fileRecs                         map[string]*data.Record
	childKeys                        map[string]*data.Record
	persons                          map[string][]*data.Record
	env                              data.Env
}

// RefusedRow tells whether the sheet row was refused.
func (p *Plan) RefusedRow(num int) bool { return p.refusedRows[num] }

// Reasons returns a refused row's reasons joined: 身份证号码：…；部门：….
func (p *Plan) Reasons(num int) string {
	parts := make([]string, 0, len(p.rowRefusals[num]))
	for _, r := range p.rowRefusals[num] {
		parts = append(parts, r.Column+"："+r.Reason)
	}
	return strings.Join(parts, "；")
}

// NewPlan works out what importing t would do. It writes nothing and may
// be run again with other choices (更新/跳过, the column mapping).
func NewPlan(t *Table, in PlanInput) *Plan {
	p := &Plan{
		Table: t, refusedRows: map[int]bool{}, rowRefusals: map[int][]Refusal{},
		columnOf: map[[2]string]Column{}, fileRecs: map[string]*data.Record{},
		childKeys: map[string]*data.Record{}, recordsByKey: map[string]*data.Record{},
	}
	p.Batch = &data.ImportBatch{Register: t.Register, File: t.File, Sheet: t.Sheet}
	// The settings are copied: a new 部门 met in the sheet is taken into
	// this copy, so later rows of it pass, and added to the file's list by
	// the import itself.
	env := in.Env
	if env.Settings != nil {
		s := *env.Settings
		s.Departments = slices.Clone(s.Departments)
		env.Settings = &s
	}
	p.env = env
	for _, c := range t.Columns {
		if c.Field != "" && !c.Ignored {
			p.columnOf[[2]string{strconv.Itoa(int(c.Part)), c.Field}] = c
		}
	}
	for _, r := range in.Records {
		if k := data.ScopedKey(t.Register, r); k != "" {
			if _, ok := p.recordsByKey[k]; !ok {
				p.recordsByKey[k] = r
			}
		}
	}
	if t.Owner != nil {
		p.ownersByKey, p.ownersByTitle = map[string][]*data.Record{}, map[string][]*data.Record{}
		for _, o := range in.Owners {
			if k := data.NaturalKeyOf(t.Owner, o); k != "" {
				p.ownersByKey[k] = append(p.ownersByKey[k], o)
			}
			if v := o.Get(t.Owner.TitleKey); v != "" {
				p.ownersByTitle[v] = append(p.ownersByTitle[v], o)
			}
		}
	}
	if t.Flat != nil {
		for _, c := range in.Children {
			if k := data.ScopedKey(t.Flat, c); k != "" {
				p.childKeys[k] = c
			}
		}
	}
	if in.Persons != nil {
		p.persons = map[string][]*data.Record{}
		for _, r := range in.Persons {
			n := r.Get(data.PsnName)
			p.persons[n] = append(p.persons[n], r)
		}
	}
	decide := func(row int) Duplicate {
		if d, ok := in.PerRow[row]; ok {
			return d
		}
		return in.OnDuplicate
	}
	for _, row := range t.Rows {
		if t.Flat != nil {
			p.flatRow(row, decide(row.Num))
		} else {
			p.row(row, decide(row.Num))
		}
	}
	p.Batch.Skipped, p.Batch.Refused = p.Skipped, p.Refused
	p.Batch.Departments = p.NewDepartments
	return p
}

func (p *Plan) refuse(row int, column, reason string) {
	if !p.refusedRows[row] {
		p.refusedRows[row] = true
		p.Refused++
	}
	r := Refusal{Row: row, Column: column, Reason: reason}
	p.Refusals = append(p.Refusals, r)
	p.rowRefusals[row] = append(p.rowRefusals[row], r)
}

// fill reads the row's cells of one part into a new record; cell-level
// reasons go to bad, by field key.
func (p *Plan) fill(reg *data.Register, part Part, row Row, bad map[string]Refusal) *data.Record {
	r := data.NewRecord()
	for _, f := range reg.Fields {
		col, ok := p.columnOf[[2]string{strconv.Itoa(int(part)), f.Key}]
		if !ok || f.Computed {
			continue
		}
		v, why := cellValue(f, row.Cell(col.Index))
		if why == "" {
			switch f.Kind {
			case data.KindChoice:
				var ok bool
				choices := f.ChoicesOf(p.env.Settings)
				if v, ok = choiceValue(f, v, choices); !ok && f.Source == data.ChoiceDepartments && p.env.Settings != nil {
					p.env.Settings.Departments = append(p.env.Settings.Departments, v)
					p.NewDepartments = append(p.NewDepartments, v)
				}
			case data.KindPeople:
				v, why = p.people(strings.TrimSuffix(f.Label, "（选自涉密人员）"), v)
			}
		}
		if why != "" {
			bad[f.Key] = Refusal{Row: row.Num, Column: col.Name(), Reason: why}
			continue
		}
		r.Set(f.Key, v)
	}
	return r
}

// people turns a 参加人员名单 (张三、李四（88）) or a 保管人 into person ids,
// saying what is wrong in the words of the field (who, as 参加人员 or
// 保管人); a list already written as ids (12,15:88) is taken as it is.
func (p *Plan) people(who, v string) (string, string) {
	if v == "" {
		return "", ""
	}
	if _, err := data.ParsePeople(v); err == nil {
		return v, ""
	}
	var out []data.Attendee
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == '、' || r == ',' || r == '，' || r == ';' || r == '；' || r == '\n' }) {
		part = strings.TrimSpace(part)
		name, score := part, ""
		if i := strings.Index(part, "（"); i > 0 && strings.HasSuffix(part, "）") {
			name, score = part[:i], strings.TrimSuffix(part[i+len("（"):], "）")
		} else if i := strings.Index(part, "("); i > 0 && strings.HasSuffix(part, ")") {
			name, score = part[:i], strings.TrimSuffix(part[i+1:], ")")
		}
		if name == "" {
			continue
		}
		switch ps := p.persons[name]; len(ps) {
		case 0:
			return "", who + "“" + name + "”不在涉密人员登记簿中，请先导入涉密人员"
		case 1:
			out = append(out, data.Attendee{ID: ps[0].ID, Score: score})
		default:
			return "", who + "“" + name + "”有重名，无法确定是哪一位，请导入后在表单中选择"
		}
	}
	return data.FormatPeople(out), ""
}

// check validates r and refuses the row with every reason, cell-level
// ones first; it reports whether r passed.
func (p *Plan) check(reg *data.Register, r *data.Record, env data.Env, part Part, row int, bad map[string]Refusal) bool {
	fe := data.Validate(reg, r, env)
	if ws, ok := fe[data.KeyAck]; ok && len(fe) == 1 {
		// A rule breach the form lets the clerk confirm (乙级资质承接绝密
		// 项目): an old ledger records a fact, so it is taken, confirmed,
		// and listed in the preview.
		r.Set(data.KeyAck, "导入时确认记录在案")
		fe = data.Validate(reg, r, env)
		if len(fe) == 0 {
			p.Notes = append(p.Notes, Refusal{Row: row, Column: reg.Name, Reason: ws})
		}
	}
	ok := len(bad) == 0 && len(fe) == 0
	for _, f := range reg.Fields {
		if b, has := bad[f.Key]; has {
			p.refuse(row, b.Column, b.Reason)
			continue
		}
		if msg, has := fe[f.Key]; has {
			name := f.Label
			if c, ok := p.columnOf[[2]string{strconv.Itoa(int(part)), f.Key}]; ok {
				name = c.Name()
			}
			p.refuse(row, name, msg)
		}
	}
	return ok
}

// overlay writes the row's non-blank stored values over a copy of old.
func overlay(reg *data.Register, old, row *data.Record) *data.Record {
	u := old.Clone()
	for _, f := range reg.Fields {
		if f.Computed {
			continue
		}
		if v := row.Get(f.Key); v != "" {
			u.Set(f.Key, v)
		}
	}
	return u
}

func sameValues(a, b *data.Record) bool { return maps.Equal(a.Map(), b.Map()) }

// keyText shows a natural key.
func keyText(k string) string {
	if _, after, ok := strings.Cut(k, "\x1e"); ok {
		k = after
	}
	return strings.ReplaceAll(k, "\x1f", " ")
}

// row plans one row of a register's or a sub-register's own sheet.
func (p *Plan) row(row Row, dup Duplicate) {
	t := p.Table
	reg := t.Register
	bad := map[string]Refusal{}
	r := p.fill(reg, PartRecord, row, bad)
	env := p.env
	if t.Owner != nil {
		o, why := p.owner(row)
		if o == nil {
			p.refuse(row.Num, t.Owner.Name, why)
			return
		}
		r.OwnerID, env.Owner = o.ID, o
	}
	if !p.check(reg, r, env, PartRecord, row.Num, bad) {
		return
	}
	p.place(reg, r, env, row.Num, dup, func(r *data.Record) { p.Batch.Records = append(p.Batch.Records, r) }, true)
}

// place adds r, folds it into an earlier row with its key, or matches it
// to the stored record with its key.
func (p *Plan) place(reg *data.Register, r *data.Record, env data.Env, num int, dup Duplicate, add func(*data.Record), count bool) *data.Record {
	n := 0
	if count {
		n = 1
	}
	key := data.ScopedKey(reg, r)
	if key == "" {
		add(r)
		p.Added += n
		return r
	}
	if prev, ok := p.fileRecs[key]; ok {
		merged := overlay(reg, prev, r)
		if fe := data.Validate(reg, merged, env); len(fe) > 0 {
			p.refuse(num, data.KeyLabels(reg), "与本表前面一行的"+data.KeyLabels(reg)+"相同，但合并后："+(&data.ValidationError{Register: reg, Fields: fe}).Error())
			return nil
		}
		copyValues(prev, merged)
		p.Merged += n
		return prev
	}
	old, stored := p.recordsByKey[key]
	if !stored {
		add(r)
		p.fileRecs[key] = r
		p.Added += n
		return r
	}
	m := Match{Row: num, Key: keyText(key), Title: reg.RecordTitle(old), Update: dup == DupUpdate}
	u := overlay(reg, old, r)
	if fe := data.Validate(reg, u, env); len(fe) > 0 {
		if dup == DupUpdate {
			p.refuse(num, data.KeyLabels(reg), "更新已有记录“"+m.Title+"”后："+(&data.ValidationError{Register: reg, Fields: fe}).Error())
			return nil
		}
	}
	m.Changed = !sameValues(u, old)
	p.Matches = append(p.Matches, m)
	if dup == DupUpdate && m.Changed {
		add(u)
		p.fileRecs[key] = u
		p.Updated += n
		return u
	}
	p.fileRecs[key] = old.Clone() // later rows fold into a copy: the stored record stays as read
	p.Skipped += n
	return old
}

// copyValues sets dst's values to src's.
func copyValues(dst, src *data.Record) {
	dst.Each(func(k, _ string) { dst.Set(k, "") })
	src.Each(func(k, v string) { dst.Set(k, v) })
}

// owner finds the stored owner a sub-record row names, by the owner's
// natural key when the sheet has it, else by its title when that is unique.
func (p *Plan) owner(row Row) (*data.Record, string) {
	t := p.Table
	bad := map[string]Refusal{}
	o := p.fill(t.Owner, PartOwner, row, bad)
	for _, f := range t.Owner.Fields {
		if f.Kind == data.KindID {
			if c, err := data.ParseIDCard(o.Get(f.Key), p.env.Today); err == nil {
				o.Set(f.Key, c.Number)
			}
		}
	}
	if k := data.NaturalKeyOf(t.Owner, o); k != "" {
		if os := p.ownersByKey[k]; len(os) > 0 {
			return os[0], ""
		}
		return nil, "找不到" + data.KeyLabels(t.Owner) + "为 " + keyText(k) + " 的" + t.Owner.Name + "，请先导入" + t.Owner.Name
	}
	title := o.Get(t.Owner.TitleKey)
	switch os := p.ownersByTitle[title]; {
	case title == "":
		return nil, "未填写所属" + t.Owner.Name + "的" + data.KeyLabels(t.Owner)
	case len(os) == 1:
		return os[0], ""
	case len(os) > 1:
		return nil, t.Owner.Name + "“" + title + "”有重名，请填写" + data.KeyLabels(t.Owner)
	}
	return nil, "找不到" + t.Owner.Name + "“" + title + "”，请先导入" + t.Owner.Name
}

// flatRow plans a row of a flat sheet: the owner's columns, then maybe one
// sub-record of it. The row counts by what it does to the sub-record, or,
// with none, to the owner.
func (p *Plan) flatRow(row Row, dup Duplicate) {
	t := p.Table
	bad := map[string]Refusal{}
	o := p.fill(t.Register, PartOwner, row, bad)
	if !p.check(t.Register, o, p.env, PartOwner, row.Num, bad) {
		return
	}
	subBad := map[string]Refusal{}
	c := p.fill(t.Flat, PartSub, row, subBad)
	hasSub := len(subBad) > 0
	c.Each(func(string, string) { hasSub = true })
	if hasSub {
		env := p.env
		env.Owner = o
		if !p.check(t.Flat, c, env, PartSub, row.Num, subBad) {
			return
		}
	}
	owner := p.fileRecs[data.ScopedKey(t.Register, o)]
	if owner == nil || data.ScopedKey(t.Register, o) == "" {
		owner = p.place(t.Register, o, p.env, row.Num, dup, func(r *data.Record) { p.Batch.Records = append(p.Batch.Records, r) }, !hasSub)
		if owner == nil {
			return
		}
	} else if !hasSub {
		p.Merged++
	}
	if !hasSub {
		return
	}
	ck := ""
	if k := data.NaturalKeyOf(t.Flat, c); k != "" {
		ck = fmt.Sprintf("%d\x1e%s", owner.ID, k)
		if owner.ID == 0 {
			ck = fmt.Sprintf("%p\x1e%s", owner, k)
		}
		if _, ok := p.childKeys[ck]; ok {
			p.Skipped++
			return
		}
		p.childKeys[ck] = c
	}
	p.Batch.Children = append(p.Batch.Children, data.ImportChild{Sub: t.Flat, Owner: owner, Record: c})
	p.Added++
}

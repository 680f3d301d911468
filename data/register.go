package data

import (
	"slices"
	"sync"
	"time"
)

// Kind is what sort of value a field holds; it decides how the value is
// typed, checked, sorted and written to Excel.
type Kind int

// The kinds of field.
const (
	KindText   Kind = iota // free text
	KindDate               // a calendar day, stored as 2006-01-02
	KindChoice             // one of Field.Choices (or a settings list)
	KindID                 // a 身份证号码, stored upper-case, written to Excel as text
	KindNumber             // a decimal number
	KindPeople             // persons of the 涉密人员 register, each with an optional score (see People)
)

// ChoiceDepartments names the settings list of 部门 as a field's choices.
const ChoiceDepartments = "departments"

// Field describes one column of a register.
type Field struct {
	Key      string   // stable storage key, never shown
	Label    string   // Chinese name on screen, in the Excel header and for import
	Kind     Kind     // how the value is typed and checked
	Choices  []string // the choices of a KindChoice field
	Source   string   // a settings list giving the choices instead, e.g. ChoiceDepartments
	Required bool     // a record without it is not saved
	Optional bool     // an O column: in the form, not in the table or the printed register
	Width    float64  // column width in Excel characters; the screen table scales it
	Filter   bool     // offered as a filter above the table
	Long     bool     // several lines in the form
	// Computed fields are filled by Register.Derive when records are loaded:
	// shown, searched, sorted and exported like the others, never typed or stored.
	Computed bool
	// ReadOnly fields are stored, shown and printed but not typed in the
	// form: a rule writes them (a finding's last 复查, from its 复查记录).
	ReadOnly bool
	// Hidden fields are stored but shown neither in the table nor the export
	// (the clerk's confirmation of a warning, say).
	Hidden bool
	// Aliases are other headers clerks give this column in their own Excel
	// ledgers (身份证号, 公民身份号码); import matches them like Label.
	Aliases []string
	// LongForms maps the usual long forms of a choice written in old
	// ledgers to the choice itself (核心涉密人员 → 核心), for import.
	LongForms map[string]string
	// Ref, for a KindChoice field, makes its choices the titles of Ref's
	// records (所联涉密网络 from 涉密网络测评): the form lists them, import
	// takes any value, and the register's Derive marks a value no longer
	// among them.
	Ref *Register
	// One, for a KindPeople field, means one person without a score (保管人,
	// 责任人) rather than a list of attendees.
	One bool
}

// KeyMarks is the computed field that holds why a record needs attention
// (the reasons of every rule that fired, joined by "；"). A register that
// has rules lists it among its fields, usually last, labelled 提示.
const KeyMarks = "marks"

// KeyAck is the hidden field that records the clerk's confirmation of a
// warning (Register.Warn), so the breach is on file.
const KeyAck = "ack"

// MarksField is the 提示 column every register with rules shows.
var MarksField = Field{Key: KeyMarks, Label: "提示", Kind: KindText, Computed: true, Width: 22}

// Register describes a ledger once; the table, the form, the Excel sheet,
// the reminders and the statistics are all driven by it. Each register is
// one file of this package holding its description and every rule of it.
//
// Registers refer to each other through their *Register values. Go refuses
// an initialization cycle, so the rule functions of a register never name
// the register itself (they get its records as their first argument), and
// a register reached back from one it needs is read through the Snapshot
// (snap.People() for the persons KindPeople fields refer to).
type Register struct {
	Key    string  // bucket name and command-line name, e.g. "personnel"
	Name   string  // 涉密人员
	Fields []Field // in screen and print order
	// Subs are registers whose records belong to one record of this one
	// (a person's 因私出入境证件); they are kept in their own buckets.
	Subs []*Register
	// UpdateOwner, on a sub-register, brings an owner in line with all its
	// sub-records of this register after one of them is saved or deleted (the
	// last 复查 closes a finding or sends it back to 整改中). It reports
	// whether it changed the owner, which is then checked and written in the
	// same transaction.
	UpdateOwner func(owner *Record, subs []*Record) bool
	// TitleKey is the field that names a record in messages, dialogs and
	// on 首页.
	TitleKey string
	// Title, when set, names a record instead of TitleKey, where one field
	// does not say enough (an inspection: 检查单位 and 检查日期).
	Title func(r *Record) string
	// Check applies the register's own rules after every field has been
	// checked by its kind; it may fill derived values and returns errors by key.
	Check func(r *Record, env Env) FieldErrors
	// Warn names rule breaches the clerk may still save after confirming that
	// they are recorded for the file (乙级资质 on a 绝密 project). Until
	// KeyAck is set, Validate refuses the record with the warning under KeyAck.
	Warn func(r *Record, env Env) []string
	// Needs are the other registers whose records Derive, Due and Stats
	// read (教育培训 for the yearly training mark on persons); the
	// register's Subs, and the persons of a KindPeople field, always come.
	Needs []*Register
	// Derive fills the computed fields of freshly loaded records and their
	// marks (Record.Marks, whose words fill KeyMarks): every rule about a
	// record is computed here once, and both the 提示 column and 首页 read
	// the result. rel holds the records of Subs and Needs (and of every
	// register, when DueItems runs it).
	Derive func(recs []*Record, rel Snapshot, env Env)
	// RowSub, when set, is the sub-register whose records are the rows of
	// the printed register, each with its owner's columns first (检查整改:
	// one row per finding).
	RowSub *Register
	// Stats computes the register's statistics tables (统计) for a year (0:
	// all time) from its records and the snapshot, in print order.
	Stats func(recs []*Record, snap Snapshot, env Env, year int) []StatTable
	// NaturalKey names the fields whose values together identify a record
	// in the office's eyes (身份证号码 for a person): no two records share
	// one, import matches rows to records by it. A record whose key fields
	// are all blank has no key. A sub-register's key holds within one owner.
	NaturalKey []string
	// Basis says where each of the register's rules comes from (an article,
	// or 实践做法) and which setting changes it; a mark finds its rule by
	// the rule's Phrase (BasisOf).
	Basis []RuleBasis
	// Limits are the register's configurable limits (Settings.Limits), in
	// the order 设置 shows them under the register's name; its rules read
	// them with Env.Limit.
	Limits []Limit
	// Icon names the register's navigation icon: one of "account",
	// "folder", "computer", "search", "warning", "document", "confirm",
	// "visibility", "file", "storage"; another name or none shows a list.
	Icon string
}

// Limit is a configurable deadline, interval or count a rule reads
// (Settings.Limits), declared by the register whose rules read it or, for
// the program's own, by ProgramLimits.
type Limit struct {
	Key     string // stored key in Settings.Limits; never changed once released
	Label   string // what 设置 shows, with the unit and what 0 means
	Default int    // the value of a new data file, and of one that lacks the key
}

// Snapshot holds records by register: every register's (sub-registers
// included) for the reminders and the statistics, or the ones a Derive
// needs.
type Snapshot map[*Register][]*Record

// KeyPersonnel is the key of the 涉密人员 register, whose records the
// KindPeople fields list.
const KeyPersonnel = "personnel"

// People returns the records of the 涉密人员 register. It finds the
// register by its key so that a register whose rules read persons (教育培训)
// needs no reference to Personnel, which needs it back.
func (s Snapshot) People() []*Record {
	for reg, recs := range s {
		if reg.Key == KeyPersonnel {
			return recs
		}
	}
	return nil
}

// ByOwner groups records by their owner's id.
func ByOwner(recs []*Record) map[uint64][]*Record {
	m := make(map[uint64][]*Record)
	for _, r := range recs {
		m[r.OwnerID] = append(m[r.OwnerID], r)
	}
	return m
}

// related lists the registers whose records Derive reads: the Needs, the
// Subs, and 涉密人员 when a field lists persons.
func (reg *Register) related() []*Register {
	rel := append(slices.Clone(reg.Needs), reg.Subs...)
	for _, f := range reg.Fields {
		if f.Kind == KindPeople && !slices.Contains(rel, Personnel) {
			rel = append(rel, Personnel)
		}
	}
	return rel
}

// NamesPersons tells whether a field lists persons of 涉密人员 (KindPeople):
// its records show their names, so a person renamed changes them.
func (reg *Register) NamesPersons() bool {
	return slices.ContainsFunc(reg.Fields, func(f Field) bool { return f.Kind == KindPeople })
}

// Field returns the field with the given key, or nil.
func (reg *Register) Field(key string) *Field {
	for i := range reg.Fields {
		if reg.Fields[i].Key == key {
			return &reg.Fields[i]
		}
	}
	return nil
}

// Columns returns the fields shown in the table and the printed register:
// every field but the optional and hidden ones.
func (reg *Register) Columns() []Field {
	cols := make([]Field, 0, len(reg.Fields))
	for _, f := range reg.Fields {
		if !f.Optional && !f.Hidden {
			cols = append(cols, f)
		}
	}
	return cols
}

// ChoicesOf returns the choices of a field, taking settings lists into account.
func (f *Field) ChoicesOf(s *Settings) []string {
	switch {
	case s == nil || f.Source == "":
		return f.Choices
	case f.Source == ChoiceDepartments:
		return s.Departments
	case len(s.Lists[f.Source]) > 0:
		return s.Lists[f.Source]
	}
	return f.Choices
}

// Editable lists the fields whose choices the clerk maintains in settings
// (besides 部门), by list key, with the defaults from the description.
func Editable() map[string]Field { return editable(Registers()) }

// editable lists the editable choice lists of regs and their subs.
func editable(regs []*Register) map[string]Field {
	m := map[string]Field{}
	for _, reg := range withSubs(regs) {
		for _, f := range reg.Fields {
			if f.Source != "" && f.Source != ChoiceDepartments {
				m[f.Source] = f
			}
		}
	}
	return m
}

// Reminds tells whether the register's records have marks, and so
// reminders on 首页: it has a Derive and a 提示 column.
func (reg *Register) Reminds() bool {
	return reg.Derive != nil && reg.Field(KeyMarks) != nil
}

// RecordTitle names a record for messages and on 首页: Title, else its
// title field, else the register's name.
func (reg *Register) RecordTitle(r *Record) string {
	if reg.Title != nil {
		if v := reg.Title(r); v != "" {
			return v
		}
	}
	if v := r.Get(reg.TitleKey); v != "" {
		return v
	}
	return reg.Name + "记录"
}

// Env is what the rules need besides the record: the settings, today, for
// a sub-record its owner, and the registers of the data file.
type Env struct {
	Settings *Settings
	Today    time.Time
	Owner    *Record // the owning record when checking a sub-record
	// Registers are the data file's registers in navigation order, which
	// DueItems and Stats go through; nil means Registers().
	Registers []*Register
	// memo keeps what rules compute from whole related registers (who was
	// ever trained) across the parts of one Store.Stream, whose related
	// records do not change meanwhile; nil elsewhere: computed each time.
	memo *memo
}

// memo is Env's store of computed values, by name.
type memo struct {
	mu sync.Mutex
	m  map[string]any
}

// memoized returns the value computed under the name by compute, once per
// memo; without one, compute's result each time.
func memoized[T any](e Env, name string, compute func() T) T {
	if e.memo == nil {
		return compute()
	}
	e.memo.mu.Lock()
	defer e.memo.mu.Unlock()
	if v, ok := e.memo.m[name]; ok {
		return v.(T)
	}
	v := compute()
	if e.memo.m == nil {
		e.memo.m = map[string]any{}
	}
	e.memo.m[name] = v
	return v
}

// Limit returns a configurable limit: the settings' value, its default
// when the settings lack it.
func (e Env) Limit(l Limit) int {
	if e.Settings != nil {
		if v, ok := e.Settings.Limits[l.Key]; ok {
			return v
		}
	}
	return l.Default
}

// registers returns the registers of the environment.
func (e Env) registers() []*Register {
	if e.Registers != nil {
		return e.Registers
	}
	return Registers()
}

// Registers lists every register that is built, in navigation order: the
// registers of a data file unless a program or a test gives its own
// (Store.ServeRegisters). A new register is one line here.
func Registers() []*Register {
	return []*Register{Personnel, Projects, Networks, Inspections, Cases, Training,
		Tasks,
		Disclosures,
		Carriers,
		Devices,
	}
}

// RegisterByKey finds one of Registers() (or a sub-register) by its key.
func RegisterByKey(key string) *Register { return registerByKey(Registers(), key) }

// OwnerOf returns the register of Registers() whose Subs include sub, or nil.
func OwnerOf(sub *Register) *Register { return ownerOf(Registers(), sub) }

// withSubs lists registers and, after each, its sub-registers.
// A sub-register may have sub-registers of its own (a finding's 复查).
func withSubs(regs []*Register) []*Register {
	var all []*Register
	for _, r := range regs {
		all = append(all, r)
		all = append(all, withSubs(r.Subs)...)
	}
	return all
}

// registerByKey finds a register (or a sub-register) of regs by its key.
func registerByKey(regs []*Register, key string) *Register {
	for _, r := range withSubs(regs) {
		if r.Key == key {
			return r
		}
	}
	return nil
}

// ownerOf returns the register of regs whose Subs include sub, or nil.
func ownerOf(regs []*Register, sub *Register) *Register {
	for _, r := range withSubs(regs) {
		for _, s := range r.Subs {
			if s == sub {
				return r
			}
		}
	}
	return nil
}

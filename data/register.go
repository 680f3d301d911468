package data

import "time"

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
}

// Register describes a ledger once; the table, the form, the Excel sheet and
// the importer are all driven by it.
type Register struct {
	Key    string  // bucket name and command-line name, e.g. "personnel"
	Name   string  // 涉密人员
	Fields []Field // in screen and print order
	// Subs are registers whose records belong to one record of this one
	// (a person's 因私出入境证件); they are kept in their own buckets.
	Subs []*Register
	// TitleKey is the field that names a record in messages and dialogs.
	TitleKey string
	// Check applies the register's own rules after every field has been
	// checked by its kind; it may fill derived values and returns errors by key.
	Check func(r *Record, env Env) FieldErrors
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
// every field but the optional ones.
func (reg *Register) Columns() []Field {
	cols := make([]Field, 0, len(reg.Fields))
	for _, f := range reg.Fields {
		if !f.Optional {
			cols = append(cols, f)
		}
	}
	return cols
}

// ChoicesOf returns the choices of a field, taking settings lists into account.
func (f *Field) ChoicesOf(s *Settings) []string {
	if f.Source == ChoiceDepartments && s != nil {
		return s.Departments
	}
	return f.Choices
}

// RecordTitle names a record for messages: its title field, or its id.
func (reg *Register) RecordTitle(r *Record) string {
	if v := r.Get(reg.TitleKey); v != "" {
		return v
	}
	return reg.Name + "记录"
}

// Env is what the rules need besides the record: the settings and today.
type Env struct {
	Settings *Settings
	Today    time.Time
}

// Registers lists every register that is built, in navigation order.
func Registers() []*Register {
	return []*Register{Personnel}
}

// RegisterByKey finds a register (or a sub-register) by its key.
func RegisterByKey(key string) *Register {
	for _, r := range Registers() {
		if r.Key == key {
			return r
		}
		for _, s := range r.Subs {
			if s.Key == key {
				return s
			}
		}
	}
	return nil
}

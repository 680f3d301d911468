package data

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ActionImport is the audit action of an import as a whole; each record it
// adds or changes has an entry of its own (新增, 修改) as well.
const ActionImport = "导入"

// NaturalKeyOf returns the natural key of a validated record: the values of
// reg.NaturalKey joined, "" when they are all blank (no key) or the register
// declares none.
func NaturalKeyOf(reg *Register, r *Record) string {
	if len(reg.NaturalKey) == 0 {
		return ""
	}
	parts := make([]string, len(reg.NaturalKey))
	blank := true
	for i, k := range reg.NaturalKey {
		parts[i] = strings.Join(strings.Fields(r.Get(k)), " ")
		blank = blank && parts[i] == ""
	}
	if blank {
		return ""
	}
	return strings.Join(parts, "\x1f")
}

// ScopedKey is a record's natural key within its owner: a sub-record's
// key holds among the children of one record only.
func ScopedKey(reg *Register, r *Record) string {
	k := NaturalKeyOf(reg, r)
	if k == "" || OwnerOf(reg) == nil {
		return k
	}
	return strconv.FormatUint(r.OwnerID, 10) + "\x1e" + k
}

// KeyLabels names the natural key's fields for messages: 身份证号码, or
// 检查日期、检查单位.
func KeyLabels(reg *Register) string {
	labels := make([]string, 0, len(reg.NaturalKey))
	for _, k := range reg.NaturalKey {
		if f := reg.Field(k); f != nil {
			labels = append(labels, f.Label)
		}
	}
	return strings.Join(labels, "、")
}

// duplicateError refuses r because other already holds its natural key.
func duplicateError(reg *Register, other *Record) *ValidationError {
	return &ValidationError{Register: reg, Fields: FieldErrors{
		reg.NaturalKey[0]: "已有记录“" + reg.RecordTitle(other) + "”的" + KeyLabels(reg) + "与此相同，请修改那条记录，不要重复登记",
	}}
}

// checkUnique refuses a record the form saves when another record of the
// register already has its natural key (one 身份证号码, one person). The
// key is taken from a validated copy, so 11010…x and 11010…X are one key.
func (s *Store) checkUnique(reg *Register, r *Record) error {
	if len(reg.NaturalKey) == 0 {
		return nil
	}
	env, err := s.Env()
	if err != nil {
		return err
	}
	if owner := OwnerOf(reg); owner != nil {
		if env.Owner, err = s.Get(owner, r.OwnerID); err != nil {
			return nil // SaveAll says what is wrong
		}
	}
	c := r.Clone()
	if fe := Validate(reg, c, env); len(fe) > 0 {
		return nil // SaveAll refuses it with the form's messages
	}
	key := ScopedKey(reg, c)
	if key == "" {
		return nil
	}
	var dup *Record
	err = s.view(func(tx *bolt.Tx) error {
		var rr recordReader
		// The key's first value must appear in the stored bytes: most
		// records are passed over without decoding them.
		probe := []byte(c.Get(reg.NaturalKey[0]))
		return tx.Bucket([]byte(reg.Key)).ForEach(func(k, v []byte) error {
			if len(probe) > 0 && !containsBytes(v, probe) {
				return nil
			}
			o, err := rr.read(v)
			if err != nil {
				return err
			}
			if o.ID != r.ID && ScopedKey(reg, o) == key {
				dup = o
				return errStop
			}
			return nil
		})
	})
	if err != nil && !errors.Is(err, errStop) {
		return err
	}
	if dup != nil {
		return duplicateError(reg, dup)
	}
	return nil
}

func containsBytes(b, sub []byte) bool {
	return bytes.Contains(b, sub) // no copy of b to a string
}

// duplicateMark is the mark of a record that shares its natural key with
// other.
func duplicateMark(reg *Register, other *Record) string {
	return KeyLabels(reg) + "与“" + reg.RecordTitle(other) + "”重复"
}

// duplicateMarksIn returns the duplicate marks (duplicateMark) among the
// 提示 text of a record, "" when there are none.
func duplicateMarksIn(reg *Register, marks string) string {
	var out []string
	for m := range strings.SplitSeq(marks, "；") {
		if strings.HasPrefix(m, KeyLabels(reg)+"与“") && strings.HasSuffix(m, "”重复") {
			out = append(out, m)
		}
	}
	return strings.Join(out, "；")
}

// markDuplicates adds a mark to every record that shares its natural key
// with another, in files that took duplicates before the key was enforced
// (a second 演示数据, an old import): the clerk sees them under 只看有提示的.
// Sub-records are not marked: their keys are kept unique from now on, and
// two like findings of one old inspection are no cause for alarm.
func markDuplicates(reg *Register, recs []*Record) {
	if len(reg.NaturalKey) == 0 || reg.Field(KeyMarks) == nil || OwnerOf(reg) != nil {
		return
	}
	first := make(map[string]*Record, len(recs))
	var dups map[*Record]*Record // a record → another holding its key
	for _, r := range recs {
		k := ScopedKey(reg, r)
		if k == "" {
			continue
		}
		if o, ok := first[k]; ok {
			if dups == nil {
				dups = map[*Record]*Record{}
			}
			dups[r] = o
			if _, ok := dups[o]; !ok {
				dups[o] = r
			}
			continue
		}
		first[k] = r
	}
	for r, o := range dups {
		mark := duplicateMark(reg, o)
		if m := r.Get(KeyMarks); m != "" {
			mark = m + "；" + mark
		}
		r.Set(KeyMarks, mark)
	}
}

// ImportBatch is what an import writes: all of it in one transaction, or
// nothing.
type ImportBatch struct {
	Register *Register // the register of Records (a sub-register for a sheet of sub-records)
	File     string    // the workbook's file name, for the audit log
	Sheet    string    // the sheet read
	// Records are the rows accepted: ID 0 adds a record, any other ID
	// replaces the stored record with that ID.
	Records []*Record
	// Children are sub-records of Records (the rows of a flat sheet such as
	// 检查整改), added under their owner.
	Children []ImportChild
	// Departments are 部门 the sheet names that the settings lack: added
	// to the list in the same transaction.
	Departments []string
	Skipped     int // rows matching a record, left as they are
	Refused     int // rows not imported, with their reasons in the report
	// Progress, when set, is called now and then with the records written.
	Progress func(done, total int)
}

// ImportChild is a sub-record added with its owner.
type ImportChild struct {
	Sub    *Register
	Owner  *Record // one of ImportBatch.Records, or a stored record
	Record *Record
}

// ImportCounts are the figures of an import, as the audit log keeps them.
type ImportCounts struct{ Added, Updated, Skipped, Refused int }

// Counts counts the batch's records: added (sub-records included),
// updated, skipped, refused.
func (b *ImportBatch) Counts() ImportCounts {
	c := ImportCounts{Skipped: b.Skipped, Refused: b.Refused}
	for _, r := range b.Records {
		if r.ID == 0 {
			c.Added++
		} else {
			c.Updated++
		}
	}
	c.Added += len(b.Children)
	return c
}

// ErrCancelled is returned when the clerk stops an import; nothing was written.
var ErrCancelled = errors.New("导入已取消，没有写入任何记录")

// Import writes an import batch in one transaction: every record is
// checked again (Validate, the natural key), and any failure, or ctx being
// cancelled, leaves the file as it was. The audit log gets one entry for
// the import (file, sheet, counts) and one per record added or changed.
func (s *Store) Import(ctx context.Context, b *ImportBatch) error {
	reg := b.Register
	if err := s.mayEdit(reg); err != nil {
		return err
	}
	env, err := s.Env()
	if err != nil {
		return err
	}
	if len(b.Departments) > 0 { // added by this import, so its rows pass
		st := *env.Settings
		st.Departments = append(slices.Clone(st.Departments), b.Departments...)
		env.Settings = &st
	}
	owner := OwnerOf(reg)
	type stamp struct {
		id               uint64
		created, updated time.Time
	}
	all := make([]*Record, 0, len(b.Records)+len(b.Children))
	all = append(all, b.Records...)
	for _, c := range b.Children {
		all = append(all, c.Record)
	}
	undo := make([]stamp, len(all))
	for i, r := range all {
		undo[i] = stamp{r.ID, r.Created, r.Updated}
	}
	cnt := b.Counts() // before the new records take their ids
	total := len(all)
	done := 0
	step := func() error {
		done++
		if done%256 == 0 {
			if ctx.Err() != nil {
				return ErrCancelled
			}
			if b.Progress != nil {
				b.Progress(done, total)
			}
		}
		return nil
	}
	err = s.update(func(tx *bolt.Tx) error {
		bk := tx.Bucket([]byte(reg.Key))
		if bk == nil {
			return fmt.Errorf("登记簿 %s 不存在", reg.Key)
		}
		keys, err := storedKeys(tx, reg)
		if err != nil {
			return err
		}
		now := s.Now()
		put := func(reg *Register, bk *bolt.Bucket, r *Record, env Env, keys map[string]*Record) error {
			if fe := Validate(reg, r, env); len(fe) > 0 {
				return &ValidationError{Register: reg, Fields: fe}
			}
			if k := ScopedKey(reg, r); k != "" {
				if o, ok := keys[k]; ok && (r.ID == 0 || o.ID != r.ID) {
					return duplicateError(reg, o)
				}
			}
			action, before := ActionCreate, map[string]string(nil)
			if r.ID == 0 {
				id, err := bk.NextSequence()
				if err != nil {
					return err
				}
				r.ID, r.Created = id, now
			} else {
				old := bk.Get(u64(r.ID))
				if old == nil {
					return ErrNotFound
				}
				o, err := unmarshalRecord(old)
				if err != nil {
					return err
				}
				action, before, r.Created = ActionUpdate, o.Map(), o.Created
				delete(keys, ScopedKey(reg, o))
			}
			if k := ScopedKey(reg, r); k != "" {
				keys[k] = r
			}
			r.Updated = now
			if err := bk.Put(u64(r.ID), r.marshal()); err != nil {
				return err
			}
			if err := s.audit(tx, AuditEntry{Register: reg.Key, RecordID: r.ID, Action: action, Before: before, After: r.Map()}); err != nil {
				return err
			}
			return step()
		}
		bk.FillPercent = 0.9
		for _, r := range b.Records {
			e := env
			if owner != nil {
				v := tx.Bucket([]byte(owner.Key)).Get(u64(r.OwnerID))
				if v == nil {
					return fmt.Errorf("所属的%s记录不存在", owner.Name)
				}
				if e.Owner, err = unmarshalRecord(v); err != nil {
					return err
				}
			}
			if err := put(reg, bk, r, e, keys); err != nil {
				return err
			}
		}
		subKeys := map[string]map[string]*Record{}
		for _, c := range b.Children {
			if c.Owner.ID == 0 {
				return errors.New("子记录的所属记录没有保存")
			}
			c.Record.OwnerID = c.Owner.ID
			sk, ok := subKeys[c.Sub.Key]
			if !ok {
				if sk, err = storedKeys(tx, c.Sub); err != nil {
					return err
				}
				subKeys[c.Sub.Key] = sk
			}
			sb := tx.Bucket([]byte(c.Sub.Key))
			sb.FillPercent = 0.9
			e := env
			e.Owner = c.Owner
			if err := put(c.Sub, sb, c.Record, e, sk); err != nil {
				return err
			}
		}
		if len(b.Departments) > 0 {
			st, err := s.settingsIn(tx)
			if err != nil {
				return err
			}
			for _, d := range b.Departments {
				if !slices.Contains(st.Departments, d) {
					st.Departments = append(st.Departments, d)
				}
			}
			if err := s.putSettings(tx, st); err != nil {
				return err
			}
		}
		return s.audit(tx, AuditEntry{Register: reg.Key, Action: ActionImport, After: map[string]string{
			"文件": b.File, "工作表": b.Sheet,
			"新增": strconv.Itoa(cnt.Added), "更新": strconv.Itoa(cnt.Updated),
			"跳过": strconv.Itoa(cnt.Skipped), "未导入": strconv.Itoa(cnt.Refused),
		}})
	})
	if err != nil {
		for i, r := range all { // the ids taken were rolled back with the transaction
			r.ID, r.Created, r.Updated = undo[i].id, undo[i].created, undo[i].updated
		}
		if errors.Is(err, ErrCancelled) {
			return ErrCancelled
		}
		return fmt.Errorf("导入%s失败，没有写入任何记录：%w", reg.Name, err)
	}
	if b.Progress != nil {
		b.Progress(total, total)
	}
	return nil
}

// settingsIn reads the settings inside a transaction.
func (s *Store) settingsIn(tx *bolt.Tx) (Settings, error) {
	st := DefaultSettings()
	if b := tx.Bucket(bucketMeta).Get(keySettings); b != nil {
		st = Settings{}
		if err := json.Unmarshal(b, &st); err != nil {
			return st, err
		}
	}
	st.fill(s.Registers())
	return st, nil
}

// storedKeys maps the natural keys of a register's stored records to them.
func storedKeys(tx *bolt.Tx, reg *Register) (map[string]*Record, error) {
	keys := map[string]*Record{}
	if len(reg.NaturalKey) == 0 {
		return keys, nil
	}
	var rr recordReader
	err := tx.Bucket([]byte(reg.Key)).ForEach(func(k, v []byte) error {
		r, err := rr.read(v)
		if err != nil {
			return err
		}
		if key := ScopedKey(reg, r); key != "" {
			if _, ok := keys[key]; !ok {
				keys[key] = r
			}
		}
		return nil
	})
	return keys, err
}

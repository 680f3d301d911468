package data

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/user"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// schemaVersion is the layout this program writes. A file with a lower
// version is brought up to date by migration(v) (from v to v+1) inside one
// transaction; a file with a higher one was written by a newer program.
const schemaVersion = 3

// migration returns what turns a version-v file into version v+1, or nil.
func migration(v int) func(s *Store, tx *bolt.Tx) error {
	switch v {
	case 1:
		return migrateReviews
	case 2:
		return migratePersons
	}
	return nil
}

var (
	bucketMeta  = []byte("meta")
	bucketAudit = []byte("audit")
	keySchema   = []byte("schema")
	keySettings = []byte("settings")
)

// Store is the data file: one bbolt database with a bucket per register.
type Store struct {
	db       *bolt.DB
	readOnly bool
	// damaged is set by a failed Check or a read that met a damaged page;
	// from then on nothing is written.
	damaged atomic.Pointer[error]
	// writeMu keeps writers out while bbolt's consistency check runs.
	writeMu sync.Mutex
	// Now is the clock for timestamps and for "today" in the rules.
	Now func() time.Time
	// Operator is written into every audit entry of a file without
	// accounts; with accounts, the logged-in account's name is.
	Operator string
	// Wall is the wall clock of audit entries and login locks: never
	// moved by TAIZHANG_TODAY, unlike Now.
	Wall func() time.Time
	// accounts tells whether the file has accounts: then a login is
	// needed for any read or write.
	accounts atomic.Bool
	// acct is the logged-in account, with the audit key.
	acct atomic.Pointer[Account]
	// kdf is argon2id's cost for passwords set through this store.
	kdf kdfParams
	// regs are the registers the store serves; nil means Registers().
	regs []*Register
}

// ServeRegisters makes the store serve regs instead of Registers() —
// their buckets created when missing — for a program or a test that
// describes registers of its own: the screens, 首页 and 统计 follow the
// store's registers. Call it before the store is handed to the window.
func (s *Store) ServeRegisters(regs []*Register) error {
	err := s.update(func(tx *bolt.Tx) error {
		for _, reg := range withSubs(regs) {
			if _, err := tx.CreateBucketIfNotExists([]byte(reg.Key)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.regs = regs
	return nil
}

// Registers returns the store's registers in navigation order.
func (s *Store) Registers() []*Register {
	if s.regs != nil {
		return s.regs
	}
	return Registers()
}

// Editable lists the editable choice lists of the store's registers, as
// Editable does for Registers(): 设置 shows those of a served register too.
func (s *Store) Editable() map[string]Field { return editable(s.Registers()) }

// RegisterByKey finds one of the store's registers (or a sub-register).
func (s *Store) RegisterByKey(key string) *Register { return registerByKey(s.Registers(), key) }

// OwnerOf returns the store's register whose Subs include sub, or nil.
func (s *Store) OwnerOf(sub *Register) *Register { return ownerOf(s.Registers(), sub) }

func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if n := os.Getenv("USERNAME"); n != "" {
		return n
	}
	return os.Getenv("USER")
}

// init creates the buckets of a new file and migrates an old one. An
// up-to-date file is only read: opening must not write (a file that only
// looks sound may be damaged inside, and is then left as it was).
func (s *Store) init() error {
	current := false
	if err := s.view(func(tx *bolt.Tx) error {
		current = upToDate(tx)
		return nil
	}); err != nil {
		return err
	}
	if current {
		return nil
	}
	err := s.update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		v := 0
		if b := meta.Get(keySchema); len(b) == 8 {
			v = int(binary.BigEndian.Uint64(b))
		} else if b != nil {
			return ErrDamaged
		}
		if v > schemaVersion {
			return fmt.Errorf("数据文件由较新版本的保密台账创建（格式 %d），请升级程序后再打开", v)
		}
		if v > 0 {
			for ; v < schemaVersion; v++ {
				m := migration(v)
				if m == nil {
					return fmt.Errorf("无法升级数据文件格式 %d", v)
				}
				if err := m(s, tx); err != nil {
					return fmt.Errorf("升级数据文件格式 %d 失败：%w", v, err)
				}
			}
		}
		if _, err := tx.CreateBucketIfNotExists(bucketAudit); err != nil {
			return err
		}
		for _, reg := range allRegisters() {
			if _, err := tx.CreateBucketIfNotExists([]byte(reg.Key)); err != nil {
				return err
			}
		}
		if meta.Get(keySettings) == nil {
			b, _ := json.Marshal(DefaultSettings())
			if err := meta.Put(keySettings, b); err != nil {
				return err
			}
		}
		return meta.Put(keySchema, u64(schemaVersion))
	})
	return err
}

// upToDate tells whether the file has this program's schema and every
// bucket, so init has nothing to write.
func upToDate(tx *bolt.Tx) bool {
	meta := tx.Bucket(bucketMeta)
	if meta == nil || meta.Get(keySettings) == nil || tx.Bucket(bucketAudit) == nil {
		return false
	}
	if b := meta.Get(keySchema); len(b) != 8 || uint64FromBytes(b) != schemaVersion {
		return false
	}
	for _, reg := range allRegisters() {
		if tx.Bucket([]byte(reg.Key)) == nil {
			return false
		}
	}
	return true
}

func uint64FromBytes(b []byte) uint64 { return binary.BigEndian.Uint64(b) }

// Close closes the data file.
func (s *Store) Close() error { return s.db.Close() }

// Path is the data file's path.
func (s *Store) Path() string { return s.db.Path() }

// Today is the clock's calendar day.
func (s *Store) Today() time.Time { return Day(s.Now()) }

// Env returns the settings and today, as the rules need them.
func (s *Store) Env() (Env, error) {
	st, err := s.Settings()
	if err != nil {
		return Env{}, err
	}
	return Env{Settings: &st, Today: s.Today(), Registers: s.Registers()}, nil
}

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

// Settings reads the clerk's settings.
func (s *Store) Settings() (Settings, error) {
	var st Settings
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketMeta).Get(keySettings)
		if b == nil {
			st = DefaultSettings()
			return nil
		}
		return json.Unmarshal(b, &st)
	})
	if err != nil {
		return Settings{}, fmt.Errorf("读取设置失败：%w", err)
	}
	st.fill(s.Registers())
	return st, nil
}

// SaveSettings validates and stores the settings, with an audit entry.
func (s *Store) SaveSettings(st Settings) error {
	if err := s.mayRole("修改设置", RoleAdmin); err != nil {
		return err
	}
	if fe := st.Validate(); len(fe) > 0 {
		return fe
	}
	return s.update(func(tx *bolt.Tx) error {
		return s.putSettings(tx, st)
	})
}

func (s *Store) putSettings(tx *bolt.Tx, st Settings) error {
	meta := tx.Bucket(bucketMeta)
	before := map[string]string{}
	if old := meta.Get(keySettings); old != nil {
		before["settings"] = string(old)
	}
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	if err := meta.Put(keySettings, b); err != nil {
		return err
	}
	return s.audit(tx, AuditEntry{Register: "settings", Action: ActionUpdate, Before: before, After: map[string]string{"settings": string(b)}})
}

// RenameDepartment renames a 部门 in the settings and in every record that
// names it, in one transaction.
func (s *Store) RenameDepartment(old, new string) error {
	if err := s.mayRole("修改设置", RoleAdmin); err != nil {
		return err
	}
	st, err := s.Settings()
	if err != nil {
		return err
	}
	idx := -1
	for i, d := range st.Departments {
		if d == old {
			idx = i
		}
	}
	if idx < 0 {
		return fmt.Errorf("部门“%s”不存在", old)
	}
	st.Departments[idx] = new
	if fe := st.Validate(); len(fe) > 0 {
		return fe
	}
	return s.update(func(tx *bolt.Tx) error {
		if err := s.putSettings(tx, st); err != nil {
			return err
		}
		for _, reg := range withSubs(s.Registers()) {
			var keys []string
			for _, f := range reg.Fields {
				if f.Source == ChoiceDepartments {
					keys = append(keys, f.Key)
				}
			}
			if len(keys) == 0 {
				continue
			}
			if err := s.rewrite(tx, reg, func(r *Record) bool {
				changed := false
				for _, k := range keys {
					if r.Get(k) == old {
						r.Set(k, new)
						changed = true
					}
				}
				return changed
			}); err != nil {
				return err
			}
		}
		return nil
	})
}

// DepartmentInUse tells whether any record names the 部门.
func (s *Store) DepartmentInUse(dept string) (bool, error) {
	used := false
	err := s.view(func(tx *bolt.Tx) error {
		for _, reg := range withSubs(s.Registers()) {
			for _, f := range reg.Fields {
				if f.Source != ChoiceDepartments {
					continue
				}
				err := tx.Bucket([]byte(reg.Key)).ForEach(func(k, v []byte) error {
					r, err := unmarshalRecord(v)
					if err == nil && r.Get(f.Key) == dept {
						used = true
						return errStop
					}
					return nil
				})
				if err != nil && err != errStop {
					return err
				}
			}
		}
		return nil
	})
	return used, err
}

var errStop = errors.New("stop")

// rewrite applies change to every record of reg, storing and auditing the
// ones it reports changed.
func (s *Store) rewrite(tx *bolt.Tx, reg *Register, change func(*Record) bool) error {
	b := tx.Bucket([]byte(reg.Key))
	var changed []*Record
	var befores []map[string]string
	err := b.ForEach(func(k, v []byte) error {
		r, err := unmarshalRecord(v)
		if err != nil {
			return err
		}
		before := r.Map()
		if change(r) {
			changed = append(changed, r)
			befores = append(befores, before)
		}
		return nil
	})
	if err != nil {
		return err
	}
	now := s.Now()
	for i, r := range changed {
		r.Updated = now
		if err := b.Put(u64(r.ID), r.marshal()); err != nil {
			return err
		}
		if err := s.audit(tx, AuditEntry{Register: reg.Key, RecordID: r.ID, Parent: r.OwnerID, Action: ActionUpdate, Before: befores[i], After: r.Map()}); err != nil {
			return err
		}
	}
	return nil
}

func allRegisters() []*Register { return withSubs(Registers()) }

// getTx reads one record in tx.
func getTx(tx *bolt.Tx, reg *Register, id uint64) (*Record, error) {
	v := tx.Bucket([]byte(reg.Key)).Get(u64(id))
	if v == nil {
		return nil, ErrNotFound
	}
	return unmarshalRecord(v)
}

// Save validates a record and stores it with an audit entry, in one
// transaction: a new record (ID 0) takes the next id of its bucket. An
// invalid record returns a *ValidationError and nothing is written, and so
// does one whose natural key (身份证号码…) another record already holds.
func (s *Store) Save(reg *Register, r *Record) error {
	if err := s.mayEdit(reg); err != nil {
		return err
	}
	if err := s.checkUnique(reg, r); err != nil {
		return err
	}
	return s.SaveAll(reg, []*Record{r})
}

// SaveAll saves several records in one transaction: all are stored or none.
func (s *Store) SaveAll(reg *Register, recs []*Record) error {
	env, err := s.Env()
	if err != nil {
		return err
	}
	// What the transaction changes on the records, to undo it on failure.
	type stamp struct {
		id               uint64
		created, updated time.Time
	}
	undo := make([]stamp, len(recs))
	for i, r := range recs {
		undo[i] = stamp{r.ID, r.Created, r.Updated}
	}
	err = s.update(func(tx *bolt.Tx) error { return s.saveTx(tx, env, reg, recs) })
	if err != nil {
		for i, r := range recs { // the ids taken were rolled back with the transaction
			r.ID, r.Created, r.Updated = undo[i].id, undo[i].created, undo[i].updated
		}
		var ve *ValidationError
		if errors.As(err, &ve) {
			return ve
		}
		return fmt.Errorf("保存%s失败：%w", reg.Name, err)
	}
	return nil
}

// Batch is one write transaction for many records of several registers:
// what Store.Batch hands its function.
type Batch struct {
	s   *Store
	tx  *bolt.Tx
	env Env
}

// Batch runs fn in one write transaction: every record its SaveAll calls
// store is written, or — on an error, a crash or a kill — none. Demo
// writes through it, so an interrupted demo leaves the file as it was.
// Records that fn's SaveAll calls numbered keep their ids only if Batch
// returns nil.
func (s *Store) Batch(fn func(b *Batch) error) error {
	env, err := s.Env()
	if err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error { return fn(&Batch{s: s, tx: tx, env: env}) })
}

// SaveAll validates and stores records of reg in the batch's transaction,
// as Store.SaveAll does; an owner saved earlier in the batch counts.
func (b *Batch) SaveAll(reg *Register, recs []*Record) error {
	if err := b.s.saveTx(b.tx, b.env, reg, recs); err != nil {
		var ve *ValidationError
		if errors.As(err, &ve) {
			return ve
		}
		return fmt.Errorf("保存%s失败：%w", reg.Name, err)
	}
	return nil
}

// saveTx validates recs (an owned record against its owner as the
// transaction sees it) and stores each with its audit entry in tx.
func (s *Store) saveTx(tx *bolt.Tx, env Env, reg *Register, recs []*Record) error {
	if err := s.mayEdit(reg); err != nil {
		return err
	}
	owner := OwnerOf(reg)
	for _, r := range recs {
		if owner != nil {
			o, err := getTx(tx, owner, r.OwnerID)
			if err != nil {
				return fmt.Errorf("所属的%s记录不存在", owner.Name)
			}
			env.Owner = o
		}
		if fe := Validate(reg, r, env); len(fe) > 0 {
			return &ValidationError{Register: reg, Fields: fe}
		}
	}
	b := tx.Bucket([]byte(reg.Key))
	if b == nil {
		return fmt.Errorf("登记簿 %s 不存在", reg.Key)
	}
	b.FillPercent = 0.9 // ids only grow: pack pages full
	now := s.Now()
	for _, r := range recs {
		action := ActionUpdate
		var before map[string]string
		if r.ID == 0 {
			id, err := b.NextSequence()
			if err != nil {
				return err
			}
			r.ID, r.Created, action = id, now, ActionCreate
		} else {
			old := b.Get(u64(r.ID))
			if old == nil {
				return ErrNotFound
			}
			o, err := unmarshalRecord(old)
			if err != nil {
				return err
			}
			before, r.Created = o.Map(), o.Created
		}
		r.Updated = now
		if err := b.Put(u64(r.ID), r.marshal()); err != nil {
			return err
		}
		if err := s.audit(tx, AuditEntry{Register: reg.Key, RecordID: r.ID, Parent: r.OwnerID, Action: action, Before: before, After: r.Map()}); err != nil {
			return err
		}
	}
	if reg.UpdateOwner != nil {
		settled := map[uint64]bool{}
		for _, r := range recs {
			if !settled[r.OwnerID] {
				settled[r.OwnerID] = true
				if err := s.settleOwner(tx, env, reg, r.OwnerID); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Delete removes a record, its sub-records and writes an audit entry for
// each, in one transaction.
func (s *Store) Delete(reg *Register, id uint64) error {
	if err := s.mayEdit(reg); err != nil {
		return err
	}
	env, err := s.Env()
	if err != nil {
		return err
	}
	err = s.update(func(tx *bolt.Tx) error {
		o, err := getTx(tx, reg, id)
		if err != nil {
			return err
		}
		if err := s.delTree(tx, reg, id); err != nil {
			return err
		}
		return s.settleOwner(tx, env, reg, o.OwnerID)
	})
	if err != nil {
		return fmt.Errorf("删除%s记录失败：%w", reg.Name, err)
	}
	return nil
}

// delTree removes a record and, at every level below it, its sub-records.
func (s *Store) delTree(tx *bolt.Tx, reg *Register, id uint64) error {
	if err := s.del(tx, reg, id); err != nil {
		return err
	}
	for _, sub := range reg.Subs {
		owned, err := subRecordsTx(tx, sub, id)
		if err != nil {
			return err
		}
		for _, c := range owned {
			if err := s.delTree(tx, sub, c.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// subRecordsTx returns the records of sub that belong to owner, as the
// transaction sees them.
func subRecordsTx(tx *bolt.Tx, sub *Register, owner uint64) ([]*Record, error) {
	b := tx.Bucket([]byte(sub.Key))
	if b == nil {
		return nil, fmt.Errorf("登记簿 %s 不存在", sub.Key)
	}
	var out []*Record
	err := b.ForEach(func(k, v []byte) error {
		r, err := unmarshalRecord(v)
		if err == nil && r.OwnerID == owner {
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

// settleOwner lets a sub-register with UpdateOwner bring the owner of a
// sub-record just saved or deleted in line with all its sub-records (a
// 复查 closes its finding or sends it back), and writes the owner, checked
// against its own rules, in the same transaction: both are written or
// neither, and one 撤销 takes both back.
func (s *Store) settleOwner(tx *bolt.Tx, env Env, sub *Register, ownerID uint64) error {
	ownerReg := OwnerOf(sub)
	if sub.UpdateOwner == nil || ownerReg == nil || ownerID == 0 {
		return nil
	}
	o, err := getTx(tx, ownerReg, ownerID)
	if err != nil {
		return fmt.Errorf("所属的%s记录不存在", ownerReg.Name)
	}
	subs, err := subRecordsTx(tx, sub, ownerID)
	if err != nil {
		return err
	}
	if !sub.UpdateOwner(o, subs) {
		return nil
	}
	err = s.saveTx(tx, env, ownerReg, []*Record{o})
	var ve *ValidationError
	if errors.As(err, &ve) {
		return fmt.Errorf("所属的%s随之更新时不合要求：%s", ownerReg.Name, ve.Fields.Error())
	}
	return err
}

func (s *Store) del(tx *bolt.Tx, reg *Register, id uint64) error {
	b := tx.Bucket([]byte(reg.Key))
	old := b.Get(u64(id))
	if old == nil {
		return ErrNotFound
	}
	o, err := unmarshalRecord(old)
	if err != nil {
		return err
	}
	if err := b.Delete(u64(id)); err != nil {
		return err
	}
	return s.audit(tx, AuditEntry{Register: reg.Key, RecordID: id, Parent: o.OwnerID, Action: ActionDelete, Before: o.Map()})
}

package data

import (
	"encoding/binary"
	"encoding/json"
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

package data

import (
	"crypto/hmac"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	bolt "go.etcd.io/bbolt"
)

// Role is what an account may do. One account has one role, so no account
// holds two of the three 三员 roles (系统管理员, 安全保密管理员, 安全审计员).
type Role string

// The roles.
const (
	// RoleAdmin keeps accounts, backups and settings; it neither edits
	// nor reads the registers, nor reads the audit log.
	RoleAdmin Role = "系统管理员"
	// RoleSecurity assigns roles and which registers each 录入员 edits,
	// and reviews the registers (reads them).
	RoleSecurity Role = "安全保密管理员"
	// RoleAuditor reads and exports the audit log, nothing else.
	RoleAuditor Role = "安全审计员"
	// RoleClerk edits the registers granted to it and reads all.
	RoleClerk Role = "录入员"
	// RoleViewer only reads the registers.
	RoleViewer Role = "查阅"
)

// Roles lists the roles in the order the screens show them.
func Roles() []Role { return []Role{RoleAdmin, RoleSecurity, RoleAuditor, RoleClerk, RoleViewer} }

// Limit keys of the login rules, kept with the other limits in Settings.
const (
	LimitLoginFailures = "login.max_failures" // wrong passwords before the lock
	LimitLockMinutes   = "login.lock_minutes" // how long the lock lasts
	LimitIdleMinutes   = "login.idle_minutes" // idle time before the window locks
	LimitPasswordMin   = "login.password_min" // shortest password accepted
)

// Errors of logging in and of refused operations.
var (
	// ErrLoginRequired: the file has accounts and no one is logged in.
	ErrLoginRequired = errors.New("请先登录")
	// ErrBadLogin: wrong account name or password.
	ErrBadLogin = errors.New("账户或密码不正确")
	// ErrAccountLocked: too many wrong passwords.
	ErrAccountLocked = errors.New("账户已锁定")
	// ErrDenied: the account's role may not do this.
	ErrDenied = errors.New("无权操作")
)

// kdfParams are argon2id's cost parameters, stored with each account so
// they can be raised later without locking anyone out.
type kdfParams struct {
	Time    uint32 `json:"t"`
	Memory  uint32 `json:"m"` // KiB
	Threads uint8  `json:"p"`
}

// defaultKDF follows RFC 9106's second recommendation (64 MiB), with two
// passes: a guess costs a tenth of a second on an office PC.
var defaultKDF = kdfParams{Time: 2, Memory: 64 * 1024, Threads: 2}

// Account is one person who may log in. The secret fields never leave the
// data package: Accounts and Account return copies without them.
type Account struct {
	Name    string    `json:"name"`
	Role    Role      `json:"role"`
	Grants  []string  `json:"grants,omitempty"` // register keys a 录入员 edits
	Created time.Time `json:"created"`

	Failures    int       `json:"failures,omitempty"`
	LockedUntil time.Time `json:"locked_until,omitempty"`

	// Salt, KDF and Wrapped hold the file's audit key sealed (AES-GCM)
	// under the key argon2id derives from the password: the key is in the
	// file only so wrapped.
	Salt    []byte    `json:"salt,omitempty"`
	KDF     kdfParams `json:"kdf"`
	Wrapped []byte    `json:"wrapped,omitempty"`
	// Seal is the audit key's HMAC of the name, role and grants: a role
	// changed with bbolt directly is refused at login.
	Seal []byte `json:"seal,omitempty"`

	key []byte // the unwrapped audit key, on the logged-in account only
}

// public returns a copy without the secret fields.
func (a *Account) public() Account {
	return Account{Name: a.Name, Role: a.Role, Grants: slices.Clone(a.Grants), Created: a.Created,
		Failures: a.Failures, LockedUntil: a.LockedUntil}
}

// MayEdit tells whether the account may change records of reg (a
// sub-register follows its owner's grant).
func (a *Account) MayEdit(reg *Register) bool {
	if a == nil {
		return true
	}
	if a.Role != RoleClerk {
		return false
	}
	key := reg.Key
	if k, _, ok := strings.Cut(key, "."); ok {
		key = k
	}
	return slices.Contains(a.Grants, key) || slices.Contains(a.Grants, reg.Key)
}

// MayRead tells whether the account may read the registers.
func (a *Account) MayRead() bool {
	return a == nil || a.Role == RoleSecurity || a.Role == RoleClerk || a.Role == RoleViewer
}

var (
	bucketAccounts = []byte("accounts")
	bucketPending  = []byte("pending") // login failures, chained at the next login
	bucketSeals    = []byte("seals")
)

// CheckPassword applies the minimum rule: at least min characters, with
// letters and digits.
func CheckPassword(pw string, min int) error {
	if min <= 0 {
		min = 8
	}
	var letter, digit bool
	for _, r := range pw {
		letter = letter || unicode.IsLetter(r)
		digit = digit || unicode.IsDigit(r)
	}
	if len([]rune(pw)) < min || !letter || !digit {
		return fmt.Errorf("密码至少 %d 位，且须同时包含字母和数字", min)
	}
	return nil
}

// HasAccounts tells whether the file has accounts: then every read and
// write needs a login.
func (s *Store) HasAccounts() bool { return s.accounts.Load() }

// Account returns the logged-in account, or nil.
func (s *Store) Account() *Account {
	a := s.acct.Load()
	if a == nil {
		return nil
	}
	p := a.public()
	return &p
}

// loadAccounts notes at open whether the file has accounts.
func (s *Store) loadAccounts() error {
	return s.viewRaw(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAccounts)
		s.accounts.Store(b != nil && b.Stats().KeyN > 0)
		return nil
	})
}

func getAccount(tx *bolt.Tx, name string) (*Account, error) {
	b := tx.Bucket(bucketAccounts)
	if b == nil {
		return nil, nil
	}
	v := b.Get([]byte(name))
	if v == nil {
		return nil, nil
	}
	var a Account
	if err := json.Unmarshal(v, &a); err != nil {
		return nil, fmt.Errorf("%w：账户 %s 的信息无法读取", ErrDamaged, name)
	}
	return &a, nil
}

// existingAccount is getAccount with a missing account an error.
func existingAccount(tx *bolt.Tx, name string) (*Account, error) {
	a, err := getAccount(tx, name)
	if err == nil && a == nil {
		err = fmt.Errorf("账户 %s 不存在", name)
	}
	return a, err
}

func putAccount(tx *bolt.Tx, a *Account) error {
	b, err := tx.CreateBucketIfNotExists(bucketAccounts)
	if err != nil {
		return err
	}
	v, err := json.Marshal(a)
	if err != nil {
		return err
	}
	return b.Put([]byte(a.Name), v)
}

// CreateFirstAdmin makes the first account, the 系统管理员, in a file that
// has none (the first start), and logs it in. It creates the file's audit
// key and chains every audit entry and record already there, so what was
// in the file before is covered from now on.
func (s *Store) CreateFirstAdmin(name, pw string) error {
	if s.HasAccounts() {
		return errors.New("已有账户，请登录")
	}
	if err := s.checkNewAccount(name, pw); err != nil {
		return err
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return err
	}
	a := &Account{Name: name, Role: RoleAdmin, Created: s.Wall()}
	if err := s.wrap(a, key, pw); err != nil {
		return err
	}
	a.Seal = accountSeal(key, a)
	err := s.updateRaw(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketAccounts); b != nil && b.Stats().KeyN > 0 {
			return errors.New("已有账户，请登录")
		}
		if err := putAccount(tx, a); err != nil {
			return err
		}
		if err := s.adopt(tx, key); err != nil {
			return err
		}
		a.key = key
		s.acct.Store(a)
		return s.audit(tx, AuditEntry{Register: "accounts", Action: ActionCreate, After: accountMap(a)})
	})
	if err != nil {
		s.acct.Store(nil)
		return fmt.Errorf("创建系统管理员失败：%w", err)
	}
	s.accounts.Store(true)
	return nil
}

// accountMap is what the audit log shows of an account.
func accountMap(a *Account) map[string]string {
	m := map[string]string{"账户": a.Name, "角色": string(a.Role)}
	if len(a.Grants) > 0 {
		m["可编辑登记簿"] = strings.Join(a.Grants, "、")
	}
	return m
}

func (s *Store) checkNewAccount(name, pw string) error {
	if strings.TrimSpace(name) == "" || strings.ContainsAny(name, " \t\r\n") || len([]rune(name)) > 32 {
		return errors.New("账户名不能为空、不能含空格，最长 32 个字")
	}
	min := 8
	if st, err := s.settingsRaw(); err == nil {
		min = st.Limits[LimitPasswordMin]
	}
	return CheckPassword(pw, min)
}

// settingsRaw reads the settings without a login (the login rules).
func (s *Store) settingsRaw() (Settings, error) {
	var st Settings
	err := s.viewRaw(func(tx *bolt.Tx) error {
		if m := tx.Bucket(bucketMeta); m != nil {
			if b := m.Get(keySettings); b != nil {
				return json.Unmarshal(b, &st)
			}
		}
		st = DefaultSettings()
		return nil
	})
	st.fill(s.Registers())
	return st, err
}

// Login checks the password and makes the store act for the account. Five
// wrong passwords in a row (setting) lock the account for ten minutes
// (setting); the failures are audited at the next login, when the audit
// key is at hand. A read-only store logs in without writing anything.
func (s *Store) Login(name, pw string) error {
	st, err := s.settingsRaw()
	if err != nil {
		return err
	}
	var a *Account
	if err := s.viewRaw(func(tx *bolt.Tx) error {
		a, err = getAccount(tx, name)
		return err
	}); err != nil {
		return err
	}
	now := s.Wall()
	if a == nil {
		s.pending(AuditEntry{Operator: name, Register: "accounts", Action: ActionLoginFail, After: map[string]string{"原因": "账户不存在"}})
		return ErrBadLogin
	}
	if now.Before(a.LockedUntil) {
		mins := int(a.LockedUntil.Sub(now).Minutes()) + 1
		return fmt.Errorf("%w：连续输错密码次数过多，请 %d 分钟后再试，或请系统管理员重置密码", ErrAccountLocked, mins)
	}
	key, ok := unwrap(a, pw)
	if !ok {
		a.Failures++
		max := st.Limits[LimitLoginFailures]
		why := fmt.Sprintf("密码错误（第 %d 次）", a.Failures)
		locked := max > 0 && a.Failures >= max
		if locked {
			a.LockedUntil = now.Add(time.Duration(st.Limits[LimitLockMinutes]) * time.Minute)
			a.Failures = 0
			why += "，账户锁定"
		}
		if !s.readOnly {
			s.updateRaw(func(tx *bolt.Tx) error { return putAccount(tx, a) })
		}
		s.pending(AuditEntry{Operator: name, Register: "accounts", Action: ActionLoginFail, After: map[string]string{"原因": why}})
		if locked {
			return fmt.Errorf("%w：连续 %d 次密码错误，账户锁定 %d 分钟", ErrAccountLocked, max, st.Limits[LimitLockMinutes])
		}
		if max > 0 {
			return fmt.Errorf("%w（再错 %d 次将锁定账户）", ErrBadLogin, max-a.Failures)
		}
		return ErrBadLogin
	}
	if !hmac.Equal(a.Seal, accountSeal(key, a)) {
		return fmt.Errorf("%w：账户 %s 的角色或权限被绕过程序改动过，拒绝登录", ErrDamaged, name)
	}
	a.key = key
	a.Failures, a.LockedUntil = 0, time.Time{}
	s.acct.Store(a)
	if s.readOnly {
		return nil
	}
	err = s.updateRaw(func(tx *bolt.Tx) error {
		if err := putAccount(tx, a); err != nil {
			return err
		}
		if err := s.chainPending(tx); err != nil {
			return err
		}
		return s.audit(tx, AuditEntry{Register: "accounts", Action: ActionLogin})
	})
	if err != nil {
		s.Logout()
		return fmt.Errorf("登录失败：%w", err)
	}
	return nil
}

// Logout forgets the account and the audit key: the window's idle lock.
func (s *Store) Logout() {
	s.acct.Store(nil)
}

// auditKey is the logged-in account's audit key, nil when none.
func (s *Store) auditKey() []byte {
	if a := s.acct.Load(); a != nil {
		return a.key
	}
	return nil
}

// pending keeps a failed login for the chain: without the audit key it
// cannot be chained now.
func (s *Store) pending(e AuditEntry) {
	if s.readOnly {
		return
	}
	e.Time = s.Wall()
	s.updateRaw(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketPending)
		if err != nil {
			return err
		}
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		v, err := json.Marshal(e)
		if err != nil {
			return err
		}
		return b.Put(u64(seq), v)
	})
}

// chainPending moves the failed logins into the chain.
func (s *Store) chainPending(tx *bolt.Tx) error {
	b := tx.Bucket(bucketPending)
	if b == nil {
		return nil
	}
	var es []AuditEntry
	if err := b.ForEach(func(k, v []byte) error {
		var e AuditEntry
		if json.Unmarshal(v, &e) == nil {
			es = append(es, e)
		}
		return nil
	}); err != nil {
		return err
	}
	if err := tx.DeleteBucket(bucketPending); err != nil {
		return err
	}
	for _, e := range es {
		if err := s.auditAs(tx, e, e.Operator, e.Time); err != nil {
			return err
		}
	}
	return nil
}

// may refuses what the logged-in account's role may not do. A file
// without accounts (before the first start is finished, or a test's) is
// open to all.
func (s *Store) may(what string, ok func(a *Account) bool) error {
	if !s.HasAccounts() {
		return nil
	}
	a := s.acct.Load()
	if a == nil {
		return ErrLoginRequired
	}
	if ok(a) {
		return nil
	}
	return fmt.Errorf("%w：账户 %s（%s）不能%s", ErrDenied, a.Name, a.Role, what)
}

func (s *Store) mayRead() error {
	return s.may("查看登记簿", (*Account).MayRead)
}

func (s *Store) mayEdit(reg *Register) error {
	return s.may("修改"+reg.Name, func(a *Account) bool { return a.MayEdit(reg) })
}

func (s *Store) mayRole(what string, roles ...Role) error {
	return s.may(what, func(a *Account) bool { return slices.Contains(roles, a.Role) })
}

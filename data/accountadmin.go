package data

// Managing accounts: listing, creating, roles and the registers a 录入员 edits, passwords.

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Accounts lists the accounts without their secrets: for the 系统管理员
// and the 安全保密管理员.
func (s *Store) Accounts() ([]Account, error) {
	if err := s.mayRole("查看账户", RoleAdmin, RoleSecurity); err != nil {
		return nil, err
	}
	var out []Account
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAccounts)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var a Account
			if err := json.Unmarshal(v, &a); err != nil {
				return err
			}
			out = append(out, a.public())
			return nil
		})
	})
	return out, err
}

// CreateAccount is the 系统管理员's: a new account starts as 查阅; the
// 安全保密管理员 and the 安全审计员 may be created directly while there is
// none, so one clerk sets up the 三员 at the first start.
func (s *Store) CreateAccount(name, pw string, role Role) error {
	if err := s.mayRole("新建账户", RoleAdmin); err != nil {
		return err
	}
	if role != RoleViewer && role != RoleSecurity && role != RoleAuditor {
		return fmt.Errorf("系统管理员只能新建查阅账户（以及第一个安全保密管理员、安全审计员）；%s由安全保密管理员分配", role)
	}
	if err := s.checkNewAccount(name, pw); err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		if a, err := getAccount(tx, name); err != nil || a != nil {
			if err == nil {
				err = fmt.Errorf("账户 %s 已存在", name)
			}
			return err
		}
		if role != RoleViewer && roleCount(tx, role) > 0 {
			return fmt.Errorf("已有%s，新账户请设为查阅，再由安全保密管理员分配角色", role)
		}
		a := &Account{Name: name, Role: role, Created: s.Wall()}
		if err := s.wrap(a, s.auditKey(), pw); err != nil {
			return err
		}
		a.Seal = accountSeal(s.auditKey(), a)
		if err := putAccount(tx, a); err != nil {
			return err
		}
		return s.audit(tx, AuditEntry{Register: "accounts", Action: ActionCreate, After: accountMap(a)})
	})
}

func roleCount(tx *bolt.Tx, role Role) int {
	n := 0
	if b := tx.Bucket(bucketAccounts); b != nil {
		b.ForEach(func(k, v []byte) error {
			var a Account
			if json.Unmarshal(v, &a) == nil && a.Role == role {
				n++
			}
			return nil
		})
	}
	return n
}

// SetRole is the 安全保密管理员's: it makes an account 录入员 (with the
// registers it edits), 查阅 or 安全审计员. The 系统管理员 and the
// 安全保密管理员 keep their roles, and no one changes their own.
func (s *Store) SetRole(name string, role Role, grants []string) error {
	if err := s.mayRole("分配角色", RoleSecurity); err != nil {
		return err
	}
	if me := s.acct.Load(); me != nil && me.Name == name {
		return errors.New("不能修改自己的角色")
	}
	if role != RoleClerk && role != RoleViewer && role != RoleAuditor {
		return fmt.Errorf("只能分配录入员、查阅或安全审计员，不能分配%s", role)
	}
	for _, g := range grants {
		if s.RegisterByKey(g) == nil {
			return fmt.Errorf("没有登记簿 %s", g)
		}
	}
	if role != RoleClerk {
		grants = nil
	}
	return s.update(func(tx *bolt.Tx) error {
		a, err := existingAccount(tx, name)
		if err != nil {
			return err
		}
		if a.Role == RoleAdmin || a.Role == RoleSecurity {
			return fmt.Errorf("%s的角色不能更改", a.Role)
		}
		before := accountMap(a)
		a.Role, a.Grants = role, slices.Clone(grants)
		a.Seal = accountSeal(s.auditKey(), a)
		if err := putAccount(tx, a); err != nil {
			return err
		}
		return s.audit(tx, AuditEntry{Register: "accounts", Action: ActionUpdate, Before: before, After: accountMap(a)})
	})
}

// ResetPassword is the 系统管理员's: a new password for another account,
// which also lifts a lock.
func (s *Store) ResetPassword(name, pw string) error {
	if err := s.mayRole("重置密码", RoleAdmin); err != nil {
		return err
	}
	return s.setPassword(name, pw, "重置密码")
}

// ChangePassword changes the logged-in account's own password.
func (s *Store) ChangePassword(old, pw string) error {
	a := s.acct.Load()
	if a == nil {
		return ErrLoginRequired
	}
	if _, ok := unwrap(a, old); !ok {
		return errors.New("原密码不正确")
	}
	return s.setPassword(a.Name, pw, "修改密码")
}

func (s *Store) setPassword(name, pw, action string) error {
	if err := s.checkNewAccount(name, pw); err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		a, err := existingAccount(tx, name)
		if err != nil {
			return err
		}
		if err := s.wrap(a, s.auditKey(), pw); err != nil {
			return err
		}
		a.Failures, a.LockedUntil = 0, time.Time{}
		if err := putAccount(tx, a); err != nil {
			return err
		}
		if me := s.acct.Load(); me != nil && me.Name == name {
			a.key = me.key
			s.acct.Store(a)
		}
		return s.audit(tx, AuditEntry{Register: "accounts", Action: action, After: map[string]string{"账户": name}})
	})
}

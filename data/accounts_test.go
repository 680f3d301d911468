package data

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

const testPassword = "mima2026"

// withAccounts makes a file with one account per role, as demo does:
// clerk edits 涉密人员 only. It returns the path; the store is closed.
func withAccounts(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "台账.db")
	s := mustOpenStoreAt(t, path)
	if err := s.Save(Personnel, testPerson()); err != nil { // before the accounts: adopted
		t.Fatal(err)
	}
	if err := s.CreateFirstAdmin("admin", testPassword); err != nil {
		t.Fatal(err)
	}
	for _, a := range []struct {
		name string
		role Role
	}{{"secadm", RoleSecurity}, {"auditor", RoleAuditor}, {"clerk", RoleViewer}, {"viewer", RoleViewer}} {
		if err := s.CreateAccount(a.name, testPassword, a.role); err != nil {
			t.Fatalf("CreateAccount(%s): %v", a.name, err)
		}
	}
	login(t, s, "secadm")
	if err := s.SetRole("clerk", RoleClerk, []string{Personnel.Key}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return path
}

// openAs opens path logged in as name.
func openAs(t *testing.T, path, name string) *Store {
	t.Helper()
	s := mustOpenStoreAt(t, path)
	if name != "" {
		login(t, s, name)
	}
	return s
}

func login(t *testing.T, s *Store, name string) {
	t.Helper()
	if err := s.Login(name, testPassword); err != nil {
		t.Fatalf("Login(%s): got %v, want nil", name, err)
	}
}

func TestRolesMayAndMayNot(t *testing.T) {
	path := withAccounts(t)
	ops := []struct {
		name string
		do   func(s *Store) error
	}{
		{"读登记簿", func(s *Store) error { _, err := s.List(Personnel); return err }},
		{"改涉密人员", func(s *Store) error { return s.Save(Personnel, testPerson()) }},
		{"改违规案件", func(s *Store) error {
			r := NewRecord()
			r.Set("name", "x")
			return s.Save(Cases, r)
		}},
		{"改设置", func(s *Store) error {
			st, err := s.Settings()
			if err != nil {
				return err
			}
			st.Unit = "某单位"
			return s.SaveSettings(st)
		}},
		{"备份", func(s *Store) error { _, err := s.Backup(t.TempDir()); return err }},
		{"读审计日志", func(s *Store) error { _, err := s.AuditLog(0); return err }},
		{"新建账户", func(s *Store) error { return s.CreateAccount("new"+s.Account().Name, testPassword, RoleViewer) }},
		{"分配角色", func(s *Store) error { return s.SetRole("viewer", RoleViewer, nil) }},
	}
	// allowed[role] lists the ops the role may do; the rest must be refused.
	allowed := map[string][]string{
		"admin":   {"改设置", "备份", "新建账户"},
		"secadm":  {"读登记簿", "分配角色"},
		"auditor": {"读审计日志"},
		"clerk":   {"读登记簿", "改涉密人员"},
		"viewer":  {"读登记簿"},
	}
	for user, may := range allowed {
		s := openAs(t, path, user)
		for _, op := range ops {
			t.Run(user+"/"+op.name, func(t *testing.T) {
				err := op.do(s)
				want := strings.Contains(strings.Join(may, ","), op.name)
				var ve *ValidationError
				if errors.As(err, &ve) {
					err = nil // allowed, the record only incomplete
				}
				if want && err != nil {
					t.Errorf("got %v, want allowed", err)
				}
				if !want && !errors.Is(err, ErrDenied) {
					t.Errorf("got %v, want ErrDenied", err)
				}
				if !want && err != nil && !strings.Contains(err.Error(), user) {
					t.Errorf("message %q: want it to name the account", err)
				}
			})
		}
		s.Close()
	}
}

func TestLoginRequired(t *testing.T) {
	path := withAccounts(t)
	s := openAs(t, path, "")
	if _, err := s.List(Personnel); !errors.Is(err, ErrLoginRequired) {
		t.Errorf("List without login: got %v, want ErrLoginRequired", err)
	}
	if err := s.Save(Personnel, testPerson()); !errors.Is(err, ErrLoginRequired) {
		t.Errorf("Save without login: got %v, want ErrLoginRequired", err)
	}
	login(t, s, "clerk")
	s.Logout()
	if _, err := s.List(Personnel); !errors.Is(err, ErrLoginRequired) {
		t.Errorf("List after Logout: got %v, want ErrLoginRequired", err)
	}
}

func TestFiveWrongPasswordsLock(t *testing.T) {
	path := withAccounts(t)
	s := openAs(t, path, "")
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.Local)
	s.Wall = func() time.Time { return now }
	for i := 1; i <= 5; i++ {
		err := s.Login("clerk", "wrong1234")
		want := ErrBadLogin
		if i == 5 {
			want = ErrAccountLocked
		}
		if !errors.Is(err, want) {
			t.Fatalf("wrong password %d: got %v, want %v", i, err, want)
		}
	}
	if err := s.Login("clerk", testPassword); !errors.Is(err, ErrAccountLocked) {
		t.Fatalf("right password while locked: got %v, want ErrAccountLocked", err)
	}
	now = now.Add(11 * time.Minute)
	if err := s.Login("clerk", testPassword); err != nil {
		t.Fatalf("right password after 11 minutes: got %v, want nil", err)
	}
	s.Close()
	a := openAs(t, path, "auditor")
	log, err := a.AuditLog(0)
	if err != nil {
		t.Fatal(err)
	}
	fails := 0
	for _, e := range log {
		if e.Action == ActionLoginFail && e.Operator == "clerk" {
			fails++
		}
	}
	if fails != 5 {
		t.Errorf("got %d 登录失败 entries of clerk, want 5", fails)
	}
	if _, err := a.VerifyChain(); err != nil {
		t.Errorf("VerifyChain after failures: got %v, want nil", err)
	}
}

func TestPasswordRule(t *testing.T) {
	for _, tt := range []struct {
		pw string
		ok bool
	}{{"abc123", false}, {"abcdefgh", false}, {"12345678", false}, {"abcd1234", true}, {"台账2026", false}, {"保密台账2026", true}} {
		if err := CheckPassword(tt.pw, 8); (err == nil) != tt.ok {
			t.Errorf("CheckPassword(%q): got %v, want ok=%v", tt.pw, err, tt.ok)
		}
	}
}

func TestAuditCarriesAccountAndWallClock(t *testing.T) {
	path := withAccounts(t)
	s := openAs(t, path, "clerk")
	wall := time.Date(2026, 11, 28, 3, 4, 5, 0, time.Local)
	s.Now = func() time.Time { return time.Date(2020, 1, 1, 0, 0, 0, 0, time.Local) } // TAIZHANG_TODAY
	s.Wall = func() time.Time { return wall }
	if err := s.Save(Personnel, testPerson2()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	a := openAs(t, path, "auditor")
	log, err := a.AuditLog(2)
	if err != nil {
		t.Fatal(err)
	}
	e := log[1] // the auditor's own login is newest
	if e.Operator != "clerk" || !e.Time.Equal(wall) || e.Action != ActionCreate {
		t.Errorf("got %s %v %s, want clerk %v 新增", e.Operator, e.Time, e.Action, wall)
	}
	if log[0].Action != ActionLogin || log[0].Operator != "auditor" {
		t.Errorf("newest entry: got %s by %s, want 登录 by auditor", log[0].Action, log[0].Operator)
	}
}

// testPerson2 is a second person with its own 身份证号码.
func testPerson2() *Record {
	r := testPerson()
	r.Set(PsnName, "李四")
	r.Set(PsnIDNo, "110105198001010016")
	r.Set(PsnBirth, "1980-01-01")
	r.Set(PsnGender, "男")
	return r
}

// tamper changes one byte of the value under key in bucket, with bbolt
// directly, as someone with the file and no password could.
func tamper(t *testing.T, path string, bucket, key []byte, at func(v []byte) int) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucket)
		v := append([]byte(nil), b.Get(key)...)
		if len(v) == 0 {
			t.Fatalf("nothing under %q in %s", key, bucket)
		}
		v[at(v)] ^= 1
		return b.Put(key, v)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestVerifyFindsOneByteChange(t *testing.T) {
	tests := []struct {
		name   string
		bucket []byte
		key    []byte
		at     func(v []byte) int
		want   string
	}{
		{"a record's 涉密等级", []byte(Personnel.Key), u64(1), func(v []byte) int { return len(v) - 1 }, "涉密人员第 1 条记录"},
		{"a record's Updated time", []byte(Personnel.Key), u64(1), func(v []byte) int { return 4 }, "涉密人员第 1 条记录"},
		{"an audit entry's JSON", bucketAudit, u64(2), func(v []byte) int { return len(v) - 3 }, "第 2 条操作记录"},
		{"an audit entry's MAC", bucketAudit, u64(3), func(v []byte) int { return 5 }, "第 3 条操作记录"},
		{"an account's role", bucketAccounts, []byte("viewer"), func(v []byte) int { return strings.Index(string(v), `"role"`) + 9 }, "账户 viewer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := withAccounts(t)
			s := openAs(t, path, "auditor")
			if _, err := s.VerifyChain(); err != nil {
				t.Fatalf("VerifyChain before: got %v, want nil", err)
			}
			s.Close()
			tamper(t, path, tt.bucket, tt.key, tt.at)
			s = openAs(t, path, "auditor")
			_, err := s.VerifyChain()
			var be *BrokenError
			if !errors.As(err, &be) || !errors.Is(err, ErrChainBroken) {
				t.Fatalf("VerifyChain after: got %v, want a BrokenError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %q, want it to name %s", err, tt.want)
			}
		})
	}
}

func TestVerifyFindsDeletedEntryAndRecord(t *testing.T) {
	tests := []struct {
		name   string
		bucket []byte
		key    []byte
		want   string
	}{
		{"the newest audit entry", bucketAudit, nil, "被删除"},
		{"an audit entry in the middle", bucketAudit, u64(2), "第 3 条操作记录"},
		{"a record", []byte(Personnel.Key), u64(1), "被绕过程序删除"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := withAccounts(t)
			db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			db.Update(func(tx *bolt.Tx) error {
				b := tx.Bucket(tt.bucket)
				k := tt.key
				if k == nil {
					k, _ = b.Cursor().Last()
				}
				return b.Delete(k)
			})
			db.Close()
			s := openAs(t, path, "auditor")
			_, err = s.VerifyChain()
			if !errors.Is(err, ErrChainBroken) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want ErrChainBroken naming %q", err, tt.want)
			}
		})
	}
}

func TestChainSurvivesUndoAndImport(t *testing.T) {
	path := withAccounts(t)
	s := openAs(t, path, "clerk")
	r := testPerson2()
	if err := s.Save(Personnel, r); err != nil {
		t.Fatal(err)
	}
	r.Set(PsnLevel, "一般")
	if err := s.Save(Personnel, r); err != nil {
		t.Fatal(err)
	}
	txid, err := s.LastTx()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(txid); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(Personnel, r.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.NoteExport(Personnel.Key, "内部", "/tmp/x.xlsx", 2); err != nil {
		t.Fatal(err)
	}
	s.Close()
	a := openAs(t, path, "auditor")
	rep, err := a.VerifyChain()
	if err != nil {
		t.Fatalf("VerifyChain: got %v, want nil", err)
	}
	h, _ := a.ChainHead()
	if rep.Head.Seq != h.Seq-0 || h.MAC == "" {
		t.Errorf("head %+v, report head %+v: want the same, with a MAC", h, rep.Head)
	}
	log, _ := a.AuditLog(0)
	var export *AuditEntry
	for i := range log {
		if log[i].Action == ActionExport {
			export = &log[i]
		}
	}
	if export == nil || export.After["文件"] != "/tmp/x.xlsx" || export.After["密级标志"] != "内部" || export.Operator != "clerk" {
		t.Errorf("export entry: got %+v, want file, marking and clerk", export)
	}
}

// TestVerifyFindsAnOlderVersionPutBack: a record's older bytes put back
// with their older seal (both once valid) are caught: the seal binds the
// MAC of the record's last audit entry.
func TestVerifyFindsAnOlderVersionPutBack(t *testing.T) {
	path := withAccounts(t)
	read := func() (rec, seal []byte) {
		db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		db.View(func(tx *bolt.Tx) error {
			rec = append(rec, tx.Bucket([]byte(Personnel.Key)).Get(u64(1))...)
			seal = append(seal, tx.Bucket(bucketSeals).Bucket([]byte(Personnel.Key)).Get(u64(1))...)
			return nil
		})
		return rec, seal
	}
	oldRec, oldSeal := read()
	s := openAs(t, path, "clerk")
	r, err := s.Get(Personnel, 1)
	if err != nil {
		t.Fatal(err)
	}
	r.Set(PsnLevel, "核心")
	if err := s.Save(Personnel, r); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		tx.Bucket([]byte(Personnel.Key)).Put(u64(1), oldRec)
		return tx.Bucket(bucketSeals).Bucket([]byte(Personnel.Key)).Put(u64(1), oldSeal)
	})
	db.Close()
	a := openAs(t, path, "auditor")
	if _, err := a.VerifyChain(); !errors.Is(err, ErrChainBroken) || !strings.Contains(err.Error(), "涉密人员第 1 条记录") {
		t.Errorf("got %v, want ErrChainBroken naming 涉密人员第 1 条记录", err)
	}
}

// TestUndoImportRestoresNothingExtra: undoing an import removes its
// records and passes over its summary entry (which names no record).
func TestUndoImportRestoresNothingExtra(t *testing.T) {
	s := mustOpenStore(t)
	b := &ImportBatch{Register: Personnel, File: "台账.xlsx", Sheet: "Sheet1",
		Records: []*Record{simplePerson("甲", "办公室", 1), simplePerson("乙", "办公室", 2)}}
	if err := s.Import(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	tx, err := s.LastTx()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(tx); err != nil {
		t.Fatal(err)
	}
	if recs := mustList(t, s, Personnel); len(recs) != 0 {
		var ids []uint64
		for _, r := range recs {
			ids = append(ids, r.ID)
		}
		t.Errorf("persons after undoing the import: got ids %v, want none", ids)
	}
}

package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// ErrMissing is returned by OpenFile when the data file does not exist and
// the caller may not create it: a mistyped path must not become a new,
// empty ledger.
var ErrMissing = errors.New("数据文件不存在")

// ErrReadOnly is returned by a write on a store opened read-only.
var ErrReadOnly = errors.New("数据文件以只读方式打开，不能修改")

// OpenOptions say how OpenFile opens the data file.
type OpenOptions struct {
	// Timeout bounds the wait for another program's lock (ErrLocked).
	Timeout time.Duration
	// ReadOnly opens with a shared lock and never writes: export, verify
	// and backup read a file on read-only media, side by side with each
	// other. A window holding the file (exclusive lock) makes them wait,
	// then give ErrLocked.
	ReadOnly bool
	// Create lets a missing file become a new ledger: the window's first
	// start (after asking), demo, import and restore. Without it a missing
	// file gives ErrMissing.
	Create bool
}

// Open opens the data file for reading and writing, creating it if missing.
// It is OpenFile with Create; callers that must not create use OpenFile.
func Open(path string, timeout time.Duration) (*Store, error) {
	return OpenFile(path, OpenOptions{Timeout: timeout, Create: true})
}

// OpenFile opens the data file. An existing file is first opened read-only
// and its meta pages, size and schema checked, so a damaged one is refused
// (ErrDamaged) before anything could write to it; bbolt panics and memory
// faults while doing so are recovered into ErrDamaged too. An empty
// (0-byte) file is damaged: it is most likely a ledger cut short, and never
// silently becomes a new one. Opening an up-to-date file writes nothing.
func OpenFile(path string, o OpenOptions) (*Store, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if !o.Create || o.ReadOnly {
			return nil, fmt.Errorf("%w：%s", ErrMissing, path)
		}
		return openBolt(path, o.Timeout, false)
	case err != nil:
		return nil, OSError("打开数据文件", err)
	case fi.IsDir():
		return nil, fmt.Errorf("数据文件 %s 是一个文件夹，不是保密台账数据文件", path)
	case fi.Size() == 0:
		return nil, fmt.Errorf("%w：%s（文件为空，0 字节）", ErrDamaged, path)
	}
	if err := checkMeta(path); err != nil {
		return nil, err
	}
	ro, err := openBolt(path, o.Timeout, true)
	if err != nil {
		return nil, err
	}
	if err := ro.precheck(fi.Size(), o.ReadOnly); err != nil {
		ro.db.Close()
		return nil, err
	}
	if o.ReadOnly {
		return ro, nil
	}
	if err := ro.db.Close(); err != nil {
		return nil, OSError("关闭数据文件", err)
	}
	return openBolt(path, o.Timeout, false)
}

// openBolt opens the bbolt file and, read-write, creates what a new file
// lacks. Any panic or memory fault inside bbolt is reported as ErrDamaged.
func openBolt(path string, timeout time.Duration, readOnly bool) (s *Store, err error) {
	// bbolt.Open keeps no handle to close when it panics half way: the
	// file is kept here so its lock is let go.
	var file *os.File
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if file != nil {
				file.Close()
			}
			s, err = nil, fmt.Errorf("%w：%s（%v）", ErrDamaged, path, r)
		}
	}()
	openFile := func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag, perm)
		file = f
		return f, err
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout, ReadOnly: readOnly, OpenFile: openFile})
	if err != nil {
		return nil, openError(path, err)
	}
	s = &Store{db: db, Now: time.Now, Wall: time.Now, Operator: currentUser(), readOnly: readOnly, kdf: defaultKDF}
	if !readOnly {
		if err := s.init(); err != nil {
			db.Close()
			return nil, err
		}
	}
	if err := s.loadAccounts(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// openError turns bbolt.Open's error into ErrLocked, an OS error in
// Chinese, or ErrDamaged for anything that says the file is not a sound
// bbolt file.
func openError(path string, err error) error {
	var pe *fs.PathError
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return ErrLocked
	case errors.As(err, &pe):
		return OSError("打开数据文件", err)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch),
		errors.Is(err, bolterrors.ErrChecksum), strings.Contains(err.Error(), "file size too small"),
		strings.Contains(err.Error(), "invalid"):
		return fmt.Errorf("%w：%s", ErrDamaged, path)
	}
	return fmt.Errorf("%w：%s（%v）", ErrDamaged, path, err)
}

// precheck is the quick look at a file before it is used: the size the
// meta page claims is there on disk, the meta bucket and schema are sound,
// and a file to be read without migrating holds every register's bucket.
func (s *Store) precheck(size int64, readOnly bool) error {
	return s.viewRaw(func(tx *bolt.Tx) error {
		if tx.Size() > size {
			return fmt.Errorf("%w：%s（文件被截断：应有 %d 字节，实有 %d 字节）", ErrDamaged, s.Path(), tx.Size(), size)
		}
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return fmt.Errorf("%w：%s", ErrDamaged, s.Path())
		}
		v := 0
		if b := meta.Get(keySchema); len(b) == 8 {
			v = int(uint64FromBytes(b))
		} else {
			return fmt.Errorf("%w：%s（格式标记缺失）", ErrDamaged, s.Path())
		}
		if v > schemaVersion {
			return fmt.Errorf("数据文件由较新版本的保密台账创建（格式 %d），请升级程序后再打开", v)
		}
		if !readOnly {
			return nil
		}
		if v < schemaVersion {
			return fmt.Errorf("数据文件 %s 是旧格式（%d），请先用保密台账窗口打开一次以升级", s.Path(), v)
		}
		for _, reg := range allRegisters() {
			if tx.Bucket([]byte(reg.Key)) == nil {
				return fmt.Errorf("%w：%s（缺少登记簿 %s）", ErrDamaged, s.Path(), reg.Name)
			}
		}
		if tx.Bucket(bucketAudit) == nil {
			return fmt.Errorf("%w：%s（缺少操作记录）", ErrDamaged, s.Path())
		}
		return nil
	})
}

// ReadOnly tells whether the store was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Damaged returns the error of the last failed Check (or of a read that
// met a damaged page), nil while the file is sound. Once set, the store
// refuses every write.
func (s *Store) Damaged() error {
	if p := s.damaged.Load(); p != nil {
		return *p
	}
	return nil
}

func (s *Store) markDamaged(err error) {
	s.damaged.CompareAndSwap(nil, &err)
}

// damagedError makes any recovered panic a damaged-file error and stops
// writing to the file.
func (s *Store) damagedError(r any) error {
	err := fmt.Errorf("%w：%s（%v）", ErrDamaged, s.Path(), r)
	s.markDamaged(err)
	return err
}

// view runs a read transaction. A page that bbolt cannot read (a panic,
// or a memory fault on the mapped file) comes back as ErrDamaged instead
// of ending the program.
func (s *Store) view(fn func(tx *bolt.Tx) error) (err error) {
	if s.HasAccounts() && s.acct.Load() == nil {
		return ErrLoginRequired
	}
	return s.viewRaw(fn)
}

// viewRaw is view without the login: for logging in.
func (s *Store) viewRaw(fn func(tx *bolt.Tx) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = s.damagedError(r)
		}
	}()
	return s.db.View(fn)
}

// update runs a write transaction, unless the store is read-only or a
// check found the file damaged: a damaged file is never written.
func (s *Store) update(fn func(tx *bolt.Tx) error) (err error) {
	return s.updateLog(func(tx *bolt.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return bumpGeneration(tx) // the reminders kept (DueCache) no longer hold
	})
}

// updateLog is update for a write that changes no record and no setting
// (an audit entry of its own: a backup, an export): what is due stays as
// it was, and so do the reminders kept (DueCache).
func (s *Store) updateLog(fn func(tx *bolt.Tx) error) (err error) {
	if s.HasAccounts() && s.acct.Load() == nil {
		return ErrLoginRequired
	}
	return s.updateRaw(fn)
}

// updateRaw is update without the login: for logging in.
func (s *Store) updateRaw(fn func(tx *bolt.Tx) error) (err error) {
	if s.readOnly {
		return ErrReadOnly
	}
	if d := s.Damaged(); d != nil {
		return fmt.Errorf("数据文件已损坏，已停止写入，请从备份恢复：%w", d)
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = s.damagedError(r)
		}
	}()
	return s.db.Update(fn)
}

// maxCheckErrors is how many of bbolt's findings a failed Check reports.
const maxCheckErrors = 5

// Check reads every page of the file and runs bbolt's consistency check
// (tx.Check). A damaged file gives ErrDamaged with the first findings, and
// the store stops writing (see Damaged). Writes wait while it runs: the
// pages are first read from the file itself (see pageWalker), which a
// writer must not change meanwhile, and bbolt's check must not run beside
// a writer in a read transaction.
func (s *Store) Check() error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	return s.check()
}

// CheckWhen is Check begun once ready is closed, or after wait: writes
// wait from now on, so none is made before the file is checked, while the
// reading a window does at start (首页's reminders) goes first instead of
// sharing the machine with a walk of every page.
func (s *Store) CheckWhen(ready <-chan struct{}, wait time.Duration) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-ready:
	case <-t.C:
	}
	return s.check()
}

// check is Check with the writes already held.
func (s *Store) check() error {
	err := walkFile(s.Path())
	if err == nil {
		err = s.viewRaw(boltCheck)
	}
	if err != nil {
		if !errors.Is(err, ErrDamaged) {
			err = fmt.Errorf("%w：%s（%v）", ErrDamaged, s.Path(), err)
		}
		s.markDamaged(err)
	}
	return err
}

// boltCheck runs tx.Check and gathers its first findings.
func boltCheck(tx *bolt.Tx) error {
	var found []string
	n := 0
	for err := range tx.Check() {
		if n < maxCheckErrors {
			found = append(found, err.Error())
		}
		n++
	}
	if n > 0 {
		return fmt.Errorf("一致性检查发现 %d 处错误：%s", n, strings.Join(found, "；"))
	}
	return nil
}

// VerifyFile opens a file read-only and checks it fully: what backups and
// `taizhang verify` rely on.
func VerifyFile(path string, timeout time.Duration) error {
	s, err := OpenFile(path, OpenOptions{Timeout: timeout, ReadOnly: true})
	if err != nil {
		return err
	}
	defer s.Close()
	return s.Check()
}

package data

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// BackupDirName is the folder beside the data file that automatic backups
// go into.
const BackupDirName = "备份"

// backupStamp is the time in a backup's name: 台账-20261128-153005.db.
const backupStamp = "20060102-150405"

// BackupDir is the 备份 folder beside the data file.
func BackupDir(dataPath string) string {
	return filepath.Join(filepath.Dir(dataPath), BackupDirName)
}

// backupPrefix is what every backup of dataPath is named after: the data
// file's name without its extension, and a dash.
func backupPrefix(dataPath string) string {
	base := filepath.Base(dataPath)
	return strings.TrimSuffix(base, filepath.Ext(base)) + "-"
}

// Backup writes a consistent copy of the open file into dir (created if
// missing) as <name>-YYYYMMDD-hhmmss.db, after a full check of the file: a
// damaged file is not backed up over good backups. The copy is bbolt's
// own (tx.WriteTo, taken in one read transaction while the window goes on
// writing), written to a temporary name, synced, then checked by reopening
// it read-only before it takes its name; its SHA-256 is written beside it
// as <backup>.sha256. It returns the backup's path.
func (s *Store) Backup(dir string) (string, error) {
	if err := s.mayRole("备份", RoleAdmin); err != nil {
		return "", err
	}
	return s.backup(dir)
}

// backup is Backup for any account: the automatic backups are the
// program's, not the user's.
func (s *Store) backup(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", OSError("创建备份文件夹", err)
	}
	name := backupPrefix(s.Path()) + s.Now().Format(backupStamp)
	final := filepath.Join(dir, name+".db")
	for i := 2; fileExists(final); i++ {
		final = filepath.Join(dir, fmt.Sprintf("%s-%d.db", name, i))
	}
	tmp, err := os.CreateTemp(dir, name+".*.tmp")
	if err != nil {
		return "", OSError("创建备份文件", err)
	}
	defer os.Remove(tmp.Name()) // gone after the rename; left over only on failure
	sum := sha256.New()
	// Writes wait for the check (see Check); the copy is taken in the read
	// transaction begun under the same lock, so it is what was checked.
	s.writeMu.Lock()
	locked := true
	unlock := func() {
		if locked {
			locked = false
			s.writeMu.Unlock()
		}
	}
	defer unlock()
	err = walkFile(s.Path())
	if err == nil {
		err = s.viewRaw(func(tx *bolt.Tx) error { // the program's copy, also before a login
			if err := boltCheck(tx); err != nil {
				return fmt.Errorf("%w：%s（%v）", ErrDamaged, s.Path(), err)
			}
			unlock()
			return writeCopy(tx, tmp, sum)
		})
	}
	unlock()
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if errors.Is(err, ErrDamaged) {
			s.markDamaged(err)
			return "", fmt.Errorf("数据文件检查未通过，没有备份：%w", err)
		}
		return "", OSError("写入备份文件", err)
	}
	if err := VerifyFile(tmp.Name(), time.Second); err != nil {
		return "", fmt.Errorf("备份写入后检查未通过（备份介质可能有问题）：%w", err)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return "", OSError("保存备份文件", err)
	}
	line := hex.EncodeToString(sum.Sum(nil)) + "  " + filepath.Base(final) + "\n"
	if err := os.WriteFile(final+".sha256", []byte(line), 0o600); err != nil {
		return "", OSError("写入备份校验文件", err)
	}
	if err := s.anchorBackup(final); err != nil {
		return "", err
	}
	return final, nil
}

// writeCopy writes tx's consistent copy of the file to f, hashing it.
func writeCopy(tx *bolt.Tx, f *os.File, sum io.Writer) error {
	w := bufio.NewWriterSize(io.MultiWriter(f, sum), 1<<20)
	if _, err := tx.WriteTo(w); err != nil {
		return OSError("写入备份文件", err)
	}
	if err := w.Flush(); err != nil {
		return OSError("写入备份文件", err)
	}
	return nil
}

// BackupInfo is one backup file.
type BackupInfo struct {
	Path string
	Time time.Time // from its name
	Size int64
}

// Backups lists the backups of dataPath in dir, newest first.
func Backups(dataPath, dir string) ([]BackupInfo, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, OSError("读取备份文件夹", err)
	}
	prefix := backupPrefix(dataPath)
	var out []BackupInfo
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, ".db") {
			continue
		}
		stamp := strings.TrimSuffix(strings.TrimPrefix(name, prefix), ".db")
		if len(stamp) > len(backupStamp) {
			stamp = stamp[:len(backupStamp)] // a -2 for a second backup in the same second
		}
		t, err := time.ParseInLocation(backupStamp, stamp, time.Local)
		if err != nil {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, BackupInfo{Path: filepath.Join(dir, name), Time: t, Size: fi.Size()})
	}
	// Newest first; of two in the same second, the one with the -2 suffix.
	slices.SortFunc(out, func(a, b BackupInfo) int {
		if c := b.Time.Compare(a.Time); c != 0 {
			return c
		}
		if c := len(b.Path) - len(a.Path); c != 0 {
			return c
		}
		return strings.Compare(b.Path, a.Path)
	})
	return out, nil
}

// PruneBackups keeps the newest keep backups of dataPath in dir and removes
// the older ones with their .sha256 files. keep < 1 keeps everything.
func PruneBackups(dataPath, dir string, keep int) error {
	if keep < 1 {
		return nil
	}
	all, err := Backups(dataPath, dir)
	if err != nil {
		return err
	}
	for _, b := range all[min(keep, len(all)):] {
		if err := os.Remove(b.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return OSError("删除旧备份", err)
		}
		os.Remove(b.Path + ".sha256")
	}
	return nil
}

// VerifyBackup checks a backup before it is trusted: its SHA-256 against
// the .sha256 beside it when there is one (a backup copied without it is
// checked by content only), then a full bbolt check opened read-only.
func VerifyBackup(path string) error {
	if want, err := os.ReadFile(path + ".sha256"); err == nil {
		fields := strings.Fields(string(want))
		got, err := fileSHA256(path)
		if err != nil {
			return err
		}
		if len(fields) == 0 || !strings.EqualFold(fields[0], got) {
			return fmt.Errorf("%w：%s（SHA-256 与备份时记录的不一致）", ErrDamaged, path)
		}
	}
	return VerifyFile(path, time.Second)
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", OSError("读取文件", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", OSError("读取文件", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// NewestGoodBackup is the newest backup of dataPath in its 备份 folder
// that verifies, what a damaged file is offered to be restored from; ""
// when there is none.
func NewestGoodBackup(dataPath string) (BackupInfo, bool) {
	all, _ := Backups(dataPath, BackupDir(dataPath))
	for _, b := range all {
		if VerifyBackup(b.Path) == nil {
			return b, true
		}
	}
	return BackupInfo{}, false
}

// BackupIfDue makes the day's automatic backup into the 备份 folder when
// there is none of today yet, and prunes to keep. It returns the new
// backup's path, or "" when none was due.
func (s *Store) BackupIfDue(keep int) (string, error) {
	dir := BackupDir(s.Path())
	all, err := Backups(s.Path(), dir)
	if err != nil {
		return "", err
	}
	if len(all) > 0 && Day(all[0].Time) == Day(s.Now()) {
		return "", nil
	}
	return s.AutoBackup(keep)
}

// AutoBackup backs up into the 备份 folder and keeps the newest keep.
func (s *Store) AutoBackup(keep int) (string, error) {
	dir := BackupDir(s.Path())
	path, err := s.backup(dir)
	if err != nil {
		return "", err
	}
	return path, PruneBackups(s.Path(), dir, keep)
}

// Restore replaces the data file with a backup: the backup is verified
// first, a window holding the data file makes it refuse (ErrLocked), and
// the current file, if any, is kept aside as <file>.恢复前-YYYYMMDD-hhmmss
// (returned) before the backup is copied in through a synced temporary
// file and a rename, so an interruption leaves either file whole.
func Restore(dataPath, backup string, now time.Time) (aside string, err error) {
	if err := VerifyBackup(backup); err != nil {
		return "", fmt.Errorf("备份 %s 检查未通过，没有恢复：%w", backup, err)
	}
	if same, _ := sameFile(dataPath, backup); same {
		return "", fmt.Errorf("备份 %s 就是数据文件本身", backup)
	}
	if fileExists(dataPath) {
		// A read-only open waits on a window's exclusive lock; a damaged
		// current file is what restoring is for, so only ErrLocked stops.
		if s, err := OpenFile(dataPath, OpenOptions{Timeout: time.Second, ReadOnly: true}); err == nil {
			s.Close()
		} else if errors.Is(err, ErrLocked) {
			return "", err
		}
	}
	if dir := filepath.Dir(dataPath); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", OSError("创建数据文件夹", err)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(dataPath), filepath.Base(dataPath)+".*.tmp")
	if err != nil {
		return "", OSError("创建文件", err)
	}
	defer os.Remove(tmp.Name())
	src, err := os.Open(backup)
	if err != nil {
		tmp.Close()
		return "", OSError("读取备份", err)
	}
	_, err = io.Copy(tmp, src)
	src.Close()
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", OSError("写入数据文件", err)
	}
	if fileExists(dataPath) {
		aside = dataPath + ".恢复前-" + now.Format(backupStamp)
		if err := os.Rename(dataPath, aside); err != nil {
			return "", OSError("保留当前数据文件", err)
		}
	}
	if err := os.Rename(tmp.Name(), dataPath); err != nil {
		if aside != "" {
			os.Rename(aside, dataPath)
		}
		return "", OSError("替换数据文件", err)
	}
	return aside, nil
}

func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// sameFile tells whether a and b name the same file on disk.
func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}

package data

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// chainedFormat is the first byte of a chained audit entry: then come its
// HMAC-SHA-256 and its JSON. An entry from before the file had accounts is
// bare JSON ('{'), and is chained when the first account is created.
const chainedFormat = 1

const macSize = sha256.Size

// ErrChainBroken is what VerifyChain returns when an audit entry or a
// record was changed outside the program.
var ErrChainBroken = errors.New("审计链校验未通过")

// chainEntry stores js chained after the entry whose MAC is prev.
func chainEntry(key, prev, js []byte) []byte {
	v := make([]byte, 0, 1+macSize+len(js))
	v = append(v, chainedFormat)
	v = append(v, chainMAC(key, prev, js)...)
	return append(v, js...)
}

// chainMAC is HMAC-SHA-256 over the previous MAC and the entry's JSON.
func chainMAC(key, prev, js []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("audit\x00"))
	m.Write(prev)
	m.Write(js)
	return m.Sum(nil)
}

// entryMAC is a stored entry's MAC, nil for none or an unchained one.
func entryMAC(v []byte) []byte {
	if len(v) > macSize && v[0] == chainedFormat {
		return bytes.Clone(v[1 : 1+macSize])
	}
	return nil
}

// entryJSON is a stored entry's JSON.
func entryJSON(v []byte) []byte {
	if len(v) > macSize && v[0] == chainedFormat {
		return v[1+macSize:]
	}
	return v
}

// decodeEntry reads a stored entry, chained or not.
func decodeEntry(v []byte) (AuditEntry, error) {
	var e AuditEntry
	err := json.Unmarshal(entryJSON(v), &e)
	if err == nil {
		e.MAC = hex.EncodeToString(entryMAC(v))
	}
	return e, err
}

func sealKey(reg string, id uint64) []byte { return append([]byte(reg+"\x00"), u64(id)...) }

// sealsOf is the bucket of a register's seals, by record id, inside the
// seals bucket (made when create). A bucket per register keeps the ids of
// each in order: in one flat bucket, a demo's one transaction inserted the
// seals of one register amid another's, moving them all each time.
func sealsOf(tx *bolt.Tx, reg string, create bool) (*bolt.Bucket, error) {
	if !create {
		if seals := tx.Bucket(bucketSeals); seals != nil {
			return seals.Bucket([]byte(reg)), nil
		}
		return nil, nil
	}
	seals, err := tx.CreateBucketIfNotExists(bucketSeals)
	if err != nil {
		return nil, err
	}
	return seals.CreateBucketIfNotExists([]byte(reg))
}

// recordSeal is the key's HMAC of a record as stored and of the MAC of
// its last audit entry (nil for a record no entry names): a record edited
// alone no longer matches, nor does an older version put back with its
// older seal.
func recordSeal(key []byte, reg string, id uint64, entry, v []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("record\x00"))
	m.Write(sealKey(reg, id))
	m.Write(entry)
	m.Write(v)
	return m.Sum(nil)
}

// sealRecord writes the seal of the record as tx now holds it, bound to
// the MAC of the entry that changed it, or removes the seal of a deleted
// one.
func sealRecord(tx *bolt.Tx, key []byte, reg string, id uint64, entry []byte) error {
	b := tx.Bucket([]byte(reg))
	if b == nil {
		return nil
	}
	seals, err := sealsOf(tx, reg, true)
	if err != nil {
		return err
	}
	v := b.Get(u64(id))
	if v == nil {
		return seals.Delete(u64(id))
	}
	return seals.Put(u64(id), recordSeal(key, reg, id, entry, v))
}

// adopt chains every entry and seals every record of a file that gets its
// first account, in that account's transaction.
func (s *Store) adopt(tx *bolt.Tx, key []byte) error {
	b := tx.Bucket(bucketAudit)
	var keys, vals [][]byte
	if err := b.ForEach(func(k, v []byte) error {
		keys, vals = append(keys, bytes.Clone(k)), append(vals, bytes.Clone(entryJSON(v)))
		return nil
	}); err != nil {
		return err
	}
	type rec struct {
		reg string
		id  uint64
	}
	lastMAC := map[rec][]byte{}
	var prev []byte
	for i, k := range keys {
		v := chainEntry(key, prev, vals[i])
		prev = entryMAC(v)
		if err := b.Put(k, v); err != nil {
			return err
		}
		var e AuditEntry
		if json.Unmarshal(vals[i], &e) == nil && e.RecordID != 0 {
			lastMAC[rec{e.Register, e.RecordID}] = prev
		}
	}
	for _, reg := range withSubs(s.Registers()) {
		rb := tx.Bucket([]byte(reg.Key))
		if rb == nil {
			continue
		}
		seals, err := sealsOf(tx, reg.Key, true)
		if err != nil {
			return err
		}
		if err := rb.ForEach(func(k, v []byte) error {
			id := uint64FromBytes(k)
			return seals.Put(u64(id), recordSeal(key, reg.Key, id, lastMAC[rec{reg.Key, id}], v))
		}); err != nil {
			return err
		}
	}
	return nil
}

// ChainHead is the newest audit entry: its number and MAC, printed on
// every audit export and written beside every backup, so the log cannot
// later be cut back to before it unseen.
type ChainHead struct {
	Seq  uint64
	MAC  string
	Time time.Time
}

// String is the head as printed: 审计链头 第 N 条 MAC.
func (h ChainHead) String() string {
	if h.Seq == 0 {
		return "审计链头：尚无操作记录"
	}
	return fmt.Sprintf("审计链头：第 %d 条 %s（%s）", h.Seq, h.MAC, h.Time.Format("2006-01-02 15:04:05"))
}

// ChainHead returns the newest entry's number and MAC.
func (s *Store) ChainHead() (ChainHead, error) {
	e, err := s.lastEntry()
	return ChainHead{Seq: e.Seq, MAC: e.MAC, Time: e.Time}, err
}

// lastEntry is the newest audit entry, zero in a file without entries.
func (s *Store) lastEntry() (AuditEntry, error) {
	var e AuditEntry
	err := s.view(func(tx *bolt.Tx) error {
		_, v := tx.Bucket(bucketAudit).Cursor().Last()
		if v == nil {
			return nil
		}
		var err error
		e, err = decodeEntry(v)
		return err
	})
	return e, err
}

// ChainReport is what VerifyChain found in a sound file.
type ChainReport struct {
	Entries  int // audit entries checked
	Records  int // records checked against their seals
	Accounts int
	Head     ChainHead
}

// BrokenError names the first audit entry or record that fails the check.
type BrokenError struct {
	Seq      uint64 // the entry, 0 for a record
	Entry    *AuditEntry
	Register string
	RecordID uint64
	Why      string
}

func (e *BrokenError) Error() string {
	where := ""
	switch {
	case e.Seq != 0 && e.Entry != nil:
		where = fmt.Sprintf("第 %d 条操作记录（%s %s %s", e.Seq, e.Entry.Time.Format("2006-01-02 15:04:05"), e.Entry.Operator, e.Entry.Action)
		if r := RegisterByKey(e.Entry.Register); r != nil {
			where += " " + r.Name
		}
		where += "）"
	case e.Seq != 0:
		where = fmt.Sprintf("第 %d 条操作记录", e.Seq)
	case e.Register != "":
		name := e.Register
		if r := RegisterByKey(e.Register); r != nil {
			name = r.Name
		}
		where = fmt.Sprintf("%s第 %d 条记录", name, e.RecordID)
	}
	return fmt.Sprintf("%s：%s%s", ErrChainBroken.Error(), where, e.Why)
}

func (e *BrokenError) Unwrap() error { return ErrChainBroken }

// VerifyChain checks, with the logged-in account's audit key, that every
// audit entry is chained to the one before, that the log was not cut
// short, that every record is as its last audited change left it, that
// no audited record is missing, and that no account's role was changed
// outside the program. It names the first broken entry (*BrokenError).
func (s *Store) VerifyChain() (ChainReport, error) {
	var rep ChainReport
	key := s.auditKey()
	if !s.HasAccounts() {
		return rep, nil
	}
	if key == nil {
		return rep, ErrLoginRequired
	}
	type rec struct {
		reg string
		id  uint64
	}
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAudit)
		last := map[rec]AuditEntry{}
		var prev []byte
		var lastSeq uint64
		err := b.ForEach(func(k, v []byte) error {
			seq := uint64FromBytes(k)
			e, jerr := decodeEntry(v)
			var ep *AuditEntry
			if jerr == nil {
				ep = &e
			}
			mac := entryMAC(v)
			switch {
			case mac == nil:
				return &BrokenError{Seq: seq, Entry: ep, Why: "不在审计链中（绕过程序写入）"}
			case !hmac.Equal(mac, chainMAC(key, prev, entryJSON(v))):
				return &BrokenError{Seq: seq, Entry: ep, Why: "被改动、删除或插入（校验码不符）"}
			case jerr != nil || e.Seq != seq:
				return &BrokenError{Seq: seq, Entry: ep, Why: "内容无法读取"}
			case seq != lastSeq+1:
				return &BrokenError{Seq: lastSeq + 1, Why: fmt.Sprintf("至第 %d 条被删除", seq-1)}
			}
			prev, lastSeq = mac, seq
			rep.Entries++
			if e.RecordID != 0 {
				last[rec{e.Register, e.RecordID}] = e
			}
			rep.Head = ChainHead{Seq: seq, MAC: e.MAC, Time: e.Time}
			return nil
		})
		if err != nil {
			return err
		}
		if b.Sequence() != lastSeq {
			return &BrokenError{Seq: lastSeq + 1, Why: fmt.Sprintf("起的 %d 条被删除（审计日志被截短）", b.Sequence()-lastSeq)}
		}
		for _, reg := range withSubs(s.Registers()) {
			rb := tx.Bucket([]byte(reg.Key))
			if rb == nil {
				continue
			}
			seals, _ := sealsOf(tx, reg.Key, false)
			err := rb.ForEach(func(k, v []byte) error {
				id := uint64FromBytes(k)
				rep.Records++
				var seal []byte
				if seals != nil {
					seal = seals.Get(u64(id))
				}
				e, audited := last[rec{reg.Key, id}]
				broken := &BrokenError{Register: reg.Key, RecordID: id}
				if audited {
					broken.Why = fmt.Sprintf("与其最后一条操作记录（第 %d 条，%s %s）不符，被绕过程序改动", e.Seq, e.Time.Format("2006-01-02 15:04"), e.Action)
				} else {
					broken.Why = "没有任何操作记录，被绕过程序写入"
				}
				var entry []byte
				if audited {
					entry, _ = hex.DecodeString(e.MAC)
				}
				switch {
				case seal == nil || !hmac.Equal(seal, recordSeal(key, reg.Key, id, entry, v)):
					return broken
				case audited && e.Action == ActionDelete:
					broken.Why = fmt.Sprintf("已于第 %d 条操作记录删除，却又出现", e.Seq)
					return broken
				}
				delete(last, rec{reg.Key, id})
				return nil
			})
			if err != nil {
				return err
			}
		}
		for r, e := range last {
			if e.Action != ActionDelete && RegisterByKey(r.reg) != nil {
				return &BrokenError{Register: r.reg, RecordID: r.id, Why: fmt.Sprintf("不见了，而最后一条操作记录（第 %d 条）是%s：被绕过程序删除", e.Seq, e.Action)}
			}
		}
		ab := tx.Bucket(bucketAccounts)
		if ab == nil {
			return nil
		}
		return ab.ForEach(func(k, v []byte) error {
			rep.Accounts++
			var a Account
			if json.Unmarshal(v, &a) != nil || !hmac.Equal(a.Seal, accountSeal(key, &a)) {
				return &BrokenError{Why: fmt.Sprintf("账户 %s 的角色或权限被绕过程序改动", k)}
			}
			return nil
		})
	})
	return rep, err
}

// NoteExport audits an export: which register, with which 密级标志, into
// which file, how many rows — who took the list out of the program.
func (s *Store) NoteExport(register, marking, file string, rows int) error {
	return s.note(ActionExport, register, map[string]string{"文件": file, "密级标志": marking, "条数": fmt.Sprint(rows)})
}

// note writes one audit entry of its own transaction.
func (s *Store) note(action, register string, after map[string]string) error {
	return s.updateLog(func(tx *bolt.Tx) error {
		return s.audit(tx, AuditEntry{Register: register, Action: action, After: after})
	})
}

// AnchorSuffix ends the file written beside a backup with the chain head
// at the time of the backup (after its 备份 entry): an anchor an
// inspector compares with the file's log later.
const AnchorSuffix = ".审计链头.txt"

// anchorBackup audits the backup and writes the chain head beside it. A
// file without accounts has no chain; its backup is audited all the same.
func (s *Store) anchorBackup(path string) error {
	if s.readOnly || s.HasAccounts() && s.auditKey() == nil { // the automatic backup at the login
		return nil
	}
	if err := s.note(ActionBackup, "", map[string]string{"文件": path}); err != nil {
		return fmt.Errorf("备份已写入，但备份记录未能写入操作记录：%w", err)
	}
	if !s.HasAccounts() {
		return nil
	}
	h, err := s.ChainHead()
	if err != nil {
		return err
	}
	if err := os.WriteFile(path+AnchorSuffix, []byte(h.String()+"\n"), 0o600); err != nil {
		return OSError("写入审计链头", err)
	}
	return nil
}

// MayRestore tells whether the account may replace the file with a backup:
// the 系统管理员's alone.
func (s *Store) MayRestore() error { return s.mayRole("从备份恢复", RoleAdmin) }

// NoteRestore audits a restore in the restored file: which backup, where
// the replaced file was kept, and who restored it (by, when not the
// account now logged in: the window notes it at the next login).
func (s *Store) NoteRestore(backup, aside, by string) error {
	after := map[string]string{"备份文件": backup}
	if by != "" {
		after["恢复人"] = by
	}
	if aside != "" {
		after["原数据文件保留为"] = aside
	}
	return s.note(ActionRestore, "", after)
}

// anchorPattern finds the entry number and MAC in an anchor's text.
var anchorPattern = regexp.MustCompile(`第 (\d+) 条 ([0-9a-f]{64})`)

// CheckAnchor compares the log with an anchor — the chain head printed on
// an audit export or written beside a backup: the entry it names must
// still be there with the same MAC. With VerifyChain sound, this proves
// nothing up to the anchor was rewritten or cut off since, even by
// someone who holds the key.
func (s *Store) CheckAnchor(anchor string) error {
	m := anchorPattern.FindStringSubmatch(anchor)
	if m == nil {
		return errors.New("没有在锚点中找到“第 N 条 校验码”")
	}
	seq, _ := strconv.ParseUint(m[1], 10, 64)
	var v []byte
	if err := s.view(func(tx *bolt.Tx) error {
		v = bytes.Clone(tx.Bucket(bucketAudit).Get(u64(seq)))
		return nil
	}); err != nil {
		return err
	}
	if v == nil {
		return &BrokenError{Seq: seq, Why: "不见了：审计日志在锚点之后被截短"}
	}
	if hex.EncodeToString(entryMAC(v)) != m[2] {
		e, _ := decodeEntry(v)
		return &BrokenError{Seq: seq, Entry: &e, Why: "与锚点记下的校验码不符：审计日志被改写"}
	}
	return nil
}

package data

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// migrateReviews (format 1 → 2) keeps the 复查 of every finding closed
// before findings had a 复查记录: format 1 closed a finding (已销号) when its
// 复查人 and 复查日期 were filled, so each such finding gets the 复查 that
// closed it — that 复查人, that 复查日期, 复查结论 通过 — and its own 复查结论
// 通过, which format 2 needs of a finding 已销号. Nothing else changes.
func migrateReviews(_ *Store, tx *bolt.Tx) error {
	findings := tx.Bucket([]byte(Findings.Key))
	if findings == nil { // a file without findings has nothing to keep
		return nil
	}
	reviews, err := tx.CreateBucketIfNotExists([]byte(Reviews.Key))
	if err != nil {
		return err
	}
	var closed []*Record
	err = findings.ForEach(func(k, v []byte) error {
		f, err := unmarshalRecord(v)
		if err != nil {
			return fmt.Errorf("问题第 %d 条：%w", uint64FromBytes(k), err)
		}
		if f.Get(FndStatus) == FindingClosed && f.Get(FndChecker) != "" && f.Get(FndChecked) != "" && f.Get(FndVerdict) == "" {
			closed = append(closed, f)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, f := range closed {
		r := NewRecord()
		id, err := reviews.NextSequence()
		if err != nil {
			return err
		}
		r.ID, r.OwnerID, r.Created, r.Updated = id, f.ID, f.Updated, f.Updated
		r.Set(RevDate, f.Get(FndChecked))
		r.Set(RevChecker, f.Get(FndChecker))
		r.Set(RevVerdict, ReviewPass)
		if err := reviews.Put(u64(r.ID), r.marshal()); err != nil {
			return err
		}
		f.Set(FndVerdict, ReviewPass)
		if err := findings.Put(u64(f.ID), f.marshal()); err != nil {
			return err
		}
	}
	return nil
}

// migratePersons (format 2 → 3): 调离 and 退休 were statuses that left a
// person without a 脱密期; now they are 离岗原因 and every 离岗离职 person
// has one (实施条例第五十三条). Each such person keeps the reason; with a
// 离岗日期 the 脱密期 runs from it for the level's default (settings) and
// the person is 离岗脱密期, or 已脱密 once it has ended; without one the
// person is 离岗脱密期 with no dates, which is marked (离岗日期不详).
func migratePersons(s *Store, tx *bolt.Tx) error {
	b := tx.Bucket([]byte(Personnel.Key))
	if b == nil {
		return nil
	}
	st, err := s.settingsIn(tx)
	if err != nil {
		return err
	}
	today := FormatDate(Day(s.Now()))
	var changed []*Record
	err = b.ForEach(func(k, v []byte) error {
		p, err := unmarshalRecord(v)
		if err != nil {
			return fmt.Errorf("涉密人员第 %d 条：%w", uint64FromBytes(k), err)
		}
		reason := p.Get(PsnStatus)
		if reason != "调离" && reason != "退休" {
			return nil
		}
		p.Set(PsnLeaveReason, reason)
		p.Set(PsnStatus, StatusDeclass)
		if left := StoredDate(p.Get(PsnLeft)); !left.IsZero() {
			if p.Get(PsnDeclassFrom) == "" {
				p.Set(PsnDeclassFrom, FormatDate(left))
			}
			if p.Get(PsnDeclassTo) == "" {
				p.Set(PsnDeclassTo, FormatDate(st.DeclassEnd(p.Get(PsnLevel), StoredDate(p.Get(PsnDeclassFrom)))))
			}
			if p.Get(PsnDeclassTo) < today {
				p.Set(PsnStatus, StatusDeclassed)
			}
		}
		changed = append(changed, p)
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range changed {
		if err := b.Put(u64(p.ID), p.marshal()); err != nil {
			return err
		}
	}
	return nil
}

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
func migrateReviews(tx *bolt.Tx) error {
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

package data

import (
	"os"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The reminders kept for the next start come back as they were, and only
// while they hold: the same day, nothing written since but logins.
func TestDueCache(t *testing.T) {
	path := withAccounts(t)
	s := openAs(t, path, "clerk")
	person := testPerson2()
	person.Set(PsnReviewed, "2010-01-01") // 复审 long overdue
	if err := s.Save(Personnel, person); err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	env, _ := s.Env()
	items := DueItems(snap, env)
	items = append(items, DueItem{Register: Personnel, RecordID: 7, Record: "王五", Dept: "办公室", What: "护照未归还",
		Date: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), Days: DaysBetween(s.Today(), time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)),
		Action: "declassify", Sub: Passports, SubID: 9})
	items = append(items, DueItem{Register: Personnel, RecordID: 7, Record: "王五", What: "护照 E1 未上交，应由单位集中保管",
		Date: s.Today(), Sub: Passports, SubID: 9, Now: true})
	today := s.Today()
	if _, _, ok, _ := s.DueCache(today); ok {
		t.Fatal("a file never given reminders has some")
	}
	if err := s.SaveDueCache(items, today); err != nil {
		t.Fatal(err)
	}
	got, day, ok, err := s.DueCache(today)
	if err != nil || !ok || !reflect.DeepEqual(got, items) || !day.Equal(today) {
		t.Fatalf("DueCache: got %d items of %v, ok %v, err %v; want the %d kept today", len(got), day, ok, err, len(items))
	}

	// Kept again as they are: the file is not written.
	before := modTime(t, path)
	if err := s.SaveDueCache(items, today); err != nil {
		t.Fatal(err)
	}
	if modTime(t, path) != before {
		t.Error("the same reminders kept again wrote the file")
	}

	// The next morning: yesterday's, said to be, their days counted from
	// today. Never those of a day to come (a clock set back).
	tomorrow := today.AddDate(0, 0, 1)
	got, day, ok, _ = s.DueCache(tomorrow)
	if !ok || !day.Equal(today) || len(got) != len(items) {
		t.Fatalf("the next day: got %d items of %v, ok %v; want the %d of %v", len(got), day, ok, len(items), today)
	}
	for i := range got {
		want := items[i].Days - 1
		if items[i].Now { // due each day it holds: today, not overdue
			want = 0
		}
		if got[i].Days != want {
			t.Fatalf("the next day, %s: %d days, want %d", got[i].What, got[i].Days, want)
		}
	}
	if _, _, ok, _ := s.DueCache(today.AddDate(0, 0, -1)); ok {
		t.Error("reminders computed for tomorrow used today")
	}
	// Logging in again, a backup, an export write the file but change
	// nothing due.
	s.Close()
	s = openAs(t, path, "clerk")
	if _, _, ok, _ := s.DueCache(today); !ok {
		t.Error("a login made the kept reminders stale")
	}
	if _, err := s.AutoBackup(3); err != nil {
		t.Fatal(err)
	}
	if err := s.NoteExport(Personnel.Key, "内部", "x.xlsx", 3); err != nil {
		t.Fatal(err)
	}
	if _, _, ok, _ := s.DueCache(today); !ok {
		t.Error("a backup or an export made the kept reminders stale")
	}
	// A save does.
	p3 := testPerson2()
	p3.Set(PsnName, "王五")
	p3.Set(PsnIDNo, "110105199003071239")
	p3.Set(PsnBirth, "1990-03-07")
	p3.Set(PsnGender, "男")
	if err := s.Save(Personnel, p3); err != nil {
		t.Fatal(err)
	}
	if _, _, ok, _ := s.DueCache(today); ok {
		t.Error("the reminders kept before a save used after it")
	}
	// Kept again, then damaged with bbolt directly: not used, no error.
	if err := s.SaveDueCache(items, today); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketCache).Get(keyDueCache)
		return tx.Bucket(bucketCache).Put(keyDueCache, v[:len(v)/2])
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s = openAs(t, path, "clerk")
	if got, _, ok, err := s.DueCache(today); ok || err != nil {
		t.Errorf("a cut cache: got %d items, ok %v, err %v; want none, no error", len(got), ok, err)
	}
	// The 系统管理员 reads no reminders, kept or not.
	s.Close()
	s = openAs(t, path, "admin")
	if _, _, _, err := s.DueCache(today); err == nil {
		t.Error("the 系统管理员 read the kept reminders")
	}
}

func modTime(t *testing.T, path string) time.Time {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.ModTime()
}

// CheckWhen holds writes from the start: a save made while the check
// waits for the window's first reading is made after the check.
func TestCheckWhenHoldsWrites(t *testing.T) {
	s := mustOpenStore(t)
	ready := make(chan struct{})
	checked := make(chan error, 1)
	go func() { checked <- s.CheckWhen(ready, time.Minute) }()
	for end := time.Now().Add(5 * time.Second); s.writeMu.TryLock(); { // until the check holds the writes
		s.writeMu.Unlock()
		if time.Now().After(end) {
			close(ready)
			t.Fatal("the check waiting for the window's reading does not hold writes")
		}
		time.Sleep(time.Millisecond)
	}
	saved := make(chan error, 1)
	go func() { saved <- s.Save(Personnel, testPerson()) }()
	select {
	case err := <-saved:
		t.Fatalf("a save went through before the check (err %v)", err)
	case <-time.After(100 * time.Millisecond):
	}
	close(ready)
	if err := <-checked; err != nil {
		t.Fatal(err)
	}
	if err := <-saved; err != nil {
		t.Fatal(err)
	}
}

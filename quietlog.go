package main

import (
	"bytes"
	"io"
	"sync"
)

// quietLog passes the standard logger's lines through, except Fyne's
// report of a benign race of its own: on exit Fyne rewrites its preferences
// file in full, and its watcher of that file may read it between the
// truncation and the write ("Preferences load error:" / "Cause: EOF" /
// "At: …"). The file is complete a moment later; the clerk's terminal or
// log should not carry it. Any other cause is passed through.
type quietLog struct {
	mu   sync.Mutex
	out  io.Writer
	held []byte // a "Preferences load error" line, until its cause is known
	skip bool   // drop the next "At:" line
}

// Write receives one log line per call (the log package writes whole lines).
func (q *quietLog) Write(p []byte) (int, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	switch {
	case q.held != nil && bytes.Contains(p, []byte("Cause: EOF")):
		q.held, q.skip = nil, true
		return len(p), nil
	case q.skip && bytes.Contains(p, []byte("  At: ")):
		q.skip = false
		return len(p), nil
	}
	q.skip = false
	if q.held != nil {
		held := q.held
		q.held = nil
		if _, err := q.out.Write(held); err != nil {
			return 0, err
		}
	}
	if bytes.Contains(p, []byte("Preferences load error")) {
		q.held = append([]byte(nil), p...)
		return len(p), nil
	}
	return q.out.Write(p)
}

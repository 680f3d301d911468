// Package data holds the ledgers of 保密台账: the description of each
// register, the records and their rules (validation, marks and reminders,
// statistics), and the bbolt store that keeps them with an audit entry for
// every change.
//
// What lives where:
//
//	register.go      Register, Field, Snapshot, Registers(): the one list of registers
//	personnel.go …   one file per register: its keys, fields, Check, Warn,
//	                 Derive (computed fields and marks) and Stats
//	rules.go         what the rules share: Mark, the reminder window, limits,
//	                 before/after checks, work split over the cores
//	due.go           DueItems: the dated marks of every register (首页)
//	stats.go         StatTable and the cross tables the Stats functions build
//	date.go          reading typed dates (ParseDate) and stored ones (StoredDate)
//	people.go        the one reader of attendee lists (KindPeople values)
//	record.go        Record and its compact codec
//	store.go, read.go, audit.go   the bbolt data file: open, write in one
//	                 transaction with its audit entry, read
//	incremental.go   after one save: LoadOne (one record as Load gives it) and
//	                 Reminders (首页's list, mended around the saved record)
//	tableput.go      Table.Put: one record put in place in a Table
//	stream.go        Store.Stream: a register read a part at a time (export)
//
// The types to know are Register (a register described once: its fields
// drive the table, the form and the Excel sheet; its Derive computes every
// rule once, for the 提示 column and 首页 alike), Record (one row), and
// Store (the data file). The one caveat: Store writes only through bbolt
// transactions, so a record and its audit entry land together or not at
// all.
//
// It may import the standard library, bbolt (store.go, read.go, audit.go,
// incremental.go, stream.go only), golang.org/x/text (collation); never Fyne or excelize.
package data

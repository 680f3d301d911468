// Package demo fills a data file with believable records for
// demonstrations, tests and benchmarks (taizhang demo): an ordinary agency
// (Unit) whose 保密办 keeps the ledgers, its persons, projects, systems,
// inspections, cases and training, with every rule firing on some rows.
//
// One file per register: the generator method named after the register's
// key (Personnel for "personnel") returns its maker — how many records for
// n persons and how to make one with its sub-records. Fill finds each
// register's maker by that name, so a new register adds its file here and
// nothing else. names.go holds the names, numbers and companies all draw on.
//
// It may import the standard library and package data; never Fyne, bbolt
// or excelize.
package demo

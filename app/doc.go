// Package app is the Fyne user interface of 保密台账: one file per screen
// (home.go 首页, register.go and table.go a register, form.go a record,
// stats.go 统计, settings.go 设置, export.go the Excel dialogs). The screens
// follow the registers of the store the UI was given (Store.Registers:
// data.Registers() unless a test or a program gives its own through
// Store.ServeRegisters): the navigation, the 首页 tiles and the 统计 tables
// come from it.
//
// It may import Fyne (widgets and fyne.io/fyne/v2/test, never
// fyne.io/fyne/v2/app, so it builds and tests without cgo), package data
// and data/xlsx; never bbolt or excelize.
package app

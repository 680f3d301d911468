// Command taizhang is 保密台账: the ledgers of a 保密办 on one air-gapped PC.
// Without a subcommand it opens the window; `demo` and `export` serve
// scripting, tests and demonstrations (see -h).
//
// main.go and cli.go are wiring only: flags, the data file, the
// subcommands. This package alone needs cgo (Fyne's GLFW driver, through
// fyne.io/fyne/v2/app); it may import every package of the program.
package main

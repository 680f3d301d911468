// Package zhlocale makes the process's message locale Chinese before Fyne
// reads it. Import it, for its side effect only, from package main:
//
//	import _ "baomi/taizhang/app/zhlocale"
//
// Fyne's lang package reads the locale in its own package initialisation
// (fyne.io/fyne/v2/lang: init → AddTranslationsFS → updateLocalizer), so
// nothing in main can change what it sees; and with LANG=C.UTF-8 it also
// logs "Error parsing user locale C" there, even for the demo command. Go
// initialises packages in import-path order once their dependencies are
// done (Go 1.21+), and this package depends only on the standard library,
// so "baomi/taizhang/app/zhlocale" runs before "fyne.io/fyne/v2/lang".
// This is the one package-level side effect in the program, and it only
// sets environment variables of this process.
package zhlocale

import (
	"os"
	"runtime"
	"strings"
)

// Applied tells whether the locale was changed (for tests and -h output).
var Applied = apply(os.Getenv, os.Setenv, runtime.GOOS)

// apply sets the message locale that go-locale (and so Fyne) reads to
// zh_CN, unless it is Chinese already. go-locale reads LC_ALL, then
// LC_MESSAGES, then LANG; LANGUAGE (a list) wins unless that value is C or
// POSIX. LC_CTYPE is left alone so that input methods keep working; LC_ALL
// is set only when it is set already (it would override LC_MESSAGES).
// Windows and macOS read the locale from the system, not the environment.
func apply(getenv func(string) string, setenv func(string, string) error, goos string) bool {
	if goos == "windows" || goos == "darwin" || goos == "android" || goos == "ios" || goos == "js" {
		return false
	}
	msgs := ""
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if msgs = getenv(k); msgs != "" {
			break
		}
	}
	lang := getenv("LANGUAGE")
	if strings.HasPrefix(msgs, "zh") && (lang == "" || strings.HasPrefix(lang, "zh")) {
		return false
	}
	if getenv("LC_ALL") != "" {
		setenv("LC_ALL", "zh_CN.UTF-8")
	} else {
		setenv("LC_MESSAGES", "zh_CN.UTF-8")
	}
	setenv("LANGUAGE", "zh_CN")
	return true
}

package app

import (
	_ "embed"
	"errors"

	"fyne.io/fyne/v2/lang"
)

// zhMessages are Fyne's own words (OK, Cancel, the calendar's days) in
// Chinese, with 确定/否 where Fyne's zh_Hans says 好/不.
//
//go:embed zh.json
var zhMessages []byte

// UseChinese makes Fyne's own words Chinese whatever the system's language:
// they replace the English ones too, which Fyne falls back to for a locale
// it cannot parse (C) and which an English Windows asks for.
func UseChinese() error {
	return errors.Join(lang.AddTranslationsForLocale(zhMessages, "zh-Hans"),
		lang.AddTranslationsForLocale(zhMessages, "en"))
}

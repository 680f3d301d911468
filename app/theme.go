package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// officeTheme is Fyne's theme always in its light variant: registers are
// read like paper, whatever the desktop's dark-mode setting.
type officeTheme struct{ fyne.Theme }

// NewTheme returns the theme the window uses.
func NewTheme() fyne.Theme { return officeTheme{theme.DefaultTheme()} }

// Color answers for the light variant.
func (t officeTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, theme.VariantLight)
}

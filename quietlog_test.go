package main

import (
	"bytes"
	"log"
	"testing"
)

func TestQuietLog(t *testing.T) {
	for _, c := range []struct {
		name  string
		lines []string
		want  string
	}{
		{"the benign EOF", []string{"Fyne error:  Preferences load error:", "  Cause: EOF", "  At: /x/preferences.go:103"}, ""},
		{"another cause", []string{"Fyne error:  Preferences load error:", "  Cause: invalid character", "  At: /x/preferences.go:103"},
			"Fyne error:  Preferences load error:\n  Cause: invalid character\n  At: /x/preferences.go:103\n"},
		{"other errors", []string{"Fyne error:  Failed to focus object", "  At: /x/canvas.go:174"},
			"Fyne error:  Failed to focus object\n  At: /x/canvas.go:174\n"},
		{"EOF then more", []string{"Fyne error:  Preferences load error:", "  Cause: EOF", "  At: /x", "保密台账：错误"}, "保密台账：错误\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			l := log.New(&quietLog{out: &buf}, "", 0)
			for _, s := range c.lines {
				l.Println(s)
			}
			if got := buf.String(); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

package main

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestNoDisplay(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port
	listening := "127.0.0.1:" + strconv.Itoa(port-6000)
	for _, c := range []struct {
		name, display, wayland string
		want                   string // part of the message; "" for none
	}{
		{"no DISPLAY", "", "", "未设置 DISPLAY"},
		{"nobody at :4321", ":4321", "", "无法连接图形显示 :4321"},
		{"a server answers", listening, "", ""},
		{"Wayland", "", "wayland-0", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("DISPLAY", c.display)
			t.Setenv("WAYLAND_DISPLAY", c.wayland)
			got := noDisplay()
			if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
			if strings.Contains(got, "\n") {
				t.Errorf("more than one line: %q", got)
			}
		})
	}
}

func TestDropEmptyPreferences(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	dir := filepath.Join(home, ".config", "fyne", appID)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "preferences.json")
	for _, c := range []struct {
		content string
		kept    bool
	}{{"", false}, {`{"window.width":1280}`, true}} {
		os.WriteFile(path, []byte(c.content), 0o644)
		dropEmptyPreferences(appID)
		if _, err := os.Stat(path); (err == nil) != c.kept {
			t.Errorf("preferences %q: kept %v, want %v", c.content, err == nil, c.kept)
		}
	}
}

package main

import (
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// noDisplay says, in one Chinese line, why no window can open (Linux with
// neither an X display nor Wayland), or "" when one can: GLFW would
// otherwise panic with a stack trace.
func noDisplay() string {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios", "js":
		return ""
	}
	if os.Getenv("WAYLAND_DISPLAY") != "" {
		return ""
	}
	d := os.Getenv("DISPLAY")
	if d == "" {
		return "没有图形桌面（未设置 DISPLAY），无法打开窗口。请在桌面环境中启动；命令行可用 demo、export 子命令。"
	}
	if !displayAnswers(d) {
		return "无法连接图形显示 " + d + "，无法打开窗口。请确认桌面已启动，或检查 DISPLAY 设置。"
	}
	return ""
}

// displayAnswers tells whether an X server listens at DISPLAY (":0",
// ":0.0", "host:0", "unix:0"): its socket or TCP port accepts a connection.
func displayAnswers(d string) bool {
	host, num, ok := strings.Cut(d, ":")
	if !ok {
		return true // a form we do not know: let GLFW decide
	}
	num, _, _ = strings.Cut(num, ".")
	if strings.HasPrefix(host, "/") { // a launchd-style socket path
		return dial("unix", d[:strings.LastIndex(d, ":")])
	}
	if host == "" || host == "unix" {
		return dial("unix", filepath.Join("/tmp/.X11-unix", "X"+num)) ||
			dial("unix", "@/tmp/.X11-unix/X"+num) // the abstract socket
	}
	n, err := strconv.Atoi(num)
	if err != nil {
		return true
	}
	return dial("tcp", net.JoinHostPort(host, strconv.Itoa(6000+n)))
}

func dial(network, addr string) bool {
	c, err := net.DialTimeout(network, addr, 2*time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// dropEmptyPreferences removes Fyne's preferences file of the app id when
// it is empty (a write cut short: power off, two windows at once), which
// Fyne would report on stderr as "Preferences load error: EOF" at every
// start. An empty file holds nothing to lose; Fyne writes it anew.
func dropEmptyPreferences(id string) {
	home, err := os.UserHomeDir()
	if err != nil {
		return
	}
	var root string // where Fyne keeps it (fyne.io/fyne/v2/internal/app rootConfigDir)
	switch runtime.GOOS {
	case "windows":
		root = filepath.Join(home, "AppData", "Roaming", "fyne")
	case "darwin":
		root = filepath.Join(home, "Library", "Preferences", "fyne")
	default:
		dir, err := os.UserConfigDir()
		if err != nil {
			return
		}
		root = filepath.Join(dir, "fyne")
	}
	path := filepath.Join(root, id, "preferences.json")
	if st, err := os.Stat(path); err == nil && st.Size() == 0 {
		os.Remove(path)
	}
}

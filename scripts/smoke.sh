#!/usr/bin/env bash
# Smoke test of the real GUI: builds ./taizhang, fills a fresh data file with
# `taizhang demo` (which also creates its five accounts), starts the window on
# it under a private Xvfb, waits for its 保密台账 window (the 登录 screen: a
# file with accounts shows nothing before a login), takes a screenshot (dist/smoke.png, when ImageMagick's
# `import` exists), then sends SIGTERM and checks that the program quits by
# itself with status 0, left its backup on exit in 备份 beside the file and
# wrote nothing to stdout/stderr. Prints "smoke: ok" on success.
#
# Environment: SMOKE_TIMEOUT (seconds to wait for the window, default 60),
# SMOKE_EXIT_TIMEOUT (seconds to wait for the exit, default 10),
# SMOKE_XVFB_TIMEOUT (seconds to wait for the X server to answer, default 30).
set -euo pipefail
cd "$(dirname "$0")/.."

title='保密台账'
window_timeout=${SMOKE_TIMEOUT:-60}
exit_timeout=${SMOKE_EXIT_TIMEOUT:-10}

fail() {
	echo "smoke: FAIL: $*" >&2
	if [ -s "${log:-}" ]; then
		echo "smoke: --- last lines of the program's output ($log) ---" >&2
		tail -n 40 "$log" >&2
	fi
	exit 1
}

for tool in Xvfb xdotool xdpyinfo; do
	command -v "$tool" >/dev/null 2>&1 || fail "$tool not found (run: make deps)"
done

mkdir -p dist
log=$PWD/dist/smoke.log
: >"$log"
work=$(mktemp -d)
xvfb_pid=
app_pid=

cleanup() {
	if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
		kill -KILL "$app_pid" 2>/dev/null || true
		wait "$app_pid" 2>/dev/null || true
	fi
	if [ -n "$xvfb_pid" ] && kill -0 "$xvfb_pid" 2>/dev/null; then
		kill "$xvfb_pid" 2>/dev/null || true
		wait "$xvfb_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "smoke: building ./taizhang"
start=$SECONDS
go build -o taizhang . || fail "go build failed"
echo "smoke: built in $((SECONDS - start))s"

# Start Xvfb on the first free display from :97 on (a lock file or socket
# means taken; a display grabbed between the check and the start is skipped).
# Wait until the server answers a client (xdpyinfo), not for its socket: the
# socket exists before the server accepts connections, and under load the
# program then failed with "X11: Failed to open display".
xvfb_timeout=${SMOKE_XVFB_TIMEOUT:-30}
display=
for n in $(seq 97 130); do
	[ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] && continue
	Xvfb ":$n" -screen 0 1366x768x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
	xvfb_pid=$!
	answered=
	start=$SECONDS
	while [ $((SECONDS - start)) -lt "$xvfb_timeout" ]; do
		kill -0 "$xvfb_pid" 2>/dev/null || break
		if xdpyinfo -display ":$n" >/dev/null 2>&1; then
			answered=1
			break
		fi
		sleep 0.2
	done
	if [ -n "$answered" ] && kill -0 "$xvfb_pid" 2>/dev/null; then
		display=":$n"
		break
	fi
	kill "$xvfb_pid" 2>/dev/null || true
	wait "$xvfb_pid" 2>/dev/null || true
	xvfb_pid=
done
[ -n "$display" ] || { cat "$work/xvfb.log" >&2; fail "could not start Xvfb on any display :97-:130"; }
export DISPLAY=$display
echo "smoke: Xvfb on $DISPLAY"

db=$work/smoke.db
# The window asks before it creates a missing file; demo creates it.
./taizhang demo -data "$db" -n 20 >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; fail "taizhang demo failed"; }
# Run it in the users' locale (zh_CN), which fyne reads from LANG, with its
# own preferences (other runs on the machine share $HOME/.config).
XDG_CONFIG_HOME=$work/config LANG=${SMOKE_LANG:-zh_CN.UTF-8} ./taizhang -data "$db" >"$log" 2>&1 &
app_pid=$!
echo "smoke: started ./taizhang -data $db (pid $app_pid)"

# Wait for the main window to be mapped.
wid=
start=$SECONDS
while [ $((SECONDS - start)) -lt "$window_timeout" ]; do
	kill -0 "$app_pid" 2>/dev/null || {
		rc=0
		wait "$app_pid" || rc=$?
		app_pid=
		fail "the program exited (status $rc) before its window appeared"
	}
	wid=$(xdotool search --onlyvisible --name "^$title" 2>/dev/null | head -n 1 || true)
	[ -n "$wid" ] && break
	sleep 0.5
done
[ -n "$wid" ] || fail "no visible window titled '$title…' within ${window_timeout}s"
echo "smoke: window $wid \"$(xdotool getwindowname "$wid")\" after $((SECONDS - start))s"

# Give the first frames time to render, then take a screenshot (optional).
sleep 2
if command -v import >/dev/null 2>&1; then
	if import -window "$wid" dist/smoke.png 2>>"$work/import.log"; then
		echo "smoke: screenshot dist/smoke.png"
	else
		echo "smoke: (screenshot failed: $(tail -n 1 "$work/import.log"))"
	fi
fi

# Ask the program to quit as a user's session would: SIGTERM, then wait.
kill -TERM "$app_pid"
start=$SECONDS
while kill -0 "$app_pid" 2>/dev/null && [ $((SECONDS - start)) -lt "$exit_timeout" ]; do
	sleep 0.2
done
if kill -0 "$app_pid" 2>/dev/null; then
	fail "the program did not exit within ${exit_timeout}s of SIGTERM"
fi
rc=0
wait "$app_pid" || rc=$?
app_pid=
[ "$rc" -eq 0 ] || fail "the program exited with status $rc after SIGTERM (want 0)"
echo "smoke: exited with status 0 after $((SECONDS - start))s"

[ -f "$db" ] || fail "the data file $db is gone"
ls "$work"/备份/smoke-*.db >/dev/null 2>&1 || fail "no backup in $work/备份 after the exit"
# In normal use the program writes nothing to stdout or stderr.
[ -s "$log" ] && fail "the program wrote to its output (want nothing)"
echo "smoke: data file $(stat -c %s "$db") bytes, backups: $(ls "$work"/备份/*.db | wc -l)"
echo "smoke: ok"

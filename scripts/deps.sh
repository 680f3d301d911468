#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages given as arguments that are not yet
# installed (see DEB_PACKAGES in the Makefile), and checks that Go is present.
# apt-get runs only when something is missing; sudo is used when not root.
set -euo pipefail

if ! command -v go >/dev/null 2>&1; then
	echo "deps: Go is not installed or not on PATH." >&2
	echo "deps: install the Go version named in go.mod (https://go.dev/dl/) and put its bin/ on PATH." >&2
	exit 1
fi
echo "deps: $(go version)"

missing=()
for pkg in "$@"; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	if [ "$status" != "install ok installed" ]; then
		missing+=("$pkg")
	fi
done

if [ ${#missing[@]} -eq 0 ]; then
	echo "deps: all $# system packages present"
	exit 0
fi

echo "deps: missing packages: ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
	echo "deps: apt-get not found; install the packages above by hand (Debian/Ubuntu names)." >&2
	exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "deps: not root and sudo is not available; run as root: apt-get install ${missing[*]}" >&2
		exit 1
	fi
	sudo=(sudo)
fi

# Wait for another apt/dpkg run (e.g. unattended upgrades) instead of failing.
apt_opts=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y -q "${missing[@]}"
echo "deps: installed ${missing[*]}"

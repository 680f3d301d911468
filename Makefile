# 保密台账 — developer and CI entry points.
#
#   make deps      install missing Debian/Ubuntu packages (apt-get; sudo if not root)
#   make run       run the app from source      (make run ARGS="-data x.db")
#   make build     build ./taizhang for this machine
#   make test      gofmt, go vet, go test, then smoke and windows (what CI runs)
#   make smoke     start the real GUI under Xvfb and check it opens and quits cleanly
#   make windows   cross-compile dist/taizhang.exe (GUI exe with icon and version)
#   make bench     the figures of a 100,000-person file beside their targets
#   make bench-all run every benchmark once
#   make icon      regenerate assets/icon.png (needs ImageMagick)
#   make clean     remove build outputs
#
# The first cgo build of Fyne's GLFW/OpenGL bindings takes a few minutes; the
# Go build cache makes later builds fast.

GO      ?= go
# Build with Fyne's fyneDo migration compiled in, as `fyne package` does
# (FyneApp.toml [Migrations] fyneDo = true); tests and scripts inherit it.
export GOFLAGS := -tags=migrated_fynedo
BIN     := taizhang
ARGS    ?=

# System packages: a C compiler and the OpenGL/X11/xkbcommon headers for
# Fyne's GLFW driver, CJK fonts (Chinese text renders as boxes without them),
# Xvfb + xauth + xdotool + xdpyinfo (x11-utils) + ImageMagick for the smoke
# test, mingw-w64 for the Windows build, binutils/file for checking it.
DEB_PACKAGES := gcc libc6-dev pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev \
	fonts-noto-cjk xvfb xauth xdotool x11-utils imagemagick \
	gcc-mingw-w64-x86-64 binutils file git

# fyne tool used to package the Windows exe (installed into ./.bin when missing).
FYNE_VERSION ?= v1.7.4
FYNE         ?= $(CURDIR)/.bin/fyne
export FYNE_VERSION FYNE

.PHONY: all deps run build test fmt-check vet unit smoke windows bench bench-all icon clean

all: build

## deps: install the system packages that are missing and check that Go is there
deps:
	@scripts/deps.sh $(DEB_PACKAGES)

## run: run the app from source; pass flags with ARGS="..."
run: deps
	$(GO) run . $(ARGS)

## build: native binary ./taizhang
build:
	$(GO) build -o $(BIN) .

## test: everything CI checks, in order
test: deps
	@$(MAKE) --no-print-directory fmt-check
	@$(MAKE) --no-print-directory vet
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory smoke
	@$(MAKE) --no-print-directory windows

# gofmt -l lists files whose formatting differs; any output is a failure.
fmt-check:
	@echo "== gofmt -l ."
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then \
		echo "gofmt: these files need formatting (run gofmt -w):"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

unit:
	$(GO) test ./... -count=1

## smoke: build ./taizhang, open it under Xvfb, screenshot to dist/smoke.png, quit it
smoke:
	@echo "== smoke"
	@scripts/smoke.sh

## windows: dist/taizhang.exe via mingw-w64 and `fyne package -os windows --release`
windows:
	@echo "== windows"
	@scripts/windows.sh

## bench: the figures of a 100,000-person file (save, start, export, reminders, filter) beside their targets
bench:
	@GO=$(GO) scripts/bench.sh

## bench-all: every benchmark, one iteration each, with allocations
bench-all:
	$(GO) test ./... -run XXX -bench . -benchtime 1x -benchmem

## icon: regenerate assets/icon.png from scripts/make-icon.sh
icon:
	@scripts/make-icon.sh

## clean: remove build outputs (the Go build cache and ./.bin are kept)
clean:
	rm -rf dist $(BIN) $(BIN).exe fyne.syso fyne_metadata_init.go

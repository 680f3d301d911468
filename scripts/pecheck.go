//go:build ignore

// pecheck checks a Windows exe built by scripts/windows.sh: 64-bit, GUI
// subsystem (-H=windowsgui), an icon, a manifest and a version resource whose
// ProductName and ProductVersion match the arguments.
//
//	go run scripts/pecheck.go dist/taizhang.exe 保密台账 0.1.0
package main

import (
	"debug/pe"
	"encoding/binary"
	"fmt"
	"os"
	"strings"
	"unicode/utf16"
)

const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: go run scripts/pecheck.go FILE.exe NAME VERSION")
		os.Exit(2)
	}
	if err := check(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, "pecheck:", err)
		os.Exit(1)
	}
}

func check(file, name, version string) error {
	f, err := pe.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		return fmt.Errorf("%s is not a 64-bit PE file", file)
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		return fmt.Errorf("subsystem is %d, want %d (GUI)", oh.Subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI)
	}
	s := f.Section(".rsrc")
	if s == nil {
		return fmt.Errorf("no .rsrc section (no resources)")
	}
	data, err := s.Data()
	if err != nil || len(data) < 16 {
		return fmt.Errorf("reading .rsrc: %v", err)
	}
	// Top level of the resource directory: one entry per resource type.
	entries := int(binary.LittleEndian.Uint16(data[12:])) + int(binary.LittleEndian.Uint16(data[14:]))
	types := map[uint32]bool{}
	for i := 0; i < entries && 16+8*i+4 <= len(data); i++ {
		types[binary.LittleEndian.Uint32(data[16+8*i:])] = true
	}
	for t, what := range map[uint32]string{rtIcon: "icon", rtGroupIcon: "icon group", rtVersion: "version", rtManifest: "manifest"} {
		if !types[t] {
			return fmt.Errorf("no %s resource", what)
		}
	}
	// The version resource's strings are UTF-16LE key/value pairs.
	u := make([]uint16, len(data)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(data[2*i:])
	}
	text := string(utf16.Decode(u))
	value := func(key string) string {
		i := strings.Index(text, key+"\x00")
		if i < 0 {
			return ""
		}
		rest := strings.TrimLeft(text[i+len(key):], "\x00")
		return strings.SplitN(rest, "\x00", 2)[0]
	}
	if got := value("ProductName"); got != name {
		return fmt.Errorf("ProductName is %q, want %q", got, name)
	}
	if got := value("ProductVersion"); !strings.HasPrefix(got, version) {
		return fmt.Errorf("ProductVersion is %q, want %s.*", got, version)
	}
	fmt.Printf("pecheck: %s: PE32+ GUI, icon, manifest, ProductName %q, ProductVersion %q\n",
		file, value("ProductName"), value("ProductVersion"))
	return nil
}

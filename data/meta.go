package data

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// The bbolt meta page, as bbolt v1 lays it out (internal/common/meta.go):
// a 16-byte page header (id, flags, count, overflow), then magic, version,
// page size, flags, root bucket (root page, sequence), freelist page,
// high-water page id, transaction id, and an FNV-64a checksum of what
// precedes it. Numbers are in the machine's order: little-endian on every
// platform the program is built for (amd64, arm64, loong64).
const (
	boltMagic       = 0xED0CDAED
	boltVersion     = 2
	pageHeaderSize  = 16
	metaSize        = 64 // from magic to checksum, inclusive
	flagFreelist    = 0x10
	pgidNoFreelist  = ^uint64(0)
	maxBoltPageSize = 64 << 10
)

// boltMeta is one decoded meta page.
type boltMeta struct {
	pageSize, root, freelist, pgid, txid uint64
}

// readMeta decodes the meta page at off, reporting whether it is valid.
func readMeta(f io.ReaderAt, off int64) (boltMeta, bool) {
	b := make([]byte, pageHeaderSize+metaSize)
	if _, err := f.ReadAt(b, off); err != nil {
		return boltMeta{}, false
	}
	le := binary.LittleEndian
	m := b[pageHeaderSize:]
	if le.Uint32(m[0:]) != boltMagic || le.Uint32(m[4:]) != boltVersion {
		return boltMeta{}, false
	}
	h := fnv.New64a()
	h.Write(m[:56])
	if h.Sum64() != le.Uint64(m[56:]) {
		return boltMeta{}, false
	}
	return boltMeta{
		pageSize: uint64(le.Uint32(m[8:])),
		root:     le.Uint64(m[16:]),
		freelist: le.Uint64(m[32:]),
		pgid:     le.Uint64(m[40:]),
		txid:     le.Uint64(m[48:]),
	}, true
}

// checkMeta reads the meta pages of a bbolt file before bbolt does, and
// checks what bbolt trusts without checking when it opens a file: that the
// pages the meta names lie inside the file, and that the freelist page is a
// freelist that fits. bbolt would otherwise panic or fault on such a file
// in Open — with the file mapped and locked and no handle to let go of.
func checkMeta(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return OSError("打开数据文件", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return OSError("读取数据文件", err)
	}
	size := uint64(fi.Size())
	damaged := func(why string) error { return fmt.Errorf("%w：%s（%s）", ErrDamaged, path, why) }

	m0, ok0 := readMeta(f, 0)
	var m boltMeta
	found := false
	if ok0 {
		m, found = m0, true
	}
	// meta 1 is one page in; if meta 0 is gone its page size is not known,
	// so the sizes bbolt may have used are tried.
	for _, ps := range []int64{int64(m0.pageSize), int64(os.Getpagesize()), 4096, 8192, 16384, 65536} {
		if ps <= 0 || (ok0 && ps != int64(m0.pageSize)) {
			continue
		}
		if m1, ok := readMeta(f, ps); ok && (!found || m1.txid > m.txid) {
			m, found = m1, true
		}
	}
	if !found {
		return damaged("两个元数据页都已损坏")
	}
	ps := m.pageSize
	if ps < 512 || ps > maxBoltPageSize || ps&(ps-1) != 0 {
		return damaged("页大小无效")
	}
	if m.pgid < 2 || m.pgid > size/ps {
		return damaged(fmt.Sprintf("文件被截断：应有 %d 字节，实有 %d 字节", m.pgid*ps, size))
	}
	if m.root < 2 || m.root >= m.pgid {
		return damaged("根页超出文件")
	}
	if m.freelist == pgidNoFreelist {
		return nil
	}
	if m.freelist < 2 || m.freelist >= m.pgid {
		return damaged("空闲页表超出文件")
	}
	hdr := make([]byte, pageHeaderSize+8)
	if _, err := f.ReadAt(hdr, int64(m.freelist*ps)); err != nil {
		return damaged("读不到空闲页表")
	}
	le := binary.LittleEndian
	if le.Uint64(hdr) != m.freelist || le.Uint16(hdr[8:]) != flagFreelist {
		return damaged("空闲页表无效")
	}
	count, overflow := uint64(le.Uint16(hdr[10:])), uint64(le.Uint32(hdr[12:]))
	if m.freelist+overflow >= m.pgid {
		return damaged("空闲页表超出文件")
	}
	if count == 0xFFFF { // a long freelist keeps its count in the first element
		count = le.Uint64(hdr[pageHeaderSize:]) + 1
	}
	if pageHeaderSize+count*8 > (overflow+1)*ps {
		return damaged("空闲页表长度无效")
	}
	return nil
}

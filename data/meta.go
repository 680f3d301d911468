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
	_, err = readBoltMeta(f, path)
	return err
}

// damagedAt is ErrDamaged for path with what was found.
func damagedAt(path, why string) error {
	return fmt.Errorf("%w：%s（%s）", ErrDamaged, path, why)
}

// readBoltMeta picks the meta page bbolt would use (the valid one with the
// higher transaction id) and checks it against the file.
func readBoltMeta(f *os.File, path string) (boltMeta, error) {
	fi, err := f.Stat()
	if err != nil {
		return boltMeta{}, OSError("读取数据文件", err)
	}
	size := uint64(fi.Size())
	damaged := func(why string) (boltMeta, error) { return boltMeta{}, damagedAt(path, why) }

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
		return m, nil
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
	return m, nil
}

// Page and element layout (bbolt internal/common/page.go): a branch
// element is pos, ksize (uint32) and the child page (uint64); a leaf
// element is flags, pos, ksize, vsize (uint32), key and value at pos from
// the element; a bucket's value starts with its root page and sequence
// (uint64 each), followed, for an inline bucket (root 0), by its page.
const (
	flagBranch    = 0x01
	flagLeaf      = 0x02
	flagBucketVal = 0x01
	elementSize   = 16
	bucketHdrSize = 16
)

// pageWalker reads the tree of a bbolt file through plain reads, never
// the mapping: a page out of the file, a cycle, an overflow run or an
// element that does not fit is found here, as ErrDamaged, before bbolt's
// own check follows the same pointers in memory (where it would fault,
// loop or exhaust memory).
type pageWalker struct {
	f    *os.File
	path string
	ps   uint64
	hwm  uint64
	seen map[uint64]bool
}

// walkFile checks every page reachable from the current meta page.
func walkFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return OSError("打开数据文件", err)
	}
	defer f.Close()
	m, err := readBoltMeta(f, path)
	if err != nil {
		return err
	}
	w := &pageWalker{f: f, path: path, ps: m.pageSize, hwm: m.pgid, seen: map[uint64]bool{}}
	if m.freelist != pgidNoFreelist {
		w.seen[m.freelist] = true
	}
	buf, err := w.page(m.root)
	if err != nil {
		return err
	}
	return w.node(buf, m.root)
}

// page reads page id with its overflow pages.
func (w *pageWalker) page(id uint64) ([]byte, error) {
	if id < 2 || id >= w.hwm {
		return nil, damagedAt(w.path, fmt.Sprintf("页 %d 超出文件", id))
	}
	if w.seen[id] {
		return nil, damagedAt(w.path, fmt.Sprintf("页 %d 被重复引用", id))
	}
	hdr := make([]byte, pageHeaderSize)
	if _, err := w.f.ReadAt(hdr, int64(id*w.ps)); err != nil {
		return nil, OSError("读取数据文件", err)
	}
	le := binary.LittleEndian
	overflow := uint64(le.Uint32(hdr[12:]))
	if le.Uint64(hdr) != id || id+overflow >= w.hwm {
		return nil, damagedAt(w.path, fmt.Sprintf("页 %d 的页头无效", id))
	}
	for i := uint64(0); i <= overflow; i++ {
		if w.seen[id+i] {
			return nil, damagedAt(w.path, fmt.Sprintf("页 %d 被重复引用", id+i))
		}
		w.seen[id+i] = true
	}
	buf := make([]byte, (overflow+1)*w.ps)
	if _, err := w.f.ReadAt(buf, int64(id*w.ps)); err != nil {
		return nil, OSError("读取数据文件", err)
	}
	return buf, nil
}

// node checks a branch or leaf page (buf starts at its header) and walks
// its children and buckets.
func (w *pageWalker) node(buf []byte, id uint64) error {
	le := binary.LittleEndian
	bad := func(why string) error { return damagedAt(w.path, fmt.Sprintf("页 %d：%s", id, why)) }
	if len(buf) < pageHeaderSize {
		return bad("页太短")
	}
	flags, count := le.Uint16(buf[8:]), int(le.Uint16(buf[10:]))
	if pageHeaderSize+count*elementSize > len(buf) {
		return bad("元素个数超出页")
	}
	for i := range count {
		off := pageHeaderSize + i*elementSize
		e := buf[off : off+elementSize]
		switch flags {
		case flagBranch:
			pos, ksize := int(le.Uint32(e[0:])), int(le.Uint32(e[4:]))
			if off+pos+ksize > len(buf) || pos < 0 || ksize < 0 {
				return bad("键超出页")
			}
			child := le.Uint64(e[8:])
			cbuf, err := w.page(child)
			if err != nil {
				return err
			}
			if err := w.node(cbuf, child); err != nil {
				return err
			}
		case flagLeaf:
			eflags := le.Uint32(e[0:])
			pos, ksize, vsize := int(le.Uint32(e[4:])), int(le.Uint32(e[8:])), int(le.Uint32(e[12:]))
			start := off + pos
			if pos < 0 || ksize < 0 || vsize < 0 || start+ksize+vsize > len(buf) {
				return bad("键或值超出页")
			}
			if eflags&flagBucketVal == 0 {
				continue
			}
			v := buf[start+ksize : start+ksize+vsize]
			if len(v) < bucketHdrSize {
				return bad("子桶头太短")
			}
			root := le.Uint64(v)
			if root == 0 { // an inline bucket: its page is in the value
				if err := w.node(v[bucketHdrSize:], id); err != nil {
					return err
				}
				continue
			}
			cbuf, err := w.page(root)
			if err != nil {
				return err
			}
			if err := w.node(cbuf, root); err != nil {
				return err
			}
		default:
			return bad(fmt.Sprintf("页类型无效（%#x）", flags))
		}
	}
	if count == 0 && flags != flagBranch && flags != flagLeaf {
		return bad(fmt.Sprintf("页类型无效（%#x）", flags))
	}
	return nil
}

// Package spill keeps a long run of rows out of the Go heap. Each row is
// encoded by a caller-supplied Codec and appended to a temporary file, and
// only the end offset of each record stays in memory, 8 bytes a row. The
// rows are written once, in order, and then read back any number of times,
// in any order and from several goroutines at once.
//
// A million statement rows held as structs take some 450 MB of heap;
// spilled, they take 8 MB of offsets and a small cache of file chunks. The
// rest is in the file, and so in the system's page cache, which counts
// neither in the Go heap nor in the process's resident memory and which the
// kernel can drop under pressure. For the same reason the file is read with
// pread, never mapped: mapped pages count as resident.
package spill

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Codec encodes and decodes one row type. Append appends r's encoding to
// buf. Decode fills r from rec, one row's encoding exactly as Append wrote
// it; rec is a string the caller owns and Decode may keep substrings of it
// in r (one allocation per row read, not one per field). Decode returns an
// error for a malformed record, saying which field; Reader does both.
type Codec[T any] interface {
	Append(buf []byte, r *T) []byte
	Decode(rec string, r *T) error
}

// ErrSealed is returned by Append after Seal: the offsets and the cache
// assume the file no longer grows.
var ErrSealed = errors.New("spill: append after Seal")

// ErrClosed is returned by Append and Seal after Close, and kept by Row
// (see Err) when it is called after Close.
var ErrClosed = errors.New("spill: rows closed")

const (
	// defaultChunk is the size and alignment of a cached piece of the
	// file: large enough that reading rows in order costs one pread per
	// thousand rows of 200 bytes, small enough that a few per core cost
	// little memory.
	defaultChunk = 256 << 10
	// writeBuffer is the size of Append's buffer: one write per MiB.
	writeBuffer = 1 << 20
	// maxSlots caps the cache (16 MiB of chunks) on machines with many cores.
	maxSlots = 64
)

// config holds what tests change to exercise the cache with small files:
// New always uses defaultConfig.
type config struct {
	chunk  int64 // size and alignment of a cached chunk of the file
	slots  int   // chunks kept in memory
	unlink bool  // remove the file from its directory as soon as it is made
}

func defaultConfig() config {
	return config{
		chunk: defaultChunk,
		// Two slots per core: a goroutine reading a range in order needs
		// one, and one more keeps the chunk it is leaving while another
		// goroutine may still be reading the end of it.
		slots:  min(max(4, 2*runtime.GOMAXPROCS(0)), maxSlots),
		unlink: true,
	}
}

// Rows is a sequence of rows of type T kept in a temporary file. It is
// filled by Append, one goroutine at a time, until Seal; after Seal, Row,
// Len, Err and Bytes may be called from several goroutines at once. Order
// and Close must not run at the same time as any other method. Bytes may
// be called from any goroutine at any time, for progress reports.
type Rows[T any] struct {
	codec    Codec[T]
	f        *os.File
	name     string
	unlinked bool // the name was removed at New, so Close has nothing to remove
	cfg      config

	// Filled by Append until Seal.
	w    *bufio.Writer
	enc  []byte       // the row being appended, reused from row to row
	werr error        // the first write error: Append and Seal return it from then on
	size atomic.Int64 // bytes appended, buffered or written

	// ends[i] is the offset just past row i's record as appended; row i's
	// record starts at ends[i-1], or 0. Records carry no length of their
	// own: this is the only index, and the only per-row memory.
	ends   []int64
	perm   []int32 // set by Order: row i is the row appended perm[i]th
	sealed bool
	closed bool

	cache *cache // made by Seal

	errMu sync.Mutex
	err   error // the first error Row met
}

// New makes an empty Rows whose file is made at name with a random
// suffix (name-123456789) and removed from its folder at once where the
// system allows it (Linux, macOS: the open file lives on until Close or
// exit, and nothing is left behind even when the process is killed);
// elsewhere, Close removes it.
func New[T any](name string, codec Codec[T]) (*Rows[T], error) {
	return newRows(filepath.Dir(name), filepath.Base(name)+"-*", codec, defaultConfig())
}

func newRows[T any](dir, pattern string, codec Codec[T], cfg config) (*Rows[T], error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, fmt.Errorf("spill: creating a file for rows: %w", err)
	}
	r := &Rows[T]{
		codec: codec,
		f:     f,
		name:  f.Name(),
		cfg:   cfg,
		w:     bufio.NewWriterSize(f, writeBuffer),
	}
	// Removing an open file fails on Windows; there the name stays until
	// Close, which is the best that system allows.
	if cfg.unlink && os.Remove(r.name) == nil {
		r.unlinked = true
	}
	return r, nil
}

// Append encodes row and adds it at the end. Writes are buffered, so an
// error may come from an earlier row's bytes; once one has failed, every
// later Append and Seal returns the same error. Append after Seal returns
// ErrSealed, after Close ErrClosed.
func (r *Rows[T]) Append(row *T) error {
	switch {
	case r.closed:
		return ErrClosed
	case r.sealed:
		return ErrSealed
	case r.werr != nil:
		return r.werr
	}
	r.enc = r.codec.Append(r.enc[:0], row)
	if _, err := r.w.Write(r.enc); err != nil {
		r.werr = fmt.Errorf("spill: appending row %d: %w", len(r.ends), err)
		return r.werr
	}
	end := r.size.Add(int64(len(r.enc)))
	r.ends = append(r.ends, end)
	if cap(r.enc) > writeBuffer {
		// Do not keep a buffer the size of the largest row for the rest
		// of the build.
		r.enc = nil
	}
	return nil
}

// Seal writes out what Append buffered and makes the rows readable. After
// it, Append returns ErrSealed. Sealing twice does nothing. If Seal fails,
// the rows cannot be read; only Close is left to call.
func (r *Rows[T]) Seal() error {
	switch {
	case r.closed:
		return ErrClosed
	case r.sealed:
		return nil
	case r.werr != nil:
		return r.werr
	}
	if err := r.w.Flush(); err != nil {
		r.werr = fmt.Errorf("spill: writing %d rows: %w", len(r.ends), err)
		return r.werr
	}
	r.w, r.enc = nil, nil
	r.sealed = true
	r.cache = newCache(r.f, r.size.Load(), r.cfg)
	return nil
}

// Len is the number of rows appended.
func (r *Rows[T]) Len() int { return len(r.ends) }

// Bytes reports the size of the file, buffered bytes included, for
// progress and statistics.
func (r *Rows[T]) Bytes() int64 { return r.size.Load() }

// Row fills dst with row i (in the order set by Order, else the order
// appended). It may be called from several goroutines at once. A read or
// decode error is kept (the first one, see Err) and dst is zeroed: Row has
// no error result because the table writers that call it (func(i int, dst
// []Value)) have none; callers check Err once they are done.
//
// Row panics before Seal, and when i is out of range, as indexing a slice
// does: both are mistakes in the calling code, not in the data.
func (r *Rows[T]) Row(i int, dst *T) {
	if !r.sealed {
		panic("spill: Row before Seal")
	}
	if uint(i) >= uint(len(r.ends)) {
		panic(fmt.Sprintf("spill: row %d out of range [0, %d)", i, len(r.ends)))
	}
	if r.closed {
		r.fail(dst, fmt.Errorf("spill: row %d: %w", i, ErrClosed))
		return
	}
	j := i
	if r.perm != nil {
		j = int(r.perm[i])
	}
	var start int64
	if j > 0 {
		start = r.ends[j-1]
	}
	end := r.ends[j]
	rec, err := r.cache.read(start, end)
	if err != nil {
		r.fail(dst, fmt.Errorf("spill: %s: reading %d bytes at offset %d: %w", r.rowName(i, j), end-start, start, err))
		return
	}
	if err := r.codec.Decode(rec, dst); err != nil {
		r.fail(dst, fmt.Errorf("spill: %s: %w", r.rowName(i, j), err))
	}
}

// rowName names row i, and where it was appended when Order moved it, so
// that a message points at the row whichever order the reader knows.
func (r *Rows[T]) rowName(i, j int) string {
	if i == j {
		return fmt.Sprintf("row %d", i)
	}
	return fmt.Sprintf("row %d (appended as row %d)", i, j)
}

// fail keeps err if it is the first, and zeroes dst, which a failed
// Decode may have half filled.
func (r *Rows[T]) fail(dst *T, err error) {
	var zero T
	*dst = zero
	r.errMu.Lock()
	if r.err == nil {
		r.err = err
	}
	r.errMu.Unlock()
}

// Err is the first error Row met, or nil. It names the row.
func (r *Rows[T]) Err() error {
	r.errMu.Lock()
	defer r.errMu.Unlock()
	return r.err
}

// Order makes row i read row perm[i] as appended; Order(nil) goes back to
// the order appended. It is used after the rows are sorted by a key held
// elsewhere. Rows keeps perm, so the caller must not change it afterwards.
//
// Order panics before Seal, and when perm is not a permutation of
// 0..Len-1: the caller computed it, so a bad one is a bug there, and
// reading through it would give duplicated and missing rows without a
// word.
func (r *Rows[T]) Order(perm []int32) {
	if !r.sealed {
		panic("spill: Order before Seal")
	}
	if perm == nil {
		r.perm = nil
		return
	}
	n := len(r.ends)
	if len(perm) != n {
		panic(fmt.Sprintf("spill: Order: permutation of %d rows for %d rows", len(perm), n))
	}
	seen := make([]uint64, (n+63)/64)
	for i, p := range perm {
		if p < 0 || int(p) >= n {
			panic(fmt.Sprintf("spill: Order: perm[%d] = %d is out of range [0, %d)", i, p, n))
		}
		if seen[p/64]&(1<<(p%64)) != 0 {
			panic(fmt.Sprintf("spill: Order: perm[%d] = %d appears twice", i, p))
		}
		seen[p/64] |= 1 << (p % 64)
	}
	r.perm = perm
}

// Close closes the file, and removes it where New could not. Calling it
// again does nothing and returns nil. Row after Close keeps ErrClosed.
func (r *Rows[T]) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	r.w, r.enc, r.cache = nil, nil, nil
	err := r.f.Close()
	if !r.unlinked {
		if rerr := os.Remove(r.name); rerr != nil && err == nil {
			err = rerr
		}
	}
	if err != nil {
		return fmt.Errorf("spill: closing: %w", err)
	}
	return nil
}

// cache reads records from the sealed file, keeping a few aligned chunks
// of it in memory so that reading rows in order costs one pread per chunk,
// not one per row.
//
// Reading a row from a chunk in memory writes only to that chunk's slot:
// goroutines reading different ranges of rows, as the Parquet writer's do,
// do not contend for one lock on every row. Which chunk each slot holds is
// published as an immutable snapshot; a slot's own lock guards its bytes
// while a row is copied out, so that a chunk is never replaced under a
// reader. Misses take the cache's lock, but not while reading the file, so
// that a goroutine waiting on the disk holds up no other.
type cache struct {
	f     *os.File
	size  int64 // of the file, fixed at Seal
	chunk int64

	slots []slot
	held  atomic.Pointer[[]int64] // the chunk in each slot, -1 for none; replaced, never changed

	mu sync.Mutex // guards what follows, and replacing a slot's chunk
	// missed holds the last chunks that missed. A chunk is loaded when
	// the one before it is in memory (rows read in order), or on its
	// second miss in a while; otherwise the record is read alone. Reading
	// in a random order (after Order with rows sorted by a key unrelated
	// to the order appended), loading a chunk for every miss would read
	// 256 KiB for each 200-byte row.
	missed []int64
	next   int      // where in missed the next miss goes
	free   [][]byte // buffers of replaced chunks, for the next load

	tick atomic.Uint64 // counts loads, to date each slot's last hit

	// preads and bytesRead count what was read from the file, so that
	// tests can tell a cache that works from one that reads every row
	// alone, or a whole chunk for every row.
	preads, bytesRead atomic.Int64
}

type slot struct {
	mu    sync.RWMutex  // read-locked while rows are copied out; locked to replace the chunk
	chunk int64         // the chunk in data; written under cache.mu and mu both
	data  []byte        // the chunk's bytes; nil while the slot is empty
	used  atomic.Uint64 // tick at the last hit; the least is replaced first
	_     [64]byte      // so that goroutines on different slots share no cache line
}

func newCache(f *os.File, size int64, cfg config) *cache {
	c := &cache{
		f:      f,
		size:   size,
		chunk:  cfg.chunk,
		slots:  make([]slot, cfg.slots),
		missed: make([]int64, cfg.slots),
	}
	held := make([]int64, cfg.slots)
	for i := range held {
		held[i] = -1
		c.missed[i] = -1
	}
	c.held.Store(&held)
	return c
}

// read returns the bytes in [start, end) of the file as a new string.
func (c *cache) read(start, end int64) (string, error) {
	n := end - start
	if n == 0 {
		return "", nil
	}
	k := start / c.chunk
	if (end-1)/c.chunk != k {
		// Crosses a chunk boundary, or is larger than a chunk.
		return c.readAlone(start, n)
	}
	off := start - k*c.chunk
	if rec, ok := c.hit(k, off, n); ok {
		return rec, nil
	}
	return c.miss(start, k, off, n)
}

// hit copies the record out of chunk k if a slot holds it.
func (c *cache) hit(k, off, n int64) (string, bool) {
	sl := c.find(k)
	if sl == nil {
		return "", false
	}
	sl.mu.RLock()
	defer sl.mu.RUnlock()
	if sl.chunk != k { // replaced since the snapshot
		return "", false
	}
	return c.copyOut(sl, off, n), true
}

// miss loads the record's chunk and copies the record out, or reads the
// record alone when the reads do not look like they will stay in the chunk.
func (c *cache) miss(start, k, off, n int64) (string, error) {
	c.mu.Lock()
	if sl := c.find(k); sl != nil { // loaded while this goroutine waited
		rec := c.copyOut(sl, off, n)
		c.mu.Unlock()
		return rec, nil
	}
	// The first chunk is loaded at once: rows are most often read from
	// the first. (find(-1) would find an empty slot.)
	if k > 0 && c.find(k-1) == nil && !c.missedBefore(k) {
		c.mu.Unlock()
		return c.readAlone(start, n)
	}
	var buf []byte
	if last := len(c.free) - 1; last >= 0 {
		buf, c.free = c.free[last], c.free[:last]
	} else {
		buf = make([]byte, c.chunk)
	}
	c.mu.Unlock()

	want := min(c.chunk, c.size-k*c.chunk)
	err := c.readAt(buf[:want], k*c.chunk)

	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		c.free = append(c.free, buf)
		return "", err
	}
	sl := c.find(k)
	if sl != nil { // another goroutine loaded it meanwhile
		c.free = append(c.free, buf)
	} else {
		sl = c.install(k, buf[:want])
	}
	return c.copyOut(sl, off, n), nil
}

// find returns the slot that held chunk k when it looked, or nil. Under
// c.mu, no slot changes, so callers holding it may copy rows out without
// the slot's lock.
func (c *cache) find(k int64) *slot {
	for s, held := range *c.held.Load() {
		if held == k {
			return &c.slots[s]
		}
	}
	return nil
}

// copyOut copies n bytes at off in sl to a new string. Callers hold c.mu
// or sl.mu for reading.
func (c *cache) copyOut(sl *slot, off, n int64) string {
	// A load, not an increment: a hit writes only to its own slot, and
	// slots hit since the last load tie, which is good enough to find
	// one nobody is reading.
	sl.used.Store(c.tick.Load())
	return string(sl.data[off : off+n])
}

// missedBefore reports whether chunk k is among the last chunks that
// missed, and records it there if not. Callers hold c.mu.
func (c *cache) missedBefore(k int64) bool {
	for _, m := range c.missed {
		if m == k {
			return true
		}
	}
	c.missed[c.next] = k
	c.next = (c.next + 1) % len(c.missed)
	return false
}

// install puts chunk k's data in an empty slot, or else in the least
// recently used one, and returns the slot. Callers hold c.mu.
func (c *cache) install(k int64, data []byte) *slot {
	victim := 0
	for i := range c.slots {
		if c.slots[i].data == nil {
			victim = i
			break
		}
		if c.slots[i].used.Load() < c.slots[victim].used.Load() {
			victim = i
		}
	}
	sl := &c.slots[victim]
	sl.mu.Lock() // waits for readers still copying from the old chunk
	if sl.data != nil {
		c.free = append(c.free, sl.data[:cap(sl.data)])
	}
	sl.chunk, sl.data = k, data
	sl.used.Store(c.tick.Add(1))
	sl.mu.Unlock()
	held := slices.Clone(*c.held.Load())
	held[victim] = k
	c.held.Store(&held)
	return sl
}

// readAlone reads n bytes at start with one pread.
func (c *cache) readAlone(start, n int64) (string, error) {
	buf := make([]byte, n)
	if err := c.readAt(buf, start); err != nil {
		return "", err
	}
	// Nothing writes to buf again, so it can be the string's memory: one
	// allocation per row, as for rows copied out of a chunk, and no second
	// copy of a record that may be megabytes long.
	return unsafe.String(unsafe.SliceData(buf), len(buf)), nil
}

// readAt reads len(buf) bytes of the file at off, all of them or an
// error (io.EOF with every byte read is none).
func (c *cache) readAt(buf []byte, off int64) error {
	got, err := c.f.ReadAt(buf, off)
	c.count(got)
	switch {
	case got == len(buf):
		return nil
	case err == nil:
		return io.ErrUnexpectedEOF
	}
	return err
}

func (c *cache) count(n int) {
	c.preads.Add(1)
	c.bytesRead.Add(int64(n))
}

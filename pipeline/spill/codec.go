package spill

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// The record format the helpers below share: a field is a uvarint, a
// zigzag varint, or a uvarint length followed by that many bytes. Fields
// carry no tags; the codec reads them back in the order it appended them.

// AppendString appends s as its length, a uvarint, and its bytes.
func AppendString(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

// AppendUvarint appends v in 1 to 10 bytes, fewer for smaller values.
func AppendUvarint(buf []byte, v uint64) []byte { return binary.AppendUvarint(buf, v) }

// AppendVarint appends v zigzag-encoded, so that small negative values are
// as short as small positive ones.
func AppendVarint(buf []byte, v int64) []byte { return binary.AppendVarint(buf, v) }

// ErrMalformed is wrapped by every error of a Reader.
var ErrMalformed = errors.New("malformed record")

// Reader reads a record field by field, in the order the fields were
// appended. The first malformed field sets an error, which Err and Done
// return; every read after it returns a zero value, so that a Decode reads
// all its fields and checks once, at the end:
//
//	d := spill.NewReader(rec)
//	r.Name = d.String()
//	r.Count = d.Varint()
//	return d.Done()
type Reader struct {
	rec   string
	off   int // of the next field
	field int // fields read so far, to name the malformed one
	err   error
}

// NewReader returns a Reader at the start of rec.
func NewReader(rec string) Reader { return Reader{rec: rec} }

// String reads a string field. It is a substring of the record, not a
// copy. (Being a String method, it makes *Reader a fmt.Stringer: printing
// a *Reader reads a field.)
func (d *Reader) String() string {
	if d.err != nil {
		return ""
	}
	d.field++
	n, ok := d.uvarint()
	if !ok {
		return ""
	}
	if left := len(d.rec) - d.off; n > uint64(left) {
		d.fail(fmt.Sprintf("string of %d bytes, only %d left", n, left))
		return ""
	}
	s := d.rec[d.off : d.off+int(n)]
	d.off += int(n)
	return s
}

// Uvarint reads a field appended by AppendUvarint.
func (d *Reader) Uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	d.field++
	v, _ := d.uvarint()
	return v
}

// Varint reads a field appended by AppendVarint.
func (d *Reader) Varint() int64 {
	if d.err != nil {
		return 0
	}
	d.field++
	u, _ := d.uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// uvarint decodes a uvarint at d.off and moves past it. It reads the
// string itself, as binary.Uvarint would read a []byte, because converting
// the record to a []byte would copy it.
func (d *Reader) uvarint() (uint64, bool) {
	var v uint64
	for i := 0; ; i++ {
		if i == binary.MaxVarintLen64 {
			d.fail("varint longer than 10 bytes")
			return 0, false
		}
		if d.off+i >= len(d.rec) {
			d.fail("varint cut short by the end of the record")
			return 0, false
		}
		b := d.rec[d.off+i]
		if b < 0x80 {
			if i == binary.MaxVarintLen64-1 && b > 1 {
				d.fail("varint overflows 64 bits")
				return 0, false
			}
			d.off += i + 1
			return v | uint64(b)<<(7*i), true
		}
		v |= uint64(b&0x7f) << (7 * i)
	}
}

func (d *Reader) fail(msg string) {
	d.err = fmt.Errorf("%w: field %d at byte %d of %d: %s", ErrMalformed, d.field, d.off, len(d.rec), msg)
}

// Err is the error of the first malformed field read, or nil.
func (d *Reader) Err() error { return d.err }

// Done is Err, and also an error when bytes are left after the last field
// read: a record longer than its codec expects was written by another
// codec, or the fields were read in the wrong order.
func (d *Reader) Done() error {
	if d.err == nil && d.off < len(d.rec) {
		d.err = fmt.Errorf("%w: %d bytes left over after field %d", ErrMalformed, len(d.rec)-d.off, d.field)
	}
	return d.err
}

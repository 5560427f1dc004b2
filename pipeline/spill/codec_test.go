package spill

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestReaderRoundTrip(t *testing.T) {
	ints := []int64{0, 1, -1, 63, -64, 64, -65, math.MaxInt64, math.MinInt64}
	uints := []uint64{0, 1, 127, 128, 1 << 35, math.MaxUint64}
	strs := []string{"", "a", "Ж東🚀", strings.Repeat("x", 300)}
	var buf []byte
	for _, v := range ints {
		buf = AppendVarint(buf, v)
	}
	for _, v := range uints {
		buf = AppendUvarint(buf, v)
	}
	for _, s := range strs {
		buf = AppendString(buf, s)
	}
	d := NewReader(string(buf))
	for _, want := range ints {
		if got := d.Varint(); got != want {
			t.Errorf("Varint = %d, want %d", got, want)
		}
	}
	for _, want := range uints {
		if got := d.Uvarint(); got != want {
			t.Errorf("Uvarint = %d, want %d", got, want)
		}
	}
	for _, want := range strs {
		if got := d.String(); got != want {
			t.Errorf("String = %q, want %q", got, want)
		}
	}
	if err := d.Done(); err != nil {
		t.Error(err)
	}
}

func TestReaderErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		rec  string
		read func(d *Reader)
		want string
	}{
		{"empty", "", func(d *Reader) { d.Uvarint() }, "field 1 at byte 0 of 0: varint cut short"},
		{"truncated varint", "\x05\x80\x80", func(d *Reader) { d.Uvarint(); d.Varint() }, "field 2 at byte 1 of 3: varint cut short"},
		{"varint too long", strings.Repeat("\x80", 10) + "\x01", func(d *Reader) { d.Uvarint() }, "varint longer than 10 bytes"},
		{"varint overflows", strings.Repeat("\xff", 9) + "\x02", func(d *Reader) { d.Uvarint() }, "varint overflows 64 bits"},
		{"string past the end", string(AppendUvarint(nil, 10)) + "abc", func(d *Reader) { _ = d.String() }, "field 1 at byte 1 of 4: string of 10 bytes, only 3 left"},
		{"huge string length", string(AppendUvarint(nil, math.MaxUint64)) + "abc", func(d *Reader) { _ = d.String() }, "only 3 left"},
		{"string length cut short", "\x80", func(d *Reader) { _ = d.String() }, "field 1 at byte 0 of 1: varint cut short"},
		{"left over", string(AppendString(AppendVarint(nil, -3), "ab")) + "zz", func(d *Reader) { d.Varint(); _ = d.String() }, "2 bytes left over after field 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := NewReader(tc.rec)
			tc.read(&d)
			err := d.Done()
			if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Done = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// After an error every read is a zero value and the first error stays,
// even where the bytes that follow would read.
func TestReaderStopsAtFirstError(t *testing.T) {
	rec := string(AppendUvarint(nil, 99)) + string(AppendString(AppendVarint(nil, 5), "ok"))
	d := NewReader(rec)
	if s := d.String(); s != "" {
		t.Errorf("String = %q", s)
	}
	first := d.Err()
	if first == nil {
		t.Fatal("no error")
	}
	if v, s := d.Varint(), d.String(); v != 0 || s != "" {
		t.Errorf("after the error: %d, %q; want zero values", v, s)
	}
	if d.Done() != first {
		t.Errorf("Done = %v, want the first error %v", d.Done(), first)
	}
}

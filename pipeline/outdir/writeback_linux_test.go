package outdir

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// StartWriteback reaches the kernel: it starts the writing of a file,
// leaving its bytes as they are, and the kernel's refusal for a pipe, or
// for a closed file, comes back.
func TestStartWriteback(t *testing.T) {
	path := filepath.Join(t.TempDir(), "table.csv")
	data := bytes.Repeat([]byte("statement_id,quote\n"), 1<<16)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := StartWriteback(f); err != nil {
		t.Errorf("StartWriteback of a file just written: %v", err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, data) {
		t.Errorf("the file after StartWriteback: %d bytes (error %v); want the %d written", len(got), err, len(data))
	}
	if err := StartWriteback(f); err == nil {
		t.Error("StartWriteback of a closed file: no error")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if err := StartWriteback(w); !errors.Is(err, syscall.ESPIPE) {
		t.Errorf("StartWriteback of a pipe: %v; want the kernel's ESPIPE", err)
	}
}

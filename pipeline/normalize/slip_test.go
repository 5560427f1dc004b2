package normalize

import "testing"

func TestSlip(t *testing.T) {
	for _, tc := range []struct {
		written, name string
		distance      int
		ok            bool
	}{
		{"Officals", "officials", 1, true}, // a letter left out, case aside
		{"PERSON-7", "person-7", 0, true},  // case alone
		{"tj-mod", "tj-mfa", 2, true},      // two in six
		{"tj-mod", "tj-mid", 1, true},
		{"abc", "abd", 1, true},         // one in a short name
		{"abc", "xbd", 0, false},        // two in a short one make another name
		{"Душамбе", "Душанбе", 1, true}, // characters, not bytes
		{"Ministry of Defense", "Ministry of Defence", 1, true},
		{"Ministry of Defense", "Ministry of Foreign Affairs", 0, false},
		{"person-0000000-0", "person-0000000-01234", 0, false}, // lengths too far apart
		{"Serbja", "Serbia", 1, true},
		{"Serbja", "Serbian", 2, true},
	} {
		d, ok := NewSlip(tc.written).For(tc.name)
		if ok != tc.ok || ok && d != tc.distance {
			t.Errorf("NewSlip(%q).For(%q) = %d, %v; want %d, %v", tc.written, tc.name, d, ok, tc.distance, tc.ok)
		}
	}
	// The closest, and the first of the equally close.
	if i := NewSlip("Serbja").Closest([]string{"Serbian", "Nigeria", "Serbia", "Gambia"}); i != 2 {
		t.Errorf("Closest = %d, want 2 (Serbia)", i)
	}
	if i := NewSlip("abc").Closest([]string{"xyz", "abd", "abe"}); i != 1 {
		t.Errorf("Closest = %d, want 1 (the first of two at one)", i)
	}
	if i := NewSlip("abc").Closest([]string{"xyz"}); i != -1 {
		t.Errorf("Closest = %d, want -1", i)
	}
}

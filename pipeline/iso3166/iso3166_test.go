package iso3166

import "testing"

func TestByAlpha3(t *testing.T) {
	for _, code := range []string{"TJK", "IRN", "RUS", "UKR", "UZB", "ARM", "SRB", "DZA", "VEN", "USA"} {
		if _, ok := ByAlpha3(code); !ok {
			t.Errorf("ByAlpha3(%q) not found", code)
		}
	}
	for _, code := range []string{"", "XXX", "tjk", "TJ"} {
		if c, ok := ByAlpha3(code); ok {
			t.Errorf("ByAlpha3(%q) = %v, want not found", code, c)
		}
	}
	if n := len(All()); n < 240 {
		t.Errorf("All() has %d countries, want the whole standard (about 249)", n)
	}
}

func TestNumeric(t *testing.T) {
	for alpha3, numeric := range map[string]string{"TJK": "762", "ARM": "051", "DZA": "012", "USA": "840"} {
		if c, ok := ByAlpha3(alpha3); !ok || c.Numeric != numeric {
			t.Errorf("%s: numeric %q, want %s", alpha3, c.Numeric, numeric)
		}
	}
}

package normalize

import (
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unsafe"
)

var testRefs = []CountryAlias{
	{ISO3: "TJK", Name: "Tajikistan", Aliases: []string{"Tajik", "Republic of Tajikistan"}},
	{ISO3: "USA", Name: "United States", Aliases: []string{"U.S."}},
	{ISO3: "IRN", Name: "Iran", Aliases: []string{"Iranian"}},
}

func testCountries(t testing.TB) *Countries {
	t.Helper()
	c, errs := NewCountries(testRefs)
	if len(errs) != 0 {
		t.Fatalf("NewCountries: %v", errs)
	}
	return c
}

func TestResolve(t *testing.T) {
	c := testCountries(t)
	tests := []struct{ raw, want string }{
		{"Tajik", "TJK"},
		{"Tajikistan", "TJK"},
		{"Republic of Tajikistan", "TJK"},
		{"U.S.", "USA"},
		{"United States", "USA"},
		{"Iran", "IRN"},
		{"Iranian", "IRN"},
		{"TJK", "TJK"},
		{"UZB", "UZB"},                        // a code needs no reference entry
		{"Russian Federation", "RUS"},         // ISO name from the library, no reference entry
		{"Iran (Islamic Republic of)", "IRN"}, // the ISO name still resolves beside the reference name
		{"  Tajik ", "TJK"},
		{"Republic  of\nTajikistan", "TJK"},
	}
	for _, tt := range tests {
		got, err := c.Resolve(tt.raw)
		if err != nil {
			t.Errorf("Resolve(%q): %v", tt.raw, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Resolve(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
}

func TestResolveErrors(t *testing.T) {
	c := testCountries(t)
	tests := []struct{ raw, want string }{
		{"tajik", `unknown country "tajik"; did you mean "Tajikistan" (TJK)?`},
		{"IRANIAN", `did you mean "Iran" (IRN)?`},
		{"Serbja", `unknown country "Serbja"; did you mean "Serbia" (SRB)?`},           // a slip: the closest form
		{"Tajikstan", `unknown country "Tajikstan"; did you mean "Tajikistan" (TJK)?`}, // a letter left out
		{"Narnia", `unknown country "Narnia": not an ISO 3166-1 name or alpha-3 code`},
		{"tjk", `unknown country "tjk"`},
		{"XYZ", `unknown country "XYZ"`},
		{"", `unknown country ""`},
	}
	for _, tt := range tests {
		got, err := c.Resolve(tt.raw)
		if err == nil {
			t.Errorf("Resolve(%q) = %q, want an error", tt.raw, got)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Resolve(%q) error %q, want it to contain %q", tt.raw, err, tt.want)
		}
		if got != "" {
			t.Errorf("Resolve(%q) = %q with an error", tt.raw, got)
		}
		// Only a country with no suggestion is ErrNoCountry, which the
		// build answers with where aliases are added.
		if suggests := strings.Contains(err.Error(), "did you mean"); errors.Is(err, ErrNoCountry) == suggests {
			t.Errorf("Resolve(%q): errors.Is(ErrNoCountry) = %v with %q", tt.raw, !suggests, err)
		}
	}
}

// TestNoFalseSuggestions: a name that is another country's, not a slip
// for it, is not told that country (the tryout's cases, against the
// reference's forms).
func TestNoFalseSuggestions(t *testing.T) {
	c, errs := NewCountries([]CountryAlias{
		{ISO3: "PRK", Name: "North Korea"}, {ISO3: "POL", Name: "Poland"}, {ISO3: "SRB", Name: "Serbia"},
		{ISO3: "GHA", Name: "Ghana"}, {ISO3: "ESP", Name: "Spain"}, {ISO3: "SYR", Name: "Syria", Aliases: []string{"Syrian"}},
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, raw := range []string{"South Korea", "Holland", "Persia", "Gaza"} {
		if _, err := c.Resolve(raw); err == nil || strings.Contains(err.Error(), "did you mean") {
			t.Errorf("Resolve(%q): %v", raw, err)
		}
	}
	// Two letters swapped are one slip: Syrian, not Spain (two edits).
	if _, err := c.Resolve("Syrain"); err == nil || !strings.HasSuffix(err.Error(), `did you mean "Syrian" (SYR)?`) {
		t.Errorf("Resolve(%q): %v", "Syrain", err)
	}
}

func TestNewCountriesErrors(t *testing.T) {
	tests := []struct {
		name string
		refs []CountryAlias
		want []string
	}{
		{"unknown code", []CountryAlias{{ISO3: "XYZ", Name: "Xyzland"}}, []string{`"XYZ" is not an ISO 3166-1 alpha-3 code`}},
		{"lower-case code", []CountryAlias{{ISO3: "tjk", Name: "Tajikistan"}}, []string{`"tjk" is not an ISO 3166-1 alpha-3 code`}},
		{"alias of two codes", []CountryAlias{
			{ISO3: "IRN", Name: "Iran", Aliases: []string{"Persia"}},
			{ISO3: "TJK", Name: "Tajikistan", Aliases: []string{"Persia"}},
		}, []string{`"Persia" maps to both IRN and TJK`}},
		{"name of two codes", []CountryAlias{
			{ISO3: "IRN", Name: "Iran"},
			{ISO3: "TJK", Name: "Iran"},
		}, []string{`"Iran" maps to both IRN and TJK`}},
		{"every error at once", []CountryAlias{
			{ISO3: "XYZ", Name: "Xyzland"},
			{ISO3: "IRN", Name: "Iran", Aliases: []string{"Persia"}},
			{ISO3: "TJK", Name: "Tajikistan", Aliases: []string{"Persia"}},
		}, []string{`"XYZ" is not an ISO 3166-1 alpha-3 code`, `"Persia" maps to both IRN and TJK`}},
	}
	for _, tt := range tests {
		_, errs := NewCountries(tt.refs)
		var got []string
		for _, e := range errs {
			got = append(got, e.Error())
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: NewCountries errors %q, want %q", tt.name, got, tt.want)
		}
	}
	// The same form repeated for one code is not a conflict.
	if _, errs := NewCountries([]CountryAlias{{ISO3: "TJK", Name: "Tajikistan", Aliases: []string{"Tajik", "Tajik", "Tajikistan"}}}); len(errs) != 0 {
		t.Errorf("NewCountries with a repeated form: %v", errs)
	}
}

func TestCountryNames(t *testing.T) {
	c := testCountries(t)
	for code, want := range map[string]string{
		"IRN": "Iran", // the reference name wins over "Iran (Islamic Republic of)"
		"TJK": "Tajikistan",
		"USA": "United States",
		"RUS": "Russian Federation", // no reference entry: the ISO name
		"XYZ": "",
	} {
		if got := c.Name(code); got != want {
			t.Errorf("Name(%q) = %q, want %q", code, got, want)
		}
	}
	if got, want := c.Aliases("TJK"), []string{"Republic of Tajikistan", "Tajik"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Aliases(TJK) = %q, want %q", got, want)
	}
	forms := c.Forms()
	if forms["Tajik"] != "TJK" || forms["U.S."] != "USA" || forms["Russian Federation"] != "RUS" {
		t.Errorf("Forms() lacks reference or ISO forms: Tajik=%q U.S.=%q Russian Federation=%q", forms["Tajik"], forms["U.S."], forms["Russian Federation"])
	}
	forms["Tajik"] = "XXX"
	if got, _ := c.Resolve("Tajik"); got != "TJK" {
		t.Errorf("changing the map Forms() returned changed the resolver: Resolve(Tajik) = %q", got)
	}
}

func FuzzResolve(f *testing.F) {
	for _, s := range []string{"Tajik", "U.S.", "TJK", "Russian Federation", "  Tajik ", "tajik", "Narnia", "", "tjk", "Iran (Islamic Republic of)"} {
		f.Add(s)
	}
	c := testCountries(f)
	f.Fuzz(func(t *testing.T, raw string) {
		code, err := c.Resolve(raw)
		checkResolve(t, c, raw, code, err)
		if err != nil {
			if code != "" {
				t.Fatalf("Resolve(%q) = %q with error %v", raw, code, err)
			}
			return
		}
		if len(code) != 3 {
			t.Fatalf("Resolve(%q) = %q: not three letters", raw, code)
		}
		for _, r := range code {
			if r < 'A' || r > 'Z' {
				t.Fatalf("Resolve(%q) = %q: not upper-case letters", raw, code)
			}
		}
		if c.Name(code) == "" {
			t.Fatalf("Resolve(%q) = %q, which has no name", raw, code)
		}
		// The code and the display name resolve to the code itself.
		for _, form := range []string{code, c.Name(code)} {
			if back, err := c.Resolve(form); back != code {
				t.Fatalf("Resolve(%q) = %q, but Resolve(%q) = %q, %v", raw, code, form, back, err)
			}
		}
	})
}

var suggestionRE = regexp.MustCompile(`did you mean "(.*)" \(([A-Z]{3})\)\?$`)

// checkResolve: blanks around a name change nothing, and a suggestion made
// for an unknown name is a name that resolves to the code it gives.
func checkResolve(t *testing.T, c *Countries, raw string, code string, err error) {
	t.Helper()
	if code2, err2 := c.Resolve("\t " + raw + "\n"); code2 != code || (err == nil) != (err2 == nil) {
		t.Fatalf("Resolve(%q) = %q, %v; with blanks around it %q, %v", raw, code, err, code2, err2)
	}
	if err == nil {
		return
	}
	if m := suggestionRE.FindStringSubmatch(err.Error()); m != nil {
		if got, err := c.Resolve(m[1]); got != m[2] {
			t.Fatalf("Resolve(%q): %v; but the suggestion resolves to %q, %v", raw, err, got, err)
		}
	}
}

// A code written as such comes back as the standard's own string, not as a
// part of the text it was read from, which would keep that text alive.
func TestResolveCodeIsNotTheInput(t *testing.T) {
	c := testCountries(t)
	text := "they named FRA"
	raw := text[len(text)-3:]
	code, err := c.Resolve(raw)
	if err != nil || code != "FRA" {
		t.Fatalf("Resolve(%q) = %q, %v", raw, code, err)
	}
	if unsafe.StringData(code) == unsafe.StringData(raw) {
		t.Errorf("Resolve(%q) returned its input, a part of the text it was read from", raw)
	}
}

// TestSharedNames: a name several countries share is no country's, not
// even the ISO library's ("Congo" is its name for the Republic of the
// Congo, and many a text's for its neighbour, which it once resolved to
// silently): Resolve tells the countries it may mean, and SharedNames
// gives it to a scan.
func TestSharedNames(t *testing.T) {
	refs := []CountryAlias{
		{ISO3: "COD", Name: "Democratic Republic of the Congo", Aliases: []string{"DRC"}},
		{ISO3: "COG", Name: "Republic of the Congo"},
	}
	c, errs := NewCountries(refs, SharedName{Form: "Congo", ISO3: []string{"COG", "COD", "COG"}})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if code, ok := c.Code("Congo"); ok {
		t.Errorf("Code(Congo) = %s; a shared name is no country's", code)
	}
	want := `country "Congo": a name COD and COG share; write the one meant: "Democratic Republic of the Congo" (COD) or "Republic of the Congo" (COG)`
	if _, err := c.Resolve("Congo"); err == nil || err.Error() != want {
		t.Errorf("Resolve(Congo): %v\nwant %s", err, want)
	}
	if got := c.SharedNames(); !reflect.DeepEqual(got, map[string][]string{"Congo": {"COD", "COG"}}) {
		t.Errorf("SharedNames() = %v", got)
	}
	if _, ok := c.Forms()["Congo"]; ok {
		t.Error("Forms() holds the shared name as one country's")
	}
	for code, raw := range map[string]string{"COD": "DRC", "COG": "Republic of the Congo"} {
		if got, err := c.Resolve(raw); got != code || err != nil {
			t.Errorf("Resolve(%q) = %q, %v; want %s", raw, got, err, code)
		}
	}
	for _, tc := range []struct {
		shared SharedName
		want   string
	}{
		{SharedName{Form: "DRC", ISO3: []string{"COD", "COG"}}, `"DRC" is a form of COD, and cannot also be a name countries share`},
		{SharedName{Form: "Congo", ISO3: []string{"COD"}}, `shared name "Congo": list the two or more countries that share it`},
		{SharedName{Form: "Congo", ISO3: []string{"COD", "XYZ"}}, `"XYZ" is not an ISO 3166-1 alpha-3 code`},
	} {
		_, errs := NewCountries(refs, tc.shared)
		var re *RefError
		if len(errs) != 1 || errs[0].Error() != tc.want || !errors.As(errs[0], &re) || re.Entry != len(refs) {
			t.Errorf("shared %+v: errors %v; want one, of entry %d: %s", tc.shared, errs, len(refs), tc.want)
		}
	}
}

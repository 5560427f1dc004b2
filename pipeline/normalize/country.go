package normalize

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"newsfacts/pipeline/iso3166"
)

// Countries resolves the names, aliases and demonyms of countries to ISO
// 3166-1 alpha-3 codes. Official names come from the ISO library, the rest
// from the reference data.
type Countries struct {
	forms  map[string]string   // surface form -> alpha-3
	folded map[string]string   // lower-cased form -> alpha-3, for suggestions
	sorted []string            // every form, sorted, for suggestions
	names  map[string]string   // alpha-3 -> display name
	shared map[string][]string // a name several countries share -> their codes, sorted
}

// CountryAlias is one reference entry: a code, its display name and other forms.
type CountryAlias struct {
	ISO3    string
	Name    string
	Aliases []string
}

// SharedName is a name that several countries share ("Congo", "Korean"):
// a text that writes it names one of them, and which one only the context
// says.
type SharedName struct {
	Form string
	ISO3 []string
}

// NewCountries builds the resolver. It fails on a code ISO 3166-1 does not
// have or on a form that would map to two countries. A shared name is no
// country's form, not even the ISO library's ("Congo" is its name for the
// Republic of the Congo, and many a text's for its neighbour): Resolve
// refuses it, and SharedNames gives it to a scan of texts.
//
// Each error is a *RefError, which says the index of its entry in refs,
// or, past the last of refs, in shared.
func NewCountries(refs []CountryAlias, shared ...SharedName) (*Countries, []error) {
	c := &Countries{forms: map[string]string{}, folded: map[string]string{}, names: map[string]string{}, shared: map[string][]string{}}
	for _, k := range iso3166.All() {
		c.names[k.Alpha3] = k.Name
		c.forms[k.Name] = k.Alpha3
	}
	var errs []error
	owner := map[string]string{} // forms claimed by the reference data
	for i, r := range refs {
		if _, ok := iso3166.ByAlpha3(r.ISO3); !ok {
			errs = append(errs, &RefError{i, fmt.Errorf("%q is not an ISO 3166-1 alpha-3 code", r.ISO3)})
			continue
		}
		if r.Name != "" {
			c.names[r.ISO3] = r.Name
		}
		for _, f := range append([]string{r.Name}, r.Aliases...) {
			if f == "" {
				continue
			}
			if prev, ok := owner[f]; ok && prev != r.ISO3 {
				errs = append(errs, &RefError{i, fmt.Errorf("%q maps to both %s and %s", f, prev, r.ISO3)})
				continue
			}
			owner[f] = r.ISO3
			c.forms[f] = r.ISO3
		}
	}
	for i, sh := range shared {
		entry := len(refs) + i
		codes := slices.Clone(sh.ISO3)
		slices.Sort(codes)
		codes = slices.Compact(codes)
		switch bad := slices.IndexFunc(codes, func(code string) bool { _, ok := iso3166.ByAlpha3(code); return !ok }); {
		case bad >= 0:
			errs = append(errs, &RefError{entry, fmt.Errorf("%q is not an ISO 3166-1 alpha-3 code", codes[bad])})
			continue
		case len(codes) < 2:
			errs = append(errs, &RefError{entry, fmt.Errorf("shared name %q: list the two or more countries that share it", sh.Form)})
			continue
		}
		if prev, ok := owner[sh.Form]; ok {
			errs = append(errs, &RefError{entry, fmt.Errorf("%q is a form of %s, and cannot also be a name countries share", sh.Form, prev)})
			continue
		}
		if _, dup := c.shared[sh.Form]; dup {
			errs = append(errs, &RefError{entry, fmt.Errorf("shared name %q listed twice", sh.Form)})
			continue
		}
		delete(c.forms, sh.Form) // the library's name, if it is one
		c.shared[sh.Form] = codes
	}
	for f, code := range c.forms {
		c.folded[strings.ToLower(f)] = code
		c.sorted = append(c.sorted, f)
	}
	sort.Strings(c.sorted)
	return c, errs
}

// RefError is a problem with one entry of the country reference.
type RefError struct {
	Entry int // its index in the references given to NewCountries
	Err   error
}

func (e *RefError) Error() string { return e.Err.Error() }
func (e *RefError) Unwrap() error { return e.Err }

// Resolve maps a country as written ("Tajik", "U.S.", "Tajikistan", "TJK")
// to its alpha-3 code: the standard's own string, never a part of raw, which
// would keep raw's whole text alive wherever the code is kept.
func (c *Countries) Resolve(raw string) (string, error) {
	if code, ok := c.Code(raw); ok {
		return code, nil
	}
	s := strings.Join(strings.Fields(raw), " ")
	if codes, ok := c.shared[s]; ok {
		var names []string
		for _, code := range codes {
			names = append(names, fmt.Sprintf("%q (%s)", c.names[code], code))
		}
		return "", fmt.Errorf("country %q: a name %s share; write the one meant: %s", raw, strings.Join(codes, " and "), strings.Join(names, " or "))
	}
	if code, ok := c.folded[strings.ToLower(s)]; ok {
		return "", &UnknownCountryError{Written: raw, Meant: c.names[code], Code: code}
	}
	if i := NewSlip(s).Closest(c.sorted); i >= 0 {
		form := c.sorted[i]
		return "", &UnknownCountryError{Written: raw, Meant: form, Code: c.forms[form]}
	}
	return "", fmt.Errorf("unknown country %q: %w", raw, ErrNoCountry)
}

// UnknownCountryError is a country written as no form of one, but close
// to a form: another case, or a slip of the keyboard.
type UnknownCountryError struct {
	Written string // as written
	Meant   string // the form it is closest to
	Code    string // Meant's alpha-3 code
}

func (e *UnknownCountryError) Error() string {
	return fmt.Sprintf("unknown country %q; did you mean %q (%s)?", e.Written, e.Meant, e.Code)
}

// ErrNoCountry is why a country that is not a slip for any form is
// unknown: a caller that knows where the reference is can say so.
var ErrNoCountry = errors.New("not an ISO 3166-1 name or alpha-3 code, nor an alias in the country reference")

// Code is Resolve without its error, for a caller that has its own: it
// does not look for a suggestion.
func (c *Countries) Code(raw string) (string, bool) {
	s := strings.Join(strings.Fields(raw), " ")
	if code, ok := c.forms[s]; ok {
		return code, true
	}
	if c, ok := iso3166.ByAlpha3(s); ok {
		return c.Alpha3, true
	}
	return "", false
}

// Len is the number of countries; none for a nil Countries.
func (c *Countries) Len() int {
	if c == nil {
		return 0
	}
	return len(c.names)
}

// Name returns the display name of a code.
func (c *Countries) Name(iso3 string) string { return c.names[iso3] }

// Forms returns every surface form and its code, for scanning texts.
func (c *Countries) Forms() map[string]string {
	out := make(map[string]string, len(c.forms))
	for f, code := range c.forms {
		out[f] = code
	}
	return out
}

// SharedNames returns every name that several countries share, with
// their codes, sorted.
func (c *Countries) SharedNames() map[string][]string {
	out := make(map[string][]string, len(c.shared))
	for f, codes := range c.shared {
		out[f] = slices.Clone(codes)
	}
	return out
}

// Aliases returns the reference forms of a code other than its display name, sorted.
func (c *Countries) Aliases(iso3 string) []string {
	var out []string
	for f, code := range c.forms {
		if code == iso3 && f != c.names[iso3] {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// Package iso3166 answers what the ISO 3166-1 standard says: which alpha-3
// codes exist and the official English name of each. It is the only package
// that imports the country-code library; aliases, demonyms and common names
// are reference data under data/reference, not code.
package iso3166

import (
	"fmt"
	"sort"
	"strings"

	"github.com/biter777/countries"
)

// Country is one ISO 3166-1 entry.
type Country struct {
	Alpha3  string // e.g. "TJK"
	Numeric string // three digits, e.g. "762": the id world maps use
	Name    string // the library's English name, e.g. "Iran (Islamic Republic of)"
}

var all = load()

func load() []Country {
	var out []Country
	for _, c := range countries.All() {
		code := c.Alpha3()
		if len(code) != 3 || code != strings.ToUpper(code) {
			continue
		}
		out = append(out, Country{Alpha3: code, Numeric: fmt.Sprintf("%03d", int(c)), Name: c.String()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Alpha3 < out[j].Alpha3 })
	return out
}

// All returns every country, sorted by alpha-3 code.
func All() []Country { return append([]Country(nil), all...) }

// ByAlpha3 looks up an upper-case alpha-3 code.
func ByAlpha3(code string) (Country, bool) {
	i := sort.Search(len(all), func(i int) bool { return all[i].Alpha3 >= code })
	if i < len(all) && all[i].Alpha3 == code {
		return all[i], true
	}
	return Country{}, false
}

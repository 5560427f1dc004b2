// Package coverage finds the mentions in a source text that curated facts
// must account for: countries, dates, numbers and quoted passages.
//
// It only finds them. Comparing them with the curated facts happens
// elsewhere. Finding too much costs a curator a glance. Missing something
// means a gap in the dataset goes unnoticed. So the rules lean towards
// reporting, and they hold back only where a word is usually something else
// ("May" the verb, "one" the pronoun, "F-16" the aircraft).
//
// Offsets are Unicode code points because that is how the provenance
// selectors (W3C TextPositionSelector) and Python tooling count. A string
// that is not valid UTF-8 is read the way []rune(s) reads it: each bad byte
// is one U+FFFD code point. So offsets always agree with a []rune
// conversion.
package coverage

import (
	"slices"
	"strings"
	"sync"
	"unicode"
)

// Kind says which rule found a mention, so the comparison step can pick
// the matching fact field.
type Kind string

// Kinds are listed in the order Scan uses for mentions that start at the
// same offset.
const (
	Country   Kind = "country"
	Date      Kind = "date"
	Number    Kind = "number"
	Quotation Kind = "quotation"
)

func (k Kind) String() string { return string(k) }

func kindRank(k Kind) int {
	switch k {
	case Country:
		return 0
	case Date:
		return 1
	case Number:
		return 2
	case Quotation:
		return 3
	}
	return 4
}

// Mention is one thing found in a text. Start and End are Unicode code point
// offsets into the text (Start inclusive, End exclusive, as Python slicing and
// W3C TextPositionSelector count).
type Mention struct {
	Kind  Kind
	Text  string // the exact text of the span, text[Start:End] in code points
	Start int
	End   int
	// ISO3 is, for Country, the ISO 3166-1 alpha-3 code the surface form
	// maps to, or the codes of the countries that share it ("Congo": "COD
	// COG"), sorted and separated by spaces; empty otherwise.
	ISO3 string
}

// Codes returns the countries a Country mention may name: its one, or
// those that share its name.
func (m Mention) Codes() []string { return strings.Fields(m.ISO3) }

// Shared reports whether a Country mention is of a name that several
// countries share.
func (m Mention) Shared() bool { return strings.Contains(m.ISO3, " ") }

// SharedISO3 is the ISO3 of a mention of a name the countries codes
// share (see Mention).
func SharedISO3(codes []string) string { return strings.Join(codes, " ") }

// Scanner is built once from the country surface forms and reused for every
// text. The forms go into a trie because there are hundreds of them. Trying
// each one at each position would be too slow. A trie walk costs at most the
// length of the longest form at each position, so a scan stays linear in the
// text. A Scanner is never changed after NewScanner, so one Scanner can be
// used by many goroutines at once.
type Scanner struct {
	nodes []trieNode // nodes[0] is the root; empty for a zero Scanner
}

type trieNode struct {
	next map[rune]int32
	iso  string
	term bool // a surface form ends here
}

// NewScanner takes a map from surface form ("Tajikistan", "Tajik", "Iranian",
// "U.S.", "Republic of Tajikistan") to ISO3 code.
//
// Forms are kept case-sensitive. The lower-case forms of country names are
// common words ("chad", "turkey", "jordan"). The empty form is ignored
// because it would match everywhere.
func NewScanner(countryForms map[string]string) *Scanner {
	s := &Scanner{nodes: []trieNode{{}}}
	for form, iso := range countryForms {
		if form == "" {
			continue
		}
		n := 0
		// Ranging over the string decodes bad bytes to U+FFFD, just as
		// []rune does for the text, so such forms match consistently.
		for _, r := range form {
			if s.nodes[n].next == nil {
				s.nodes[n].next = make(map[rune]int32)
			}
			c, ok := s.nodes[n].next[r]
			if !ok {
				c = int32(len(s.nodes))
				s.nodes = append(s.nodes, trieNode{})
				s.nodes[n].next[r] = c
			}
			n = int(c)
		}
		s.nodes[n].term = true
		s.nodes[n].iso = iso
	}
	return s
}

// Scan returns every mention in text, sorted by Start, then by Kind.
// Deterministic.
//
// Countries, dates and numbers are each found in one left-to-right pass that
// takes the longest match and then skips past it. A country never swallows a
// number, nor a number a country, because no rule produces both from the same
// characters. Quotations are found on their own and may overlap anything. A
// curator must still capture a country named inside a quote.
func (s *Scanner) Scan(text string) []Mention {
	buf := runeBuffers.Get().(*[]rune)
	defer runeBuffers.Put(buf)
	rs := slices.Grow((*buf)[:0], len(text)) // no more code points than bytes
	for _, r := range text {                 // as []rune(text): a byte that is not UTF-8 is one U+FFFD
		rs = append(rs, r)
	}
	*buf = rs
	var out []Mention
	out = s.scanCountries(rs, out)
	dates := scanDates(rs)
	out = scanNumbers(rs, dates, out)
	out = append(out, dates...)
	out = scanQuotations(rs, out)
	slices.SortFunc(out, func(a, b Mention) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if ra, rb := kindRank(a.Kind), kindRank(b.Kind); ra != rb {
			return ra - rb
		}
		if a.End != b.End {
			return a.End - b.End
		}
		return strings.Compare(a.Text, b.Text)
	})
	return out
}

// runeBuffers hold the code points of the texts being scanned, reused
// from text to text (nothing found keeps a part of them): converted anew,
// a million statements' texts made half a gigabyte of garbage.
var runeBuffers = sync.Pool{New: func() any { return new([]rune) }}

func mention(rs []rune, k Kind, start, end int) Mention {
	return Mention{Kind: k, Text: string(rs[start:end]), Start: start, End: end}
}

// at returns 0 past either end, so that lookahead never needs a bounds check.
// 0 is neither a letter, a digit, nor any mark the rules look for.
func at(rs []rune, i int) rune {
	if i < 0 || i >= len(rs) {
		return 0
	}
	return rs[i]
}

// isWord uses unicode rather than regexp's ASCII-only \b. Otherwise a
// letter such as "ş" would not count as part of a word, and "Iran" would be
// found inside "Iranşahr".
func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// ---- countries ----

func (s *Scanner) scanCountries(rs []rune, out []Mention) []Mention {
	if s == nil || len(s.nodes) == 0 || s.nodes[0].next == nil {
		return out
	}
	for i := 0; i < len(rs); i++ {
		if isWord(at(rs, i-1)) {
			continue
		}
		node, best, iso := 0, -1, ""
		for j := i; j < len(rs); j++ {
			c, ok := s.nodes[node].next[rs[j]]
			if !ok {
				break
			}
			node = int(c)
			// The longest form that ends on a word boundary wins. If
			// "Iranian" ends inside "Iranians", "Iran" does too.
			if s.nodes[node].term && !isWord(at(rs, j+1)) {
				best, iso = j+1, s.nodes[node].iso
			}
		}
		if best > i {
			m := mention(rs, Country, i, best)
			m.ISO3 = iso
			out = append(out, m)
			i = best - 1
		}
	}
	return out
}

// ---- dates ----

type monthWord struct {
	w    []rune
	abbr bool // an abbreviation may carry a dot, which belongs to the date
	may  bool
}

// monthWords lists longer words first, so "Sept" is tried before "Sep" and
// "March" before "Mar".
var monthWords = func() []monthWord {
	full := []string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
	abbr := []string{"Sept", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	var ws []monthWord
	for _, f := range full {
		ws = append(ws, monthWord{w: []rune(f), may: f == "May"})
	}
	for _, a := range abbr {
		ws = append(ws, monthWord{w: []rune(a), abbr: true})
	}
	return ws
}()

// matchMonth matches a month word at i. Only the capitalised spelling
// counts: "may" and "march" in lower case are verbs. end includes an
// abbreviation's dot.
func matchMonth(rs []rune, i int) (end int, w monthWord, dotted, ok bool) {
	switch at(rs, i) {
	case 'J', 'F', 'M', 'A', 'S', 'O', 'N', 'D':
	default:
		return 0, w, false, false
	}
	if isWord(at(rs, i-1)) {
		return 0, w, false, false
	}
	for _, mw := range monthWords {
		e := i + len(mw.w)
		if e > len(rs) || !slices.Equal(rs[i:e], mw.w) || isWord(at(rs, e)) {
			continue
		}
		if mw.abbr && at(rs, e) == '.' {
			return e + 1, mw, true, true
		}
		return e, mw, false, true
	}
	return 0, w, false, false
}

// isSpace admits only spaces within a line. A date broken across a line
// break is rare. Letting dates join across lines would glue a month at the
// end of one line to a number at the start of the next.
func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u00a0' || r == '\u2009' || r == '\u202f'
}

func skipSpaces(rs []rune, i int) int {
	for isSpace(at(rs, i)) {
		i++
	}
	return i
}

// numberEndsHere reports whether a digit run that stops at i is a whole
// number. "1,000", "3.5", "12%" and "2nd" are not. The last one is
// checked only for letters: an ordinal suffix is handled by the caller.
func numberEndsHere(rs []rune, i int) bool {
	r := at(rs, i)
	if isWord(r) || r == '%' {
		return false
	}
	if (r == '.' || r == ',' || r == ':') && isDigit(at(rs, i+1)) {
		return false
	}
	return true
}

// parseDay reads a day of the month (1-31) at i, optionally with an ordinal
// suffix ("30th"). A day is accepted only inside a date pattern, so the
// suffix is safe here even though "2nd" alone is not a number.
func parseDay(rs []rune, i int) (int, bool) {
	j := i
	for j < len(rs) && isDigit(rs[j]) && j-i < 3 {
		j++
	}
	if j == i || j-i > 2 {
		return 0, false
	}
	v := 0
	for _, r := range rs[i:j] {
		v = v*10 + int(r-'0')
	}
	if v < 1 || v > 31 {
		return 0, false
	}
	if j+2 <= len(rs) && !isWord(at(rs, j+2)) {
		switch string(rs[j : j+2]) {
		case "st", "nd", "rd", "th":
			return j + 2, true
		}
	}
	if !numberEndsHere(rs, j) {
		return 0, false
	}
	return j, true
}

// isYear is the one definition of a year used by every date form. Limiting
// years to 1900-2099 keeps "October 30, 1500 protesters" from becoming a
// date. It also keeps a bare "1500" a number. Such years are rare in news.
func isYear(rs []rune, i, j int) bool {
	if j-i != 4 || i < 0 || j > len(rs) {
		return false
	}
	v := 0
	for _, r := range rs[i:j] {
		if !isDigit(r) {
			return false
		}
		v = v*10 + int(r-'0')
	}
	return v >= 1900 && v <= 2099
}

func parseYear(rs []rune, i int) (int, bool) {
	if !isYear(rs, i, i+4) || !numberEndsHere(rs, i+4) {
		return 0, false
	}
	return i + 4, true
}

// numberStart reports whether a digit at i can begin a number (or a day).
// A digit cannot begin one when it continues a word ("MQ9"), a hyphenated
// name ("F-16", "Ababil-2") or an earlier number ("1.2.3", "1,30").
func numberStart(rs []rune, i int) bool {
	p, pp := at(rs, i-1), at(rs, i-2)
	if isWord(p) {
		return false
	}
	if p == '-' && unicode.IsLetter(pp) {
		return false
	}
	if (p == '.' || p == ',') && unicode.IsDigit(pp) {
		return false
	}
	return true
}

// matchMonthFirst matches "October 30, 2022", "October 30", "October 2022"
// and "October". "May" alone and a dotless abbreviation alone are not
// dates. "May" is usually the verb, and "Jan", "Mar" and "Jun" are usually
// names or words. Next to a day or a year they are dates.
func matchMonthFirst(rs []rune, i int) (int, bool) {
	mEnd, mw, dotted, ok := matchMonth(rs, i)
	if !ok {
		return 0, false
	}
	j := skipSpaces(rs, mEnd)
	if j > mEnd && isDigit(at(rs, j)) {
		if dEnd, ok := parseDay(rs, j); ok {
			k := dEnd
			if at(rs, k) == ',' {
				k++
			}
			if y := skipSpaces(rs, k); y > k {
				if yEnd, ok := parseYear(rs, y); ok {
					return yEnd, true
				}
			}
			return dEnd, true
		}
		if yEnd, ok := parseYear(rs, j); ok {
			return yEnd, true
		}
	}
	if (mw.may && !afterTimeWord(rs, i)) || (mw.abbr && !dotted) {
		return 0, false
	}
	return mEnd, true
}

// timeWords are the words that make "May" after them the month: "in
// May", "since May", "mid-May". Not "by" or "after", which also come
// before a person called May.
var timeWords = map[string]bool{"in": true, "since": true, "until": true, "till": true, "during": true,
	"early": true, "late": true, "last": true, "next": true, "through": true, "throughout": true}

// afterTimeWord reports whether the word before i, across spaces, is
// one of timeWords, case aside, or i follows "mid-".
func afterTimeWord(rs []rune, i int) bool {
	if i >= 4 && strings.EqualFold(string(rs[i-4:i]), "mid-") && !isWord(at(rs, i-5)) {
		return true
	}
	j := i
	for j > 0 && isSpace(rs[j-1]) {
		j--
	}
	if j == i {
		return false
	}
	k := j
	for k > 0 && unicode.IsLetter(rs[k-1]) {
		k--
	}
	return k < j && timeWords[strings.ToLower(string(rs[k:j]))]
}

// matchDayFirst matches "30 October 2022" and "30 October".
func matchDayFirst(rs []rune, i int) (int, bool) {
	dEnd, ok := parseDay(rs, i)
	if !ok {
		return 0, false
	}
	j := skipSpaces(rs, dEnd)
	if j == dEnd {
		return 0, false
	}
	mEnd, _, _, ok := matchMonth(rs, j)
	if !ok {
		return 0, false
	}
	if y := skipSpaces(rs, mEnd); y > mEnd {
		if yEnd, ok := parseYear(rs, y); ok {
			return yEnd, true
		}
	}
	return mEnd, true
}

// matchISO matches "2022-10-30". The shape is distinctive enough that any
// four-digit year is accepted. The month and day are range-checked so
// that codes like "1234-56-78" stay numbers.
func matchISO(rs []rune, i int) (int, bool) {
	if i+10 > len(rs) {
		return 0, false
	}
	for k, r := range rs[i : i+10] {
		if k == 4 || k == 7 {
			if r != '-' {
				return 0, false
			}
		} else if !isDigit(r) {
			return 0, false
		}
	}
	mo := int(rs[i+5]-'0')*10 + int(rs[i+6]-'0')
	d := int(rs[i+8]-'0')*10 + int(rs[i+9]-'0')
	if mo < 1 || mo > 12 || d < 1 || d > 31 || !numberEndsHere(rs, i+10) {
		return 0, false
	}
	return i + 10, true
}

// scanDates finds every date except bare years. A bare year is a number
// token with a particular value, so scanNumbers finds those. That way a
// year and a number never disagree about where a digit run ends.
func scanDates(rs []rune) []Mention {
	var out []Mention
	for i := 0; i < len(rs); {
		end, ok := 0, false
		if r := rs[i]; r >= 'A' && r <= 'S' {
			end, ok = matchMonthFirst(rs, i)
		} else if isDigit(r) && numberStart(rs, i) {
			if end, ok = matchISO(rs, i); !ok {
				end, ok = matchDayFirst(rs, i)
			}
		}
		if ok {
			out = append(out, mention(rs, Date, i, end))
			i = end
			continue
		}
		i++
	}
	return out
}

// ---- numbers ----

// numberWords is what a spelled-out cardinal looks like in news prose.
// "one" is left out because it is far more often a pronoun ("one of the
// drones") than a count a curator would record.
var numberWords = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(`two three four five six seven eight nine ten
		eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty
		thirty forty fifty sixty seventy eighty ninety hundred thousand million billion`) {
		m[w] = true
	}
	return m
}()

// isNumberWord folds ASCII case into a fixed buffer instead of calling
// strings.ToLower. That avoids an allocation for every short word of a
// megabyte text.
func isNumberWord(w []rune) bool {
	if len(w) < 3 || len(w) > 9 {
		return false
	}
	var buf [9]byte
	for k, r := range w {
		switch {
		case r >= 'a' && r <= 'z':
			buf[k] = byte(r)
		case r >= 'A' && r <= 'Z':
			buf[k] = byte(r) + 'a' - 'A'
		default:
			return false
		}
	}
	return numberWords[string(buf[:len(w)])]
}

// scanNumbers finds digit numbers, spelled cardinals and bare years. It
// drops any that fall inside a date. dates must be sorted by Start, which
// scanDates guarantees.
func scanNumbers(rs []rune, dates []Mention, out []Mention) []Mention {
	d := 0
	insideDate := func(start, end int) bool {
		for d < len(dates) && dates[d].End <= start {
			d++
		}
		return d < len(dates) && dates[d].Start < end
	}
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case isDigit(r) && numberStart(rs, i):
			j := i
			for isDigit(at(rs, j)) {
				j++
			}
			plain := true
			for at(rs, j) == ',' && isDigit(at(rs, j+1)) && isDigit(at(rs, j+2)) &&
				isDigit(at(rs, j+3)) && !isDigit(at(rs, j+4)) {
				j += 4
				plain = false
			}
			if at(rs, j) == '.' && isDigit(at(rs, j+1)) {
				j++
				for isDigit(at(rs, j)) {
					j++
				}
				plain = false
			}
			if isWord(at(rs, j)) {
				// "2nd", "5km": part of a word, not a count. The rest of the
				// word is skipped by the letter branch or by numberStart.
				i = j
				continue
			}
			kind := Number
			if at(rs, j) == '%' {
				j++
				plain = false
			}
			if plain && isYear(rs, i, j) {
				kind = Date
			}
			if !insideDate(i, j) {
				out = append(out, mention(rs, kind, i, j))
			}
			i = j
		case unicode.IsLetter(r):
			j := i + 1
			for j < len(rs) && unicode.IsLetter(rs[j]) {
				j++
			}
			if !unicode.IsDigit(at(rs, i-1)) && !unicode.IsDigit(at(rs, j)) &&
				isNumberWord(rs[i:j]) && !insideDate(i, j) {
				out = append(out, mention(rs, Number, i, j))
			}
			i = j
		default:
			i++
		}
	}
	return out
}

// ---- quotations ----

// scanQuotations pairs quote marks.
//
// A curly “ followed by another “ before any ” restarts the quotation. News
// style opens each paragraph of a long quote with “ but closes only the
// last. With the restart, the last paragraph still pairs correctly. The
// earlier ones have no closing mark, so they give no mention.
//
// A straight quote does not say which side it is on, so it is paired with
// the next one. Then a single stray mark would flip every later pairing in
// the article. Pairing restarts at each line break to confine that damage to
// one paragraph.
func scanQuotations(rs []rune, out []Mention) []Mention {
	curly, straight := -1, -1
	for i, r := range rs {
		switch r {
		case '“':
			curly = i
		case '”':
			if curly >= 0 {
				out = append(out, mention(rs, Quotation, curly, i+1))
				curly = -1
			}
		case '"':
			if straight >= 0 {
				out = append(out, mention(rs, Quotation, straight, i+1))
				straight = -1
			} else {
				straight = i
			}
		case '\n', '\r', '\u2029':
			straight = -1
		}
	}
	return out
}

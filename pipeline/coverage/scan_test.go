package coverage

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

var testForms = map[string]string{
	"Tajikistan":             "TJK",
	"Tajik":                  "TJK",
	"Republic of Tajikistan": "TJK",
	"Uzbek":                  "UZB",
	"Uzbekistan":             "UZB",
	"Iran":                   "IRN",
	"Iranian":                "IRN",
	"U.S.":                   "USA",
	"Oman":                   "OMN",
	"Côte d’Ivoire":          "CIV",
	"Таджикистан":            "TJK",
}

const paragraph = "Gordon on October 31 stated in an interview with Radio Liberty’s Uzbek Service, known locally as Ozodlik Radiosi, that he appeals to the international community to carry out investigation to find out what types of drones have been or are being produced in Tajikistan.  “Which country has built a plant for the production of drones in Tajikistan and to which country these drones are delivered?”"

// checkInvariants holds for every scan: the offsets must select exactly the
// reported text from a []rune conversion, and the order must be the
// documented one. Every test runs it so that no case can pass with broken
// offsets.
func checkInvariants(t testing.TB, text string, ms []Mention) {
	t.Helper()
	rs := []rune(text)
	for k, m := range ms {
		if m.Start < 0 || m.End <= m.Start || m.End > len(rs) {
			t.Fatalf("mention %d %+v: bad span for text of %d code points", k, m, len(rs))
		}
		if got := string(rs[m.Start:m.End]); got != m.Text {
			t.Fatalf("mention %d %+v: []rune(text)[%d:%d] = %q", k, m, m.Start, m.End, got)
		}
		if (m.Kind == Country) != (m.ISO3 != "") {
			t.Fatalf("mention %d %+v: ISO3 must be set for countries only", k, m)
		}
		if k > 0 {
			p := ms[k-1]
			if p.Start > m.Start || (p.Start == m.Start && kindRank(p.Kind) > kindRank(m.Kind)) {
				t.Fatalf("mentions %d and %d out of order: %+v, %+v", k-1, k, p, m)
			}
		}
	}
}

// short is a mention without offsets. The rule tables compare these, so a
// case reads like the text it tests. Offsets get their own tests.
type short struct {
	Kind Kind
	Text string
	ISO3 string
}

func scanKind(t *testing.T, text string, kind Kind) []short {
	t.Helper()
	ms := NewScanner(testForms).Scan(text)
	checkInvariants(t, text, ms)
	got := []short{}
	for _, m := range ms {
		if m.Kind == kind {
			got = append(got, short{m.Kind, m.Text, m.ISO3})
		}
	}
	return got
}

type ruleCase struct {
	name string
	text string
	want []string
}

func runRuleCases(t *testing.T, kind Kind, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := scanKind(t, tc.text, kind)
			want := []short{}
			for _, w := range tc.want {
				want = append(want, short{Kind: kind, Text: w})
			}
			for k := range got {
				got[k].ISO3 = ""
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Scan(%q) %s mentions = %q, want %q", tc.text, kind, texts(got), tc.want)
			}
		})
	}
}

func texts(ss []short) []string {
	out := []string{}
	for _, s := range ss {
		out = append(out, s.Text)
	}
	return out
}

func TestCountry(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []short
	}{
		{"plain", "drones from Iran", []short{{Country, "Iran", "IRN"}}},
		{"possessive", "Iran's drones", []short{{Country, "Iran", "IRN"}}},
		{"hyphenated", "Iran-designed drones", []short{{Country, "Iran", "IRN"}}},
		{"curly apostrophe", "Tajikistan’s plant", []short{{Country, "Tajikistan", "TJK"}}},
		{"demonym longest wins", "Iranian officials", []short{{Country, "Iranian", "IRN"}}},
		{"name longest wins", "the Republic of Tajikistan said", []short{{Country, "Republic of Tajikistan", "TJK"}}},
		{"demonym vs name", "a Tajik plant in Tajikistan", []short{{Country, "Tajik", "TJK"}, {Country, "Tajikistan", "TJK"}}},
		{"dots", "the U.S. and Iran", []short{{Country, "U.S.", "USA"}, {Country, "Iran", "IRN"}}},
		{"dots then hyphen", "U.S.-made", []short{{Country, "U.S.", "USA"}}},
		{"non-ASCII form", "in Côte d’Ivoire.", []short{{Country, "Côte d’Ivoire", "CIV"}}},
		{"Cyrillic form", "Таджикистан, Tajikistan", []short{{Country, "Таджикистан", "TJK"}, {Country, "Tajikistan", "TJK"}}},
		{"start of text and end of text", "Iran", []short{{Country, "Iran", "IRN"}}},
		{"Romania is not Oman", "Romania and ROMANIA", []short{}},
		{"Omani is not Oman", "an Omani ship", []short{}},
		{"form at end of word", "xIran and 2Iran", []short{}},
		{"form at start of word", "Iranshahr", []short{}},
		{"non-ASCII letter ends the word", "Iranşahr and Tajikистан", []short{}},
		{"longer word with no shorter fallback", "Iranians and Tajikistani", []short{}},
		{"case-sensitive", "iran and TAJIKISTAN", []short{}},
		{"Uzbek not inside Uzbekistan", "Uzbekistan", []short{{Country, "Uzbekistan", "UZB"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := scanKind(t, tc.text, Country)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Scan(%q) countries = %+v, want %+v", tc.text, got, tc.want)
			}
		})
	}
}

func TestCountryEmptyAndZeroScanner(t *testing.T) {
	for _, s := range []*Scanner{NewScanner(nil), NewScanner(map[string]string{"": "XXX"}), {}} {
		ms := s.Scan("Iran on October 30")
		if len(ms) != 1 || ms[0].Kind != Date {
			t.Errorf("Scan with no forms = %+v, want only the date", ms)
		}
	}
}

func TestDate(t *testing.T) {
	runRuleCases(t, Date, []ruleCase{
		{"month day", "on October 30 they", []string{"October 30"}},
		{"month day year", "on October 30, 2022.", []string{"October 30, 2022"}},
		{"month day year no comma", "on October 30 2022.", []string{"October 30 2022"}},
		{"day month", "on 30 October they", []string{"30 October"}},
		{"day month year", "on 30 October 2022.", []string{"30 October 2022"}},
		{"month year", "in October 2022,", []string{"October 2022"}},
		{"month alone", "in October.", []string{"October"}},
		{"month possessive", "October’s strikes", []string{"October"}},
		{"ordinal day", "on October 30th and 1st November", []string{"October 30th", "1st November"}},
		{"iso", "dated 2022-10-30.", []string{"2022-10-30"}},
		{"iso bad month is not a date", "code 2022-13-30", []string{"2022"}},
		{"bare year", "in 2022 and 1999", []string{"2022", "1999"}},
		{"year range", "2022–2023", []string{"2022", "2023"}},
		{"abbreviation with dot", "on Oct. 30, 2022", []string{"Oct. 30, 2022"}},
		{"abbreviation without dot", "on Oct 30", []string{"Oct 30"}},
		{"Sept", "on Sept. 5 and Sep 6", []string{"Sept. 5", "Sep 6"}},
		{"dotted abbreviation alone", "in Dec. the", []string{"Dec."}},
		{"May with day", "on May 17", []string{"May 17"}},
		{"day May", "on 17 May", []string{"17 May"}},
		{"May with year", "in May 2022", []string{"May 2022"}},
		{"every month", "January, February, March, April, June, July, August, September, November, December",
			[]string{"January", "February", "March", "April", "June", "July", "August", "September", "November", "December"}},

		{"may verb", "drones may be delivered", []string{}},
		{"May alone", "May God help them. Theresa May spoke; a speech by May.", []string{}},
		{"May after a word of time", "In May, nothing; since May and in mid-May, until  May.", []string{"May", "May", "May", "May"}},
		{"month lower case", "they march in october", []string{}},
		{"month inside word", "Mayor Marches Octobers", []string{}},
		{"dotless abbreviation alone", "Jan Smith and Mar", []string{}},
		{"year out of range", "in 1850 and 2100", []string{}},
		{"year with separators is a number", "2,022 and 2022.5 and 2022%", []string{}},
		{"year in a name", "Model-2022 and 2022nd", []string{}},
		{"day out of range is no day", "October 32", []string{"October"}},
		{"thousands after month is no day", "in October 1,000 people", []string{"October"}},
		{"year out of range is no year", "on October 30, 1500 protesters", []string{"October 30"}},
	})
}

func TestNumber(t *testing.T) {
	runRuleCases(t, Number, []ruleCase{
		{"digits", "killed 12 people", []string{"12"}},
		{"thousands", "1,000 and 12,345,678", []string{"1,000", "12,345,678"}},
		{"decimal", "3.5 tons and 1,000.25", []string{"3.5", "1,000.25"}},
		{"percent", "up 12% or 3.5%", []string{"12%", "3.5%"}},
		{"sentence end", "It was 12.", []string{"12"}},
		{"bad thousands", "1,23 and 1,2345", []string{"1", "1"}},
		{"range", "2-3 drones", []string{"2", "3"}},
		{"trailing hyphen measure", "a 16-year-old", []string{"16"}},
		{"spelled", "seven drones, Twenty men, FORTY", []string{"seven", "Twenty", "FORTY"}},
		{"all spelled", "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion",
			strings.Fields("two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion")},
		{"hyphenated spelled", "twenty-five", []string{"twenty", "five"}},
		{"year-like out of range", "1850", []string{"1850"}},

		{"one is skipped", "one of the drones, One", []string{}},
		{"spelled inside word", "often someone tension Seventh", []string{}},
		{"spelled attached to digits", "5million", []string{}},
		{"hyphen name", "Ababil-2 and F-16 and Shahed-136", []string{}},
		{"letters attached", "MQ9 and 2nd and 5km", []string{}},
		{"dotted version", "v1.2.3", []string{}},
		{"numbers inside a date", "October 30, 2022 and 30 October", []string{}},
		{"year is a date", "in 2022", []string{}},
	})
}

func TestQuotation(t *testing.T) {
	runRuleCases(t, Quotation, []ruleCase{
		{"curly", "He said “no drones” today", []string{"“no drones”"}},
		{"straight", `He said "no drones" and "yes"`, []string{`"no drones"`, `"yes"`}},
		{"lone curly open", "He said “no drones", []string{}},
		{"lone curly close", "He said no drones”", []string{}},
		{"lone straight", `5" screen`, []string{}},
		{"odd straight", `"a" "b" "c`, []string{`"a"`, `"b"`}},
		{"paragraph convention", "“First paragraph.\n“Second paragraph.”", []string{"“Second paragraph.”"}},
		{"straight resets at line break", "\"stray\n\"quoted\" text", []string{`"quoted"`}},
		{"curly across line break", "“one\ntwo”", []string{"“one\ntwo”"}},
		{"mixed", `“a” and "b"`, []string{"“a”", `"b"`}},
	})
}

func TestQuotationDoesNotSwallow(t *testing.T) {
	text := `“Iran sent 12 drones on October 30,” he said.`
	got := NewScanner(testForms).Scan(text)
	checkInvariants(t, text, got)
	want := []Mention{
		{Kind: Quotation, Text: "“Iran sent 12 drones on October 30,”", Start: 0, End: 36},
		{Kind: Country, Text: "Iran", Start: 1, End: 5, ISO3: "IRN"},
		{Kind: Number, Text: "12", Start: 11, End: 13},
		{Kind: Date, Text: "October 30", Start: 24, End: 34},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Scan = %+v\nwant %+v", got, want)
	}
}

func TestCodePointOffsets(t *testing.T) {
	cases := []struct {
		text  string
		want  string
		start int
	}{
		{"Радио Tajikistan", "Tajikistan", 6},
		{"’’ Iran", "Iran", 3},
		{"日本語 on October 30", "October 30", 7},
		{"€5 and 12", "5", 1},
		{"🚀🚀 “x”", "“x”", 3},
		{"Ünïcödé 2022-10-30", "2022-10-30", 8},
	}
	for _, tc := range cases {
		ms := NewScanner(testForms).Scan(tc.text)
		checkInvariants(t, tc.text, ms)
		if len(ms) == 0 || ms[0].Text != tc.want || ms[0].Start != tc.start {
			t.Errorf("Scan(%q) = %+v, want first mention %q at %d", tc.text, ms, tc.want, tc.start)
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	// Each bad byte is one code point (U+FFFD), as []rune counts it.
	text := "\xff\xfeIran \xc3 12"
	ms := NewScanner(testForms).Scan(text)
	checkInvariants(t, text, ms)
	want := []Mention{
		{Kind: Country, Text: "Iran", Start: 2, End: 6, ISO3: "IRN"},
		{Kind: Number, Text: "12", Start: 9, End: 11},
	}
	if !reflect.DeepEqual(ms, want) {
		t.Errorf("Scan = %+v, want %+v", ms, want)
	}
}

func TestParagraph(t *testing.T) {
	forms := map[string]string{"Tajikistan": "TJK", "Tajik": "TJK", "Uzbek": "UZB", "Uzbekistan": "UZB",
		"Iran": "IRN", "Iranian": "IRN", "U.S.": "USA"}
	got := NewScanner(forms).Scan(paragraph)
	checkInvariants(t, paragraph, got)
	want := []Mention{
		{Kind: Date, Text: "October 31", Start: 10, End: 20},
		{Kind: Country, Text: "Uzbek", Start: 65, End: 70, ISO3: "UZB"},
		{Kind: Country, Text: "Tajikistan", Start: 256, End: 266, ISO3: "TJK"},
		{Kind: Quotation, Text: "“Which country has built a plant for the production of drones in Tajikistan and to which country these drones are delivered?”", Start: 269, End: 394},
		{Kind: Country, Text: "Tajikistan", Start: 334, End: 344, ISO3: "TJK"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Scan(paragraph) =\n%s\nwant\n%s", dump(got), dump(want))
	}
}

func dump(ms []Mention) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "  %s %q [%d,%d) %s\n", m.Kind, m.Text, m.Start, m.End, m.ISO3)
	}
	return b.String()
}

func TestSortSameStart(t *testing.T) {
	// A country form that is also a spelled number shares its start with the
	// number, so the Kind tie-break is observable.
	s := NewScanner(map[string]string{"Seven": "XSV"})
	text := "Seven"
	got := s.Scan(text)
	checkInvariants(t, text, got)
	if len(got) != 2 || got[0].Kind != Country || got[1].Kind != Number {
		t.Errorf("Scan(%q) = %+v, want country then number", text, got)
	}
}

func TestDeterministic(t *testing.T) {
	text := strings.Repeat(paragraph+` "Iran" sent 1,000 drones on 30 October 2022; U.S. said May 17. `, 20)
	// Rebuilding the Scanner each time varies the map iteration order that
	// NewScanner sees, which must not leak into the result.
	first := NewScanner(testForms).Scan(text)
	for range 20 {
		if got := NewScanner(testForms).Scan(text); !reflect.DeepEqual(got, first) {
			t.Fatal("Scan is not deterministic")
		}
	}
}

func FuzzScan(f *testing.F) {
	for _, seed := range []string{
		"",
		paragraph,
		"Iran's U.S.-made F-16 on Oct. 30, 2022 cost 1,000.5% “more” than \"seven\"",
		"Радио Tajikistan’s 30 October 2022-10-30 May 17",
		"\xff\xfeIran\xc3 “unterminated",
		"Republic of Tajik 1,2,3 v1.2.3 2nd MQ9",
	} {
		f.Add(seed)
	}
	s := NewScanner(testForms)
	f.Fuzz(func(t *testing.T, text string) {
		checkInvariants(t, text, s.Scan(text))
	})
}

func BenchmarkScan(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		sb.WriteString(paragraph)
		sb.WriteString(" On 30 October 2022, 1,000 Iranian drones cost 3.5% more, seven said.\n")
	}
	text := sb.String()
	s := NewScanner(testForms)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		s.Scan(text)
	}
}

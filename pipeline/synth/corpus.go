package synth

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// RequestError is an error in what was asked for, as opposed to one in
// writing the corpus.
type RequestError struct{ Reason string }

func (e *RequestError) Error() string { return e.Reason }

// StatementsPerSource is how many statements a synthetic source reports:
// about as many as a news article that is curated in full.
const StatementsPerSource = 10

// Corpus writes a synthetic data folder into dir, which must not exist or
// be empty: a dataset.yaml, the reference lists, and sources with their
// texts and facts, holding n statements in all. The corpus passes every
// check of the pipeline, coverage included, so that a benchmark measures a
// whole build and not an early exit:
//
//   - every quote occurs in its source's text, which is made of the quotes
//     and of sentences that name nothing;
//   - statements name countries (by name and by demonym), give dates of
//     every precision (day, month, year, a year inferred from publication,
//     bounds only, none), figures (counts of countries, some named), hedges,
//     places, direct quotations;
//   - speakers, claims and events are shared between neighbouring sources,
//     and every 7th source reports an event of the source before it on
//     another day: a conflicting report;
//   - statements respond to others, name participants and the outlet they
//     spoke through; a sentence said twice is told apart by occurrence; a
//     number the facts leave out is listed under ignore, with a reason;
//   - one source in a hundred is long (LongSource statements).
//
// The same n and seed give the same bytes. A corpus that could not be
// written whole is removed. An error in the request itself is a
// *RequestError.
func Corpus(dir string, n int, seed uint64) (err error) {
	if n < 1 {
		return &RequestError{fmt.Sprintf("-statements %d: a corpus needs at least one statement", n)}
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return &RequestError{fmt.Sprintf("%s is not empty; the corpus is written only into a new or empty folder", dir)}
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
			err = fmt.Errorf("%w; nothing was kept", err)
		}
	}()
	for _, sub := range []string{"reference", "sources", "facts"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return err
		}
	}
	g := &corpus{dir: dir, rng: rand.New(rand.NewPCG(seed, 0x5eed))}
	if err := g.reference(); err != nil {
		return err
	}
	for i, done := 0, 0; done < n; i++ {
		count := min(sourceSize(i), n-done)
		if err := g.source(i, count); err != nil {
			return err
		}
		done += count
	}
	return nil
}

// sourceSize is how many statements source i reports: most report
// StatementsPerSource, and one in a hundred is a long dossier of
// LongSource statements, whose text is long enough for the lookups that
// long texts take.
func sourceSize(i int) int {
	if i%100 == 50 {
		return LongSource
	}
	return StatementsPerSource
}

// LongSource is the length of a long source, in statements.
const LongSource = 500

// country is a country as the synthetic texts name it.
type country struct{ iso3, name, demonym string }

// countries named by the texts: official short names that the ISO list
// knows and demonyms given in the reference list.
var countries = []country{
	{"ARM", "Armenia", "Armenian"}, {"AZE", "Azerbaijan", "Azerbaijani"}, {"BLR", "Belarus", "Belarusian"},
	{"CHN", "China", "Chinese"}, {"DZA", "Algeria", "Algerian"}, {"EGY", "Egypt", "Egyptian"},
	{"FRA", "France", "French"}, {"DEU", "Germany", "German"}, {"IND", "India", "Indian"},
	{"IRN", "Iran", "Iranian"}, {"IRQ", "Iraq", "Iraqi"}, {"ISR", "Israel", "Israeli"},
	{"KAZ", "Kazakhstan", "Kazakh"}, {"KGZ", "Kyrgyzstan", "Kyrgyz"}, {"PAK", "Pakistan", "Pakistani"},
	{"POL", "Poland", "Polish"}, {"RUS", "Russia", "Russian"}, {"SRB", "Serbia", "Serbian"},
	{"TJK", "Tajikistan", "Tajik"}, {"TKM", "Turkmenistan", "Turkmen"}, {"TUR", "Turkey", "Turkish"},
	{"UKR", "Ukraine", "Ukrainian"}, {"UZB", "Uzbekistan", "Uzbek"}, {"VEN", "Venezuela", "Venezuelan"},
}

var (
	givenNames  = []string{"Anna", "Boris", "Dilnoza", "Emil", "Farida", "Gulnora", "Hamid", "Irina", "Jamshed", "Kamila", "Leonid", "Madina", "Nodir", "Olga", "Parviz", "Rustam", "Sabina", "Timur", "Umida", "Viktor", "Zarina"}
	familyNames = []string{"Abdulloev", "Belova", "Davlatov", "Ergasheva", "Fedorov", "Ganieva", "Hakimov", "Ismoilova", "Juraev", "Karimova", "Latipov", "Mirzoeva", "Nazarov", "Orlova", "Rahimov", "Saidova", "Tursunov", "Usmonova", "Valiev", "Yusupova"}
	cities      = []string{"Dushanbe", "Khujand", "Bokhtar", "Kulob", "Istaravshan", "Panjakent", "Hisor", "Vahdat"}
	// filler sentences name no country, date, number or quotation: the
	// parts of an article that no fact records.
	fillers = []string{
		"The report could not be independently verified.",
		"Officials did not respond to requests for comment.",
		"The story drew wide attention on social media.",
		"Analysts say the claims are hard to check from outside the region.",
		"The matter remains under discussion among experts.",
	}
	subjects = []string{"drones", "unmanned aerial vehicles", "military equipment", "spare parts", "engines"}
)

type corpus struct {
	dir string
	rng *rand.Rand
}

func (g *corpus) reference() error {
	err := writeLines(filepath.Join(g.dir, "dataset.yaml"),
		"# A synthetic corpus written by `dataset synth`, for benchmarks and tests.",
		"name: synthetic-corpus",
		`title: "Synthetic corpus"`,
		"description: Generated statements shaped like curated news facts; not real reporting.",
		"version: 1.0.0",
		"released: 2026-01-01",
		"license: CC0-1.0",
		"license_url: https://creativecommons.org/publicdomain/zero/1.0/",
	)
	if err != nil {
		return err
	}
	lines := []string{"countries:"}
	for _, c := range countries {
		lines = append(lines, fmt.Sprintf("  - {iso3: %s, name: %s, aliases: [%s]}", c.iso3, c.name, c.demonym))
	}
	if err := writeLines(filepath.Join(g.dir, "reference", "countries.yaml"), lines...); err != nil {
		return err
	}
	lines = []string{"outlets:"}
	for i := range outletCount {
		lines = append(lines, fmt.Sprintf("  - {id: %s, name: %s, country: %s}", outletID(i), outletName(i), countries[i%len(countries)].name))
	}
	return writeLines(filepath.Join(g.dir, "reference", "outlets.yaml"), lines...)
}

const outletCount = 12

func outletID(i int) string { return fmt.Sprintf("outlet-%02d", i) }
func outletName(i int) string {
	return "Daily " + familyNames[i%len(familyNames)] + " " + string(rune('A'+i))
}

func sourceID(i int) string { return fmt.Sprintf("src-%07d", i) }

// published is the publication day of source i: a day a source, from 2020 on.
func published(i int) time.Time {
	return time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%2000)
}

// statement is one generated statement: its YAML lines and its quote.
type statement struct {
	quote string
	again bool // the text repeats the quote later
	yaml  []string
}

func (g *corpus) source(i, count int) error {
	id := sourceID(i)
	pub := published(i)
	person := func(k int) string { return fmt.Sprintf("person-%07d-%d", i, k) }
	personName := func(k int) string {
		name := givenNames[(i+k)%len(givenNames)] + " "
		if k >= len(givenNames)*len(familyNames) { // past the pairs of names, a middle initial
			name += string(rune('A'+k/(len(givenNames)*len(familyNames)))) + ". "
		}
		return name + familyNames[(i*3+k)%len(familyNames)]
	}
	pick := func() country { return countries[g.rng.IntN(len(countries))] }
	var (
		stmts  []statement
		text   strings.Builder
		facts  []string
		people = 3
	)
	if count > StatementsPerSource {
		people = count // in a long source each statement has its own speaker, so that no two say the same words
	}
	facts = append(facts, "# Synthetic facts of source "+id+".", "entities:")
	for k := range people {
		c := pick()
		facts = append(facts, fmt.Sprintf("  - {id: %s, name: %s, kind: person, country: %s}", person(k), personName(k), c.demonym))
	}
	city := cities[i%len(cities)]
	cityID := "city-" + strings.ToLower(city)
	if i < len(cities) { // each city is declared once, by the first source that names it
		facts = append(facts, fmt.Sprintf("  - {id: %s, name: %s, kind: city, country: Tajikistan}", cityID, city))
	}
	facts = append(facts, "claims:")
	for k := range 2 {
		facts = append(facts, fmt.Sprintf("  - {id: claim-%07d-%d, text: Claim %d of source %s about %s.}", i, k, k, id, subjects[(i+k)%len(subjects)]))
	}
	facts = append(facts, "events:", fmt.Sprintf("  - {id: event-%07d, name: Event reported by source %s}", i, id))
	facts = append(facts, "statements:")

	for k := range count {
		sp := k % people
		name := personName(sp)
		c1, c2 := pick(), pick()
		for c2.iso3 == c1.iso3 {
			c2 = pick()
		}
		subject := subjects[g.rng.IntN(len(subjects))]
		// Claims of this source, or of the one before it: claims shared
		// between sources, as a story's claims are.
		claim := fmt.Sprintf("claim-%07d-%d", i, k%2)
		if i > 0 && k%4 == 3 {
			claim = fmt.Sprintf("claim-%07d-%d", i-1, k%2)
		}
		speaker := person(sp)
		if i > 0 && k == 5 {
			// a speaker declared by the source before, named here too
			speaker = fmt.Sprintf("person-%07d-0", i-1)
			name = givenNames[(i-1)%len(givenNames)] + " " + familyNames[((i-1)*3)%len(familyNames)]
		}
		day := pub.AddDate(0, 0, -1-g.rng.IntN(90))
		st := statement{}
		y := []string{
			fmt.Sprintf("  - id: %s-s%03d", id, k),
		}
		switch k % 10 {
		case 0: // a claim, day and month only: the year is inferred
			st.quote = fmt.Sprintf("%s claimed on %s %d that %s-designed %s are produced in %s.", name, day.Month(), day.Day(), c1.demonym, subject, c2.name)
			y = append(y, "    kind: claim", "    speaker: "+speaker, fmt.Sprintf("    date: %s %d", day.Month(), day.Day()))
			y = append(y, fmt.Sprintf("    summary: %s claimed that %s-designed %s are produced in %s.", name, c1.demonym, subject, c2.name))
			y = append(y, stanceLines(claim, "asserts")...)
			y = append(y, "    countries:", fmt.Sprintf("      - {country: %s, role: designer}", c1.demonym), fmt.Sprintf("      - {country: %s, role: alleged_producer}", c2.name))
		case 1: // a denial with a full date
			st.quote = fmt.Sprintf("On %s %d, %d, %s denied that %s supplies %s to %s.", day.Month(), day.Day(), day.Year(), name, c1.name, subject, c2.name)
			y = append(y, "    kind: denial", "    speaker: "+speaker, fmt.Sprintf("    date: %s %d, %d", day.Month(), day.Day(), day.Year()))
			y = append(y, fmt.Sprintf("    summary: %s denied that %s supplies %s to %s.", name, c1.name, subject, c2.name))
			y = append(y, stanceLines(claim, "denies")...)
			y = append(y, "    countries:", fmt.Sprintf("      - {country: %s, role: alleged_producer}", c1.name), fmt.Sprintf("      - {country: %s, role: alleged_user}", c2.name))
		case 2: // a figure that counts countries, two of them named
			count := 2 + g.rng.IntN(40)
			c3 := pick()
			for c3.iso3 == c1.iso3 || c3.iso3 == c2.iso3 {
				c3 = pick()
			}
			st.quote = fmt.Sprintf("%s said that %d countries, among them %s and %s, want to buy %s %s.", name, count, c2.name, c3.name, c1.demonym, subject)
			y = append(y, "    kind: claim", "    speaker: "+speaker)
			y = append(y, fmt.Sprintf("    summary: %s said that %d countries want to buy %s %s.", name, count, c1.demonym, subject))
			y = append(y, "    figures:", fmt.Sprintf("      - {id: %s-f%03d, measure: countries wanting to buy %s, value: %d, unit: countries, text: \"%d\", counts: candidate_buyer}", id, k, subject, count, count))
			y = append(y, "    countries:", fmt.Sprintf("      - {country: %s, role: designer}", c1.demonym),
				fmt.Sprintf("      - {country: %s, role: candidate_buyer}", c2.name), fmt.Sprintf("      - {country: %s, role: candidate_buyer}", c3.name))
		case 3: // month precision, with a hedge
			st.quote = fmt.Sprintf("In %s %d, %s reportedly visited %s to discuss %s.", day.Month(), day.Year(), name, c1.name, subject)
			y = append(y, "    kind: event", "    speaker: "+speaker, fmt.Sprintf("    date: %s %d", day.Month(), day.Year()), "    hedge: reportedly")
			y = append(y, fmt.Sprintf("    summary: %s reportedly visited %s.", name, c1.name))
			y = append(y, "    countries:", fmt.Sprintf("      - {country: %s, role: host}", c1.name))
		case 4: // a direct quotation, undated
			st.quote = fmt.Sprintf("%s said: “We do not export %s to third countries.”", name, subject)
			y = append(y, "    kind: denial", "    speaker: "+speaker)
			y = append(y, fmt.Sprintf("    summary: %s said they do not export %s.", name, subject))
			y = append(y, stanceLines(claim, "denies")...)
		case 5: // a year only, from the speaker of the source before
			st.quote = fmt.Sprintf("%s has said since %d that %s buys %s.", name, day.Year()-1, c1.name, subject)
			y = append(y, "    kind: claim", "    speaker: "+speaker, fmt.Sprintf("    date: %d", day.Year()-1))
			y = append(y, fmt.Sprintf("    summary: %s has said that %s buys %s.", name, c1.name, subject))
			y = append(y, stanceLines(claim, "asserts")...)
			y = append(y, "    countries:", fmt.Sprintf("      - {country: %s, role: candidate_buyer}", c1.name))
		case 6: // bounds only, reported by an outlet
			st.quote = fmt.Sprintf("%s later questioned whether %s %s were sold abroad.", name, c1.demonym, subject)
			y = append(y, "    kind: appeal", "    speaker: "+speaker, fmt.Sprintf("    date_earliest: %s", day.Format("2006-01-02")), fmt.Sprintf("    date_latest: %s", pub.Format("2006-01-02")),
				"    date_note: after the claim and before publication", "    reported_by: "+outletID(i%outletCount))
			y = append(y, fmt.Sprintf("    summary: %s questioned whether %s %s were sold abroad.", name, c1.demonym, subject))
			y = append(y, stanceLines(claim, "questions")...)
			y = append(y, "    countries:", fmt.Sprintf("      - {country: %s, role: designer}", c1.demonym))
		case 7: // an event at a place; every 7th source reports the
			// event of the source before on another day
			event, when := fmt.Sprintf("event-%07d", i), day
			if i > 0 && i%7 == 0 {
				event, when = fmt.Sprintf("event-%07d", i-1), day.AddDate(0, 0, -1)
			}
			st.quote = fmt.Sprintf("%s said a production line for %s opened in %s on %s %d, %d.", name, subject, city, when.Month(), when.Day(), when.Year())
			y = append(y, "    kind: event", "    speaker: "+speaker, fmt.Sprintf("    date: %s %d, %d", when.Month(), when.Day(), when.Year()), "    place: "+cityID, "    event: "+event)
			y = append(y, fmt.Sprintf("    summary: A production line for %s opened in %s.", subject, city))
		case 8: // an undated appeal about the event of this source; the
			// text says it twice, so the quote names its occurrence
			st.quote = fmt.Sprintf("%s called for an investigation of the %s trade.", name, subject)
			st.again = true
			y = append(y, "    kind: appeal", "    speaker: "+speaker, fmt.Sprintf("    event: event-%07d", i), "    occurrence: 1")
			y = append(y, fmt.Sprintf("    summary: %s called for an investigation.", name))
		default: // a reply to the appeal before, through an outlet
			other := personName((sp + 1) % people)
			st.quote = fmt.Sprintf("%s told %s that the call was premature.", name, other)
			y = append(y, "    kind: statement", "    speaker: "+speaker, "    via: "+outletID((i+1)%outletCount), fmt.Sprintf("    responds_to: %s-s%03d", id, k-1))
			y = append(y, fmt.Sprintf("    summary: %s said the call for an investigation was premature.", name))
			y = append(y, "    participants:", fmt.Sprintf("      - {entity: %s, role: addressee}", person((sp+1)%people)))
		}
		y = append(y, "    quote: "+yamlString(st.quote))
		st.yaml = y
		stmts = append(stmts, st)
	}
	// The text: the quotes in order, with filler sentences, in paragraphs.
	for k, st := range stmts {
		if k > 0 {
			if k%3 == 0 {
				text.WriteString("\n\n")
			} else {
				text.WriteByte(' ')
			}
		}
		text.WriteString(st.quote)
		if k%2 == 1 {
			text.WriteString(" " + fillers[(i+k)%len(fillers)])
		}
		if st.again {
			text.WriteString(" In short: " + st.quote)
		}
		facts = append(facts, st.yaml...)
	}
	// A number no fact records, listed under ignore with the reason.
	text.WriteString("\n\nThe report drew two rounds of comment.")
	facts = append(facts, "ignore:", `  - {kind: number, text: two, reason: "rounds of comment, not a figure of the story"}`)
	// Every declared person and the city must be named in the text.
	text.WriteString("\n\nNamed in this report: ")
	for k := range people {
		text.WriteString(personName(k) + ", ")
	}
	text.WriteString(city + ".\n")

	src := []string{
		"title: " + yamlString(fmt.Sprintf("Synthetic report %d on %s", i, subjects[i%len(subjects)])),
		"publisher: " + outletID(i%outletCount),
		"url: https://example.org/synthetic/" + id,
		"published: " + pub.Format("2006-01-02"),
		"language: en",
		"text: " + id + ".txt",
	}
	if err := writeLines(filepath.Join(g.dir, "sources", id+".yaml"), src...); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(g.dir, "sources", id+".txt"), []byte(text.String()), 0o644); err != nil {
		return err
	}
	return writeLines(filepath.Join(g.dir, "facts", id+".yaml"), facts...)
}

func stanceLines(claim, stance string) []string {
	return []string{"    stances:", fmt.Sprintf("      - {claim: %s, stance: %s}", claim, stance)}
}

// yamlString quotes s for YAML: double-quoted, so that colons and quotation
// marks in it are text.
func yamlString(s string) string { return strconv.Quote(s) }

func writeLines(path string, lines ...string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, l := range lines {
		w.WriteString(l)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

package build

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unsafe"

	"newsfacts/pipeline/coverage"
	"newsfacts/pipeline/load"
	"newsfacts/schema"
)

// buildData builds the project's own data/ folder.
func buildData(t *testing.T) *schema.Dataset {
	t.Helper()
	in, errs := load.Dir(filepath.Join("..", "..", "data"), nil)
	if len(errs) > 0 {
		t.Fatalf("loading data/:\n%v", errs)
	}
	res, errs := Build(in, nil, CountMentions, filepath.Join(t.TempDir(), "statements"))
	if len(errs) > 0 {
		t.Fatalf("building data/:\n%v", errs)
	}
	t.Cleanup(func() { res.Dataset.Close() })
	return res.Dataset
}

// TestQuotesAtRecordedOffsets: every quote in data/ is found, verbatim, at
// its recorded code point offsets in its source text, whose hash is recorded.
func TestQuotesAtRecordedOffsets(t *testing.T) {
	ds := buildData(t)
	texts := map[string][]rune{}
	for _, s := range ds.Sources {
		data, err := os.ReadFile(filepath.Join("..", "..", "data", "sources", s.ID+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); got != s.TextSHA256 {
			t.Errorf("source %s: text_sha256 %s, file hashes to %s", s.ID, s.TextSHA256, got)
		}
		texts[s.ID] = []rune(string(data))
		if s.TextLength != len(texts[s.ID]) {
			t.Errorf("source %s: text_length %d, text has %d code points", s.ID, s.TextLength, len(texts[s.ID]))
		}
	}
	if ds.Statements.Len() == 0 {
		t.Fatal("no statements")
	}
	for _, st := range ds.Statements.All() {
		text := texts[st.SourceID]
		if st.QuoteStart < 0 || st.QuoteEnd > len(text) || st.QuoteStart >= st.QuoteEnd {
			t.Errorf("%s: offsets [%d, %d) outside the text", st.ID, st.QuoteStart, st.QuoteEnd)
			continue
		}
		if got := string(text[st.QuoteStart:st.QuoteEnd]); got != st.Quote {
			t.Errorf("%s: text[%d:%d] = %q, quote is %q", st.ID, st.QuoteStart, st.QuoteEnd, got, st.Quote)
		}
	}
}

// TestFirstArticle pins facts of the first article, so that an edit of the
// data that loses one of them is caught. It looks at that source's rows
// only: adding another source must not break it.
func TestFirstArticle(t *testing.T) {
	const source = "asiaplus-2022-11-03-drones"
	ds := buildData(t)
	inSource := map[string]bool{}
	for _, s := range ds.Statements.All() {
		inSource[s.ID] = s.SourceID == source
	}
	stmt := map[string]schema.Statement{}
	for _, s := range ds.Statements.All() {
		stmt[s.ID] = *s
	}
	// "October 30" in an article of 2022-11-03: the year is inferred, and says so.
	refute := stmt["tajikistan-mfa-refutes-gordon"]
	if refute.Date.String() != "2022-10-30" || refute.DatePrecision != schema.PrecisionDay || refute.DateBasis != schema.BasisInferred || refute.DateNote == "" {
		t.Errorf("refutation date: %+v", refute)
	}
	// The typo "in Mya, on May 17" stays in the quote; the date still parses.
	launch := stmt["production-line-launch"]
	if launch.Date.String() != "2022-05-17" || launch.Hedge != "reportedly" || !strings.Contains(launch.Quote, "in Mya, on May 17") {
		t.Errorf("production line launch: %+v", launch)
	}
	// An undated statement stays NULL, with precision unknown.
	if s := stmt["gordon-keeps-claiming"]; !s.Date.IsZero() || s.DatePrecision != schema.PrecisionUnknown || s.DateLatest.String() != "2022-11-03" {
		t.Errorf("undated claim: %+v", s)
	}
	var buyers []string
	for _, r := range ds.CountryRoles {
		if inSource[r.StatementID] && r.Role == schema.CountryCandidateBuyer {
			buyers = append(buyers, r.ISO3)
		}
	}
	sort.Strings(buyers)
	if got, want := buyers, []string{"ARM", "DZA", "SRB", "TJK", "VEN"}; !slices.Equal(got, want) {
		t.Errorf("candidate buyers %v, want %v", got, want)
	}
	var figures []schema.Figure
	for _, f := range ds.Figures {
		if inSource[f.StatementID] {
			figures = append(figures, f)
		}
	}
	if len(figures) != 1 || figures[0].Value != 22 || figures[0].Unit != "countries" || figures[0].StatementID != "safavi-22-countries" ||
		figures[0].CountsRole != schema.CountryCandidateBuyer || figures[0].NamedCount != 5 {
		t.Errorf("figures of %s: %+v, want the 22 countries Safavi says want Iranian drones, 5 of them named", source, figures)
	}
	stances := map[string]schema.StanceKind{}
	for _, s := range ds.Stances {
		stances[s.StatementID+"/"+s.ClaimID] = s.Stance
	}
	for key, want := range map[string]schema.StanceKind{
		"gordon-keeps-claiming/drones-produced-in-tajikistan":                      schema.StanceAsserts,
		"tajik-authorities-deny-production/drones-produced-in-tajikistan":          schema.StanceDenies,
		"gordon-correction/uzbek-made-drones-used-against-ukraine":                 schema.StanceRetracts,
		"us-embassy-aware-of-reports/drones-produced-in-tajikistan":                schema.StanceAcknowledgesReports,
		"us-embassy-declines-russia-question/tajikistan-supplies-drones-to-russia": schema.StanceDeclinesToAddress,
	} {
		if stances[key] != want {
			t.Errorf("stance %s = %q, want %q", key, stances[key], want)
		}
	}
}

// unMembers are the 193 member states of the United Nations, by ISO
// 3166-1 alpha-3 code.
const unMembers = `AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP
CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC
GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ
LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE
MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT
KOR ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA
SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT
VEN VNM YEM ZMB ZWE`

// TestCountriesEveryUNMember: the reference's header says every member of
// the United Nations has its common name there (24 had none, and their
// demonyms went unseen by coverage).
func TestCountriesEveryUNMember(t *testing.T) {
	in, errs := load.Dir(filepath.Join("..", "..", "data"), nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	listed := map[string]bool{}
	var order []string
	for _, c := range in.Countries.Countries {
		listed[c.ISO3.Value] = !c.Name.IsZero()
		order = append(order, c.ISO3.Value)
	}
	if !slices.IsSorted(order) { // so that a curator finds a country, or sees it missing
		t.Error("the country reference is not in the order of the codes")
	}
	members := strings.Fields(unMembers)
	if len(members) != 193 {
		t.Fatalf("%d members listed; the United Nations has 193", len(members))
	}
	for _, iso3 := range members {
		if !listed[iso3] {
			t.Errorf("UN member %s has no common name in the country reference", iso3)
		}
	}
}

// TestCountriesOfAnyArticle: the country reference of data/ knows the
// common names and demonyms of countries no article has named yet, so that
// the coverage check finds them in the next one (they were missed, and
// coverage said all was captured).
func TestCountriesOfAnyArticle(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "data"))); err != nil {
		t.Fatal(err)
	}
	const id = "example-2022-11-05-countries"
	text := "Egyptian and Vietnamese officials met in Viet Nam with envoys of Laos, the Czech Republic, " +
		"Côte d'Ivoire and South Korea; a Saudi delegation, South Sudanese and Papua New Guinean ones came too. " +
		"A New Zealander, a Luxembourger and a Ni-Vanuatu diplomat flew in from Northern Ireland and New Mexico. " +
		"A Korean firm sold drones in the Congo. Rice grows in the Inner Niger Delta.\n"
	want := []string{"EGY", "VNM", "VNM", "LAO", "CZE", "CIV", "KOR", "SAU", "SSD", "PNG", "NZL", "LUX", "VUT", "GBR", "USA",
		"KOR PRK", "COD COG", "MLI"} // names two countries share: either; the Inner Niger Delta is in Mali
	meta := "title: Countries\npublisher: asia-plus\nurl: https://example.org/countries\npublished: 2022-11-05\nlanguage: en\ntext: " + id + ".txt\n"
	for name, data := range map[string]string{id + ".txt": text, id + ".yaml": meta} {
		if err := os.WriteFile(filepath.Join(dir, "sources", name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, _ := buildDir(t, dir, ListMentions)
	var got []string
	for _, it := range res.Coverage {
		if it.SourceID == id && it.Kind == coverage.Country {
			got = append(got, it.ISO3)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("countries found in %q:\n%v\nwant\n%v", text, got, want)
	}
}

// TestStmtInfoSize: what the checks keep of each statement fills 48 bytes
// of one size class, as stmtInfo's comment says; a field more makes it 64
// (a million statements, 16 MB).
func TestStmtInfoSize(t *testing.T) {
	if size := unsafe.Sizeof(stmtInfo{}); size != 48 {
		t.Errorf("stmtInfo is %d bytes, want 48", size)
	}
}

package echarts

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"newsfacts/schema"
)

// newestBySorting is what newest chooses, by its definition: every item
// sorted, ties in the items' order, the first limit kept in the items' order.
func newestBySorting(items []int, limit int, saidOf func(int) said) []int {
	if len(items) <= limit {
		return items
	}
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int { return newestFirst(saidOf(items[i]), saidOf(items[j])) })
	idx = idx[:limit]
	slices.Sort(idx)
	out := []int{}
	for _, i := range idx {
		out = append(out, items[i])
	}
	return out
}

// TestNewest: the heap newest keeps chooses what sorting every item would,
// with many ties (items of one statement, statements of one date) and
// undated statements, for limits below, at and above the items' number.
func TestNewest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 500 {
		statements := make([]schema.Statement, 1+r.IntN(40))
		for i := range statements {
			statements[i].ID = string(rune('a' + r.IntN(26)))
			if r.IntN(4) > 0 {
				statements[i].Date = schema.MakeDate(2020+r.IntN(3), time.Month(1+r.IntN(2)), 1+r.IntN(3))
			}
		}
		items := make([]int, r.IntN(120))
		for i := range items {
			items[i] = r.IntN(len(statements)) // several items of one statement
		}
		// A statement's row is its place among the ids, as in a dataset.
		saidOf := func(item int) said { return said{statements[item].Date, int(statements[item].ID[0])} }
		for _, limit := range []int{0, 1, 3, r.IntN(130), len(items)} {
			got := newest(items, limit, saidOf)
			want := newestBySorting(items, limit, saidOf)
			if !slices.Equal(got, want) {
				t.Fatalf("round %d, limit %d of %d: newest = %v, want %v", round, limit, len(items), got, want)
			}
		}
	}
}

// BenchmarkNewest chooses a timeline's statements among a million.
func BenchmarkNewest(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	statements := make([]schema.Statement, 1_000_000)
	for i := range statements {
		statements[i].ID = string(rune('a'+i%26)) + string(rune('a'+i/26%26))
		statements[i].Date = schema.MakeDate(2000+r.IntN(25), time.Month(1+r.IntN(12)), 1+r.IntN(28))
	}
	items := make([]*schema.Statement, len(statements))
	for i := range items {
		items[i] = &statements[i]
	}
	for b.Loop() {
		newest(items, timelineLimit, func(s *schema.Statement) said { return said{s.Date, 0} })
	}
}

// The speakers with the most statements get rows, in the order they first
// speak; ties go to the one who spoke first, and the rest share a row.
func TestSpeakersWithRows(t *testing.T) {
	said := func(speakers ...string) []*schema.Statement {
		var all []*schema.Statement
		for _, id := range speakers {
			all = append(all, &schema.Statement{SpeakerID: id})
		}
		return all
	}
	for _, c := range []struct {
		speakers []string
		limit    int
		own      []string
		others   int
	}{
		{[]string{"a", "b", "a", ""}, 3, []string{"a", "b", ""}, 0},
		{[]string{"a", "b", "c", "d"}, 4, []string{"a", "b", "c", "d"}, 0},
		{[]string{"a", "b", "c", "d", "e"}, 4, []string{"a", "b", "c"}, 2},
		{[]string{"a", "b", "c", "d", "d", "e", "e", "e"}, 3, []string{"d", "e"}, 3},
		{[]string{"x", "y", "z", "z", "y"}, 2, []string{"y"}, 2},
		{[]string{"z", "y", "y", "z", "a"}, 2, []string{"z"}, 2}, // a tie goes to who spoke first, not by id
		{nil, 3, nil, 0},
	} {
		own, others := speakersWithRows(said(c.speakers...), c.limit)
		if !slices.Equal(own, c.own) || others != c.others {
			t.Errorf("speakersWithRows(%q, %d) = %q, %d; want %q, %d", c.speakers, c.limit, own, others, c.own, c.others)
		}
	}
}

// The network's plot is what its columns leave of the page: on a wide
// page each takes its most, on a phone a share, on a tiny one its least.
func TestPlotWidth(t *testing.T) {
	for _, c := range []struct{ page, plot float64 }{
		{1000, 1000 - 2*220 - 20},
		{390, 390 - 2*(390-60)/2.4 - 20},
		{200, 0}, // 200 - 2*90 - 20
		{100, 0},
	} {
		if got := plotWidth(c.page); math.Abs(got-c.plot) > 1e-9 {
			t.Errorf("plotWidth(%g) = %g, want %g", c.page, got, c.plot)
		}
	}
}

// An entity named as the shared row would be ("7 other speakers") keeps a
// row of its own, told apart by its id, and the shared row its name.
func TestSpeakerNamedAsTheOthers(t *testing.T) {
	const speakers = speakerRows + 6 // 23 rows of their own, 7 others
	others := fmt.Sprintf("%d other speakers", speakers-(speakerRows-1))
	d := &schema.Dataset{}
	var statements []schema.Statement
	day := schema.MakeDate(2022, time.November, 1)
	for i := range speakers {
		id := fmt.Sprintf("speaker-%02d", i)
		name := fmt.Sprintf("Speaker %02d", i)
		if i == 0 {
			name = others
		}
		d.Entities = append(d.Entities, schema.Entity{ID: id, Name: name, Kind: schema.KindPerson})
		for range 1 + max(0, 10-i) { // the first speakers say the most; fewer than the timeline draws
			statements = append(statements, schema.Statement{ID: fmt.Sprintf("s-%03d", len(statements)), SpeakerID: id,
				Date: day, DatePrecision: schema.PrecisionDay, Kind: schema.StatementClaim})
		}
	}
	d.Statements = schema.RowsOf(statements)
	if len(statements) > timelineLimit {
		t.Fatalf("%d statements: more than the timeline draws", len(statements))
	}
	p := timeline(d, lookupsOf(d, d.Index()), "")
	p.render.Validate()
	option := string(p.render.RenderSnippet().Option)
	for _, want := range []string{`"data":["` + others + ` (speaker-00)","Speaker 01",`, `"Speaker 22","` + others + `"]`} {
		if !strings.Contains(option, want) {
			t.Errorf("the timeline's rows lack %s:\n%.3000s", want, option)
		}
	}
}

// The network's layout JavaScript computes its sides and plot as
// plotWidth does, from the same constants, each in its place.
func TestNetworkLayoutOfPlotWidth(t *testing.T) {
	d := dataset(t, "../../data")
	layout := string(network(d, lookupsOf(d, d.Index()), "").layout)
	for _, want := range []string{
		"var side = Math.min(220, Math.max(90, (el.clientWidth - 60) / 2.4));",
		"Math.max(el.clientWidth - 2 * side - 20, 0)",
		"right: side + 20,",
		"var across = yr * (el.clientWidth - 2 * side - 20) /",
	} {
		if !strings.Contains(layout, want) {
			t.Errorf("the network's layout lacks %q:\n%s", want, layout)
		}
	}
}

// TestLabels: entities that share a name, or take a name the chart uses
// for something else, are told apart by their ids; the rest keep their
// names, and the statements without a speaker stay unattributed.
func TestLabels(t *testing.T) {
	d := &schema.Dataset{Entities: []schema.Entity{
		{ID: "anna-1", Name: "Anna Belova"}, {ID: "anna-2", Name: "Anna Belova"},
		{ID: "boris", Name: "Boris Latipov"}, {ID: "rows", Name: "3 other speakers"},
		{ID: "nobody", Name: unattributed},
		{ID: "carl-1", Name: "Carl Rahimov"}, {ID: "carl-2", Name: "Carl Rahimov"}, // only one of them on the chart
	}}
	got := lookupsOf(d, d.Index()).labels([]string{"", "anna-1", "anna-2", "boris", "rows", "nobody", "gone", "carl-1", "boris", "boris"}, "3 other speakers")
	want := map[string]string{
		"":       unattributed,
		"anna-1": "Anna Belova (anna-1)",
		"anna-2": "Anna Belova (anna-2)",
		"boris":  "Boris Latipov", // listed three times: one entity
		"rows":   "3 other speakers (rows)",
		"nobody": unattributed + " (nobody)",
		"gone":   "gone",                  // no such entity: its id
		"carl-1": "Carl Rahimov (carl-1)", // as on any chart that shows carl-2
	}
	if !maps.Equal(got, want) {
		t.Errorf("labels:\n%v\nwant\n%v", got, want)
	}
}

// TestCreditCountsPublishers: past a few sources the credit counts the
// publishers, by id (two outlets may share a name), in good English.
func TestCreditCountsPublishers(t *testing.T) {
	for _, tc := range []struct {
		ids  []string
		want string
	}{
		{[]string{"ozodi", "ozodi-2"}, "by 2 publishers,"},
		{[]string{"ozodi", "ozodi"}, "by one publisher,"},
	} {
		d := &schema.Dataset{}
		for i := range creditSources + 1 {
			d.Sources = append(d.Sources, schema.Source{ID: fmt.Sprint("s-", i), Publisher: "Radio Ozodi", PublisherID: tc.ids[i%2],
				Published: schema.MakeDate(2022, time.November, 1+i)})
		}
		if got := credit(d, lookupsOf(d, d.Index())); !strings.Contains(got, tc.want) {
			t.Errorf("publishers %v: credit %q, want %q", tc.ids, got, tc.want)
		}
	}
	// A few sources are named one by one: two outlets of one name with
	// their ids.
	d := &schema.Dataset{Entities: []schema.Entity{{ID: "ozodi", Name: "Radio Ozodi"}, {ID: "ozodi-2", Name: "Radio Ozodi"}}}
	for i, id := range []string{"ozodi", "ozodi-2"} {
		d.Sources = append(d.Sources, schema.Source{ID: fmt.Sprint("s-", i), Publisher: "Radio Ozodi", PublisherID: id,
			Published: schema.MakeDate(2022, time.November, 1+i)})
	}
	want := "Radio Ozodi (ozodi), 1 November 2022; Radio Ozodi (ozodi-2), 2 November 2022"
	if got := credit(d, lookupsOf(d, d.Index())); !strings.Contains(got, want) {
		t.Errorf("credit %q, want %q", got, want)
	}
}

// TestChartsTellNamesakesApart: two people of one name are two rows of
// the timeline and two nodes of the network, each with its id, in the
// labels and the tooltips alike, and the figures chart and the map's
// headlines say which of them gave each figure; they were drawn as one
// name twice.
func TestChartsTellNamesakesApart(t *testing.T) {
	d := &schema.Dataset{
		Entities: []schema.Entity{{ID: "anna-1", Name: "Anna Belova", Kind: schema.KindPerson}, {ID: "anna-2", Name: "Anna Belova", Kind: schema.KindPerson}},
		Claims:   []schema.Claim{{ID: "c-1", Text: "Drones are made in Dushanbe."}},
	}
	// Two outlets of one name, each the publisher of a source.
	d.Entities = append(d.Entities, schema.Entity{ID: "ozodi", Name: "Radio Ozodi", Kind: schema.KindMedia}, schema.Entity{ID: "ozodi-2", Name: "Radio Ozodi", Kind: schema.KindMedia})
	for i, id := range []string{"ozodi", "ozodi-2"} {
		d.Sources = append(d.Sources, schema.Source{ID: fmt.Sprint("src-", i), Publisher: "Radio Ozodi", PublisherID: id, Published: schema.MakeDate(2022, time.November, 1+i)})
	}
	var statements []schema.Statement
	for i, id := range []string{"anna-1", "anna-2"} {
		sid := fmt.Sprintf("s-%d", i)
		statements = append(statements, schema.Statement{ID: sid, SourceID: fmt.Sprint("src-", i), SpeakerID: id, Kind: schema.StatementClaim,
			Date: schema.MakeDate(2022, time.November, 1+i), DatePrecision: schema.PrecisionDay})
		d.Stances = append(d.Stances, schema.Stance{ClaimID: "c-1", StatementID: sid, EntityID: id, Stance: schema.StanceAsserts})
		d.Figures = append(d.Figures, schema.Figure{ID: sid + "-countries", StatementID: sid, Measure: "countries that want drones",
			Value: float64(20 + i), ValueText: fmt.Sprint(20 + i), Unit: "countries", CountsRole: schema.CountryCandidateBuyer})
	}
	d.Statements = schema.RowsOf(statements)
	l := lookupsOf(d, d.Index())
	tl := timeline(d, l, "")
	tl.render.Validate()
	nw := network(d, l, "")
	nw.render.Validate()
	timelineOption, networkOption := string(tl.render.RenderSnippet().Option), string(nw.render.RenderSnippet().Option)
	for _, want := range []string{`"data":["Anna Belova (anna-1)","Anna Belova (anna-2)"]`, `<b>Anna Belova (anna-2)</b>`, `Source: Radio Ozodi (ozodi-2), 2 November 2022`} {
		if !strings.Contains(timelineOption, want) {
			t.Errorf("the timeline lacks %s:\n%.2000s", want, timelineOption)
		}
	}
	for _, want := range []string{`"name":"Anna Belova (anna-1)"`, `"name":"Anna Belova (anna-2)"`, `<b>Anna Belova (anna-2)</b> asserts`} {
		if !strings.Contains(networkOption, want) {
			t.Errorf("the network lacks %s:\n%.2000s", want, networkOption)
		}
	}
	fc := figureChart(d, l, "")
	fc.render.Validate()
	figuresOption := string(fc.render.RenderSnippet().Option) + string(fc.extra)
	headlines, err := json.Marshal(headlines(d, l))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"claimed by Anna Belova (anna-1), 1 November 2022", "according to Anna Belova (anna-2), 2 November 2022"} {
		if !strings.Contains(figuresOption, want) {
			t.Errorf("the figures chart lacks %s:\n%.3000s", want, figuresOption)
		}
	}
	for _, want := range []string{"according to Anna Belova (anna-1), 1 November 2022.", "according to Anna Belova (anna-2), 2 November 2022."} {
		if !strings.Contains(string(headlines), want) {
			t.Errorf("the map's headlines lack %s:\n%s", want, headlines)
		}
	}
}

// TestAssetsHint: a chart asset that cannot be read from the installed
// packages says to install them; one that cannot be written (a full
// disk) does not, which had sent the reader to the wrong fix.
func TestAssetsHint(t *testing.T) {
	d := &schema.Dataset{}
	if _, err := Write(t.TempDir(), d, d.Index(), t.TempDir()); err == nil || !strings.Contains(err.Error(), installHint) {
		t.Errorf("no packages installed: %v, want the hint", err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(Assets[0].To)), 0o755); err != nil { // cannot be written as a file
		t.Fatal(err)
	}
	if _, err := Write(dir, d, d.Index(), filepath.Join("..", "..", "node_modules")); err == nil || strings.Contains(err.Error(), "npm") {
		t.Errorf("an asset that cannot be written: %v, want an error without the hint", err)
	}
}

package echarts

import (
	"bytes"
	"fmt"
	"html"
	"image/png"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"newsfacts/pipeline/build"
	"newsfacts/pipeline/chromium"
	"newsfacts/pipeline/load"
	"newsfacts/pipeline/synth"
	"newsfacts/schema"
)

func dataset(t *testing.T, dir string) *schema.Dataset {
	t.Helper()
	in, errs := load.Dir(dir, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	res, errs := build.Build(in, nil, build.CountMentions, filepath.Join(t.TempDir(), "statements"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return res.Dataset
}

func writeCharts(t *testing.T, d *schema.Dataset) (string, []Chart) {
	t.Helper()
	dir := t.TempDir()
	gallery, err := Write(dir, d, d.Index(), "../../node_modules")
	if err != nil {
		t.Fatal(err)
	}
	return dir, gallery
}

// drawn is what a page's chart holds once the browser has drawn it.
type drawn struct {
	Inked   float64  `json:"inked"` // share of the canvas that is not background
	Aria    string   `json:"aria"`
	Series  []int    `json:"series"` // data items per series
	Links   int      `json:"links"`
	YAxis   []string `json:"yAxis"`
	Height  float64  `json:"height"`  // of the chart, in pixels
	GridTop float64  `json:"gridTop"` // where the plot starts, below the titles
	Listed  int      `json:"listed"`  // items listed under the chart
	// Clearance is the room, in pixels, between the network's highest
	// line and the subtitle above it, and between its lowest line and the
	// chart's bottom (negative: a line crosses them).
	Clearance struct {
		Top    float64 `json:"top"`
		Bottom float64 `json:"bottom"`
	} `json:"clearance"`
	// Each point of a scatter series: the date its place on the axis
	// stands for, where it was drawn, offset included, and where its day
	// and its row are, in pixels.
	Points []struct {
		Date      string  `json:"date"`
		X         float64 `json:"x"`
		Y         float64 `json:"y"`
		DayX      float64 `json:"dayX"`
		RowY      float64 `json:"rowY"`
		RowHeight float64 `json:"rowHeight"`
	} `json:"points"`
}

const inspect = `(() => {
  const el = document.querySelector(".item");
  const chart = echarts.getInstanceByDom(el);
  const o = chart.getOption();
  // What the browser really drew: the share of the chart's canvas pixels
  // that differ from the white background.
  const canvas = el.querySelector("canvas");
  let inked = 0;
  if (canvas) {
    const px = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < px.length; i += 4) { if (px[i + 3] > 0 && (px[i] < 240 || px[i + 1] < 240 || px[i + 2] < 240)) n++; }
    inked = n / (px.length / 4);
  }
  return {
    inked: inked,
    aria: (el.querySelector("[aria-label]") || el).getAttribute("aria-label") || "",
    // A map series lists every region; count those with a value.
    series: o.series.map(s => (s.data || []).filter(x => x != null && (s.type === "graph" || Array.isArray(x) ||
      (x.value != null && !(typeof x.value === "number" && isNaN(x.value))))).length),
    links: o.series.reduce((n, s) => n + ((s.links || []).length), 0),
    yAxis: (o.yAxis && o.yAxis[0] && o.yAxis[0].data) || [],
    listed: document.querySelectorAll(".extra li").length,
    height: el.clientHeight,
    gridTop: (o.grid && o.grid[0] && o.grid[0].top) || 0,
    // How far above the subtitle's last line the network's highest line
    // stays, in pixels (negative: it crosses the subtitle), and how far
    // above the chart's bottom its lowest line does.
    clearance: (() => {
      const graph = o.series.findIndex(s => s.type === "graph");
      if (graph < 0) return { top: 0, bottom: 0 };
      const px = p => chart.convertToPixel({ seriesIndex: graph }, p);
      const sub = chart.getModel().getComponent("title", 1);
      const box = chart.getViewOfComponentModel(sub).group.getBoundingRect();
      const subtitleBottom = sub.option.top + box.y + box.height;
      let top = Infinity, bottom = -Infinity;
      chart.getModel().getSeriesByIndex(graph).getGraph().eachEdge(e => {
        const [a, b, c] = e.getLayout().map(px);
        const ys = [a[1], b[1]];
        if (c) { // a quadratic curve: its turning point, if it has one
          const d = a[1] - 2 * c[1] + b[1], t = d ? (a[1] - c[1]) / d : -1;
          if (t > 0 && t < 1) ys.push((1 - t) * (1 - t) * a[1] + 2 * (1 - t) * t * c[1] + t * t * b[1]);
        }
        top = Math.min(top, ...ys); bottom = Math.max(bottom, ...ys);
      });
      return { top: top - subtitleBottom, bottom: el.clientHeight - bottom };
    })(),
    points: o.series.flatMap((s, si) => {
      if (s.type !== "scatter") return [];
      const data = chart.getModel().getSeriesByIndex(si).getData();
      return data.mapArray(i => {
        const at = data.getItemLayout(i), off = data.getItemVisual(i, "symbolOffset") || [0, 0];
        const [time] = chart.convertFromPixel({ seriesIndex: si }, at);
        return { date: new Date(time).toISOString().slice(0, 10), x: at[0] + off[0], y: at[1] + off[1],
          dayX: at[0], rowY: at[1], rowHeight: chart.getModel().getComponent("yAxis", 0).axis.getBandWidth() };
      });
    }),
  };
})()`

// TestChartsInChromium loads every chart of data/ in headless Chromium,
// with the network blocked, at a desktop and at a phone width: no error,
// no request off the machine, and each chart drew what the data holds.
func TestChartsInChromium(t *testing.T) {
	d := dataset(t, "../../data")
	dir, gallery := writeCharts(t, d)
	b, err := chromium.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()

	var dated, undated int
	var dates []string
	speakers := map[string]bool{}
	for _, s := range d.Statements.All() {
		if s.Date.IsZero() {
			undated++
		} else {
			dated++
			dates = append(dates, s.Date.String())
			speakers[s.SpeakerID] = true // a row each, namesakes too
		}
	}
	countries := map[string]bool{}
	for _, r := range d.CountryRoles {
		countries[r.ISO3] = true
	}
	claims, who := map[string]bool{}, map[string]bool{}
	for _, s := range d.Stances {
		claims[s.ClaimID], who[s.EntityID] = true, true
	}

	for _, c := range gallery {
		for _, width := range []int64{1000, 390} {
			p, err := b.Open(filepath.Join(dir, c.File), width, 900)
			if err != nil {
				t.Fatal(err)
			}
			got, err := chromium.Eval[drawn](p, inspect)
			if err != nil {
				t.Fatalf("%s at %dpx: %v", c.File, width, err)
			}
			if problems := p.Errors(); len(problems) > 0 {
				t.Errorf("%s at %dpx: %s", c.File, width, strings.Join(problems, "\n"))
			}
			if got.Inked < 0.02 {
				t.Errorf("%s at %dpx: %.1f%% of the canvas drawn; the chart did not draw", c.File, width, 100*got.Inked)
			}
			if !strings.Contains(got.Aria, c.Description) {
				t.Errorf("%s: aria-label %q lacks the description", c.File, got.Aria)
			}
			points := 0
			for _, n := range got.Series {
				points += n
			}
			switch c.File {
			case "timeline.html":
				if points != dated || got.Listed != undated || len(got.YAxis) != len(speakers) {
					t.Errorf("timeline: %d points for %d dated statements, %d listed for %d undated, %d rows for %d speakers",
						points, dated, got.Listed, undated, len(got.YAxis), len(speakers))
				}
				checkTimelinePoints(t, width, got, dates)
			case "map.html":
				if points != len(countries) {
					t.Errorf("map: %d countries drawn, %d named", points, len(countries))
				}
			case "figures.html":
				want := 0
				for _, f := range d.Figures {
					want++ // the claimed number
					if f.CountsRole != 0 {
						want += 2 // named and not named
					}
				}
				if points != want {
					t.Errorf("figures: %d bars, want %d", points, want)
				}
			case "network.html":
				if points != len(claims)+len(who) || got.Links != len(d.Stances) {
					t.Errorf("network: %d nodes and %d links; want %d and %d", points, got.Links, len(claims)+len(who), len(d.Stances))
				}
				checkNetworkClearance(t, width, got)
			}
			// The first item's tooltip: inside the page, wrapped, with the
			// item's details.
			tip, err := chromium.Eval[tooltipBox](p, showTip)
			if err != nil {
				t.Fatalf("%s: %v", c.File, err)
			}
			if tip.Width == 0 || tip.Width > float64(width) || tip.Left < 0 || !strings.Contains(tip.Text, wantInTip[c.File]) {
				t.Errorf("%s at %dpx: tooltip %+v; want it inside the page, holding %q", c.File, width, tip, wantInTip[c.File])
			}
			if width == 1000 {
				shot, err := p.Screenshot("#chart-page")
				if err != nil {
					t.Fatal(err)
				}
				if img, err := png.Decode(bytes.NewReader(shot)); err != nil || img.Bounds().Dx() < 900 {
					t.Errorf("%s: screenshot: %v", c.File, err)
				}
			}
			p.Close()
		}
	}
}

// checkTimelinePoints: the timeline draws each statement at its date (the
// dates its points stand for are the statements', and a point's offset
// moves it at most 3 px from its day and not out of its speaker's row),
// and no two points at one place, though one speaker may say several
// things on one day.
func checkTimelinePoints(t *testing.T, width int64, got drawn, dates []string) {
	t.Helper()
	var drawnDates []string
	at := map[[2]int]bool{}
	checkTimelineRows(t, width, got)
	for _, p := range got.Points {
		drawnDates = append(drawnDates, p.Date)
		place := [2]int{int(math.Round(p.X)), int(math.Round(p.Y))}
		if at[place] {
			t.Errorf("timeline at %dpx: two points drawn at (%d, %d)", width, place[0], place[1])
		}
		at[place] = true
	}
	slices.Sort(drawnDates)
	dates = slices.Sorted(slices.Values(dates))
	if !slices.Equal(drawnDates, dates) {
		t.Errorf("timeline at %dpx: points drawn at the dates\n%v\nwant the statements' dates\n%v", width, drawnDates, dates)
	}
}

// checkNetworkClearance: no line of the network reaches the subtitle or
// the chart's bottom (lines bowed as echarts bows them crossed the title).
func checkNetworkClearance(t *testing.T, width int64, got drawn) {
	t.Helper()
	if got.Clearance.Top < 4 || got.Clearance.Bottom < 4 {
		t.Errorf("network at %dpx: the lines come within %.0f px of the subtitle and %.0f px of the bottom; want 4 or more",
			width, got.Clearance.Top, got.Clearance.Bottom)
	}
}

// checkTimelineRows: each point is drawn within a few pixels of its day
// and inside its row, symbol and all, however many rows the chart has and
// however its titles wrap.
func checkTimelineRows(t *testing.T, width int64, got drawn) {
	t.Helper()
	for _, p := range got.Points {
		if math.Abs(p.X-p.DayX) > 3 || math.Abs(p.Y-p.RowY)+symbolSize/2 > p.RowHeight/2 {
			t.Errorf("timeline at %dpx: a point of %s drawn at (%.0f, %.0f), its day at x %.0f and its row at y %.0f (%.0f px high)",
				width, p.Date, p.X, p.Y, p.DayX, p.RowY, p.RowHeight)
		}
	}
}

// checkSpeakerRows: a timeline of more speakers than it has rows for gives
// rows to speakerRows-1 of them and one to the others, says so, and stays
// short enough to read on a phone: its rows no higher than the busiest day
// of a speaker with a row needs.
func checkSpeakerRows(t *testing.T, d *schema.Dataset, got drawn) {
	t.Helper()
	l := lookupsOf(d, d.Index())
	var all []*schema.Statement
	for _, s := range d.Statements.Collect() {
		if !s.Date.IsZero() {
			all = append(all, &s)
		}
	}
	dated := newest(all, timelineLimit, func(s *schema.Statement) said { return l.saidOf(s.ID) })
	// In the timeline's order: who speaks first breaks a tie for a row.
	slices.SortStableFunc(dated, func(a, b *schema.Statement) int { return a.Date.Compare(b.Date) })
	speakers := map[string]bool{}
	for _, s := range dated {
		speakers[s.SpeakerID] = true
	}
	names := map[string]bool{}
	for _, name := range l.labels(slices.Collect(maps.Keys(speakers))) {
		names[name] = true
	}
	if len(speakers) <= speakerRows {
		t.Fatalf("the corpus's timeline has %d speakers: too few to test its rows", len(speakers))
	}
	others := fmt.Sprintf("%d other speakers", len(speakers)-(speakerRows-1))
	if len(got.YAxis) != speakerRows || got.YAxis[speakerRows-1] != others {
		t.Errorf("timeline: rows %q; want %d, the last %q", got.YAxis, speakerRows, others)
	}
	for _, name := range got.YAxis[:speakerRows-1] {
		if !names[name] {
			t.Errorf("timeline: a row for %q, who is not a speaker of the statements drawn", name)
		}
	}
	// The rows are as high as the busiest day of a speaker with a row of
	// their own needs; the shared row's days, busier, do not raise them.
	own, _ := speakersWithRows(dated, speakerRows)
	onDay, stack, sharedStack := map[string]int{}, 1, 1
	for _, s := range dated {
		key := "own\x00" + s.SpeakerID + "\x00" + s.Date.String()
		if !slices.Contains(own, s.SpeakerID) {
			key = "shared\x00" + s.Date.String()
		}
		onDay[key]++
		if slices.Contains(own, s.SpeakerID) {
			stack = max(stack, onDay[key])
		} else {
			sharedStack = max(sharedStack, onDay[key])
		}
	}
	if rowHeight(sharedStack) <= rowHeight(stack) {
		t.Fatalf("the shared row's busiest day has %d statements, a speaker's %d: too few to test that it does not set the rows' height", sharedStack, stack)
	}
	// The chart grows only by what the titles take when they wrap.
	rows := rowHeight(stack) * speakerRows
	if most := max(titlesAbove+rowsBelow+rows, int(got.GridTop)+rows+rowsBelow); got.Height > float64(most) {
		t.Errorf("timeline: %.0f px high; want at most %d (rows of %d px, for %d statements of a speaker on a day, below titles %.0f px high)", got.Height, most, rowHeight(stack), stack, got.GridTop)
	}
	for _, p := range got.Points {
		if p.RowHeight < float64(rowHeight(stack)) {
			t.Fatalf("timeline: rows %.1f px high; want %d", p.RowHeight, rowHeight(stack))
		}
	}
}

type tooltipBox struct {
	Left, Width float64
	Text        string
}

// showTip shows the tooltip of the first item with data and measures it.
const showTip = `(() => {
  const chart = echarts.getInstanceByDom(document.querySelector(".item"));
  const o = chart.getOption();
  let series = -1, index = -1;
  o.series.forEach((s, si) => (s.data || []).forEach((x, di) => {
    if (series < 0 && x && (x.tip || Array.isArray(x.value))) { series = si; index = di; }
  }));
  chart.dispatchAction({ type: "showTip", seriesIndex: series, dataIndex: index });
  const boxes = [...document.querySelectorAll(".item div")].filter(d => d.style.display !== "none" && d.innerText.trim() !== "");
  const box = boxes[boxes.length - 1];
  if (!box) { return { left: 0, width: 0, text: "" }; }
  const r = box.getBoundingClientRect();
  return { left: r.left, width: r.width, text: box.innerText };
})()`

// wantInTip is a phrase each chart's first tooltip must hold.
var wantInTip = map[string]string{
	"timeline.html": "Source: ",
	"map.html":      "statement",
	"figures.html":  "claimed by",
	"network.html":  "",
}

// TestStylesDistinct: no two kinds, roles or stances look alike.
func TestStylesDistinct(t *testing.T) {
	seen := map[string]string{}
	check := func(what, look string) {
		if other, dup := seen[look]; dup {
			t.Errorf("%s looks like %s (%s)", what, other, look)
		}
		seen[look] = what
	}
	for _, k := range schema.StatementKinds {
		st, ok := kindStyle[k]
		if !ok {
			t.Errorf("statement kind %s has no style", k)
		}
		check("kind "+k.String(), "color "+st.Color)
		check("kind "+k.String()+" shape", "symbol "+st.Symbol)
	}
	clear(seen)
	for _, r := range schema.CountryRoleKinds {
		i := slices.IndexFunc(roleStyle, func(rs struct {
			Role  schema.CountryRoleKind
			Color string
			Label string
		}) bool {
			return rs.Role == r
		})
		if i < 0 {
			t.Errorf("country role %s has no style", r)
			continue
		}
		check("role "+r.String(), roleStyle[i].Color)
	}
	clear(seen)
	for _, k := range schema.StanceKinds {
		st, ok := stanceStyle[k]
		if !ok {
			t.Errorf("stance %s has no style", k)
		}
		check("stance "+k.String(), "color "+st.Color)
		check("stance "+k.String()+" line", fmt.Sprint("dash ", st.Dash))
	}
}

// TestScriptCannotBeEnded: text from the data that holds "</script>"
// stays text inside the chart's script.
func TestScriptCannotBeEnded(t *testing.T) {
	d := dataset(t, "../../data")
	for i := range d.Claims { // every claim, so that the network draws one whichever it chooses
		d.Claims[i].Text = `</script><script>document.title="pwned"</script>`
	}
	dir, _ := writeCharts(t, d)
	page, err := os.ReadFile(filepath.Join(dir, "network.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte("pwned")) {
		t.Fatal("no claim's text is in the page: the test checks nothing")
	}
	if bytes.Contains(page, []byte(`<script>document.title="pwned"`)) {
		t.Error("a claim's text ends the chart's script")
	}
	b, err := chromium.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	p, err := b.Open(filepath.Join(dir, "network.html"), 1000, 900)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	title, err := chromium.Eval[string](p, "document.title")
	if err != nil || title == "pwned" || len(p.Errors()) > 0 {
		t.Errorf("title %q, errors %v, %v", title, p.Errors(), err)
	}
}

// TestOffline: no page names anything off the machine to load.
func TestOffline(t *testing.T) {
	dir, _ := writeCharts(t, dataset(t, "../../data"))
	remote := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//`)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".html" {
			continue
		}
		page, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if m := remote.Find(page); m != nil {
			t.Errorf("%s loads %s", e.Name(), m)
		}
	}
}

// TestChartsFollowTheData: another dataset, other speakers and countries,
// no figures and no stances, no code change; its pages draw in Chromium
// without an error.
func TestChartsFollowTheData(t *testing.T) {
	d := dataset(t, "../cli/testdata/conflicting-reports/data")
	dir, gallery := writeCharts(t, d)
	b, err := chromium.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, c := range gallery {
		p, err := b.Open(filepath.Join(dir, c.File), 390, 900)
		if err != nil {
			t.Fatal(err)
		}
		if problems := p.Errors(); len(problems) > 0 {
			t.Errorf("%s: %s", c.File, strings.Join(problems, "\n"))
		}
		p.Close()
	}
	page, err := os.ReadFile(filepath.Join(dir, "timeline.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"an Iranian general", "officials", "Outlet A, 20 May 2022", "conflict-fixture 1.0.0"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("timeline.html lacks %q", want)
		}
	}
	figures, _ := os.ReadFile(filepath.Join(dir, "figures.html"))
	if !bytes.Contains(figures, []byte("give no numbers")) {
		t.Error("figures.html does not say the release has no numbers")
	}
	m, _ := os.ReadFile(filepath.Join(dir, "map.html"))
	if !bytes.Contains(m, []byte(`"name":"762"`)) { // Tajikistan, the host
		t.Error("map.html does not draw Tajikistan")
	}
}

// TestSameBytes: fixed chart ids, no random or clock-dependent output.
func TestSameBytes(t *testing.T) {
	d := dataset(t, "../../data")
	a, _ := writeCharts(t, d)
	b, _ := writeCharts(t, d)
	read := func(dir string) map[string]string {
		files := map[string]string{}
		_ = filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				data, _ := os.ReadFile(path)
				rel, _ := filepath.Rel(dir, path)
				files[rel] = string(data)
			}
			return err
		})
		return files
	}
	ta, tb := read(a), read(b)
	if diff := cmp.Diff(ta, tb); diff != "" {
		t.Errorf("two writes differ:\n%.2000s", diff)
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range ta {
			if !yield(k) {
				return
			}
		}
	})
	if !slices.Contains(names, "assets/world.js") || !slices.Contains(names, "assets/echarts.min.js") {
		t.Errorf("assets missing: %v", names)
	}
}

// TestChartsOfALargeCorpus draws a synthetic corpus far larger than a chart
// can show: each chart draws at most its limit, the most recent marks,
// says what it left out, stays small enough for a phone, and draws without
// errors in Chromium.
func TestChartsOfALargeCorpus(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if err := synth.Corpus(data, 5000, 1); err != nil {
		t.Fatal(err)
	}
	d := dataset(t, data)
	if len(d.Figures) <= figuresLimit || len(d.Stances) <= stancesLimit {
		t.Fatalf("the corpus is too small to test the limits: %d figures, %d stances", len(d.Figures), len(d.Stances))
	}
	dir, gallery := writeCharts(t, d)
	b, err := chromium.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var latest schema.Date
	for _, s := range d.Statements.All() {
		if s.Date.Compare(latest) > 0 {
			latest = s.Date
		}
	}
	for _, c := range gallery {
		page, err := os.ReadFile(filepath.Join(dir, c.File))
		if err != nil {
			t.Fatal(err)
		}
		if len(page) > 300_000 {
			t.Errorf("%s: %d bytes; a chart page must stay small enough for a phone", c.File, len(page))
		}
		if !strings.Contains(string(page), fmt.Sprintf("Sources: %d articles by", len(d.Sources))) {
			t.Errorf("%s: the credit does not count the %d sources", c.File, len(d.Sources))
		}
		if c.File != "map.html" && !strings.Contains(string(page), "the tables hold them all") {
			t.Errorf("%s: does not say that it shows only some of the data", c.File)
		}
		p, err := b.Open(filepath.Join(dir, c.File), 390, 900)
		if err != nil {
			t.Fatal(err)
		}
		got, err := chromium.Eval[drawn](p, inspect)
		if err != nil {
			t.Fatalf("%s: %v", c.File, err)
		}
		if problems := p.Errors(); len(problems) > 0 {
			t.Errorf("%s: %s", c.File, strings.Join(problems, "\n"))
		}
		points := 0
		for _, n := range got.Series {
			points += n
		}
		switch c.File {
		case "timeline.html":
			if points != timelineLimit || got.Listed != undatedLimit {
				t.Errorf("timeline: %d points and %d listed; want %d and %d", points, got.Listed, timelineLimit, undatedLimit)
			}
			if !strings.Contains(string(page), latest.String()) {
				t.Errorf("timeline: the latest date %s is not drawn", latest)
			}
			checkTimelineRows(t, 390, got)
			checkSpeakerRows(t, d, got)
		case "figures.html":
			if points != 3*figuresLimit { // synthetic figures count countries: claimed, named, not named
				t.Errorf("figures: %d bars; want %d", points, 3*figuresLimit)
			}
		case "map.html":
			if !strings.Contains(string(page), fmt.Sprintf("The %d latest of %d such figures", headlineLimit, len(d.Figures))) {
				t.Errorf("map: does not say that it writes only the latest %d of %d headline figures", headlineLimit, len(d.Figures))
			}
		case "network.html":
			// The stances on the claims with the most stances, up to the limit.
			perClaim := map[string]int{}
			for _, s := range d.Stances {
				perClaim[s.ClaimID]++
			}
			var counts []int
			for _, n := range perClaim {
				counts = append(counts, n)
			}
			slices.Sort(counts)
			slices.Reverse(counts)
			want := 0
			for _, n := range counts[:claimsLimit] {
				want += n
			}
			want = min(want, stancesLimit)
			if got.Links != want || points > claimsLimit+want {
				t.Errorf("network: %d links and %d nodes; want %d links and at most %d nodes", got.Links, points, want, claimsLimit+want)
			}
		}
		p.Close()
	}
}

// TestNetworkCurvesClearSubtitle: however many stances one entity takes
// on one claim, their curves, bowed apart, stay clear of the subtitle and
// the chart's bottom, at a desktop's width and a phone's. (data/ has at
// most two stances on a pair; here each pair has four, and then one pair
// alone has eight.)
func TestNetworkCurvesClearSubtitle(t *testing.T) {
	d := dataset(t, "../../data")
	var more []schema.Stance
	for _, s := range d.Stances {
		for _, k := range schema.StanceKinds[:3] {
			if k != s.Stance {
				more = append(more, schema.Stance{ClaimID: s.ClaimID, StatementID: s.StatementID, EntityID: s.EntityID, Stance: k})
			}
		}
	}
	d.Stances = append(d.Stances, more...)
	if most := len(curvenesses(d.Stances)); most < 3 {
		t.Fatalf("the most stances on one pair is %d; the test needs 3 or more", most)
	}
	// And one pair alone with eight stances: one row, eight curves (the
	// plot had no height left for them).
	alone := *d
	alone.Stances = nil
	for i := range 8 {
		s := d.Stances[0]
		s.Stance = schema.StanceKinds[i%len(schema.StanceKinds)]
		alone.Stances = append(alone.Stances, s)
	}
	b, err := chromium.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, d := range []*schema.Dataset{d, &alone} {
		dir, _ := writeCharts(t, d)
		for _, width := range []int64{1000, 390} {
			p, err := b.Open(filepath.Join(dir, "network.html"), width, 900)
			if err != nil {
				t.Fatal(err)
			}
			got, err := chromium.Eval[drawn](p, inspect)
			if err != nil {
				t.Fatal(err)
			}
			if got.Links != len(d.Stances) {
				t.Errorf("network at %dpx: %d lines drawn for %d stances", width, got.Links, len(d.Stances))
			}
			checkNetworkClearance(t, width, got)
			p.Close()
		}
	}
}

// panelsDrawn measures the figures chart's panels as drawn: for each
// series, its unit, its axis, its widest bar and its grid's place.
const panelsDrawn = `(() => {
  const chart = echarts.getInstanceByDom(document.querySelector(".item"));
  const panels = chart.getOption().series.map((s, si) => {
    const data = chart.getModel().getSeriesByIndex(si).getData();
    const grid = chart.getModel().getComponent("grid", s.xAxisIndex || 0).coordinateSystem.getRect();
    let widest = 0;
    data.each(i => { widest = Math.max(widest, data.getItemLayout(i).width); });
    return { unit: s.name, axis: s.xAxisIndex || 0, widest: widest, gridWidth: grid.width, top: grid.y, bottom: grid.y + grid.height };
  });
  return { panels: panels, height: chart.getHeight() };
})()`

// TestFiguresOfUnitsApart: figures of different units are drawn on axes
// of their own, so that a count of countries is not a sliver beside a sum
// of dollars (they once shared one axis), and the panels neither overlap
// nor leave the chart, at a desktop's width and a phone's.
func TestFiguresOfUnitsApart(t *testing.T) {
	d := dataset(t, "../../data")
	if len(d.Figures) == 0 {
		t.Fatal("data/ has no figure to set beside another")
	}
	f := d.Figures[0]
	f.ID, f.Measure, f.Value, f.Unit, f.ValueText, f.CountsRole, f.NamedCount = f.ID+"-dollars", "value of the contract", 2e6, "US dollars", "2 million", 0, 0
	d.Figures = append(d.Figures, f)
	// And as many units as the chart draws figures, with long words.
	many := *d
	many.Figures = slices.Clone(d.Figures[:1])
	for i := 1; i < figuresLimit; i++ {
		f.ID, f.Value, f.Unit, f.ValueText = fmt.Sprintf("%s-%d", d.Figures[0].ID, i), float64(i*1000), fmt.Sprintf("units of measure number %d, as the curator named them", i), "more than two and a half billion"
		many.Figures = append(many.Figures, f)
	}
	b, err := chromium.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, tc := range []struct {
		d     *schema.Dataset
		units int
	}{{d, 2}, {&many, figuresLimit}} {
		dir, _ := writeCharts(t, tc.d)
		checkFigurePanels(t, b, dir, tc.units)
	}
}

// checkFigurePanels: the figures chart in dir draws units panels, each on
// an axis of its own, its widest bar at least half its width, one under
// another, none of them empty or outside the chart.
func checkFigurePanels(t *testing.T, b *chromium.Browser, dir string, units int) {
	t.Helper()
	for _, width := range []int64{1000, 390} {
		p, err := b.Open(filepath.Join(dir, "figures.html"), width, 900)
		if err != nil {
			t.Fatal(err)
		}
		got, err := chromium.Eval[struct {
			Panels []struct {
				Unit              string
				Axis              int
				Widest, GridWidth float64
				Top, Bottom       float64
			}
			Height float64
		}](p, panelsDrawn)
		if err != nil {
			t.Fatal(err)
		}
		if problems := p.Errors(); len(problems) > 0 {
			t.Errorf("at %dpx: %s", width, strings.Join(problems, "\n"))
		}
		axes := map[int]bool{}
		for _, pn := range got.Panels {
			axes[pn.Axis] = true
		}
		if len(got.Panels) != units || len(axes) != units {
			t.Fatalf("at %dpx: panels %+v; want %d, on axes of their own", width, got.Panels, units)
		}
		below := 0.0
		for _, pn := range got.Panels {
			if pn.Bottom-pn.Top < 20 {
				t.Errorf("at %dpx: the panel of %s is %.0f px high", width, pn.Unit, pn.Bottom-pn.Top)
			}
			if pn.Widest < pn.GridWidth/2 {
				t.Errorf("at %dpx: the widest bar of %s is %.0f px of its panel's %.0f", width, pn.Unit, pn.Widest, pn.GridWidth)
			}
			if pn.Top < below+20 || pn.Bottom > got.Height-20 {
				t.Errorf("at %dpx: the panel of %s runs from %.0f to %.0f px; the one above ends at %.0f, the chart at %.0f", width, pn.Unit, pn.Top, pn.Bottom, below, got.Height)
			}
			below = pn.Bottom
		}
		p.Close()
	}
}

// TestSameDayOffset: statements of one speaker on one day are drawn apart
// from each other, none more than 2 px along the time axis from its day
// (9 px a point was days on a phone), the first column's at least half a
// symbol apart (4 px hid one under another), and each inside its row,
// symbol and all, for every size of stack the row is made for.
func TestSameDayOffset(t *testing.T) {
	places := map[[2]float64]int{}
	for k := range 3 * sameDayPerColumn {
		dx, dy := sameDayOffset(k, sameDayStep)
		if other, taken := places[[2]float64{dx, dy}]; taken {
			t.Errorf("statement %d of a day is drawn where statement %d is (%v, %v)", k, other, dx, dy)
		}
		places[[2]float64{dx, dy}] = k
		if math.Abs(dx) > 2 {
			t.Errorf("statement %d of a day is drawn %v px along the axis from its day", k, dx)
		}
	}
	for stack := 1; stack <= sameDayPerColumn; stack++ {
		var ys []float64
		for k := range stack {
			_, dy := sameDayOffset(k, sameDayStep)
			ys = append(ys, dy)
			if half := float64(rowHeight(stack)) / 2; math.Abs(dy)+symbolSize/2 > half {
				t.Errorf("%d on a day: statement %d is drawn %v px from the middle of a row %v px high", stack, k, dy, 2*half)
			}
		}
		slices.Sort(ys)
		for i := 1; i < len(ys); i++ {
			if ys[i]-ys[i-1] < symbolSize/2 {
				t.Errorf("%d on a day: two are drawn %v px apart", stack, ys[i]-ys[i-1])
			}
		}
	}
	if dx, dy := sameDayOffset(0, sameDayStep); dx != 0 || dy != 0 {
		t.Errorf("a day's only statement is drawn off it, at (%v, %v)", dx, dy)
	}
}

// TestStepWithin: a day's statements stacked in a row lower than they
// would need (the timeline's shared row) stay inside it, symbol and all,
// still apart; in a row high enough they keep half a symbol's step.
func TestStepWithin(t *testing.T) {
	for height := rowHeight(1); height <= rowHeight(sameDayPerColumn); height++ {
		for stack := 1; stack <= 3*sameDayPerColumn+5; stack++ {
			step := stepWithin(height, stack)
			if rowHeight(stack) <= height && step != sameDayStep {
				t.Errorf("a row %d px high, %d on a day: a step of %v px, want %v", height, stack, step, sameDayStep)
			}
			if !(step > 0) || math.IsInf(step, 0) {
				t.Fatalf("a row %d px high, %d on a day: a step of %v px", height, stack, step)
			}
			for k := range stack {
				if _, dy := sameDayOffset(k, step); math.Abs(dy)+symbolSize/2 > float64(height)/2 {
					t.Errorf("a row %d px high, %d on a day: statement %d is drawn %v px from its middle", height, stack, k, dy)
				}
			}
		}
	}
}

// TestQuotationMarksHoldSourceWords: whatever a chart page sets in
// quotation marks is words of a statement's quote, never wording made up
// from the facts (a figure's number and the unit a curator gave it were
// once quoted, "45 people" for a source's "at least 45 technicians").
func TestQuotationMarksHoldSourceWords(t *testing.T) {
	d := dataset(t, "../../data")
	for i := range d.Figures {
		d.Figures[i].Unit = "units of the curator" // words no source writes
	}
	dir, gallery := writeCharts(t, d)
	quoted := regexp.MustCompile(`“([^”]*)”`)
	space := strings.NewReplacer("\n", " ", "\u00a0", " ")
	var quotes []string
	for _, s := range d.Statements.All() {
		quotes = append(quotes, space.Replace(s.Quote))
	}
	checked := 0
	for _, c := range gallery {
		page, err := os.ReadFile(filepath.Join(dir, c.File))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range quoted.FindAllStringSubmatch(html.UnescapeString(string(page)), -1) {
			words := space.Replace(m[1])
			if !slices.ContainsFunc(quotes, func(q string) bool { return strings.Contains(q, words) }) {
				t.Errorf("%s quotes %q, which no statement's quote holds", c.File, words)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no page quotes anything: the test checks nothing")
	}
}

package echarts

import (
	"fmt"
	"html"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"newsfacts/schema"
)

// lookups are the dataset's rows by id, and what the charts make of its
// names.
type lookups struct {
	*schema.Index
	// shared holds the names that two or more entities of the dataset
	// bear: each chart writes them with their ids (see labels).
	shared map[string]bool
}

func lookupsOf(d *schema.Dataset, x *schema.Index) lookups {
	l := lookups{x, map[string]bool{}}
	named := make(map[string]bool, len(d.Entities))
	for i := range d.Entities {
		e := &d.Entities[i]
		if named[e.Name] {
			l.shared[e.Name] = true
		}
		named[e.Name] = true
	}
	return l
}

const unattributed = "(no speaker named)"

// publisher names src's publisher, with the outlet's id when another
// entity bears its name (see labels).
func (l lookups) publisher(src *schema.Source) string {
	if l.shared[src.Publisher] && src.PublisherID != "" {
		return src.Publisher + " (" + src.PublisherID + ")"
	}
	return src.Publisher
}

// labels names the entities ids (each may be listed more than once) for
// a chart so that no two names read alike: a name that two or more of
// them share, or that another entity of the dataset bears, or that the
// chart gives to something else (reserved), has the entity's id added
// ("Anna Belova (anna-belova-2)").
// In a large corpus people share names: a chart that wrote each plainly
// showed two people as one, and one that told apart only those it shows
// left a reader unable to say which of two Anna Belovas of another chart
// gave a figure. The id "" (no speaker named) is unattributed.
func (l lookups) labels(ids []string, reserved ...string) map[string]string {
	name := func(id string) string {
		if e := l.Entity(id); e != nil {
			return e.Name
		}
		if id == "" {
			return unattributed
		}
		return id
	}
	uses := map[string]int{}
	for _, r := range reserved {
		uses[r] += 2 // taken: any entity of that name gets its id
	}
	labels := make(map[string]string, len(ids))
	for _, id := range ids {
		if _, seen := labels[id]; !seen { // an id listed twice is one entity
			labels[id] = ""
			uses[name(id)]++
		}
	}
	for id := range labels {
		label := name(id)
		if (uses[label] > 1 || l.shared[label]) && id != "" {
			label += " (" + id + ")"
		}
		labels[id] = label
	}
	return labels
}

// whenText says when, to the statement's precision, and whether inferred.
func whenText(s *schema.Statement) string {
	var when string
	switch s.DatePrecision {
	case schema.PrecisionDay:
		when = longDate(s.Date)
	case schema.PrecisionMonth:
		when = fmt.Sprintf("%s %d (month only)", time.Month(s.Date.Month), s.Date.Year)
	case schema.PrecisionYear:
		when = fmt.Sprintf("%d (year only)", s.Date.Year)
	default:
		return "date not given"
	}
	if s.DateBasis == schema.BasisInferred {
		when += ", inferred"
	}
	return when
}

// tooltip is a statement's details as HTML: who (as speaker names
// them), what kind, when, the summary, the verbatim quote and the source.
func (l lookups) tooltip(s *schema.Statement, speaker string) string {
	src := l.Source(s.SourceID)
	var b strings.Builder
	fmt.Fprintf(&b, "<b>%s</b> · %s · %s<br>", html.EscapeString(speaker), html.EscapeString(kindLabel(s.Kind)), html.EscapeString(whenText(s)))
	fmt.Fprintf(&b, "%s<br>%s", html.EscapeString(s.Summary), quoteHTML(s))
	if src != nil {
		fmt.Fprintf(&b, "<br>Source: %s, %s", html.EscapeString(l.publisher(src)), html.EscapeString(longDate(src.Published)))
	}
	return b.String()
}

// quoteHTML shows a statement's words: a direct quote in quotation marks
// as the speaker's; reported or mixed words as the source's text, so that
// a reporter's words are never read as the speaker's.
func quoteHTML(s *schema.Statement) string {
	if s.QuoteType == schema.QuoteDirect {
		return "<i>“" + html.EscapeString(s.Quote) + "”</i>"
	}
	return "Source text: <i>" + html.EscapeString(s.Quote) + "</i>"
}

// kindLabel names a statement kind for readers; a claim says it is one.
func kindLabel(k schema.StatementKind) string {
	if k == schema.StatementClaim {
		return "claim (an allegation, not a fact)"
	}
	return strings.ReplaceAll(k.String(), "_", " ")
}

// timeline draws dated statements on a time axis, one row per speaker (up
// to speakerRows), one series (colour and shape) per kind; claims are
// hollow. Undated statements are listed under the chart.
func timeline(d *schema.Dataset, l lookups, creditLine string) page {
	ch := Chart{File: "timeline.html", Title: "Who said what, and when",
		Description: "Each statement the sources report, by date and speaker; claims are drawn hollow, undated statements are listed below the chart."}
	// The statements are chosen by what the index holds of each (see
	// newest), and only the chosen are read: they may be in a file (see
	// schema.Rows).
	var datedRows, undatedRows []int
	allUndated := 0
	for i := range d.Statements.Len() {
		switch {
		case !l.StatementBrief(i).Date.IsZero():
			datedRows = append(datedRows, i)
		case allUndated < undatedLimit:
			undatedRows = append(undatedRows, i)
			allUndated++
		default:
			allUndated++
		}
	}
	allDated := len(datedRows)
	datedRows = newest(datedRows, timelineLimit, func(i int) said { return said{l.StatementBrief(i).Date, i} })
	read := func(rows []int) []*schema.Statement {
		statements := make([]*schema.Statement, len(rows))
		for k, i := range rows {
			statements[k] = new(schema.Statement)
			d.Statements.Row(i, statements[k])
		}
		return statements
	}
	dated, undated := read(datedRows), read(undatedRows)
	slices.SortStableFunc(dated, func(a, b *schema.Statement) int {
		return a.Date.Compare(b.Date)
	})
	// Speakers top to bottom in the order they first speak; a row is a
	// speaker. Past speakerRows speakers, those with the fewest statements
	// share the last row: a row each took a corpus's timeline thousands of
	// pixels down a phone's screen.
	own, others := speakersWithRows(dated, speakerRows)
	othersRow := ""
	if others > 0 {
		othersRow = fmt.Sprintf("%d other speakers", others)
	}
	// Every speaker drawn or listed is named apart from the others, and
	// from the shared row, in the rows and the tooltips alike.
	var drawn []string
	for _, s := range slices.Concat(dated, undated) {
		drawn = append(drawn, s.SpeakerID)
	}
	label := l.labels(drawn, othersRow)
	rowName := map[string]string{}
	var speakers []string
	for _, id := range own {
		rowName[id] = label[id]
		speakers = append(speakers, label[id])
	}
	if others > 0 {
		speakers = append(speakers, othersRow)
	}
	row := func(s *schema.Statement) string {
		if name, ok := rowName[s.SpeakerID]; ok {
			return name
		}
		return othersRow
	}
	shared := func(s *schema.Statement) bool { return others > 0 && row(s) == othersRow }
	// Statements of one row on one day are stacked at their day, so that
	// each stays at its date. (They were once shifted along the axis by a
	// share of its span: in a corpus of years, a day's second statement
	// was drawn weeks later.) Every row is as high as the busiest day of a
	// speaker with a row of their own needs; the shared row, whose day may
	// hold many speakers' statements, stacks a busy day's closer, within
	// that height, rather than make every row taller.
	onDay, stack := map[string]int{}, 1
	for _, s := range dated {
		key := row(s) + "\x00" + s.Date.String()
		onDay[key]++
		if !shared(s) {
			stack = max(stack, onDay[key])
		}
	}
	height := rowHeight(stack)
	seen := map[string]int{}
	point := func(s *schema.Statement) opts.ScatterData {
		key := row(s) + "\x00" + s.Date.String()
		step := float64(sameDayStep)
		if shared(s) {
			step = stepWithin(height, onDay[key])
		}
		dx, dy := sameDayOffset(seen[key], step)
		seen[key]++
		at := s.Date.Time().Format("2006-01-02T15:04:05Z")
		return opts.ScatterData{Value: []any{at, row(s), l.tooltip(s, label[s.SpeakerID]), dx, dy}}
	}
	var span time.Duration
	if len(dated) > 0 {
		span = dated[len(dated)-1].Date.Time().Sub(dated[0].Date.Time())
	}
	pad := max(span/15, 3*24*time.Hour)
	var axisMin, axisMax string
	if len(dated) > 0 {
		axisMin = dated[0].Date.Time().Add(-pad).Format("2006-01-02")
		axisMax = dated[len(dated)-1].Date.Time().Add(pad).Format("2006-01-02")
	}

	sc := charts.NewScatter()
	// Rows high enough for a kept speaker's busiest day, stacked, so that
	// the points stay in their rows (a large corpus drew 2-pixel rows).
	chartHeight := max(600, titlesAbove+rowsBelow+height*len(speakers))
	sc.SetGlobalOptions(base("chart_timeline", ch, fmt.Sprintf("%dpx", chartHeight))...)
	yes := true
	sc.SetGlobalOptions(
		charts.WithLegendOpts(opts.Legend{Show: &yes, Bottom: "0", Type: "scroll"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "110", Bottom: "48", ContainLabel: &yes}),
	)
	for _, kind := range schema.StatementKinds {
		var data []opts.ScatterData
		for _, s := range dated {
			if s.Kind == kind {
				data = append(data, point(s))
			}
		}
		if len(data) == 0 {
			continue
		}
		st := kindStyle[kind]
		style := opts.ItemStyle{Color: st.Color}
		if kind == schema.StatementClaim {
			style = opts.ItemStyle{Color: st.Color, BorderColor: st.Color, BorderWidth: 2.5}
		}
		sc.AddSeries(kindLabel(kind), data,
			charts.WithItemStyleOpts(style),
			charts.WithScatterChartOpts(opts.ScatterChart{Symbol: st.Symbol, SymbolSize: symbolSize}),
		)
	}
	sc.Accept(patch{series: map[string]any{
		// Each point's offset from its day, in pixels, is in its value.
		"symbolOffset": opts.FuncOpts("function (v) { return [v[3], v[4]]; }"),
	}, set: map[string]any{
		"aria":    aria(ch.Description),
		"tooltip": tooltip("function (p) { return p.value[2]; }"),
		"xAxis":   []any{map[string]any{"type": "time", "min": axisMin, "max": axisMax, "splitLine": map[string]any{"show": true}}},
		// Long names wrap onto lines of their own (go-echarts types the
		// line height as a string, which echarts ignores).
		"yAxis": []any{map[string]any{"type": "category", "data": speakers, "inverse": true,
			"axisLabel": map[string]any{"width": 130, "overflow": "break", "lineHeight": 14}}},
	}})

	var extra strings.Builder
	if len(undated) > 0 {
		fmt.Fprintf(&extra, "<h2>Undated statements (%d)</h2>\n<ul>\n", allUndated)
		for _, s := range undated {
			src := l.Source(s.SourceID)
			fmt.Fprintf(&extra, "<li><b>%s</b> (%s): %s %s", html.EscapeString(label[s.SpeakerID]), html.EscapeString(kindLabel(s.Kind)), html.EscapeString(s.Summary), quoteHTML(s))
			if s.DateNote != "" {
				fmt.Fprintf(&extra, " When: %s.", html.EscapeString(s.DateNote))
			}
			if src != nil {
				fmt.Fprintf(&extra, " Source: %s, %s.", html.EscapeString(l.publisher(src)), html.EscapeString(longDate(src.Published)))
			}
			extra.WriteString("</li>\n")
		}
		extra.WriteString("</ul>\n")
		if allUndated > len(undated) {
			fmt.Fprintf(&extra, "<p>The first %d by id are listed; the tables hold all %d.</p>\n", len(undated), allUndated)
		}
	}
	listed := fmt.Sprintf("%d undated statements are listed below.", allUndated)
	if allUndated > len(undated) {
		listed = fmt.Sprintf("The first %d of %d undated statements, by id, are listed below.", len(undated), allUndated)
	}
	subtitle := fmt.Sprintf("%d dated statements by %d speakers, as the sources report them; claims are hollow. %s", len(dated), len(own)+others, listed)
	if others > 0 {
		subtitle += fmt.Sprintf(" The %d speakers with the most of these statements have rows of their own; the other %d share the last row, and each point's tooltip names its speaker.", len(own), others)
	}
	subtitle += shownOf(len(dated), allDated, "dated statements")
	// On a phone the titles wrap onto more lines and push the plot down:
	// the chart grows by as much, so that each row keeps its height.
	layout := template.JS(fmt.Sprintf(`
    el.style.height = Math.max(%d, plotTop + %d * %d + %d) + "px";`, chartHeight, len(speakers), height, rowsBelow))
	return page{chart: ch, render: sc, chartID: "chart_timeline", subtitle: subtitle, credit: creditLine, layout: layout, extra: template.HTML(extra.String())}
}

// The timeline's height is its rows' and what lies above and below them.
const (
	titlesAbove = 160 // pixels the titles take on a wide page, before the browser measures them
	rowsBelow   = 80  // pixels under the rows: the plot's bottom margin (48), the time axis's labels, a little room
)

// speakersWithRows returns the speakers of the statements (ids, "" for
// none named) that have a row of their own, at most limit, in the order
// they first speak, and how many others there are. With more than limit
// speakers, limit-1 have rows: those with the most statements, ties to
// the one who spoke first; the others share the last row.
func speakersWithRows(statements []*schema.Statement, limit int) (own []string, others int) {
	count := map[string]int{}
	var order []string // in the order they first speak
	for _, s := range statements {
		if count[s.SpeakerID] == 0 {
			order = append(order, s.SpeakerID)
		}
		count[s.SpeakerID]++
	}
	if len(order) <= limit {
		return order, 0
	}
	most := slices.Clone(order)
	slices.SortStableFunc(most, func(a, b string) int { return count[b] - count[a] })
	chosen := map[string]bool{}
	for _, id := range most[:limit-1] {
		chosen[id] = true
	}
	for _, id := range order {
		if chosen[id] {
			own = append(own, id)
		}
	}
	return own, len(order) - len(own)
}

// rowHeight is the least height of a row, in pixels, when at most stack
// statements of the row share a day: room for a name on two lines, and
// for the column of sameDayOffset with a symbol's half at either end.
func rowHeight(stack int) int {
	reach := sameDayStep * (min(stack, sameDayPerColumn) / 2) // the farthest offset from the middle
	return max(28, 2*reach+symbolSize+4)
}

// symbolSize is the timeline's symbols' size, in pixels.
const symbolSize = 14

// sameDayPerColumn is how many statements of one row on one day are
// stacked in one column about their day before the next column begins.
const sameDayPerColumn = 7

// sameDayStep is how far apart, in pixels, the statements of one row on
// one day are stacked: half a symbol, so that each shows.
const sameDayStep = symbolSize / 2

// stepWithin is how far apart the statements of a day are stacked in a
// row height pixels high when at most stack of them share a day: half a
// symbol if the row has room for it (see rowHeight), or else closer, so
// that they stay in the row, one partly over another.
func stepWithin(height, stack int) float64 {
	if rowHeight(stack) <= height || stack < 2 {
		return sameDayStep // one alone on its day is drawn at it, whatever the step
	}
	reach := float64(height-symbolSize-4) / 2 // the farthest from the middle a symbol's centre may be
	return reach / float64(min(stack, sameDayPerColumn)/2)
}

// sameDayOffset is where, in pixels from its day, the k-th statement of
// one row on one day is drawn, step pixels from the one before it:
// stacked across the time axis (0, 7 px above, 7 px below, 14 above… with
// a step of sameDayStep, within its row: see rowHeight), so that
// each stays at its date whatever the chart's width. Past a column of
// sameDayPerColumn, a second and a third column stand 2 px right and left
// of the day, which is less than a day at any width a chart is read at,
// and so over the first column's points; past those, points fall on the
// third column's places (the tooltips and the tables still give each).
// The offset along the axis was once 9 px a point: on a phone, days.
func sameDayOffset(k int, step float64) (dx, dy float64) {
	const aside, columns = 2, 3
	column := min(k/sameDayPerColumn, columns-1)
	dx = []float64{0, aside, -aside}[column]
	inColumn := k % sameDayPerColumn
	dy = float64((inColumn+1)/2) * step
	if inColumn%2 == 1 {
		dy = -dy
	}
	return dx, dy
}

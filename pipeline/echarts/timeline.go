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

// lookups are the dataset's rows by id.
type lookups struct {
	entities   map[string]*schema.Entity
	sources    map[string]*schema.Source
	statements map[string]*schema.Statement
	claims     map[string]*schema.Claim
}

func lookupsOf(d *schema.Dataset) lookups {
	l := lookups{map[string]*schema.Entity{}, map[string]*schema.Source{}, map[string]*schema.Statement{}, map[string]*schema.Claim{}}
	for i := range d.Entities {
		l.entities[d.Entities[i].ID] = &d.Entities[i]
	}
	for i := range d.Sources {
		l.sources[d.Sources[i].ID] = &d.Sources[i]
	}
	for i := range d.Statements {
		l.statements[d.Statements[i].ID] = &d.Statements[i]
	}
	for i := range d.Claims {
		l.claims[d.Claims[i].ID] = &d.Claims[i]
	}
	return l
}

const unattributed = "(no speaker named)"

func (l lookups) speaker(s *schema.Statement) string {
	if e := l.entities[s.SpeakerID]; e != nil {
		return e.Name
	}
	return unattributed
}

// whenText says when, to the statement's precision, and whether inferred.
func whenText(s *schema.Statement) string {
	var when string
	switch s.DatePrecision {
	case schema.PrecisionDay:
		when = longDate(s.Date)
	case schema.PrecisionMonth:
		when = fmt.Sprintf("%s %d (month only)", s.Date.Month, s.Date.Year)
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

// tooltip is a statement's details as HTML: who, what kind, when, the
// summary, the verbatim quote and the source.
func (l lookups) tooltip(s *schema.Statement) string {
	src := l.sources[s.SourceID]
	var b strings.Builder
	fmt.Fprintf(&b, "<b>%s</b> · %s · %s<br>", html.EscapeString(l.speaker(s)), html.EscapeString(kindLabel(s.Kind)), html.EscapeString(whenText(s)))
	fmt.Fprintf(&b, "%s<br><i>“%s”</i>", html.EscapeString(s.Summary), html.EscapeString(s.Quote))
	if src != nil {
		fmt.Fprintf(&b, "<br>Source: %s, %s", html.EscapeString(src.Publisher), html.EscapeString(longDate(src.Published)))
	}
	return b.String()
}

// kindLabel names a statement kind for readers; a claim says it is one.
func kindLabel(k schema.StatementKind) string {
	if k == schema.StatementClaim {
		return "claim (an allegation, not a fact)"
	}
	return strings.ReplaceAll(string(k), "_", " ")
}

// timeline draws dated statements on a time axis, one row per speaker,
// one series (colour and shape) per kind; claims are hollow. Undated
// statements are listed under the chart.
func timeline(d *schema.Dataset, creditLine string) page {
	l := lookupsOf(d)
	ch := Chart{File: "timeline.html", Title: "Who said what, and when",
		Description: "Each statement the sources report, by date and speaker; claims are drawn hollow, undated statements are listed below the chart."}
	var dated, undated []*schema.Statement
	for i := range d.Statements {
		if s := &d.Statements[i]; s.Date.IsZero() {
			undated = append(undated, s)
		} else {
			dated = append(dated, s)
		}
	}
	slices.SortStableFunc(dated, func(a, b *schema.Statement) int {
		return a.Date.Compare(b.Date)
	})
	// Speakers top to bottom in the order they first speak.
	var speakers []string
	for _, s := range dated {
		if name := l.speaker(s); !slices.Contains(speakers, name) {
			speakers = append(speakers, name)
		}
	}
	// Statements by one speaker on one day are spread over the day, so
	// that none hides another.
	seen := map[string]int{}
	point := func(s *schema.Statement) opts.ScatterData {
		key := l.speaker(s) + s.Date.String()
		offset := time.Duration(seen[key]) * 5 * time.Hour
		seen[key]++
		at := s.Date.Time().Add(offset).Format("2006-01-02T15:04:05Z")
		return opts.ScatterData{Value: []any{at, l.speaker(s), l.tooltip(s)}}
	}

	sc := charts.NewScatter()
	sc.SetGlobalOptions(base("chart_timeline", ch, "600px")...)
	yes := true
	sc.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: &yes, Trigger: "item", Enterable: &yes,
			Formatter: opts.FuncOpts("function (p) { return p.value[2]; }")}),
		charts.WithLegendOpts(opts.Legend{Show: &yes, Bottom: "0", Type: "scroll"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "time", SplitLine: &opts.SplitLine{Show: &yes}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: speakers, Inverse: &yes, AxisLabel: &opts.AxisLabel{Width: 140, Overflow: "truncate"}}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "110", Bottom: "48", ContainLabel: &yes}),
	)
	for i, kind := range schema.StatementKinds {
		var data []opts.ScatterData
		for _, s := range dated {
			if s.Kind == kind {
				data = append(data, point(s))
			}
		}
		if len(data) == 0 {
			continue
		}
		color := palette[i%len(palette)]
		style := opts.ItemStyle{Color: color}
		if kind == schema.StatementClaim {
			style = opts.ItemStyle{Color: "#ffffff", BorderColor: color, BorderWidth: 2.5}
		}
		sc.AddSeries(kindLabel(kind), data,
			charts.WithItemStyleOpts(style),
			charts.WithScatterChartOpts(opts.ScatterChart{Symbol: symbols[i%len(symbols)], SymbolSize: 14}),
		)
	}
	sc.Accept(patch{set: map[string]any{"aria": aria(ch.Description)}})

	var extra strings.Builder
	if len(undated) > 0 {
		fmt.Fprintf(&extra, "<h2>Undated statements (%d)</h2>\n<ul>\n", len(undated))
		for _, s := range undated {
			src := l.sources[s.SourceID]
			fmt.Fprintf(&extra, "<li><b>%s</b> (%s): %s <span class=\"quote\">“%s”</span>", html.EscapeString(l.speaker(s)), html.EscapeString(kindLabel(s.Kind)), html.EscapeString(s.Summary), html.EscapeString(s.Quote))
			if s.DateNote != "" {
				fmt.Fprintf(&extra, " When: %s.", html.EscapeString(s.DateNote))
			}
			if src != nil {
				fmt.Fprintf(&extra, " Source: %s, %s.", html.EscapeString(src.Publisher), html.EscapeString(longDate(src.Published)))
			}
			extra.WriteString("</li>\n")
		}
		extra.WriteString("</ul>\n")
	}
	subtitle := fmt.Sprintf("%d dated statements by %d speakers, as the sources report them; claims are hollow. %d undated statements are listed below.", len(dated), len(speakers), len(undated))
	return page{chart: ch, height: "600px", render: sc, chartID: "chart_timeline", subtitle: subtitle, credit: creditLine, extra: template.HTML(extra.String())}
}

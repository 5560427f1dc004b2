package echarts

import (
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"newsfacts/schema"
)

// hatch marks a claimed number: a bar that is what someone said, not a count.
var hatch = map[string]any{"symbol": "rect", "symbolSize": 1, "color": "rgba(255,255,255,0.6)", "dashArrayX": []int{1, 0}, "dashArrayY": []int{3, 5}, "rotation": -0.785}

// figureChart draws every figure the statements give: the claimed number
// (hatched: a claim), and for a figure that counts countries, how many the
// sources name and how many they do not, each attributed. Figures of one
// unit share a panel and its axis; each unit has a panel of its own, so
// that 22 countries are never drawn against two million dollars.
func figureChart(d *schema.Dataset, l lookups, creditLine string) page {
	ch := Chart{File: "figures.html", Title: "The numbers, as claimed",
		Description: "Each number a statement gives, drawn as a claim, with how many of the counted countries the sources name and how many they leave unnamed; each unit on an axis of its own."}
	type panel struct {
		unit       string
		categories []string
		bars       []map[string]any
	}
	var panels []*panel
	var notes, listed []string // a line of the subtitle and an item of the list under the chart, for each figure
	longest := 0               // the most characters of a bar's label
	figures := newestFigures(d.Figures, l, figuresLimit)
	speakers := l.speakerLabels(figures)
	for i, f := range figures {
		who, words := "", ""
		if s := l.Statement(f.StatementID); s != nil {
			who = fmt.Sprintf("%s, %s", speakers[s.SpeakerID], whenText(s))
			words = " " + quoteHTML(s)
		}
		// The number as the source writes it, with the unit the curator
		// gave it: not the source's words, so never in quotation marks
		// (the source's words, "at least 45 technicians", are listed under
		// the chart).
		label := fmt.Sprintf("%s %s", f.ValueText, f.Unit)
		at := slices.IndexFunc(panels, func(p *panel) bool { return p.unit == f.Unit })
		if at < 0 {
			at = len(panels)
			panels = append(panels, &panel{unit: f.Unit})
		}
		p := panels[at]
		// With several figures, each row names its figure.
		prefix := ""
		if len(figures) > 1 {
			prefix = label + ": "
		}
		// Each bar is labelled with its number: the claimed one as the
		// source writes it ("2 million", not 2000000).
		add := func(category string, value float64, shown string, style map[string]any, tip string) {
			longest = max(longest, utf8.RuneCountInString(shown))
			p.categories = append(p.categories, category)
			p.bars = append(p.bars, map[string]any{"value": value, "shown": shown, "itemStyle": style, "tip": tip})
		}
		color := []string{blue, vermilion, green, purple, orange, skyBlue}[i%6]
		add(fmt.Sprintf("Claimed: %s", label), f.Value, f.ValueText, map[string]any{"color": color, "decal": hatch},
			html.EscapeString(fmt.Sprintf("%s: %s (claimed by %s)", f.Measure, label, who)))
		if f.CountsRole != 0 {
			unnamed := number(f.Value - float64(f.NamedCount))
			add(prefix+"Named by the sources", float64(f.NamedCount), number(float64(f.NamedCount)), map[string]any{"color": color},
				html.EscapeString(fmt.Sprintf("%d countries %s", f.NamedCount, roleLabel(f.CountsRole))))
			add(prefix+"Not named", f.Value-float64(f.NamedCount), unnamed, map[string]any{"color": "#bbbbbb"},
				html.EscapeString(fmt.Sprintf("%s of the claimed %s not named", unnamed, label)))
		}
		note := fmt.Sprintf("%s: %s, according to %s.", label, f.Measure, who)
		notes = append(notes, note)
		listed = append(listed, html.EscapeString(note)+words)
	}

	// Room right of the longest bar for the longest label ("more than two
	// and a half billion"), about 7 pixels a character, bold, at most a
	// third of a phone's width (a longer label wraps).
	right := min(16+7*longest, 130)
	var grids, xAxes, yAxes, series []any
	heights := []int{} // of each panel, in pixels; [] in the page, not null, when there are no figures
	for i, p := range panels {
		grids = append(grids, map[string]any{"left": 8, "right": right, "containLabel": true})
		xAxes = append(xAxes, map[string]any{"type": "value", "gridIndex": i, "minInterval": 1,
			"name": p.unit, "nameLocation": "middle", "nameGap": 24,
			"nameTextStyle": map[string]any{"width": 240, "overflow": "truncate"},
			// 1.5M, not 1,500,000: a phone's axis has room for few digits;
			// and what still does not fit is left out, not overprinted.
			"axisLabel": map[string]any{"hideOverlap": true, "formatter": opts.FuncOpts(`function (v) { return new Intl.NumberFormat('en', { notation: 'compact' }).format(v); }`)}})
		yAxes = append(yAxes, map[string]any{"type": "category", "gridIndex": i, "data": p.categories, "inverse": true,
			"axisLabel": map[string]any{"width": 150, "overflow": "break", "lineHeight": 14}})
		series = append(series, map[string]any{"type": "bar", "name": p.unit, "xAxisIndex": i, "yAxisIndex": i,
			"data": p.bars, "barMaxWidth": 36, "label": map[string]any{"show": true, "position": "right", "fontWeight": "bold",
				"width": right - 8, "overflow": "break", "lineHeight": 13, "formatter": opts.FuncOpts("function (p) { return p.data.shown; }")}})
		// A bar's row is as high as its label, wrapped at 150 pixels
		// (about 20 characters a line, 14 pixels a line), and 40 at least.
		lines := 1
		for _, c := range p.categories {
			lines = max(lines, (utf8.RuneCountInString(c)+19)/20)
		}
		heights = append(heights, len(p.bars)*max(40, 14*lines+12))
	}
	b := charts.NewBar()
	b.SetGlobalOptions(base("chart_figures", ch, "420px")...)
	b.AddSeries("figures", nil)
	b.Accept(patch{set: map[string]any{
		"aria":    aria(ch.Description),
		"tooltip": tooltip("function (p) { return p.data.tip; }"),
		"legend":  []any{map[string]any{"show": false}}, // each panel's axis names its unit
		"grid":    grids, "xAxis": xAxes, "yAxis": yAxes, "series": series,
	}})
	// Each panel is as high as its bars need, one under another below the
	// titles, each with room under it for its axis and unit; the chart
	// grows to hold them all (the titles' height is known only in the
	// browser, and on a phone it is most of the chart).
	heightsJSON, err := json.Marshal(heights)
	if err != nil {
		panic(err) // a list of ints
	}
	layout := template.JS(fmt.Sprintf(`
    var heights = %s, gap = 56, top = plotTop;
    var grids = heights.map(function (h) {
      var g = { top: top, height: h };
      top += g.height + gap;
      return g;
    });
    el.style.height = Math.max(top, 300) + "px";
    chart.setOption({ grid: grids });`, heightsJSON))
	// A few figures are told in the subtitle too, so that a saved image
	// carries them; more would crowd out the bars on a phone (all are
	// listed under the chart).
	subtitle := "Hatched: the number as claimed. Solid: how many the sources name. Grey: how many they leave unnamed."
	if len(notes) <= 3 {
		subtitle = strings.Join(notes, " ") + "\n" + subtitle
	}
	if len(d.Figures) == 0 {
		subtitle = "The statements of this release give no numbers."
	}
	if shown := shownOf(len(figures), len(d.Figures), "figures"); shown != "" {
		// The notes go under the chart only: in the subtitle they would
		// crowd out the bars.
		subtitle = "Hatched: the number as claimed. Solid: how many the sources name. Grey: how many they leave unnamed." + shown
	}
	var extra strings.Builder
	extra.WriteString("<ul>\n")
	for _, item := range listed {
		extra.WriteString("<li>" + item + "</li>\n")
	}
	extra.WriteString("</ul>")
	return page{chart: ch, render: b, chartID: "chart_figures",
		subtitle: subtitle, credit: creditLine, layout: layout, extra: template.HTML(extra.String())}
}

// speakerLabels names the speakers of the figures' statements as labels
// does: two speakers of one name, each with a figure, are told apart by
// their ids.
func (l lookups) speakerLabels(figures []schema.Figure) map[string]string {
	var ids []string
	for _, f := range figures {
		if s := l.Statement(f.StatementID); s != nil {
			ids = append(ids, s.SpeakerID)
		}
	}
	return l.labels(ids)
}

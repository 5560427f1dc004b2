package echarts

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"newsfacts/schema"
)

// hatch marks a claimed number: a bar that is what someone said, not a count.
var hatch = map[string]any{"symbol": "rect", "symbolSize": 1, "color": "rgba(255,255,255,0.6)", "dashArrayX": []int{1, 0}, "dashArrayY": []int{3, 5}, "rotation": -0.785}

// figureChart draws every figure the statements give: the claimed number
// (hatched: a claim), and for a figure that counts countries, how many the
// sources name and how many they do not, each attributed.
func figureChart(d *schema.Dataset, l lookups, creditLine string) page {
	ch := Chart{File: "figures.html", Title: "The numbers, as claimed",
		Description: "Each number a statement gives, drawn as a claim, with how many of the counted countries the sources name and how many they leave unnamed."}
	var categories []string
	var bars []map[string]any
	var notes, listed []string // a line of the subtitle and an item of the list under the chart, for each figure
	figures := newestFigures(d.Figures, l, figuresLimit)
	for i, f := range figures {
		who, words := "", ""
		if s := l.statements[f.StatementID]; s != nil {
			who = fmt.Sprintf("%s, %s", l.speaker(s), whenText(s))
			words = " " + quoteHTML(s)
		}
		// The number as the source writes it, with the unit the curator
		// gave it: not the source's words, so never in quotation marks
		// (the source's words, "at least 45 technicians", are listed under
		// the chart).
		label := fmt.Sprintf("%s %s", f.ValueText, f.Unit)
		// With several figures, each row names its figure.
		prefix := ""
		if len(figures) > 1 {
			prefix = label + ": "
		}
		add := func(category string, value float64, style map[string]any, tip string) {
			categories = append(categories, category)
			bars = append(bars, map[string]any{"value": value, "itemStyle": style, "tip": tip})
		}
		color := []string{blue, vermilion, green, purple, orange, skyBlue}[i%6]
		add(fmt.Sprintf("Claimed: %s", label), f.Value, map[string]any{"color": color, "decal": hatch},
			html.EscapeString(fmt.Sprintf("%s: %s (claimed by %s)", f.Measure, label, who)))
		if f.CountsRole != "" {
			add(prefix+"Named by the sources", float64(f.NamedCount), map[string]any{"color": color},
				html.EscapeString(fmt.Sprintf("%d countries %s", f.NamedCount, roleLabel(f.CountsRole))))
			add(prefix+"Not named", f.Value-float64(f.NamedCount), map[string]any{"color": "#bbbbbb"},
				html.EscapeString(fmt.Sprintf("%s of the claimed %s not named", number(f.Value-float64(f.NamedCount)), label)))
		}
		note := fmt.Sprintf("%s: %s, according to %s.", label, f.Measure, who)
		notes = append(notes, note)
		listed = append(listed, html.EscapeString(note)+words)
	}

	b := charts.NewBar()
	b.SetGlobalOptions(base("chart_figures", ch, "420px")...)
	yes := true
	b.SetGlobalOptions(charts.WithGridOpts(opts.Grid{Left: "8", Right: "40", Bottom: "16", ContainLabel: &yes}))
	b.AddSeries("figures", nil)
	b.Accept(patch{set: map[string]any{
		"aria":    aria(ch.Description),
		"tooltip": tooltip("function (p) { return p.data.tip; }"),
		"xAxis":   []any{map[string]any{"type": "value", "minInterval": 1}},
		"yAxis":   []any{map[string]any{"type": "category", "data": categories, "inverse": true, "axisLabel": map[string]any{"width": 150, "overflow": "break"}}},
		"series": []any{map[string]any{"type": "bar", "data": bars, "barMaxWidth": 36,
			"label": map[string]any{"show": true, "position": "right", "fontWeight": "bold"}}},
	}})
	subtitle := strings.Join(notes, " ") + "\nHatched: the number as claimed. Solid: how many the sources name. Grey: how many they leave unnamed."
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
		subtitle: subtitle, credit: creditLine, extra: template.HTML(extra.String())}
}

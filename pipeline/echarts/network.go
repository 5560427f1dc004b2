package echarts

import (
	"fmt"
	"html"
	"html/template"
	"slices"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"newsfacts/schema"
)

// stanceLines gives each stance a line style as well as a colour.
var stanceLines = []string{"solid", "dashed", "dotted"}

// network links who took a position to the claim it is about: entities on
// the left, claims (dashed boxes: propositions, not facts) on the right,
// one line per stance, styled by stance. The layout is computed here, not
// by a force simulation, so it is the same on every load.
func network(d *schema.Dataset, creditLine string) page {
	l := lookupsOf(d)
	ch := Chart{File: "network.html", Title: "Who asserts and who denies each claim",
		Description: "A network of the claims and the people and bodies that took a position on them: asserting, denying, retracting or declining to address."}

	var who, claims []string
	for _, s := range d.Stances {
		if !slices.Contains(who, s.EntityID) {
			who = append(who, s.EntityID)
		}
		if !slices.Contains(claims, s.ClaimID) {
			claims = append(claims, s.ClaimID)
		}
	}
	name := func(id string) string {
		if e := l.entities[id]; e != nil {
			return e.Name
		}
		return id
	}
	slices.SortFunc(who, func(a, b string) int { return strings.Compare(name(a), name(b)) })
	slices.Sort(claims)

	// Both columns span the same height.
	rows := max(len(who), len(claims), 1)
	y := func(i, n int) float64 { return (float64(i) + 0.5) * float64(rows) / float64(n) * 60 }
	var nodes []map[string]any
	for i, id := range who {
		nodes = append(nodes, map[string]any{"id": "e:" + id, "name": name(id), "x": 0, "y": y(i, len(who)),
			"symbol": "circle", "symbolSize": 14, "itemStyle": map[string]any{"color": "#555555"},
			"label": map[string]any{"show": true, "position": "left", "width": 170, "overflow": "break", "lineHeight": 14},
			"tip":   html.EscapeString(name(id))})
	}
	for i, id := range claims {
		text := id
		if c := l.claims[id]; c != nil {
			text = c.Text
		}
		nodes = append(nodes, map[string]any{"id": "c:" + id, "name": text, "x": 400, "y": y(i, len(claims)),
			"symbol": "rect", "symbolSize": []int{18, 14},
			"itemStyle": map[string]any{"color": "#ffffff", "borderColor": "#222222", "borderWidth": 1.5, "borderType": "dashed"},
			"label":     map[string]any{"show": true, "position": "right", "width": 220, "overflow": "break", "fontSize": 11, "lineHeight": 13},
			"tip":       "Claim (not a finding): " + html.EscapeString(text)})
	}
	var links []map[string]any
	used := map[schema.StanceKind]bool{}
	for _, s := range d.Stances {
		i := slices.Index(schema.StanceKinds, s.Stance)
		used[s.Stance] = true
		tip := fmt.Sprintf("<b>%s</b> %s the claim", html.EscapeString(name(s.EntityID)), html.EscapeString(string(s.Stance)))
		if st := l.statements[s.StatementID]; st != nil {
			tip += fmt.Sprintf("<br>%s (%s)", html.EscapeString(st.Summary), html.EscapeString(whenText(st)))
		}
		links = append(links, map[string]any{"source": "e:" + s.EntityID, "target": "c:" + s.ClaimID, "tip": tip,
			"lineStyle": map[string]any{"color": palette[i%len(palette)], "type": stanceLines[i%len(stanceLines)], "width": 2.5, "opacity": 0.9}})
	}

	g := charts.NewGraph()
	g.SetGlobalOptions(base("chart_network", ch, fmt.Sprintf("%dpx", 220+36*rows))...)
	yes := true
	g.SetGlobalOptions(charts.WithTooltipOpts(opts.Tooltip{Show: &yes, Trigger: "item",
		Formatter: opts.FuncOpts("function (p) { return p.data.tip; }")}))
	g.AddSeries("stances", nil, nil)
	g.Accept(patch{set: map[string]any{
		"aria": aria(ch.Description),
		"series": []any{map[string]any{
			"type": "graph", "layout": "none", "roam": true, "data": nodes, "links": links,
			"left": 190, "right": 240, "bottom": 16, "edgeSymbol": []string{"none", "arrow"}, "edgeSymbolSize": 7,
			"emphasis": map[string]any{"focus": "adjacency"},
		}},
	}})

	var legend strings.Builder
	legend.WriteString("<p>Lines, by stance:</p>\n<ul>\n")
	for i, k := range schema.StanceKinds {
		if used[k] {
			fmt.Fprintf(&legend, "<li><span class=\"swatch\" style=\"border-top-style:%s;border-top-color:%s\"></span><b>%s</b>: %s</li>\n",
				stanceLines[i%len(stanceLines)], palette[i%len(palette)], html.EscapeString(string(k)), html.EscapeString(schema.StanceMeanings[k]))
		}
	}
	legend.WriteString("</ul>\n<p>Dashed boxes are claims: what someone said, not what is so.</p>\n")
	subtitle := fmt.Sprintf("%d claims and the %d people and bodies that took a position on them, in %d stances.", len(claims), len(who), len(d.Stances))
	return page{chart: ch, height: fmt.Sprintf("%dpx", 220+36*rows), render: g, chartID: "chart_network",
		subtitle: subtitle, credit: creditLine, extra: template.HTML(legend.String())}
}

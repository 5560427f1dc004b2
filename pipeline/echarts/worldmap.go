package echarts

import (
	"fmt"
	"html"
	"html/template"
	"slices"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"newsfacts/pipeline/iso3166"
	"newsfacts/schema"
)

// roleOrder is the order in which a country's roles decide its colour when
// statements give it several: the most specific allegation first (a
// country said to produce the drones is coloured so, even if it is also
// named as a buyer). Every role of a country is in its tooltip.
var roleOrder = []schema.CountryRoleKind{
	schema.CountryAllegedProducer, schema.CountryAllegedUser, schema.CountryDesigner, schema.CountryCandidateBuyer,
	schema.CountryWarTarget, schema.CountryRetractedProducer, schema.CountrySanctionsThreat,
	schema.CountryCooperationTarget, schema.CountryHost,
}

// roleLabel says what a role means on the map: what the statements say,
// never that it is so.
func roleLabel(r schema.CountryRoleKind) string {
	switch r {
	case schema.CountryAllegedProducer:
		return "said to produce the drones"
	case schema.CountryAllegedUser:
		return "said to use the drones"
	case schema.CountryDesigner:
		return "said to have designed them"
	case schema.CountryCandidateBuyer:
		return "named as a would-be buyer"
	case schema.CountryWarTarget:
		return "where they are said to be used"
	case schema.CountryRetractedProducer:
		return "named as producer, then retracted"
	case schema.CountrySanctionsThreat:
		return "warning of sanctions"
	case schema.CountryCooperationTarget:
		return "warned against as a partner"
	case schema.CountryHost:
		return "where it took place"
	}
	return strings.ReplaceAll(string(r), "_", " ")
}

// worldMap colours each country the statements name by its role, and puts
// the headline figures on the map. mapped holds the ISO numeric codes the
// map can draw; a country it cannot draw is listed under the map.
func worldMap(d *schema.Dataset, creditLine string, mapped map[string]bool) page {
	l := lookupsOf(d)
	ch := Chart{File: "map.html", Title: "Which countries the statements name, and as what",
		Description: "A world map of the countries the sources' statements name, coloured by the part each is said to play; the headline figures are written on the map."}

	roles := map[string]map[schema.CountryRoleKind][]string{} // iso3 -> role -> statement ids
	names := map[string]string{}
	for _, r := range d.CountryRoles {
		if roles[r.ISO3] == nil {
			roles[r.ISO3] = map[schema.CountryRoleKind][]string{}
		}
		roles[r.ISO3][r.Role] = append(roles[r.ISO3][r.Role], r.StatementID)
		names[r.ISO3] = r.Country
	}
	var codes []string
	for code := range roles {
		codes = append(codes, code)
	}
	slices.Sort(codes)

	var data []map[string]any
	var unmapped []string
	used := map[schema.CountryRoleKind]bool{}
	for _, code := range codes {
		primary := slices.IndexFunc(roleOrder, func(r schema.CountryRoleKind) bool { return roles[code][r] != nil })
		if primary < 0 {
			continue
		}
		used[roleOrder[primary]] = true
		var parts []string
		for _, r := range roleOrder {
			if ids := roles[code][r]; ids != nil {
				parts = append(parts, fmt.Sprintf("%s (%d statement%s)", roleLabel(r), len(ids), plural(len(ids))))
			}
		}
		tip := fmt.Sprintf("<b>%s</b><br>%s", html.EscapeString(names[code]), html.EscapeString(strings.Join(parts, "; ")))
		c, ok := iso3166.ByAlpha3(code)
		if !ok || !mapped[c.Numeric] {
			unmapped = append(unmapped, fmt.Sprintf("%s (%s)", names[code], strings.Join(parts, "; ")))
			continue
		}
		data = append(data, map[string]any{"name": c.Numeric, "value": primary, "tip": tip})
	}
	var pieces []map[string]any
	for i, r := range roleOrder {
		if used[r] {
			pieces = append(pieces, map[string]any{"value": i, "label": roleLabel(r), "color": palette[i%len(palette)]})
		}
	}

	m := charts.NewMap()
	m.SetGlobalOptions(base("chart_map", ch, "560px")...)
	yes := true
	m.SetGlobalOptions(charts.WithTooltipOpts(opts.Tooltip{Show: &yes, Trigger: "item",
		Formatter: opts.FuncOpts("function (p) { return (p.data && p.data.tip) || ''; }")}))
	m.AddSeries("countries", nil)
	m.Accept(patch{set: map[string]any{
		"aria": aria(ch.Description),
		"series": []any{map[string]any{
			"type": "map", "map": "world", "roam": true, "data": data, "showLegendSymbol": false,
			"itemStyle": map[string]any{"areaColor": "#eeeeee", "borderColor": "#ffffff", "borderWidth": 0.5},
			"emphasis":  map[string]any{"label": map[string]any{"show": false}, "itemStyle": map[string]any{"areaColor": "#999999"}},
			"select":    map[string]any{"disabled": true},
		}},
		"visualMap": []any{map[string]any{"type": "piecewise", "pieces": pieces, "left": 8, "bottom": 8, "orient": "vertical", "itemGap": 6,
			"textStyle": map[string]any{"fontSize": 12}, "backgroundColor": "rgba(255,255,255,0.85)", "padding": 4}},
		"graphic": headlines(d, l),
	}})

	var extra strings.Builder
	extra.WriteString("<p>Every colour is what a statement says, not an established fact: “said to produce” means someone alleged it. A country named in several roles takes the colour of the first in the legend; its tooltip lists them all.</p>\n")
	if len(unmapped) > 0 {
		fmt.Fprintf(&extra, "<p>Not drawn (too small for the map): %s.</p>\n", html.EscapeString(strings.Join(unmapped, "; ")))
	}
	subtitle := fmt.Sprintf("%d countries named in %d statements, coloured by the part the statements say each plays.", len(codes), len(statementSet(d.CountryRoles)))
	// The map keeps its proportions at any width: in a desktop column the
	// legend and the figures sit on the oceans; on a phone, below the map.
	layout := template.JS(`
    var wide = el.clientWidth >= 640;
    var mapW = el.clientWidth - 16, mapH = Math.min(mapW / 2.1, el.clientHeight - plotTop - (wide ? 8 : 230));
    mapW = mapH * 2.1;
    chart.setOption({
      series: [{ layoutCenter: [el.clientWidth / 2, plotTop + mapH / 2], layoutSize: mapW }],
      graphic: [{ right: wide ? 8 : null, left: wide ? null : 8, bottom: wide ? 8 : null, top: wide ? null : plotTop + mapH + 8,
                  style: { width: wide ? 300 : w } }]
    });`)
	return page{chart: ch, height: "600px", render: m, chartID: "chart_map", subtitle: subtitle, credit: creditLine,
		layout: layout, extra: template.HTML(extra.String())}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func statementSet(roles []schema.CountryRole) map[string]bool {
	s := map[string]bool{}
	for _, r := range roles {
		s[r.StatementID] = true
	}
	return s
}

// headlines writes each figure that counts countries on the map: the
// claimed total, how many are named, who said it and when.
func headlines(d *schema.Dataset, l lookups) []any {
	var lines []string
	for _, f := range d.Figures {
		if f.CountsRole == "" {
			continue
		}
		line := fmt.Sprintf("“%s %s”: %s", f.ValueText, f.Unit, f.Measure)
		if s := l.statements[f.StatementID]; s != nil {
			line += fmt.Sprintf(", said %s (%s)", l.speaker(s), whenText(s))
		}
		line += fmt.Sprintf(". %d named, %v not named.", f.NamedCount, f.Value-float64(f.NamedCount))
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		return []any{}
	}
	return []any{map[string]any{
		"type": "text", "right": 8, "bottom": 8, "z": 100,
		"style": map[string]any{"text": strings.Join(lines, "\n"), "fontSize": 13, "lineHeight": 18, "fontWeight": "bold", "fill": "#222",
			"width": 300, "overflow": "break", "backgroundColor": "rgba(255,255,255,0.85)", "padding": 4},
	}}
}

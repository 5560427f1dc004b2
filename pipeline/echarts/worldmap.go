package echarts

import (
	"fmt"
	"html"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"newsfacts/pipeline/iso3166"
	"newsfacts/schema"
)

// roleLabel says what a role means on the map.
func roleLabel(r schema.CountryRoleKind) string {
	for _, rs := range roleStyle {
		if rs.Role == r {
			return rs.Label
		}
	}
	return strings.ReplaceAll(r.String(), "_", " ")
}

// worldMap colours each country the statements name by its role, and puts
// the headline figures on the map. mapped holds the ISO numeric codes the
// map can draw; a country it cannot draw is listed under the map.
func worldMap(d *schema.Dataset, l lookups, creditLine string, mapped map[string]bool) page {
	ch := Chart{File: "map.html", Title: "Which countries the statements name, and as what",
		Description: "A world map of the countries the sources' statements name, coloured by the part each is said to play; the headline figures are written on the map."}

	roles := map[string]map[schema.CountryRoleKind][]string{} // iso3 -> role -> statement ids
	order := make([]schema.CountryRoleKind, len(roleStyle))
	for i, rs := range roleStyle {
		order[i] = rs.Role
	}
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
		primary := slices.IndexFunc(order, func(r schema.CountryRoleKind) bool { return roles[code][r] != nil })
		if primary < 0 {
			continue
		}
		used[order[primary]] = true
		var parts []string
		for _, r := range order {
			if ids := roles[code][r]; ids != nil {
				parts = append(parts, fmt.Sprintf("%s in %s", roleLabel(r), kindCounts(l, ids)))
			}
		}
		tip := fmt.Sprintf("<b>%s</b><br>%s", html.EscapeString(names[code]), html.EscapeString(strings.Join(parts, "; ")))
		c, ok := iso3166.ByAlpha3(code)
		if !ok || !mapped[c.Numeric] {
			unmapped = append(unmapped, fmt.Sprintf("%s: %s", names[code], strings.Join(parts, "; ")))
			continue
		}
		data = append(data, map[string]any{"name": c.Numeric, "value": primary, "tip": tip, "country": names[code]})
	}
	var pieces []map[string]any
	for i, rs := range roleStyle {
		if used[rs.Role] {
			pieces = append(pieces, map[string]any{"value": i, "label": rs.Label, "color": rs.Color})
		}
	}

	graphic := headlines(d, l)
	m := charts.NewMap()
	m.SetGlobalOptions(base("chart_map", ch, "560px")...)
	m.AddSeries("countries", nil)
	m.Accept(patch{set: map[string]any{
		"aria":    aria(ch.Description),
		"tooltip": tooltip("function (p) { return (p.data && p.data.tip) || ''; }"),
		"series": []any{map[string]any{
			"type": "map", "map": "world", "roam": true, "data": data, "showLegendSymbol": false,
			"itemStyle": map[string]any{"areaColor": "#eeeeee", "borderColor": "#ffffff", "borderWidth": 0.5},
			// Each named country is labelled: some (Armenia, Serbia) are
			// a few pixels wide on a phone.
			"label": map[string]any{"show": true, "fontSize": 10, "color": "#222222", "textBorderColor": "#ffffff", "textBorderWidth": 2,
				"formatter": opts.FuncOpts("function (p) { return (p.data && p.data.country) || ''; }")},
			"emphasis": map[string]any{"label": map[string]any{"show": false}, "itemStyle": map[string]any{"areaColor": "#999999"}},
			"select":   map[string]any{"disabled": true},
		}},
		"visualMap": []any{map[string]any{"type": "piecewise", "pieces": pieces, "left": 8, "bottom": 8, "orient": "vertical", "itemGap": 6, "inverse": true,
			"textStyle": map[string]any{"fontSize": 12}, "backgroundColor": "rgba(255,255,255,0.85)", "padding": 4}},
		"graphic": graphic,
	}})

	var extra strings.Builder
	extra.WriteString("<p>Every colour is what a statement says, not an established fact: the legend's <i>said to be the producer</i> means someone alleged it, and others may have denied it (each country's tooltip counts the claims, denials and other statements). A country named in several roles takes the colour of the first in the legend; its tooltip lists them all.</p>\n")
	if len(unmapped) > 0 {
		fmt.Fprintf(&extra, "<p>Named but not on the map (not in its Natural Earth outlines, or without an ISO numeric code): %s.</p>\n", html.EscapeString(strings.Join(unmapped, "; ")))
	}
	subtitle := fmt.Sprintf("%d countries named in %d statements, coloured by the part the statements say each plays.", len(codes), statementsNaming(d.CountryRoles))
	// The map keeps its proportions at any width: in a desktop column the
	// legend and the figures sit on the oceans; on a phone, below the map.
	layout := `
    var wide = el.clientWidth >= 640;
    var mapW = el.clientWidth - 16, mapH = Math.min(mapW / 2.1, el.clientHeight - plotTop - (wide ? 8 : 230));
    mapW = mapH * 2.1;
    chart.setOption({ series: [{ layoutCenter: [el.clientWidth / 2, plotTop + mapH / 2], layoutSize: mapW,
      labelLayout: { hideOverlap: !wide } }] });`
	if len(graphic) > 0 {
		layout += `
    chart.setOption({ graphic: [{ right: wide ? 8 : null, left: wide ? null : 8, bottom: wide ? 8 : null,
      top: wide ? null : plotTop + mapH + 8, style: { width: wide ? 300 : w } }] });`
	}
	return page{chart: ch, render: m, chartID: "chart_map", subtitle: subtitle, credit: creditLine,
		layout: template.JS(layout), extra: template.HTML(extra.String())}
}

// kindCounts says how many statements, of which kinds, name a country in
// a role: "3 statements: 2 claims, 1 denial".
func kindCounts(l lookups, ids []string) string {
	// By place in StatementKinds, not in a map keyed by kind: at a
	// million statements the map's tooltips took 0.49 to 0.56 s that way,
	// 0.25 to 0.31 s this way.
	counts := make([]int, len(schema.StatementKinds))
	for _, id := range ids {
		if row, ok := l.StatementRow(id); ok {
			if k := slices.Index(schema.StatementKinds, l.StatementBrief(row).Kind); k >= 0 {
				counts[k]++
			}
		}
	}
	var parts []string
	for k, n := range counts {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s%s", n, schema.StatementKinds[k], plural(n)))
		}
	}
	return fmt.Sprintf("%d statement%s (%s)", len(ids), plural(len(ids)), strings.Join(parts, ", "))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// statementsNaming counts the statements that roles belong to.
func statementsNaming(roles []schema.CountryRole) int {
	// Made at its largest size: grown from empty on the way to 600,000
	// ids, it took 0.31 to 0.37 s, against 0.18 to 0.21 s.
	s := make(map[string]struct{}, len(roles))
	for _, r := range roles {
		s[r.StatementID] = struct{}{}
	}
	return len(s)
}

// headlines writes each figure that counts countries on the map: the
// claimed total, how many are named, who said it and when.
func headlines(d *schema.Dataset, l lookups) []any {
	var lines []string
	var counting []schema.Figure
	for _, f := range d.Figures {
		if f.CountsRole != 0 {
			counting = append(counting, f)
		}
	}
	newest := newestFigures(counting, l, headlineLimit)
	speakers := l.speakerLabels(newest)
	for _, f := range newest {
		// Not in quotation marks: the unit is the curator's word, not
		// necessarily the source's (see figureChart).
		line := fmt.Sprintf("%s %s: %s", f.ValueText, f.Unit, f.Measure)
		if s := l.Statement(f.StatementID); s != nil {
			line += fmt.Sprintf(", according to %s, %s", speakers[s.SpeakerID], whenText(s))
		}
		line += fmt.Sprintf(". %d named, %s not named.", f.NamedCount, number(f.Value-float64(f.NamedCount)))
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		return []any{}
	}
	if len(counting) > headlineLimit {
		lines = append(lines, fmt.Sprintf("The %d latest of %d such figures: see the figures chart.", headlineLimit, len(counting)))
	}
	return []any{map[string]any{
		"type": "text", "right": 8, "bottom": 8, "z": 100,
		"style": map[string]any{"text": strings.Join(lines, "\n"), "fontSize": 13, "lineHeight": 18, "fontWeight": "bold", "fill": "#222",
			"width": 300, "overflow": "break", "backgroundColor": "rgba(255,255,255,0.85)", "padding": 4},
	}}
}

// number formats a figure without an exponent: 1000000, not 1e+06.
func number(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

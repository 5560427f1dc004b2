package echarts

import (
	"cmp"
	"fmt"
	"html"
	"html/template"
	"math"
	"slices"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"

	"newsfacts/schema"
)

// network links who took a position to the claim it is about: entities on
// the left, claims (dashed boxes: propositions, not facts) on the right,
// one line per stance, styled by stance. The layout is computed here, not
// by a force simulation, so it is the same on every load.
func network(d *schema.Dataset, l lookups, creditLine string) page {
	ch := Chart{File: "network.html", Title: "Who asserts and who denies each claim",
		Description: "A network of the claims and the people and bodies that took a position on them: asserting, denying, retracting or declining to address."}

	stances, chosen := networkStances(d.Stances, l)
	var who, claims []string
	seen := map[string]bool{}
	for _, s := range stances {
		if !seen["e:"+s.EntityID] {
			seen["e:"+s.EntityID] = true
			who = append(who, s.EntityID)
		}
		if !seen["c:"+s.ClaimID] {
			seen["c:"+s.ClaimID] = true
			claims = append(claims, s.ClaimID)
		}
	}
	label := l.labels(who)
	name := func(id string) string { return label[id] }
	slices.SortFunc(who, func(a, b string) int { return strings.Compare(name(a), name(b)) })
	slices.Sort(claims)

	// Both columns span the same height.
	rows := max(len(who), len(claims), 1)
	y := func(i, n int) float64 { return (float64(i) + 0.5) * float64(rows) / float64(n) * 60 }
	nodes := []map[string]any{}
	for i, id := range who {
		nodes = append(nodes, map[string]any{"id": "e:" + id, "name": name(id), "x": 0, "y": y(i, len(who)), "category": 0,
			"symbol": "circle", "symbolSize": 14, "itemStyle": map[string]any{"color": "#555555"},
			"tip": html.EscapeString(name(id))})
	}
	for i, id := range claims {
		text := id
		if c := l.Claim(id); c != nil {
			text = c.Text
		}
		nodes = append(nodes, map[string]any{"id": "c:" + id, "name": text, "x": 400, "y": y(i, len(claims)), "category": 1,
			"symbol": "rect", "symbolSize": []int{18, 14},
			"itemStyle": map[string]any{"color": "#ffffff", "borderColor": "#222222", "borderWidth": 1.5, "borderType": "dashed"},
			"tip":       "Claim (not a finding): " + html.EscapeString(text)})
	}
	links := []map[string]any{}
	used := map[schema.StanceKind]bool{}
	for _, s := range stances {
		st := stanceStyle[s.Stance]
		used[s.Stance] = true
		tip := fmt.Sprintf("<b>%s</b> %s the claim", html.EscapeString(name(s.EntityID)), html.EscapeString(s.Stance.String()))
		if stmt := l.Statement(s.StatementID); stmt != nil {
			tip += fmt.Sprintf("<br>%s (%s)", html.EscapeString(stmt.Summary), html.EscapeString(whenText(stmt)))
		}
		links = append(links, map[string]any{"source": "e:" + s.EntityID, "target": "c:" + s.ClaimID, "tip": tip,
			"lineStyle": map[string]any{"color": st.Color, "type": lineType(st.Dash), "width": 2.5, "opacity": 0.9}})
	}

	bends := curvenesses(stances)
	g := charts.NewGraph()
	// The curves' room (see layout below) is added to the height, for the
	// widest plot (a 1,000-pixel page), rather than taken from the rows:
	// a pair with many stances left the plot no height at all.
	bowRoom := 2 * int(math.Ceil(slices.Max(bends)/2*plotWidth(1000)))
	g.SetGlobalOptions(base("chart_network", ch, fmt.Sprintf("%dpx", 220+36*rows+bowRoom))...)
	g.AddSeries("stances", nil, nil)
	g.Accept(patch{set: map[string]any{
		"aria":    aria(ch.Description),
		"tooltip": tooltip("function (p) { return p.data.tip; }"),
		"legend":  []any{map[string]any{"show": false}}, // the stances' legend is under the chart
		"series": []any{map[string]any{
			"type": "graph", "layout": "none", "roam": true, "data": nodes, "links": links,
			// Two stances of one entity on one claim (asserts, then
			// retracts) are drawn as two curves, not one line on another,
			// bowed no more than it takes to tell them apart (echarts' own
			// curves bowed so far that the top row's crossed the title).
			"autoCurveness":  bends,
			"nodeScaleRatio": 0, // nodes keep their size however the columns are spaced
			"categories": []any{
				map[string]any{"name": "who", "label": map[string]any{"show": true, "position": "left", "width": 170, "overflow": "break", "lineHeight": 14}},
				map[string]any{"name": "claims", "label": map[string]any{"show": true, "position": "right", "width": 220, "overflow": "break", "fontSize": 11, "lineHeight": 13}},
			},
			"left": 190, "right": 240, "bottom": 16, "edgeSymbol": []string{"none", "arrow"}, "edgeSymbolSize": 7,
			"emphasis": map[string]any{"focus": "adjacency"},
		}},
	}})

	var legend strings.Builder
	legend.WriteString("<p>Lines, by stance:</p>\n<ul>\n")
	for _, k := range schema.StanceKinds {
		if used[k] {
			st := stanceStyle[k]
			fmt.Fprintf(&legend, "<li><span class=\"swatch\" style=\"border-top-style:%s;border-top-color:%s\"></span><b>%s</b>: %s</li>\n",
				dashCSS(st.Dash), st.Color, html.EscapeString(k.String()), html.EscapeString(schema.StanceMeanings[k]))
		}
	}
	legend.WriteString("</ul>\n<p>Dashed boxes are claims: what someone said, not what is so.</p>\n")
	subtitle := fmt.Sprintf("%d claims and the %d people and bodies that took a position on them, in %d stances.", len(claims), len(who), len(stances))
	if len(stances) < len(d.Stances) {
		subtitle += fmt.Sprintf(" Shown: the %d most recent stances on the %d claims with the most stances, of %d stances on %d claims; the tables hold them all.", len(stances), chosen, len(d.Stances), len(d.Claims))
	}
	// The columns' margins and labels follow the width: on a phone each
	// side gets about a third. A curve bows out from its line by half its
	// curveness times the line's length: the plot keeps that much room
	// above its top row and below its bottom one, so that no curve
	// reaches the subtitle. The side and the plot's width are plotWidth's,
	// from its constants.
	layout := template.JS(fmt.Sprintf(`
    var side = Math.min(%[2]d, Math.max(%[3]d, (el.clientWidth - %[4]d) / %[5]g));
    var bow = Math.ceil(%[1]g / 2 * Math.max(el.clientWidth - 2 * side - %[6]d, 0));
    plotTop += bow;
    chart.setOption({ series: [{ top: plotTop, bottom: 16 + bow, left: side, right: side + %[6]d, categories: [
      { name: "who", label: { show: true, position: "left", overflow: "break", lineHeight: 13, width: side - 16, fontSize: el.clientWidth < 640 ? 10 : 12 } },
      { name: "claims", label: { show: true, position: "right", overflow: "break", lineHeight: 13, width: side - 4, fontSize: el.clientWidth < 640 ? 10 : 11 } } ] }] });
    // echarts stretches the layout to its box: space the columns so that
    // one unit across is one unit down, and the nodes stay round.
    var nodes = chart.getOption().series[0].data || [];
    if (!nodes.length) { return; }
    var ys = nodes.map(function (n) { return n.y; });
    var yr = (Math.max.apply(null, ys) - Math.min.apply(null, ys)) || 1;
    var across = yr * (el.clientWidth - 2 * side - %[6]d) / Math.max(el.clientHeight - plotTop - 16 - bow, 1);
    chart.setOption({ series: [{ data: nodes.map(function (n) { return Object.assign({}, n, { x: n.category === 1 ? Math.max(across, 1) : 0 }); }) }] });`,
		slices.Max(bends), sideMost, sideLeast, sideMargins, sideShare, rightGap))
	return page{chart: ch, render: g, chartID: "chart_network",
		subtitle: subtitle, credit: creditLine, layout: layout, extra: template.HTML(legend.String())}
}

// The network's side columns (the entities' names on the left, the claims'
// on the right) take a share of the page's width, within bounds; the plot
// between them is what is left, less a gap on the right.
const (
	sideMost    = 220 // pixels, on a wide page
	sideLeast   = 90  // pixels, on a narrow one
	sideMargins = 60  // pixels of the page's width not shared
	sideShare   = 2.4 // each side gets the page's width, less sideMargins, divided by this
	rightGap    = 20  // pixels between the plot and the claims' column
)

// plotWidth is the width of the network's plot, between its columns, on a
// page width pixels wide, as the chart's layout JavaScript computes it.
func plotWidth(width float64) float64 {
	side := min(sideMost, max(sideLeast, (width-sideMargins)/sideShare))
	return max(width-2*side-rightGap, 0)
}

// networkStances chooses the stances the network draws: those on the
// claims with the most stances (claimsLimit of them, ties by id, as many
// as it returns in chosen), the most recent first up to stancesLimit, in
// the dataset's order.
func networkStances(all []schema.Stance, l lookups) (stances []schema.Stance, chosen int) {
	perClaim := map[string]int{}
	for _, s := range all {
		perClaim[s.ClaimID]++
	}
	if len(perClaim) <= claimsLimit && len(all) <= stancesLimit {
		return all, len(perClaim)
	}
	claims := make([]string, 0, len(perClaim))
	for c := range perClaim {
		claims = append(claims, c)
	}
	slices.SortFunc(claims, func(a, b string) int {
		if c := cmp.Compare(perClaim[b], perClaim[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	keep := map[string]bool{}
	claims = claims[:min(len(claims), claimsLimit)]
	for _, c := range claims {
		keep[c] = true
	}
	var onKept []schema.Stance
	for _, s := range all {
		if keep[s.ClaimID] {
			onKept = append(onKept, s)
		}
	}
	return newest(onKept, stancesLimit, func(s schema.Stance) said { return l.saidOf(s.StatementID) }), len(claims)
}

// curvenesses is how much echarts bows the 1st, 2nd, … line between one
// entity and one claim: the first straight, the next in turn to either
// side, each further out, as many as the most lines of one pair, and at
// most 0.3 (a control point three tenths of the line's length away).
func curvenesses(stances []schema.Stance) []float64 {
	perPair := map[[2]string]int{}
	most := 1
	for _, s := range stances {
		k := [2]string{s.EntityID, s.ClaimID}
		perPair[k]++
		most = max(most, perPair[k])
	}
	step := min(0.08, 0.6/float64(most))
	out := []float64{0}
	for i := 1; len(out) < most; i++ {
		out = append(out, float64(i)*step, -float64(i)*step)
	}
	return out[:most]
}

// lineType is a dash pattern as echarts takes it: "solid" or the lengths.
func lineType(dash []int) any {
	if dash == nil {
		return "solid"
	}
	return dash
}

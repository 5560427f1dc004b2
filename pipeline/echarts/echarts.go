// Package echarts writes the release's charts: HTML pages that draw the
// dataset with Apache ECharts, offline. It is the only package that imports
// github.com/go-echarts/go-echarts.
//
// go-echarts builds each chart's option and its element and script
// (RenderSnippet); this package puts them in its own page, so that the page
// loads echarts and the world map from assets/ beside it (go-echarts would
// load them from a remote host), sets fixed chart ids (go-echarts makes
// random ones), and adds what a published chart needs: a source credit, a
// description for screen readers, a list of what the chart cannot place,
// and a layout that follows the width of a phone or an article column.
// Options go-echarts has no type for are set through its configuration
// visitor.
package echarts

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/render"

	"newsfacts/pipeline/parallel"
	"newsfacts/schema"
)

// Assets are the files the pages load, copied from installed npm packages
// (package.json pins them; `npm ci` installs them).
var Assets = []struct{ From, To string }{
	{"echarts/dist/echarts.min.js", "assets/echarts.min.js"},
	{"topojson-client/dist/topojson-client.min.js", "assets/topojson-client.min.js"},
}

// worldAtlas is the map data, from the npm package world-atlas (Natural
// Earth, 1:50m): TopoJSON whose country ids are ISO 3166-1 numeric codes.
const worldAtlas = "world-atlas/countries-50m.json"

// palette is the default colour order for series without their own (see
// styles.go for the colours of kinds, roles and stances).
var palette = []string{blue, vermilion, green, purple, orange, skyBlue, black, grey}

// Chart is one page of the gallery.
type Chart struct {
	File        string // e.g. "timeline.html"
	Title       string
	Description string // one line, for the gallery and for screen readers
}

// CheckAssets reports whether nodeModules holds every file the pages
// load, so that a build can refuse at once rather than after its work.
func CheckAssets(nodeModules string) error {
	for _, from := range append([]string{worldAtlas}, assetSources()...) {
		if _, err := os.Stat(filepath.Join(nodeModules, from)); err != nil {
			return fmt.Errorf("chart assets: %s is missing from %s: run `npm ci` (as `make dataset` does), or name the folder with -assets", from, nodeModules)
		}
	}
	return nil
}

func assetSources() []string {
	var from []string
	for _, a := range Assets {
		from = append(from, a.From)
	}
	return from
}

// Write writes the charts of d, whose Index is x, into dir (index.html,
// one page per chart, assets/), reading the browser code and map data from
// nodeModules.
func Write(dir string, d *schema.Dataset, x *schema.Index, nodeModules string) ([]Chart, error) {
	if err := os.MkdirAll(filepath.Join(dir, "assets"), 0o755); err != nil {
		return nil, err
	}
	for _, a := range Assets {
		if err := copyFile(filepath.Join(nodeModules, a.From), filepath.Join(dir, a.To)); err != nil {
			return nil, fmt.Errorf("chart assets: %w", err)
		}
	}
	mapped, err := writeWorld(filepath.Join(nodeModules, worldAtlas), filepath.Join(dir, "assets", "world.js"))
	if err != nil {
		return nil, fmt.Errorf("chart assets: %w", err)
	}
	l := lookupsOf(d, x)
	c := credit(d, l)
	// The pages are made and written in parallel: making one reads the
	// dataset and the lookups and changes neither.
	makers := []func() page{
		func() page { return timeline(d, l, c) },
		func() page {
			p := worldMap(d, l, c, mapped)
			p.scripts = []string{"assets/topojson-client.min.js", "assets/world.js"}
			return p
		},
		func() page { return figureChart(d, l, c) },
		func() page { return network(d, l, c) },
	}
	gallery := make([]Chart, len(makers))
	errs := make([]error, len(makers))
	parallel.ForEach(len(makers), func(i int) {
		p := makers[i]()
		gallery[i] = p.chart
		if err := p.write(filepath.Join(dir, p.chart.File)); err != nil {
			errs[i] = fmt.Errorf("%s: %w", p.chart.File, err)
		}
	})
	for _, err := range errs {
		if err != nil {
			return nil, err // the first in the gallery's order
		}
	}
	return gallery, writeIndex(filepath.Join(dir, "index.html"), d, gallery, c)
}

// credit is the source line every chart carries.
// Past a few sources it counts them instead of naming each.
func credit(d *schema.Dataset, l lookups) string {
	if len(d.Sources) > creditSources {
		publishers := map[string]bool{} // by id: two outlets may share a name
		first, last := d.Sources[0].Published, d.Sources[0].Published
		for _, s := range d.Sources {
			publishers[cmp.Or(s.PublisherID, "name:"+s.Publisher)] = true
			if s.Published.Compare(first) < 0 {
				first = s.Published
			}
			if s.Published.Compare(last) > 0 {
				last = s.Published
			}
		}
		by := fmt.Sprintf("%d publishers", len(publishers))
		if len(publishers) == 1 {
			by = "one publisher"
		}
		return fmt.Sprintf("Sources: %d articles by %s, %s to %s. Dataset %s %s.", len(d.Sources), by, longDate(first), longDate(last), d.Meta.Name, d.Meta.Version)
	}
	var sources []string
	for _, s := range d.Sources {
		sources = append(sources, fmt.Sprintf("%s, %s", l.publisher(&s), longDate(s.Published)))
	}
	return fmt.Sprintf("Source: %s. Dataset %s %s.", strings.Join(sources, "; "), d.Meta.Name, d.Meta.Version)
}

func longDate(d schema.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", d.Day, time.Month(d.Month), d.Year)
}

// page is one chart's page.
type page struct {
	chart   Chart
	scripts []string
	render  interface {
		Validate()
		RenderSnippet() render.ChartSnippet
	}
	chartID string
	// layout is JavaScript run after the titles are placed, with chart,
	// el (the chart's element), w (the width for text) and plotTop (where
	// the plot may start): for charts whose layout depends on the width.
	layout   template.JS
	subtitle string
	credit   string
	extra    template.HTML // HTML after the chart: lists, notes, legends
}

// base sets what every chart has: fixed id, size, canvas renderer (so that
// save-as-image saves a PNG), save-as-image, the palette; no
// animation, so that a screenshot shows the finished chart. The page sets
// the title and the subtitle with the credit (see pageTemplate), and each
// chart its description for screen readers (aria).
func base(id string, ch Chart, height string) []charts.GlobalOpts {
	no := false
	yes := true
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{
			ChartID: id, Width: "100%", Height: height, Renderer: "canvas", PageTitle: ch.Title,
			AssetsHost: "assets/", Theme: "white",
		}),
		charts.WithToolboxOpts(opts.Toolbox{Show: &yes, Right: "8", Feature: &opts.ToolBoxFeature{
			SaveAsImage: &opts.ToolBoxFeatureSaveAsImage{Show: &yes, Title: "Save as image", Name: strings.TrimSuffix(ch.File, ".html"), Type: "png"},
		}}),
		charts.WithAnimation(no),
		charts.WithColorsOpts(opts.Colors(palette)),
	}
}

// patch sets option keys go-echarts has no type for, after go-echarts has
// built the rest: set at the top of the option, series on every series.
type patch struct {
	charts.BaseConfigurationVisitor
	set, series map[string]any
}

func (p patch) Visit(option map[string]any) {
	for k, v := range p.set {
		option[k] = v
	}
	if len(p.series) == 0 {
		return
	}
	// go-echarts' series are structs: each becomes a map of its JSON to
	// take keys they have no field for.
	data, err := json.Marshal(option["series"])
	if err != nil {
		panic(fmt.Sprintf("echarts: series of the option: %v", err)) // go-echarts made them
	}
	var series []map[string]any
	if err := json.Unmarshal(data, &series); err != nil {
		panic(fmt.Sprintf("echarts: series of the option: %v", err))
	}
	for _, s := range series {
		for k, v := range p.series {
			s[k] = v
		}
	}
	option["series"] = series
}

// tooltip is the tooltip of every chart: formatter is a JavaScript
// function of the hovered item; the box stays inside the chart and wraps,
// at any width.
func tooltip(formatter string) map[string]any {
	return map[string]any{"show": true, "trigger": "item", "enterable": true, "confine": true,
		"extraCssText": "white-space: normal; max-width: min(90vw, 380px);",
		"formatter":    opts.FuncOpts(formatter)}
}

// aria describes the chart for screen readers (echarts writes it as the
// chart's aria-label).
func aria(description string) map[string]any {
	return map[string]any{"enabled": true, "label": map[string]any{"enabled": true, "description": description}}
}

var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<meta name="description" content="{{.Description}}">
<script src="assets/echarts.min.js"></script>
{{- range .Scripts}}
<script src="{{.}}"></script>
{{- end}}
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 0 auto; padding: 8px; max-width: 1000px; color: #222; }
.container { width: 100%; }
.item { width: 100%; }
.credit { font-size: 13px; color: #555; margin: 4px 8px; }
.extra { font-size: 14px; margin: 8px; }
.extra li { margin-bottom: 6px; }
.extra .quote { font-style: italic; }
.swatch { display: inline-block; width: 28px; height: 0; border-top-width: 3px; vertical-align: middle; margin-right: 6px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
</style>
</head>
<body>
<main id="chart-page">
<figure role="figure" aria-label="{{.Description}}" style="margin:0">
{{.Element}}
<figcaption class="visually-hidden">{{.Title}}. {{.Subtitle}}</figcaption>
</figure>
{{- if .Extra}}
<section class="extra">{{.Extra}}</section>
{{- end}}
</main>
{{.Script}}
<script>
"use strict";
(function () {
  var chart = goecharts_{{.ChartID}};
  var el = document.getElementById({{.ChartIDString}});
  var title = {{.Title}}, subtitle = {{.Subtitle}};
  // How many lines text takes at width w in font: titles wrap, and on a
  // phone they take more lines than in a desktop column.
  var ctx = document.createElement("canvas").getContext("2d");
  function lines(text, font, w) {
    ctx.font = font;
    var n = 0;
    text.split("\n").forEach(function (para) {
      var line = "", k = 1;
      para.split(" ").forEach(function (word) {
        var next = line ? line + " " + word : word;
        if (line && ctx.measureText(next).width > w) { k++; line = word; } else { line = next; }
      });
      n += k;
    });
    return n;
  }
  // The title, the subtitle and the credit are part of the chart, so that
  // a saved image carries them; the plot starts below them.
  function fit() {
    var w = Math.max(el.clientWidth - 56, 160);
    var subTop = 8 + lines(title, "bold 18px sans-serif", w) * 24;
    var plotTop = subTop + lines(subtitle, "12px sans-serif", w) * 16 + 24;
    chart.setOption({
      title: [
        { text: title, left: 8, top: 8, textStyle: { fontSize: 18, lineHeight: 24, width: w, overflow: "break" } },
        { text: subtitle, left: 8, top: subTop, textStyle: { fontSize: 12, fontWeight: "normal", color: "#555", lineHeight: 16, width: w, overflow: "break" } }
      ],
      grid: { top: plotTop },
      series: [{ top: plotTop }]
    });
    (function () { {{.Layout}} })();
    chart.resize();
  }
  window.addEventListener("resize", fit);
  fit();
})();
</script>
</body>
</html>
`))

func (p page) write(path string) error {
	p.render.Validate()
	snip := p.render.RenderSnippet()
	script, err := safeScript(snip.Script)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	err = pageTemplate.Execute(&buf, map[string]any{
		"Title": p.chart.Title, "Description": p.chart.Description, "Scripts": p.scripts,
		"Element": template.HTML(snip.Element), "Script": template.HTML(script),
		"ChartID": template.JS(p.chartID), "ChartIDString": p.chartID, "Credit": p.credit, "Extra": p.extra,
		"Subtitle": p.subtitle + "\n" + p.credit, "Layout": p.layout,
	})
	if err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

var indexTemplate = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Charts: {{.Title}}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 0 auto; padding: 12px; max-width: 800px; color: #222; }
li { margin-bottom: 12px; }
.credit { font-size: 13px; color: #555; }
</style>
</head>
<body>
<h1>Charts: {{.Title}}</h1>
<p>{{.Note}}</p>
<ul>
{{- range .Charts}}
<li><a href="{{.File}}">{{.Title}}</a>: {{.Description}}</li>
{{- end}}
</ul>
<p class="credit">{{.Credit}} Every page works offline: it loads only files from this folder.</p>
</body>
</html>
`))

func writeIndex(path string, d *schema.Dataset, gallery []Chart, creditLine string) error {
	var buf bytes.Buffer
	err := indexTemplate.Execute(&buf, map[string]any{
		"Title": d.Meta.Title, "Charts": gallery, "Credit": creditLine,
		"Note": "What the sources report, charted. A statement is what a source says someone said or did, never an established fact; claims are drawn hollow, dashed or hatched.",
	})
	if err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// installHint follows a failure to read the installed packages, and only
// that: it had followed a full disk's failure to write their copy too,
// sending the reader to the wrong fix.
const installHint = " (run `npm ci`, as `make dataset` does)"

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("%w%s", err, installHint)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// safeScript makes the text inside go-echarts' <script> element unable to
// end it: go-echarts writes the option's JSON without escaping HTML, so a
// claim containing "</script>" would otherwise end the script and run
// what follows as the page's own code.
func safeScript(script string) (string, error) {
	start := strings.Index(script, ">") + 1
	end := strings.LastIndex(script, "</script>")
	if !strings.HasPrefix(strings.TrimSpace(script), "<script") || start <= 0 || end < start {
		return "", fmt.Errorf("unexpected chart script from go-echarts: %.60q", script)
	}
	body := strings.NewReplacer("</", `<\/`, "<!--", `<\!--`).Replace(script[start:end])
	return script[:start] + body + script[end:], nil
}

// writeWorld writes assets/world.js, which registers the world map with
// echarts before any chart script runs, and returns the ISO numeric codes
// of the countries it draws.
func writeWorld(atlas, to string) (map[string]bool, error) {
	data, err := os.ReadFile(atlas)
	if err != nil {
		return nil, fmt.Errorf("%w%s", err, installHint)
	}
	var topo struct {
		Objects struct {
			Countries struct {
				Geometries []struct {
					ID string `json:"id"`
				} `json:"geometries"`
			} `json:"countries"`
		} `json:"objects"`
	}
	if err := json.Unmarshal(data, &topo); err != nil {
		return nil, fmt.Errorf("%s: %w", atlas, err)
	}
	ids := map[string]bool{}
	for _, g := range topo.Objects.Countries.Geometries {
		ids[g.ID] = true
	}
	var js bytes.Buffer
	js.WriteString("// The world map (Natural Earth via the npm package world-atlas), registered\n")
	js.WriteString("// for echarts; each country is named by its ISO 3166-1 numeric code.\n")
	js.WriteString("(function () {\n  var topo = ")
	js.Write(bytes.TrimSpace(data))
	js.WriteString(";\n  var world = topojson.feature(topo, topo.objects.countries);\n")
	js.WriteString("  // A ring that crosses the antimeridian (Russia, Fiji) would be drawn\n")
	js.WriteString("  // as a band across the map: move its western points east of 180.\n")
	js.WriteString("  function mend(ring) {\n")
	js.WriteString("    var east = ring.some(function (p) { return p[0] > 150; }), west = ring.some(function (p) { return p[0] < -150; });\n")
	js.WriteString("    if (east && west) { ring.forEach(function (p) { if (p[0] < 0) { p[0] += 360; } }); }\n")
	js.WriteString("  }\n")
	js.WriteString("  // Antarctica takes a fifth of a world map and no statement names it.\n")
	js.WriteString("  world.features = world.features.filter(function (f) { return String(f.id) !== \"010\"; });\n")
	js.WriteString("  world.features.forEach(function (f) {\n")
	js.WriteString("    f.properties = { name: String(f.id) };\n")
	js.WriteString("    var g = f.geometry; if (!g) { return; }\n")
	js.WriteString("    var polygons = g.type === \"Polygon\" ? [g.coordinates] : g.type === \"MultiPolygon\" ? g.coordinates : [];\n")
	js.WriteString("    polygons.forEach(function (poly) { poly.forEach(mend); });\n")
	js.WriteString("  });\n")
	js.WriteString("  echarts.registerMap(\"world\", world);\n})();\n")
	return ids, os.WriteFile(to, js.Bytes(), 0o644)
}

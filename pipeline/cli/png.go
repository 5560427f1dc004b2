package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"newsfacts/pipeline/chromium"
	"newsfacts/pipeline/echarts"
)

// renderPNG opens each chart in headless Chromium, with the network
// blocked, and saves the chart (title, plot, credit, and the lists and
// legend under it) as a PNG in png/
// beside the pages: for print and for places that cannot run a page. A
// page that logs an error or asks for anything off the machine is an error.
func renderPNG(dir string, gallery []echarts.Chart, in *interrupts) error {
	b, err := chromium.Start()
	if err != nil {
		return err
	}
	defer in.onInterrupt(b.Close)() // its profile is in the temporary folder
	defer b.Close()
	if err := os.MkdirAll(filepath.Join(dir, "png"), 0o755); err != nil {
		return err
	}
	for _, c := range gallery {
		p, err := b.Open(filepath.Join(dir, c.File), 1000, 1000)
		if err != nil {
			return err
		}
		if problems := p.Errors(); len(problems) > 0 {
			p.Close()
			return fmt.Errorf("%s: %s", c.File, strings.Join(problems, "; "))
		}
		png, err := p.Screenshot("#chart-page")
		p.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", c.File, err)
		}
		if err := os.WriteFile(filepath.Join(dir, "png", strings.TrimSuffix(c.File, ".html")+".png"), png, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Package chromium opens pages in headless Chromium, a real browser, with
// the network blocked, and reports what a reader's browser would: errors
// on the console, requests that failed or were attempted off the machine,
// values computed in the page, and screenshots. It is the only package
// that imports github.com/chromedp/chromedp; it needs Debian's chromium.
package chromium

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Browser is one headless Chromium process.
type Browser struct {
	ctx    context.Context
	cancel func()
}

// Start starts Chromium with a fresh profile and no background traffic.
func Start() (*Browser, error) {
	exe, err := findChromium()
	if err != nil {
		return nil, err
	}
	// A browser that fails to start is tried once more, with a profile
	// of its own: on a loaded machine Chromium sometimes exits before it
	// answers.
	for attempt := 1; ; attempt++ {
		b, err := start(exe)
		if err == nil || attempt == 2 {
			return b, err
		}
		time.Sleep(time.Second)
	}
}

func start(exe string) (*Browser, error) {
	profile, err := os.MkdirTemp("", "chromium-profile-*")
	if err != nil {
		return nil, err
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("allow-file-access-from-files", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("force-device-scale-factor", "1"),
	)...)
	ctx, cancel := chromedp.NewContext(actx)
	stop := func() { cancel(); acancel(); removeProfile(profile) }
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, fmt.Errorf("starting %s: %w", exe, err)
	}
	return &Browser{ctx: ctx, cancel: stop}, nil
}

// removeProfile removes the profile, and the folder that the browser made
// in the system's temporary folder for its singleton socket, linked from
// the profile: the browser removes it when asked to quit, not when it is
// stopped, as it is here, and one was left at every start. That folder
// is not made in the profile, as a socket's path is limited to 107
// bytes. Only a folder of the temporary folder named as Chromium and
// Chrome name theirs is removed.
func removeProfile(profile string) {
	if target, err := os.Readlink(filepath.Join(profile, "SingletonSocket")); err == nil && filepath.IsAbs(target) {
		dir := filepath.Dir(target)
		name := filepath.Base(dir)
		if filepath.Dir(dir) == filepath.Clean(os.TempDir()) && (strings.HasPrefix(name, "org.chromium.Chromium.") || strings.HasPrefix(name, "com.google.Chrome.")) {
			os.RemoveAll(dir)
		}
	}
	os.RemoveAll(profile)
}

func findChromium() (string, error) {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("chromium not found: install Debian's chromium (`make deps` does)")
}

// Close stops the browser and removes its profile and the folder it made
// in the temporary folder (see removeProfile).
func (b *Browser) Close() { b.cancel() }

// Page is a page loaded with the network blocked.
type Page struct {
	ctx      context.Context
	cancel   func()
	mu       sync.Mutex
	urls     map[network.RequestID]string
	problems []string // console errors, exceptions, failed and off-machine requests
}

// Open loads the file at path in a new tab of width by height pixels,
// with every request that is not to a local file blocked and reported,
// and waits until the page has loaded and settled.
func (b *Browser) Open(path string, width, height int64) (*Page, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	ctx, cancel := chromedp.NewContext(b.ctx)
	p := &Page{ctx: ctx, cancel: cancel, urls: map[network.RequestID]string{}}
	// Attach the tab and turn the network domain on, then listen: the
	// listener must see every event of the page load.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, err
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		cancel()
		return nil, err
	}
	var blocked []*network.BlockPattern
	for _, scheme := range []string{"http", "https", "ws", "wss"} {
		blocked = append(blocked, &network.BlockPattern{URLPattern: scheme + "://*:*/*", Block: true})
	}
	if _, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: blocked}); err != nil {
		cancel()
		return nil, err
	}
	err = chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				var args []string
				for _, a := range ev.Args {
					args = append(args, strings.Trim(string(a.Value), `"`)+a.Description)
				}
				p.problem("console %s: %s", ev.Type, strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			p.problem("exception: %s %s", ev.ExceptionDetails.Text, exceptionText(ev.ExceptionDetails))
		case *network.EventRequestWillBeSent:
			p.mu.Lock()
			p.urls[ev.RequestID] = ev.Request.URL
			p.mu.Unlock()
			if u, err := url.Parse(ev.Request.URL); err == nil && u.Scheme != "file" && u.Scheme != "data" && u.Scheme != "blob" {
				p.problem("request off the machine: %s", ev.Request.URL)
			}
		case *network.EventLoadingFailed:
			p.mu.Lock()
			u := p.urls[ev.RequestID]
			p.mu.Unlock()
			p.problem("request failed: %s (%s)", u, ev.ErrorText)
		}
	})
	if err == nil {
		err = chromedp.Do(ctx,
			chromedp.EmulateViewport(width, height),
			chromedp.Navigate((&url.URL{Scheme: "file", Path: abs}).String()), // escapes # ? % in the path
			chromedp.WaitReady(chromedp.CSS("body")),
			chromedp.Sleep(300*time.Millisecond), // charts draw after load
		)
	}
	if err != nil {
		cancel()
		return nil, fmt.Errorf("loading %s: %w", path, err)
	}
	return p, nil
}

func (p *Page) problem(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.problems = append(p.problems, fmt.Sprintf(format, args...))
}

// Errors returns the problems seen so far.
func (p *Page) Errors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.problems...)
}

// Eval evaluates a JavaScript expression in the page and decodes its
// value, as JSON, into a T.
func Eval[T any](p *Page, expr string) (T, error) {
	return chromedp.Run(p.ctx, chromedp.Evaluate[T](expr))
}

// Screenshot returns a PNG of the element that the CSS selector finds.
func (p *Page) Screenshot(selector string) ([]byte, error) {
	return chromedp.Run(p.ctx, chromedp.Screenshot(chromedp.CSS(selector)))
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d != nil && d.Exception != nil {
		return d.Exception.Description
	}
	return ""
}

// Close closes the tab.
func (p *Page) Close() { p.cancel() }

//go:build !unix

package cli

// closeBrowsersOnSignal does nothing where signals are not Unix's: there,
// a build stopped while it renders its charts may leave the browser's
// profile in the temporary folder.
func closeBrowsersOnSignal() (stop func()) { return func() {} }

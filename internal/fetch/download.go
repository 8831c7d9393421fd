package fetch

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"slices"
	"strings"
	"time"
)

// downloaded is an archive on disk.
type downloaded struct {
	file   string
	name   string // the archive's name, for messages: "tldr.zip"
	size   int64
	sha256 string
	// verified: it matched the published checksum.
	verified     bool
	lastModified time.Time
}

// errStalled is the cause of a download given up because the server sent
// nothing for Options.Stall.
var errStalled = errors.New("stalled")

// download fetches opts.URL into the file at dst, and the checksum file
// published beside it, if any, to check it against. When that checksum is
// the one of the archive unpacked before (old), unpacked for the same
// languages, it returns ErrUpToDate without downloading.
func download(ctx context.Context, opts Options, dst string, old *Stamp) (*downloaded, error) {
	u, err := url.Parse(opts.URL)
	if err != nil || u.Host == "" || u.Scheme != "https" && u.Scheme != "http" {
		where := "the default"
		if opts.URL != opts.Collection.URL {
			where = opts.Collection.Env
		}
		return nil, fmt.Errorf("%s: not an http or https URL (from %s)", opts.URL, where)
	}
	client := newClient(opts, u.Scheme)
	dl := &downloaded{file: dst, name: path.Base(u.Path)}
	if dl.name == "." || dl.name == "/" {
		dl.name = u.Host
	}

	var want string
	if opts.Collection.Sums != "" {
		// The checksum file first: it is small, and if the server cannot
		// be reached it says so before the long download.
		sumsURL := u.ResolveReference(&url.URL{Path: opts.Collection.Sums})
		sums, err := get(ctx, client, opts, sumsURL.String(), 64<<10, nil)
		var se *statusError
		switch {
		case errors.As(err, &se) && se.code >= 400 && se.code < 500:
			// A mirror that publishes no checksums (a bucket that hides
			// what it does not hold answers 403): the zip's own CRCs
			// still catch a damaged download.
		case err != nil:
			return nil, err
		default:
			want = findSum(sums.Bytes(), dl.name)
		}
	}
	if old != nil && want != "" && strings.EqualFold(old.SHA256, want) && slices.Equal(old.Wanted, opts.Languages) {
		return nil, ErrUpToDate
	}

	f, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	resp, err := get(ctx, client, opts, opts.URL, opts.Limits.Archive, io.MultiWriter(f, h))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	dl.size = resp.n
	dl.lastModified = resp.lastModified
	dl.sha256 = hex.EncodeToString(h.Sum(nil))
	if want != "" {
		if !strings.EqualFold(want, dl.sha256) {
			return nil, fmt.Errorf("%s: does not match its checksum in %s (a new release may have come out meanwhile: try again)", dl.name, opts.Collection.Sums)
		}
		dl.verified = true
	}
	return dl, nil
}

// newClient is an HTTP client with timeouts on every step but the body as
// a whole (a slow line may take minutes, which is fine as long as bytes
// come), which never follows a redirect from https to http.
func newClient(opts Options, scheme string) *http.Client {
	rt := opts.Transport
	if rt == nil {
		t := http.DefaultTransport.(*http.Transport).Clone() // proxies from the environment, dial and TLS timeouts
		t.ResponseHeaderTimeout = opts.Stall
		rt = t
	}
	return &http.Client{
		Transport: rt,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 10 {
				return errors.New("more than 10 redirects")
			}
			if scheme == "https" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirected to %s, which is not https: refused", req.URL.Redacted())
			}
			return nil
		},
	}
}

// statusError is an answer other than 200 OK.
type statusError struct {
	url, status string
	code        int
}

func (e *statusError) Error() string {
	return fmt.Sprintf("%s: the server answered %s", e.url, e.status)
}

// get downloads rawURL into w, at most max bytes; with a nil w the body
// is kept in the result (for small files). The download is given up when
// the server sends nothing for opts.Stall. Progress is reported for
// downloads into a w.
func get(ctx context.Context, client *http.Client, opts Options, rawURL string, max int64, w io.Writer) (*getResult, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	watchdog := time.AfterFunc(opts.Stall, func() { cancel(errStalled) })
	defer watchdog.Stop()

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, err
	}
	if opts.UserAgent != "" {
		req.Header.Set("User-Agent", opts.UserAgent)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, netError(ctx, rawURL, opts.Stall, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode != http.StatusOK:
		return nil, &statusError{url: rawURL, status: resp.Status, code: resp.StatusCode}
	case resp.ContentLength > max:
		return nil, fmt.Errorf("%s: %s, more than the %s allowed: refused", rawURL, mib(resp.ContentLength), mib(max))
	}
	out := &getResult{}
	if t, err := http.ParseTime(resp.Header.Get("Last-Modified")); err == nil {
		out.lastModified = t.UTC()
	}
	report := opts.Progress != nil && w != nil
	if w == nil {
		w = &out.buf
	}
	total := resp.ContentLength
	progress := func(n int64) {
		watchdog.Reset(opts.Stall)
		if report {
			opts.Progress(Progress{StageDownload, n, total})
		}
	}
	progress(0)
	// One byte past max tells a body that is too long from one exactly
	// max long.
	r := bufio.NewReaderSize(io.LimitReader(resp.Body, max+1), 32<<10)
	buf := make([]byte, 32<<10)
	for {
		n, rerr := r.Read(buf)
		if n > 0 {
			out.n += int64(n)
			if out.n > max {
				return nil, fmt.Errorf("%s: more than the %s allowed: refused", rawURL, mib(max))
			}
			if _, err := w.Write(buf[:n]); err != nil {
				return nil, err
			}
			progress(out.n)
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			if total > 0 && out.n < total && ctx.Err() == nil {
				return nil, fmt.Errorf("%s: the download broke off after %d of %d bytes (%v)", rawURL, out.n, total, rerr)
			}
			return nil, netError(ctx, rawURL, opts.Stall, rerr)
		}
	}
	if total > 0 && out.n != total {
		return nil, fmt.Errorf("%s: the download broke off after %d of %d bytes", rawURL, out.n, total)
	}
	return out, nil
}

type getResult struct {
	n            int64
	lastModified time.Time
	buf          bytes.Buffer
}

// Bytes is the body collected by a get with no writer.
func (g *getResult) Bytes() []byte { return g.buf.Bytes() }

// netError says what went wrong with a request in one line, naming the URL.
func netError(ctx context.Context, rawURL string, stall time.Duration, err error) error {
	if errors.Is(context.Cause(ctx), errStalled) {
		return fmt.Errorf("%s: nothing came for %v: gave up", rawURL, stall)
	}
	if ctx.Err() != nil {
		// Cancelled by the user: the caller reports that itself.
		return context.Cause(ctx)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		// url.Error repeats the method and the URL, quoted.
		err = ue.Err
	}
	return fmt.Errorf("cannot download %s: %v", rawURL, err)
}

// findSum finds name's checksum in a sha256sum listing ("HEX  name" or
// "HEX  /some/path/name", as older tldr releases wrote), or returns "".
func findSum(listing []byte, name string) string {
	for _, line := range strings.Split(string(listing), "\n") {
		fields := strings.Fields(line)
		if len(fields) != 2 || len(fields[0]) != 64 {
			continue
		}
		if path.Base(strings.TrimPrefix(fields[1], "*")) == name {
			return fields[0]
		}
	}
	return ""
}

// mib writes a byte count for a person; archives are megabytes.
func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

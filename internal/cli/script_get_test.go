package cli_test

import (
	"flag"
	"net"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/howcli/how/internal/fetch/fetchtest"
)

// tldrserve [-date YYYY-MM-DD] [-truncated] [-escape] DIR zips the files
// below DIR as the tldr-pages project publishes its archive, serves it
// over HTTP on loopback as tldr.zip, with tldr.sha256sums beside it,
// until the script ends, and points HOW_TLDR_URL at it. -truncated serves
// the first half of the archive, and no checksums (a mirror that has
// none: the archive itself must be found wanting), -escape adds an entry
// named ../escaped.md. tldrserve -closed points
// HOW_TLDR_URL at a port nothing listens on.
func cmdTldrServe(ts *testscript.TestScript, neg bool, args []string) {
	fs := flag.NewFlagSet("tldrserve", flag.ContinueOnError)
	date := fs.String("date", "2026-08-22", "the date of every entry")
	truncated := fs.Bool("truncated", false, "serve half of the archive")
	escape := fs.Bool("escape", false, "add an entry outside the folder")
	closed := fs.Bool("closed", false, "point at a port nothing listens on")
	if neg || fs.Parse(args) != nil || *closed != (fs.NArg() == 0) || fs.NArg() > 1 {
		ts.Fatalf("usage: tldrserve [-date YYYY-MM-DD] [-truncated] [-escape] DIR | tldrserve -closed")
	}
	if *closed {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		ts.Check(err)
		ts.Setenv("HOW_TLDR_URL", "http://"+l.Addr().String()+"/tldr.zip")
		ts.Check(l.Close())
		return
	}
	when, err := time.Parse(time.DateOnly, *date)
	ts.Check(err)
	entries, err := fetchtest.Tree(ts.MkAbs(fs.Arg(0)), "")
	ts.Check(err)
	if *escape {
		entries = append(entries, fetchtest.Entry{Name: "../escaped.md", Data: []byte("# escaped\n")})
	}
	archive, err := fetchtest.Zip(entries, when)
	ts.Check(err)
	srv := fetchtest.NewServer(deferrer{ts})
	if *truncated {
		archive = archive[:len(archive)/2]
	} else {
		srv.Set("/tldr.sha256sums", fetchtest.SHA256Sums("tldr.zip", archive))
	}
	srv.Set("/tldr.zip", archive)
	ts.Setenv("HOW_TLDR_URL", srv.URL+"/tldr.zip")
}

// deferrer gives a script's Defer the name the test helpers use.
type deferrer struct{ ts *testscript.TestScript }

func (d deferrer) Cleanup(f func()) { d.ts.Defer(f) }

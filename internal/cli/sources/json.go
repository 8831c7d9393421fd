package sources

import (
	"time"

	"github.com/howcli/how/internal/render"
	"github.com/howcli/how/internal/source"
)

type jsonOmission struct {
	What     string `json:"what"`
	Why      string `json:"why,omitempty"`
	Files    int    `json:"files"`
	Examples int    `json:"examples"`
}

type jsonCollection struct {
	Path          string         `json:"path"`
	Format        string         `json:"format"`
	Origin        string         `json:"origin"`
	License       string         `json:"license"`
	LicenseHolder string         `json:"license_holder,omitempty"`
	LicenseFile   string         `json:"license_file,omitempty"`
	Platform      string         `json:"platform,omitempty"`
	Languages     []string       `json:"languages"`
	Files         int            `json:"files"`
	Commands      int            `json:"commands"`
	Lines         int            `json:"lines"`
	Omitted       int            `json:"omitted"`
	OmittedWhy    []jsonOmission `json:"omitted_why"`
	ProblemFiles  int            `json:"problem_files"`
	// Got says where how sources --get downloaded the collection from,
	// and when.
	Got *jsonGot `json:"got,omitempty"`
}

type jsonGot struct {
	URL      string    `json:"url"`
	Date     time.Time `json:"date"`
	Fetched  time.Time `json:"fetched"`
	SHA256   string    `json:"sha256"`
	Verified bool      `json:"verified"`
}

type jsonFile struct {
	Path       string   `json:"path"`
	Format     string   `json:"format"`
	Origin     string   `json:"origin"`
	Collection string   `json:"collection,omitempty"`
	Commands   int      `json:"commands"`
	Lines      int      `json:"lines"`
	Omitted    int      `json:"omitted,omitempty"`
	Why        string   `json:"why,omitempty"`
	Problems   []string `json:"problems"`
	Error      string   `json:"error,omitempty"`
	Skipped    string   `json:"skipped,omitempty"`
}

type jsonSkip struct {
	Reason string   `json:"reason"`
	Files  int      `json:"files"`
	First  []string `json:"first"`
}

type jsonTotals struct {
	Files        int `json:"files"`
	Commands     int `json:"commands"`
	Omitted      int `json:"omitted"`
	ProblemFiles int `json:"problem_files"`
	Errors       int `json:"errors"`
	Skipped      int `json:"skipped"`
}

type jsonSources struct {
	Collections []jsonCollection `json:"collections"`
	Files       []jsonFile       `json:"files"`
	Skipped     []jsonSkip       `json:"skipped"`
	Totals      jsonTotals       `json:"totals"`
	Config      string           `json:"config,omitempty"`
	ConfigFound bool             `json:"config_found"`
}

// writeJSON prints everything sources knows as one object.
func writeJSON(opts *Options, loaded Loaded) error {
	out := jsonSources{Collections: []jsonCollection{}, Files: []jsonFile{}, Skipped: []jsonSkip{}, Config: opts.ConfigPath, ConfigFound: opts.ConfigFound}
	for _, k := range skips(loaded.Reports) {
		out.Skipped = append(out.Skipped, jsonSkip{Reason: k.reason, Files: k.files, First: k.first})
		out.Totals.Skipped += k.files
	}
	rows, _ := summarise(loaded)
	for _, s := range rows {
		if !s.isCollection {
			continue
		}
		c := s.coll
		jc := jsonCollection{Path: c.Root, Format: string(c.Format), Origin: source.Origin(c.Format), License: c.License,
			LicenseHolder: c.LicenseHolder, LicenseFile: c.LicenseFile, Platform: c.Platform, Languages: c.Languages,
			Files: c.Files, Commands: c.Snippets, Lines: c.Lines, Omitted: c.Omitted, OmittedWhy: []jsonOmission{}, ProblemFiles: s.problemFiles}
		if g := s.got; g != nil {
			jc.Got = &jsonGot{URL: g.URL, Date: g.Date, Fetched: g.Fetched, SHA256: g.SHA256, Verified: g.Verified}
		}
		if jc.Languages == nil {
			jc.Languages = []string{}
		}
		for _, o := range s.omissions {
			jc.OmittedWhy = append(jc.OmittedWhy, jsonOmission{What: o.noun + "s" + o.rest, Why: o.why, Files: o.pages, Examples: o.examples})
		}
		out.Collections = append(out.Collections, jc)
	}
	for _, r := range loaded.Reports {
		f := jsonFile{Path: r.Path, Format: string(r.Format), Origin: r.Origin, Collection: r.Collection, Commands: r.Snippets,
			Lines: r.Lines, Omitted: r.Omitted, Why: r.Why, Problems: r.Problems, Error: r.Message(), Skipped: r.Skipped}
		if f.Problems == nil {
			f.Problems = []string{}
		}
		out.Files = append(out.Files, f)
		switch {
		case r.Skipped != "":
		case r.Err != nil:
			out.Totals.Errors++
		case r.Format != source.FormatFolder:
			out.Totals.Files++
		}
		out.Totals.Commands += r.Snippets
		out.Totals.Omitted += r.Omitted
		if len(r.Problems) > 0 {
			out.Totals.ProblemFiles++
		}
	}
	data, err := render.MarshalJSON(out)
	if err != nil {
		return err
	}
	_, err = opts.IO.Out.Write(data)
	return err
}

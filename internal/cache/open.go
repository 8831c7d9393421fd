package cache

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/source"
)

// With opens the index of set and calls use with it, returning the
// warnings to show. An index reused from the cache can open cleanly and
// still be damaged where opening does not look (a corrupt posting list or
// synonym table shows only when read): when use fails on such an index
// because of the damage (index.ErrDamaged), the index is rebuilt, with a
// warning, and use is called once more. Any other failure (a closed pipe,
// an editor that fails) is returned as it is: a new index would not mend
// it. An index built for this call is not rebuilt again.
func (c *Cache) With(ctx context.Context, set *source.Set, use func(*index.Index) error) ([]string, error) {
	opened, err := c.Open(ctx, set, Options{})
	if err != nil {
		return nil, err
	}
	err = use(opened.Index)
	// Closed before any rebuild, which removes the old directory (and
	// cannot, on Windows, while it is open).
	opened.Index.Close()
	if err == nil || opened.Built || ctx.Err() != nil || !errors.Is(err, index.ErrDamaged) {
		return opened.Warnings, err
	}
	again, rerr := c.Open(ctx, set, Options{Force: true})
	if rerr != nil {
		return opened.Warnings, err
	}
	defer again.Index.Close()
	why, _, _ := strings.Cut(err.Error(), "\n")
	warnings := append(again.Warnings, fmt.Sprintf("the index in %s is damaged (%s); rebuilt it", opened.Index.Dir, why))
	return warnings, use(again.Index)
}

// errorLines says what could not be read, one line per path, the first
// few only. A source capped for its size (a system folder: HOW_PATH=/)
// holds thousands of unreadable files that would bury the answer; its
// warning says how to narrow it, and the rest are counted.
func errorLines(errs []error) []string {
	limit := listedErrors
	var capped, others []error
	for _, e := range errs {
		if errors.Is(e, source.ErrTooMany) {
			capped = append(capped, e)
		} else {
			others = append(others, e)
		}
	}
	if len(capped) > 0 {
		limit = 0
	}
	var lines []string
	for _, e := range capped {
		lines = append(lines, e.Error())
	}
	for i, e := range others {
		if i == limit {
			more := len(others) - i
			noun := "paths"
			if more == 1 {
				noun = "path"
			}
			lines = append(lines, fmt.Sprintf("%d more %s could not be read; see `how sources`", more, noun))
			break
		}
		lines = append(lines, e.Error())
	}
	return lines
}

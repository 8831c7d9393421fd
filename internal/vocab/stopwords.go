package vocab

import "strings"

// stopWords are the English function words dropped from descriptions. It
// is the snowball list without the words that carry meaning at a terminal
// (up, down, out, off, all, no, not, only, before, after, ...), because
// "scale down", "no pager" and "all containers" must stay findable.
var stopWords = strings.Fields(`
	i me my myself we our ours ourselves you your yours yourself yourselves
	he him his himself she her hers herself it its itself they them their
	theirs themselves what which who whom this that these those am is are was
	were be been being have has had having do does did doing would should
	could ought i'm you're he's she's it's we're they're i've you've we've
	they've i'd you'd he'd she'd we'd they'd i'll you'll he'll she'll we'll
	they'll isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't
	didn't won't wouldn't shan't shouldn't can't cannot couldn't mustn't let's
	that's who's what's here's there's when's where's why's how's a an the and
	but if or because as until while of at by for with about against between
	into through during to from in on then here there when where why how any
	both each such nor so than too very can will just also
`)

var stopSet = func() map[string]bool {
	m := make(map[string]bool, len(stopWords))
	for _, w := range stopWords {
		m[w] = true
	}
	return m
}()

// IsStopWord reports whether the lower-cased word w is an English function
// word that the description analyzer drops.
func IsStopWord(w string) bool { return stopSet[w] }

// StopWords returns the function words, for the analyzer that drops them.
// The slice is shared: callers must not modify it.
func StopWords() []string { return stopWords }

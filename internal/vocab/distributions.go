package vocab

import (
	"strings"
	"unicode"
)

// Distributions. A page's summary names the distributions a program
// belongs to ("Arch Linux package manager utility", "Package manager for
// Debian-based distributions"), and a question may name one ("on Fedora").

// distributions map the names people give Linux systems to the family
// whose packages and package manager they share.
var distributions = map[string]string{
	"debian": "debian", "ubuntu": "debian", "mint": "debian", "kali": "debian", "raspbian": "debian",
	"fedora": "fedora", "centos": "fedora", "rhel": "fedora", "redhat": "fedora", "rocky": "fedora",
	"almalinux": "fedora",
	"arch":      "arch", "archlinux": "arch", "manjaro": "arch", "endeavouros": "arch",
	"opensuse": "suse", "suse": "suse", "sles": "suse",
	"alpine": "alpine", "gentoo": "gentoo", "void": "void", "nixos": "nixos", "slackware": "slackware",
	"mageia": "mageia", "solus": "solus",
}

// ambiguous names are also ordinary words; they name a distribution only
// followed by "linux" ("Arch Linux", "Void Linux", "Alpine Linux").
var ambiguous = map[string]bool{"arch": true, "void": true, "alpine": true, "mint": true, "solus": true}

// Distribution returns the family of the distribution a word names ("" for
// none): ubuntu is debian, centos fedora. next is the word after it, which
// decides for names that are also ordinary words ("arch linux").
func Distribution(word, next string) string {
	w := strings.ToLower(word)
	if ambiguous[w] && strings.ToLower(next) != "linux" {
		return ""
	}
	return distributions[w]
}

// Family is the one distribution family a summary (a tldr page's "> "
// lines) names, or "" when it names none or several.
func Family(summary string) string {
	if summary == "" {
		return ""
	}
	// Links name distributions that a page only points to ("see
	// wiki.archlinux.org").
	var words []string
	for _, f := range strings.Fields(summary) {
		if strings.Contains(f, "://") || strings.HasPrefix(f, "<") {
			continue
		}
		words = append(words, strings.FieldsFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })...)
	}
	family := ""
	for i, w := range words {
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		f := Distribution(w, next)
		switch {
		case f == "":
		case family == "":
			family = f
		case family != f:
			return ""
		}
	}
	return family
}

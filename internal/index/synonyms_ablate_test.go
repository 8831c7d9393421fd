package index

import (
	"path/filepath"
	"testing"

	"github.com/howcli/how/internal/index/indextest"
	"github.com/howcli/how/internal/vocab"
)

// TestWithSynonyms: an index answering with other synonym groups finds a
// term's synonyms from those groups only, and the original is unchanged.
func TestWithSynonyms(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	if err := Build(dir, indextest.Fixture()); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if len(ix.Synonyms(FieldDescription, "folder")) == 0 {
		t.Fatal("the list gives folder no synonyms")
	}
	other := ix.WithSynonyms([]vocab.SynonymGroup{{Terms: []string{"folder", "frobnicate"}}})
	if got := other.Synonyms(FieldDescription, "folder"); len(got) != 1 || got[0] != "frobnic" {
		t.Errorf("folder's synonyms with one group: %q", got)
	}
	if len(ix.Synonyms(FieldDescription, "folder")) < 2 {
		t.Error("the original index lost its synonyms")
	}
}

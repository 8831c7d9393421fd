package index

import (
	"errors"
	"io/fs"
)

// ErrDamaged is what every error caused by a damaged index is (errors.Is):
// files cut short or overwritten, records that do not decode, a segment
// bleve cannot read. It is the only failure a rebuild mends; any other
// (a closed pipe, an editor that fails) would fail again on a new index.
var ErrDamaged = errors.New("the index is damaged")

// damagedError is an error that says the index is damaged, in its own
// words.
type damagedError struct{ err error }

func (e damagedError) Error() string        { return e.err.Error() }
func (e damagedError) Unwrap() error        { return e.err }
func (e damagedError) Is(target error) bool { return target == ErrDamaged }

// Damaged marks err as caused by a damaged index (see ErrDamaged); its
// message is unchanged.
func Damaged(err error) error {
	if err == nil || errors.Is(err, ErrDamaged) {
		return err
	}
	return damagedError{err}
}

// damage is Damaged, but for an index that is not there or not ours to
// read: missing files are no damage, and one that another user built is
// whole.
func damage(err error) error {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		return err
	}
	return Damaged(err)
}

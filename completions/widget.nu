# how's shell widget for nushell 0.91 or later, printed by `how init nu`.
#
# The key (Ctrl-G unless told otherwise) hands the command line to
# `how --widget`: the line, or its last segment after | && ; and the like,
# becomes the command how finds for it, the cursor on its first
# placeholder. Pressed again on the line it has just written, the key opens
# the picker seeded with the same query; on a line holding <placeholders>
# it moves the cursor to the next one. Nothing is ever run: the key runs
# an executehostcommand event, which edits the line without submitting
# it, and Enter is yours to press.
#
# A second key (Alt-I unless told otherwise) saves the line as it is into
# the personal sheet: how add asks for a description and tags below it,
# and the line stays as it was, not run.

def --env __how_widget [] {
    let current = (commandline)
    let last = ($env.__HOW_LAST_OUT? | default null)
    let pick = ($last != null and $current == $last)
    let buf = if $pick { $env.__HOW_LAST_IN } else { $current }
    let args = if $pick { ["--widget" "--pick" "--" $buf] } else { ["--widget" "--" $buf] }
    let cursor = (commandline get-cursor | into string)
    # What the widget wrote on this command line: how asks nothing of it,
    # edited or not, only of what is typed after it.
    let wrote = ($last | default "")
    let r = (with-env {HOW_WIDGET_CURSOR: $cursor, HOW_WIDGET_WROTE: $wrote} { ^how ...$args | complete })
    # An error (2), or why the line is left as it was (1), below the line.
    if ($r.stderr | is-not-empty) {
        __how_below
        print --stderr --no-newline ("\n" + $r.stderr)
    }
    if $r.exit_code != 0 {
        return
    }
    let parts = ($r.stdout | split row --number 2 "\n")
    if ($parts | length) < 2 or not ($parts.0 =~ '^-?[0-9]+$') {
        return
    }
    let off = ($parts.0 | into int)
    let line = ($parts.1)
    if $line != $current {
        $env.__HOW_LAST_IN = $buf
        $env.__HOW_LAST_OUT = $line
    }
    commandline edit --replace $line
    if $off >= 0 {
        commandline set-cursor $off
    } else {
        commandline set-cursor --end
    }
}

# A command line, once run, takes what the widget wrote on it along: the
# next one starts afresh. The keys' own host commands run through this
# hook too (and through the prompt's, before each redraw): they are the
# ones that leave it be.
$env.config = ($env.config | upsert hooks.pre_execution (
    ($env.config.hooks?.pre_execution? | default []) | append {||
        if not ((commandline) starts-with "__how_") {
            hide-env -i __HOW_LAST_IN __HOW_LAST_OUT
        }
    }
))

# __how_add_widget saves the command line as a personal snippet. It runs
# as an executehostcommand event too: the line and the cursor are left
# alone, and reedline draws the prompt and the line again wherever the
# cursor is when it returns, below the questions.
def __how_add_widget [] {
    let line = (commandline)
    # A blank line has nothing to save (how add would refuse it).
    if ($line | str trim | is-empty) {
        return
    }
    __how_below
    # how add exits 130 when the questions are cancelled, which is no
    # error to report; its own errors are on stderr already.
    try { ^how add --from-widget -- $line }
}

# __how_below readies the terminal for writing below the command line,
# which it leaves whole; what is written starts with a line end, and
# reedline draws the prompt and the line again below it. The cursor is
# where it is in the line: it goes down past the lines after it, to a line
# cleared of anything the terminal wrapped there, then back up one.
def __how_below [] {
    let line = (commandline)
    let before = ($line | str substring --grapheme-clusters 0..<(commandline get-cursor))
    let after = (($line | split row "\n" | length) - ($before | split row "\n" | length))
    print --no-newline ((seq 0 $after | each { "\n" } | str join) + "\r\e[J\e[A")
}

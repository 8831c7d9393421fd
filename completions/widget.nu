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

def --env __how_widget [] {
    let current = (commandline)
    let last = ($env.__HOW_LAST_OUT? | default null)
    let pick = ($last != null and $current == $last)
    let buf = if $pick { $env.__HOW_LAST_IN } else { $current }
    let args = if $pick { ["--widget" "--pick" "--" $buf] } else { ["--widget" "--" $buf] }
    let cursor = (commandline get-cursor | into string)
    let r = (with-env {HOW_WIDGET_CURSOR: $cursor} { ^how ...$args | complete })
    if $r.exit_code == 2 {
        print --stderr $r.stderr
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

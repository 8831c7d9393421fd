# how's shell widget for fish 3.1 or later, printed by `how init fish`.
#
# The key (Ctrl-G unless told otherwise) hands the command line to
# `how --widget`: the line, or its last segment after | && ; and the like,
# becomes the command how finds for it, the cursor on its first
# placeholder. Pressed again on the line it has just written, the key opens
# the picker seeded with the same query; on a line holding <placeholders>
# it moves the cursor to the next one. Nothing is ever run: the line is
# only edited, and Enter is yours to press.

function __how_widget --description 'how: turn the command line into the command it asks for'
    set -l current (commandline | string collect)
    set -l buf "$current"
    set -l pick
    # The line the widget wrote, unchanged: the user wants another
    # choice, so ask again with what they had typed.
    if set -q __how_last_out; and test "$current" = "$__how_last_out"
        set buf "$__how_last_in"
        set pick --pick
    end
    set -l out (HOW_WIDGET_CURSOR=(commandline -C) command how --widget $pick -- "$buf" | string collect)
    set -l rc $pipestatus[1]
    set -l parts (string split -m1 \n -- "$out")
    if test "$rc" -ne 0; or not set -q parts[2]; or not string match -qr -- '^-?[0-9]+$' $parts[1]
        commandline -f repaint
        return 0
    end
    if test "$parts[2]" != "$current"
        set -g __how_last_in "$buf"
        set -g __how_last_out "$parts[2]"
    end
    commandline -r -- $parts[2]
    if test $parts[1] -ge 0
        commandline -C -- $parts[1]
    end
    commandline -f repaint
end

# A new command line forgets what the widget wrote on the last one.
function __how_forget --on-event fish_prompt
    set -e __how_last_in __how_last_out
end

# __how_bind KEY binds the widget to KEY (bind notation, e.g. \cg) in the
# default mode and vi's insert mode. fish_vi_key_bindings and
# fish_default_key_bindings erase every binding: call them before this.
function __how_bind
    status is-interactive; or return 0
    bind $argv[1] __how_widget
    bind -M insert $argv[1] __how_widget
end

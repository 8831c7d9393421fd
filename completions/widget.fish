# how's shell widget for fish 3.1 or later, printed by `how init fish`.
#
# The key (Ctrl-G unless told otherwise) hands the command line to
# `how --widget`: the line, or its last segment after | && ; and the like,
# becomes the command how finds for it, the cursor on its first
# placeholder. Pressed again on the line it has just written, the key opens
# the picker seeded with the same query; on a line holding <placeholders>
# it moves the cursor to the next one. Nothing is ever run: the line is
# only edited, and Enter is yours to press.
#
# A second key (Alt-I unless told otherwise) saves the line as it is into
# the personal sheet: how add asks for a description and tags below it,
# and the line stays as it was, not run.

function __how_widget --description 'how: turn the command line into the command it asks for'
    set -l current (commandline | string collect)
    set -l buf "$current"
    set -l pick
    # What the widget wrote on this command line: how asks nothing of it,
    # edited or not, only of what is typed after it.
    set -l wrote
    if set -q __how_last_out
        set wrote "$__how_last_out"
        # The line the widget wrote, unchanged: the user wants another
        # choice, so ask again with what they had typed.
        if test "$current" = "$__how_last_out"
            set buf "$__how_last_in"
            set pick --pick
        end
    end
    # how writes nothing on stderr when it answers; when it leaves the
    # line alone it says why there, shown below the line.
    set -l out (HOW_WIDGET_CURSOR=(commandline -C) HOW_WIDGET_WROTE="$wrote" command how --widget $pick -- "$buf" 2>&1 | string collect)
    set -l rc $pipestatus[1]
    if test "$rc" -ne 0
        if string length -q -- "$out"
            __how_below_begin
            printf '\n%s\n' "$out"
            __how_below_end
        end
        commandline -f repaint
        return 0
    end
    set -l parts (string split -m1 \n -- "$out")
    if not set -q parts[2]; or not string match -qr -- '^-?[0-9]+$' $parts[1]
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

# __how_add_widget saves the command line as a personal snippet; the line
# and the cursor are left alone.
function __how_add_widget --description 'how: save the command line as a personal snippet'
    set -l line (commandline | string collect)
    # A blank line has nothing to save (how add would refuse it).
    string match -qr '\S' -- "$line"; or return 0
    __how_below_begin
    command how add --from-widget -- "$line"
    __how_below_end
end

# __how_below_begin readies the terminal for writing below the command
# line, which it leaves whole; what is written starts with a line end of
# its own. __how_below_end then has fish draw the prompt and the line again
# under it.
function __how_below_begin
    # fish draws the prompt again from where it believes the cursor is:
    # on the row of the command line it was on, however much was written
    # meanwhile (fish's own __fish_echo works round this too). So first
    # the cursor goes down past the lines after it, to a row cleared of
    # anything the terminal wrapped there, and back up one: what is
    # written starts on the row after. Afterwards (__how_below_end) as
    # many rows go out as fish will go back up: the prompt's above its
    # last line, and the command line's above the cursor, wrapped rows
    # included. A row too many is a blank one; a row too few would have
    # the prompt over the last words.
    set -l at (commandline --line)
    string repeat -N -n (math (count (commandline)) - $at + 1) \n >/dev/tty
    printf '\r\e[J\e[A' >/dev/tty
end

function __how_below_end
    set -l at (commandline --line)
    set -l prompt (functions -q fish_mode_prompt; and fish_mode_prompt; fish_prompt)
    set -l width (string replace -ra '\e\[[0-9;?]*[ -/]*[@-~]' '' -- "$prompt[-1]" | string length)
    set -l before (commandline --cut-at-cursor)
    set -l rows (math (count $prompt) - 1)
    for i in (seq $at)
        set -l text
        set -q before[$i]; and set text $before[$i]
        set -l w (string length -- "$text")
        # The prompt is before the first line; fish indents the others
        # by how deep they are, which is not counted here.
        test $i -eq 1; and set w (math $w + $width)
        set rows (math "$rows + floor($w / $COLUMNS)")
        test $i -lt $at; and set rows (math $rows + 1)
    end
    string repeat -N -n $rows \n >/dev/tty
    commandline -f repaint
end

# __how_bind KEY [FUNCTION] binds FUNCTION (__how_widget unless told) to
# KEY (bind notation, e.g. \cg) in the default mode and vi's insert mode.
# fish_vi_key_bindings and fish_default_key_bindings erase every binding:
# call them before this.
function __how_bind
    status is-interactive; or return 0
    set -l fn __how_widget
    set -q argv[2]; and set fn $argv[2]
    bind $argv[1] $fn
    bind -M insert $argv[1] $fn
end

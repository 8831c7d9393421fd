# how's shell widget for zsh, printed by `how init zsh`.
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

__how_widget() {
  emulate -L zsh
  local buf=$BUFFER pick= wrote= out off line
  if [[ -n $__how_last_out && $__how_last_hist == "$HISTCMD" ]]; then
    # What the widget wrote on this command line: how asks nothing of it,
    # edited or not, only of what is typed after it.
    wrote=$__how_last_out
    # The line the widget wrote, unchanged: the user wants another
    # choice, so ask again with what they had typed.
    if [[ $BUFFER == "$__how_last_out" ]]; then
      buf=$__how_last_in
      pick=--pick
    fi
  fi
  # how draws the picker on /dev/tty itself (a widget's stdin is
  # /dev/null), on the alternate screen, so the display needs no trashing.
  # It writes nothing on stderr when it answers; when it leaves the line
  # alone it says why there, shown below the line.
  out=$(HOW_WIDGET_CURSOR=$CURSOR HOW_WIDGET_WROTE=$wrote command how --widget ${pick:+$pick} -- "$buf" 2>&1)
  if (( $? != 0 )); then
    zle reset-prompt
    [[ -n $out ]] && zle -M -- "$out"
    return 0
  fi
  if [[ $out != *$'\n'* ]]; then
    zle reset-prompt
    return 0
  fi
  off=${out%%$'\n'*}
  line=${out#*$'\n'}
  if [[ $off != (-|)<-> ]]; then
    zle reset-prompt
    return 0
  fi
  if [[ $line != "$BUFFER" ]]; then
    typeset -g __how_last_in=$buf __how_last_out=$line __how_last_hist=$HISTCMD
  fi
  BUFFER=$line
  if (( off >= 0 )); then
    CURSOR=$off
  else
    CURSOR=${#BUFFER}
  fi
  zle reset-prompt
}
zle -N __how_widget

# __how_add_widget saves the command line as a personal snippet; BUFFER
# and CURSOR are left alone.
__how_add_widget() {
  emulate -L zsh
  # A blank line has nothing to save (how add would refuse it).
  [[ $BUFFER == *[^[:space:]]* ]] || return 0
  # how add asks on the terminal, below the line: zle -I moves the cursor
  # below all of the edited text, whichever line it is on, and leaves the
  # terminal as it is between commands; when the widget returns, zle draws
  # the prompt and the line afresh under the questions.
  zle -I
  command how add --from-widget -- "$BUFFER"
}
zle -N __how_add_widget

# __how_bind KEY [WIDGET] binds WIDGET (__how_widget unless told) to KEY
# (bindkey notation, e.g. ^G) in the emacs and both vi keymaps. With the
# zsh-vi-mode plugin, which replaces the keymaps later, call it again from
# zvm_after_init.
__how_bind() {
  [[ -o interactive ]] || return 0
  local km
  for km in emacs viins vicmd; do
    bindkey -M $km "$1" ${2:-__how_widget}
  done
}

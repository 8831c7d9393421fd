# shellcheck shell=bash
# how's shell widget for bash 4 or later, printed by `how init bash`.
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
  local buf=$READLINE_LINE pick='' wrote='' out off line
  if [[ -n ${__how_last_out-} && ${__how_last_hist-} == "${HISTCMD-}" ]]; then
    # What the widget wrote on this command line: how asks nothing of it,
    # edited or not, only of what is typed after it.
    wrote=$__how_last_out
    # The line the widget wrote, unchanged: the user wants another
    # choice, so ask again with what they had typed.
    if [[ $READLINE_LINE == "$__how_last_out" ]]; then
      buf=$__how_last_in
      pick=--pick
    fi
  fi
  out=$(HOW_WIDGET_CURSOR=$READLINE_POINT HOW_WIDGET_WROTE=$wrote command how --widget ${pick:+"$pick"} -- "$buf") || return 0
  [[ $out == *$'\n'* ]] || return 0
  off=${out%%$'\n'*}
  line=${out#*$'\n'}
  [[ $off =~ ^-?[0-9]+$ ]] || return 0
  if [[ $line != "$READLINE_LINE" ]]; then
    __how_last_in=$buf
    __how_last_out=$line
    __how_last_hist=${HISTCMD-}
  fi
  READLINE_LINE=$line
  if ((off >= 0)); then
    READLINE_POINT=$off
  else
    READLINE_POINT=${#line}
  fi
}

# __how_add_widget saves the command line as a personal snippet. bash
# clears the line before a bind -x command runs and readline draws the
# prompt and the line again after it, so how add asks below the prompt and
# nothing else is needed; READLINE_LINE and READLINE_POINT are left alone.
__how_add_widget() {
  # A blank line has nothing to save (how add would refuse it).
  [[ $READLINE_LINE == *[![:space:]]* ]] || return 0
  command how add --from-widget -- "$READLINE_LINE"
}

# __how_bind KEY [FUNCTION] binds FUNCTION (__how_widget unless told) to
# KEY (readline notation, e.g. \C-g) in the emacs and both vi keymaps.
__how_bind() {
  [[ $- == *i* ]] || return 0
  if ((BASH_VERSINFO[0] < 4)); then
    # Said once, however many keys there are to bind.
    [[ -n ${__how_said_old_bash-} ]] && return 0
    __how_said_old_bash=1
    printf '%s\n' "how: the shell widget needs bash 4 or later, and this is bash $BASH_VERSION;" \
      "how: completion works, the keys are not bound. Use a newer bash (on macOS: brew install bash) or zsh." >&2
    return 0
  fi
  local km
  for km in emacs-standard vi-insert vi-command; do
    # Removing the key first avoids bash 5.1's "cannot find keymap for
    # command" when a bind -x is bound over another one.
    bind -m "$km" -r "$1" 2>/dev/null
    bind -m "$km" -x "\"$1\": ${2:-__how_widget}"
  done
}

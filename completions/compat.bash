# shellcheck shell=bash
# What cobra's bash completion borrows from the bash-completion package,
# for shells that do not load it: how init and how completion put this
# after cobra's script, whose calls to _get_comp_words_by_ref and _filedir
# they point here. With the package loaded, its own functions answer.

# __how_comp_words [-n CHARS] sets cur, prev, words and cword for the
# word under the cursor, as _get_comp_words_by_ref does: readline splits
# words at every character of COMP_WORDBREAKS (= and : among them), and
# the pieces split at one of CHARS, with no blank between them, are one
# word again (--color=al, host:path). cur ends at the cursor.
# shellcheck disable=SC2034 # cur, prev, words and cword are the caller's.
__how_comp_words()
{
    if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
        _get_comp_words_by_ref "$@" cur prev words cword
        return
    fi
    local keep='' i piece blanks last pos=0
    local -a starts=()
    if [[ ${1-} == -n ]]; then
        keep=${2-}
    fi
    words=()
    cword=0
    for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
        piece=${COMP_WORDS[i]}
        blanks=${COMP_LINE:pos}
        blanks=${blanks%%[![:blank:]]*}
        pos=$((pos + ${#blanks}))
        last=''
        if ((${#words[@]})); then
            last=${words[${#words[@]}-1]}
        fi
        # The command's name stays a word of its own.
        if ((${#words[@]} > 1 && ${#blanks} == 0)) && [[ -n $keep && -n $piece ]] &&
            [[ $piece == ["$keep"]* || $last == *["$keep"] ]]; then
            words[${#words[@]}-1]+=$piece
        else
            words+=("$piece")
            starts+=("$pos")
        fi
        if ((i == COMP_CWORD)); then
            cword=$((${#words[@]} - 1))
        fi
        pos=$((pos + ${#piece}))
    done
    cur=''
    if ((COMP_POINT > starts[cword])); then
        cur=${COMP_LINE:starts[cword]:COMP_POINT-starts[cword]}
    fi
    prev=''
    if ((cword > 0)); then
        prev=${words[cword-1]}
    fi
}

# __how_filedir [-d | EXTENSIONS] adds to COMPREPLY the files, or with -d
# the folders, that complete cur, as _filedir does; EXTENSIONS (yaml|yml)
# keeps only files ending so, and folders to go down into.
__how_filedir()
{
    if declare -F _filedir >/dev/null 2>&1; then
        _filedir "$@"
        return
    fi
    local f ext=${1-} extglob
    local -a found=()
    ext=${ext%|}
    while IFS= read -r f; do
        found+=("$f")
    done < <(compgen -d -- "$cur")
    if [[ $ext != -d ]]; then
        extglob=$(shopt -p extglob)
        shopt -s extglob
        while IFS= read -r f; do
            [[ -d $f ]] || found+=("$f")
        done < <(if [[ -n $ext ]]; then compgen -f -X "!*.@($ext)" -- "$cur"; else compgen -f -- "$cur"; fi)
        eval "$extglob"
    fi
    if ((${#found[@]})); then
        COMPREPLY+=("${found[@]}")
        compopt -o filenames 2>/dev/null
    fi
}

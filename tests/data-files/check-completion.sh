#!/usr/bin/env bash
# Check completions/gloss-cli.bash: it completes what the issue asks for
# (`gloss-cli ex` → export, `gloss-cli export --fo` → --format --force), and
# every command of the real `gloss-cli --help` and every option of each
# `gloss-cli COMMAND --help`, so the script cannot drift from the program.
#
# usage: check-completion.sh GLOSS_CLI COMPLETION_SCRIPT
set -u
gloss_cli=$1
source "$2" || { echo "cannot source $2"; exit 1; }
export LC_ALL=C.UTF-8 LANGUAGE=

failures=0

# complete WORD... : what the script offers for the last word, sorted, one line.
complete_words () {
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _gloss_cli
    printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}

expect () {
    local want=$1; shift
    local got
    got=$(complete_words "$@")
    if [[ $got != "$want" ]]; then
        echo "FAIL: completing '$*' gave '$got', expected '$want'"
        failures=$((failures + 1))
    else
        echo "ok: '$*' → $got"
    fi
}

# offers WANTED WORD... : the completion of WORD... includes WANTED.
offers () {
    local wanted=$1; shift
    local got
    got=" $(complete_words "$@") "
    if [[ $got != *" $wanted "* ]]; then
        echo "FAIL: completing '$*' does not offer $wanted (gave:$got)"
        failures=$((failures + 1))
    fi
}

expect "export" gloss-cli ex
expect "--force --format" gloss-cli export --fo
expect "brat conll csv doccano hf jsonl label-studio uima-json w3c webanno-tsv" gloss-cli export --format ""
expect "brat doccano jsonl label-studio uima-json" gloss-cli import -f ""
expect "--predictions" gloss-cli export --pre
expect "utf16" gloss-cli export --offsets=u
expect "utf16" gloss-cli export --offsets = u   # how bash splits "--offsets=u"
expect "majority unanimous" gloss-cli merge --strategy ""
expect "spacy-ner" gloss-cli export --conll-variant sp

commands=$("$gloss_cli" --help | sed -n '/^Commands:/,/^$/p' | grep -oE '^  [a-z]+' | tr -d ' ')
[[ -n $commands ]] || { echo "FAIL: no commands in gloss-cli --help"; exit 1; }
checked=0
for command in $commands; do
    offers "$command" gloss-cli ""
    for option in $("$gloss_cli" "$command" --help | grep -oE '^ +(-[a-z], )?--[a-z-]+' | tr ',' ' '); do
        offers "$option" gloss-cli "$command" -
        checked=$((checked + 1))
    done
done
echo "$checked options of $(echo $commands | wc -w) commands checked, $failures failures"
[[ $failures -eq 0 ]]

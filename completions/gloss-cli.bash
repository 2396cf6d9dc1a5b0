# bash completion for gloss-cli                              -*- shell-script -*-
#
# Commands, each command's options and the values of options that take a fixed
# set of words; files and folders otherwise. tests/data-files/check-completion.sh
# checks these lists against the real `gloss-cli COMMAND --help`.

_gloss_cli_options ()
{
    case $1 in
        validate) echo "--json --strict --quiet -q" ;;
        stats)    echo "--json" ;;
        export)   echo "--format -f --output -o --force --annotator -a --labels -l --offsets
                        --conll-variant --tag-column --conll-attributes --doccano-relations --hf-tag-ids
                        --predictions" ;;
        import)   echo "--format -f --annotator -a --output -o --offsets --as-suggestions" ;;
        agree)    echo "--json --by-label --by-attribute --annotators -a" ;;
        merge)    echo "--strategy -s --annotator -a" ;;
        reanchor) echo "--dry-run -n --json" ;;
        suggest)  echo "--sources -s --annotator -a --dry-run -n" ;;
    esac
    echo "--help -h --version"
}

# The words an option's value may be, or nothing when the value is free.
_gloss_cli_values ()
{
    case $1:$2 in
        export:--format | export:-f) echo "jsonl doccano conll brat w3c csv hf label-studio uima-json webanno-tsv" ;;
        import:--format | import:-f) echo "brat jsonl doccano label-studio uima-json" ;;
        *:--offsets)                 echo "codepoints utf16 bytes" ;;
        export:--conll-variant)      echo "full nltk spacy-ner" ;;
        export:--tag-column)         echo "entity quote claim all" ;;
        merge:--strategy | merge:-s) echo "unanimous majority" ;;
        suggest:--sources | suggest:-s) echo "same-text quotes same-text,quotes" ;;
    esac
}

_gloss_cli ()
{
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=${COMP_WORDS[COMP_CWORD-1]}
    local commands="validate stats export import agree merge reanchor suggest"
    COMPREPLY=()

    if [[ $COMP_CWORD -eq 1 ]]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi

    local command=${COMP_WORDS[1]}
    local value=

    # --option=VALUE: complete the part after "=" (bash splits at "=" when it
    # is in COMP_WORDBREAKS, as it is by default).
    if [[ $cur == --*=* ]]; then
        prev=${cur%%=*}
        cur=${cur#*=}
    elif [[ $cur == = ]]; then
        cur=
        prev=${COMP_WORDS[COMP_CWORD-2]}
    elif [[ $prev == = ]]; then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    fi

    value=$(_gloss_cli_values "$command" "$prev")
    if [[ -n $value ]]; then
        COMPREPLY=($(compgen -W "$value" -- "$cur"))
        return
    fi
    case $prev in
        --output | -o)
            if [[ $command == import ]]; then
                COMPREPLY=($(compgen -d -- "$cur"))
            else
                COMPREPLY=($(compgen -f -- "$cur"))
            fi
            compopt -o filenames 2>/dev/null
            return
            ;;
        --annotator | -a | --annotators | --labels | -l | --offsets | --conll-variant | \
        --tag-column | --format | -f | --strategy | -s | --sources)
            # A free value (an annotator id, labels): nothing to offer.
            return
            ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_gloss_cli_options "$command")" -- "$cur"))
        return
    fi

    # PATH…: articles, sidecars and folders.
    COMPREPLY=($(compgen -f -- "$cur"))
    compopt -o filenames 2>/dev/null
}

complete -F _gloss_cli gloss-cli

#!/bin/sh
# Shell completions and the man page follow the one option table (opts.c):
# every long option and command of --help is in the bash, zsh and fish scripts
# and in docs/ollama-doctor.1; the scripts parse; bash and fish (complete -C)
# and zsh (a real completion in a zpty) complete commands, option names and
# option values. zsh and fish parts skip when the shell is missing. No root.
. "$(dirname "$0")/lib.sh"
trap 'rm -rf "$W"' EXIT

skip() { TAPN=$((TAPN + 1)); echo "ok $TAPN - $1 # SKIP $2"; }

"$OD_BIN" --help >"$W/help" 2>&1
OPTS=$(grep -o -- '--[a-z][a-z-]*' "$W/help" | sort -u)
CMDS="check explain bundle rules mcp completion"
for sh in bash zsh fish; do
    "$OD_BIN" completion "$sh" >"$W/c.$sh" 2>"$W/err.$sh"
    RC=$?
    ok "completion $sh: exit 0, a script, nothing on stderr" sh -c "[ $RC -eq 0 ] && [ -s '$W/c.$sh' ] && [ ! -s '$W/err.$sh' ]"
    missing=""
    for o in $OPTS; do
        if [ "$sh" = fish ]; then pat="-l ${o#--}\( \|\$\)"; else pat=$o; fi
        grep -q -- "$pat" "$W/c.$sh" || missing="$missing $o"
    done
    for c in $CMDS; do grep -qw -- "$c" "$W/c.$sh" || missing="$missing $c"; done
    [ -z "$missing" ] || echo "# missing in $sh:$missing"
    ok "completion $sh: every option and command of --help" [ -z "$missing" ]
done
"$OD_BIN" completion tcsh >/dev/null 2>"$W/err"
RC=$?
ok "completion tcsh: usage error (exit 2) naming the shells" sh -c "[ $RC -eq 2 ] && grep -q 'bash' '$W/err'"

missing=""
for o in $OPTS; do
    grep -q -- "$(echo "$o" | sed 's/-/\\\\-/g')" "$ROOT/docs/ollama-doctor.1" || missing="$missing $o"
done
for c in $CMDS; do grep -qF -e "\\fB$c" -e ".B ollama-doctor $c" "$ROOT/docs/ollama-doctor.1" || missing="$missing $c"; done
[ -z "$missing" ] || echo "# missing in the man page:$missing"
ok "man page: every option and command of --help" [ -z "$missing" ]

# --- bash: the completion function with COMP_WORDS as bash would set them ------
# bcomp CWORD WORD...: COMPREPLY, one per line
bcomp() {
    cw=$1
    shift
    bash -c '. "$1"; shift; cw=$1; shift; COMP_WORDS=("$@"); COMP_CWORD=$cw; _ollama_doctor; printf "%s\n" "${COMPREPLY[@]}"' \
        bash "$W/c.bash" "$cw" "$@" 2>&1
}
ok "bash: the script parses" bash -n "$W/c.bash"
out=$(bcomp 1 ollama-doctor '' | sort | tr '\n' ' ')
ok "bash: commands after the program name" [ "$out" = "bundle check completion explain mcp rules " ]
out=$(bcomp 2 ollama-doctor --model-type '' | tr '\n' ' ')
ok "bash: --model-type values" [ "$out" = "chat embedding " ]
out=$(bcomp 3 ollama-doctor --model-type = e | tr '\n' ' ')
ok "bash: --model-type=val (bash splits at =)" [ "$out" = "embedding " ]
out=$(bcomp 1 ollama-doctor --ca | tr '\n' ' ')
ok "bash: option names by prefix" [ "$out" = "--candidates " ]
out=$(bcomp 2 ollama-doctor bundle --fo | sort | tr '\n' ' ')
ok "bash: options after a command" [ "$out" = "--force --format " ]
out=$(bcomp 2 ollama-doctor rules '' | tr '\n' ' ')
ok "bash: rules list|lint" [ "$out" = "list lint " ]
out=$(bcomp 2 ollama-doctor completion '' | tr '\n' ' ')
ok "bash: completion bash|zsh|fish" [ "$out" = "bash zsh fish " ]
out=$(bcomp 2 ollama-doctor --url '')
ok "bash: a free-text value completes nothing" [ -z "$out" ]
mkdir -p "$W/dirs/rules-a"
out=$(cd "$W/dirs" && bcomp 2 ollama-doctor --rules r)
ok "bash: --rules completes directories" [ "$out" = "rules-a" ]

# --- fish: complete -C ------------------------------------------------------------
if command -v fish >/dev/null 2>&1; then
    fcomp() { fish -c "source '$W/c.fish'; complete -C '$1'" 2>&1 | cut -f1; }
    ok "fish: the script parses" fish -n "$W/c.fish"
    ok "fish: commands" sh -c "[ \"\$(fish -c \"source '$W/c.fish'; complete -C 'ollama-doctor '\" | cut -f1 | sort | tr '\n' ' ')\" = 'bundle check completion explain mcp rules ' ]"
    out=$(fcomp 'ollama-doctor --model-type ' | tr '\n' ' ')
    ok "fish: --model-type values" [ "$out" = "chat embedding " ]
    out=$(fcomp 'ollama-doctor --vant' | tr '\n' ' ')
    ok "fish: option names by prefix" [ "$out" = "--vantage " ]
    out=$(fcomp 'ollama-doctor rules ' | tr '\n' ' ')
    ok "fish: rules list|lint" [ "$out" = "lint list " ]
    out=$(fcomp 'ollama-doctor completion ' | sort | tr '\n' ' ')
    ok "fish: completion shells" [ "$out" = "bash fish zsh " ]
else
    for d in parses commands values prefix rules shells; do skip "fish: $d" "fish not installed"; done
fi

# --- zsh: a real completion, in a pseudo-terminal ------------------------------------
if command -v zsh >/dev/null 2>&1; then
    mkdir -p "$W/zf"
    cp "$W/c.zsh" "$W/zf/_ollama-doctor"
    cat >"$W/ztest.zsh" <<'EOF'
# ztest.zsh FPATH_DIR LINE WAIT: what zsh lists (or inserts) for LINE<TAB>,
# read until the glob WAIT shows in it (a loaded machine is slow) or 15 s pass
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT='>'; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z "zstyle ':completion:*' list-separator '::'; LISTMAX=1000"
zpty -w z "$2"$'\t'
out=''
for i in {1..150}; do
    while zpty -r -t z chunk; do out+=$chunk; done
    [[ ${out//$'\r'/} == *${~3}* ]] && break
    sleep 0.1
done
print -r -- ${out//$'\r'/}
zpty -d z
EOF
    zcomp() { timeout 30 zsh "$W/ztest.zsh" "$W/zf" "$1" "$2" | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g'; }
    ok "zsh: the script parses" zsh -n "$W/c.zsh"
    zcomp 'ollama-doctor --model-type ' 'chat*embedding' >"$W/z.out"
    ok "zsh: --model-type values" grep -a -q 'chat.*embedding' "$W/z.out"
    zcomp 'ollama-doctor --' "Ollama's port" >"$W/z.out"
    ok "zsh: option names with their help (colons unescaped)" sh -c "grep -a -q -- '--candidates .*host:port' '$W/z.out' && grep -a -q -- \"Ollama's port\" '$W/z.out'"
    zcomp 'ollama-doctor ' 'completion*shell completion' >"$W/z.out"
    ok "zsh: commands with their help" sh -c "grep -a -q 'mcp .*Model Context Protocol' '$W/z.out' && grep -a -q 'completion .*shell completion' '$W/z.out'"
else
    for d in parses values options commands; do skip "zsh: $d" "zsh not installed"; done
fi

finish

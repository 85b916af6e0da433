#!/bin/sh
# checksrc: functions src/ must not call (after curl's checksrc). Each has a
# bounded or checked replacement:
#   sprintf, vsprintf -> snprintf, vsnprintf      strcat, strcpy -> od_strlcpy, memcpy
#   atoi, atol        -> strtol (with a range)   gets           -> fgets
# Comments and string literals are ignored. TAP, one line per function.
cd "$(dirname "$0")/.." || exit 3
TAPN=0 FAILS=0
W=$(mktemp) || exit 3
trap 'rm -f "$W"' EXIT

# src/*.[ch] without comments and string literals, as FILE:LINE:TEXT
for f in src/*.c src/*.h; do
    sed -e "s#'\\\\\\?.'#''#g" -e 's#"\([^"\\]\|\\.\)*"#""#g' -e 's#/\*.*\*/##g' -e 's#//.*##' \
        -e 's#^[[:space:]]*\*\([[:space:]/].*\)\{0,1\}$##' -e 's#/\*.*##' "$f" | grep -n '' | sed "s|^|$f:|"
done >"$W"

for fn in sprintf vsprintf strcat strcpy atoi atol gets; do
    TAPN=$((TAPN + 1))
    hits=$(grep -E "(^|[^A-Za-z0-9_])$fn[[:space:]]*\(" "$W")
    if [ -z "$hits" ]; then
        echo "ok $TAPN - no $fn() in src/"
    else
        echo "not ok $TAPN - $fn() in src/:"
        printf '%s\n' "$hits" | sed 's/^/#   /'
        FAILS=$((FAILS + 1))
    fi
done
echo "1..$TAPN"
[ "$FAILS" -eq 0 ]

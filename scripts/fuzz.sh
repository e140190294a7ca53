#!/usr/bin/env bash
# Runs every fuzz target of the core package, one after the other, each for
# $FUZZTIME (default 10m) with $FUZZPARALLEL workers (default 1). Exits
# non-zero on the first finding; the failing input is written by `go test`
# to core/testdata/fuzz/<Target>/ — commit it as a seed once understood.
#
#   scripts/fuzz.sh                    # 10 minutes per target
#   FUZZTIME=20s scripts/fuzz.sh       # what .ci/run does
#   FUZZTARGETS="FuzzEvaluate" scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/../core"

fuzztime=${FUZZTIME:-10m}
parallel=${FUZZPARALLEL:-1}
targets=${FUZZTARGETS:-$(grep -ho '^func Fuzz[A-Za-z0-9_]*' ./*_test.go | sed 's/^func //' | sort)}
[ -n "$targets" ] || { echo "FAIL: no fuzz targets found in core" >&2; exit 1; }

for t in $targets; do
  printf '\n=== fuzz %s for %s (parallel %s)\n' "$t" "$fuzztime" "$parallel"
  if ! go test -run '^$' -fuzz "^${t}\$" -fuzztime "$fuzztime" -parallel "$parallel" .; then
    echo "FAIL: fuzz target $t found a failing input (see core/testdata/fuzz/$t/)" >&2
    exit 1
  fi
done
echo
echo "fuzzing passed: $(echo $targets | wc -w) targets, $fuzztime each"

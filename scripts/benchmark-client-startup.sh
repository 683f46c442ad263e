#!/bin/sh
# Wall time of `torchplan plan torch` against a running, warm torchplan service.
#
#   TORCHPLAN_URL=http://localhost:8080 scripts/benchmark-client-startup.sh [RUNS]
#
# The first run writes the client's CDS archive and is not counted; the next RUNS (default 20) are timed and
# summarised as min / median / max in seconds. Needs GNU date (%N). Results: docs/benchmarks/client-startup.md.
set -eu

runs=${1:-20}
script_directory=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
torchplan="$script_directory/torchplan"

"$torchplan" plan torch >/dev/null

times=""
run=0
while [ "$run" -lt "$runs" ]; do
    start=$(date +%s%N)
    "$torchplan" plan torch >/dev/null
    end=$(date +%s%N)
    times="$times $(( (end - start) / 1000000 ))"
    run=$((run + 1))
done

printf '%s\n' $times | sort -n | awk -v runs="$runs" '
    { value[NR] = $1 }
    END {
        median = (NR % 2) ? value[(NR + 1) / 2] : (value[NR / 2] + value[NR / 2 + 1]) / 2
        printf "torchplan plan torch, %d runs: min %.3f s, median %.3f s, max %.3f s\n",
            runs, value[1] / 1000, median / 1000, value[NR] / 1000
    }'

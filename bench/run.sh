#!/bin/sh
# Runs the side-by-side CORS benchmarks in interleaved rounds, feeds
# benchstat and writes the table into bench/README.md (see cmd/benchreport).
# Usage: bench/run.sh [-rounds N] [-benchtime D] [-bench PATTERN] ...
set -eu
cd "$(dirname "$0")"
exec go run ./cmd/benchreport "$@"

#!/usr/bin/env bash
# infra/dev/bench.sh analytics [--events N]: a log of N events (default 1,000,000) on a private PostgreSQL, then
# the NDJSON export (the endpoint's writer behind Kestrel, read by an HTTP client on loopback), linking the hash
# chain and verifying it, each against a plain Npgsql read of the same rows in the same run.
source "$(dirname "$0")/lib.sh"
trap stop_all EXIT
start_bench_postgres
echo "machine: $(nproc) cores; PostgreSQL fsync=${DEPIN_PG_FSYNC:-on}" >&2
dotnet "$ROOT/tests/Depin.Benchmarks/bin/Release/net10.0/Depin.Benchmarks.dll" analytics --postgres "$POSTGRES_CS" "$@"

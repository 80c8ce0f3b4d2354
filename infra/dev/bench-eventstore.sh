#!/usr/bin/env bash
# infra/dev/bench.sh eventstore: Marten (the services' conventions) against plain Npgsql doing the same appends
# and reads on the same private PostgreSQL in the same run, durable (fsync and synchronous_commit on;
# DEPIN_PG_FSYNC=off to compare). Prints BENCH lines for single appends/s, batched appends/s and replay events/s.
source "$(dirname "$0")/lib.sh"
trap stop_all EXIT
start_bench_postgres
durability=${DEPIN_PG_FSYNC:-on}
# The services run the server GC (the web SDK's default); the benchmark project runs the workstation GC for the
# compute kernels. Both sides here run in one process, so this measures them as a service would run them.
gc_server=${DOTNET_gcServer:-1}
echo "machine: $(nproc) cores; PostgreSQL fsync=$durability synchronous_commit=$durability; server GC=$gc_server" >&2
DOTNET_gcServer=$gc_server dotnet "$ROOT/tests/Depin.Benchmarks/bin/Release/net10.0/Depin.Benchmarks.dll" eventstore --postgres "$POSTGRES_CS" --durability "fsync_$durability"

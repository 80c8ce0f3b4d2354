#!/usr/bin/env bash
# infra/dev/bench.sh e2e [jobs]: the whole network on this machine with durable PostgreSQL (fsync and
# synchronous_commit on; DEPIN_PG_FSYNC=off to compare), 2 executors, 8 clients; prints BENCH lines for the
# burst's completed jobs/s and latency, latency at 50 jobs/s offered, jobs not completed, stranded holds and
# error-queue messages, with MassTransit's publish→consume rate on the same broker as the baseline. A warm-up
# burst of 1,500 jobs runs first, unmeasured (a just-started network runs at half speed while .NET compiles it).
source "$(dirname "$0")/lib.sh"
JOBS=${1:-2000}
trap stop_all EXIT
ensure_os_packages
GATEWAY_ENV=(Gateway__RequestsPerSecond=100000)
# One provider's two executors: jobs run alone (replication 1). The bench measures the control plane, not verification.
SCHEDULER_ENV=(Scheduler__Verification__NewNodeReplication=1)
# Tiny jobs wait on messages, not cores: each node runs 128 at once (its slots), so a job's round trip overlaps others'.
# Slots bound the jobs in flight (Little's law): with a loaded network's cycle of 0.3-0.4 s from placement to the
# result's commit, 2 nodes of 32 slots cap the burst near 160 jobs/s whatever the control plane's speed.
# DEPIN_BENCH_SLOTS=32 compares with runs before 2026-11-23's fifth stop.
SLOTS=${DEPIN_BENCH_SLOTS:-128}
EXECUTOR_ENV=(Executor__Concurrency="$SLOTS")
start_platform
dotnet build "$ROOT/tests/Depin.Benchmarks" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
read -r _ PROVIDER_KEY < <(create_account bench-provider provider)
EXECUTOR_PRICE=1
start_executors 2 "$PROVIDER_KEY"
keys=()
for i in $(seq 1 8); do
  read -r id key < <(create_account "bench-client-$i" client)
  api POST "/api/accounts/$id/deposits" "$OPERATOR_KEY" '{"amount":100000000000}' >/dev/null
  keys+=("$key")
done
durability=${DEPIN_PG_FSYNC:-on}
echo "machine: $(nproc) cores; PostgreSQL fsync=$durability synchronous_commit=$durability; replication 1 (no verification); $SLOTS slots per executor" >&2
dotnet "$ROOT/tests/Depin.Benchmarks/bin/Release/net10.0/Depin.Benchmarks.dll" e2e --gateway "$GATEWAY_URL" --rabbitmq "$RABBIT_CS" \
  --client-keys "$(IFS=,; echo "${keys[*]}")" --jobs "$JOBS" --durability "fsync_$durability"
sleep 2   # the last settlements' messages
holds=$(api GET /api/ledger/open-holds "$OPERATOR_KEY" | jq length)
unpaid=$(api GET /api/anomalies/unpaid-jobs "$OPERATOR_KEY" | jq length)
errors=$(error_queue_messages | awk '{ s += $2 } END { print s + 0 }')
echo "BENCH area=e2e name=stranded_holds value=$holds unit=holds baseline=zero:0 ratio=-"
echo "BENCH area=e2e name=ended_jobs_without_payment value=$unpaid unit=jobs baseline=zero:0 ratio=-"
echo "BENCH area=e2e name=error_queue_messages value=$errors unit=messages baseline=zero:0 ratio=-"

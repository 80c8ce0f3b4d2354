#!/usr/bin/env bash
# The README's test command (called by .ci/run): the same set-up as up.sh, then `dotnet test` on the
# whole solution against it, then everything stops. Ends with "N passed, N failed, N skipped".
# Arguments go to dotnet test (a developer's subset: infra/dev/test.sh --filter "FullyQualifiedName~Gpu").
source "$(dirname "$0")/lib.sh"

trap stop_all EXIT
ensure_os_packages
# Short leases and heartbeat timeouts so failure-path tests finish quickly.
# Durability is not under test here: fsync and synchronous_commit off for speed (up.sh keeps both on).
export DEPIN_PG_FSYNC=off
# The suite's executors all work for one provider, so a job that asks for no replication runs alone (the production
# policy replicates a new node's jobs on another provider's node; its rules are unit-tested, and the verification tests
# ask for replication explicitly).
# Probes only when a test asks for one (POST /api/probes): a sweep's extra jobs would disturb tests that count jobs.
SCHEDULER_ENV=(Scheduler__LeaseSeconds=8 Scheduler__Verification__NewNodeReplication=1 Scheduler__Probes__IntervalSeconds=0)
# Room on the suite's two executors for the tests running side by side (each node takes no more than its slots).
EXECUTOR_ENV=(Executor__Concurrency=16)
REGISTRY_ENV=(Registry__HeartbeatTimeoutSeconds=8)
# Unbonded stake comes back after 2 s, not 7 days, so the stake test sees it released.
BILLING_ENV=(Billing__StakeCoolingOffSeconds=2 Billing__StakeReleaseSweepSeconds=1)
start_platform
read -r PROVIDER_ID PROVIDER_KEY < <(create_account test-provider provider)
start_executors 2 "$PROVIDER_KEY"

export DEPIN_GATEWAY_URL="$GATEWAY_URL" DEPIN_OPERATOR_KEY="$OPERATOR_KEY" DEPIN_PROVIDER_KEY="$PROVIDER_KEY"
export DEPIN_PROVIDER_ACCOUNT="$PROVIDER_ID" DEPIN_PROBE_ACCOUNT="$PROBE_ACCOUNT" DEPIN_EXECUTOR_PRICE="$EXECUTOR_PRICE" DEPIN_TEST_POSTGRES="$POSTGRES_CS"
export DEPIN_INTERNAL_URL_SCHEDULER="http://127.0.0.1:$SCHEDULER_PORT"
# For tests that inject messages into the broker or run an executor of their own.
export DEPIN_TEST_RABBITMQ="$RABBIT_CS" DEPIN_SIGNING_KEY="$SIGNING_KEY"
export DEPIN_TEST_RUN_DIR="$RUN_DIR"   # services' pid files, for the kill -9 test
export DEPIN_EXECUTOR_DLL="$ROOT/services/Depin.Executor/bin/Release/net10.0/Depin.Executor.dll"
export DEPIN_CLI_DLL="$ROOT/services/Depin.Cli/bin/Release/net10.0/depin.dll"

say "running the tests"
set +e
dotnet test "$ROOT/Depin.Micro.sln" -c Release --no-build -nologo "$@" 2>&1 | tee "$LOG_DIR/test.log"
status=${PIPESTATUS[0]}
set -e
stranded=$(error_queue_messages)
if [[ -n "$stranded" ]]; then
  echo "messages in error queues after the run (each is a bug):" >&2; echo "$stranded" >&2
  status=1
fi
# The operator's anomaly views must be empty after every run, as seen through the gateway.
unpaid=$(api GET /api/anomalies/unpaid-jobs "$OPERATOR_KEY" | jq length || echo unreadable)
queued_errors=$(api GET /api/anomalies/error-queues "$OPERATOR_KEY" | jq .messages || echo unreadable)
if [[ "$unpaid" != 0 || "$queued_errors" != 0 ]]; then
  echo "operator anomalies after the run: $unpaid ended jobs without payment, $queued_errors error-queue messages" >&2
  stranded+=" anomalies"; status=1
fi
sum() { grep -Eo "$1: +[0-9]+" "$LOG_DIR/test.log" | awk '{ s += $2 } END { print s + 0 }'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
if ((status != 0 && failed == 0)); then failed=1; fi
[[ -n "$stranded" ]] && failed=$((failed + 1))
if ((passed == 0)); then echo "no tests ran" >&2; status=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"

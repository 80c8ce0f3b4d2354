#!/usr/bin/env bash
# The README's run command: brings the whole network up on this machine, runs a short demo through
# the public API, and stays up until Ctrl-C, which stops everything it started.
#   infra/dev/up.sh [--executors N]
source "$(dirname "$0")/lib.sh"

EXECUTORS=2
while (($#)); do
  case "$1" in
    --executors) EXECUTORS=$2; shift 2 ;;
    *) echo "usage: $0 [--executors N]" >&2; exit 2 ;;
  esac
done

trap stop_all EXIT
trap 'exit 130' INT TERM
ensure_os_packages
# A network of strangers: a node gets work only with 1 credit bonded, which each demo provider stakes at registration.
REGISTRY_ENV=(Registry__MinimumStake=1000000)
EXECUTOR_ENV=(Executor__Stake=1000000)
# A known-answer probe of a random node every 30 s, paid from the network's probe account (funded below). A probe needs a
# verified job the node did not run, so with the two default executors (each runs every replicated job) there is none:
# start three or more to see probes in the scheduler's log.
SCHEDULER_ENV=(Scheduler__Probes__IntervalSeconds=30)
start_platform
api POST "/api/accounts/$PROBE_ACCOUNT/deposits" "$OPERATOR_KEY" '{"amount":5000000}' >/dev/null

# One provider per executor: a new node's jobs are verified on another provider's node (the default policy).
provider_keys=()
for ((i = 1; i <= EXECUTORS; i++)); do
  read -r id key < <(create_account "demo-provider-$i" provider)
  api POST "/api/accounts/$id/deposits" "$OPERATOR_KEY" '{"amount":2000000}' >/dev/null
  provider_keys+=("$key")
  ((i == 1)) && PROVIDER_KEY=$key
done
start_executors "$EXECUTORS" "${provider_keys[@]}"

# The demo is what a user types: the depin CLI (services/Depin.Cli) against the gateway.
DEPIN_DLL="$ROOT/services/Depin.Cli/bin/Release/net10.0/depin.dll"
depin() { DEPIN_GATEWAY_URL="$GATEWAY_URL" dotnet "$DEPIN_DLL" "$@"; }

say "demo (depin CLI): an operator opens a client account with 10 credits; the client runs three matmul jobs"
read -r CLIENT_ID CLIENT_KEY < <(depin --api-key "$OPERATOR_KEY" accounts create demo-client --role client --json | jq -r '"\(.accountId) \(.apiKey)"')
depin --api-key "$OPERATOR_KEY" accounts deposit "$CLIENT_ID" 10000000 >/dev/null
for n in 256 512 768; do
  say "depin jobs submit matmul -p n=$n -p seed=7 --max-price 10 --deadline 120 --watch"
  depin --api-key "$CLIENT_KEY" jobs submit matmul -p n=$n -p seed=7 --max-price 10 --deadline 120 --watch || say "that job did not complete (exit $?)"
done
say "depin jobs list (the client)"
depin --api-key "$CLIENT_KEY" jobs list --limit 3
say "depin earnings and depin stakes list (the provider)"
depin --api-key "$PROVIDER_KEY" earnings --limit 4
depin --api-key "$PROVIDER_KEY" stakes list
say "an analyst: the payments in billing's log, a job as it was at its first event, and every log's hash chain"
ANALYST_KEY=$(depin --api-key "$OPERATOR_KEY" accounts create demo-analyst --role analyst --json | jq -r .apiKey)
sleep 1   # the chain is extended about once a second, behind the daemon
depin --api-key "$ANALYST_KEY" events --log billing --type hold_settled --format table
FIRST_JOB=$(depin --api-key "$ANALYST_KEY" events --log scheduler --type job_submitted --json | head -1 | jq -r .stream)
depin --api-key "$ANALYST_KEY" at "$FIRST_JOB" --version 1 --json | jq -c '{jobId, status, kernel, updatedAt}'
depin --api-key "$ANALYST_KEY" verify || say "a chain is broken (exit $?)"
echo
say "Depin.Micro is up: gateway $GATEWAY_URL   operator key $OPERATOR_KEY   logs $LOG_DIR"
say "CLI: export DEPIN_GATEWAY_URL=$GATEWAY_URL DEPIN_API_KEY=<key>; dotnet $DEPIN_DLL --help"
say "Ctrl-C stops everything"
wait

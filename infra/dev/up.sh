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
start_platform

read -r PROVIDER_ID PROVIDER_KEY < <(create_account demo-provider provider)
start_executors "$EXECUTORS" "$PROVIDER_KEY"

say "demo: a client with 10 credits submits three matmul jobs"
read -r CLIENT_ID CLIENT_KEY < <(create_account demo-client client)
api POST "/api/accounts/$CLIENT_ID/deposits" "$OPERATOR_KEY" '{"amount":10000000}' >/dev/null
JOBS=()
for n in 256 512 768; do
  JOBS+=("$(api POST /api/jobs "$CLIENT_KEY" "{\"kernel\":\"matmul\",\"parameters\":{\"n\":$n,\"seed\":7},\"maxPricePerUnit\":10,\"deadlineSeconds\":120}" | jq -r .jobId)")
done
printf '%-38s %-10s %-8s %-66s %s\n' job status units "result hash" "cost (µcr)"
for id in "${JOBS[@]}"; do
  for _ in $(seq 1 300); do
    job=$(api GET "/api/jobs/$id" "$CLIENT_KEY")
    [[ $(jq -r '.status' <<<"$job") =~ ^(completed|failed|cancelled)$ && $(jq -r '.charged // .refunded' <<<"$job") != null ]] && break
    sleep 0.2
  done
  jq -r '[.jobId, .status, (.units // "-"), (.resultHash // .reason), (.charged // 0)] | @tsv' <<<"$job" |
    awk -F'\t' '{ printf "%-38s %-10s %-8s %-66s %s\n", $1, $2, $3, $4, $5 }'
done
echo
echo "client   balance: $(api GET /api/accounts/me "$CLIENT_KEY" | jq -c '{available, held}')"
echo "provider balance: $(api GET /api/accounts/me "$PROVIDER_KEY" | jq -c '{available, held}')"
echo
say "Depin.Micro is up: gateway $GATEWAY_URL   operator key $OPERATOR_KEY   logs $LOG_DIR"
say "Ctrl-C stops everything"
wait

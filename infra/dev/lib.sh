# Shared by up.sh and test.sh: private PostgreSQL and RabbitMQ on free ports under .dev/, the
# services as local processes, readiness waits, and one cleanup that stops everything started.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="${DEPIN_RUN_DIR:-$ROOT/.dev/run-$$}"
LOG_DIR="$RUN_DIR/logs"
PIDS=()

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }

ensure_os_packages() {
  local missing=()
  command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  command -v jq >/dev/null || missing+=(jq)
  command -v curl >/dev/null || missing+=(curl)
  if ((${#missing[@]})); then
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  command -v dotnet >/dev/null || { echo "the .NET SDK is required (dotnet on PATH)" >&2; exit 1; }
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port BASE: the first port from BASE up that nothing listens on and we have not handed out.
TAKEN=" "
free_port() {
  local p=$1
  while port_in_use "$p" || [[ "$TAKEN" == *" $p "* ]]; do p=$((p + 1)); done
  TAKEN+="$p "
  echo "$p"
}

wait_for_port() { # port seconds what
  local deadline=$((SECONDS + $2))
  until port_in_use "$1"; do
    ((SECONDS < deadline)) || { echo "$3 did not open port $1 in $2 s" >&2; return 1; }
    sleep 0.2
  done
}

# autovacuum_naptime=5s: every job rewrites its record about four times, so the tables churn; autovacuum's default
# one-minute nap left a young database without statistics, and the planner then scanned the whole job table on every
# placement round instead of the partial index of jobs in flight (2-4 ms a round, growing with history; PostgreSQL's
# CPU per job 15% lower on the profiling harness's burst with the shorter nap; README, Performance).
# docker-compose.yml runs its PostgreSQL with the same setting.
start_postgres() {
  PG_PORT=$(free_port 36432)
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  local data="$RUN_DIR/postgres"
  mkdir -p "$data" "$RUN_DIR/pgsock"
  chown -R postgres:postgres "$data" "$RUN_DIR/pgsock"
  runuser -u postgres -- "$bin/initdb" -A trust -U postgres -D "$data/data" >"$LOG_DIR/postgres-init.log" 2>&1
  runuser -u postgres -- "$bin/pg_ctl" -w -D "$data/data" -l "$data/postgres.log" \
    -o "-p $PG_PORT -k $RUN_DIR/pgsock -c listen_addresses=127.0.0.1 -c max_connections=300 -c autovacuum_naptime=5s -c fsync=${DEPIN_PG_FSYNC:-on} -c synchronous_commit=${DEPIN_PG_FSYNC:-on} ${DEPIN_PG_OPTIONS:-}" start >/dev/null
  PG_CTL="$bin/pg_ctl"
  POSTGRES_CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Maximum Pool Size=30"
  say "PostgreSQL on 127.0.0.1:$PG_PORT"
}

# For the benchmarks that need only a database: a private PostgreSQL and the benchmark binary built.
start_bench_postgres() {
  ensure_os_packages
  mkdir -p "$LOG_DIR"
  start_postgres
  dotnet build "$ROOT/tests/Depin.Benchmarks" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
}

start_rabbitmq() {
  AMQP_PORT=$(free_port 36111)
  local dist_port; dist_port=$(free_port 46111)
  MANAGEMENT_PORT=$(free_port 36672)
  local base="$RUN_DIR/rabbitmq"
  mkdir -p "$base/mnesia" "$base/log" "$base/home" "$base/plugins-expand"
  # The management API is how the operator's anomaly view sees every error queue; statistics every second.
  printf '[rabbitmq_management].\n' >"$base/enabled_plugins"
  printf 'management.tcp.ip = 127.0.0.1\nmanagement.tcp.port = %s\ncollect_statistics_interval = 1000\n' "$MANAGEMENT_PORT" >"$base/rabbitmq.conf"
  chown -R rabbitmq:rabbitmq "$base"
  RABBIT_ENV=(
    HOME="$base/home" RABBITMQ_NODENAME="depin$AMQP_PORT@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    RABBITMQ_NODE_PORT="$AMQP_PORT" RABBITMQ_DIST_PORT="$dist_port" RABBITMQ_MNESIA_BASE="$base/mnesia"
    RABBITMQ_LOG_BASE="$base/log" RABBITMQ_PID_FILE="$base/rabbit.pid" RABBITMQ_PLUGINS_EXPAND_DIR="$base/plugins-expand"
    RABBITMQ_ENABLED_PLUGINS_FILE="$base/enabled_plugins" RABBITMQ_CONFIG_FILE="$base/rabbitmq"
  )
  env "${RABBIT_ENV[@]}" setsid rabbitmq-server >"$LOG_DIR/rabbitmq.log" 2>&1 &
  RABBIT_PID=$!
  wait_for_port "$AMQP_PORT" 90 RabbitMQ
  RABBIT_CS="amqp://guest:guest@127.0.0.1:$AMQP_PORT/"
  RABBIT_MANAGEMENT="http://guest:guest@127.0.0.1:$MANAGEMENT_PORT/"
  say "RabbitMQ on 127.0.0.1:$AMQP_PORT"
}

build_solution() {
  say "building"
  dotnet build "$ROOT/Depin.Micro.sln" -c Release -nologo -v q -clp:ErrorsOnly >"$LOG_DIR/build.log" 2>&1 \
    || { cat "$LOG_DIR/build.log" >&2; exit 1; }
}

common_env() {
  echo "ConnectionStrings__postgres=$POSTGRES_CS"
  echo "ConnectionStrings__rabbitmq=$RABBIT_CS"
  echo "ConnectionStrings__rabbitmq_management=$RABBIT_MANAGEMENT"
  echo "Internal__SigningKey=$SIGNING_KEY"
  echo "DOTNET_ENVIRONMENT=Production"
  echo "ASPNETCORE_ENVIRONMENT=Production"
}

# start_service NAME PORT [KEY=VALUE...]
start_service() {
  local name=$1 port=$2; shift 2
  local project
  case "$name" in
    gateway) project=Depin.Gateway ;; scheduler) project=Depin.Scheduler ;; registry) project=Depin.NodeRegistry ;;
    billing) project=Depin.Billing ;; executor*) project=Depin.Executor ;;
  esac
  local dll="$ROOT/services/$project/bin/Release/net10.0/$project.dll"
  mapfile -t envs < <(common_env)
  (cd "$ROOT/services/$project" && exec env "${envs[@]}" ASPNETCORE_URLS="http://127.0.0.1:$port" "$@" dotnet "$dll") \
    >"$LOG_DIR/$name.log" 2>&1 &
  PIDS+=($!)
  echo $! >"$RUN_DIR/$name.pid"   # a test that restarts a service writes the new pid here
}

wait_ready() { # url seconds name
  local deadline=$((SECONDS + $2))
  until curl -fsS "$1/health/ready" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      echo "$3 was not ready in $2 s; last log lines:" >&2
      tail -n 30 "$LOG_DIR/$3.log" >&2 || true
      return 1
    fi
    sleep 0.3
  done
}

start_platform() {
  mkdir -p "$LOG_DIR"
  SIGNING_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')
  OPERATOR_KEY="${DEPIN_OPERATOR_KEY:-dpk_$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n')}"
  # The network's probe account: opened by the gateway, its known-answer probes submitted by the scheduler.
  PROBE_ACCOUNT="${DEPIN_PROBE_ACCOUNT:-$(cat /proc/sys/kernel/random/uuid)}"
  start_postgres
  start_rabbitmq
  build_solution
  local gw_port="${DEPIN_GATEWAY_PORT:-}"
  if [[ -n "${DEPIN_GATEWAY_URL:-}" ]]; then gw_port="${DEPIN_GATEWAY_URL##*:}"; gw_port="${gw_port%%/*}"; fi
  GATEWAY_PORT=${gw_port:-$(free_port 8080)}
  SCHEDULER_PORT=$(free_port 5101); REGISTRY_PORT=$(free_port 5102); BILLING_PORT=$(free_port 5103)
  GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT"
  start_service scheduler "$SCHEDULER_PORT" Scheduler__Probes__AccountId="$PROBE_ACCOUNT" \
    Scheduler__BillingUrl="http://127.0.0.1:$BILLING_PORT" "${SCHEDULER_ENV[@]}"
  start_service registry "$REGISTRY_PORT" "${REGISTRY_ENV[@]}"
  start_service billing "$BILLING_PORT" "${BILLING_ENV[@]}"
  start_service gateway "$GATEWAY_PORT" Gateway__OperatorKey="$OPERATOR_KEY" Gateway__ProbeAccountId="$PROBE_ACCOUNT" \
    ReverseProxy__Clusters__scheduler__Destinations__primary__Address="http://127.0.0.1:$SCHEDULER_PORT" \
    ReverseProxy__Clusters__registry__Destinations__primary__Address="http://127.0.0.1:$REGISTRY_PORT" \
    ReverseProxy__Clusters__billing__Destinations__primary__Address="http://127.0.0.1:$BILLING_PORT" "${GATEWAY_ENV[@]}"
  wait_ready "http://127.0.0.1:$SCHEDULER_PORT" 90 scheduler
  wait_ready "http://127.0.0.1:$REGISTRY_PORT" 90 registry
  wait_ready "http://127.0.0.1:$BILLING_PORT" 90 billing
  wait_ready "$GATEWAY_URL" 90 gateway
  say "gateway ready at $GATEWAY_URL"
}

# api METHOD PATH KEY [JSON]: prints the body; fails on a non-2xx status.
api() {
  local args=(-fsS -X "$1" "$GATEWAY_URL$2" -H "Authorization: Bearer $3")
  [[ $# -ge 4 ]] && args+=(-H 'Content-Type: application/json' -d "$4")
  curl "${args[@]}"
}

create_account() { # name role → prints "accountId apiKey"
  api POST /api/accounts "$OPERATOR_KEY" "{\"name\":\"$1\",\"role\":\"$2\"}" | jq -r '"\(.accountId) \(.apiKey)"'
}

EXECUTOR_PRICE=${DEPIN_EXECUTOR_PRICE:-5}
start_executors() { # count providerKey... (executor i runs for the i-th key, cycling through them)
  local i port count=$1 keys=("${@:2}")
  for ((i = 1; i <= count; i++)); do
    port=$(free_port 5110)
    start_service "executor-$i" "$port" Executor__ProviderKey="${keys[(i - 1) % ${#keys[@]}]}" Executor__GatewayUrl="$GATEWAY_URL" \
      Executor__NodeName="executor-$i" Executor__PricePerUnit="$EXECUTOR_PRICE" Executor__Region=local "${EXECUTOR_ENV[@]}"
    wait_ready "http://127.0.0.1:$port" 90 "executor-$i"
  done
  say "$count executor(s) registered"
}

# error_queue_messages: "queue count" for every MassTransit error or dead-letter queue that holds a message.
# A message there is a bug, never a retry policy, so the test command fails on any.
error_queue_messages() {
  env "${RABBIT_ENV[@]}" rabbitmqctl -q -n "depin$AMQP_PORT@localhost" list_queues name messages 2>/dev/null |
    awk '($1 ~ /_error$|_skipped$/) && $2 > 0 { print $1, $2 }'
}

# The broker runs as the rabbitmq user under wrappers in process groups of their own, and its command
# line does not name our folders; its environment does, and every process of it inherits that.
rabbit_pids() {
  grep -l -s -a -F "RABBITMQ_MNESIA_BASE=$RUN_DIR/rabbitmq/mnesia" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3 | tr '\n' ' '
}

stop_all() {
  set +e
  say "stopping"
  local f
  for f in "$RUN_DIR"/*.pid; do [[ -f "$f" ]] && PIDS+=("$(cat "$f")"); done
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  done
  [[ -n "${PG_CTL:-}" ]] && runuser -u postgres -- "$PG_CTL" -D "$RUN_DIR/postgres/data" -m fast stop >/dev/null 2>&1
  if [[ -n "${RABBIT_PID:-}" ]]; then
    local pids; pids=$(rabbit_pids)
    [[ -n "$pids" ]] && kill -TERM $pids 2>/dev/null
    for _ in $(seq 1 100); do [[ -z "$(rabbit_pids)" ]] && break; sleep 0.1; done
    pids=$(rabbit_pids)
    [[ -n "$pids" ]] && kill -KILL $pids 2>/dev/null
  fi
  set -e
}
SCHEDULER_ENV=()
REGISTRY_ENV=()
BILLING_ENV=()
GATEWAY_ENV=()
EXECUTOR_ENV=()

#!/usr/bin/env bash
# Benchmarks: infra/dev/bench.sh [area] [kernel...]   (area: compute, e2e, eventstore, analytics, gpu, placement)
# Prints one machine-readable line per measurement (DESIGN.md):
#   BENCH area=<area> name=<what> value=<number> unit=<unit> baseline=<name>:<number> ratio=<value/baseline>
# Baselines are measured in the same run: each kernel's scalar reference, and for matmul OpenBLAS
# (single precision, through Debian's python3-numpy with libopenblas0-pthread, on all cores).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
AREA=${1:-compute}; shift || true

if [[ "$AREA" == e2e ]]; then exec "$ROOT/infra/dev/bench-e2e.sh" "$@"; fi
if [[ "$AREA" == eventstore ]]; then exec "$ROOT/infra/dev/bench-eventstore.sh" "$@"; fi
if [[ "$AREA" == analytics ]]; then exec "$ROOT/infra/dev/bench-analytics.sh" "$@"; fi
if [[ "$AREA" == gpu ]]; then exec "$ROOT/infra/dev/bench-gpu.sh" "$@"; fi
if [[ "$AREA" == placement ]]; then
  # infra/dev/bench.sh placement [nodes...]: one placement decision among 10, 1,000, 100,000 simulated nodes (p50, p99).
  dotnet build "$ROOT/tests/Depin.Benchmarks" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
  exec dotnet "$ROOT/tests/Depin.Benchmarks/bin/Release/net10.0/Depin.Benchmarks.dll" placement "$@"
fi
if [[ "$AREA" != compute ]]; then echo "unknown area '$AREA' (known: compute, e2e, eventstore, analytics, gpu, placement)" >&2; exit 2; fi
missing=()
[[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import numpy' 2>/dev/null || missing+=(python3-numpy)
# Without an optimised BLAS, Debian's numpy falls back to the reference BLAS, which is no baseline.
ls /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 >/dev/null 2>&1 || ls /usr/lib/*/openblas-pthread/libblas.so.3 >/dev/null 2>&1 || missing+=(libopenblas0-pthread)
if ((${#missing[@]})); then
  echo "installing ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

dotnet build "$ROOT/tests/Depin.Benchmarks" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(grep -o -E 'avx512f|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ')" >&2
openblas=0
if [[ $# -eq 0 || " $* " == *" matmul "* ]]; then
  openblas=$(OPENBLAS_NUM_THREADS=$(nproc) /usr/bin/python3 "$ROOT/infra/dev/openblas_sgemm.py" 2048)
  echo "OpenBLAS sgemm n=2048: $openblas GFLOP/s" >&2
fi
dotnet "$ROOT/tests/Depin.Benchmarks/bin/Release/net10.0/Depin.Benchmarks.dll" compute "$@" --openblas-gflops "$openblas"

#!/usr/bin/env bash
# bench.sh gpu [kernel...] [--check]: every kernel's ILGPU path on the first NVIDIA GPU against the CPU SIMD path,
# the host<->device transfer share of each job, and the device GEMM at n=4096 against cuBLAS SGEMM measured here
# in the same run (built with nvcc when present, else PyTorch's float32 matmul with TF32 off). Without an NVIDIA
# GPU it says so and exits 0. Where no .NET SDK is installed (a bare GPU machine with only the runtime), it runs the
# benchmark already built under tests/Depin.Benchmarks/bin.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L >/dev/null 2>&1; then
  echo "no NVIDIA GPU on this machine: nothing to measure (bench.sh gpu needs one)"
  exit 0
fi
echo "gpu (nvidia-smi): $(nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv,noheader | head -1)" >&2
cublas=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if command -v nvcc >/dev/null 2>&1 && nvcc -O3 -o "$work/cublas_sgemm" "$ROOT/infra/dev/gpu/cublas_sgemm.cu" -lcublas 2>"$work/nvcc.log"; then
  cublas=$("$work/cublas_sgemm" 4096)
  echo "cuBLAS SGEMM n=4096 (nvcc $(nvcc --version | grep -o 'release [0-9.]*')): $cublas GFLOP/s" >&2
elif python3 -c 'import torch; assert torch.cuda.is_available()' 2>/dev/null; then
  cublas=$(python3 "$ROOT/infra/dev/gpu/torch_sgemm.py" 4096)
  echo "cuBLAS SGEMM n=4096 (through PyTorch, TF32 off): $cublas GFLOP/s" >&2
else
  echo "no nvcc or PyTorch here: no cuBLAS baseline in this run" >&2
fi
DLL="$ROOT/tests/Depin.Benchmarks/bin/Release/net10.0/Depin.Benchmarks.dll"
if [[ -n "$(dotnet --list-sdks 2>/dev/null)" ]]; then
  dotnet build "$ROOT/tests/Depin.Benchmarks" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
fi
exec dotnet "$DLL" gpu "$@" --cublas-gflops "$cublas"

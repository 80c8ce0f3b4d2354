"""Fallback cuBLAS SGEMM baseline for bench.sh gpu: PyTorch's float32 matmul with TF32 off is cuBLAS SGEMM.
Median of 10 timed products (CUDA events) after 2 warm-ups; prints GFLOP/s."""
import sys
import torch

n = int(sys.argv[1]) if len(sys.argv) > 1 else 4096
torch.backends.cuda.matmul.allow_tf32 = False
a = torch.randint(-4, 5, (n, n), device="cuda").float()
b = torch.randint(-4, 5, (n, n), device="cuda").float()
times = []
for i in range(12):
    start, stop = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    start.record()
    torch.mm(a, b)
    stop.record()
    torch.cuda.synchronize()
    if i >= 2:
        times.append(start.elapsed_time(stop))
times.sort()
print(f"{2 * n ** 3 / (times[len(times) // 2] * 1e-3) / 1e9:.1f}")

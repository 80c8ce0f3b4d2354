# Single-precision GEMM through numpy's OpenBLAS: the baseline matmul is measured against. Prints GFLOP/s.
import sys, time
import numpy as np

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2048
rng = np.random.default_rng(1)
a = rng.integers(-4, 5, size=(n, n)).astype(np.float32)
b = rng.integers(-4, 5, size=(n, n)).astype(np.float32)
a @ b  # warm-up
best = float("inf")
start = time.perf_counter()
while True:
    t = time.perf_counter()
    a @ b
    best = min(best, time.perf_counter() - t)
    if time.perf_counter() - start > 3:
        break
print(f"{2 * n**3 / best / 1e9:.3f}")

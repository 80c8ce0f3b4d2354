// The baseline of bench.sh gpu: cuBLAS SGEMM (FP32 math, no TF32) on n×n matrices of small integers,
// median of 10 timed products (CUDA events) after 2 warm-ups. Prints GFLOP/s on stdout.
#include <cublas_v2.h>
#include <cuda_runtime.h>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

#define CHECK(call) do { auto s_ = (call); if (s_ != 0) { fprintf(stderr, "%s failed: %d\n", #call, (int)s_); return 1; } } while (0)

int main(int argc, char** argv) {
    const int n = argc > 1 ? atoi(argv[1]) : 4096;
    const size_t count = (size_t)n * n;
    std::vector<float> host(count);
    for (size_t i = 0; i < count; i++) host[i] = (float)((int)(i * 2654435761u % 9) - 4);
    float *a, *b, *c;
    CHECK(cudaMalloc(&a, count * sizeof(float)));
    CHECK(cudaMalloc(&b, count * sizeof(float)));
    CHECK(cudaMalloc(&c, count * sizeof(float)));
    CHECK(cudaMemcpy(a, host.data(), count * sizeof(float), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(b, host.data(), count * sizeof(float), cudaMemcpyHostToDevice));
    cublasHandle_t handle;
    CHECK(cublasCreate(&handle));
    CHECK(cublasSetMathMode(handle, CUBLAS_PEDANTIC_MATH));   // plain FP32: the same arithmetic as the ILGPU kernel
    const float one = 1, zero = 0;
    cudaEvent_t start, stop;
    CHECK(cudaEventCreate(&start));
    CHECK(cudaEventCreate(&stop));
    std::vector<float> ms;
    for (int i = 0; i < 12; i++) {
        CHECK(cudaEventRecord(start));
        CHECK(cublasSgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, n, n, n, &one, a, n, b, n, &zero, c, n));
        CHECK(cudaEventRecord(stop));
        CHECK(cudaEventSynchronize(stop));
        float t;
        CHECK(cudaEventElapsedTime(&t, start, stop));
        if (i >= 2) ms.push_back(t);
    }
    CHECK(cudaGetLastError());
    std::sort(ms.begin(), ms.end());
    printf("%.1f\n", 2.0 * n * n * (double)n / (ms[ms.size() / 2] * 1e-3) / 1e9);
    return 0;
}

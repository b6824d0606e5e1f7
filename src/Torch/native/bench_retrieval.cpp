// Benchmark floor of the Hopfield retrieval workload: only the retrieval's GEMMs, looped inside C++ (no interop, no
// softmax, no scaling), so the benchmark can compare a whole retrieval with the matmuls it cannot avoid.
#include "shim.h"

#include <chrono>

// Elapsed nanoseconds of `iters` evaluations of `steps` pairs of GEMMs with the shapes of a Hopfield update:
// S = xi X^T (B, M) then xi' = S X (B, d), with xi = queries (B, d) every time and X = patterns (M, d); each result
// is allocated and freed as a caller's would be. Returns -1 on error (message in tt_last_error).
TT_API int64_t tt_bench_retrieval_gemm_loop(TH queries, TH patterns, int64_t steps, int64_t iters)
{
    TT_STATUS({
        if (iters < 0 || steps < 0)
            throw std::invalid_argument("iters and steps must be >= 0, got " + std::to_string(iters) + " and " +
                                        std::to_string(steps));
        at::Tensor xt = patterns->t();
        auto start = std::chrono::steady_clock::now();
        for (int64_t i = 0; i < iters; ++i)
        {
            for (int64_t s = 0; s < steps; ++s)
            {
                at::Tensor scores = at::matmul(*queries, xt);   // (B, M)
                at::Tensor mixed = at::matmul(scores, *patterns); // (B, d)
            }
        }
        auto stop = std::chrono::steady_clock::now();
        return std::chrono::duration_cast<std::chrono::nanoseconds>(stop - start).count();
    })
}

// Benchmark floors: the same ops as the binding exposes, looped inside C++ (no interop, no handle allocation),
// so the benchmark can tell libtorch's own dispatch cost apart from the cost the binding adds on top of it.
#include "shim.h"

#include <chrono>

namespace {

template <typename Op>
int64_t time_loop(int64_t iters, Op op)
{
    if (iters < 0) throw std::invalid_argument("iters must be >= 0, got " + std::to_string(iters));
    auto start = std::chrono::steady_clock::now();
    for (int64_t i = 0; i < iters; ++i)
    {
        at::Tensor c = op(); // freed at the end of each iteration, as a caller frees each result
    }
    auto stop = std::chrono::steady_clock::now();
    return std::chrono::duration_cast<std::chrono::nanoseconds>(stop - start).count();
}

} // namespace

// Elapsed nanoseconds of `iters` evaluations of a.add(b) (the call behind the binding's `a + b`), or -1 on error.
TT_API int64_t tt_bench_add_loop(TH a, TH b, int64_t iters)
{
    TT_STATUS({ return time_loop(iters, [&] { return a->add(*b); }); })
}

// Elapsed nanoseconds of `iters` evaluations of at::matmul(a, b) (the call behind the binding's matmul), or -1.
TT_API int64_t tt_bench_matmul_loop(TH a, TH b, int64_t iters)
{
    TT_STATUS({ return time_loop(iters, [&] { return at::matmul(*a, *b); }); })
}

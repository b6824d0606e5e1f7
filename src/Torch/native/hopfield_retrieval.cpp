// Fused retrieval of the modern Hopfield network (Ramsauer et al., ICLR 2021, eq. 3), `steps` updates
//
//   xi_{t+1} = softmax(beta xi_t X^T) X          X (M, d) stored patterns, xi (B, d) states, scores (B, M)
//
// without ever holding a (B, M) score matrix: the queries go in blocks of Bq rows, shared by our own threads
// (std::thread, a block counter; no OpenMP, whose spinning workers fight OpenBLAS's), and each block walks the
// patterns in tiles of Mt rows that stay in the core's L2:
//
//   S   = (beta xi_blk) X_tile^T            (Bq, Mt)  single-threaded cblas_sgemm
//   S   = exp(S - m), l += rowsum(S)        in place, one pass (vectorised exp)
//   acc = acc + S X_tile                     (Bq, d)   cblas_sgemm with beta = 1
//   xi_blk <- acc / l                        after the last tile
//
// The shift m: 0 while Cauchy-Schwarz bounds every score, |beta xi . x| <= |beta| max||xi|| max||x|| <= 60 (and the
// sums M e^60 max(1, max||x||) stay below float32's e^88); otherwise a running row maximum (online softmax: when
// a tile raises a row's maximum from m to m', that row's l and acc are scaled by e^(m - m') first). Softmax is
// shift-invariant, so both give softmax(beta xi X^T) X. Float32, contiguous CPU tensors, no autograd.
// While the kernel runs, OpenBLAS is set to 1 thread (its previous count is restored afterwards) and we run that
// many threads of our own; without OpenBLAS's thread control, one thread.
#include "shim.h"
#include "blas_gemm.h"

#include <dlfcn.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#pragma GCC diagnostic ignored "-Wpsabi"

namespace {

// ---- BLAS --------------------------------------------------------------------------------------------------------

using SetThreadsFn = void (*)(int);
using GetThreadsFn = int (*)();

// C (m, n) = op(A) op(B) + beta C, row-major, alpha = 1 (cblas_sgemm, or a plain loop without CBLAS: blas_gemm.h).
void gemm(bool tb, int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb,
          float beta, float* c, int64_t ldc)
{
    tt_blas::sgemm(false, tb, m, n, k, 1.0f, a, lda, b, ldb, beta, c, ldc);
}

// Sets OpenBLAS to one thread for its lifetime and restores the previous count; `previous` is -1 without OpenBLAS.
class SingleThreadedBlas
{
public:
    SingleThreadedBlas()
    {
        _set = reinterpret_cast<SetThreadsFn>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
        auto get = reinterpret_cast<GetThreadsFn>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
        if (_set && get)
        {
            previous = get();
            _set(1);
        }
    }
    ~SingleThreadedBlas()
    {
        if (previous > 0) _set(previous);
    }
    SingleThreadedBlas(const SingleThreadedBlas&) = delete;
    SingleThreadedBlas& operator=(const SingleThreadedBlas&) = delete;

    int previous = -1;

private:
    SetThreadsFn _set = nullptr;
};

// ---- vectorised exp ----------------------------------------------------------------------------------------------
// e^x = 2^n e^r with n = round(x log2 e), r = x - n ln 2 (Cody-Waite split of ln 2) and e^r by its degree-7 Taylor
// polynomial on |r| <= ln2 / 2 (relative error < 1e-7); x is clamped to [-87, 88] (e^-87 ~ 1.6e-38 stands in for 0).
// Written once over GCC vector types and instantiated 4 wide (SSE2, any x86-64) and 8 wide (AVX2 + FMA).

template <typename V, typename VI>
__attribute__((always_inline)) inline void exp_in_place(V& x)
{
    x = x < -87.0f ? V{} - 87.0f : x;
    x = x > 88.0f ? V{} + 88.0f : x;
    V n = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f; // round to nearest
    V r = x - n * 0.693359375f + n * 2.12194440e-4f;
    V p = V{} + 1.0f / 5040;
    p = p * r + 1.0f / 720;
    p = p * r + 1.0f / 120;
    p = p * r + 1.0f / 24;
    p = p * r + 1.0f / 6;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    VI bits = (__builtin_convertvector(n, VI) + 127) << 23;
    V scale;
    std::memcpy(&scale, &bits, sizeof scale);
    x = p * scale;
}

// row[j] <- e^(row[j] - shift) for j < n; returns the sum of the new values.
template <typename V, typename VI>
__attribute__((always_inline)) inline float exp_sum(float* row, int64_t n, float shift)
{
    constexpr int64_t W = sizeof(V) / sizeof(float);
    V acc{};
    int64_t j = 0;
    for (; j + W <= n; j += W)
    {
        V v;
        std::memcpy(&v, row + j, sizeof v);
        v -= shift;
        exp_in_place<V, VI>(v);
        std::memcpy(row + j, &v, sizeof v);
        acc += v;
    }
    float sum = 0;
    for (int64_t k = 0; k < W; ++k) sum += acc[k];
    for (; j < n; ++j)
    {
        V v{};
        v[0] = row[j] - shift;
        exp_in_place<V, VI>(v);
        row[j] = v[0];
        sum += v[0];
    }
    return sum;
}

template <typename V>
__attribute__((always_inline)) inline float max_of(const float* row, int64_t n)
{
    constexpr int64_t W = sizeof(V) / sizeof(float);
    V acc = V{} - std::numeric_limits<float>::infinity();
    int64_t j = 0;
    for (; j + W <= n; j += W)
    {
        V v;
        std::memcpy(&v, row + j, sizeof v);
        acc = v > acc ? v : acc;
    }
    float m = -std::numeric_limits<float>::infinity();
    for (int64_t k = 0; k < W; ++k) m = std::max(m, acc[k]);
    for (; j < n; ++j) m = std::max(m, row[j]);
    return m;
}

typedef float f4 __attribute__((vector_size(16)));
typedef int32_t i4 __attribute__((vector_size(16)));
typedef float f8 __attribute__((vector_size(32)));
typedef int32_t i8 __attribute__((vector_size(32)));

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) float exp_sum_8(float* row, int64_t n, float shift) { return exp_sum<f8, i8>(row, n, shift); }
__attribute__((target("avx2,fma"))) float max_of_8(const float* row, int64_t n) { return max_of<f8>(row, n); }
bool has_avx2()
{
    static const bool yes = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return yes;
}
#endif

float exp_sum_row(float* row, int64_t n, float shift)
{
#if defined(__x86_64__)
    if (has_avx2()) return exp_sum_8(row, n, shift);
#endif
    return exp_sum<f4, i4>(row, n, shift);
}

float max_row(const float* row, int64_t n)
{
#if defined(__x86_64__)
    if (has_avx2()) return max_of_8(row, n);
#endif
    return max_of<f4>(row, n);
}

// ---- the kernel ----------------------------------------------------------------------------------------------

constexpr double kDirectExpBound = 60; // largest |score| taken as e^score without a shift

struct Problem
{
    const float* x;     // (M, d)
    const float* state; // (B, d)
    float* out;         // (B, d)
    int64_t M, B, d;
    float beta;
    int64_t steps, bq, mt;
    double pattern_norm; // max_i ||x_i||
};

struct Scratch
{
    std::vector<float> scores, acc, q, sums, maxes; // (bq, mt), (bq, d), (bq, d), (bq), (bq)
    Scratch(int64_t bq, int64_t mt, int64_t d)
        : scores(static_cast<size_t>(bq * mt)), acc(static_cast<size_t>(bq * d)), q(static_cast<size_t>(bq * d)),
          sums(static_cast<size_t>(bq)), maxes(static_cast<size_t>(bq))
    {
    }
};

double max_row_norm(const float* rows, int64_t n, int64_t d)
{
    double best = 0;
    for (int64_t i = 0; i < n; ++i)
    {
        double s = 0;
        for (int64_t k = 0; k < d; ++k) s += static_cast<double>(rows[i * d + k]) * rows[i * d + k];
        best = std::max(best, s);
    }
    return std::sqrt(best);
}

// One update of the b states in xi (b, d), in place.
void update_block(const Problem& p, Scratch& w, float* xi, int64_t b)
{
    const int64_t d = p.d;
    const bool direct = std::abs(static_cast<double>(p.beta)) * max_row_norm(xi, b, d) * p.pattern_norm <= kDirectExpBound &&
                        std::log(static_cast<double>(p.M)) + kDirectExpBound + std::log(std::max(1.0, p.pattern_norm)) < 85;
    float* q = w.q.data();
    float* acc = w.acc.data();
    float* s = w.scores.data();
    for (int64_t i = 0; i < b * d; ++i) q[i] = p.beta * xi[i];
    std::fill(acc, acc + b * d, 0.0f);
    std::fill(w.sums.begin(), w.sums.end(), 0.0f);
    std::fill(w.maxes.begin(), w.maxes.end(), -std::numeric_limits<float>::infinity());
    for (int64_t t0 = 0; t0 < p.M; t0 += p.mt)
    {
        const int64_t n = std::min(p.mt, p.M - t0);
        const float* tile = p.x + t0 * d;
        gemm(true, b, n, d, q, d, tile, d, 0.0f, s, n); // S = q X_tile^T (b, n)
        for (int64_t i = 0; i < b; ++i)
        {
            float* row = s + i * n;
            float shift = 0;
            if (!direct)
            {
                float m = std::max(w.maxes[i], max_row(row, n));
                if (m > w.maxes[i])
                {
                    float rescale = std::exp(w.maxes[i] - m); // 0 on the first tile (-inf)
                    w.sums[i] *= rescale;
                    for (int64_t k = 0; k < d; ++k) acc[i * d + k] *= rescale;
                    w.maxes[i] = m;
                }
                shift = m;
            }
            w.sums[i] += exp_sum_row(row, n, shift);
        }
        gemm(false, b, d, n, s, n, tile, d, 1.0f, acc, d); // acc += P X_tile (b, d)
    }
    for (int64_t i = 0; i < b; ++i)
    {
        const float inv = 1.0f / w.sums[i];
        for (int64_t k = 0; k < d; ++k) xi[i * d + k] = acc[i * d + k] * inv;
    }
}

// Claims query blocks from `next` until none is left; each block goes through all steps.
void worker(const Problem& p, Scratch& w, std::atomic<int64_t>& next)
{
    const int64_t blocks = (p.B + p.bq - 1) / p.bq;
    for (int64_t k = next.fetch_add(1); k < blocks; k = next.fetch_add(1))
    {
        const int64_t a = k * p.bq, b = std::min(p.bq, p.B - a);
        float* xi = p.out + a * p.d;
        std::memcpy(xi, p.state + a * p.d, static_cast<size_t>(b * p.d) * sizeof(float));
        for (int64_t step = 0; step < p.steps; ++step) update_block(p, w, xi, b);
    }
}

std::string shape_of(const at::Tensor& t)
{
    std::string s = "[";
    for (int64_t i = 0; i < t.dim(); ++i) s += (i ? ", " : "") + std::to_string(t.size(i));
    return s + "]";
}

void check_inputs(const at::Tensor& x, const at::Tensor& xi, int64_t steps)
{
    const std::string shapes = "patterns " + shape_of(x) + ", states " + shape_of(xi);
    TORCH_CHECK(x.dim() == 2 && xi.dim() == 2 && x.size(1) == xi.size(1),
                "hopfield_retrieve: patterns must be (M, d) and states (B, d) with the same d; got ", shapes);
    TORCH_CHECK(x.scalar_type() == at::kFloat && xi.scalar_type() == at::kFloat,
                "hopfield_retrieve: float32 tensors only; got ", x.scalar_type(), " patterns and ", xi.scalar_type(), " states");
    TORCH_CHECK(x.device().is_cpu() && xi.device().is_cpu(), "hopfield_retrieve: CPU tensors only");
    TORCH_CHECK(x.is_contiguous() && xi.is_contiguous(), "hopfield_retrieve: patterns and states must be contiguous; got ", shapes);
    TORCH_CHECK(!x.requires_grad() && !xi.requires_grad(),
                "hopfield_retrieve: no autograd; the inputs must not require grad (detach them or use the op-by-op path)");
    TORCH_CHECK(x.size(0) >= 1, "hopfield_retrieve: needs at least one pattern; got ", shapes);
    TORCH_CHECK(steps >= 0, "hopfield_retrieve: steps must be >= 0, got ", steps);
    TORCH_CHECK(x.size(0) <= std::numeric_limits<int>::max() && x.size(1) <= 1 << 20,
                "hopfield_retrieve: too many patterns or dimensions for 32-bit BLAS; got ", shapes);
}

// The kernel behind tt_hopfield_retrieve: checks, defaults, BLAS threads, our threads.
at::Tensor retrieve(const at::Tensor& x, const at::Tensor& xi, double beta, int64_t steps, int64_t query_tile,
                    int64_t pattern_tile, int64_t threads)
{
    check_inputs(x, xi, steps);
    TORCH_CHECK(query_tile >= 0 && pattern_tile >= 0 && threads >= 0,
                "hopfield_retrieve: tiles and threads must be >= 0 (0 = default)");
    at::Tensor out = at::empty_like(xi);
    Problem p{x.data_ptr<float>(), xi.data_ptr<float>(), out.data_ptr<float>(), x.size(0), xi.size(0), x.size(1),
              static_cast<float>(beta), steps, query_tile ? query_tile : 256, pattern_tile ? pattern_tile : 1024, 0};
    p.bq = std::max<int64_t>(1, std::min(p.bq, p.B));
    p.mt = std::min(p.mt, p.M);
    if (p.B == 0) return out;
    if (steps == 0)
    {
        out.copy_(xi);
        return out;
    }
    p.pattern_norm = max_row_norm(p.x, p.M, p.d);

    SingleThreadedBlas blas;
    const int64_t blocks = (p.B + p.bq - 1) / p.bq;
    int64_t n = threads ? threads : std::max(1, blas.previous);
    n = std::max<int64_t>(1, std::min(n, blocks));
    std::vector<Scratch> scratch;
    scratch.reserve(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) scratch.emplace_back(p.bq, p.mt, p.d);

    std::atomic<int64_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_lock;
    auto run = [&](int64_t i) {
        try
        {
            worker(p, scratch[static_cast<size_t>(i)], next);
        }
        catch (...)
        {
            std::lock_guard<std::mutex> lock(failure_lock);
            if (!failure) failure = std::current_exception();
            next.store(blocks); // the others stop after their current block
        }
    };
    std::vector<std::thread> pool;
    for (int64_t i = 1; i < n; ++i)
    {
        try
        {
            pool.emplace_back(run, i);
        }
        catch (const std::system_error&)
        {
            break; // no more threads to be had: the started ones (and this one) share the blocks
        }
    }
    run(0);
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
    return out;
}

} // namespace

// xi_steps (B, d) from states (B, d) and patterns (M, d): see the header. query_tile, pattern_tile and threads:
// 0 picks the defaults (256 queries, 1024 patterns: a 1 MB score tile, OpenBLAS's thread count before the call).
TT_API TH tt_hopfield_retrieve(TH patterns, TH states, double beta, int64_t steps, int64_t query_tile,
                               int64_t pattern_tile, int64_t threads)
{
    TT_HANDLE({ return tt::wrap(retrieve(*patterns, *states, beta, steps, query_tile, pattern_tile, threads)); })
}

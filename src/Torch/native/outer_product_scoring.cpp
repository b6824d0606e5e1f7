// Fused scoring of stacked outer-product memories: the weighted argmax error of K readouts in one pass over the rows.
//
//   E (N, d) float32, V (d, K M) float32 (block k = columns k M .. k M + M - 1), labels f*(x) (N) int64 in [0, M),
//   weights p(x) (N) float64:
//   S = E V (N, K M),   pred_k(x) = argmax_y S[x, k M + y] (the first maximum, a NaN counting as the
//   largest, as torch.argmax),
//   err_k = sum_x p(x) 1[pred_k(x) != f*(x)]                                  -> (K) float64
//
// S is never materialised for all N: rows go in tiles of `tile` rows, S_tile = E_tile V by cblas_sgemm (the BLAS
// libtorch loaded, through blas_gemm.h), then the argmax and the weighted sum of that tile
// while it is in cache, leaving one flag per (x, k). The flags are then summed in row order, so the result is the same
// bits for any tile size and thread count. Tiles are split over `threads` std::threads in contiguous ranges.
#include "shim.h"
#include "blas_gemm.h"


#include <algorithm>
#include <cmath>
#include <thread>
#include <vector>

namespace {

// C (m, n) = A (m, k) B (k, n), row-major, contiguous (cblas_sgemm, or a plain loop without CBLAS: blas_gemm.h).
void gemm(int64_t m, int64_t n, int64_t k, const float* a, const float* b, float* c)
{
    tt_blas::sgemm(false, false, m, n, k, 1.0f, a, k, b, n, 0.0f, c, n);
}

struct Problem
{
    const float* e;
    const float* v;
    const int64_t* labels;
    const double* weights;
    int64_t n, d, k, m, tile;
};

// Marks wrong[x K + k] = 1[pred_k(x) != f*(x)] for the rows [r0, r0 + rows); scratch holds rows x K M floats.
void score_tile(const Problem& pb, int64_t r0, int64_t rows, float* scratch, uint8_t* wrong)
{
    const int64_t km = pb.k * pb.m;
    gemm(rows, km, pb.d, pb.e + r0 * pb.d, pb.v, scratch);
    for (int64_t i = 0; i < rows; ++i)
    {
        const float* s = scratch + i * km;
        const int64_t label = pb.labels[r0 + i];
        uint8_t* flags = wrong + (r0 + i) * pb.k;
        for (int64_t b = 0; b < pb.k; ++b)
        {
            const float* block = s + b * pb.m;
            int64_t best = 0;
            for (int64_t y = 1; y < pb.m; ++y)
                if (block[y] > block[best] || (std::isnan(block[y]) && !std::isnan(block[best]))) best = y;
            flags[b] = best != label;
        }
    }
}

// Tiles [t0, t1) of the problem.
void score_tiles(const Problem& pb, int64_t t0, int64_t t1, uint8_t* wrong)
{
    std::vector<float> scratch(static_cast<size_t>(pb.tile * pb.k * pb.m));
    for (int64_t t = t0; t < t1; ++t)
    {
        int64_t r0 = t * pb.tile;
        score_tile(pb, r0, std::min(pb.tile, pb.n - r0), scratch.data(), wrong);
    }
}

void check_inputs(const at::Tensor& e, const at::Tensor& v, const at::Tensor& labels, const at::Tensor& weights,
                  int64_t classes, int64_t tile, int64_t threads)
{
    TORCH_CHECK(e.dim() == 2 && v.dim() == 2, "outer_product_errors: E must be (N, d) and the readout (d, K M), got ",
                e.sizes(), " and ", v.sizes());
    TORCH_CHECK(e.scalar_type() == at::kFloat && v.scalar_type() == at::kFloat,
                "outer_product_errors: E and the readout must be float32");
    TORCH_CHECK(e.device().is_cpu() && v.device().is_cpu() && labels.device().is_cpu() && weights.device().is_cpu(),
                "outer_product_errors: CPU tensors only");
    TORCH_CHECK(v.size(0) == e.size(1), "outer_product_errors: readout rows ", v.size(0), " != E columns ", e.size(1));
    TORCH_CHECK(classes >= 1 && v.size(1) % classes == 0, "outer_product_errors: readout columns ", v.size(1),
                " are not a multiple of M = ", classes);
    TORCH_CHECK(labels.dim() == 1 && labels.size(0) == e.size(0) && labels.scalar_type() == at::kLong,
                "outer_product_errors: labels must be int64 (N) with N = ", e.size(0), ", got ", labels.sizes(), " ",
                labels.scalar_type());
    TORCH_CHECK(weights.dim() == 1 && weights.size(0) == e.size(0) && weights.scalar_type() == at::kDouble,
                "outer_product_errors: weights must be float64 (N) with N = ", e.size(0), ", got ", weights.sizes(),
                " ", weights.scalar_type());
    TORCH_CHECK(tile >= 1 && threads >= 1, "outer_product_errors: tile and threads must be >= 1");
    if (labels.numel() > 0)
    {
        int64_t lo = labels.min().item<int64_t>(), hi = labels.max().item<int64_t>();
        TORCH_CHECK(lo >= 0 && hi < classes, "outer_product_errors: labels must lie in [0, ", classes, "), got [", lo,
                    ", ", hi, "]");
    }
}

at::Tensor outer_product_errors(const at::Tensor& e_in, const at::Tensor& v_in, const at::Tensor& labels_in,
                                const at::Tensor& weights_in, int64_t classes, int64_t tile, int64_t threads)
{
    check_inputs(e_in, v_in, labels_in, weights_in, classes, tile, threads);
    at::Tensor e = e_in.contiguous(), v = v_in.contiguous(), labels = labels_in.contiguous(),
               weights = weights_in.contiguous();
    Problem pb{e.data_ptr<float>(), v.data_ptr<float>(), labels.data_ptr<int64_t>(), weights.data_ptr<double>(),
               e.size(0), e.size(1), v.size(1) / classes, classes, tile};
    at::Tensor out = at::zeros({pb.k}, weights.options());
    if (pb.n == 0 || pb.k == 0) return out;
    const int64_t tiles = (pb.n + tile - 1) / tile;
    std::vector<uint8_t> wrong(static_cast<size_t>(pb.n * pb.k), 0);
    const int64_t workers = std::min(threads, tiles);
    if (workers == 1)
    {
        score_tiles(pb, 0, tiles, wrong.data());
    }
    else
    {
        std::vector<std::thread> pool;
        std::vector<std::exception_ptr> errors(static_cast<size_t>(workers));
        for (int64_t w = 0; w < workers; ++w)
        {
            int64_t t0 = tiles * w / workers, t1 = tiles * (w + 1) / workers;
            pool.emplace_back([&, w, t0, t1] {
                try
                {
                    score_tiles(pb, t0, t1, wrong.data());
                }
                catch (...)
                {
                    errors[static_cast<size_t>(w)] = std::current_exception();
                }
            });
        }
        for (auto& t : pool) t.join();
        for (auto& err : errors)
            if (err) std::rethrow_exception(err);
    }
    double* o = out.data_ptr<double>();
    for (int64_t x = 0; x < pb.n; ++x)
        for (int64_t b = 0; b < pb.k; ++b)
            if (wrong[static_cast<size_t>(x * pb.k + b)]) o[b] += pb.weights[x];
    return out;
}

} // namespace

TT_API TH tt_outer_product_errors(TH e, TH readout, TH labels, TH weights, int64_t classes, int64_t tile, int64_t threads)
{
    TT_HANDLE({ return tt::wrap(outer_product_errors(*e, *readout, *labels, *weights, classes, tile, threads)); })
}

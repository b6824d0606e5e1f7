// Fused multi-head self-attention over a packed [Q K V] projection, forward and backward in one native call each.
//
//   qkv (B, T, 3D) = [Q | K | V], heads of size hs = D / nh:  Q_bh = qkv[b, :, h hs : (h+1) hs], K_bh at +D, V_bh at +2D
//   S_bh = scale Q_bh K_bh^T (T, T),  S_ij = -inf for j > i when causal,  P_bh = softmax_rows(S_bh),  Y_bh = P_bh V_bh
//   y (B, T, D) with y[b, :, h hs : (h+1) hs] = Y_bh      (the heads already concatenated: no transpose, no copy)
//
// Backward, from dY:  dV = P^T dY,  dP = dY V^T,  dS_ij = P_ij (dP_ij - sum_k P_ik dP_ik),  dQ = scale dS K,
// dK = scale dS^T Q; written straight into dqkv (B, T, 3D), so the split's backward (a cat) disappears too.
// The GEMMs of one head read the packed rows in place (leading dimension 3D) through OpenBLAS's cblas_sgemm.
// Float32, CPU. The backward is not itself differentiable (no double backward).
#include "shim.h"
#include "blas_gemm.h"

#include <torch/csrc/autograd/custom_function.h>

#include <cmath>
#include <limits>

namespace {

// C = alpha op(A) op(B) + beta C, row-major (blas_gemm.h).
using tt_blas::sgemm;

struct Dims
{
    int64_t B, T, D, nh, hs;
};

Dims dims_of(const at::Tensor& qkv, int64_t nh)
{
    TORCH_CHECK(qkv.dim() == 3, "fused attention: qkv must be (B, T, 3D), got ", qkv.sizes());
    TORCH_CHECK(qkv.scalar_type() == at::kFloat && qkv.device().is_cpu(), "fused attention: float32 CPU tensors only");
    int64_t three_d = qkv.size(2);
    TORCH_CHECK(nh >= 1 && three_d % (3 * nh) == 0, "fused attention: last dim ", three_d, " is not 3 x a multiple of n_head ", nh);
    int64_t d = three_d / 3;
    return Dims{qkv.size(0), qkv.size(1), d, nh, d / nh};
}

// Row-wise softmax of s (T, T) in place; when causal, entries j > i become 0.
void softmax_rows(float* s, int64_t t, bool causal)
{
    for (int64_t i = 0; i < t; ++i)
    {
        float* row = s + i * t;
        int64_t n = causal ? i + 1 : t;
        float mx = -std::numeric_limits<float>::infinity();
        for (int64_t j = 0; j < n; ++j) mx = std::max(mx, row[j]);
        float sum = 0;
        for (int64_t j = 0; j < n; ++j)
        {
            row[j] = std::exp(row[j] - mx);
            sum += row[j];
        }
        float inv = 1.0f / sum;
        for (int64_t j = 0; j < n; ++j) row[j] *= inv;
        for (int64_t j = n; j < t; ++j) row[j] = 0;
    }
}

// dS = P o (dP - rowsum(P o dP)), in place over dp (T, T).
void softmax_backward_rows(const float* p, float* dp, int64_t t)
{
    for (int64_t i = 0; i < t; ++i)
    {
        const float* pr = p + i * t;
        float* dr = dp + i * t;
        float dot = 0;
        for (int64_t j = 0; j < t; ++j) dot += pr[j] * dr[j];
        for (int64_t j = 0; j < t; ++j) dr[j] = pr[j] * (dr[j] - dot);
    }
}

struct FusedAttention : public torch::autograd::Function<FusedAttention>
{
    static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& qkv_in, int64_t nh, double scale,
                              bool causal)
    {
        at::Tensor qkv = qkv_in.contiguous();
        Dims g = dims_of(qkv, nh);
        at::Tensor y = at::empty({g.B, g.T, g.D}, qkv.options());
        at::Tensor p = at::empty({g.B, g.nh, g.T, g.T}, qkv.options());
        const float* base = qkv.data_ptr<float>();
        float* yp = y.data_ptr<float>();
        float* pp = p.data_ptr<float>();
        const int64_t ld = 3 * g.D;
        at::parallel_for(0, g.B * g.nh, 1, [&](int64_t begin, int64_t end) {
            for (int64_t bh = begin; bh < end; ++bh)
            {
                int64_t b = bh / g.nh, h = bh % g.nh;
                const float* q = base + b * g.T * ld + h * g.hs;
                float* s = pp + bh * g.T * g.T;
                sgemm(false, true, g.T, g.T, g.hs, static_cast<float>(scale), q, ld, q + g.D, ld, 0, s, g.T);
                softmax_rows(s, g.T, causal);
                sgemm(false, false, g.T, g.hs, g.T, 1, s, g.T, q + 2 * g.D, ld, 0, yp + b * g.T * g.D + h * g.hs, g.D);
            }
        });
        ctx->save_for_backward({qkv, p});
        ctx->saved_data["nh"] = nh;
        ctx->saved_data["scale"] = scale;
        return y;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grads)
    {
        auto saved = ctx->get_saved_variables();
        const at::Tensor& qkv = saved[0];
        const at::Tensor& p = saved[1];
        int64_t nh = ctx->saved_data["nh"].toInt();
        auto scale = static_cast<float>(ctx->saved_data["scale"].toDouble());
        Dims g = dims_of(qkv, nh);
        at::Tensor dy = grads[0].contiguous();
        at::Tensor dqkv = at::empty_like(qkv);
        at::Tensor dp_all = at::empty({g.B * g.nh, g.T, g.T}, qkv.options());
        const float* base = qkv.data_ptr<float>();
        const float* pp = p.data_ptr<float>();
        const float* dyp = dy.data_ptr<float>();
        float* dbase = dqkv.data_ptr<float>();
        float* dpp = dp_all.data_ptr<float>();
        const int64_t ld = 3 * g.D;
        at::parallel_for(0, g.B * g.nh, 1, [&](int64_t begin, int64_t end) {
            for (int64_t bh = begin; bh < end; ++bh)
            {
                int64_t b = bh / g.nh, h = bh % g.nh;
                const float* q = base + b * g.T * ld + h * g.hs;
                const float* k = q + g.D;
                const float* v = q + 2 * g.D;
                float* dq = dbase + b * g.T * ld + h * g.hs;
                const float* pb = pp + bh * g.T * g.T;
                const float* dyb = dyp + b * g.T * g.D + h * g.hs;
                float* dpb = dpp + bh * g.T * g.T;
                sgemm(true, false, g.T, g.hs, g.T, 1, pb, g.T, dyb, g.D, 0, dq + 2 * g.D, ld);   // dV = P^T dY
                sgemm(false, true, g.T, g.T, g.hs, 1, dyb, g.D, v, ld, 0, dpb, g.T);           // dP = dY V^T
                softmax_backward_rows(pb, dpb, g.T);                                              // dS
                sgemm(false, false, g.T, g.hs, g.T, scale, dpb, g.T, k, ld, 0, dq, ld);         // dQ = scale dS K
                sgemm(true, false, g.T, g.hs, g.T, scale, dpb, g.T, q, ld, 0, dq + g.D, ld);    // dK = scale dS^T Q
            }
        });
        return {dqkv, at::Tensor(), at::Tensor(), at::Tensor()};
    }
};

} // namespace

// y (B, T, D) = multi-head attention of the packed qkv (B, T, 3D) with n_head heads; differentiable in qkv.
TT_API TH tt_fused_attention(TH qkv, int64_t n_head, double scale, int causal)
{
    TT_HANDLE({ return tt::wrap(FusedAttention::apply(*qkv, n_head, scale, causal != 0)); })
}

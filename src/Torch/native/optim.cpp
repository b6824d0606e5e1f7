// Fused optimizer steps: one call updates every parameter of an Adam/AdamW group in a single pass over memory.
//
// The per-element arithmetic repeats, rounding for rounding, what torch.optim's single-tensor Adam (PyTorch 1.13)
// gets from ATen's CPU kernels, so the result is bit-identical to the op-by-op C# path (checked by a test):
//   mul_(s)            x * float(s)
//   add_(t, alpha)     fma(t, float(alpha), x)           (ATen's vectorised add uses fmadd)
//   addcmul_(a, b, s)  fma(float(s) * a, b, x)           (GCC contracts ATen's x + s * a * b)
//   sqrt / div / add   one rounding each
//   addcdiv_(a, b, s)  x + (float(s) * a) / b
// Only CPU float32 contiguous dense tensors qualify; otherwise nothing is touched and 0 is returned, and the caller
// takes the op-by-op path.
#include "shim.h"

#include <ATen/Parallel.h>

#include <cmath>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

// Every rounding above is spelled out; the compiler must not fuse a multiply and an add on its own.
#pragma GCC optimize("fp-contract=off")

namespace {

struct AdamScalars
{
    float b1, omb1, b2, omb2, bc2sqrt, eps, negStep, decay, wd;
    bool amsgrad, maximize, decoupled, hasDecay;
};

inline float max_nan(float a, float b) { return (std::isnan(a) || std::isnan(b)) ? a + b : (a > b ? a : b); }

// Elements [begin, end) of one parameter, one element at a time (the reference for the vector loop below).
void adam_scalar(float* p, const float* g, float* m, float* v, float* vmax, int64_t begin, int64_t end, const AdamScalars& s)
{
    for (int64_t i = begin; i < end; ++i)
    {
        float pi = p[i];
        float gi = s.maximize ? -g[i] : g[i];
        if (s.hasDecay)
        {
            if (s.decoupled) pi = pi * s.decay;
            else gi = std::fma(pi, s.wd, gi);
        }
        float mi = std::fma(gi, s.omb1, m[i] * s.b1);
        float vi = std::fma(s.omb2 * gi, gi, v[i] * s.b2);
        m[i] = mi;
        v[i] = vi;
        float second = vi;
        if (s.amsgrad)
        {
            second = max_nan(vmax[i], vi);
            vmax[i] = second;
        }
        float denom = std::sqrt(second) / s.bc2sqrt + s.eps;
        p[i] = pi + (s.negStep * mi) / denom;
    }
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) void adam_avx2(float* p, const float* g, float* m, float* v, float* vmax, int64_t begin,
                                                   int64_t end, const AdamScalars& s)
{
    const __m256 b1 = _mm256_set1_ps(s.b1), omb1 = _mm256_set1_ps(s.omb1), b2 = _mm256_set1_ps(s.b2),
                 omb2 = _mm256_set1_ps(s.omb2), bc2 = _mm256_set1_ps(s.bc2sqrt), eps = _mm256_set1_ps(s.eps),
                 neg = _mm256_set1_ps(s.negStep), decay = _mm256_set1_ps(s.decay), wd = _mm256_set1_ps(s.wd),
                 sign = _mm256_set1_ps(-0.0f);
    int64_t i = begin;
    for (; i + 8 <= end; i += 8)
    {
        __m256 pi = _mm256_loadu_ps(p + i);
        __m256 gi = _mm256_loadu_ps(g + i);
        if (s.maximize) gi = _mm256_xor_ps(gi, sign);
        if (s.hasDecay)
        {
            if (s.decoupled) pi = _mm256_mul_ps(pi, decay);
            else gi = _mm256_fmadd_ps(pi, wd, gi);
        }
        __m256 mi = _mm256_fmadd_ps(gi, omb1, _mm256_mul_ps(_mm256_loadu_ps(m + i), b1));
        __m256 vi = _mm256_fmadd_ps(_mm256_mul_ps(omb2, gi), gi, _mm256_mul_ps(_mm256_loadu_ps(v + i), b2));
        _mm256_storeu_ps(m + i, mi);
        _mm256_storeu_ps(v + i, vi);
        __m256 second = vi;
        if (s.amsgrad)
        {
            __m256 old = _mm256_loadu_ps(vmax + i);
            __m256 unordered = _mm256_cmp_ps(old, vi, _CMP_UNORD_Q);
            second = _mm256_blendv_ps(_mm256_max_ps(old, vi), _mm256_add_ps(old, vi), unordered);
            _mm256_storeu_ps(vmax + i, second);
        }
        __m256 denom = _mm256_add_ps(_mm256_div_ps(_mm256_sqrt_ps(second), bc2), eps);
        _mm256_storeu_ps(p + i, _mm256_add_ps(pi, _mm256_div_ps(_mm256_mul_ps(neg, mi), denom)));
    }
    adam_scalar(p, g, m, v, vmax, i, end, s);
}

const bool kHaveAvx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif

void adam_range(float* p, const float* g, float* m, float* v, float* vmax, int64_t begin, int64_t end, const AdamScalars& s)
{
#if defined(__x86_64__)
    if (kHaveAvx2)
    {
        adam_avx2(p, g, m, v, vmax, begin, end, s);
        return;
    }
#endif
    adam_scalar(p, g, m, v, vmax, begin, end, s);
}

bool eligible(const at::Tensor& t, const at::Tensor& like)
{
    return t.defined() && t.layout() == at::kStrided && t.device().is_cpu() && t.scalar_type() == at::kFloat &&
           t.is_contiguous() && t.sizes().equals(like.sizes());
}

} // namespace

// One Adam (decoupled = 0) or AdamW (decoupled = 1) step over n parameters. steps[i] is parameter i's step count
// after this update (t in 1 - beta^t). max_exp_avg_sqs is read only when amsgrad is set.
// Returns 1 when applied, 0 when some tensor does not qualify (nothing changed), -1 on error.
TT_API int tt_adam_step(const TH* params, const TH* grads, const TH* exp_avgs, const TH* exp_avg_sqs,
                        const TH* max_exp_avg_sqs, const int64_t* steps, int n, double lr, double beta1, double beta2,
                        double eps, double weight_decay, int amsgrad, int maximize, int decoupled)
{
    TT_STATUS({
        for (int i = 0; i < n; ++i)
        {
            const at::Tensor& p = *params[i];
            if (!eligible(p, p) || !eligible(*grads[i], p) || !eligible(*exp_avgs[i], p) ||
                !eligible(*exp_avg_sqs[i], p) || (amsgrad && !eligible(*max_exp_avg_sqs[i], p)))
                return 0;
        }

        for (int i = 0; i < n; ++i)
        {
            // Same double arithmetic as torch.optim: bias corrections, step size, then cast to float as ATen does.
            double bc1 = 1 - std::pow(beta1, static_cast<double>(steps[i]));
            double bc2 = 1 - std::pow(beta2, static_cast<double>(steps[i]));
            AdamScalars s{};
            s.b1 = static_cast<float>(beta1);
            s.omb1 = static_cast<float>(1 - beta1);
            s.b2 = static_cast<float>(beta2);
            s.omb2 = static_cast<float>(1 - beta2);
            s.bc2sqrt = static_cast<float>(std::sqrt(bc2));
            s.eps = static_cast<float>(eps);
            s.negStep = static_cast<float>(-(lr / bc1));
            s.decay = static_cast<float>(1 - lr * weight_decay);
            s.wd = static_cast<float>(weight_decay);
            s.amsgrad = amsgrad != 0;
            s.maximize = maximize != 0;
            s.decoupled = decoupled != 0;
            s.hasDecay = weight_decay != 0;

            at::Tensor& p = *params[i];
            float* pp = p.data_ptr<float>();
            const float* gp = grads[i]->data_ptr<float>();
            float* mp = exp_avgs[i]->data_ptr<float>();
            float* vp = exp_avg_sqs[i]->data_ptr<float>();
            float* xp = amsgrad ? max_exp_avg_sqs[i]->data_ptr<float>() : nullptr;
            at::parallel_for(0, p.numel(), 32768, [&](int64_t begin, int64_t end) { adam_range(pp, gp, mp, vp, xp, begin, end, s); });

            // In-place writes must be visible to autograd's version checks, as ATen's in-place ops are.
            p.unsafeGetTensorImpl()->bump_version();
            exp_avgs[i]->unsafeGetTensorImpl()->bump_version();
            exp_avg_sqs[i]->unsafeGetTensorImpl()->bump_version();
            if (amsgrad) max_exp_avg_sqs[i]->unsafeGetTensorImpl()->bump_version();
        }
        return 1;
    })
}

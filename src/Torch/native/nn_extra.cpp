// Extra neural-network exports used by src/Torch/Nn: truncated-normal init and constant padding.
#include "shim.h"

#include <cmath>

// PyTorch's nn.init.trunc_normal_ (inverse-CDF method): u ~ U(2 Phi(a') - 1, 2 Phi(b') - 1),
// x = mean + std sqrt(2) erfinv(u), clamped to [a, b], with a' = (a - mean)/std, b' = (b - mean)/std.
// The same draws from the global generator as PyTorch's Python implementation.
TT_API int tt_trunc_normal_(TH t, double mean, double std, double a, double b)
{
    TT_STATUS({
        at::NoGradGuard g;
        auto cdf = [](double x) { return (1.0 + std::erf(x / std::sqrt(2.0))) / 2.0; };
        double l = cdf((a - mean) / std);
        double u = cdf((b - mean) / std);
        t->uniform_(2 * l - 1, 2 * u - 1);
        t->erfinv_();
        t->mul_(std * std::sqrt(2.0));
        t->add_(mean);
        t->clamp_(a, b);
        return 0;
    })
}

// F.pad(x, pad, mode="constant", value): pad lists (left, right) pairs from the last dimension backwards;
// negative amounts crop.
TT_API TH tt_constant_pad_nd(TH x, const int64_t* pad, int n, double value)
{
    TT_HANDLE({ return tt::wrap(at::constant_pad_nd(*x, tt::dims(pad, n), value)); })
}

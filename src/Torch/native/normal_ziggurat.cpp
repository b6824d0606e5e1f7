// Fills a float32 tensor in place with i.i.d. N(0, std^2) draws by the ziggurat method, in blocks of fixed size whose
// random streams depend only on (seed, block index): the same bits for any thread count.
//
// Generator: xoshiro256** (Blackman and Vigna), one stream per block of kBlock elements, its state drawn from
// SplitMix64 started at seed ^ mix(block). Normal variates: the ziggurat of Marsaglia and Tsang (2000) in Doornik's
// ZIGNOR form (2005): 128 blocks of equal area v under the density f(x) = exp(-x^2 / 2), block i spanning |x| < x_i.
// One 64-bit draw gives the block (low 7 bits) and u ~ U(-1, 1) (high 53 bits); u x_i is accepted at once when
// |u| < x_{i+1} / x_i (about 99% of draws); wedges are resolved by rejection against f, and the tail beyond
// r = 3.442619855899 by Marsaglia's exponential test. Exact in distribution (no approximation of the density).
#include "shim.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <thread>
#include <vector>

namespace {

constexpr int kLayers = 128;
constexpr double kR = 3.442619855899;
constexpr double kV = 9.91256303526217e-3;
constexpr int64_t kBlock = 1 << 14;
constexpr double kUnit52 = 1.0 / 4503599627370496.0;

struct Tables
{
    double x[kLayers + 1];
    double ratio[kLayers];

    Tables()
    {
        double f = std::exp(-0.5 * kR * kR);
        x[0] = kV / f;
        x[1] = kR;
        x[kLayers] = 0;
        for (int i = 2; i < kLayers; ++i)
        {
            x[i] = std::sqrt(-2 * std::log(kV / x[i - 1] + f));
            f = std::exp(-0.5 * x[i] * x[i]);
        }
        for (int i = 0; i < kLayers; ++i) ratio[i] = x[i + 1] / x[i];
    }
};

const Tables& tables()
{
    static const Tables t;
    return t;
}

uint64_t mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

inline uint64_t rotl(uint64_t v, int k) { return (v << k) | (v >> (64 - k)); }

struct Xoshiro
{
    uint64_t s[4];

    explicit Xoshiro(uint64_t seed)
    {
        for (auto& w : s)
        {
            seed += 0x9E3779B97F4A7C15ULL;
            w = mix(seed);
        }
    }

    uint64_t next()
    {
        uint64_t result = rotl(s[1] * 5, 7) * 9;
        uint64_t t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = rotl(s[3], 45);
        return result;
    }

    // Uniform on (0, 1), never 0 (for logarithms).
    double open() { return ((next() >> 12) + 0.5) * (1.0 / 4503599627370496.0); }
};

double tail(Xoshiro& g, bool negative)
{
    double x, y;
    do
    {
        x = std::log(g.open()) / kR;
        y = std::log(g.open());
    } while (-2 * y < x * x);
    return negative ? x - kR : kR - x;
}

// The rare rest of one draw after its fast test failed: the base strip's tail, a wedge, or a retry.
__attribute__((noinline)) double normal_slow(Xoshiro& g, const Tables& t, int i, double u)
{
    for (;;)
    {
        if (i == 0) return tail(g, u < 0);
        double x = u * t.x[i];
        double f0 = std::exp(-0.5 * (t.x[i] * t.x[i] - x * x));
        double f1 = std::exp(-0.5 * (t.x[i + 1] * t.x[i + 1] - x * x));
        if (f1 + g.open() * (f0 - f1) < 1.0) return x;
        uint64_t bits = g.next();
        i = static_cast<int>(bits & (kLayers - 1));
        u = static_cast<double>(static_cast<int64_t>(bits) >> 11) * kUnit52;
        if (std::fabs(u) < t.ratio[i]) return u * t.x[i];
    }
}

void fill_blocks(float* out, int64_t n, uint64_t seed, double stddev, int64_t b0, int64_t b1)
{
    const Tables& t = tables();
    // The fast test in integers: with j the high 53 bits as a signed integer (u = j 2^-52), accept when |j| < k_i,
    // k_i = ratio_i 2^52, and return j x_i std 2^-52.
    int64_t k[kLayers];
    double scale[kLayers];
    for (int i = 0; i < kLayers; ++i)
    {
        k[i] = static_cast<int64_t>(t.ratio[i] * 4503599627370496.0);
        scale[i] = t.x[i] * stddev * kUnit52;
    }
    for (int64_t b = b0; b < b1; ++b)
    {
        Xoshiro g(seed ^ mix(static_cast<uint64_t>(b) * 0x9E3779B97F4A7C15ULL + 0x6A09E667F3BCC909ULL));
        int64_t end = std::min(n, (b + 1) * kBlock);
        for (int64_t e = b * kBlock; e < end; ++e)
        {
            uint64_t bits = g.next();
            int i = static_cast<int>(bits & (kLayers - 1));
            int64_t j = static_cast<int64_t>(bits) >> 11;
            if (std::llabs(j) < k[i])
                out[e] = static_cast<float>(static_cast<double>(j) * scale[i]);
            else
                out[e] = static_cast<float>(stddev * normal_slow(g, t, i, static_cast<double>(j) * kUnit52));
        }
    }
}

void normal_ziggurat_(at::Tensor& out, uint64_t seed, double stddev, int64_t threads)
{
    TORCH_CHECK(out.scalar_type() == at::kFloat && out.device().is_cpu(), "normal_ziggurat_: float32 CPU tensors only, got ",
                out.scalar_type());
    TORCH_CHECK(out.is_contiguous(), "normal_ziggurat_: the tensor must be contiguous");
    TORCH_CHECK(threads >= 1 && std::isfinite(stddev) && stddev >= 0, "normal_ziggurat_: need threads >= 1 and std >= 0");
    const int64_t n = out.numel();
    float* p = out.data_ptr<float>();
    const int64_t blocks = (n + kBlock - 1) / kBlock;
    const int64_t workers = std::max<int64_t>(1, std::min(threads, blocks));
    if (workers == 1)
    {
        fill_blocks(p, n, seed, stddev, 0, blocks);
        return;
    }
    std::vector<std::thread> pool;
    for (int64_t w = 0; w < workers; ++w)
        pool.emplace_back(fill_blocks, p, n, seed, stddev, blocks * w / workers, blocks * (w + 1) / workers);
    for (auto& th : pool) th.join();
}

} // namespace

TT_API int tt_normal_ziggurat_(TH out, uint64_t seed, double stddev, int64_t threads)
{
    TT_STATUS({
        normal_ziggurat_(*out, seed, stddev, threads);
        return 0;
    })
}

// Row-major single-precision GEMM through the cblas_sgemm of the BLAS libtorch loaded (OpenBLAS here), found with
// dlsym so the shim needs no BLAS headers or link flags; a plain loop when no CBLAS is loaded. Shared by the fused
// kernels (fused_attention, hopfield_retrieval, outer_product_scoring) that call BLAS on raw buffers.
#pragma once

#include <dlfcn.h>

#include <cstdint>

namespace tt_blas {

// The CBLAS standard's codes for row-major layout and (no) transposition.
constexpr int kRowMajor = 101, kNoTrans = 111, kTrans = 112;
using SgemmFn = void (*)(int, int, int, int, int, int, float, const float*, int, const float*, int, float, float*, int);

inline SgemmFn cblas_sgemm_fn()
{
    static SgemmFn f = reinterpret_cast<SgemmFn>(dlsym(RTLD_DEFAULT, "cblas_sgemm"));
    return f;
}

// C (m, n) = alpha op(A) op(B) + beta C, row-major with leading dimensions lda, ldb, ldc.
inline void sgemm(bool ta, bool tb, int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda,
                  const float* b, int64_t ldb, float beta, float* c, int64_t ldc)
{
    if (SgemmFn f = cblas_sgemm_fn())
    {
        f(kRowMajor, ta ? kTrans : kNoTrans, tb ? kTrans : kNoTrans, static_cast<int>(m), static_cast<int>(n),
          static_cast<int>(k), alpha, a, static_cast<int>(lda), b, static_cast<int>(ldb), beta, c, static_cast<int>(ldc));
        return;
    }
    for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < n; ++j)
        {
            float s = 0;
            for (int64_t p = 0; p < k; ++p)
                s += (ta ? a[p * lda + i] : a[i * lda + p]) * (tb ? b[j * ldb + p] : b[p * ldb + j]);
            c[i * ldc + j] = alpha * s + (beta == 0 ? 0 : beta * c[i * ldc + j]);
        }
}

} // namespace tt_blas

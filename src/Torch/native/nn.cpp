// Neural-network functions, parameter initialisation, linear algebra and sparse tensors.
#include "shim.h"

// ---------------------------------------------------------------- functional

TT_API TH tt_linear(TH x, TH w, TH b) { TT_HANDLE({ return tt::wrap(at::linear(*x, *w, tt::opt(b))); }) }

TT_API TH tt_embedding(TH weight, TH idx, int64_t padding_idx, int sparse)
{
    TT_HANDLE({ return tt::wrap(at::embedding(*weight, *idx, padding_idx, false, sparse != 0)); })
}

// reduction: 0 none, 1 mean, 2 sum (at::Reduction)
TT_API TH tt_cross_entropy(TH logits, TH target, TH weight, int64_t ignore_index, double label_smoothing, int reduction)
{
    TT_HANDLE({
        return tt::wrap(at::cross_entropy_loss(*logits, *target, tt::opt(weight), reduction, ignore_index, label_smoothing));
    })
}

TT_API TH tt_nll_loss(TH logp, TH target, TH weight, int64_t ignore_index, int reduction)
{
    TT_HANDLE({ return tt::wrap(at::nll_loss_nd(*logp, *target, tt::opt(weight), reduction, ignore_index)); })
}

TT_API TH tt_mse_loss(TH a, TH b, int reduction) { TT_HANDLE({ return tt::wrap(at::mse_loss(*a, *b, reduction)); }) }

TT_API TH tt_bce_with_logits(TH x, TH y, TH weight, TH pos_weight, int reduction)
{
    TT_HANDLE({
        return tt::wrap(at::binary_cross_entropy_with_logits(*x, *y, tt::opt(weight), tt::opt(pos_weight), reduction));
    })
}

TT_API TH tt_layer_norm(TH x, const int64_t* shape, int n, TH w, TH b, double eps)
{
    TT_HANDLE({ return tt::wrap(at::layer_norm(*x, tt::dims(shape, n), tt::opt(w), tt::opt(b), eps)); })
}

TT_API TH tt_dropout(TH x, double p, int train) { TT_HANDLE({ return tt::wrap(at::dropout(*x, p, train != 0)); }) }

TT_API TH tt_normalize(TH x, double p, int64_t d, double eps)
{
    TT_HANDLE({
        // F.normalize: x / max(||x||_p, eps)
        at::Tensor n = x->norm(p, d, true).clamp_min(eps).expand_as(*x);
        return tt::wrap(*x / n);
    })
}

TT_API TH tt_cosine_similarity(TH a, TH b, int64_t d, double eps)
{
    TT_HANDLE({ return tt::wrap(at::cosine_similarity(*a, *b, d, eps)); })
}

TT_API TH tt_cdist(TH a, TH b, double p) { TT_HANDLE({ return tt::wrap(at::cdist(*a, *b, p)); }) }

// ---------------------------------------------------------------- init (in place, no autograd)

TT_API int tt_uniform_(TH t, double a, double b)
{
    TT_STATUS({ at::NoGradGuard g; t->uniform_(a, b); return 0; })
}

TT_API int tt_normal_(TH t, double mean, double std)
{
    TT_STATUS({ at::NoGradGuard g; t->normal_(mean, std); return 0; })
}

TT_API int tt_orthogonal_(TH t, double gain)
{
    TT_STATUS({ torch::nn::init::orthogonal_(*t, gain); return 0; })
}

TT_API int tt_bernoulli_(TH t, double p)
{
    TT_STATUS({ at::NoGradGuard g; t->bernoulli_(p); return 0; })
}

// ---------------------------------------------------------------- linear algebra

TT_API int tt_eigh(TH t, const char* uplo, TH* out)
{
    TT_STATUS({
        auto r = at::linalg_eigh(*t, uplo);
        out[0] = tt::wrap(std::get<0>(r));
        out[1] = tt::wrap(std::get<1>(r));
        return 2;
    })
}

TT_API int tt_svd(TH t, int full_matrices, TH* out)
{
    TT_STATUS({
        auto r = at::linalg_svd(*t, full_matrices != 0);
        out[0] = tt::wrap(std::get<0>(r));
        out[1] = tt::wrap(std::get<1>(r));
        out[2] = tt::wrap(std::get<2>(r));
        return 3;
    })
}

TT_API int tt_qr(TH t, const char* mode, TH* out)
{
    TT_STATUS({
        auto r = at::linalg_qr(*t, mode);
        out[0] = tt::wrap(std::get<0>(r));
        out[1] = tt::wrap(std::get<1>(r));
        return 2;
    })
}

TT_API TH tt_solve(TH a, TH b) { TT_HANDLE({ return tt::wrap(at::linalg_solve(*a, *b)); }) }
TT_API TH tt_pinv(TH a) { TT_HANDLE({ return tt::wrap(at::linalg_pinv(*a)); }) }
TT_API TH tt_inv(TH a) { TT_HANDLE({ return tt::wrap(at::linalg_inv(*a)); }) }
TT_API TH tt_det(TH a) { TT_HANDLE({ return tt::wrap(at::linalg_det(*a)); }) }
TT_API TH tt_eigvalsh(TH a) { TT_HANDLE({ return tt::wrap(at::linalg_eigvalsh(*a)); }) }
TT_API TH tt_cholesky(TH a) { TT_HANDLE({ return tt::wrap(at::linalg_cholesky(*a)); }) }

// ---------------------------------------------------------------- sparse (COO)

TT_API TH tt_coalesce(TH t) { TT_HANDLE({ return tt::wrap(t->coalesce()); }) }
TT_API TH tt_sparse_indices(TH t) { TT_HANDLE({ return tt::wrap(t->_indices()); }) }
TT_API TH tt_sparse_values(TH t) { TT_HANDLE({ return tt::wrap(t->_values()); }) }
TT_API TH tt_to_dense(TH t) { TT_HANDLE({ return tt::wrap(t->to_dense()); }) }

TT_API TH tt_sparse_coo(TH indices, TH values, const int64_t* shape, int n)
{
    TT_HANDLE({ return tt::wrap(at::sparse_coo_tensor(*indices, *values, tt::dims(shape, n))); })
}

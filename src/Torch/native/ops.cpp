// Math: element-wise unary and binary ops, reductions, sorting, selection, scatter/gather.
// Op codes are shared with src/Torch/Interop/OpCodes.cs: keep both lists in the same order.
#include "shim.h"

namespace {

enum Unary
{
    U_NEG, U_ABS, U_SIGN, U_SQRT, U_RSQRT, U_EXP, U_LOG, U_LOG1P, U_EXPM1, U_RELU, U_GELU, U_GELU_TANH, U_SILU,
    U_TANH, U_SIGMOID, U_LOGSIGMOID, U_SOFTPLUS, U_ISNAN, U_ISFINITE, U_LOGICAL_NOT, U_SIN, U_COS, U_FLOOR, U_CEIL,
    U_ROUND, U_RECIPROCAL, U_SQUARE, U_ERF, U_ZERO, U_LOG2, U_TRUNC, U_ISINF, U_NAN_TO_NUM, U_ACOS, U_BITWISE_NOT,
};

at::Tensor unary(int op, const at::Tensor& x)
{
    switch (op)
    {
    case U_NEG: return x.neg();
    case U_ABS: return x.abs();
    case U_SIGN: return x.sign();
    case U_SQRT: return x.sqrt();
    case U_RSQRT: return x.rsqrt();
    case U_EXP: return x.exp();
    case U_LOG: return x.log();
    case U_LOG1P: return x.log1p();
    case U_EXPM1: return x.expm1();
    case U_RELU: return x.relu();
    case U_GELU: return at::gelu(x);
    case U_GELU_TANH: return at::gelu(x, "tanh");
    case U_SILU: return at::silu(x);
    case U_TANH: return x.tanh();
    case U_SIGMOID: return x.sigmoid();
    case U_LOGSIGMOID: return at::log_sigmoid(x);
    case U_SOFTPLUS: return at::softplus(x);
    case U_ISNAN: return x.isnan();
    case U_ISFINITE: return x.isfinite();
    case U_LOGICAL_NOT: return x.logical_not();
    case U_SIN: return x.sin();
    case U_COS: return x.cos();
    case U_FLOOR: return x.floor();
    case U_CEIL: return x.ceil();
    case U_ROUND: return x.round();
    case U_RECIPROCAL: return x.reciprocal();
    case U_SQUARE: return x.square();
    case U_ERF: return x.erf();
    case U_ZERO: return at::zeros_like(x);
    case U_LOG2: return x.log2();
    case U_TRUNC: return x.trunc();
    case U_ISINF: return x.isinf();
    case U_NAN_TO_NUM: return x.nan_to_num();
    case U_ACOS: return x.acos();
    case U_BITWISE_NOT: return x.bitwise_not();
    default: throw std::runtime_error("unknown unary op " + std::to_string(op));
    }
}

void unary_(int op, at::Tensor& x)
{
    switch (op)
    {
    case U_NEG: x.neg_(); break;
    case U_ABS: x.abs_(); break;
    case U_SQRT: x.sqrt_(); break;
    case U_RSQRT: x.rsqrt_(); break;
    case U_EXP: x.exp_(); break;
    case U_LOG: x.log_(); break;
    case U_RELU: x.relu_(); break;
    case U_TANH: x.tanh_(); break;
    case U_SIGMOID: x.sigmoid_(); break;
    case U_ZERO: x.zero_(); break;
    case U_RECIPROCAL: x.reciprocal_(); break;
    case U_SQUARE: x.square_(); break;
    case U_FLOOR: x.floor_(); break;
    case U_NAN_TO_NUM: x.nan_to_num_(); break;
    default: x.copy_(unary(op, x)); break;
    }
}

enum Binary
{
    B_ADD, B_SUB, B_MUL, B_DIV, B_POW, B_MAXIMUM, B_MINIMUM, B_EQ, B_NE, B_LT, B_LE, B_GT, B_GE, B_MATMUL, B_BMM,
    B_OUTER, B_LOGICAL_AND, B_LOGICAL_OR, B_REMAINDER, B_FLOOR_DIVIDE, B_ATAN2, B_MM, B_DOT, B_RSUB, B_RDIV,
    B_RPOW, B_LOGICAL_XOR, B_BITWISE_AND, B_BITWISE_OR, B_BITWISE_XOR, B_FMOD,
};

at::Tensor binary(int op, const at::Tensor& a, const at::Tensor& b)
{
    switch (op)
    {
    case B_ADD: return a.add(b);
    case B_SUB: return a.sub(b);
    case B_MUL: return a.mul(b);
    case B_DIV: return a.div(b);
    case B_POW: return a.pow(b);
    case B_MAXIMUM: return at::maximum(a, b);
    case B_MINIMUM: return at::minimum(a, b);
    case B_EQ: return a.eq(b);
    case B_NE: return a.ne(b);
    case B_LT: return a.lt(b);
    case B_LE: return a.le(b);
    case B_GT: return a.gt(b);
    case B_GE: return a.ge(b);
    case B_MATMUL: return at::matmul(a, b);
    case B_BMM: return at::bmm(a, b);
    case B_OUTER: return at::outer(a, b);
    case B_LOGICAL_AND: return a.logical_and(b);
    case B_LOGICAL_OR: return a.logical_or(b);
    case B_REMAINDER: return a.remainder(b);
    case B_FLOOR_DIVIDE: return a.div(b, "floor");
    case B_ATAN2: return a.atan2(b);
    case B_MM: return a.mm(b);
    case B_DOT: return a.dot(b);
    case B_RSUB: return b.sub(a);
    case B_RDIV: return b.div(a);
    case B_RPOW: return b.pow(a);
    case B_LOGICAL_XOR: return a.logical_xor(b);
    case B_BITWISE_AND: return a.bitwise_and(b);
    case B_BITWISE_OR: return a.bitwise_or(b);
    case B_BITWISE_XOR: return a.bitwise_xor(b);
    case B_FMOD: return a.fmod(b);
    default: throw std::runtime_error("unknown binary op " + std::to_string(op));
    }
}

at::Tensor binary_scalar(int op, const at::Tensor& a, const at::Scalar& s)
{
    switch (op)
    {
    case B_ADD: return a.add(s);
    case B_SUB: return a.sub(s);
    case B_MUL: return a.mul(s);
    case B_DIV: return a.div(s);
    case B_POW: return a.pow(s);
    case B_EQ: return a.eq(s);
    case B_NE: return a.ne(s);
    case B_LT: return a.lt(s);
    case B_LE: return a.le(s);
    case B_GT: return a.gt(s);
    case B_GE: return a.ge(s);
    case B_REMAINDER: return a.remainder(s);
    case B_FLOOR_DIVIDE: return a.div(s, "floor");
    case B_RSUB: return at::rsub(a, s);
    case B_RDIV: return a.reciprocal().mul(s);
    case B_RPOW: return at::pow(s, a);
    case B_MAXIMUM: return a.clamp_min(s);
    case B_MINIMUM: return a.clamp_max(s);
    case B_FMOD: return a.fmod(s);
    default: throw std::runtime_error("binary op " + std::to_string(op) + " does not take a scalar");
    }
}

void binary_(int op, at::Tensor& a, const at::Tensor& b)
{
    switch (op)
    {
    case B_ADD: a.add_(b); break;
    case B_SUB: a.sub_(b); break;
    case B_MUL: a.mul_(b); break;
    case B_DIV: a.div_(b); break;
    case B_POW: a.pow_(b); break;
    default: a.copy_(binary(op, a, b)); break;
    }
}

void binary_scalar_(int op, at::Tensor& a, const at::Scalar& s)
{
    switch (op)
    {
    case B_ADD: a.add_(s); break;
    case B_SUB: a.sub_(s); break;
    case B_MUL: a.mul_(s); break;
    case B_DIV: a.div_(s); break;
    case B_POW: a.pow_(s); break;
    default: a.copy_(binary_scalar(op, a, s)); break;
    }
}

at::Scalar scalar_of(double v, int is_int) { return is_int ? at::Scalar(static_cast<int64_t>(v)) : at::Scalar(v); }

} // namespace

TT_API TH tt_unary(int op, TH x) { TT_HANDLE({ return tt::wrap(unary(op, *x)); }) }
TT_API int tt_unary_(int op, TH x) { TT_STATUS({ unary_(op, *x); return 0; }) }
TT_API TH tt_binary(int op, TH a, TH b) { TT_HANDLE({ return tt::wrap(binary(op, *a, *b)); }) }
TT_API int tt_binary_(int op, TH a, TH b) { TT_STATUS({ binary_(op, *a, *b); return 0; }) }

TT_API TH tt_binary_scalar(int op, TH a, double s, int is_int)
{
    TT_HANDLE({ return tt::wrap(binary_scalar(op, *a, scalar_of(s, is_int))); })
}

TT_API int tt_binary_scalar_(int op, TH a, double s, int is_int)
{
    TT_STATUS({ binary_scalar_(op, *a, scalar_of(s, is_int)); return 0; })
}

// a + alpha * b (and in place), the optimizers' axpy
TT_API TH tt_add_scaled(TH a, TH b, double alpha) { TT_HANDLE({ return tt::wrap(a->add(*b, alpha)); }) }
TT_API int tt_add_scaled_(TH a, TH b, double alpha) { TT_STATUS({ a->add_(*b, alpha); return 0; }) }

// self + value * t1 * t2, self + value * t1 / t2 (in place when inplace != 0; the result handle is then an alias)
TT_API TH tt_addcmul(TH self, TH t1, TH t2, double value, int inplace)
{
    TT_HANDLE({ return tt::wrap(inplace ? self->addcmul_(*t1, *t2, value) : self->addcmul(*t1, *t2, value)); })
}

TT_API TH tt_addcdiv(TH self, TH t1, TH t2, double value, int inplace)
{
    TT_HANDLE({ return tt::wrap(inplace ? self->addcdiv_(*t1, *t2, value) : self->addcdiv(*t1, *t2, value)); })
}

// a + w * (b - a)
TT_API TH tt_lerp(TH a, TH b, double w, int inplace)
{
    TT_HANDLE({ return tt::wrap(inplace ? a->lerp_(*b, w) : a->lerp(*b, w)); })
}

TT_API int tt_copy_(TH dst, TH src) { TT_STATUS({ dst->copy_(*src); return 0; }) }
TT_API int tt_fill_(TH t, double v) { TT_STATUS({ t->fill_(v); return 0; }) }

// clamp with optional bounds (has_min / has_max)
TT_API TH tt_clamp(TH t, int has_min, double min, int has_max, double max, int inplace)
{
    TT_HANDLE({
        c10::optional<at::Scalar> lo = has_min ? c10::optional<at::Scalar>(min) : c10::nullopt;
        c10::optional<at::Scalar> hi = has_max ? c10::optional<at::Scalar>(max) : c10::nullopt;
        return tt::wrap(inplace ? t->clamp_(lo, hi) : t->clamp(lo, hi));
    })
}

TT_API TH tt_where(TH cond, TH a, TH b) { TT_HANDLE({ return tt::wrap(at::where(*cond, *a, *b)); }) }

TT_API TH tt_einsum(const char* eq, const TH* ts, int n) { TT_HANDLE({ return tt::wrap(at::einsum(eq, tt::list(ts, n))); }) }

// ---------------------------------------------------------------- reductions

namespace {
enum Reduce { R_SUM, R_MEAN, R_AMAX, R_AMIN, R_LOGSUMEXP, R_ALL, R_ANY, R_PROD, R_NANSUM, R_COUNT_NONZERO };
}

// ndims < 0 reduces over all dims (keepdim ignored for that case except logsumexp)
TT_API TH tt_reduce(int op, TH t, const int64_t* d, int ndims, int keepdim)
{
    TT_HANDLE({
        const at::Tensor& x = *t;
        bool all = ndims < 0;
        at::IntArrayRef dd = all ? at::IntArrayRef() : tt::dims(d, ndims);
        bool k = keepdim != 0;
        switch (op)
        {
        case R_SUM: return tt::wrap(all ? x.sum() : x.sum(dd, k));
        case R_MEAN: return tt::wrap(all ? x.mean() : x.mean(dd, k));
        case R_AMAX: return tt::wrap(all ? x.max() : x.amax(dd, k));
        case R_AMIN: return tt::wrap(all ? x.min() : x.amin(dd, k));
        case R_LOGSUMEXP:
        {
            std::vector<int64_t> every;
            for (int64_t i = 0; i < x.dim(); ++i) every.push_back(i);
            return tt::wrap(at::logsumexp(x, all ? at::IntArrayRef(every) : dd, k));
        }
        case R_ALL:
            if (all) return tt::wrap(x.all());
            if (ndims != 1) throw std::runtime_error("all: one dim at a time");
            return tt::wrap(x.all(d[0], k));
        case R_ANY:
            if (all) return tt::wrap(x.any());
            if (ndims != 1) throw std::runtime_error("any: one dim at a time");
            return tt::wrap(x.any(d[0], k));
        case R_PROD:
            if (all) return tt::wrap(x.prod());
            if (ndims != 1) throw std::runtime_error("prod: one dim at a time");
            return tt::wrap(x.prod(d[0], k));
        case R_NANSUM: return tt::wrap(all ? x.nansum() : x.nansum(dd, k));
        case R_COUNT_NONZERO: return tt::wrap(all ? x.count_nonzero() : x.count_nonzero(dd));
        default: throw std::runtime_error("unknown reduction " + std::to_string(op));
        }
    })
}

// var/std with Bessel-style correction (1 = unbiased, as torch.var's default)
TT_API TH tt_var(TH t, const int64_t* d, int ndims, int64_t correction, int keepdim, int is_std)
{
    TT_HANDLE({
        c10::optional<at::IntArrayRef> dd = ndims < 0 ? c10::nullopt : c10::optional<at::IntArrayRef>(tt::dims(d, ndims));
        c10::optional<int64_t> c = correction;
        return tt::wrap(is_std ? at::std(*t, dd, c, keepdim != 0) : at::var(*t, dd, c, keepdim != 0));
    })
}

TT_API TH tt_norm(TH t, double p, const int64_t* d, int ndims, int keepdim)
{
    TT_HANDLE({
        if (ndims < 0) return tt::wrap(at::norm(*t, p));
        return tt::wrap(at::norm(*t, p, tt::dims(d, ndims), keepdim != 0));
    })
}

// kind 0: max over dim, 1: min over dim -> (values, indices)
TT_API int tt_minmax_dim(int kind, TH t, int64_t d, int keepdim, TH* out)
{
    TT_STATUS({
        auto r = kind == 0 ? t->max(d, keepdim != 0) : t->min(d, keepdim != 0);
        out[0] = tt::wrap(std::get<0>(r));
        out[1] = tt::wrap(std::get<1>(r));
        return 2;
    })
}

// kind 0: argmax, 1: argmin; has_dim 0 flattens
TT_API TH tt_argminmax(int kind, TH t, int has_dim, int64_t d, int keepdim)
{
    TT_HANDLE({
        c10::optional<int64_t> dd = has_dim ? c10::optional<int64_t>(d) : c10::nullopt;
        return tt::wrap(kind == 0 ? t->argmax(dd, keepdim != 0) : t->argmin(dd, keepdim != 0));
    })
}

TT_API int tt_topk(TH t, int64_t k, int64_t d, int largest, int sorted, TH* out)
{
    TT_STATUS({
        auto r = t->topk(k, d, largest != 0, sorted != 0);
        out[0] = tt::wrap(std::get<0>(r));
        out[1] = tt::wrap(std::get<1>(r));
        return 2;
    })
}

TT_API int tt_sort(TH t, int64_t d, int descending, int stable, TH* out)
{
    TT_STATUS({
        auto r = t->sort(stable != 0, d, descending != 0);
        out[0] = tt::wrap(std::get<0>(r));
        out[1] = tt::wrap(std::get<1>(r));
        return 2;
    })
}

TT_API TH tt_argsort(TH t, int64_t d, int descending) { TT_HANDLE({ return tt::wrap(t->argsort(d, descending != 0)); }) }
TT_API TH tt_cumsum(TH t, int64_t d) { TT_HANDLE({ return tt::wrap(t->cumsum(d)); }) }
TT_API TH tt_cumprod(TH t, int64_t d) { TT_HANDLE({ return tt::wrap(t->cumprod(d)); }) }
TT_API TH tt_softmax(TH t, int64_t d) { TT_HANDLE({ return tt::wrap(t->softmax(d)); }) }
TT_API TH tt_log_softmax(TH t, int64_t d) { TT_HANDLE({ return tt::wrap(t->log_softmax(d)); }) }

// ---------------------------------------------------------------- selection, scatter, gather

TT_API TH tt_index_select(TH t, int64_t d, TH idx) { TT_HANDLE({ return tt::wrap(t->index_select(d, *idx)); }) }
TT_API TH tt_gather(TH t, int64_t d, TH idx) { TT_HANDLE({ return tt::wrap(t->gather(d, *idx)); }) }

// kind 0 scatter, 1 scatter_add; inplace != 0 writes into t and returns an alias
TT_API TH tt_scatter(int kind, TH t, int64_t d, TH idx, TH src, int inplace)
{
    TT_HANDLE({
        if (inplace)
            return tt::wrap(kind == 0 ? t->scatter_(d, *idx, *src) : t->scatter_add_(d, *idx, *src));
        return tt::wrap(kind == 0 ? t->scatter(d, *idx, *src) : t->scatter_add(d, *idx, *src));
    })
}

TT_API TH tt_index_add(TH t, int64_t d, TH idx, TH src, double alpha, int inplace)
{
    TT_HANDLE({ return tt::wrap(inplace ? t->index_add_(d, *idx, *src, alpha) : t->index_add(d, *idx, *src, alpha)); })
}

TT_API TH tt_masked_fill(TH t, TH mask, double value, int inplace)
{
    TT_HANDLE({ return tt::wrap(inplace ? t->masked_fill_(*mask, value) : t->masked_fill(*mask, value)); })
}

TT_API TH tt_masked_select(TH t, TH mask) { TT_HANDLE({ return tt::wrap(t->masked_select(*mask)); }) }
TT_API TH tt_nonzero(TH t) { TT_HANDLE({ return tt::wrap(t->nonzero()); }) }
TT_API TH tt_tril(TH t, int64_t k) { TT_HANDLE({ return tt::wrap(t->tril(k)); }) }
TT_API TH tt_triu(TH t, int64_t k) { TT_HANDLE({ return tt::wrap(t->triu(k)); }) }
TT_API TH tt_one_hot(TH t, int64_t n) { TT_HANDLE({ return tt::wrap(at::one_hot(*t, n)); }) }
TT_API TH tt_diag(TH t, int64_t k) { TT_HANDLE({ return tt::wrap(t->diag(k)); }) }
TT_API TH tt_diagonal(TH t, int64_t off, int64_t d1, int64_t d2) { TT_HANDLE({ return tt::wrap(t->diagonal(off, d1, d2)); }) }
TT_API TH tt_trace(TH t) { TT_HANDLE({ return tt::wrap(t->trace()); }) }

TT_API TH tt_bincount(TH t, TH weights, int64_t minlength)
{
    TT_HANDLE({ return tt::wrap(t->bincount(tt::opt(weights), minlength)); })
}

// unique over the flattened tensor: out[0] values, out[1] inverse, out[2] counts
TT_API int tt_unique(TH t, int sorted, TH* out)
{
    TT_STATUS({
        auto r = at::_unique2(*t, sorted != 0, true, true);
        out[0] = tt::wrap(std::get<0>(r));
        out[1] = tt::wrap(std::get<1>(r));
        out[2] = tt::wrap(std::get<2>(r));
        return 3;
    })
}

TT_API int tt_allclose(TH a, TH b, double rtol, double atol) { TT_STATUS({ return a->allclose(*b, rtol, atol) ? 1 : 0; }) }
TT_API int tt_equal(TH a, TH b) { TT_STATUS({ return a->equal(*b) ? 1 : 0; }) }

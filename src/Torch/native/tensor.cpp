// Tensors: lifetime, creation, properties, data transfer, conversion, shape and indexing.
#include "shim.h"

#include <cstring>

namespace tt {
static thread_local std::string g_last_error;
void set_error(const std::string& message) { g_last_error = message; }
} // namespace tt

TT_API const char* tt_last_error() { return tt::g_last_error.c_str(); }

TT_API void tt_free(TH t) { delete t; }

// ---------------------------------------------------------------- creation

TT_API TH tt_empty(const int64_t* shape, int ndim, int dtype, int dev, int devidx)
{
    TT_HANDLE({ return tt::wrap(at::empty(tt::dims(shape, ndim), tt::options(dtype, dev, devidx))); })
}

TT_API TH tt_full(const int64_t* shape, int ndim, double value, int dtype, int dev, int devidx)
{
    TT_HANDLE({ return tt::wrap(at::full(tt::dims(shape, ndim), value, tt::options(dtype, dev, devidx))); })
}

TT_API TH tt_arange(double start, double end, double step, int dtype, int dev, int devidx)
{
    TT_HANDLE({ return tt::wrap(at::arange(start, end, step, tt::options(dtype, dev, devidx))); })
}

TT_API TH tt_linspace(double start, double end, int64_t steps, int dtype, int dev, int devidx)
{
    TT_HANDLE({ return tt::wrap(at::linspace(start, end, steps, tt::options(dtype, dev, devidx))); })
}

TT_API TH tt_eye(int64_t n, int64_t m, int dtype, int dev, int devidx)
{
    TT_HANDLE({ return tt::wrap(at::eye(n, m, tt::options(dtype, dev, devidx))); })
}

// kind: 0 randn, 1 rand
TT_API TH tt_random(int kind, const int64_t* shape, int ndim, int dtype, int dev, int devidx)
{
    TT_HANDLE({
        auto o = tt::options(dtype, dev, devidx);
        return tt::wrap(kind == 0 ? at::randn(tt::dims(shape, ndim), o) : at::rand(tt::dims(shape, ndim), o));
    })
}

TT_API TH tt_randint(int64_t low, int64_t high, const int64_t* shape, int ndim, int dtype, int dev, int devidx)
{
    TT_HANDLE({ return tt::wrap(at::randint(low, high, tt::dims(shape, ndim), tt::options(dtype, dev, devidx))); })
}

TT_API TH tt_randperm(int64_t n, int dtype, int dev, int devidx)
{
    TT_HANDLE({ return tt::wrap(at::randperm(n, tt::options(dtype, dev, devidx))); })
}

TT_API TH tt_multinomial(TH probs, int64_t n, int replacement)
{
    TT_HANDLE({ return tt::wrap(at::multinomial(*probs, n, replacement != 0)); })
}

// Copies `data` (C-contiguous, element type `dtype`) into a new CPU tensor.
TT_API TH tt_from_data(const void* data, const int64_t* shape, int ndim, int dtype)
{
    TT_HANDLE({
        auto o = at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype));
        at::Tensor t = at::empty(tt::dims(shape, ndim), o);
        std::memcpy(t.data_ptr(), data, t.nbytes());
        return tt::wrap(t);
    })
}

// Copies a tensor's values (any device, any layout) into `dst`, which holds `nbytes` bytes.
TT_API int tt_copy_to(TH t, void* dst, int64_t nbytes)
{
    TT_STATUS({
        at::Tensor c = t->detach().to(at::kCPU).contiguous();
        if (static_cast<int64_t>(c.nbytes()) != nbytes)
            throw std::runtime_error("copy_to: tensor holds " + std::to_string(c.nbytes()) + " bytes, buffer " +
                                     std::to_string(nbytes));
        std::memcpy(dst, c.data_ptr(), c.nbytes());
        return 0;
    })
}

// Copies `nbytes` from `src` into a contiguous CPU tensor in place (no autograd).
TT_API int tt_copy_from(TH t, const void* src, int64_t nbytes)
{
    TT_STATUS({
        if (!t->is_contiguous() || t->device().type() != at::kCPU)
            throw std::runtime_error("copy_from needs a contiguous CPU tensor");
        if (static_cast<int64_t>(t->nbytes()) != nbytes)
            throw std::runtime_error("copy_from: tensor holds " + std::to_string(t->nbytes()) + " bytes, buffer " +
                                     std::to_string(nbytes));
        std::memcpy(t->data_ptr(), src, nbytes);
        return 0;
    })
}

// Raw pointer to a contiguous CPU tensor's storage, or null (with an error) otherwise.
TT_API void* tt_data_ptr(TH t)
{
    TT_HANDLE({
        if (!t->is_contiguous() || t->device().type() != at::kCPU)
            throw std::runtime_error("data_ptr needs a contiguous CPU tensor");
        return t->data_ptr();
    })
}

// ---------------------------------------------------------------- properties

TT_API int tt_ndim(TH t) { TT_STATUS({ return static_cast<int>(t->dim()); }) }

TT_API int tt_shape(TH t, int64_t* out)
{
    TT_STATUS({
        for (int64_t i = 0; i < t->dim(); ++i) out[i] = t->size(i);
        return static_cast<int>(t->dim());
    })
}

TT_API int tt_strides(TH t, int64_t* out)
{
    TT_STATUS({
        for (int64_t i = 0; i < t->dim(); ++i) out[i] = t->stride(i);
        return static_cast<int>(t->dim());
    })
}

TT_API int64_t tt_numel(TH t) { TT_STATUS({ return t->numel(); }) }
TT_API int tt_dtype(TH t) { TT_STATUS({ return static_cast<int>(t->scalar_type()); }) }
TT_API int tt_device_type(TH t) { TT_STATUS({ return static_cast<int>(t->device().type()); }) }
TT_API int tt_device_index(TH t) { TT_STATUS({ return static_cast<int>(t->device().index()); }) }
TT_API int tt_requires_grad(TH t) { TT_STATUS({ return t->requires_grad() ? 1 : 0; }) }
TT_API int tt_is_leaf(TH t) { TT_STATUS({ return t->is_leaf() ? 1 : 0; }) }
TT_API int tt_is_contiguous(TH t) { TT_STATUS({ return t->is_contiguous() ? 1 : 0; }) }
TT_API int tt_is_sparse(TH t) { TT_STATUS({ return t->is_sparse() ? 1 : 0; }) }
TT_API int tt_same_storage(TH a, TH b) { TT_STATUS({ return a->is_same(*b) ? 1 : 0; }) }
TT_API int64_t tt_storage_offset(TH t) { TT_STATUS({ return t->storage_offset(); }) }

TT_API int tt_set_requires_grad(TH t, int value)
{
    TT_STATUS({
        t->set_requires_grad(value != 0);
        return 0;
    })
}

TT_API int tt_item_double(TH t, double* out)
{
    TT_STATUS({
        *out = t->item<double>();
        return 0;
    })
}

TT_API int tt_item_long(TH t, int64_t* out)
{
    TT_STATUS({
        *out = t->item<int64_t>();
        return 0;
    })
}

// ---------------------------------------------------------------- conversion

TT_API TH tt_to(TH t, int dtype, int dev, int devidx, int copy)
{
    TT_HANDLE({
        at::Device d(static_cast<at::DeviceType>(dev), static_cast<c10::DeviceIndex>(devidx));
        return tt::wrap(t->to(d, static_cast<at::ScalarType>(dtype), false, copy != 0));
    })
}

TT_API TH tt_clone(TH t) { TT_HANDLE({ return tt::wrap(t->clone()); }) }
TT_API TH tt_detach(TH t) { TT_HANDLE({ return tt::wrap(t->detach()); }) }
TT_API TH tt_contiguous(TH t) { TT_HANDLE({ return tt::wrap(t->contiguous()); }) }
TT_API TH tt_alias(TH t) { TT_HANDLE({ return tt::wrap(*t); }) }

TT_API TH tt_to_string(TH t)
{
    // Not a tensor: returns a heap std::string* through the handle type; freed by tt_free_string.
    TT_HANDLE({
        std::ostringstream s;
        s << *t;
        return reinterpret_cast<TH>(new std::string(s.str()));
    })
}
TT_API const char* tt_string_chars(TH s) { return reinterpret_cast<std::string*>(s)->c_str(); }
TT_API void tt_free_string(TH s) { delete reinterpret_cast<std::string*>(s); }

// ---------------------------------------------------------------- shape

TT_API TH tt_view(TH t, const int64_t* shape, int ndim) { TT_HANDLE({ return tt::wrap(t->view(tt::dims(shape, ndim))); }) }
TT_API TH tt_reshape(TH t, const int64_t* shape, int ndim) { TT_HANDLE({ return tt::wrap(t->reshape(tt::dims(shape, ndim))); }) }
TT_API TH tt_transpose(TH t, int64_t d0, int64_t d1) { TT_HANDLE({ return tt::wrap(t->transpose(d0, d1)); }) }
TT_API TH tt_permute(TH t, const int64_t* d, int n) { TT_HANDLE({ return tt::wrap(t->permute(tt::dims(d, n))); }) }
TT_API TH tt_unsqueeze(TH t, int64_t d) { TT_HANDLE({ return tt::wrap(t->unsqueeze(d)); }) }
TT_API TH tt_squeeze(TH t, int64_t d, int all) { TT_HANDLE({ return tt::wrap(all ? t->squeeze() : t->squeeze(d)); }) }
TT_API TH tt_flatten(TH t, int64_t s, int64_t e) { TT_HANDLE({ return tt::wrap(t->flatten(s, e)); }) }
TT_API TH tt_expand(TH t, const int64_t* shape, int n) { TT_HANDLE({ return tt::wrap(t->expand(tt::dims(shape, n))); }) }
TT_API TH tt_repeat(TH t, const int64_t* reps, int n) { TT_HANDLE({ return tt::wrap(t->repeat(tt::dims(reps, n))); }) }
TT_API TH tt_narrow(TH t, int64_t d, int64_t start, int64_t len) { TT_HANDLE({ return tt::wrap(t->narrow(d, start, len)); }) }
TT_API TH tt_select(TH t, int64_t d, int64_t i) { TT_HANDLE({ return tt::wrap(t->select(d, i)); }) }
TT_API TH tt_flip(TH t, const int64_t* d, int n) { TT_HANDLE({ return tt::wrap(t->flip(tt::dims(d, n))); }) }
TT_API TH tt_roll(TH t, int64_t shift, int64_t d) { TT_HANDLE({ return tt::wrap(t->roll(shift, d)); }) }

TT_API TH tt_slice(TH t, int64_t d, int64_t start, int64_t end, int64_t step)
{
    TT_HANDLE({ return tt::wrap(t->slice(d, start, end, step)); })
}

TT_API TH tt_cat(const TH* ts, int n, int64_t d) { TT_HANDLE({ return tt::wrap(at::cat(tt::list(ts, n), d)); }) }
TT_API TH tt_stack(const TH* ts, int n, int64_t d) { TT_HANDLE({ return tt::wrap(at::stack(tt::list(ts, n), d)); }) }

// mode 0: split into pieces of `size`; mode 1: `size` chunks; mode 2: sizes given in `sizes`
TT_API int tt_split(TH t, int mode, int64_t size, const int64_t* sizes, int nsizes, int64_t d, TH* out, int cap)
{
    TT_STATUS({
        std::vector<at::Tensor> parts = mode == 0   ? t->split(size, d)
                                        : mode == 1 ? t->chunk(size, d)
                                                    : t->split_with_sizes(tt::dims(sizes, nsizes), d);
        return tt::write_list(parts, out, cap);
    })
}

// ---------------------------------------------------------------- indexing

// One element of a PyTorch-style index: t[1, 2:5:1, None, ..., idx]
struct TTIndex
{
    int32_t kind; // 0 integer, 1 slice, 2 None, 3 ellipsis, 4 tensor, 5 bool
    int32_t flags; // slice: bit 0 start given, bit 1 stop given, bit 2 step given
    int64_t a, b, c; // integer value, or slice start/stop/step, or bool value
    TH tensor;
};

static std::vector<at::indexing::TensorIndex> to_indices(const TTIndex* ix, int n)
{
    using namespace at::indexing;
    std::vector<TensorIndex> v;
    v.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
    {
        const TTIndex& e = ix[i];
        switch (e.kind)
        {
        case 0: v.emplace_back(e.a); break;
        case 1:
            v.emplace_back(Slice((e.flags & 1) ? c10::optional<int64_t>(e.a) : c10::nullopt,
                                 (e.flags & 2) ? c10::optional<int64_t>(e.b) : c10::nullopt,
                                 (e.flags & 4) ? c10::optional<int64_t>(e.c) : c10::nullopt));
            break;
        case 2: v.emplace_back(None); break;
        case 3: v.emplace_back(Ellipsis); break;
        case 4: v.emplace_back(*e.tensor); break;
        case 5: v.emplace_back(e.a != 0); break;
        default: throw std::runtime_error("unknown index kind " + std::to_string(e.kind));
        }
    }
    return v;
}

TT_API TH tt_index(TH t, const TTIndex* ix, int n) { TT_HANDLE({ return tt::wrap(t->index(to_indices(ix, n))); }) }

TT_API int tt_index_put_tensor(TH t, const TTIndex* ix, int n, TH value)
{
    TT_STATUS({
        t->index_put_(to_indices(ix, n), *value);
        return 0;
    })
}

TT_API int tt_index_put_scalar(TH t, const TTIndex* ix, int n, double value)
{
    TT_STATUS({
        t->index_put_(to_indices(ix, n), value);
        return 0;
    })
}

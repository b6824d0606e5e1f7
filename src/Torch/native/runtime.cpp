// Runtime: seeds and generator state, threads, version, BLAS and CUDA reporting.
#include "shim.h"

#include <ATen/Parallel.h>
#include <dlfcn.h>

TT_API int tt_manual_seed(uint64_t seed) { TT_STATUS({ torch::manual_seed(seed); return 0; }) }

TT_API TH tt_get_rng_state() { TT_HANDLE({ return tt::wrap(at::detail::getDefaultCPUGenerator().get_state()); }) }

TT_API int tt_set_rng_state(TH state)
{
    TT_STATUS({
        auto gen = at::detail::getDefaultCPUGenerator();
        std::lock_guard<std::mutex> lock(gen.mutex());
        gen.set_state(*state);
        return 0;
    })
}

TT_API int tt_set_num_threads(int n) { TT_STATUS({ at::set_num_threads(n); return 0; }) }
TT_API int tt_get_num_threads() { TT_STATUS({ return at::get_num_threads(); }) }
TT_API int tt_set_num_interop_threads(int n) { TT_STATUS({ at::set_num_interop_threads(n); return 0; }) }
TT_API int tt_get_num_interop_threads() { TT_STATUS({ return at::get_num_interop_threads(); }) }

static TH owned_string(const std::string& s) { return reinterpret_cast<TH>(new std::string(s)); }

TT_API TH tt_version() { TT_HANDLE({ return owned_string(TORCH_VERSION); }) }
TT_API TH tt_config() { TT_HANDLE({ return owned_string(at::show_config()); }) }
TT_API TH tt_parallel_info() { TT_HANDLE({ return owned_string(at::get_parallel_info()); }) }

// OpenBLAS, if the process loaded it: its config string (version, core) and its thread control.
TT_API TH tt_openblas_config()
{
    TT_HANDLE({
        using fn = char* (*)();
        auto f = reinterpret_cast<fn>(dlsym(RTLD_DEFAULT, "openblas_get_config"));
        return owned_string(f ? std::string(f()) : std::string());
    })
}

TT_API int tt_openblas_set_num_threads(int n)
{
    using fn = void (*)(int);
    auto f = reinterpret_cast<fn>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
    if (!f) return -1;
    f(n);
    return 0;
}

TT_API int tt_openblas_get_num_threads()
{
    using fn = int (*)();
    auto f = reinterpret_cast<fn>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
    return f ? f() : -1;
}

TT_API int tt_cuda_is_available() { return torch::cuda::is_available() ? 1 : 0; }
TT_API int tt_cuda_device_count() { return static_cast<int>(torch::cuda::device_count()); }

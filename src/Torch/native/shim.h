// The C ABI of the Trainer shim over libtorch.
//
// Contract (see docs/ARCHITECTURE.md):
//  - every export is `extern "C"`, takes blittable arguments only, and is wrapped in TT_TRY, which turns any C++
//    exception (c10::Error, std::exception, anything else) into a thread-local message and a failure value
//    (nullptr for handles, -1 for status codes); the C# side checks every call and throws TorchException;
//  - a tensor handle is a heap-allocated at::Tensor*; every op returns a fresh handle that the caller owns and frees
//    with tt_free; handles given as arguments are borrowed;
//  - dtype codes are c10::ScalarType values, device types are c10::DeviceType values (0 = CPU, 1 = CUDA).
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

#define TT_API extern "C" __attribute__((visibility("default")))

typedef at::Tensor* TH;

namespace tt {

void set_error(const std::string& message);

inline TH wrap(at::Tensor t) { return new at::Tensor(std::move(t)); }

inline at::IntArrayRef dims(const int64_t* p, int n) { return at::IntArrayRef(p, static_cast<size_t>(n)); }

inline std::vector<at::Tensor> list(const TH* hs, int n)
{
    std::vector<at::Tensor> v;
    v.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) v.push_back(*hs[i]);
    return v;
}

inline int write_list(const std::vector<at::Tensor>& ts, TH* out, int capacity)
{
    int n = static_cast<int>(ts.size());
    if (n > capacity) throw std::runtime_error("output list capacity too small: need " + std::to_string(n));
    for (int i = 0; i < n; ++i) out[i] = wrap(ts[static_cast<size_t>(i)]);
    return n;
}

inline at::TensorOptions options(int dtype, int device_type, int device_index)
{
    return at::TensorOptions()
        .dtype(static_cast<at::ScalarType>(dtype))
        .device(at::Device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index)));
}

inline c10::optional<at::Tensor> opt(TH h) { return h ? c10::optional<at::Tensor>(*h) : c10::nullopt; }

} // namespace tt

#define TT_CATCH(fail)                                                                   \
    catch (const c10::Error& e) { tt::set_error(e.what_without_backtrace()); return fail; } \
    catch (const std::exception& e) { tt::set_error(e.what()); return fail; }               \
    catch (...) { tt::set_error("unknown native error"); return fail; }

// Handle-returning body: TT_HANDLE({ return tt::wrap(...); })
#define TT_HANDLE(body) try body TT_CATCH(nullptr)
// Status-returning body (>= 0 on success): TT_STATUS({ ...; return 0; })
#define TT_STATUS(body) try body TT_CATCH(-1)

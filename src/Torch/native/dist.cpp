// Distributed: libtorch's c10d (TCPStore, PrefixStore, ProcessGroupGloo) behind the flat C ABI.
//
// Handles: a store is a heap c10::intrusive_ptr<c10d::Store>*, a group a heap
// c10::intrusive_ptr<c10d::ProcessGroupGloo>*, pending collectives a heap std::vector<c10::intrusive_ptr<c10d::Work>>*;
// each is freed by its tt_dist_*_free. Collectives work in place on the tensors given (borrowed handles).
// Timeouts are milliseconds; 0 means "the group's default". Failures (a peer that died, a timeout) become the usual
// thread-local error message and a -1/nullptr result, which the C# side turns into a TorchException.
//
// Without gloo headers (Debian's libgloo-dev) this file compiles to stubs that fail with a clear message.
#include "shim.h"

#ifdef TT_HAVE_GLOO
#define USE_C10D_GLOO 1
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#endif

#include <chrono>

typedef void* DH;

#ifdef TT_HAVE_GLOO

namespace {

using StorePtr = c10::intrusive_ptr<c10d::Store>;
using GroupPtr = c10::intrusive_ptr<c10d::ProcessGroupGloo>;
using WorkPtr = c10::intrusive_ptr<c10d::Work>;
using Works = std::vector<WorkPtr>;

StorePtr& store_of(DH h) { return *static_cast<StorePtr*>(h); }
GroupPtr& group_of(DH h) { return *static_cast<GroupPtr*>(h); }
Works& works_of(DH h) { return *static_cast<Works*>(h); }

std::chrono::milliseconds ms(int64_t v) { return std::chrono::milliseconds(v); }

std::chrono::milliseconds op_timeout(int64_t v) { return v > 0 ? ms(v) : c10d::kUnsetTimeout; }

std::vector<uint8_t> bytes(const uint8_t* p, int64_t n) { return std::vector<uint8_t>(p, p + n); }

// ReduceOp codes of the C# side: 0 sum, 1 avg (a sum, then a division by the group size), 2 product, 3 min, 4 max.
c10d::ReduceOp reduce_op(int op)
{
    switch (op)
    {
    case 0: case 1: return c10d::ReduceOp(c10d::ReduceOp::SUM);
    case 2: return c10d::ReduceOp(c10d::ReduceOp::PRODUCT);
    case 3: return c10d::ReduceOp(c10d::ReduceOp::MIN);
    case 4: return c10d::ReduceOp(c10d::ReduceOp::MAX);
    default: throw std::invalid_argument("unknown reduce op code " + std::to_string(op));
    }
}

void check_average(const std::vector<at::Tensor>& ts)
{
    for (const auto& t : ts)
    {
        TORCH_CHECK(at::isFloatingType(t.scalar_type()) || at::isComplexType(t.scalar_type()),
            "all_reduce(avg) needs floating-point tensors, got ", t.scalar_type());
    }
}

// Waits for collectives; Work::wait throws on a peer failure, and on expiry of the wait's own timeout.
void finish(const Works& works, int64_t timeout_ms)
{
    for (const auto& w : works) w->wait(timeout_ms > 0 ? ms(timeout_ms) : ms(0));
}

// c10d's tensor list means "one tensor per device": several tensors are several collectives, issued in order.
Works start_all_reduce(DH group, std::vector<at::Tensor>& ts, int op, int64_t timeout_ms)
{
    if (op == 1) check_average(ts);
    c10d::AllreduceOptions o;
    o.reduceOp = reduce_op(op);
    o.timeout = op_timeout(timeout_ms);
    Works works;
    for (auto& t : ts)
    {
        std::vector<at::Tensor> one{t};
        works.push_back(group_of(group)->allreduce(one, o));
    }
    return works;
}

} // namespace

// ------------------------------------------------------------------------------------------------ stores

TT_API int tt_dist_available() { return 1; }

// A TCPStore like torch.distributed's tcp:// and env:// rendezvous: rank 0 is the server (is_server = 1) and, when
// wait_workers is set, waits until world_size clients (itself included) have connected.
TT_API DH tt_dist_tcp_store_new(const char* host, int port, int world_size, int is_server, int wait_workers,
    int64_t timeout_ms)
{
    try
    {
        c10d::TCPStoreOptions o;
        o.port = static_cast<std::uint16_t>(port);
        o.isServer = is_server != 0;
        if (world_size > 0) o.numWorkers = static_cast<std::size_t>(world_size);
        o.waitWorkers = wait_workers != 0;
        o.timeout = ms(timeout_ms);
        o.multiTenant = true;
        StorePtr s = c10::make_intrusive<c10d::TCPStore>(std::string(host), o);
        return new StorePtr(std::move(s));
    }
    TT_CATCH(nullptr)
}

// The port a TCPStore listens on (useful after asking for port 0); -1 for a store that is not a TCPStore.
TT_API int tt_dist_tcp_store_port(DH store)
{
    TT_STATUS({
        auto* tcp = dynamic_cast<c10d::TCPStore*>(store_of(store).get());
        if (!tcp) throw std::invalid_argument("not a TCPStore");
        return static_cast<int>(tcp->getPort());
    })
}

// A view of `store` whose keys are all prefixed with "<prefix>/" (c10d::PrefixStore).
TT_API DH tt_dist_prefix_store_new(const char* prefix, DH store)
{
    try
    {
        StorePtr s = c10::make_intrusive<c10d::PrefixStore>(std::string(prefix), store_of(store));
        return new StorePtr(std::move(s));
    }
    TT_CATCH(nullptr)
}

TT_API void tt_dist_store_free(DH store) { delete static_cast<StorePtr*>(store); }

TT_API int tt_dist_store_set(DH store, const char* key, const uint8_t* value, int64_t length)
{
    TT_STATUS({ store_of(store)->set(key, bytes(value, length)); return 0; })
}

// Blocks until `key` exists (up to the store's timeout); the value comes back as a std::string* handle.
TT_API TH tt_dist_store_get(DH store, const char* key)
{
    TT_HANDLE({
        std::vector<uint8_t> v = store_of(store)->get(key);
        return reinterpret_cast<TH>(new std::string(v.begin(), v.end()));
    })
}

TT_API int64_t tt_dist_bytes_length(TH s) { return static_cast<int64_t>(reinterpret_cast<std::string*>(s)->size()); }

TT_API const char* tt_dist_bytes_data(TH s) { return reinterpret_cast<std::string*>(s)->data(); }

// Adds `delta` to the integer stored at `key` (missing = 0) and returns the new value. Errors return INT64_MIN.
TT_API int64_t tt_dist_store_add(DH store, const char* key, int64_t delta, int* ok)
{
    try
    {
        int64_t v = store_of(store)->add(key, delta);
        *ok = 1;
        return v;
    }
    catch (const c10::Error& e) { tt::set_error(e.what_without_backtrace()); }
    catch (const std::exception& e) { tt::set_error(e.what()); }
    catch (...) { tt::set_error("unknown native error"); }
    *ok = 0;
    return 0;
}

TT_API int tt_dist_store_wait(DH store, const char** keys, int n, int64_t timeout_ms)
{
    TT_STATUS({
        std::vector<std::string> ks(keys, keys + n);
        if (timeout_ms > 0) store_of(store)->wait(ks, ms(timeout_ms));
        else store_of(store)->wait(ks);
        return 0;
    })
}

TT_API int tt_dist_store_check(DH store, const char** keys, int n)
{
    TT_STATUS({ return store_of(store)->check(std::vector<std::string>(keys, keys + n)) ? 1 : 0; })
}

TT_API int tt_dist_store_delete(DH store, const char* key)
{
    TT_STATUS({ return store_of(store)->deleteKey(key) ? 1 : 0; })
}

TT_API int tt_dist_store_set_timeout(DH store, int64_t timeout_ms)
{
    TT_STATUS({ store_of(store)->setTimeout(ms(timeout_ms)); return 0; })
}

// ------------------------------------------------------------------------------------------------ process group

// A ProcessGroupGloo on `store` (already prefixed by the caller). The transport device binds to `interface` when
// given (like GLOO_SOCKET_IFNAME), else to the address `hostname` resolves to when given, else to gloo's default
// (this host's name, falling back to loopback): the same choice Python makes.
TT_API DH tt_dist_gloo_new(DH store, int rank, int size, int64_t timeout_ms, const char* interface,
    const char* hostname, int threads)
{
    try
    {
        auto options = c10d::ProcessGroupGloo::Options::create(ms(timeout_ms));
        if (interface && *interface) options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(interface));
        else if (hostname && *hostname) options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname(hostname));
        else options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        options->threads = threads > 0 ? threads : 2;
        GroupPtr g = c10::make_intrusive<c10d::ProcessGroupGloo>(store_of(store), rank, size, options);
        return new GroupPtr(std::move(g));
    }
    TT_CATCH(nullptr)
}

TT_API void tt_dist_group_free(DH group) { delete static_cast<GroupPtr*>(group); }

TT_API int tt_dist_group_rank(DH group) { TT_STATUS({ return group_of(group)->getRank(); }) }

TT_API int tt_dist_group_size(DH group) { TT_STATUS({ return group_of(group)->getSize(); }) }

TT_API int tt_dist_set_sequence_number(DH group) { TT_STATUS({ group_of(group)->setSequenceNumberForGroup(); return 0; }) }

TT_API int64_t tt_dist_get_sequence_number(DH group)
{
    try { return static_cast<int64_t>(group_of(group)->getSequenceNumberForGroup()); }
    TT_CATCH(-1)
}

// Starts an all-reduce of `tensors` in place; returns the pending work (wait with tt_dist_work_wait).
TT_API DH tt_dist_all_reduce_start(DH group, TH* tensors, int n, int op, int64_t timeout_ms)
{
    try
    {
        std::vector<at::Tensor> ts = tt::list(tensors, n);
        return new Works(start_all_reduce(group, ts, op, timeout_ms));
    }
    TT_CATCH(nullptr)
}

TT_API int tt_dist_work_wait(DH work, int64_t timeout_ms) { TT_STATUS({ finish(works_of(work), timeout_ms); return 0; }) }

TT_API void tt_dist_work_free(DH work) { delete static_cast<Works*>(work); }

TT_API int tt_dist_all_reduce(DH group, TH* tensors, int n, int op, int64_t timeout_ms)
{
    TT_STATUS({
        std::vector<at::Tensor> ts = tt::list(tensors, n);
        finish(start_all_reduce(group, ts, op, timeout_ms), timeout_ms);
        if (op == 1)
        {
            at::NoGradGuard guard;
            for (auto& t : ts) t.div_(group_of(group)->getSize());
        }
        return 0;
    })
}

TT_API int tt_dist_broadcast(DH group, TH* tensors, int n, int root, int64_t timeout_ms)
{
    TT_STATUS({
        std::vector<at::Tensor> ts = tt::list(tensors, n);
        c10d::BroadcastOptions o;
        o.rootRank = root;
        o.timeout = op_timeout(timeout_ms);
        Works works;
        for (auto& t : ts)
        {
            std::vector<at::Tensor> one{t};
            works.push_back(group_of(group)->broadcast(one, o));
        }
        finish(works, timeout_ms);
        return 0;
    })
}

// Gathers `input` from every rank into `out[0..size)` (fresh handles, rank order). Returns the count written.
TT_API int tt_dist_all_gather(DH group, TH input, TH* out, int capacity, int64_t timeout_ms)
{
    TT_STATUS({
        int size = group_of(group)->getSize();
        std::vector<at::Tensor> in{*input};
        std::vector<std::vector<at::Tensor>> outs(1);
        for (int i = 0; i < size; ++i) outs[0].push_back(at::empty_like(*input));
        c10d::AllgatherOptions o;
        o.timeout = op_timeout(timeout_ms);
        finish({group_of(group)->allgather(outs, in, o)}, timeout_ms);
        return tt::write_list(outs[0], out, capacity);
    })
}

TT_API int tt_dist_barrier(DH group, int64_t timeout_ms)
{
    TT_STATUS({
        c10d::BarrierOptions o;
        o.timeout = op_timeout(timeout_ms);
        finish({group_of(group)->barrier(o)}, timeout_ms);
        return 0;
    })
}

#else // no gloo headers: every entry point fails with the same explanation.

namespace {
const char* kNoGloo = "built without c10d/Gloo: install libgloo-dev and rebuild (bash scripts/build-native.sh)";
}

TT_API int tt_dist_available() { return 0; }
TT_API DH tt_dist_tcp_store_new(const char*, int, int, int, int, int64_t) { tt::set_error(kNoGloo); return nullptr; }
TT_API int tt_dist_tcp_store_port(DH) { tt::set_error(kNoGloo); return -1; }
TT_API DH tt_dist_prefix_store_new(const char*, DH) { tt::set_error(kNoGloo); return nullptr; }
TT_API void tt_dist_store_free(DH) {}
TT_API int tt_dist_store_set(DH, const char*, const uint8_t*, int64_t) { tt::set_error(kNoGloo); return -1; }
TT_API TH tt_dist_store_get(DH, const char*) { tt::set_error(kNoGloo); return nullptr; }
TT_API int64_t tt_dist_bytes_length(TH) { return 0; }
TT_API const char* tt_dist_bytes_data(TH) { return ""; }
TT_API int64_t tt_dist_store_add(DH, const char*, int64_t, int* ok) { tt::set_error(kNoGloo); *ok = 0; return 0; }
TT_API int tt_dist_store_wait(DH, const char**, int, int64_t) { tt::set_error(kNoGloo); return -1; }
TT_API int tt_dist_store_check(DH, const char**, int) { tt::set_error(kNoGloo); return -1; }
TT_API int tt_dist_store_delete(DH, const char*) { tt::set_error(kNoGloo); return -1; }
TT_API int tt_dist_store_set_timeout(DH, int64_t) { tt::set_error(kNoGloo); return -1; }
TT_API DH tt_dist_gloo_new(DH, int, int, int64_t, const char*, const char*, int) { tt::set_error(kNoGloo); return nullptr; }
TT_API void tt_dist_group_free(DH) {}
TT_API int tt_dist_group_rank(DH) { tt::set_error(kNoGloo); return -1; }
TT_API int tt_dist_group_size(DH) { tt::set_error(kNoGloo); return -1; }
TT_API int tt_dist_set_sequence_number(DH) { tt::set_error(kNoGloo); return -1; }
TT_API int64_t tt_dist_get_sequence_number(DH) { tt::set_error(kNoGloo); return -1; }
TT_API DH tt_dist_all_reduce_start(DH, TH*, int, int, int64_t) { tt::set_error(kNoGloo); return nullptr; }
TT_API int tt_dist_work_wait(DH, int64_t) { tt::set_error(kNoGloo); return -1; }
TT_API void tt_dist_work_free(DH) {}
TT_API int tt_dist_all_reduce(DH, TH*, int, int, int64_t) { tt::set_error(kNoGloo); return -1; }
TT_API int tt_dist_broadcast(DH, TH*, int, int, int64_t) { tt::set_error(kNoGloo); return -1; }
TT_API int tt_dist_all_gather(DH, TH, TH*, int, int64_t) { tt::set_error(kNoGloo); return -1; }
TT_API int tt_dist_barrier(DH, int64_t) { tt::set_error(kNoGloo); return -1; }

#endif

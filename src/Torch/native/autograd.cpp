// Autograd: backward, gradients, grad mode, torch.autograd.grad.
#include "shim.h"

#include <torch/csrc/autograd/autograd.h>

TT_API int tt_backward(TH t, TH grad, int retain_graph, int create_graph)
{
    TT_STATUS({
        at::Tensor g = grad ? *grad : at::Tensor();
        t->backward(g, retain_graph ? c10::optional<bool>(true) : c10::nullopt, create_graph != 0);
        return 0;
    })
}

// The .grad of a tensor, or null with an empty error when it has none (not an error).
TT_API TH tt_grad(TH t)
{
    TT_HANDLE({
        const at::Tensor& g = t->grad();
        if (!g.defined())
        {
            tt::set_error("");
            return nullptr;
        }
        return tt::wrap(g);
    })
}

TT_API int tt_set_grad(TH t, TH grad)
{
    TT_STATUS({
        t->mutable_grad() = grad ? *grad : at::Tensor();
        return 0;
    })
}

TT_API int tt_retain_grad(TH t) { TT_STATUS({ t->retain_grad(); return 0; }) }

TT_API int tt_is_grad_enabled() { return at::GradMode::is_enabled() ? 1 : 0; }

// Sets grad mode for this thread and returns the previous mode.
TT_API int tt_set_grad_enabled(int enabled)
{
    int prev = at::GradMode::is_enabled() ? 1 : 0;
    at::GradMode::set_enabled(enabled != 0);
    return prev;
}

// torch.autograd.grad(outputs, inputs, grad_outputs, retain_graph, create_graph, allow_unused).
// An unused input gives a null handle in `out`.
TT_API int tt_autograd_grad(const TH* outputs, int nout, const TH* inputs, int nin, const TH* grad_outputs,
                            int retain_graph, int create_graph, int allow_unused, TH* out)
{
    TT_STATUS({
        std::vector<at::Tensor> go;
        if (grad_outputs)
            for (int i = 0; i < nout; ++i) go.push_back(grad_outputs[i] ? *grad_outputs[i] : at::Tensor());
        auto r = torch::autograd::grad(tt::list(outputs, nout), tt::list(inputs, nin), go,
                                       retain_graph ? c10::optional<bool>(true) : c10::nullopt, create_graph != 0,
                                       allow_unused != 0);
        for (int i = 0; i < nin; ++i) out[i] = r[static_cast<size_t>(i)].defined() ? tt::wrap(r[static_cast<size_t>(i)]) : nullptr;
        return nin;
    })
}

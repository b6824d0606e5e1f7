#!/usr/bin/python3
"""Peer side of `trainer bench` for the GPT workloads of issue 8 (src/Bench.Models/Workloads/GptStep.cs and
PathStarEpoch.cs), in python3-torch. Same protocol as engine_peer.py (setup / run / rss / quit over stdin/stdout,
one JSON object per answer), started as

    OPENBLAS_NUM_THREADS=<blas> /usr/bin/python3 gpt_peer.py --threads <torch threads>

The model mirrors src/Models/Gpt/GptModel: token + learned position embeddings, pre-LayerNorm blocks of causal
multi-head attention (one fused c_attn projection, softmax(Q K^T / sqrt(hs) masked to the past) V, c_proj) and a
GELU MLP of width 4D, a final LayerNorm, and the head tied to the token embedding; dropout 0, biases on. Its
initialisation draws in GptInit's order (every Linear N(0, 0.02) and zero bias, every Embedding N(0, 0.02) in
module order, then the tied head N(0, 0.02) again, then every *.c_proj.weight N(0, 0.02 / sqrt(2 L))), so after
the same manual_seed both sides start from the same weights. Optimizer: torch.optim.AdamW(lr=1e-3) (weight decay
1e-2, 1.13's default single-tensor loop on CPU), zero_grad(set_to_none=True).

Workloads:
    gpt-step, gpt-step-tiny   manual_seed(0), build the model, idx = randint(0, V, (B, T + 1)); one step =
                              cross-entropy of model(idx[:, :T]) against idx[:, 1:], backward, AdamW step.
                              Checksum: the third step's loss.
    path-star-epoch[-tiny]    the edge sequences written by the C# side into
                              $TMPDIR/trainer-bench-<name>.bin (int32 little-endian: count, length, vocab, then the
                              inputs (count, length), then the targets, -1 = ignored); manual_seed(0), build the
                              model (block size 32); one iteration = one epoch of count / 64 steps in file order.
                              Checksum: the mean loss of the first epoch.
"""
import argparse
import math
import os
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from peer_protocol import ready, serve

# name -> (layers, width, heads, vocab, context, batch); must equal GptShape.Canonical / GptShape.Tiny.
GPT_SHAPES = {
    "gpt-step": (2, 128, 4, 512, 32, 64),
    "gpt-step-tiny": (1, 32, 2, 64, 8, 4),
}
# name -> (layers, width, heads, block size, batch); vocab and sequence length come from the data file.
PATH_STAR_SHAPES = {
    "path-star-epoch": (2, 128, 4, 32, 64),
    "path-star-epoch-tiny": (1, 32, 2, 8, 16),
}


class CausalSelfAttention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.c_attn = nn.Linear(width, 3 * width)
        self.c_proj = nn.Linear(width, width)
        self.heads = heads

    def forward(self, x):
        b, t, d = x.shape
        hs = d // self.heads
        q, k, v = (z.view(b, t, self.heads, hs).transpose(1, 2) for z in self.c_attn(x).split(d, dim=2))
        future = torch.ones(t, t, dtype=torch.bool).tril().logical_not()
        scores = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(hs))  # (B, nh, T, T)
        y = scores.masked_fill(future, float("-inf")).softmax(-1) @ v  # (B, nh, T, hs)
        return self.c_proj(y.transpose(1, 2).contiguous().view(b, t, d))


class Mlp(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.c_fc = nn.Linear(width, 4 * width)
        self.gelu = nn.GELU()
        self.c_proj = nn.Linear(4 * width, width)

    def forward(self, x):
        return self.c_proj(self.gelu(self.c_fc(x)))


class Block(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.ln_1 = nn.LayerNorm(width)
        self.attn = CausalSelfAttention(width, heads)
        self.ln_2 = nn.LayerNorm(width)
        self.mlp = Mlp(width)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class Gpt(nn.Module):
    def __init__(self, layers, width, heads, vocab, block_size):
        super().__init__()
        self.transformer = nn.ModuleDict(dict(
            wte=nn.Embedding(vocab, width),
            wpe=nn.Embedding(block_size, width),
            h=nn.ModuleList([Block(width, heads) for _ in range(layers)]),
            ln_f=nn.LayerNorm(width),
        ))
        head = nn.Linear(width, vocab, bias=False)  # built and dropped, as GptModel does when tied (its draws count)
        del head
        with torch.no_grad():
            for m in self.modules():
                if isinstance(m, nn.Linear):
                    m.weight.normal_(0.0, 0.02)
                    m.bias.zero_()
                elif isinstance(m, nn.Embedding):
                    m.weight.normal_(0.0, 0.02)
            self.transformer.wte.weight.normal_(0.0, 0.02)  # the tied head
            for name, p in self.named_parameters():
                if name.endswith("c_proj.weight"):
                    p.normal_(0.0, 0.02 / math.sqrt(2 * max(layers, 1)))

    def forward(self, idx):
        t = idx.shape[1]
        x = self.transformer.wte(idx) + self.transformer.wpe(torch.arange(t))
        for block in self.transformer.h:
            x = block(x)
        return F.linear(self.transformer.ln_f(x), self.transformer.wte.weight)


class Trainer:
    """Model + AdamW; step(x, y) = forward, cross-entropy (ignore -1), backward, step, grads to None."""

    def __init__(self, model):
        self.model = model
        self.opt = torch.optim.AdamW(model.parameters(), lr=1e-3)

    def step(self, x, y):
        logits = self.model(x)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1), ignore_index=-1)
        loss.backward()
        self.opt.step()
        self.opt.zero_grad(set_to_none=True)
        return loss.detach()


class GptStep:
    def __init__(self, name):
        layers, width, heads, vocab, context, batch = GPT_SHAPES[name]
        torch.manual_seed(0)
        self.trainer = Trainer(Gpt(layers, width, heads, vocab, context))
        idx = torch.randint(0, vocab, (batch, context + 1))
        self.x = idx[:, :context].contiguous()
        self.y = idx[:, 1:].contiguous()

    def run(self, n):
        start = time.perf_counter()
        for _ in range(n):
            self.trainer.step(self.x, self.y)
        return time.perf_counter() - start

    def check(self):
        self.trainer.step(self.x, self.y)
        self.trainer.step(self.x, self.y)
        return float(self.trainer.step(self.x, self.y))


def data_path(name):
    return os.path.join(tempfile.gettempdir(), "trainer-bench-%s.bin" % name)


def read_sequences(path):
    raw = np.fromfile(path, dtype="<i4")
    count, length, vocab = (int(v) for v in raw[:3])
    inputs = raw[3:3 + count * length].reshape(count, length)
    targets = raw[3 + count * length:3 + 2 * count * length].reshape(count, length)
    return torch.from_numpy(inputs.astype(np.int64)), torch.from_numpy(targets.astype(np.int64)), vocab


class PathStarEpoch:
    def __init__(self, name):
        layers, width, heads, block_size, batch = PATH_STAR_SHAPES[name]
        inputs, targets, vocab = read_sequences(data_path(name))
        torch.manual_seed(0)
        self.trainer = Trainer(Gpt(layers, width, heads, vocab, block_size))
        self.batches = [(inputs[i:i + batch].contiguous(), targets[i:i + batch].contiguous())
                        for i in range(0, inputs.shape[0], batch)]

    def epoch(self):
        return [self.trainer.step(x, y) for x, y in self.batches]

    def run(self, n):
        start = time.perf_counter()
        for _ in range(n):
            self.epoch()
        return time.perf_counter() - start

    def check(self):
        return float(torch.stack(self.epoch()).mean())


def make(name):
    if name in GPT_SHAPES:
        return GptStep(name)
    if name in PATH_STAR_SHAPES:
        return PathStarEpoch(name)
    raise ValueError("unknown workload: " + name)


def profile(name):
    iterations = 1 if name.startswith("path-star") else 5  # an epoch is 125 steps
    work = make(name)
    work.run(1 if iterations == 1 else 3)
    plain = work.run(iterations) / iterations
    with torch.autograd.profiler.profile() as prof:
        work.run(iterations)
    print("%s: %.1f ms per iteration without the profiler (torch threads %d, OpenBLAS threads %s)"
          % (name, plain * 1e3, torch.get_num_threads(), os.environ.get("OPENBLAS_NUM_THREADS", "default")))
    rows = sorted(prof.key_averages(), key=lambda e: -e.self_cpu_time_total)
    total = sum(e.self_cpu_time_total for e in rows)
    print("%-45s %12s %7s %12s" % ("op", "self ms/iter", "share", "calls/iter"))
    for e in rows[:25]:
        print("%-45s %12.2f %6.1f%% %12.1f" % (e.key[:45], e.self_cpu_time_total / 1e3 / iterations,
                                             100.0 * e.self_cpu_time_total / total, e.count / iterations))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, required=True, help="torch.set_num_threads")
    parser.add_argument("--profile", metavar="WORKLOAD",
                        help="instead of serving the harness: time 5 iterations (1 epoch for path-star) of WORKLOAD "
                             "under torch.autograd.profiler after warm-up and print the 25 ops with the most self CPU time")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.profile:
        profile(args.profile)
        return
    ready(torch.__version__, torch.get_num_threads())
    serve(make)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Peer side of `trainer bench` for the engine workloads: the same work as src/Bench/Workloads, in python3-torch.

Run by the C# harness as a long-lived subprocess so that rounds can alternate (ours, peer, ours, peer, ...):

    OPENBLAS_NUM_THREADS=<blas> /usr/bin/python3 engine_peer.py --threads <torch threads>

It reads one command per line on stdin and answers with one JSON object per line on stdout:

    setup <workload>   -> {"event": "setup", "name": ..., "check": <checksum>}   (creates the seeded inputs)
    run <n>            -> {"event": "run", "seconds": <elapsed for n iterations>}
    rss                -> {"event": "rss", "hwm_kb": <VmHWM since setup>, "maxrss_kb": <getrusage maxrss>}
    quit               -> exits

On start it prints {"event": "ready", ...} with the torch version and the thread settings it actually has.
Workloads (shapes and seeds must match the C# side exactly):
    tiny-add   c = a + b, float32[8]
    matmul-64  c = a @ b, float32 64x64
    gemm-<n>   c = a @ b, float32 n x n
    mlp-step   x(64,256) -> gelu(x W1 + b1)(512) -> W2 + b2 (256), mean((y - t)^2), backward, grads set to None
"""
import argparse
import math
import sys
import time

import torch
import torch.nn.functional as F

from peer_protocol import ready, serve


def sum_of_squares(c):
    return float(c.square().sum())


class BinaryInputs:
    """a, b ~ N(0, 1) of the given shape, drawn after manual_seed(0) (a first, then b)."""

    def __init__(self, shape):
        torch.manual_seed(0)
        self.a = torch.randn(*shape)
        self.b = torch.randn(*shape)


class TinyAdd(BinaryInputs):
    def __init__(self):
        super().__init__((8,))

    def run(self, n):
        a, b = self.a, self.b
        start = time.perf_counter()
        for _ in range(n):
            c = a + b
            del c  # freed at once, as ours frees each result
        return time.perf_counter() - start

    def check(self):
        return sum_of_squares(self.a + self.b)


class Matmul(BinaryInputs):
    def __init__(self, size):
        super().__init__((size, size))

    def run(self, n):
        a, b = self.a, self.b
        start = time.perf_counter()
        for _ in range(n):
            c = a @ b
            del c  # freed at once, as ours frees each result (lets the allocator reuse the block)
        return time.perf_counter() - start

    def check(self):
        return sum_of_squares(self.a @ self.b)


class MlpStep:
    BATCH, IN, HIDDEN, OUT = 64, 256, 512, 256

    def __init__(self):
        torch.manual_seed(0)
        self.x = torch.randn(self.BATCH, self.IN)
        self.t = torch.randn(self.BATCH, self.OUT)
        w1 = self.weight(self.IN, self.HIDDEN)
        b1 = torch.zeros(self.HIDDEN, requires_grad=True)
        w2 = self.weight(self.HIDDEN, self.OUT)
        b2 = torch.zeros(self.OUT, requires_grad=True)
        self.params = [w1, b1, w2, b2]

    @staticmethod
    def weight(fan_in, fan_out):
        return (torch.randn(fan_in, fan_out) * (1.0 / math.sqrt(fan_in))).requires_grad_()

    def step(self):
        w1, b1, w2, b2 = self.params
        h = F.gelu(self.x.matmul(w1).add(b1))
        y = h.matmul(w2).add(b2)
        loss = y.sub(self.t).square().mean()
        loss.backward()
        for p in self.params:
            p.grad = None
        return loss

    def run(self, n):
        start = time.perf_counter()
        for _ in range(n):
            self.step()
        return time.perf_counter() - start

    def check(self):
        return float(self.step())


def make(name):
    if name == "tiny-add":
        return TinyAdd()
    if name == "matmul-64":
        return Matmul(64)
    if name.startswith("gemm-"):
        return Matmul(int(name[len("gemm-"):]))
    if name == "mlp-step":
        return MlpStep()
    raise ValueError("unknown workload: " + name)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, required=True, help="torch.set_num_threads")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    ready(torch.__version__, torch.get_num_threads())

    serve(make)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Peer of `trainer bench hopfield-retrieval` (issue 8, workload 4): the Hopfield retrieval of
src/Bench.Models/Workloads/HopfieldRetrievalSteps.cs in python3-torch, on the same numbers.

    OPENBLAS_NUM_THREADS=<blas> /usr/bin/python3 hopfield_peer.py --threads <torch threads>

Protocol (as bench/python/engine_peer.py): one command per stdin line, one JSON object per answer on stdout:
    setup <workload>  -> {"event": "setup", "name": ..., "check": sum_b xi_3[b] . X[b]}
    run <n>           -> {"event": "run", "seconds": elapsed for n retrievals}
    rss               -> {"event": "rss", "hwm_kb": VmHWM since setup, "maxrss_kb": getrusage maxrss}
    quit
Workloads: hopfield-retrieval (M = 2^16 patterns, B = 1024 queries) and hopfield-retrieval-tiny (M = 2^10, B = 64);
d = 64, 3 updates xi <- softmax((32 xi) X^T) X, run as Trainer's BlockedRetrieval does: the queries in blocks of
max(1, 2^22 // M) rows (16 MB of scores), each block through all updates; while |beta xi . x| <= 60 is guaranteed
(Cauchy-Schwarz on the row norms) the weights are exp(scores) in place, normalised after the second product. After manual_seed(0): X = normalize(randn(M, d)), noise = randn(B, d),
xi_0 = normalize(X[:B] + 0.05 noise), normalize = divide each row by its 2-norm.
"""
import argparse
import math
import sys
import time

import torch

from peer_protocol import ready, serve

DIM, STEPS, BETA, NOISE = 64, 3, 32.0, 0.05
SHAPES = {"hopfield-retrieval": (1 << 16, 1024), "hopfield-retrieval-tiny": (1 << 10, 64)}


def direct_exp_is_safe(states, pattern_norm, patterns):
    """Trainer's BlockedRetrieval.DirectExpIsSafe: |beta xi . x| <= 60 and M e^60 max(|x|, 1) < e^85."""
    bound = abs(BETA) * states.norm(2, 1).max().item() * pattern_norm
    return bound <= 60 and math.log(max(1, patterns)) + 60 + math.log(max(1.0, pattern_norm)) < 85


def normalize(v):
    return v / v.norm(2, 1).unsqueeze(1)


class Retrieval:
    def __init__(self, name):
        patterns, queries = SHAPES[name]
        torch.manual_seed(0)
        self.x = normalize(torch.randn(patterns, DIM))
        noise = torch.randn(queries, DIM)
        self.xi0 = normalize(self.x[:queries] + noise * NOISE)

    def retrieve(self):
        x, xt = self.x, self.x.T
        block = max(1, (1 << 22) // x.shape[0])
        pattern_norm = x.norm(2, 1).max().item()
        parts = []
        for a in range(0, self.xi0.shape[0], block):
            xi = self.xi0[a:a + block]
            for _ in range(STEPS):
                if direct_exp_is_safe(xi, pattern_norm, x.shape[0]):
                    e = xi.mul(BETA).matmul(xt).exp_()              # (b, M) unnormalised weights
                    z = e.sum(1, keepdim=True)                      # (b, 1)
                    xi = e.matmul(x).div_(z)                        # (b, d)
                else:
                    p = torch.softmax(xi.mul(BETA).matmul(xt), dim=-1)  # (b, M)
                    xi = p.matmul(x)                                     # (b, d)
            parts.append(xi)
        return torch.cat(parts)

    def run(self, n):
        with torch.no_grad():
            start = time.perf_counter()
            for _ in range(n):
                xi = self.retrieve()
                del xi
            return time.perf_counter() - start

    def check(self):
        with torch.no_grad():
            xi = self.retrieve()
            return float((xi * self.x[:xi.shape[0]]).sum())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, required=True, help="torch.set_num_threads")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    ready(torch.__version__, torch.get_num_threads())
    serve(lambda name: Retrieval(name) if name in SHAPES else None)


if __name__ == "__main__":
    main()

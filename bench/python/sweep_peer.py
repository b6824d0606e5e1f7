#!/usr/bin/python3
"""Peer of `trainer bench outer-product-sweep` (issue 8, workload 5): the sweep of Trainer's OuterProductSweep
(N = 1e4 tokens, M = 5 classes, Zipf alpha = 2, d in {20, 40, ..., 640} doubling, T = 1e6 samples, 10 draws;
estimators rho = 0, rho = 1, thresholding with P = floor(d / 12), SGD approximation with gamma = 10) in python3-torch.

Two styles of building and scoring the memories W = sum_x q(x) u_{f(x)} e_x^T:
  fast     (the benchmark peer) Trainer's O(N d M) form: V = E^T (q o G) with G = U[f] U^T, all estimators stacked
           as columns, scores E V, argmax over the M classes.
  authors  as the authors' notebooks do: W = (E[idx]^T * q) U[f[idx]] (d x d), then scores E W U^T, one estimator
           at a time (O(N d^2) per memory).

As a harness peer (protocol of bench/python/engine_peer.py: setup/run/rss/quit, one JSON answer per line):
    OPENBLAS_NUM_THREADS=<blas> /usr/bin/python3 sweep_peer.py --threads <torch threads>
  workloads: outer-product-sweep (fast style, 10 draws), outer-product-sweep-authors (authors style, 10 draws),
  outer-product-sweep-tiny (fast, N = 1000, T = 1e4, 1 draw); one run = one whole sweep; the check is the mean error
  over every (draw, d, estimator).
Standalone (prints {"seconds": total, "errors": {estimator: [mean error per d]}, "check": ...}):
    /usr/bin/python3 sweep_peer.py --standalone [--style authors|fast] [--draws 10] [--threads 1]
The random streams differ from Trainer's (torch.multinomial and randn here), so errors agree only statistically.
"""
import argparse
import json
import math
import sys
import time

import torch

from peer_protocol import ready, serve

DIMS = [20, 40, 80, 160, 320, 640]
CLASSES, ALPHA = 5, 2.0
SHAPES = {
    "outer-product-sweep": dict(style="fast", inputs=10_000, samples=1_000_000, draws=10),
    "outer-product-sweep-authors": dict(style="authors", inputs=10_000, samples=1_000_000, draws=10),
    "outer-product-sweep-tiny": dict(style="fast", inputs=1_000, samples=10_000, draws=1),
}


def fixed_estimators(counts, total, classes):
    """The estimators that do not depend on d: rho = 0, rho = 1 and the SGD approximation (gamma = 10)."""
    seen = counts > 0
    freq = counts.double() / total
    table = [0.0]
    for _ in range(int(counts.max())):
        s = table[-1]
        table.append(s + 10.0 / (1.0 + math.exp(s) / classes))
    sgd = torch.tensor(table, dtype=torch.float64)[counts.long()]
    return {"rho=0": seen.double(), "rho=1": torch.where(seen, freq, torch.zeros_like(freq)), "sgd(gamma=10)": sgd}


def threshold(counts, order, d):
    """rho = 0 on the P = floor(d / 12) most frequent seen tokens (stable order: ties to the lower id)."""
    keep = max(1, int(math.floor(d / 12)))
    top = order[:keep]
    q = torch.zeros(len(counts), dtype=torch.float64)
    q[top[counts[top] > 0]] = 1.0
    return q


def sweep(style, inputs, samples, draws):
    """Runs one sweep; returns (seconds, {estimator: {d: [error per draw]}})."""
    n, m, total = inputs, CLASSES, samples
    x = torch.arange(n)
    p = (x + 1.0) ** (-ALPHA)
    p /= p.sum()
    labels = x % m
    errors = {}
    start = time.perf_counter()
    torch.manual_seed(0)
    for _ in range(draws):
        sample = torch.multinomial(p, total, replacement=True)
        counts = torch.bincount(sample, minlength=n)
        fixed = fixed_estimators(counts, total, m)
        order = torch.sort(-counts, stable=True).indices
        for d in DIMS:
            E = torch.randn(n, d) / math.sqrt(d)
            U = torch.randn(m, d)
            U /= U.norm(dim=1, keepdim=True)
            qs = dict(fixed)
            qs["threshold"] = threshold(counts, order, d)
            if style == "authors":
                for name, q in qs.items():
                    idx = torch.nonzero(q).squeeze(1)
                    W = (E[idx].T * q[idx].float()) @ U[labels[idx]]
                    pred = (E @ W @ U.T).argmax(dim=1)
                    errors.setdefault(name, {}).setdefault(d, []).append(p[pred != labels].sum().item())
            else:
                names = list(qs)
                Q = torch.stack([qs[k] for k in names], dim=1).float()
                G = (U @ U.T)[labels]
                V = E.T @ (Q[:, :, None] * G[:, None, :]).reshape(n, -1)
                pred = (E @ V).view(n, len(names), m).argmax(dim=2)
                wrong = (pred != labels[:, None]).double()
                err = p.double() @ wrong
                for k, name in enumerate(names):
                    errors.setdefault(name, {}).setdefault(d, []).append(err[k].item())
    return time.perf_counter() - start, errors


def mean_error(errors):
    values = [e for per_d in errors.values() for draws in per_d.values() for e in draws]
    return sum(values) / len(values)


class Sweep:
    """One whole sweep per iteration; the checksum is the mean error of one sweep."""

    def __init__(self, shape):
        self.shape = shape

    def check(self):
        return mean_error(sweep(**self.shape)[1])

    def run(self, n):
        return sum(sweep(**self.shape)[0] for _ in range(n))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=1, help="torch.set_num_threads")
    ap.add_argument("--standalone", action="store_true", help="run one sweep and print its JSON line")
    ap.add_argument("--style", default="fast", choices=["authors", "fast"])
    ap.add_argument("--draws", type=int, default=10)
    ap.add_argument("--inputs", type=int, default=10_000)
    ap.add_argument("--samples", type=int, default=1_000_000)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    if args.standalone:
        seconds, errors = sweep(args.style, args.inputs, args.samples, args.draws)
        means = {k: [sum(v[d]) / len(v[d]) for d in DIMS] for k, v in errors.items()}
        print(json.dumps({"seconds": seconds, "errors": means, "check": mean_error(errors)}))
        return
    ready(torch.__version__, torch.get_num_threads())
    serve(lambda name: Sweep(SHAPES[name]) if name in SHAPES else None)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Peer of `trainer bench training-rss` (issue 8, the long-run RSS check): the training steps of
src/Bench.Models/Workloads/TrainingRss.cs in python3-torch, on the same numbers.

    OPENBLAS_NUM_THREADS=<blas> /usr/bin/python3 training_peer.py --threads <torch threads>

Protocol (as bench/python/engine_peer.py): setup <workload> / run <n> / rss / quit, one JSON answer per line.
Workload training-rss: one iteration = 100 steps of
    logits = Linear(256, 10)(LayerNorm(256)(GELU(Linear(64, 256)(x)))), x (32, 64), y (32) in [0, 10)
    zero_grad(set_to_none); cross_entropy(logits, y).backward(); clip_grad_norm_(1.0); AdamW(lr 1e-3).step()
After manual_seed(0): the model (default init, module order), x = randn(32, 64), y = randint(0, 10, (32,)).
The check is the loss of the 100th step.
"""
import argparse
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from peer_protocol import ready, serve

STEPS_PER_ITERATION, BATCH, IN, HIDDEN, CLASSES = 100, 32, 64, 256, 10


class Training:
    def __init__(self):
        torch.manual_seed(0)
        self.model = nn.Sequential(nn.Linear(IN, HIDDEN), nn.GELU(), nn.LayerNorm(HIDDEN), nn.Linear(HIDDEN, CLASSES))
        self.params = list(self.model.parameters())
        self.optimizer = torch.optim.AdamW(self.params, lr=1e-3)
        self.x = torch.randn(BATCH, IN)
        self.y = torch.randint(0, CLASSES, (BATCH,))

    def step(self):
        self.optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(self.model(self.x), self.y)
        loss.backward()
        nn.utils.clip_grad_norm_(self.params, 1.0)
        self.optimizer.step()
        return loss

    def run(self, n):
        start = time.perf_counter()
        for _ in range(n * STEPS_PER_ITERATION):
            self.step()
        return time.perf_counter() - start

    def check(self):
        loss = None
        for _ in range(STEPS_PER_ITERATION):
            loss = self.step()
        return float(loss)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, required=True, help="torch.set_num_threads")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    ready(torch.__version__, torch.get_num_threads())
    serve(lambda name: Training() if name == "training-rss" else None)


if __name__ == "__main__":
    main()

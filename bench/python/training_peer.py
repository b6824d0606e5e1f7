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
import ctypes
import json
import resource
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

STEPS_PER_ITERATION, BATCH, IN, HIDDEN, CLASSES = 100, 32, 64, 256, 10


def emit(**fields):
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def blas_threads_and_core():
    """(OpenBLAS threads, kernel family) of the BLAS that torch loaded, or (-1, "")."""
    try:
        lib = ctypes.CDLL("libblas.so.3")
        lib.openblas_get_corename.restype = ctypes.c_char_p
        return int(lib.openblas_get_num_threads()), lib.openblas_get_corename().decode()
    except (OSError, AttributeError):
        return -1, ""


def status_kb(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key):
                return int(line.split()[1])
    return -1


def clear_peak_rss():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


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
    blas_threads, blas_core = blas_threads_and_core()
    emit(event="ready", torch=torch.__version__, threads=torch.get_num_threads(), blas_threads=blas_threads,
         blas_core=blas_core)
    work = None
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        try:
            if parts[0] == "setup":
                work = None
                clear_peak_rss()
                if parts[1] != "training-rss":
                    raise ValueError("unknown workload: " + parts[1])
                work = Training()
                emit(event="setup", name=parts[1], check=work.check())
            elif parts[0] == "run":
                emit(event="run", seconds=work.run(int(parts[1])))
            elif parts[0] == "rss":
                emit(event="rss", hwm_kb=status_kb("VmHWM:"), maxrss_kb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
            elif parts[0] == "quit":
                break
            else:
                raise ValueError("unknown command: " + parts[0])
        except Exception as e:  # reported to the harness; the session goes on
            emit(event="error", message="%s: %s" % (type(e).__name__, e))


if __name__ == "__main__":
    main()

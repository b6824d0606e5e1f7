#!/usr/bin/python3
"""Peer of `trainer bench node2vec` (issue 8, workload 3): python3-gensim's skip-gram on the walks that Trainer's
side wrote, timed the same way (one run = build the model, build_vocab, train one epoch), and scored with the same
link-prediction AUC.

    OPENBLAS_NUM_THREADS=<blas> /usr/bin/python3 node2vec_peer.py --threads <torch threads>

Protocol (as bench/python/engine_peer.py): setup <workload> / run <n> / rss / quit, one JSON answer per line.
Files: the harness process (our parent) writes them before `setup`, into $TMPDIR (else /tmp) /
trainer-bench-node2vec-<parent pid>/:
    walks.txt  one walk per line, node ids separated by spaces
    pairs.txt  first line "nodes dim window negatives epochs", then "u v label" per test pair (1 = held-out edge,
               0 = non-edge)
Model: Word2Vec(sg=1, hs=0, negative, window, vector_size=dim, sample=0, min_count=1, alpha 0.025 -> 0.0001,
seed=1, workers = max(--threads, OPENBLAS_NUM_THREADS)). The check is the ROC AUC (sklearn) of the dot product
e_u . e_v over the test pairs; nodes absent from the walks keep a zero vector.
"""
import argparse
import os
import sys
import time

import numpy as np
from gensim import __version__ as gensim_version
from gensim.models import Word2Vec
from sklearn.metrics import roc_auc_score

from peer_protocol import ready, serve


def shared_directory():
    """The folder our parent (the C# harness) writes to: the same rule as Node2VecEpoch.SharedDirectory."""
    return os.path.join(os.environ.get("TMPDIR") or "/tmp", "trainer-bench-node2vec-%d" % os.getppid())


class SkipGram:
    def __init__(self, workers):
        folder = shared_directory()
        with open(os.path.join(folder, "walks.txt")) as f:
            self.walks = [line.split() for line in f if line.strip()]
        with open(os.path.join(folder, "pairs.txt")) as f:
            self.nodes, self.dim, self.window, self.negative, self.epochs = (int(v) for v in f.readline().split())
            rows = np.array([[int(v) for v in line.split()] for line in f if line.strip()], dtype=np.int64)
        self.pairs, self.labels = rows[:, :2], rows[:, 2]
        self.workers = workers

    def train(self):
        """Builds and trains one model; returns (seconds of build_vocab + train, model)."""
        start = time.perf_counter()
        model = Word2Vec(vector_size=self.dim, window=self.window, sg=1, hs=0, negative=self.negative, min_count=1,
                         sample=0, alpha=0.025, min_alpha=0.0001, workers=self.workers, seed=1)
        model.build_vocab(self.walks)
        model.train(self.walks, total_examples=len(self.walks), epochs=self.epochs)
        return time.perf_counter() - start, model

    def auc(self, model):
        emb = np.zeros((self.nodes, self.dim), dtype=np.float32)
        for key, index in model.wv.key_to_index.items():
            emb[int(key)] = model.wv.vectors[index]
        scores = np.einsum("ij,ij->i", emb[self.pairs[:, 0]].astype(np.float64), emb[self.pairs[:, 1]].astype(np.float64))
        return float(roc_auc_score(self.labels, scores))

    def run(self, n):
        return sum(self.train()[0] for _ in range(n))

    def check(self):
        return self.auc(self.train()[1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, required=True, help="torch threads of the run; workers = max(this, BLAS)")
    args = parser.parse_args()
    blas = int(os.environ.get("OPENBLAS_NUM_THREADS") or 1)
    workers = max(args.threads, blas)
    ready("gensim " + gensim_version, workers, blas, "")
    serve(lambda name: SkipGram(workers) if name.startswith("node2vec") else None)


if __name__ == "__main__":
    main()

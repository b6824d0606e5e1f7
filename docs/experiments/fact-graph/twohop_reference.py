#!/usr/bin/env python3
"""Independent python3-torch check of the fact-graph experiment's composition numbers (not run by the tests).

A random fact graph like the experiment's small scale (E = 200 entities, R = 3 relations, every (head, relation)
has one uniform tail), 300 distinct 2-hop queries of which half are trained ("seen") and half held out ("unseen").
A 2-layer, 2-head, D = 64 pre-LN causal transformer with tied embeddings (torch.nn.TransformerEncoder) trains
full batch on the facts plus the seen compositions (AdamW lr 3e-3, 50 warm-up steps, cosine to lr/10, clip 1) and
prints exact-answer accuracy on facts, seen and unseen compositions. The graph is drawn with Python's random, so it is
the same kind of graph as the experiment's, not the same graph.

usage: /usr/bin/python3 twohop_reference.py [steps=1500] [weight_decay=0.01] [inter]
  inter: targets list the intermediate entity too (e_h r1 r2 -> t1 t2)
"""
import math
import random
import sys

import torch

torch.manual_seed(0)
random.seed(0)
E, R, D = 200, 3, 64
steps = int(sys.argv[1]) if len(sys.argv) > 1 else 1500
wd = float(sys.argv[2]) if len(sys.argv) > 2 else 0.01
inter = len(sys.argv) > 3 and sys.argv[3] == "inter"
PAD = E + R
L = 4 if inter else 3  # next-token positions of the longest example

tail = {(h, r): random.choice([t for t in range(E) if t != h]) for h in range(E) for r in range(R)}
queries = set()
while len(queries) < 300:
    queries.add((random.randrange(E), random.randrange(R), random.randrange(R)))
queries = sorted(queries)
random.shuffle(queries)
unseen, seen = queries[:150], queries[150:]


def fact(h, r):
    return [h, E + r], [tail[(h, r)]]


def query(h, r1, r2):
    t1 = tail[(h, r1)]
    t2 = tail[(t1, r2)]
    return [h, E + r1, E + r2], ([t1, t2] if inter else [t2])


def encode(examples):
    xs, ys = [], []
    for prompt, target in examples:
        seq = prompt + target
        x = seq[:-1]
        y = [-1] * (len(prompt) - 1) + target
        xs.append(x + [PAD] * (L - len(x)))
        ys.append(y + [-1] * (L - len(y)))
    return torch.tensor(xs), torch.tensor(ys)


facts = [fact(h, r) for h in range(E) for r in range(R)]
x_train, y_train = encode(facts + [query(*q) for q in seen])
splits = {"facts": encode(facts), "seen": encode([query(*q) for q in seen]), "unseen": encode([query(*q) for q in unseen])}


class Gpt(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.wte = torch.nn.Embedding(E + R + 1, D)
        self.wpe = torch.nn.Embedding(L, D)
        layer = torch.nn.TransformerEncoderLayer(D, 2, 4 * D, 0.0, activation="gelu", batch_first=True, norm_first=True)
        self.blocks = torch.nn.TransformerEncoder(layer, 2)
        self.ln = torch.nn.LayerNorm(D)
        torch.nn.init.normal_(self.wte.weight, std=0.02)

    def forward(self, x):
        t = x.shape[1]
        mask = torch.triu(torch.full((t, t), float("-inf")), 1)
        h = self.blocks(self.wte(x) + self.wpe(torch.arange(t)), mask=mask)
        return self.ln(h) @ self.wte.weight.T  # tied output embedding


model = Gpt()
opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=wd)
schedule = torch.optim.lr_scheduler.LambdaLR(
    opt, lambda i: min(1.0, (i + 1) / 50) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(i, steps) / steps))))


def exact(x, y):
    with torch.no_grad():
        ok = (model(x).argmax(-1) == y) | (y < 0)
        return ok.all(1).float().mean().item()


for step in range(1, steps + 1):
    logits = model(x_train)
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, E + R + 1), y_train.reshape(-1), ignore_index=-1)
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    schedule.step()
    if step % max(1, steps // 5) == 0:
        accs = " ".join(f"{name} {exact(*xy):.3f}" for name, xy in splits.items())
        print(f"step {step} loss {loss.item():.4f} {accs}", flush=True)

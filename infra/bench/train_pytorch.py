#!/usr/bin/env python3
"""The PyTorch half of infra/bench/train and gpu-check.sh: the same GPT as
activities/.../model/Gpt.java, op for op, and the same training step as Pretrainer
(AdamW 0.9/0.95 eps 1e-8, decay 0.1 on rank >= 2 tensors, global grad clip 1.0).

Gpt.java, restated: HF GPT-2 names and layout; Conv1D weights (in, out) applied as x @ W + b;
init N(0, 0.02), c_proj weights N(0, 0.02 / sqrt(2 * layers)), LayerNorm 1/0 with eps 1e-5,
biases 0; dropout after the embedding sum, on attention probabilities and after both residual
projections; attention q @ k^T * 1/sqrt(head_dim) plus an additive -1e9 causal mask, softmax;
exact (erf) GELU; final LayerNorm; logits = h @ wte^T (tied, no bias); loss = mean NLL from
log_softmax + gather.

Prints RESULT lines the scripts parse. Modes: make-tokens, time, parity.
"""
import argparse
import json
import math
import os
import re
import resource
import struct
import sys
import time

import torch
import torch.nn.functional as F


class Gpt(torch.nn.Module):
    def __init__(self, layers, heads, d, ctx, vocab, dropout):
        super().__init__()
        self.layers, self.heads, self.d, self.ctx, self.dropout = layers, heads, d, ctx, dropout
        resid = 0.02 / math.sqrt(2.0 * layers)
        p = {}
        p["wte.weight"] = torch.randn(vocab, d) * 0.02
        p["wpe.weight"] = torch.randn(ctx, d) * 0.02
        for i in range(layers):
            h = f"h.{i}."
            p[h + "ln_1.weight"], p[h + "ln_1.bias"] = torch.ones(d), torch.zeros(d)
            p[h + "attn.c_attn.weight"] = torch.randn(d, 3 * d) * 0.02
            p[h + "attn.c_attn.bias"] = torch.zeros(3 * d)
            p[h + "attn.c_proj.weight"] = torch.randn(d, d) * resid
            p[h + "attn.c_proj.bias"] = torch.zeros(d)
            p[h + "ln_2.weight"], p[h + "ln_2.bias"] = torch.ones(d), torch.zeros(d)
            p[h + "mlp.c_fc.weight"] = torch.randn(d, 4 * d) * 0.02
            p[h + "mlp.c_fc.bias"] = torch.zeros(4 * d)
            p[h + "mlp.c_proj.weight"] = torch.randn(4 * d, d) * resid
            p[h + "mlp.c_proj.bias"] = torch.zeros(d)
        p["ln_f.weight"], p["ln_f.bias"] = torch.ones(d), torch.zeros(d)
        self.names = list(p)
        self.params = torch.nn.ParameterList([torch.nn.Parameter(t) for t in p.values()])

    def p(self, name):
        return self.params[self.names.index(name)]

    def named(self):
        return dict(zip(self.names, self.params))

    def drop(self, x):
        return F.dropout(x, self.dropout, self.training) if self.dropout > 0 else x

    def conv1d(self, x, name):
        return x @ self.p(name + ".weight") + self.p(name + ".bias")

    def ln(self, x, name):
        return F.layer_norm(x, (self.d,), self.p(name + ".weight"), self.p(name + ".bias"), 1e-5)

    def attention(self, h, x, mask):
        b, t, c = x.shape
        nh = self.heads
        q, k, v = self.conv1d(x, h + "attn.c_attn").split(c, dim=2)
        q = q.reshape(b, t, nh, c // nh).permute(0, 2, 1, 3)
        k = k.reshape(b, t, nh, c // nh).permute(0, 2, 3, 1)
        v = v.reshape(b, t, nh, c // nh).permute(0, 2, 1, 3)
        att = (q @ k) * (1.0 / math.sqrt(c / nh)) + mask
        att = self.drop(att.softmax(-1))
        y = (att @ v).permute(0, 2, 1, 3).reshape(b, t, c)
        return self.drop(self.conv1d(y, h + "attn.c_proj"))

    def mlp(self, h, x):
        return self.drop(self.conv1d(F.gelu(self.conv1d(x, h + "mlp.c_fc")), h + "mlp.c_proj"))

    def forward(self, idx):
        t = idx.shape[1]
        pos = torch.arange(0, t, dtype=torch.int64, device=idx.device)
        x = self.drop(F.embedding(idx, self.p("wte.weight")) + F.embedding(pos, self.p("wpe.weight")))
        row = torch.arange(0, t, device=idx.device).reshape(t, 1)
        col = torch.arange(0, t, device=idx.device).reshape(1, t)
        mask = (col > row).to(torch.float32) * -1e9
        for i in range(self.layers):
            h = f"h.{i}."
            x = x + self.attention(h, self.ln(x, h + "ln_1"), mask)
            x = x + self.mlp(h, self.ln(x, h + "ln_2"))
        return self.ln(x, "ln_f") @ self.p("wte.weight").t()


def cross_entropy(logits, targets):
    return -logits.log_softmax(-1).gather(-1, targets.unsqueeze(-1)).mean()


def lr_at(step, peak, lo, warmup, total):  # LrSchedule.java
    if step <= warmup:
        return peak * step / warmup
    if step >= total:
        return lo
    progress = (step - warmup) / (total - warmup)
    return lo + 0.5 * (peak - lo) * (1 + math.cos(math.pi * progress))


class Trainer:
    PHASES = ["forward", "backward", "clip", "adamw", "zero+free"]

    def __init__(self, model, device):
        self.model, self.device = model, device
        decay = [p for p in model.params if p.dim() >= 2]
        rest = [p for p in model.params if p.dim() < 2]
        self.opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1},
                                      {"params": rest, "weight_decay": 0.0}],
                                     lr=6e-4, betas=(0.9, 0.95), eps=1e-8)
        self.phase = [0.0] * len(self.PHASES)
        self.loss = float("nan")
        self.norm = float("nan")

    def sync(self):
        if self.device.type == "cuda":
            torch.cuda.synchronize()

    def lap(self, i, since):
        now = time.perf_counter()
        self.phase[i] += now - since
        return now

    def step(self, x, y, step, lr):
        t = time.perf_counter()
        torch.manual_seed(1234 ^ step)
        loss = cross_entropy(self.model(x), y)
        t = self.lap(0, t)
        loss.backward()
        self.loss = loss.item()
        t = self.lap(1, t)
        self.norm = float(torch.nn.utils.clip_grad_norm_(self.model.params, 1.0))
        t = self.lap(2, t)
        for g in self.opt.param_groups:
            g["lr"] = lr
        self.opt.step()
        t = self.lap(3, t)
        self.opt.zero_grad(set_to_none=True)
        self.lap(4, t)


def batches(tokens, ctx, batch, device, shuffle_seed=None):
    windows = (len(tokens) - 1) // ctx
    order = torch.arange(windows)
    if shuffle_seed is not None:
        order = order[torch.randperm(windows, generator=torch.Generator().manual_seed(shuffle_seed))]
    starts = (order * ctx).tolist()
    at = 0
    while True:
        rows = []
        for _ in range(batch):
            rows.append(starts[at % windows])
            at += 1
        idx = torch.tensor(rows).unsqueeze(1) + torch.arange(ctx + 1)
        w = tokens[idx].to(torch.int64)
        yield w[:, :-1].to(device), w[:, 1:].to(device)


def read_tokens(path):
    with open(path, "rb") as f:
        data = f.read()
    return torch.tensor(struct.unpack(f"<{len(data) // 4}i", data), dtype=torch.int32)


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        assert meta["dtype"] == "F32", meta
        a, b = meta["data_offsets"]
        out[name] = torch.frombuffer(bytearray(data[a:b]), dtype=torch.float32).reshape(meta["shape"])
    return out


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", default="time", choices=["make-tokens", "time", "parity", "blas"])
    ap.add_argument("--tokens")
    ap.add_argument("--count", type=int, default=1 << 20)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--d", type=int, default=128)
    ap.add_argument("--ctx", type=int, default=128)
    ap.add_argument("--vocab", type=int, default=4096)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--lr", type=float, default=6e-4)
    ap.add_argument("--warmup", type=int, default=10)
    ap.add_argument("--steps", type=int, default=60)
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--weights", help="parity: model.safetensors written by TrainBench")
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()

    if a.mode == "make-tokens":
        g = torch.Generator().manual_seed(20240607)
        t = torch.randint(0, a.vocab, (a.count,), generator=g, dtype=torch.int32)
        with open(a.tokens, "wb") as f:
            f.write(struct.pack(f"<{a.count}i", *t.tolist()))
        return

    if a.mode == "blas":
        torch.set_num_threads(a.threads)
        kind, libs = blas_in_use()
        print(f"RESULT torch_blas kind={kind} threads={torch.get_num_threads()}"
              f" torch={torch.__version__} libs={','.join(libs) or 'none'}")
        return

    if a.device == "cpu":
        torch.set_num_threads(a.threads)
        torch.set_num_interop_threads(a.threads)
    device = torch.device(a.device)
    print(f"INFO torch={torch.__version__} threads={torch.get_num_threads()} device={device}"
          f" blas={blas_name()}", flush=True)
    tokens = read_tokens(a.tokens)
    torch.manual_seed(1234)
    model = Gpt(a.layers, a.heads, a.d, a.ctx, a.vocab, a.dropout)
    if a.weights:
        loaded = read_safetensors(a.weights)
        with torch.no_grad():
            for name, p in model.named().items():
                p.copy_(loaded[name])
    model.to(device).train()
    trainer = Trainer(model, device)
    n = sum(p.numel() for p in model.params)
    print(f"INFO parameters={n}", flush=True)

    if a.mode == "parity":
        data = batches(tokens, a.ctx, a.batch, device)
        for step in range(1, a.steps + 1):
            x, y = next(data)
            trainer.step(x, y, step, a.lr)
            print(f"RESULT torch_parity step={step} loss={trainer.loss:.6f} grad_norm={trainer.norm:.6f}")
        return

    data = batches(tokens, a.ctx, a.batch, device, shuffle_seed=7)
    total = a.warmup + a.steps * a.repeats
    step = 0
    for _ in range(a.warmup):
        step += 1
        x, y = next(data)
        trainer.step(x, y, step, lr_at(step, a.lr, a.lr / 10, a.warmup, total))
    trainer.sync()
    print(f"INFO warmup done, loss={trainer.loss:.4f} rss_mb={rss_mb():.1f}", flush=True)
    for r in range(1, a.repeats + 1):
        trainer.phase = [0.0] * len(Trainer.PHASES)
        t0 = time.perf_counter()
        for _ in range(a.steps):
            step += 1
            x, y = next(data)
            trainer.step(x, y, step, lr_at(step, a.lr, a.lr / 10, a.warmup, total))
        trainer.sync()
        sec = time.perf_counter() - t0
        tps = a.steps * a.batch * a.ctx / sec
        print(f"RESULT torch repeat={r} steps={a.steps} seconds={sec:.3f} tokens_per_s={tps:.1f}"
              f" loss={trainer.loss:.4f} rss_mb={rss_mb():.1f}", flush=True)
        print("PHASES torch ms_per_step " + " ".join(
            f"{n}={t * 1000 / a.steps:.2f}" for n, t in zip(Trainer.PHASES, trainer.phase)), flush=True)
    if device.type == "cuda":
        print(f"INFO cuda_max_allocated_gb={torch.cuda.max_memory_allocated() / 2**30:.1f}")


def blas_name():
    return blas_in_use()[0]


def blas_in_use():
    """The BLAS this process really runs: its build info, and the libraries mapped after a matmul.

    Debian's torch reports BLAS_INFO=generic: it calls whatever libblas.so.3 the alternatives
    system points at, which is OpenBLAS only if one is installed; otherwise netlib's reference
    BLAS, roughly ten times slower (seen: 338 tokens/s against DJL's 4,222).
    """
    m = re.search(r"BLAS_INFO=(\w+)", torch.__config__.show())
    info = m.group(1) if m else "unknown"
    torch.mm(torch.ones(64, 64), torch.ones(64, 64))  # make sure the BLAS is loaded
    libs = set()
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1] if "/" in line else ""
            if re.search(r"(blas|mkl|lapack)[^/]*\.so", path):
                libs.add(os.path.realpath(path))
    names = " ".join(sorted(libs))
    if info == "mkl" or "mkl" in names:
        kind = "mkl"
    elif "openblas" in names:
        kind = "openblas"
    elif "blis" in names:
        kind = "blis"
    elif re.search(r"/blas/libblas\.so", names):
        kind = "reference"  # netlib: /usr/lib/<arch>/blas/libblas.so.3
    elif info == "generic":
        kind = "unknown"
    else:
        kind = info
    return kind, sorted(libs)


if __name__ == "__main__":
    sys.exit(main())

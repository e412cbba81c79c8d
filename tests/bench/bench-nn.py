#!/usr/bin/python3
"""Neural-network benchmark: Strata against PyTorch 1.13 on CPU.

Usage (meson runs it with `meson test -C build --benchmark`, i.e. `make bench`):

    tests/bench/bench-nn.py BUILD/tests/bench-nn [--models lenet,mlp,lstm]
                            [--epochs lenet=3,mlp=3,lstm=1] [--repeat N]
                            [--threads 2]

Both implementations train the same architecture (bench-nn.c lists them) on
the same 60,000 MNIST training images, with the same batch size (64),
optimizer, learning rate and weight initialisation (He-uniform weights, zero
biases), and are scored on the same 10,000 test images. Each runs in its own
process with exactly --threads threads and no oversubscription:

  Strata   OPENBLAS_NUM_THREADS=THREADS (the trainer runs THREADS shards and
           switches OpenBLAS to one thread while it trains)
  PyTorch  OMP_NUM_THREADS=THREADS, OPENBLAS_NUM_THREADS=1,
           torch.set_num_threads(THREADS): PyTorch's best setting

Reported: seconds per epoch (median over every epoch of every repeat),
CPU seconds per epoch (process CPU time: on a shared machine it is far less
inflated than wall time, except for threads that spin while they wait),
images per second, peak RSS of the process (MB), test accuracy after the
last epoch, achieved GFLOP/s (6 × forward multiply-adds per training image,
the usual forward + backward estimate) against the cblas_sgemm peak measured
in the same run, and the Strata / PyTorch ratios against the goals.
"""

import argparse
import math
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("STRATA_SOURCE_ROOT", os.path.dirname(os.path.dirname(HERE)))
MNIST = os.path.join(ROOT, "data", "datasets", "mnist")

GOALS = {"lenet": 0.5, "mlp": 0.5, "lstm": 0.7}
# Training FLOPs per image: 6 × forward multiply-adds, as bench-nn.c prints
# (strata_network_forward_macs): LeNet-5 281,640; MLP 234,752; LSTM
# 28 steps × 4·128·(28 + 128) + 1,280 = 2,237,696.
FLOPS = {"lenet": 1689840, "mlp": 1408512, "lstm": 13426176}
MEMORY_GOAL = 0.5
ACCURACY_GOAL = 0.003


# --- PyTorch side (run in a child process) -------------------------------

def torch_main(model, epochs, threads, seed):
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    torch.set_num_threads(threads)
    torch.manual_seed(seed)

    def images(name):
        with gzip.open(os.path.join(MNIST, name)) as f:
            data = f.read()
        return torch.from_numpy(
            np.frombuffer(data, np.uint8, offset=16).reshape(-1, 1, 28, 28)
            .astype(np.float32) / 255.0)

    def labels(name):
        with gzip.open(os.path.join(MNIST, name)) as f:
            data = f.read()
        return torch.from_numpy(np.frombuffer(data, np.uint8, offset=8).astype(np.int64))

    x, y = images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz")
    xt, yt = images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz")

    class Seq(nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(28, 128, batch_first=True)
            self.fc = nn.Linear(128, 10)

        def forward(self, v):
            out, _ = self.lstm(v.view(-1, 28, 28))
            return self.fc(out[:, -1])

    if model == "lenet":
        net = nn.Sequential(
            nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
            nn.Linear(256, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
            nn.Linear(84, 10))
    elif model == "mlp":
        net = nn.Sequential(
            nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128),
            nn.ReLU(), nn.Linear(128, 10))
    else:
        net = Seq()
    for m in net.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            nn.init.kaiming_uniform_(m.weight, nonlinearity="relu")
            nn.init.zeros_(m.bias)
    if model == "lstm":
        # Strata's LSTM initialisation (engine/strata-layer-lstm.c), not
        # PyTorch's default U(±1/sqrt(H)) on every tensor: Glorot-uniform
        # weights with fan_in = input size, fan_out = H (bound
        # sqrt(6 / (fan_in + fan_out))), zero biases except the forget
        # gate's, which starts at 1 (Gers et al. 2000; Jozefowicz et al.
        # 2015). Gate order is i, f, g, o in both.
        h = net.lstm.hidden_size
        with torch.no_grad():
            for name, p in net.lstm.named_parameters():
                if name.startswith("weight"):
                    fan_in = p.shape[1]
                    bound = math.sqrt(6.0 / (fan_in + h))
                    p.uniform_(-bound, bound)
                else:
                    p.zero_()
            net.lstm.bias_ih_l0[h:2 * h].fill_(1.0)
    if model == "lenet":
        opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    else:
        opt = torch.optim.Adam(net.parameters(), lr=0.001)

    n = x.shape[0]
    for epoch in range(1, epochs + 1):
        t0 = time.perf_counter()
        c0 = time.process_time()
        perm = torch.randperm(n)
        total = 0.0
        for i in range(0, n, 64):
            idx = perm[i:i + 64]
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(net(x[idx]), y[idx])
            loss.backward()
            opt.step()
            total += loss.item() * idx.shape[0]
        secs = time.perf_counter() - t0
        print(json.dumps({"bench": model, "impl": "pytorch", "epoch": epoch,
                          "seconds": secs, "cpu_seconds": time.process_time() - c0,
                          "images_per_second": n / secs,
                          "train_loss": total / n}), flush=True)
    with torch.no_grad():
        correct = sum(int((net(xt[i:i + 1000]).argmax(1) == yt[i:i + 1000]).sum())
                      for i in range(0, xt.shape[0], 1000))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"bench": model, "impl": "pytorch",
                      "test_accuracy": correct / xt.shape[0], "peak_rss_mb": rss}))


# --- Driver ---------------------------------------------------------------

def run(cmd, env_extra):
    env = dict(os.environ)
    env.update(env_extra)
    env["STRATA_SOURCE_ROOT"] = ROOT
    out = subprocess.run(cmd, env=env, check=True, stdout=subprocess.PIPE,
                         text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def summarise(records):
    epochs = [r for r in records if "epoch" in r]
    final = [r for r in records if "test_accuracy" in r]
    secs = statistics.median(r["seconds"] for r in epochs)
    return {
        "seconds": secs,
        "cpu_seconds": statistics.median(r["cpu_seconds"] for r in epochs),
        "images_per_second": 60000 / secs,
        "peak_rss_mb": max(r["peak_rss_mb"] for r in final),
        "test_accuracy": statistics.median(r["test_accuracy"] for r in final),
        "flops": epochs[0].get("train_flops_per_image"),
        "n_epochs": len(epochs),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench_nn", nargs="?", help="path to the bench-nn executable")
    ap.add_argument("--models", default="lenet,mlp,lstm")
    ap.add_argument("--epochs", default="lenet=3,mlp=3,lstm=1")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--impl", default="strata,pytorch",
                    help="run only one side with strata or pytorch (no ratios)")
    ap.add_argument("--torch", help=argparse.SUPPRESS)
    args = ap.parse_args()
    epochs = dict((k, int(v)) for k, v in (p.split("=") for p in args.epochs.split(",")))

    if args.torch:
        torch_main(args.torch, epochs[args.torch], args.threads, args.seed)
        return
    if not args.bench_nn:
        ap.error("the path to bench-nn is required")

    t = str(args.threads)
    peak = run([args.bench_nn, "sgemm"], {"OPENBLAS_NUM_THREADS": t})[0]["gflops"]
    load = os.getloadavg()[0]
    print(f"cblas_sgemm peak (2048³, {t} threads): {peak:.1f} GFLOP/s; "
          f"load average at start {load:.1f} on {os.cpu_count()} CPUs "
          "(a shared machine inflates every time below)")
    rows = []
    for model in args.models.split(","):
        recs = {"strata": [], "pytorch": []}
        impls = args.impl.split(",")
        for rep in range(args.repeat):
            if "strata" in impls:
                recs["strata"] += run(
                    [args.bench_nn, model, "--epochs", str(epochs[model]),
                     "--threads", t, "--seed", str(args.seed + rep)],
                    {"OPENBLAS_NUM_THREADS": t})
            if "pytorch" in impls:
                recs["pytorch"] += run(
                    [sys.executable, os.path.abspath(__file__), "--torch", model,
                     "--epochs", args.epochs, "--threads", t, "--seed", str(args.seed + rep)],
                    {"OMP_NUM_THREADS": t, "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": t})
        s = summarise(recs["strata"]) if recs["strata"] else None
        p = summarise(recs["pytorch"]) if recs["pytorch"] else None
        if p is not None:
            p["flops"] = FLOPS[model]
        rows.append((model, s, p))

    print(f"\n{'model':6} {'impl':8} {'s/epoch':>8} {'cpu s':>7} {'images/s':>9} {'RSS MB':>7} "
          f"{'test acc':>8} {'GFLOP/s':>8} {'% peak':>6}")
    for model, s, p in rows:
        for name, r in (("strata", s), ("pytorch", p)):
            if r is None:
                continue
            gf = r["flops"] * r["images_per_second"] / 1e9
            print(f"{model:6} {name:8} {r['seconds']:8.2f} {r['cpu_seconds']:7.2f} "
                  f"{r['images_per_second']:9.0f} "
                  f"{r['peak_rss_mb']:7.0f} {100 * r['test_accuracy']:7.2f}% "
                  f"{gf:8.1f} {100 * gf / peak:5.1f}%")
    print("\nratios Strata / PyTorch (median over "
          f"{args.repeat} repeat(s); goal in brackets):")
    for model, s, p in rows:
        if s is None or p is None:
            continue
        tr = s["seconds"] / p["seconds"]
        cr = s["cpu_seconds"] / p["cpu_seconds"]
        mr = s["peak_rss_mb"] / p["peak_rss_mb"]
        da = s["test_accuracy"] - p["test_accuracy"]
        print(f"  {model:6} time {tr:5.2f} [≤ {GOALS[model]}] {'ok' if tr <= GOALS[model] else 'MISSED'}"
              f" (CPU time {cr:5.2f})"
              f"   memory {mr:5.2f} [≤ {MEMORY_GOAL}] {'ok' if mr <= MEMORY_GOAL else 'MISSED'}"
              f"   accuracy {100 * da:+5.2f} points [±0.3] "
              f"{'ok' if abs(da) <= ACCURACY_GOAL else 'MISSED'}")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
# bench-tree.py — Strata's CART fit against scikit-learn's, in one run.
#
#   /usr/bin/python3 tests/bench/bench-tree.py BUILD/tests/bench-tree [--repeats R]
#                                              [--rows N] [--skip-large]
#
# (meson: `meson test -C build --benchmark --suite tree --verbose`.)
#
# Datasets: a generated classification set (sklearn make_classification,
# 1,000,000 training + 200,000 test rows × 20 features, seed 0; written to a
# temporary directory as raw float64 and deleted afterwards, never
# committed), mushroom (ordinal codes) and the cleaned Titanic, prepared as
# tests/fixtures/tree/gen.py does. Both sides fit with scikit-learn's
# defaults (gini, unlimited depth) in their own process; each prints its fit
# times, test accuracy and peak resident memory (VmHWM, data included). The
# table shows medians over --repeats fits; scikit-learn's accuracy is given
# as the median and range over its random_state 0 … R-1, since ties between
# splits make it vary with the seed.
#
# Copyright 2026 The Strata developers
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

SKLEARN_CHILD = r"""
import json, sys, time
import numpy as np
from sklearn.tree import DecisionTreeClassifier
sys.path.insert(0, sys.argv[1])
kind, arg, repeats = sys.argv[2], sys.argv[3], int(sys.argv[4])
if kind == "binary":
    d, n, m = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
    x_train = np.fromfile(arg + "/train-X.f64").reshape(n, d)
    y_train = np.fromfile(arg + "/train-y.f64")
    x_test = np.fromfile(arg + "/test-X.f64").reshape(m, d)
    y_test = np.fromfile(arg + "/test-y.f64")
else:
    import gen
    x, y = gen.DATASETS[arg]()
    train, test = gen.split(len(y))
    x_train, y_train, x_test, y_test = x[train].values, y[train].values, x[test].values, y[test].values
times, accuracies = [], []
for r in range(repeats):
    model = DecisionTreeClassifier(random_state=r)
    start = time.perf_counter()
    model.fit(x_train, y_train)
    times.append(time.perf_counter() - start)
    accuracies.append(float(np.mean(model.predict(x_test) == y_test)))
peak = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0]
print(json.dumps({"fit_seconds": times, "accuracy": float(np.median(accuracies)),
                  "accuracy_range": [min(accuracies), max(accuracies)],
                  "depth": int(model.get_depth()), "n_leaves": int(model.get_n_leaves()),
                  "peak_rss_mb": int(peak.split()[1]) / 1024.0}))
"""


def run_json(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def generate(directory, n_train, n_test, d):
    import numpy as np
    from sklearn.datasets import make_classification
    x, y = make_classification(n_samples=n_train + n_test, n_features=d, n_informative=10,
                               n_redundant=5, random_state=0)
    x[:n_train].astype(np.float64).tofile(os.path.join(directory, "train-X.f64"))
    y[:n_train].astype(np.float64).tofile(os.path.join(directory, "train-y.f64"))
    x[n_train:].astype(np.float64).tofile(os.path.join(directory, "test-X.f64"))
    y[n_train:].astype(np.float64).tofile(os.path.join(directory, "test-y.f64"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bench_exe")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--test-rows", type=int, default=200_000)
    parser.add_argument("--features", type=int, default=20)
    parser.add_argument("--skip-large", action="store_true")
    args = parser.parse_args()

    fixtures = os.path.join(ROOT, "tests", "fixtures", "tree")
    env_root = dict(os.environ, STRATA_SOURCE_ROOT=ROOT)
    os.environ.update(env_root)
    results = []
    print("load average at start: %.2f %.2f %.2f (the machine is shared: medians below)"
          % os.getloadavg(), flush=True)

    for name in ("mushroom", "titanic"):
        small_repeats = max(args.repeats, 20)
        strata = run_json([args.bench_exe, "--dataset", name, "--repeats", str(small_repeats)])
        sk = run_json([sys.executable, "-c", SKLEARN_CHILD, fixtures, "dataset", name,
                       str(small_repeats)])
        results.append((name, strata, sk))

    if not args.skip_large:
        tmp = tempfile.mkdtemp(prefix="strata-bench-tree-")
        try:
            start = time.perf_counter()
            generate(tmp, args.rows, args.test_rows, args.features)
            print("generated %d + %d rows × %d features in %.1f s"
                  % (args.rows, args.test_rows, args.features, time.perf_counter() - start),
                  flush=True)
            strata = run_json([args.bench_exe, "--binary", tmp, "--rows", str(args.rows),
                               "--test-rows", str(args.test_rows), "--features",
                               str(args.features), "--repeats", str(args.repeats)])
            sk = run_json([sys.executable, "-c", SKLEARN_CHILD, fixtures, "binary", tmp,
                           str(args.repeats), str(args.features), str(args.rows),
                           str(args.test_rows)])
            results.append(("generated %dx%d" % (args.rows, args.features), strata, sk))
        finally:
            shutil.rmtree(tmp)

    print()
    print("%-20s %11s %11s %7s %9s %9s %9s %21s %11s" %
          ("dataset", "strata s", "sklearn s", "speedup", "strata MB", "sk MB",
           "strata acc", "sk acc median [range]", "leaves s/sk"))
    for name, st, sk in results:
        ts, tk = statistics.median(st["fit_seconds"]), statistics.median(sk["fit_seconds"])
        print("%-20s %11.4f %11.4f %6.1fx %9.1f %9.1f %9.4f %9.4f [%.4f,%.4f] %11s" %
              (name, ts, tk, tk / ts, st["peak_rss_mb"], sk["peak_rss_mb"],
               st["accuracy"], sk["accuracy"], sk["accuracy_range"][0], sk["accuracy_range"][1],
               "%d/%d" % (st["n_leaves"], sk["n_leaves"])))
    print("load average at end: %.2f %.2f %.2f" % os.getloadavg())
    print(json.dumps({name: {"strata": st, "sklearn": sk} for name, st, sk in results}))


if __name__ == "__main__":
    main()

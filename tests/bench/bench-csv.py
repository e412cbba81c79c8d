#!/usr/bin/python3
# bench-csv.py — Strata's CSV import against pandas.read_csv, on the same files
#
# Copyright 2026 The Strata developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench-csv.py --bench-exe BUILD/tests/bench-csv [--data-dir DIR] [--runs N]
#
# Generates (once; never committed) into DIR (default /tmp/strata-bench-csv):
#   numeric.csv  1,000,000 rows x 20 columns, ~190 MB: 5 integer columns and
#                15 decimals with 4 places, some negative
#   mixed.csv    1,000,000 rows x 8 columns, ~110 MB: quoted names with commas
#                and doubled quotes, a 50-value category, decimals with 10%
#                empty fields, integers with 5% "NA", dates, free text
# then times `bench-csv FILE` (Strata) and pandas.read_csv(FILE) (Debian's
# pandas, /usr/bin/python3) N times each in separate processes, and prints
# the median MB/s (MB = 10^6 bytes), the ratio Strata / pandas, and peak
# resident memory. Exit status 0 even when the goal is missed: this is a
# measurement, not a test.

import argparse
import json
import os
import statistics
import subprocess
import sys

import numpy as np
import pandas as pd

ROWS = 1_000_000
SEED = 20261121

PANDAS_READ = r"""
import json, resource, sys, time
import pandas
start = time.perf_counter()
df = pandas.read_csv(sys.argv[1])
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "rows": len(df),
                  "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def generate_numeric(path):
    rng = np.random.default_rng(SEED)
    data = {}
    for j in range(5):
        data[f"i{j}"] = rng.integers(-100_000, 1_000_000, ROWS)
    for j in range(15):
        data[f"x{j}"] = rng.uniform(-1000.0, 1000.0, ROWS)
    pd.DataFrame(data).to_csv(path, index=False, float_format="%.4f")


def generate_mixed(path):
    rng = np.random.default_rng(SEED + 1)
    last = np.array(["Smith", "O'Brien", "Nguyen", "Müller", "Garcia", "Kowalski",
                     "Lee", "Dubois", "Rossi", "Ivanova"])
    first = np.array(["Ann", "Bob", "Chloé", "Dmitri", "Eve", "Farid", "Grace",
                      "Hiro", "Ines", "Jon \"JJ\""])
    cities = np.array([f"City {k}" for k in range(50)])
    words = np.array(["alpha", "beta", "gamma, delta", "said \"hi\"", "lorem", "ipsum"])
    n = ROWS
    name = np.char.add(np.char.add(last[rng.integers(0, 10, n)], ", "), first[rng.integers(0, 10, n)])
    name = np.char.add(name, rng.integers(0, 1000, n).astype(str))
    score = np.round(rng.normal(50.0, 15.0, n), 3)
    score[rng.random(n) < 0.10] = np.nan
    age = rng.integers(18, 90, n).astype(object)
    age[rng.random(n) < 0.05] = "NA"
    days = rng.integers(0, 3650, n)
    date = (np.datetime64("2015-01-01") + days).astype(str)
    comment = np.char.add(np.char.add(words[rng.integers(0, 6, n)], " "), words[rng.integers(0, 6, n)])
    df = pd.DataFrame({"id": np.arange(n), "name": name, "city": cities[rng.integers(0, 50, n)],
                       "score": score, "age": age, "date": date, "comment": comment,
                       "flag": rng.integers(0, 2, n)})
    df.to_csv(path, index=False, na_rep="")


def run_json(argv):
    out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bench-exe", required=True)
    ap.add_argument("--data-dir", default="/tmp/strata-bench-csv")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    os.makedirs(args.data_dir, exist_ok=True)
    files = [("numeric", generate_numeric), ("mixed", generate_mixed)]
    print(f"{'file':8} {'MB':>6} {'strata MB/s':>11} {'pandas MB/s':>11} {'ratio':>6} "
          f"{'strata RSS':>10} {'table':>8} {'RSS/table':>9} {'pandas RSS':>10}")
    for name, generate in files:
        path = os.path.join(args.data_dir, name + ".csv")
        if not os.path.exists(path):
            print(f"generating {path} ...", file=sys.stderr)
            generate(path + ".tmp")
            os.rename(path + ".tmp", path)
        size = os.path.getsize(path)
        strata = [run_json([args.bench_exe, path]) for _ in range(args.runs)]
        pandas_runs = [run_json(["/usr/bin/python3", "-c", PANDAS_READ, path]) for _ in range(args.runs)]
        s_sec = statistics.median(r["seconds"] for r in strata)
        p_sec = statistics.median(r["seconds"] for r in pandas_runs)
        s_rss = statistics.median(r["peak_rss_bytes"] for r in strata)
        s_base = statistics.median(r["base_rss_bytes"] for r in strata)
        p_rss = statistics.median(r["peak_rss_bytes"] for r in pandas_runs)
        table = strata[0]["table_bytes"]
        assert strata[0]["rows"] == pandas_runs[0]["rows"], "row counts differ"
        print(f"{name:8} {size / 1e6:6.1f} {size / 1e6 / s_sec:11.1f} {size / 1e6 / p_sec:11.1f} "
              f"{p_sec / s_sec:6.2f} {s_rss / 1e6:9.1f}M {table / 1e6:7.1f}M "
              f"{(s_rss - s_base) / table:9.2f} {p_rss / 1e6:9.1f}M")
        print(f"  strata seconds {[round(r['seconds'], 3) for r in strata]}, "
              f"pandas seconds {[round(r['seconds'], 3) for r in pandas_runs]}")


if __name__ == "__main__":
    main()

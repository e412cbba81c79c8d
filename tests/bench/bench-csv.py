#!/usr/bin/python3
# bench-csv.py — Strata's CSV import against pandas.read_csv, on the same files
#
# Copyright 2026 The Strata developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench-csv.py --bench-exe BUILD/tests/bench-csv [--data-dir DIR] [--runs N]
#                     [--single-thread]
#
# Generates (once; never committed) into DIR (default /tmp/strata-bench-csv):
#   numeric.csv  1,000,000 rows x 20 columns, ~200 MB: 5 integer columns and
#                15 decimals with 5 places, some negative
#   mixed.csv    1,000,000 rows x 8 columns, ~110 MB: quoted names with commas
#                and doubled quotes, a 50-value category, decimals with 10%
#                empty fields, integers with 5% "NA", dates, free text
# then times `bench-csv FILE` (Strata) and pandas.read_csv(FILE) (Debian's
# pandas, /usr/bin/python3) N times each, alternating, in separate processes,
# and prints the median MB/s (MB = 10^6 bytes) by wall clock and by CPU time
# (user + system of the read alone: on a shared, loaded machine the wall
# clock mostly measures the other processes), the ratios Strata / pandas, and
# peak resident memory: Strata's increase during the read over the table's
# own size (strata_table_get_memory_size), and pandas' whole process.
# With --single-thread, each round also runs `bench-csv --single-thread FILE`
# (the two-thread pipeline off) and prints its row ("strata-1") against the
# same pandas runs. The load average is printed before and after each file.
# Exit status 0 even when the goal is missed: this is a measurement, not a
# test.

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
import json, sys, time
import pandas
start, cpu = time.perf_counter(), time.process_time()
df = pandas.read_csv(sys.argv[1])
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
# VmHWM, not ru_maxrss: the latter keeps the parent's peak across exec.
hwm = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) * 1024
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "rows": len(df), "peak_rss_bytes": hwm}))
"""


def generate_numeric(path):
    rng = np.random.default_rng(SEED)
    data = {}
    for j in range(5):
        data[f"i{j}"] = rng.integers(-1_000_000, 10_000_000, ROWS)
    for j in range(15):
        data[f"x{j}"] = rng.uniform(-1000.0, 1000.0, ROWS)
    pd.DataFrame(data).to_csv(path, index=False, float_format="%.5f")


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
    ap.add_argument("--single-thread", action="store_true",
                    help="also time the single-threaded reader in the same rounds")
    args = ap.parse_args()

    os.makedirs(args.data_dir, exist_ok=True)
    files = [("numeric", generate_numeric), ("mixed", generate_mixed)]
    print(f"{'file':8} {'MB':>6} | {'MB/s by wall clock':^26} | {'MB/s by CPU time':^26} | "
          f"{'strata RSS':>10} {'table':>7} {'ratio':>5} | {'pandas RSS':>10}")
    print(f"{'':8} {'':>6} | {'strata':>8} {'pandas':>8} {'ratio':>8} | {'strata':>8} {'pandas':>8} {'ratio':>8} | "
          f"{'increase':>10} {'':>7} {'':>5} | {'':>10}")
    for name, generate in files:
        path = os.path.join(args.data_dir, name + ".csv")
        if not os.path.exists(path):
            print(f"generating {path} ...", file=sys.stderr)
            generate(path + ".tmp")
            os.rename(path + ".tmp", path)
        mb = os.path.getsize(path) / 1e6
        load_before = os.getloadavg()[0]
        strata, single, pandas_runs = [], [], []
        for _ in range(args.runs):
            strata.append(run_json([args.bench_exe, path]))
            if args.single_thread:
                single.append(run_json([args.bench_exe, "--single-thread", path]))
            pandas_runs.append(run_json(["/usr/bin/python3", "-c", PANDAS_READ, path]))
        load_after = os.getloadavg()[0]
        assert strata[0]["rows"] == pandas_runs[0]["rows"], "row counts differ"

        def med(runs, key):
            return statistics.median(r[key] for r in runs)

        p_wall = mb / med(pandas_runs, "seconds")
        p_cpu = mb / med(pandas_runs, "cpu_seconds")
        rows = [(name, strata)] + ([(name + "-1", single)] if single else [])
        for label, runs in rows:
            s_wall, s_cpu = mb / med(runs, "seconds"), mb / med(runs, "cpu_seconds")
            increase = med(runs, "peak_rss_bytes") - med(runs, "base_rss_bytes")
            table = runs[0]["table_bytes"]
            print(f"{label:8} {mb:6.1f} | {s_wall:8.1f} {p_wall:8.1f} {s_wall / p_wall:7.2f}x | "
                  f"{s_cpu:8.1f} {p_cpu:8.1f} {s_cpu / p_cpu:7.2f}x | "
                  f"{increase / 1e6:9.1f}M {table / 1e6:6.1f}M {increase / table:5.2f} | "
                  f"{med(pandas_runs, 'peak_rss_bytes') / 1e6:9.1f}M")
        for label, runs in (("strata", strata), ("strata-1", single), ("pandas", pandas_runs)):
            if runs:
                print(f"  {label} wall {[round(r['seconds'], 3) for r in runs]} "
                      f"cpu {[round(r['cpu_seconds'], 3) for r in runs]}")
        handed = statistics.median(r.get("handed_over_bytes", 0) for r in strata) / os.path.getsize(path)
        print(f"  load average {load_before:.2f} -> {load_after:.2f}; "
              f"lines handed to the caller's parser: {handed:.0%} of the bytes (median)")


if __name__ == "__main__":
    main()

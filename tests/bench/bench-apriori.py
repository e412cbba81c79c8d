#!/usr/bin/python3
"""Benchmark of `strata apriori` (not a test): whole-process wall time and
peak memory, as Borgelt's reference figures are measured.

Usage: bench-apriori.py STRATA_EXE DATASETS_DIR [RUNS]

For each case, runs `strata apriori FILE --itemsets --min-support S` RUNS
times (default 5) under /usr/bin/time (peak RSS) and prints the median wall
time (reading the file included), the median CPU time (user + system: less
sensitive to other load on the machine), the median peak RSS and the
itemset count;
then runs the rules once (--min-confidence 0.5) for the rule count and time;
last, the median time of `strata --version` (process start-up, the floor of
every figure).
"""

import os
import re
import statistics
import subprocess
import sys
import time

CASES = [
    ("retail.dat", "0.005"),
    ("retail.dat", "0.001"),
    ("retail.dat", "0.0002"),
    ("groceries.csv", "0.001"),
]

SUMMARY = re.compile(r"(\d+) itemsets, (\d+) rules")


def run(cmd):
    """Runs cmd under /usr/bin/time; returns (seconds, peak RSS MiB, CPU
    seconds (user + system), stderr)."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "RSS %M CPU %U %S"] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), p.stderr))
    m = re.search(r"RSS (\d+) CPU ([\d.]+) ([\d.]+)", p.stderr)
    return seconds, int(m.group(1)) / 1024.0, float(m.group(2)) + float(m.group(3)), p.stderr


def main():
    exe, datasets = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    print("%-14s %8s %10s %9s %9s %9s %9s %9s"
          % ("file", "support", "itemsets", "time_s", "cpu_s", "rss_mib", "rules", "rules_s"))
    for name, support in CASES:
        path = os.path.join(datasets, name)
        cmd = [exe, "apriori", path, "--min-support", support]
        times, cpu, rss = [], [], []
        for _ in range(runs):
            t, m, c, err = run(cmd + ["--itemsets"])
            times.append(t)
            cpu.append(c)
            rss.append(m)
        n_itemsets = int(SUMMARY.search(err).group(1))
        t_rules, _, _, err = run(cmd + ["--min-confidence", "0.5"])
        n_rules = int(SUMMARY.search(err).group(2))
        print("%-14s %8s %10d %9.3f %9.3f %9.1f %9d %9.3f"
              % (name, support, n_itemsets, statistics.median(times), statistics.median(cpu),
                 statistics.median(rss), n_rules, t_rules))
        sys.stdout.flush()
    # The fixed part of every figure above: starting the process.
    startup = [run([exe, "--version"])[0] for _ in range(runs)]
    print("start-up (strata --version): %.3f s" % statistics.median(startup))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Prints the table of infra/bench/pipeline/run from its RESULT lines, the ratio of the whole data
stage to the Hugging Face floor, and the language stage's cost. A mode run more than once (e.g.
`run data nolang nolang data`) counts by the median of its runs' seconds and rates.
Usage: summary.py RESULTS NPROC MB
"""
import statistics
import sys

TIMED = ("wall_s", "cpu_s", "mb_s", "docs_s")


def parse(path):
    runs = {}
    for line in open(path):
        parts = line.split()
        if len(parts) < 3:
            continue
        runs.setdefault(parts[0], []).append(dict(p.split("=", 1) for p in parts[2:] if "=" in p))
    rows = {}
    for tag, each in runs.items():
        row = dict(each[0])
        for key in TIMED:
            if key in row:
                row[key] = str(statistics.median(float(r[key]) for r in each))
        row["runs"] = len(each)
        rows[tag] = row
    return rows


def num(row, key):
    return float(row[key])


def ratio(rows, a, b, key):
    if a in rows and b in rows and num(rows[b], key) > 0:
        return num(rows[a], key) / num(rows[b], key)
    return None


def main():
    rows = parse(sys.argv[1])
    print(f"\n== infra/bench/pipeline: {sys.argv[3]} MB corpus, {sys.argv[2]} cores, DirectRunner ==")
    print(f"{'stage':16s} {'runs':>4s} {'MB':>8s} {'docs':>7s} {'wall s':>8s} {'CPU s':>8s} {'MB/s':>8s} {'docs/s':>8s}  kept")
    for tag, r in rows.items():
        kept = f"{r.get('kept', '')} docs {r.get('kept_mb', '')} MB" if "kept" in r else r.get("tokens", r.get("vocab", ""))
        print(f"{tag:16s} {r['runs']:4d} {num(r, 'mb'):8.2f} {int(r['docs']):7d} {num(r, 'wall_s'):8.2f} {num(r, 'cpu_s'):8.2f} "
              f"{num(r, 'mb_s'):8.3f} {num(r, 'docs_s'):8.1f}  {kept}")
    if "data" in rows and "floor" in rows:
        data, floor = rows["data"], rows["floor"]
        print(f"ratio data stage / floor: {num(data, 'mb_s') / num(floor, 'mb_s'):.3f} "
              f"(input MB/s {num(data, 'mb_s'):.3f} vs the floor's kept-text MB/s {num(floor, 'mb_s'):.3f}); "
              f"by kept text: {num(data, 'kept_mb') / num(data, 'wall_s') / num(floor, 'mb_s'):.3f}  (goal >= 0.5)")
        # On a shared machine wall time follows the load; CPU seconds per kept byte compare better.
        print(f"ratio by CPU seconds for the same kept text: floor {num(floor, 'cpu_s'):.2f} s / "
              f"data stage {num(data, 'cpu_s'):.2f} s = {num(floor, 'cpu_s') / num(data, 'cpu_s'):.3f}")
    lang = ratio(rows, "data", "nolang", "cpu_s")
    if lang:
        print(f"language stage: data stage CPU with / without language x{lang:.2f}, "
              f"wall x{ratio(rows, 'data', 'nolang', 'wall_s'):.2f}  (target <= x1.20)")
    for tag in ("data", "nolang"):
        before = ratio(rows, tag + "-baseline", tag, "cpu_s")
        if before:
            print(f"baseline / current, {tag}: CPU x{before:.2f}, wall x{ratio(rows, tag + '-baseline', tag, 'wall_s'):.2f}")


if __name__ == "__main__":
    main()

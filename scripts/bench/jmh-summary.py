"""Summarises a JMH JSON result (SampleTime mode, -prof gc) of PlanBenchmark as benchmark rows.

One fork is one run: for each benchmark it prints, over the forks, min/median/max of the p50 and of the p99 plan
time (from each fork's sample histogram) and of the bytes allocated per plan (gc.alloc.rate.norm).
Usage: python3 jmh-summary.py result.json
"""
import json
import statistics
import sys

LABELS = {
    "stableTorch": ("`torch` (stable)", None),
    "stableTorchTorchvisionTorchaudio": ("`torch torchvision torchaudio` (stable)", "p50 < 20 us"),
    "nightlyTorchTorchvisionTorchaudio": ("`torch torchvision torchaudio` (nightly)", None),
}


def percentile(histogram, fraction):
    """histogram: [[value, count], ...] merged over a fork's iterations."""
    ordered = sorted(histogram)
    total = sum(count for _, count in ordered)
    wanted = fraction * total
    seen = 0
    for value, count in ordered:
        seen += count
        if seen >= wanted:
            return value
    return ordered[-1][0]


def stats(values, form):
    values = sorted(values)
    return " | ".join(form.format(v) for v in (values[0], statistics.median(values), values[-1]))


def main(path):
    with open(path) as source:
        results = json.load(source)
    if not results:
        sys.exit(f"{path}: no benchmark results (see JMH's output)")
    order = list(LABELS)
    results.sort(key=lambda r: order.index(r["benchmark"].rsplit(".", 1)[1]) if r["benchmark"].rsplit(".", 1)[1] in order else len(order))
    for result in results:
        name = result["benchmark"].rsplit(".", 1)[1]
        label, goal = LABELS.get(name, (name, None))
        forks = result["primaryMetric"]["rawDataHistogram"]
        unit = result["primaryMetric"]["scoreUnit"].replace("/op", "")
        merged = [[pair for iteration in fork for pair in iteration] for fork in forks]
        p50 = [percentile(fork, 0.50) for fork in merged]
        p99 = [percentile(fork, 0.99) for fork in merged]
        runs = len(merged)
        print(f"| plan {label}, p50 ({unit}) | {runs} | {stats(p50, '{:.1f}')} | {goal or '-'} |")
        print(f"| plan {label}, p99 ({unit}) | {runs} | {stats(p99, '{:.1f}')} | - |")
        allocation = result.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        if allocation:
            per_fork = [statistics.mean(fork) for fork in allocation["rawData"]]
            print(f"| plan {label}, allocated per plan (B) | {runs} | {stats(per_fork, '{:.0f}')} | - |")


if __name__ == "__main__":
    main(sys.argv[1])

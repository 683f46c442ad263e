"""Prints "min median max" (seconds) of each command of a hyperfine JSON export, one line per command."""
import json
import statistics
import sys

with open(sys.argv[1]) as source:
    for result in json.load(source)["results"]:
        times = result["times"]
        print(f"{min(times):.3f} {statistics.median(times):.3f} {max(times):.3f}")

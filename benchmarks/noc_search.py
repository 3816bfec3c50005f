"""In-process cost of an occupation search over the whole NOC 2021 index of titles.

Run by hand, not by pytest:

    python benchmarks/noc_search.py [--runs 51] [--check]

Loads the bundled catalog, builds the index of ~28,000 titles once (its time is printed: a
session pays it on its first search by words), then times each query `--runs` times and prints
the median. The baseline, measured in the same process over the same titles, is the least any
search must do: lower-case the query and scan every title for it as a substring. Queries cover
a plain title, two words, an abbreviation, a typo (rapidfuzz against the vocabulary), a word no
title has (the search falls back to the other words), a prefix that fits thousands of titles,
and codes. Target: every median < 50 ms.

--check exits 1 when a query's median is above the target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial

from oinp_assistant.catalog import load_catalog
from oinp_assistant.occupation_search import display
from oinp_assistant.occupations import load_titles

TARGET_MS = 50.0
QUERIES = (
    "welder",
    "mine electrician",
    "personal support worker",
    "RPN",
    "sofware developer",
    "truck driver AZ",
    "s",
    "21231",
    "2174",
)


def _substring_scan(query: str, titles: list[str]) -> list[str]:
    return [title for title in titles if query in title]


def _median_ms(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=51, help="timed runs per query (default 51)")
    parser.add_argument("--check", action="store_true", help="exit 1 above the target")
    args = parser.parse_args()

    catalog = load_catalog()
    start = time.perf_counter()
    index = catalog.title_index
    build_ms = (time.perf_counter() - start) * 1000
    titles = [
        display(t).lower() for _, t in load_titles(catalog.data_dir / "noc2021-all-titles.csv")
    ]
    catalog.search_occupations("warm-up sofware")  # rapidfuzz's import is not a search's cost

    print(f"python:  {sys.executable} ({sys.version.split()[0]})")
    print(
        f"index:   {len(index)} titles, read and built in {build_ms:.0f} ms "
        "(once, by the first search by words)"
    )
    print(f"runs:    {args.runs} per query; baseline: substring scan of the same titles\n")
    print(f"{'query':<26}{'search ms':>10}{'baseline ms':>13}{'ratio':>8}")
    worst = 0.0
    for query in QUERIES:
        lowered = query.lower()
        ours = _median_ms(partial(catalog.search_occupations, query), args.runs)
        base = _median_ms(partial(_substring_scan, lowered, titles), args.runs)
        worst = max(worst, ours)
        print(f"{query!r:<26}{ours:>10.2f}{base:>13.2f}{ours / base:>8.2f}")
    verdict = "met" if worst < TARGET_MS else "NOT met"
    print(f"\nslowest median {worst:.2f} ms; target < {TARGET_MS:.0f} ms per query: {verdict}")
    return 1 if args.check and worst >= TARGET_MS else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: the full single + pairwise closure sweep of the shipped supply network.

Measures, in one process and on the same graph:

* sweep: ``natoasia.logistics.closure_sweep`` (baseline, every single and every pairwise
  country closure; per scenario a filtered graph view, Dijkstra to the entry sink, and the
  route's summary row);
* floor: the same number of plain ``networkx.single_source_dijkstra`` calls from the origin
  to the sink on the unfiltered graph (no closures, no summaries): the least any sweep of
  that many shortest paths can cost with networkx.

Each is timed ``--repeat`` times; the best time is reported (the least disturbed run).
Prints scenarios per second for both, the sweep's cost per scenario and the ratio
sweep / floor.

Usage: python bench/bench_logistics.py [--repeat 5] [--max-closed 2]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import networkx as nx  # noqa: E402

from natoasia import logistics  # noqa: E402


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--max-closed", type=int, default=2, choices=(1, 2, 3))
    args = parser.parse_args(argv)

    network = logistics.load_network()
    graph = logistics.build_graph(network)
    origin = logistics.DEFAULT_ORIGIN
    sweep = logistics.closure_sweep(graph, origin, max_closed=args.max_closed)
    n = len(sweep)
    sink = logistics._SINK

    def run_sweep():
        logistics.closure_sweep(graph, origin, max_closed=args.max_closed)

    def run_floor():
        for _ in range(n):
            nx.single_source_dijkstra(graph, origin, sink, weight="cost")

    sweep_s = best_of(args.repeat, run_sweep)
    floor_s = best_of(args.repeat, run_floor)
    countries = len(logistics.closable_countries(graph, origin))
    print(f"network: {graph.number_of_nodes() - 1} nodes, {graph.number_of_edges()} edges "
          f"(incl. entry edges); {countries} closable countries")
    print(f"scenarios: {n} (baseline + closures of up to {args.max_closed} countries); "
          f"{int((~sweep['reachable']).sum())} leave no route")
    print(f"sweep: {sweep_s * 1000:8.1f} ms  {n / sweep_s:9.0f} scenarios/s  "
          f"{sweep_s / n * 1e6:7.0f} µs/scenario  (best of {args.repeat})")
    print(f"floor: {floor_s * 1000:8.1f} ms  {n / floor_s:9.0f} shortest paths/s  "
          f"{floor_s / n * 1e6:7.0f} µs/path  ({n} plain networkx Dijkstra calls)")
    print(f"ratio sweep / floor: {sweep_s / floor_s:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

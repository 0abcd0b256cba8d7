"""Turn a scripts/bench run into the results section of docs/benchmarks.md.

    python -m tests.benchmarks.web.report RUN_DIR

RUN_DIR holds, per region size N, locust's n{N}_stats.csv, the X-Queries counts n{N}-queries.json
and the gunicorn workers' memory n{N}-rss.txt (kB per worker). The section between the markers
in docs/benchmarks.md is replaced; everything else in that file is left as written.
"""

import csv
import json
import statistics
import sys
from pathlib import Path

DOC = Path(__file__).resolve().parents[3] / "docs" / "benchmarks.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
P95_TO_BASELINE, GROWTH = 2.5, 1.2


def _stats(run: Path, n: str) -> dict[str, dict]:
    with open(run / f"n{n}_stats.csv") as rows:
        return {row["Name"]: row for row in csv.DictReader(rows) if row["Name"] != "Aggregated"}


def _aggregated(run: Path, n: str) -> dict:
    with open(run / f"n{n}_stats.csv") as rows:
        return next(row for row in csv.DictReader(rows) if row["Name"] == "Aggregated")


def _queries(run: Path, n: str) -> dict[str, float]:
    counts = json.loads((run / f"n{n}-queries.json").read_text())
    return {name: statistics.median(values) for name, values in counts.items() if values}


def section(run: Path) -> str:
    sizes = sorted({p.name.split("_")[0][1:] for p in run.glob("n*_stats.csv")}, key=int)
    small, large = sizes[0], sizes[-1]
    stats = {n: _stats(run, n) for n in sizes}
    queries = {n: _queries(run, n) for n in sizes}
    lines = [
        f"Run `{run.name}`: region sizes {', '.join(sizes)} schools; "
        + "; ".join(
            f"N={n}: {float(_aggregated(run, n)['Requests/s']):.1f} requests/s, "
            f"{_aggregated(run, n)['Failure Count']} errors"
            for n in sizes
        )
        + ".",
        "",
        f"| Page | p50 ms (N={small}) | p95 ms (N={small}) | p95 / baseline | p50 ms (N={large}) "
        f"| p95 ms (N={large}) | p95 / baseline | p95 N={large} / N={small} | queries "
        f"(N={small} / N={large}) | targets |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    base = {n: float(stats[n]["baseline"]["95%"]) for n in sizes}
    for name in stats[small]:
        row = {n: stats[n].get(name) for n in sizes}
        if any(r is None for r in row.values()):
            continue
        p50 = {n: float(row[n]["50%"]) for n in sizes}
        p95 = {n: float(row[n]["95%"]) for n in sizes}
        ratio = {n: p95[n] / base[n] for n in sizes}
        growth = p95[large] / p95[small]
        q = {n: queries[n].get(name, float("nan")) for n in sizes}
        met = (
            all(r <= P95_TO_BASELINE for r in ratio.values())
            and growth <= GROWTH
            and q[small] == q[large]
        )
        lines.append(
            f"| {name} | {p50[small]:.0f} | {p95[small]:.0f} | {ratio[small]:.2f}× "
            f"| {p50[large]:.0f} | {p95[large]:.0f} | {ratio[large]:.2f}× | {growth:.2f}× "
            f"| {q[small]:g} / {q[large]:g} | {'met' if met else 'missed'} |"
        )
    memory = []
    for n in sizes:
        rss = run / f"n{n}-rss.txt"
        if rss.exists():
            kb = [int(v) for v in rss.read_text().split()]
            memory.append(f"N={n}: largest web worker {max(kb) / 1024:.0f} MB")
    if memory:
        lines += ["", "Memory after the run: " + "; ".join(memory) + "."]
    return "\n".join(lines)


def main() -> None:
    run = Path(sys.argv[1])
    text = DOC.read_text()
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    DOC.write_text(f"{head}{BEGIN}\n{section(run)}\n{END}{tail}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmark the statutory clock (mediation.rules) against the naive day-by-day oracle.

Usage:
    python scripts/benchmark_clock.py [--cases 1000000] [--naive-sample 20000] [--repeats 3]

What it does:
1. Generates synthetic cases with a fixed seed (``mediation.rules.reference.random_case``:
   decision letters across 2014-2038, events in a realistic order, some with health issues,
   some health-only, some with a written agreement), plus a "today" for each case somewhere in
   its first four months.
2. Times, per case, (a) the full path a page takes: ``CaseFacts(...)`` (validation) and
   ``compute_deadlines(facts, today)`` (every deadline, with its status), and (b) the engine
   alone: ``compute_deadlines(facts)`` on facts built beforehand. Cases are made in chunks so
   generation is never timed and memory stays small; each chunk is timed ``--repeats`` times and
   the reported rate is the median over the repeats of the whole run.
3. Runs the naive oracle on the first ``--naive-sample`` cases (0 = all): due dates by walking
   one day at a time (``naive_deadlines``) and, for the full path, each status by walking from
   today to the due date (``naive_statuses``). It checks that both give the same answers, times
   the engine on exactly the same cases, and prints the per-case speed ratios.
4. Times the calendar primitives alone (working_days_between, add_working_days) against the
   day-by-day walk over spans of up to two years, where O(log n) against O(n) shows.
5. Times writing every explanation for a sample, to show what the lazy explanations cost when a
   page does read them.

Both CPU time (``time.process_time``: this process only) and wall time are reported. On a shared
machine the CPU time is the steadier measure of the code's own cost; wall time also counts the
time other processes held the cores. Exit status 1 if the engine and the oracle disagree.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path

# Import the package from this checkout without installing anything.
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from mediation.rules import CaseFacts, compute_deadlines, statutory_calendar  # noqa: E402
from mediation.rules.reference import (  # noqa: E402
    naive_add_working_days,
    naive_closures,
    naive_deadlines,
    naive_statuses,
    naive_working_days_between,
    random_case,
)

Case = tuple[dict[str, date], frozenset[str], date]


@dataclass
class Timing:
    """Seconds spent: CPU time of this process and wall-clock time."""

    cpu: float = 0.0
    wall: float = 0.0

    def add(self, other: Timing) -> None:
        """Accumulate another timing."""
        self.cpu += other.cpu
        self.wall += other.wall


def timed(fn: Callable[[], object]) -> Timing:
    """Run ``fn`` once after a collection, and return how long it took."""
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    fn()
    return Timing(time.process_time() - cpu, time.perf_counter() - wall)


def make_cases(rng: random.Random, n: int) -> list[Case]:
    """Return ``n`` synthetic cases, each with a "today" in its first 120 days."""
    cases: list[Case] = []
    for _ in range(n):
        events, flags = random_case(rng)
        today = events["decision_sent"] + timedelta(days=rng.randint(0, 120))
        cases.append((events, flags, today))
    return cases


def full_path(cases: list[Case]) -> int:
    """Validate, then compute every deadline with its status; return the deadline count."""
    n = 0
    for events, flags, today in cases:
        n += len(compute_deadlines(CaseFacts(events, flags), today))
    return n


def engine_only(facts: list[CaseFacts]) -> None:
    """Compute every deadline for facts built beforehand (no validation, no status)."""
    for f in facts:
        compute_deadlines(f)


def naive_dates(cases: list[Case]) -> None:
    """The oracle's due dates for the same cases."""
    for events, flags, _today in cases:
        naive_deadlines(events, flags)


def naive_full(cases: list[Case]) -> None:
    """The oracle's due dates and working-day statuses for the same cases."""
    for events, flags, today in cases:
        naive_statuses(naive_deadlines(events, flags), today)


def explanations(cases: list[Case]) -> None:
    """Compute with status, then read every explanation and note."""
    for events, flags, today in cases:
        result = compute_deadlines(CaseFacts(events, flags), today)
        for item in result:
            _ = item.explanation
        _ = result.notes


def mismatches(cases: list[Case]) -> int:
    """Count the cases where the engine and the oracle disagree on a date or a status."""
    bad = 0
    for events, flags, today in cases:
        result = compute_deadlines(CaseFacts(events, flags), today)
        dates = result.due_dates()
        statuses = {x.key: x.status.working_days for x in result if x.status is not None}
        if dates != naive_deadlines(events, flags) or statuses != naive_statuses(dates, today):
            bad += 1
    return bad


def machine_description() -> list[str]:
    """Describe the machine the numbers come from."""
    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 0
    return [
        f"machine: {cores} cores usable (nproc), {cpu}",
        f"python: {platform.python_implementation()} {platform.python_version()} on "
        f"{platform.system()} {platform.release()}",
        f"load average at start (1, 5, 15 min): {load_average()}",
    ]


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, or n/a."""
    if not hasattr(os, "getloadavg"):
        return "n/a"
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def rate(n: int, seconds: float) -> str:
    """Format a throughput."""
    return f"{n / seconds:,.0f} cases/s ({seconds / n * 1e6:.2f} us/case)"


def report(title: str, n: int, runs: list[Timing]) -> tuple[float, float]:
    """Print the median CPU and wall rates of ``runs``; return the medians in seconds."""
    cpu = statistics.median(t.cpu for t in runs)
    wall = statistics.median(t.wall for t in runs)
    print(f"{title}, median of {len(runs)}:")
    print(f"  CPU time:  {rate(n, cpu)}")
    print(f"  wall time: {rate(n, wall)}")
    print(f"  each repeat (CPU): {', '.join(f'{n / t.cpu:,.0f}' for t in runs)} cases/s")
    return cpu, wall


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000, help="cases to time")
    parser.add_argument(
        "--naive-sample",
        type=int,
        default=20_000,
        help="cases to run through the naive oracle (0 = all of them)",
    )
    parser.add_argument("--repeats", type=int, default=3, help="timed passes over each chunk")
    parser.add_argument("--chunk", type=int, default=50_000, help="cases generated at a time")
    parser.add_argument("--explain-sample", type=int, default=20_000, help="cases to explain")
    parser.add_argument("--seed", type=int, default=20251001)
    args = parser.parse_args(argv)
    if args.cases <= 0 or args.repeats <= 0 or args.chunk <= 0:
        parser.error("--cases, --repeats and --chunk must be positive")
    return args


@dataclass
class MainRun:
    """The timed passes over every case, and the first cases kept for the naive oracle."""

    full_runs: list[Timing]
    engine_runs: list[Timing]
    naive_cases: list[Case]
    n_deadlines: int = 0
    n_health: int = 0
    n_agreement: int = 0
    elapsed: float = 0.0


def _main_run(args: argparse.Namespace, rng: random.Random) -> MainRun:
    run = MainRun(
        full_runs=[Timing() for _ in range(args.repeats)],
        engine_runs=[Timing() for _ in range(args.repeats)],
        naive_cases=[],
    )
    naive_target = args.cases if args.naive_sample == 0 else min(args.naive_sample, args.cases)
    remaining = args.cases
    started = time.perf_counter()
    while remaining:
        cases = make_cases(rng, min(args.chunk, remaining))
        remaining -= len(cases)
        if len(run.naive_cases) < naive_target:
            run.naive_cases.extend(cases[: naive_target - len(run.naive_cases)])
        run.n_health += sum(1 for _, flags, _ in cases if flags)
        run.n_agreement += sum(1 for events, _, _ in cases if "agreement_recorded" in events)
        run.n_deadlines += full_path(cases[:1000]) * len(cases) // min(len(cases), 1000)
        facts = [CaseFacts(events, flags) for events, flags, _ in cases]
        for rep in range(args.repeats):
            run.full_runs[rep].add(timed(partial(full_path, cases)))
            run.engine_runs[rep].add(timed(partial(engine_only, facts)))
    run.elapsed = time.perf_counter() - started
    return run


def _report_main(args: argparse.Namespace, run: MainRun) -> float:
    n = args.cases
    print()
    print(
        f"cases: {n:,} (seed {args.seed}); about {run.n_deadlines / n:.2f} deadlines per case;"
        f" {run.n_health / n:.0%} with health issues;"
        f" {run.n_agreement / n:.0%} with a written agreement"
    )
    print(f"total wall time, including case generation: {run.elapsed:.1f} s")
    print(f"load average after the main runs: {load_average()}")
    print()
    full_cpu, _ = report("full path (validate + all deadlines + status)", n, run.full_runs)
    report("engine only (all deadlines, facts prebuilt, no status)", n, run.engine_runs)
    return full_cpu


def _naive_comparison(args: argparse.Namespace, naive_cases: list[Case], full_cpu: float) -> int:
    """Time the naive oracle against the engine on the sample; return the mismatches."""
    n, m = args.cases, len(naive_cases)
    bad = mismatches(naive_cases)
    naive_facts = [CaseFacts(events, flags) for events, flags, _ in naive_cases]
    runs: dict[str, list[Timing]] = {
        "naive_dates": [],
        "engine_only": [],
        "naive_full": [],
        "full_path": [],
    }
    for _ in range(args.repeats):
        runs["naive_dates"].append(timed(lambda: naive_dates(naive_cases)))
        runs["engine_only"].append(timed(lambda: engine_only(naive_facts)))
        runs["naive_full"].append(timed(lambda: naive_full(naive_cases)))
        runs["full_path"].append(timed(lambda: full_path(naive_cases)))
    med = {k: statistics.median(t.cpu for t in v) for k, v in runs.items()}
    print()
    label = f"a sample: the first {m:,} cases" if m < n else f"all {m:,} cases"
    print(f"naive day-by-day oracle on {label} (CPU time, median of {args.repeats}):")
    print(f"  due dates only:    naive {rate(m, med['naive_dates'])}")
    print(f"                     engine {rate(m, med['engine_only'])}")
    print(
        f"                     ratio: engine {med['naive_dates'] / med['engine_only']:.1f}x faster"
    )
    print(f"  dates + statuses:  naive {rate(m, med['naive_full'])}")
    print(f"                     engine {rate(m, med['full_path'])} (with validation)")
    print(f"                     ratio: engine {med['naive_full'] / med['full_path']:.1f}x faster")
    if m < n:
        print(f"  (sampled: the oracle ran on {m:,} of {n:,} cases; the ratios are per case)")
        print(
            f"  naive full path extrapolated to {n:,} cases: about"
            f" {med['naive_full'] / m * n:,.0f} s of CPU, against {full_cpu:,.1f} s measured"
        )
    print(f"  dates and statuses identical on {m - bad:,} of {m:,} cases")
    return bad


def _calendar_primitives(seed: int) -> None:
    """The calendar primitives alone, over spans a case list meets (an old case seen later)."""
    prng = random.Random(seed + 1)
    cal = statutory_calendar()
    first = date(2016, 1, 1)  # two years in from each end of the calendar
    pairs = []
    for _ in range(2000):
        a = first + timedelta(days=prng.randrange(8000))
        pairs.append((a, a + timedelta(days=prng.randint(-730, 730)), prng.randint(-300, 300)))
    fast_between = timed(lambda: [cal.working_days_between(a, b) for a, b, _ in pairs])
    slow_between = timed(lambda: [naive_working_days_between(a, b) for a, b, _ in pairs])
    fast_add = timed(lambda: [cal.add_working_days(a, k) for a, _, k in pairs])
    slow_add = timed(lambda: [naive_add_working_days(a, k) for a, _, k in pairs])
    print()
    print("calendar primitives, 2,000 random calls with spans of up to 2 years (CPU time):")
    for name, fast, slow in (
        ("working_days_between", fast_between, slow_between),
        ("add_working_days (|n| <= 300)", fast_add, slow_add),
    ):
        print(
            f"  {name}: bisect {fast.cpu / 2000 * 1e6:.2f} us/call, day by day"
            f" {slow.cpu / 2000 * 1e6:.1f} us/call: {slow.cpu / fast.cpu:,.0f}x"
        )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a report."""
    args = _arguments(argv)
    for line in machine_description():
        print(line)
    print(
        f"command: python scripts/benchmark_clock.py --cases {args.cases}"
        f" --naive-sample {args.naive_sample} --repeats {args.repeats} --seed {args.seed}"
    )
    # Build the calendars first: a one-off cost per process, not per case.
    build = timed(lambda: (statutory_calendar(), naive_closures()))
    print(f"calendar build (once per process): {build.wall:.3f} s")

    rng = random.Random(args.seed)
    run = _main_run(args, rng)
    full_cpu = _report_main(args, run)
    bad = _naive_comparison(args, run.naive_cases, full_cpu)
    _calendar_primitives(args.seed)

    k = min(args.explain_sample, args.cases)
    if k:
        naive_cases = run.naive_cases
        sample = naive_cases[:k] if len(naive_cases) >= k else make_cases(rng, k)
        took = timed(lambda: explanations(sample))
        print()
        print(f"reading every explanation and note as well ({k:,} cases, one pass, CPU time):")
        print(f"  {rate(k, took.cpu)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

"""Small measuring helpers shared by the bench stages."""
from __future__ import annotations

import math
import resource
from pathlib import Path


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values (0.0 when there are none)."""
    if not sorted_values:
        return 0.0
    rank = max(0, min(len(sorted_values) - 1, math.ceil(fraction * len(sorted_values)) - 1))
    return sorted_values[rank]


def peak_rss_mib() -> float:
    """Peak resident memory of this process (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def process_rss_mib(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of another process, from ``/proc``."""
    fields = dict(line.split(":", 1) for line in
                  Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    kib = lambda name: float(fields.get(name, "0 kB").split()[0])  # noqa: E731
    return kib("VmRSS") / 1024, kib("VmHWM") / 1024


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants (Linux), the process first."""
    pids = [pid]
    for parent in pids:  # grows as children are found
        children = Path(f"/proc/{parent}/task/{parent}/children")
        if children.exists():
            pids += [int(child) for child in children.read_text().split()]
    return pids


def tree_rss_mib(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process and all its descendants, added up (a
    server with workers is a process per worker under a supervisor)."""
    current = peak = 0.0
    for each in process_tree(pid):
        try:
            now, most = process_rss_mib(each)
        except FileNotFoundError:  # ended meanwhile
            continue
        current, peak = current + now, peak + most
    return current, peak


def rate(count: float, seconds: float) -> float:
    return count / seconds if seconds > 0 else 0.0

"""Small measuring helpers shared by the bench stages."""
from __future__ import annotations

import math
import os
import resource
from dataclasses import dataclass
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


@dataclass(frozen=True)
class CpuReading:
    """CPU seconds a process tree has used so far, and the machine's stolen and total CPU
    ticks (``None`` where ``/proc/stat`` cannot be read)."""

    tree_seconds: float
    machine: tuple[int, int] | None

    @classmethod
    def now(cls, pid: int) -> CpuReading:
        return cls(tree_cpu_seconds(pid), machine_ticks())


@dataclass(frozen=True)
class CpuUse:
    """What a process tree and the machine did between two readings. ``stolen`` is the share
    of the machine's CPU time its hypervisor gave to others (a virtual machine's neighbours):
    latency under load moves with it, kg's own CPU time does not."""

    tree_seconds: float
    stolen: float | None

    @classmethod
    def between(cls, before: CpuReading, after: CpuReading) -> CpuUse:
        stolen = None
        if before.machine and after.machine and after.machine[1] > before.machine[1]:
            stolen = (after.machine[0] - before.machine[0]) / (after.machine[1] - before.machine[1])
        return cls(after.tree_seconds - before.tree_seconds, stolen)


def tree_cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a process and its living descendants (Linux)."""
    ticks = 0
    for each in process_tree(pid):
        try:
            # The fields after the command name: utime and stime are the 12th and 13th.
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # ended meanwhile
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_ticks(stat: Path = Path("/proc/stat")) -> tuple[int, int] | None:
    """(stolen, total) CPU ticks of the machine since it started, from ``/proc/stat``."""
    try:
        first = stat.read_text().split("\n", 1)[0].split()
    except OSError:
        return None
    if first[:1] != ["cpu"] or len(first) < 9:
        return None
    ticks = [int(value) for value in first[1:9]]  # user … steal; guest time is inside user
    return ticks[7], sum(ticks)


def rate(count: float, seconds: float) -> float:
    return count / seconds if seconds > 0 else 0.0

"""What building an index costs, as bench/engines.py measures it: wall and CPU time (a
search server's too, which is a process of its own), the index's size, and how much its
directory grew at its peak while it was built."""

import contextlib
import os
import threading
import time
from pathlib import Path

DISK_SAMPLE_SECONDS = 0.2


def tree_size(directory: Path) -> int:
    """Bytes in the files under `directory` (none if it is missing); files that vanish
    while it is counted (a merge, a rebuild's switch) are skipped."""
    total = 0
    for parent, _, names in os.walk(directory):
        for name in names:
            with contextlib.suppress(FileNotFoundError):
                total += os.lstat(os.path.join(parent, name)).st_size
    return total


class PeakDisk(threading.Thread):
    """The largest size `directory` reaches while the `with` block runs."""

    def __init__(self, directory: Path):
        super().__init__(daemon=True)
        self.directory, self.peak, self.done = directory, 0, threading.Event()

    def run(self) -> None:
        while True:
            self.peak = max(self.peak, tree_size(self.directory))
            if self.done.wait(DISK_SAMPLE_SECONDS):
                return

    def __enter__(self) -> "PeakDisk":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        self.join()
        self.peak = max(self.peak, tree_size(self.directory))


def cpu_seconds() -> float:
    times = os.times()
    return time.process_time() + times.children_user + times.children_system


def process_tree_cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of process `pid` and its descendants (as root the node
    is Java under `runuser`), from /proc/<pid>/stat."""
    parents, spent = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            # After the command's name, which may hold spaces: state, ppid, … utime, stime.
            fields = stat.read_text().rsplit(")", 1)[1].split()
            number = int(stat.parent.name)
            parents[number], spent[number] = int(fields[1]), int(fields[11]) + int(fields[12])
    tree, grown = {pid}, True
    while grown:
        found = {child for child, parent in parents.items() if parent in tree}
        grown, tree = not found <= tree, tree | found
    return sum(spent.get(number, 0) for number in tree) / os.sysconf("SC_CLK_TCK")


def measured(directory: Path, build, index_bytes=None, node=None) -> dict:
    """`build()` (returns the documents written), timed, with `directory` watched; the
    index's size is `index_bytes()` (by default the directory's); with `node`, the CPU
    time of that server too."""
    node_cpu = process_tree_cpu_seconds(node.pid) if node else 0.0
    before = tree_size(directory)
    cpu, started = cpu_seconds(), time.perf_counter()
    with PeakDisk(directory) as disk:
        written = build()
    wall, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    return {
        "documents": written,
        "wall": wall,
        "cpu": cpu,
        "node_cpu": process_tree_cpu_seconds(node.pid) - node_cpu if node else None,
        "index_mb": (index_bytes() if index_bytes else tree_size(directory)) / 1e6,
        "peak_mb": (disk.peak - before) / 1e6,
        "load": os.getloadavg(),
    }

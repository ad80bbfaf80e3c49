#!/usr/bin/env python3
"""Summarises collapsed stacks of bench/profile/profile.sh: share of the samples per thread group (numbers in
thread names folded, so a pool counts once), or, with a thread pattern, the frames that thread's samples fall in.
  bench/profile/threads.py out.collapsed                       # per thread group
  bench/profile/threads.py out.collapsed audit-writer [N]      # top N self frames of matching threads
"""
import collections
import re
import signal
import sys


def groups(path):
    counts, total = collections.Counter(), 0
    for line in open(path, encoding="utf-8", errors="replace"):
        stack, n = line.rsplit(" ", 1)
        thread = stack.split(";", 1)[0]
        thread = re.sub(r"tid=\d+", "", thread)
        counts[re.sub(r"\d+", "#", thread).strip("[] ")] += int(n)
        total += int(n)
    return counts, total


def frames(path, pattern, limit):
    counts, selected = collections.Counter(), 0
    for line in open(path, encoding="utf-8", errors="replace"):
        stack, n = line.rsplit(" ", 1)
        parts = stack.split(";")
        if re.search(pattern, parts[0]):
            counts[parts[-1]] += int(n)
            selected += int(n)
    return counts.most_common(limit), selected


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends the output quietly, like any other filter
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    if len(sys.argv) == 2:
        counts, total = groups(sys.argv[1])
        print(f"{total} samples")
        for name, n in counts.most_common(25):
            print(f"{100 * n / total:5.1f} %  {name}")
    else:
        top, selected = frames(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 30)
        print(f"{selected} samples in threads matching {sys.argv[2]!r}")
        for frame, n in top:
            print(f"{100 * n / max(selected, 1):5.1f} %  {frame[:160]}")

#!/usr/bin/env python3
"""Summarises `jfr print --events jdk.ExecutionSample` output: the share of samples per top frame
(self time), and per first dev.smelt frame on the stack (inclusive time of our code).
Usage: jfr print --events jdk.ExecutionSample X.jfr | top_frames.py [N]
"""
import collections
import re
import sys

FRAME = re.compile(r"^\s+([\w$.<>]+)\(.*line:")


def samples(lines):
    stack = None
    for line in lines:
        if line.startswith("jdk.ExecutionSample"):
            stack = []
        elif stack is not None and line.strip() == "]":
            yield stack
            stack = None
        elif stack is not None:
            m = FRAME.match(line)
            if m:
                stack.append(m.group(1))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    top, ours = collections.Counter(), collections.Counter()
    total = 0
    for stack in samples(sys.stdin):
        if not stack:
            continue
        total += 1
        top[stack[0]] += 1
        # jfr prints at most 5 frames unless the stack depth is raised; the deepest of ours shown
        mine = next((f for f in stack if f.startswith("dev.smelt.")), "(outside dev.smelt in the frames shown)")
        ours[mine] += 1
    print(f"{total} samples")
    for title, counter in (("self (top frame)", top), ("first dev.smelt frame", ours)):
        print(f"-- {title}")
        for frame, count in counter.most_common(n):
            print(f"{100 * count / total:5.1f} %  {frame}")


if __name__ == "__main__":
    main()

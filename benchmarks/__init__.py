"""Figures that matter: the browser's time to output and the grader's throughput.

Run them with `python -m benchmarks` (see benchmarks/README.md).
"""

"""Benchmarks: scripts that print figures and ratios against baselines from the same run."""

"""Profiling: py-spy flame graphs under load, cProfile of the engines, the bottleneck report."""

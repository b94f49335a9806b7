"""Benchmarks: each script starts real servers and prints figures (docs/benchmarks.md)."""

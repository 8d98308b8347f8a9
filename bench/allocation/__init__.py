"""Benchmark support for the allocation engine: a seeded generator of realistic instances."""

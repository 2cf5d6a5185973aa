"""Benchmarks: `make bench-time` (the time tagger on four corpora against HeidelTime and dateparser)."""

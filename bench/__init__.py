"""Benchmarks: `make bench-time` (the time tagger on TempEval-3 against HeidelTime and dateparser)."""

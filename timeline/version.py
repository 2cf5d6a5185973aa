"""The engine version: stamped in every timeline.json, printed by `timeline --version`."""

__version__ = "0.1.0"

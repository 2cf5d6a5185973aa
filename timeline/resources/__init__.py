"""Packaged data: word lists and patterns, each validated on load and checked by tests."""

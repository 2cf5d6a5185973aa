"""Packaged data: word lists and patterns, each validated on load and checked by tests; `load_yaml` reads them."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser where PyYAML was built with it (`yaml.__with_libyaml__`), else PyYAML's own."""


def load_yaml(text: str) -> Any:  # noqa: ANN401 (whatever the file holds: the caller validates it)
    """Return the data of a resource file's YAML ``text``: what `yaml.safe_load` returns, sooner.

    Every process of a build reads the word lists (the time tagger's rules alone are 54 KB), and PyYAML's
    pure-Python parser took ~0.16 s of CPU for them: a rebuild pays it in its main process and again in the
    worker that extracts the new articles. libyaml's parser (`yaml.CSafeLoader`) reads them ~9x faster,
    into the same data: only the parser is in C, the safe constructor and the tag resolver are the same.
    Raises `yaml.YAMLError` on invalid YAML, as `yaml.safe_load` does.
    """
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 (a safe loader: SafeLoader or its libyaml twin)

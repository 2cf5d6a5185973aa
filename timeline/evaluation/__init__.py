"""Measuring the engine against human annotation.

`timex` scores time expressions with the TempEval-3 Task A definitions (strict and relaxed extent,
type and value accuracy, value F1); `corpus` applies it to folders of TimeML gold and system files.
"""

from timeline.evaluation.corpus import score_timeml_folders
from timeline.evaluation.timex import (
    DocumentScore,
    TimexCounts,
    TimexError,
    TimexScore,
    match_relaxed,
    score_corpus,
    score_document,
)

__all__ = [
    "DocumentScore",
    "TimexCounts",
    "TimexError",
    "TimexScore",
    "match_relaxed",
    "score_corpus",
    "score_document",
    "score_timeml_folders",
]

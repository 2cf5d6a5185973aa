"""Decide whether the clause around a time expression speaks of the past or the future.

A word-level detector instead of a parse, so the tagger stays fast: the nearest tense word before
the expression, in the same clause, decides ("due to meet ... on Monday" is future, "left ... on
Thursday" past); a participle after an auxiliary ("will be named", "has agreed") does not count as a
past tense, so the search goes on to the auxiliary. When the clause before the expression has no tense
word ("On Tuesday, the league plans to ..."), the first one after it in the sentence decides. The
word lists are `resources/en/time_words.yml` (future markers, irregular past verbs) and
`resources/en/time_tense.yml` (auxiliaries, -ed words that are not verbs, checked examples).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from timeline.timex.words import _load, alternation, load_time_words

TENSE_RESOURCE = "en/time_tense.yml"

Tense = Literal["future", "past"]


class TenseExample(BaseModel):
    """A checked example: in ``text`` the clause around ``words`` has ``tense``."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    text: str
    words: str
    tense: Literal["future", "past", "none"]


class TenseWords(BaseModel):
    """The validated lists of `time_tense.yml`."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    auxiliaries: tuple[str, ...]
    inner_adverbs: tuple[str, ...]
    not_verbs: tuple[str, ...]
    deadlines: tuple[str, ...]
    schedule_verbs: tuple[str, ...]
    plan_determiners: tuple[str, ...]
    examples: tuple[TenseExample, ...]


@lru_cache(maxsize=1)
def load_tense_words() -> TenseWords:
    """Read and validate `time_tense.yml` once per process.

    Raises:
        ResourceError: the packaged file is missing or does not match the schema.
    """
    return _load(TENSE_RESOURCE, TenseWords)


# A full stop ends a clause only after a lower-case word ("U.S. President" and "Mr. Blinken" do not).
# ... nor after an abbreviation that ends in lower case ("the Roe vs. Wade decision", "Ford Motor Corp. said").
_NOT_ABBREVIATION = "".join(
    rf"(?<!\b{word})"
    for word in ("vs", "Corp", "Inc", "Ltd", "Bros", "Gov", "Sen", "Rep", "Gen", "Col", "Sgt", "Jr", "Sr")
)
_CLAUSE_BREAK = re.compile(rf"(?<=[a-z0-9]{{2}}){_NOT_ABBREVIATION}\.(?=\s)|[;:!?\n,\u201c\u201d\"]|''|``")
_SENTENCE_BREAK = re.compile(rf"(?<=[a-z0-9)]{{2}}){_NOT_ABBREVIATION}\.(?=\s)|[!?\n;]")
_QUOTED_SENTENCE_BREAK = re.compile(rf"(?<=[a-z0-9)]{{2}}){_NOT_ABBREVIATION}\.(?=\s)|[!?\n;:\u201c\u201d\"]|''|``")
_WORD = re.compile(r"[\w'-]+")


@lru_cache(maxsize=1)
def _tense_pattern() -> re.Pattern[str]:
    """Match a future marker (group ``future``), an irregular past verb (``past``) or an -ed word (``ed``)."""
    words = load_time_words()
    future = alternation(words.future_markers)
    past = alternation(words.past_verbs)
    return re.compile(
        rf"(?<![\w'])(?:(?P<future>{future})|(?P<past>{past})|(?P<ed>[a-z][a-z-]{{2,}}ed))(?![\w'])",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _sets() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    tense = load_tense_words()
    return (
        frozenset(tense.auxiliaries),
        frozenset(tense.inner_adverbs),
        frozenset(tense.not_verbs),
        frozenset(load_time_words().past_of_future),
    )


def _is_participle(before: str) -> bool:
    """True when the words before an -ed/past form make it a participle ("has been agreed")."""
    auxiliaries, adverbs, _, _ = _sets()
    words = [word.lower() for word in _WORD.findall(before[-40:])]
    while words and words[-1] in adverbs and words[-1] not in auxiliaries:
        words.pop()
    return bool(words) and words[-1] in auxiliaries


# "plans for the trip", "vacation plans.": the noun; the verb takes "to" or an object ("plans to close")
_NOUN_AFTER_PLAN = re.compile(r"\s+for\b|\s*[.,;:]")


def _plan_is_noun(before: str) -> bool:
    """True for the noun "plans" ("announced plans Friday", "its plans"), not the verb ("GM plans to close")."""
    words = [word.lower() for word in _WORD.findall(before[-30:])]
    if not words:
        return False
    last = words[-1]
    past = last.endswith("ed") or last in load_time_words().past_verbs
    return past or last in load_tense_words().plan_determiners or last.endswith("'s")


def _decide(match: re.Match[str], before: str) -> Tense | None:
    """Return the tense one match stands for, or None when it is no tense word (a participle, a noun).

    ``before`` is the text of the clause before the match.
    """
    _, _, not_verbs, past_of_future = _sets()
    word = match.group(0)
    if match.group("future") is not None:
        if word.lower() in ("plans", "plan") and (
            _plan_is_noun(before) or _NOUN_AFTER_PLAN.match(match.string, match.end())
        ):
            return None
        return "past" if any(w in past_of_future for w in before.lower().split()[-3:]) else "future"
    if match.group("ed") is not None and (word[0].isupper() or word.lower() in not_verbs):
        return None
    if _is_participle(before):
        return None
    return "past"


def clause_tense(text: str, start: int, end: int | None = None) -> Tense | None:
    """Return the tense of the clause around ``text[start:end]``, or None when nothing marks it.

    The nearest tense word before the expression in its clause decides; a past verb right after the
    expression ("Thursday refused") means the past; otherwise the first tense word after it in the
    same sentence decides.
    """
    end = start if end is None else end
    pattern = _tense_pattern()
    following = text[end : end + 25]
    for match in pattern.finditer(following):
        between = following[: match.start()].split()
        if len(between) >= 2 or any(word.lower() in ("and", "but", "or") for word in between):
            break  # "on Saturday and were planning to ...": the verb of another clause
        if _decide(match, text[max(0, start - 40) : end] + following[: match.start()]) == "past":
            return "past"
    window_start = max(0, start - 200)
    window = text[window_start:start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    clause = window[breaks[-1].end() :] if breaks else window
    for match in reversed(list(pattern.finditer(clause))):
        tense = _decide(match, clause[: match.start()])
        if tense is not None:
            return tense
    after = text[end : end + 160]
    stop = _SENTENCE_BREAK.search(after)
    after = after[: stop.start()] if stop else after
    for match in pattern.finditer(after):
        word = match.group(0).lower()
        if word.startswith("would"):  # after the expression, "would" is mostly a subordinate clause's
            continue
        if word.startswith("planned"):  # "On Friday, the government planned to pay ..."
            return "past"
        tense = _decide(match, after[: match.start()])
        if tense is not None:
            return tense
    return _earlier_clause_tense(window, len(window) - len(clause)) or _deadline(window) or _scheduled(window)


def _deadline(before: str) -> Tense | None:
    """Return "future" for a deadline in a clause without tense: "until 9 a.m. Tuesday to sign"."""
    words = before[-12:].lower().split()
    return "future" if words and words[-1] in load_tense_words().deadlines else None


def _scheduled(before: str) -> Tense | None:
    """Return "future" after a timetable's present tense: "meet separately Monday", "talks resume on Monday"."""
    words = [word.lower() for word in _WORD.findall(before[-30:])]
    while words and (words[-1] == "on" or words[-1].endswith("ly")):
        words.pop()
    return "future" if words and words[-1] in load_tense_words().schedule_verbs else None


def _earlier_clause_tense(window: str, clause_start: int) -> Tense | None:
    """Return the tense of the sentence's earlier clauses, for a bare phrase after a comma.

    "Albright is scheduled to spend five hours in Dar es Salaam, her first stop Tuesday morning":
    the apposition has no verb of its own, so the sentence's nearest tense word decides.
    """
    if clause_start == 0 or window[clause_start - 1] != ",":
        return None
    stop = list(_QUOTED_SENTENCE_BREAK.finditer(window, 0, clause_start))
    sentence = window[stop[-1].end() if stop else 0 : clause_start]
    for match in reversed(list(_tense_pattern().finditer(sentence))):
        tense = _decide(match, sentence[: match.start()])
        if tense is not None:
            return tense
    return None

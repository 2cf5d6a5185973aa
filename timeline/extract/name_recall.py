"""Names the recogniser found once are found everywhere in the article.

A statistical recogniser labels "Rafah" in one sentence and misses it in the next ("bombed areas in
the southern border city of Rafah"). An article uses one name for one thing, so every other
occurrence of a name the article already gave an actor is a mention of that actor too: the same
words, capitalised as written, standing alone (not part of a longer capitalised name such as
"Gaza City" when the actor is "Gaza"). Only names of `MIN_NAME_LENGTH` characters or more are
repeated, so that initials and short words ("US", "It") never are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from timeline.models import Actor, Mention, Span

MIN_NAME_LENGTH = 4
_CAPITALISED_WORD = re.compile(r"[A-Z][\w’'-]*")
_NOT_NAME_WORDS = frozenset(
    "the a an in on at by for from and but or of to with as if when while after before since during "
    "both his her its their our mr mrs ms dr said says".split()
)
"""Capitalised words that start a sentence or follow a title without being part of the name."""


def recall_names(
    text: str, mentions: tuple[Mention, ...], actors: tuple[Actor, ...], skip: int = 0
) -> tuple[Mention, ...]:
    """Return ``mentions`` plus every other standalone occurrence of their exact words in ``text``.

    Args:
        text: the article text (spans index into it).
        mentions: the recogniser's cleaned mentions, grouped into ``actors``.
        actors: the article's actors (only names that stand for one actor are repeated).
        skip: characters at the start that are metadata (a header line), never searched.
    """
    owners = _names_with_one_owner(mentions, {actor.id for actor in actors})
    taken = bytearray(len(text))  # 1 for each character already inside a mention: overlap tests in O(name)
    for mention in mentions:
        taken[mention.span.start : mention.span.end] = b"\x01" * (mention.span.end - mention.span.start)
    found = list(mentions)
    for words, (actor, label) in sorted(owners.items()):
        for start in _standalone(text, words):
            end = start + len(words)
            if start < skip or any(taken[start:end]) or _inside_longer_name(text, start, end):
                continue
            found.append(Mention(span=Span(start=start, end=end), text=words, label=label, actor_id=actor))
            taken[start:end] = b"\x01" * (end - start)
    return tuple(sorted(found, key=lambda m: (m.span.start, m.span.end)))


def _standalone(text: str, words: str) -> Iterator[int]:
    r"""Yield where ``words`` stand alone in ``text`` (no letter, digit, ``_`` or ``-`` either side), left to right.

    What ``re.finditer(r"(?<![\w-])WORDS(?![\w-])")`` finds (``\w`` is `str.isalnum` or ``_``), without
    compiling a pattern per name: an article has dozens of names, a corpus thousands.
    """
    at = text.find(words)
    while at != -1:
        end = at + len(words)
        if not (at > 0 and _joins(text[at - 1])) and not (end < len(text) and _joins(text[end])):
            yield at
            at = text.find(words, end)
        else:
            at = text.find(words, at + 1)


def _joins(char: str) -> bool:
    return char.isalnum() or char in "_-"


def _names_with_one_owner(mentions: tuple[Mention, ...], actor_ids: set[str]) -> dict[str, tuple[str, str]]:
    """Return {words: (actor id, label)} for mention words long enough and used for one actor only."""
    owners: dict[str, set[tuple[str, str]]] = {}
    for mention in mentions:
        words = mention.text.strip()
        if len(words) < MIN_NAME_LENGTH or "\n" in words or not words[0].isupper() or mention.actor_id not in actor_ids:
            continue
        owners.setdefault(words, set()).add((mention.actor_id, mention.label))
    return {words: next(iter(found)) for words, found in owners.items() if len(found) == 1}


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """True when a capitalised word joins the name on either side ("Gaza City", "North Gaza")."""
    after = _CAPITALISED_WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    before = text[max(0, start - 30) : start]
    previous = before.split(" ")[-2] if before.endswith(" ") and len(before.split(" ")) > 1 else ""
    starts_sentence = not previous or previous[-1] in ".!?:\"“”" or not before.strip()
    joins = bool(previous) and previous[0].isupper() and previous.rstrip(".").lower() not in _NOT_NAME_WORDS
    return after is not None or (joins and not starts_sentence)

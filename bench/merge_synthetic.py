"""Synthetic event mentions for the merge scaling benchmark: realistic shape, fully deterministic.

A corpus of N mentions tells N/4 underlying events, each told by about four articles of twenty
mentions. An event has its own key words (drawn from a 20,000-word vocabulary with a Zipf-like skew,
so some words are common across events), one or two actors from a shared pool of 2,000, a trigger
from 60 verbs and a day; each telling paraphrases it with a few of its key words, a few words of its
own, and sometimes a date a few days off. Everything comes from one seeded `Stream` (splitmix64, written
out here: the project bans `random`), so a size always gives the same corpus.
"""

from __future__ import annotations

from datetime import date, timedelta

from timeline.models import (
    ArticleExtraction,
    ArticleInfo,
    DateInterval,
    EventActor,
    EventMention,
    Span,
    TimeExpression,
)

SEED = 20240208
MASK = (1 << 64) - 1


class Stream:
    """A seeded splitmix64 number stream: the same seed always gives the same numbers."""

    def __init__(self, seed: int) -> None:
        self.state = seed & MASK

    def next64(self) -> int:
        """Return the next 64-bit number."""
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def random(self) -> float:
        """Return a float in [0, 1)."""
        return (self.next64() >> 11) / float(1 << 53)

    def randrange(self, n: int) -> int:
        """Return an int in [0, n)."""
        return self.next64() % n

    def choice(self, items):  # noqa: ANN001, ANN201
        """Return one item."""
        return items[self.randrange(len(items))]

    def shuffle(self, items: list) -> None:
        """Shuffle in place (Fisher-Yates)."""
        for i in range(len(items) - 1, 0, -1):
            j = self.randrange(i + 1)
            items[i], items[j] = items[j], items[i]

    def sample(self, items: list, k: int) -> list:
        """Return k distinct items."""
        pool = list(items)
        self.shuffle(pool)
        return pool[:k]


VOCABULARY = 20_000
COMMON = 200
ACTORS = 2_000
MENTIONS_PER_ARTICLE = 20
TELLINGS_PER_EVENT = 4
VERBS = tuple(
    "announced said left met signed launched attacked released agreed rejected proposed visited sued "
    "approved killed arrested elected resigned opened closed sold bought warned reported denied "
    "confirmed delivered endorsed bombed accused called urged promised planned cancelled delayed won "
    "lost raised cut fired hired unveiled introduced praised blamed ruled charged fined banned "
    "suspended resumed returned arrived departed launched filed settled".split()
)


def _word(rng: Stream) -> str:
    """A vocabulary word: one in five from the 200 common ones ("said", "government"), else Zipf-like
    over the rest (rank r about as likely as 1/r)."""
    if rng.random() < 0.2:
        return f"w{rng.randrange(COMMON):05d}"
    rank = COMMON + int((VOCABULARY - COMMON) ** rng.random()) - 1
    return f"w{rank:05d}"


def synthetic_extractions(n_mentions: int, seed: int = SEED) -> list[ArticleExtraction]:
    """Return about ``n_mentions`` event mentions in articles of twenty, deterministic for a size."""
    rng = Stream(seed + n_mentions)
    n_events = max(1, n_mentions // TELLINGS_PER_EVENT)
    start = date(2020, 1, 1)
    events = []
    for number in range(n_events):
        actors = tuple(sorted({rng.randrange(ACTORS) for _ in range(rng.choice((1, 1, 2)))}))
        events.append(
            {
                "words": [_word(rng) for _ in range(8)],
                "actors": actors,
                "verb": rng.choice(VERBS),
                "day": start + timedelta(days=rng.randrange(1500)),
                "number": number,
            }
        )
    tellings = [event for event in events for _ in range(TELLINGS_PER_EVENT)]
    rng.shuffle(tellings)
    tellings = tellings[:n_mentions]
    extractions = []
    for first in range(0, len(tellings), MENTIONS_PER_ARTICLE):
        article_id = f"syn{first // MENTIONS_PER_ARTICLE:06d}"
        published = start + timedelta(days=1500 + rng.randrange(30))
        info = ArticleInfo(
            id=article_id,
            source=f"Outlet {rng.randrange(200)}",
            published=published,
            published_origin="record",
            n_chars=20_000,
        )
        mentions = tuple(
            _mention(rng, article_id, position, event, published)
            for position, event in enumerate(tellings[first : first + MENTIONS_PER_ARTICLE])
        )
        extractions.append(ArticleExtraction(article=info, events=mentions))
    return extractions


def _mention(rng: Stream, article_id: str, position: int, event: dict, published: date) -> EventMention:
    kept = rng.sample(event["words"], 5)
    words = kept + [_word(rng) for _ in range(4)]
    rng.shuffle(words)
    actors = [f"Actor{a:04d}" for a in event["actors"]]
    day = event["day"] + timedelta(days=rng.choice((0, 0, 0, 0, 0, 1, -1, 7)))
    sentence = f"{' '.join(actors)} {event['verb']} {' '.join(words)} on {day.isoformat()}."
    offset = 1000 * position
    at = offset + sentence.index(event["verb"])
    when = offset + sentence.index(day.isoformat())
    time = TimeExpression(
        id=f"{article_id}#t{when}",
        span=Span(start=when, end=when + 10),
        text=day.isoformat(),
        type="DATE",
        value=day.isoformat(),
        interval=DateInterval(earliest=day, latest=day, granularity="day"),
        anchor="absolute",
        rule="iso_date",
    )
    return EventMention(
        id=f"{article_id}#e{offset}",
        article_id=article_id,
        title=f"{actors[0]} {event['verb']} {' '.join(kept[:3])}",
        trigger=event["verb"],
        trigger_span=Span(start=at, end=at + len(event["verb"])),
        sentence=sentence,
        sentence_span=Span(start=offset, end=offset + len(sentence)),
        actors=tuple(
            EventActor(actor_id=f"person:actor{a:04d}", name=f"Actor{a:04d}", role="agent") for a in event["actors"]
        ),
        time=time,
        time_source="explicit",
        confidence=0.8,
    )

"""Publication-date perturbation on real multi-source news: TE-3 silver wires of a few days.

The seeds have two sources and the Apple sample four, too few to test the diagnosis (M301) where it
matters: many reports of the same days' news. The TE-3 silver corpus holds AFP (1997, 2005-2006) and
Xinhua (XIN, 2006) wires, several a day, often updates of one story. For each of the busiest
windows of `WINDOW_DAYS` consecutive days of one agency this takes every article (its DCT as
publication date; each article its own source, as each is a separate report), merges them, and then:

- counts the M301 issues of the unshifted merge (false alarms: every date there is right, and
  the articles' publication dates differ, so the same day is "Monday" in one and "Tuesday" in another);
- for each article that shares at least `MIN_SHARED_EVENTS` dated events with another article,
  shifts its publication date by k days, re-extracts it, merges again, and checks that an M301 names
  that article (alone, or as one of two whose dates disagree) with an offset within 7 days of k.

Used by `bench/bench_merge.py` (section c).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from timeline.extract import extract_articles
from timeline.merge import merge
from timeline.merge.diagnosis import MIN_SHARED_EVENTS, evidence_events
from timeline.models import Article, ArticleExtraction, Timeline
from timeline.timeml import read_timeml_file

SILVER = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3" / "silver"
_DAY = re.compile(r"^([A-Z]+)_ENG_(\d{8})\.")


WINDOW_DAYS = 3


def busiest_days(count: int) -> list[tuple[str, list[Path]]]:
    """Return the ``count`` busiest non-overlapping windows of `WINDOW_DAYS` days of one agency."""
    days: dict[tuple[str, date], list[Path]] = {}
    for path in sorted(SILVER.glob("*.tml")):
        found = _DAY.match(path.name)
        if found:
            day = date(int(found.group(2)[:4]), int(found.group(2)[4:6]), int(found.group(2)[6:]))
            days.setdefault((found.group(1), day), []).append(path)
    windows = []
    for agency, first in sorted(days):
        span = [first + timedelta(days=step) for step in range(WINDOW_DAYS)]
        paths = [path for day in span for path in days.get((agency, day), [])]
        windows.append((len(paths), agency, first, paths))
    chosen: list[tuple[str, list[Path]]] = []
    taken: set[Path] = set()
    for _, agency, first, paths in sorted(windows, key=lambda w: (-w[0], w[1], w[2])):
        if len(chosen) < count and not taken & set(paths):
            chosen.append((f"{agency} {first.isoformat()}+{WINDOW_DAYS - 1}d", paths))
            taken |= set(paths)
    return chosen


def day_articles(paths: list[Path]) -> list[Article]:
    articles = []
    for path in paths:
        document = read_timeml_file(path)
        articles.append(
            Article(
                id=path.name.removesuffix(".tml"),
                source=path.name.removesuffix(".tml"),
                published=document.dct,
                published_origin="record",
                text=document.plain,
            )
        )
    return articles


def shared_dated_events(timeline: Timeline, article_id: str) -> int:
    """Events where the article claims a date from its words and another source claims one too."""
    count = 0
    for event in timeline.events:
        claims = [p for p in event.provenance if p.time_source in ("explicit", "inherited") and p.interval]
        mine = [p for p in claims if p.article_id == article_id]
        count += bool(mine and any(p.source != mine[0].source for p in claims))
    return count


def moved_evidence(timeline: Timeline, article_id: str) -> int:
    """Shared events where the shifted article's date moves with its publication date and another source
    claims a day or a month (`diagnosis.evidence_events`): below `MIN_SHARED_EVENTS` no diagnosis by date
    offsets can work."""
    return evidence_events(timeline.events).get(article_id, 0)


def _names_with_offset(timeline: Timeline, article_id: str, shift: int) -> tuple[bool, bool]:
    """(an M301 names the article, and its offset is within 7 days of ``shift``)."""
    named = found = False
    for issue in timeline.issues:
        if issue.code != "M301" or not (issue.article_id == article_id or article_id in (issue.hint or "")):
            continue
        named = True
        offset = re.search(r"sit (\d+) days", issue.message)
        found = found or bool(offset and abs(int(offset.group(1)) - abs(shift)) <= 7)
    return named, found


def perturb_day(articles: list[Article], shifts: list[int], per_day: int) -> Counter[str]:
    """Run the perturbations of one day's articles; return the counts."""
    count: Counter[str] = Counter()
    base: dict[str, ArticleExtraction] = {a.id: e for a, e in zip(articles, extract_articles(articles), strict=True)}
    unshifted = merge(list(base.values()))
    count["articles"] += len(articles)
    count["false alarms"] += sum(1 for issue in unshifted.issues if issue.code == "M301")
    candidates = sorted(
        (a for a in articles if shared_dated_events(unshifted, a.id) >= MIN_SHARED_EVENTS), key=lambda a: a.id
    )
    for article in candidates[:per_day]:
        for shift in shifts:
            moved = article.model_copy(update={"published": article.published + timedelta(days=shift)})
            extractions = [extract_articles([moved])[0] if a.id == article.id else base[a.id] for a in articles]
            timeline = merge(extractions)
            named, found = _names_with_offset(timeline, article.id, shift)
            others = [i for i in timeline.issues if i.code == "M301" and i.article_id != article.id
                      and article.id not in (i.hint or "")]
            key = "" if moved_evidence(timeline, article.id) >= MIN_SHARED_EVENTS else "no evidence, "
            count[key + "runs"] += 1
            count[key + "named"] += named
            count[key + "found k"] += found
            count[key + "blamed another"] += bool(others)
    return count


def silver_perturbation_lines(days: int, shifts: list[int], per_day: int) -> list[str]:
    """The bench-merge lines for the silver perturbation ([] with a note when the data is absent)."""
    if not SILVER.is_dir():
        return [f"- TE-3 silver not found at {SILVER}: no multi-source perturbation."]
    total: Counter[str] = Counter()
    chosen = busiest_days(days)
    for _, paths in chosen:
        total += perturb_day(day_articles(paths), shifts, per_day)
    names = ", ".join(f"{day} ({len(paths)})" for day, paths in chosen)
    return [
        f"- TE-3 silver, the {len(chosen)} busiest {WINDOW_DAYS}-day windows of one agency ({names} articles), "
        f"each merged on its own, every article its own source: **{total['false alarms']}** M301 issues "
        f"without any shift (false alarms). Up to {per_day} articles a window that share at least "
        f"{MIN_SHARED_EVENTS} dated events with another article, each shifted by k in {shifts}: "
        f"{total['runs'] + total['no evidence, runs']} runs. **{total['runs']}** with evidence (at least "
        f"{MIN_SHARED_EVENTS} shared events where its moved day, week or month meets another article's date): an "
        f"M301 named the shifted article in **{total['named']}**, with k within 7 days in "
        f"**{total['found k']}**, and blamed another article in {total['blamed another']}. "
        f"{total['no evidence, runs']} without that evidence (its shared dates are absolute or coarse, or its "
        f"moved dates no longer meet the others): named anyway in {total['no evidence, named']}, another article "
        f"blamed in {total['no evidence, blamed another']}."
    ]

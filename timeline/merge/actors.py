"""Actors across articles: one actor however each source names it.

Within an article, "Mr. Blinken" already joins "Antony Blinken" (extract/actors.py). Across
articles the same person can still appear as a bare surname, sometimes with a wrong NER type
("Blinken" as a place), and the same organisation with two types. We link a one-word name to the
only multi-word person whose surname it is, and one name with several types to its most frequent
type; the joined actor keeps every name it was seen under as an alias, which is the evidence.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from timeline.models import Actor, ArticleExtraction, EventActor, EventMention


def _surname_index(actors: Sequence[Actor]) -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for actor in actors:
        if actor.type == "PERSON" and " " in actor.name:
            index[actor.name.split()[-1].lower()].add(actor.id)
    return index


def actor_links(extractions: Iterable[ArticleExtraction]) -> dict[str, str]:
    """Return {actor id: canonical actor id} for actors that another article names more fully."""
    actors = {actor.id: actor for extraction in extractions for actor in extraction.actors}
    surnames = _surname_index(list(actors.values()))
    by_name: dict[str, list[str]] = defaultdict(list)
    type_counts: Counter[str] = Counter()
    for extraction in extractions:
        for mention in extraction.mentions:
            type_counts[mention.actor_id] += 1
    for actor in actors.values():
        by_name[actor.name.lower()].append(actor.id)
    links: dict[str, str] = {}
    for actor in sorted(actors.values(), key=lambda a: a.id):
        if " " not in actor.name and len(surnames.get(actor.name.lower(), ())) == 1:
            links[actor.id] = next(iter(surnames[actor.name.lower()]))
            continue
        same = sorted(by_name[actor.name.lower()], key=lambda i: (-type_counts[i], i))
        if len(same) > 1 and same[0] != actor.id:
            links[actor.id] = same[0]
    return {source: _follow(target, links) for source, target in links.items() if source != target}


def _follow(target: str, links: dict[str, str]) -> str:
    seen = set()
    while target in links and target not in seen:
        seen.add(target)
        target = links[target]
    return target


def merge_actors(extractions: Sequence[ArticleExtraction], links: dict[str, str]) -> tuple[Actor, ...]:
    """Join all articles' actors under their canonical ids, keeping every name as an alias."""
    joined: dict[str, Actor] = {}
    others: dict[str, list[Actor]] = defaultdict(list)
    for extraction in extractions:
        for actor in extraction.actors:
            target = links.get(actor.id, actor.id)
            if target == actor.id and actor.id not in joined:
                joined[actor.id] = actor
            else:
                others[target].append(actor)
    for target, actors in sorted(others.items()):
        base = joined.get(target) or actors[0].model_copy(update={"id": target})
        names = {*base.aliases, *(a.name for a in actors), *(alias for a in actors for alias in a.aliases)}
        joined[target] = base.model_copy(
            update={
                "aliases": tuple(sorted(names - {base.name})),
                "titles": tuple(sorted({*base.titles, *(t for a in actors for t in a.titles)})),
                "article_ids": tuple(sorted({*base.article_ids, *(i for a in actors for i in a.article_ids)})),
            }
        )
    return tuple(joined[key] for key in sorted(joined))


def relink_mention(mention: EventMention, links: dict[str, str], names: dict[str, str]) -> EventMention:
    """Return the mention with its actors under their canonical ids and names."""
    if not any(actor.actor_id in links for actor in mention.actors):
        return mention
    actors: dict[str, EventActor] = {}
    for actor in mention.actors:
        target = links.get(actor.actor_id, actor.actor_id)
        relinked = actor.model_copy(update={"actor_id": target, "name": names.get(target, actor.name)})
        known = actors.get(target)
        if known is None or (known.role == "other" and relinked.role != "other"):
            actors[target] = relinked
    ordered = tuple(sorted(actors.values(), key=lambda a: (a.role != "agent", a.actor_id)))
    return mention.model_copy(update={"actors": ordered})

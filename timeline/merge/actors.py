"""Actors across articles: one actor however each source names it.

Within an article, "Mr. Blinken" already joins "Antony Blinken" (extract/actors.py). Across
articles the same person can still appear as a bare surname, sometimes with a wrong NER type
("Blinken" as a place), and the same organisation with two types. We link a one-word name to the
only multi-word person whose surname it is, and one name with several types to its most frequent
type, and an organisation's acronym or short form ("GM", "Airbus") to the one organisation it abbreviates
("General Motors", "Airbus SAS"); the joined actor keeps every name it was seen under as an alias, which
is the evidence.
Within one article, a first name alone ("Steve called podcasting ...") is the only person of that
article with that first name ("Steve Jobs"); with two such people ("Steve Jobs", "Steve Ballmer") it
stays as it is. Actor ids are shared by all articles ("person:steve"), so this link is per article.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from operator import attrgetter

from timeline.about import acronym, short_form
from timeline.merge.reconcile import replaced
from timeline.models import Actor, ArticleExtraction, EventActor, EventMention


def _surname_index(actors: Sequence[Actor]) -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for actor in actors:
        if actor.type == "PERSON" and " " in actor.name:
            index[actor.name.split()[-1].lower()].add(actor.id)
    return index


def _fuller_index(names: Iterable[str]) -> dict[str, list[str]]:
    """Return {short form or acronym: the names it abbreviates, in ``names`` order}.

    `about.fuller_names` of one name against all of them, built once: asked for every organisation of a
    corpus it was quadratic (2,452 news wires: minutes of the merge).
    """
    index: dict[str, list[str]] = defaultdict(list)
    for full in names:
        for form in dict.fromkeys((short_form(full), acronym(full))):
            if form is not None:
                index[form].append(full)
    return index


def actor_links(extractions: Iterable[ArticleExtraction]) -> dict[str, str]:
    """Return {actor id: canonical actor id} for actors that another article names more fully."""
    actors = {actor.id: actor for extraction in extractions for actor in extraction.actors}
    surnames = _surname_index(list(actors.values()))
    by_name: dict[str, list[str]] = defaultdict(list)
    type_counts = Counter(map(_actor_id, chain.from_iterable(map(_mentions, extractions))))
    for actor in actors.values():
        by_name[actor.name.lower()].append(actor.id)
    organisations = {actor.name: actor.id for actor in actors.values() if actor.type == "ORG"}
    abbreviated = _fuller_index(organisations)
    links: dict[str, str] = {}
    for actor in sorted(actors.values(), key=_id):
        name = actor.name.lower()
        if " " not in actor.name and len(surnames.get(name, ())) == 1:
            links[actor.id] = next(iter(surnames[name]))
            continue
        fuller = [f for f in abbreviated.get(actor.name, ()) if f != actor.name] if actor.type == "ORG" else []
        if len(fuller) == 1:  # "GM" in one article, "General Motors" in another
            links[actor.id] = organisations[fuller[0]]
            continue
        same = by_name[name]
        if len(same) > 1 and (best := min(same, key=lambda i: (-type_counts[i], i))) != actor.id:
            links[actor.id] = best
    return {source: _follow(target, links) for source, target in links.items() if source != target}


def first_name_links(extractions: Iterable[ArticleExtraction]) -> dict[str, dict[str, str]]:
    """Return {article id: {actor id: actor id}} for a first name alone that names one person of the article."""
    links: dict[str, dict[str, str]] = {}
    for extraction in extractions:
        people = [actor for actor in extraction.actors if actor.type == "PERSON"]
        full: dict[str, set[str]] = defaultdict(set)
        surnames = set()
        for actor in people:
            words = actor.name.split()
            if len(words) > 1:
                full[words[0].lower()].add(actor.id)
                surnames.add(words[-1].lower())
        for actor in people:
            name = actor.name.lower()
            if " " in name or name in surnames or len(full.get(name, ())) != 1:
                continue
            links.setdefault(extraction.article.id, {})[actor.id] = next(iter(full[name]))
    return links


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
    for target, actors in sorted(others.items()):  # an actor named in 300 articles: its fields joined in C
        base = joined.get(target) or replaced(actors[0], id=target)
        names = {*base.aliases, *map(_name, actors), *chain.from_iterable(map(_aliases, actors))}
        joined[target] = replaced(
            base,
            aliases=tuple(sorted(names - {base.name})),
            titles=tuple(sorted({*base.titles, *chain.from_iterable(map(_titles, actors))})),
            article_ids=tuple(sorted({*base.article_ids, *chain.from_iterable(map(_article_ids, actors))})),
        )
    return tuple(joined[key] for key in sorted(joined))


def relink_mentions(
    mentions: Iterable[EventMention],
    links: dict[str, str],
    names: dict[str, str],
    first_names: dict[str, dict[str, str]] | None = None,
) -> list[EventMention]:
    """Return the mentions with their actors under their canonical ids and names (`relink_mention`).

    ``first_names`` are the links that hold in one article only (`first_name_links`). Most mentions name no
    actor that any link moves: they are told apart by their actor ids alone, and kept as they are.
    """
    return list(relinked(mentions, links, names, first_names))


def relinked(
    mentions: Iterable[EventMention],
    links: dict[str, str],
    names: dict[str, str],
    first_names: dict[str, dict[str, str]] | None = None,
) -> Iterator[EventMention]:
    """Yield `relink_mentions` one at a time: the merge sorts each mention while it is still in the CPU's cache."""
    first_names = first_names or {}
    moved = links.keys() | {actor_id for own in first_names.values() for actor_id in own}
    for mention in mentions:
        if moved.isdisjoint(map(_actor_id, mention.actors)):
            yield mention
        else:
            yield relink_mention(mention, links, names, first_names.get(mention.article_id))


_actor_id, _id, _mentions = attrgetter("actor_id"), attrgetter("id"), attrgetter("mentions")
_name, _aliases, _titles, _article_ids = map(attrgetter, ("name", "aliases", "titles", "article_ids"))


def relink_mention(
    mention: EventMention,
    links: dict[str, str],
    names: dict[str, str],
    article_links: dict[str, str] | None = None,
) -> EventMention:
    """Return the mention with its actors under their canonical ids and names.

    ``article_links`` are the links that hold in the mention's article only (`first_name_links`). An actor
    whose id and name stay is kept as it is: copying models was most of the time of relinking a corpus.
    """
    told = mention.actors
    ids = list(map(_actor_id, told))
    targets = [links.get(i, i) for i in (map(article_links.get, ids, ids) if article_links else ids)]
    if targets == ids:
        return mention
    actors: dict[str, EventActor] = {}
    for target, actor in zip(targets, told, strict=True):
        name = names.get(target, actor.name)
        moved = actor
        if target != actor.actor_id or name != actor.name:
            moved = replaced(actor, actor_id=target, name=name)
        known = actors.get(target)
        if known is None or (known.role == "other" and moved.role != "other"):
            actors[target] = moved
    ordered = tuple(actors.values()) if len(actors) < 2 else tuple(sorted(actors.values(), key=_actor_order))
    return replaced(mention, actors=ordered)


def _actor_order(actor: EventActor) -> tuple[bool, str]:
    """Agents first, then by id: the order of a mention's actors."""
    return (actor.role != "agent", actor.actor_id)

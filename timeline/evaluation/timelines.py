"""SemEval-2015 Task 4 "TimeLine": read and write entity timelines, and score them (our own implementation).

**Format.** A timeline file lists the events a target entity takes part in, in order. An optional
first line without a tab names the target ("Steve Jobs"). Every other line is
``position<TAB>date<TAB>mention<TAB>mention…``: mentions on one line are one event (coreferent across
documents), a mention is ``docid-sentence-token`` (the token's words joined by ``_``: "4954-2-court_case").
Lines with the same position are simultaneous; a higher position is later. The date is ``YYYY-MM-DD``,
``YYYY-MM`` or ``YYYY``, with ``XX`` for unknown parts (``2008-03-XX`` is March 2008); ``XXXX-XX-XX``
is undated, and position 0 holds the events that cannot be placed at all.

**Temporal awareness** (the task's metric, UzZaman and Allen 2011 as used in TempEval-3). Each
timeline becomes a graph of TimeML-style relations between event nodes (one per mention) and time
nodes (one per date value): the date INCLUDES the events anchored to it, the events of one position
are SIMULTANEOUS, and every event of a position is BEFORE every event of the next position. We build
the *reduced* graph directly (`timeline_relations`): a SIMULTANEOUS chain per position, one INCLUDES
from each of its dates, one BEFORE to the next position; nothing in it follows from the rest (the
tests check this with the generic `transitive_reduction`). Position 0 gets no relation, so unplaced
events count only in the mention scores. With ⁺ the transitive closure and ⁻ the reduced graph:

    precision = |Sys⁻ ∩ Gold⁺| / |Sys⁻|        recall = |Gold⁻ ∩ Sys⁺| / |Gold⁻|

summed over the timelines of a corpus (micro average), F1 from the two. The task's description
relates events to their time with SIMULTANEOUS; we use INCLUDES (the time contains the event), which
says the same when one event has the date, and stays consistent when the gold orders several events
inside one day (Steve Jobs's keynote positions 9, 10 and 11 all on 2005-06-06).

**Official definition** (`official_awareness`, `official_scores`, `official_total`): the task's own
scorer builds its graph differently (events SIMULTANEOUS with their date, dates compared as strings,
every event chained to the next, a missing system file skipped; see the section at the end), and that
figure is the one to report. The functions above stay for the diagnostic figures beside it.

**Closure** works on interval end points: a node is a start point ≤ an end point; a BEFORE b is
a.end < b.start, SIMULTANEOUS is equal ends, a INCLUDES b is a.start ≤ b.start and b.end ≤ a.end.
Reachability over ≤ and < edges (bit sets) gives every implied relation between two nodes.

**Mentions.** The official scorer compares mention strings exactly (*strict*). A system trigger is
often another token of the same gold event ("case" for ``court_case``), so we also report *aligned*
scores, where a system mention takes the id of the gold mention of the same document and sentence
that shares a word with it (one to one, exact strings first). Simpler figures go with it: mention
precision/recall, anchor-date accuracy of the aligned mentions (the system date is right when it
equals the gold value, holds the gold day, or lies inside a coarser gold value), and pairwise order
(every pair of placed mentions labelled before, after or same, compared as sets).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from timeline.errors import InputError
from timeline.evaluation.events import anchor_correct
from timeline.evaluation.meantime import timex_interval

Relation = tuple[str, str, str]
"""``(source node, type, target node)``, type BEFORE, SIMULTANEOUS or INCLUDES (normalised: see `_normal`)."""

_DATE = re.compile(r"^(\d{4}|X{3,4})(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?$")
_MENTION = re.compile(r"^([^-\s]+)-(\d+)-(\S+)$")


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a timeline: its position, its date as written, and its mentions (one event)."""

    position: int
    date: str
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class EntityTimeline:
    """The timeline of one target entity."""

    target: str
    entries: tuple[TimelineEntry, ...]

    def mentions(self) -> tuple[str, ...]:
        """Every mention, in file order, each once."""
        return tuple(dict.fromkeys(m for entry in self.entries for m in entry.mentions))


def normalise_date(value: str) -> str | None:
    """Return a date as ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` without unknown parts, None when undated."""
    match = _DATE.match(value.strip())
    if match is None or match[1].startswith("X"):
        return None
    parts = [match[1]]
    for part in (match[2], match[3]):
        if part is None or part == "XX":
            break
        parts.append(part)
    return "-".join(parts)


def parse_timeline(text: str, name: str = "", path: Path | str | None = None) -> EntityTimeline:
    """Read a timeline from its text (see the module docstring).

    Raises:
        InputError: a line that is not ``position<TAB>date<TAB>mention…``, naming the line.
    """
    target = name
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.rstrip("\n").split("\t")
        if len(fields) == 1 and number == 1:
            target = line.strip()
            continue
        if len(fields) < 3 or not fields[0].strip().isdigit():
            raise InputError("not a timeline line (position<TAB>date<TAB>mention...)", path=path, line=number)
        mentions = tuple(field.strip() for field in fields[2:] if field.strip())
        bad = next((m for m in mentions if not _MENTION.match(m)), None)
        if bad is not None or not mentions:
            raise InputError(f"mention {bad!r} is not docid-sentence-token", path=path, line=number)
        entries.append(TimelineEntry(position=int(fields[0]), date=fields[1].strip(), mentions=mentions))
    return EntityTimeline(target=target, entries=tuple(entries))


def read_timeline_file(path: Path) -> EntityTimeline:
    """Read one timeline file; its target defaults to the file name's words."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the timeline: {error}", path=path) from error
    return parse_timeline(text, name=path.stem.replace("_", " "), path=path)


def read_timeline_dir(folder: Path) -> dict[str, EntityTimeline]:
    """Read every ``*.txt`` of a folder, keyed by file stem, in sorted order."""
    return {path.stem: read_timeline_file(path) for path in sorted(folder.glob("*.txt"))}


def format_timeline(timeline: EntityTimeline) -> str:
    """Write a timeline in the task's format (the target on the first line)."""
    lines = [timeline.target] if timeline.target else []
    lines += [f"{e.position}\t{e.date}\t" + "\t".join(e.mentions) for e in timeline.entries]
    return "\n".join(lines) + "\n"


def timeline_relations(timeline: EntityTimeline) -> frozenset[Relation]:
    """Return the reduced relation graph of a timeline (see the module docstring).

    Nodes are ``e:`` + mention and ``t:`` + normalised date.
    """
    groups: dict[int, list[tuple[str, str | None]]] = {}
    seen: set[str] = set()
    for entry in timeline.entries:
        if entry.position <= 0:
            continue
        for mention in entry.mentions:
            if mention not in seen:
                seen.add(mention)
                groups.setdefault(entry.position, []).append((mention, normalise_date(entry.date)))
    relations: set[Relation] = set()
    previous: str | None = None
    for position in sorted(groups):
        members = groups[position]
        for (left, _), (right, _) in zip(members, members[1:], strict=False):
            relations.add(_normal(f"e:{left}", "SIMULTANEOUS", f"e:{right}"))
        anchored: set[str] = set()
        for mention, day in members:
            if day is not None and day not in anchored:
                anchored.add(day)
                relations.add((f"t:{day}", "INCLUDES", f"e:{mention}"))
        if previous is not None:
            relations.add((f"e:{previous}", "BEFORE", f"e:{members[0][0]}"))
        previous = members[-1][0]
    return frozenset(relations)


def _normal(source: str, kind: str, target: str) -> Relation:
    """One spelling per relation: AFTER and IS_INCLUDED turned round, SIMULTANEOUS in sorted order."""
    if kind == "AFTER":
        return (target, "BEFORE", source)
    if kind == "IS_INCLUDED":
        return (target, "INCLUDES", source)
    if kind == "SIMULTANEOUS" and target < source:
        return (target, kind, source)
    return (source, kind, target)


def closure(relations: Iterable[Relation]) -> frozenset[Relation]:
    """Return every relation the given ones imply between their nodes (normalised), themselves included."""
    relations = [_normal(*relation) for relation in relations]
    nodes = sorted({n for source, _, target in relations for n in (source, target)})
    index = {node: i for i, node in enumerate(nodes)}
    size = 2 * len(nodes)  # point 2i is node i's start, 2i + 1 its end
    le = [1 << p for p in range(size)]
    strict: list[tuple[int, int]] = []
    for i in range(len(nodes)):
        le[2 * i] |= 1 << (2 * i + 1)
    for source, kind, target in relations:
        a, b = index[source], index[target]
        if kind == "BEFORE":
            strict.append((2 * a + 1, 2 * b))
            le[2 * a + 1] |= 1 << (2 * b)
        elif kind == "SIMULTANEOUS":
            for x, y in ((2 * a, 2 * b), (2 * a + 1, 2 * b + 1)):
                le[x] |= 1 << y
                le[y] |= 1 << x
        elif kind == "INCLUDES":
            le[2 * a] |= 1 << (2 * b)
            le[2 * b + 1] |= 1 << (2 * a + 1)
        else:
            raise ValueError(f"unknown relation type {kind}")
    for k in range(size):
        bit = 1 << k
        reach = le[k]
        for p in range(size):
            if le[p] & bit:
                le[p] |= reach
    after_strict: dict[int, int] = {}
    for u, v in strict:
        after_strict[u] = after_strict.get(u, 0) | le[v]
    lt = [0] * size
    for p in range(size):
        for u, reach in after_strict.items():
            if le[p] >> u & 1:
                lt[p] |= reach
    found: set[Relation] = set()
    for i, left in enumerate(nodes):
        for j in range(i + 1, len(nodes)):
            kind = _between(i, j, le, lt)
            if kind is not None:
                found.add(_normal(left, kind, nodes[j]))
    return frozenset(found)


def _between(i: int, j: int, le: list[int], lt: list[int]) -> str | None:
    """The most specific relation the point closure gives from node i to node j, if any."""
    si, ei, sj, ej = 2 * i, 2 * i + 1, 2 * j, 2 * j + 1

    def leq(x: int, y: int) -> bool:
        return bool(le[x] >> y & 1)

    if leq(si, sj) and leq(sj, si) and leq(ei, ej) and leq(ej, ei):
        return "SIMULTANEOUS"
    if lt[ei] >> sj & 1:
        return "BEFORE"
    if lt[ej] >> si & 1:
        return "AFTER"
    if leq(si, sj) and leq(ej, ei):
        return "INCLUDES"
    if leq(sj, si) and leq(ei, ej):
        return "IS_INCLUDED"
    return None


def transitive_reduction(relations: Iterable[Relation]) -> frozenset[Relation]:
    """Drop, in sorted order, every relation the others still imply (for small graphs: one closure each)."""
    kept = sorted(set(relations))
    for relation in list(kept):
        others = [r for r in kept if r != relation]
        if relation in closure(others):
            kept = others
    return frozenset(kept)


@dataclass(frozen=True)
class Awareness:
    """Temporal-awareness counts: reduced system relations found in the gold closure, and the converse."""

    system: int = 0
    system_correct: int = 0
    gold: int = 0
    gold_found: int = 0

    def __add__(self, other: Awareness) -> Awareness:
        return Awareness(
            self.system + other.system,
            self.system_correct + other.system_correct,
            self.gold + other.gold,
            self.gold_found + other.gold_found,
        )

    @property
    def precision(self) -> float:
        """|Sys⁻ ∩ Gold⁺| / |Sys⁻|."""
        return _ratio(self.system_correct, self.system)

    @property
    def recall(self) -> float:
        """|Gold⁻ ∩ Sys⁺| / |Gold⁻|."""
        return _ratio(self.gold_found, self.gold)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return _f1(self.precision, self.recall)


def temporal_awareness(gold: EntityTimeline, system: EntityTimeline) -> Awareness:
    """Score one system timeline against the gold one with the task's metric."""
    gold_reduced, system_reduced = timeline_relations(gold), timeline_relations(system)
    gold_closed, system_closed = closure(gold_reduced), closure(system_reduced)
    return Awareness(
        system=len(system_reduced),
        system_correct=len(system_reduced & gold_closed),
        gold=len(gold_reduced),
        gold_found=len(gold_reduced & system_closed),
    )


def _parts(mention: str) -> tuple[str, str, frozenset[str]]:
    match = _MENTION.match(mention)
    if match is None:
        return mention, "", frozenset()
    return match[1], match[2], frozenset(match[3].lower().split("_"))


def align_mentions(gold: Sequence[str], system: Sequence[str]) -> dict[str, str]:
    """Return {system mention: gold mention}, one to one.

    Exact strings first, then the same document and sentence with a shared word, in sorted order.
    """
    pairs: dict[str, str] = {}
    used: set[str] = set()
    gold_set = set(gold)
    for mention in sorted(set(system)):
        if mention in gold_set:
            pairs[mention] = mention
            used.add(mention)
    by_place: dict[tuple[str, str], list[str]] = {}
    for mention in sorted(gold_set - used):
        doc, sentence, _ = _parts(mention)
        by_place.setdefault((doc, sentence), []).append(mention)
    for mention in sorted(set(system) - set(pairs)):
        doc, sentence, words = _parts(mention)
        for candidate in by_place.get((doc, sentence), []):
            if candidate not in used and words & _parts(candidate)[2]:
                pairs[mention] = candidate
                used.add(candidate)
                break
    return pairs


def rename(timeline: EntityTimeline, names: Mapping[str, str]) -> EntityTimeline:
    """Return the timeline with its mentions renamed (the aligned gold ids); others keep their names."""
    entries = tuple(
        TimelineEntry(e.position, e.date, tuple(names.get(m, m) for m in e.mentions)) for e in timeline.entries
    )
    return EntityTimeline(target=timeline.target, entries=entries)


@dataclass(frozen=True)
class TimelineScore:
    """Every figure of one target (or of a corpus, summed)."""

    gold_mentions: int = 0
    system_mentions: int = 0
    matched_mentions: int = 0
    dated_matched: int = 0
    """Aligned mentions whose gold date is known."""
    anchor_correct: int = 0
    anchor_exact: int = 0
    order_gold: int = 0
    order_system: int = 0
    order_matched: int = 0
    strict: Awareness = Awareness()
    aligned: Awareness = Awareness()

    def __add__(self, other: TimelineScore) -> TimelineScore:
        values = {name: getattr(self, name) + getattr(other, name) for name in self.__dataclass_fields__}
        return TimelineScore(**values)

    @property
    def mention_precision(self) -> float:
        """Aligned system mentions over system mentions."""
        return _ratio(self.matched_mentions, self.system_mentions)

    @property
    def mention_recall(self) -> float:
        """Aligned gold mentions over gold mentions."""
        return _ratio(self.matched_mentions, self.gold_mentions)

    @property
    def mention_f1(self) -> float:
        """Harmonic mean of mention precision and recall."""
        return _f1(self.mention_precision, self.mention_recall)

    @property
    def anchor_accuracy(self) -> float:
        """Right system dates over aligned mentions with a known gold date."""
        return _ratio(self.anchor_correct, self.dated_matched)

    @property
    def order_f1(self) -> float:
        """F1 of the labelled pairs (before, after, same) of placed mentions."""
        return _f1(_ratio(self.order_matched, self.order_system), _ratio(self.order_matched, self.order_gold))


def order_pairs(timeline: EntityTimeline) -> frozenset[tuple[str, str, str]]:
    """Return ``(a, label, b)`` with a < b for every pair of placed mentions: label <, > or =."""
    placed: dict[str, int] = {}
    for entry in timeline.entries:
        if entry.position > 0:
            for mention in entry.mentions:
                placed.setdefault(mention, entry.position)
    names = sorted(placed)
    found = set()
    for i, left in enumerate(names):
        for right in names[i + 1 :]:
            a, b = placed[left], placed[right]
            found.add((left, "<" if a < b else ">" if a > b else "=", right))
    return frozenset(found)


def mention_dates(timeline: EntityTimeline) -> dict[str, str | None]:
    """Return each mention's normalised date (None when undated)."""
    dates: dict[str, str | None] = {}
    for entry in timeline.entries:
        for mention in entry.mentions:
            dates.setdefault(mention, normalise_date(entry.date))
    return dates


def date_right(system: str | None, gold: str) -> tuple[bool, bool]:
    """Return (right, exact) for a system date against a known gold date."""
    if system is None:
        return False, False
    if system == gold:
        return True, True
    system_interval, gold_interval = timex_interval(system), timex_interval(gold)
    if system_interval is None or gold_interval is None:
        return False, False
    return anchor_correct(system_interval, gold_interval)[0], False


def score_timeline(gold: EntityTimeline, system: EntityTimeline) -> TimelineScore:
    """Score one target's system timeline against its gold timeline (every figure of the module)."""
    gold_mentions, system_mentions = gold.mentions(), system.mentions()
    names = align_mentions(gold_mentions, system_mentions)
    aligned = rename(system, names)
    gold_dates, system_dates = mention_dates(gold), mention_dates(system)
    dated = right = exact = 0
    for system_mention, gold_mention in names.items():
        gold_day = gold_dates.get(gold_mention)
        if gold_day is None:
            continue
        dated += 1
        is_right, is_exact = date_right(system_dates.get(system_mention), gold_day)
        right += is_right
        exact += is_exact
    gold_pairs, system_pairs = order_pairs(gold), order_pairs(aligned)
    return TimelineScore(
        gold_mentions=len(gold_mentions),
        system_mentions=len(system_mentions),
        matched_mentions=len(names),
        dated_matched=dated,
        anchor_correct=right,
        anchor_exact=exact,
        order_gold=len(gold_pairs),
        order_system=len(system_pairs),
        order_matched=len(gold_pairs & system_pairs),
        strict=temporal_awareness(gold, system),
        aligned=temporal_awareness(gold, aligned),
    )


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# The official definition ------------------------------------------------------------------------------
#
# The task's scorer (SemEval-2015 Task 4 evaluation tool: each timeline turned into TimeML, then the
# TempEval-3 temporal-awareness tool) differs from `temporal_awareness` above in what the graph holds:
#
# - the first line of a file is dropped, whatever it holds (the target's name); position-0 lines too;
# - the other lines are sorted by "natural" order (digit runs compared as numbers), then every event
#   (one per mention, in that order) is linked to its date with SIMULTANEOUS, and each event to the
#   next one with BEFORE (the next is at a later position) or SIMULTANEOUS (the same position);
# - a date is a string: "2008" and "2008-XX-XX" are two different times;
# - a mention is a string: the k-th occurrence of a string in the system is the k-th of the gold;
# - relations are taken in that order: one the earlier ones imply is redundant (left out of the reduced
#   graph), one that contradicts them (two positions on one date: equal through the date, yet one
#   BEFORE the other) is *violated*: kept in the reduced graph, left out of the closure;
# - a relation counts as found when the other side's relations hold it as written or its closure
#   implies it; precision and recall are summed over the targets (micro average), and a target whose
#   system file is missing is skipped, gold included.


@dataclass(frozen=True)
class OfficialLine:
    """A line of a timeline file as the official scorer reads it."""

    position: int
    date: str
    mentions: tuple[str, ...]


def official_lines(text: str, path: Path | str | None = None) -> tuple[OfficialLine, ...]:
    """Read a timeline file the way the official scorer does.

    The first line and position-0 lines are dropped, lines of fewer than three fields skipped, the rest
    sorted in natural order.

    Raises:
        InputError: a line whose position is not a number.
    """
    kept = []
    for number, line in enumerate(text.split("\n"), start=1):
        if number == 1 or not line.strip():
            continue
        fields = line.rstrip().split("\t")
        if len(fields) < 3:
            continue
        if not fields[0].strip().isdigit():
            raise InputError(f"position {fields[0]!r} is not a number", path=path, line=number)
        if int(fields[0]) == 0:
            continue
        kept.append(line.rstrip())
    kept.sort(key=_natural_key)
    return tuple(
        OfficialLine(position=int(fields[0]), date=fields[1], mentions=tuple(fields[2:]))
        for fields in (line.split("\t") for line in kept)
    )


def _natural_key(line: str) -> tuple[tuple[int, int | str], ...]:
    """Digit runs as numbers, numbers before text (as Python 2 compared them)."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", line))


def official_relations(lines: Sequence[OfficialLine]) -> list[Relation]:
    """Return the relations the official scorer writes for a timeline, in its order.

    An event node is ``e:`` + mention + ``#`` + its occurrence number, so the k-th occurrence of a
    string is the same node on both sides; a time node is ``t:`` + the date as written.
    """
    events: list[tuple[str, int, str]] = []
    seen: Counter[str] = Counter()
    for line in lines:
        for mention in line.mentions:
            events.append((f"e:{mention}#{seen[mention]}", line.position, line.date))
            seen[mention] += 1
    relations: list[Relation] = [(node, "SIMULTANEOUS", f"t:{day}") for node, _, day in events]
    for (left, before, _), (right, after, _) in zip(events, events[1:], strict=False):
        relations.append((left, "BEFORE" if before < after else "SIMULTANEOUS", right))
    return relations


class _PointGraph:
    """Interval end points under ≤ and <, closed as relations are added (bit sets per point)."""

    def __init__(self, nodes: Iterable[str]) -> None:
        self.index = {node: i for i, node in enumerate(sorted(set(nodes)))}
        size = 2 * len(self.index)
        self.le = [1 << p for p in range(size)]
        self.lt = [0] * size
        for i in range(len(self.index)):
            self._add(2 * i, 2 * i + 1, strict=False)

    def _constraints(self, relation: Relation) -> list[tuple[int, int, bool]] | None:
        source, kind, target = relation
        if source not in self.index or target not in self.index:
            return None
        a, b = self.index[source], self.index[target]
        if kind == "BEFORE":
            return [(2 * a + 1, 2 * b, True)]
        if kind == "SIMULTANEOUS":
            pairs = ((2 * a, 2 * b), (2 * b, 2 * a), (2 * a + 1, 2 * b + 1), (2 * b + 1, 2 * a + 1))
            return [(x, y, False) for x, y in pairs]
        raise ValueError(f"unknown relation type {kind}")

    def implies(self, relation: Relation) -> bool:
        """True when the relations added so far imply this one."""
        constraints = self._constraints(relation)
        if constraints is None:
            return False
        return all((self.lt if strict else self.le)[x] >> y & 1 for x, y, strict in constraints)

    def add(self, relation: Relation) -> bool:
        """Add a relation; return False (and change nothing) when it contradicts the ones added."""
        constraints = self._constraints(relation)
        if constraints is None:
            return True
        saved = (list(self.le), list(self.lt))
        for x, y, strict in constraints:
            self._add(x, y, strict)
        if any(self.lt[p] >> p & 1 for p in range(len(self.lt))):
            self.le, self.lt = saved
            return False
        return True

    def _add(self, x: int, y: int, strict: bool) -> None:
        le_y, lt_y = self.le[y], self.lt[y]
        after = le_y | lt_y
        for p in range(len(self.le)):
            below = self.le[p] >> x & 1
            if strict and (below or self.lt[p] >> x & 1):
                self.lt[p] |= after
            elif not strict:
                if below:
                    self.le[p] |= le_y
                    self.lt[p] |= lt_y
                if self.lt[p] >> x & 1:
                    self.lt[p] |= after


def _official_graph(relations: Sequence[Relation]) -> tuple[_PointGraph, list[Relation]]:
    """Build the graph in order; return it and the reduced relations (the violated ones included)."""
    graph = _PointGraph(n for source, _, target in relations for n in (source, target))
    reduced = []
    for relation in relations:
        if graph.implies(relation):
            continue
        graph.add(relation)  # kept whether it holds or is violated
        reduced.append(relation)
    return graph, reduced


def _written(relations: Iterable[Relation]) -> set[Relation]:
    """The relations as written and turned round (the scorer's triples)."""
    inverse = {"BEFORE": "AFTER", "SIMULTANEOUS": "SIMULTANEOUS"}
    found = set()
    for source, kind, target in relations:
        found.add((source, kind, target))
        found.add((target, inverse[kind], source))
    return found


def official_awareness(gold_text: str, system_text: str) -> Awareness:
    """Score one target's system timeline file against the gold file with the official definition."""
    gold_relations = official_relations(official_lines(gold_text))
    system_relations = official_relations(official_lines(system_text))
    gold_graph, gold_reduced = _official_graph(gold_relations)
    system_graph, system_reduced = _official_graph(system_relations)
    gold_written, system_written = _written(gold_relations), _written(system_relations)
    return Awareness(
        system=len(system_reduced),
        system_correct=sum(r in gold_written or gold_graph.implies(r) for r in system_reduced),
        gold=len(gold_reduced),
        gold_found=sum(r in system_written or system_graph.implies(r) for r in gold_reduced),
    )


def official_scores(gold_folder: Path, system_folder: Path) -> dict[str, Awareness | None]:
    """Score every gold ``*.txt`` against the system file of the same name.

    A target without a system file scores None: the official scorer skips it, its gold relations included.

    Raises:
        InputError: a file cannot be read or has a line whose position is not a number.
    """
    scores: dict[str, Awareness | None] = {}
    for gold_path in sorted(gold_folder.glob("*.txt")):
        system_path = system_folder / gold_path.name
        if not system_path.is_file():
            scores[gold_path.stem] = None
            continue
        scores[gold_path.stem] = official_awareness(_read(gold_path), _read(system_path))
    return scores


def official_total(scores: Mapping[str, Awareness | None]) -> Awareness:
    """The micro average the official scorer prints: the scored targets summed, missing ones skipped."""
    total = Awareness()
    for score in scores.values():
        if score is not None:
            total = total + score
    return total


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the timeline: {error}", path=path) from error

"""Time expressions of one text: recognise, decide the clause's tense, normalise to the DCT.

This is the first version of the tagger (issue #2): rules from `resources/en/time_words.yml`, a
clause-window test for future tense, and explicit anchoring to the publication date.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from timeline.models import DateInterval, DocType, Span, TimeExpression
from timeline.timex import calendar as cal
from timeline.timex.days import anaphoric
from timeline.timex.era import era_output, is_surrogate
from timeline.timex.normalise import Context, Normalised, normalise
from timeline.timex.recognise import Candidate, find_candidates
from timeline.timex.reference import detect_doc_type, load_narrative_rules
from timeline.timex.tense import clause_tense
from timeline.timex.words import load_time_words

TENSE_RULES = frozenset(
    {
        "month_day",
        "day_month",
        "range_day",
        "part_of_date",
        "month",
        "weekday",
        "weekday_date",
        "weekday_day_month",
        "clock",
        "week_of",
        "quarter",
        "season",
    }
)
"""The rules whose value depends on the clause's tense (the direction of a weekday, the year of a month)."""


def clause_is_future(text: str, start: int, end: int | None = None) -> bool:
    """Return True when the clause around ``start`` speaks of the future ("due to meet ... on Monday").

    See `tense.clause_tense`: the nearest tense word decides, a clause without one is not future.
    """
    return clause_tense(text, start, end) == "future"


def _word_before(text: str, start: int) -> str:
    """Return the lower-cased word right before ``start`` ("ended" in "the year ended Jan. 31"), or ""."""
    words = text[max(0, start - 12) : start].split()
    return words[-1].lower().lstrip("`'\"(") if words and text[start - 1 : start].isspace() else ""


def timex_id(article_id: str, span: Span) -> str:
    """Return a stable id for a time expression: article, offsets and a short hash."""
    digest = hashlib.sha1(f"{article_id}:{span.start}:{span.end}".encode()).hexdigest()[:8]
    return f"t{span.start}-{digest}"


def _quarter_in(
    meaning: Normalised, rule: str, text: str, current: tuple[int, int] | None, dct: date | None
) -> tuple[int, int] | None:
    """Return (year, quarter) when an expression names the quarter the text is now about.

    The first quarter named sets it; later, only a quarter named as the reported one does: the
    adjective of the figures ("second-quarter net", "the latest quarter") of a quarter that has ended
    by the DCT, not a quarter in passing ("after a flat second quarter", "a fourth-quarter charge").
    """
    if rule not in ("quarter", "quarter_ref") or "-Q" not in meaning.value or "X" in meaning.value:
        return None
    if any(word in text.lower() for word in ("ago", "earlier", "prior", "last", "next")):
        return None
    year, quarter = (int(part) for part in meaning.value.split("-Q"))
    if current is None:
        return year, quarter
    if "-quarter" not in text.lower() and "latest" not in text.lower():
        return None
    ended = meaning.interval is not None and dct is not None and meaning.interval.latest < dct
    return (year, quarter) if ended else None


_SHIFT_WORDS = (" later", " earlier")
_APPOSITION = frozenset({", ", "-", " - ", "\u2013", " \u2013 ", "\u2014"})


def _story_shift(text: str, candidate: Candidate) -> Candidate:
    """In a narrative, read "two days later" as a date: two days after the story's reference time.

    News (TimeBank) tags "Three days" of "three days later" as a DURATION; a narrative's "later"
    counts from the date the story is at ("On 7 October 1944 ... two days later": 1944-10-09), which
    is how WikiWars (TIMEX2) annotates it. A vague amount ("a few days later", "several years earlier")
    is a date too, but one the text does not fix: FUTURE_REF or PAST_REF, as "a few years ago" is (the
    TIMEX2 guidelines' value for an indeterminate offset; WikiWars "A few days later", "A few months
    later", "a few years later" FUTURE_REF).
    """
    if candidate.rule != "duration" or not candidate.groups.get("number") or "approx" in candidate.groups:
        return candidate
    following = text[candidate.end : candidate.end + 8].lower()
    word = next((word for word in _SHIFT_WORDS if following.startswith(word)), None)
    if word is None:
        return candidate
    end = candidate.end + len(word)
    groups = {**candidate.groups, "ago": word.strip(), "__text": text[candidate.start : end]}
    return Candidate(candidate.start, end, "ago", groups)


_DCT_RELATIONS = ("rel", "drel", "yrel", "hrel", "erel")


def _story_anchored(meaning: Normalised, context: Context, groups: dict[str, str]) -> bool:
    """Return True when the story's reference time, not the DCT, placed this expression.

    The story rules resolve year-less words against it; "last March", "next year" and "two years
    ago" still count from the DCT.
    """
    if context.reference is None or not meaning.relative or meaning.interval is None:
        return False
    return not any(key in groups for key in _DCT_RELATIONS) and groups.get("ago", "").lower() != "ago"


def _moves_story(meaning: Normalised, rule: str, groups: dict[str, str], *, narrative: bool, story: bool) -> bool:
    """Return True when a resolved date becomes the text's reference time (what "that day" refers to).

    In a narrative a date counted from the DCT ("today", "last year") is an aside about the
    reader's present: the story's next "in March" still belongs to the story's year.
    """
    if meaning.interval is None or meaning.type not in ("DATE", "TIME") or "REF" in meaning.value:
        return False
    if rule == "ago" and groups.get("ago", "").lower() == "earlier":
        return False  # "twenty years earlier" looks back; the story stays where it was
    return not narrative or not meaning.relative or story or rule == "anaphoric"


_BACKGROUND_WORDS = frozenset({"since"})
"""In a narrative, a date after these is background the story starts from, not its time: "Thrace had
been part of the empire since 513 BC. The following year" counts from the story's year, not 513 BC."""


_CLAUSE_START = re.compile(r"[.;:!?\n,(\u201c\u201d\"]")
_UNTIL = re.compile(r"\b(?:until|till)\b", re.IGNORECASE)


_NOUN_AFTER = re.compile(r"\s+(?!(?:of|and|or|to|in|on|at|by|for|from|with|when|as|that|which|was|were|is|are)\b)[a-z]")


def _attributive(text: str, candidate: Candidate, word_before: str) -> bool:
    """Return True for a date that modifies a noun after "the" ("the August 1792 uprising", "the May 2007 high").

    Such a date names an event or a figure the sentence compares with, as an adjective would, and
    places nothing: the story stays at its time, so a later "In early May" is the story's May, not
    May 2007's.
    """
    return word_before == "the" and _NOUN_AFTER.match(text, candidate.end) is not None


def _until(text: str, candidate: Candidate) -> bool:
    """Return True when a narrative names a date as the end of a span ("lasted until ... in February 1945").

    The clause tells how long something went on from the story's time; the story itself stays
    there, so the next "By the start of July" is July of the story's year, not of the end date's.
    """
    window = text[max(0, candidate.start - 60) : candidate.start]
    breaks = list(_CLAUSE_START.finditer(window))
    clause = window[breaks[-1].end() :] if breaks else window
    return _UNTIL.search(clause) is not None


_PAST_PERFECT = re.compile(
    r"\bhad\s+(?:(?:already|just|long|also|never|not|since|previously|once|earlier)\s+)*([a-z]+)\b"
)
_PARTICIPLES = frozenset({"begun", "become", "come", "done", "gone", "run", "been"})


def _past_perfect(text: str, candidate: Candidate) -> bool:
    """Return True for a date in a past-perfect clause: a flashback, not the story's time.

    The past perfect puts an event before the time the story is at ("In May 1944, ... Chinese forces
    that had invaded Northern Burma in late 1943 besieged ...; By June" is June 1944): the story
    stays where it was.
    """
    window = text[max(0, candidate.start - 80) : candidate.start]
    breaks = list(_CLAUSE_START.finditer(window))
    clause = window[breaks[-1].end() :] if breaks else window
    for match in _PAST_PERFECT.finditer(clause):
        word = match.group(1).lower()
        if word.endswith(("ed", "en", "wn")) or word in _PARTICIPLES or word in load_time_words().past_verbs:
            return True
    return False


_DEICTIC_RULES = frozenset({"relative_day", "this_part", "relative_unit", "ago"})
"""The rules whose words count from the moment of speaking: "today", "this morning", "this year", "two years ago"."""


def _quoted(text: str, start: int) -> bool:
    """Return True when ``start`` is inside a quotation of its paragraph (an odd number of quote marks before it)."""
    paragraph = text[text.rfind("\n", 0, start) + 1 : start]
    return paragraph.count('"') % 2 == 1 or paragraph.count("\u201c") > paragraph.count("\u201d")


_OPENING_IN = re.compile(r"(?:\A|[.!?\n][\"'\u201d)]*\s+)In\s+\Z")


def _opens_sentence(text: str, candidate: Candidate) -> bool:
    """Return True for a month that opens its sentence after "In" ("In January, American Medical brought in").

    A time put first sets the scene of the sentence's main verb, so that verb's tense decides the
    month's year; elsewhere the nearest past verb is often another clause's ("announced an agreement
    to acquire the company in January").
    """
    return (
        candidate.rule == "month"
        and _OPENING_IN.search(text, max(0, candidate.start - 12), candidate.start) is not None
    )


def _in_parentheses(text: str, candidate: Candidate) -> bool:
    """Return True for a date that is the whole content of a parenthesis: an aside, not the story's time.

    "in How Wars Are Won (2003), Bevin Alexander reports ... In late November" is November 1950: a
    parenthesised date gives the year of a book, a law or a life in passing, and the story goes on
    where it was.
    """
    return text[candidate.start - 1 : candidate.start] == "(" and text[candidate.end : candidate.end + 1] == ")"


def _prospective(text: str, candidate: Candidate, tense: str | None) -> bool:
    """Return True when a narrative names a date in a future clause: a plan, not the story's time.

    "Pleiku would be exposed for a planned campaign in 1976. ... on 11 March" is March 1975: the
    story tells what happened, and a date that the clause only looks forward to (a plan, a
    projection) is not the reference time the next year-less date depends on.
    """
    if tense is None:
        tense = clause_tense(text, candidate.start, candidate.end)
    return tense == "future"


_OF_THAT_YEAR = frozenset({"month", "month_day", "day_month"})


def _month_of_that_year(
    text: str, candidates: list[Candidate], index: int, previous: DateInterval | None
) -> Candidate | None:
    """Join "August of that year", "July 25 of the same year" into one date in the year referred to.

    The month and the anaphoric year are one expression (TimeML tags them as one, valued 1940-08):
    the month takes the year that "that year" points at, the last date the text mentioned.
    """
    candidate = candidates[index]
    if candidate.rule not in _OF_THAT_YEAR or "year" in candidate.groups or index + 1 >= len(candidates):
        return None
    following = candidates[index + 1]
    if following.rule != "anaphoric" or following.groups.get("aunit", "").lower() != "year":
        return None
    if not re.fullmatch(r"\s+of\s+", text[candidate.end : following.start]):
        return None
    meaning = anaphoric(following.groups, Context(dct=None, previous=previous))
    if meaning is None or not meaning.value[:4].isdigit():
        return None
    groups = {**candidate.groups, "year": meaning.value[:4], "__text": text[candidate.start : following.end]}
    return Candidate(candidate.start, following.end, candidate.rule, groups)


def _month_of_relative_year(text: str, candidate: Candidate, candidates: list[Candidate], index: int) -> Candidate:
    """Give the month of "October of next year" the year named after it ("next year": 2010 in 2009).

    The two stay two expressions, as MEANTIME tags them (2010-10 and 2010); the month takes its year
    from the words, not from the nearest October. TimeBank's "June last year" is one rule (`month`).
    """
    if candidate.rule != "month" or "year" in candidate.groups or index + 1 >= len(candidates):
        return candidate
    following = candidates[index + 1]
    relation = following.groups.get("rel", "").lower()
    if following.rule != "relative_unit" or following.groups.get("runit", "").lower() != "year":
        return candidate
    if relation not in ("last", "this", "next") or "mod" in following.groups:
        return candidate
    if not re.fullmatch(r"\s+of\s+", text[candidate.end : following.start]):
        return candidate
    return Candidate(candidate.start, candidate.end, candidate.rule, {**candidate.groups, "yrel": relation})


_CLOCK_DAY_RULES = frozenset(
    {"month_day", "day_month", "weekday_date", "weekday_day_month", "iso_date", "weekday", "relative_day"}
)
_SAME_CLAUSE = re.compile(r"[^.;!?\n]{0,60}")


def _day_after_clock(text: str, candidates: list[Candidate], index: int, dct: date | None) -> DateInterval | None:
    """Return the day a bare clock time is on when the same clause names it after the time.

    "a press conference at 16:15 UTC, June 1st" (MEANTIME gm), "At 5:34 AM Baghdad time on March 20,
    2003" (WikiWars): the time and the day describe one moment, so the day written after the time
    places it, rather than the last day the text mentioned or the DCT.
    """
    candidate = candidates[index]
    if candidate.rule != "clock" or any(key in candidate.groups for key in ("month", "weekday", "rday")):
        return None
    if index + 1 >= len(candidates) or candidates[index + 1].rule not in _CLOCK_DAY_RULES:
        return None
    following = candidates[index + 1]
    if not _SAME_CLAUSE.fullmatch(text, candidate.end, following.start):
        return None
    tense = clause_tense(text, following.start, following.end)
    meaning = normalise(following, Context(dct=dct, future=tense == "future", past=tense == "past"))
    if meaning is None or meaning.interval is None or meaning.interval.granularity != "day":
        return None
    return meaning.interval


_COORDINATED = re.compile(r"\s*(?:,\s*|,?\s+(?:and|or|to|through|until|till)\s+|\s*[-\u2013\u2014/]\s*)")
_COORDINATED_RULES = frozenset({"month", "month_day", "day_month", "range_end_day", "season"})


def _coordinated_years(text: str, candidates: list[Candidate]) -> list[DateInterval | None]:
    """Return, per candidate, the year written after it in a coordination: "August and September 1914".

    Both members of a coordination or a range share the year written once at its end ("from June to
    August 2012", "7 and 8 May 1945", "the spring and early summer of 1943"), in news as in narratives.
    """
    years: list[DateInterval | None] = [None] * len(candidates)
    for index in range(len(candidates) - 2, -1, -1):
        candidate, following = candidates[index], candidates[index + 1]
        if candidate.rule not in _COORDINATED_RULES or "year" in candidate.groups:
            continue
        if not _COORDINATED.fullmatch(text, candidate.end, following.start):
            continue
        if following.groups.get("year", "").isdigit() and following.rule in _COORDINATED_RULES:
            years[index] = cal.year_interval(int(following.groups["year"]))
        else:
            years[index] = years[index + 1]
    return years


_DAY_RULES = ("month_day", "relative_month_day", "day_month", "range_day", "weekday_day_month", "iso_date")


def _months_of(meaning: Normalised) -> int | None:
    """Return N for a span of several months ("the first nine months": P9M), else None."""
    value = meaning.value
    if meaning.type == "DURATION" and value.startswith("P") and value.endswith("M") and value[1:-1].isdigit():
        return int(value[1:-1]) if int(value[1:-1]) > 3 else None
    return None


def tag_times(
    text: str, *, dct: date | None, article_id: str = "", doc_type: DocType | None = None
) -> tuple[TimeExpression, ...]:
    """Return every time expression in ``text``, resolved against ``dct`` when it is known.

    Args:
        text: the article text (spans index into it).
        dct: the publication date; None leaves relative expressions unresolved.
        article_id: used to build stable expression ids.
        doc_type: "news" or "narrative"; None detects it from the text and the DCT.
    """
    found: list[TimeExpression] = []
    candidates = find_candidates(text)
    narrative = (doc_type or detect_doc_type(candidates, dct)) == "narrative"
    story_rules = frozenset(load_narrative_rules().story_rules) if narrative else frozenset()
    forward_months = load_narrative_rules().forward_months
    coordinated = _coordinated_years(text, candidates)
    quarter: tuple[int, int] | None = None
    previous: DateInterval | None = None
    previous_explicit = False
    previous_day: DateInterval | None = None
    months: int | None = None
    just_day: date | None = None
    skip = -1
    for index, candidate in enumerate(candidates):
        if index == skip:
            continue
        if narrative:
            candidate = _story_shift(text, candidate)
        joined = _month_of_that_year(text, candidates, index, previous)
        if joined is not None:
            candidate, skip = joined, index + 1
        candidate = _month_of_relative_year(text, candidate, candidates, index)
        if candidate.rule == "second_day" and not (found and text[found[-1].span.end : candidate.start] == " and "):
            continue  # the "25" of "April 24 and 25" only right after the first day
        if candidate.rule == "day_beside_event" and found and text[found[-1].span.end : candidate.start] in _APPOSITION:
            # "Oct. 12, the day before the plunge": the day just named, not the one before it
            candidate = Candidate(
                candidate.start, candidate.end, candidate.rule, {**candidate.groups, "apposition": "1"}
            )
        word_before = _word_before(text, candidate.start)
        tense = (
            clause_tense(text, candidate.start, candidate.end)
            if candidate.rule in TENSE_RULES or (candidate.rule == "duration" and word_before == "in")
            else None
        )
        if candidate.rule == "month" and word_before == "the":
            tense = None  # "the October slaying": a month naming an event has no tense of its own
        # in a narrative, "today" in a quotation is the speaker's day, not the DCT: TimeML anchors deictic
        # words to the time of speaking, which the story does not give (WikiWars "kill today?" XXXX-XX-XX)
        speaking_time = (
            None if narrative and candidate.rule in _DEICTIC_RULES and _quoted(text, candidate.start) else dct
        )
        context = Context(
            dct=speaking_time,
            future=tense == "future",
            past=tense == "past" and _opens_sentence(text, candidate),
            quarter=quarter,
            previous=previous,
            previous_day=_day_after_clock(text, candidates, index, dct) or previous_day,
            months=months,
            just_day=just_day,
            word_before=word_before,
            reference=coordinated[index] or (previous if candidate.rule in story_rules else None),
            forward_months=forward_months if previous_explicit and not coordinated[index] else 0,
        )
        meaning = normalise(candidate, context)
        if meaning is None:
            continue
        story = _story_anchored(meaning, context, candidate.groups)
        if _moves_story(meaning, candidate.rule, candidate.groups, narrative=narrative, story=story) and not (
            narrative
            and (
                _prospective(text, candidate, tense)
                or word_before in _BACKGROUND_WORDS
                or _attributive(text, candidate, word_before)
                or _until(text, candidate)
                or _in_parentheses(text, candidate)
                or _past_perfect(text, candidate)
            )
        ):
            previous = meaning.interval
            previous_explicit = not meaning.relative and previous.granularity in ("day", "month")  # "December 1916"
            previous_day = previous if previous.granularity == "day" else previous_day
        months = _months_of(meaning)
        just_day = meaning.interval.earliest if candidate.rule in _DAY_RULES and meaning.interval else None
        quarter = _quarter_in(meaning, candidate.rule, text[candidate.start : candidate.end], quarter, dct) or quarter
        span = Span(start=candidate.start, end=candidate.end)
        anchored = meaning.relative and dct is not None and not story
        anchor_date = context.anchor if story else dct if anchored else None
        if is_surrogate(meaning):  # a BC date: exact value, no interval (see `era`)
            meaning, anchor_date = era_output(meaning), None
        found.append(
            TimeExpression(
                id=timex_id(article_id, span),
                span=span,
                text=text[candidate.start : candidate.end],
                type=meaning.type,
                value=meaning.value,
                mod=meaning.mod,
                interval=meaning.interval,
                anchor="story" if story else "dct" if anchored else ("absolute" if not meaning.relative else "none"),
                anchor_date=anchor_date,
                rule=candidate.rule,
            )
        )
    return tuple(found)

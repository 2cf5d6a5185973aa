"""Look-alike events of different days (`merge.lookalike`): a weekly show is two events, a stale copy a conflict."""

from datetime import date

from tests.merge.test_merge import extraction, info, mention
from timeline.merge import merge
from timeline.models import EventMention

SHOW = "The tag-team talk show continues tonight with last week's guest, Dave Gorman, taking the microphone."
SHOW_AGAIN = "The tag-team talk show continues tonight as last week's guest, Lee Mack, takes the microphone."


def told(article: str, published: str, sentence: str, day: date, origin: str = "record") -> EventMention:
    """A mention whose "tonight" counts from its own article's publication date."""
    event = mention(article, 0, sentence, "tonight", day, "Presenter")
    time = event.time.model_copy(update={"anchor_date": date.fromisoformat(published)})  # type: ignore[union-attr]
    return event.model_copy(update={"time": time})


def test_reports_of_different_days_each_telling_its_own_instance_are_two_events():
    a = extraction(info("a", "2024-02-01", "record"), told("a", "2024-02-01", SHOW, date(2024, 2, 1)))
    b = extraction(info("b", "2024-02-08", "record"), told("b", "2024-02-08", SHOW_AGAIN, date(2024, 2, 8)))
    timeline = merge([a, b])
    assert timeline.conflicts == ()
    assert sorted(e.interval.earliest for e in timeline.events) == [date(2024, 2, 1), date(2024, 2, 8)]
    assert sum(e.n_mentions for e in timeline.events) == 2


def test_a_paragraph_carried_word_for_word_to_a_later_page_stays_a_conflict():
    a = extraction(info("a", "2024-02-01", "record"), told("a", "2024-02-01", SHOW, date(2024, 2, 1)))
    b = extraction(info("b", "2024-02-08", "record"), told("b", "2024-02-08", SHOW, date(2024, 2, 8)))
    assert len(merge([a, b]).conflicts) == 1  # its "tonight" went stale: a reader has to check


def test_a_publication_date_read_from_the_page_or_a_later_report_of_an_earlier_day_stays_a_conflict():
    a = extraction(info("a", "2024-02-01", "record"), told("a", "2024-02-01", SHOW, date(2024, 2, 1)))
    header = extraction(
        info("b", "2024-02-08", "header-line"), told("b", "2024-02-08", SHOW_AGAIN, date(2024, 2, 8), "header-line")
    )
    assert len(merge([a, header]).conflicts) == 1  # a header line may carry a republication's date
    backwards = extraction(info("b", "2024-02-08", "record"), told("b", "2024-02-08", SHOW_AGAIN, date(2024, 1, 25)))
    assert len(merge([a, backwards]).conflicts) == 1  # the later report claims the earlier day


def test_split_instances_take_their_place_among_events_in_order():
    from timeline.merge import _event_order
    from timeline.merge.lookalike import split_look_alikes
    from timeline.merge.reconcile import reconcile

    a = extraction(info("a", "2024-02-01", "record"), told("a", "2024-02-01", SHOW, date(2024, 2, 1)))
    b = extraction(info("b", "2024-02-08", "record"), told("b", "2024-02-08", SHOW_AGAIN, date(2024, 2, 8)))
    articles = {x.article.id: x.article for x in (a, b)}
    show, conflict = reconcile([*a.events, *b.events], articles)
    assert conflict is not None
    others = [
        reconcile([mention(article, 500, "The minister opened the bridge on Monday.", "Monday", day)], articles)[0]
        for article, day in (("a", date(2024, 1, 20)), ("b", date(2024, 2, 5)), ("a", date(2024, 3, 1)))
    ]
    events = sorted([show, *others], key=_event_order)
    members = {show.id: [*a.events, *b.events]}
    kept, conflicts = split_look_alikes(events, [conflict], members, articles, order=_event_order)
    assert conflicts == [] and len(kept) == 5
    assert kept == sorted(kept, key=_event_order)  # each instance in its place, not after the others
    unordered, _ = split_look_alikes(events, [conflict], members, articles)
    assert unordered[:3] == others and sorted(unordered, key=_event_order) == kept

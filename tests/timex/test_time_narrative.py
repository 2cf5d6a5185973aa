"""Narrative reference time: in a narrative, year-less dates take the story's year, not the DCT's.

The examples of `resources/en/time_narrative.yml` run here, with the cases the rules were made for.
"""

from __future__ import annotations

from datetime import date

import pytest

from timeline.timex import tag_times
from timeline.timex.recognise import find_candidates
from timeline.timex.reference import detect_doc_type, load_narrative_rules

EXAMPLES = load_narrative_rules().examples
WIKI_DCT = date(2009, 12, 19)  # WikiWars: the day the pages were downloaded


def _values(text: str, dct: date | None, doc_type: str | None = None) -> dict[str, str]:
    return {found.text: found.value for found in tag_times(text, dct=dct, doc_type=doc_type)}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.words)
def test_narrative_examples_detect_the_doc_type_and_the_value(example):
    assert detect_doc_type(find_candidates(example.text), example.dct) == example.doc_type
    assert _values(example.text, example.dct)[example.words] == example.value


def test_narrative_bare_day_takes_the_story_year():
    assert _values("In 1919 the army crossed the river. On April 16 the town fell.", WIKI_DCT, "narrative") == {
        "1919": "1919",
        "April 16": "1919-04-16",
    }


def test_narrative_month_takes_the_year_named_before():
    assert _values("In 2012 the firm moved. In March it opened an office.", date(2024, 2, 8), "narrative")["March"] == (
        "2012-03"
    )


def test_narrative_later_counts_from_the_story_day():
    found = _values("On 7 October 1944 the bridge fell. Two days later the town was taken.", WIKI_DCT, "narrative")
    assert found["Two days later"] == "1944-10-09"


def test_narrative_a_vague_amount_later_is_a_date_the_text_does_not_fix():
    text = "On 7 October 1944 the bridge fell. A few days later the town was taken. Several years earlier it burned."
    found = _values(text, WIKI_DCT, "narrative")
    assert found["A few days later"] == "FUTURE_REF"
    assert found["Several years earlier"] == "PAST_REF"
    news = _values("The plant closed on Oct. 7. A few days later it reopened.", date(1998, 10, 28), "news")
    assert news["A few days"] == "PXD"


def test_narrative_end_of_the_year_and_the_next_day():
    text = "The siege began on 3 May 1861. The next day the fort fell. By the end of the year the war had spread."
    found = _values(text, WIKI_DCT, "narrative")
    assert found["The next day"] == "1861-05-04"
    assert found["the end of the year"] == "1861"


def test_narrative_a_date_from_the_dct_does_not_move_the_story():
    text = "The war began in 1939. Today the site is a museum. In May the army attacked."
    found = _values(text, WIKI_DCT, "narrative")
    assert found["Today"] == "2009-12-19"
    assert found["May"] == "1939-05"


def test_news_keeps_the_dct_for_a_bare_month():
    text = "Negotiators met in Cairo on Thursday. Talks resume in March, officials said."
    assert _values(text, date(2024, 2, 8))["March"] == "2024-03"
    assert _values(text, date(2024, 2, 8), "news")["March"] == "2024-03"
    past = "The plant was built in 1972. It closed in March, the company said on Thursday."
    assert _values(past, date(1998, 10, 28))["March"] == "1998-03"


def test_news_later_stays_a_duration():
    found = _values("The plant closed on Oct. 7. Three days later it reopened.", date(1998, 10, 28), "news")
    assert found["Three days"] == "P3D"


def test_no_dct_is_a_narrative_and_news_without_dct_stays_partial():
    text = "In 2012 the firm moved. In March it opened an office."
    assert detect_doc_type(find_candidates(text), None) == "narrative"
    assert _values(text, None)["March"] == "2012-03"
    assert _values(text, None, "news")["March"] == "XXXX-03"


def test_detect_a_history_long_after_its_dct():
    years = " ".join(f"In {year} the front moved." for year in range(1914, 1934))
    assert detect_doc_type(find_candidates(years), WIKI_DCT) == "narrative"
    news = years + " " + " ".join(["Officials said on Thursday that talks resume next week."] * 12)
    assert detect_doc_type(find_candidates(news), WIKI_DCT) == "news"


def test_story_anchor_is_reported():
    found = {
        t.text: t
        for t in tag_times("In 1919 the army crossed. On April 16 it fell.", dct=WIKI_DCT, doc_type="narrative")
    }
    assert found["April 16"].anchor == "story"
    assert found["April 16"].anchor_date == date(1919, 1, 1)


def test_coordinated_months_share_the_year_written_once():
    text = "They were driven back in August and September 1914, and fought from June to August 1915."
    for doc_type in ("news", "narrative"):
        found = _values(text, WIKI_DCT, doc_type)
        assert (found["August"], found["June"]) == ("1914-08", "1915-06"), doc_type


def test_narrative_previous_month_next_season_and_holiday_follow_the_story():
    text = (
        "In September 1918 the line broke; the offensive had begun the previous April. "
        "The army wintered at Valley Forge in December 1777. The next spring it marched. "
        "In 1776 the army crossed the river on Christmas night."
    )
    found = _values(text, WIKI_DCT, "narrative")
    assert found["previous April"] == "1918-04"  # the last April before the story's September
    assert found["The next spring"] == "1778-SP"
    assert found["Christmas"] == "1776-12-25"


def test_narrative_earlier_looks_back_without_moving_the_story():
    text = "In March 2003 the invasion began, twenty years earlier than planned. On April 9 Baghdad fell."
    found = _values(text, WIKI_DCT, "narrative")
    assert found["twenty years earlier"] == "1983"
    assert found["April 9"] == "2003-04-09"


def test_narrative_date_in_a_future_clause_does_not_move_the_story():
    text = (
        "In March 1975 Dung launched Campaign 275. Pleiku would be exposed for a planned campaign in 1976. "
        "The town fell on 11 March."
    )
    found = _values(text, WIKI_DCT, "narrative")
    assert found["1976"] == "1976"
    assert found["11 March"] == "1975-03-11"


def test_month_of_that_year_is_one_date_in_the_year_referred_to():
    text = "In 1940 France fell. In August of that year the Blitz began. On July 25 of the same year it paused."
    found = {x.text: x.value for x in tag_times(text, dct=date(1998, 10, 28))}  # news too
    assert found["August of that year"] == "1940-08"
    assert found["July 25 of the same year"] == "1940-07-25"
    assert "that year" not in found


def test_narrative_date_after_since_does_not_move_the_story():
    text = "In 1914 the war began. Belgium had been neutral since 1839. The following year Italy joined."
    found = _values(text, WIKI_DCT, "narrative")
    assert found["The following year"] == "1915"


def test_narrative_today_in_a_quotation_is_the_speakers_day_not_the_dct():
    text = 'In 1965 the protests grew. Students chanted "How many boys did you kill today?" Today the site is a park.'
    found = _values(text, WIKI_DCT, "narrative")
    assert found["today"] == "PRESENT_REF"
    assert found["Today"] == "2009-12-19"
    news = _values('"We will decide today," the minister said.', date(2024, 2, 8), "news")
    assert news["today"] == "2024-02-08"


def test_narrative_date_modifying_a_noun_does_not_move_the_story():
    """ "The leader of the August 1792 uprising" names an event; the story stays in 1793."""
    text = (
        "On 13 July 1793 Marat was murdered. Danton, the leader of the August 1792 uprising, was removed. "
        "On 24 June the Convention adopted a constitution."
    )
    found = _values(text, WIKI_DCT, "narrative")
    assert found["August 1792"] == "1792-08"
    assert found["24 June"] == "1793-06-24"

"""Years before Christ: BC values, no interval, and a narrative's reference time inside a BC year."""

from datetime import date

from timeline.timex import tag_times
from timeline.timex.recognise import find_candidates
from timeline.timex.reference import detect_doc_type, explicit_years

DCT = date(2009, 12, 19)


def _values(text: str, **kwargs: object) -> dict[str, tuple[str, object]]:
    return {found.text: (found.value, found.interval) for found in tag_times(text, dct=DCT, **kwargs)}


def test_bc_year_has_its_value_and_no_interval():
    values = _values("Carthage was destroyed in 146 B.C. by Rome; ca. 466 BC the league grew.")
    assert values["146 B.C."] == ("BC0146", None)
    assert values["ca. 466 BC"] == ("BC0466", None)


def test_ad_year_keeps_its_interval():
    (found,) = tag_times("The city fell in AD 410.", dct=DCT)
    assert found.value == "0410" and found.interval is not None and found.interval.earliest == date(410, 1, 1)


def test_lower_case_era_words_are_no_year():
    assert [found.text for found in tag_times("We ran 4 ad campaigns in 2010.", dct=DCT)] == ["2010"]


def test_anaphora_count_from_a_bc_year():
    values = _values("The Persians landed in 490 BC. The following year they sailed home.")
    assert values["The following year"] == ("BC0489", None)


def test_bc_narrative_months_take_the_story_year():
    text = "In 480 BC the fleet sailed. In September it fought at Salamis. In the spring the army marched."
    values = _values(text, doc_type="narrative")
    assert values["September"] == ("BC0480-09", None)
    assert values["the spring"] == ("BC0480-SP", None)
    assert all(found.anchor_date is None for found in tag_times(text, dct=DCT, doc_type="narrative"))


def test_bc_years_count_as_far_years():
    text = " ".join(f"In {year} BC the war went on." for year in range(499, 470, -1))
    candidates = find_candidates(text)
    assert explicit_years(candidates)[:2] == [-498, -497]
    assert detect_doc_type(candidates, DCT) == "narrative"


def test_bc_centuries_and_decades():
    values = _values("Rome grew in the 4th century BC; in the 470s BC Athens led the league.")
    assert values["the 4th century BC"] == ("BC03", None)
    assert values["the 470s BC"] == ("BC047", None)


def test_month_season_and_range_with_their_era():
    values = _values(
        "The revolt lasted from 499 to 493 BC. Xerxes sailed in August 480 BC; in the spring of 479 BC he left."
    )
    assert values["499"] == ("BC0499", None)
    assert values["493 BC"] == ("BC0493", None)
    assert values["August 480 BC"] == ("BC0480-08", None)
    assert values["the spring of 479 BC"] == ("BC0479-SP", None)

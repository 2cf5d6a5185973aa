"""Where date words stand: in a quote, beside a full date, after a clock, after "until", in a negated clause."""

from timeline.merge.date_words import after_clock, around, beside_full_date, bounded, negated, quoted


def test_quoted_words_follow_an_open_quotation_mark():
    assert quoted('Clinton said the US would be "here ')
    assert quoted("Clinton said the US would be \u201chere ")
    assert not quoted('Clinton said "we will stay", and on ')


def test_a_weekday_or_clock_before_a_date_is_part_of_it():
    assert beside_full_date(", 26 July 2011 09:03 UK")
    assert beside_full_date(" on 19 May 2009, palladiomc wrote:")
    assert beside_full_date(" 8 October.")
    assert not beside_full_date(" 10 people died in the blast.")
    assert not beside_full_date(", the minister said.")


def test_a_full_date_after_a_clock_time_is_a_stamp():
    assert after_clock("At 00:46 ")
    assert after_clock("Page last updated at 08:03 GMT, Tuesday, ")
    assert not after_clock("The talks ended on ")


def test_bounds_and_negation():
    assert bounded("airline bosses committed to a global cap on emissions by ")
    assert bounded("classes were canceled until ")
    assert not bounded("the quake struck on ")
    assert negated("No new bird flu cases were reported in ")
    assert not negated("Over ")


def test_around_splits_the_sentence_at_the_date_words():
    assert around("Cut by 2020.", 100, 107, 111) == ("Cut by ", ".")
    assert around("Cut by 2020.", 100, 90, 95) is None  # the words are in another sentence

"""The time tagger: the time expressions of English text, normalised to TIMEX3 values and day intervals.

A subsystem of its own: `timeline tag` runs it alone, `extract` on every article, the merger on
titles. One entry, `tag_times(text, dct=...)`; `shift` (calendar arithmetic by TIMEX3 units) is
shared with the merger. Inside, in the order a text goes through them:

- `recognise`: the regex rules of `resources/en/time_rules.yml`, filled from the word lists of
  `time_words.yml` (loaded and checked by `words`), run in windows around key words;
- `context`: whether a match is a time where it stands (not a rate, a title, a name or a verb);
- `tense`: the word-level tense of the clause around an expression (`time_tense.yml`);
- `normalise`: the TIMEX3 value, mod and interval of each match, anchored to the DCT or to the last
  date mentioned; its resolvers are `days` (days, weekdays, clock times), `quarters` (business
  quarters) and `spans` (durations, sets, references), over `meaning` (what a rule's words say),
  `units` and `calendar` (day arithmetic); `era` the years before Christ ("490 BC" is BC0490: no
  interval leaves the tagger, a surrogate year inside it lets "the following year" count from it);
- `tagger`: `tag_times`, which runs them over a text and tracks what anaphora ("the following
  year", "that quarter") refer to.

The package is `timex`, not `time`: `from timeline import time` would hide the standard library's
`time` in the importing module, and a script run from inside `timeline/` would import this package
in place of it.
"""

from timeline.timex.recognise import find_candidates
from timeline.timex.tagger import tag_times
from timeline.timex.units import shift

__all__ = ["find_candidates", "shift", "tag_times"]

"""A name the recogniser found once is a mention wherever the article repeats it, alone."""

from timeline.extract.name_recall import recall_names
from timeline.models import Actor, Mention, Span

TEXT = "Strikes hit Rafah on Monday. The city of Rafah was full. Rafah Crossing closed. Gaza City and Rafah."


def _mention(start: int, words: str) -> Mention:
    return Mention(span=Span(start=start, end=start + len(words)), text=words, label="GPE", actor_id="gpe:rafah")


def test_name_recall_finds_the_other_standalone_occurrences():
    first = _mention(TEXT.index("Rafah"), "Rafah")
    actors = (Actor(id="gpe:rafah", name="Rafah", type="GPE"),)
    found = recall_names(TEXT, (first,), actors)
    starts = [m.span.start for m in found]
    assert TEXT.index("of Rafah") + 3 in starts  # after a lower-case word
    assert TEXT.index("and Rafah") + 4 in starts  # after "and"
    assert TEXT.index("Rafah Crossing") not in starts  # part of a longer name
    assert all(TEXT[m.span.start : m.span.end] == "Rafah" for m in found)
    assert starts == sorted(starts)


def test_name_recall_skips_short_names_headers_and_shared_words():
    text = "date 2024-02-08\nUS officials met. The US said. Apple said. Apple sued."
    us = Mention(span=Span(start=text.index("US"), end=text.index("US") + 2), text="US", label="GPE", actor_id="gpe:us")
    apple_org = Mention(span=Span(start=text.index("Apple"), end=text.index("Apple") + 5), text="Apple", label="ORG",
                        actor_id="org:apple")
    second = text.index("Apple sued")
    apple_person = Mention(span=Span(start=second, end=second + 5), text="Apple", label="PERSON",
                           actor_id="person:apple")
    actors = tuple(Actor(id=i, name=n, type=t) for i, n, t in
                   [("gpe:us", "US", "GPE"), ("org:apple", "Apple", "ORG"), ("person:apple", "Apple", "PERSON")])
    found = recall_names(text, (us, apple_org, apple_person), actors, skip=text.index("\n"))
    assert len(found) == 3  # "US" is too short; "Apple" stands for two actors


def test_standalone_finds_what_the_word_boundary_pattern_finds():
    """`_standalone` replaces one compiled pattern per name: same positions, Unicode letters and digits too."""
    import re

    from timeline.extract.name_recall import _standalone

    text = "é-Apple_Apple Apple² ²Apple Appleé AppleApple Apple-Apple Apple, (Apple) Apple Inc. Apple"
    for words in ("Apple", "AppleApple", "Apple Inc.", "Apple Apple"):
        expected = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(words)}(?![\w-])", text)]
        assert list(_standalone(text, words)) == expected
    alone = [text.index("Apple,"), text.index("(Apple)") + 1, text.index("Apple Inc."), len(text) - len("Apple")]
    assert list(_standalone(text, "Apple")) == alone

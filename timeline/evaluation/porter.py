"""The Porter stemmer as ROUGE-1.5.5 runs it (its ``-m`` option), for ROUGE scores that compare with tilse.

Porter (1980), "An algorithm for suffix stripping", with the two changes of the stemmer ROUGE-1.5.5
carries: Step 2 has ``bli -> ble`` and ``logi -> log`` (Porter's later revisions), and Step 4 tries
``-ment`` and ``-ent`` after the other endings, so a word in ``-ement`` loses only ``-ement``. Words
of fewer than three letters are returned as they are. Lower-case ASCII input is expected (ROUGE
lower-cases and keeps only ``[a-z0-9-]`` before stemming).

The measure m of a stem is the number of vowel-consonant sequences in it ([C](VC){m}[V]); a ``y``
is a vowel after a consonant, a consonant at the start of a word or after a vowel.
"""

from __future__ import annotations

import re

_C = "[^aeiou][^aeiouy]*"  # a consonant sequence (an initial y is upper-cased first, so it is one)
_V = "[aeiouy][aeiou]*"  # a vowel sequence
_M_GT_0 = re.compile(rf"^({_C})?{_V}{_C}")
_M_EQ_1 = re.compile(rf"^({_C})?{_V}{_C}({_V})?$")
_M_GT_1 = re.compile(rf"^({_C})?{_V}{_C}{_V}{_C}")
_HAS_VOWEL = re.compile(rf"^({_C})?[aeiouy]")
_CVC_WORD = re.compile(rf"^{_C}[aeiouy][^aeiouwxy]$")  # *o on a whole stem of measure 1: "hop", not "box"
_DOUBLE = re.compile(r"([^aeiouylsz])\1$")

_STEP2 = {
    "ational": "ate",
    "tional": "tion",
    "enci": "ence",
    "anci": "ance",
    "izer": "ize",
    "bli": "ble",
    "alli": "al",
    "entli": "ent",
    "eli": "e",
    "ousli": "ous",
    "ization": "ize",
    "ation": "ate",
    "ator": "ate",
    "alism": "al",
    "iveness": "ive",
    "fulness": "ful",
    "ousness": "ous",
    "aliti": "al",
    "iviti": "ive",
    "biliti": "ble",
    "logi": "log",
}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_STEP4 = (
    *("al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement"),
    *("ou", "ism", "ate", "iti", "ous", "ive", "ize"),
)


def _ending(word: str, endings) -> str | None:  # noqa: ANN001 (any iterable of str)
    """Return the longest of ``endings`` the word ends with, or None."""
    found = [ending for ending in endings if word.endswith(ending)]
    return max(found, key=len) if found else None


def _replace(word: str, table: dict[str, str]) -> str:
    """Replace the word's longest ending in ``table`` when the stem before it has m > 0."""
    ending = _ending(word, table)
    if ending is None:
        return word
    stem = word[: -len(ending)]
    return stem + table[ending] if _M_GT_0.search(stem) else word


def _step1(word: str) -> str:
    """Plurals, -ed and -ing, and a final y after a vowel-bearing stem."""
    if word.endswith(("sses", "ies")):
        word = word[:-2]
    elif len(word) > 1 and word.endswith("s") and word[-2] != "s":
        word = word[:-1]
    if word.endswith("eed"):
        if _M_GT_0.search(word[:-3]):
            word = word[:-1]
    else:
        ending = _ending(word, ("ed", "ing"))
        if ending is not None and _HAS_VOWEL.search(word[: -len(ending)]):
            word = word[: -len(ending)]
            if word.endswith(("at", "bl", "iz")):
                word += "e"
            elif _DOUBLE.search(word):
                word = word[:-1]
            elif _CVC_WORD.search(word):
                word += "e"
    if word.endswith("y") and _HAS_VOWEL.search(word[:-1]):
        word = word[:-1] + "i"
    return word


def _step4(word: str) -> str:
    """Drop a suffix from a stem of measure above 1 (-ment and -ent tried after the others)."""
    ending = _ending(word, _STEP4)
    if ending is not None and _M_GT_1.search(word[: -len(ending)]):
        word = word[: -len(ending)]
    if word.endswith("ment") and _M_GT_1.search(word[:-4]):
        word = word[:-4]
    if word.endswith("ent"):
        if _M_GT_1.search(word[:-3]):
            word = word[:-3]
    elif word.endswith(("sion", "tion")) and _M_GT_1.search(word[:-3]):
        word = word[:-3]
    return word


def _step5(word: str) -> str:
    """Drop a final e (m > 1, or m = 1 when the stem is not consonant-vowel-consonant) and a final ll."""
    if word.endswith("e"):
        stem = word[:-1]
        if _M_GT_1.search(stem) or (_M_EQ_1.search(stem) and not _CVC_WORD.search(stem)):
            word = stem
    if word.endswith("ll") and _M_GT_1.search(word):
        word = word[:-1]
    return word


def stem(word: str) -> str:
    """Return the Porter stem of a lower-case word ("raised" -> "rais", "generalization" -> "gener")."""
    if len(word) < 3:
        return word
    initial_y = word.startswith("y")
    if initial_y:
        word = "Y" + word[1:]
    word = _step1(word)
    word = _replace(word, _STEP2)
    word = _replace(word, _STEP3)
    word = _step5(_step4(word))
    return "y" + word[1:] if initial_y else word

"""Read a TimeML document: its creation date, the text inside ``<TEXT>``, and the gold TIMEX3.

TempEval-3 compares systems on the *plain text* of a document: the content of ``<TEXT>`` with every
tag removed and the XML entities decoded. Our tagger works on that plain text, and its results have
to go back into the exact bytes of the file, so reading keeps a map from every plain-text character
to the raw characters it came from (an ``&amp;`` is one plain character and five raw ones).

The document is first checked with an XML parser, so the light scanner used here (tags, comments,
CDATA sections and entity references inside ``<TEXT>``) only ever sees well-formed content.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.errors import InputError
from timeline.models import Span

_TEXT_OPEN = re.compile(r"<TEXT(?:\s[^>]*)?>")
_TEXT_CLOSE = re.compile(r"</TEXT\s*>")
_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[(?P<cdata>.*?)\]\]>|<\?.*?\?>|<[^>]*>|&(?P<entity>#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]+);",
    re.DOTALL,
)
_START_TAG = re.compile(r"<(?P<name>[A-Za-z_][\w.:-]*)(?P<attrs>[^>]*?)(?P<empty>/?)>")
_END_TAG = re.compile(r"</(?P<name>[A-Za-z_][\w.:-]*)\s*>")
_ATTRIBUTE = re.compile(r"""(?P<key>[\w.:-]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""")
_TID = re.compile(r"""\btid\s*=\s*["']([^"']*)["']""")
_DCT_BLOCK = re.compile(r"<DCT(?:\s[^>]*)?>(?P<body>.*?)</DCT\s*>", re.DOTALL)
_TIMEX_OPEN = re.compile(r"<TIMEX3(?P<attrs>\s[^>]*?)?/?>")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}

TEXT_HINT = "give a TimeML file with one <TEXT>...</TEXT> element"
DCT_HINT = 'give a TimeML file whose <DCT> holds <TIMEX3 functionInDocument="CREATION_TIME" value="YYYY-MM-DD">'


@dataclass(frozen=True)
class Timex:
    """A TIMEX3 annotation on a document's plain text (gold, or parsed back from a system file)."""

    span: Span
    text: str
    type: str
    value: str
    mod: str | None = None
    tid: str | None = None


@dataclass(frozen=True)
class TimemlDocument:
    """One TimeML document, as text, with the map from its plain text back to the raw text.

    Attributes:
        raw: the whole document, decoded.
        dct: the document creation time (its day).
        dct_tid: the tid of the DCT's TIMEX3, if it has one.
        text_start: raw offset where the content of ``<TEXT>`` begins.
        text_end: raw offset where it ends (the ``<`` of ``</TEXT>``).
        plain: the content of ``<TEXT>`` with tags removed and entities decoded.
        raw_starts: for each plain character, the raw offset where its source begins.
        raw_ends: for each plain character, the raw offset just after its source.
        taggable: for each plain character, False when it comes from a CDATA section (no tag can go there).
        timexes: the TIMEX3 elements inside ``<TEXT>``, on the plain text.
        tids: every ``tid`` used anywhere in the document.
    """

    raw: str
    dct: date
    dct_tid: str | None
    text_start: int
    text_end: int
    plain: str
    raw_starts: tuple[int, ...]
    raw_ends: tuple[int, ...]
    taggable: tuple[bool, ...]
    timexes: tuple[Timex, ...]
    tids: frozenset[str]

    @property
    def raw_text(self) -> str:
        """Return the raw content of ``<TEXT>`` (tags and entities as in the file)."""
        return self.raw[self.text_start : self.text_end]

    @property
    def has_tags(self) -> bool:
        """Return True when ``<TEXT>`` holds any tag (gold annotation to strip before tagging)."""
        return "<" in self.raw_text


def decode_timeml(data: bytes, path: Path | str | None = None) -> str:
    """Return the document's text (UTF-8, a leading byte-order mark dropped).

    Raises:
        InputError: the bytes are not UTF-8.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (byte {exc.start})", path=path, hint="save the TimeML file as UTF-8") from exc


def read_timeml(data: bytes | str, path: Path | str | None = None) -> TimemlDocument:
    """Read a TimeML document from its bytes (or decoded text).

    Args:
        data: the file's content.
        path: used in error messages only.

    Raises:
        InputError: the content is not well-formed XML, or has no ``<TEXT>`` or no creation time.
    """
    raw = decode_timeml(data, path) if isinstance(data, bytes) else data
    _check_xml(raw, path)
    opening = _TEXT_OPEN.search(raw)
    closing = _TEXT_CLOSE.search(raw, opening.end()) if opening else None
    if opening is None or closing is None:
        raise InputError("no <TEXT> element", path=path, hint=TEXT_HINT)
    dct, dct_tid = _read_dct(raw, path)
    text_start, text_end = opening.end(), closing.start()
    plain, starts, ends, taggable, timexes = _scan_text(raw, text_start, text_end)
    return TimemlDocument(
        raw=raw,
        dct=dct,
        dct_tid=dct_tid,
        text_start=text_start,
        text_end=text_end,
        plain=plain,
        raw_starts=starts,
        raw_ends=ends,
        taggable=taggable,
        timexes=timexes,
        tids=frozenset(_TID.findall(raw)),
    )


def read_timeml_file(path: Path) -> TimemlDocument:
    """Read a TimeML file.

    Raises:
        InputError: the file cannot be read, or its content is not a usable TimeML document.
    """
    return read_timeml(read_file_bytes(path), path)


def read_file_bytes(path: Path) -> bytes:
    """Return a file's bytes.

    Raises:
        InputError: the file cannot be read.
    """
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror or exc})", path=path, hint="check the path") from exc


def parse_attributes(text: str) -> dict[str, str]:
    """Return the attributes of a start tag's attribute text, with entities decoded."""
    return {
        match["key"]: unescape(match["dq"] if match["dq"] is not None else match["sq"])
        for match in _ATTRIBUTE.finditer(text)
    }


def unescape(text: str) -> str:
    """Decode the XML entities of ``text`` (the five predefined ones and numeric references)."""
    if "&" not in text:
        return text
    return re.sub(r"&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]+);", lambda match: _entity(match[1]), text)


def _entity(name: str) -> str:
    if name.startswith("#x"):
        return chr(int(name[2:], 16))
    if name.startswith("#"):
        return chr(int(name[1:]))
    return _ENTITIES.get(name, f"&{name};")


def _check_xml(raw: str, path: Path | str | None) -> None:
    try:
        ElementTree.fromstring(raw)
    except ElementTree.ParseError as exc:
        line = exc.position[0] if exc.position else None
        reason = str(exc).split(":")[0]
        raise InputError(
            f"not well-formed XML ({reason})", path=path, line=line, hint="give a TimeML (XML) file"
        ) from None


def _read_dct(raw: str, path: Path | str | None) -> tuple[date, str | None]:
    """Return the creation day and its tid: the TIMEX3 in ``<DCT>``, else any CREATION_TIME TIMEX3."""
    candidates: list[dict[str, str]] = []
    block = _DCT_BLOCK.search(raw)
    if block:
        candidates.extend(parse_attributes(m["attrs"] or "") for m in _TIMEX_OPEN.finditer(block["body"]))
    candidates.extend(
        attributes
        for m in _TIMEX_OPEN.finditer(raw)
        if (attributes := parse_attributes(m["attrs"] or "")).get("functionInDocument") == "CREATION_TIME"
    )
    for attributes in candidates:
        day = _ISO_DAY.match(attributes.get("value", ""))
        if day:
            try:
                return date(int(day[1]), int(day[2]), int(day[3])), attributes.get("tid")
            except ValueError:
                continue
    raise InputError("no document creation time (DCT)", path=path, hint=DCT_HINT)


def _scan_text(
    raw: str, begin: int, end: int
) -> tuple[str, tuple[int, ...], tuple[int, ...], tuple[bool, ...], tuple[Timex, ...]]:
    """Walk the raw content of ``<TEXT>``: build the plain text, its offset maps and the TIMEX3."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    taggable: list[bool] = []
    open_timexes: list[tuple[int, dict[str, str]]] = []
    timexes: list[Timex] = []

    def literal(start: int, stop: int, *, can_tag: bool = True) -> None:
        chars.extend(raw[start:stop])
        starts.extend(range(start, stop))
        ends.extend(range(start + 1, stop + 1))
        taggable.extend([can_tag] * (stop - start))

    position = begin
    for token in _TOKEN.finditer(raw, begin, end):
        literal(position, token.start())
        position = token.end()
        if token["entity"] is not None:
            chars.append(_entity(token["entity"]))
            starts.append(token.start())
            ends.append(token.end())
            taggable.append(True)
        elif token["cdata"] is not None:
            literal(token.start("cdata"), token.end("cdata"), can_tag=False)
        elif start_tag := _START_TAG.fullmatch(token[0]):
            if start_tag["name"] == "TIMEX3" and not start_tag["empty"]:
                open_timexes.append((len(chars), parse_attributes(start_tag["attrs"])))
        elif (end_tag := _END_TAG.fullmatch(token[0])) and end_tag["name"] == "TIMEX3" and open_timexes:
            first, attributes = open_timexes.pop()
            if len(chars) > first:
                timexes.append(_timex(first, len(chars), "".join(chars[first:]), attributes))
    literal(position, end)
    timexes.sort(key=lambda timex: (timex.span.start, timex.span.end))
    return "".join(chars), tuple(starts), tuple(ends), tuple(taggable), tuple(timexes)


def _timex(start: int, end: int, text: str, attributes: dict[str, str]) -> Timex:
    return Timex(
        span=Span(start=start, end=end),
        text=text,
        type=attributes.get("type", ""),
        value=attributes.get("value", ""),
        mod=attributes.get("mod") or None,
        tid=attributes.get("tid"),
    )

"""Read saved web pages: main text with trafilatura, publication date with htmldate, never the network.

Both libraries fetch a URL when given a string that looks like one, so they only ever receive an
already parsed tree. htmldate gets a fixed latest plausible date instead of its default "now", so the
result does not depend on the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import htmldate
import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from timeline.ingest.draft import Draft, make_issue
from timeline.ingest.metadata import apply_published
from timeline.models import Issue

LATEST_PLAUSIBLE_DATE = "2100-12-31"
"""htmldate rejects dates after this one (a constant, where htmldate would use today)."""

_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg"})
_BLOCK_TAGS = frozenset(
    "p div br li h1 h2 h3 h4 h5 h6 tr article section blockquote pre table ul ol header footer".split()
)
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}")
_TAG = re.compile(r"<[^>]*>")


def parse_html_article(path: Path, html: str) -> tuple[list[Draft], list[Issue]]:
    """Read one ``.html``/``.htm`` article.

    Args:
        path: the file (its stem is the id).
        html: the decoded page.

    Returns:
        One draft (none when the page has no text) and the Issues (I150 when the whole visible
        text had to be used, I151 when the HTML libraries failed, I111 when there is no text, I130
        for a bad date).
    """
    page, issues = _extract(path, html)
    text = page.text
    if not text:
        text = visible_text(html)
        if text:
            message = "no main article text found; using all visible text"
            hint = "check the text, or save the article alone"
            issues.append(make_issue("I150", path, message, severity="info", hint=hint))
    if not text.strip():
        issues.append(make_issue("I111", path, "page has no text; skipped", hint="save the article page"))
        return [], issues
    draft = Draft(
        id=path.stem,
        path=path,
        text=text,
        title=page.title,
        url=page.url,
        source=page.source,
        language=_page_language(html),
    )
    if page.published:
        draft, found = apply_published(draft, page.published, "html-meta", where=str(path), line=None)
        issues.extend(found)
    return [draft], issues


def visible_text(html: str) -> str:
    """Return the visible text of a page with the standard library parser: tags out, blocks on lines.

    Args:
        html: the page.

    Returns:
        Its text, one block per line, without scripts and styles.
    """
    collector = _TextCollector()
    try:
        collector.feed(html)
        collector.close()
        raw = "".join(collector.parts)
    except (AssertionError, ValueError):  # html.parser gives up on some malformed markup
        raw = _TAG.sub("\n", html)
    lines = (" ".join(line.split()) for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class _Page:
    """What trafilatura and htmldate find in a page ("" or None when they find nothing)."""

    text: str = ""
    title: str = ""
    url: str | None = None
    source: str = ""
    published: str | None = None


def _extract(path: Path, html: str) -> tuple[_Page, list[Issue]]:
    """Run trafilatura and htmldate; if they fail on a malformed page, say so (I151) and go on."""
    try:
        title, url, source = _metadata(html)
        page = _Page(text=_main_text(html), title=title, url=url, source=source, published=_published(html))
    except Exception as err:  # noqa: BLE001 - third-party parsers on untrusted pages
        message = f"HTML extraction failed ({type(err).__name__}: {err}); using all visible text"
        return _Page(), [make_issue("I151", path, message[:300], hint="check the page is complete HTML")]
    return page, []


def _tree(html: str) -> HtmlElement | None:
    """Parse the page afresh (the libraries modify the trees they get)."""
    try:
        return load_html(html)
    except (ValueError, TypeError):
        return None


def _main_text(html: str) -> str:
    """Return trafilatura's main text, or "" when it finds none."""
    tree = _tree(html)
    if tree is None:
        return ""
    text = trafilatura.extract(tree, include_comments=False, favor_precision=True)
    return text.strip() if text else ""


def _metadata(html: str) -> tuple[str, str | None, str]:
    """Return the page's title, canonical URL and site name (empty when unknown)."""
    tree = _tree(html)
    if tree is None:
        return "", None, ""
    meta = trafilatura.extract_metadata(tree, extensive=False)
    title = " ".join((meta.title or "").split())
    return title, meta.url or None, meta.sitename or ""


def _published(html: str) -> str | None:
    """Return the publication date htmldate finds in the page's markup, as ``YYYY-MM-DD``."""
    tree = _tree(html)
    if tree is None:
        return None
    return htmldate.find_date(
        tree,
        extensive_search=False,
        original_date=True,
        outputformat="%Y-%m-%d",
        max_date=LATEST_PLAUSIBLE_DATE,
    )


def _page_language(html: str) -> str:
    """Return the primary language subtag of ``<html lang=...>``, or "en"."""
    tree = _tree(html)
    lang = tree.get("lang", "") if tree is not None else ""
    primary = lang.split("-")[0].split("_")[0].strip()
    return primary.lower() if _LANGUAGE.fullmatch(primary) else "en"


class _TextCollector(HTMLParser):
    """Collects text outside scripts and styles, with a line break at each block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Enter a skipped element or start a new block."""
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        """Leave a skipped element or end a block."""
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        """Keep text unless inside a skipped element."""
        if not self._skipping:
            self.parts.append(data)

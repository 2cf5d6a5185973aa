"""Turn drafts into articles: unique ids, command-line dates, the final publication date and title.

These steps run after every file and the manifest have been read, because each needs all the
articles at once (a duplicate id, an option naming an id) or the last word on a date.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from timeline.ingest.boilerplate import boilerplate_spans
from timeline.ingest.dates import far_after_others
from timeline.ingest.draft import Draft, derive_title, make_issue
from timeline.ingest.metadata import apply_published
from timeline.models import Article, Issue, Span


def draft_order(draft: Draft) -> tuple[str, int]:
    """Return the sort key of a draft: its file path, then its line in that file.

    Args:
        draft: any draft.

    Returns:
        The key; sorting by it makes results independent of the order of the inputs.
    """
    return str(draft.path), draft.line or 0


def make_ids_unique(drafts: list[Draft]) -> tuple[list[Draft], list[Issue]]:
    """Give every draft a distinct id: later duplicates (by path, then line) get ``-2``, ``-3``...

    Args:
        drafts: the drafts, in any order.

    Returns:
        The drafts sorted by `draft_order` and an I121 Issue per renamed draft.
    """
    ordered = sorted(drafts, key=draft_order)
    taken = {draft.id for draft in ordered}
    owner: dict[str, Draft] = {}
    result: list[Draft] = []
    issues: list[Issue] = []
    for draft in ordered:
        if draft.id not in owner:
            owner[draft.id] = draft
            result.append(draft)
            continue
        new_id = _free_id(draft.id, taken)
        taken.add(new_id)
        issues.append(
            make_issue(
                "I121",
                draft.path,
                f"article id {draft.id!r} is already used by {owner[draft.id].where}; renamed to {new_id!r}",
                line=draft.line,
                article_id=new_id,
                hint="give each article a unique id (file name, record id or manifest id)",
            )
        )
        result.append(draft.with_fields(id=new_id))
    return result, issues


def apply_cli_dates(drafts: list[Draft], published: Mapping[str, str]) -> tuple[list[Draft], list[Issue]]:
    """Apply ``--published ID=DATE`` values, the highest-priority publication dates.

    Args:
        drafts: the drafts, with their final ids.
        published: article id to date string.

    Returns:
        The updated drafts and the Issues: I131 for an id that names no article, I130 for a bad date.
    """
    positions = {draft.id: index for index, draft in enumerate(drafts)}
    drafts = list(drafts)
    issues: list[Issue] = []
    for article_id, value in sorted(published.items()):
        if article_id not in positions:
            known = ", ".join(sorted(positions)[:5]) + (", ..." if len(positions) > 5 else "")
            issues.append(
                make_issue(
                    "I131",
                    None,
                    f"--published {article_id}={value}: no article {article_id!r}; ignored",
                    hint=f"use one of the ids: {known}",
                )
            )
            continue
        index = positions[article_id]
        drafts[index], found = apply_published(drafts[index], value, "cli", where=None, line=None)
        issues.extend(found)
    return drafts, issues


def finish_articles(drafts: list[Draft]) -> tuple[list[Article], list[Issue]]:
    """Freeze drafts into articles, choosing each one's best publication date and a title.

    Args:
        drafts: the drafts, ids unique.

    Returns:
        The articles sorted by id, an I120 warning for each article without a publication date, and
        an I133 warning for a date more than a year after every other article's (kept).
    """
    ordered = sorted(drafts, key=lambda item: item.id)
    return [finish_article(draft) for draft in ordered], finish_issues(ordered)


def finish_issues(drafts: list[Draft]) -> list[Issue]:
    """Return the Issues `finish_articles` finds, from the drafts' metadata alone (their texts may be spooled).

    Args:
        drafts: the drafts, ids unique, sorted by id.

    Returns:
        An I120 warning for each draft without a publication date, then an I133 warning for a date more
        than a year after every other one.
    """
    issues = [_no_date(draft) for draft in drafts if draft.best_date()[1] is None]
    dated: dict[str, date] = {}
    for draft in drafts:
        published = draft.best_date()[1]
        if published is not None:
            dated[draft.id] = published
    issues.extend(_far_after(drafts, article_id, day) for article_id, day in far_after_others(dated).items())
    return issues


def finish_article(draft: Draft, boilerplate: tuple[Span, ...] | None = None) -> Article:
    """Freeze one draft (its text read back, when it was spooled) into its article.

    ``boilerplate``: the text's `draft_boilerplate`, when it was found already (the spool finds it once,
    while the file's text is at hand: it is most of the cost of ingest).
    """
    origin, published = draft.best_date()
    return Article(
        id=draft.id,
        source=draft.source,
        title=draft.title or derive_title(draft.text),
        url=draft.url,
        language=draft.language,
        published=published,
        published_origin=origin,
        path=str(draft.path),
        header_chars=draft.header_chars,
        boilerplate=draft_boilerplate(draft) if boilerplate is None else boilerplate,
        tokens=draft.tokens,
        text=draft.text,
    )


def draft_boilerplate(draft: Draft) -> tuple[Span, ...]:
    """Return the web page furniture of a draft's text (none in a tokenised source: its tokens are the text)."""
    return () if draft.tokens is not None else boilerplate_spans(draft.text, draft.header_chars)


def _free_id(article_id: str, taken: set[str]) -> str:
    """Return ``<id>-2``, ``<id>-3``... whichever is first not taken."""
    number = 2
    while f"{article_id}-{number}" in taken:
        number += 1
    return f"{article_id}-{number}"


def _no_date(draft: Draft) -> Issue:
    """Return the I120 Issue for an article without a publication date."""
    return make_issue(
        "I120",
        draft.path,
        "no publication date; relative dates cannot be resolved",
        hint=f"give one with --published {draft.id}=YYYY-MM-DD or a manifest",
        line=draft.line,
        article_id=draft.id,
    )


def _far_after(drafts: list[Draft], article_id: str, latest_other: date) -> Issue:
    """Return the I133 Issue for an article dated more than a year after every other one."""
    draft = next(item for item in drafts if item.id == article_id)
    origin, published = draft.best_date()
    return make_issue(
        "I133",
        draft.path,
        f"publication date {published} ({origin}) is more than a year after every other source "
        f"(the latest: {latest_other}); kept, but not used to date other articles",
        hint=f"check the date, or give the right one with --published {article_id}=YYYY-MM-DD",
        line=draft.line,
        article_id=article_id,
    )

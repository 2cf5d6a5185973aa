"""The composition root: run the stages in order and produce every output's text.

`build` runs ingest → extract → merge; `render_outputs` turns a timeline into the report, CSV and
JSON texts. Files are written by `artifacts.write_files_atomically`, called from the CLI.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timeline.about import about_timeline
from timeline.collector import gc_paused
from timeline.compact import PackedExtractions
from timeline.config import Settings
from timeline.extract import extract_articles, extract_packed
from timeline.ingest import IngestResult, StreamedIngest, stream_articles
from timeline.merge import merge
from timeline.merge.inference import infer_publication_dates
from timeline.merge.salience import select_top
from timeline.models import Article, ArticleExtraction, Issue, Timeline
from timeline.version import __version__

if TYPE_CHECKING:
    from timeline.store import ApartWorker

Extractor = Callable[..., list[ArticleExtraction]]
"""`extract_articles(articles, *, settings, on_article, collect)`, or an engine called the same way."""

OUTPUT_NAMES = ("timeline.html", "events.csv", "mentions.csv", "timeline.json")
"""Files `timeline build` writes into its output folder."""


@dataclass(frozen=True)
class BuildResult:
    """Everything one build produced."""

    ingest: IngestResult | StreamedIngest
    """A `StreamedIngest` from `build`: its articles are read back from a temporary file when asked for."""
    extractions: Sequence[ArticleExtraction]
    """A list, or with a store a `PackedExtractions` (decoded when read)."""
    timeline: Timeline


def extract_inputs(
    inputs: Sequence[Path],
    *,
    manifest: Path | None = None,
    published: Mapping[str, str] | None = None,
    settings: Settings | None = None,
    on_start: Callable[[int], None] | None = None,
    on_article: Callable[[ArticleExtraction | None], None] | None = None,
    store: Path | None = None,
    packed: bool = False,
    extract: Extractor | None = None,
    ahead: dict[int, ArticleExtraction] | None = None,
    worker: ApartWorker | None = None,
    idle: Callable[[], None] | None = None,
) -> tuple[StreamedIngest, Sequence[ArticleExtraction]]:
    """Read the inputs and extract every article (only those a ``store`` does not hold yet).

    Memory does not grow with the corpus (issue #13): ingest keeps the texts in a temporary file
    (`ingest.stream_articles`), extraction reads them back a shard at a time, and packed results wait in
    another temporary file (`compact.SpooledBytes`) until the caller writes them out.

    Args:
        inputs: files, folders and glob patterns.
        manifest: optional manifest overriding per-article metadata.
        published: ``{article_id: date}`` overrides from the command line.
        settings: pipeline settings.
        on_start: called with the number of articles to extract before extraction starts (progress bars).
        on_article: called after each article is extracted, with its extraction (None when ``packed``
            without a store: the workers packed it, and it is not decoded only to be counted).
        store: a corpus store file (`timeline.store`), created when missing: stored extractions are
            read from it, new ones written to it; the result is the same.
        packed: return a `PackedExtractions` (each article decoded when read) instead of a list: a
            corpus' extractions then take a few MB, not ~230 KB of models an article (`timeline extract`);
            its `PackedExtractions.summaries` reads each article's metadata and Issues alone.
        extract: what extracts articles, `extract_articles` by default; an open `dask_engine.DaskEngine`
            extracts them on a Dask cluster instead (same arguments, same results in the same order).
        ahead: with a store, filled with stored extractions decoded ``{position: extraction}`` while a
            worker process extracts the missing articles (`store.extract_apart`), for a caller that decodes
            them all next (`build`); left empty when that does not happen or an undated article changed.
            When the store exists, that worker is started before ingest and loads spaCy meanwhile
            (`store.ApartWorker`).
        worker: that worker, started earlier by the caller (`timeline build` starts it before importing
            the pipeline); used as if started here, and closed when not needed.
        idle: called at most once, once the stored extractions are decoded, if this process would then
            wait for that worker (`store.extract_apart`): the caller's own preparations cost no time there.

    Raises:
        InputError: no article could be read, the manifest is unusable, or the store is not one or is
            being written by another command.
    """
    settings = settings or Settings()
    extractor = extract or extract_articles
    if store is None:
        if worker is not None:
            worker.close()  # a worker for a store's rebuild: none here
        ingest = stream_articles(inputs, manifest=manifest, published=published or {}, settings=settings)
        articles = ingest.articles  # read back shard by shard as they are extracted: texts never all in memory

        def redo(redated: list[Article], settings: Settings) -> list[ArticleExtraction]:
            return extractor(redated, settings=settings)

        if on_start is not None:
            on_start(len(articles))
        if not packed:
            extractions = extractor(articles, settings=settings, on_article=on_article)
            return ingest, date_undated_articles(articles, extractions, settings, extract=redo)
        kept = PackedExtractions(spool=True)  # in a temporary file as they come: memory does not grow with them

        def keep(packed: bytes) -> None:
            kept.append_packed(packed)
            if on_article is not None:
                on_article(None)

        if getattr(extractor, "packs", False):  # packed by its workers (`dask_engine`): kept as they come
            extractor(
                articles,
                settings=settings,
                on_packed=lambda _, packed: kept.append_packed(packed),
                on_article=on_article,
                collect=False,
            )
        else:  # packed by our own workers (`extract_packed`)
            extract_packed(articles, settings=settings, on_packed=keep)
        return ingest, date_undated_articles(articles, kept, settings, extract=redo)
    from timeline.store import ApartWorker, Store, extract_with_store

    # a rebuild's worker loads spaCy while the inputs are read (`store.ApartWorker`); not for a new store
    ahead_of_ingest = ahead is not None and extractor is extract_articles and settings.workers > 1 and store.is_file()
    if worker is not None and not ahead_of_ingest:
        worker.close()  # started by a caller that could not tell: not used
        worker = None
    elif worker is None and ahead_of_ingest:
        worker = ApartWorker(settings)
    with worker if worker is not None else nullcontext():
        ingest = stream_articles(inputs, manifest=manifest, published=published or {}, settings=settings)
        articles = ingest.articles
        with Store(store, write=True) as opened:

            def decode(stored: dict[int, bytes]) -> None:
                if ahead is not None:
                    with gc_paused():
                        decoded = PackedExtractions(stored.values(), source=store)
                        ahead.update(zip(stored, decoded, strict=True))

            found = extract_with_store(
                articles,
                opened,
                settings,
                extractor,
                on_start=on_start,
                on_article=on_article,
                meanwhile=decode if ahead is not None else None,
                worker=worker,
                idle=idle,
            )

            def again(redated: list[Article], settings: Settings) -> list[ArticleExtraction]:
                wanted = {article.id for article in redated}
                inputs_by_id = {article.id: article for article in articles if article.id in wanted}
                return list(extract_with_store(redated, opened, settings, extractor, inputs=inputs_by_id))

            extractions = date_undated_articles(articles, found, settings, extract=again)
            if ahead is not None and extractions is not found:
                ahead.clear()  # positions of re-read undated articles hold another extraction now
    return ingest, extractions if packed else list(extractions)


def date_undated_articles(
    articles: Sequence[Article],
    extractions: Sequence[ArticleExtraction],
    settings: Settings,
    *,
    extract: Callable[[list[Article], Settings], list[ArticleExtraction]] | None = None,
) -> Sequence[ArticleExtraction]:
    """Re-extract each undated article at the publication date inferred from the dated sources.

    The article is read again in full with the inferred date (marked ``inferred``), so its relative
    dates are placed exactly as if the date had been given; an ``E202`` Issue carries the evidence.
    ``extract(articles, settings)`` reads them (a store's lookup, `extract_articles` by default): the
    redated article has its own content hash, so a store keeps it apart from the undated one.
    ``extractions`` are those of ``articles``, in the same order; a list or a `PackedExtractions`
    comes back as the same kind (a new one when anything changed). Without an undated article
    nothing is read at all.
    """
    all_dated = getattr(articles, "all_dated", None)  # `SpooledArticles` knows without reading the texts
    if all_dated() if all_dated is not None else all(article.published is not None for article in articles):
        return extractions
    inferences = {inference.article_id: inference for inference in infer_publication_dates(extractions, settings)}
    if not inferences:
        return extractions
    redated = [
        article.model_copy(update={"published": inferences[article.id].published, "published_origin": "inferred"})
        for article in articles
        if article.id in inferences
    ]
    found = extract(redated, settings) if extract else extract_articles(redated, settings=settings)
    again = {extraction.article.id: extraction for extraction in found}
    sources = {article.id: article.source or article.id for article in articles}
    result = extractions.copy() if isinstance(extractions, PackedExtractions | list) else list(extractions)
    for index, article in enumerate(articles):
        inference = inferences.get(article.id)
        if inference is None:
            continue
        issue = inference.issue(extractions[index], sources)
        redone = again[article.id]
        result[index] = redone.model_copy(update={"issues": (*redone.issues, issue)})
    return result


def merge_extractions(
    extractions: Sequence[ArticleExtraction],
    issues: Sequence[Issue] = (),
    *,
    settings: Settings | None = None,
    top: int | str = 0,
    about: Sequence[str] = (),
) -> Timeline:
    """Merge extractions into a timeline stamped with this engine's version.

    ``about`` keeps the events the named entities take part in (`timeline.about`). ``top`` > 0 then
    keeps the events of the ``top`` key days only, ``"auto"`` a number of days that grows with the
    story (`salience.select_top`).
    """
    with gc_paused():
        timeline = merge(extractions, settings=settings, issues=issues, engine_version=__version__)
        return select_top(about_timeline(timeline, about), top, extractions)


def build(
    inputs: Sequence[Path],
    *,
    manifest: Path | None = None,
    published: Mapping[str, str] | None = None,
    settings: Settings | None = None,
    on_start: Callable[[int], None] | None = None,
    on_article: Callable[[ArticleExtraction], None] | None = None,
    top: int | str = 0,
    about: Sequence[str] = (),
    store: Path | None = None,
    extract: Extractor | None = None,
    on_extracted: Callable[[Sequence[ArticleExtraction], Sequence[Issue]], None] | None = None,
    worker: ApartWorker | None = None,
    idle: Callable[[], None] | None = None,
) -> BuildResult:
    """Run ingest, extract and merge on the inputs (`extract_inputs`; ``top``, ``about``: `merge_extractions`).

    ``on_extracted(extractions, ingest_issues)`` is called once every article is extracted, before the merge
    (`BuildResult.extractions`, `IngestResult.issues`): `timeline build` writes extractions.jsonl in a forked
    process meanwhile, on the core the merge leaves idle. A store's extractions are read from a temporary
    file (`compact.PackedExtractions`), whose offset a forked process shares: this process has read them
    all by then, and must not read them again while such a process does. ``worker``, ``idle``: see
    `extract_inputs` (`timeline build` prepares its output stage while this process would wait).
    """
    ahead: dict[int, ArticleExtraction] = {}  # decoded while a worker extracts the new articles
    ingest, extractions = extract_inputs(
        inputs,
        manifest=manifest,
        published=published,
        settings=settings,
        on_start=on_start,
        on_article=on_article,
        store=store,
        extract=extract,
        packed=store is not None,  # a store's items stay packed: they are extractions.jsonl's lines already
        ahead=ahead,
        worker=worker,
        idle=idle,
    )
    with gc_paused():
        unpacked = [ahead[index] if index in ahead else extractions[index] for index in range(len(extractions))]
    if on_extracted is not None:  # after this process' last read of a store's packed extractions (see build)
        on_extracted(extractions, ingest.issues)
    timeline = merge_extractions(unpacked, ingest.issues, settings=settings, top=top, about=about)
    return BuildResult(ingest=ingest, extractions=extractions, timeline=timeline)


def render_outputs(timeline: Timeline, out_dir: Path, **options: Any) -> dict[Path, str | bytes]:
    """Return ``{path: content}`` for every output file: see `render.outputs.render_output_files`.

    Imported on use: the extract and merge stages never load plotly or Jinja2.
    """
    from timeline.render.outputs import render_output_files

    return render_output_files(timeline, out_dir, **options)

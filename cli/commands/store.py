"""`timeline store info|list|remove`: see and prune a corpus store (`--store` of `build` and `extract`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import command_errors, counted, stderr
from cli.options import DocTypeOption, settings_for_jobs

store_app = typer.Typer(
    no_args_is_help=True,
    help="See and prune a corpus store: the SQLite file of `build --store` and `extract --store`.",
)

StoreArgument = Annotated[Path, typer.Argument(help="The store file (story.db).", dir_okay=False, metavar="STORE")]


@store_app.command("info")
def info_command(store: StoreArgument) -> None:
    """Print the store's size, its articles and extractions, and which engine made them."""
    from timeline.store import Engine, Store

    with command_errors(), Store(store, write=False) as opened:
        info = opened.info()
        current = Engine.current(settings_for_jobs(1, None))
    typer.echo(f"store: {info.path}")
    typer.echo(f"size: {info.bytes:,} bytes")
    typer.echo(f"articles: {info.articles:,}")
    typer.echo(f"extractions: {info.extractions:,}")
    for version, settings, code, count in info.engines:
        mark = (
            " (this engine, default settings)"
            if (version, settings, code)
            == (
                current.version,
                current.settings_digest,
                current.code_digest,
            )
            else ""
        )
        typer.echo(f"  engine {version}, settings {settings}, code {code}: {count:,}{mark}")


@store_app.command("list")
def list_command(store: StoreArgument) -> None:
    """Print one tab-separated line per stored article: id, published, source, characters, extractions, hash."""
    from timeline.store import Store

    with command_errors(), Store(store, write=False) as opened:
        articles = opened.articles()
    typer.echo("id\tpublished\tsource\tchars\textractions\thash")
    for article in articles:
        fields = (article.id, article.published or "", article.source, article.n_chars, article.extractions)
        typer.echo("\t".join(str(field) for field in fields) + f"\t{article.hash[:16]}")


@store_app.command("remove")
def remove_command(
    store: StoreArgument,
    ids: Annotated[list[str] | None, typer.Argument(help="Ids of the articles to remove.", metavar="ID...")] = None,
    stale: Annotated[
        bool,
        typer.Option("--stale", help="Also remove the extractions made by another engine version, settings or code."),
    ] = False,
    doc_type: DocTypeOption = None,
) -> None:
    """Remove articles (every version of each, with their extractions) and, with --stale, old extractions.

    --stale keeps the extractions of this engine with the default settings (or --doc-type); the file
    shrinks afterwards.
    """
    from timeline.store import Engine, Store

    if not ids and not stale:
        stderr.print("error: name article ids to remove, or give --stale", markup=False)
        raise typer.Exit(2)
    with command_errors():
        if not store.is_file():
            from timeline.errors import InputError

            raise InputError("store not found", path=store, hint="check the path")
        with Store(store, write=True) as opened:
            articles = opened.remove(ids or [])
            extractions = opened.remove_stale(Engine.current(settings_for_jobs(1, doc_type))) if stale else 0
            opened.compact()
    typer.echo(f"removed {counted(articles, 'article')} and {counted(extractions, 'stale extraction')}")

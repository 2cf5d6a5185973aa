"""Actors across articles: an organisation's acronym or short form joins the organisation named in full."""

from timeline.about import fuller_names
from timeline.merge.actors import _fuller_index, actor_links
from timeline.models import Actor, ArticleExtraction, ArticleInfo


def _extraction(article_id: str, *names: str) -> ArticleExtraction:
    actors = tuple(
        Actor(id="org:" + name.lower().replace(" ", "-"), name=name, type="ORG", article_ids=(article_id,))
        for name in names
    )
    return ArticleExtraction(article=ArticleInfo(id=article_id, n_chars=0), actors=actors)


def test_actor_links_acronym_and_short_form_across_articles():
    links = actor_links(
        [
            _extraction("a", "General Motors", "United Automobile Workers"),
            _extraction("b", "GM", "UAW", "Airbus"),
            _extraction("c", "Airbus SAS", "GE"),
        ]
    )
    assert links == {
        "org:gm": "org:general-motors",
        "org:uaw": "org:united-automobile-workers",
        "org:airbus": "org:airbus-sas",
    }


def test_actor_links_ambiguous_acronym_stays():
    links = actor_links([_extraction("a", "General Motors", "Grupo Modelo"), _extraction("b", "GM")])
    assert "org:gm" not in links


def test_fuller_index_gives_fuller_names_of_every_name():
    """The merge looks names up in one index (fuller_names of each against all was quadratic)."""
    names = [
        "General Motors",
        "GM",
        "Ford Motor Co.",
        "Ford",
        "Airbus SAS",
        "Airbus",
        "Grupo Modelo",
        "United Automobile Workers",
        "UAW",
        "US",
        "the United States",
    ]
    index = _fuller_index(names)
    for name in names:
        assert [f for f in index.get(name, ()) if f != name] == fuller_names(name, names), name
    assert index["GM"] == ["General Motors", "GM", "Grupo Modelo"]  # two fuller names: the link stays undecided

"""Actors across articles: an organisation's acronym or short form joins the organisation named in full."""

from timeline.about import fuller_names
from timeline.merge.actors import _fuller_index, actor_links
from timeline.models import Actor, ArticleExtraction, ArticleInfo, EventMention


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


def test_relink_mentions_moves_linked_actors_and_keeps_the_rest_as_they_are():
    from datetime import date

    from tests.merge.test_merge import LEFT, mention
    from timeline.merge.actors import relink_mentions
    from timeline.models import EventActor

    def told(article_id: str, *actors: tuple[str, str]) -> EventMention:
        event = mention(article_id, 0, LEFT, "Thursday", date(2024, 2, 8))
        named = tuple(EventActor(actor_id=actor_id, name=name, role="agent") for actor_id, name in actors)
        return event.model_copy(update={"actors": named})

    links = {"person:blinken": "person:antony_blinken"}
    names = {"person:antony_blinken": "Antony Blinken", "person:steve_jobs": "Steve Jobs", "org:un": "UN"}
    first_names = {"b": {"person:steve": "person:steve_jobs"}}
    alone = told("a", ("org:un", "UN"))
    surname = told("a", ("person:blinken", "Blinken"), ("org:un", "UN"))
    first_here, first_elsewhere = told("b", ("person:steve", "Steve")), told("a", ("person:steve", "Steve"))
    found = relink_mentions([alone, surname, first_here, first_elsewhere], links, names, first_names)
    assert found[0] is alone and found[3] is first_elsewhere  # nothing of theirs moves: the same objects
    assert [(a.actor_id, a.name) for a in found[1].actors] == [
        ("org:un", "UN"),
        ("person:antony_blinken", "Antony Blinken"),
    ]
    assert found[1].actors[0] is surname.actors[1]  # an actor that stays is not copied
    assert [(a.actor_id, a.name) for a in found[2].actors] == [("person:steve_jobs", "Steve Jobs")]

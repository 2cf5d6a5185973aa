"""Reconciled events and the model helpers of the merge: the models pydantic would build, field for field."""

from datetime import date

from tests.merge.test_merge import LEFT, LEFT_COPY, info, mention
from timeline.merge.reconcile import reconcile, replaced
from timeline.models import CanonicalEvent, EventActor, EventMention, Provenance


def _validated_again(model):  # noqa: ANN001, ANN202
    return type(model).model_validate(model.model_dump())


def test_reconciled_events_and_provenance_are_what_validation_builds():
    articles = {"a": info("a"), "b": info("b", "2024-01-03", "header-line")}
    one = mention("a", 0, LEFT, "Thursday", date(2024, 2, 8), "Blinken")
    other = mention("b", 0, LEFT_COPY, "Thursday", date(2024, 1, 4), "Blinken")
    for members in ([one], [one, other]):
        event, _ = reconcile(members, articles)
        assert event == _validated_again(event)
        assert event.model_fields_set == set(CanonicalEvent.model_fields)  # every field given
        for provenance in event.provenance:
            assert provenance == _validated_again(provenance)
            assert provenance.model_fields_set == set(Provenance.model_fields)
        assert event.model_copy(update={"title": "x"}).title == "x" and event.title != "x"  # its fields set is its own


def test_replaced_is_model_copy_with_an_update():
    actor = EventActor(actor_id="person:blinken", name="Blinken", role="agent")
    found = replaced(actor, actor_id="person:antony_blinken", name="Antony Blinken")
    expected = actor.model_copy(update={"actor_id": "person:antony_blinken", "name": "Antony Blinken"})
    assert found == expected and found.model_fields_set == expected.model_fields_set
    assert actor.actor_id == "person:blinken"  # the original is untouched
    fields = mention("a", 0, LEFT, "Thursday", date(2024, 2, 8)).model_dump(exclude={"actors"})
    bare = EventMention.model_validate(fields)  # no actors given: the field is not set
    assert "actors" not in bare.model_fields_set
    copied = replaced(bare, actors=(actor,))
    assert copied == bare.model_copy(update={"actors": (actor,)})
    assert copied.model_fields_set == bare.model_fields_set | {"actors"} and "actors" not in bare.model_fields_set

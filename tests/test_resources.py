"""Every packaged resource file loads and validates (their examples are run in tests/extract)."""

import importlib
from importlib import resources

import pytest
import yaml

import timeline.resources
from timeline.extract.actor_words import load_actor_words
from timeline.resources import load_yaml
from timeline.timex.words import load_time_words


def test_resources_all_yaml_files_parse():
    root = resources.files("timeline.resources")
    files = [p for p in root.joinpath("en").iterdir() if p.name.endswith(".yml")]
    assert files
    for path in files:
        assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict), path.name


def test_load_yaml_reads_every_resource_as_safe_load_does():
    root = resources.files("timeline.resources")
    for path in (p for p in root.joinpath("en").iterdir() if p.name.endswith(".yml")):
        text = path.read_text(encoding="utf-8")
        assert repr(load_yaml(text)) == repr(yaml.safe_load(text)), path.name  # repr: types and order too


def test_load_yaml_uses_libyaml_when_pyyaml_has_it():
    assert timeline.resources._LOADER is (yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)


def test_load_yaml_falls_back_to_the_python_parser(monkeypatch):
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    try:
        fallback = importlib.reload(timeline.resources)
        assert fallback._LOADER is yaml.SafeLoader
        assert fallback.load_yaml("words: [a, 'on', no, 2024-01-02]") == yaml.safe_load(
            "words: [a, 'on', no, 2024-01-02]"
        )
        with pytest.raises(yaml.YAMLError):
            fallback.load_yaml("words: [a")
    finally:
        monkeypatch.undo()
        importlib.reload(timeline.resources)


def test_load_yaml_loads_no_python_objects():
    with pytest.raises(yaml.YAMLError):
        load_yaml("!!python/object/apply:os.system ['true']")


def test_resources_validate_and_have_examples():
    assert load_time_words().examples
    assert load_actor_words().examples


def test_trigger_synonym_examples_hold():
    from timeline.merge.triggers import load_trigger_words, same_trigger

    examples = load_trigger_words().examples
    assert any(e["same"] for e in examples) and any(not e["same"] for e in examples)
    for example in examples:
        assert same_trigger(example["left"], example["right"]) is example["same"], example

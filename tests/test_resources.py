"""Every packaged resource file loads and validates (their examples are run in tests/extract)."""

from importlib import resources

import yaml

from timeline.extract.actor_words import load_actor_words
from timeline.timex.words import load_time_words


def test_resources_all_yaml_files_parse():
    root = resources.files("timeline.resources")
    files = [p for p in root.joinpath("en").iterdir() if p.name.endswith(".yml")]
    assert files
    for path in files:
        assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict), path.name


def test_resources_validate_and_have_examples():
    assert load_time_words().examples
    assert load_actor_words().examples


def test_trigger_synonym_examples_hold():
    from timeline.merge.triggers import load_trigger_words, same_trigger

    examples = load_trigger_words().examples
    assert any(e["same"] for e in examples) and any(not e["same"] for e in examples)
    for example in examples:
        assert same_trigger(example["left"], example["right"]) is example["same"], example

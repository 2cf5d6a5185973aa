"""The README documents every command and option; the public API list is sorted and complete."""

from pathlib import Path

import typer.main

import timeline
from cli.app import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands():
    group = typer.main.get_command(app)
    return group.commands


def test_docs_every_command_is_in_readme_with_help():
    commands = _commands()
    assert set(commands) >= {"build", "extract", "merge", "render"}
    for name, command in commands.items():
        assert f"timeline {name}" in README, name
        assert command.help, name


def test_docs_every_option_is_in_readme():
    for name, command in _commands().items():
        for param in command.params:
            for option in param.opts:
                if option.startswith("--") and option != "--help":
                    assert option in README, f"{name} {option}"


def test_docs_public_api_sorted_and_importable():
    assert timeline.__all__ == sorted(timeline.__all__)
    for name in timeline.__all__:
        assert hasattr(timeline, name), name

"""The package structure: no import circle inside `timeline/`, and the time tagger used from outside its
package only through `timeline.timex` (its one entry, `tag_times`, and the shared `shift`)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted((ROOT / "timeline").rglob("*.py")):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every `timeline` module a file imports, at any depth (function-level imports too).

    ``from package import module`` names the module, not the package.
    """
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in modules else node.module)
    return {name for name in found if name in modules}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Return one import circle of ``graph``, or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_circle_in_the_library() -> None:
    modules = _modules()
    graph = {name: _imports(path, modules) - {name} for name, path in modules.items()}
    assert _cycle(graph) is None


def test_the_time_tagger_is_used_through_its_package_entry() -> None:
    modules = _modules()
    outside = {
        name: sorted(target for target in _imports(path, modules) if target.startswith("timeline.timex."))
        for name, path in modules.items()
        if not name.startswith("timeline.timex")
    }
    assert {name: targets for name, targets in outside.items() if targets} == {}
    assert not any(name.startswith("timeline.extract.time") for name in modules)


def test_the_store_digest_covers_all_code_extraction_runs() -> None:
    """A stored extraction goes stale when any module extraction imports changes (the tagger included)."""
    from timeline.store import CODE_PARTS

    modules = _modules()
    graph = {name: _imports(path, modules) for name, path in modules.items()}
    seen: set[str] = set()
    todo = [name for name in modules if name.startswith("timeline.extract")]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(graph[name])
    covered = {part.removesuffix(".py") for part in CODE_PARTS}
    outside = sorted(name for name in seen if name != "timeline" and name.split(".")[1] not in covered)
    assert outside == []

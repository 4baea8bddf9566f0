"""The import graph: layers only ever import downwards, there is no import circle, modules stay small.

entry points  ->  composition (bot.wiring)  ->  services  ->  components  ->  records, text, settings
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "ingest", "vectorstore", "eval", "prompts")
# Longest matching prefix wins.
LAYERS = {
    "bot.core": 0, "bot.settings": 0, "prompts": 0,
    "vectorstore": 1, "ingest.chunker": 1, "ingest.loaders": 1, "bot.retrieval": 1, "bot.lexical": 1,
    "bot.bm25": 1, "bot.citations": 1, "bot.evidence": 1, "bot.checks": 1, "bot.llm": 1,
    "eval.metrics": 1, "eval.dataset": 1, "eval.configs": 1, "eval.scoring": 1, "eval.summary": 1,
    "ingest.report": 1, "ingest.service": 2, "ingest.writer": 2, "bot.answer": 2, "eval.naive": 2,
    "bot.wiring": 3,
    "bot.cli": 4, "bot.ui": 4, "bot.api": 4, "bot.langchain_api": 4, "bot.server": 4, "bot.bench": 4,
    "eval.runner": 4, "eval.report": 4, "eval.report_md": 4,
    "bot.ui.history": 4,  # the chat's conversation store (SQLite), used by the chat only
}
NAMES = {0: "records/text", 1: "components", 2: "services", 3: "composition", 4: "entry points"}
MAX_LINES = 300


def modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out[name] = path
    return out


def layer(module: str) -> int | None:
    best = None
    for prefix, level in LAYERS.items():
        if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, level)
    return best[1] if best else None


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """Every project module `path` imports, at module level or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
        for name in names:
            if name.split(".")[0] not in PACKAGES:
                continue
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
    return found


@pytest.fixture(scope="module")
def graph():
    known = modules()
    return {name: imports(path, known) - {name} for name, path in known.items()}


def test_every_module_has_a_layer(graph):
    missing = [m for m in graph if layer(m) is None and m not in PACKAGES]
    assert not missing, f"add these modules to LAYERS: {missing}"


def test_imports_only_point_down(graph):
    upward = [
        f"{m} ({NAMES[layer(m)]}) imports {d} ({NAMES[layer(d)]})"
        for m, deps in graph.items()
        for d in deps
        if layer(m) is not None and layer(d) is not None and layer(d) > layer(m)
    ]
    assert not upward, "\n".join(upward)


def test_no_import_circle(graph):
    # Package __init__ modules are containers: an import of bot.core.text also names bot.core.
    edges = {m: {d for d in deps if not ROOT.joinpath(*d.split("."), "__init__.py").exists()} for m, deps in graph.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for d in sorted(edges.get(m, ())):
            if state.get(d) == 1:
                cycle = stack[stack.index(d):] + [d]
                raise AssertionError("import circle: " + " -> ".join(cycle))
            if d not in state:
                visit(d)
        stack.pop()
        state[m] = 2

    for m in sorted(edges):
        if m not in state:
            visit(m)


def test_the_bottom_floor_imports_nothing_above_it(graph):
    for m, deps in graph.items():
        if layer(m) == 0:
            assert all(layer(d) == 0 for d in deps), (m, deps)


def test_modules_stay_small():
    big = {
        str(p.relative_to(ROOT)): n
        for p in modules().values()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not big, f"split these modules (over {MAX_LINES} lines): {big}"

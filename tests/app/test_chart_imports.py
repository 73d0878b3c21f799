"""Every module that draws with plotly imports pandas itself, before plotly. Plotly looks
pandas up in `sys.modules` without the import lock, so a chart drawn while another browser
session's thread is still importing pandas raised "partially initialized module 'pandas' has
no attribute 'Series'" on the Game plan page; an `import pandas` of our own waits for that
import to finish."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_every_module_using_plotly_imports_pandas_first() -> None:
    users = []
    for path in sorted(
        [*ROOT.glob("app_pages/*.py"), *ROOT.glob("coach/**/*.py"), ROOT / "app.py"]
    ):
        names = imports(path)
        plotly = [i for i, n in enumerate(names) if n.split(".")[0] == "plotly"]
        if plotly:
            users.append(path.name)
            assert "pandas" in names[: plotly[0]], f"{path} imports plotly without pandas first"
    assert "game_plan_parts.py" in users  # the page the error was seen on

"""Our style sheets parse: every block they open is closed. A brace lost in a merge silently drops
every rule after it (it once dropped the task pages' side-by-side layout)."""

from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "static" / "terroir"


@pytest.mark.parametrize("sheet", sorted(STATIC.glob("*.css")), ids=lambda path: path.name)
def test_every_block_a_style_sheet_opens_is_closed(sheet):
    depth = 0
    for number, line in enumerate(sheet.read_text(encoding="utf-8").splitlines(), start=1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"{sheet.name}:{number} closes a block it never opened"
    assert depth == 0, f"{sheet.name} leaves {depth} block(s) open"

"""Every string the product shows has its Chinese: the catalogue is complete and up to date.

`makemessages` runs on a copy of the source tree, so a string added to the code but not to
`locale/zh_Hans` shows up here as untranslated, and a changed string as fuzzy.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = Path("locale/zh_Hans/LC_MESSAGES/django.po")
IGNORED = ["--ignore", "tests", "--ignore", "bench", "--ignore", "locale_viewflow"]
SKIPPED = shutil.ignore_patterns(".venv", ".git", "var", "media", "__pycache__", "*.mo", "node_modules")


def unfinished(po: polib.POFile) -> list[str]:
    return [entry.msgid for entry in po if not entry.obsolete and (not entry.translated() or entry.fuzzy)]


def test_the_committed_catalogue_translates_every_entry():
    assert unfinished(polib.pofile(str(ROOT / CATALOGUE))) == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext is installed by scripts/test")
def test_the_catalogue_holds_every_string_of_the_source(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=SKIPPED)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete", "--verbosity", "0", *IGNORED],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    missing = unfinished(polib.pofile(str(copy / CATALOGUE)))
    assert missing == [], "run makemessages -l zh_Hans and translate: " + repr(missing[:10])

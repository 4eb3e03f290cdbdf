"""The README's screenshots of the overview, one per language, from the browser test's.

Run the language test first; it saves ``screenshots/<locale>/overview-1400.png`` below the
test artifacts folder (``$TRACKER_TEST_ARTIFACTS``, else ``artifacts/``):

    .venv/bin/pytest tests/browser/test_languages.py -k overview
    .venv/bin/python scripts/readme_screenshots.py

Each is cut to the top of the page (title, filters, headline cards) and halved, in a 256-colour
palette, so the committed PNGs stay small (docs/img/overview-<locale>.png).
"""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ("en", "de", "fr", "uk")
TOP = (0, 0, 1400, 720)  # px of the 1400-px wide page: everything above the first table


def main() -> None:
    artifacts = Path(os.environ.get("TRACKER_TEST_ARTIFACTS") or ROOT / "artifacts")
    target = ROOT / "docs" / "img"
    target.mkdir(parents=True, exist_ok=True)
    for locale in LOCALES:
        source = artifacts / "screenshots" / locale / "overview-1400.png"
        with Image.open(source) as shot:
            top = shot.convert("RGB").crop(TOP)
            small = top.resize((TOP[2] // 2, TOP[3] // 2), Image.Resampling.LANCZOS)
            small.quantize(colors=256).save(target / f"overview-{locale}.png", optimize=True)
        print(f"docs/img/overview-{locale}.png from {source}")


if __name__ == "__main__":
    main()

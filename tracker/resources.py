"""Where the folders that ship beside the package are: in a checkout they sit next to
``tracker/``; an installed wheel carries them inside the package as ``_<name>``."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str, marker: str) -> Path:
    """``<name>/`` beside the package in a checkout, ``tracker/_<name>`` in a wheel; the one
    that holds ``marker``. FileNotFoundError names the folder when neither does."""
    for candidate in (PACKAGE.parent / name, PACKAGE / f"_{name}"):
        if (candidate / marker).exists():
            return candidate
    raise FileNotFoundError(f"the {name} folder is missing from this installation")

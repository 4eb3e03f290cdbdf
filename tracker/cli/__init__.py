"""The ``tracker`` command (Typer), one module per command group; importing them registers
their commands on the shared app."""

from __future__ import annotations

from tracker.cli import admin, data, kiel, ledger, setup, text  # noqa: F401  (registers commands)
from tracker.cli.app import app, main

__all__ = ["app", "main"]

"""Reading and writing the dashboards' URL query parameters, without Streamlit.

A dashboard view is shared by copying its URL, so every setting and filter is a query
parameter. A link may be stale, hand-edited or mistyped: each reader here turns the text of one
parameter into a value, or into the default value plus a message that names the parameter and
the text, so the page can show the message and fall back to the default view. Nothing here
raises on bad input and nothing writes to the database.

Writers give the canonical text of a value (``None`` for "leave the parameter out"), so the
URL stays short and a value read back from a written URL is the same value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from tracker.i18n import gettext as _

T = TypeVar("T")

# The earliest as-of date a view can ask for: the tracker's records start in 2014.
MIN_AS_OF = date(2014, 1, 1)
TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")


@dataclass(frozen=True)
class Reading(Generic[T]):
    """A parameter's value, and what was wrong with the link's text if it was not usable."""

    value: T
    problem: str | None = None


def _quoted(name: str, raw: str) -> str:
    return f"{name}={raw!r}"


def _match(raw: str, options: tuple[str, ...]) -> str | None:
    """The option ``raw`` names, ignoring case and surrounding spaces; None for none."""
    return next((o for o in options if o.lower() == raw.strip().lower()), None)


def read_choice(name: str, raw: str | None, options: Iterable[str], default: str) -> Reading[str]:
    """One of ``options`` (matched ignoring case), else ``default`` with a message."""
    options = tuple(options)
    if raw is None or raw == "":
        return Reading(default)
    option = _match(raw, options)
    if option is None:
        message = _(
            "The link's {param} is not supported (use one of {options}); showing {default}."
        )
        return Reading(
            default,
            message.format(param=_quoted(name, raw), options=", ".join(options), default=default),
        )
    return Reading(option)


def read_optional_choice(name: str, raw: str | None, options: Iterable[str]) -> Reading[str | None]:
    """One of ``options`` (ignoring case), else no filter (``None``) with a message."""
    if raw is None or raw.strip() == "":
        return Reading(None)
    option = _match(raw, tuple(options))
    problem = _("The link's {param} is not a known {name}; filter ignored.")
    if option is None:
        return Reading(None, problem.format(param=_quoted(name, raw), name=name))
    return Reading(option)


def read_as_of(name: str, raw: str | None, today: date) -> Reading[date | None]:
    """An ISO date between :data:`MIN_AS_OF` and ``today``; otherwise None (as known today)."""
    if raw is None or raw.strip() == "":
        return Reading(None)
    try:
        day = date.fromisoformat(raw.strip())
    except ValueError:
        return Reading(
            None,
            _(
                "The link's {param} is not a date written YYYY-MM-DD; showing figures as "
                "known today."
            ).format(param=_quoted(name, raw)),
        )
    if not MIN_AS_OF <= day <= today:
        return Reading(
            None,
            _(
                "The link's {param} is outside {first} to {last}; showing figures as known today."
            ).format(param=_quoted(name, raw), first=MIN_AS_OF.isoformat(), last=today.isoformat()),
        )
    return Reading(day)


def write_as_of(value: date | None) -> str | None:
    return value.isoformat() if value else None


def read_flag(name: str, raw: str | None, default: bool = False) -> Reading[bool]:
    """``1/true/yes/on`` or ``0/false/no/off``; anything else is ``default`` with a message."""
    if raw is None or raw.strip() == "":
        return Reading(default)
    word = raw.strip().lower()
    if word in TRUE_WORDS or word in FALSE_WORDS:
        return Reading(word in TRUE_WORDS)
    shown = "true" if default else "false"
    return Reading(
        default,
        _("The link's {param} is neither true nor false; showing {shown}.").format(
            param=_quoted(name, raw), shown=shown
        ),
    )


def write_flag(value: bool) -> str | None:
    return "true" if value else None


def split_list(raw: str | None) -> list[str]:
    """``"DE,FR, PL"`` -> ``["DE", "FR", "PL"]`` (blanks dropped)."""
    return [part.strip() for part in (raw or "").split(",") if part.strip()]


def read_codes(
    name: str, raw: str | None, known: Mapping[str, str], normalise=str.upper
) -> Reading[tuple[str, ...]]:
    """Comma-separated codes that are keys of ``known``; unknown ones are left out with a
    message (so a stale link still shows what it can), repeated ones count once."""
    wanted = [normalise(code) for code in split_list(raw)]
    found = tuple(dict.fromkeys(code for code in wanted if code in known))
    missing = [code for code in dict.fromkeys(wanted) if code not in known]
    if not missing:
        return Reading(found)
    param, what = _quoted(name, raw or ""), ", ".join(missing)
    message = (
        _("The link's {param} names {what}, which the database does not know; showing the others.")
        if found
        else _("The link's {param} names {what}, which the database does not know; showing all.")
    )
    return Reading(found, message.format(param=param, what=what))


def write_list(values: Iterable[str]) -> str | None:
    joined = ",".join(values)
    return joined or None


def read_package_id(name: str, raw: str | None) -> Reading[int | None]:
    """A positive whole number (a package's id), else None with a message."""
    if raw is None or raw.strip() == "":
        return Reading(None)
    text = raw.strip()
    if text.isdigit() and int(text) > 0:
        return Reading(int(text))
    return Reading(
        None,
        _("The link's {param} is not a package number; showing all packages.").format(
            param=_quoted(name, raw)
        ),
    )


def read_ids(name: str, raw: str | None) -> Reading[tuple[int, ...]]:
    """Comma-separated positive whole numbers (package ids); others are left out with a
    message."""
    parts = split_list(raw)
    ids = tuple(dict.fromkeys(int(p) for p in parts if p.isdigit() and int(p) > 0))
    bad = [p for p in parts if not (p.isdigit() and int(p) > 0)]
    if not bad:
        return Reading(ids)
    return Reading(
        ids,
        _("The link's {param} has {bad}, which are not package numbers; they are left out.").format(
            param=_quoted(name, raw or ""), bad=", ".join(bad)
        ),
    )


def write_text(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None

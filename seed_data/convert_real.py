"""Convert the protect-ukraine-now data files into ledger-CSV seed files.

Usage (from the repository root):

    python seed_data/convert_real.py ../shared/real seed_data/ledger

Reads ``heavy_weapons_commitments.csv`` and ``us_security_assistance_tranches.csv`` from the
first folder and writes ``heavy_weapons.csv`` and ``us_tranches.csv`` (format: docs/ledger-csv.md)
into the second. Standard library only and deterministic, so the committed outputs can be
regenerated and diffed by anyone; the tracker itself never runs this script.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import urlsplit

from tracker.domain.vocab import LEDGER_COLUMNS

# The compiled list names categories in its own words; each maps to the counting unit the
# tracker's unit registry uses for that kind of thing.
UNIT_BY_CATEGORY = {
    "Tank": "tank",
    "Infantry Fighting Vehicle": "vehicle",
    "Towed Artillery": "howitzer",
    "Self-Propelled Artillery": "howitzer",
    "Multiple Launch Rocket System": "launcher",
    "Air Defense System": "system",
    "Helicopter": "helicopter",
    "Warplane": "aircraft",
}

# Leopard 2 pledges made while the coalition formed belong to it; they are the members' own
# pledges (not the coalition's restated total), so aggregate_claim stays false. Membership goes
# by the system's name as the list writes it ("Leopard 2..."), as the list's compilers counted
# (61 tanks). Sweden's Stridsvagn 122, a Leopard 2 derivative, stays in the Leopard 2 family
# of the catalogue (family views count it) but was pledged outside the coalition's framework.
COALITION = "LEOPARD2-COALITION"
COALITION_NAME_PREFIX = "Leopard 2"
COALITION_WINDOW = (date(2023, 1, 1), date(2023, 3, 31))

# Government and ministry sites count as official releases; social-media posts are claims no
# editor checked; everything else is a media report.
OFFICIAL_DOMAINS = (
    "bundesregierung.de",
    "bmvg.de",
    "defense.gov",
    "gov.uk",
    "canada.ca",
    "regjeringen.no",
    "kaitseministeerium.ee",
    "mosr.sk",
    "mzv.cz",
    "mod.gov.lv",
    "gov.si",
    "defensie.nl",
    "defensa.gob.es",
    "government.se",
    "state.gov",
    "whitehouse.gov",
)
SOCIAL_DOMAINS = ("twitter.com", "x.com", "reddit.com", "facebook.com")

# Publishers named by their site; any other site is named by its host.
PUBLISHERS = {
    "defense.gov": "U.S. Department of Defense",
    "state.gov": "U.S. Department of State",
    "whitehouse.gov": "The White House",
}
US_AUTHORITIES = (
    ("PDA", "pda_million_usd"),
    ("USAI", "usai_million_usd"),
    ("FMF", "fmf_million_usd"),
)

COMPILER = "protect-ukraine-now"
SEED_FIELDS = {"recorded_by": "seed", "review_status": "reviewed"}


class ConversionError(ValueError):
    """A source row that cannot be converted, naming the file, row, field and value."""

    def __init__(self, where: str, field: str, value: object, problem: str) -> None:
        super().__init__(f"{where}: {field}={value!r} {problem}")


def host_of(url: str) -> str:
    """The URL's host without a leading ``www.`` (an outlet name good enough to sort by)."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _under(host: str, domains: Iterable[str]) -> str | None:
    """The first of ``domains`` that ``host`` is, or is a subdomain of."""
    return next((d for d in domains if host == d or host.endswith("." + d)), None)


def outlet_of(url: str) -> str:
    domain = _under(host_of(url), PUBLISHERS)
    return PUBLISHERS[domain] if domain else host_of(url)


def reliability_of(url: str) -> str:
    host = host_of(url)
    if _under(host, OFFICIAL_DOMAINS):
        return "official"
    if _under(host, SOCIAL_DOMAINS):
        return "unverified"
    return "media"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def plain(number: Decimal) -> str:
    """A plain decimal string: no exponent, no trailing zeros ("2980000000", "0.5")."""
    return f"{number.normalize():f}"


def parse_date(where: str, field: str, value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ConversionError(where, field, value, "is not an ISO date (YYYY-MM-DD)") from None


def parse_decimal(where: str, field: str, value: str) -> Decimal:
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        raise ConversionError(where, field, value, "is not a plain number") from None
    if not number.is_finite() or number <= 0:
        raise ConversionError(where, field, value, "must be a positive number")
    return number


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Data rows with their 1-based row number (header excluded), which entry ids keep so
    that two identical-looking commitments never share an id."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        yield from enumerate(csv.DictReader(handle), start=1)


def load_families(catalogue: Path) -> dict[str, str]:
    """Equipment name -> family from equipment_types.csv: every system must be catalogued."""
    return {row["name"]: row["family"] for _, row in read_rows(catalogue)}


def _listing(noun: str, joiner: str, labels: set[str]) -> str:
    return f"{noun}{'s' if len(labels) > 1 else ''}{joiner}{', '.join(sorted(labels))}"


def assign_titles(entries: list[dict[str, str]]) -> None:
    """Give every entry citing an address the same source title. The tracker keeps one
    Source per URL, and both lists cite some of the same releases, so the title names
    everything the address backs ("Heavy-weapon commitments: Bradley, Stryker; US
    security-assistance announcement of 2022-09-08") rather than differing per row."""
    by_url: dict[str, list[dict[str, str]]] = defaultdict(list)
    for entry in entries:
        if entry["source_url"]:
            by_url[entry["source_url"]].append(entry)
    for group in by_url.values():
        systems = {e["equipment"] for e in group if e.get("equipment")}
        dates = {e["event_date"] for e in group if not e.get("equipment")}
        parts = [_listing("Heavy-weapon commitment", ": ", systems)] if systems else []
        if dates:
            parts.append(_listing("US security-assistance announcement", " of ", dates))
        for entry in group:
            entry["source_title"] = "; ".join(parts)


def heavy_weapon_entries(path: Path, families: dict[str, str]) -> list[dict[str, str]]:
    entries = []
    for number, row in read_rows(path):
        where = f"{path.name} row {number}"
        announced = parse_date(where, "announced_on", row["announced_on"])
        donor = row["donor_iso2"].strip().upper()
        donor = "GB" if donor == "UK" else donor
        system = row["system"].strip()
        if system not in families:
            raise ConversionError(where, "system", system, "is not in equipment_types.csv")
        category = row["category"].strip()
        if category not in UNIT_BY_CATEGORY:
            raise ConversionError(where, "category", category, "has no counting unit")
        quantity = parse_decimal(where, "quantity", row["quantity"])
        in_coalition = (
            system.startswith(COALITION_NAME_PREFIX)
            and COALITION_WINDOW[0] <= announced <= COALITION_WINDOW[1]
        )
        package = (
            f"Leopard 2 coalition pledge {announced}"
            if in_coalition
            else f"Heavy weapons announcement {announced}"
        )
        url = row["source_url"].strip()
        reason = f"{COMPILER} heavy-weapons list, row {number}"
        if not url:
            reason += "; the list gives no source address for this commitment"
        entries.append(
            {
                "entry_id": f"hw-{number:03d}-{donor.lower()}-{announced}-{slug(system)}",
                "donor": donor,
                "package": package,
                "package_date": announced.isoformat(),
                "aid_type": "military",
                "secrecy": "public",
                "initiative": COALITION if in_coalition else "",
                "aggregate_claim": "false",
                "item": system,
                "equipment": system,
                "event": "pledge",
                "event_date": announced.isoformat(),
                "quantity": plain(quantity),
                "unit": UNIT_BY_CATEGORY[category],
                "qualifier": "exact",
                "cumulative": "false",
                "reason": reason,
                "source_url": url,
                "source_outlet": outlet_of(url) if url else COMPILER,
                "source_title": f"Heavy-weapon commitment: {system}",
                "source_reliability": reliability_of(url) if url else "unverified",
                **SEED_FIELDS,
            }
        )
    return entries


def us_tranche_entries(path: Path) -> tuple[list[dict[str, str]], dict[str, Decimal]]:
    """One money-only pledge per authority and announcement, plus the total per authority."""
    entries, totals = [], dict.fromkeys((a for a, _ in US_AUTHORITIES), Decimal(0))
    for number, row in read_rows(path):
        where = f"{path.name} row {number}"
        announced = parse_date(where, "announced_on", row["announced_on"])
        url = row["source_url"].strip()
        if not _under(host_of(url), PUBLISHERS):
            raise ConversionError(where, "source_url", url, "is not a known US government site")
        fact_sheet = row.get("fact_sheet_url", "").strip()
        for authority, column in US_AUTHORITIES:
            if not row[column].strip():
                continue
            millions = parse_decimal(where, column, row[column])
            totals[authority] += millions
            entries.append(
                {
                    "entry_id": f"us-{authority.lower()}-{announced}",
                    "donor": "US",
                    "package": f"{authority} tranche {announced}",
                    "package_date": announced.isoformat(),
                    "instrument": authority,
                    "aid_type": "military",
                    "secrecy": "public",
                    "aggregate_claim": "false",
                    "event": "pledge",
                    "event_date": announced.isoformat(),
                    "amount": plain(millions * 1_000_000),
                    "currency": "USD",
                    "qualifier": "exact",
                    "cumulative": "false",
                    "reason": f"{COMPILER} tranche list, row {number}"
                    + (f"; fact sheet: {fact_sheet}" if fact_sheet else ""),
                    "source_url": url,
                    "source_outlet": outlet_of(url),
                    "source_reliability": "official",
                    **SEED_FIELDS,
                }
            )
    return entries, totals


def write_ledger(path: Path, entries: list[dict[str, str]]) -> None:
    duplicates = sorted(i for i, n in Counter(e["entry_id"] for e in entries).items() if n > 1)
    if duplicates:
        raise ConversionError(path.name, "entry_id", duplicates[0], "is not unique")
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=LEDGER_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({column: e.get(column, "") for column in LEDGER_COLUMNS} for e in entries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("real_dir", type=Path, help="folder holding the two source CSV files")
    parser.add_argument("out_dir", type=Path, help="folder to write the ledger CSV files to")
    args = parser.parse_args(argv)
    families = load_families(Path(__file__).with_name("equipment_types.csv"))
    try:
        heavy = heavy_weapon_entries(args.real_dir / "heavy_weapons_commitments.csv", families)
        tranches, totals = us_tranche_entries(args.real_dir / "us_security_assistance_tranches.csv")
        args.out_dir.mkdir(parents=True, exist_ok=True)
        assign_titles(heavy + tranches)
        write_ledger(args.out_dir / "heavy_weapons.csv", heavy)
        write_ledger(args.out_dir / "us_tranches.csv", tranches)
    except ConversionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    coalition = sum(Decimal(e["quantity"]) for e in heavy if e["initiative"] == COALITION)
    print(f"heavy_weapons.csv: {len(heavy)} entries ({coalition} tanks tagged {COALITION})")
    sums = ", ".join(f"{a} {plain(t)}m" for a, t in totals.items())
    print(f"us_tranches.csv: {len(tranches)} entries; USD totals {sums}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Conflicting claims: aggregate statements shown beside the members' own figures."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Session

from tracker.domain.tables import D, I, P, S, with_lines
from tracker.ledger.asof import View
from tracker.ledger.balances import _q
from tracker.ledger.increments import increments

# --- conflicting claims ---------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """One figure for an initiative-wide quantity, with where it comes from."""

    basis: str  # "initiative statement" or "sum of members' own pledges"
    donor: str
    quantity: Decimal
    unit: str | None
    sources: tuple[str, ...]


def conflicting_claims(
    session: Session, initiative: str, view: View = View(), *, kind: str = "pledge"
) -> list[Claim]:
    """The initiative's own aggregate statements beside the sum of its members' packages,
    each with its sources, so a reader sees both figures and which is which."""
    with_claims = View(
        **{**view.__dict__, "initiative": initiative, "include_aggregate_claims": True}
    )
    inc = increments(with_claims)
    keys = (P.c.aggregate_claim, D.c.code, I.c.unit, S.c.url, S.c.title)
    stmt = (
        sa.select(*keys, sa.func.sum(inc.c.dq).label("q"))
        .select_from(with_lines(inc))
        .where(inc.c.kind == kind)
        .group_by(*keys)
    )
    statements: dict[tuple, list] = defaultdict(lambda: [Decimal(0), []])
    members: dict[str | None, list] = defaultdict(lambda: [Decimal(0), [], set()])
    for aggregate, donor, unit, url, title, q in session.execute(stmt):
        if aggregate:
            acc = statements[(donor, unit)]
            acc[0] += _q(q)
            acc[1].append(url or title)
        else:
            acc = members[unit]
            acc[0] += _q(q)
            acc[1].append(url or title)
            acc[2].add(donor)
    claims = [
        Claim("initiative statement", donor, q, unit, tuple(dict.fromkeys(srcs)))
        for (donor, unit), (q, srcs) in sorted(statements.items())
    ]
    claims += [
        Claim(
            "sum of members' own pledges" if kind == "pledge" else f"sum of members' {kind}",
            ", ".join(sorted(donors)),
            q,
            unit,
            tuple(dict.fromkeys(srcs)),
        )
        for unit, (q, srcs, donors) in sorted(members.items(), key=lambda kv: str(kv[0]))
    ]
    return claims

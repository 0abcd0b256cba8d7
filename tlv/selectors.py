"""The questions the TLV screens ask, always on behalf of an actor (tlv/access.py decides what
they may see)."""

import csv
import datetime
import io
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import models
from django.db.models import F, OuterRef, QuerySet, Subquery, Value, When
from django.utils import timezone

from cases.access import CHANGE, Actor
from cases.constants import Status
from cases.models import Case
from partners.constants import Function
from partners.models import School
from tlv.access import dossiers_visible_to, opps_kept_by
from tlv.constants import OPEN_STATES, State
from tlv.models import Dossier, Opp
from tlv.workdays import working_days_between

# Counts below this are shown as "< 5", so no child can be recognised in the findings.
SMALL = 5


def dossier_list(*, fetched_by: Actor) -> QuerySet[Dossier]:
    """The requests the actor may read: the open ones first, the nearest deadline first, then
    the oldest; the decided ones last."""
    decided = models.Case(When(state=State.DECIDED, then=Value(1)), default=Value(0))
    return (
        dossiers_visible_to(fetched_by)
        .select_related("case__pupil", "case__school", "samenwerkingsverband")
        .annotate(decided=decided)
        .order_by(
            "decided",
            F("deadline").asc(nulls_last=True),
            F("submitted_at").asc(nulls_last=True),
            "started_at",
        )
    )


def opp_list(*, fetched_by: Actor) -> QuerySet[Opp]:
    """The OPPs the actor keeps, the first evaluation due on top."""
    return (
        opps_kept_by(fetched_by)
        .select_related("dossier__case__pupil", "dossier__case__school")
        .order_by(F("next_evaluation").asc(nulls_last=True), "pk")
    )


def may_start(actor: Actor) -> bool:
    """Only a school's IB'er starts a TLV request (docs/domain.md, "TLV and toeleiding")."""
    return any(m.function == Function.IB for m in actor.memberships)


def startable_cases(*, fetched_by: Actor) -> QuerySet[Case]:
    """The cases of the actor's schools on which they may start a request: level 4 or higher,
    not closed, at a school of a samenwerkingsverband, and which the actor may change (the same
    rule as tlv/services.py dossier_start). Each carries the uuid of its open request, if any."""
    ib_orgs = [m.organisation_id for m in fetched_by.memberships if m.function == Function.IB]
    open_request = Dossier.objects.filter(case=OuterRef("pk"), state__in=OPEN_STATES)
    return (
        Case.objects.with_user_permission(fetched_by.user, CHANGE)
        .filter(
            school__organisation_id__in=ib_orgs,
            level__gte=4,
            school__samenwerkingsverband__isnull=False,
        )
        .exclude(status=Status.AFGESLOTEN)
        .annotate(open_request=Subquery(open_request.values("uuid")[:1]))
        .select_related("pupil", "school")
        .order_by("pupil__last_name", "pupil__first_name", "pk")
    )


def findings_scope(actor: Actor) -> QuerySet[School]:
    """The schools whose figures the actor may see: a trajectbegeleider those of their SWV, a
    procesbegeleider those of their board. Figures hold no child's data."""
    swv = [m.organisation_id for m in actor.memberships if m.function == Function.TRAJECTBEGELEIDER]
    board = [
        m.organisation_id for m in actor.memberships if m.function == Function.PROCESBEGELEIDER
    ]
    return School.objects.filter(
        samenwerkingsverband__organisation_id__in=swv
    ) | School.objects.filter(bestuur__organisation_id__in=board)


def shown(count: int) -> str:
    return "< 5" if 0 < count < SMALL else str(count)


def findings(*, fetched_by: Actor) -> list[dict]:
    """Per school, per board and for the SWV(s): requests, decisions, within the term, mean
    working days from confirmed advice to decision, and arrangements; small counts hidden."""
    schools = findings_scope(fetched_by)
    dossiers = (
        Dossier.objects.filter(case__school__in=schools)
        .exclude(state=State.CONCEPT)
        .select_related("case__school__bestuur", "samenwerkingsverband", "decision")
    )
    groups: dict[tuple[str, str], Counter] = defaultdict(Counter)
    days: dict[tuple[str, str], list[int]] = defaultdict(list)
    for dossier in dossiers:
        school = dossier.case.school
        keys = [
            ("school", school.name),
            ("bestuur", school.bestuur.name),
            ("samenwerkingsverband", str(dossier.samenwerkingsverband)),
        ]
        decision = getattr(dossier, "decision", None)
        for key in keys:
            c = groups[key]
            c["requests"] += 1
            if decision is not None:
                c["granted" if decision.granted else "refused"] += 1
                if decision.granted and decision.kind:
                    c[f"kind_{decision.kind}"] += 1
                if dossier.deadline and decision.decided_on <= dossier.deadline:
                    c["in_time"] += 1
                if dossier.advice_confirmed_on:
                    days[key].append(
                        working_days_between(dossier.advice_confirmed_on, decision.decided_on)
                    )
    rows = []
    for (level, name), c in sorted(groups.items()):
        lead = days[(level, name)]
        rows.append(
            {
                "level": level,
                "name": name,
                "requests": shown(c["requests"]),
                "granted": shown(c["granted"]),
                "refused": shown(c["refused"]),
                "in_time": shown(c["in_time"]),
                # A mean over fewer than five decisions would point at a child.
                "lead_time": f"{sum(lead) / len(lead):.1f}" if len(lead) >= SMALL else "–",
                "arrangements": ", ".join(
                    f"{k.removeprefix('kind_').upper()}: {shown(v)}"
                    for k, v in sorted(c.items())
                    if k.startswith("kind_")
                ),
            }
        )
    return rows


FINDINGS_HEADER = [
    "niveau",
    "naam",
    "aanvragen",
    "toegekend",
    "afgewezen",
    "binnen termijn",
    "gemiddelde doorlooptijd (werkdagen)",
    "arrangementen",
]


def findings_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(FINDINGS_HEADER)
    for row in rows:
        writer.writerow(
            [
                row["level"],
                row["name"],
                row["requests"],
                row["granted"],
                row["refused"],
                row["in_time"],
                row["lead_time"],
                row["arrangements"],
            ]
        )
    return out.getvalue()


def days_left(dossier: Dossier) -> int | None:
    """Working days left until the decision deadline (negative when passed)."""
    if not dossier.deadline:
        return None
    today = timezone.localdate()
    if dossier.deadline >= today:
        return working_days_between(today, dossier.deadline)
    return -working_days_between(dossier.deadline, today)


@dataclass(frozen=True)
class FamilyStatus:
    """What the parents (and the pupil) may know of the newest TLV request on their case
    (docs/domain.md, "The parents' portal"): where it is and, once decided, the decision's
    facts -- never the dossier's content, the experts' advice or the motivation."""

    state: str
    deadline: datetime.date | None
    decided: bool
    granted: bool | None = None
    kind: str = ""
    category: str = ""
    cto_weeks: int | None = None
    receiving_school: str = ""
    placement_date: datetime.date | None = None
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    decided_on: datetime.date | None = None


def status_for_family(*, case: Case) -> FamilyStatus | None:
    """The status of the case's newest request, for the portal; whoever asks has passed the
    portal's gate (portal/access.py)."""
    dossier = (
        Dossier.objects.filter(case=case)
        .select_related("decision__receiving_school")
        .order_by("-started_at", "-pk")
        .first()
    )
    if dossier is None:
        return None
    decision = getattr(dossier, "decision", None) if dossier.state == State.DECIDED else None
    if decision is None:
        return FamilyStatus(state=dossier.state, deadline=dossier.deadline, decided=False)
    school = decision.receiving_school
    return FamilyStatus(
        state=dossier.state,
        deadline=dossier.deadline,
        decided=True,
        granted=decision.granted,
        kind=decision.get_kind_display() if decision.kind else "",
        category=decision.get_category_display() if decision.category else "",
        cto_weeks=decision.cto_weeks,
        receiving_school=school.name if school else "",
        placement_date=decision.placement_date,
        valid_from=decision.valid_from,
        valid_until=decision.valid_until,
        decided_on=decision.decided_on,
    )

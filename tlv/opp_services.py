"""Keeping the OPP after a granted decision (docs/domain.md, "The OPP after the decision"): the
school (and, where agreed, the care regisseur) edits the plan and evaluates it twice a year;
each evaluation sets the next one, six months on unless they choose a date."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import audit
from knooppunt.concurrency import save_changes
from knooppunt.history import save_with_user
from tlv.access import OppAccess
from tlv.models import Decision, Opp, OppEvaluation

# Twice a year.
EVALUATION_INTERVAL_MONTHS = 6

OPP_FIELDS = ("exit_perspective", "goals", "handelingsdeel")


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day where it is shorter (31 August ->
    28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def first_evaluation(decision: Decision) -> datetime.date:
    """Six months after the placement (or the start of the validity, or the decision)."""
    start = decision.placement_date or decision.valid_from or decision.decided_on
    return months_after(start, EVALUATION_INTERVAL_MONTHS)


def opp_create(*, decision: Decision, by) -> Opp:
    """The empty OPP a granted decision leaves on the case, with its first evaluation due."""
    opp = Opp(dossier=decision.dossier, next_evaluation=first_evaluation(decision))
    save_with_user(opp, by=by)
    return opp


@transaction.atomic
def opp_update(*, access: OppAccess, version: int | None = None, **fields) -> Opp:
    """Edit the uitstroomperspectief, the goals and the handelingsdeel."""
    unknown = set(fields) - set(OPP_FIELDS)
    if unknown:
        raise TypeError(f"Not OPP fields: {sorted(unknown)}")
    opp = save_changes(access.opp, by=access.actor.user, fields=fields, expected_version=version)
    audit.tlv_dossier_changed(
        access.actor, case=access.case, what="OPP gewijzigd", ground=access.ground
    )
    access.opp = opp
    return opp


@transaction.atomic
def opp_evaluate(
    *,
    access: OppAccess,
    held_on: datetime.date,
    achieved: str,
    next_step: str,
    next_evaluation: datetime.date | None = None,
) -> OppEvaluation:
    """Record an evaluation; the next is due six months later unless a date is chosen."""
    opp = Opp.objects.select_for_update().get(pk=access.opp.pk)
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Een evaluatie leg je vast als die is gehouden.")})
    next_evaluation = next_evaluation or months_after(held_on, EVALUATION_INTERVAL_MONTHS)
    if next_evaluation <= held_on:
        raise ValidationError(
            {"next_evaluation": _("De volgende evaluatie ligt na deze evaluatie.")}
        )
    evaluation = OppEvaluation(
        opp=opp,
        held_on=held_on,
        achieved=achieved,
        next_step=next_step,
        recorded_by=access.actor.user,
    )
    save_with_user(evaluation, by=access.actor.user)
    opp.next_evaluation = next_evaluation
    opp.version += 1
    save_with_user(opp, by=access.actor.user, update_fields=["next_evaluation", "version"])
    audit.tlv_dossier_changed(
        access.actor, case=access.case, what="OPP geëvalueerd", ground=access.ground
    )
    access.opp = opp
    return evaluation

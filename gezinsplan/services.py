"""The verbs of the gezinsplan: drafting (by the regisseur), editing, signing, archiving.

Every edit raises the plan's version, so a signature on an earlier version no longer counts and
everyone signs again (docs/security.md target 20). A form opened on an older version is refused
(StaleEdit): the plan's version covers its members and goals too. Signing locks the plan (or the
evaluation); a database constraint turns two simultaneous signatures of one signer into one."""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gezinsplan.constants import SignMethod
from gezinsplan.models import (
    ArchivedPlan,
    Gezinsplan,
    PlanEvaluation,
    PlanGoal,
    PlanMember,
    Signature,
    SignedRendering,
)
from gezinsplan.rendering import fresh_rendering, kept_rendering, render_plan_pdf, sha256_of
from gezinsplan.rules import required_signers
from gezinsplan.seal import seal_pdf
from knooppunt.concurrency import lock_current, save_changes
from knooppunt.history import author, save_with_user

logger = logging.getLogger("knooppunt.gezinsplan")


class PlanChanged(ValidationError):
    """The plan changed after the signer opened it: they sign what they saw, or nothing."""


def _bump(plan: Gezinsplan, *, by, expected_version: int | None = None) -> Gezinsplan:
    """Lock the plan, refuse a form opened on an older version (StaleEdit), and raise its
    version: an edit anywhere in it voids earlier signatures."""
    current = lock_current(plan, expected_version=expected_version)
    current.version += 1
    save_with_user(current, by=by, update_fields=["version"])
    return current


@transaction.atomic
def plan_draft(*, case, regisseur, drafted_by, start_date: datetime.date, **fields) -> Gezinsplan:
    """The regisseur starts the case's plan with the family (one plan per case)."""
    plan = Gezinsplan(case=case, regisseur=regisseur, start_date=start_date, **fields)
    save_with_user(plan, by=drafted_by)
    return plan


@transaction.atomic
def plan_update(*, plan: Gezinsplan, changed_by, fields: dict, expected_version: int | None = None):
    """Change the plan's own fields; a stale form is refused (StaleEdit)."""
    return save_changes(plan, by=changed_by, fields=fields, expected_version=expected_version)


@transaction.atomic
def member_add(
    *, plan: Gezinsplan, added_by, expected_version: int | None = None, **fields
) -> PlanMember:
    plan = _bump(plan, by=added_by, expected_version=expected_version)
    member = PlanMember(plan=plan, position=plan.members.count(), **fields)
    save_with_user(member, by=added_by)
    return member


@transaction.atomic
def member_update(
    *, member: PlanMember, changed_by, fields: dict, expected_version: int | None = None
) -> PlanMember:
    _bump(member.plan, by=changed_by, expected_version=expected_version)
    member = PlanMember.objects.select_for_update().get(pk=member.pk)
    for name, value in fields.items():
        setattr(member, name, value)
    save_with_user(member, by=changed_by)
    return member


@transaction.atomic
def goal_add(
    *, plan: Gezinsplan, added_by, members, expected_version: int | None = None, **fields
) -> PlanGoal:
    plan = _bump(plan, by=added_by, expected_version=expected_version)
    goal = PlanGoal(plan=plan, **fields)
    save_with_user(goal, by=added_by)
    author(goal, by=added_by).members.set(members)
    return goal


@transaction.atomic
def goal_update(
    *,
    goal: PlanGoal,
    changed_by,
    fields: dict,
    members=None,
    expected_version: int | None = None,
) -> PlanGoal:
    """Change a sub-goal, its SMART goal, or (given `members`) for whom it is ticked."""
    _bump(goal.plan, by=changed_by, expected_version=expected_version)
    goal = PlanGoal.objects.select_for_update().get(pk=goal.pk)
    for name, value in fields.items():
        setattr(goal, name, value)
    save_with_user(goal, by=changed_by)
    if members is not None:
        author(goal, by=changed_by).members.set(members)
    return goal


def signatures_for(
    plan: Gezinsplan, version: int | None = None, *, evaluation: PlanEvaluation | None = None
) -> dict[str, Signature]:
    """Signer key -> signature, for the given (default: current) version of the plan, or of
    one of its evaluations."""
    document = evaluation or plan
    rows = Signature.objects.filter(
        plan=plan, evaluation=evaluation, version=version or document.version
    ).select_related("guardian")
    return {("leerling" if s.by_pupil else str(s.guardian.uuid)): s for s in rows}


def still_to_sign(
    plan: Gezinsplan,
    *,
    evaluation: PlanEvaluation | None = None,
    day: datetime.date | None = None,
) -> list:
    signed = signatures_for(plan, evaluation=evaluation)
    day = day or timezone.localdate()
    return [s for s in required_signers(plan.case.pupil, day) if s.key not in signed]


def _signed_rendering(
    plan: Gezinsplan, evaluation: PlanEvaluation | None, *, by
) -> SignedRendering:
    """The rendering every signature of the current version covers: kept at the version's
    first signature (under the signing lock), so a template changed since then does not
    change what the later signers sign."""
    kept = kept_rendering(plan, evaluation)
    if kept is None:
        content = fresh_rendering(plan, evaluation)
        kept = SignedRendering(
            plan=plan,
            evaluation=evaluation,
            version=(evaluation or plan).version,
            content=content,
            sha256=sha256_of(content),
        )
        save_with_user(kept, by=by)
    return kept


def _signature(*, plan, evaluation, version, sha256, user, ip, guardian, by_pupil):
    """The signer's signature on this version, made once: (signature, whether it is new)."""
    who = {"plan": plan, "evaluation": evaluation, "version": version}
    who |= {"guardian": guardian, "by_pupil": by_pupil}
    existing = Signature.objects.filter(**who).first()
    if existing is not None:
        return existing, False
    signature = Signature(
        **who,
        signer_name=guardian.name if guardian else str(plan.case.pupil),
        user=user,
        method=SignMethod.PORTAL_CODE,
        ip_address=ip,
        sha256=sha256,
    )
    try:
        with transaction.atomic():
            save_with_user(signature, by=user)
    except IntegrityError:
        # Another request of the same signer won the race (the lock makes this rare).
        return Signature.objects.get(**who), False
    return signature, True


@transaction.atomic
def plan_sign(
    *,
    plan: Gezinsplan,
    expected_version: int,
    user,
    ip: str | None,
    guardian=None,
    by_pupil: bool = False,
) -> Signature:
    """One signer signs the version they saw. Signing twice (or twice at once) gives one
    signature. The last required signature archives the sealed PDF and tells the regisseur
    and the partners involved under consent, without content."""
    plan = Gezinsplan.objects.select_for_update().select_related("case__pupil").get(pk=plan.pk)
    if plan.version != expected_version:
        raise PlanChanged(
            _(
                "Het plan is gewijzigd nadat u het opende. Lees de nieuwe versie en "
                "onderteken opnieuw."
            )
        )
    signature, new = _signature(
        plan=plan,
        evaluation=None,
        version=plan.version,
        sha256=_signed_rendering(plan, None, by=user).sha256,
        user=user,
        ip=ip,
        guardian=guardian,
        by_pupil=by_pupil,
    )
    if new and not still_to_sign(plan):
        signed_archive(plan=plan, by=user)
    return signature


@transaction.atomic
def evaluation_sign(
    *,
    evaluation: PlanEvaluation,
    expected_version: int,
    user,
    ip: str | None,
    guardian=None,
    by_pupil: bool = False,
) -> Signature:
    """One signer signs the version of an evaluation they saw, the same way as the plan; the
    last required signature archives its sealed PDF and tells the same people, without content
    (docs/domain.md, "Evaluating the gezinsplan")."""
    evaluation = (
        PlanEvaluation.objects.select_for_update()
        .select_related("plan__case__pupil")
        .get(pk=evaluation.pk)
    )
    if evaluation.version != expected_version:
        raise PlanChanged(
            _(
                "De evaluatie is gewijzigd nadat u haar opende. Lees de nieuwe versie en "
                "onderteken opnieuw."
            )
        )
    plan = evaluation.plan
    signature, new = _signature(
        plan=plan,
        evaluation=evaluation,
        version=evaluation.version,
        sha256=_signed_rendering(plan, evaluation, by=user).sha256,
        user=user,
        ip=ip,
        guardian=guardian,
        by_pupil=by_pupil,
    )
    if new and not still_to_sign(plan, evaluation=evaluation):
        signed_archive(plan=plan, evaluation=evaluation, by=user)
    return signature


def signed_archive(
    *, plan: Gezinsplan, evaluation: PlanEvaluation | None = None, by
) -> ArchivedPlan:
    """Seal and keep the PDF of the fully signed current version of the plan, or of one of its
    evaluations, made from the rendering its signatures cover (inside the signing
    transaction)."""
    rendering = kept_rendering(plan, evaluation)
    pdf = render_plan_pdf(
        plan,
        evaluation=evaluation,
        rendering=rendering,
        signatures=list(signatures_for(plan, evaluation=evaluation).values()),
    )
    archived = ArchivedPlan(
        plan=plan,
        evaluation=evaluation,
        version=rendering.version,
        sha256=rendering.sha256,
        pdf=seal_pdf(pdf),
    )
    save_with_user(archived, by=by)
    recipients = _told_of_signing(plan)
    if recipients:
        transaction.on_commit(lambda: _send_signed_notice(plan, evaluation, recipients))
    return archived


def _told_of_signing(plan: Gezinsplan) -> list[str]:
    """The regisseur, and the partners involved in the case while the consent to share the
    plan is in force (docs/domain.md, "Signing the gezinsplan")."""
    from cases.models import Involvement
    from cases.query import active_on
    from consent.constants import Purpose
    from consent.rules import consent_facts

    emails = {plan.regisseur.user.email}
    if consent_facts(pupil=plan.case.pupil).in_force(Purpose.GEZINSPLAN):
        emails |= set(
            Involvement.objects.filter(
                active_on(timezone.localdate()), case=plan.case, professional__isnull=False
            ).values_list("professional__user__email", flat=True)
        )
    return sorted(emails)


def _send_signed_notice(
    plan: Gezinsplan, evaluation: PlanEvaluation | None, recipients: list[str]
) -> None:
    link = settings.SITE_URL + reverse("gezinsplan:plan_detail", args=[plan.case.uuid])
    if evaluation is None:
        subject = _("Gezinsplan ondertekend")
        opening = _("Een gezinsplan waarbij u betrokken bent, is door iedereen ondertekend.")
    else:
        subject = _("Evaluatie gezinsplan ondertekend")
        opening = _(
            "Een evaluatie van een gezinsplan waarbij u betrokken bent, is door iedereen "
            "ondertekend."
        )
    body = opening + "\n\n" + _("Bekijk het in Knooppunt: %(link)s\n") % {"link": link}
    for address in recipients:
        try:
            EmailMessage(subject, body, to=[address]).send()
        except OSError:
            logger.exception("notice of a signed plan or evaluation not sent")

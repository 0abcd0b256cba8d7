"""The TLV flow as a state machine (docs/domain.md, "TLV and toeleiding"). Each verb checks the
actor's role and the dossier's state (tlv/access.py), locks the dossier, writes its history and
an access-log row, and recomputes the case's rights in the same transaction, so whoever the
new state lets in (or out) is in (or out) as it commits (docs/security.md, target 20)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import audit
from cases.access import CHANGE, Actor, case_permissions_for, case_permissions_recompute
from cases.constants import TRANSITIONS, Status
from cases.models import Case
from cases.services import case_transition
from knooppunt.concurrency import save_changes
from knooppunt.history import save_with_user
from partners.constants import Function
from partners.models import Professional
from tlv.access import DossierAccess
from tlv.completeness import missing
from tlv.constants import CORE_EXPERTISE, MIN_EXPERTS, State
from tlv.models import Attachment, Decision, Dossier, ExpertAdvice, TlvSetting
from tlv.opp_services import opp_create
from tlv.uploads import checked_type
from tlv.workdays import add_working_days

# What the IB'er may edit while preparing the dossier; everything else is the flow's.
DOSSIER_FIELDS = (
    "signals",
    "observations",
    "research",
    "analysis",
    "goals",
    "planned_action",
    "monitoring",
    "evaluations",
    "need_education",
    "need_municipal",
    "need_care",
    "level_1",
    "level_2",
    "level_3",
    "level_4",
    "gezinsplan_findings",
    "jgz_findings",
    "parents_agree",
)


def _refuse(message: str) -> None:
    raise ValidationError(message)


def _locked(access: DossierAccess) -> Dossier:
    """The dossier, locked for this transaction and re-read, so two steps at once meet each
    other's result."""
    dossier = Dossier.objects.select_for_update().get(pk=access.dossier.pk)
    access.dossier.state = dossier.state
    return dossier


def _move(access: DossierAccess, dossier: Dossier, to: State, what: str, **fields) -> Dossier:
    user = access.actor.user
    for name, value in {"state": to, **fields}.items():
        setattr(dossier, name, value)
    dossier.version += 1
    save_with_user(dossier, by=user)
    case_permissions_recompute(dossier.case)
    audit.tlv_dossier_changed(access.actor, case=dossier.case, what=what, ground=access.ground)
    access.dossier = dossier
    return dossier


def decision_days(dossier: Dossier) -> int:
    """The SWV's decision term in working days (10 unless the SWV agreed otherwise)."""
    setting = TlvSetting.objects.filter(samenwerkingsverband=dossier.samenwerkingsverband).first()
    return setting.decision_working_days if setting else 10


@transaction.atomic
def dossier_start(*, actor: Actor, case: Case) -> Dossier:
    """The IB'er starts a TLV request for a case at level 4 or higher."""
    user = actor.user
    is_ib = any(
        m.organisation_id == case.school.organisation_id and m.function == Function.IB
        for m in actor.memberships
    )
    if not is_ib or CHANGE not in case_permissions_for(user, case):
        raise ValidationError(_("Alleen de intern begeleider van de school vraagt een TLV aan."))
    if case.level < 4:
        _refuse(_("Een TLV vraag je aan vanaf ondersteuningsniveau 4."))
    if case.status == Status.AFGESLOTEN:
        _refuse(_("Deze casus is afgesloten."))
    if case.school.samenwerkingsverband_id is None:
        _refuse(_("Deze school hoort bij geen samenwerkingsverband."))
    Case.objects.select_for_update().filter(pk=case.pk).values("pk").first()
    dossier = Dossier(
        case=case, samenwerkingsverband=case.school.samenwerkingsverband, started_by=user
    )
    try:
        with transaction.atomic():
            save_with_user(dossier, by=user)
    except IntegrityError:
        _refuse(_("Voor deze casus loopt al een TLV-aanvraag."))
    audit.tlv_dossier_changed(
        actor, case=case, what="TLV-aanvraag gestart", ground="TLV: intern begeleider school"
    )
    return dossier


@transaction.atomic
def dossier_update(*, access: DossierAccess, version: int | None = None, **fields) -> Dossier:
    """The IB'er edits the dossier while it is being prepared (a signed one is no longer
    editable: it goes back first, which voids the signature)."""
    unknown = set(fields) - set(DOSSIER_FIELDS)
    if unknown:
        raise TypeError(f"Not dossier fields: {sorted(unknown)}")
    _locked(access)
    if not access.may_edit:
        _refuse(_("Het dossier kan alleen worden gewijzigd terwijl de school het voorbereidt."))
    dossier = save_changes(
        access.dossier, by=access.actor.user, fields=fields, expected_version=version
    )
    audit.tlv_dossier_changed(
        access.actor, case=dossier.case, what="TLV-dossier gewijzigd", ground=access.ground
    )
    access.dossier = dossier
    return dossier


@transaction.atomic
def attachment_add(*, access: DossierAccess, upload, kind: str, description: str) -> Attachment:
    """Add a report, OPP or test results; the type is judged from the content."""
    _locked(access)
    if not access.may_edit:
        _refuse(_("Bijlagen voeg je toe terwijl de school het dossier voorbereidt."))
    content_type = checked_type(upload)
    attachment = Attachment(
        dossier=access.dossier,
        kind=kind,
        description=description,
        content_type=content_type,
        size=upload.size,
        uploaded_by=access.actor.user,
    )
    attachment.file.save(str(attachment.uuid), upload, save=False)
    try:
        save_with_user(attachment, by=access.actor.user)
    except Exception:
        # No file without its row.
        attachment.file.delete(save=False)
        raise
    audit.tlv_dossier_changed(
        access.actor, case=access.case, what="TLV-bijlage toegevoegd", ground=access.ground
    )
    return attachment


@transaction.atomic
def dossier_offer(*, access: DossierAccess) -> Dossier:
    """The IB'er offers the complete dossier to the board's procesbegeleider."""
    dossier = _locked(access)
    if not access.may_edit:
        _refuse(_("Alleen een dossier in voorbereiding kan ter ondertekening worden aangeboden."))
    gaps = missing(dossier)
    if gaps:
        raise ValidationError(gaps)
    return _move(
        access,
        dossier,
        State.TO_SIGN,
        "TLV-aanvraag ter ondertekening aangeboden",
        returned_remarks="",
    )


@transaction.atomic
def dossier_sign(*, access: DossierAccess, levels_confirmed: bool) -> Dossier:
    """The procesbegeleider confirms levels 1-4 were used and the dossier is complete, signs for
    the board, and so submits the request to the SWV."""
    dossier = _locked(access)
    if not access.may_sign:
        _refuse(
            _(
                "Alleen de procesbegeleider van het bestuur ondertekent, en alleen een "
                "aanvraag die ter ondertekening ligt."
            )
        )
    if not levels_confirmed:
        _refuse(_("Bevestig dat de niveaus 1 tot en met 4 zijn benut."))
    gaps = missing(dossier)
    if gaps:
        raise ValidationError(gaps)
    now = timezone.now()
    dossier = _move(
        access,
        dossier,
        State.SUBMITTED,
        "TLV-aanvraag ondertekend en ingediend",
        levels_confirmed=True,
        signed_by=access.actor.user,
        signed_at=now,
        submitted_at=now,
    )
    case = Case.objects.select_for_update().get(pk=dossier.case_id)
    if Status.DOORGEZET_TLV in TRANSITIONS[case.status]:
        case_transition(case=case, to=Status.DOORGEZET_TLV, changed_by=access.actor.user)
    return dossier


@transaction.atomic
def dossier_return(*, access: DossierAccess, remarks: str) -> Dossier:
    """The procesbegeleider, or the trajectbegeleider before advice is asked, sends the request
    back to the school with remarks; the signature lapses."""
    dossier = _locked(access)
    if not access.may_return:
        _refuse(_("Deze aanvraag kan nu niet worden teruggestuurd."))
    if not remarks.strip():
        _refuse(_("Schrijf erbij wat er nog nodig is."))
    return _move(
        access,
        dossier,
        State.CONCEPT,
        "TLV-aanvraag teruggestuurd naar de school",
        returned_remarks=remarks,
        levels_confirmed=False,
        signed_by=None,
        signed_at=None,
        submitted_at=None,
        trajectbegeleider=None,
    )


@transaction.atomic
def dossier_take(*, access: DossierAccess) -> Dossier:
    """The trajectbegeleider takes the submitted request in review."""
    dossier = _locked(access)
    if not access.may_take:
        _refuse(_("Alleen een ingediende aanvraag kan in behandeling worden genomen."))
    return _move(
        access,
        dossier,
        State.IN_REVIEW,
        "TLV-aanvraag in behandeling genomen",
        trajectbegeleider=access.actor.user,
    )


@transaction.atomic
def expert_name(*, access: DossierAccess, expert: Professional, expertise: str) -> ExpertAdvice:
    """The trajectbegeleider asks a named expert for advice."""
    dossier = _locked(access)
    if not access.may_name_experts:
        _refuse(
            _(
                "Deskundigen vraag je nadat de aanvraag in behandeling is genomen en "
                "voordat het advies is bevestigd."
            )
        )
    if not expert.is_active or not expert.user.is_active:
        _refuse(_("Deze deskundige is niet actief."))
    if dossier.advices.filter(expert=expert.user).exists():
        _refuse(_("Deze deskundige is al gevraagd."))
    advice = ExpertAdvice(
        dossier=dossier, expert=expert.user, name=expert.user.get_full_name(), expertise=expertise
    )
    save_with_user(advice, by=access.actor.user)
    if dossier.state != State.ADVICE:
        _move(access, dossier, State.ADVICE, "Deskundigenadvies gevraagd")
    else:
        case_permissions_recompute(dossier.case)
        audit.tlv_dossier_changed(
            access.actor, case=dossier.case, what="Deskundige gevraagd", ground=access.ground
        )
    return advice


@transaction.atomic
def advice_give(
    *, access: DossierAccess, verdict: str, motivation: str, given_on: datetime.date | None = None
) -> ExpertAdvice:
    """A named expert gives their advice."""
    _locked(access)
    if not access.may_advise:
        _refuse(_("Je kunt nu geen advies geven op deze aanvraag."))
    advice = ExpertAdvice.objects.select_for_update().get(
        dossier=access.dossier, expert=access.actor.user
    )
    advice.verdict = verdict
    advice.motivation = motivation
    advice.given_on = given_on or timezone.localdate()
    save_with_user(advice, by=access.actor.user)
    audit.tlv_dossier_changed(
        access.actor, case=access.case, what="Deskundigenadvies gegeven", ground=access.ground
    )
    return advice


def advice_refusal(dossier: Dossier, *, director_verdict: str = "") -> str:
    """Why the advice cannot yet confirm the request; empty when it can."""
    given = [a for a in dossier.advices.all() if a.verdict]
    if len(given) < MIN_EXPERTS:
        return _("Er zijn ten minste twee adviezen van deskundigen nodig.")
    if not any(a.expertise in CORE_EXPERTISE for a in given):
        return _("Een van de deskundigen is orthopedagoog of psycholoog.")
    if len({a.verdict for a in given}) > 1 and not director_verdict:
        return _(
            "Het advies is niet eensgezind: de directeur van het samenwerkingsverband "
            "beslist. Leg zijn of haar besluit vast."
        )
    return ""


@transaction.atomic
def advice_confirm(
    *,
    access: DossierAccess,
    director_name: str = "",
    director_verdict: str = "",
    day: datetime.date | None = None,
) -> Dossier:
    """The trajectbegeleider confirms the advice; the decision term starts (10 working days,
    or the SWV's own agreement)."""
    dossier = _locked(access)
    if not access.may_confirm_advice:
        _refuse(_("Het advies kan nu niet worden bevestigd."))
    refusal = advice_refusal(dossier, director_verdict=director_verdict)
    if refusal:
        _refuse(refusal)
    if director_verdict and not director_name.strip():
        _refuse(_("Vul de naam van de directeur in."))
    unanimous = len({a.verdict for a in dossier.advices.all() if a.verdict}) == 1
    day = day or timezone.localdate()
    return _move(
        access,
        dossier,
        State.DECISION_DUE,
        "Deskundigenadvies bevestigd",
        advice_confirmed_on=day,
        deadline=add_working_days(day, decision_days(dossier)),
        director_name="" if unanimous else director_name,
        director_verdict="" if unanimous else director_verdict,
    )


@transaction.atomic
def decision_record(
    *, access: DossierAccess, day: datetime.date | None = None, **fields
) -> Decision:
    """The SWV decides; after a grant the case keeps an OPP."""
    dossier = _locked(access)
    if not access.may_decide:
        _refuse(_("Er kan pas worden besloten na een bevestigd deskundigenadvies."))
    decision = Decision(
        dossier=dossier,
        decided_by=access.actor.user,
        decided_on=day or timezone.localdate(),
        **fields,
    )
    save_with_user(decision, by=access.actor.user)
    _move(access, dossier, State.DECIDED, "TLV-besluit genomen")
    if decision.granted:
        opp_create(decision=decision, by=access.actor.user)
    return decision

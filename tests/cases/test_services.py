"""The verbs of the cases app, without HTTP: the rules they keep and the history they leave."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases import services
from cases.access import ALL_CODENAMES, DAT, LOG_PROGRESS, WAT, case_permissions_for
from cases.constants import RegieKind, Status, WerkafspraakStatus
from cases.models import Case, Regie
from consent.constants import Method, Purpose
from consent.models import ConsentDecision
from consent.rules import consent_state
from pupils.models import Guardian, Pupil

# Only the world is built once for the module (its intake tests expect no case yet); each test
# runs in its own savepoint; see tests/conftest.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_world")]

TODAY = timezone.localdate


def intake_kwargs(world, **overrides) -> dict:
    kwargs = {
        "school": world.school,
        "opened_by": world.ib,
        "pupil": {
            "first_name": "Noor",
            "last_name": "Bakker",
            "birth_date": datetime.date(2016, 9, 14),
            "bsn": "111222333",
        },
        "guardians": [
            {"name": "Fatima Bakker", "relation": "moeder", "has_gezag": True},
            {"name": "Jan Bakker", "relation": "vader", "has_gezag": False},
        ],
        "case": {
            "level": 3,
            "leervraag": True,
            "complexity": "enkelvoudig",
            "question": "Leest nog niet.",
            "parents_informed": True,
        },
        "discuss_consent_by": [0],
        "consent_method": Method.VERBAL,
    }
    return kwargs | overrides


def nothing_saved() -> bool:
    return not (
        Pupil.objects.filter(last_name="Bakker").exists()
        or Guardian.objects.filter(name__endswith="Bakker").exists()
        or ConsentDecision.objects.exists()
    )


# ----- Intake --------------------------------------------------------------------------------


def test_intake_registers_pupil_guardians_case_and_consent(world):
    case = services.case_intake(**intake_kwargs(world))

    pupil = case.pupil
    assert (pupil.school, case.school, case.status) == (
        world.school,
        world.school,
        Status.BESPROKEN,
    )
    assert pupil.guardians.count() == 2
    decision = ConsentDecision.objects.get(pupil=pupil)
    assert (decision.purpose, decision.guardian.name, decision.method) == (
        Purpose.DISCUSS,
        "Fatima Bakker",
        Method.VERBAL,
    )
    assert decision.recorded_by == world.ib
    assert consent_state(pupil=pupil, purpose=Purpose.DISCUSS).effective
    assert case_permissions_for(world.ib, case) == set(ALL_CODENAMES)
    assert case_permissions_for(world.directeur, case) == {DAT}
    assert case_permissions_for(world.partner, case) == set()


def test_intake_by_someone_not_ib_of_the_school_saves_nothing(world):
    for user in (world.directeur, world.ib_other_school):
        with pytest.raises(ValidationError, match="Alleen een intern begeleider"):
            services.case_intake(**intake_kwargs(world, opened_by=user))
    assert nothing_saved() and not Case.objects.exists()


def test_intake_is_all_or_nothing(world):
    # The second guardian has no gezag: the consent is refused after pupil, guardians and
    # case were written, and all of it is rolled back.
    with pytest.raises(ValidationError, match="heeft geen gezag"):
        services.case_intake(**intake_kwargs(world, discuss_consent_by=[0, 1]))
    assert nothing_saved() and not Case.objects.exists()


def test_intake_refuses_an_invalid_bsn(world):
    kwargs = intake_kwargs(world)
    kwargs["pupil"]["bsn"] = "123456789"
    with pytest.raises(ValidationError, match="elfproef"):
        services.case_intake(**kwargs)
    assert nothing_saved()


def test_intake_consent_needs_a_method(world):
    with pytest.raises(ValidationError, match="Kies hoe de toestemming is gegeven"):
        services.case_intake(**intake_kwargs(world, consent_method=""))
    assert nothing_saved()


def test_pupil_consents_only_from_twelve(world):
    with pytest.raises(ValidationError, match="vanaf 12 jaar"):
        services.case_intake(**intake_kwargs(world, pupil_consents_to_discuss=True))
    assert nothing_saved()

    kwargs = intake_kwargs(world, pupil_consents_to_discuss=True)
    kwargs["pupil"]["birth_date"] = TODAY().replace(year=TODAY().year - 13) - datetime.timedelta(
        days=1
    )
    case = services.case_intake(**kwargs)
    assert ConsentDecision.objects.filter(pupil=case.pupil, by_pupil=True).exists()
    assert consent_state(pupil=case.pupil, purpose=Purpose.DISCUSS).effective


def test_case_needs_a_question_kind(world):
    kwargs = intake_kwargs(world)
    kwargs["case"]["leervraag"] = False
    with pytest.raises(ValidationError):
        services.case_intake(**kwargs)
    assert nothing_saved()


# ----- Status --------------------------------------------------------------------------------


def test_illegal_transition_is_refused_with_a_dutch_message(world, case_world):
    with pytest.raises(ValidationError) as refused:
        services.case_transition(case=case_world.case, to=Status.EVALUATIE, changed_by=world.ib)
    assert refused.value.messages == [
        "Van “Besproken met ouders” kan een casus niet naar “Evaluatie”."
    ]
    case_world.case.refresh_from_db()
    assert case_world.case.status == Status.BESPROKEN


def test_closing_needs_a_reason_and_ends_the_work_process(world, case_world):
    case = case_world.case
    with pytest.raises(ValidationError, match="Geef een reden"):
        services.case_transition(case=case, to=Status.AFGESLOTEN, changed_by=world.ib, reason=" ")
    closed = services.case_transition(
        case=case, to=Status.AFGESLOTEN, changed_by=world.ib, reason=" Doel bereikt. "
    )
    assert (closed.status, closed.closing_reason) == (Status.AFGESLOTEN, "Doel bereikt.")
    assert closed.history.latest().history_user == world.ib
    with pytest.raises(ValidationError):
        services.case_transition(case=closed, to=Status.UITVOERING, changed_by=world.ib)


# ----- Involvement and regie -----------------------------------------------------------------


def test_involvement_must_match_the_professionals_organisation(world, case_world):
    with pytest.raises(ValidationError, match="werkt niet bij deze organisatie"):
        services.involvement_add(
            case=case_world.case,
            organisation=case_world.jgz,
            professional=world.partner.memberships.get(),
            added_by=world.ib,
        )


def test_ending_an_involvement_revokes_access_at_once(world, case_world):
    case = case_world.case
    involvement = case.involvements.get(organisation=world.smw)
    assert {DAT, WAT, LOG_PROGRESS} <= case_permissions_for(world.partner, case)

    services.involvement_end(involvement=involvement, ended_by=world.ib)

    assert case_permissions_for(world.partner, case) == set()
    assert involvement.history.latest().history_user == world.ib


def test_a_new_regisseur_ends_the_previous_one_and_both_stay_on_record(world, case_world):
    case = case_world.case
    first = services.regie_assign(
        case=case,
        kind=RegieKind.CASUS,
        professional=world.partner.memberships.get(),
        assigned_by=world.ib,
    )
    second = services.regie_assign(
        case=case, kind=RegieKind.CASUS, guardian=case_world.mother, assigned_by=world.ib
    )
    # Another kind of regie is untouched.
    proces = services.regie_assign(
        case=case, kind=RegieKind.PROCES, guardian=case_world.father, assigned_by=world.ib
    )

    first.refresh_from_db()
    assert first.end == TODAY() and second.end is None and proces.end is None
    assert Regie.objects.filter(case=case, kind=RegieKind.CASUS).count() == 2
    assert first.history.count() == 2  # created, then ended
    assert first.history.latest().history_user == world.ib


# ----- Werkafspraken, progress, feedback -----------------------------------------------------


def test_author_organisation_is_derived_and_outsiders_cannot_write(world, case_world):
    case = case_world.case
    by_school = services.progress_note_add(case=case, author=world.ib, text="Gesprek gehad.")
    by_partner = services.werkafspraak_add(
        case=case,
        author=world.partner,
        assignee_organisation=world.smw,
        what="Huisbezoek",
        due_date=TODAY(),
    )
    assert by_school.author_organisation == world.school.organisation
    assert by_partner.author_organisation == world.smw
    with pytest.raises(ValidationError, match="niet bij deze casus betrokken"):
        services.progress_note_add(case=case, author=world.outsider, text="Mag niet")


def test_werkafspraak_update_records_the_user(world, case_world):
    werkafspraak = services.werkafspraak_add(
        case=case_world.case,
        author=world.ib,
        assignee_organisation=world.school.organisation,
        what="Observeren",
        due_date=TODAY(),
    )
    services.werkafspraak_update(
        werkafspraak=werkafspraak,
        changed_by=world.partner,
        status=WerkafspraakStatus.DONE,
        outcome="Gedaan.",
    )
    assert werkafspraak.history.latest().history_user == world.partner
    assert werkafspraak.history.latest().status == WerkafspraakStatus.DONE


def test_feedback_request_and_receipt_record_the_user(world, case_world):
    feedback = services.feedback_request_add(
        case=case_world.case,
        organisation=case_world.jgz,
        due_date=TODAY(),
        requested_by=world.ib,
    )
    services.feedback_received(feedback=feedback, recorded_by=world.directeur)
    assert feedback.received_at == TODAY()
    assert feedback.history.latest().history_user == world.directeur
    assert feedback.history.earliest().history_user == world.ib


def test_case_update_records_the_user(world, case_world):
    case = services.case_update(case=case_world.case, changed_by=world.ib, foto="Nieuw beeld")
    assert case.history.latest().history_user == world.ib
    assert case.history.latest().foto == "Nieuw beeld"

"""Changing a case through its screens: who may, what is saved, what is refused and how."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.access import CHANGE, DAT, WAT, case_permissions_for
from cases.constants import AccessEvent, RegieKind, Status, WerkafspraakStatus
from cases.models import (
    AccessLogEntry,
    Case,
    FeedbackRequest,
    Involvement,
    ProgressNote,
    Regie,
    Werkafspraak,
)
from consent.constants import Decision, Purpose
from consent.models import ConsentDecision
from partners.constants import Function
from pupils.models import Guardian, Pupil
from tests import factories
from tests.conftest import CANARY, signed_in_client

# Only the world is built once for the module (its intake tests expect no case yet); each test
# runs in its own savepoint; see tests/conftest.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_world")]

TODAY = timezone.localdate


def url(name: str, case=None, *extra) -> str:
    args = [case.uuid, *extra] if case is not None else []
    return reverse(f"cases:{name}", args=args)


def intake(**overrides) -> dict:
    """A complete new-case form as the browser posts it."""
    data = {
        "leerling-first_name": "Noor",
        "leerling-last_name": "Bakker",
        "leerling-birth_date": "2016-09-14",
        "leerling-bsn": "1112 22 333",
        "leerling-group": "4",
        "ouder1-name": "Fatima Bakker",
        "ouder1-relation": "moeder",
        "ouder1-has_gezag": "on",
        "ouder1-email": "fatima@example.org",
        "ouder1-phone": "06-12345678",
        "ouder2-name": "Jan Bakker",
        "ouder2-relation": "vader",
        "ouder2-has_gezag": "on",
        "ouder2-email": "",
        "ouder2-phone": "",
        "casus-question": "Noor slaapt slecht en is vaak boos in de klas.",
        "casus-leefvraag": "on",
        "casus-complexity": "meervoudig",
        "casus-level": "3",
        "casus-parents_informed": "on",
        "toestemming-guardian_1": "on",
        "toestemming-guardian_2": "on",
        "toestemming-method": "papier",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def nothing_saved() -> bool:
    return not (
        Pupil.objects.filter(last_name="Bakker").exists()
        or Guardian.objects.filter(name__endswith="Bakker").exists()
        or Case.objects.filter(question__startswith="Noor").exists()
    )


# ----- A new case ----------------------------------------------------------------------------


def test_ib_opens_a_case_with_pupil_guardians_and_first_consent(world):
    client = signed_in_client(world.ib)
    assert client.get(url("case_new")).status_code == 200

    response = client.post(url("case_new"), intake())

    case = Case.objects.get(pupil__last_name="Bakker")
    assert response.status_code == 302
    assert response["Location"] == url("case_detail", case)
    pupil = case.pupil
    assert (pupil.school, pupil.bsn, pupil.group) == (world.school, "111222333", "4")
    assert pupil.birth_date == datetime.date(2016, 9, 14)
    assert sorted(pupil.guardians.values_list("name", "has_gezag")) == [
        ("Fatima Bakker", True),
        ("Jan Bakker", True),
    ]
    assert (case.school, case.opened_by, case.level) == (world.school, world.ib, 3)
    assert case.leefvraag and not case.leervraag and case.parents_informed
    assert case.status == Status.BESPROKEN
    consents = ConsentDecision.objects.filter(pupil=pupil)
    assert consents.count() == 2
    assert {c.purpose for c in consents} == {Purpose.DISCUSS}
    assert {c.decision for c in consents} == {Decision.GIVEN}
    assert {c.guardian.name for c in consents} == {"Fatima Bakker", "Jan Bakker"}
    # Permissions are derived at once: the IB'er sees the content, the directeur only "dat".
    assert WAT in case_permissions_for(world.ib, case)
    assert case_permissions_for(world.directeur, case) == {DAT}
    # History records who did it; the access log has the change.
    assert case.history.latest().history_user == world.ib
    assert pupil.history.latest().history_user == world.ib
    assert AccessLogEntry.objects.filter(case_uuid=case.uuid, event=AccessEvent.CHANGE).exists()
    # The case page follows.
    assert client.get(response["Location"]).status_code == 200


def test_one_guardian_without_consent_is_enough(world):
    data = intake(
        **{
            "ouder2-name": "",
            "ouder2-relation": "",
            "ouder2-has_gezag": "on",  # the box is ticked by default; alone it is "empty"
            "toestemming-guardian_1": None,
            "toestemming-guardian_2": None,
            "toestemming-method": "",
        }
    )
    response = signed_in_client(world.ib).post(url("case_new"), data)

    assert response.status_code == 302
    pupil = Pupil.objects.get(last_name="Bakker")
    assert pupil.guardians.count() == 1
    assert not ConsentDecision.objects.filter(pupil=pupil).exists()


def test_invalid_bsn_is_refused_with_the_elfproef_message_and_nothing_is_saved(world):
    response = signed_in_client(world.ib).post(
        url("case_new"), intake(**{"leerling-bsn": "123456789"})
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Dit is geen geldig BSN (de elfproef klopt niet)." in html
    assert "Er is nog niets opgeslagen." in html
    # The input is kept.
    assert 'value="Noor"' in html and "Noor slaapt slecht" in html and 'value="123456789"' in html
    assert nothing_saved()
    assert not ConsentDecision.objects.exists()


def test_a_case_needs_a_leervraag_or_a_leefvraag(world):
    response = signed_in_client(world.ib).post(url("case_new"), intake(**{"casus-leefvraag": None}))

    assert response.status_code == 200
    assert "Kies leervraag, leefvraag of allebei." in response.content.decode()
    assert nothing_saved()


def test_consent_needs_a_method_and_a_guardian_with_gezag(world):
    data = intake(**{"ouder2-has_gezag": None, "toestemming-method": ""})
    response = signed_in_client(world.ib).post(url("case_new"), data)

    html = response.content.decode()
    assert "Kies hoe de toestemming is gegeven." in html
    assert "Deze ouder heeft geen gezag en geeft dus geen toestemming." in html
    assert nothing_saved()


def test_half_filled_second_guardian_is_refused(world):
    data = intake(**{"ouder2-name": "", "toestemming-guardian_2": None})
    response = signed_in_client(world.ib).post(url("case_new"), data)

    assert "Vul dit in, of laat alle velden van de tweede ouder leeg." in response.content.decode()
    assert nothing_saved()


def test_an_empty_post_shows_the_form_again_not_a_500(world):
    # A POST without a body (e.g. the CSRF token sent as a header) leaves every section unbound.
    response = signed_in_client(world.ib).post(url("case_new"), {})

    assert response.status_code == 200
    assert nothing_saved()


def test_ib_of_two_schools_chooses_one_of_their_own(world):
    second = factories.SchoolFactory(name="IKC Tweede")
    factories.ProfessionalFactory(
        user=world.ib, organisation=second.organisation, function=Function.IB
    )
    client = signed_in_client(world.ib)
    html = client.get(url("case_new")).content.decode()
    assert "IKC Tweede" in html and "IKC Testvogel" in html
    assert world.other_school.name not in html

    refused = client.post(
        url("case_new"), intake(**{"school-school": str(world.other_school.uuid)})
    )
    assert "Selecteer een geldige keuze" in refused.content.decode()
    assert nothing_saved()

    client.post(url("case_new"), intake(**{"school-school": str(second.uuid)}))
    assert Case.objects.get(pupil__last_name="Bakker").school == second


@pytest.mark.parametrize("who", ["directeur", "partner", "outsider"])
def test_only_an_ib_opens_cases(who, world):
    client = signed_in_client(getattr(world, who))
    assert client.get(url("case_new")).status_code == 403
    assert client.post(url("case_new"), intake()).status_code == 403
    assert nothing_saved()


# ----- The question and the status -----------------------------------------------------------


def test_ib_changes_the_question_and_foto(world, case_world):
    case = case_world.case
    client = signed_in_client(world.ib)
    form = client.get(url("case_edit", case))
    assert CANARY in form.content.decode()  # the form shows the current question
    # Showing the question is a read of content, and it is logged.
    assert AccessLogEntry.objects.filter(
        case_uuid=case.uuid, event=AccessEvent.VIEW, what="hulpvraag wijzigen"
    ).exists()

    response = client.post(
        url("case_edit", case),
        {
            "question": "Nieuwe vraag",
            "foto": "Thuis: druk. School: rustig.",
            "leervraag": "on",
            "complexity": "enkelvoudig",
            "level": "2",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == url("case_detail", case)
    case.refresh_from_db()
    assert (case.question, case.foto, case.level) == (
        "Nieuwe vraag",
        "Thuis: druk. School: rustig.",
        2,
    )
    assert case.leervraag and not case.leefvraag
    assert case.history.latest().history_user == world.ib


def test_case_edit_refuses_an_empty_question_kind_and_keeps_the_input(world, case_world):
    case = case_world.case
    response = signed_in_client(world.ib).post(
        url("case_edit", case),
        {"question": "Mijn nieuwe tekst", "complexity": "enkelvoudig", "level": "2"},
    )
    html = response.content.decode()
    assert "Kies leervraag, leefvraag of allebei." in html
    assert "Mijn nieuwe tekst" in html
    case.refresh_from_db()
    assert case.question.startswith("Vraag van het gezin")


def test_status_page_offers_only_the_next_steps(world, case_world):
    html = signed_in_client(world.ib).get(url("case_status", case_world.case)).content.decode()
    assert case_world.case.status == Status.BESPROKEN
    assert 'value="aangemeld"' in html and 'value="afgesloten"' in html
    assert 'value="evaluatie"' not in html and 'value="signaal"' not in html


def test_illegal_status_transition_shows_the_services_message(world, case_world):
    case = case_world.case
    response = signed_in_client(world.ib).post(url("case_status", case), {"to": "evaluatie"})

    assert response.status_code == 200
    assert "Van “Besproken met ouders” kan een casus niet naar “Evaluatie”." in (
        response.content.decode()
    )
    case.refresh_from_db()
    assert case.status == Status.BESPROKEN


def test_closing_needs_a_reason(world, case_world):
    case = case_world.case
    client = signed_in_client(world.ib)

    refused = client.post(url("case_status", case), {"to": "afgesloten", "reason": "  "})
    assert "Geef een reden om de casus af te sluiten." in refused.content.decode()
    case.refresh_from_db()
    assert case.status == Status.BESPROKEN

    closed = client.post(url("case_status", case), {"to": "afgesloten", "reason": "Verhuisd."})
    assert closed["Location"] == url("case_detail", case)
    case.refresh_from_db()
    assert (case.status, case.closing_reason) == (Status.AFGESLOTEN, "Verhuisd.")
    assert case.closed_at is not None
    assert case.history.latest().history_user == world.ib
    # A closed case has no next step: no form.
    html = client.get(url("case_status", case)).content.decode()
    assert "Deze casus is afgesloten" in html and "<select" not in html


# ----- Involvement and regie -----------------------------------------------------------------


def test_ib_adds_and_ends_an_involvement(world, case_world):
    case = case_world.case
    leerplicht = factories.OrganisationFactory(name="Leerplicht Test")
    officer = factories.ProfessionalFactory(organisation=leerplicht, function="leerplichtambtenaar")
    client = signed_in_client(world.ib)
    assert client.get(url("involvement_add", case)).status_code == 200

    response = client.post(
        url("involvement_add", case),
        {
            "organisation": str(leerplicht.uuid),
            "professional": str(officer.uuid),
            "role": "leerplicht",
            "start": TODAY().isoformat(),
        },
    )

    assert response["Location"] == url("case_involved", case)
    involvement = Involvement.objects.get(case=case, organisation=leerplicht)
    assert involvement.history.latest().history_user == world.ib
    assert DAT in case_permissions_for(officer.user, case)

    confirm = client.get(url("involvement_end", case, involvement.uuid))
    assert "Betrokkenheid beëindigen?" in confirm.content.decode()
    involvement.refresh_from_db()
    assert involvement.end is None  # a GET changes nothing

    ended = client.post(url("involvement_end", case, involvement.uuid))
    assert ended["Location"] == url("case_involved", case)
    involvement.refresh_from_db()
    assert involvement.end == TODAY()
    assert involvement.history.latest().history_user == world.ib


def test_involvement_of_someone_from_another_organisation_is_refused(world, case_world):
    case = case_world.case
    response = signed_in_client(world.ib).post(
        url("involvement_add", case),
        {
            "organisation": str(case_world.jgz.uuid),
            "professional": str(world.partner.memberships.get().uuid),
            "start": TODAY().isoformat(),
        },
    )
    assert "Deze professional werkt niet bij deze organisatie." in response.content.decode()
    assert not case.involvements.filter(
        organisation=case_world.jgz, professional__user=world.partner
    ).exists()


def test_involvement_cannot_start_in_the_future(world, case_world):
    tomorrow = TODAY() + datetime.timedelta(days=1)
    response = signed_in_client(world.ib).post(
        url("involvement_add", case_world.case),
        {"organisation": str(case_world.jgz.uuid), "start": tomorrow.isoformat()},
    )
    assert "Een betrokkenheid kan niet in de toekomst beginnen." in response.content.decode()


def test_involvement_of_another_case_is_not_found(world, case_world):
    other = services.case_open(
        pupil=case_world.pupil,
        opened_by=world.ib,
        level=1,
        leervraag=True,
        complexity="enkelvoudig",
        question="Andere vraag",
    )
    involvement = case_world.case.involvements.first()
    client = signed_in_client(world.ib)
    assert client.get(url("involvement_end", other, involvement.uuid)).status_code == 404
    assert client.post(url("involvement_end", other, involvement.uuid)).status_code == 404


def test_changing_the_regisseur_keeps_the_history(world, case_world):
    case = case_world.case
    smw = world.partner.memberships.get()
    client = signed_in_client(world.ib)
    html = client.get(url("regie_assign", case)).content.decode()
    assert str(smw.uuid) in html and str(case_world.mother.uuid) in html

    first = client.post(
        url("regie_assign", case),
        {"kind": RegieKind.PROCES, "professional": str(smw.uuid), "agreed_with_parents": "on"},
    )
    second = client.post(
        url("regie_assign", case),
        {"kind": RegieKind.PROCES, "guardian": str(case_world.mother.uuid)},
    )

    assert first["Location"] == second["Location"] == url("case_involved", case)
    rows = list(Regie.objects.filter(case=case, kind=RegieKind.PROCES).order_by("pk"))
    assert len(rows) == 2
    assert (rows[0].professional, rows[0].end, rows[0].agreed_with_parents) == (smw, TODAY(), True)
    assert (rows[1].guardian, rows[1].end) == (case_world.mother, None)
    assert rows[0].history.latest().history_user == world.ib
    assert rows[1].history.latest().history_user == world.ib


def test_regie_is_not_offered_to_someone_whose_involvement_ended(world, case_world):
    case = case_world.case
    smw = world.partner.memberships.get()
    services.involvement_end(involvement=case.involvements.get(professional=smw), ended_by=world.ib)
    html = signed_in_client(world.ib).get(url("regie_assign", case)).content.decode()
    assert str(smw.uuid) not in html
    assert str(case_world.jeugdarts.memberships.get().uuid) in html


def test_regie_has_exactly_one_holder(world, case_world):
    case = case_world.case
    client = signed_in_client(world.ib)
    both = client.post(
        url("regie_assign", case),
        {
            "kind": RegieKind.CASUS,
            "professional": str(world.partner.memberships.get().uuid),
            "guardian": str(case_world.mother.uuid),
        },
    )
    neither = client.post(url("regie_assign", case), {"kind": RegieKind.CASUS})
    assert "Kies óf een professional óf een ouder, niet allebei." in both.content.decode()
    assert "Kies wie de regie krijgt" in neither.content.decode()
    assert not Regie.objects.filter(case=case).exists()


def test_regie_only_for_someone_involved_in_this_case(world, case_world):
    stranger = world.outsider.memberships.get()
    response = signed_in_client(world.ib).post(
        url("regie_assign", case_world.case),
        {"kind": RegieKind.CASUS, "professional": str(stranger.uuid)},
    )
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Regie.objects.exists()


# ----- Werkafspraken and progress ------------------------------------------------------------


def test_partner_with_consent_adds_progress_and_a_werkafspraak(world, case_world):
    case = case_world.case
    client = signed_in_client(world.partner)
    assert client.get(url("progress_add", case)).status_code == 200

    note = client.post(url("progress_add", case), {"text": "Gesprek met moeder gehad."})
    due = TODAY() + datetime.timedelta(days=30)
    werkafspraak = client.post(
        url("werkafspraak_add", case),
        {
            "assignee": f"p:{world.partner.memberships.get().uuid}",
            "what": "Opvoedondersteuning aanbieden",
            "why": "Moeder vraagt erom",
            "due_date": due.isoformat(),
            "evaluation_date": (due + datetime.timedelta(days=7)).isoformat(),
        },
    )

    assert note["Location"] == url("case_progress", case)
    assert werkafspraak["Location"] == url("case_werkafspraken", case)
    saved_note = ProgressNote.objects.get(case=case, text="Gesprek met moeder gehad.")
    assert (saved_note.author, saved_note.author_organisation) == (world.partner, world.smw)
    assert saved_note.history.latest().history_user == world.partner
    saved = Werkafspraak.objects.get(case=case)
    assert (saved.assignee_professional.user, saved.assignee_organisation) == (
        world.partner,
        world.smw,
    )
    assert (saved.due_date, saved.author_organisation) == (due, world.smw)
    assert saved.history.latest().history_user == world.partner
    # And they see it on the tabs.
    assert "Gesprek met moeder gehad." in client.get(note["Location"]).content.decode()
    assert "Opvoedondersteuning aanbieden" in client.get(werkafspraak["Location"]).content.decode()


def test_youth_doctor_without_consent_may_not_write_progress(world, case_world):
    case = case_world.case
    client = signed_in_client(case_world.jeugdarts)
    assert client.get(url("progress_add", case)).status_code == 403
    assert client.post(url("progress_add", case), {"text": "Mag niet"}).status_code == 403
    assert client.post(url("werkafspraak_add", case), {"what": "x"}).status_code == 403
    assert not ProgressNote.objects.filter(text="Mag niet").exists()
    assert AccessLogEntry.objects.filter(
        case_uuid=case.uuid, event=AccessEvent.DENIED, user_uuid=case_world.jeugdarts.uuid
    ).exists()


def test_empty_progress_note_is_refused(world, case_world):
    response = signed_in_client(world.partner).post(
        url("progress_add", case_world.case), {"text": "  "}
    )
    assert "Schrijf op wat er is gebeurd." in response.content.decode()


def test_werkafspraak_evaluation_not_before_its_due_date(world, case_world):
    response = signed_in_client(world.ib).post(
        url("werkafspraak_add", case_world.case),
        {
            "assignee": f"o:{world.school.organisation.uuid}",
            "what": "Observeren",
            "due_date": "2030-05-01",
            "evaluation_date": "2030-04-01",
        },
    )
    assert "Evalueer niet vóór de datum waarop het klaar moet zijn." in response.content.decode()
    assert not Werkafspraak.objects.exists()


def test_werkafspraak_edit_records_status_outcome_and_user(world, case_world):
    case = case_world.case
    werkafspraak = services.werkafspraak_add(
        case=case,
        author=world.ib,
        assignee_organisation=world.school.organisation,
        what=f"Observeren {CANARY}",
        due_date=TODAY(),
    )
    client = signed_in_client(world.partner)
    assert CANARY in client.get(url("werkafspraak_edit", case, werkafspraak.uuid)).content.decode()

    response = client.post(
        url("werkafspraak_edit", case, werkafspraak.uuid),
        {
            "assignee": f"o:{world.school.organisation.uuid}",
            "what": "Observeren in de klas",
            "due_date": TODAY().isoformat(),
            "status": WerkafspraakStatus.EVALUATED,
            "outcome": "Rustiger in de klas.",
        },
    )

    assert response["Location"] == url("case_werkafspraken", case)
    werkafspraak.refresh_from_db()
    assert (werkafspraak.status, werkafspraak.outcome) == (
        WerkafspraakStatus.EVALUATED,
        "Rustiger in de klas.",
    )
    assert werkafspraak.history.latest().history_user == world.partner


def test_school_without_share_consent_cannot_open_a_partners_werkafspraak(world, case_world):
    """The werkafspraken tab withholds partner content from the school without consent; the
    edit form must not show it either."""
    case = case_world.case
    werkafspraak = services.werkafspraak_add(
        case=case,
        author=world.partner,
        assignee_organisation=world.smw,
        what=f"Geheim {CANARY}",
        due_date=TODAY(),
    )
    client = signed_in_client(world.ib)
    assert client.get(url("werkafspraak_edit", case, werkafspraak.uuid)).status_code == 404
    assert (
        client.post(url("werkafspraak_edit", case, werkafspraak.uuid), {"what": "IB"}).status_code
        == 404
    )
    werkafspraak.refresh_from_db()
    assert werkafspraak.assignee_organisation == world.smw


# ----- Requested feedback --------------------------------------------------------------------


def test_feedback_is_requested_and_received(world, case_world):
    case = case_world.case
    client = signed_in_client(world.ib)
    due = TODAY() + datetime.timedelta(days=21)

    asked = client.post(
        url("feedback_add", case),
        {"organisation": str(case_world.jgz.uuid), "due_date": due.isoformat()},
    )
    assert asked["Location"] == url("case_werkafspraken", case)
    feedback = FeedbackRequest.objects.get(case=case)
    assert (feedback.organisation, feedback.due_date, feedback.requested_by) == (
        case_world.jgz,
        due,
        world.ib,
    )
    assert feedback.history.latest().history_user == world.ib

    assert client.get(url("feedback_received", case, feedback.uuid)).status_code == 405
    received = client.post(url("feedback_received", case, feedback.uuid))
    assert received["Location"] == url("case_werkafspraken", case)
    feedback.refresh_from_db()
    assert feedback.received_at == TODAY()
    assert feedback.history.latest().history_user == world.ib


def test_feedback_due_date_in_the_past_is_refused(world, case_world):
    response = signed_in_client(world.ib).post(
        url("feedback_add", case_world.case),
        {"organisation": str(case_world.jgz.uuid), "due_date": "2001-01-01"},
    )
    assert "Deze datum ligt in het verleden." in response.content.decode()
    assert not FeedbackRequest.objects.exists()


@pytest.mark.parametrize("who", ["directeur", "partner", "jeugdarts", "ib_other_school"])
def test_only_the_ib_marks_feedback_received(who, world, case_world):
    case = case_world.case
    feedback = services.feedback_request_add(
        case=case, organisation=case_world.jgz, due_date=TODAY(), requested_by=world.ib
    )
    user = case_world.jeugdarts if who == "jeugdarts" else getattr(world, who)
    response = signed_in_client(user).post(url("feedback_received", case, feedback.uuid))
    assert response.status_code == (404 if who == "ib_other_school" else 403)
    feedback.refresh_from_db()
    assert feedback.received_at is None


# ----- Across the write screens --------------------------------------------------------------


@pytest.mark.parametrize("who", ["directeur", "partner", "jeugdarts"])
def test_who_may_not_manage_the_case_changes_nothing(who, world, case_world):
    case = case_world.case
    user = case_world.jeugdarts if who == "jeugdarts" else getattr(world, who)
    client = signed_in_client(user)
    posts = {
        "case_edit": {
            "question": "x",
            "leervraag": "on",
            "complexity": "enkelvoudig",
            "level": "1",
        },
        "case_status": {"to": "afgesloten", "reason": "x"},
        "involvement_add": {"organisation": str(case_world.jgz.uuid), "start": "2020-01-01"},
        "regie_assign": {"kind": "procesregie", "guardian": str(case_world.mother.uuid)},
        "feedback_add": {"organisation": str(case_world.jgz.uuid), "due_date": "2099-01-01"},
    }
    for name, data in posts.items():
        assert client.post(url(name, case), data).status_code == 403, name
    case.refresh_from_db()
    assert case.status == Status.BESPROKEN and case.question.startswith("Vraag van het gezin")
    assert not Regie.objects.exists() and not FeedbackRequest.objects.exists()
    assert case.involvements.count() == 2


def test_every_change_writes_one_change_row_to_the_access_log(world, case_world):
    case = case_world.case
    client = signed_in_client(world.ib)
    before = AccessLogEntry.objects.filter(event=AccessEvent.CHANGE).count()
    client.post(url("case_status", case), {"to": "aangemeld"})
    client.post(url("progress_add", case), {"text": "Besproken in het knooppunt."})
    rows = AccessLogEntry.objects.filter(event=AccessEvent.CHANGE).order_by("pk")
    assert rows.count() == before + 2
    assert [r.what for r in rows][-2:] == ["status gewijzigd", "voortgang vastgelegd"]
    assert {r.case_uuid for r in rows[before:]} == {case.uuid}
    assert CHANGE in case_permissions_for(world.ib, case)

"""The consent tab and recording consent and legal bases: who may, what is shown, what holds."""

import datetime
import html as htmllib

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from cases.access import WAT, case_permissions_for
from cases.constants import AccessEvent
from cases.models import AccessLogEntry
from consent.constants import Decision, LegalBasisKind, Method, Purpose
from consent.models import ConsentDecision, LegalBasis
from consent.services import consent_record
from partners.constants import OrganisationKind
from pupils import services as pupil_services
from tests import factories
from tests.conftest import CANARY, signed_in_client

# The world is built once for the module, each test in its own savepoint; see tests/conftest.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_case_world")]

ONLY_ONE = "Alleen één van de twee ouders met gezag heeft toestemming gegeven."
NO_GEZAG = "heeft geen gezag: krijgt informatie, geeft geen toestemming"


def url(name: str, case, **kwargs) -> str:
    return reverse(f"cases:{name}", kwargs={"case_uuid": case.uuid, **kwargs})


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


def share_with_jgz(case_world, **overrides) -> dict:
    """POST data of the consent form: the mother consents to sharing with the JGZ."""
    return {
        "purpose": Purpose.SHARE,
        "recipient": str(case_world.jgz.uuid),
        "decider": str(case_world.mother.uuid),
        "decision": Decision.GIVEN,
        "method": Method.PAPER,
        "valid_until": "",
    } | overrides


def years_ago(years: int) -> datetime.date:
    today = timezone.localdate()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # today is 29 February
        return today.replace(year=today.year - years, day=28)


def case_for_pupil_born(world, birth_date: datetime.date):
    pupil = pupil_services.pupil_register(
        school=world.school,
        first_name="Noor",
        last_name="Leeftijd",
        birth_date=birth_date,
        registered_by=world.ib,
    )
    pupil_services.guardian_add(
        pupil=pupil, name="Moeder Leeftijd", relation="moeder", has_gezag=True, added_by=world.ib
    )
    return case_services.case_open(
        pupil=pupil,
        opened_by=world.ib,
        level=2,
        leervraag=True,
        complexity="enkelvoudig",
        question=f"Vraag {CANARY}",
    )


# ----- Consent gives and takes content access at once -----------------------------------------


def test_ib_records_share_consent_and_the_youth_doctor_sees_content_at_once(world, case_world):
    case = case_world.case
    doctor = signed_in_client(case_world.jeugdarts)
    assert doctor.get(url("case_progress", case)).status_code == 403

    response = signed_in_client(world.ib).post(
        url("consent_add", case), share_with_jgz(case_world), follow=True
    )

    assert response.redirect_chain == [(url("case_consent", case), 302)]
    assert "Het toestemmingsbesluit is vastgelegd." in text(response)
    row = ConsentDecision.objects.get(pupil=case_world.pupil, recipient=case_world.jgz)
    assert (row.guardian, row.decision, row.recorded_by) == (
        case_world.mother,
        Decision.GIVEN,
        world.ib,
    )
    assert WAT in case_permissions_for(case_world.jeugdarts, case)
    # The same signed-in client: no stale permission cache.
    progress = doctor.get(url("case_progress", case))
    assert progress.status_code == 200
    assert CANARY in text(progress)


def test_withdrawal_through_the_view_refuses_the_very_next_request(world, case_world):
    case = case_world.case
    consent_record(recorded_by=world.ib, pupil=case_world.pupil, **_given_to_jgz(case_world))
    doctor = signed_in_client(case_world.jeugdarts)
    assert doctor.get(url("case_progress", case)).status_code == 200
    ib = signed_in_client(world.ib)

    # The tab offers a one-click "intrekken" next to the given decision...
    tab = text(ib.get(url("case_consent", case)))
    assert f'name="decider" value="{case_world.mother.uuid}"' in tab
    assert f'name="recipient" value="{case_world.jgz.uuid}"' in tab
    shortcut = {
        "stap": "bevestigen",
        "purpose": Purpose.SHARE,
        "recipient": str(case_world.jgz.uuid),
        "decider": str(case_world.mother.uuid),
        "decision": Decision.WITHDRAWN,
    }
    # ...which first asks to confirm, prefilled, and records nothing yet.
    confirm = ib.post(url("consent_add", case), shortcut)
    assert confirm.status_code == 200
    assert "Intrekking van toestemming bevestigen" in text(confirm)
    assert f'<option value="{case_world.jgz.uuid}" selected>' in text(confirm)
    assert f'<option value="{case_world.mother.uuid}" selected>' in text(confirm)
    assert '<option value="ingetrokken" selected>' in text(confirm)
    assert doctor.get(url("case_progress", case)).status_code == 200

    done = ib.post(
        url("consent_add", case),
        share_with_jgz(case_world, decision=Decision.WITHDRAWN, method=Method.VERBAL),
        follow=True,
    )
    assert "De intrekking is vastgelegd en gaat direct in." in text(done)

    refused = doctor.get(url("case_progress", case))
    assert refused.status_code == 403
    assert CANARY not in text(refused)
    assert WAT not in case_permissions_for(case_world.jeugdarts, case)


def _given_to_jgz(case_world) -> dict:
    return {
        "purpose": Purpose.SHARE,
        "recipient": case_world.jgz,
        "guardian": case_world.mother,
        "decision": Decision.GIVEN,
        "method": Method.PAPER,
    }


# ----- The tab ------------------------------------------------------------------------------


def test_tab_shows_the_state_the_only_one_of_two_warning_and_logs_one_row(world, case_world):
    # The fixture: the mother consented to discussing the case and to sharing with SMW; the
    # father has not decided.
    case = case_world.case
    response = signed_in_client(world.ib).get(url("case_consent", case))
    page = text(response)

    assert response.status_code == 200
    assert "<title>Casus – Knooppunt</title>" in page
    assert "Gegevens delen met organisatie: SMW Testregio" in page
    assert "Toestemming geldt" in page
    assert ONLY_ONE in page
    assert "Ouders met gezag (de leerling is" in page
    assert "Moeder Testkind (moeder)" in page and "Vader Testkind (vader)" in page
    assert "Nog geen besluit vastgelegd" in page  # the father
    assert "Geen geldige toestemming" in page  # the purposes nobody decided on
    # Withdraw: one button per given decision (discussing, sharing with SMW).
    assert page.count('name="stap" value="bevestigen"') == 2
    rows = AccessLogEntry.objects.filter(user_uuid=world.ib.uuid, event=AccessEvent.VIEW)
    assert [(r.what, r.legal_basis) for r in rows] == [("toestemming", "school")]

    # Once the father consents too, the warning goes.
    for purpose, recipient in ((Purpose.DISCUSS, None), (Purpose.SHARE, world.smw)):
        consent_record(
            pupil=case_world.pupil,
            purpose=purpose,
            recipient=recipient,
            guardian=case_world.father,
            decision=Decision.GIVEN,
            method=Method.PORTAL,
            recorded_by=world.ib,
        )
    assert ONLY_ONE not in text(signed_in_client(world.ib).get(url("case_consent", case)))


def test_a_refusal_by_one_gezag_holder_blocks_and_the_history_keeps_every_row(world, case_world):
    consent_record(
        pupil=case_world.pupil,
        purpose=Purpose.SHARE,
        recipient=world.smw,
        guardian=case_world.father,
        decision=Decision.REFUSED,
        method=Method.VERBAL,
        recorded_by=world.ib,
    )
    page = text(signed_in_client(world.ib).get(url("case_consent", case_world.case)))
    assert page.count("Toestemming geldt") == 1  # discussing only; sharing is blocked
    assert "Geweigerd" in page and "Gegeven" in page
    assert "Alle toestemmingsbesluiten" in page
    assert page.count("Gegevens delen met organisatie: SMW Testregio</td>") == 2  # history rows


def test_guardian_without_gezag_is_listed_but_cannot_decide(world, case_world):
    stepfather = pupil_services.guardian_add(
        pupil=case_world.pupil,
        name="Stiefvader Testkind",
        relation="stiefvader",
        has_gezag=False,
        added_by=world.ib,
    )
    ib = signed_in_client(world.ib)
    page = text(ib.get(url("case_consent", case_world.case)))
    assert "Stiefvader Testkind (stiefvader)" in page
    assert NO_GEZAG in page

    form = text(ib.get(url("consent_add", case_world.case)))
    assert "Moeder Testkind" in form and "Stiefvader" not in form
    response = ib.post(
        url("consent_add", case_world.case),
        share_with_jgz(case_world, decider=str(stepfather.uuid)),
    )
    assert response.status_code == 200
    assert "Alleen ouders met gezag" in text(response)
    assert not ConsentDecision.objects.filter(guardian=stepfather).exists()


def test_partner_with_consent_sees_the_tab_without_actions(world, case_world):
    page = text(signed_in_client(world.partner).get(url("case_consent", case_world.case)))
    assert "Toestemming geldt" in page
    assert "Toestemming vastleggen" not in page
    assert 'name="stap"' not in page


@pytest.mark.parametrize("who", ["directeur", "jeugdarts"])
def test_dat_only_users_are_refused_the_tab_and_see_no_consent_details(who, world, case_world):
    user = case_world.jeugdarts if who == "jeugdarts" else world.directeur
    client = signed_in_client(user)
    for name in ("case_consent", "consent_add", "legal_basis_add"):
        response = client.get(url(name, case_world.case))
        page = text(response)
        assert response.status_code == 403, name
        for secret in (CANARY, "Moeder Testkind", "Toestemming geldt", "Sam"):
            assert secret not in page, (name, secret)
    assert not AccessLogEntry.objects.filter(user_uuid=user.uuid, event=AccessEvent.VIEW).exists()
    assert AccessLogEntry.objects.filter(user_uuid=user.uuid, event=AccessEvent.DENIED).exists()


def test_directeur_cannot_record_consent_by_post(world, case_world):
    response = signed_in_client(world.directeur).post(
        url("consent_add", case_world.case), share_with_jgz(case_world)
    )
    assert response.status_code == 403
    assert not ConsentDecision.objects.filter(recipient=case_world.jgz).exists()


# ----- The consent form ---------------------------------------------------------------------


@pytest.mark.parametrize("age, offered", [(12, True), (11, False)])
def test_the_pupil_decides_only_from_12(age, offered, world):
    birth = years_ago(12) + datetime.timedelta(days=0 if age == 12 else 1)
    case = case_for_pupil_born(world, birth)
    ib = signed_in_client(world.ib)

    form = text(ib.get(url("consent_add", case)))
    assert ('<option value="leerling">De leerling zelf (12 jaar)</option>' in form) is offered
    assert ("De leerling zelf" in form) is offered

    data = {
        "purpose": Purpose.DISCUSS,
        "decider": "leerling",
        "decision": Decision.GIVEN,
        "method": Method.VERBAL,
    }
    response = ib.post(url("consent_add", case), data)
    recorded = ConsentDecision.objects.filter(pupil=case.pupil, by_pupil=True).exists()
    assert recorded is offered
    if not offered:
        assert response.status_code == 200
        assert "vanaf 12 jaar de leerling zelf" in text(response)


def test_sharing_without_a_recipient_is_refused_and_nothing_saved(world, case_world):
    before = ConsentDecision.objects.count()
    response = signed_in_client(world.ib).post(
        url("consent_add", case_world.case), share_with_jgz(case_world, recipient="")
    )
    page = text(response)
    assert response.status_code == 200
    assert "met welke organisatie gedeeld mag worden" in page
    assert "utrecht-form-field--invalid" in page
    # The input is kept.
    assert f'<option value="{case_world.mother.uuid}" selected>' in page
    assert '<option value="papier" selected>' in page
    assert ConsentDecision.objects.count() == before


def test_a_recipient_on_another_purpose_is_refused(world, case_world):
    before = ConsentDecision.objects.count()
    response = signed_in_client(world.ib).post(
        url("consent_add", case_world.case), share_with_jgz(case_world, purpose=Purpose.DISCUSS)
    )
    assert "hoort alleen bij" in text(response)
    assert ConsentDecision.objects.count() == before


def test_only_the_form_fields_are_accepted(world, case_world):
    other = case_for_pupil_born(world, datetime.date(2015, 1, 1))
    signed_in_client(world.ib).post(
        url("consent_add", case_world.case),
        share_with_jgz(
            case_world,
            recorded_by=world.directeur.pk,
            pupil=other.pupil.pk,
            by_pupil="on",
            recorded_at="2000-01-01T00:00",
        ),
    )
    row = ConsentDecision.objects.get(recipient=case_world.jgz)
    assert row.recorded_by == world.ib
    assert row.pupil == case_world.pupil
    assert row.guardian == case_world.mother and row.by_pupil is False
    assert row.recorded_at.year == timezone.now().year


def test_change_is_in_the_access_log(world, case_world):
    signed_in_client(world.ib).post(url("consent_add", case_world.case), share_with_jgz(case_world))
    row = AccessLogEntry.objects.get(event=AccessEvent.CHANGE)
    assert (row.what, row.case_uuid) == ("toestemming vastgelegd", case_world.case.uuid)


# ----- Legal bases other than consent -------------------------------------------------------


def basis_data(recipient, **overrides) -> dict:
    today = timezone.localdate()
    return {
        "kind": LegalBasisKind.SAFETY,
        "recipient": str(recipient.uuid),
        "motivation": "Signalen van onveiligheid; meldcode stap 2.",
        "valid_from": today.isoformat(),
        "valid_until": (today + datetime.timedelta(days=90)).isoformat(),
    } | overrides


def test_a_legal_basis_is_prominent_opens_content_and_is_in_the_access_log(
    world, case_world, veilig_thuis
):
    case = case_world.case
    ib = signed_in_client(world.ib)
    doctor = signed_in_client(veilig_thuis.user)
    assert doctor.get(url("case_progress", case)).status_code == 403

    response = ib.post(
        url("legal_basis_add", case), basis_data(veilig_thuis.organisation), follow=True
    )
    page = text(response)
    assert response.redirect_chain == [(url("case_consent", case), 302)]
    assert "De andere grondslag is vastgelegd." in page
    warning = page.split('utrecht-alert--warning" role="note"', 1)[1].split("</dl>", 1)[0]
    assert "Andere grondslag dan toestemming: Veiligheid / meldcode" in warning
    assert "Veilig Thuis Testregio" in warning
    assert "Signalen van onveiligheid; meldcode stap 2." in warning
    assert world.ib.get_full_name() in warning
    # Before the consent purposes: shown at the top.
    assert page.index("Andere grondslag dan toestemming") < page.index("Bespreken in het knooppunt")

    assert doctor.get(url("case_progress", case)).status_code == 200
    basis = LegalBasis.objects.get(pupil=case_world.pupil)
    log = AccessLogEntry.objects.get(user_uuid=veilig_thuis.user.uuid, event=AccessEvent.VIEW)
    assert log.legal_basis == f"andere grondslag Veiligheid / meldcode {basis.uuid}"

    # Ending it: a confirmation, then the youth doctor is refused at once.
    end_url = url("legal_basis_end", case, basis_uuid=basis.uuid)
    confirm = ib.get(end_url)
    assert confirm.status_code == 200 and "Grondslag beëindigen?" in text(confirm)
    basis.refresh_from_db()
    assert basis.ended_at is None
    ended = ib.post(end_url, follow=True)
    assert "is beëindigd en geldt niet meer" in text(ended)
    assert doctor.get(url("case_progress", case)).status_code == 403
    page = text(ended)
    assert 'role="note"' not in page
    assert "Beëindigd op" in page and "Eerdere andere grondslagen" in page


def test_a_safety_basis_names_only_veilig_thuis(world, case_world):
    # The meldcode lets the school consult and report to Veilig Thuis; it does not open the
    # case to any organisation of the IB'er's choosing.
    response = signed_in_client(world.ib).post(
        url("legal_basis_add", case_world.case), basis_data(case_world.jgz)
    )
    assert response.status_code == 200
    assert "Deze grondslag geldt alleen voor: Veilig Thuis" in text(response)
    assert not LegalBasis.objects.exists()


def test_a_legal_basis_without_motivation_is_refused(world, case_world):
    response = signed_in_client(world.ib).post(
        url("legal_basis_add", case_world.case), basis_data(case_world.jgz, motivation="   ")
    )
    assert response.status_code == 200
    assert "Een motivering is verplicht" in text(response)
    assert 'value="veiligheid" selected' in text(response)  # the input is kept
    assert not LegalBasis.objects.exists()


@pytest.mark.parametrize(
    "days_from, days_until, message",
    [
        (0, 367, "hoogstens een jaar vooruit"),
        (10, 5, "De einddatum ligt vóór de begindatum."),
        (0, None, "Vul in tot wanneer deze grondslag geldt"),
    ],
)
def test_a_legal_basis_period_is_checked(days_from, days_until, message, world, case_world):
    today = timezone.localdate()
    until = "" if days_until is None else (today + datetime.timedelta(days=days_until)).isoformat()
    response = signed_in_client(world.ib).post(
        url("legal_basis_add", case_world.case),
        basis_data(
            case_world.jgz,
            valid_from=(today + datetime.timedelta(days=days_from)).isoformat(),
            valid_until=until,
        ),
    )
    assert response.status_code == 200
    assert message in text(response)
    assert not LegalBasis.objects.exists()


def test_a_legal_basis_of_another_pupil_is_not_found(world, case_world):
    other = case_for_pupil_born(world, datetime.date(2015, 1, 1))
    from consent.services import legal_basis_record

    today = timezone.localdate()
    basis = legal_basis_record(
        pupil=other.pupil,
        kind=LegalBasisKind.TRUANCY,
        recipient=factories.OrganisationFactory(kind=OrganisationKind.LEERPLICHT),
        motivation="Leerplicht.",
        valid_from=today,
        valid_until=today,
        recorded_by=world.ib,
    )
    ib = signed_in_client(world.ib)
    end_url = url("legal_basis_end", case_world.case, basis_uuid=basis.uuid)
    assert ib.get(end_url).status_code == 404
    assert ib.post(end_url).status_code == 404
    basis.refresh_from_db()
    assert basis.ended_at is None

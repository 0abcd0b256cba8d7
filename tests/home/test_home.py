"""The home per role ("Vandaag", docs/domain.md): what each role sees, that it shows no case
content, and that it costs the same number of queries however many cases there are."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from cases import consent_requests
from cases import services as case_services
from cases.models import Case
from consent.constants import Decision, Method, Purpose
from consent.services import consent_record
from meetings import services as meeting_services
from tests.conftest import CANARY, signed_in_client
from tests.home.builders import extra_case
from tests.meetings.builders import planned_meeting
from tests.meetings.conftest import point_celery_at
from tests.tlv.builders import dossier_in, tlv_people
from tlv.constants import State

HOME = "/"
TODAY = timezone.localdate


def home_of(user) -> str:
    response = signed_in_client(user).get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def withdraw_discuss(ctx, case) -> None:
    consent_record(
        pupil=case.pupil,
        purpose=Purpose.DISCUSS,
        guardian=case.pupil.guardians.get(),
        decision=Decision.WITHDRAWN,
        method=Method.PAPER,
        recorded_by=ctx.ib,
    )


def test_the_home_keeps_its_address_and_is_where_sign_in_lands(settings):
    assert reverse("partners:home") == HOME
    assert settings.LOGIN_REDIRECT_URL == "partners:home"


# ----- IB'er ---------------------------------------------------------------------------------


def test_ib_sees_the_next_knooppunt_with_each_items_readiness(ctx):
    meeting = planned_meeting(ctx)
    without_consent = extra_case(ctx, 1)
    item = meeting_services.item_add(meeting=meeting, added_by=ctx.ib, case=without_consent)
    withdraw_discuss(ctx, without_consent)
    html = home_of(ctx.ib)
    assert "Volgend knooppunt" in html
    assert reverse("meetings:meeting_detail", args=[meeting.uuid]) in html
    # The test case: consent to discuss and the mother invited, but she has no e-mail address.
    assert "Sam Testkind" in html
    assert "Niet iedereen heeft een e-mailadres." in html
    # The added case: no consent to discuss and no parents invited, each with its fix.
    assert "Geen toestemming om te bespreken." in html
    assert reverse("cases:case_consent", args=[without_consent.uuid]) in html
    assert "Ouders nog niet uitgenodigd." in html
    assert reverse("meetings:item_attendees", args=[meeting.uuid, item.uuid]) in html
    assert CANARY not in html


def test_ib_sees_what_needs_follow_up(ctx):
    stale = extra_case(ctx, 1)
    Case.objects.filter(pk=stale.pk).update(opened_at=timezone.now() - datetime.timedelta(days=120))
    late = extra_case(ctx, 2)
    case_services.werkafspraak_add(
        case=late,
        author=ctx.ib,
        assignee_organisation=ctx.smw,
        what="Gesprek",
        due_date=TODAY() - datetime.timedelta(days=3),
    )
    ending = extra_case(ctx, 3)
    consent_record(
        pupil=ending.pupil,
        purpose=Purpose.SHARE,
        recipient=ctx.jgz,
        guardian=ending.pupil.guardians.get(),
        decision=Decision.GIVEN,
        method=Method.PAPER,
        recorded_by=ctx.ib,
        valid_until=TODAY() + datetime.timedelta(days=10),
    )
    birthday = TODAY() + datetime.timedelta(days=5)
    turning_12 = extra_case(ctx, 4, birth_date=birthday.replace(year=birthday.year - 12))

    html = home_of(ctx.ib)
    assert "Langer dan 3 maanden open zonder effect" in html
    assert reverse("cases:case_detail", args=[stale.uuid]) in html
    assert "Werkafspraak of terugkoppeling te laat" in html
    assert reverse("cases:case_werkafspraken", args=[late.uuid]) in html
    assert "Toestemming loopt binnenkort af" in html
    assert "JGZ Testregio" in html
    assert reverse("cases:case_consent", args=[ending.uuid]) in html
    assert "Wordt binnenkort 12 of 16" in html
    assert "Kind4 Extra</a>: wordt 12 op" in html
    assert reverse("cases:case_consent", args=[turning_12.uuid]) in html
    assert "Gesprek" not in html  # the werkafspraak's text is content


def test_ib_without_anything_to_do_is_told_so(ctx):
    Case.objects.exclude(pk=ctx.case.pk).delete()
    html = home_of(ctx.ib)
    assert "Er is geen knooppunt gepland." in html
    assert "Er is nu niets dat opvolging nodig heeft." in html


def test_ib_home_costs_the_same_queries_with_more_cases(ctx, django_assert_max_num_queries):
    meeting = planned_meeting(ctx)
    client = signed_in_client(ctx.ib)

    def grow(start: int, count: int) -> None:
        for n in range(start, start + count):
            case = extra_case(ctx, n)
            meeting_services.item_add(meeting=meeting, added_by=ctx.ib, case=case)
            if n % 2:
                withdraw_discuss(ctx, case)
            case_services.werkafspraak_add(
                case=case,
                author=ctx.ib,
                assignee_organisation=ctx.smw,
                what="x",
                due_date=TODAY() - datetime.timedelta(days=1),
            )

    grow(1, 2)
    client.get(HOME)  # warm up the session
    with CaptureQueriesContext(connection) as few:
        assert client.get(HOME).status_code == 200
    grow(3, 6)
    with CaptureQueriesContext(connection) as more:
        assert client.get(HOME).status_code == 200
    assert len(more) == len(few)


# ----- Partner -------------------------------------------------------------------------------


def test_partner_sees_own_werkafspraken_by_due_date_and_coming_items(ctx):
    meeting = planned_meeting(ctx)
    smw = ctx.partner.memberships.get()
    later = case_services.werkafspraak_add(
        case=ctx.case,
        author=ctx.ib,
        assignee_professional=smw,
        what=f"Huisbezoek {CANARY}",
        due_date=TODAY() + datetime.timedelta(days=20),
    )
    sooner = case_services.werkafspraak_add(
        case=ctx.case,
        author=ctx.ib,
        assignee_organisation=ctx.smw,
        what=f"Gesprek {CANARY}",
        due_date=TODAY() + datetime.timedelta(days=2),
    )
    # Someone else's werkafspraak is not "mine".
    case_services.werkafspraak_add(
        case=ctx.case,
        author=ctx.ib,
        assignee_guardian=ctx.mother,
        what="Huisarts bellen",
        due_date=TODAY() + datetime.timedelta(days=1),
    )
    html = home_of(ctx.partner)
    assert "Mijn werkafspraken" in html
    mine = html[html.index("Mijn werkafspraken") : html.index("Mijn agendapunten")]
    dates = [f"Uiterlijk {date_format(w.due_date, 'j F Y')}" for w in (sooner, later)]
    assert dates[0] in mine and dates[1] in mine
    assert mine.index(dates[0]) < mine.index(dates[1])
    assert mine.count(reverse("cases:case_werkafspraken", args=[ctx.case.uuid])) == 2
    assert CANARY not in html
    # The coming meeting with the items the partner attends, and an answer in the app.
    attendee = meeting.attendees.get(user=ctx.partner)
    respond = reverse("meetings:invitation_respond", args=[attendee.token])
    assert respond in html
    assert "Opening en mededelingen" in html
    response = signed_in_client(ctx.partner).post(respond, {"antwoord": "accepteren"})
    assert response.status_code == 302
    attendee.refresh_from_db()
    assert attendee.response == "geaccepteerd"


def test_partner_home_costs_the_same_queries_with_more_cases(ctx):
    planned_meeting(ctx)
    client = signed_in_client(ctx.partner)

    def grow(start: int, count: int) -> None:
        for n in range(start, start + count):
            case = extra_case(ctx, n)
            case_services.werkafspraak_add(
                case=case,
                author=ctx.ib,
                assignee_professional=ctx.partner.memberships.get(),
                what="x",
                due_date=TODAY(),
            )

    grow(1, 2)
    client.get(HOME)  # warm up the session
    with CaptureQueriesContext(connection) as few:
        assert client.get(HOME).status_code == 200
    grow(3, 6)
    with CaptureQueriesContext(connection) as more:
        assert client.get(HOME).status_code == 200
    assert len(more) == len(few)


# ----- "Dat" only ----------------------------------------------------------------------------


def test_dat_only_partner_is_told_consent_is_missing_and_sees_no_content(ctx):
    planned_meeting(ctx)
    case_services.werkafspraak_add(
        case=ctx.case,
        author=ctx.ib,
        assignee_organisation=ctx.jgz,
        what=f"Onderzoek {CANARY}",
        due_date=TODAY(),
    )
    html = home_of(ctx.jeugdarts)
    assert "Toestemming ontbreekt" in html
    assert reverse("cases:consent_ask", args=[ctx.case.uuid]) in html
    # No werkafspraak of a case without "wat", and nothing of the record.
    assert "Er staan geen open werkafspraken" in html
    assert CANARY not in html
    assert "Huisbezoek" not in html


def test_dat_only_case_page_says_which_consent_and_who_the_ib_is(ctx):
    html = signed_in_client(ctx.jeugdarts).get(f"/casussen/{ctx.case.uuid}/").content.decode()
    assert (
        "toestemming nodig van de ouders met gezag om informatie te delen met JGZ Testregio" in html
    )
    assert ctx.ib.get_full_name() in html
    assert "Vraag toestemming" in html
    assert CANARY not in html


def test_directeur_is_told_the_school_role_not_missing_consent(ctx):
    html = signed_in_client(ctx.directeur).get(f"/casussen/{ctx.case.uuid}/").content.decode()
    assert "omdat je bij de school werkt" in html
    assert "geen toestemming" not in html
    assert "Vraag toestemming" not in html


def test_asking_for_consent_notifies_the_ib_once_without_name_or_content(
    ctx, django_capture_on_commit_callbacks
):
    client = signed_in_client(ctx.jeugdarts)
    url = reverse("cases:consent_ask", args=[ctx.case.uuid])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, follow=True)
    assert "Je vraag is doorgegeven aan de intern begeleider." in first.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [ctx.ib.email]
    text = message.subject + message.body
    for secret in ("Sam", "Testkind", CANARY):
        assert secret not in text
    assert "JGZ Testregio" in text and "IKC Testvogel" in text
    # Asking again changes nothing: no second e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url, follow=True)
    assert "onlangs al om gevraagd" in again.content.decode()
    assert len(mail.outbox) == 1
    assert ctx.case.consent_requests.count() == 1


def test_a_consent_request_stands_when_the_broker_is_down_and_the_sweep_sends_it(
    ctx, django_capture_on_commit_callbacks
):
    undo = point_celery_at("redis://127.0.0.1:1/0")  # nothing listens on port 1
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = signed_in_client(ctx.jeugdarts).post(
                reverse("cases:consent_ask", args=[ctx.case.uuid]), follow=True
            )
    finally:
        undo()
    assert response.status_code == 200
    assert "Je vraag is doorgegeven aan de intern begeleider." in response.content.decode()
    request = ctx.case.consent_requests.get()
    assert request.notified_at is None and not mail.outbox
    assert consent_requests.notify(request.pk) is True
    assert [message.to for message in mail.outbox] == [[ctx.ib.email]]


@pytest.mark.parametrize("who", ["partner", "directeur"])
def test_who_may_see_content_or_is_school_staff_cannot_ask(ctx, who):
    url = reverse("cases:consent_ask", args=[ctx.case.uuid])
    assert signed_in_client(getattr(ctx, who)).post(url).status_code == 403
    assert not mail.outbox


# ----- Directeur and SWV ---------------------------------------------------------------------


def test_directeur_sees_the_caseload_in_counts_only(ctx):
    extra_case(ctx, 1)
    html = home_of(ctx.directeur)
    assert "Casussen van de school" in html
    assert "IKC Testvogel: 2 casussen" in html
    assert "Niveau 3" in html
    for name in ("Sam", "Testkind", "Kind1", CANARY):
        assert name not in html


def test_swv_roles_get_their_tlv_queue_not_the_school_table(ctx):
    tlv_people(ctx)
    for user in (ctx.trajectbegeleider, ctx.procesbegeleider):
        html = home_of(user)
        assert "TLV-aanvragen" in html
        assert "Er staan nu geen open TLV-aanvragen voor je klaar." in html
        assert reverse("tlv:overview") in html
        assert "Volgend knooppunt" not in html and "Casussen van de school" not in html
    dossier_in(ctx, State.SUBMITTED)
    html = home_of(ctx.trajectbegeleider)
    assert "Ingediend bij het samenwerkingsverband: 1" in html
    assert "Sam" not in html


def test_directeur_home_costs_the_same_queries_with_more_cases(ctx):
    client = signed_in_client(ctx.directeur)
    extra_case(ctx, 1)
    client.get(HOME)  # warm up the session
    with CaptureQueriesContext(connection) as few:
        assert client.get(HOME).status_code == 200
    for n in range(2, 8):
        extra_case(ctx, n)
    with CaptureQueriesContext(connection) as more:
        assert client.get(HOME).status_code == 200
    assert len(more) == len(few)

"""The meeting is no back door (docs/security.md targets 27 and the consent gate): a case goes on
an agenda and into invitations only under the consent to discuss it, and a chair who may not
know a case learns nothing about it from the meeting."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from cases.access import DAT, case_permissions_for
from consent.constants import Decision, Method, Purpose
from consent.services import consent_record
from meetings import services
from meetings.constants import MeetingType
from meetings.invitations import invitations_send, sending_refusals
from meetings.models import AgendaItem
from partners.constants import Function, OrganisationKind
from pupils import services as pupil_services
from tests import factories
from tests.conftest import professional, signed_in_client
from tests.meetings.builders import planned_meeting
from tests.threads import at_once

pytestmark = pytest.mark.django_db


def a_case(ctx, *, with_parents: bool):
    pupil = pupil_services.pupil_register(
        school=ctx.school,
        first_name="Zonder",
        last_name="Toestemming",
        birth_date=datetime.date(2017, 1, 1),
        registered_by=ctx.ib,
    )
    if with_parents:
        pupil_services.guardian_add(
            pupil=pupil,
            name="Ouder Toestemming",
            relation="moeder",
            has_gezag=True,
            added_by=ctx.ib,
        )
    return case_services.case_open(
        pupil=pupil,
        opened_by=ctx.ib,
        level=3,
        leervraag=True,
        complexity="enkelvoudig",
        question="Vraag",
        parents_informed=True,
    )


def empty_meeting(ctx, type=MeetingType.CASUISTIEK, chair=None):
    return services.meeting_plan(
        school=ctx.school,
        type=type,
        date=timezone.localdate() + datetime.timedelta(days=14),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(11, 0),
        planned_by=ctx.ib,
        chair=chair,
    )


@pytest.mark.parametrize(
    "with_parents, missing",
    [
        (False, "Er zijn geen ouders met gezag vastgelegd"),
        (True, "Er is geen toestemming van de ouders met gezag om de casus in het knooppunt"),
    ],
)
def test_a_case_without_consent_to_discuss_stays_off_the_agenda(ctx, with_parents, missing):
    case = a_case(ctx, with_parents=with_parents)
    meeting = empty_meeting(ctx)
    response = signed_in_client(ctx.ib).post(
        reverse("meetings:item_add", args=[meeting.uuid]), {"case": case.uuid}
    )
    assert response.status_code == 200
    assert missing in response.content.decode()
    assert not AgendaItem.objects.filter(case=case).exists()


def test_withdrawing_the_consent_to_discuss_stops_invitations_and_the_invitees_dat(ctx):
    wijkagent = professional(
        factories.OrganisationFactory(name="Politie Test", kind=OrganisationKind.POLITIE),
        Function.WIJKAGENT,
        email="wijkagent@test.example",
    )
    meeting = planned_meeting(ctx)
    item = meeting.items.get(case=ctx.case)
    services.item_attendees_set(
        item=item,
        set_by=ctx.ib,
        professionals=[ctx.partner.memberships.get(), wijkagent.memberships.get()],
        guardians=[ctx.mother],
    )
    assert DAT in case_permissions_for(wijkagent, ctx.case)

    consent_record(
        pupil=ctx.pupil,
        purpose=Purpose.DISCUSS,
        guardian=ctx.mother,
        decision=Decision.WITHDRAWN,
        method=Method.VERBAL,
        recorded_by=ctx.ib,
    )
    assert case_permissions_for(wijkagent, ctx.case) == set()
    refusals = sending_refusals(meeting)
    assert any("geen toestemming" in refusal for refusal in refusals)
    with pytest.raises(ValidationError):
        invitations_send(meeting=meeting, sent_by=ctx.ib)


# ----- A chair without "dat" ------------------------------------------------------------------


@pytest.fixture
def toeleiding(ctx):
    """A meeting chaired by the SWV's trajectbegeleider with the test case on its agenda, on
    which the trajectbegeleider has no right at all. The services no longer let this arise (a
    toeleiding discusses only a submitted TLV request, which gives its trajectbegeleider "dat"),
    so the chair is set directly: the meeting pages must hold even then."""
    from meetings.models import Meeting

    swv = ctx.school.samenwerkingsverband.organisation
    chair = professional(swv, Function.TRAJECTBEGELEIDER, email="tb@test.example")
    meeting = empty_meeting(ctx)
    item = services.item_add(meeting=meeting, added_by=ctx.ib, case=ctx.case)
    services.item_attendees_set(
        item=item,
        set_by=ctx.ib,
        professionals=[ctx.partner.memberships.get()],
        guardians=[ctx.mother],
    )
    Meeting.objects.filter(pk=meeting.pk).update(chair=chair)
    assert case_permissions_for(chair, ctx.case) == set()
    return meeting, item, chair


def test_a_chair_without_dat_sees_a_closed_item_without_names(ctx, toeleiding):
    meeting, _item, chair = toeleiding
    client = signed_in_client(chair)
    for url in (
        reverse("meetings:meeting_detail", args=[meeting.uuid]),
        reverse("meetings:attendance", args=[meeting.uuid]),
    ):
        page = client.get(url).content.decode()
        for secret in ("Sam", "Testkind", ctx.partner.get_full_name(), "SMW Testregio"):
            assert secret not in page, (url, secret)
    assert (
        "Besloten agendapunt"
        in client.get(reverse("meetings:meeting_detail", args=[meeting.uuid])).content.decode()
    )


def test_a_chair_without_dat_cannot_invite_anyone_to_the_item(ctx, toeleiding):
    meeting, item, chair = toeleiding
    wijkagent = professional(
        factories.OrganisationFactory(name="Politie Test", kind=OrganisationKind.POLITIE),
        Function.WIJKAGENT,
        email="wijkagent@test.example",
    )
    client = signed_in_client(chair)
    url = reverse("meetings:item_attendees", args=[meeting.uuid, item.uuid])
    assert client.get(url).status_code == 403
    assert client.post(url, {"partners": [wijkagent.memberships.get().pk]}).status_code == 403
    with pytest.raises(ValidationError):
        services.item_attendees_set(
            item=item, set_by=chair, professionals=[wijkagent.memberships.get()], guardians=[]
        )
    assert case_permissions_for(wijkagent, ctx.case) == set()


def test_a_chair_is_chosen_only_for_a_toeleiding(ctx):
    swv = ctx.school.samenwerkingsverband.organisation
    other = professional(swv, Function.TRAJECTBEGELEIDER, email="tb2@test.example")
    with pytest.raises(ValidationError):
        empty_meeting(ctx, chair=other)
    meeting = empty_meeting(ctx)
    response = signed_in_client(ctx.ib).post(
        reverse("meetings:meeting_edit", args=[meeting.uuid]),
        {
            "date": meeting.date.isoformat(),
            "start_time": "09:00",
            "end_time": "11:00",
            "location": "",
            "chair": other.pk,
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.chair == ctx.ib
    with pytest.raises(ValidationError):
        services.meeting_update(meeting=meeting, changed_by=ctx.ib, chair=other)


def test_a_refused_meeting_request_writes_a_denied_row(ctx):
    from cases.constants import AccessEvent
    from cases.models import AccessLogEntry

    meeting = planned_meeting(ctx)
    response = signed_in_client(ctx.outsider).get(
        reverse("meetings:meeting_detail", args=[meeting.uuid])
    )
    assert response.status_code == 404
    row = AccessLogEntry.objects.get(event=AccessEvent.DENIED, user_uuid=ctx.outsider.uuid)
    assert row.what == f"overleg {meeting.uuid}: geen toegang"
    assert row.case_uuid is None and row.pupil_uuid is None


@pytest.mark.django_db(transaction=True)
def test_the_same_case_added_twice_at_once_is_one_item_and_one_message(ctx):
    meeting = empty_meeting(ctx)
    results = at_once(
        *(lambda: services.item_add(meeting=meeting, added_by=ctx.ib, case=ctx.case) for _ in "ab")
    )
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ValidationError), results
    assert "Deze casus staat al op de agenda." in str(refused[0])
    assert AgendaItem.objects.filter(meeting=meeting, case=ctx.case).count() == 1


@pytest.mark.django_db(transaction=True)
def test_one_person_invited_to_two_items_at_once_is_one_attendee(ctx):
    from meetings.models import Attendee

    meeting = empty_meeting(ctx)
    items = [
        services.item_add(meeting=meeting, added_by=ctx.ib, title=title) for title in ("A", "B")
    ]
    smw = ctx.partner.memberships.get()
    results = at_once(
        *(
            lambda item=item: services.item_attendees_set(
                item=item, set_by=ctx.ib, professionals=[smw], guardians=[]
            )
            for item in items
        )
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    attendee = Attendee.objects.get(meeting=meeting, user=ctx.partner)
    assert set(attendee.items.all()) == set(items)

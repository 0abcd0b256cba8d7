"""The coming knooppunt in the portal: a parent answers only an invitation that still stands
(docs/domain.md, "The parents' portal")."""

import pytest
from django.urls import reverse

from meetings import services
from meetings.invitations import invitations_send
from tests.meetings.builders import planned_meeting
from tests.portal.conftest import portal_client

pytestmark = pytest.mark.django_db


def test_a_parent_taken_off_the_item_after_the_invitation_can_no_longer_answer(ctx, mother_account):
    ctx.mother.refresh_from_db()  # her e-mail address came with her portal account
    meeting = planned_meeting(ctx)
    invitations_send(meeting=meeting, sent_by=ctx.ib)
    client = portal_client(mother_account)
    page_url = reverse("portal:meetings", kwargs={"pupil_uuid": ctx.pupil.uuid})
    assert "Ik kom" in client.get(page_url).content.decode()

    item = meeting.items.get(case=ctx.case)
    services.item_attendees_set(
        item=item, set_by=ctx.ib, professionals=[ctx.partner.memberships.get()], guardians=[]
    )
    # Her row stays for the cancellation, but she is no longer invited.
    assert meeting.attendees.filter(guardian=ctx.mother).exists()
    page = client.get(page_url).content.decode()
    assert "Ik kom" not in page and "Uw antwoord" not in page

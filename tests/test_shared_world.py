"""The world built once per module (tests/conftest.py `shared_world`): each test starts from it
unchanged, whatever the test before it wrote or changed in memory.

The tests run in file order read, write, read, write, so each order (a read after a write, a
write after a read, a write after a write) occurs; under random ordering any order does."""

import pytest
from django.urls import reverse

from cases.models import Case
from meetings.models import Meeting
from partners.models import User
from tests.conftest import CANARY, signed_in_client
from tests.meetings.builders import planned_meeting

pytestmark = pytest.mark.usefixtures("shared_case_world", "shared_meeting")


def assert_untouched(ctx):
    assert Case.objects.get(pk=ctx.case.pk).question == f"Vraag van het gezin {CANARY}"
    assert ctx.case.question == f"Vraag van het gezin {CANARY}"
    assert ctx.school.name == "IKC Testvogel"
    assert User.objects.filter(pk=ctx.outsider.pk, is_active=True).exists()
    assert planned_meeting(ctx).items.count() == 2
    case_page = reverse("cases:case_detail", kwargs={"case_uuid": ctx.case.uuid})
    assert signed_in_client(ctx.ib).get(case_page).status_code == 200


def write_everything(ctx):
    # In memory only: the next test must get instances loaded afresh.
    ctx.case.question = "Gewijzigd"
    ctx.school.name = "Gewijzigd"
    # In the database, through a view and directly.
    meeting = planned_meeting(ctx)
    item = meeting.items.get(case=ctx.case)
    response = signed_in_client(ctx.ib).post(
        reverse(
            "meetings:item_remove", kwargs={"meeting_uuid": meeting.uuid, "item_uuid": item.uuid}
        )
    )
    assert response.status_code == 302
    assert meeting.items.count() == 1
    Meeting.objects.filter(pk=meeting.pk).delete()
    User.objects.filter(pk=ctx.outsider.pk).update(is_active=False)
    Case.objects.filter(pk=ctx.case.pk).delete()
    assert not Case.objects.filter(pk=ctx.case.pk).exists()


def test_1_read(ctx):
    assert_untouched(ctx)


def test_2_write(ctx):
    assert_untouched(ctx)
    write_everything(ctx)


def test_3_read_after_a_write(ctx):
    assert_untouched(ctx)


def test_4_write_again(ctx):
    assert_untouched(ctx)
    write_everything(ctx)


def test_5_read_after_a_write_again(ctx):
    assert_untouched(ctx)

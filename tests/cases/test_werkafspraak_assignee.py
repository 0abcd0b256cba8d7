"""A werkafspraak's "who" is picked from those involved in the case (docs/domain.md,
"Werkafspraken"); rows from before the pick keep their free text."""

import datetime

from django.urls import reverse
from django.utils import timezone

from cases.forms.work import WerkafspraakForm
from cases.models import Werkafspraak
from tests.conftest import signed_in_client

DUE = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()


def test_the_choices_are_the_people_and_organisations_involved_and_the_parents(world, case_world):
    form = WerkafspraakForm(case=case_world.case)
    labels = {
        label for _group, choices in form.fields["assignee"].choices[1:] for _k, label in choices
    }
    assert f"{world.partner.get_full_name()} (SMW Testregio)" in labels
    assert f"{world.ib.get_full_name()} ({world.school.name})" in labels
    assert {"SMW Testregio", "JGZ Testregio", world.school.name} <= labels
    assert "Moeder Testkind (moeder)" in labels
    assert not any("Jeugdhulp Nergens" in label for label in labels)
    # The keys carry a kind and a uuid, never a name.
    assert all(
        key.split(":")[0] in {"p", "o", "g"}
        for _group, choices in form.fields["assignee"].choices[1:]
        for key, _label in choices
    )


def test_someone_not_involved_cannot_be_picked(world, case_world):
    outsider = world.outsider.memberships.get()
    response = signed_in_client(world.ib).post(
        reverse("cases:werkafspraak_add", args=[case_world.case.uuid]),
        {"assignee": f"p:{outsider.uuid}", "what": "Iets", "due_date": DUE},
    )
    assert response.status_code == 200
    assert not Werkafspraak.objects.exists()


def test_a_parent_can_carry_out_a_werkafspraak(world, case_world):
    client = signed_in_client(world.ib)
    client.post(
        reverse("cases:werkafspraak_add", args=[case_world.case.uuid]),
        {"assignee": f"g:{case_world.mother.uuid}", "what": "Huisarts bellen", "due_date": DUE},
    )
    werkafspraak = Werkafspraak.objects.get()
    assert werkafspraak.assignee_guardian == case_world.mother
    assert werkafspraak.assignee_label == "Moeder Testkind (moeder)"


def test_an_old_free_text_who_stays_readable_until_someone_picks(world, case_world):
    old = Werkafspraak.objects.create(
        case=case_world.case,
        who="Juf Anna en moeder",
        what="Dagritmekaart gebruiken",
        due_date=timezone.localdate(),
        author_organisation=world.school.organisation,
    )
    client = signed_in_client(world.ib)
    tab = client.get(reverse("cases:case_werkafspraken", args=[case_world.case.uuid]))
    assert "Juf Anna en moeder" in tab.content.decode()
    edit = client.get(reverse("cases:werkafspraak_edit", args=[case_world.case.uuid, old.uuid]))
    assert "Eerder vastgelegd als: Juf Anna en moeder." in edit.content.decode()

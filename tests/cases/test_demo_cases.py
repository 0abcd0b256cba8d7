import io

import pytest
from django.core.management import call_command

from cases.access import DAT, WAT, case_permissions_for
from cases.models import Case
from partners.models import User

pytestmark = pytest.mark.django_db


def test_demo_shows_the_dat_niet_wat_rule_at_work(settings):
    settings.DEBUG = True
    call_command("demo", stdout=io.StringIO())
    call_command("demo", stdout=io.StringIO())
    case = Case.objects.get(pupil__first_name="Sam", pupil__last_name="de Vries")
    assert "DEMO-INHOUD" in case.question

    def perms(local):
        return case_permissions_for(User.objects.get(email=f"{local}@vuurtoren.example"), case)

    assert {DAT, WAT} <= perms("ib")
    assert {DAT, WAT} <= perms("smw")
    assert perms("jeugdarts") == {DAT}
    assert perms("leerplicht") == set()
    assert Case.objects.filter(pupil__first_name="Sam").count() == 1
    assert Case.objects.values("status").distinct().count() >= 4

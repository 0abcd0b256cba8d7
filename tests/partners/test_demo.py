import base64
import io

import pytest
from django.core.management import CommandError, call_command

from partners.models import KnooppuntPartner, Professional, School, User

pytestmark = pytest.mark.django_db


def run_demo() -> str:
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_demo_builds_the_seed_001_school_and_is_idempotent(settings):
    settings.DEBUG = True
    output = run_demo()
    counts = (User.objects.count(), Professional.objects.count(), KnooppuntPartner.objects.count())
    run_demo()
    assert counts == (
        User.objects.count(),
        Professional.objects.count(),
        KnooppuntPartner.objects.count(),
    )
    assert School.objects.count() == 3
    ib = User.objects.get(email="ib@vuurtoren.example")
    assert ib.check_password("demo-knooppunt")
    assert ib.totpdevice_set.get().bin_key == base64.b32decode("KNOOPPUNTDEMOKEY")
    assert "demo-knooppunt" in output and "KNOOPPUNTDEMOKEY" in output
    vuurtoren = School.objects.get(name="IKC De Vuurtoren")
    assert vuurtoren.knooppunt.partners.filter(participation="structureel").count() == 4


def test_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo")
    assert not User.objects.exists()

"""Pick the benchmark's people and pages in a seeded region and sign them in.

    DJANGO_SETTINGS_MODULE=tests.benchmarks.web.settings python -m tests.benchmarks.web.prepare OUT

Writes OUT (JSON): per role a session cookie and the pages to request. The people are the busiest
school's IB'er and directeur, a school social worker involved in one of its cases and
the samenwerkingsverband's trajectbegeleider; sessions are made as after both sign-in steps.
"""

import json
import sys
import time

import django


def _cookie_for(user) -> str:
    from django.conf import settings
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cases.views.read import SEARCH_SESSION_KEY
    from partners.middleware import SIGNED_IN_AT

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[SIGNED_IN_AT] = int(time.time()) + 24 * 3600  # outlives any run
    session[SEARCH_SESSION_KEY] = {"bench": "a"}  # a search by name, as the list remembers it
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _targets() -> dict:
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import timezone

    from cases.constants import Status
    from cases.models import Case, Involvement
    from cases.views.read import SEARCH_PARAM
    from meetings.models import Meeting
    from partners.constants import Function
    from partners.models import Professional, School

    busiest = Case.objects.values("school").annotate(n=Count("pk")).order_by("-n", "school")
    school = School.objects.get(pk=busiest[0]["school"])
    members = Professional.objects.filter(organisation=school.organisation, is_active=True)
    ib = members.get(function=Function.IB).user
    directeur = members.filter(function=Function.DIRECTEUR).first().user
    involvement = (
        Involvement.objects.filter(case__school=school, professional__function=Function.SMW)
        .select_related("professional__user", "case")
        .order_by("pk")
        .first()
    )
    swv = school.samenwerkingsverband.organisation
    trajectbegeleider = (
        Professional.objects.filter(organisation=swv, function=Function.TRAJECTBEGELEIDER)
        .first()
        .user
    )
    case = (
        Case.objects.filter(school=school).exclude(status=Status.AFGESLOTEN).order_by("pk").first()
    )
    meeting = (
        Meeting.objects.filter(school=school, date__gte=timezone.localdate())
        .order_by("date")
        .first()
    )
    cases = reverse("cases:case_list")
    baseline = reverse("bench_baseline")
    pages = {
        "ib": {
            "IB'er home": reverse("partners:home"),
            "case list": cases,
            "case list, filtered": f"{cases}?status={Status.UITVOERING}",
            "case list, searched": f"{cases}?{SEARCH_PARAM}=bench",
            "case page": reverse("cases:case_detail", args=[case.uuid]),
            "agenda builder": reverse("meetings:meeting_detail", args=[meeting.uuid]),
            "year planning": reverse("meetings:planning", args=[school.uuid]),
        },
        "partner": {
            "partner home": reverse("partners:home"),
            "my cases": reverse("cases:my_cases"),
            "partner case page": reverse("cases:case_detail", args=[involvement.case.uuid]),
        },
        "directeur": {"directeur home": reverse("partners:home")},
        "trajectbegeleider": {"SWV queue": reverse("tlv:overview")},
    }
    people = {
        "ib": ib,
        "partner": involvement.professional.user,
        "directeur": directeur,
        "trajectbegeleider": trajectbegeleider,
    }
    return {
        role: {"cookie": _cookie_for(people[role]), "pages": pages[role], "baseline": baseline}
        for role in pages
    }


def main() -> None:
    django.setup()
    with open(sys.argv[1], "w") as out:
        json.dump(_targets(), out, indent=2)


if __name__ == "__main__":
    main()

"""What the header and menu show, read once per session renewal instead of on every page.

The menu only offers links; every page behind them asks its own access question. So the facts
may lag a change of memberships by at most the session's renewal interval
(partners.middleware.TOUCH_SECONDS), and a page costs no queries for its menu in between.
"""

from django.contrib.sessions.backends.base import SessionBase

from partners.access import active_memberships
from partners.constants import Function
from partners.models import User
from partners.selectors import primary_membership, school_list

NAVIGATION = "knooppunt_navigation"


def _facts(user: User) -> dict:
    membership = primary_membership(user=user)
    return {
        "user": user.pk,
        "membership": membership
        and {
            "function": str(membership.get_function_display()),
            "organisation": str(membership.organisation),
        },
        "schools": [
            {"uuid": str(school.uuid), "name": school.name}
            for school in school_list(fetched_by=user)
        ],
        # The school-wide case list is for the school's IB'er and directeur.
        "case_list": active_memberships(user)
        .filter(function__in=[Function.IB, Function.DIRECTEUR], organisation__school__isnull=False)
        .exists(),
    }


def navigation_facts(session: SessionBase, user: User) -> dict:
    """The menu facts for this signed-in user, from the session or read afresh and kept there."""
    facts = session.get(NAVIGATION)
    if not facts or facts["user"] != user.pk:
        facts = session[NAVIGATION] = _facts(user)
    return facts


def forget_navigation(session: SessionBase) -> None:
    session.pop(NAVIGATION, None)

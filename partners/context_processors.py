from django.http import HttpRequest

from partners.navigation import navigation_facts


def navigation(request: HttpRequest) -> dict:
    """What the header and navigation show: who is signed in, and what their role may use."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_verified():
        return {}
    facts = navigation_facts(request.session, user)
    return {
        "nav_membership": facts["membership"],
        "nav_schools": facts["schools"],
        "nav_is_admin": user.is_staff,
        "nav_case_list": facts["case_list"],
    }

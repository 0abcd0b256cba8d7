"""A school's opt-in page for parents: what the knooppunt is and when partners are in the
building. Open to everyone once the IB'er switches it on; it never shows case data."""

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from meetings.forms.planning import PublicPageForm
from meetings.models import PublicPage
from meetings.public import public_page_content, public_page_for, public_page_update
from partners.access import get_school_for_user


@login_not_required
@require_GET
def public_page(request: HttpRequest, school_uuid: UUID) -> HttpResponse:
    page = (
        PublicPage.objects.select_related("school")
        .filter(school__uuid=school_uuid, enabled=True)
        .first()
    )
    if page is None:
        raise Http404
    context = {"school": page.school, "page": page}
    context |= public_page_content(school=page.school)
    return render(request, "meetings/public/page.html", context)


@require_http_methods(["GET", "POST"])
def public_page_edit(request: HttpRequest, school_uuid: UUID) -> HttpResponse:
    school = get_school_for_user(request.user, school_uuid, edit=True)
    page = public_page_for(school=school) or PublicPage(school=school)
    form = PublicPageForm(request.POST or None, instance=page)
    if request.method == "POST" and form.is_valid():
        try:
            public_page_update(school=school, changed_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De pagina voor ouders is opgeslagen."))
            return redirect("meetings:public_page_edit", school_uuid=school.uuid)
    public_url = settings.SITE_URL + reverse("meetings:public_page", args=[school.uuid])
    context = {"school": school, "form": form, "page": page, "public_url": public_url}
    return render(request, "meetings/public/page_edit.html", context)

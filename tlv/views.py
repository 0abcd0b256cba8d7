"""Thin views over tlv/services.py and tlv/selectors.py; every dossier goes through the gate in
tlv/access.py, and every read of its content is logged."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases import audit
from cases.access import CHANGE, actor_for, get_case_for_user
from knooppunt.concurrency import StaleEdit
from knooppunt.pdf import render_pdf
from tlv import forms, selectors, services
from tlv.access import get_dossier_for_user, opp_roles
from tlv.completeness import missing
from tlv.models import Attachment


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    dossiers = list(selectors.dossier_list(fetched_by=actor)[:200])
    for dossier in dossiers:
        dossier.days_left = selectors.days_left(dossier)
    return render(
        request,
        "tlv/overview.html",
        {
            "dossiers": dossiers,
            "opps": selectors.opp_list(fetched_by=actor)[:200],
            "may_start": selectors.may_start(actor),
            "may_see_findings": selectors.findings_scope(actor).exists(),
        },
    )


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """The IB'er's page to start a TLV request: their school's cases from level 4. The case
    page itself knows nothing of the TLV (cases is below tlv); this page links to it."""
    actor = actor_for(request)
    if not selectors.may_start(actor):
        raise PermissionDenied
    cases = list(selectors.startable_cases(fetched_by=actor)[:200])
    return render(request, "tlv/start.html", {"cases": cases})


@require_POST
def dossier_start(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=CHANGE)
    try:
        dossier = services.dossier_start(actor=actor_for(request), case=case)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("tlv:start")
    messages.success(request, _("De TLV-aanvraag is gestart. Vul het dossier aan."))
    return redirect("tlv:dossier_edit", dossier_uuid=dossier.uuid)


def _context(access, **extra) -> dict:
    dossier = access.dossier
    return {
        "access": access,
        "dossier": dossier,
        "days_left": selectors.days_left(dossier),
        "gaps": missing(dossier) if access.may_edit else [],
        **extra,
    }


@require_GET
def dossier_detail(request: HttpRequest, dossier_uuid: UUID) -> HttpResponse:
    access = get_dossier_for_user(request, dossier_uuid)
    audit.tlv_dossier_viewed(
        access.actor, case=access.case, what="TLV-dossier", ground=access.ground
    )
    dossier = access.dossier
    context = _context(
        access,
        attachments=dossier.attachments.all(),
        advices=dossier.advices.all(),
        decision=getattr(dossier, "decision", None),
        keeps_opp=hasattr(dossier, "opp") and bool(opp_roles(access.actor, dossier)),
        sign_form=forms.SignForm(),
        return_form=forms.ReturnForm(),
        expert_form=forms.ExpertForm(),
        advice_form=forms.AdviceForm(),
        confirm_form=forms.ConfirmForm(),
        attachment_form=forms.AttachmentForm(),
    )
    return render(request, "tlv/dossier_detail.html", context)


@require_http_methods(["GET", "POST"])
def dossier_edit(request: HttpRequest, dossier_uuid: UUID) -> HttpResponse:
    access = get_dossier_for_user(request, dossier_uuid)
    if not access.may_edit:
        raise PermissionDenied
    form = forms.DossierForm(request.POST or None, instance=access.dossier)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.DOSSIER_FIELDS}
        try:
            services.dossier_update(access=access, version=form.cleaned_data["version"], **data)
        except StaleEdit as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het dossier is opgeslagen."))
            return redirect("tlv:dossier_detail", dossier_uuid=dossier_uuid)
    else:
        audit.tlv_dossier_viewed(
            access.actor, case=access.case, what="TLV-dossier bewerken", ground=access.ground
        )
    return render(request, "tlv/dossier_edit.html", _context(access, form=form))


@require_POST
def attachment_add(request: HttpRequest, dossier_uuid: UUID) -> HttpResponse:
    access = get_dossier_for_user(request, dossier_uuid)
    if not access.may_edit:
        raise PermissionDenied
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                access=access,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De bijlage is toegevoegd."))
    else:
        messages.error(request, _("Kies een soort, een omschrijving en een bestand."))
    return redirect("tlv:dossier_detail", dossier_uuid=dossier_uuid)


@require_GET
def attachment_download(
    request: HttpRequest, dossier_uuid: UUID, attachment_uuid: UUID
) -> FileResponse:
    access = get_dossier_for_user(request, dossier_uuid)
    attachment = get_object_or_404(Attachment, dossier=access.dossier, uuid=attachment_uuid)
    audit.tlv_attachment_downloaded(
        access.actor, case=access.case, what=f"TLV-bijlage {attachment.uuid}", ground=access.ground
    )
    extension = {
        "application/pdf": "pdf",
        "image/png": "png",
        "image/jpeg": "jpg",
    }.get(attachment.content_type, "bin")
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=f"bijlage-{attachment.uuid}.{extension}",
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


STEPS = {
    "offer": (
        None,
        lambda access, data: services.dossier_offer(access=access),
        _("Het dossier ligt nu bij de procesbegeleider."),
    ),
    "sign": (
        forms.SignForm,
        lambda access, data: services.dossier_sign(access=access, **data),
        _("Ondertekend en ingediend bij het samenwerkingsverband."),
    ),
    "return": (
        forms.ReturnForm,
        lambda access, data: services.dossier_return(access=access, **data),
        _("De aanvraag is teruggestuurd naar de school."),
    ),
    "take": (
        None,
        lambda access, data: services.dossier_take(access=access),
        _("Je hebt de aanvraag in behandeling genomen."),
    ),
    "expert": (
        forms.ExpertForm,
        lambda access, data: services.expert_name(access=access, **data),
        _("De deskundige is gevraagd."),
    ),
    "advice": (
        forms.AdviceForm,
        lambda access, data: services.advice_give(access=access, **data),
        _("Je advies is opgeslagen."),
    ),
    "confirm": (
        forms.ConfirmForm,
        lambda access, data: services.advice_confirm(access=access, **data),
        _("Het advies is bevestigd; de beslistermijn loopt."),
    ),
}


@require_POST
def dossier_step(request: HttpRequest, dossier_uuid: UUID, step: str) -> HttpResponse:
    access = get_dossier_for_user(request, dossier_uuid)
    if step not in STEPS:
        raise PermissionDenied
    form_class, run, done = STEPS[step]
    data = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
            return redirect("tlv:dossier_detail", dossier_uuid=dossier_uuid)
        data = form.cleaned_data
    try:
        run(access, data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    # A step that hands the request on (signing, returning) may end this reader's access.
    if not access.reads:
        return redirect("tlv:overview")
    return redirect("tlv:dossier_detail", dossier_uuid=dossier_uuid)


@require_http_methods(["GET", "POST"])
def decision(request: HttpRequest, dossier_uuid: UUID) -> HttpResponse:
    access = get_dossier_for_user(request, dossier_uuid)
    if not access.may_decide:
        raise PermissionDenied
    form = forms.DecisionForm(
        request.POST or None, samenwerkingsverband=access.dossier.samenwerkingsverband
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(access=access, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het besluit is vastgelegd."))
            return redirect("tlv:dossier_detail", dossier_uuid=dossier_uuid)
    return render(request, "tlv/decision_form.html", _context(access, form=form))


@require_GET
def letter(request: HttpRequest, dossier_uuid: UUID) -> HttpResponse:
    access = get_dossier_for_user(request, dossier_uuid)
    if not access.may_print_letter:
        raise PermissionDenied
    audit.tlv_document_printed(
        access.actor, case=access.case, what="TLV-besluitbrief", ground=access.ground
    )
    dossier = access.dossier
    pdf = render_pdf("pdf/tlv_letter.html", {"dossier": dossier, "decision": dossier.decision})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tlv-besluit-{dossier.uuid}.pdf"'
    return response


@require_GET
def findings(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    if not selectors.findings_scope(actor).exists():
        raise PermissionDenied
    rows = selectors.findings(fetched_by=actor)
    if request.GET.get("formaat") == "csv":
        response = HttpResponse(selectors.findings_csv(rows), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="tlv-bevindingen.csv"'
        return response
    return render(request, "tlv/findings.html", {"rows": rows})

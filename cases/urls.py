from django.urls import path

from cases.views import advice, consent, read, write, write_involvement, write_work

app_name = "cases"

case = "casussen/<uuid:case_uuid>/"

urlpatterns = [
    # Lists and the case page (cases/views/read.py)
    path("casussen/", read.case_list, name="case_list"),
    path("mijn-casussen/", read.my_cases, name="my_cases"),
    path(case, read.case_detail, name="case_detail"),
    path(f"{case}betrokkenen/", read.case_involved, name="case_involved"),
    path(f"{case}werkafspraken/", read.case_werkafspraken, name="case_werkafspraken"),
    path(f"{case}voortgang/", read.case_progress, name="case_progress"),
    path(f"{case}tijdlijn/", read.case_timeline, name="case_timeline"),
    path(f"{case}inzage-log/", read.case_accesslog, name="case_accesslog"),
    # Changes (cases/views/write.py, write_involvement.py, write_work.py)
    path("casussen/nieuw/", write.case_new, name="case_new"),
    path(f"{case}wijzigen/", write.case_edit, name="case_edit"),
    path(f"{case}status/", write.case_status, name="case_status"),
    path(f"{case}betrokkenen/nieuw/", write_involvement.involvement_add, name="involvement_add"),
    path(
        f"{case}betrokkenen/<uuid:involvement_uuid>/beeindigen/",
        write_involvement.involvement_end,
        name="involvement_end",
    ),
    path(f"{case}regie/", write_involvement.regie_assign, name="regie_assign"),
    path(f"{case}werkafspraken/nieuw/", write_work.werkafspraak_add, name="werkafspraak_add"),
    path(
        f"{case}werkafspraken/<uuid:werkafspraak_uuid>/wijzigen/",
        write_work.werkafspraak_edit,
        name="werkafspraak_edit",
    ),
    path(f"{case}voortgang/nieuw/", write_work.progress_add, name="progress_add"),
    path(f"{case}terugkoppeling/nieuw/", write_work.feedback_add, name="feedback_add"),
    path(
        f"{case}terugkoppeling/<uuid:feedback_uuid>/ontvangen/",
        write_work.feedback_received,
        name="feedback_received",
    ),
    # Anonymous advice questions to the kernteam (cases/views/advice.py)
    path("advies/", advice.advice_list, name="advice_list"),
    path("advies/nieuw/", advice.advice_new, name="advice_new"),
    path("advies/<uuid:question_uuid>/", advice.advice_detail, name="advice_detail"),
    # Consent and other legal bases (cases/views/consent.py)
    path(f"{case}toestemming/", consent.case_consent, name="case_consent"),
    path(f"{case}toestemming/nieuw/", consent.consent_add, name="consent_add"),
    path(f"{case}toestemming/vragen/", consent.consent_ask, name="consent_ask"),
    path(f"{case}grondslag/nieuw/", consent.legal_basis_add, name="legal_basis_add"),
    path(
        f"{case}grondslag/<uuid:basis_uuid>/beeindigen/",
        consent.legal_basis_end,
        name="legal_basis_end",
    ),
]

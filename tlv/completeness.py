"""What a TLV dossier still lacks, in plain words for the IB'er (docs/domain.md, "TLV and
toeleiding"): an incomplete dossier cannot be offered for signature or submitted."""

from django.utils.translation import gettext as _

from consent.constants import Purpose
from consent.rules import consent_facts
from tlv.models import Dossier

REQUIRED = (
    ("signals", _("Beschrijf de signalen (duiden).")),
    ("observations", _("Beschrijf wat je hebt geobserveerd (duiden).")),
    ("analysis", _("Geef de analyse: wat is er aan de hand en wat heeft het kind nodig (duiden).")),
    ("goals", _("Noem de doelen (doen).")),
    ("planned_action", _("Beschrijf de geplande aanpak (doen).")),
    ("evaluations", _("Beschrijf de evaluaties: wat is er bereikt (doen).")),
    ("need_education", _("Beschrijf de ondersteuningsbehoefte in het onderwijs.")),
    ("level_1", _("Beschrijf wat er op niveau 1 (in de groep) is gedaan en met welk resultaat.")),
    (
        "level_2",
        _("Beschrijf wat er op niveau 2 (extra zorg in de groep) is gedaan en met welk resultaat."),
    ),
    ("level_3", _("Beschrijf wat er op niveau 3 (met de IB'er) is gedaan en met welk resultaat.")),
    (
        "level_4",
        _(
            "Beschrijf wat er op niveau 4 (met externe deskundigen) is gedaan en met welk "
            "resultaat."
        ),
    ),
)


def missing(dossier: Dossier) -> list[str]:
    """Every gap, each as one sentence; empty when the dossier is complete."""
    gaps = [message for name, message in REQUIRED if not getattr(dossier, name).strip()]
    if dossier.case.level < 4:
        gaps.append(_("De casus staat nog niet op ondersteuningsniveau 4."))
    if not dossier.parents_agree:
        gaps.append(_("Leg vast dat de ouders betrokken zijn en instemmen met de aanvraag."))
    if not dossier.attachments.exists():
        gaps.append(_("Voeg ten minste één bijlage toe, zoals een verslag of het OPP."))
    facts = consent_facts(pupil=dossier.case.pupil)
    if dossier.jgz_findings.strip() and not facts.in_force(Purpose.JEUGDARTS):
        gaps.append(
            _(
                "Er staan bevindingen van de JGZ in het dossier zonder toestemming voor "
                "uitwisseling met de jeugdarts. Haal ze weg of leg eerst die toestemming vast."
            )
        )
    if dossier.gezinsplan_findings.strip() and not facts.in_force(Purpose.GEZINSPLAN):
        gaps.append(
            _(
                "Er staan bevindingen uit het gezinsplan in het dossier zonder toestemming om "
                "het gezinsplan te delen. Haal ze weg of leg eerst die toestemming vast."
            )
        )
    return gaps

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingType(models.TextChoices):
    """The verschijningsvormen (docs/domain.md, "Meeting types"), plus the small meetings planned
    in between."""

    CASUISTIEK = "casuistiek", _("Casuïstiek")
    ALGEMEEN = "algemeen", _("Algemeen (evaluatie werkwijze)")
    TOELEIDING = "toeleiding", _("Toeleiding (TLV)")
    SAMEN_DOOR = "samen_door", _("Samen door")
    VOORSCHOOLS = "voorschools", _("Voorschools")
    TUSSENDOOR = "tussendoor", _("Klein overleg tussendoor")


# Only the yearly evaluation of the way of working is held without parents and without cases.
WITHOUT_PARENTS = frozenset({MeetingType.ALGEMEEN})


class MeetingStatus(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    HELD = "gehouden", _("Gehouden")
    CANCELLED = "geannuleerd", _("Geannuleerd")


class PlanningKind(models.TextChoices):
    MEETING = "overleg", _("Knooppuntoverleg")
    PRESENCE = "aanwezigheid", _("Aanwezigheid vaste partners in gebouw")


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, _("eerste")
    SECOND = 2, _("tweede")
    THIRD = 3, _("derde")
    FOURTH = 4, _("vierde")
    LAST = -1, _("laatste")


class Response(models.TextChoices):
    PENDING = "open", _("Nog geen antwoord")
    ACCEPTED = "geaccepteerd", _("Geaccepteerd")
    DECLINED = "afgeslagen", _("Afgeslagen")


class Attendance(models.TextChoices):
    UNKNOWN = "onbekend", _("Nog niet vastgelegd")
    PRESENT = "aanwezig", _("Aanwezig")
    EXCUSED = "afgemeld", _("Afgemeld")
    ABSENT = "afwezig", _("Afwezig zonder afmelding")


class OutboxState(models.TextChoices):
    """Where an outbox row stands (meetings/outbox.py). FAILED is a transient failure that is
    retried without limit; only FAILED_FOR_GOOD is final, with its Failure saying why."""

    QUEUED = "in_wachtrij", _("In wachtrij")
    HANDING_OVER = "overdracht", _("Wordt aan de mailserver overgedragen")
    SENT = "verzonden", _("Verzonden")
    FAILED = "mislukt", _("Vertraagd, wordt opnieuw geprobeerd")
    FAILED_FOR_GOOD = "definitief_mislukt", _("Definitief mislukt")
    LAPSED = "vervallen", _("Vervallen, niet meer nodig")


class Failure(models.TextChoices):
    """Why a row failed for good: the permanent errors of docs/security.md, "Nothing lost"."""

    ADDRESS_INVALID = "ongeldig_adres", _("ongeldig e-mailadres")
    ADDRESS_REFUSED = "adres_geweigerd", _("e-mailadres geweigerd door de mailserver")
    REFUSED = "geweigerd", _("bericht geweigerd door de mailserver")
    UNBUILDABLE = "onmaakbaar", _("het bericht kon niet worden gemaakt")


class InvitationMethod(models.TextChoices):
    REQUEST = "REQUEST", _("Uitnodiging")
    CANCEL = "CANCEL", _("Afzegging")


class ReminderKind(models.TextChoices):
    MEETING_TOMORROW = "overleg_morgen", _("Overleg morgen")
    EVALUATION_DUE = "evaluatie", _("Evaluatiedatum werkafspraak bereikt")
    FEEDBACK_OVERDUE = "terugkoppeling", _("Terugkoppeling te laat")
    ALGEMEEN_DUE = "algemeen", _("Jaarlijks knooppunt algemeen nodig")
    CONSENT_AGE = "toestemming_leeftijd", _("Leerling beslist nu zelf mee over toestemming")
    # Queued by a higher app (tlv) through reminders.queue_due; meetings knows only the kind.
    TLV_DEADLINE = "tlv_termijn", _("Uiterste besluitdatum TLV-aanvraag nadert")
    OPP_EVALUATION = "opp_evaluatie", _("Evaluatie OPP nadert")


# The kijkwijzer (docs/domain.md, "Organisation"): the questions the yearly knooppunt "algemeen"
# walks through.
KIJKWIJZER_AGENDA = (
    _("Organisatie: dag, tijdstip en frequentie van het knooppunt"),
    _("Samenstelling: structurele en incidentele partners, contactpersonen"),
    _("Hoeveel uren SMW, JGZ en Team Jeugd zijn nodig en in welke vorm?"),
    _("Wie heeft de regie in welke fase?"),
    _("Hoe maken we de foto en de vertaalslag naar hulpverlening?"),
    _("Vragen we op tijd consult en advies, bij wie en waarover?"),
    _("Heeft elke deelnemer mandaat om besluiten te nemen?"),
    _("Hoe verloopt de onderlinge afstemming tussen partners?"),
    _("Het gesprek met ouders: komen ouders in de regie?"),
    _("Hoe worden ketenpartners tijdig betrokken bij een TLV-aanvraag?"),
    _("Afspraken over interventie, evaluatie en bijstellen (HGW/PDCA)"),
    _("Ontwikkelagenda: wat willen we samen ontwikkelen?"),
)

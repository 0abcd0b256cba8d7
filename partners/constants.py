from django.db import models
from django.utils.translation import gettext_lazy as _


class UserKind(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    PARENT = "parent", _("Ouder / verzorger")


class Sector(models.TextChoices):
    VOORSCHOOL = "voorschool", _("Voorschool")
    PO = "po", _("Primair onderwijs (PO)")
    SBO = "sbo", _("Speciaal basisonderwijs (SBO)")
    SO = "so", _("Speciaal onderwijs (SO)")
    VO = "vo", _("Voortgezet onderwijs (VO)")
    VSO = "vso", _("Voortgezet speciaal onderwijs (VSO)")
    PRO = "pro", _("Praktijkonderwijs (PrO)")
    MBO = "mbo", _("Middelbaar beroepsonderwijs (MBO)")


# A voorschool is registered in the Landelijk Register Kinderopvang (an LRK number), not by a
# BRIN; an MBO institution belongs to no samenwerkingsverband (docs/domain.md, "Organisation").
SECTORS_WITH_LRK = frozenset({Sector.VOORSCHOOL})
SECTORS_WITHOUT_SWV = frozenset({Sector.MBO})
# The schools a TLV admits to (docs/domain.md, "TLV and toeleiding").
RECEIVING_SECTORS = frozenset({Sector.SBO, Sector.SO, Sector.VSO, Sector.PRO})


class OrganisationKind(models.TextChoices):
    SCHOOL = "school", _("School")
    BESTUUR = "bestuur", _("Schoolbestuur")
    SMW = "smw", _("Schoolmaatschappelijk werk")
    JGZ = "jgz", _("Jeugdgezondheidszorg / GGD")
    TOEGANG = "toegang", _("Gemeentelijke toegang / Team Jeugd")
    LEERPLICHT = "leerplicht", _("Leerplicht")
    SWV = "swv", _("Samenwerkingsverband")
    ZORGAANBIEDER = "zorgaanbieder", _("Zorgaanbieder")
    KINDEROPVANG = "kinderopvang", _("Kinderopvang")
    POLITIE = "politie", _("Politie")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    OTHER = "other", _("Overig")


class Function(models.TextChoices):
    IB = "ib", _("Intern begeleider / zorgcoördinator")
    DIRECTEUR = "directeur", _("Directeur")
    LEERKRACHT = "leerkracht", _("Leerkracht / mentor")
    SMW = "smw", _("Schoolmaatschappelijk werker")
    JEUGDARTS = "jeugdarts", _("Jeugdarts")
    JEUGDVERPLEEGKUNDIGE = "jeugdverpleegkundige", _("Jeugdverpleegkundige")
    CONSULENT = "consulent", _("Consulent Team Jeugd")
    LEERPLICHTAMBTENAAR = "leerplichtambtenaar", _("Leerplichtambtenaar")
    TRAJECTBEGELEIDER = "trajectbegeleider", _("Trajectbegeleider")
    PROCESBEGELEIDER = "procesbegeleider", _("Procesbegeleider")
    ORTHOPEDAGOOG = "orthopedagoog", _("Orthopedagoog")
    DESKUNDIGE = "deskundige", _("Deskundige")
    HULPVERLENER = "hulpverlener", _("Hulpverlener")
    PRAKTIJKONDERSTEUNER = "praktijkondersteuner", _("Praktijkondersteuner")
    WIJKAGENT = "wijkagent", _("Wijkagent")
    LOGOPEDIST = "logopedist", _("Logopedist")
    PEDAGOGISCH_MEDEWERKER = "pedagogisch_medewerker", _("Pedagogisch medewerker / VVE")
    CONSULTANT = "consultant", _("Consultant")


# Functions that speak for the school itself; everyone else at the table is a partner.
SCHOOL_FUNCTIONS = frozenset({Function.IB, Function.DIRECTEUR, Function.LEERKRACHT})

# Functions that by themselves give rights on a school's cases (the IB'er all of them, the
# directeur their existence). A membership in one of these, or any membership of a school's own
# organisation (school staff share the school's content once involved), takes a second person's
# confirmation before it counts (docs/security.md, four eyes).
CASE_ACCESS_FUNCTIONS = frozenset({Function.IB, Function.DIRECTEUR})


class Participation(models.TextChoices):
    STRUCTURAL = "structureel", _("Structurele partner")
    INCIDENTAL = "incidenteel", _("Incidentele partner")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("maandag")
    TUESDAY = 1, _("dinsdag")
    WEDNESDAY = 2, _("woensdag")
    THURSDAY = 3, _("donderdag")
    FRIDAY = 4, _("vrijdag")

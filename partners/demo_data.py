"""The fictional world of `manage.py demo`: one samenwerkingsverband, one board, three schools.

IKC De Vuurtoren, its region and all its people are invented; its partner table keeps the
structure of the source "Knooppunt IKC De Geluksvogel" (docs/domain.md).
"""

from partners.constants import Function, OrganisationKind, Participation, Sector, Weekday

SWV = {"code": "PO3105", "name": "Passend Onderwijs Lindenhoven"}
BESTUUR = {"name": "Stichting Klimop Onderwijs", "bestuursnummer": "41999"}

# (BRIN, name, sector, e-mail domain)
SCHOOLS = [
    ("99VT", "IKC De Vuurtoren", Sector.PO, "vuurtoren.example"),
    ("99RB", "Basisschool De Regenboog", Sector.PO, "regenboog.example"),
    ("99BR", "SBO De Brug", Sector.SBO, "debrug.example"),
]

# Partner organisations: key -> (name, kind)
ORGANISATIONS = {
    "smw": ("Welzijn Lindenhoven – schoolmaatschappelijk werk", OrganisationKind.SMW),
    "jgz": ("GGD Lindenhoven – Jeugdgezondheidszorg", OrganisationKind.JGZ),
    "teamjeugd": ("Team Jeugd gemeente Lindenhoven", OrganisationKind.TOEGANG),
    "leerplicht": ("Bureau Leerplicht Lindenhoven", OrganisationKind.LEERPLICHT),
    "ggz": ("Huisartsenpraktijk Het Anker – POH-GGZ", OrganisationKind.ZORGAANBIEDER),
    "kinderopvang": ("Kinderopvang Het Speelhuis", OrganisationKind.KINDEROPVANG),
    "politie": ("Politie basisteam Lindenhoven", OrganisationKind.POLITIE),
    "zorg": ("Jeugdhulp De Horizon", OrganisationKind.ZORGAANBIEDER),
    "logopedie": ("Logopediepraktijk Klankkast", OrganisationKind.ZORGAANBIEDER),
    "dienstencentrum": ("Klimop Dienstencentrum", OrganisationKind.OTHER),
}

# Accounts at IKC De Vuurtoren and its partners:
# (local part, first name, last name, organisation key, function).
# The organisation key "school", "swv" and "bestuur" mean the school, the SWV and the board.
VUURTOREN_PEOPLE = [
    ("ib", "Marloes", "Brinkhuis", "school", Function.IB),
    ("directeur", "Gerard", "Hoogland", "school", Function.DIRECTEUR),
    ("leerkracht", "Daan", "Oosterveld", "school", Function.LEERKRACHT),
    ("smw", "Esther", "Kuipers", "smw", Function.SMW),
    ("jeugdarts", "Sanne", "Dijkhuis", "jgz", Function.JEUGDARTS),
    ("jeugdverpleegkundige", "Ineke", "Stroeve", "jgz", Function.JEUGDVERPLEEGKUNDIGE),
    ("teamjeugd", "Rachid", "Bouzian", "teamjeugd", Function.CONSULENT),
    ("leerplicht", "Wouter", "Lindeboom", "leerplicht", Function.LEERPLICHTAMBTENAAR),
    ("trajectbegeleider", "Hanneke", "Vrolijk", "swv", Function.TRAJECTBEGELEIDER),
    ("orthopedagoog", "Maaike", "Terpstra", "swv", Function.ORTHOPEDAGOOG),
    ("deskundige", "Jeroen", "Valkema", "swv", Function.DESKUNDIGE),
    ("procesbegeleider", "Femke", "Roorda", "bestuur", Function.PROCESBEGELEIDER),
    ("poh-ggz", "Yvonne", "Brandsma", "ggz", Function.PRAKTIJKONDERSTEUNER),
    ("vve", "Samira", "Ouali", "kinderopvang", Function.PEDAGOGISCH_MEDEWERKER),
    ("wijkagent", "Erik", "Zwiers", "politie", Function.WIJKAGENT),
    ("hulpverlener", "Thijs", "Hofstede", "zorg", Function.HULPVERLENER),
    ("logopedist", "Nienke", "Algra", "logopedie", Function.LOGOPEDIST),
    ("consultant", "Bart", "Wolters", "dienstencentrum", Function.CONSULTANT),
]

# The partner table of IKC De Vuurtoren (docs/domain.md, "Organisation"): organisation key,
# participation, local part
VUURTOREN_TABLE = [
    ("smw", Participation.STRUCTURAL, "smw"),
    ("jgz", Participation.STRUCTURAL, "jeugdarts"),
    ("teamjeugd", Participation.STRUCTURAL, "teamjeugd"),
    ("leerplicht", Participation.STRUCTURAL, "leerplicht"),
    ("ggz", Participation.INCIDENTAL, "poh-ggz"),
    ("kinderopvang", Participation.INCIDENTAL, "vve"),
    ("politie", Participation.INCIDENTAL, "wijkagent"),
    ("zorg", Participation.INCIDENTAL, "hulpverlener"),
    ("logopedie", Participation.INCIDENTAL, "logopedist"),
    ("dienstencentrum", Participation.INCIDENTAL, "consultant"),
]

VUURTOREN_SETUP = {
    "meeting_day": Weekday.MONDAY,
    "frequency": "Zes keer per jaar op de eerste maandag van de maand, 9.00–11.00 uur",
    "presence": "De structurele partners zijn elke eerste maandag van de maand van 9.00 tot "
    "12.00 uur in het gebouw; ouders kunnen dan zonder afspraak binnenlopen.",
    "location": "Teamkamer, IKC De Vuurtoren",
    "max_partners_per_item": 3,
    "procedure": (
        "Ouders zijn vaste partner aan tafel en worden vanaf dag één betrokken.\n"
        "De intern begeleider bereidt de agenda voor en bepaalt per casus wie aansluit; "
        "we houden het aantal partners per bespreking klein.\n"
        "Voor het bespreken van een kind is toestemming van (liefst beide) ouders nodig.\n"
        "Wie de regie heeft, wordt per casus met de ouders afgesproken en vastgelegd.\n"
        "Eén keer per jaar evalueren we in een knooppunt algemeen onze werkwijze."
    ),
    "development_agenda": (
        "Ouders beter informeren over de aanwezigheid van partners op de eerste maandag van de "
        "maand (bericht aan ouders en blogberichten van partners).\n"
        "Data van knooppunten en aanwezigheid opnemen in de schoolkalender."
    ),
}

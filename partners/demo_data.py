"""The fictional world of `manage.py demo`: one samenwerkingsverband, one board, three schools.

IKC De Geluksvogel is modelled on "Knooppunt IKC De Geluksvogel" (docs/domain.md; its partner
table, with invented people).
"""

from partners.constants import Function, OrganisationKind, Participation, Sector, Weekday

SWV = {"code": "PO3105", "name": "Passend Onderwijs Heuvelland"}
BESTUUR = {"name": "Stichting Klimop Onderwijs", "bestuursnummer": "41999"}

# (BRIN, name, sector, e-mail domain)
SCHOOLS = [
    ("99GV", "IKC De Geluksvogel", Sector.PO, "geluksvogel.example"),
    ("99RB", "Basisschool De Regenboog", Sector.PO, "regenboog.example"),
    ("99BR", "SBO De Brug", Sector.SBO, "debrug.example"),
]

# Partner organisations: key -> (name, kind)
ORGANISATIONS = {
    "smw": ("Welzijn Heuvelland – schoolmaatschappelijk werk", OrganisationKind.SMW),
    "jgz": ("GGD Heuvelland – Jeugdgezondheidszorg", OrganisationKind.JGZ),
    "teamjeugd": ("Team Jeugd gemeente Heuvelland", OrganisationKind.TOEGANG),
    "leerplicht": ("Bureau Leerplicht Heuvelland", OrganisationKind.LEERPLICHT),
    "ggz": ("Huisartsenpraktijk De Linde – POH-GGZ", OrganisationKind.ZORGAANBIEDER),
    "kinderopvang": ("Kinderopvang Samen Spelen", OrganisationKind.KINDEROPVANG),
    "politie": ("Politie basisteam Heuvelland", OrganisationKind.POLITIE),
    "zorg": ("Jeugdhulp De Horizon", OrganisationKind.ZORGAANBIEDER),
    "logopedie": ("Logopediepraktijk Klankkast", OrganisationKind.ZORGAANBIEDER),
    "dienstencentrum": ("Klimop Dienstencentrum", OrganisationKind.OTHER),
}

# Accounts at IKC De Geluksvogel and its partners:
# (local part, first name, last name, organisation key, function).
# The organisation key "school", "swv" and "bestuur" mean the school, the SWV and the board.
GELUKSVOGEL_PEOPLE = [
    ("ib", "Nora", "Verbeek", "school", Function.IB),
    ("directeur", "Anke", "Willemsen", "school", Function.DIRECTEUR),
    ("leerkracht", "Tim", "Bosman", "school", Function.LEERKRACHT),
    ("smw", "Petra", "Thijssen", "smw", Function.SMW),
    ("jeugdarts", "Vera", "Wijnhoven", "jgz", Function.JEUGDARTS),
    ("jeugdverpleegkundige", "Lotte", "Hermans", "jgz", Function.JEUGDVERPLEEGKUNDIGE),
    ("teamjeugd", "Christel", "van den Berg", "teamjeugd", Function.CONSULENT),
    ("leerplicht", "Karima", "El Amrani", "leerplicht", Function.LEERPLICHTAMBTENAAR),
    ("trajectbegeleider", "Ruud", "Dassen", "swv", Function.TRAJECTBEGELEIDER),
    ("orthopedagoog", "Ilse", "Lemmens", "swv", Function.ORTHOPEDAGOOG),
    ("deskundige", "Marc", "Huijts", "swv", Function.DESKUNDIGE),
    ("procesbegeleider", "Sandra", "Claessens", "bestuur", Function.PROCESBEGELEIDER),
    ("poh-ggz", "Judith", "Coenen", "ggz", Function.PRAKTIJKONDERSTEUNER),
    ("vve", "Joyce", "Bleijlevens", "kinderopvang", Function.PEDAGOGISCH_MEDEWERKER),
    ("wijkagent", "Mark", "Ramakers", "politie", Function.WIJKAGENT),
    ("hulpverlener", "Bas", "Op den Camp", "zorg", Function.HULPVERLENER),
    ("logopedist", "Chantal", "Kusters", "logopedie", Function.LOGOPEDIST),
    ("consultant", "Jikke", "van Beers", "dienstencentrum", Function.CONSULTANT),
]

# The partner table of IKC De Geluksvogel (docs/domain.md, "Organisation"): organisation key,
# participation, local part
GELUKSVOGEL_TABLE = [
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

GELUKSVOGEL_SETUP = {
    "meeting_day": Weekday.MONDAY,
    "frequency": "Zes keer per jaar op de eerste maandag van de maand, 9.00–11.00 uur",
    "presence": "De structurele partners zijn elke eerste maandag van de maand van 9.00 tot "
    "12.00 uur in het gebouw; ouders kunnen dan zonder afspraak binnenlopen.",
    "location": "Teamkamer, IKC De Geluksvogel",
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

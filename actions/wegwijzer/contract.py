"""Vaste namen uit ../shared/contract.md (slotwaarden en verwijzings-ids).

Kanalen, statistieken en de helpdesk lezen deze namen: nooit hernoemen, alleen toevoegen.
"""

ROLLEN = ("leerling", "ouder", "onderwijspersoneel")
SITUATIES = ("pesten", "discriminatie", "seksueel_misbruik", "intimidatie", "anders")
ONDERWIJSTYPES = ("po", "vo")
VOOR_WIE = ("zelf", "ander")
DADERS = ("medeleerling", "personeel", "ouder", "onbekend")
# The five slots the wegwijzer asks or infers, with their values.
SLOTS = {"rol": ROLLEN, "situatie": SITUATIES, "onderwijstype": ONDERWIJSTYPES, "voor_wie": VOOR_WIE, "dader": DADERS}

MENSEN_OP_SCHOOL = (
    "mentor",
    "vertrouwenspersoon",
    "externe_vertrouwenspersoon",
    "aanspreekpunt_pesten",
    "intern_begeleider",
    "zorgcoordinator",
    "schoolleiding",
    "schoolbestuur",
    "medezeggenschapsraad",
)

ORGANISATIES = (
    "kindertelefoon",
    "vertrouwensinspecteur",
    "inspectie_loket",
    "klachtencommissie",
    "kinderombudsman",
    "laks",
    "ouders_onderwijs",
    "balans",
    "school_en_veiligheid",
    "veilig_thuis",
    "centrum_seksueel_geweld",
    "zelfmoordpreventie_113",
    "helpwanted",
    "discriminatie_nl",
    "politie",
    "alarmnummer_112",
    "meld_misdaad_anoniem",
    "slachtofferhulp",
    "coc",
)

VERWIJZING_IDS = MENSEN_OP_SCHOOL + ORGANISATIES

"""Routing: regels die voor elke vraag gelden, en vaste voorbeelden (golden tests)."""

import pytest

from wegwijzer import VEILIGHEIDSZIN, Vraag, maak_plan
from wegwijzer.contract import MENSEN_OP_SCHOOL, VERWIJZING_IDS
from wegwijzer.plan import STAP_SOORTEN

ROUTE_VOLGORDE = ("praten", "oplossing_op_school", "klacht", "melding")
WENS_STAP = {"erover_praten": "praten", "oplossing_op_school": "oplossing_op_school", "klacht": "klacht",
             "melding": "melding"}


def _in_scope(vraag):
    return "buiten_scope" not in vraag.context


def _fouten(plannen, regel):
    """Alle vragen waarvoor `regel` iets teruggeeft (een foutmelding); leeg is goed."""
    fout = []
    for vraag, plan in plannen:
        melding = regel(vraag, plan)
        if melding:
            fout.append(f"{melding}: {vraag}")
    return fout[:5]


# --- regels die voor elke vraag gelden ------------------------------------------------------

def test_elke_verwijzing_bestaat_en_staat_niet_dubbel(elk_plan, kb):
    bekend = set(kb.ids()) & set(VERWIJZING_IDS)

    def regel(vraag, plan):
        ids = [i for s in plan.stappen for i in s.verwijzingen]
        if not set(ids) <= bekend:
            return f"onbekend id {set(ids) - bekend}"
        if len(plan.verwijzingen) != len(set(plan.verwijzingen)) or set(plan.verwijzingen) != set(ids):
            return "verwijzingen dubbel of onvolledig"
        if any(len(s.verwijzingen) != len(set(s.verwijzingen)) for s in plan.stappen):
            return "dubbel id binnen een stap"
        if list(plan.verwijzingen) != list(dict.fromkeys(ids)):
            return "volgorde van verwijzingen klopt niet"
    assert not _fouten(elk_plan, regel)


def test_veiligheidszin_en_geldige_stappen(elk_plan):
    def regel(vraag, plan):
        if plan.veiligheidszin != VEILIGHEIDSZIN or VEILIGHEIDSZIN != "Neem alleen de stappen waar jij je veilig bij voelt.":
            return "veiligheidszin"
        if not plan.stappen or any(s.soort not in STAP_SOORTEN or not s.uitleg.strip() or not s.titel for s in plan.stappen):
            return "lege of ongeldige stap"
    assert not _fouten(elk_plan, regel)


def test_elk_plan_binnen_de_scope_noemt_iemand_op_school(elk_plan):
    def regel(vraag, plan):
        if _in_scope(vraag) and not set(plan.verwijzingen) & set(MENSEN_OP_SCHOOL):
            return "geen persoon op school"
    assert not _fouten(elk_plan, regel)


def test_acuut_gaat_altijd_voor(elk_plan):
    def regel(vraag, plan):
        eerste = plan.stappen[0]
        acute = [s for s in plan.stappen if s.soort == "acuut"]
        if not vraag.is_acuut:
            if acute or {"alarmnummer_112", "zelfmoordpreventie_113"} & set(plan.verwijzingen):
                return "acuut zonder acute vraag"
            return None
        if eerste.soort != "acuut" or len(acute) != 1:
            return "eerste stap is niet acuut"
        if vraag.acuut_soort == "levensgevaar" and eerste.verwijzingen != ("alarmnummer_112",):
            return "levensgevaar begint niet met 112"
        if vraag.acuut_soort == "zelfdoding":
            verwacht = ("zelfmoordpreventie_113",) + (
                ("alarmnummer_112",) if "direct_gevaar" in vraag.context else ())
            if eerste.verwijzingen != verwacht:
                return f"zelfdoding: {eerste.verwijzingen}"
        if vraag.acuut_soort is None and eerste.verwijzingen != ("alarmnummer_112", "zelfmoordpreventie_113"):
            return "acuut zonder soort: 112 en 113"
        if plan.verwijzingen[0] != eerste.verwijzingen[0]:
            return "eerste verwijzing is niet acuut"
    assert not _fouten(elk_plan, regel)


def test_vaste_verwijzingen_per_rol(elk_plan):
    def regel(vraag, plan):
        ids = set(plan.verwijzingen)
        if vraag.rol == "leerling" and "kindertelefoon" not in ids:
            return "leerling zonder kindertelefoon"
        if vraag.rol in ("ouder", "onderwijspersoneel") and "kindertelefoon" in ids:
            return "kindertelefoon voor volwassene"
        if not _in_scope(vraag):
            return None
        if vraag.rol == "ouder" and not {"ouders_onderwijs", "balans"} <= ids:
            return "ouder zonder ouders_onderwijs/balans"
        if vraag.rol == "onderwijspersoneel" and "school_en_veiligheid" not in ids:
            return "personeel zonder school_en_veiligheid"
        if vraag.rol != "ouder" and {"ouders_onderwijs", "balans"} & ids:
            return "ouder-organisatie voor een ander"
        if "laks" in ids and not (vraag.rol == "leerling" and vraag.onderwijstype in ("vo", None)):
            return "laks buiten vo-leerlingen"
    assert not _fouten(elk_plan, regel)


def test_basisschoolleerling_dient_nooit_zelf_een_klacht_in(elk_plan, kb):
    po_zin = kb.info("klacht_po_leerling")

    def regel(vraag, plan):
        klacht = plan.stap("klacht")
        if vraag.rol != "leerling" or klacht is None:
            return None
        if vraag.onderwijstype == "po":
            if po_zin not in klacht.uitleg or "niet zelf" not in klacht.uitleg:
                return "po: klachtstap zegt niet dat ouders of school het doen"
            if "kun je zelf een klacht" in klacht.uitleg or "laks" in klacht.verwijzingen:
                return "po: klachtstap laat het kind het zelf doen"
        elif vraag.onderwijstype == "vo":
            if kb.info("klacht_vo_leerling") not in klacht.uitleg or po_zin in klacht.uitleg:
                return "vo: klachtstap"
            if "laks" not in klacht.verwijzingen:
                return "vo: geen LAKS bij de klacht"
        elif po_zin not in klacht.uitleg:
            return "onbekend schooltype: de po-regel ontbreekt"
    assert not _fouten(elk_plan, regel)


def test_verwijzingen_passen_bij_wat_de_kennisbank_zegt(elk_plan, kb):
    def regel(vraag, plan):
        ot = vraag.onderwijstype if _in_scope(vraag) else None
        for id in plan.verwijzingen:
            if not kb.get(id).past_bij(vraag.rol, vraag.situatie, ot):
                return f"{id} past niet"
    assert not _fouten(elk_plan, regel)


def test_route_volgorde_en_wens(elk_plan):
    def regel(vraag, plan):
        soorten = [s.soort for s in plan.stappen]
        if not _in_scope(vraag):
            if set(soorten) - {"acuut", "buiten_scope"} or soorten[-1] != "buiten_scope":
                return "schoolroute buiten de scope"
            if set(plan.verwijzingen) & set(MENSEN_OP_SCHOOL):
                return "persoon op school buiten de scope"
            return None
        route = [s for s in soorten if s in ROUTE_VOLGORDE]
        if sorted(route) != sorted(ROUTE_VOLGORDE):
            return f"route onvolledig: {route}"
        voorop = WENS_STAP.get(vraag.wens)
        verwacht = ([voorop] if voorop else []) + [s for s in ROUTE_VOLGORDE if s != voorop]
        if route != verwacht:
            return f"volgorde {route}"
        eerste_route = soorten.index(route[0])
        if any(s in ("acuut", "plicht") for s in soorten[eerste_route:]):
            return "acuut of plicht na de route"
    assert not _fouten(elk_plan, regel)


def _plicht_zedendelict(v):
    return (v.rol == "onderwijspersoneel" and v.voor_wie == "ander" and v.situatie == "seksueel_misbruik"
            and v.dader in ("personeel", "onbekend", None) and _in_scope(v))


def _plicht_meldcode(v):
    return v.rol == "onderwijspersoneel" and v.voor_wie == "ander" and "thuis" in v.context and _in_scope(v)


def test_plichten_van_personeel(elk_plan):
    def regel(vraag, plan):
        plichten = [s for s in plan.stappen if s.soort == "plicht"]
        verwacht = int(_plicht_zedendelict(vraag)) + int(_plicht_meldcode(vraag))
        if len(plichten) != verwacht:
            return f"{len(plichten)} plichtstappen, verwacht {verwacht}"
        for stap in plichten:
            if "meldcode" in stap.titel:
                if "veilig_thuis" not in stap.verwijzingen or stap.uitleg.count("\n") < 5:
                    return "meldcode zonder Veilig Thuis of vijf stappen"
            else:
                if stap.verwijzingen != ("schoolbestuur", "vertrouwensinspecteur"):
                    return f"zedendelict: {stap.verwijzingen}"
                for woord in ("schoolbestuur", "vertrouwensinspecteur", "aangifte", "ook als de ouders bezwaar"):
                    if woord not in stap.uitleg:
                        return f"zedendelict: '{woord}' ontbreekt"
    assert not _fouten(elk_plan, regel)


def test_situatie_en_context_routes(elk_plan):
    def regel(vraag, plan):
        ids = set(plan.verwijzingen)
        ctx = vraag.context

        def moet(id, wanneer):
            if (id in ids) != bool(wanneer):
                return f"{id} {'ontbreekt' if wanneer else 'onterecht'}"
        rol_lhbti = vraag.rol in ("leerling", "onderwijspersoneel", None)
        ernstig = vraag.situatie in ("seksueel_misbruik", "intimidatie")
        regels = [
            moet("centrum_seksueel_geweld", vraag.situatie == "seksueel_misbruik" and "recent" in ctx),
            moet("veilig_thuis", "thuis" in ctx),
            moet("helpwanted", "online" in ctx),
            moet("discriminatie_nl", vraag.situatie == "discriminatie"),
        ]
        if _in_scope(vraag):
            regels += [
                moet("coc", "lhbti" in ctx and rol_lhbti),
                moet("kinderombudsman", "school_helpt_niet" in ctx and vraag.rol in ("leerling", "ouder", None)),
                moet("medezeggenschapsraad", "school_helpt_niet" in ctx and vraag.rol in ("ouder", "onderwijspersoneel")),
                moet("vertrouwensinspecteur", vraag.situatie != "anders"),
                moet("politie", ernstig and not vraag.is_kind),
            ]
        else:
            regels.append(moet("politie", ernstig))
        return next((r for r in regels if r), None)
    assert not _fouten(elk_plan, regel)


# --- foute invoer -------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs", [
    dict(rol="leraar"), dict(situatie="ruzie"), dict(onderwijstype="mbo"), dict(voor_wie="vriend"),
    dict(dader="juf"), dict(acuut_soort="brand"), dict(wens="alles"), dict(context={"onbekend"}),
])
def test_ongeldige_waarden_worden_geweigerd(kwargs):
    basis = dict(rol="leerling", situatie="pesten", onderwijstype="po", voor_wie="zelf")
    with pytest.raises(ValueError):
        Vraag(**{**basis, **kwargs})


def test_context_mag_elke_verzameling_zijn(kb):
    vraag = Vraag("leerling", "pesten", "vo", "zelf", context=["online", "online"])
    assert vraag.context == frozenset({"online"})
    assert maak_plan(vraag, kb) == maak_plan(Vraag("leerling", "pesten", "vo", "zelf", context={"online"}), kb)


# --- vaste voorbeelden --------------------------------------------------------------------

GOLDEN = [
    ("po leerling, pesten, zelf",
     Vraag("leerling", "pesten", "po", "zelf"),
     ["praten", "oplossing_op_school", "klacht", "melding"],
     ["mentor", "vertrouwenspersoon", "kindertelefoon", "aanspreekpunt_pesten", "schoolleiding", "schoolbestuur",
      "klachtencommissie", "inspectie_loket", "vertrouwensinspecteur"]),
    ("vo leerling, discriminatie, online",
     Vraag("leerling", "discriminatie", "vo", "zelf", dader="medeleerling", context={"online"}),
     ["praten", "advies", "oplossing_op_school", "klacht", "melding"],
     ["mentor", "vertrouwenspersoon", "kindertelefoon", "helpwanted", "aanspreekpunt_pesten", "schoolleiding",
      "schoolbestuur", "klachtencommissie", "laks", "vertrouwensinspecteur", "discriminatie_nl"]),
    ("ouder, seksueel misbruik door personeel, po",
     Vraag("ouder", "seksueel_misbruik", "po", "ander", dader="personeel"),
     ["advies", "praten", "advies", "oplossing_op_school", "klacht", "melding"],
     ["vertrouwensinspecteur", "mentor", "vertrouwenspersoon", "ouders_onderwijs", "balans", "intern_begeleider",
      "schoolleiding", "schoolbestuur", "klachtencommissie", "politie"]),
    ("docent, seksueel misbruik van een leerling door een collega",
     Vraag("onderwijspersoneel", "seksueel_misbruik", "vo", "ander", dader="personeel"),
     ["plicht", "praten", "advies", "oplossing_op_school", "klacht", "melding"],
     ["schoolbestuur", "vertrouwensinspecteur", "vertrouwenspersoon", "externe_vertrouwenspersoon",
      "school_en_veiligheid", "schoolleiding", "zorgcoordinator", "klachtencommissie", "politie"]),
    ("docent, vermoeden seksueel misbruik, dader onbekend: plicht onder voorwaarde",
     Vraag("onderwijspersoneel", "seksueel_misbruik", "po", "ander", dader="onbekend"),
     ["plicht", "praten", "advies", "oplossing_op_school", "klacht", "melding"],
     ["schoolbestuur", "vertrouwensinspecteur", "vertrouwenspersoon", "externe_vertrouwenspersoon",
      "school_en_veiligheid", "schoolleiding", "intern_begeleider", "klachtencommissie", "politie"]),
    ("docent, seksueel misbruik tussen leerlingen: geen aangifteplicht",
     Vraag("onderwijspersoneel", "seksueel_misbruik", "vo", "ander", dader="medeleerling"),
     ["praten", "advies", "oplossing_op_school", "klacht", "melding"],
     ["vertrouwenspersoon", "externe_vertrouwenspersoon", "school_en_veiligheid", "schoolleiding", "schoolbestuur",
      "zorgcoordinator", "klachtencommissie", "vertrouwensinspecteur", "politie"]),
    ("personeel, intimidatie door een ouder",
     Vraag("onderwijspersoneel", "intimidatie", "vo", "zelf", dader="ouder"),
     ["praten", "advies", "oplossing_op_school", "klacht", "melding"],
     ["vertrouwenspersoon", "externe_vertrouwenspersoon", "school_en_veiligheid", "schoolleiding", "schoolbestuur",
      "klachtencommissie", "vertrouwensinspecteur", "politie"]),
    ("vo leerling, pesten, levensgevaar",
     Vraag("leerling", "pesten", "vo", "zelf", acuut=True, acuut_soort="levensgevaar"),
     ["acuut", "praten", "oplossing_op_school", "klacht", "melding"],
     ["alarmnummer_112", "mentor", "vertrouwenspersoon", "kindertelefoon", "aanspreekpunt_pesten", "schoolleiding",
      "schoolbestuur", "klachtencommissie", "laks", "inspectie_loket", "vertrouwensinspecteur"]),
    ("vo leerling, gedachten aan zelfdoding, situatie onbekend",
     Vraag("leerling", None, "vo", "zelf", acuut_soort="zelfdoding"),
     ["acuut", "praten", "oplossing_op_school", "klacht", "melding"],
     ["zelfmoordpreventie_113", "mentor", "vertrouwenspersoon", "kindertelefoon", "aanspreekpunt_pesten",
      "schoolleiding", "schoolbestuur", "klachtencommissie", "laks", "inspectie_loket", "vertrouwensinspecteur"]),
    ("ouder, zelfdoding en direct gevaar: eerst 113, dan 112",
     Vraag("ouder", "pesten", "vo", "ander", acuut_soort="zelfdoding", context={"direct_gevaar"}),
     ["acuut", "praten", "advies", "oplossing_op_school", "klacht", "melding"],
     ["zelfmoordpreventie_113", "alarmnummer_112", "mentor", "vertrouwenspersoon", "ouders_onderwijs", "balans",
      "zorgcoordinator", "aanspreekpunt_pesten", "schoolleiding", "schoolbestuur", "klachtencommissie",
      "inspectie_loket", "vertrouwensinspecteur"]),
    ("acuut zonder soort: 112 en 113",
     Vraag(None, None, None, None, acuut=True),
     ["acuut", "praten", "oplossing_op_school", "klacht", "melding"],
     ["alarmnummer_112", "zelfmoordpreventie_113", "mentor", "vertrouwenspersoon", "kindertelefoon",
      "aanspreekpunt_pesten", "schoolleiding", "schoolbestuur", "klachtencommissie", "inspectie_loket",
      "vertrouwensinspecteur"]),
    ("po leerling, geweld thuis",
     Vraag("leerling", "intimidatie", "po", "zelf", dader="ouder", context={"thuis"}),
     ["advies", "praten", "oplossing_op_school", "klacht", "melding"],
     ["veilig_thuis", "kindertelefoon", "mentor", "vertrouwenspersoon", "schoolleiding", "schoolbestuur",
      "klachtencommissie", "vertrouwensinspecteur"]),
    ("leerkracht, zorgen over de thuissituatie van een leerling: meldcode",
     Vraag("onderwijspersoneel", "anders", "po", "ander", context={"thuis"}),
     ["plicht", "praten", "advies", "oplossing_op_school", "klacht", "melding"],
     ["intern_begeleider", "veilig_thuis", "vertrouwenspersoon", "externe_vertrouwenspersoon",
      "school_en_veiligheid", "schoolleiding", "schoolbestuur", "klachtencommissie", "inspectie_loket"]),
    ("vo leerling, recent seksueel geweld, online",
     Vraag("leerling", "seksueel_misbruik", "vo", "zelf", dader="medeleerling", context={"recent", "online"}),
     ["advies", "praten", "advies", "oplossing_op_school", "klacht", "melding"],
     ["centrum_seksueel_geweld", "mentor", "vertrouwenspersoon", "kindertelefoon", "helpwanted", "schoolleiding",
      "schoolbestuur", "klachtencommissie", "laks", "vertrouwensinspecteur", "politie"]),
    ("vo leerling, seksueel misbruik door iemand van school",
     Vraag("leerling", "seksueel_misbruik", "vo", "zelf", dader="personeel"),
     ["advies", "praten", "oplossing_op_school", "klacht", "melding"],
     ["vertrouwenspersoon", "vertrouwensinspecteur", "mentor", "kindertelefoon", "schoolleiding", "schoolbestuur",
      "klachtencommissie", "laks", "politie"]),
    ("vo leerling, lhbti, discriminatie",
     Vraag("leerling", "discriminatie", "vo", "zelf", context={"lhbti"}),
     ["praten", "advies", "oplossing_op_school", "klacht", "melding"],
     ["mentor", "vertrouwenspersoon", "kindertelefoon", "coc", "aanspreekpunt_pesten", "schoolleiding",
      "schoolbestuur", "klachtencommissie", "laks", "vertrouwensinspecteur", "discriminatie_nl"]),
    ("ouder, lhbti, pesten: geen COC voor ouders",
     Vraag("ouder", "pesten", "vo", "ander", context={"lhbti"}),
     ["praten", "advies", "oplossing_op_school", "klacht", "melding"],
     ["mentor", "vertrouwenspersoon", "ouders_onderwijs", "balans", "zorgcoordinator", "aanspreekpunt_pesten",
      "schoolleiding", "schoolbestuur", "klachtencommissie", "inspectie_loket", "vertrouwensinspecteur"]),
    ("ouder, pesten, school helpt niet",
     Vraag("ouder", "pesten", "po", "ander", context={"school_helpt_niet"}),
     ["praten", "advies", "oplossing_op_school", "klacht", "melding"],
     ["mentor", "vertrouwenspersoon", "ouders_onderwijs", "balans", "intern_begeleider", "aanspreekpunt_pesten",
      "schoolleiding", "schoolbestuur", "medezeggenschapsraad", "klachtencommissie", "kinderombudsman",
      "inspectie_loket", "vertrouwensinspecteur"]),
    ("personeel, school helpt niet: MR, geen Kinderombudsman",
     Vraag("onderwijspersoneel", "pesten", "vo", "zelf", context={"school_helpt_niet"}),
     ["praten", "advies", "oplossing_op_school", "klacht", "melding"],
     ["vertrouwenspersoon", "externe_vertrouwenspersoon", "school_en_veiligheid", "schoolleiding", "schoolbestuur",
      "medezeggenschapsraad", "klachtencommissie", "inspectie_loket", "vertrouwensinspecteur"]),
    ("vo leerling wil een klacht indienen",
     Vraag("leerling", "pesten", "vo", "zelf", wens="klacht"),
     ["klacht", "praten", "oplossing_op_school", "melding"],
     ["schoolbestuur", "klachtencommissie", "laks", "mentor", "vertrouwenspersoon", "kindertelefoon",
      "aanspreekpunt_pesten", "schoolleiding", "inspectie_loket", "vertrouwensinspecteur"]),
    ("ouder wil melden, discriminatie",
     Vraag("ouder", "discriminatie", "vo", "ander", wens="melding"),
     ["melding", "praten", "advies", "oplossing_op_school", "klacht"],
     ["vertrouwensinspecteur", "discriminatie_nl", "mentor", "vertrouwenspersoon", "ouders_onderwijs", "balans",
      "zorgcoordinator", "aanspreekpunt_pesten", "schoolleiding", "schoolbestuur", "klachtencommissie"]),
    ("leerling zonder schooltype wil eerst een oplossing op school",
     Vraag("leerling", "anders", None, "ander", wens="oplossing_op_school"),
     ["oplossing_op_school", "praten", "klacht", "melding"],
     ["schoolleiding", "mentor", "vertrouwenspersoon", "kindertelefoon", "schoolbestuur", "klachtencommissie",
      "laks", "inspectie_loket"]),
    ("alles onbekend",
     Vraag(None, None, None, None),
     ["praten", "oplossing_op_school", "klacht", "melding"],
     ["mentor", "vertrouwenspersoon", "kindertelefoon", "aanspreekpunt_pesten", "schoolleiding", "schoolbestuur",
      "klachtencommissie", "inspectie_loket", "vertrouwensinspecteur"]),
    ("mbo-student, pesten: buiten de scope",
     Vraag("leerling", "pesten", None, "zelf", context={"buiten_scope"}),
     ["buiten_scope"],
     ["kindertelefoon"]),
    ("ouder, niet over school, recent seksueel geweld",
     Vraag("ouder", "seksueel_misbruik", None, "ander", context={"buiten_scope", "recent"}),
     ["buiten_scope"],
     ["centrum_seksueel_geweld", "politie", "slachtofferhulp"]),
    ("personeel mbo, pesten: geen organisatie, wel de helpdesk",
     Vraag("onderwijspersoneel", "pesten", None, "zelf", context={"buiten_scope"}),
     ["buiten_scope"],
     []),
    ("po leerling, levensgevaar, buiten de scope",
     Vraag("leerling", "intimidatie", "po", "zelf", acuut_soort="levensgevaar", context={"buiten_scope", "thuis"}),
     ["acuut", "buiten_scope"],
     ["alarmnummer_112", "kindertelefoon", "veilig_thuis", "politie", "slachtofferhulp"]),
]


@pytest.mark.parametrize("naam,vraag,soorten,verwijzingen", GOLDEN, ids=[g[0] for g in GOLDEN])
def test_golden(kb, naam, vraag, soorten, verwijzingen):
    plan = maak_plan(vraag, kb)
    assert [s.soort for s in plan.stappen] == soorten
    assert list(plan.verwijzingen) == verwijzingen


def test_golden_uitleg(kb):
    plan = maak_plan(Vraag("leerling", "pesten", "po", "zelf"), kb)
    assert "niet zelf een klacht" in plan.stap("klacht").uitleg
    assert "ouders" in plan.stap("klacht").uitleg
    plan = maak_plan(Vraag("leerling", "pesten", "vo", "zelf"), kb)
    assert "kun je zelf een klacht indienen" in plan.stap("klacht").uitleg
    assert "LAKS" in plan.stap("klacht").uitleg
    melding = plan.stap("melding").uitleg
    assert "anoniem" in melding and "niet direct bij betrokken" in melding
    klacht = plan.stap("klacht").uitleg
    assert "niet anoniem" in klacht and "officieel" in klacht
    plan = maak_plan(Vraag("onderwijspersoneel", "seksueel_misbruik", "vo", "ander", dader="onbekend"), kb)
    assert plan.stappen[0].uitleg.startswith("Gaat het om iemand die op school werkt?")
    plan = maak_plan(Vraag("onderwijspersoneel", "anders", "vo", "ander", context={"thuis"}), kb)
    assert "1. Signaleren." in plan.stappen[0].uitleg and "5. Beslissen" in plan.stappen[0].uitleg
    buiten = maak_plan(Vraag("onderwijspersoneel", "pesten", None, "zelf", context={"buiten_scope"}), kb)
    assert "helpdesk" in buiten.stappen[0].uitleg
    assert "Dat ligt niet aan jou." in buiten.stappen[0].uitleg

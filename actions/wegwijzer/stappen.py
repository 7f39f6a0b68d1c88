"""De regels per stap: wanneer een stap nodig is, naar wie hij verwijst en waarom.

Elke functie geeft een Stap of None (niet van toepassing). De uitleg is gewone taal met "je";
voor een basisschoolleerling (vraag.is_kind) korter en eenvoudiger. Telefoonnummers staan hier
nooit: die komen bij het tonen uit de kennisbank (teksten.py).
"""

from __future__ import annotations

from typing import Optional

from .kennisbank import Kennisbank
from .plan import Stap, Vraag

ERNSTIGE_SITUATIES = ("seksueel_misbruik", "intimidatie", "discriminatie")


class Bouwer:
    """Maakt stappen en laat alleen verwijzingen door die volgens de kennisbank passen."""

    def __init__(self, vraag: Vraag, kb: Kennisbank) -> None:
        self.vraag = vraag
        self.kb = kb

    def passend(self, ids: list[str], onderwijstype_telt: bool = True) -> list[str]:
        v = self.vraag
        ot = v.onderwijstype if onderwijstype_telt else None
        return [i for i in dict.fromkeys(ids) if self.kb.get(i).past_bij(v.rol, v.situatie, ot)]

    def stap(self, soort: str, titel: str, uitleg: str, ids: list[str]) -> Stap:
        return Stap(soort, titel, uitleg, tuple(self.passend(ids)))

    def info(self, onderwerp: str) -> str:
        return " ".join(self.kb.info_lijst(onderwerp))


def _zinnen(*delen: Optional[str]) -> str:
    return " ".join(d for d in delen if d)


def _direct_betrokkenen(v: Vraag, zin: str) -> Optional[str]:
    """Bij seksueel misbruik raden we niet aan om zelf met de dader te gaan praten."""
    return None if v.situatie == "seksueel_misbruik" else zin


def _ook_ander(v: Vraag) -> Optional[str]:
    if v.voor_wie != "ander":
        return None
    if v.rol == "onderwijspersoneel":
        return "Maak je je zorgen om een leerling of een collega?"
    if v.rol == "ouder":
        return None  # een ouder praat meestal over het eigen kind: dat is de gewone tekst
    return "Maak je je zorgen om iemand anders? Ook dan kun je hulp vragen."


# --- wat niet kan wachten ---------------------------------------------------------------

def acuut(b: Bouwer) -> Stap:
    v = b.vraag
    gevaar = v.acuut_soort in (None, "levensgevaar") or "direct_gevaar" in v.context
    zelfdoding = v.acuut_soort in (None, "zelfdoding")
    if v.acuut_soort == "zelfdoding":
        ids = ["zelfmoordpreventie_113"] + (["alarmnummer_112"] if gevaar else [])
    else:
        ids = ["alarmnummer_112"] + (["zelfmoordpreventie_113"] if zelfdoding else [])
    zin = {
        "alarmnummer_112": "Ben jij of iemand anders nu in gevaar? Bel meteen het alarmnummer."
        if v.is_kind
        else "Is er nu direct gevaar, of is iemands leven in gevaar? Bel dan meteen het alarmnummer.",
        "zelfmoordpreventie_113": "Wil je niet meer leven? Praat er nu over met 113. Je bent niet alleen."
        if v.is_kind
        else "Denk je aan zelfdoding, of maak je je daar zorgen over bij iemand anders? Praat er nu "
        "over met 113 Zelfmoordpreventie. Je hoeft dit niet alleen te dragen.",
    }
    titel = "Eerst: je veiligheid" if ids[0] == "alarmnummer_112" else "Eerst: praat er nu over"
    return b.stap("acuut", titel, _zinnen(*(zin[i] for i in ids)), ids)


def buiten_scope(b: Bouwer) -> Stap:
    """mbo/hbo of niet over school: geen schoolroute, wel organisaties die los van school helpen."""
    v = b.vraag
    ids = []
    if v.rol in ("leerling", None):
        ids.append("kindertelefoon")
    if "thuis" in v.context:
        ids.append("veilig_thuis")
    if v.situatie == "seksueel_misbruik" and "recent" in v.context:
        ids.append("centrum_seksueel_geweld")
    if "online" in v.context:
        ids.append("helpwanted")
    if v.situatie == "discriminatie":
        ids.append("discriminatie_nl")
    if v.situatie in ("seksueel_misbruik", "intimidatie"):
        ids += ["politie", "slachtofferhulp"]
    ids = b.passend(ids, onderwijstype_telt=False)
    vervolg = "Deze organisaties kunnen je misschien wel verder helpen." if ids else b.info("helpdesk")
    if "kindertelefoon" in ids:
        vervolg += " De Kindertelefoon is er voor jongeren tot 18 jaar."
    uitleg = _zinnen(b.info("buiten_scope"), vervolg)
    return Stap("buiten_scope", "Hier kan ik je minder goed helpen", uitleg, tuple(ids))


def recent_seksueel_geweld(b: Bouwer) -> Optional[Stap]:
    v = b.vraag
    if v.situatie != "seksueel_misbruik" or "recent" not in v.context:
        return None
    if v.is_kind:
        uitleg = ("Is het kort geleden gebeurd? Vertel het meteen aan een volwassene die je vertrouwt. "
                  "Het Centrum Seksueel Geweld kan snel helpen.")
    else:
        uitleg = ("Is het seksueel geweld kort geleden gebeurd? Neem dan het liefst binnen 7 dagen "
                  "contact op met het Centrum Seksueel Geweld, het best binnen 72 uur. Dan is medische "
                  "hulp nog mogelijk en kunnen sporen worden vastgelegd.")
    return b.stap("advies", "Snel hulp na seksueel geweld", uitleg, ["centrum_seksueel_geweld"])


def plicht_zedendelict(b: Bouwer) -> Optional[Stap]:
    """Personeel met een vermoeden van een zedendelict door een collega tegen een leerling."""
    v = b.vraag
    if not (v.rol == "onderwijspersoneel" and v.voor_wie == "ander" and v.situatie == "seksueel_misbruik"):
        return None
    if v.dader not in ("personeel", "onbekend", None):
        return None
    voorwaarde = None if v.dader == "personeel" else "Gaat het om iemand die op school werkt? Lees dan dit."
    uitleg = _zinnen(voorwaarde, b.info("aangifteplicht"),
                     "De vertrouwensinspecteur kan jou hierover ook advies geven.")
    return b.stap("plicht", "Je plicht: meld het bij het schoolbestuur", uitleg,
                  ["schoolbestuur", "vertrouwensinspecteur"])


def plicht_meldcode(b: Bouwer) -> Optional[Stap]:
    """Personeel met zorgen over de thuissituatie van een leerling volgt de meldcode."""
    v = b.vraag
    if not (v.rol == "onderwijspersoneel" and v.voor_wie == "ander" and "thuis" in v.context):
        return None
    stappen = "\n".join(f"{n}. {s}" for n, s in enumerate(b.kb.info_lijst("meldcode"), start=1))
    uitleg = ("Zie je bij een leerling signalen van kindermishandeling of huiselijk geweld? Volg dan de "
              f"meldcode, in vijf stappen:\n{stappen}\n"
              "De intern begeleider of zorgcoördinator kan meedenken, en Veilig Thuis geeft advies.")
    return b.stap("plicht", "Zorgen over thuis: volg de meldcode", uitleg,
                  ["intern_begeleider", "zorgcoordinator", "veilig_thuis"])


def thuis(b: Bouwer) -> Optional[Stap]:
    v = b.vraag
    if "thuis" not in v.context or (v.rol == "onderwijspersoneel" and v.voor_wie == "ander"):
        return None  # personeel over een leerling: dat is de meldcode
    if v.is_kind:
        uitleg = "Is het thuis niet veilig? Veilig Thuis kan helpen. Je kunt ook praten met de Kindertelefoon."
    elif v.rol == "leerling":
        uitleg = ("Gebeurt het thuis, of voel je je thuis niet veilig? Veilig Thuis geeft advies bij "
                  "huiselijk geweld en kindermishandeling. Je kunt ook altijd praten met de Kindertelefoon.")
    else:
        uitleg = ("Gaat het om huiselijk geweld of kindermishandeling? Veilig Thuis geeft advies en je "
                  "kunt er een melding doen, ook als je je zorgen maakt om iemand anders.")
    return b.stap("advies", "Als het thuis gebeurt", uitleg, ["veilig_thuis", "kindertelefoon"])


def misbruik_door_personeel(b: Bouwer) -> Optional[Stap]:
    """Een leerling of ouder over seksueel misbruik door iemand die op school werkt."""
    v = b.vraag
    if v.situatie != "seksueel_misbruik" or v.dader != "personeel" or v.rol == "onderwijspersoneel":
        return None
    if v.is_kind:
        uitleg = ("Doet iemand van school dit? Dat is nooit jouw schuld. Vertel het aan je ouders of aan "
                  "een andere volwassene die je vertrouwt. De vertrouwensinspecteur kan jou en je ouders helpen.")
        ids = ["vertrouwenspersoon", "vertrouwensinspecteur"]
    elif v.rol == "leerling":
        uitleg = ("Doet iemand die op school werkt dit? Dat is nooit jouw schuld. Vertel het aan iemand die "
                  "je vertrouwt, zoals je ouders of de vertrouwenspersoon. Hoort iemand van school dit, dan "
                  "moet die het volgens de wet melden bij het schoolbestuur. De vertrouwensinspecteur kan "
                  "jou of je ouders advies geven.")
        ids = ["vertrouwenspersoon", "vertrouwensinspecteur"]
    else:
        uitleg = _zinnen("Dit is wat de wet zegt als het om iemand gaat die op school werkt.",
                         b.info("aangifteplicht"),
                         "Je kunt zelf ook de vertrouwensinspecteur om advies vragen; die doet niets zonder jouw toestemming.")
        ids = ["vertrouwensinspecteur"]
    return b.stap("advies", "Als iemand van school dit doet", uitleg, ids)


# --- de route van de wegwijzer ----------------------------------------------------------

def praten(b: Bouwer) -> Stap:
    v = b.vraag
    if v.is_kind:
        uitleg = ("Vertel het aan iemand die je vertrouwt. Dat kan je vader, moeder of verzorger zijn, een "
                  "vriend of je juf of meester. Je kunt ook naar de vertrouwenspersoon op school. Of praat "
                  "met de Kindertelefoon. Je hoeft daar je naam niet te zeggen.")
    elif v.rol == "leerling":
        uitleg = ("Praat erover met iemand die je vertrouwt: je ouders of verzorgers, vrienden of je mentor. "
                  "Ook iemand op school die verder van je af staat kan helpen, zoals de vertrouwenspersoon. "
                  "Wil je eerst anoniem met iemand praten? Dat kan bij de Kindertelefoon.")
    elif v.rol == "ouder":
        uitleg = _zinnen(
            _direct_betrokkenen(v, "Praat met de mensen die er direct bij betrokken zijn, maar alleen als je je "
                                   "daar veilig bij voelt."),
            "De mentor of leerkracht kan je in contact brengen met anderen en je steunen bij gesprekken. "
            "De vertrouwenspersoon helpt een oplossing te zoeken; bijna elke school heeft er een.")
    elif v.rol == "onderwijspersoneel":
        uitleg = _zinnen(
            None if v.voor_wie == "ander" else "Je hebt recht op een veilige werkomgeving.",
            _direct_betrokkenen(v, "Ga het gesprek aan met de mensen die er direct bij betrokken zijn, als dat "
                                   "veilig voelt."),
            "De vertrouwenspersoon is er ook voor medewerkers. Wil je meer afstand tot de school? Dan kun je "
            "naar de externe vertrouwenspersoon.")
    else:
        uitleg = ("Praat erover met iemand die je vertrouwt. Op school kunnen de mentor (op de basisschool "
                  "de leerkracht) en de vertrouwenspersoon helpen. Ben je tussen 8 en 18 jaar? Dan kun je ook "
                  "praten met de Kindertelefoon.")
    if v.rol == "onderwijspersoneel":
        ids = ["vertrouwenspersoon", "externe_vertrouwenspersoon"]
    else:
        ids = ["mentor", "vertrouwenspersoon", "kindertelefoon"]
    return b.stap("praten", "Praat erover", _zinnen(_ook_ander(v), uitleg), ids)


def advies(b: Bouwer) -> Optional[Stap]:
    v = b.vraag
    kandidaten = {
        "leerling": ["coc", "helpwanted"],
        "ouder": ["ouders_onderwijs", "balans", "helpwanted"],
        "onderwijspersoneel": ["school_en_veiligheid", "coc", "helpwanted"],
    }.get(v.rol, ["helpwanted", "coc"])
    if "lhbti" not in v.context:
        kandidaten = [i for i in kandidaten if i != "coc"]
    if "online" not in v.context:
        kandidaten = [i for i in kandidaten if i != "helpwanted"]
    ids = b.passend(kandidaten)
    if not ids:
        return None
    zin = {
        "ouders_onderwijs": "Voor informatie en advies als ouder kun je terecht bij Ouders & Onderwijs.",
        "balans": "Ook de advieslijn van Oudervereniging Balans denkt met ouders mee.",
        "school_en_veiligheid": "Stichting School & Veiligheid geeft onderwijspersoneel advies, "
        "bijvoorbeeld over grensoverschrijdend gedrag, beleid en calamiteiten.",
        "helpwanted": "Gebeurt het online? Helpwanted kan helpen." if v.is_kind
        else "Gebeurt het online, bijvoorbeeld met berichten, foto's of een nepprofiel? "
        "Helpwanted helpt bij online misbruik en online pesten.",
        "coc": "Gaat het ook om wie je bent of op wie je valt? COC Nederland is er voor lhbti+-jongeren en school.",
    }
    return b.stap("advies", "Advies van buiten school", _zinnen(*(zin[i] for i in ids)), ids)


def oplossing_op_school(b: Bouwer) -> Stap:
    v = b.vraag
    ids = {
        "leerling": ["aanspreekpunt_pesten", "schoolleiding"],
        "ouder": ["intern_begeleider", "zorgcoordinator", "aanspreekpunt_pesten", "schoolleiding", "schoolbestuur"],
        "onderwijspersoneel": ["schoolleiding", "schoolbestuur"],
    }.get(v.rol, ["aanspreekpunt_pesten", "schoolleiding"])
    if v.rol == "onderwijspersoneel" and v.voor_wie == "ander":
        ids += ["intern_begeleider", "zorgcoordinator"]
    if v.rol in ("ouder", "onderwijspersoneel") and "school_helpt_niet" in v.context:
        ids.append("medezeggenschapsraad")
    ids = b.passend(ids)
    pesten = "aanspreekpunt_pesten" in ids
    if v.is_kind:
        uitleg = _zinnen("Op school kunnen ze helpen om het op te lossen. Ga naar je juf of meester, of naar de directeur.",
                         "Bij pesten kun je ook naar het aanspreekpunt pesten." if pesten else None)
    elif v.rol == "leerling":
        uitleg = _zinnen(
            None if v.dader == "personeel" else
            _direct_betrokkenen(v, "Als het veilig voelt, kun je eerst praten met de persoon om wie het gaat."),
            "De schoolleiding kan helpen: de directeur, een coördinator"
            + (" of het aanspreekpunt pesten." if pesten else "."),
            "Helpt praten niet? Dan is een klacht bij het schoolbestuur de volgende stap.")
    elif v.rol in ("ouder", "onderwijspersoneel"):
        uitleg = _zinnen(
            "Vraag hulp op school. De mentor of een coördinator kan je in contact brengen en steunen bij "
            "gesprekken of een klacht." if v.rol == "ouder" else
            "Ga naar de schoolleiding of het schoolbestuur. De schoolleiding is verantwoordelijk voor de "
            "veiligheid op school.",
            _zorg_zin(ids, v.rol),
            "Bij pesten is er op school een aanspreekpunt pesten." if pesten else None,
            "Je kunt ook naar de schoolleiding of het schoolbestuur." if v.rol == "ouder" else None,
            "Ben je het niet eens met hoe de schoolleiding handelt? Dan kun je naar de medezeggenschapsraad."
            if "medezeggenschapsraad" in ids else None)
    else:
        uitleg = _zinnen("De schoolleiding is verantwoordelijk voor de veiligheid op school en kan helpen een "
                         "oplossing te vinden.", "Bij pesten is er ook een aanspreekpunt pesten." if pesten else None)
    return Stap("oplossing_op_school", "Zoek een oplossing op school", uitleg, tuple(ids))


def _zorg_zin(ids: list[str], rol: Optional[str]) -> Optional[str]:
    om_wie = "je kind" if rol == "ouder" else "een leerling"
    ib, zc = "intern_begeleider" in ids, "zorgcoordinator" in ids
    if ib and zc:
        wie = "op de basisschool de intern begeleider, op de middelbare school de zorgcoördinator"
    elif ib:
        wie = "de intern begeleider"
    elif zc:
        wie = "de zorgcoördinator"
    else:
        return None
    return f"Maak je je zorgen om {om_wie}? Dan kan {wie} meedenken."


def klacht(b: Bouwer) -> Stap:
    v = b.vraag
    ombudsman = "school_helpt_niet" in v.context and v.rol in ("leerling", "ouder", None)
    ids = ["schoolbestuur", "klachtencommissie"] + (["laks"] if v.rol == "leerling" else [])
    ids = b.passend(ids + (["kinderombudsman"] if ombudsman else []))
    algemeen = ("Met een klacht zeg je officieel dat het schoolbestuur het probleem moet aanpakken. "
                "Een klacht kan niet anoniem.")
    if v.is_kind:
        uitleg = _zinnen("Lost de school het niet op? Dan kan er een klacht komen.", b.info("klacht_po_leerling"),
                         "Helpt ook dat niet? Dan kan de Kinderombudsman helpen." if "kinderombudsman" in ids else None)
        return Stap("klacht", "Een klacht over school", uitleg, tuple(ids))
    if v.rol == "leerling":
        wie = (b.info("klacht_vo_leerling") if v.onderwijstype == "vo"
               else _zinnen(b.info("klacht_po_leerling"), b.info("klacht_vo_leerling")))
        laks = ("LAKS kan je helpen bij een klacht." if v.onderwijstype == "vo"
                else "Zit je op de middelbare school? Dan kan LAKS je helpen bij een klacht.")
        uitleg = _zinnen("Kom je er met de school niet uit? Dan kan er een klacht komen bij het schoolbestuur "
                         "of bij de klachtencommissie.", algemeen, wie, laks if "laks" in ids else None)
    else:
        uitleg = _zinnen("Kom je er met de school niet uit? Dan kun je een klacht indienen bij het schoolbestuur "
                         "of bij de klachtencommissie van de school.", algemeen,
                         "De vertrouwenspersoon kan je helpen. De commissie kijkt wel of eerst is geprobeerd het "
                         "op school op te lossen.")
    if "kinderombudsman" in ids:
        uitleg = _zinnen(uitleg, "Kom je er met de school en het schoolbestuur niet uit, ook niet met een klacht? "
                                 "Dan kun je naar de Kinderombudsman.")
    return Stap("klacht", "Een klacht indienen", uitleg, tuple(ids))


def melding(b: Bouwer) -> Stap:
    v = b.vraag
    if v.situatie in ERNSTIGE_SITUATIES:
        ids = ["vertrouwensinspecteur"]
    else:
        ids = ["inspectie_loket", "vertrouwensinspecteur"]  # grof pesten of onbekend: ook de vertrouwensinspecteur
    if v.situatie == "discriminatie":
        ids.append("discriminatie_nl")
    if v.situatie in ("seksueel_misbruik", "intimidatie") and not v.is_kind:
        ids.append("politie")
    ids = b.passend(ids)
    if v.is_kind:
        zin = {
            "inspectie_loket": "De inspectie let op alle scholen. Je kunt daar vertellen wat er mis is.",
            "vertrouwensinspecteur": "Bij iets ergs kun je de vertrouwensinspecteur bellen.",
            "discriminatie_nl": "Je kunt discriminatie ook melden bij Discriminatie.nl.",
        }
        intro = ("Je kunt ook iets melden. Dan vertel je wat er is gebeurd. Je hoeft je naam niet altijd te "
                 "zeggen. Vraag een volwassene om je te helpen.")
    else:
        zin = {
            "inspectie_loket": "Een melding over de school kan bij de Inspectie van het Onderwijs. De inspectie "
            "lost geen problemen van één persoon op, maar neemt je melding mee in het toezicht op de school.",
            "vertrouwensinspecteur": "Voor seksueel misbruik, geweld, discriminatie en grof pesten zijn er "
            "vertrouwensinspecteurs. Zij luisteren, geven advies (ook over een klacht of aangifte) en doen "
            "niets zonder jouw toestemming.",
            "discriminatie_nl": "Discriminatie en racisme kun je ook melden bij Discriminatie.nl.",
            "politie": "Wil je aangifte doen? Dat kan bij de politie. De vertrouwensinspecteur kan je daar eerst "
            "over adviseren.",
        }
        intro = ("Je kunt ook een melding doen: een signaal over wat er is gebeurd. Een melding kan anoniem, "
                 "de school is er niet direct bij betrokken, en je zet zelf geen verdere stappen.")
    return Stap("melding", "Een melding doen", _zinnen(intro, *(zin[i] for i in ids)), tuple(ids))

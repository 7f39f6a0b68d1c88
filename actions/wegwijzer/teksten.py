"""Van plan en kennisbank naar korte chatberichten in gewone taal.

Eén idee per bericht, geen tabellen of opmaak (WhatsApp, Telegram, widget). Telefoonnummers komen
alleen uit de kennisbank en alleen als ze bevestigd zijn: wat onder `onzeker` staat, komt hier
nooit in een tekst. Organisaties "kunnen" iets; we beloven niet wat een school of organisatie doet.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from .kennisbank import Kanalen, Kennisbank, Verwijzing, laad_kennisbank
from .plan import VEILIGHEIDSZIN, Plan, Stap, Vraag
from .routing import maak_plan

VERVOLGVRAGEN = (
    "klacht_indienen",
    "anoniem_melden",
    "vertrouwenspersoon",
    "wie_nu_bellen",
    "mens_spreken",
    "school_doet_niks",
    "verschil_melding_klacht",
)


def _hoofdletter(tekst: str) -> str:
    return tekst[:1].upper() + tekst[1:]


def _eerste_zin(tekst: str) -> str:
    return re.split(r"(?<=[.!?])\s", tekst.strip(), maxsplit=1)[0]


def _opsomming(delen: list[str]) -> str:
    if len(delen) <= 1:
        return "".join(delen)
    return ", ".join(delen[:-1]) + " of " + delen[-1]


def _naam(v: Verwijzing, onderwijstype: Optional[str]) -> str:
    return v.naam_po if onderwijstype == "po" and v.naam_po else v.naam


def _kanaal_delen(k: Kanalen, gratis: Optional[bool], volledig: bool, belinstructie: Optional[str] = None) -> list[str]:
    """['bel gratis 0800-0432', 'chat']. Alleen bevestigde kanalen: onzekere staan niet in Kanalen."""
    delen = []
    if k.telefoon:
        bel = f"bel {'gratis ' if gratis else ''}{k.telefoon}"
        bel += f" of {k.telefoon_alternatief}" if k.telefoon_alternatief else ""
        bel += f" ({belinstructie})" if belinstructie else ""
        delen.append(bel)
    if k.chat:
        delen.append(f"chat op {k.chat}" if isinstance(k.chat, str) and k.chat != k.website else "chat")
    if k.formulier and (volledig or not k.telefoon):
        delen.append(f"vul het formulier in op {k.formulier}")
    if k.website and k.website != k.formulier and (volledig or not delen):
        delen.append(f"kijk op {k.website}")
    if k.email and volledig:
        delen.append(f"mail naar {k.email}")
    return delen


def _contact(v: Verwijzing, eenvoudig: bool, volledig: bool) -> str:
    if v.commissies:
        if eenvoudig:
            return ""
        regels = [f"{c.naam}: {_opsomming(_kanaal_delen(c.kanalen, None, volledig))}." for c in v.commissies]
        return "\n".join(regels)
    delen = _kanaal_delen(v.kanalen, v.gratis, volledig, v.belinstructie)
    zinnen = [_hoofdletter(_opsomming(delen)) + "." if delen else ""]
    bereikbaar = v.kanalen.telefoon or v.kanalen.chat
    if v.uren and bereikbaar and not eenvoudig:
        zinnen.append(f"Bereikbaar: {v.uren}.")
    if v.kosten and not eenvoudig:
        zinnen.append(f"Kosten: {v.kosten}.")
    if v.gratis and not v.kanalen.telefoon:
        zinnen.append("Gratis.")
    if v.anoniem:
        zinnen.append("Je hoeft je naam niet te zeggen." if eenvoudig else "Anoniem kan.")
    if volledig and "telefoon" in v.onzekere_velden and v.kanalen.website:
        zinnen.append("Kijk op de website hoe je ze het best bereikt.")
    return " ".join(z for z in zinnen if z)


def beschrijf_verwijzing(id: str, kennisbank: Optional[Kennisbank] = None, eenvoudig: bool = False) -> str:
    """Wie het is, wat die voor je kan doen en hoe je ze bereikt (alleen bevestigde nummers)."""
    kb = kennisbank or laad_kennisbank()
    v = kb.get(id)
    naam = _hoofdletter(_naam(v, "po" if eenvoudig else None))
    wat = (v.wat_eenvoudig or _eerste_zin(v.wat)) if eenvoudig else v.wat
    if v.is_school:
        hoe = "Vraag op school wie dat is." if eenvoudig else "Je bereikt deze persoon via school; de schoolgids of de website van de school noemt wie het is."
        return f"{naam}\n{wat}\n{hoe}"
    contact = _contact(v, eenvoudig, volledig=True)
    return f"{naam}\n{wat}" + (f"\n{contact}" if contact else "")


def _regel(v: Verwijzing, vraag: Vraag, eenvoudig: bool, al_genoemd: bool) -> str:
    """Eén regel onder een stap: naam, kort wat, en voor organisaties hoe je ze bereikt."""
    naam = _hoofdletter(_naam(v, vraag.onderwijstype))
    if al_genoemd:
        return f"- {naam}"
    wat = (v.wat_eenvoudig or "") if eenvoudig else _eerste_zin(v.wat)
    delen = [f"- {naam}." + (f" {wat}" if wat else "")]
    if not v.is_school:
        delen.append(_contact(v, eenvoudig, volledig=False))
    return " ".join(d for d in delen if d)


def _stap_bericht(stap: Stap, nummer: Optional[int], vraag: Vraag, kb: Kennisbank, eenvoudig: bool,
                  genoemd: set[str]) -> str:
    kop = f"Stap {nummer}: {stap.titel}" if nummer else stap.titel
    regels = []
    for id in stap.verwijzingen:
        regels.append(_regel(kb.get(id), vraag, eenvoudig, id in genoemd))
        genoemd.add(id)
    return "\n".join([kop, stap.uitleg] + regels)


def plan_berichten(plan: Plan, kennisbank: Optional[Kennisbank] = None, eenvoudig: bool = False) -> list[str]:
    """Het plan als chatberichten: eerst wat acuut is, dan elke stap apart, tot slot de veiligheidszin."""
    kb = kennisbank or laad_kennisbank()
    berichten: list[str] = []
    genoemd: set[str] = set()
    acuut = [s for s in plan.stappen if s.soort == "acuut"]
    rest = [s for s in plan.stappen if s.soort != "acuut"]
    for stap in acuut:
        berichten.append(_stap_bericht(stap, None, plan.vraag, kb, eenvoudig, genoemd))
    route = [s for s in rest if s.soort != "buiten_scope"]
    if route:
        if eenvoudig:
            berichten.append("Daarna kun je ook dit doen. Jij kiest wat je doet." if acuut
                             else "Dit kun je doen. Jij kiest wat je doet.")
        else:
            berichten.append(("Als het weer kan, kun je ook deze stappen zetten. " if acuut else
                              "Dit zijn stappen die je kunt zetten. ")
                             + "Je hoeft ze niet allemaal te doen; je kiest zelf wat bij je past.")
    nummer = 0
    for stap in rest:
        nummer += stap.soort != "buiten_scope"
        berichten.append(_stap_bericht(stap, nummer if stap.soort != "buiten_scope" else None,
                                       plan.vraag, kb, eenvoudig, genoemd))
    berichten.append(plan.veiligheidszin)
    return berichten


# --- vervolgvragen ---------------------------------------------------------------------

def antwoord_vervolgvraag(onderwerp: str, vraag: Vraag, kennisbank: Optional[Kennisbank] = None) -> list[str]:
    """Antwoord op een vervolgvraag (zie VERVOLGVRAGEN), passend bij rol en schooltype."""
    if onderwerp not in VERVOLGVRAGEN:
        raise ValueError(f"onbekende vervolgvraag {onderwerp!r}; kies uit {VERVOLGVRAGEN}")
    kb = kennisbank or laad_kennisbank()
    berichten = _ANTWOORDEN[onderwerp](vraag, kb, vraag.is_kind)
    return berichten + [VEILIGHEIDSZIN]


def _plan_ids(vraag: Vraag, kb: Kennisbank, soort: Optional[str] = None) -> list[str]:
    plan = maak_plan(vraag, kb)
    stappen = plan.stappen if soort is None else [s for s in plan.stappen if s.soort == soort]
    return list(dict.fromkeys(i for s in stappen for i in s.verwijzingen))


def _klacht_indienen(vraag: Vraag, kb: Kennisbank, eenvoudig: bool) -> list[str]:
    if eenvoudig:
        return [kb.info("klacht_po_leerling"),  # type: ignore[list-item]
                "Vraag je ouders, je juf of meester of de vertrouwenspersoon om je te helpen."]
    uit: list[str] = []
    if vraag.rol == "leerling":
        if vraag.onderwijstype != "vo":
            uit.append(kb.info("klacht_po_leerling"))  # type: ignore[arg-type]
        uit.append(kb.info("klacht_vo_leerling"))  # type: ignore[arg-type]
        uit.append(beschrijf_verwijzing("laks", kb))
    uit += kb.info_lijst("klachtprocedure")
    uit.append(beschrijf_verwijzing("klachtencommissie", kb))
    return uit


def _anoniem_melden(vraag: Vraag, kb: Kennisbank, eenvoudig: bool) -> list[str]:
    uit = ["Je kunt iets melden zonder je naam te zeggen. Een klacht kan niet anoniem."] if eenvoudig \
        else kb.info_lijst("anonimiteit")
    ids = [i for i in _plan_ids(vraag, kb) if kb.get(i).anoniem]
    ernstig = vraag.situatie in ("seksueel_misbruik", "intimidatie")
    if ernstig and kb.get("meld_misdaad_anoniem").past_bij(vraag.rol, vraag.situatie, vraag.onderwijstype):
        ids.append("meld_misdaad_anoniem")
    if ids:
        uit.append("Hier kun je terecht zonder je naam te zeggen:")
        uit += [beschrijf_verwijzing(i, kb, eenvoudig) for i in ids]
    return uit


def _vertrouwenspersoon(vraag: Vraag, kb: Kennisbank, eenvoudig: bool) -> list[str]:
    if eenvoudig:
        return [beschrijf_verwijzing("vertrouwenspersoon", kb, eenvoudig=True)]
    return kb.info_lijst("vertrouwenspersoon")


def _wie_nu_bellen(vraag: Vraag, kb: Kennisbank, eenvoudig: bool) -> list[str]:
    ids = _plan_ids(vraag, kb)
    acuut = _plan_ids(vraag, kb, "acuut")
    met_nummer = [i for i in ids if i not in acuut and kb.get(i).kanalen.telefoon]
    bellen = (acuut + met_nummer)[: max(3, len(acuut))]
    uit = []
    if bellen:
        uit.append("Hier kun je nu bellen:" if not eenvoudig else "Hier kun je bellen:")
        uit += [beschrijf_verwijzing(i, kb, eenvoudig) for i in bellen]
    else:
        uit.append("Ik heb voor jouw situatie geen telefoonnummer dat ik zeker weet.")
    school = [kb.get(i) for i in ids if kb.get(i).is_school][:2]
    if school:
        namen = " of ".join(_naam(v, vraag.onderwijstype) for v in school)
        uit.append(f"Op school kun je ook terecht bij {namen}.")
    return uit


def _mens_spreken(vraag: Vraag, kb: Kennisbank, eenvoudig: bool) -> list[str]:
    ids = _plan_ids(vraag, kb)
    school = [kb.get(i) for i in ids if kb.get(i).is_school][:2]
    buiten = [i for i in ids if not kb.get(i).is_school and (kb.get(i).kanalen.telefoon or kb.get(i).kanalen.chat)][:2]
    uit = ["Ik ben een chatbot, geen mens. Met een mens praten kan zeker."]
    if school:
        namen = " of ".join(_naam(v, vraag.onderwijstype) for v in school)
        uit.append(f"Op school kun je praten met {namen}.")
    uit += [beschrijf_verwijzing(i, kb, eenvoudig) for i in buiten]
    if not eenvoudig:
        uit.append(kb.info("helpdesk"))  # type: ignore[arg-type]
    return uit


def _school_doet_niks(vraag: Vraag, kb: Kennisbank, eenvoudig: bool) -> list[str]:
    opnieuw = replace(vraag, context=vraag.context | {"school_helpt_niet"}, wens="klacht")
    plan = maak_plan(opnieuw, kb)
    uit = ["Wat vervelend dat je je niet geholpen voelt door school. Er zijn nog andere wegen."]
    genoemd: set[str] = set()
    for stap in plan.stappen:
        if stap.soort in ("acuut", "klacht", "melding"):
            uit.append(_stap_bericht(stap, None, opnieuw, kb, eenvoudig, genoemd))
    oplossing = plan.stap("oplossing_op_school")
    if oplossing and "medezeggenschapsraad" in oplossing.verwijzingen:
        uit.append(beschrijf_verwijzing("medezeggenschapsraad", kb, eenvoudig))
    return uit


def _verschil_melding_klacht(vraag: Vraag, kb: Kennisbank, eenvoudig: bool) -> list[str]:
    uit = kb.info_lijst("melding_of_klacht")
    if vraag.rol == "leerling" and vraag.onderwijstype != "vo":
        uit.append(kb.info("klacht_po_leerling"))  # type: ignore[arg-type]
    return uit


_ANTWOORDEN = {
    "klacht_indienen": _klacht_indienen,
    "anoniem_melden": _anoniem_melden,
    "vertrouwenspersoon": _vertrouwenspersoon,
    "wie_nu_bellen": _wie_nu_bellen,
    "mens_spreken": _mens_spreken,
    "school_doet_niks": _school_doet_niks,
    "verschil_melding_klacht": _verschil_melding_klacht,
}

__all__ = ["VERVOLGVRAGEN", "antwoord_vervolgvraag", "beschrijf_verwijzing", "plan_berichten"]

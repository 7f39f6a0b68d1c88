"""Chatteksten: veiligheidszin, alleen bevestigde nummers, geen beloftes of schuld, eenvoudig voor po."""

import re
from itertools import product

import pytest

from wegwijzer import (
    VEILIGHEIDSZIN,
    VERVOLGVRAGEN,
    Vraag,
    antwoord_vervolgvraag,
    beschrijf_verwijzing,
    maak_plan,
    plan_berichten,
)
from wegwijzer.contract import ONDERWIJSTYPES, ROLLEN, SITUATIES, VERWIJZING_IDS
from wegwijzer.telefoon import normaliseer_nummer, vind_telefoonnummers

BELOFTE = re.compile(r"\b(zal|zullen|zult|beloof\w*|gegarandeerd|garantie)\b", re.I)
SCHULD = re.compile(r"eigen schuld|had je moeten|jouw fout|(?<!nooit )jouw schuld|je schuld", re.I)


@pytest.fixture(scope="session")
def alle_teksten(kb, alle_plannen, context_plannen):
    """(vraag, eenvoudig, berichten) voor elk plan; de grote tabel in beide vormen."""
    uit = [(v, e, plan_berichten(p, kb, e)) for (v, p), e in product(alle_plannen, (False, True))]
    uit += [(v, v.is_kind, plan_berichten(p, kb, v.is_kind)) for v, p in context_plannen]
    return uit


@pytest.fixture(scope="session")
def unieke_berichten(alle_teksten):
    """Elk verschillend bericht één keer, met een vraag die het oplevert (veel plannen delen berichten)."""
    uit = {}
    for vraag, _, berichten in alle_teksten:
        for b in berichten:
            uit.setdefault(b, vraag)
    return uit


def _onzekere_nummers(kb):
    return {normaliseer_nummer(n) for _, _, w in kb.onzekere_gegevens() for n in vind_telefoonnummers(w)}


def _controleer_nummers(kb, tekst):
    """Geeft de nummers in `tekst` die niet bevestigd in de kennisbank staan."""
    gevonden = {normaliseer_nummer(n) for n in vind_telefoonnummers(tekst)}
    return gevonden - kb.bevestigde_nummers()


def test_veiligheidszin_staat_altijd_aan_het_eind(alle_teksten):
    fout = [v for v, _, b in alle_teksten if b[-1] != VEILIGHEIDSZIN]
    assert not fout[:3]


def test_alleen_bevestigde_telefoonnummers(unieke_berichten, kb):
    onzeker = _onzekere_nummers(kb)
    assert onzeker  # anders test deze test niets
    fout = [(b, v) for b, v in unieke_berichten.items()
            if _controleer_nummers(kb, b) or any(w in b for _, _, w in kb.onzekere_gegevens())]
    assert not fout[:3]
    getoond = {normaliseer_nummer(n) for b in unieke_berichten for n in vind_telefoonnummers(b)}
    # Elk bevestigd nummer komt in een plan voor, behalve Meld Misdaad Anoniem (alleen bij anoniem_melden).
    alleen_vervolgvraag = {normaliseer_nummer(n) for n in kb.get("meld_misdaad_anoniem").telefoonnummers()}
    assert getoond == kb.bevestigde_nummers() - alleen_vervolgvraag


def test_geen_opmaak_geen_beloftes_geen_schuld(unieke_berichten):
    fout = [(b, v) for b, v in unieke_berichten.items()
            if "|" in b or "**" in b or b.lstrip().startswith("#") or BELOFTE.search(b) or SCHULD.search(b)
            or not b.strip()]
    assert not fout[:3]


def test_acuut_nummer_staat_in_het_eerste_bericht(alle_teksten):
    fout = []
    for vraag, _, berichten in alle_teksten:
        eerste = berichten[0]
        nummers = {normaliseer_nummer(n) for n in vind_telefoonnummers(eerste)}
        if vraag.acuut_soort == "levensgevaar" and "112" not in nummers:
            fout.append(vraag)
        if vraag.acuut_soort == "zelfdoding" and not {"113", "08000113"} <= nummers:
            fout.append(vraag)
        if not vraag.is_acuut and nummers & {"112", "113"}:
            fout.append(vraag)
    assert not fout[:3]


def test_elke_verwijzing_wordt_bij_naam_genoemd(alle_plannen, kb):
    for (vraag, plan), eenvoudig in product(alle_plannen[::37], (False, True)):
        tekst = "\n".join(plan_berichten(plan, kb, eenvoudig)).lower()
        for id in plan.verwijzingen:
            v = kb.get(id)
            namen = {v.naam.lower(), (v.naam_po or v.naam).lower()}
            assert any(n in tekst for n in namen), (id, vraag)


def test_basisschoolleerling_leest_nergens_dat_het_zelf_een_klacht_indient(alle_teksten):
    for vraag, _, berichten in alle_teksten:
        if vraag.rol == "leerling" and vraag.onderwijstype == "po":
            tekst = "\n".join(berichten)
            assert "kun je zelf een klacht" not in tekst
            assert "LAKS" not in tekst
            if "buiten_scope" not in vraag.context:
                assert "niet zelf een klacht indienen" in tekst


def _zinnen(tekst):
    return [z for z in re.split(r"(?<=[.!?])\s+|\n", tekst) if z.strip()]


def test_eenvoudige_teksten_voor_po_leerlingen_zijn_kort(alle_plannen, kb):
    for vraag, plan in alle_plannen:
        if not vraag.is_kind:
            continue
        eenvoudig = plan_berichten(plan, kb, True)
        gewoon = plan_berichten(plan, kb, False)
        assert sum(map(len, eenvoudig)) < sum(map(len, gewoon))
        lang = [z for b in eenvoudig for z in _zinnen(b) if len(z.split()) > 15]
        assert not lang, lang[:2]
        assert "Jij kiest wat je doet." in "\n".join(eenvoudig)


def test_plan_berichten_voorbeeld_po_leerling(kb):
    plan = maak_plan(Vraag("leerling", "pesten", "po", "zelf"), kb)
    berichten = plan_berichten(plan, kb, eenvoudig=True)
    assert berichten[0] == "Dit kun je doen. Jij kiest wat je doet."
    assert berichten[1].startswith("Stap 1: Praat erover\n")
    assert "Bel gratis 0800-0432 of chat. Je hoeft je naam niet te zeggen." in berichten[1]
    assert "juf of meester" in berichten[1]
    assert berichten[-1] == VEILIGHEIDSZIN
    assert len(berichten) == 1 + 4 + 1  # intro, vier stappen, veiligheidszin


def test_plan_berichten_acuut_eerst(kb):
    plan = maak_plan(Vraag("leerling", "pesten", "vo", "zelf", acuut_soort="zelfdoding"), kb)
    berichten = plan_berichten(plan, kb)
    assert berichten[0].startswith("Eerst: praat er nu over")
    assert "bel gratis 113 of 0800-0113" in berichten[0].lower()
    assert "Als het weer kan" in berichten[1]


# --- beschrijf_verwijzing -----------------------------------------------------------------

@pytest.mark.parametrize("id", VERWIJZING_IDS)
@pytest.mark.parametrize("eenvoudig", [False, True])
def test_beschrijf_verwijzing(kb, id, eenvoudig):
    v = kb.get(id)
    tekst = beschrijf_verwijzing(id, kb, eenvoudig)
    naam = v.naam_po if eenvoudig and v.naam_po else v.naam
    assert tekst.lower().startswith(naam.lower())
    assert not _controleer_nummers(kb, tekst)
    assert not any(w in tekst for _, _, w in kb.onzekere_gegevens())
    if v.is_school:
        assert vind_telefoonnummers(tekst) == []
        assert "school" in tekst.lower()
    elif not (eenvoudig and v.commissies):
        for nummer in v.telefoonnummers():
            assert nummer in tekst
        if not v.telefoonnummers():
            assert any(u and u in tekst for u in (v.kanalen.website, v.kanalen.formulier))
    if v.anoniem and not v.is_school:
        assert ("Je hoeft je naam niet te zeggen." if eenvoudig else "Anoniem kan.") in tekst


def test_beschrijf_verwijzing_details(kb):
    kt = beschrijf_verwijzing("kindertelefoon", kb)
    assert "Bel gratis 0800-0432 of chat." in kt and "Bereikbaar: elke dag." in kt
    assert "11.00" not in kt  # onzekere openingstijden
    vi = beschrijf_verwijzing("vertrouwensinspecteur", kb)
    assert "werkdagen 8.00-17.00 uur" in vi and "lokaal tarief" in vi and "gratis" not in vi
    oo = beschrijf_verwijzing("ouders_onderwijs", kb)
    assert "https://oudersonderwijs.nl" in oo and vind_telefoonnummers(oo) == []
    kc = beschrijf_verwijzing("klachtencommissie", kb)
    assert "030 280 95 90" in kc and "070 331 52 44" in kc and "info@onderwijsgeschillen.nl" in kc
    assert "(keuze 2)" in beschrijf_verwijzing("balans", kb)
    assert beschrijf_verwijzing("mentor", kb, eenvoudig=True).startswith("De leerkracht")


# --- vervolgvragen ------------------------------------------------------------------------

def test_vervolgvragen_voor_elke_rol(kb):
    onzeker = [w for _, _, w in kb.onzekere_gegevens()]
    for onderwerp, rol, ot, sit, acuut in product(VERVOLGVRAGEN, (None,) + ROLLEN, (None,) + ONDERWIJSTYPES,
                                                  (None,) + SITUATIES, (None, "zelfdoding")):
        vraag = Vraag(rol, sit, ot, "zelf", acuut_soort=acuut)
        berichten = antwoord_vervolgvraag(onderwerp, vraag, kb)
        tekst = "\n".join(berichten)
        assert len(berichten) >= 2 and berichten[-1] == VEILIGHEIDSZIN
        assert all(b.strip() for b in berichten)
        assert not _controleer_nummers(kb, tekst), (onderwerp, vraag)
        assert not any(w in tekst for w in onzeker)
        assert not BELOFTE.search(tekst) and not SCHULD.search(tekst) and "|" not in tekst
        if rol == "leerling" and ot == "po":
            assert "kun je zelf een klacht" not in tekst and "LAKS" not in tekst


def _antwoord(kb, onderwerp, *args, **kwargs):
    return "\n".join(antwoord_vervolgvraag(onderwerp, Vraag(*args, **kwargs), kb))


def test_klacht_indienen_hangt_af_van_rol(kb):
    po = _antwoord(kb, "klacht_indienen", "leerling", "pesten", "po", "zelf")
    assert kb.info("klacht_po_leerling") in po and "juf of meester" in po
    vo = _antwoord(kb, "klacht_indienen", "leerling", "pesten", "vo", "zelf")
    assert "kun je zelf een klacht indienen" in vo and "LAKS" in vo and "hoorzitting" in vo
    ouder = _antwoord(kb, "klacht_indienen", "ouder", "pesten", "po", "ander")
    for stuk in ("hoorzitting", "4 weken", "niet bindend", "1 jaar", "geen advocaat", "030 280 95 90"):
        assert stuk in ouder
    assert "LAKS" not in ouder and "niet zelf" not in ouder


def test_anoniem_melden(kb):
    leerling = _antwoord(kb, "anoniem_melden", "leerling", "pesten", "vo", "zelf")
    assert "Een klacht kan niet anoniem." in leerling and "De Kindertelefoon" in leerling
    ouder = _antwoord(kb, "anoniem_melden", "ouder", "seksueel_misbruik", "vo", "ander")
    assert "Meld Misdaad Anoniem" in ouder and "0800-7000" in ouder and "Kindertelefoon" not in ouder


def test_school_doet_niks(kb):
    ouder = _antwoord(kb, "school_doet_niks", "ouder", "pesten", "po", "ander")
    assert "Kinderombudsman" in ouder and "medezeggenschapsraad" in ouder and "klacht" in ouder
    personeel = _antwoord(kb, "school_doet_niks", "onderwijspersoneel", "pesten", "vo", "zelf")
    assert "medezeggenschapsraad" in personeel and "Kinderombudsman" not in personeel


def test_overige_vervolgvragen(kb):
    verschil = _antwoord(kb, "verschil_melding_klacht", "ouder", None, None, None)
    assert "Een melding" in verschil and "Een klacht" in verschil and "anoniem" in verschil
    mens = _antwoord(kb, "mens_spreken", "leerling", "pesten", "vo", "zelf")
    assert "chatbot" in mens and "vertrouwenspersoon" in mens and "0800-0432" in mens
    bellen = antwoord_vervolgvraag("wie_nu_bellen", Vraag("leerling", "pesten", "vo", "zelf", acuut_soort="zelfdoding"), kb)
    assert bellen[1].startswith("113 Zelfmoordpreventie")
    vp = _antwoord(kb, "vertrouwenspersoon", "onderwijspersoneel", None, "vo", "zelf")
    assert "externe vertrouwenspersoon" in vp
    with pytest.raises(ValueError):
        antwoord_vervolgvraag("iets_anders", Vraag(None, None, None, None), kb)

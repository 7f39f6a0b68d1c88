"""De kennisbank: de echte bestanden laden, kloppen met contract en feiten, en fouten duidelijk melden."""

import os
import re
import shutil
from datetime import date

import pytest
from conftest import KENNISBANK_MAP, SHARED

from wegwijzer import KennisbankFout, laad_kennisbank
from wegwijzer.contract import (
    DADERS,
    MENSEN_OP_SCHOOL,
    ONDERWIJSTYPES,
    ORGANISATIES,
    ROLLEN,
    SITUATIES,
    VERWIJZING_IDS,
    VOOR_WIE,
)
from wegwijzer.telefoon import normaliseer_nummer, vind_telefoonnummers

CONTRACT = SHARED / "contract.md"
FEITEN = SHARED / "kennis" / "wegwijzer-feiten.md"


# --- de echte kennisbank ------------------------------------------------------------------

def test_echte_kennisbank_laadt_met_elk_contract_id_precies_een_keer(kb):
    assert kb.ids() == VERWIJZING_IDS
    for id in VERWIJZING_IDS:
        v = kb.get(id)
        assert v.id == id
        assert v.naam and v.wat
        assert set(v.voor_rollen) <= set(ROLLEN) and v.voor_rollen
        assert set(v.situaties) <= set(SITUATIES) and v.situaties
        assert set(v.onderwijstypes) <= set(ONDERWIJSTYPES) and v.onderwijstypes
        assert v.gecontroleerd_op == date(2026, 11, 1)
        assert v.bron.startswith("https://")
        assert v.status in ("bevestigd", "onzeker")
        assert (v.status == "onzeker") == bool(v.onzeker)
    with pytest.raises(KeyError):
        kb.get("bestaat_niet")


def test_contract_py_is_gelijk_aan_shared_contract_md():
    tekst = CONTRACT.read_text(encoding="utf-8")
    sectie = tekst.split("## Referral ids", 1)[1].split("People at school:", 1)[1]
    ids_md = re.findall(r"`([a-z0-9_]+)`", sectie.split("Facts about each", 1)[0])
    assert tuple(ids_md) == VERWIJZING_IDS
    mensen = sectie.split("Organisations:", 1)[0]
    assert tuple(re.findall(r"`([a-z0-9_]+)`", mensen)) == MENSEN_OP_SCHOOL
    slots = {}
    for regel in tekst.splitlines():
        m = re.match(r"\|\s*`(\w+)`\s*\|([^|]*)\|", regel)
        if m:
            slots[m.group(1)] = tuple(re.findall(r"`([a-z_]+)`", m.group(2)))
    assert slots["rol"] == ROLLEN
    assert slots["situatie"] == SITUATIES
    assert slots["onderwijstype"] == ONDERWIJSTYPES
    assert slots["voor_wie"] == VOOR_WIE
    assert slots["dader"] == DADERS


def test_mensen_op_school_hebben_geen_kanalen_en_organisaties_wel(kb):
    for id in MENSEN_OP_SCHOOL:
        v = kb.get(id)
        assert v.is_school
        assert v.telefoonnummers() == ()
        assert v.kanalen.website is None and v.kanalen.chat is None
    for id in ORGANISATIES:
        v = kb.get(id)
        assert not v.is_school
        k = v.kanalen
        assert any([k.telefoon, k.chat, k.website, k.formulier, v.commissies]), id


def test_bekende_feiten_staan_goed_in_de_kennisbank(kb):
    assert kb.get("kindertelefoon").kanalen.telefoon == "0800-0432"
    assert kb.get("kindertelefoon").voor_rollen == ("leerling",)
    assert kb.get("vertrouwensinspecteur").kanalen.telefoon == "0900 111 3 111"
    assert kb.get("inspectie_loket").kanalen.telefoon == "088 669 60 60"
    assert kb.get("zelfmoordpreventie_113").telefoonnummers() == ("113", "0800-0113")
    assert kb.get("alarmnummer_112").telefoonnummers() == ("112",)
    assert kb.get("laks").onderwijstypes == ("vo",)
    assert kb.get("coc").voor_rollen == ("leerling", "onderwijspersoneel")
    assert kb.get("kinderombudsman").voor_rollen == ("leerling", "ouder")
    assert kb.get("centrum_seksueel_geweld").situaties == ("seksueel_misbruik",)
    assert kb.get("klachtencommissie").anoniem is False
    commissies = {c.id: c for c in kb.get("klachtencommissie").commissies}
    assert set(commissies) == {"lkc", "gcbo"}
    assert commissies["lkc"].kanalen.telefoon == "030 280 95 90"
    assert commissies["lkc"].kanalen.email == "info@onderwijsgeschillen.nl"
    assert commissies["gcbo"].kanalen.telefoon == "070 331 52 44"


def test_geen_nummer_waar_de_feiten_geen_bevestigd_nummer_hebben(kb):
    for id in ("coc", "ouders_onderwijs", "school_en_veiligheid", "discriminatie_nl"):
        assert kb.get(id).telefoonnummers() == (), id
    assert "telefoon" in kb.get("ouders_onderwijs").onzekere_velden
    assert "telefoon" in kb.get("school_en_veiligheid").onzekere_velden
    assert "telefoon" in kb.get("discriminatie_nl").onzekere_velden


def _feiten_nummers() -> set:
    return {normaliseer_nummer(n) for n in vind_telefoonnummers(FEITEN.read_text(encoding="utf-8"))}


def _onzekere_feiten_nummers() -> set:
    """Nummers die in de feiten direct na een ⚠ staan (tot het einde van de cel of de zin)."""
    uit = set()
    for stuk in re.findall(r"⚠([^|;]*)", FEITEN.read_text(encoding="utf-8")):
        uit |= {normaliseer_nummer(n) for n in vind_telefoonnummers(stuk)}
    return uit


def test_elk_bevestigd_nummer_komt_uit_de_feiten(kb):
    assert kb.bevestigde_nummers() <= _feiten_nummers()


def test_onzekere_nummers_uit_de_feiten_zijn_niet_bevestigd(kb):
    onzeker = _onzekere_feiten_nummers()
    assert onzeker == {"08005010", "0886050101", "0302856616"}
    assert not onzeker & kb.bevestigde_nummers()
    bewaard = {normaliseer_nummer(n) for _, _, w in kb.onzekere_gegevens() for n in vind_telefoonnummers(w)}
    assert onzeker == bewaard  # bewaard voor de beheerder, onder `onzeker:`


def test_info_onderwerpen(kb):
    assert kb.info("klacht_po_leerling").startswith("Op de basisschool kun je niet zelf een klacht indienen")
    procedure = " ".join(kb.info("klachtprocedure"))
    for stuk in ("mediation", "betaalt de school", "hoorzitting", "4 weken", "niet bindend",
                 "maatregelen", "1 jaar", "Onderteken", "geen advocaat", "kopie", "LKC", "GCBO"):
        assert stuk in procedure, stuk
    assert len(kb.info("meldcode")) == 5
    assert "ook als de ouders bezwaar hebben" in " ".join(kb.info("aangifteplicht"))
    assert "lost geen problemen van één persoon op" in " ".join(kb.info("inspectie"))
    with pytest.raises(KeyError):
        kb.info("bestaat_niet")


def test_laden_is_gecachet_en_leest_een_gewijzigd_bestand_opnieuw(tmp_path):
    map = _kopie(tmp_path)
    eerste = laad_kennisbank(map)
    assert laad_kennisbank(map) is eerste
    pad = map / "organisaties.yml"
    pad.write_text(pad.read_text(encoding="utf-8").replace('"0900-0101"', '"0900 0101"'), encoding="utf-8")
    stat = pad.stat()
    os.utime(pad, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    tweede = laad_kennisbank(map)
    assert tweede is not eerste
    assert tweede.get("slachtofferhulp").kanalen.telefoon == "0900 0101"


# --- fouten die een coördinator kan maken -------------------------------------------------

def _kopie(tmp_path):
    map = tmp_path / "kennisbank"
    shutil.copytree(KENNISBANK_MAP, map)
    return map


def _wijzig(map, bestand, item, oud, nieuw):
    """Vervang `oud` door `nieuw` binnen het blok van `item` (zoals iemand met een editor doet)."""
    pad = map / bestand
    tekst = pad.read_text(encoding="utf-8")
    begin = tekst.index(f"\n{item}:\n")
    plek = tekst.index(oud, begin)
    pad.write_text(tekst[:plek] + nieuw + tekst[plek + len(oud):], encoding="utf-8")


def _fout_bij_laden(map) -> KennisbankFout:
    with pytest.raises(KennisbankFout) as info:
        laad_kennisbank(map)
    return info.value


def _noemt(fout: KennisbankFout, bestand: str, item: str, veld: str, *woorden: str) -> None:
    tekst = str(fout)
    regels = [r for r in tekst.splitlines() if f"'{bestand}'" in r and f"'{item}'" in r and f"'{veld}'" in r]
    assert regels, f"geen regel met {bestand}/{item}/{veld} in:\n{tekst}"
    for woord in woorden:
        assert any(woord in r for r in regels), f"'{woord}' ontbreekt in {regels}"


BREUKEN = [
    # (bestand, blok waarin we wijzigen, oud, nieuw, item en veld in de melding, woorden in de melding)
    ("organisaties.yml", "balans", "  gratis: null", "  gratsi: null", "balans", "gratsi", ["onbekend", "gratis"]),
    ("organisaties.yml", "balans", "  gratis: null", "  gratsi: null", "balans", "gratis", ["ontbreekt"]),
    ("organisaties.yml", "vertrouwensinspecteur", '"0900 111 3 111"', '"0900 111 3 1111"', "vertrouwensinspecteur",
     "kanalen.telefoon", ["0900 111 3 1111", "Nederlands telefoonnummer"]),
    ("organisaties.yml", "politie", '"0900-8844"', '"politie bellen"', "politie", "kanalen.telefoon", ["Nederlands"]),
    ("organisaties.yml", "alarmnummer_112", 'telefoon: "112"', "telefoon: 112", "alarmnummer_112",
     "kanalen.telefoon", ["aanhalingstekens"]),
    ("organisaties.yml", "kindertelefoon", "    chat: true", "    chatt: true", "kindertelefoon", "kanalen.chatt",
     ["chat"]),
    ("school.yml", "mentor", "voor_rollen: [leerling, ouder]", "voor_rollen: [leerling, leraar]", "mentor",
     "voor_rollen", ["leraar", "onderwijspersoneel"]),
    ("school.yml", "aanspreekpunt_pesten", "situaties: [pesten, discriminatie]", "situaties: [pesten, racisme]",
     "aanspreekpunt_pesten", "situaties", ["racisme"]),
    ("organisaties.yml", "laks", "onderwijstypes: [vo]", "onderwijstypes: [mbo]", "laks", "onderwijstypes", ["mbo"]),
    ("organisaties.yml", "laks", "  bron: https://laks.nl\n", "", "laks", "bron", ["ontbreekt"]),
    ("organisaties.yml", "laks", "  bron: https://laks.nl", "  bron: www.laks.nl", "laks", "bron", ["https://"]),
    ("organisaties.yml", "laks", "gecontroleerd_op: 2026-11-01", "gecontroleerd_op: 2026-13-01", "laks",
     "gecontroleerd_op", ["2026-13-01", "bestaat niet"]),
    ("organisaties.yml", "laks", "gecontroleerd_op: 2026-11-01", "gecontroleerd_op: 1 november 2026", "laks",
     "gecontroleerd_op", ["jaar-maand-dag"]),
    ("organisaties.yml", "helpwanted", "  anoniem: true", "  anoniem: ja", "helpwanted", "anoniem",
     ["true", "false", "null"]),
    ("organisaties.yml", "coc", "\ncoc:\n", "\ncocc:\n", "cocc", "(id)", ["bedoel je 'coc'"]),
    ("organisaties.yml", "coc", "\ncoc:\n", "\ncocc:\n", "coc", "(hele item)", ["ontbreekt"]),
    ("organisaties.yml", "politie", "  status: bevestigd", "  status: zeker", "politie", "status",
     ["bevestigd of onzeker"]),
    ("organisaties.yml", "ouders_onderwijs", "  status: onzeker", "  status: bevestigd", "ouders_onderwijs", "status",
     ["onzeker"]),
    ("organisaties.yml", "klachtencommissie", '"030 280 95 90"', '"030 280 95"', "klachtencommissie",
     "commissies.lkc.kanalen.telefoon", ["030 280 95"]),
    ("organisaties.yml", "laks", "    website: https://laks.nl", "    website: laks", "laks", "kanalen.website",
     ["https://"]),
    ("school.yml", "mentor", "  gratis: null", '  kanalen:\n    telefoon: "112"\n  gratis: null', "mentor",
     "kanalen", ["mensen op school"]),
    ("info.yml", "meldcode", "\nmeldcode:\n", "\nmeldcodes:\n", "meldcode", "(hele item)", ["ontbreekt"]),
]


@pytest.mark.parametrize("bestand,blok,oud,nieuw,item,veld,woorden", BREUKEN)
def test_fout_noemt_bestand_item_en_veld(tmp_path, bestand, blok, oud, nieuw, item, veld, woorden):
    map = _kopie(tmp_path)
    _wijzig(map, bestand, blok, oud, nieuw)
    fout = _fout_bij_laden(map)
    _noemt(fout, bestand, item, veld, *woorden)
    assert any((f.bestand, f.item, f.veld) == (bestand, item, veld) for f in fout.fouten)


def test_ontbrekend_item_wordt_gemeld(tmp_path):
    map = _kopie(tmp_path)
    pad = map / "organisaties.yml"
    tekst = pad.read_text(encoding="utf-8")
    pad.write_text(tekst[: tekst.index("\ncoc:\n")] + "\n", encoding="utf-8")
    _noemt(_fout_bij_laden(map), "organisaties.yml", "coc", "(hele item)", "ontbreekt")


def test_item_in_het_verkeerde_bestand(tmp_path):
    map = _kopie(tmp_path)
    with open(map / "organisaties.yml", "a", encoding="utf-8") as f:
        f.write("\nmentor:\n  naam: de mentor\n")
    _noemt(_fout_bij_laden(map), "organisaties.yml", "mentor", "(id)", "school.yml")


def test_dubbel_item_wordt_gemeld_met_regelnummer(tmp_path):
    map = _kopie(tmp_path)
    pad = map / "organisaties.yml"
    tekst = pad.read_text(encoding="utf-8")
    blok = tekst[tekst.index("\ncoc:\n"):]
    pad.write_text(tekst + blok, encoding="utf-8")
    fout = _fout_bij_laden(map)
    _noemt(fout, "organisaties.yml", "coc", f"(regel {tekst.count(chr(10)) + 2})", "twee keer")


def test_kapotte_yaml_noemt_bestand_en_regel(tmp_path):
    map = _kopie(tmp_path)
    _wijzig(map, "school.yml", "schoolleiding", "  status: bevestigd", "  status: bevestigd: ja")
    fout = _fout_bij_laden(map)
    assert "'school.yml'" in str(fout) and "regel" in str(fout)


def test_alle_fouten_komen_tegelijk(tmp_path):
    map = _kopie(tmp_path)
    _wijzig(map, "organisaties.yml", "laks", '"030 790 09 10"', '"030 790 09"')
    _wijzig(map, "school.yml", "mentor", "  status: bevestigd", "  status: misschien")
    fout = _fout_bij_laden(map)
    assert {(f.bestand, f.item, f.veld) for f in fout.fouten} == {
        ("organisaties.yml", "laks", "kanalen.telefoon"),
        ("school.yml", "mentor", "status"),
    }


def test_ontbrekend_bestand(tmp_path):
    map = _kopie(tmp_path)
    (map / "info.yml").unlink()
    _noemt(_fout_bij_laden(map), "info.yml", "(hele bestand)", "-", "ontbreekt")

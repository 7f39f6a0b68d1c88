"""Geen telefoonnummer in antwoorden of code dat niet bevestigd in de kennisbank staat.

Doorzoekt de responses in domain.yml (als dat bestand er is), alle .py-bestanden onder actions/
en de kennisbank zelf (zonder de `onzeker:`-delen, die nooit getoond worden).
"""

from pathlib import Path

import pytest
import yaml
from conftest import ACTIONS, KENNISBANK_MAP, REPO

from wegwijzer.telefoon import is_nederlands_nummer, normaliseer_nummer, vind_telefoonnummers

# --- de scanner zelf ----------------------------------------------------------------------

@pytest.mark.parametrize("tekst,verwacht", [
    ("Bel 0800-0432 of chat.", ["0800-0432"]),
    ("Bel 0900 111 3 111 (lokaal tarief).", ["0900 111 3 111"]),
    ("Klantcontact: 088 669 60 60.", ["088 669 60 60"]),
    ("LKC 030 280 95 90, GCBO 070 331 52 44", ["030 280 95 90", "070 331 52 44"]),
    ("Bel 112!", ["112"]),
    ("Bel 113 of 0800-0113", ["113", "0800-0113"]),
    ("0800 876 54 32 (gratis)", ["0800 876 54 32"]),
    ("0800-2000 24 uur per dag", ["0800-2000"]),
    ("mobiel 06-12345678 of +31 6 1234 5678", ["06-12345678", "+31 6 1234 5678"]),
    ("(030) 225 50 50", ["(030) 225 50 50"]),
    ("Typfout: 0800-04322", ["0800-04322"]),
])
def test_scanner_vindt_nummers(tekst, verwacht):
    assert vind_telefoonnummers(tekst) == verwacht


@pytest.mark.parametrize("tekst", [
    "binnen 4 weken na de hoorzitting",
    "binnen 1 jaar, liefst binnen 7 dagen of 72 uur",
    "gecontroleerd_op: 2026-11-01",
    "sinds 1-8-2015 en op 01-08-2015",
    "ma-vr 9.00-12.00 en 13.00-16.00, werkdagen 8.00-17.00",
    "om 09:00 uur",
    "2.152 dossiers, 992 psychisch geweld, 1.173 contacten",
    "versie 3.6.21, poort 5005",
    "voor 8 tot 18 jaar, klas 1-6, groep 1-8",
    "code 1130 en x112y",
])
def test_scanner_negeert_datums_tijden_en_aantallen(tekst):
    assert vind_telefoonnummers(tekst) == []


def test_geldige_nummers():
    for goed in ("112", "113", "0800-0432", "0800 876 54 32", "0900 111 3 111", "088 669 60 60", "020 261 52 75"):
        assert is_nederlands_nummer(goed), goed
    for fout in ("0800-04322", "12345", "030 280 95", "bel 112", "0800-2000 24", ""):
        assert not is_nederlands_nummer(fout), fout
    assert normaliseer_nummer("+31 (0)20 261 52 75") == normaliseer_nummer("020-2615275") == "0202615275"


# --- de bestanden van het project ---------------------------------------------------------

def _zonder_onzeker(gegevens):
    """De kennisbank zonder de delen die nooit getoond worden."""
    if isinstance(gegevens, dict):
        return {k: _zonder_onzeker(v) for k, v in gegevens.items() if k != "onzeker"}
    if isinstance(gegevens, list):
        return [_zonder_onzeker(v) for v in gegevens]
    return gegevens


def _teksten_om_te_doorzoeken(repo: Path, actions: Path, kennisbank: Path) -> dict[str, str]:
    teksten = {}
    domain = repo / "domain.yml"
    if domain.is_file():
        inhoud = yaml.safe_load(domain.read_text(encoding="utf-8")) or {}
        teksten["domain.yml (responses)"] = yaml.safe_dump(inhoud.get("responses") or {}, allow_unicode=True)
    for pad in sorted(actions.rglob("*.py")):
        teksten[str(pad.relative_to(repo))] = pad.read_text(encoding="utf-8")
    for pad in sorted(kennisbank.glob("*.yml")):
        inhoud = yaml.safe_load(pad.read_text(encoding="utf-8"))
        teksten[str(pad.relative_to(repo))] = yaml.safe_dump(_zonder_onzeker(inhoud), allow_unicode=True, width=10_000)
    # Everything else users can be shown: action texts, NLU component, channels, the web widget.
    for pad in sorted(actions.rglob("*.yml")):
        if kennisbank not in pad.parents:
            teksten[str(pad.relative_to(repo))] = pad.read_text(encoding="utf-8")
    for map_, patronen in (("components", ("*.py",)), ("channels", ("*.py",)), ("widget", ("*.js", "*.html"))):
        for patroon in patronen:
            for pad in sorted((repo / map_).rglob(patroon)):
                if not {"node_modules", "tests", "vendor"} & set(pad.relative_to(repo).parts):
                    teksten[str(pad.relative_to(repo))] = pad.read_text(encoding="utf-8")
    return teksten


def onbekende_nummers(teksten: dict[str, str], toegestaan: frozenset) -> list[str]:
    return [f"{bron}: {nummer}" for bron, tekst in teksten.items() for nummer in vind_telefoonnummers(tekst)
            if normaliseer_nummer(nummer) not in toegestaan]


def test_geen_onbekende_nummers_in_domain_code_en_kennisbank(kb):
    teksten = _teksten_om_te_doorzoeken(REPO, ACTIONS, KENNISBANK_MAP)
    assert any(naam.endswith("stappen.py") for naam in teksten)
    assert "actions/berichten.yml" in teksten
    gevonden = {normaliseer_nummer(n) for t in teksten.values() for n in vind_telefoonnummers(t)}
    assert {"08000432", "09001113111", "112"} <= gevonden  # de scan ziet de kennisbank echt
    assert onbekende_nummers(teksten, kb.bevestigde_nummers()) == []


def test_scan_faalt_op_een_verzonnen_of_onzeker_nummer(tmp_path, kb):
    repo = tmp_path / "repo"
    actions = repo / "actions"
    (actions / "kennisbank").mkdir(parents=True)
    (repo / "domain.yml").write_text(
        "version: '3.1'\nresponses:\n  utter_ouders:\n  - text: Bel Ouders & Onderwijs op 0800 5010.\n",
        encoding="utf-8")
    (actions / "acties.py").write_text('TEKST = "Bel de hulplijn: 0800-1234567"\nJAAR = 2026\n', encoding="utf-8")
    (actions / "kennisbank" / "x.yml").write_text(
        'a:\n  wat: "Bel 030 285 66 16"\n  onzeker:\n    telefoon: "088 605 01 01"\n', encoding="utf-8")
    fout = onbekende_nummers(_teksten_om_te_doorzoeken(repo, actions, actions / "kennisbank"), kb.bevestigde_nummers())
    assert fout == [
        "domain.yml (responses): 0800 5010",
        "actions/acties.py: 0800-1234567",
        "actions/kennisbank/x.yml: 030 285 66 16",
    ]

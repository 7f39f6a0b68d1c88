"""Pure parts of make bench: conversations from the test stories, percentiles, the docs block.
Not in make test (pytest.ini's testpaths); run with
    .venv/bin/python -m pytest -q bench/last/tests"""
from __future__ import annotations

import itertools
import sys
import textwrap
from pathlib import Path

HIER = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HIER))

from belasting import Meting, percentiel, samenvatten  # noqa: E402
from rapport import BEGIN, EINDE, vervang_blok  # noqa: E402
from scenario import alle_gesprekken, uit_heldout, uit_testverhalen, volgorde, zonder_markup  # noqa: E402


def test_markup_weg():
    assert zonder_markup('ze [doen kkr vervelend]{"entity": "situatie", "value": "pesten"} tegen [me](voor_wie)') == \
        "ze doen kkr vervelend tegen me"
    assert zonder_markup("gewoon tekst [zonder] markup\n") == "gewoon tekst [zonder] markup"


def test_verhaal_wordt_heel_gesprek(tmp_path):
    (tmp_path / "test_x.yml").write_text(textwrap.dedent('''
        version: "3.1"
        stories:
        - story: ouder
          steps:
          - intent: begroeten
          - action: utter_welkom
          - intent: informeren
            entities:
            - rol: ouder
          - user: |
              mijn [zoon]{"entity": "voor_wie", "value": "ander"} wordt gepest
            intent: vertel_verhaal
          - slot_was_set:
            - voor_wie: ander
        - story: alleen acties
          steps:
          - action: utter_welkom
    '''))
    gesprekken = uit_testverhalen([tmp_path / "test_x.yml"])
    assert len(gesprekken) == 1  # a story without user steps gives no conversation
    assert gesprekken[0].beurten == ["/begroeten", '/informeren{"rol": "ouder"}', "mijn zoon wordt gepest"]


def test_heldout(tmp_path):
    (tmp_path / "h.yml").write_text('berichten:\n- {tekst: "ik word gepest", intent: vertel_verhaal}\n- {tekst: "  "}\n')
    assert [g.beurten for g in uit_heldout(tmp_path / "h.yml")] == [["ik word gepest"]]


def test_echte_data_en_vaste_volgorde():
    gesprekken = alle_gesprekken()
    assert sum(not g.naam.startswith("heldout") for g in gesprekken) >= 20
    assert sum(g.naam.startswith("heldout") for g in gesprekken) >= 300
    assert all(b.strip() and "]{" not in b for g in gesprekken for b in g.beurten)
    een = [g.naam for g in itertools.islice(volgorde(gesprekken, 7), 50)]
    assert een == [g.naam for g in itertools.islice(volgorde(gesprekken, 7), 50)]
    assert een != [g.naam for g in itertools.islice(volgorde(gesprekken, 8), 50)]


def test_percentiel_nearest_rank():
    waarden = list(range(1, 101))  # 1..100
    assert percentiel(waarden, 50) == 50
    assert percentiel(waarden, 95) == 95
    assert percentiel(waarden, 100) == 100
    assert percentiel([7.0], 95) == 7.0
    assert percentiel([3, 1, 2], 50) == 2
    assert percentiel([], 95) is None


def test_samenvatten_telt_fouten_niet_mee_in_latentie():
    metingen = [Meting("rest", 0, 0.1, 2), Meting("rest", 0, 0.2, 1), Meting("rest", 0, 30.0, 0, "timeout")]
    s = samenvatten(metingen, 2.0)
    assert (s["berichten"], s["goed"], s["fouten"]) == (3, 2, 1)
    assert s["p95_ms"] == 200.0 and s["max_ms"] == 200.0
    assert s["berichten_per_s"] == 1.0
    assert s["fout_soorten"] == {"timeout": 1}


def test_docs_blok_vervangen_en_toevoegen():
    doc = "# Benchmarks\n\n## NLU\nblijft\n"
    eerste = vervang_blok(doc, "oud")
    assert eerste.startswith(doc.rstrip("\n")) and f"{BEGIN}\noud\n{EINDE}" in eerste
    tweede = vervang_blok(eerste + "\n## Daarna\nook dit blijft\n", "nieuw")
    assert "oud" not in tweede and f"{BEGIN}\nnieuw\n{EINDE}" in tweede
    assert "## NLU\nblijft" in tweede and "ook dit blijft" in tweede
    assert tweede.count(BEGIN) == 1


def _ronde(kanaal, n, p95, per_s=10.0):
    return {"kanaal": kanaal, "gebruikers": n, "p50_ms": p95 / 2, "p95_ms": p95, "berichten_per_s": per_s, "fouten": 0,
            "goed": 100, "laat": 0, "processen": {"rasa0": {"rss_max_mb": 700.0, "cpu_s": 5.0},
                                                  "rasa1": {"rss_max_mb": 690.0, "cpu_s": 0.1}}}


def test_rapport_en_grafiek(tmp_path):
    from rapport import doelen, grafiek, markdown

    def model(p95_20, koud, rss):
        return {"koude_start": {"actieserver_s": 5.0, "rasa_luistert_s": koud - 2, "eerste_antwoord_s": koud},
                "training": "niet opnieuw getraind", "bytes": 36e6, "rss_na_start_mb": rss - 100, "rss_max_mb": rss,
                "rss_acties_max_mb": 150.0, "cpu_ms_per_bericht_rasa": 40.0, "cpu_ms_per_bericht_acties": 3.0,
                "doorvoer": _ronde("rest", 20, 300, 45.0),
                "rondes": [_ronde(k, n, p95_20 * n / 20) for k in ("rest", "socketio") for n in (1, 20)]}

    res = {"datum": "2026-11-21 12:00 UTC", "machine": {"uname": "Linux x", "nproc": "2", "load_begin": "1.0 1.0 1.0"},
           "commando": "make bench", "instellingen": {"gebruikers": [1, 20], "kanalen": ["rest", "socketio"], "seconden": 60,
                                                      "denktijd": [0.5, 2.0], "zaad": 1, "snel": False, "doorvoer_gebruikers": 20},
           "gesprekken": {"aantal": 3, "uit_tests": 1, "uit_heldout": 2},
           "modellen": {"a": model(120, 25, 900), "b": {**model(200, 35, 1000), "doorvoer": _ronde("rest", 20, 600, 30.0), "training": {"wand_s": 500, "cpu_s": 450},
                                                          "uit_cache": True}},
           "vloer": {"rondes": [_ronde("vloer", n, 4) for n in (1, 20)]},
           "productie": {"gebruikers": 20, "start_s": 60, "1": _ronde("rest", 20, 150), "2": _ronde("rest", 20, 140)},
           "soak": {"gebruikers": 100, "minuten": 30, "denktijd_s": [2.0, 5.0], "verzonden": 10, "opgeslagen": 10, "fouten": 0, "p50_ms": 50,
                    "p95_ms": 100, "berichten_per_s": 50.0, "vlak": True, "geslaagd": True,
                    "rss_rasa_mb": {"begin": 800, "na_opwarmen": 850, "eind": 860, "max": 870}}}
    assert [ok for *_, ok in doelen(res)] == [True, True, True, True, True]
    md = markdown(res)
    assert "| 20 | 60 / 120; 10.0/s; 0 | 100 / 200; 10.0/s; 0 | 2 / 4; 10.0/s; 0 | 30.0× | 50.0× | 0.6× | 1.0× |" in md
    assert "450 s CPU (uit cache)" in md and "| 10 | 10 | 0 |" in md
    res["modellen"]["a"]["koude_start"]["eerste_antwoord_s"] = 31
    assert [ok for *_, ok in doelen(res)][-1] is False
    grafiek(res, tmp_path / "g.png")
    assert (tmp_path / "g.png").stat().st_size > 10_000


def test_rate_limit_antwoord_herkend():
    from belasting import TE_SNEL, afgeremd

    assert afgeremd(["Fijn dat je het vertelt.", TE_SNEL])
    assert not afgeremd(["Fijn dat je het vertelt.", None])


def test_socketio_late_berichten_verlengen_de_vorige_beurt():
    import asyncio

    from belasting import SocketGebruiker
    from scenario import Gesprek

    metingen = [Meting("socketio", 10.0, 0.3, 2)]
    g = SocketGebruiker("http://x", "u", [Gesprek("g", ["hoi"])], 1, (0.5, 2.0), metingen, 5)
    g.rij = asyncio.Queue()
    g.laatste = 0
    g.rij.put_nowait((11.5, "nog een bericht"))
    g.na_laten()
    assert (metingen[0].latentie_s, metingen[0].berichten, g.laat) == (1.5, 3, 1)
    g.laatste = None  # e.g. after a timeout: nothing to extend, still counted
    g.rij.put_nowait((12.0, "laat"))
    g.na_laten()
    assert metingen[0].latentie_s == 1.5 and g.laat == 2

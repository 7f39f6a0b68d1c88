"""channels/limieten.py without a server: the token bucket, the acute exception and the settings."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from channels.limieten import TE_LANG, TE_SNEL, Snelheidsgrens, is_acuut


class Klok:
    def __init__(self) -> None:
        self.nu = 1000.0

    def __call__(self) -> float:
        return self.nu


def test_emmer_per_afzender_en_bijvullen():
    klok = Klok()
    g = Snelheidsgrens(20, 10, klok=klok)
    assert all(g.neem("a") for _ in range(20))
    assert not g.neem("a")
    assert g.neem("b")  # another sender has its own bucket
    klok.nu += 0.5  # 2 per second: one more after half a second
    assert g.neem("a") and not g.neem("a")
    klok.nu += 3600  # never more than the burst
    assert sum(g.neem("a") for _ in range(30)) == 20


def test_acuut_altijd_door():
    klok = Klok()
    g = Snelheidsgrens(2, 10, klok=klok)
    assert g.mag("a", "hoi") and g.mag("a", "hoi")
    assert not g.mag("a", "hoi")
    for tekst in ["ik wil niet meer leven", "er staat iemand met een mes", "IK WIL DOOD"]:
        assert g.mag("a", tekst), tekst
    assert not g.mag("a", "ik ga dood van het lachen")  # a figure of speech is not acute


def test_instellingen_uit_de_omgeving(monkeypatch):
    monkeypatch.setenv("WEGWIJZER_LIMIET_BERICHTEN", "3")
    monkeypatch.setenv("WEGWIJZER_LIMIET_SECONDEN", "1")
    g = Snelheidsgrens.uit_omgeving()
    assert (g.capaciteit, g.per_seconde, g.uit) == (3, 3, False)
    monkeypatch.setenv("WEGWIJZER_LIMIET_BERICHTEN", "geen getal")
    assert Snelheidsgrens.uit_omgeving().capaciteit == 20
    monkeypatch.setenv("WEGWIJZER_LIMIET_UIT", "1")
    g = Snelheidsgrens.uit_omgeving()
    assert g.uit and all(g.neem("a") for _ in range(10_000))


def test_geheugen_begrensd():
    g = Snelheidsgrens(1, 10, max_afzenders=100, klok=Klok())
    for i in range(10_000):
        g.neem(f"afzender-{i}")
    assert len(g._emmers) == 100


def test_teksten_nederlands_met_hulplijnen():
    for tekst in (TE_LANG, TE_SNEL):
        assert "112" in tekst and "113" in tekst
    assert TE_SNEL.startswith("Je stuurt veel berichten snel achter elkaar.")


@settings(max_examples=150, derandomize=True, deadline=None)
@given(st.text(max_size=1000))
def test_is_acuut_nooit_een_fout(tekst):
    assert is_acuut(tekst) in (True, False)

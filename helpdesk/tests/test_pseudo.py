"""Pseudonymisation of Dutch messages with names, numbers and addresses (no Rasa needed)."""
import pytest

from wegwijzer_helpdesk.pseudo import PSEUDO, Vervanger

GEVALLEN = [
    ("Ik ben Jan de Vries en mijn nummer is 06-12345678", ["Jan de Vries", "06-12345678"]),
    ("mail me op jan.devries@gmail.com", ["jan.devries@gmail.com"]),
    ("ik woon op Kerkstraat 12, 1234 AB Amsterdam", ["Kerkstraat 12", "1234 AB"]),
    ("mijn bsn is 123456782", ["123456782"]),
    ("ik ben geboren op 12 maart 2010", ["12 maart 2010"]),
    ("ik ben geboren op 03-04-2011", ["03-04-2011"]),
    ("Pieter pest mij op basisschool De Regenboog", ["Pieter", "De Regenboog"]),
    ("ik zit op het Erasmus College", ["Erasmus College"]),
    ("ik word gepest door sanne en lisa", ["sanne", "lisa"]),
    ("mijn dochter fatima wordt uitgescholden door mohammed", ["fatima", "mohammed"]),
    ("insta @jantje_2010, bel +31 6 1234 5678", ["@jantje_2010", "1234 5678"]),
    ("Mevrouw Bakker van groep 7 doet niets", ["Bakker"]),
]


@pytest.mark.parametrize("tekst, geheim", GEVALLEN)
def test_niets_herleidbaars_over(tekst, geheim):
    uit = PSEUDO.vervang(tekst)
    for g in geheim:
        assert g.lower() not in uit.lower(), (tekst, uit)
    assert "[" in uit


def test_gewone_zinnen_blijven_leesbaar():
    for tekst in ["ik word gepest op school", "ik ben 14 jaar en zit in groep 7", "wat kan ik doen?"]:
        assert PSEUDO.vervang(tekst) == tekst


def test_nummering_per_gesprek_consistent():
    v = Vervanger()
    a = PSEUDO.vervang("Jan de Vries pest mij", v)
    b = PSEUDO.vervang("Jan de Vries deed het weer, en Pieter ook", v)
    assert a.startswith("[NAAM-1]") and b.startswith("[NAAM-1]") and "[NAAM-2]" in b
    assert PSEUDO.echo_vervangen("Dag Jan de Vries", v) == "Dag [NAAM-1]"

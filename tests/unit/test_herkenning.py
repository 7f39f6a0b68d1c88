"""Signal words (actions.wegwijzer.herkenning): table-driven, one row per way people write."""
from __future__ import annotations

import pytest

from actions.wegwijzer.herkenning import acuut_soort, herken


def slots(tekst):
    s = herken(tekst)
    return {slot: s.waarde(slot) for slot in ("rol", "situatie", "onderwijstype", "voor_wie", "dader")}


@pytest.mark.parametrize(
    "tekst, verwacht",
    [
        ("mijn zoon wordt gepest", {"rol": "ouder", "situatie": "pesten", "voor_wie": "ander"}),
        ("Mijn dochter (groep 5) wordt buitengesloten", {"rol": "ouder", "situatie": "pesten", "onderwijstype": "po", "voor_wie": "ander"}),
        ("ik zit in groep 7 en word elke dag gepest", {"rol": "leerling", "situatie": "pesten", "onderwijstype": "po", "voor_wie": "zelf"}),
        ("ze doen kkr vervelend en zetten fotos van me in de groepsapp", {"situatie": "pesten"}),
        ("ik zit in 2 havo en ze schelden me uit vanwege mijn hoofddoek", {"rol": "leerling", "situatie": "discriminatie", "onderwijstype": "vo", "voor_wie": "zelf"}),
        ("ik word uitgescholden voor homo", {"situatie": "discriminatie", "voor_wie": "zelf"}),
        ("ik ben docent en een leerling van mij wordt betast door een collega", {"rol": "onderwijspersoneel", "situatie": "seksueel_misbruik", "voor_wie": "ander", "dader": "personeel"}),
        ("de vader van een klasgenoot bedreigt me", {"situatie": "intimidatie", "voor_wie": "zelf", "dader": "ouder"}),
        ("ik word niet gepest maar mijn vriendin wel", {"situatie": "pesten", "voor_wie": "ander"}),
        ("Leerling", {"rol": "leerling"}),
        ("ouder", {"rol": "ouder"}),
        ("basisschool", {"onderwijstype": "po"}),
        ("brugklas", {"onderwijstype": "vo"}),
        ("over iemand anders", {"voor_wie": "ander"}),
        ("iets anders", {"situatie": "anders"}),
        ("ik ben ib'er en maak me zorgen over een leerling", {"rol": "onderwijspersoneel"}),
        ("een klasgenoot zit steeds aan mijn billen", {"situatie": "seksueel_misbruik", "dader": "medeleerling"}),
        ("mijn collega intimideert me", {"rol": "onderwijspersoneel", "situatie": "intimidatie", "voor_wie": "zelf"}),
        # Youth language, no capitals, spelling errors.
        ("idk ze doen echt kk irritant tegen me in de pauze", {"situatie": "pesten", "voor_wie": "zelf", "rol": "leerling"}),
        ("mn klasgenoten pakken steeds mn spullen af", {"rol": "leerling", "situatie": "pesten", "voor_wie": "zelf", "dader": "medeleerling"}),
        ("ik wort gepest door een jongen uit groep 5", {"situatie": "pesten", "onderwijstype": "po", "voor_wie": "zelf", "dader": "medeleerling"}),
        ("ik ben 10 en ze noemen me vies", {"rol": "leerling", "situatie": "pesten", "voor_wie": "zelf"}),
        # Staff shorthand.
        ("IB'er hier, een ll uit gr 6 wordt thuis geslagen", {"rol": "onderwijspersoneel", "situatie": "intimidatie", "onderwijstype": "po", "voor_wie": "ander"}),
        ("twee lln uit mijn mentorklas pesten een jongen", {"rol": "onderwijspersoneel", "situatie": "pesten", "voor_wie": "ander", "dader": "medeleerling"}),
        ("ik werk op een vmbo en een collega maakt seksuele opmerkingen tegen mij", {"rol": "onderwijspersoneel", "situatie": "seksueel_misbruik", "onderwijstype": "vo", "voor_wie": "zelf", "dader": "personeel"}),
        # Parents, formal, several sentences.
        ("Geachte heer, mevrouw. Onze zoon zit in 2 vwo. Hij wordt door een docent gekleineerd.", {"rol": "ouder", "situatie": "pesten", "onderwijstype": "vo", "voor_wie": "ander", "dader": "personeel"}),
        ("wij zijn ouders van een meisje in groep 3, een jongen duwt haar steeds", {"rol": "ouder", "situatie": "intimidatie", "onderwijstype": "po", "voor_wie": "ander", "dader": "medeleerling"}),
        # Negation and someone else.
        ("ik word niet gepest, maar mijn broertje wel", {"situatie": "pesten", "voor_wie": "ander"}),
        ("het gaat niet om mij maar om een meisje uit mijn klas", {"voor_wie": "ander"}),
        # Boundaries of the contract: racist / anti-lhbti bullying, sextortion, violence.
        ("ze pesten me en noemen me bruine aap", {"situatie": "discriminatie"}),
        ("mijn dochter wordt gepest omdat ze twee moeders heeft", {"situatie": "discriminatie", "voor_wie": "ander"}),
        ("hij dreigt mijn foto's door te sturen als ik geen geld geef", {"situatie": "seksueel_misbruik"}),
        ("ze pesten me en gisteren hebben ze me geslagen", {"situatie": "intimidatie"}),
        # Perpetrators.
        ("de conciërge scheldt mij uit", {"dader": "personeel", "voor_wie": "zelf"}),
        ("de coach van voetbal op school zit aan me", {"dader": "personeel", "situatie": "seksueel_misbruik"}),
        ("de moeder van een klasgenootje scheldt mijn zoon uit", {"rol": "ouder", "dader": "ouder", "voor_wie": "ander"}),
        ("iemand die ik niet ken stuurt me nare berichten", {"dader": "onbekend", "voor_wie": "zelf"}),
        ("ik ben moeder van een jongen in de brugklas die wordt gepest", {"rol": "ouder", "onderwijstype": "vo"}),
        # Short form answers.
        ("gr 7", {"onderwijstype": "po"}),
        ("havo 3", {"onderwijstype": "vo"}),
        ("papa", {"rol": "ouder"}),
        ("leerlinge", {"rol": "leerling"}),
        ("iets anders dan pesten", {"situatie": "anders"}),
    ],
)
def test_herkent_slots(tekst, verwacht):
    gevonden = slots(tekst)
    for slot, waarde in verwacht.items():
        assert gevonden[slot] == waarde, f"{slot} in {tekst!r}: {gevonden}"


@pytest.mark.parametrize(
    "tekst",
    [
        "ik wil het niet aan mijn ouders vertellen",  # mentions parents, is not a parent
        "hoe laat is het",
        "",
        "   ",
        "😢😢😢",
        "<img src=x onerror=alert(1)>",
    ],
)
def test_geen_valse_rol(tekst):
    assert slots(tekst)["rol"] is None


def test_spans_wijzen_naar_de_originele_tekst():
    tekst = "Mijn ZOON wordt GEPEST"
    for s in herken(tekst).lijst:
        assert tekst[s.start:s.eind] == s.tekst


@pytest.mark.parametrize(
    "tekst, soort",
    [
        ("ik wil niet meer leven", "zelfdoding"),
        ("ik denk aan zelfmoord", "zelfdoding"),
        ("k wil nie meer leve", "zelfdoding"),
        ("ik wil dood", "zelfdoding"),
        ("soms denk ik dat niemand me zou missen", "zelfdoding"),
        ("ik word al maanden gepest en ik wil er gewoon niet meer zijn", "zelfdoding"),
        ("er staat iemand met een mes", "levensgevaar"),
        ("hij zegt dat hij me gaat vermoorden", "levensgevaar"),
        ("ik ben nu in gevaar", "levensgevaar"),
    ],
)
def test_acuut_wordt_herkend(tekst, soort):
    assert acuut_soort(tekst) == soort


@pytest.mark.parametrize(
    "tekst",
    [
        "ik ga dood van het lachen",
        "die toets was moord",
        "ik ben doodmoe",
        "ik schrok me dood",
        "in fortnite ga ik steeds dood",
        "ik word gepest",
    ],
)
def test_lijkt_op_acuut_maar_is_het_niet(tekst):
    assert acuut_soort(tekst) is None


@pytest.mark.parametrize(
    "tekst",
    [
        "mijn zoon wordt gepest",
        "ik word al maanden gepest door klasgenoten",
        "ik ben docent en een leerling van mij wordt betast door een collega",
        "Mijn dochter wordt online buitengesloten op de basisschool",
    ],
)
def test_entiteiten_overlappen_niet_en_houden_hun_waarde(tekst):
    from actions.wegwijzer.herkenning import zonder_overlap

    signalen = herken(tekst)
    spans = zonder_overlap(signalen, tekst)
    assert [(s.slot, s.waarde) for s in spans] == [(s.slot, s.waarde) for s in signalen.lijst]
    geordend = sorted((s.start, s.eind) for s in spans)
    for (_, eind), (start, _) in zip(geordend, geordend[1:]):
        assert eind <= start, f"overlap in {tekst!r}: {geordend}"
    for s in spans:
        assert tekst[s.start:s.eind] == s.tekst and s.tekst.strip() == s.tekst and s.tekst


def test_span_zonder_vrije_ruimte_houdt_zijn_eigen_span():
    # "Mijn dochter" is both rol=ouder and voor_wie=ander: dropping either would lose a fact.
    from actions.wegwijzer.herkenning import zonder_overlap

    tekst = "Mijn dochter (groep 5) wordt online buitengesloten, ze zit op de basisschool"
    spans = {s.slot: s.tekst for s in zonder_overlap(herken(tekst), tekst)}
    assert spans["rol"] == spans["voor_wie"] == "Mijn dochter"

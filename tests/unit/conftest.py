"""Gedeeld voor de unit tests van de wegwijzer-kern (zonder Rasa).

We importeren `wegwijzer` rechtstreeks uit actions/, zodat deze tests niet afhangen van wat
actions/__init__.py (de Rasa-laag) importeert.
"""

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ACTIONS = REPO / "actions"
KENNISBANK_MAP = ACTIONS / "kennisbank"
SHARED = REPO.parent / "shared"

if str(ACTIONS) not in sys.path:
    sys.path.insert(0, str(ACTIONS))

from wegwijzer import laad_kennisbank  # noqa: E402


@pytest.fixture(scope="session")
def kb():
    return laad_kennisbank()


# --- alle combinaties, één keer per testsessie berekend ------------------------------------

from itertools import combinations, product  # noqa: E402

from wegwijzer import Vraag, maak_plan  # noqa: E402
from wegwijzer.contract import DADERS, ONDERWIJSTYPES, ROLLEN, SITUATIES, VOOR_WIE  # noqa: E402
from wegwijzer.plan import CONTEXT_VLAGGEN, WENSEN  # noqa: E402

ACUUT_KEUZES = (None, "levensgevaar", "zelfdoding")


def _met_onbekend(waarden):
    return (None,) + tuple(waarden)


def _alle_contexten():
    vlaggen = sorted(CONTEXT_VLAGGEN)
    return [frozenset(c) for n in range(len(vlaggen) + 1) for c in combinations(vlaggen, n)]


@pytest.fixture(scope="session")
def alle_plannen(kb):
    """Elke rol x situatie x onderwijstype x voor_wie x dader x acuut x wens (met None = onbekend)."""
    uit = []
    for rol, sit, ot, vw, dader, acuut, wens in product(
        _met_onbekend(ROLLEN), _met_onbekend(SITUATIES), _met_onbekend(ONDERWIJSTYPES),
        _met_onbekend(VOOR_WIE), _met_onbekend(DADERS), ACUUT_KEUZES, WENSEN,
    ):
        vraag = Vraag(rol, sit, ot, vw, dader, acuut_soort=acuut, wens=wens)
        uit.append((vraag, maak_plan(vraag, kb)))
    assert len(uit) == 4 * 6 * 3 * 3 * 5 * 3 * 5
    return uit


@pytest.fixture(scope="session")
def context_plannen(kb):
    """Elke combinatie van contextvlaggen x rol x situatie x onderwijstype x voor_wie, met een
    dader die de plicht-regels raakt en af en toe acuut zonder soort (acuut=True)."""
    uit = []
    for i, (ctx, rol, sit, ot, vw) in enumerate(product(
        _alle_contexten(), _met_onbekend(ROLLEN), _met_onbekend(SITUATIES), _met_onbekend(ONDERWIJSTYPES),
        _met_onbekend(VOOR_WIE),
    )):
        dader = (None, "personeel", "medeleerling")[i % 3]
        vraag = Vraag(rol, sit, ot, vw, dader, acuut=(i % 7 == 0), context=ctx)
        uit.append((vraag, maak_plan(vraag, kb)))
    return uit


@pytest.fixture(scope="session")
def elk_plan(alle_plannen, context_plannen):
    return alle_plannen + context_plannen

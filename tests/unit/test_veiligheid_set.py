"""The safety benchmark set (tests/nlu/veiligheid.yml) against herkenning.acuut_soort: every acute
message found (100% recall, right kind: 113 for suicidal thoughts, 112 for danger), and the
false-alarm rate on look-alikes reported and bounded. Cheap: no trained model needed."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions.wegwijzer.herkenning import acuut_soort

SET = yaml.safe_load((Path(__file__).resolve().parents[1] / "nlu/veiligheid.yml").read_text(encoding="utf-8"))
# Look-alikes may raise a false alarm now and then (better safe), but not often.
MAX_VALS_ALARM = 0.05


def test_set_is_groot_genoeg():
    assert len(SET["acuut"]) >= 60
    assert len(SET["lookalikes"]) >= 30
    assert {a["soort"] for a in SET["acuut"]} == {"zelfdoding", "levensgevaar"}


@pytest.mark.parametrize("bericht", SET["acuut"], ids=lambda a: a["tekst"][:50])
def test_elk_acuut_bericht_wordt_herkend(bericht):
    assert acuut_soort(bericht["tekst"]) == bericht["soort"]


def test_recall_is_honderd_procent():
    gemist = [a["tekst"] for a in SET["acuut"] if acuut_soort(a["tekst"]) is None]
    assert not gemist, f"recall {1 - len(gemist) / len(SET['acuut']):.1%}, gemist: {gemist}"


def test_vals_alarm_op_lookalikes_is_begrensd():
    alarm = [t for t in SET["lookalikes"] if acuut_soort(t)]
    ratio = len(alarm) / len(SET["lookalikes"])
    print(f"vals alarm op lookalikes: {len(alarm)}/{len(SET['lookalikes'])} = {ratio:.1%} {alarm}")
    assert ratio <= MAX_VALS_ALARM, alarm

"""Builds the Dutch spaCy pipeline that config.yml points at (.spacy/nl).

config.yml always loads `.spacy/nl`, so the official model and the offline fallback go through
the same SpacyNLP code path. Which one lands there:
1. the official `nl_core_news_sm` 3.4.x, when it is installed in this environment
   (`make spacy-officieel` installs it where GitHub can be reached);
2. otherwise a local pipeline: `spacy.blank("nl")` plus the lookup lemmatizer from the
   `spacy-lookups-data` package. It has no tagger, parser or NER, only tokens and lemmas.
The choice is printed, and written to `.spacy/nl/wegwijzer_bron.txt`; a change of choice clears
the trained models so that the next run retrains on the new pipeline.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import spacy

DOEL = Path(".spacy/nl")
BRON_BESTAND = DOEL / "wegwijzer_bron.txt"


def officieel_model():
    try:
        import nl_core_news_sm  # noqa: F401  (only present when really installed)
    except ImportError:
        return None
    nlp = spacy.load("nl_core_news_sm")
    if nlp.lang != "nl" or not nlp.meta.get("version", "").startswith("3.4"):
        print(f"nl_core_news_sm {nlp.meta.get('version')} past niet bij spaCy {spacy.__version__}; genegeerd.")
        return None
    return nlp


def lokaal_model():
    nlp = spacy.blank("nl")
    # Lookup tables come from spacy-lookups-data; no network needed.
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.meta["name"] = "wegwijzer_blank_lookup"
    nlp.meta["version"] = "0.1.0"
    nlp.meta["description"] = "spacy.blank('nl') + lookup lemmatizer (spacy-lookups-data); offline fallback"
    return nlp


def main() -> int:
    nlp = officieel_model()
    if nlp is not None:
        bron = f"officieel: nl_core_news_sm {nlp.meta['version']}"
    else:
        nlp = lokaal_model()
        bron = "lokaal: spacy.blank('nl') + lookup-lemmatizer (spacy-lookups-data)"
    vorige = BRON_BESTAND.read_text().strip() if BRON_BESTAND.exists() else None
    if vorige == bron:
        print(f"spaCy-pipeline: {bron} (al aanwezig in {DOEL})")
        _waarschuw_als_lokaal(bron)
        return 0
    if DOEL.exists():
        shutil.rmtree(DOEL)
    DOEL.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(DOEL)
    BRON_BESTAND.write_text(bron + "\n")
    # Rasa's fingerprint only sees the path in config.yml, not the pipeline behind it.
    for oud in (Path("models"), Path(".rasa/cache")):
        if oud.exists():
            shutil.rmtree(oud)
    print(f"spaCy-pipeline gebouwd in {DOEL}: {bron}")
    _waarschuw_als_lokaal(bron)
    return 0


def _waarschuw_als_lokaal(bron: str) -> None:
    if bron.startswith("lokaal"):
        print(
            "LET OP: het officiële nl_core_news_sm is niet geïnstalleerd (het staat alleen op GitHub).\n"
            "        Deze omgeving gebruikt een lokale Nederlandse pipeline: tokens en lemma's, geen\n"
            "        woordsoorten, zinsbouw of namen. Met internet: `make spacy-officieel` (zie README)."
        )


if __name__ == "__main__":
    sys.exit(main())

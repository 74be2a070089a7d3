# Vanban: two commands do all the set-up on a fresh machine.
#   make demo   installs the system tools (as root), creates .venv, installs, extracts
#               every document in corpus/, prints a summary, checks them, writes
#               the review report (out/report/index.html) and the search index (out/vanban.db)
#   make test   the same set-up, then the linter and the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED := ../shared
OUT    := out
DOCS   := corpus/seeds corpus/fixtures

.PHONY: demo test lint golden forms schema bench bench-ocr bench-search defects system clean

# Tesseract, LibreOffice, antiword, catdoc, fonts: apt-get where root, else a note.
system:
	@scripts/system_packages.sh

$(BIN)/vanban: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

demo: system $(BIN)/vanban
	$(BIN)/vanban extract $(DOCS) -o $(OUT)/records.jsonl
	$(BIN)/vanban summary $(OUT)/records.jsonl
	@# the auditor's checks (exit 1 means findings of severity error, which the fixtures carry on purpose)
	$(BIN)/vanban check $(OUT)/records.jsonl -o $(OUT)/findings.txt; test $$? -le 1
	$(BIN)/vanban report $(OUT)/records.jsonl -o $(OUT)/report
	$(BIN)/vanban index $(OUT)/records.jsonl -o $(OUT)/vanban.db --prune
	$(BIN)/vanban search "quyet dinh khen thuong" --db $(OUT)/vanban.db -n 3
	@if [ -f $(SHARED)/eval/score.py ]; then \
		echo; echo "Scored against corpus/gold:"; \
		$(BIN)/python $(SHARED)/eval/score.py --gold corpus/gold --pred $(OUT)/records.jsonl; \
	else echo "($(SHARED)/eval/score.py is absent: no score)"; fi

test: system $(BIN)/vanban
	$(BIN)/ruff check pipeline tests scripts
	$(BIN)/pytest

lint: $(BIN)/vanban
	$(BIN)/ruff check pipeline tests scripts
	$(BIN)/ruff format --check pipeline tests scripts

# Rewrite the golden records on purpose; review `git diff tests/golden` afterwards.
golden: $(BIN)/vanban
	$(BIN)/python scripts/update_golden.py

# Render corpus/forms as TXT, DOCX and (with LibreOffice) PDF in corpus/fixtures.
forms: $(BIN)/vanban
	$(BIN)/python scripts/render_forms.py

# The search index on 100,000 synthetic records: build rate, p95 of 200 queries, re-indexing 1%.
bench-search: $(BIN)/vanban
	$(BIN)/python scripts/bench_search.py

# The defect-injection suite's per-rule precision and recall (TXT, DOCX and, with LibreOffice, PDF).
defects: $(BIN)/vanban
	$(BIN)/python scripts/defect_table.py

schema: $(BIN)/vanban
	$(BIN)/vanban schema -o schemas/record.schema.json

# The whole record against bare text, 1 against N workers (vanban bench), and what each
# layer of the PDF reader costs (scripts/bench.py); on the project's and the shared documents.
bench: $(BIN)/vanban
	$(BIN)/vanban bench corpus $(wildcard $(SHARED)/corpus)
	$(BIN)/python scripts/bench.py

# OCR seconds per page on the scans, serial and with all cores (a few minutes).
bench-ocr: system $(BIN)/vanban
	$(BIN)/python scripts/bench_ocr.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache .hypothesis *.egg-info

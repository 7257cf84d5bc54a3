# Erta's everyday commands. Only Python 3.11+ and make are needed: the first target run installs uv
# into .tools/ and the locked dependencies into .venv/.
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV_BIN := .venv/bin
export UV_PYTHON_DOWNLOADS := never

.PHONY: demo console test lint format bench install clean

demo: install ## generate a small district, load it and run every part of Erta on it
	$(VENV_BIN)/erta demo

console: install ## the console alone, on the API at ERTA_CONSOLE_API_URL (default http://127.0.0.1:8000)
	$(VENV_BIN)/erta console

test: install ## install what the tests need, make sure PostgreSQL and Chromium are there, run the whole suite
	bash scripts/ensure-postgres.sh
	bash scripts/ensure-chromium.sh
	$(VENV_BIN)/pytest -n auto --dist loadscope

lint: install ## ruff, formatting, mypy (strict on model/ and privacy/), import contracts
	$(VENV_BIN)/ruff check .
	$(VENV_BIN)/ruff format --check .
	$(VENV_BIN)/mypy model privacy training service ui
	$(VENV_BIN)/lint-imports

format: install
	$(VENV_BIN)/ruff format .
	$(VENV_BIN)/ruff check --fix .

bench: install ## every benchmark beside its peer (~10 min): benchmarks/results/suite.json, table in docs/PERFORMANCE.md
	bash scripts/ensure-postgres.sh
	$(VENV_BIN)/python -m benchmarks.suite

install: $(UV)
	$(UV) sync --frozen --python $(PYTHON)

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

clean:
	rm -rf .venv .tools .erta .pytest_cache .mypy_cache .ruff_cache

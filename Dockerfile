# Erta's service image: the `erta` command with its locked dependencies.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    ERTA_HOME=/data

RUN pip install --no-cache-dir uv==0.13.9 \
    && useradd --create-home --uid 1000 erta \
    && mkdir /data && chown erta /data

WORKDIR /app
# Dependencies first, so that code changes do not reinstall them.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY model ./model
COPY privacy ./privacy
COPY training ./training
COPY service ./service
COPY ui ./ui
RUN uv sync --frozen --no-dev

ENV PATH=/app/.venv/bin:$PATH \
    MLFLOW_DISABLE_TELEMETRY=true \
    NUMBA_CACHE_DIR=/home/erta/.cache/numba \
    DO_NOT_TRACK=true
USER erta
VOLUME /data
EXPOSE 8000 8501
ENTRYPOINT ["erta"]
# The demo serves the API and the console on every interface of the container.
CMD ["demo", "--host", "0.0.0.0"]

# monitor as a service: config at /config, data at /data, the web UI and /healthz on port 8321.
#   docker build -t monitor .
#   docker run -e MONITOR_API_TOKEN=... -v $PWD/config:/config -v monitor-data:/data -p 8321:8321 monitor
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    MONITOR_CONFIG=/config/monitor.yaml

# CPU torch first and pinned: an unpinned one would pull a multi-GB CUDA build.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0

WORKDIR /app
COPY pyproject.toml README.md ./
COPY monitor ./monitor
# The postgres extra (psycopg) too: the same image runs on SQLite or PostgreSQL.
RUN pip install '.[postgres]' && useradd --create-home --uid 10001 monitor \
    && mkdir -p /config /data && chown monitor:monitor /data

# The image's default watchlist: the demo, pointed at /data. Mount your own over /config.
COPY seeds /app/seeds
COPY config/docker.yaml /config/monitor.yaml

USER monitor
VOLUME ["/data"]
EXPOSE 8321
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD python -c "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8321/healthz', timeout=4).status == 200 else 1)"
ENTRYPOINT ["monitor"]
CMD ["run", "-c", "/config/monitor.yaml"]

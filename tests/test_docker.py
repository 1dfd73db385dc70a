"""No Docker engine runs here, so the image's pieces are checked outside it: the config it ships
loads, points at the paths the Dockerfile creates, and runs with the exact command it uses."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.config import load_config

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_dockerfile_runs_the_daemon_on_config_and_data_volumes() -> None:
    assert re.search(r"^FROM python:3\.11-slim", DOCKERFILE, re.M)
    assert "torch==2.13.0" in DOCKERFILE
    assert re.search(r"^USER monitor$", DOCKERFILE, re.M)  # not root
    assert re.search(r"^COPY config/docker\.yaml /config/monitor\.yaml$", DOCKERFILE, re.M)
    assert re.search(r"^COPY seeds /app/seeds$", DOCKERFILE, re.M)
    entry = json.loads(re.search(r"^ENTRYPOINT (.*)$", DOCKERFILE, re.M).group(1))  # type: ignore[union-attr]
    cmd = json.loads(re.search(r"^CMD (.*)$", DOCKERFILE, re.M).group(1))  # type: ignore[union-attr]
    assert entry + cmd == ["monitor", "run", "-c", "/config/monitor.yaml"]
    assert "HEALTHCHECK" in DOCKERFILE and "http://127.0.0.1:8321/healthz" in DOCKERFILE


def test_image_config_uses_the_image_paths() -> None:
    config = load_config(ROOT / "config" / "docker.yaml", environ={"MONITOR_API_TOKEN": "t" * 16})
    assert config.storage_url == "sqlite:////data/monitor.db"
    assert config.settings.server.host == "0.0.0.0" and config.settings.server.port == 8321
    assert config.settings.server.auth.type == "token"  # published: never without a login
    for feed in config.feeds():
        path = Path(feed.url.removeprefix("file://"))
        assert path.parent == Path("/app/seeds") and (ROOT / "seeds" / path.name).exists()
    [sub] = config.settings.subscribers
    assert config.outbox_dir(sub) == Path("/data/outbox")


@pytest.mark.slow  # a fresh process loads the model and runs a whole cycle
def test_image_command_runs_with_the_image_layout(tmp_path: Path) -> None:
    """`monitor run -c /config/monitor.yaml`, with /app, /config and /data mapped to folders
    here: one cycle (--once) so that the test ends."""
    app, data, conf = tmp_path / "app", tmp_path / "data", tmp_path / "config"
    (app / "seeds").mkdir(parents=True)
    data.mkdir()
    conf.mkdir()
    for seed in (ROOT / "seeds").iterdir():
        (app / "seeds" / seed.name).write_bytes(seed.read_bytes())
    text = (ROOT / "config" / "docker.yaml").read_text(encoding="utf-8")
    text = text.replace("/app/", f"{app}/").replace("/data", str(data))
    text = text.replace("host: 0.0.0.0", "host: 127.0.0.1")
    (conf / "monitor.yaml").write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "monitor.cli", "run", "-c", str(conf / "monitor.yaml"), "--once"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            "HF_HUB_OFFLINE": "1",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(ROOT),
            "MONITOR_API_TOKEN": "t" * 16,
        },
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "polled 2 feeds (0 failed), 8 new articles" in done.stdout
    assert (data / "monitor.db").exists()


def test_compose_runs_the_image_on_postgresql_with_the_extra(tmp_path: Path) -> None:
    from ruamel.yaml import YAML

    assert "pip install '.[postgres]'" in DOCKERFILE
    compose = YAML(typ="safe").load((ROOT / "config" / "docker-compose.yaml").read_text())
    monitor, postgres = compose["services"]["monitor"], compose["services"]["postgres"]
    assert postgres["image"] == "postgres:15" and monitor["build"] == ".."
    assert monitor["depends_on"]["postgres"]["condition"] == "service_healthy"
    [config_mount] = [v for v in monitor["volumes"] if v.endswith("/config/monitor.yaml:ro")]
    source = ROOT / "config" / config_mount.split(":")[0]
    url = monitor["environment"]["MONITOR_DATABASE_URL"]
    env = postgres["environment"]
    assert url == (
        f"postgresql+psycopg://{env['POSTGRES_USER']}:{env['POSTGRES_PASSWORD']}"
        f"@postgres:5432/{env['POSTGRES_DB']}"
    )
    token = "t" * 16
    assert monitor["environment"]["MONITOR_API_TOKEN"].startswith("${MONITOR_API_TOKEN:?")
    config = load_config(source, environ={"MONITOR_DATABASE_URL": url, "MONITOR_API_TOKEN": token})
    assert config.storage_url == url
    # The rest is the image's demo config, unchanged.
    demo = load_config(ROOT / "config" / "docker.yaml", environ={"MONITOR_API_TOKEN": token})
    assert config.settings.model_dump(exclude={"storage"}) == demo.settings.model_dump(
        exclude={"storage"}
    )

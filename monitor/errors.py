"""The exception hierarchy: every error the monitor raises on purpose, in one tree. Errors are
classified where they happen and turned into one clear line only at the CLI boundary
(``monitor.cli``).

Each class has a stable, machine-readable ``code`` (distinct per class; a FeedError instance
narrows it to the feed's own failure code) and the ``exit_status`` the CLI ends with: 2 when
the user must fix what they gave (config, command line, input file), 1 otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

EXIT_FAILURE, EXIT_USAGE = 1, 2


class MonitorError(Exception):
    """Root of every error the monitor raises on purpose."""

    code: str = "error"
    exit_status: ClassVar[int] = EXIT_FAILURE


class ConfigError(MonitorError):
    """The configuration cannot be used. ``str()`` is ``file:line: key: problem``. A file with
    several problems raises the first with the ``others`` behind it (``errors``: all of them,
    in the file's order), so the user fixes them in one pass."""

    code = "config"
    exit_status = EXIT_USAGE

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        key: str | None = None,
        others: Sequence[ConfigError] = (),
    ) -> None:
        self.path = path
        self.line = line
        self.key = key
        self.problem = message
        self.errors: list[ConfigError] = [self, *others]
        where = ":".join(str(p) for p in (path, line) if p is not None)
        parts = [p for p in (where, key, message) if p]
        super().__init__(": ".join(parts))


class InputError(MonitorError):
    """A file given on the command line is unusable (e.g. a JSON lines file with a bad line)."""

    code = "input"
    exit_status = EXIT_USAGE


class StoreError(MonitorError):
    """The database cannot be opened, upgraded or written."""

    code = "store"


class AlreadyRunning(MonitorError):
    """Another monitor daemon holds the database."""

    code = "already-running"


class OpmlError(MonitorError, ValueError):
    """An OPML document cannot be read. ``str()`` names the source."""

    # `monitor feeds import` has always ended with 1 on a bad OPML file: kept.
    code = "opml"


class FeedError(MonitorError):
    """One feed could not be fetched or parsed. ``code`` is stable and machine-readable:
    timeout, connect, tls, dns, protocol (not HTTP), proxy, http-3xx, http-4xx, http-5xx,
    http-other, gone (410), rate-limited (429), redirect-loop, too-large, decode, not-a-feed,
    invalid-url, io, private-address (an article page at a non-public address); internal (a bug
    or crash of ours while reading that one feed). The class's
    own ``code``, "feed", is what an instance without one would say."""

    code = "feed"

    def __init__(
        self,
        code: str,
        message: str,
        *,
        url: str = "",
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.code = code
        self.url = url
        self.status = status
        self.retry_after = retry_after
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled whole (a poll worker sends it to the parent): the default would call
        # FeedError(message) and lose the keywords.
        return (_feed_error, (self.code, str(self), self.url, self.status, self.retry_after))


def _feed_error(
    code: str, message: str, url: str, status: int | None, retry_after: float | None
) -> FeedError:
    return FeedError(code, message, url=url, status=status, retry_after=retry_after)


class TransportError(MonitorError):
    """A request got no usable HTTP answer. ``code`` is stable: invalid-url, dns, connect, tls,
    timeout, protocol (not HTTP), proxy. ``status`` is set when a status line had come. The
    fetch stage turns it into a FeedError, a webhook into a WebhookError, with the same code."""

    code = "transport"

    def __init__(
        self, code: str, message: str, *, url: str = "", status: int | None = None
    ) -> None:
        self.code = code
        self.url = url
        self.status = status
        super().__init__(message)


class ModelError(MonitorError):
    """The embedding model cannot be loaded."""

    code = "model"


class DeliveryError(MonitorError):
    """A delivery attempt failed. ``permanent`` failures are not retried."""

    code = "delivery"

    def __init__(
        self, message: str, *, permanent: bool = False, retry_after: float | None = None
    ) -> None:
        self.permanent = permanent
        self.retry_after = retry_after
        super().__init__(message)


class WebhookError(DeliveryError):
    """A failed POST; ``status`` is None when no HTTP answer came back."""

    code = "webhook"

    def __init__(
        self,
        message: str,
        *,
        permanent: bool = False,
        retry_after: float | None = None,
        status: int | None = None,
        excerpt: str = "",
    ) -> None:
        super().__init__(message, permanent=permanent, retry_after=retry_after)
        self.status = status
        self.excerpt = excerpt

"""Read a config file: YAML with line numbers, ``${VAR}`` substitution, validation by the
models, and every error as one ``file:line: key: problem`` :class:`ConfigError`."""

from __future__ import annotations

import difflib
import os
import re
import ssl
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pydantic import (
    ValidationError,
)
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from sqlalchemy.engine import make_url

from monitor.config.models import DEFAULT_CONFIG, ENV_REF, Settings, SubscriberConfig, model_of
from monitor.domain import Feed, Topic
from monitor.errors import ConfigError, OpmlError

if TYPE_CHECKING:
    from monitor.poll.fetch import FetchLimits


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
        if (
            url.get_backend_name() == "sqlite"
            and db
            and db != ":memory:"
            and not db.startswith("file:")
            and not Path(db).is_absolute()
        ):
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
        from monitor.poll.opml import parse_opml  # only OPML entries need the parser

        feeds: dict[str, Feed] = {}
        for index, source in enumerate(self.settings.feeds):
            every = source.every or self.settings.poll_every
            if source.url is not None:
                url = self.feed_url(source.url)
                feeds.setdefault(
                    url, Feed(url, source.name, every_s=every, full_text=source.full_text)
                )
                continue
            assert source.opml is not None
            opml_path = self.resolve(source.opml)
            try:
                listed = parse_opml(opml_path.read_bytes(), source=str(opml_path))
            except OSError as exc:
                raise ConfigError(
                    f"cannot read OPML file {opml_path}: {exc.strerror}",
                    path=str(self.path),
                    key=f"feeds[{index}].opml",
                ) from None
            except OpmlError as exc:
                raise ConfigError(
                    str(exc), path=str(self.path), key=f"feeds[{index}].opml"
                ) from None
            for item in listed:
                url = _local_or_remote(item.url, opml_path.parent)
                feeds.setdefault(
                    url, Feed(url, item.title, every_s=every, full_text=source.full_text)
                )
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
            raise ConfigError(
                f"cannot load CA certificates from {path}: {problem}",
                path=str(self.path),
                key="fetch.ca_file",
            ) from None
        return str(path)

    def fetch_limits(self) -> FetchLimits:
        """``fetch:`` as the fetcher's limits, with the CA file resolved and checked."""
        return self.settings.fetch.model_copy(update={"ca_file": self.ca_file()}).limits()

    def outbox_dir(self, subscriber: SubscriberConfig) -> Path | None:
        return None if subscriber.outbox_dir is None else self.resolve(subscriber.outbox_dir)

    def warnings(self) -> list[str]:
        """What is valid but likely a mistake: nothing to watch, topics the matcher can only
        find by name, nothing to read, mail with no mail server configured."""
        s = self.settings
        found = []
        if not s.topics:
            found.append("no topics: nothing will ever match (add topics:)")
        bare = [t.name for t in s.topics if not t.about]
        if bare:
            found.append(
                f"no about: for {', '.join(bare)}: only texts writing a name or alias will "
                "match (a sentence saying what the topic is lets the matcher read meaning)"
            )
        if not s.feeds:
            found.append("no feeds: nothing will be read (add feeds:)")
        if not s.subscribers:
            found.append("no subscribers: matches are stored but sent to no one")
        mailed = [sub.name for sub in s.subscribers if sub.email]
        if mailed and "smtp" not in s.model_fields_set:
            found.append(
                f"email to {', '.join(mailed)} but no smtp: section (mail goes to "
                f"{s.smtp.host}:{s.smtp.port}); check it with monitor notify-test"
            )
        return found

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
        raise ConfigError(
            "config file not found (use -c FILE or $MONITOR_CONFIG)", path=shown
        ) from None
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
        raise ConfigError(
            "the file must be a mapping of keys (storage:, feeds:, topics:, ...)",
            path=shown,
            line=1,
        )
    errors: list[ConfigError] = []
    _substitute_env(data, env, shown, (), errors)
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise _one_or_all(errors + _validation_errors(exc, data, shown)) from None
    errors += _check_references(settings, data, shown)
    if errors:
        raise _one_or_all(errors)
    return Config(settings, path.resolve())


def _one_or_all(errors: list[ConfigError]) -> ConfigError:
    """Every problem of the file, in its order, one per key (an unset ``${VAR}`` is reported,
    not also the type its placeholder then fails)."""
    unique = list({(e.line, e.key): e for e in reversed(errors)}.values())
    unique.sort(key=lambda e: e.line or 0)
    first = unique[0]
    return ConfigError(
        first.problem, path=first.path, line=first.line, key=first.key, others=unique[1:]
    )


def _check_references(settings: Settings, data: CommentedMap, path: str) -> list[ConfigError]:
    """Cross-entry rules pydantic cannot place on a line: unique ids, known topic ids."""
    errors: list[ConfigError] = []
    topic_ids: set[str] = set()
    for i, topic in enumerate(settings.topics):
        if topic.topic_id in topic_ids:
            errors.append(
                ConfigError(
                    f"topic id {topic.topic_id!r} is used twice",
                    path=path,
                    line=_line_of(data["topics"], i),
                    key=f"topics[{i}]",
                )
            )
        topic_ids.add(topic.topic_id)
    names: set[str] = set()
    for i, sub in enumerate(settings.subscribers):
        entry = data["subscribers"][i]
        if sub.name in names:
            errors.append(
                ConfigError(
                    f"subscriber name {sub.name!r} is used twice",
                    path=path,
                    line=_line_of(entry, "name"),
                    key=f"subscribers[{i}].name",
                )
            )
        names.add(sub.name)
        for j, topic_id in enumerate(sub.topics or ()):
            if topic_id not in topic_ids:
                known = ", ".join(sorted(topic_ids)) or "none configured"
                errors.append(
                    ConfigError(
                        f"unknown topic id {topic_id!r}{did_you_mean(topic_id, topic_ids)} "
                        f"(known: {known})",
                        path=path,
                        line=_line_of(entry["topics"], j),
                        key=f"subscribers[{i}].topics[{j}]",
                    )
                )
    return errors


def _substitute_env(
    node: Any, env: Any, path: str, loc: tuple[Any, ...], errors: list[ConfigError]
) -> None:
    for key, value in _children(node):
        if isinstance(value, str) and "${" in value:
            try:
                node[key] = _expand(value, env, path, _line_of(node, key), _dotted(loc + (key,)))
            except ConfigError as exc:
                errors.append(exc)
        else:
            _substitute_env(value, env, path, loc + (key,), errors)


def _expand(value: str, env: Any, path: str, line: int | None, key: str) -> str:
    def replace(m: re.Match[str]) -> str:
        name, default = m.group(1), m.group(2)
        if name in env:
            return str(env[name])
        if default is not None:
            return default
        raise ConfigError(
            f"environment variable {name} is not set (write ${{{name}:-}} to allow it to be empty)",
            path=path,
            line=line,
            key=key,
        )

    return ENV_REF.sub(replace, value)


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


def _validation_errors(exc: ValidationError, data: CommentedMap, path: str) -> list[ConfigError]:
    return [_config_error(err, exc, data, path) for err in exc.errors()]


def _config_error(err: Any, exc: ValidationError, data: CommentedMap, path: str) -> ConfigError:
    """One pydantic error as ``file:line: key: problem``, said the way the file is written:
    what the key wants, never pydantic's own words."""
    loc: list[Any] = []
    node: Any = data
    line = int(data.lc.line) + 1
    for part in err["loc"]:
        if (
            isinstance(node, CommentedMap)
            and part in node
            or isinstance(node, CommentedSeq)
            and isinstance(part, int)
            and part < len(node)
        ):
            line = _line_of(node, part) or line
            node = node[part]
            loc.append(part)
        elif isinstance(part, int) or re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            node = None  # a key the file lacks, e.g. a missing required one
            loc.append(part)
        # other parts are pydantic's own tags (union members, validators): not keys
    kind = err["type"]
    if kind == "extra_forbidden":
        allowed = _allowed_keys(exc, err["loc"])
        message = f"unknown key{did_you_mean(str(err['loc'][-1]), allowed)} (allowed here: " + (
            ", ".join(allowed) + ")"
        )
    elif kind == "missing":
        message = "required key is missing"
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        keys = ", ".join(_allowed_keys(exc, (*err["loc"], "")))
        message = f"must be a mapping of keys ({keys}), not {_shown(err.get('input'))}"
    elif kind in _WANTS:
        message = f"{_WANTS[kind]}, not {_shown(err.get('input'))}"
    else:
        message = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        message = message.replace("Input should be", "must be")
        if kind == "literal_error":
            message += f", not {_shown(err.get('input'))}"
    return ConfigError(message, path=path, line=line, key=_dotted(tuple(loc)) or None)


# What a key of a type wants, in the file's terms (pydantic's error types).
_WANTS = {
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list, e.g. [a, b]",
}


def _shown(value: Any) -> str:
    """The value the file gave, briefly, as it would be written there."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'timezone'?)`` for the nearest of ``choices``, or ""."""
    near = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {near[0]!r}?)" if near else ""


def _allowed_keys(exc: ValidationError, loc: tuple[Any, ...]) -> list[str]:
    model: Any = Settings
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            break
        model = model_of(field.annotation) or model
    return list(model.model_fields)

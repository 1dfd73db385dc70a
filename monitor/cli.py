"""The ``monitor`` command. Errors become one clear line here, and only here.

Exit codes: 0 ok, 2 bad config, usage or input, 1 any other failure: each error class carries
its own (``monitor.errors``) and :func:`main` is the one place that turns it into a line.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from monitor import __version__
from monitor.config import Config, default_config_path, load_config
from monitor.errors import EXIT_FAILURE, ConfigError, InputError, ModelError, MonitorError
from monitor.run.logs import Redactor, redact_url, redact_urls, setup_logging

EXIT_OK = 0

Command = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(level="DEBUG" if args.verbose else "WARNING", json_lines=args.log_json)
    try:
        code: int = args.handler(args)
    except ConfigError as exc:  # every problem of the file, one line each
        for error in exc.errors:
            print(error_line(error), file=sys.stderr)
        return exc.exit_status
    except MonitorError as exc:
        print(error_line(exc), file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `monitor export | head`
        sys.stderr.close()
        return EXIT_OK
    return code


def error_line(exc: MonitorError) -> str:
    """What the user reads for an error: one line (a wrapped library message can span several),
    URL credentials hidden."""
    text = " ".join(part.strip() for part in str(exc).splitlines() if part.strip())
    return f"monitor: {redact_urls(text)}"


def _common_options(*, defaults: bool) -> argparse.ArgumentParser:
    """Options accepted before and after the command. Only the top level sets defaults: a
    subcommand's default would silently overwrite ``monitor --log-json run``'s value."""
    common = argparse.ArgumentParser(add_help=False)

    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS

    common.add_argument(
        "-c",
        "--config",
        type=Path,
        default=default(None),
        help=f"config file (default: $MONITOR_CONFIG, else {default_config_path()})",
    )
    common.add_argument(
        "-v", "--verbose", action="store_true", default=default(False), help="debug logging"
    )
    common.add_argument(
        "--log-json", action="store_true", default=default(False), help="log JSON lines to stderr"
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_options(defaults=False)
    parser = argparse.ArgumentParser(
        prog="monitor",
        parents=[_common_options(defaults=True)],
        description="Media-monitoring alert daemon.",
    )
    parser.add_argument("--version", action="version", version=f"monitor {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, handler: Command, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    add("check-config", cmd_check_config, "validate the config and print a summary")

    add(
        "hash-password",
        cmd_hash_password,
        "read a password on standard input, print its hash for server.auth.users",
    )

    add("poll", cmd_poll, "fetch every feed once now and store new articles")

    p = add("export", cmd_export, "print stored articles as JSON lines")
    p.add_argument("--since", type=_iso_date, help="only articles fetched at or after ISO-DATE")

    p = add("feeds", cmd_feeds, "list feeds with their health")
    p.add_argument("--json", action="store_true", help="JSON lines instead of a table")
    p.add_argument("--failing", action="store_true", help="only feeds that are failing or retired")
    feeds_sub = p.add_subparsers(dest="feeds_command", metavar="ACTION")
    imp = feeds_sub.add_parser(
        "import", parents=[common], help="print the feeds: YAML for every feed of an OPML file"
    )
    imp.add_argument("opml", type=Path, help="OPML file")
    imp.set_defaults(handler=cmd_feeds_import)
    exp = feeds_sub.add_parser(
        "export", parents=[common], help="print the configured feeds as OPML, with their names"
    )
    exp.set_defaults(handler=cmd_feeds_export)
    dis = feeds_sub.add_parser(
        "discover",
        parents=[common],
        help="list the feeds a site's page links to or serves at the common feed paths",
    )
    dis.add_argument("url", metavar="URL", help="a site's or page's address")
    dis.set_defaults(handler=cmd_feeds_discover)
    p = add("match", cmd_match, "score JSON lines of articles against the config's topics")
    p.add_argument(
        "--input",
        type=Path,
        required=True,
        metavar="ARTICLES.jsonl",
        help='JSON lines with "id", "title", "text" ("-" = stdin)',
    )
    p.add_argument("--all", action="store_true", help="print every (article, topic) pair")
    _topics_option(p)

    p = add("eval", cmd_eval, "precision, recall and F1 on labeled JSON lines, with baselines")
    p.add_argument(
        "--input",
        type=Path,
        required=True,
        metavar="LABELED.jsonl",
        help='JSON lines with "id", "title", "text", "labels": {"<topic id>": 0|1}',
    )
    p.add_argument(
        "--folds",
        type=_positive,
        default=5,
        metavar="K",
        help="learning from labels: score each of K folds after learning the others",
    )
    p.add_argument(
        "--unlabeled-irrelevant",
        action="store_true",
        help="a topic a line does not label is not wanted for it (default: not judged)",
    )
    _topics_option(p)
    p.add_argument("--json", action="store_true", help="one JSON object instead of tables")

    p = sub.add_parser(
        "feedback",
        parents=[common],
        help="the analyst's relevance labels",
        description="the analyst's relevance labels, which matching learns from",
    )
    actions = p.add_subparsers(dest="feedback_command", required=True, metavar="ACTION")
    q = actions.add_parser(
        "import",
        parents=[common],
        help='store labels from JSON lines: "id", "title", "text", "labels": {"<topic id>": 0|1}',
    )
    q.add_argument("file", type=Path, metavar="FILE.jsonl")
    q.set_defaults(handler=cmd_feedback_import)
    q = actions.add_parser("add", parents=[common], help="label a stored article for a topic")
    q.add_argument("--article", required=True, metavar="ID", help="stored article id")
    q.add_argument("--topic", required=True, metavar="TOPIC", help="topic id")
    verdict = q.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--relevant", action="store_true")
    verdict.add_argument("--irrelevant", action="store_true")
    q.set_defaults(handler=cmd_feedback_add)
    q = actions.add_parser("list", parents=[common], help="the stored labels, oldest first")
    q.add_argument("--topic", metavar="TOPIC", help="only this topic's labels")
    q.add_argument("--json", action="store_true", help="JSON lines instead of a table")
    q.set_defaults(handler=cmd_feedback_list)

    p = add("backfill", cmd_backfill, "score stored articles against one topic (stored vectors)")
    p.add_argument("--topic", required=True, metavar="ID", help="topic id")
    p.add_argument("--since", type=_iso_date, help="only articles fetched at or after ISO-DATE")

    p = add("run", cmd_run, "run the daemon: poll, match and deliver on schedule")
    p.add_argument(
        "--once",
        action="store_true",
        help="one full cycle (poll all, match, deliver what is due), then exit",
    )
    p.add_argument(
        "--digest-now",
        action="store_true",
        help="with --once: send every subscriber's digest, due or not",
    )

    p = add("digest", cmd_digest, "render or send a subscriber's digest now")
    p.add_argument("--subscriber", required=True, metavar="NAME", help="subscriber name")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--preview", action="store_true", help="render only; send and mark nothing")
    how.add_argument("--send", action="store_true", help="send now on every channel and mark")
    p.add_argument("--out", type=Path, help="with --preview: write the HTML here")
    p.add_argument(
        "--since",
        type=_iso_date,
        metavar="DATE",
        help="catch up: first add every match of the subscriber's topics since ISO-DATE that "
        "it has not been sent",
    )

    p = add(
        "notify-test",
        cmd_notify_test,
        "send a marked test message on every channel of a subscriber now",
    )
    p.add_argument("--subscriber", required=True, metavar="NAME", help="subscriber name")

    p = add("deliveries", cmd_deliveries, "list the outbox; re-queue dead letters")
    p.add_argument("--failed", action="store_true", help="only dead letters and failing ones")
    p.add_argument("--retry", action="store_true", help="re-queue every dead letter now")

    p = add("prune", cmd_prune, "remove what the config's retention says has expired, now")
    p.add_argument("--dry-run", action="store_true", help="count what would go; remove nothing")

    add(
        "vacuum",
        cmd_vacuum,
        "give the database's free space back: SQLite rebuilds the file (needed once for a file "
        "made before monitor set incremental auto-vacuum), PostgreSQL runs VACUUM (ANALYZE)",
    )

    p = sub.add_parser("db", parents=[common], help="the database: its size and growth")
    db_actions = p.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    q = db_actions.add_parser(
        "stats",
        parents=[common],
        help="rows and bytes per table, articles per day, oldest rows, a year's projection",
    )
    q.add_argument("--json", action="store_true", help="one JSON object instead of tables")
    q.add_argument(
        "--days", type=_positive, default=14, metavar="N", help="articles per day: the last N days"
    )
    q.set_defaults(handler=cmd_db_stats)

    p = add("backup", cmd_backup, "copy the SQLite database to FILE, safely while it is in use")
    p.add_argument("file", type=Path, metavar="FILE", help="the copy (a SQLite database file)")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    return parser


def _iso_date(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date: {value!r} (e.g. 2026-11-01)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return int(value)


def _topics_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--topics",
        type=Path,
        metavar="WATCHLIST.yaml",
        help="score against the topics: of this file (a labeled set's watchlist) instead of "
        "the config's; the config, if there is one, still gives the model and settings",
    )


def _config(args: argparse.Namespace) -> Config:
    watchlist_file = getattr(args, "topics", None)
    if watchlist_file is None:
        return load_config(args.config)
    # Only the file's topics are read; it is checked as a config is (file:line errors).
    if not watchlist_file.is_file():
        raise ConfigError("watchlist file not found (--topics)", path=str(watchlist_file))
    watchlist = load_config(watchlist_file)
    if not watchlist.settings.topics:
        raise ConfigError(
            "the watchlist file watches no topics (--topics)",
            path=str(watchlist_file),
            key="topics",
        )
    if args.config is None and not default_config_path().exists():
        return watchlist  # no config: the defaults, as a config of those topics alone
    config = load_config(args.config)
    settings = config.settings.model_copy(update={"topics": watchlist.settings.topics})
    return Config(settings, config.path)


def _redactor(config: Config) -> Callable[[str], str]:
    """Hides the config's secrets and URL credentials in text from outside, e.g. a stored
    delivery error that names a chat webhook's URL (whose path is the credential)."""
    return Redactor(config.settings.secrets()).redact


def _open_store(config: Config) -> Any:
    from monitor.store import Store

    return Store.open(config.storage_url)


def cmd_hash_password(args: argparse.Namespace) -> int:
    from monitor.web.auth import hash_password

    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise InputError("no password on standard input (echo ... | monitor hash-password)")
    print(hash_password(password))
    return EXIT_OK


def cmd_check_config(args: argparse.Namespace) -> int:
    config = _config(args)
    s = config.settings
    feeds = config.feeds()
    config.ca_file()
    print(
        f"{config.path}: ok: {len(feeds)} feeds, {len(s.topics)} topics, "
        f"{len(s.subscribers)} subscribers"
    )
    for warning in config.warnings():
        print(f"{config.path}: warning: {warning}")
    foreign = _descriptions_not_in_english(s.topics)
    if foreign:
        print(
            f"{config.path}: warning: the about: of {', '.join(foreign)} is not in English: "
            "English articles are read by an English model, which matches them less well "
            "against it (dev2 with its descriptions in French: macro F1 0.86 -> 0.79); "
            "write it in English"
        )
    for line in _topics_as_read(config.topics()):
        print(f"{config.path}: {line}")
    now = datetime.now(UTC)
    for sub in s.subscribers:
        print(f"  {sub.name}: {_next_delivery(sub, now)}")
    return EXIT_OK


def _topics_as_read(topics: Any) -> list[str]:
    """How the matcher reads what a topic writes otherwise than it reads it: names that join
    several, a name met in other forms too (a power plant by its kind's acronym, "Strait of
    Hormuz" as "Hormuz Strait"), a name that names a city (and so is met as other scripts
    write it), a group met by its initials, other names the description gives in brackets, a
    kind of place its names name (``kinds``), a name that names several things together, and
    what the description says the topic is not."""
    from monitor.match.aliases import city_spellings, kind_last_forms, plant_forms
    from monitor.match.embed import bundled_model_dir, whole_words
    from monitor.match.gazetteer import city
    from monitor.match.initials import initials_of
    from monitor.match.kinds import kinds_of, storm_names
    from monitor.match.matcher import (
        as_read,
        as_typed,
        capitals_written,
        cased_about,
        common_words,
        description_aliases,
        event_place,
        name_forms,
        name_parts,
        without_links,
    )
    from monitor.match.people import describes_person, surnames

    try:  # (the model's words: a common word opening a topic's name is none of its names)
        vocab = whole_words(bundled_model_dir())
    except (ModelError, OSError, ValueError):
        vocab = frozenset()
    lines = []
    topics = list(topics)
    capitals = frozenset().union(*(capitals_written(t, vocab) for t in topics))
    for t in topics:
        read = as_read(t, capitals)
        for name in dict.fromkeys((t.name, *t.aliases)):
            forms = [as_typed(f, capitals, t) for f in name_forms(name)]
            if forms != [name]:
                lines.append(f"topic {t.id}: {name!r} is read as {', '.join(map(repr, forms))}")
            if others := [*kind_last_forms(name), *plant_forms(name)]:
                lines.append(
                    f"topic {t.id}: {name!r} is also met as {', '.join(map(repr, others))}"
                )
            for form in forms:
                if (found := city(form)) is not None and (spelled := city_spellings(form)):
                    more = f" and {len(spelled) - 4} more" if len(spelled) > 4 else ""
                    lines.append(
                        f"topic {t.id}: {form!r} names the city {found.name} ({found.country}, "
                        f"{found.population:,} people; GeoNames): also met as "
                        f"{', '.join(map(repr, spelled[:4]))}{more}"
                    )
        names = (read.name, *read.aliases)
        if not surnames(names, t.about, vocab) and (letters := initials_of(names)):
            lines.append(
                f"topic {t.id}: is also met by its initials in English texts: "
                f"{', '.join(map(repr, letters))}"
            )
        named = [a for a in description_aliases(t) if a not in t.aliases]
        if named:
            lines.append(
                f"topic {t.id}: its about: names it also {', '.join(map(repr, named))}: "
                "read as aliases"
            )
        if kinds := kinds_of(names):
            lines.append(
                f"topic {t.id}: its names name a kind of place ({', '.join(sorted(kinds))}): a "
                "story whose headline names another one, and none of the topic's names, scores "
                "much lower"
            )
        if storm_names(names):
            lines.append(
                f"topic {t.id}: its names name a storm: a story whose headline names another "
                "storm, and none of the topic's names, scores much lower"
            )
        if describes_person(read.about, names):
            lines.append(
                f"topic {t.id}: its about: describes a person: a story whose headline names "
                "another person, by a title or in full, and none of the topic's names, scores "
                "much lower"
            )
        if places := event_place(read.name, names):
            lines.append(
                f"topic {t.id}: its name places it in {', '.join(sorted(places))}: a story "
                "whose headline names only other countries, and none of the topic's names, "
                "scores much lower"
            )
        parts = name_parts(read.name, vocab, common_words(read))
        if parts:
            lines.append(
                f"topic {t.id}: its name names {', '.join(map(repr, parts))}: a text that "
                "writes only some of them scores lower"
            )
        senses = [x for x in read.exclude if x not in t.exclude]
        if senses:
            lines.append(
                f"topic {t.id}: its about: says it is not {', '.join(map(repr, senses))}: "
                "read as exclude senses"
            )
        if (plain := without_links(t.about)) != t.about:
            lines.append(
                f"topic {t.id}: its about: gives a web address: read without it, as {plain!r}"
            )
        if (about := cased_about(plain, capitals)) != plain:
            lines.append(
                f"topic {t.id}: its about: is written in lower case; read as {about!r}: a "
                "name it writes in lower case is read as a common word (write names with "
                "their capitals)"
            )
    return lines


def _descriptions_not_in_english(topics: Any) -> list[str]:
    """Each topic that English articles may match whose description is written in another
    language, as "name (language)": read as the matcher reads it, one typed all in lower case
    with its names' capitals (``cased_about``), which the language's detection needs ("the
    kakhovka hydroelectric dam on the dnipro ..." reads as Xhosa)."""
    from monitor.match.language import ENGLISH, description_language
    from monitor.match.matcher import capitals_written, cased_about

    found = []
    for t in topics:
        if t.languages and ENGLISH not in t.languages:
            continue  # it reads no English article
        lang = description_language(cased_about(t.about, capitals_written(t)))
        if lang not in (None, ENGLISH):
            found.append(f"{t.name} ({lang})")
    return found


def _next_delivery(sub: Any, now: datetime) -> str:
    """``next digest: Tue 01 Dec 07:00 Asia/Damascus (every day at 07:00)``."""
    from zoneinfo import ZoneInfo

    from monitor.config.schedule import describe

    if sub.instant:
        return "instant alerts, as each match is found"
    fire = sub.digest.next_after(now)
    if fire is None:
        return f"no digest will ever be sent ({describe(sub.digest.cron)})"
    zone = sub.digest.timezone
    at = fire.astimezone(ZoneInfo(zone)).strftime("%a %d %b %H:%M")
    return f"next digest: {at} {zone} ({describe(sub.digest.cron)})"


def cmd_poll(args: argparse.Namespace) -> int:
    from monitor.domain import FeedPoll
    from monitor.run.cycle import Cycle

    config = _config(args)
    store = _open_store(config)

    def line(r: FeedPoll) -> None:
        url = redact_url(r.feed.url)
        if r.error is not None:
            print(f"FAIL  {r.error.code:<12} {url}: {redact_urls(str(r.error))}", flush=True)
            return
        s = r.stats
        state = "304" if r.status == 304 else "ok "
        note = f" ({r.warning})" if r.warning else ""
        moved = f" (moved to {redact_url(r.moved_to)})" if r.moved_to else ""
        print(
            f"{state}   {s.new:>4} new {s.updated:>3} updated {s.duplicates:>3} dup  "
            f"{url}{moved}{note}",
            flush=True,
        )

    try:
        cycle = Cycle(config, store)
        results = cycle.poll_all(line)
        failed = sum(not r.ok for r in results)
        print(
            f"polled {len(results)} feeds: {len(results) - failed} ok, {failed} failed; "
            f"{sum(r.stats.new for r in results)} new articles, "
            f"{sum(r.stats.updated for r in results)} updated, "
            f"{sum(r.stats.duplicates for r in results)} duplicates",
            flush=True,
        )
        if config.settings.topics:
            # The matches make their deliveries due (sent by `monitor run`, or `monitor digest
            # --send`). The model is loaded only if some article waits for it.
            matched = cycle.match_all()
            print(f"matched {matched.embedded} articles: {len(matched.new_matches)} new matches")
    finally:
        store.close()
    return EXIT_FAILURE if results and failed == len(results) else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    config = _config(args)
    store = _open_store(config)
    try:
        for row in store.export_articles(since=args.since):
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        store.close()
    return EXIT_OK


def cmd_feeds(args: argparse.Namespace) -> int:
    from monitor.poll.ingest import status_text
    from monitor.web.views import feed_view, summaries_hint  # the API's shape: one for both

    config = _config(args)
    store = _open_store(config)
    try:
        store.sync_feeds(config.feeds())
        rows = store.feeds(failing=args.failing)
    finally:
        store.close()
    if args.json:
        for f in rows:
            print(json.dumps(feed_view(f), ensure_ascii=False))
        return EXIT_OK
    header = ("ID", "HEALTH", "LAST STATUS", "FAILS", "LAST SUCCESS", "NEXT DUE", "ITEMS", "URL")
    # Each feed's row, and the notes under it (its error, where it moved, summaries), which run
    # on past the columns: those are as wide as the rows.
    table: list[tuple[tuple[str, ...], list[str]]] = [(header, [])]
    for f in rows:
        status = f.error_code if f.error_code and not f.last_status else status_text(f.last_status)
        if f.last_attempt is None:
            status = "never polled"
        row = (
            str(f.id),
            f.state,
            status,
            str(f.consecutive_failures),
            _iso(f.last_success) or "-",
            _iso(f.next_due) or "-",
            str(f.items_seen),
            redact_url(f.url),
        )
        notes: list[str] = []
        if f.last_error and f.consecutive_failures:
            notes.append(redact_urls(f.last_error))
        if f.url != f.configured_url:  # moved for good, or a page whose feed was found
            notes.append(f"configured as {redact_url(f.configured_url)}")
        if hint := summaries_hint(f):
            notes.append(hint)
        table.append((row, notes))
    widths = [max(len(r[i]) for r, _ in table) for i in range(len(header) - 1)]
    for cells, under in table:
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)) + "  " + cells[-1])
        for note in under:
            print(" " * (widths[0] + widths[1] + 4) + f"  └ {note}".rstrip())
    return EXIT_OK


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat(timespec="seconds")


def cmd_feeds_export(args: argparse.Namespace) -> int:
    from monitor.poll.opml import OpmlFeed, write_opml

    config = _config(args)
    feeds = [OpmlFeed(f.url, f.name) for f in config.feeds()]
    sys.stdout.write(write_opml(feeds, title=f"monitor feeds ({config.path.name})").decode())
    return EXIT_OK


def cmd_feeds_discover(args: argparse.Namespace) -> int:
    import asyncio

    from monitor.config import Settings
    from monitor.poll.discover import discover
    from monitor.poll.fetch import Fetcher

    try:  # the config's fetch limits (proxy, CA file) when there is one; it is not required
        limits = _config(args).fetch_limits()
    except ConfigError:
        limits = Settings().fetch.limits()

    async def run() -> list[Any]:
        async with Fetcher(limits) as fetcher:
            return await discover(fetcher, args.url)

    found = asyncio.run(run())
    if not found:
        print(f"no feed found for {redact_url(args.url)}")
        return EXIT_FAILURE
    for feed in found:
        print(f"{redact_url(feed.url)}  {feed.title or '(untitled)'}  ({feed.how})")
    return EXIT_OK


def cmd_feeds_import(args: argparse.Namespace) -> int:
    from monitor.poll.opml import parse_opml

    try:
        data = args.opml.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read OPML file: {exc.strerror}", path=str(args.opml)) from None
    listed = parse_opml(data, source=str(args.opml))
    print(f"# {len(listed)} feeds from {args.opml}; add under feeds:")
    print("feeds:")
    for item in listed:
        print(f"  - url: {json.dumps(item.url)}")
        if item.title:
            print(f"    name: {json.dumps(item.title, ensure_ascii=False)}")
    return EXIT_OK


def text_lines(path: Path) -> list[str]:
    """The lines of a UTF-8 file (``-``: standard input), a byte order mark at its start
    aside, as editors on Windows write one; unreadable, or a line that is not UTF-8, is an
    InputError naming the file, and the line with the offending byte."""
    try:
        data = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    lines = data.removeprefix(b"\xef\xbb\xbf").splitlines()
    out = []
    for number, line in enumerate(lines, 1):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{path}:{number}: not UTF-8 text (byte 0x{line[exc.start]:02x} at column "
                f"{exc.start + 1}): save the file as UTF-8"
            ) from None
    return out


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """JSON lines with at least "id" and "text" (a title or text of null reads as none); a bad
    line is an InputError naming it."""
    lines = text_lines(path)
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not JSON: {exc.msg}") from None
        if not isinstance(row, dict) or "id" not in row or "text" not in row:
            raise InputError(f'{path}:{number}: each line needs "id" and "text"')
        if not isinstance(row["id"], str | int) or not str(row["id"]).strip():
            raise InputError(f'{path}:{number}: "id" must be a non-empty string')
        for key in ("title", "text"):
            if row.get(key) is None:
                row[key] = ""
            elif not isinstance(row[key], str):
                raise InputError(f'{path}:{number}: "{key}" must be a string')
        rows.append(row)
    return rows


def _matcher(config: Config) -> Any:
    from monitor.match.stage import embedder_for, matcher_for

    if not config.settings.topics:
        raise ConfigError("no topics configured", path=str(config.path), key="topics")
    return matcher_for(config, embedder_for(config))


def _stored_labels(config: Config, matcher: Any) -> Any:
    """What the labels in the config's database teach (a Learned), or None without labels.
    Without a database file none is created: match and eval only read."""
    from monitor.match.stage import learned_for
    from monitor.store.store import database_exists

    if not database_exists(config.storage_url):
        return None
    store = _open_store(config)
    try:
        learned = learned_for(store, matcher)
    finally:
        store.close()
    return learned if len(learned) else None


def cmd_match(args: argparse.Namespace) -> int:
    config = _config(args)
    rows = read_jsonl(args.input)
    matcher = _matcher(config)
    labels = _stored_labels(config, matcher)
    for start in range(0, len(rows), 256):
        chunk = rows[start : start + 256]
        vectors = matcher.embed([(r["title"], r["text"]) for r in chunk])
        for row, v in zip(chunk, vectors, strict=True):
            for m in matcher.score(row["title"], row["text"], v, str(row["id"]), labels):
                if not (m.matched or args.all):
                    continue
                out: dict[str, Any] = {
                    "article_id": m.article_id,
                    "topic": m.topic_id,
                    "score": m.score,
                    "evidence": m.evidence,
                }
                if args.all:
                    out["match"] = m.matched
                sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from monitor.match.evaluate import evaluate, format_report
    from monitor.match.learning_eval import eval_json, format_learning, learning_report

    config = _config(args)
    rows = read_jsonl(args.input)
    topic_ids = {t.id for t in config.topics()}
    unwatched: Counter[str] = Counter()  # topic id -> rows that label it
    for number, row in enumerate(rows, 1):
        labels = row.get("labels")
        if not isinstance(labels, dict):
            given = f"not {json.dumps(labels)}" if "labels" in row else "none given"
            raise InputError(
                f'{args.input}: row {number} ({row["id"]}): "labels" must map topic ids to 0 '
                f"or 1 ({given})"
            )
        # (with --unlabeled-irrelevant, a line may name none: a text wanted for no topic)
        if not (set(labels) & topic_ids or args.unlabeled_irrelevant):
            raise InputError(
                f'{args.input}: row {number} ({row["id"]}): "labels" names none '
                f"of the config's topics ({', '.join(sorted(topic_ids))})"
            )
        for topic, value in labels.items():
            # (a string "0" read as wanted; a topic the config lacks is left aside)
            if not is_label(value):
                raise InputError(
                    f"{args.input}: row {number} ({row['id']}): the label of {topic!r} must "
                    f"be 0 or 1, not {json.dumps(value)}"
                )
        unwatched.update(set(labels) - topic_ids)
        if args.unlabeled_irrelevant:
            row["labels"] = dict.fromkeys(sorted(topic_ids), 0) | labels
    if unwatched:
        # (on stderr: --json keeps stdout one JSON object) A file may label more topics than
        # the config watches; a misspelt id would otherwise drop its labels unsaid.
        left = ", ".join(
            f"{t!r} ({n} row{'s' if n > 1 else ''})" for t, n in sorted(unwatched.items())
        )
        print(
            f"{args.input}: warning: labels of topics the config does not watch, left aside: "
            f"{left}; the config's topics: {', '.join(sorted(topic_ids))}",
            file=sys.stderr,
        )
    matcher = _matcher(config)
    vectors = matcher.embed([(r["title"], r["text"]) for r in rows])
    report = evaluate(matcher, rows, vectors=vectors, labels=_stored_labels(config, matcher))
    learning = learning_report(matcher, rows, vectors, folds=args.folds)
    if args.json:
        print(json.dumps(eval_json(report, learning), ensure_ascii=False))
    else:
        print(format_report(report))
        print(format_learning(learning))
    return EXIT_OK


def is_label(value: object) -> bool:
    """Whether a labeled line's ``value`` for a topic is a label: 0 or 1 (JSON's false and true
    compare so), not 1.0 nor "1"."""
    return value in (0, 1) and not isinstance(value, float)


def read_labels(path: Path, topic_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Labeled JSON lines ``{"id", "title", "text", "labels": {"<topic id>": 0|1}}`` (a line
    may label some topics only), every line checked before any is used: an InputError names
    the first bad line."""
    lines = text_lines(path)
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not JSON: {exc.msg}") from None
        if not isinstance(row, dict) or not {"id", "text", "labels"} <= set(row):
            raise InputError(f'{where}: each line needs "id", "text" and "labels"')
        if not isinstance(row["id"], str | int) or not str(row["id"]).strip():
            raise InputError(f'{where}: "id" must be a non-empty string')
        if not isinstance(row["text"], str) or not isinstance(row.get("title", ""), str):
            raise InputError(f'{where}: "title" and "text" must be strings')
        labels = row["labels"]
        if not isinstance(labels, dict) or not labels:
            raise InputError(f'{where}: "labels" must map topic ids to 0 or 1')
        for topic, value in labels.items():
            if topic not in topic_ids:
                raise InputError(
                    f"{where}: unknown topic {topic!r} (known: {', '.join(topic_ids)})"
                )
            if not is_label(value):
                raise InputError(f"{where}: the label of {topic!r} must be 0 or 1")
        rows.append(
            {
                "id": str(row["id"]),
                "title": row.get("title", ""),
                "text": row["text"],
                "labels": {t: bool(v) for t, v in labels.items()},
            }
        )
    return rows


def cmd_feedback_import(args: argparse.Namespace) -> int:
    from monitor.match.stage import label_readings
    from monitor.store.feedback import Label

    config = _config(args)
    rows = read_labels(args.file, [t.id for t in config.topics()])
    matcher = _matcher(config)
    vectors = matcher.embed([(r["title"], r["text"]) for r in rows])
    store = _open_store(config)
    try:
        stored = store.feedback.articles([r["id"] for r in rows])
        labels = [
            Label(
                item=r["id"],
                topic_id=topic,
                relevant=relevant,
                source="import",
                title=r["title"],
                text=r["text"],
                model=matcher.model_of(v),
                vectors=v.to_bytes(),
                article_id=r["id"] if r["id"] in stored else None,
                language=v.language,
            )
            for r, v in zip(rows, vectors, strict=True)
            for topic, relevant in r["labels"].items()
        ]
        # Scored now, as learning reads them (a few ms a text beside embedding it): the
        # daemon's first learning of a thousand imported labels then scores none.
        labels = [
            dataclasses.replace(lab, zero_shot=score, zero_shot_by=matcher.fingerprint)
            for lab, (_, score) in zip(labels, label_readings(matcher, labels), strict=True)
        ]
        count = store.feedback.record(labels)
    finally:
        store.close()
    linked = sum(r["id"] in stored for r in rows)
    print(f"imported {count} labels on {len(rows)} texts ({linked} stored articles)")
    return EXIT_OK


def cmd_feedback_add(args: argparse.Namespace) -> int:
    from monitor.match.stage import label_stored

    config = _config(args)
    topics = {t.id for t in config.topics()}
    if args.topic not in topics:
        raise ConfigError(
            f"no topic with id {args.topic!r} (known: {', '.join(topics)})", path=str(config.path)
        )
    store = _open_store(config)
    try:
        article = label_stored(
            store, args.article, args.topic, args.relevant, "cli", lambda: _matcher(config)
        )
        if article is None:
            raise InputError(
                f"no stored article with id {args.article!r} (or retention dropped its text)"
            )
    finally:
        store.close()
    print(
        f"{args.article}: {'relevant' if args.relevant else 'irrelevant'} for {args.topic}: "
        f"{article.title}"
    )
    return EXIT_OK


def cmd_feedback_list(args: argparse.Namespace) -> int:
    from monitor.store.store import database_exists

    config = _config(args)
    labels = []
    if database_exists(config.storage_url):
        store = _open_store(config)
        try:
            labels = store.feedback.labels(args.topic)
        finally:
            store.close()
    for lab in labels:
        if args.json:
            print(
                json.dumps(
                    {
                        "item": lab.item,
                        "article_id": lab.article_id,
                        "topic": lab.topic_id,
                        "relevant": lab.relevant,
                        "source": lab.source,
                        "title": lab.title,
                        "created": _iso(lab.created),
                        "language": lab.language,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            print(
                f"{_iso(lab.created)}  {lab.topic_id}  "
                f"{'relevant  ' if lab.relevant else 'irrelevant'}  {lab.source:<6}  "
                f"{lab.item}  {lab.title}"
            )
    if not args.json:
        print(f"{len(labels)} labels")
    return EXIT_OK


def cmd_backfill(args: argparse.Namespace) -> int:
    from monitor.deliver.outbox import Outbox
    from monitor.match.stage import backfill

    config = _config(args)
    topics = {t.id: t for t in config.topics()}
    if args.topic not in topics:
        raise ConfigError(
            f"no topic with id {args.topic!r} (known: {', '.join(topics)})", path=str(config.path)
        )
    matcher = _matcher(config)
    store = _open_store(config)
    try:
        outbox = Outbox(config, store)
        scored, fresh = backfill(
            store,
            matcher,
            topics[args.topic],
            lambda m: outbox.plan(m, backfill=True),
            since=args.since,
        )
    finally:
        store.close()
    print(
        f"backfill {args.topic}: scored {scored} stored articles, {len(fresh)} new matches"
        + (
            ""
            if config.settings.delivery.send_backfill
            else " (not delivered: delivery.send_backfill is false)"
        )
    )
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from monitor.poll.ingest import log_result
    from monitor.run.cycle import Cycle
    from monitor.run.daemon import Daemon
    from monitor.run.lock import DatabaseLock

    config = _config(args)
    setup_logging(
        level="DEBUG" if args.verbose else "INFO",
        json_lines=args.log_json,
        secrets=config.settings.secrets(),
    )
    store = _open_store(config)
    try:
        with DatabaseLock(config.storage_url, store):
            if args.once:
                summary = Cycle(config, store).run(digest_now=args.digest_now, on_result=log_result)
            else:
                Daemon(config, store).serve()
    finally:
        store.close()
    if not args.once:
        # Everything is persisted and the lock released. A job still running past the grace
        # period (a send to a hanging server) would hold the interpreter's exit, and its own
        # teardown of torch and friends takes seconds: leave now. The job resumes on restart.
        logging.shutdown()
        sys.stdout.flush()
        os._exit(EXIT_OK)
    print(
        f"polled {summary.polled} feeds ({summary.failed} failed), "
        f"{summary.new_articles} new articles, {summary.embedded} embedded, "
        f"{summary.new_matches} new matches, {summary.sent} deliveries sent"
        + (
            f", {summary.failed_deliveries} failed (will retry)"
            if summary.failed_deliveries
            else ""
        )
        + (
            f", {summary.dead_deliveries} given up (monitor deliveries --failed)"
            if summary.dead_deliveries
            else ""
        )
    )
    return EXIT_OK if not (summary.failed_deliveries or summary.dead_deliveries) else EXIT_FAILURE


def cmd_digest(args: argparse.Namespace) -> int:
    from monitor.deliver.outbox import Outbox

    config = _config(args)
    sub = config.subscriber(args.subscriber)
    store = _open_store(config)
    try:
        outbox = Outbox(config, store)
        outbox.welcome_new_subscribers()
        if args.since is not None:
            added = outbox.catch_up(sub, args.since)
            due = "pending alerts" if sub.instant else "next digest"
            print(
                f"{added} earlier matches since {args.since:%Y-%m-%d %H:%M %Z} added to "
                f"{sub.name}'s {due}"
            )
        if args.preview:
            rendered = outbox.preview(sub)
            if args.out is not None:
                try:
                    args.out.write_text(rendered.html, encoding="utf-8")
                except OSError as exc:
                    raise InputError(f"{args.out}: cannot write: {exc.strerror}") from None
                print(f"{rendered.subject} (HTML written to {args.out})")
            else:
                print(f"Subject: {rendered.subject}\n\n{rendered.text}")
            return EXIT_OK
        outcomes = outbox.send_digest(sub)
    finally:
        store.close()
    if not outcomes:
        print(f"nothing to send to {sub.name}")
    redact = _redactor(config)
    for o in outcomes:
        state = "sent" if o.ok else ("dead" if o.dead else "failed, will retry")
        print(
            f"{o.channel:<8} {state}: {o.items} items ({o.delivery_id})"
            + (f": {redact(o.error)}" if o.error else "")
        )
    return EXIT_OK if all(o.ok for o in outcomes) else EXIT_FAILURE


def cmd_notify_test(args: argparse.Namespace) -> int:
    from monitor.deliver.outbox import Outbox

    config = _config(args)
    sub = config.subscriber(args.subscriber)
    store = _open_store(config)
    try:
        checks = Outbox(config, store).notify_test(sub)
    finally:
        store.close()
    redact = _redactor(config)
    for c in checks:
        state = "ok" if c.ok else "FAILED"
        print(f"{c.channel:<8} {state}: {redact(c.receiver)}: {redact(c.answer)}")
    return EXIT_OK if all(c.ok for c in checks) else EXIT_FAILURE


def cmd_deliveries(args: argparse.Namespace) -> int:
    from monitor.domain import DeliveryStatus

    config = _config(args)
    store = _open_store(config)
    try:
        if args.retry:
            print(f"re-queued {store.requeue_dead(datetime.now(UTC))} dead deliveries")
            return EXIT_OK
        rows = store.deliveries()
    finally:
        store.close()
    if args.failed:
        rows = [
            d
            for d in rows
            if d.status == DeliveryStatus.DEAD
            or (d.status == DeliveryStatus.PENDING and d.attempts)
        ]
    redact = _redactor(config)
    for d in rows:
        print(
            f"{d.id}  {d.status:<7} {d.kind:<7} {d.channel:<7} {d.subscriber}  "
            f"{d.topic_id}  {d.article_id}  attempts={d.attempts}"
            + (f"  last error: {redact(d.last_error)}" if d.last_error else "")
        )
    counts: dict[str, int] = {}
    for d in rows:
        counts[d.status] = counts.get(d.status, 0) + 1
    print(", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no deliveries")
    return EXIT_OK


def cmd_prune(args: argparse.Namespace) -> int:
    from monitor.run.prune import KIND_NAMES, mebibytes, retention_policy

    config = _config(args)
    store = _open_store(config)
    try:
        report = store.prune(
            retention_policy(config.settings.retention), datetime.now(UTC), dry_run=args.dry_run
        )
        freed = store.reclaim_space() if report.total and not args.dry_run else 0
    finally:
        store.close()
    for kind, n in report.counts().items():
        print(f"{n:>10}  {KIND_NAMES[kind]}")
    if args.dry_run:
        print("dry run: nothing removed; a prune now would remove the above")
    else:
        print(
            f"pruned in {report.batches} batches, {report.seconds:.1f} s; "
            f"{mebibytes(freed)} given back to the file system"
        )
    return EXIT_OK


def cmd_vacuum(args: argparse.Namespace) -> int:
    from monitor.run.prune import mebibytes

    config = _config(args)
    store = _open_store(config)
    try:
        report = store.vacuum()
    finally:
        store.close()
    size = f"{mebibytes(report.size_before)} before, {mebibytes(report.size_after)} after"
    if report.backend == "sqlite":
        print(f"rebuilt the database file: {size}")
        if report.made_incremental:
            print(
                "switched it to incremental auto-vacuum: from now on pruning gives the "
                "space back as it goes"
            )
    else:
        print(f"VACUUM (ANALYZE) {', '.join(report.tables)}: {size}")
        print(
            f"dead row versions: {report.dead_before} before, {report.dead_after} after "
            "(autovacuum clears them between runs too)"
        )
    return EXIT_OK


def cmd_db_stats(args: argparse.Namespace) -> int:
    from monitor.store.stats import PROJECTION

    config = _config(args)
    store = _open_store(config)
    try:
        found = store.db_stats(days=args.days)
    finally:
        store.close()
    if args.json:
        print(json.dumps(found.as_json(), ensure_ascii=False))
        return EXIT_OK
    free = "" if found.free_bytes is None else f", {_size(found.free_bytes)} free inside"
    print(f"database: {found.backend}, {_size(found.bytes)}{free}")
    table = [("TABLE", "ROWS", "BYTES")]
    for t in found.tables:
        rows = f"~{t.rows:,}" if t.estimated else f"{t.rows:,}"
        table.append((t.name, rows, "-" if t.bytes is None else _size(t.bytes)))
    widths = [max(len(r[i]) for r in table) for i in range(3)]
    for r in table:
        print(f"  {r[0].ljust(widths[0])}  {r[1].rjust(widths[1])}  {r[2].rjust(widths[2])}")
    if any(t.estimated for t in found.tables):
        print("  (~: PostgreSQL's estimate, from its last ANALYZE)")
    print("articles per day (UTC):")
    for day, n in found.articles_per_day:
        print(f"  {day.isoformat()}  {n:,}")
    print("oldest:")
    for kind, when in found.oldest.items():
        print(f"  {kind.replace('_', ' '):<18}  {_iso(when) or '-'}")
    if found.projected_year_bytes is None:
        print("in a year: no articles stored yet")
    else:
        print(
            f"in a year: {_size(found.projected_year_bytes)} at "
            f"{found.articles_per_day_rate:,.0f} articles a day and "
            f"{_size(int(found.bytes_per_article or 0))} per article"
        )
        print(f"  ({PROJECTION})")
    for note in found.notes:
        print(f"note: {note}")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    config = _config(args)
    store = _open_store(config)
    try:
        size = store.backup(args.file, force=args.force)
    finally:
        store.close()
    print(f"backed up to {args.file} ({_size(size)}); restore: stop monitor, copy it in place")
    return EXIT_OK


def _size(n: int) -> str:
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:,.0f} {unit}" if unit == "B" else f"{value:,.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


if __name__ == "__main__":
    sys.exit(main())

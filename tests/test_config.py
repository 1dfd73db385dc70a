"""Config loading: the issue's example works as written; every mistake is exit 2 + file:line."""

from __future__ import annotations

import re
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.cli import main
from monitor.config import Settings, load_config, parse_duration, slugify
from monitor.config.models import DigestConfig
from monitor.config.schedule import describe
from monitor.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]

FULL_EXAMPLE = """\
storage: sqlite:///data/monitor.db      # any SQLAlchemy URL (default: this one)
model: null                            # null = bundled all-MiniLM-L6-v2
poll_every: 15m                        # default interval; "90s", "15m", "1h"
feeds:
  - url: https://example.org/rss.xml   # http(s) URL, or a local path / file: URL
    name: Example                      # optional
    every: 5m                          # optional, overrides poll_every
  - opml: feeds.opml                   # optional: every feed of an OPML file
topics:
  - name: Yarmouk Valley               # required; id defaults to a slug of the name
    id: yarmouk-valley                 # optional
    about: Fighting and control in the Yarmouk basin of south-west Daraa, Syria
    aliases: [Yarmouk basin, Wadi al-Yarmouk]   # optional
    exclude: [Yarmouk refugee camp]    # optional: senses the user does NOT want
    threshold: 0.5                     # optional, 0..1
subscribers:
  - name: analyst
    email: analyst@example.org         # optional
    topics: [yarmouk-valley]           # topic ids; omitted = all topics
    digest: {cron: "0 7 * * *", timezone: Asia/Damascus}
    instant: false
    webhook: {url: https://hooks.example.org/x, secret: "${WEBHOOK_SECRET}", format: json}
    outbox_dir: outbox/
smtp: {host: localhost, port: 587, security: starttls, username: "${SMTP_USER:-}", password: "${SMTP_PASSWORD:-}", sender: "Monitor <monitor@example.org>"}
server: {host: 127.0.0.1, port: 8321}  # /healthz and /metrics of the running daemon
"""

OPML = """<?xml version="1.0"?>
<opml version="2.0"><body>
  <outline text="A" xmlUrl="https://a.example.org/feed.xml"/>
  <outline text="local" xmlUrl="local/feed.rss"/>
</body></opml>
"""


def write(tmp_path: Path, text: str, name: str = "monitor.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_issue_example_loads_exactly_as_written(tmp_path: Path) -> None:
    write(tmp_path, OPML, "feeds.opml")
    config = load_config(write(tmp_path, FULL_EXAMPLE), environ={"WEBHOOK_SECRET": "s3cret!"})
    s = config.settings
    assert s.poll_every == 900
    assert config.storage_url == f"sqlite:///{tmp_path.resolve()}/data/monitor.db"
    feeds = config.feeds()
    assert [f.url for f in feeds] == [
        "https://example.org/rss.xml",
        "https://a.example.org/feed.xml",
        (tmp_path / "local" / "feed.rss").resolve().as_uri(),
    ]
    assert feeds[0].every_s == 300 and feeds[0].name == "Example"
    assert feeds[1].every_s == 900
    [topic] = config.topics()
    assert topic.id == "yarmouk-valley" and topic.exclude == ("Yarmouk refugee camp",)
    assert topic.aliases == ("Yarmouk basin", "Wadi al-Yarmouk") and topic.threshold == 0.5
    [sub] = s.subscribers
    assert sub.webhook is not None and sub.webhook.secret is not None
    assert sub.webhook.secret.get_secret_value() == "s3cret!"
    assert "s3cret" not in repr(s)  # secrets never show in a printed config
    assert sub.digest.timezone == "Asia/Damascus" and sub.digest.cron == "0 7 * * *"
    assert config.outbox_dir(sub) == (tmp_path / "outbox").resolve()
    assert s.smtp.username is None and s.smtp.password is None  # ${VAR:-} empty = no auth


def test_topic_id_defaults_to_slug_and_durations_parse() -> None:
    assert slugify("Jaish Khalid bin al-Waleed") == "jaish-khalid-bin-al-waleed"
    assert slugify("Ḥawrān  Plain!") == "hawran-plain"
    assert [parse_duration(v) for v in ("90s", "15m", "1h", "2d", 30)] == [
        90,
        900,
        3600,
        172800,
        30,
    ]
    with pytest.raises(ValueError):
        parse_duration("soon")


def test_topics_named_in_another_script_get_ids_of_their_own(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        topics:
          - name: Дамаск
          - name: درعا
          - name: Hayʼat Tahrir al-Sham
          - name: "★"
            id: star
        subscribers:
          - name: desk
            outbox_dir: out
            topics: [дамаск, درعا, hayat-tahrir-al-sham, star]
        """,
    )
    topics = load_config(path, environ={}).settings.topics
    assert [t.topic_id for t in topics] == ["дамаск", "درعا", "hayat-tahrir-al-sham", "star"]
    assert slugify("Москва 2024") == "москва-2024" and slugify("ह़िंदी") == "ह़िंदी"


def test_demo_config_is_valid() -> None:
    config = load_config(ROOT / "config" / "monitor.yaml", environ={})
    assert all(f.url.startswith("file://") for f in config.feeds())
    assert all(Path(f.url.removeprefix("file://")).exists() for f in config.feeds())


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("feeds:\n  - url: a.xml\n   name: x\n", 3, "YAML syntax error"),
        (
            "feeds:\n  - url: a.xml\n    nmae: x\n",
            3,
            "feeds[0].nmae: unknown key (did you mean 'name'?) (allowed here: url, opml, name, "
            "every, full_text)",
        ),
        (
            "topics:\n  - name: A\n  - name: B\n    threshold: 1.5\n",
            4,
            "topics[1].threshold: must be between 0 and 1",
        ),
        ("poll_every: soon\n", 1, "poll_every: must be a duration"),
        ("server:\n  port: eighty\n", 2, "server.port: must be a whole number, not 'eighty'"),
        (
            "smtp:\n  password: ${MONITOR_TEST_UNSET}\n",
            2,
            "smtp.password: environment variable MONITOR_TEST_UNSET is not set",
        ),
        ("topics:\n  - about: x\n", 2, "topics[0].name: required key is missing"),
        (
            "topics:\n  - name: Alpha\nsubscribers:\n  - name: s\n    outbox_dir: o\n"
            "    topics: [alpha, alpa]\n",
            6,
            "subscribers[0].topics[1]: unknown topic id 'alpa' (did you mean 'alpha'?)",
        ),
        (
            "subscribers:\n  - name: s\n    digest: {cron: '0 7 * *'}\n",
            3,
            "subscribers[0].digest.cron: invalid cron expression",
        ),
        (
            "subscribers:\n  - name: s\n    digest:\n      timezone: Mars/Base\n",
            4,
            "subscribers[0].digest.timezone: unknown time zone 'Mars/Base'",
        ),
        ("topics:\n  - name: A\n  - name: a\n", 3, "topics[1]: topic id 'a' is used twice"),
        (
            "topics:\n  - name: Дамаск\n  - name: '★ ★'\n",
            3,
            "topics[1]: the name '★ ★' has no letter or digit to make the topic's id from: "
            "give it one with `id:`",
        ),
        (
            "topics:\n  - name: Wagner Group\n    aliases:\n      - Wagner\n      - '-'\n",
            5,
            "topics[0].aliases[1]: '-' has no letter or digit: an alias names the topic in words",
        ),
        ("feeds:\n  - url: ftp://x/y\n", 2, "feeds[0]: url scheme must be http, https or file"),
        (
            "feeds:\n  - url: https://x/y\n    full_text: sometimes\n",
            3,
            "feeds[0].full_text: must be true, false or auto, not 'sometimes'",
        ),
        (
            "subscribers:\n  - name: s\n    webhook:\n      url: 'http://'\n",
            4,
            "subscribers[0].webhook.url: must be an http(s) URL with a host",
        ),
        (
            "subscribers:\n  - name: s\n    webhook: {url: 'https://h:99999/tok'}\n",
            3,
            "subscribers[0].webhook.url: must be an http(s) URL with a host (and a valid port)",
        ),
        (
            "fetch:\n  proxy: socks5://u:secret@proxy:1080\n",
            2,
            "fetch.proxy: must be http://host:port",
        ),
    ],
)
def test_config_errors_name_file_line_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, expected: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path, environ={})
    assert info.value.line == line
    assert main(["check-config", "-c", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"monitor: {path}:{line}: ") and err.count("\n") == 1  # one line
    assert expected in err


def test_missing_config_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check-config", "-c", str(tmp_path / "nope.yaml")]) == 2
    assert "nope.yaml: config file not found" in capsys.readouterr().err


def test_config_path_from_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "topics:\n  - name: A\n")
    monkeypatch.setenv("MONITOR_CONFIG", str(path))
    assert main(["check-config"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{path}: ok: 0 feeds, 1 topics, 0 subscribers"


def test_unknown_subcommand_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2


def test_secrets_are_every_secret_value_and_each_hooks_url_shown_by_host() -> None:
    settings = Settings.model_validate(
        {
            "smtp": {"password": "smtp-pw-1"},
            "subscribers": [
                {
                    "name": "ops",
                    "webhook": {
                        "url": "https://hooks.example.com/T1/B2/tok",
                        "secret": "hook-key-2",
                    },
                },
                {"name": "desk", "webhook": {"url": "https://chat.example.org/plain"}},
                {"name": "ana", "email": "ana@example.org"},
            ],
        }
    )
    assert settings.secrets() == {
        "smtp-pw-1": "***",
        "hook-key-2": "***",
        "https://hooks.example.com/T1/B2/tok": "https://hooks.example.com/***",
        "https://chat.example.org/plain": "https://chat.example.org/***",
    }
    assert Settings().secrets() == {}


def test_check_config_reports_every_error_at_once_in_the_users_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        """\
        topics:
          - name: Yarmouk Valley
            treshold: 0.5
        subscribers:
          - name: ann
            email: ann@example.org
            digest: {cron: "@daily", timezone: Asia/Damascas}
          - name: bob
            digest: "07:00"
        """,
    )
    assert main(["check-config", "-c", str(path)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        f"monitor: {path}:3: topics[0].treshold: unknown key (did you mean 'threshold'?) "
        "(allowed here: name, id, about, aliases, exclude, threshold, languages)",
        f"monitor: {path}:7: subscribers[0].digest.timezone: unknown time zone "
        "'Asia/Damascas' (did you mean 'Asia/Damascus'?)",
        f"monitor: {path}:9: subscribers[1].digest: must be a mapping of keys (cron, timezone, "
        "send_empty, max_per_topic), not '07:00'",
    ]
    assert not any("Input should" in line or "instance of" in line for line in lines)


def test_a_subscriber_with_no_channel_is_refused_where_it_is_written(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "topics: [{name: A}]\nsubscribers:\n  - name: desk\n  - name: ok\n    outbox_dir: o\n",
    )
    with pytest.raises(ConfigError) as info:
        load_config(path, environ={})
    assert info.value.line == 3 and info.value.key == "subscribers[0]"
    assert "has no channel and would never receive anything" in str(info.value)


@pytest.mark.parametrize(
    ("zone", "near"),
    [
        ("damascus", "Asia/Damascus"),
        ("asia/damascus", "Asia/Damascus"),
        ("Europe/Berln", "Europe/Berlin"),
    ],
)
def test_a_misspelt_time_zone_gets_a_suggestion(tmp_path: Path, zone: str, near: str) -> None:
    path = write(
        tmp_path,
        f"subscribers:\n  - name: s\n    outbox_dir: o\n    digest: {{timezone: {zone}}}\n",
    )
    with pytest.raises(ConfigError, match=f"did you mean '{near}'"):
        load_config(path, environ={})


def test_check_config_warns_and_says_when_each_digest_goes_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        """\
        subscribers:
          - name: ann
            email: ann@example.org
            digest: {cron: "@weekly", timezone: Asia/Damascus}
          - name: ops
            instant: true
            outbox_dir: o
        """,
    )
    assert main(["check-config", "-c", str(path)]) == 0
    out = capsys.readouterr().out
    assert "warning: no topics: nothing will ever match" in out
    assert "warning: no feeds: nothing will be read" in out
    assert "warning: email to ann but no smtp: section" in out
    assert "no about:" not in out
    # @weekly is Sunday at midnight, in the subscriber's zone.
    assert re.search(
        r"ann: next digest: Sun \d\d \w{3} 00:00 Asia/Damascus \(Sundays at 00:00\)", out
    )
    assert "ops: instant alerts" in out


def test_check_config_names_the_topics_without_a_description(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        """\
        topics:
          - name: Wagner Group
            aliases: [PMC Wagner]
          - name: Kakhovka Dam
            about: The hydroelectric dam on the Dnipro destroyed in June 2023
          - name: al-Shabaab
        """,
    )
    assert main(["check-config", "-c", str(path)]) == 0
    out = capsys.readouterr().out
    assert (
        "warning: no about: for Wagner Group, al-Shabaab: only texts writing a name or alias "
        "will match"
    ) in out


def test_cron_weekdays_count_from_sunday_as_cron_does() -> None:
    """APScheduler's own crontab parser counts Monday as 0: "30 6 * * 1" fired on Tuesdays."""
    digest = DigestConfig(cron="30 6 * * 1", timezone="UTC")
    fire = digest.next_after(datetime(2026, 11, 28, tzinfo=UTC))  # a Saturday
    assert fire is not None and fire.strftime("%a %H:%M") == "Mon 06:30"
    assert DigestConfig(cron="@hourly").next_after(datetime(2026, 11, 28, 5, 1, tzinfo=UTC)) == (
        datetime(2026, 11, 28, 6, 0, tzinfo=UTC)
    )
    assert describe("0 7 * * 1-5") == "weekdays at 07:00" and describe("@daily") == (
        "every day at 00:00"
    )


def test_an_unset_variable_is_one_line_not_also_its_placeholders_type(tmp_path: Path) -> None:
    path = write(tmp_path, "server:\n  port: ${NOPE_PORT}\nsmtp:\n  password: ${NOPE_PW}\n")
    with pytest.raises(ConfigError) as info:
        load_config(path, environ={})
    assert [(e.line, e.key) for e in info.value.errors] == [
        (2, "server.port"),
        (4, "smtp.password"),
    ]
    assert all("environment variable" in e.problem for e in info.value.errors)


def test_check_config_names_the_descriptions_not_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        """\
        topics:
          - name: Groupe Wagner
            about: La société militaire privée russe fondée par Evgueni Prigojine
          - name: Wagner en Afrique
            about: La société militaire privée russe fondée par Evgueni Prigojine
            languages: [fr]
          - name: Kakhovka Dam
            about: Kakhovka dam breach
          - name: Houthi attacks
            about: Houthi missile and drone attacks on Red Sea shipping
          - name: kakhovka reservoir
            about: the kakhovka hydroelectric dam on the dnipro at nova kakhovka in ukraine's
              kherson region.
        """,
    )
    assert main(["check-config", "-c", str(path)]) == 0
    out = capsys.readouterr().out
    # Only the first: the second reads French articles alone, the third is too short to tell;
    # the last, typed in lower case, is read with its names' capitals, as the matcher reads
    # it (so typed, py3langid took it for Xhosa).
    assert (
        "warning: the about: of Groupe Wagner (fr) is not in English: English articles are "
        "read by an English model"
    ) in out
    assert out.count("is not in English") == 1


def test_check_config_says_how_names_and_ruled_out_senses_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        """\
        topics:
          - name: Rapid Support Forces (RSF)
            about: Sudan's paramilitary force, not the press freedom group Reporters Without Borders.
            aliases: [ISIS/ISIL, Janjaweed]
          - name: Kakhovka Dam
            about: The hydroelectric dam on the Dnipro destroyed in June 2023
          - name: Houthi attacks on shipping
            about: Attacks by Yemen's Houthis (Ansar Allah) on ships in the Red Sea (since 2023).
          - name: Israeli strikes on Iran
            about: Israel's strikes on Iranian nuclear sites.
          - name: Floods in Pakistan
            about: Monsoon floods in Sindh and Punjab.
          - name: yarmouk valley
            about: The Yarmouk River basin in Syria's Daraa province.
            aliases: [yarmouk basin]
          - name: al-Shabaab
            about: the somali group al-shabaab, its attacks in kenya since may 2023 and the amisom mission.
          - name: Cyclone Freddy
            about: The tropical cyclone of 2023 in Madagascar, Mozambique and Malawi.
          - name: Golan Heights
            about: The plateau occupied by Israel. See https://en.wikipedia.org/wiki/Golan_Heights.
          - name: Shelling of Mykolaiv
            about: Russian strikes on the city.
            aliases: [Mykolaiv]
          - name: Hayat Tahrir al-Sham
            about: The Islamist alliance of north-west Syria.
          - name: Mohamed Hamdan Dagalo
            about: The commander of Sudan's Rapid Support Forces, known as Hemedti.
          - name: Zaporizhzhia nuclear power plant
            about: Europe's largest nuclear power plant, occupied by Russia since 2022.
        """,
    )
    assert main(["check-config", "-c", str(path)]) == 0
    out = capsys.readouterr().out
    # an alias that names a city is met as GeoNames names it: which city is said
    assert (
        "topic shelling-of-mykolaiv: 'Mykolaiv' names the city Mykolayiv (UA, 470,011 people; "
        "GeoNames): also met as 'Миколаїв', 'Николаев', "
    ) in out
    assert out.count("names the city") == 1  # (Golan Heights, Kakhovka Dam name none)
    assert (
        "topic israeli-strikes-on-iran: its name names 'Israeli', 'Iran': a text that writes "
        "only some of them scores lower"
    ) in out
    assert out.count("its name names") == 1  # "Floods" opens a name: no name of it
    assert (
        "topic houthi-attacks-on-shipping: its about: names it also 'Ansar Allah': read as aliases"
    ) in out
    topic = "topic rapid-support-forces-rsf"
    assert f"{topic}: 'Rapid Support Forces (RSF)' is read as 'Rapid Support Forces', 'RSF'" in out
    assert f"{topic}: 'ISIS/ISIL' is read as 'ISIS', 'ISIL'" in out
    assert (
        f"{topic}: its about: says it is not 'the press freedom group Reporters Without "
        "Borders': read as exclude senses"
    ) in out
    assert "Janjaweed" not in out
    # a name of a kind of place: a headline naming another of that kind scores lower
    assert (
        "topic kakhovka-dam: its names name a kind of place (dam): a story whose headline names "
        "another one, and none of the topic's names, scores much lower"
    ) in out
    assert out.count("kakhovka-dam") == 1
    assert out.count("a kind of place") == 4  # and the valley, the heights, the plant
    # a name that places its field in a country: a headline naming only others scores lower
    assert (
        "topic floods-in-pakistan: its name places it in PK: a story whose headline names only "
        "other countries, and none of the topic's names, scores much lower"
    ) in out
    assert out.count("its name places it in") == 2  # and Israel's strikes, in Iran
    assert (
        "topic cyclone-freddy: its names name a storm: a story whose headline names another "
        "storm, and none of the topic's names, scores much lower"
    ) in out
    assert out.count("name a storm") == 1
    # a group is met by its initials (not a person: "MHD"), a power plant by its kind's acronym
    assert "topic hayat-tahrir-al-sham: is also met by its initials in English texts: 'HTS'" in out
    assert "MHD" not in out
    # a person's: a headline naming another person, and not this one, scores lower
    assert (
        "topic mohamed-hamdan-dagalo: its about: describes a person: a story whose headline "
        "names another person, by a title or in full, and none of the topic's names, scores "
        "much lower"
    ) in out
    assert out.count("describes a person") == 1  # (the RSF's "paramilitary force" is a group)
    # a person's nickname the description tells ("known as Hemedti") is an alias
    assert "topic mohamed-hamdan-dagalo: its about: names it also 'Hemedti': read as aliases" in out
    assert (
        "topic zaporizhzhia-nuclear-power-plant: 'Zaporizhzhia nuclear power plant' is also met "
        "as 'Zaporizhzhia NPP', 'Zaporizhzhia nuclear power station', 'Zaporizhzhia nuclear "
        "plant', 'ZNPP'"
    ) in out
    # a name in lower case takes the capitals the watchlist writes
    assert "topic yarmouk-valley: 'yarmouk valley' is read as 'Yarmouk valley'" in out
    assert "topic yarmouk-valley: 'yarmouk basin' is read as 'Yarmouk basin'" in out
    # a description in lower case takes the capitals of places, peoples, months and the
    # watchlist's own rare name words; it is said, with what it cannot restore
    assert (
        "topic al-shabaab: its about: is written in lower case; read as 'The Somali group "
        "al-Shabaab, its attacks in Kenya since May 2023 and the amisom mission.': a name it "
        "writes in lower case is read as a common word"
    ) in out
    assert out.count("is written in lower case") == 1
    assert (
        "topic golan-heights: its about: gives a web address: read without it, as 'The plateau "
        "occupied by Israel.'"
    ) in out

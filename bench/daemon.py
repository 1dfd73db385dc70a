"""Daemon benchmark: ``monitor run`` on 1,000 local feeds, 10 topics, 3 subscribers, beside
10 feeds that hang (each on a host of its own, 127.0.0.10 and up: the server accepts the
request and never answers) and 5 that fail (HTTP 500).

A feed server in its own process serves the feeds (a few realistic items each) and can add a
new item to chosen feeds while the daemon runs; a webhook receiver and aiosmtpd run here. The
daemon is a subprocess, measured from /proc. Prints:

- start-up: seconds to /healthz, first poll cycle, time to drain the initial embed backlog;
- resident memory with the model loaded: peak (VmHWM) and current, and its drift over the
  steady window (goal: peak <= 1 GB, no growth);
- CPU seconds per poll cycle at steady state (every feed answers 304): the daemon's own, and
  with its worker processes (children of its forkserver: the daemon's own figure leaves out
  the feeds read in them);
- polling regularity: the largest gap between two polls of one feed, as a ratio to the
  interval, during the backlog and at steady state (feeds are jittered by +-10 %);
- latency from a new feed item to its instant webhook, p50/p99/max, as a ratio to the goal
  (poll interval + 5 s at p99), for items injected during the backlog and at steady state;
- the soak (``--soak`` seconds, 20 minutes by default: the goal's length): new items injected
  a third of an interval apart throughout; the healthy feeds' poll gap p99 against its goal
  (interval x 1.1 + 2 s), item -> instant webhook p99 against interval + 5 s, /healthz answers
  that were not 200, and poll lateness (due -> started) from /metrics;
- seconds from SIGTERM to exit, and the exit code.

    python bench/daemon.py                     # the goal: 1,000 feeds every 30 s (~27 minutes)
    python bench/daemon.py --soak 0            # without the soak (~6 minutes)
    python bench/daemon.py --feeds 300 --interval 20 --cycles 2 --rounds 3 --soak 180
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.feedserver import FeedServer, Reply, Seen  # noqa: E402
from tests.smtp_server import SmtpServer, free_port  # noqa: E402
from tests.wait import wait_for  # noqa: E402
from tests.webhook_receiver import WebhookReceiver  # noqa: E402

PLACES = (
    "Lyon",
    "Porto",
    "Gdansk",
    "Valencia",
    "Leeds",
    "Tampere",
    "Graz",
    "Brno",
    "Cork",
    "Malmo",
    "Bari",
    "Utrecht",
    "Ghent",
    "Kaunas",
    "Split",
    "Debrecen",
    "Aarhus",
    "Cluj",
)
PEOPLE = (
    "Maria Jensen",
    "Tomas Novak",
    "Aisha Rahman",
    "Luca Bianchi",
    "Sofia Lind",
    "Pedro Alves",
    "Hannah Weiss",
    "Omar Haddad",
    "Elena Petrova",
    "Jan Kowalski",
)
# Ordinary news of the kind a general feed carries, none of it about a watched topic.
STORIES = (
    (
        "{place} council approves {n} million budget for new tram line",
        "The city council of {place} voted on {day} to fund a {n} million euro tram extension. "
        "Work on the first section is due to start next spring, the transport office said. "
        "Opposition members warned that the cost estimate left little room for delays.",
    ),
    (
        "Storm cuts power to {n},000 homes around {place}",
        "Strong winds brought down power lines across the {place} region overnight on {day}. "
        "Engineers expect to restore supply to most homes by the evening. "
        "Schools in three districts stayed closed as a precaution.",
    ),
    (
        "{person} named chief executive of regional bank",
        "{person} will take over as chief executive of the {place} savings bank next month. "
        "The bank reported a {n} percent rise in lending to small firms last year. "
        "Analysts said the appointment signals a push into digital services.",
    ),
    (
        "Hospital in {place} opens new cancer treatment wing",
        "A new radiotherapy wing at {place} general hospital will treat {n} patients a day. "
        "Waiting times for treatment have grown in the region since the pandemic. "
        "Health minister {person} attended the opening on {day}.",
    ),
    (
        "{place} football club signs striker for {n} million",
        "The club confirmed on {day} that it had agreed a four-year contract with the striker. "
        "The fee of {n} million is a record for the club, according to local media. "
        "Manager {person} said the signing would add pace to the attack.",
    ),
    (
        "Teachers in {place} strike over pay for the {n}th day",
        "Primary and secondary teachers in {place} stayed away from classrooms on {day}. "
        "Unions are demanding a raise in line with inflation over the past two years. "
        "Talks with the education authority are expected to resume next week.",
    ),
    (
        "Wine harvest in {place} region down {n} percent after dry summer",
        "Growers around {place} picked far fewer grapes this autumn after months without rain. "
        "Prices for the new vintage are expected to rise, the growers' association said. "
        "Some vineyards are testing drought-resistant varieties.",
    ),
    (
        "Police in {place} arrest {n} over online fraud ring",
        "Officers searched several flats in {place} on {day} and seized computers and cash. "
        "The suspects are accused of selling fake concert tickets to thousands of buyers. "
        "Prosecutor {person} said more arrests could follow.",
    ),
    (
        "Researchers in {place} unveil cheaper battery design",
        "A team at the university of {place} says its sodium battery costs {n} percent less. "
        "The cells could store wind and solar power for homes and small businesses. "
        "A pilot factory is planned with an industrial partner.",
    ),
    (
        "{place} airport passenger numbers rise {n} percent",
        "The airport handled more travellers in the summer months than in any year before. "
        "New routes to southern Europe drove most of the growth, the operator said. "
        "Residents have complained about night flights, and a review is under way.",
    ),
    (
        "Museum in {place} returns {n} artefacts to their country of origin",
        "The city museum of {place} handed back the objects at a ceremony on {day}. "
        "Curator {person} said research showed they had been taken without consent. "
        "The museum will keep digital copies for its permanent exhibition.",
    ),
    (
        "Flood defences in {place} to be raised after record river levels",
        "The river through {place} rose to its highest level in {n} years last winter. "
        "Engineers will raise the embankments by almost a metre over the next two years. "
        "Home owners near the river welcomed the plan but asked for faster work.",
    ),
)
VILLAGES = (
    "al-Shajara",
    "Jamla",
    "Saham al-Jawlan",
    "Tasil",
    "Nafiah",
    "Abdin",
    "Ain Dhakar",
    "Beit Ara",
    "Koya",
    "Maariyah",
    "Jillin",
    "Adwan",
    "Hit",
    "Tell al-Jumu",
)
# New items about the watched group, varied so that none is a near-duplicate of another.
WATCHED = (
    (
        "Jaish Khalid bin al-Waleed fighters driven out of {village}",
        "Government troops said on {day} they had taken {village} from Jaish Khalid bin al-Waleed, "
        "the Islamic State affiliate in the Yarmouk basin of south-west Daraa. Activists reported "
        "{n} fighters killed in two days of shelling near the Jordanian border.",
    ),
    (
        "Khalid ibn al-Walid Army hands over {n} fighters near {village}",
        "Dozens of members of the Khalid ibn al-Walid Army surrendered near {village} on {day}, "
        "according to a monitoring group. The Islamic State-linked faction has held villages in "
        "the Yarmouk Valley since 2016 and is now surrounded.",
    ),
    (
        "Air strikes hit Jaish Khalid bin al-Waleed positions around {village}",
        "Russian and Syrian aircraft struck positions of Jaish Khalid bin al-Waleed around "
        "{village} in the Yarmouk basin overnight, residents said on {day}. The group, which "
        "pledged allegiance to Islamic State, lost {n} positions in a week.",
    ),
)
TOPICS = """\
  - name: Yarmouk Valley
    about: Fighting and control in the Yarmouk basin of south-west Daraa, Syria
    aliases: [Yarmouk basin, Wadi al-Yarmouk]
    exclude: [Yarmouk refugee camp in Damascus, Yarmouk University]
  - name: Jaish Khalid bin al-Waleed
    id: jkbw
    about: Islamic State-affiliated militant group that held the Yarmouk basin in south-west Syria
    aliases: [Khalid ibn al-Walid Army, Yarmouk Martyrs Brigade, JKBW]
  - name: Port of Hodeidah
    about: Shipping, blockade and fighting around the Red Sea port of Hodeidah in Yemen
    aliases: [Hudaydah port, Al Hudaydah]
  - name: Wagner Group in Mali
    about: Russian mercenaries of the Wagner Group and Africa Corps operating in Mali
    aliases: [Africa Corps, Wagner mercenaries]
  - name: Atacama lithium
    about: Lithium brine mining in Chile's Salar de Atacama and the state lithium strategy
    aliases: [Salar de Atacama, SQM lithium]
  - name: Mekong dams
    about: Hydropower dams on the Mekong river and their effect on fisheries downstream
    aliases: [Mekong hydropower, Xayaburi dam]
  - name: Cholera in Sudan
    about: Cholera outbreaks in Sudan and the humanitarian response
    aliases: [Sudan cholera outbreak]
  - name: Hospital ransomware
    about: Ransomware attacks that disrupt hospitals and health services
    aliases: [ransomware attack on hospital]
  - name: Tigray ceasefire
    about: The ceasefire between Ethiopia's government and Tigrayan forces and its enforcement
    aliases: [Pretoria agreement, TPLF truce]
  - name: Northern Sea Route
    about: Arctic shipping along Russia's Northern Sea Route and its icebreakers
    aliases: [Arctic shipping lane, Sevmorput]
"""
HOOK_SECRET = "bench-hook-secret-4f9a"
SMTP_PASSWORD = "bench-smtp-password-77c1"


# -- the feed server (its own process) ------------------------------------------------------------


def _item(i: int, j: int, when: datetime, rng: random.Random) -> str:
    title, text = rng.choice(STORIES)
    slots = {
        "place": rng.choice(PLACES),
        "person": rng.choice(PEOPLE),
        "n": rng.randint(3, 90),
        "day": when.strftime("%A"),
    }
    # Three sentences of the item's own, so that items of one template are not near-duplicates
    # (a shared majority of sentences) and every item is embedded, as distinct news would be.
    own = (
        f"{rng.choice(PEOPLE)} of the {rng.choice(PLACES)} office said {rng.randint(2, 999)} "
        f"people had written in since {when.strftime('%B %d')}. "
        f"A hearing is set for {rng.choice(PLACES)} on the {rng.randint(1, 28)}th, with "
        f"{rng.randint(2, 60)} witnesses listed. Local edition {i}-{j} will follow the story "
        f"at {rng.randint(6, 22)}:{rng.randint(10, 59)} with reports from "
        f"{rng.choice(PLACES)} and {rng.choice(PLACES)}."
    )
    return _rss_item(
        title.format(**slots),
        text.format(**slots) + " " + own,
        f"https://news{i % 53}.example.org/{i}/{j}",
        when,
    )


def _rss_item(title: str, text: str, link: str, when: datetime) -> str:
    return (
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{format_datetime(when)}</pubDate>"
        f"<description><![CDATA[<p>{text}</p>]]></description></item>"
    )


def _rss(i: int, items: list[str]) -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Local news {i}</title><link>https://news{i}.example.org/</link>"
        f"<description>bench</description>{''.join(items)}</channel></rss>"
    ).encode()


def serve_feeds(n: int, per_feed: int, hanging: int, failing: int, out: Connection) -> None:
    """1,000 feeds at ``/feed/<i>.xml``; ``/inject?feeds=1,2&round=r`` puts a new watched item
    at the top of each named feed; ``/gaps?since=&until=`` reports the regularity of their
    polls. ``failing`` feeds at ``/fail/<k>.xml`` answer 500; ``hanging`` feeds, each on a host
    of its own (127.0.0.10 and up), never answer. Sends back the base URL and the URLs of the
    failing and hanging feeds."""
    rng = random.Random(7)
    now = datetime.now(UTC)
    items = {
        i: [_item(i, j, now - timedelta(minutes=40 * j + i % 40), rng) for j in range(per_feed)]
        for i in range(n)
    }
    srv = FeedServer(log=True)
    for i in range(n):
        srv.add_feed(f"/feed/{i}.xml", _rss(i, items[i]))

    def inject(seen: Seen) -> Reply:
        query = parse_qs(urlsplit(seen.path).query)
        round_no = int(query["round"][0])
        for i in (int(x) for x in query["feeds"][0].split(",")):
            title, text = WATCHED[(i + round_no) % len(WATCHED)]
            slots = {
                "village": VILLAGES[(i * 7 + round_no) % len(VILLAGES)],
                "n": 10 + (i * 13 + round_no * 5) % 80,
                "day": datetime.now(UTC).strftime("%A"),
            }
            link = f"https://wire.example.org/inject/{round_no}/{i}"
            items[i].insert(
                0, _rss_item(title.format(**slots), text.format(**slots), link, datetime.now(UTC))
            )
            srv.add_feed(f"/feed/{i}.xml", _rss(i, items[i]))
        return Reply(body=json.dumps({"at": time.time()}).encode())

    def gaps(seen: Seen) -> Reply:
        query = parse_qs(urlsplit(seen.path).query)
        since, until = float(query["since"][0]), float(query["until"][0])
        by_path: dict[str, list[float]] = {}
        with srv._lock:
            for s in srv.requests:
                if s.path.startswith("/feed/"):  # the healthy feeds
                    by_path.setdefault(s.path, []).append(s.time)
        found = [
            b - a
            for times in by_path.values()
            for a, b in zip(times, times[1:], strict=False)
            if since <= b <= until
        ]
        polls = sum(since <= t <= until for times in by_path.values() for t in times)
        return Reply(body=json.dumps({"gaps": sorted(found), "polls": polls}).encode())

    srv.add("/inject", inject)
    srv.add("/gaps", gaps)
    for k in range(failing):
        srv.add(f"/fail/{k}.xml", Reply(500, body=b"internal error\n"))
    stuck = [FeedServer(f"127.0.0.{10 + k}", log=False) for k in range(hanging)]
    for server in stuck:
        server.add("/hang.xml", Reply(delay_s=24 * 3600.0))
        server.start()
    srv.start()
    out.send(
        (
            srv.base_url,
            [srv.url(f"/fail/{k}.xml") for k in range(failing)],
            [server.url("/hang.xml") for server in stuck],
        )
    )
    threading.Event().wait()


# -- measuring the daemon ---------------------------------------------------------------------


def get_json(url: str, timeout: float = 5) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")
    except (OSError, ValueError):
        return 0, {}


@dataclass
class Sample:
    t: float
    rss_mb: float
    hwm_mb: float
    cpu_s: float
    threads: int
    tree_cpu_s: float = 0.0  # with its child processes (the forkserver, worker processes)
    queue: int | None = None
    health_s: float | None = None  # how long /healthz took to answer
    health_code: int | None = None
    health_status: str | None = None


@dataclass
class Probe:
    """Samples the daemon's /proc entries twice a second (and /healthz every 2 s) on a thread."""

    pid: int
    health: str
    samples: list[Sample] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def read(self) -> Sample | None:
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
            stat = Path(f"/proc/{self.pid}/stat").read_text()
        except OSError:
            return None
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        ticks = os.sysconf("SC_CLK_TCK")
        after = stat.rsplit(")", 1)[1].split()
        cpu = (int(after[11]) + int(after[12])) / ticks  # utime, stime
        return Sample(
            time.monotonic(),
            int(fields["VmRSS"].split()[0]) / 1024,
            int(fields["VmHWM"].split()[0]) / 1024,
            cpu,
            int(fields["Threads"]),
            tree_cpu_s=tree_cpu_s(self.pid) / ticks,
        )

    def run(self) -> None:
        tick = 0
        while not self._stop.wait(0.5):
            sample = self.read()
            if sample is None:
                return
            tick += 1
            if tick % 4 == 1:  # /healthz runs two queries: every 2 s is enough
                asked = time.monotonic()
                code, body = get_json(self.health, timeout=10)
                sample.health_s = time.monotonic() - asked
                sample.health_code = code
                if code:
                    sample.queue = body.get("queue_depth")
                    sample.health_status = body.get("status")
            self.samples.append(sample)

    def start(self) -> None:
        threading.Thread(target=self.run, daemon=True).start()

    def stop(self) -> None:
        self._stop.set()

    def last_queue(self) -> int | None:
        for s in reversed(self.samples):
            if s.queue is not None:
                return s.queue
        return None


def tree_cpu_s(root: int) -> int:
    """Clock ticks of CPU used by ``root`` and its descendants, living or reaped: worker
    processes are children of the daemon's forkserver, so the daemon's own figure leaves out
    the feeds read in them."""
    stats: dict[int, tuple[int, int]] = {}  # pid -> (parent, ticks with reaped children)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            after = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry.name)] = (int(after[1]), sum(int(x) for x in after[11:15]))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += stats.get(pid, (0, 0))[1]
        todo.extend(child for child, (parent, _) in stats.items() if parent == pid)
    return total


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def write_config(
    path: Path,
    base: str,
    n: int,
    others: list[str],
    interval: float,
    hook: str,
    smtp_port: int,
    port: int,
) -> None:
    feeds = "".join(f"  - url: {url}\n" for url in [f"{base}/feed/{i}.xml" for i in range(n)])
    feeds += "".join(f"  - url: {url}\n" for url in others)
    path.write_text(
        f"""\
storage: sqlite:///monitor.db
poll_every: {interval:g}s
feeds:
{feeds}topics:
{TOPICS}subscribers:
  - name: ops
    instant: true
    topics: [jkbw]
    webhook: {{url: "{hook}/instant", secret: "{HOOK_SECRET}"}}
  - name: desk
    email: desk@example.org
    topics: [yarmouk-valley, jkbw, port-of-hodeidah, wagner-group-in-mali]
    digest: {{cron: "*/2 * * * *"}}
  - name: partner
    webhook: {{url: "{hook}/digest", secret: "{HOOK_SECRET}"}}
    digest: {{cron: "*/3 * * * *", timezone: Europe/Berlin}}
smtp: {{host: 127.0.0.1, port: {smtp_port}, security: none, username: bench,
        password: "{SMTP_PASSWORD}"}}
server: {{host: 127.0.0.1, port: {port}}}
""",
        encoding="utf-8",
    )


def lateness_line(metrics_url: str) -> str:
    """Poll lateness (due -> started) from the daemon's histogram, since its start."""
    try:
        with urllib.request.urlopen(metrics_url, timeout=10) as answer:
            text = answer.read().decode()
    except OSError as exc:
        return f"poll lateness: /metrics unreadable ({exc})"
    buckets: list[tuple[float, float]] = []
    for line in text.splitlines():
        if line.startswith("monitor_poll_lateness_seconds_bucket"):
            le = line.split('le="', 1)[1].split('"', 1)[0]
            buckets.append((float(le), float(line.rsplit(" ", 1)[1])))
    total = buckets[-1][1] if buckets else 0
    if not total:
        return "poll lateness: no polls counted"

    def upper(q: float) -> str:
        bound = next(le for le, n in buckets if n >= q * total)
        return "> 3600 s" if bound == float("inf") else f"<= {bound:g} s"

    return (
        f"poll lateness (due -> started, {total:.0f} polls since start): p50 {upper(0.5)}, "
        f"p99 {upper(0.99)}, max {upper(1.0)} (histogram buckets)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=3, help="items per feed at start")
    parser.add_argument("--interval", type=float, default=30.0, help="poll interval, seconds")
    parser.add_argument("--cycles", type=int, default=3, help="poll cycles in the steady window")
    parser.add_argument("--rounds", type=int, default=4, help="injection rounds at steady state")
    parser.add_argument("--per-round", type=int, default=10, help="feeds given a new item a round")
    parser.add_argument("--hanging", type=int, default=10, help="feeds that never answer")
    parser.add_argument("--failing", type=int, default=5, help="feeds that answer 500")
    parser.add_argument("--soak", type=float, default=1200.0, help="seconds of the soak (0: none)")
    parser.add_argument("--log-json", action="store_true", help="run the daemon with --log-json")
    parser.add_argument("--torch-threads", type=int, help="OMP_NUM_THREADS for the daemon")
    parser.add_argument("--keep", type=Path, help="keep the daemon's folder (log, db) here")
    args = parser.parse_args()

    receive, send = multiprocessing.Pipe(duplex=False)
    server = multiprocessing.Process(
        target=serve_feeds,
        args=(args.feeds, args.items, args.hanging, args.failing, send),
        daemon=True,
    )
    server.start()
    base, failing, hanging = receive.recv()
    tmp_obj = None
    if args.keep:
        tmp = args.keep
        tmp.mkdir(parents=True, exist_ok=True)
    else:
        tmp_obj = tempfile.TemporaryDirectory()
        tmp = Path(tmp_obj.name)
    goal = args.interval + 5
    with WebhookReceiver() as hook, SmtpServer(users={"bench": SMTP_PASSWORD}) as smtp:
        port = free_port()
        config = tmp / "monitor.yaml"
        write_config(
            config,
            base,
            args.feeds,
            failing + hanging,
            args.interval,
            f"http://127.0.0.1:{hook.port}",
            smtp.port,
            port,
        )
        log = tmp / "daemon.log"
        health = f"http://127.0.0.1:{port}/healthz"
        command = [sys.executable, "-m", "monitor.cli", "run", "-c", str(config)]
        if args.log_json:
            command.insert(3, "--log-json")
        env = dict(os.environ, HF_HUB_OFFLINE="1")
        if args.torch_threads:
            env["OMP_NUM_THREADS"] = str(args.torch_threads)
        started = time.monotonic()
        proc = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log.open("wb"), env=env
        )
        probe = Probe(proc.pid, health)
        probe.start()

        def healthy() -> bool:
            if proc.poll() is not None:
                raise SystemExit(
                    f"daemon exited with {proc.returncode}:\n" + log.read_text()[-3000:]
                )
            return get_json(health)[0] == 200

        up = wait_for(healthy, 180, "/healthz", interval=0.2)
        print(
            f"{args.feeds} feeds x {args.items} items (and {args.hanging} hanging, "
            f"{args.failing} failing), 10 topics, 3 subscribers, poll every "
            f"{args.interval:g} s; daemon pid {proc.pid}"
        )
        print(f"start-up: /healthz after {up:.1f} s (model loaded)")

        # Latency during the backlog: items injected while the first cycle's articles wait.
        injected: dict[str, tuple[float, str]] = {}  # article url -> (time.time(), phase)
        rng = random.Random(11)
        feeds_left = list(range(args.feeds))
        rng.shuffle(feeds_left)

        def inject(round_no: int, phase: str) -> None:
            if phase == "soak":  # many rounds: any feed, maybe again
                chosen = rng.sample(range(args.feeds), args.per_round)
            else:
                chosen = [feeds_left.pop() for _ in range(args.per_round)]
            _, body = get_json(
                f"{base}/inject?round={round_no}&feeds=" + ",".join(map(str, chosen))
            )
            for i in chosen:
                injected[f"https://wire.example.org/inject/{round_no}/{i}"] = (body["at"], phase)

        wait_for(lambda: (probe.last_queue() or 0) > 0, 120, "the first articles", interval=0.2)
        backlog_from = time.monotonic()
        inject(0, "backlog")
        peak_queue = 0

        def drained() -> bool:
            nonlocal peak_queue
            q = probe.last_queue()
            peak_queue = max(peak_queue, q or 0)
            return q == 0

        drain = wait_for(drained, 1200, "the embed backlog to drain", interval=0.2)
        backlog_until = time.monotonic()
        print(
            f"initial backlog: peak queue_depth {peak_queue}, drained {drain:.0f} s after "
            f"the first articles ({time.monotonic() - started:.0f} s after start)"
        )

        # Steady state: every feed answers 304 (except the few injected ones, once).
        time.sleep(args.interval * 0.5)
        first = probe.samples[-1]
        window = args.cycles * args.interval
        time.sleep(window)
        last = probe.samples[-1]
        span = last.t - first.t
        cycles = span / args.interval
        cpu = last.cpu_s - first.cpu_s
        tree_cpu = last.tree_cpu_s - first.tree_cpu_s
        print(
            f"steady state over {span:.0f} s ({cycles:.1f} cycles of {args.feeds} feeds): "
            f"{cpu / cycles:.2f} CPU s per cycle ({100 * cpu / span:.1f} % of one core); "
            f"{tree_cpu / cycles:.2f} with its worker processes"
        )
        print(
            f"memory: peak RSS (VmHWM) {last.hwm_mb:.0f} MB (goal <= 1024 MB: ratio "
            f"{last.hwm_mb / 1024:.2f}); current RSS {first.rss_mb:.0f} -> {last.rss_mb:.0f} "
            f"MB over the window; threads {last.threads}"
        )
        steady_from, steady_until = first.t, last.t

        # Latency at steady state: several rounds, a third of an interval apart.
        for r in range(1, args.rounds + 1):
            inject(r, "steady")
            time.sleep(args.interval / 3)

        def all_delivered() -> None:
            wait_for(
                lambda: (
                    {
                        json.loads(x.body)["article"]["url"]
                        for x in hook.accepted
                        if x.path == "/instant"
                    }
                    >= set(injected)
                ),
                # Generous: a daemon that misses the goal still gets its figures printed.
                3 * goal + 30,
                "every injected item's webhook",
                interval=0.2,
            )

        all_delivered()
        time.sleep(2)
        end = probe.samples[-1]
        print(
            f"memory after the injection rounds: current RSS {end.rss_mb:.0f} MB, "
            f"peak {end.hwm_mb:.0f} MB"
        )

        # The soak: new items a third of an interval apart, for --soak seconds.
        soak_from = soak_until = time.monotonic()
        if args.soak > 0:
            before = probe.samples[-1]
            round_no = args.rounds + 1
            while time.monotonic() - soak_from < args.soak:
                inject(round_no, "soak")
                round_no += 1
                time.sleep(args.interval / 3)
            soak_until = time.monotonic()
            all_delivered()
            after = probe.samples[-1]
            answers = [x for x in probe.samples if x.health_code is not None and soak_from <= x.t]
            unhealthy = [x for x in answers if x.health_code != 200]
            print(
                f"soak over {soak_until - soak_from:.0f} s: {round_no - args.rounds - 1} rounds; "
                f"RSS {before.rss_mb:.0f} -> {after.rss_mb:.0f} MB; /healthz not 200 in "
                f"{len(unhealthy)} of {len(answers)} answers"
                + (
                    f" (e.g. {unhealthy[0].health_code}: {unhealthy[0].health_status})"
                    if unhealthy
                    else ""
                )
            )

        arrivals: dict[str, list[float]] = {}
        for x in hook.accepted:
            if x.path == "/instant":
                url = json.loads(x.body)["article"]["url"]
                arrivals.setdefault(url, []).append(x.received)
        repeats = sum(len(v) > 1 for v in arrivals.values())
        for phase in ("backlog", "steady", "soak"):
            lat = [
                min(arrivals[u]) - at
                for u, (at, p) in injected.items()
                if p == phase and u in arrivals
            ]
            if not lat:
                continue
            p99 = pct(lat, 99)
            print(
                f"item -> instant webhook ({phase}, {len(lat)} items): p50 "
                f"{statistics.median(lat):.1f} s, p99 {p99:.1f} s, max {max(lat):.1f} s; "
                f"p99 / goal ({goal:g} s) = {p99 / goal:.2f}"
            )
        print(
            f"instant webhooks: {sum(map(len, arrivals.values()))} for "
            f"{len(injected)} injected items ({repeats} sent twice); digest webhooks: "
            f"{sum(x.path == '/digest' for x in hook.accepted)}; digest emails: "
            f"{len(smtp.received)}"
        )

        for phase, lo, hi in (
            ("backlog", backlog_from, backlog_until),
            ("steady", steady_from, steady_until),
            ("soak", soak_from, soak_until),
        ):
            if hi <= lo:
                continue
            answers = [
                x.health_s for x in probe.samples if x.health_s is not None and lo <= x.t <= hi
            ]
            if answers:
                print(
                    f"/healthz answer time ({phase}, {len(answers)}): p50 "
                    f"{1000 * statistics.median(answers):.0f} ms, max "
                    f"{1000 * max(answers):.0f} ms"
                )
            _, g = get_json(f"{base}/gaps?since={lo}&until={hi}")
            if g.get("gaps"):
                gaps = g["gaps"]
                gap_goal = args.interval * 1.1 + 2
                print(
                    f"healthy feeds' poll gaps ({phase}, {len(gaps)}): p50 "
                    f"{statistics.median(gaps):.1f} s, p99 {pct(gaps, 99):.1f} s, max "
                    f"{max(gaps):.1f} s = {max(gaps) / args.interval:.2f} x interval; p99 / goal "
                    f"({gap_goal:g} s) = {pct(gaps, 99) / gap_goal:.2f}; over the goal: "
                    f"{sum(x > gap_goal for x in gaps)}"
                )
        print(lateness_line(f"http://127.0.0.1:{port}/metrics"))

        probe.stop()
        stop_at = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=60)
        print(f"SIGTERM -> exit {code} in {time.monotonic() - stop_at:.1f} s")
        text = log.read_text()
        leaks = [s for s in (HOOK_SECRET, SMTP_PASSWORD) if s in text]
        warnings = text.count("WARNING") + text.count('"level": "warning"')
        errors = text.count("ERROR") + text.count('"level": "error"')
        print(
            f"log: {len(text.splitlines())} lines, {warnings} warnings, {errors} errors; "
            f"secrets in log: {leaks or 'none'}"
        )
    server.terminate()
    if tmp_obj is not None:
        tmp_obj.cleanup()


if __name__ == "__main__":
    try:
        main()
    except TimeoutError as exc:  # a wait that never ended: say which, without a traceback
        raise SystemExit(str(exc)) from None

"""The ASGI app ``monitor run`` serves: ``/healthz`` and ``/metrics`` as they always were, the
review pages, signed feedback links, and the JSON API under ``/api/``.

Pages are plain server-rendered HTML (Jinja2, autoescaped like the digest) that work without
JavaScript. Nothing changes data but a POST carrying the CSRF token (forms) or a valid signed
feedback token; ``/api/`` POSTs must be JSON, which no cross-site form can send.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from prometheus_client import CONTENT_TYPE_LATEST
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from monitor.config import Config
from monitor.deliver.feedback_links import FeedbackLinks, InvalidLink, links_for
from monitor.domain import DeliveryStatus, Match
from monitor.errors import InputError, MonitorError
from monitor.match.stage import MatchStage
from monitor.store import Store
from monitor.web import views
from monitor.web.auth import (
    CSRF_FIELD,
    SESSION_COOKIE,
    SESSION_TTL_S,
    Guard,
    csrf_ok,
    session_cookie,
)

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
PAGE = 50  # matches per page
NEAR_POOL = 250  # newest unmatched articles re-scored for a topic's near-misses (~1 ms each)
# A near-miss scored at least threshold - NEAR_MARGIN: on the dev texts about a third of the
# articles scored 0.2-0.4 were wanted (bench/relevance.py), so the band reaches down to 0.2.
NEAR_MARGIN = 0.3
DEAD_SHOWN = 200
LATEST_SHOWN = 100
TRY_CHARS = 100_000

_env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["when"] = views.when


@dataclass
class WebContext:
    """What the app reads from the daemon; callables, because a config reload replaces
    them."""

    store: Store
    config: Callable[[], Config]
    stage: Callable[[], MatchStage]
    metrics: Callable[[], bytes]
    health: Callable[[], tuple[bool, dict[str, Any]]]
    labels_changed: Callable[[], None] = lambda: None


class _Secret:
    """``server.secret``, else the database's key (read once)."""

    def __init__(self, ctx: WebContext) -> None:
        self.ctx = ctx
        self._stored: str | None = None

    def __call__(self) -> str:
        configured = self.ctx.config().settings.server.secret
        if configured is not None:
            return configured.get_secret_value()
        if self._stored is None:
            self._stored = self.ctx.store.review.server_secret()
        return self._stored


def build_app(ctx: WebContext) -> Starlette:
    secret = _Secret(ctx)
    web = _Pages(ctx, secret)
    routes = [
        Route("/healthz", web.healthz),
        Route("/metrics", web.metrics),
        Route("/", web.index),
        Route("/topics/{topic_id:str}", web.topic),
        Route("/topics/{topic_id:str}/feedback", web.topic_feedback, methods=["POST"]),
        Route("/try", web.try_page, methods=["GET", "POST"]),
        Route("/feeds", web.feeds),
        Route("/deliveries", web.deliveries),
        Route("/deliveries/retry", web.retry, methods=["POST"]),
        Route("/feedback/{token:str}", web.feedback_link, methods=["GET", "POST"]),
        Route("/login", web.login, methods=["GET", "POST"]),
        Route("/logout", web.logout, methods=["POST"]),
        Route("/api/matches", web.api_matches),
        Route("/api/feedback", web.api_feedback, methods=["POST"]),
        Route("/api/feeds", web.api_feeds),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    guard = Middleware(
        Guard,
        auth=lambda: ctx.config().settings.server.auth,
        secret=secret,
        secure_cookies=lambda: ctx.config().settings.server.base_url().startswith("https:"),
    )
    return Starlette(routes=routes, middleware=[guard])


class _RecentScores:
    """Every topic's score of recently scored articles, for near-misses: one article is scored
    for all topics at once, so moving between topics, or coming back, re-scores only the
    articles that came in since. Kept for one matcher and one state of the labels (a reload or
    a new label starts afresh)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[object, object] | None = None
        self._scores: dict[str, list[Match]] = {}

    def of(
        self, stage: MatchStage, rows: Sequence[tuple[str, str, str, bytes, str, str | None]]
    ) -> dict[str, list[Match]]:
        learned = stage.current_labels()
        key = (stage.matcher, learned)
        with self._lock:
            if key != self._key or len(self._scores) > 8 * NEAR_POOL:
                self._key, self._scores = key, {}
            known = dict(self._scores)
        matcher = stage.matcher
        for article_id, title, text, blob, model, language in rows:
            # Vectors are read in the space of the model that made them, and the text in its
            # language, as the match stage reads them; those of a model no longer configured
            # are not comparable.
            if article_id in known or (vectors := matcher.stored(blob, model, language)) is None:
                continue
            known[article_id] = matcher.score(title, text, vectors, article_id, learned)
        with self._lock:
            if self._key == key:
                self._scores.update(known)
        return known


class _Pages:
    def __init__(self, ctx: WebContext, secret: Callable[[], str]) -> None:
        self.ctx = ctx
        self.secret = secret
        self._scores = _RecentScores()

    # -- plumbing, unchanged ------------------------------------------------------------------

    async def healthz(self, request: Request) -> Response:
        ok, body = await run_in_threadpool(self.ctx.health)
        return Response(
            json.dumps(body).encode(), 200 if ok else 503, media_type="application/json"
        )

    async def metrics(self, request: Request) -> Response:
        body = await run_in_threadpool(self.ctx.metrics)
        return Response(body, 200, headers={"Content-Type": CONTENT_TYPE_LATEST})

    # -- helpers ------------------------------------------------------------------------------

    def _page(self, request: Request, template: str, status: int = 200, **values: Any) -> Response:
        config = self.ctx.config()
        html = _env.get_template(template).render(
            csrf=request.state.csrf,
            csrf_field=CSRF_FIELD,
            nav=template.split(".")[0],
            login=config.settings.server.auth.type == "token" and request.state.user == "session",
            **values,
        )
        return HTMLResponse(html, status)

    def _message(self, request: Request, status: int, title: str, text: str) -> Response:
        return self._page(request, "message.html.j2", status, title=title, text=text)

    async def _form(self, request: Request) -> dict[str, str] | Response:
        """The form's fields, or the 403 page when the CSRF token is missing or wrong."""
        form = await request.form()
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        if not csrf_ok(request, fields.get(CSRF_FIELD)):
            return self._message(
                request,
                403,
                "Form expired",
                "This form was not sent from this site's own page (missing or wrong CSRF "
                "token). Reload the page and try again.",
            )
        return fields

    def _topics(self) -> dict[str, Any]:
        return views.by_id(self.ctx.config().topics())

    # -- pages --------------------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        now = datetime.now(UTC)
        day = now.replace(hour=0, minute=0, second=0, microsecond=0)
        counts = await run_in_threadpool(
            self.ctx.store.review.topic_counts, day, now - timedelta(days=7)
        )
        rows = []
        for topic in self.ctx.config().topics():
            c = counts.get(topic.id)
            rows.append(
                {
                    "id": topic.id,
                    "name": topic.name,
                    "about": topic.about,
                    "today": c.today if c else 0,
                    "week": c.week if c else 0,
                    "labels": c.labels if c else 0,
                    "relevant": c.relevant if c else 0,
                    "precision": None if c is None or c.precision is None else c.precision,
                }
            )
        return self._page(request, "index.html.j2", topics=rows)

    async def topic(self, request: Request) -> Response:
        topics = self._topics()
        topic = topics.get(request.path_params["topic_id"])
        if topic is None:
            return self._message(request, 404, "No such topic", "This topic is not watched.")
        near = request.query_params.get("near") == "1"
        page = _int(request.query_params.get("page"), 1)
        if near:
            items = await run_in_threadpool(self._near_misses, topic.id, topics)
        else:
            stored = await run_in_threadpool(
                self.ctx.store.review.recent_matches, topic.id, PAGE + 1, (page - 1) * PAGE
            )
            items = [v for m in stored if (v := views.stored_match_view(m, topics)) is not None]
        more = not near and len(items) > PAGE
        stage = self.ctx.stage()
        index = stage.matcher.index_of[topic.id]
        threshold = float(stage.matcher.thresholds[index])
        learned = await run_in_threadpool(stage.current_labels)
        return self._page(
            request,
            "topic.html.j2",
            topic=topic,
            items=items[:PAGE],
            near=near,
            page=page,
            more=more,
            threshold=threshold,
            margin=NEAR_MARGIN,
            labels=views.labels_view(learned, index, threshold),
        )

    def _near_misses(self, topic_id: str, topics: dict[str, Any]) -> list[dict[str, Any]]:
        """The newest unmatched articles that scored just under the topic's threshold."""
        stage = self.ctx.stage()
        matcher = stage.matcher
        index = matcher.index_of[topic_id]
        threshold = float(matcher.thresholds[index])
        rows = self.ctx.store.review.newest_embedded(NEAR_POOL, topic_id)
        scored = self._scores.of(stage, rows)
        found = [
            m
            for article_id, *_ in rows
            if article_id in scored
            and threshold - NEAR_MARGIN <= (m := scored[article_id][index]).score < threshold
        ]
        found.sort(key=lambda m: -m.score)
        stored = self.ctx.store.articles_by_id([m.article_id for m in found])
        labels = self.ctx.store.review.labels_of([(m.article_id, topic_id) for m in found])
        return [
            views.match_view(
                stored[m.article_id],
                topics[topic_id],
                m.score,
                m.evidence,
                topics,
                label=labels.get((m.article_id, topic_id)),
            )
            for m in found
            if m.article_id in stored
        ]

    async def topic_feedback(self, request: Request) -> Response:
        fields = await self._form(request)
        if isinstance(fields, Response):
            return fields
        topic_id = request.path_params["topic_id"]
        relevant = fields.get("relevant")
        if relevant not in ("1", "0") or not fields.get("article_id"):
            return self._message(request, 400, "Bad request", "Which article, and which verdict?")
        try:
            await run_in_threadpool(
                self._record, fields["article_id"], topic_id, relevant == "1", "ui"
            )
        except (LookupError, InputError):
            return self._message(request, 404, "Not found", "No such article or topic.")
        back = f"/topics/{topic_id}"
        query = [q for q in ("near=1" if fields.get("near") == "1" else "",) if q]
        if fields.get("page", "1") not in ("", "1"):
            query.append(f"page={_int(fields.get('page'), 1)}")
        target = back + ("?" + "&".join(query) if query else "") + f"#a-{fields['article_id']}"
        return RedirectResponse(target, 303)

    def _record(self, article_id: str, topic_id: str, relevant: bool, source: str) -> Any:
        article = views.record_label(
            self.ctx.store, self.ctx.stage().matcher, article_id, topic_id, relevant, source
        )
        self.ctx.labels_changed()
        log.info(
            "label: %s %s for %s (%s)",
            article_id,
            "relevant" if relevant else "irrelevant",
            topic_id,
            source,
        )
        return article

    async def try_page(self, request: Request) -> Response:
        if request.method == "GET":
            return self._page(
                request, "try.html.j2", title="", text="", url="", results=None, error=None
            )
        fields = await self._form(request)
        if isinstance(fields, Response):
            return fields
        title = fields.get("title", "").strip()[:1000]
        text = fields.get("text", "").strip()[:TRY_CHARS]
        url = fields.get("url", "").strip()
        error = None
        results = None
        if url and not text:
            try:
                text = await self._fetch_text(url)
                title = title or url
            except MonitorError as exc:
                error = f"could not read {url}: {str(exc).splitlines()[0]}"
        if not error and not (title or text):
            error = "paste a text or give a URL"
        if not error:
            results = await run_in_threadpool(self._score, title, text)
        return self._page(
            request, "try.html.j2", title=title, text=text, url=url, results=results, error=error
        )

    async def _fetch_text(self, url: str) -> str:
        """The main text of a page, fetched through the poll stage's fetcher and limits."""
        from monitor.poll.clean import extract_main_text
        from monitor.poll.fetch import Fetcher

        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError("give an http(s) URL")
        async with Fetcher(self.ctx.config().fetch_limits()) as fetcher:
            page = await fetcher.fetch_page(url)
        if page.error is not None:
            raise page.error
        text = await run_in_threadpool(extract_main_text, page.body or b"", url=url)
        if not text:
            raise InputError("no article text found on the page")
        return text

    def _score(self, title: str, text: str) -> list[dict[str, Any]]:
        stage = self.ctx.stage()
        matcher = stage.matcher
        [vectors] = matcher.embed([(title, text)])
        topics = self._topics()
        scored = matcher.score(title, text, vectors, "try", stage.current_labels())
        out = []
        for m in sorted(scored, key=lambda m: -m.score):
            topic = topics.get(m.topic_id)
            if topic is None:
                continue
            out.append(
                {
                    "topic": topic,
                    "score": m.score,
                    "matched": m.matched,
                    "threshold": float(matcher.thresholds[matcher.index_of[m.topic_id]]),
                    "reasons": views.reasons(m.evidence, topic, topics),
                    "passage": m.evidence.get("passage") or "",
                }
            )
        return out

    async def feeds(self, request: Request) -> Response:
        rows = await run_in_threadpool(self.ctx.store.feeds)
        return self._page(request, "feeds.html.j2", feeds=[views.feed_view(f) for f in rows])

    async def deliveries(self, request: Request) -> Response:
        def read() -> tuple[Any, Any, Any]:
            review = self.ctx.store.review
            return (
                self.ctx.store.delivery_counts(),
                review.latest_deliveries(DeliveryStatus.DEAD, DEAD_SHOWN),
                review.latest_deliveries(None, LATEST_SHOWN),
            )

        counts, dead, latest = await run_in_threadpool(read)
        return self._page(
            request,
            "deliveries.html.j2",
            counts=counts,
            dead=[views.delivery_view(d) for d in dead],
            latest=[views.delivery_view(d) for d in latest],
            requeued=_int(request.query_params.get("requeued"), -1),
        )

    async def retry(self, request: Request) -> Response:
        fields = await self._form(request)
        if isinstance(fields, Response):
            return fields
        now = datetime.now(UTC)
        if fields.get("all") == "1":
            count = await run_in_threadpool(self.ctx.store.requeue_dead, now)
        else:
            ids = [fields["id"]] if fields.get("id") else []
            count = await run_in_threadpool(self.ctx.store.review.requeue, ids, now)
        log.info("re-queued %d dead letters from the web UI", count)
        return RedirectResponse(f"/deliveries?requeued={count}", 303)

    # -- feedback links -----------------------------------------------------------------------

    def _links(self) -> FeedbackLinks:
        return links_for(self.ctx.config().settings.server, self.ctx.store)

    async def feedback_link(self, request: Request) -> Response:
        token = request.path_params["token"]
        try:
            claim = self._links().verify(token)
        except InvalidLink as exc:
            status = 410 if exc.expired else 400
            return self._message(
                request,
                status,
                "Link expired" if exc.expired else "Invalid link",
                f"{str(exc).capitalize()}. Nothing was recorded.",
            )
        topics = self._topics()
        topic = topics.get(claim.topic_id)
        stored = await run_in_threadpool(self.ctx.store.articles_by_id, [claim.article_id])
        article = stored.get(claim.article_id)
        if topic is None or article is None:
            return self._message(
                request,
                404,
                "Not found",
                "The article or topic of this link is no longer stored. Nothing was recorded.",
            )
        recorded = False
        if request.method == "POST":
            fields = await self._form(request)
            if isinstance(fields, Response):
                return fields
            try:
                await run_in_threadpool(
                    self._record, claim.article_id, claim.topic_id, claim.relevant, "email"
                )
            except (LookupError, InputError):
                return self._message(request, 404, "Not found", "Nothing was recorded.")
            recorded = True
        return self._page(
            request,
            "feedback.html.j2",
            article=views.match_view(article, topic, 0.0, {}, topics),
            topic=topic,
            relevant=claim.relevant,
            recorded=recorded,
            token=token,
        )

    # -- login (auth type token) --------------------------------------------------------------

    async def login(self, request: Request) -> Response:
        auth = self.ctx.config().settings.server.auth
        target = request.query_params.get("next", "/")
        if not target.startswith("/") or target.startswith("//"):
            target = "/"
        if auth.type != "token":
            return RedirectResponse("/", 303)
        if request.method == "GET":
            return self._page(request, "login.html.j2", next=target, error=None)
        fields = await self._form(request)
        if isinstance(fields, Response):
            return fields
        given = fields.get("token", "").encode()
        token = (auth.token.get_secret_value() if auth.token else "").encode()
        if not token or not hmac.compare_digest(given, token):
            await asyncio.sleep(0.5)  # a guess costs time
            return self._page(request, "login.html.j2", 401, next=target, error="wrong token")
        response = RedirectResponse(target, 303)
        response.set_cookie(
            SESSION_COOKIE,
            session_cookie(self.secret()),
            max_age=SESSION_TTL_S,
            httponly=True,
            samesite="lax",
            secure=self.ctx.config().settings.server.base_url().startswith("https:"),
        )
        return response

    async def logout(self, request: Request) -> Response:
        fields = await self._form(request)
        if isinstance(fields, Response):
            return fields
        response = RedirectResponse("/login", 303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    # -- the JSON API -------------------------------------------------------------------------

    async def api_matches(self, request: Request) -> Response:
        topics = self._topics()
        topic_id = request.query_params.get("topic")
        if topic_id is not None and topic_id not in topics:
            return JSONResponse({"error": f"no topic with id {topic_id!r}"}, 404)
        limit = min(max(_int(request.query_params.get("limit"), PAGE), 1), 500)
        offset = max(_int(request.query_params.get("offset"), 0), 0)
        stored = await run_in_threadpool(
            self.ctx.store.review.recent_matches, topic_id, limit, offset
        )
        items = [v for m in stored if (v := views.stored_match_view(m, topics)) is not None]
        return JSONResponse(
            {"topic": topic_id, "matches": [views.api_match(v) for v in items]},
        )

    async def api_feedback(self, request: Request) -> Response:
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return JSONResponse({"error": "send JSON (Content-Type: application/json)"}, 415)
        try:
            body = json.loads(await request.body())
        except ValueError:
            return JSONResponse({"error": "the body is not JSON"}, 400)
        if (
            not isinstance(body, dict)
            or not isinstance(body.get("article_id"), str)
            or not isinstance(body.get("topic"), str)
            or not isinstance(body.get("relevant"), bool)
        ):
            return JSONResponse(
                {"error": 'expected {"article_id": str, "topic": str, "relevant": true|false}'},
                400,
            )
        if body["topic"] not in self._topics():
            return JSONResponse({"error": f"no topic with id {body['topic']!r}"}, 404)
        try:
            article = await run_in_threadpool(
                self._record, body["article_id"], body["topic"], body["relevant"], "ui"
            )
        except (LookupError, InputError):
            return JSONResponse({"error": f"no stored article {body['article_id']!r}"}, 404)
        return JSONResponse(
            {
                "article_id": article.id,
                "topic": body["topic"],
                "relevant": body["relevant"],
                "title": article.title,
                "source": "ui",
            },
            201,
        )

    async def api_feeds(self, request: Request) -> Response:
        rows = await run_in_threadpool(self.ctx.store.feeds)
        return JSONResponse({"feeds": [views.feed_view(f) for f in rows]})


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default

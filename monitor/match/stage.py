"""Embed and match stored articles, and record what they make due, batch by batch.

The model is the throughput wall (about 30 articles a second on two cores), so this stage runs
apart from polling: it takes the newest unembedded articles first, embeds each article once,
and writes vectors, matches and deliveries in one transaction per batch.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from monitor.config import Config
from monitor.domain import Match, Topic
from monitor.errors import StoreError
from monitor.match.embed import ArticleVectors, Embedder, MultilingualEmbedder, load_embedder
from monitor.match.language import detect
from monitor.match.learn import Learned, TopicLabel
from monitor.match.matcher import Matcher
from monitor.store import PlannedDelivery, Store
from monitor.store.feedback import Label, StoredArticle

Plan = Callable[[Match], Sequence[PlannedDelivery]]
# A claimed batch is this process's for so long (embedding one takes seconds): a worker that
# dies leaves it to the others after that.
EMBED_LEASE_S = 120.0
# How often the daemon asks whether the labels changed (one cheap query) before a batch: new
# labels count within a minute, without a restart.
LABELS_CHECK_S = 30.0
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchResult:
    embedded: int
    new_matches: tuple[Match, ...]
    seconds: float


def embedder_for(config: Config) -> Embedder:
    model = config.model_path
    return _load(
        None if model is None else str(model),
        config.settings.matching.backend,
        config.settings.matching.batch_size,
    )


@functools.lru_cache(maxsize=2)
def _load(model: str | None, backend: str, batch_size: int) -> Embedder:
    """One model per process, however many configs (reloads, CLI calls in tests) ask for it."""
    return load_embedder(model, backend=backend, batch_size=batch_size)


@functools.lru_cache(maxsize=1)
def multilingual_embedder() -> Embedder:
    return MultilingualEmbedder()


def matcher_for(config: Config, embedder: Embedder) -> Matcher:
    matching = config.settings.matching
    return Matcher(
        embedder,
        config.topics(),
        matching.threshold,
        multilingual_embedder() if matching.multilingual else None,
    )


# What learning reads of one label for a matcher: its text's vectors, as that matcher's model
# reads them, and its zero-shot score for its topic.
LabelReading = tuple[ArticleVectors, float]


def kept_zero_shot(matcher: Matcher, label: Label) -> float | None:
    """The zero-shot score ``label`` keeps, where ``matcher`` gave it (None: to be scored)."""
    return label.zero_shot if label.zero_shot_by == matcher.fingerprint else None


def label_readings(matcher: Matcher, labels: Sequence[Label]) -> list[LabelReading]:
    """What ``matcher`` reads of each label: its vectors, and its zero-shot score for its topic
    (the one it keeps where ``matcher`` gave it, ``Label.zero_shot_by``; scored otherwise, some
    3 ms a text). A label whose vectors another model made than the one that reads its text now
    (the English model, or the multilingual one for a text in another language) is embedded
    again from its stored text: only after a model or ``matching.multilingual`` change."""
    # Each label's vectors read in its text's language, as the match stage read its article's
    # (the language the label keeps, or its feed's declared one to detect it by): the language
    # picks the background, the cased-language rules and the topics that read it, which its
    # score is fit on.
    vectors: dict[int, ArticleVectors] = {}  # by the label's place in ``labels``
    for i, lab in enumerate(labels):
        language = lab.language or detect(lab.title, lab.text, lab.declared_language)
        if (
            lab.model == matcher.model_for(language)
            and (kept := matcher.stored(lab.vectors, lab.model, language)) is not None
        ):
            vectors[i] = kept
    stale = [i for i in range(len(labels)) if i not in vectors]
    embedded = matcher.embed(
        [(labels[i].title, labels[i].text) for i in stale],
        declared=[labels[i].declared_language for i in stale],
    )
    vectors.update(zip(stale, embedded, strict=True))
    out: list[LabelReading] = []
    zero: dict[tuple[str, str], list[float]] = {}  # (title, text) -> score per topic
    for i, lab in enumerate(labels):
        v = vectors[i]
        if (score := kept_zero_shot(matcher, lab)) is not None:
            out.append((v, score))
            continue
        key = (lab.title, lab.text)
        if key not in zero:
            zero[key] = [m.score for m in matcher.score(lab.title, lab.text, v, str(lab.item))]
        out.append((v, zero[key][matcher.index_of[lab.topic_id]]))
    return out


def learned_for(
    store: Store, matcher: Matcher, readings: dict[int | None, LabelReading] | None = None
) -> Learned:
    """The stored labels of the matcher's topics, learned (``label_readings``). Each labeled
    text's zero-shot score for its topic is what the topic's shift is fit on: scoring is what
    learning costs (1,000 labels take seconds, the fit milliseconds), so a label keeps the
    score in the store, with the matcher's fingerprint, and is scored again only by a matcher of
    another (a new model, watchlist or release).

    ``readings`` (by label id) keeps what was read of each label for this matcher from one
    call to the next: a label's id is new whenever it changes, so only new labels are read,
    and those gone are dropped from it. The daemon keeps one per matcher."""
    ids = {t.id for t in matcher.topics}
    labels = [lab for lab in store.feedback.labels() if lab.topic_id in ids]
    if readings is None:
        readings = {}
    for gone in readings.keys() - {lab.id for lab in labels}:
        del readings[gone]
    new = [lab for lab in labels if lab.id not in readings]
    scored: dict[int, float] = {}  # the zero-shot scores this call computed, by label id
    for lab, reading in zip(new, label_readings(matcher, new), strict=True):
        readings[lab.id] = reading
        if lab.id is not None and kept_zero_shot(matcher, lab) is None:
            scored[lab.id] = reading[1]
    # (only then: the fingerprint digests the package's files, which a start without new
    # scores need not read)
    if scored:
        try:
            store.feedback.keep_zero_shot(matcher.fingerprint, scored)
        except StoreError as e:  # kept another time: learning needs only the scores in hand
            log.warning("could not keep the labels' zero-shot scores: %s", e)
    return Learned(
        [t.id for t in matcher.topics],
        [
            TopicLabel(
                lab.topic_id,
                lab.relevant,
                lab.title,
                readings[lab.id][0].vectors,
                readings[lab.id][1],
                readings[lab.id][0].multilingual,
            )
            for lab in labels
        ],
    )


class MatchStage:
    """Owns the matcher (topics embedded once per config load) and drains the embed backlog."""

    def __init__(
        self,
        store: Store,
        matcher: Matcher,
        *,
        batch_size: int = 64,
        labels_check_s: float = LABELS_CHECK_S,
    ) -> None:
        self.store = store
        self.matcher = matcher
        self.batch_size = batch_size
        self.labels_check_s = labels_check_s
        # What the labels taught, for which matcher (a config reload replaces it) and which
        # state of the labels; checked at most every labels_check_s.
        self.learned: Learned | None = None
        self._learned_key: tuple[Matcher, tuple[int, int]] | None = None
        self._labels_checked = float("-inf")
        # What was read of each label for the matcher of _learned_key (learned_for): a new
        # label then costs its own reading, not every label's again.
        self._readings: dict[int | None, LabelReading] = {}

    @property
    def model_name(self) -> str:
        return self.matcher.embedder.name

    def run_batch(self, plan: Plan) -> BatchResult:
        """Embed and match up to ``batch_size`` of the newest unembedded articles."""
        started = time.perf_counter()
        rows = self.store.claim_articles_to_embed(self.batch_size, EMBED_LEASE_S)
        if not rows:
            return BatchResult(0, (), 0.0)
        labels = self._labels()
        vectors = self.matcher.embed(
            [(r.title, r.text) for r in rows], declared=[r.declared_language for r in rows]
        )
        found = [
            m
            for (article_id, title, text, _), v in zip(rows, vectors, strict=True)
            for m in self.matcher.matches(title, text, v, article_id, labels)
        ]
        fresh = self.store.record_scoring(
            self.model_name,
            [(row[0], v.to_bytes()) for row, v in zip(rows, vectors, strict=True)],
            found,
            planned(found, plan),
            models=multilingual_rows(self.matcher, [row[0] for row in rows], vectors),
            languages={row[0]: v.language for row, v in zip(rows, vectors, strict=True)},
        )
        return BatchResult(len(rows), tuple(fresh), time.perf_counter() - started)

    def _labels(self) -> Learned | None:
        """The learned state, rebuilt when the labels or the matcher changed."""
        now = time.monotonic()
        if (
            self._learned_key is not None
            and self._learned_key[0] is self.matcher
            and now - self._labels_checked < self.labels_check_s
        ):
            return self.learned
        self._labels_checked = now
        key = (self.matcher, self.store.feedback.marker())
        if key != self._learned_key:
            if self._learned_key is None or self._learned_key[0] is not self.matcher:
                self._readings = {}
            learned = learned_for(self.store, self.matcher, self._readings)
            self.learned, self._learned_key = (learned if len(learned) else None), key
        return self.learned

    def current_labels(self) -> Learned | None:
        """What the labels teach now (the web UI scores with it, as the pipeline does)."""
        return self._labels()

    def labels_changed(self) -> None:
        """A label was just recorded here: the next batch reads the labels again."""
        self._labels_checked = float("-inf")

    def drain(self, plan: Plan) -> BatchResult:
        """Run batches until the backlog is empty; the totals of all of them."""
        embedded, seconds = 0, 0.0
        found: list[Match] = []
        while True:
            result = self.run_batch(plan)
            embedded += result.embedded
            found.extend(result.new_matches)
            seconds += result.seconds
            if result.embedded < self.batch_size:
                return BatchResult(embedded, tuple(found), seconds)


def backfill(
    store: Store, matcher: Matcher, topic: Topic, plan: Plan, *, since: datetime | None = None
) -> tuple[int, list[Match]]:
    """Score stored articles against one (new or changed) topic from their stored vectors, no
    re-embedding, and record the matches. Returns (articles scored, new matches)."""
    scored = 0
    found: list[Match] = []
    index = matcher.topics.index(topic)
    learned = learned_for(store, matcher)
    labels = learned if len(learned) else None
    for model in matcher.vector_models():
        for batch in store.iter_vectors(model, since=since):
            ids = [article_id for article_id, _ in batch]
            texts = store.articles_by_id(ids)
            for article_id, blob in batch:
                article = texts.get(article_id)
                if article is None or (v := matcher.stored(blob, model, article.language)) is None:
                    continue
                match = matcher.score(article.title, article.text, v, article_id, labels)[index]
                if match.matched:
                    found.append(match)
            scored += len(ids)
    fresh = store.record_scoring(
        matcher.embedder.name, [], found, planned(found, plan), origin="backfill"
    )
    return scored, fresh


def multilingual_rows(
    matcher: Matcher, ids: Sequence[str], vectors: Sequence[ArticleVectors]
) -> dict[str, str]:
    """The articles whose vectors the multilingual model made, with its name (the store keeps
    which model made each article's vectors)."""
    if matcher.multilingual is None:
        return {}
    name = matcher.multilingual.name
    return {i: name for i, v in zip(ids, vectors, strict=True) if v.multilingual}


def label_stored(
    store: Store,
    article_id: str,
    topic_id: str,
    relevant: bool,
    source: str,
    matcher: Callable[[], Matcher],
) -> StoredArticle | None:
    """Label a stored article for a topic (replacing an older label), copying its text and
    vectors as every label does; an article not embedded yet is embedded here, by
    ``matcher()`` (called only then: a label on an embedded article loads no model). None,
    recording nothing, when no stored article with that id keeps its text."""
    stored = store.feedback.articles([article_id]).get(article_id)
    if stored is None:
        return None
    language: str | None
    if stored.vectors is None or stored.model is None:
        reader = matcher()
        [v] = reader.embed([(stored.title, stored.text)], declared=[stored.declared_language])
        model, vectors, language = reader.model_of(v), v.to_bytes(), v.language
    else:
        model, vectors, language = stored.model, stored.vectors, stored.language
    store.feedback.record(
        [
            Label(
                item=stored.id,
                topic_id=topic_id,
                relevant=relevant,
                source=source,
                title=stored.title,
                text=stored.text,
                model=model,
                vectors=vectors,
                article_id=stored.id,
                language=language,
                declared_language=stored.declared_language,
            )
        ]
    )
    return stored


def planned(found: Sequence[Match], plan: Plan) -> list[PlannedDelivery]:
    """The deliveries the positive matches would make due; the store records those of the
    matches that turn out to be new, in the transaction that records them."""
    return [delivery for match in found if match.matched for delivery in plan(match)]

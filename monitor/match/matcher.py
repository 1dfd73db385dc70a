"""Decide which watched topics an article concerns, with evidence a person can read.

Per (article, topic) three readable components:
- ``semantic``: cosine of the best passage to the topic's "name: about", read as a z-score
  against a generic news background (``monitor.match.background``), because raw cosines of different
  topics live on different scales;
- ``alias``: a spelling-tolerant hit of one of the topic's names (``monitor.match.aliases``);
- other senses: an ``exclude`` sense nearer to the article than the topic, or, without an
  alias hit, the alias of a sibling topic that shares a name word (Yarmouk camp vs Yarmouk
  Valley) in the text, pushes the score below the threshold.
- name words: a distinctive word of the topic's names (one outside the model's vocabulary,
  Yarmouk, Daraa, Jaish) that the text writes only inside another thing's name ("Yarmouk
  University", "Jaish al-Islam") counts as another sense; one the text never writes lowers
  ``z`` by ``ABSENT_SHIFT``, since closeness then comes only from the region's general news.
  A name word written plainly beside a distinctive place or group of the topic's description
  (Daraa or Golan for the valley) raises ``z`` by ``SUPPORT_SHIFT``: half an alias hit.
The score is ``sigmoid(z - Z_MID)``, raised by an alias hit to at least ``ALIAS_FLOOR``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from monitor.domain import Match, Topic
from monitor.match.aliases import (
    AliasHit,
    AliasIndex,
    compile_aliases,
    eponym_patterns,
    in_other_name,
    is_acronym,
    tokens,
)
from monitor.match.background import BACKGROUND
from monitor.match.embed import ArticleVectors, Embedder, split_passages
from monitor.match.learn import Learned

DEFAULT_THRESHOLD = 0.5
Z_MID = 5.0  # background z at which semantic evidence alone reaches 0.5
ALIAS_FLOOR = 0.6  # an alias hit alone is enough, unless an other sense wins
PENALTY = 0.4  # factor for an article that is about another sense of the name
MAX_SENSES = 5
# Background z taken off a topic whose names carry a distinctive word (Yarmouk, Daraa) when the
# text never writes that word: its semantic closeness then comes from the region's generic news.
ABSENT_SHIFT = 0.5
# Added to z when the name word is written and the text also names a distinctive place or group
# of the topic's description (Daraa, Golan for the valley): half an alias hit.
SUPPORT_SHIFT = 0.5


def topic_text(topic: Topic) -> str:
    """What the topic is embedded from: the name with its description when there is one."""
    if topic.about:
        return f"{topic.name}: {topic.about}"
    return "; ".join(dict.fromkeys((topic.name, *topic.aliases)))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    out: np.ndarray = 1.0 / (1.0 + np.exp(-x))
    return out


class Matcher:
    """Topics are embedded once here; scoring an article against all of them is one product."""

    def __init__(self, embedder: Embedder, topics: Sequence[Topic],
                 default_threshold: float = DEFAULT_THRESHOLD) -> None:
        self.embedder = embedder
        self.topics = list(topics)
        self.default_threshold = default_threshold
        self.index_of = {t.id: i for i, t in enumerate(self.topics)}
        # (dim, n), contiguous: a transposed view would make every product several times slower
        self.topic_vecs = np.ascontiguousarray(
            embedder.encode([topic_text(t) for t in self.topics]).T)
        bg = embedder.encode(list(BACKGROUND)) @ self.topic_vecs  # (bg, n)
        self.bg_mean = bg.mean(axis=0)
        self.bg_std = np.maximum(bg.std(axis=0), 1e-3)
        self.thresholds = np.array([t.threshold if t.threshold is not None
                                    else default_threshold for t in self.topics])
        # Exclude senses: one column each, with the topic that owns it.
        ex_texts = [(i, s) for i, t in enumerate(self.topics) for s in t.exclude]
        self.ex_owner = np.array([i for i, _ in ex_texts], dtype=np.int64)
        self.ex_names = [s for _, s in ex_texts]
        self.ex_vecs = (embedder.encode(self.ex_names).T if ex_texts
                        else np.zeros((embedder.dim, 0), dtype=np.float32))
        names = [list(dict.fromkeys((t.name, *t.aliases))) for t in self.topics]
        patterns = [(i, p) for i, ns in enumerate(names) for p in compile_aliases(ns)]
        self.aliases = AliasIndex(patterns)
        self.eponyms = AliasIndex([(i, p) for i, ns in enumerate(names)
                                   for p in eponym_patterns(ns)])
        self.vocab: frozenset[str] = getattr(embedder, "vocab", frozenset())
        vocab = self.vocab
        self.rivals = self._rivals(names, vocab)
        # Distinctive name words (outside the model's vocabulary) -> the topics they name, and
        # per topic the keys of its own names and description (what may stand beside them).
        self.name_keys: dict[str, list[int]] = {}
        for i, ns in enumerate(names):
            words = {tok.key for n in ns if not is_acronym(n) for tok in tokens(n)
                     if tok.word not in vocab and tok.key != "bn" and not tok.word.isdigit()}
            for key in words:
                self.name_keys.setdefault(key, []).append(i)
        self.has_names = np.zeros(len(self.topics), dtype=bool)
        self.has_names[[i for ts in self.name_keys.values() for i in ts]] = True
        name_set = set(self.name_keys)
        self.about_keys: dict[str, list[int]] = {}
        for i, t in enumerate(self.topics):
            for key in {tok.key for tok in tokens(t.about) if tok.word not in vocab
                        and not tok.word.isdigit() and tok.key not in name_set}:
                self.about_keys.setdefault(key, []).append(i)
        self.own_keys = [frozenset(k for tok in tokens(" ".join((*ns, t.about)))
                                   for k in (tok.key, tok.key.rstrip("s")))
                         for ns, t in zip(names, self.topics, strict=True)]
        self.rival_of: list[list[int]] = [[] for _ in self.topics]  # j -> topics j is a rival of
        for i, r in enumerate(self.rivals):
            for j in r:
                self.rival_of[j].append(i)

    def _rivals(self, names: list[list[str]], vocab: frozenset[str]) -> list[set[int]]:
        """Topic j is a rival sense of topic i when a distinctive word of j's names (one the
        model's vocabulary lacks: Yarmouk, not camp) occurs in i's names or description, while
        i's description does not name j (then j is a part of i, e.g. the place a group held)."""
        owners: dict[str, set[int]] = {}
        for j, ns in enumerate(names):
            for tok in tokens(" ".join(ns)):
                if tok.word not in vocab and not tok.key.startswith("=") and tok.key != "bn":
                    owners.setdefault(tok.key, set()).add(j)
        rivals: list[set[int]] = []
        for i, t in enumerate(self.topics):
            own = " ".join((*names[i], t.about))
            named = set(self.aliases.search(t.about))
            cands: set[int] = set()
            for tok in tokens(own):
                group = owners.get(tok.key, set())
                if len(group) <= MAX_SENSES:  # a word many topics share names no sense
                    cands |= group
            rivals.append(cands - named - {i})
        return rivals

    def embed(self, articles: Sequence[tuple[str, str]]) -> list[ArticleVectors]:
        """(title, text) pairs to vectors, all passages in one batched encode call."""
        passages = [split_passages(title, text) for title, text in articles]
        flat = [p for ps in passages for p in ps]
        vecs = self.embedder.encode(flat)
        out, start = [], 0
        for ps in passages:
            out.append(ArticleVectors(vecs[start:start + len(ps)]))
            start += len(ps)
        return out

    def _semantic(self, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Best raw cosine per topic, the passage that gave it, and the background z."""
        sims = vectors @ self.topic_vecs  # (passages, topics)
        best = sims.argmax(axis=0)
        raw = sims[best, np.arange(sims.shape[1])]
        return raw, best, (raw - self.bg_mean) / self.bg_std

    def score(self, title: str, text: str, vectors: ArticleVectors,
              article_id: str, labels: Learned | None = None) -> list[Match]:
        """One Match per topic, in the order of the topics given. ``labels``: what the
        analyst's labels taught (monitor.match.learn), built for these topics."""
        return self._judge(title, text, vectors, article_id, matched_only=False, labels=labels)

    def matches(self, title: str, text: str, vectors: ArticleVectors,
                article_id: str, labels: Learned | None = None) -> list[Match]:
        """Only the topics the article matches: the pipeline's call, whose cost hardly grows
        with the number of topics because evidence is written for matches alone."""
        return self._judge(title, text, vectors, article_id, matched_only=True, labels=labels)

    def _judge(self, title: str, text: str, vectors: ArticleVectors, article_id: str,
               matched_only: bool, labels: Learned | None = None) -> list[Match]:
        raw, best, z = self._semantic(vectors.vectors)
        body = f"{title}\n{text}"
        toks = tokens(body)
        hits = self.aliases.search(body, toks)
        has_alias = np.zeros(len(self.topics), dtype=bool)
        has_alias[list(hits)] = True
        # A name word of the topic outside its aliases: written plainly, or only inside another
        # thing's name ("Yarmouk University", "Jaish al-Islam"), or not at all.
        plain: set[int] = set()
        other: dict[int, list[str]] = {}
        for k, tok in enumerate(toks):
            for i in self.name_keys.get(tok.key, ()):
                if i in hits or i in plain:
                    continue
                span = in_other_name(body, toks, k, self.own_keys[i], self.vocab)
                if span is None:
                    plain.add(i)
                else:
                    other.setdefault(i, []).append(body[span[0]:span[1]])
        for i in plain:
            other.pop(i, None)
        absent = self.has_names & ~has_alias
        absent[list(plain)] = False
        absent[list(other)] = False
        supported = np.zeros(len(self.topics), dtype=bool)
        for tok in toks:
            for i in self.about_keys.get(tok.key, ()):
                if i in plain:
                    supported[i] = True
        score = _sigmoid(z - Z_MID - ABSENT_SHIFT * absent + SUPPORT_SHIFT * supported)
        score = np.where(has_alias, 1 - (1 - score) * (1 - ALIAS_FLOOR), score)
        # Without an alias of its own, a topic loses to a rival that the text names and that
        # is nearer to it, and to its own eponym named without the organisation.
        sibling = np.zeros(len(self.topics), dtype=bool)
        for j in hits:
            for k in self.rival_of[j]:
                if not has_alias[k] and raw[j] >= raw[k]:
                    sibling[k] = True
        eponym = np.zeros(len(self.topics), dtype=bool)
        eponym[list(self.eponyms.search(body, toks))] = True
        eponym &= ~has_alias
        other_name = np.zeros(len(self.topics), dtype=bool)
        other_name[list(other)] = True
        ex_best = np.full(len(self.topics), -1.0)
        ex_which: dict[int, str] = {}
        if self.ex_names:
            ex = (vectors.vectors @ self.ex_vecs).max(axis=0)
            for k, owner in enumerate(self.ex_owner.tolist()):
                if ex[k] > ex_best[owner]:
                    ex_best[owner] = ex[k]
                    ex_which[owner] = self.ex_names[k]
        excluded = ex_best > raw
        score = np.where(sibling | eponym | excluded | other_name, score * PENALTY, score)
        # -- feedback hook: the analyst's labels move the zero-shot score (monitor.match.learn)
        pulled: dict[int, dict[str, Any]] = {}
        if labels is not None:
            score, pulled = labels.adjust(vectors.vectors, score)
        # -- end of the feedback hook
        passages = split_passages(title, text)
        # Plain Python numbers, made in bulk: the per-topic loop must stay cheap for 1,000 topics.
        raw64, z64, s64 = (np.asarray(a, dtype=np.float64) for a in (raw, z, score))
        sem, zs, scores = raw64.round(4).tolist(), z64.round(2).tolist(), s64.round(4).tolist()
        passage_of = best.tolist()
        sib, epo, absent_l = sibling.tolist(), eponym.tolist(), absent.tolist()
        support_l = supported.tolist()
        is_match = score >= self.thresholds
        matched = is_match.tolist()
        out = []
        for i in (np.flatnonzero(is_match).tolist() if matched_only else range(len(self.topics))):
            p = passage_of[i]
            evidence: dict[str, Any] = {
                "passage": passages[p] if p < len(passages) else None,
                "alias": _first_alias(hits[i], body) if i in hits else None,
                "semantic": sem[i],
                "semantic_z": zs[i],
                "other_sense": ([self.topics[j].id for j in sorted(self.rivals[i])
                                 if j in hits] if sib[i] else None),
                "eponym": epo[i],
                "other_name": sorted(set(other[i]))[:3] if i in other else None,
                "name_absent": absent_l[i],
                "name_supported": support_l[i],
                "exclude": ({"sense": ex_which[i], "similarity": round(float(ex_best[i]), 4)}
                            if ex_which and i in ex_which else None),
            }
            evidence["feedback"] = pulled.get(i)  # feedback hook: the label that pulled
            out.append(Match(article_id, self.topics[i].id, scores[i], bool(matched[i]),
                             evidence))
        return out


def _first_alias(hits: list[AliasHit], body: str) -> dict[str, str]:
    h = hits[0]
    return {"alias": h.alias, "text": body[h.start:h.end]}

"""One pass of the stages, poll → match → deliver, over one config and store.

``monitor poll`` runs the first two, ``monitor run --once`` all three, and the daemon runs each
piece on its own schedule. The model loads only when the store holds articles to embed: a poll
where every feed answers 304 costs no more than the fetches.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from monitor.config import Config
from monitor.deliver.outbox import Outbox
from monitor.domain import FeedHealth, FeedPoll
from monitor.match.matcher import Matcher
from monitor.match.stage import BatchResult, MatchStage, embedder_for, matcher_for
from monitor.poll.ingest import Poller
from monitor.store import Store

OnResult = Callable[[FeedPoll], None]
NOTHING = BatchResult(0, (), 0.0)


@dataclass(frozen=True)
class CycleSummary:
    polled: int
    failed: int
    new_articles: int
    embedded: int
    new_matches: int
    sent: int
    failed_deliveries: int  # to be retried
    dead_deliveries: int  # given up: dead letters (monitor deliveries --failed)


class Cycle:
    """The stages wired for one config. Built with a ``matcher``, its match stage is ready at
    once (the daemon: a missing model stops it at start, not at the first new article);
    without, the model is loaded when first needed."""

    def __init__(
        self, config: Config, store: Store, *, matcher: Matcher | None = None, batch_size: int = 64
    ) -> None:
        self.config = config
        self.store = store
        self.batch_size = batch_size
        self.poller = Poller(
            store,
            config.fetch_limits(),
            max_entries=config.settings.fetch.max_entries,
            workers=config.settings.fetch.workers,
        )
        self.outbox = Outbox(config, store)
        self._stage = None if matcher is None else MatchStage(store, matcher, batch_size=batch_size)

    @property
    def stage(self) -> MatchStage:
        if self._stage is None:
            matcher = matcher_for(self.config, embedder_for(self.config))
            self._stage = MatchStage(self.store, matcher, batch_size=self.batch_size)
        return self._stage

    # -- poll --------------------------------------------------------------------------------

    async def poll(
        self, feeds: Sequence[FeedHealth], on_result: OnResult | None = None
    ) -> list[FeedPoll]:
        return await self.poller.poll(feeds, on_result)

    def poll_all(self, on_result: OnResult | None = None) -> list[FeedPoll]:
        """Sync the configured feeds into the store and poll every one that is not retired."""
        self.store.sync_feeds(self.config.feeds())
        feeds = [f for f in self.store.feeds() if not f.retired]
        return asyncio.run(self.poll(feeds, on_result))

    # -- match -------------------------------------------------------------------------------

    def match_batch(self) -> BatchResult:
        """Embed and match up to ``batch_size`` of the newest unembedded articles."""
        if self._nothing_to_embed():
            return NOTHING
        return self.stage.run_batch(self.outbox.plan)

    def match_all(self) -> BatchResult:
        """Embed and match every stored article not matched yet; the matches make their
        deliveries due."""
        if self._nothing_to_embed():
            return NOTHING
        return self.stage.drain(self.outbox.plan)

    def _nothing_to_embed(self) -> bool:
        """True only while the model is not loaded and has nothing to do: once loaded, the
        stage's own query answers the same question."""
        return self._stage is None and not self.store.embed_backlog()

    # -- all three (``monitor run --once``) --------------------------------------------------

    def run(self, *, digest_now: bool = False, on_result: OnResult | None = None) -> CycleSummary:
        polls = self.poll_all(on_result)
        matched = self.match_all()
        self.outbox.welcome_new_subscribers()
        outcomes = self.outbox.send_instant() + self.outbox.send_due_digests(force=digest_now)
        return CycleSummary(
            polled=len(polls),
            failed=sum(not p.ok for p in polls),
            new_articles=sum(p.stats.new for p in polls),
            embedded=matched.embedded,
            new_matches=len(matched.new_matches),
            sent=sum(o.ok for o in outcomes),
            failed_deliveries=sum(not o.ok and not o.dead for o in outcomes),
            dead_deliveries=sum(not o.ok and bool(o.dead) for o in outcomes),
        )

"""Feeds of a web site, found the way readers find them: a page's ``<link rel="alternate">``
feed links, then the common feed paths of its site (/feed, /rss.xml, ...). A candidate counts
only if it is fetched and parses as a feed."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import etree, html

from monitor.errors import FeedError
from monitor.poll.fetch import Fetcher, FetchRequest, FetchResult
from monitor.poll.parse import parse_feed

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+json",
        "application/xml",
        "text/xml",
    }
)
COMMON_PATHS = ("/feed", "/rss", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml", "/feed/")
_HEAD_BYTES = 512 * 1024  # feed links sit in the head; a huge page is not read whole


@dataclass(frozen=True)
class FoundFeed:
    """A feed found for a page: its URL, its own title, and how it was found."""

    url: str
    title: str | None
    how: str  # "the address itself", "linked from the page", "common path"


def feed_links(body: bytes, base_url: str) -> list[str]:
    """The feed URLs a page's ``<link rel="alternate" type="...">`` elements name, absolute,
    in page order, each once."""
    try:
        root = html.fromstring(body[:_HEAD_BYTES])
    except (etree.ParserError, ValueError):
        return []
    found: list[str] = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in FEED_TYPES and href:
            url = urljoin(base_url, href)
            if urlsplit(url).scheme in ("http", "https", "file") and url not in found:
                found.append(url)
    return found


def parses(result: FetchResult, max_entries: int = 50) -> str | None:
    """The feed's title if ``result`` is a feed ("" when it has none), else None."""
    if result.error is not None or not result.body:
        return None
    try:
        parsed = parse_feed(
            result.body,
            url=result.final_url,
            content_type=result.content_type,
            max_entries=max_entries,
        )
    except FeedError:
        return None
    return parsed.title or ""


async def discover(fetcher: Fetcher, url: str) -> list[FoundFeed]:
    """Every feed found for ``url``: the address itself if it is a feed; else the feeds its
    page links to, then those at the common paths of its site."""
    page = await fetcher.fetch(FetchRequest(url))
    if page.error is not None and page.error.code != "not-a-feed":
        raise page.error
    title = parses(page)
    if title is not None:
        return [FoundFeed(page.final_url, title or None, "the address itself")]
    base = page.final_url
    candidates = [(u, "linked from the page") for u in feed_links(page.body or b"", base)]
    parts = urlsplit(base)
    if parts.scheme in ("http", "https"):
        root = f"{parts.scheme}://{parts.netloc}"
        candidates += [(root + path, "common path") for path in COMMON_PATHS]
    found: list[FoundFeed] = []
    seen: set[str] = set()
    for candidate, how in candidates:
        if candidate in seen:
            continue
        seen.add(candidate)
        result = await fetcher.fetch(FetchRequest(candidate))
        title = parses(result)
        if title is not None and result.final_url not in {f.url for f in found}:
            found.append(FoundFeed(result.final_url, title or None, how))
    return found

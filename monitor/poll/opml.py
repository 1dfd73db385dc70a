"""OPML feed lists, parsed from bytes already read. A hostile file stays inert: no DTD, no
entities, no network."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

from monitor.errors import OpmlError


@dataclass(frozen=True)
class OpmlFeed:
    url: str
    title: str | None


_OPML_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


def parse_opml(data: bytes, *, source: str) -> list[OpmlFeed]:
    """Feeds listed in an OPML document (nested outlines included), first occurrence of each URL
    kept, in document order. Raises :class:`OpmlError` naming ``source``."""
    try:
        root = etree.fromstring(data, _OPML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise OpmlError(f"{source}: not well-formed XML: {exc}") from exc
    if root is None or not isinstance(root.tag, str) or etree.QName(root).localname != "opml":
        raise OpmlError(f"{source}: not an OPML document (root element is not <opml>)")
    feeds: list[OpmlFeed] = []
    seen: set[str] = set()
    for outline in root.iter("{*}outline"):
        attrs = {k.lower(): v for k, v in outline.attrib.items() if isinstance(k, str)}
        url = (attrs.get("xmlurl") or "").strip()
        if not url or url in seen:
            continue
        try:
            scheme = urlsplit(url).scheme
        except ValueError:  # e.g. an unclosed "[" in the host
            scheme = "?"
        # No scheme: a path relative to the OPML file (local lists for demos and tests).
        if scheme not in ("http", "https", "file", ""):
            raise OpmlError(
                f"{source}: line {outline.sourceline}: xmlUrl {url!r} is not an "
                "http(s) URL, a file: URL or a path"
            )
        seen.add(url)
        title = (attrs.get("title") or attrs.get("text") or "").strip() or None
        feeds.append(OpmlFeed(url=url, title=title))
    return feeds


def write_opml(feeds: Sequence[OpmlFeed], *, title: str) -> bytes:
    """An OPML 2.0 subscription list of ``feeds`` (as Miniflux, rss2email and feed readers
    import it): one ``outline type="rss"`` per feed, its name as ``text`` and ``title``."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    body = etree.SubElement(root, "body")
    for feed in feeds:
        name = feed.title or feed.url
        etree.SubElement(body, "outline", type="rss", text=name, title=name, xmlUrl=feed.url)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return out

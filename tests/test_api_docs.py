"""docs/api.md's examples, run against a live server: each documented status, and every key
of each documented answer present in the real one (ids, times and scores differ)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.feedserver import FeedServer
from tests.web_site import Site

DOC = Path(__file__).resolve().parent.parent / "docs" / "api.md"
EXAMPLE = re.compile(
    r"```http\n(?P<method>GET|POST) (?P<path>\S+)\n(?:\n(?P<body>.*?)\n)?```\n\n"
    r"Response `(?P<status>\d+)`:\n\n```json\n(?P<answer>.*?)\n```",
    re.S,
)


def examples() -> list[re.Match[str]]:
    found = list(EXAMPLE.finditer(DOC.read_text(encoding="utf-8")))
    assert len(found) == 5, "docs/api.md's examples changed: update this count"
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with FeedServer() as feeds:
        site = Site(tmp_path_factory.mktemp("api"), feeds)
        try:
            yield site
        finally:
            site.close()


def keys_present(documented: Any, real: Any, where: str = "") -> list[str]:
    """Where the real answer lacks a key, or has another type, than the documented one."""
    if isinstance(documented, dict):
        if not isinstance(real, dict):
            return [f"{where}: not an object"]
        return [
            problem
            for key, value in documented.items()
            for problem in (
                keys_present(value, real[key], f"{where}.{key}")
                if key in real
                else [f"{where}.{key}: missing"]
            )
        ]
    if isinstance(documented, list):
        if not isinstance(real, list) or (documented and not real):
            return [f"{where}: not a non-empty list"]
        return keys_present(documented[0], real[0], f"{where}[0]") if documented else []
    if documented is None or real is None:
        return []
    if isinstance(documented, bool) != isinstance(real, bool) or (
        type(documented) is not type(real) and not isinstance(real, int | float)
    ):
        return [f"{where}: {type(real).__name__}, documented {type(documented).__name__}"]
    return []


@pytest.mark.parametrize("index", range(5))
def test_api_md_examples_hold_against_a_live_server(site: Site, index: int) -> None:
    example = examples()[index]
    documented = json.loads(example["answer"])
    # The docs name the stored articles by id; here they have the ids this store gave them.
    ids = {
        "u-30cdc947d2f15563": site.article_id("<script>"),
        "u-0479c3a3042e77f0": site.article_id("Wheat harvest"),
    }
    body = example["body"]
    for doc_id, real_id in ids.items():
        body = body and body.replace(doc_id, real_id)
    with site.client() as http:
        if example["method"] == "GET":
            answer = http.get(example["path"])
        else:
            answer = http.post(
                example["path"], content=body, headers={"Content-Type": "application/json"}
            )
    assert answer.status_code == int(example["status"]), answer.text
    real = answer.json()
    assert not keys_present(documented, real)
    if "error" in documented:
        assert real == documented
    if example["path"] == "/api/feedback" and answer.status_code == 201:
        assert real == {**documented, "article_id": ids["u-0479c3a3042e77f0"]}

"""Why an article matched a topic, in words, read from the matcher's evidence as it was stored.

The evidence dict is the matcher's (``monitor.match.matcher``): ``alias`` (``{"alias", "text"}`` or
None), ``alias_count``, ``alias_in_lead``, ``alias_far_from_description``,
``named_in_passing`` (a watched person named only after a text's lead), ``named_by_date`` (the
day of the topic's event the text writes), ``other_field`` (``{"field", "words"}``: the
other field whose story the article is, sport or film, music and books, where that lowered
the score), ``semantic``,
``exclude`` (``{"sense", "similarity", "lowered"}`` or None), ``other_name`` (the topic's name
as written where it stands for another thing: inside another name, or a namesake's),
``names_unwritten`` (names of the topic's name that the article does not write),
``other_of_kind`` (others of the topic's kind that the headline names instead: another dam, a
person by a title or in full, another country, another storm) and
``feedback`` (the analyst's label that moved the score and the rule that did, or None).
Every key is optional here: evidence stored by an older version, or written by hand in a test,
still gets a line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any


def reason(evidence: Mapping[str, Any], topic_name: str) -> str:
    """One line: what was found, then what else weighed. E.g. ``named as 'Wadi al-Yarmuk' (a
    spelling of Yarmouk Valley)``, ``no name found: close in meaning to the topic``."""
    return "; ".join(reasons(evidence, topic_name))


def reasons(evidence: Mapping[str, Any], topic_name: str) -> list[str]:
    """The parts of :func:`reason`, strongest evidence first (the review UI lists them)."""
    parts = [_found(evidence, topic_name)]
    language = evidence.get("language")
    foreign = isinstance(language, str) and bool(language) and language != "en"
    if foreign and evidence.get("alias_in_lead") is False:
        parts.append(
            "written only after the first 1,200 characters: in passing, not counted for a text "
            "not in English"
        )
    if foreign and evidence.get("alias_far_from_description") is True:
        parts.append(
            "the text is far from the topic's description: a name in passing or another "
            "thing's, not counted for a text not in English"
        )
    if evidence.get("named_once") is True:
        parts.append(
            "the city is named once, not in the headline: in passing, in another's story, not "
            "counted"
        )
    elif evidence.get("named_in_passing") is True:
        parts.append(
            "the person is named only after the first 600 characters, not in the headline: in "
            "passing, in another's story, not counted"
        )
    if about := _quoted(evidence, "about_names"):
        parts.append(f"mentions {about} (named in the topic's description)")
    if words := _quoted(evidence, "topic_words"):
        parts.append(f"writes the topic's words {words}")
    if foreign:
        parts.append(f"read in {language} by the multilingual model")
    exclude = evidence.get("exclude")
    if isinstance(exclude, dict) and exclude.get("sense") and _lowered(exclude, evidence):
        parts.append(f"another sense is nearer: {_one_line(str(exclude['sense']))}")
    field = evidence.get("other_field")
    if isinstance(field, dict) and field.get("field"):
        words = _quoted(field, "words")
        parts.append(
            f"a story of {_one_line(str(field['field']))}{f' ({words})' if words else ''}, "
            "which the topic's description does not speak of: lowered"
        )
    if others := _quoted(evidence, "other_name"):
        parts.append(f"its name stands for another thing here: {others}")
    if others := _quoted(evidence, "other_of_kind"):
        parts.append(f"its headline names another of its kind: {others}")
    if unwritten := _quoted(evidence, "names_unwritten"):
        parts.append(f"does not write {unwritten}, which the topic's name names too")
    feedback = evidence.get("feedback")
    if isinstance(feedback, dict) and "relevant" in feedback:
        parts.append(_learned(feedback))
    return parts


def _quoted(evidence: Mapping[str, Any], key: str) -> str:
    """The first three of a list the evidence holds under ``key``, quoted ("'Daraa',
    'Syria'"); "" when it holds none."""
    found = evidence.get(key)
    if not isinstance(found, list):
        return ""
    return ", ".join(f"'{_one_line(str(x))}'" for x in found[:3])


def _lowered(exclude: Mapping[str, Any], evidence: Mapping[str, Any]) -> bool:
    """Whether the exclude sense lowered the score: the matcher says so (``lowered``); evidence
    stored before it did is read as it was then decided, the sense nearer than the topic."""
    if "lowered" in exclude:
        return exclude["lowered"] is True
    similarity, semantic = exclude.get("similarity"), evidence.get("semantic")
    return (
        isinstance(similarity, int | float)
        and isinstance(semantic, int | float)
        and similarity > semantic
    )


def _learned(feedback: Mapping[str, Any]) -> str:
    """What the analyst's labels did (``monitor.match.learn``): the story was labeled already
    (``near-identical``), it is like a corrected one (``similar``), or the topic's labels moved
    its threshold (``shift``). Evidence stored before ``rule`` existed names the closest label."""
    verdict = "relevant" if feedback["relevant"] else "not relevant"
    title = _one_line(str(feedback.get("title") or ""))[:80]
    named = f" ('{title}')" if title else ""
    rule = feedback.get("rule")
    if rule == "near-identical":
        return f"the same story as one you marked {verdict}{named}"
    if rule == "shift":
        shift = feedback.get("shift")
        if isinstance(shift, int | float) and shift:
            return (
                f"your labels for this topic made it {'stricter' if shift < 0 else 'less strict'}"
            )
    return f"like an article you marked {verdict}{named}"


def names_found(evidence: Mapping[str, Any]) -> list[str]:
    """The names the matcher found, as the article spells them first ("Jaysh Khalid ibn
    al-Walid"), then as the topic lists them."""
    alias = evidence.get("alias")
    if isinstance(alias, dict):
        return [str(alias[key]) for key in ("text", "alias") if alias.get(key)]
    if isinstance(alias, str) and alias:  # evidence stored before aliases carried their text
        return [alias]
    return []


def _found(evidence: Mapping[str, Any], topic_name: str) -> str:
    names = names_found(evidence)
    day = evidence.get("named_by_date")
    if not names and isinstance(day, str) and day:
        return f"named by its day, '{_one_line(day)}'"
    if not names:
        return "no name found: close in meaning to the topic"
    spelled = _one_line(names[0])
    count = evidence.get("alias_count")
    times = f", {count} mentions" if isinstance(count, int) and count > 1 else ""
    if _fold(spelled) == _fold(topic_name):
        return f"named as '{spelled}'{times}"
    return f"named as '{spelled}' (a spelling of {_one_line(topic_name)}){times}"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def _one_line(text: str) -> str:
    return " ".join(text.split())

"""Decide which watched topics an article concerns, with evidence a person can read.

Per (article, topic) a handful of readable features, combined by a small logistic regression
into a probability-like score (``probability``; the weights are ``WEIGHTS`` and ``BIAS``):

- ``z_about``: cosine of the best passage to the topic's description, read as a z-score against
  a generic news background (``monitor.match.background``), because raw cosines of different
  topics live on different scales; a thing that only shares the name (Richard Wagner, Al-Shabab
  FC) is far from it. ``z``, the same to "name: about", is the evidence's ``semantic_z`` and
  the multilingual path's feature, not the English one's: the names are ``alias``'s evidence
  there, and weighed a second time through ``z`` they lifted texts that only share a name;
- ``alias``: a spelling-tolerant hit of one of the topic's names (``monitor.match.aliases``), as
  the text inflects it or not ("Houthis", "Kakhovska HPP"), its words in the order written
  or, for a name of several words, close together in any order in one clause ("the offensive
  in Daraa" for "Daraa offensive", "Houthi attacks on ships in the Red Sea"; not joined by
  "and" alone: "Pakistan and the Taliban" is no Pakistani Taliban), a watched
  person's by the surname alone ("Prigozhin": ``monitor.match.people``), a group's by its
  initials in an English text ("RSF" for the Rapid Support Forces:
  ``monitor.match.initials``), an event's by the day its description dates it by ("6 Şubat"
  for the earthquakes of 6 February 2023: ``monitor.match.dates``); how many times is shown
  in the evidence (``alias_count``) but not scored: its weight changed sign from one dev set
  to the other;
- ``name_absent``: the topic's names carry a distinctive word (one outside the model's
  vocabulary: Yarmouk, Kakhovka, Shabaab; where they have none, a short name's words of the
  vocabulary that are neither everyday words nor places: Taliban, Hamas, Wagner) that the text
  never writes, not even inside another name, nor, for a group, the surname of the founder
  or leader its description names ("founded by Yevgeny Prigozhin": ``people.leaders``), nor
  the group it belongs to with the place its description first names ("Al-Qaeda's Yemeni
  branch": al-Qaeda and Yemen; ``people.parents``, ``parent_names``), or
  its name is a group's of several everyday words that the text writes neither whole, nor
  shortened, nor by its initials, nor, for a country's armed force, as the country and a
  word for it ("Kenya Defence Forces": ``monitor.match.initials``), or a group's name or
  alias is a code ("M23", "ISWAP": ``code_name``) that the text writes neither as such, nor
  spelled out, nor by another of its names, or its name is a field's
  in a country and no more ("Security in Somalia", "US opioid crisis") and the text names
  that country nowhere, by no name, people, capital or town (``_Places``), or a field's on a
  continent ("Russian mercenaries in Africa") and the text names neither it nor any of its
  countries (``scope_of``): semantic closeness then comes from the region's or the field's
  general news. It counts in full in a text of ``BRIEF_CHARS`` or more, less in a shorter
  one: a feed's summary need not write every name its story does. A topic named for several things
  together ("Houthi attacks on Red Sea shipping": ``name_parts``) counts the share of them
  that a text writing the others leaves out ("Red Sea" in a story of the Houthis' war on
  land: ``names_unwritten`` in the evidence), as no alias of the topic was met;
  ``other_name``: the text writes that word only inside another thing's name ("Yarmouk
  University", "Jaish al-Islam"; a name hit too, after a word Arabic or Urdu groups' names
  open with: "Kataib Hezbollah" for Lebanon's Hezbollah, "Tehrik-i-Taliban" for the Afghan
  Taliban, or, for a topic that is no group,
  before one English closes them with or after one in Arabic script: "Khalid ibn al-Walid
  Army", "جيش خالد بن الوليد" for the general; an acronym the text spells out in brackets
  as another thing's name: "Reporters sans frontières (RSF)" for the Rapid Support Forces,
  ``initials.glossed_as``), or only before a kind of place or work the
  topic is not of ("Kakhovka dam" for the town of Nova Kakhovka: ``kinds.foreign_kinds``), or
  writes the name as a namesake's: a storm's as a person's given name before a surname
  ("Helene Fischer" for Hurricane Helene: ``_storms_named_as_persons``), or
  qualified by a country that is not the topic's ("Al-Shabaab (Mozambique)"), or given as a
  local name in a story of such a country ("known locally as al-Shabab"), or said to be a
  thing of such a country by the sentence the text opens with ("Al-Shabaab ... is an
  Islamist militant group active in Cabo Delgado Province, Mozambique."), or, in English, a
  name the description gives as the topic's local one in a story of a country far from the
  topic's, none of whose countries or their towns the text names ("US airstrikes in Somalia
  kill three al-Shabab militants" for Mozambique's insurgents, "known locally as
  al-Shabab": ``Matcher._namesakes``, ``_Places``); or writes it
  inside another watched topic's name, which then has it wherever the text writes it, bare
  too ("Yarmouk refugee camp" and "trapped inside Yarmouk" for the Yarmouk Valley:
  ``Matcher._rival_hits``);
- ``topic_words``: log(1 + the weights of the topic's own common words that the title and lead
  write: "reservoir", "shipping", "mercenaries" of its name, aliases and description, not its
  names, each weighing how rare English writes it (``monitor.match.lexical``), so a text that
  uses the words the analyst chose for the topic scores higher than one merely near in
  meaning;
- ``about_count``: log(1 + how many of the description's own proper names the text writes)
  (Bab el-Mandeb, Prigozhin, Daraa; an acronym, IAEA, in capitals only), as names (a
  lower-case "several" is no Israel) and as their spellings (``aliases.spelled_alike``:
  "Korean" is no Ukraine), in the title and lead (``ABOUT_CHARS``): the text is about the
  same places and people, even where it never names the topic (a predecessor's name, a
  description); a given name only beside its surname ("Rafael" of Rafael Grossi:
  ``leading_names``), and an everyday word of a name only beside that name ("State" of
  "Islamic State": ``everyday_name_words``); a country and its people's adjective as one name
  ("Sudanese" in the description, "Sudan" in the text, or "Syria" and "Syrian":
  ``aliases.country_of_people``, ``aliases.peoples_of_country``), and a country of several
  words as one name, that country's ("United States" for "US"; "South Sudan" is no Sudan:
  ``exonyms.countries_written``), and a name of several words once where its other words are
  a given name or everyday words ("Yevgeny Prigozhin", "African Union"; "Islamic State" counts
  twice: see ``features``); not a word that the text writes inside another watched topic's
  name which the description does not write ("Yarmouk" of "Yarmouk refugee camp", and then
  bare, for a group that held the "Yarmouk basin"): one name, one sense;
- ``other_of_kind``: for a topic whose names end in a kind of place or work ("Kakhovka dam",
  "Strait of Hormuz"), the text's headline names another thing of that kind by a name of its
  own ("Eight Russian missiles hit Dnipro HPP"), or a plant of another kind by the topic's
  ("Zaporizhzhia thermal power plant" for the nuclear one), and none of the topic's names (or
  its lead does, where the text writes none of them anywhere): a story of that other thing
  (``monitor.match.kinds``); for a watched person, the headline names another by a title
  ("Prime Minister Oli": ``people.titled_others``) or in full ("Ahmet Özer":
  ``people.named_others``; another of the family too, "Mohammed Sinwar" for Yahya Sinwar:
  ``Matcher._kin_named``); for a topic of an outbreak or a disaster
  in a country ("Marburg virus in Rwanda": ``placed_events``), the headline names countries,
  by their names, none of which the topic's name, aliases or description names ("Marburg
  virus break out in southern Ethiopia"); for a storm's ("Cyclone Freddy"), it names another
  storm ("Cyclone Jude": ``kinds.other_storms``); for a topic whose names give its year ("2022
  Pakistan floods": ``name_years``; a storm's or a country's disaster's description may give
  it, and a person's the year the role it opens with began: "president of Colombia since
  August 2022"), the headline names years, all before it ("Pakistan, Floods 2010", "Orkan Otis
  (2005)", "... la segunda vuelta presidencial de 2018").

A topic written without a description (name and aliases only) is decided by its names alone
(``WEIGHTS_NAMES_ONLY``): closeness to a bare name says little.

A non-English article (``monitor.match.language``) is read by the multilingual model when one
is loaded: its similarities are z-scores against the same background news written in its own
language (a cross-lingual cosine sits lower than a same-language one), and a second small
regression, ``WEIGHTS_MULTILINGUAL``, decides from them, the name hits, the description's
names the text writes (Arabic and Cyrillic spellings are transliterated to meet the Latin ones),
``other_of_kind`` (of its kinds, only another country's story in the headline, by the names
the text's language gives countries: "Tchad", "Guinea Ecuatorial", another storm's: "la
tempête tropicale Ana", another person's named in full: "Murió Khaleda Zia", and an earlier
year's; where the headline so names another's story, a name of the topic's written only after
it is written in passing and no name hit) and
``other_name``, the topic's name written in another sense (a namesake's in a story of
Mozambique, in French, Spanish or Portuguese too: ``_NAMED_LOCALLY``, ``story_place``).

An ``exclude`` sense of the topic clearly nearer to the article than the topic (by
``EXCLUDE_MARGIN``; on the multilingual path by background z-scores: ``ex_nearer`` in
``Matcher.features``) multiplies the score by ``PENALTY``: the user said that sense is not
wanted. So does another field's story, sport's or the screen's, music's and books', for a
topic whose description and names speak of no such thing (``monitor.match.fields``: "FC
Kramatorsk" for the city, Charlton Heston's "Khartoum"). The evidence dict also shows what
was not scored but helps a reader: the other watched
topics that the text names by alias (``other_sense``).
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from wordfreq import zipf_frequency

from monitor.domain import Match, Topic
from monitor.errors import ModelError
from monitor.match.aliases import (
    ARABIC_GROUP_WORDS,
    CAMEL_CASE,
    COMMON_ZIPF,
    GROUP_NAME_WORDS,
    GROUP_WORDS_AFTER,
    HASHTAG,
    HYPHENED_LINK,
    IZAFAT,
    JOINED_BEFORE,
    LATIN,
    LINK_WORDS,
    NAME_ZIPF,
    PLANTS,
    AliasHit,
    AliasIndex,
    Token,
    as_acronym,
    base_forms,
    by_name_in_arabic,
    capitalised_runs,
    cased_names,
    city_spellings,
    compile_aliases,
    consonants_alike,
    country_of_people,
    derived,
    derived_from,
    exact_key,
    in_other_name,
    inflected,
    is_acronym,
    key_forms,
    language_spellings,
    latin_spellings,
    named_so,
    names_elsewhere,
    peoples_of_country,
    skeleton,
    spelled_alike,
    starts_sentence,
    title_case,
    tokens,
    without_cedilla,
)
from monitor.match.background import BACKGROUND, BACKGROUND_BY_LANGUAGE
from monitor.match.dates import MONTH_WORDS, days_written, event_days
from monitor.match.embed import (
    CLOSERS,
    PASSAGE_CHARS,
    SENTENCE_STOPS,
    ArticleVectors,
    Embedder,
    plain_text,
    split_passages,
    without_title,
)
from monitor.match.exonyms import (
    CASED_LOCALES,
    COUNTRY_ACRONYMS,
    city_countries,
    continent,
    countries_on,
    countries_written,
    country_codes,
    country_name,
    country_names,
    country_spellings,
    is_country,
    is_place,
    is_region_word,
    local_country_codes,
    neighbours,
    same_country,
)
from monitor.match.fields import FIELDS, FieldStory, field_story, fields_spoken_of
from monitor.match.gazetteer import city
from monitor.match.initials import (
    NAME_LINK_WORDS,
    armed_forces_forms,
    glossed_acronyms,
    glossed_as,
    initials,
    initials_of,
    short_forms,
    spelled_out,
)
from monitor.match.kinds import (
    SAME_WORK_WORDS,
    KindMention,
    described_keys,
    foreign_kinds,
    headline_of,
    headline_other,
    is_storm_word,
    kinds_counted,
    kinds_of,
    mentions,
    other_storms,
    own_name_keys,
    storm_names,
    storms_named,
)
from monitor.match.language import ENGLISH, detect
from monitor.match.learn import Learned
from monitor.match.lexical import is_everyday, stem, text_words, topic_words
from monitor.match.people import (
    GROUPS,
    TITLES,
    NamedInFull,
    another_persons,
    describes_group,
    describes_person,
    leaders,
    named_others,
    parent_names,
    parents,
    spelled_like,
    surname,
    surnames,
    titled_others,
)

# The score is a probability-like estimate that an analyst watching the topic wants the article:
# on the labelled dev texts, with weights fit on the other set, 90% of the articles scored 0.8
# or more were wanted, about half of those near 0.5 (bench/relevance.py). So one default
# threshold (``matching.threshold``) serves every topic, and a topic's own ``threshold:`` is a
# precision/recall choice.
# Logistic-regression weights over the features above (see the module docstring).
# ``name_absent`` counts the share of a topic's names that a text leaves out where the topic's
# name writes several (``name_parts``, 2026-12-03; of the 20 topics of bench/relevance.py
# only "Houthi attacks on Red Sea shipping" does): cross-set macro F1 A 0.822 -> 0.822, B
# 0.900 -> 0.910 (Houthi precision 0.92 -> 1.00: d2-002, the Houthis' war on land, 0.55 ->
# below 0.5, a miss that bench/relevance.py listed, so not blind), pooled English precision
# 0.81 -> 0.82 at the same recall; each topic scored by weights fit on the seven others A
# 0.793 -> 0.793, B 0.891 -> 0.875 (refit without Wagner Group, d2-061, a Kherson front
# story scored 0.43 by the shipped weights, crosses 0.5); 3 + 3 labels (bench/learning.py,
# cross-set) B 0.885 -> 0.897. The weights below were refit then.
# ``topic_words`` (2026-12-02) is the one feature whose single-set fits agree in sign and size
# beside the others (+0.86 on set A, +1.63 on set B; ``word_only`` and ``z`` did not): English
# texts, cross-set macro F1 A 0.742 -> 0.809, B 0.878 -> 0.862 (Houthi Red Sea's recall 0.83
# -> 0.75), each topic scored by weights fit on the seven others 0.697 -> 0.773 and 0.844 ->
# 0.875, pooled P / R 0.81 / 0.80 -> 0.81 / 0.83; with 3 + 3 labels (bench/learning.py,
# zero-shot cross-set) 0.791 -> 0.830 and 0.853 -> 0.864. Its form was chosen on prototypes by
# the mean of those four figures (so the choice saw both sets): the description's words
# alone, or with the names' common words ("mercenaries" of "Wagner mercenaries"), stemmed by
# a crude suffix stripper or by Snowball with scikit-learn's stop words: 0.828, 0.816, 0.807,
# 0.829 (this form), 0.790 without the feature. Alone, the description's words cost Wagner
# Group its recall (leave one topic out 1.00 -> 0.77: its texts say "mercenaries", the
# description "private military company"). As shipped (wordfreq's short list, words split at
# hyphens, names' particles such as "bin" left out: the golden digest showed "bin" as a topic
# word) the plain sum scored 0.828 and the sum read against the square root of the topic's
# whole weight (TOPIC_WORDS_REFERENCE) 0.830; the latter is kept because a longer
# description no longer lifts every text: each dev description with one generic sentence
# added ("It covers the news, reports and analysis of it, statements by officials, ...") cost
# in-sample precision A 0.87 -> 0.78 and B 0.86 -> 0.79 with the plain sum, 0.87 -> 0.83 and
# 0.85 -> 0.82 so (0.86 -> 0.79, 0.86 -> 0.84 without the feature). What it costs: a text
# whose lead is long writes more of any topic's words (the dev texts joined four at a time,
# set A's precision 0.78 -> 0.68), and a one-sentence text that names the topic and none of
# its words scores lower ("Government troops fought the Islamic State affiliate for the
# Yarmouk Valley villages.": 0.845 -> 0.455).
# ``z`` (the
# names and the description together) is not among them: its weight fit on set A was +0.88 and
# on set B +0.09 (z_about's +0.40 and +0.70), so how much a new watchlist's texts would lean on
# it was anyone's guess, and it counted the names the alias hit counts already. Without it the
# single-set fits agree (z_about +1.16 / +0.80, bias -6.17 / -5.65), and cross-set macro F1 on
# the English texts is A 0.742 -> 0.742, B 0.851 -> 0.878 (al-Shabaab's precision 0.65 ->
# 0.73: Mozambique's "al-Shabab", the Dubai football club; Houthi Red Sea 0.83 -> 0.91), pooled
# precision 0.78 -> 0.81 at the same recall (0.80), the 0.6-0.8 band of scores 82 % -> 90 %
# wanted; each topic scored by weights fit on the seven others 0.706 -> 0.697, 0.846 -> 0.844
# (a tie: pooled over the eight topics one wanted pair and one false alert fewer).
# Fit with scikit-learn (L2, C=15) on the English texts of both labelled dev sets combined, each set
# weighing the same (../shared/eval: 105 texts x 4 topics, 8 topics in all), and each text
# entering also as if its topic's description named only its first 0, 1, 2 or 3 places and
# people (the copies weighing once in all): the dev descriptions name five to seven, a user's
# may name one or none, and weights fit on the descriptions as written then lean on
# about_count so much that a topic described without proper names misses most of its texts
# (English texts, macro F1 0.46 / 0.73 cross-set on sets A / B with the names cut to none,
# 0.68 / 0.81 with one; fit over the cuts 0.73 / 0.86 and 0.80 / 0.86; on the descriptions as
# written 0.81 / 0.86 against 0.83 / 0.85, each topic scored by weights fit on the seven others
# 0.77 / 0.87 against 0.81 / 0.84: bench/relevance.py prints the whole table). C by the mean
# of those cross-set and leave-one-topic-out figures over every cut (C 1, 3, 15, 30: 0.785,
# 0.788, 0.790, 0.789, when it was chosen, before topic_words).
# A summary (each text cut to its lead, as most feeds give it; bench/relevance.py) loses
# recall: macro F1 cross-set and leave one topic out 0.65 / 0.78 / 0.61 / 0.77 at ~500
# characters, 0.55 / 0.74 / 0.50 / 0.71 at ~200 (0.65 / 0.75 / 0.61 / 0.77 and 0.55 / 0.71 /
# 0.53 / 0.67 before a country and its people met as one name, 2026-12-02; 0.57 / 0.80 /
# 0.61 / 0.71 and 0.54 / 0.73 / 0.49 / 0.68 before topic_words). Fitting on the texts and their
# leads together finds more in summaries (~200: 0.63 / 0.76 / 0.48 / 0.74) but costs the whole
# texts precision (pooled English cross-set P 0.80 -> 0.76 for R 0.80 -> 0.91 when last
# measured; 0.81 -> 0.74 when first tried): not kept; full_text: auto, which reads the article
# page, is the fix for a feed of summaries.
# bench/relevance.py refits the weights and prints the honest figures beside them: weights fit
# on one set and scored on the other, both ways; each topic scored by weights fit on the seven
# others; an ablation. The two single-set fits agree in sign, except other_name (-3.2 on set A,
# 0 on set B, where no text writes a name word only inside another name). alias_count (log of
# the number of name hits) left out: fit on both sets it took a negative weight.
# Dropped by that ablation (no gain on either set, or a loss on one): z to the names alone, an
# alias in the title, another watched topic named by alias and nearer; a name word written
# without any alias (word_only: cross-set A 0.779 -> 0.850, B 0.851, but leave one topic out
# B 0.828 -> 0.811, and its weight is -0.14 fit on set A, +1.86 on set B: it mostly sets the
# topics with a distinctive name word apart from those without one, such as Wagner Group,
# whose names are all words of the vocabulary); and earlier rules fit on
# set A only: the eponym, a rival topic sharing a name word, a place of the description beside
# the name word (ABSENT_SHIFT, SUPPORT_SHIFT, ALIAS_FLOOR, Z_MID are gone). Also tried: the
# multilingual model's z on English texts as a second opinion (only where the English path is
# unsure: cross-set A 0.776 -> 0.838 but B 0.818 -> 0.824, fit on set A it weighs -0.08, and
# leave-one-topic-out over the 8 topics it loses 0.02 on both sets: not kept).
# Refit 2026-12-03 when a name qualified by another country became a namesake's
# (``Matcher._namesakes``): set B's one such text (d2-085, whose form the rule was written
# for, so set B's gain is not blind) gave other_name a weight there too (fit on B 0 -> -1.36),
# which set A's namesakes in other names ("Yarmouk University", "Jaish al-Islam") then met:
# cross-set macro F1 A 0.822 -> 0.841 (Yarmouk Valley's precision 0.75 -> 0.82, JKBW's 0.70 ->
# 0.78), B 0.910 -> 0.918 (al-Shabaab's 0.73 -> 0.79); pooled English precision 0.82 -> 0.86
# at recall 0.85; each topic scored by weights fit on the seven others A 0.793 -> 0.793, B
# 0.875 -> 0.884.
# other_of_kind (``kinds``: the headline names another thing of the topic's kind of place, and
# none of the topic's names: "Eight Russian missiles hit Dnipro HPP" for the Kakhovka dam) came
# 2026-12-05, and the weights were refit with it (the shipped ones had drifted from a refit:
# alias 1.88 against 1.63). On the dev texts it is 1 for four texts of set B, all hard
# negatives of the Kakhovka dam (other dams and reservoirs hit; two of them false alerts
# before, d2-062 and d2-084, at 0.99), for no wanted pair, no text of set A and no feed item;
# fit on set B it weighs -6.72, on set A 0 (no text to fit), on both -5.70. Cross-set macro F1:
# set A 0.831 -> 0.873 (fit on set B, whose other weights no longer bend to those two texts:
# recall 0.78 -> 0.94 for precision 0.83 -> 0.77, pooled over its topics' pairs), set B 0.918
# -> 0.918; each topic scored by weights fit on the seven others A 0.793 -> 0.783, B 0.884 ->
# 0.884; pooled English precision 0.85 -> 0.81 at recall 0.85 -> 0.92. Learned 3 + 3,
# cross-set: A 0.838 -> 0.853, B 0.906 -> 0.906. The organisation probe of bench/relevance.py
# (topics written by full names) takes two false alerts more at 0.52 and 0.54, by the refit.
# Refit again later that day when a name given as a local one in a story of another country
# ("known locally as al-Shabab" in Mozambique) became a namesake's: set B's two such texts
# (d2-026, d2-083, false alerts at 0.96 and 0.85, whose form the rule was written for, so set
# B's gain is not blind) no longer hold the name's weight down (alias fit on both 1.80 -> 2.12,
# on set B 2.07 -> 2.78). Cross-set macro F1: set B 0.918 -> 0.936 (al-Shabaab's precision
# 0.79 -> 0.92), set A 0.873 -> 0.865 (by the fit on set B: Yarmouk Valley's false alert on
# d015 at 0.51); each topic scored by weights fit on the seven others A 0.783 -> 0.783, B
# 0.884 -> 0.888. No decision of the probes of bench/relevance.py changed.
# Refit a third time that day when a name word written inside another watched topic's name
# became that topic's throughout the text (``Matcher._rival_hits``: "Yarmouk refugee camp" and
# a bare "Yarmouk" are no name of the Yarmouk Valley written). It is 1 on 13 texts of set A
# (stories of the camp for the valley, and of the valley for the camp), on none of set B, whose
# topics share no name word, and on no feed item; read off set A's d014 and d015 (false
# alerts for the valley at 0.74 and 0.51), so set A's gain is not blind. Fit on both: alias
# 2.12 -> 1.65, name_absent -2.23 -> -2.82, other_name -4.11 -> -4.86. Cross-set macro F1:
# set A 0.865 -> 0.882 (Yarmouk Valley's precision 0.64 -> 0.75), set B 0.936 -> 0.925 (by the
# fit on set A: the Wagner Group's false alert on d2-061, a story of the Kherson front, at
# 0.59); each topic scored by weights fit on the seven others A 0.783 -> 0.806, B 0.888 ->
# 0.904; pooled English precision 0.82 -> 0.83 at recall 0.92. The probes of
# bench/relevance.py: topics of other fields R 0.73 -> 0.80, no other decision changed.
# Refit a fourth time when a short name made only of the model's words counted its rarer ones
# as name words (``vocab_name_words``: Taliban, Hamas, Wagner of "Wagner Group"), so that a
# text never writing them leaves the name out (``name_absent``) as one never writing "Yarmouk"
# does. Of the dev topics only the Wagner Group is so named: the rule changes none of set A's
# texts, and its gain there, through the fit on set B, is blind. Fit on both: bias -6.90 ->
# -5.86, alias 1.65 -> 1.20, name_absent -2.82 -> -3.18; on set B name_absent -1.40 -> -2.48.
# Cross-set macro F1: set A 0.882 -> 0.908 (the offensive 0.88 -> 0.94, Yarmouk Valley 0.82 ->
# 0.86), set B 0.925 -> 0.924 (d2-061, a story of the Kherson front, no false alert for the
# Wagner Group any more; d2-023, which writes only "Russian mercenaries" and Prigozhin, is
# missed); each topic scored by weights fit on the seven others A 0.806 -> 0.858, B 0.904 ->
# 0.906; pooled English precision 0.83 -> 0.86 at recall 0.92. The probes: organisations by
# their full names P 0.50 -> 0.62 (R 0.71), topics of other fields P 1.00 -> 0.92 (an opioids
# false alert at 0.61; R 0.80), topics without a description scored by these weights 0.776 /
# 0.683 -> 0.801 / 0.729; the others' decisions unchanged.
# Refit a fifth time (2026-12-05) when a description's name that the text writes only inside
# another watched topic's name stopped counting for about_count ("Yarmouk" of "Yarmouk refugee
# camp" for the group that held the "Yarmouk basin": ``_hit_words``). It changes five pairs of
# set A, none wanted (the group's d013-d016, stories of the Islamic State in the camp, and the
# valley's d005), read off d014-d016, so set A's gain is not blind; set B's topics share no
# name, and its gain comes through the fit on set A alone, whose about_count now weighs +0.48
# (+0.23). Fit on both: about_count 0.36 -> 0.57; the multilingual path's 0.89 -> 1.06.
# Cross-set macro F1: set A 0.908 -> 0.917 (JKBW's precision 0.71 -> 0.77), set B 0.924 ->
# 0.935 (the Houthi attacks' recall 0.92 -> 1.00: d2-018, the EU's Aspides, 0.49 -> 0.53);
# each topic scored by weights fit on the seven others A 0.858 -> 0.849 (d011, whose label
# its note calls doubtful, at 0.50), B 0.906 -> 0.906; pooled English P 0.86 -> 0.87 at R
# 0.92 -> 0.94. The probes: people P 0.76 -> 0.78 at R 0.87 -> 0.93; organisations by their
# full names P 0.62 -> 0.50 (two false alerts more, at 0.51 and 0.53, by the larger weight
# of the description's places); topics no dev set has 8 -> 7 alerts; the feed stream none.
# Refit a sixth time (2026-12-05) when a group's parent named otherwise ("ISIS", "Daesh" for
# the Islamic State: ``people.parent_names``) with the group's place stopped leaving the
# group's name out: set A's d008 and d009 (JKBW, wanted, read before: not blind) no longer
# hold name_absent's weight down. Fit on both: name_absent -3.18 -> -4.79, z_about 0.95 ->
# 0.67, bias -5.89 -> -4.68 (fit on set A alone: name_absent -3.48 -> -4.75). Cross-set macro
# F1: set A 0.910 -> 0.938 (JKBW 0.80 -> 0.91: those two texts), set B 0.947 -> 0.947; each
# topic scored by weights fit on the seven others A 0.892 -> 0.922, B 0.936; pooled English P
# 0.90 R 0.92 -> P 0.90 R 0.95. The probes, by these weights against the fifth fit's:
# organisations by their full names P 0.50 -> 0.88, R 0.86 -> 1.00 (Kenya's defence forces no
# longer alerted by three al-Shabaab stories, nor HTS by two of other Syrian groups); groups
# named by a code P 0.50 -> 1.00; broader topics R 0.71 -> 0.78 at P 0.88 -> 0.87; namesakes
# P 0.69 -> 0.60 (five more false alerts at 0.51-0.57: the Battle of Yarmouk by two stories
# of the Islamic State in the Yarmouk basin, the Nova Kakhovka town by two of the drained
# reservoir, the Ever Given by the Suez Canal's revenues); people, other fields, topics no
# dev set has and the feed stream unchanged. Over all probes as many false alerts (28) and
# five wanted pairs more.
# The fit stays on the two dev sets (2026-12-06). Fit on them with the English texts of eight
# sets of real texts gathered for 32 other topics (those sets weighing g dev sets in all), the
# weights scored four more such sets, which no fit or rule had read, no better: macro F1 of
# their English texts 0.717 as shipped (g = 0), 0.694, 0.694, 0.709, 0.715, 0.722 at g = 0.5,
# 1, 2, 4, 8; the eight sets themselves, each left out of its fit in turn, 0.711 -> 0.720,
# 0.715, 0.728, 0.751, 0.741; the dev sets' English texts cross-set, set A 0.933 -> 0.916,
# 0.897, 0.848, 0.833, 0.817, set B 0.936 -> 0.960 (the dam's others of its kind, of which set
# A has none, get a weight), 0.946, 0.911, 0.876, 0.822.
WEIGHTS: dict[str, float] = {
    "z_about": 0.67,
    "alias": 0.94,
    "name_absent": -4.79,
    "other_name": -5.24,
    "about_count": 0.54,
    "topic_words": 1.39,
    "other_of_kind": -5.59,
}
# The dev fit's intercept (-4.68) moved down by ``UNSEEN_SHIFT``. On watchlists no rule or
# weight was fit on, an English text sent at 0.50-0.57 was seldom wanted: over eight sets of
# real texts gathered for 32 other topics and read here, every English decision a shift of
# -0.2 to -0.4 changes (six, all at 0.51-0.55: a footballer named Traore for Burkina Faso's
# Ibrahim Traoré, Jean-Marie Le Pen's obituary for Marine Le Pen, a basketball tournament
# moved by the Maui fires, a story of Cairo's Tahrir Square for Hayat Tahrir al-Sham...) is a
# false alert removed, their macro F1 0.851 -> 0.859 (from -0.5 on, wanted texts go too); the
# shift's middle was then scored on twelve more such sets that no fit, rule or reading had
# touched (four of them gathered after it was chosen): seven false alerts removed, no wanted
# pair lost, macro F1 0.850 -> 0.856 (eight) and 0.841 -> 0.847 (four). On the dev sets no
# English pair scores in that band: their cross-set figures do not move (bench/relevance.py).
# Its cost there is to topics a dev set's texts were read against (bench/relevance.py's
# probes): three wanted pairs at 0.54-0.56 fall below 0.5 and three false alerts at 0.53-0.57 go.
UNSEEN_SHIFT = -0.3
BIAS = -4.68 + UNSEEN_SHIFT
WHOLE_NAME_LETTERS = 4  # a group's name of this many initials at most is distinctive whole
BRIEF_CHARS = 1000  # name_absent counts in full in a text this long or longer
# A headline's short form of a word of a topic's name, by stem (``plain_names``): "quake".
_HEADLINE_SHORT = {stem("quake"): stem("earthquake")}
# topic_words is the weight of the topic's words a text writes, read against the square root of
# how much all its words weigh, so that a longer description does not lift every text by the
# common words it adds; a description whose words weigh this much in all (about the dev
# descriptions' median: two sentences) keeps the plain sum.
TOPIC_WORDS_REFERENCE = 20.0
# about_count reads the description's names in the title and this many characters of the text
# (the first passage's worth): counted in the whole text, the count grows with the text's
# length whatever it is about (bench/relevance.py, texts joined).
ABOUT_CHARS = PASSAGE_CHARS
# A watched person named first this many characters into a text (the headline aside) is named
# in passing (``Matcher.features``): about the first three sentences of a news story.
PERSON_LEAD_CHARS = 600
FEATURES = tuple(WEIGHTS)
# A topic written without a description (no ``about:``; name and aliases only, like a search
# query) has no description to be near and none of its names to find, and closeness to its
# names alone says little ("Wagner's Ring cycle" is as near to "Wagner Group; PMC Wagner" as
# news of the group). On the dev texts with every description removed, the weights above give
# macro F1 0.74 / 0.64 on sets A / B (plain alias search 0.46 / 0.60). Refit on those texts,
# only the name hit pays its way: 0.734 / 0.724 cross-set and leave one topic out alike; adding
# z (the names' closeness) gives 0.734 / 0.724 and 0.723 / 0.717, the name word rules nothing
# more (bench/relevance.py). So such a topic is decided by its names, spelling-tolerant as
# ever: a hit scores 0.88 (about that share of those hits were wanted), none 0.08; exclude
# senses and the analyst's labels move it as any other. In other languages too: on the 15
# non-English texts so stripped, the name hit finds 9 of 13 wanted pairs, the multilingual
# weights 6 (no false alert either way).
WEIGHTS_NAMES_ONLY: dict[str, float] = {"alias": 4.39}
BIAS_NAMES_ONLY = -2.39
# The non-English path: fit (C=15, over the same cuts of the descriptions) on every dev text of both
# sets as the multilingual model reads it -- the 105 English ones too, each against the English
# background in that model's space as another language's text against its own -- with an intercept
# of its own for a text not in English (+1.99: its cosines to an English topic run lower), which the
# bias here takes in, since this path reads no English text. (Refit 2026-12-03: the shipped
# weights were a fit of several changes back, bias -3.48, alias 3.66, about_count 0.91; as now
# fit, every wanted non-English pair of the dev sets is still found in sample, over the real feed
# snapshots' items the pairs scored 0.2-0.4 are 1 against 5, and over the topics no dev set has a
# Ukrainian story of the Kakhovka dam is no longer filed under the Zaporizhzhia nuclear plant
# (0.58); no probe's decision changed.) Scored leave one text out, it finds 13
# of the 13 wanted non-English pairs with no false alert, leave one topic out 11 with none (12 and
# 10 before a name the description gives in brackets was an alias, 2026-12-03: an Arabic story that
# names the Houthis only as "أنصار الله", 0.49 -> 0.96; 12 and 9 when fit; 11 and 11
# before a description's plural name was met in the singular: "الحوثيون" for Houthis lifted an
# Arabic text from 0.49; 12 and 11 before an alias's kind word was read in Arabic, "مجموعة فاغنر"
# for Wagner Group, which lifted that Arabic text from 0.68 to 0.98 but, one more foreign text
# explained by its name, lowered the foreign intercept from 2.37, and two pairs at 0.50 and 0.55
# fell to 0.48 and 0.49 when their topic was left out). Fit as before on the 15 non-English texts
# alone (60 pairs, C=3), with z_about: 12 with 2 false alerts and 11 with 2; without it 12 with 1
# and 12 with none (bench/relevance.py) -- on the dev texts about as good. The difference is on
# texts about other things: fit on so few texts, that path trusts the multilingual model's closeness
# (z 1.1-1.4) more than it holds. Over the non-English items of the real feed snapshots
# (../shared/feeds/news, none about a dev topic) it sent 1 alert (pairs scored 0.4 or more: 4), now
# none (0.2 or more: 6); over six topics that no dev set has (bench/relevance.py, NEW_TOPICS), the
# non-English dev texts and feed items drew 6 alerts, 4 of them false (a Ukrainian story of the
# Kakhovka dam filed under the Nord Stream sabotage at 0.82, a Russian joke under the Zaporizhzhia
# nuclear plant), then 3, 1 false (a French story of al-Shabaab that names Boko Haram in passing,
# 0.92), now 2, none false, since a name written after the lead no longer counts on this path
# (``late`` in ``Matcher.features``; no dev pair changed). z_about is left out: its weight fit
# so was -0.09, and the counts are the same without it.
# about_count reads Arabic and Cyrillic spellings of the description's names (aliases.py
# transliterates both), in the title and lead as in English.
# other_name came 2026-12-05 (refit with it: z 0.61 -> 0.63, alias 3.81 -> 3.59, about_count
# 1.06 -> 1.02, bias -3.83 -> -3.76): a name the text writes in another sense (inside another
# thing's name, as a namesake's, or inside another watched topic's name) is no evidence on
# either path, and without it a namesake read by this path lost its name hit but kept the
# closeness ("conocidos localmente como Al Shabab" in a Spanish story of Mozambique: 0.53).
# It is 1 on 21 pairs of the dev texts as this path reads them, none wanted; by the weights
# fit on the other set, this path's precision on the English texts (the hard negatives, read
# as it reads them) rose on set A 0.67 -> 0.74 (the Yarmouk camp and Yarmouk University for
# the valley, Jaish al-Islam's Douma for the group), set B 0.84 as before; the non-English
# texts as before (13 and 11 of 13 wanted pairs, no false alert). Over the topics no dev set
# has, the refit lets one more alert through: a Ukrainian story of the Kakhovka dam for the
# Zaporizhzhia nuclear plant, 0.48 -> 0.51 (it never names the plant).
# other_of_kind came 2026-12-06 (refit with it: alias 3.59 -> 3.82, z 0.63 -> 0.65, bias -3.76
# -> -3.86; its weight comes from the dev texts in English, the dam's others of its kind): on
# this path a headline that names only other countries, for a topic of an outbreak or a
# disaster in a country (``Matcher.placed_events``). No non-English dev text has it; the dev
# results are as before (13 and 11 of 13 wanted pairs, no false alert). On fourteen sets of
# real texts gathered for other topics it dropped four false alerts of this path ("Séisme de
# 2023 au Maroc" for the Turkey-Syria earthquake, 0.94 -> 0.16; "Le Canada ordonne à TikTok de
# fermer sa branche locale" for the US ban, "Tchad : 68 morts du choléra" for Cholera in
# Sudan, "Un brote del virus de Marburgo en Guinea Ecuatorial" for Rwanda's) and moved no wanted
# pair by more than 0.05; the refit moved two pairs across 0.5 (0.503 -> 0.497 and 0.501 ->
# 0.497, neither wanted).
WEIGHTS_MULTILINGUAL: dict[str, float] = {
    "z": 0.65,
    "alias": 3.82,
    "about_count": 1.02,
    "other_name": -3.50,
    "other_of_kind": -4.56,
}
BIAS_MULTILINGUAL = -3.86
log = logging.getLogger(__name__)

PENALTY = 0.4  # factor for an article nearer to one of the topic's ``exclude`` senses
# ... nearer by this much in cosine: a short sense and a long description are two queries
# whose cosines to a text differ by chance, and a sense shares the topic's names, so news of the
# valley's war sat a little nearer to "Battle of Yarmouk in 636" than to the valley's
# description. With the other senses that the dev sets' READMEs say their hard negatives share
# written as ``exclude`` (bench/relevance.py, exclude senses), cross-set macro F1 by margin:
# set A, none 0.794, 0 (as it was) 0.720 (5 wanted pairs pushed down, 4 of them found
# without the senses; no false alert removed), 0.025 0.740, 0.05 0.794 (none pushed down);
# set B, none 0.853, 0 0.882 (3 pushed down, 1 found; 5 of 10 false alerts removed), 0.05
# 0.883 (none pushed down, 4 removed), 0.1 0.876. Chosen on set A (the smallest round margin
# that spares its wanted pairs), measured on set B. (With today's weights: set A none 0.757,
# 0 0.684, 0.025 0.703, 0.05 0.757; set B none 0.865, 0 0.882, 0.05 0.896, 0.1 0.888.)
EXCLUDE_MARGIN = 0.05
_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


def description_names(topic: Topic, vocab: frozenset[str] = frozenset()) -> dict[str, str]:
    """Skeleton key -> folded word of the proper names the description writes besides the
    topic's own names, each once, in the order written: its capitalised words, months aside, a
    word whose capital only opens a sentence aside unless it is a place, a people, an acronym
    or a word that the model's ``vocab`` lacks and English seldom writes (``unknown_name_word``:
    "Somali jihadist group", "Dnipro river dam at Nova Kakhovka", "Prigozhin's mercenaries";
    not "Attacks by ...", "This topic covers ..."), and short words
    that English writes every day aside ("Sea", "Red", "Lake": ``lexical.is_everyday``; their
    skeleton does not tell them apart, and they would hit too much; not "Goma", "Kivu",
    "Doha", "Homs") unless they name a country or a main city ("Iran", "Gaza":
    ``exonyms.is_place``) or they are acronyms ("FAA", "WHO", "US": ``short_acronyms``) or
    they are a name of such words alone ("Red Sea", "West Bank", whatever name of the topic
    writes it: "Red Sea shipping"), which counts as one (``everyday_name_words``); a
    country and its people are one
    name ("Sudan's ... the Sudanese army"). A place that a longer name of the topic writes is
    the description's too, whether the description writes it or not ("Turkey" of "2023
    Turkey-Syria earthquake", "Haiti" of "Haiti gang violence": a text that names the place,
    not the event, is about the same place), unless the description names that country
    already ("Syria" of "Southern Syria offensive" beside its "Syrian"); one that a name or
    alias is alone ("Gaza") is the alias's to find. A second name of the same consonants that
    is not derived from the first (``aliases.derived``: "Niger" after "Nigeria", not
    "Somalia" after "Somali") is a name of its own, keyed by the skeleton, a space and the
    word (``skeleton_of``)."""
    named = [(n, tokens(n)) for n in (topic.name, *topic.aliases)]
    own = {tok.key for _, toks in named for tok in toks}
    alone = {toks[0].key for _, toks in named if len(toks) == 1}
    names: dict[str, str] = {}

    def add(tok: Token) -> None:
        key = tok.key
        first = names.get(key)
        if first is not None and not (derived(tok.word, first) or derived(first, tok.word)):
            key = f"{key} {tok.word}"
        names.setdefault(key, tok.word)

    # (a description written over several lines, `about: |`, breaks them anywhere)
    flowed = topic.about.replace("\n", " ")
    whole = {tuple(tok.key for tok in toks) for _, toks in named}
    of_everyday_words = {
        tok.start
        for run in capitalised_runs(flowed)
        for words in [[tok for tok in run if tok.word not in ENGLISH_STOP_WORDS]]
        if len(words) > 1
        and all(_short_everyday(flowed, tok) for tok in words)
        and tuple(tok.key for tok in words) not in whole
        for tok in words
    }
    offices = office_words(flowed)
    for tok in tokens(topic.about):
        if not topic.about[tok.start].isupper() or tok.word in _MONTHS or tok.start in offices:
            continue
        # A name of short everyday words alone ("Red Sea", "West Bank"), none of them a name
        # by itself, is one all the same, wherever it stands and whatever name of the topic
        # writes it ("Red Sea shipping"), unless a name or an alias is that name alone: its
        # words count beside each other only (``everyday_name_words``).
        if tok.start in of_everyday_words:
            add(tok)
            continue
        acronym = written_acronym(topic.about, tok)
        # (a capital that opens a sentence says nothing, but a place, a people, an acronym or
        # a word the model does not know is a name wherever it stands: "Somali jihadist
        # group", "Yemen's Houthis", "Dnipro river dam ...". Not "Islamic" of "Islamic
        # State-affiliated group" opening the group's description, counted a name since the
        # rest of its name follows: set A's stories of the Islamic State in the Yarmouk camp
        # wrote it, cross-set macro F1 0.917 -> 0.908, 2026-12-05.)
        if starts_sentence(flowed, tok.start) and not (
            acronym
            or is_place(tok.word)
            or country_of_people(tok.word)
            or (vocab and unknown_name_word(tok.word, vocab))
        ):
            continue
        short = _short_everyday(flowed, tok)
        if (
            not (short or tok.key in own) or (tok.key not in alone and is_place(tok.word))
        ) and not (tok.key not in names and country_named(tok.word, names.values())):
            add(tok)
    for name, toks in named:
        for tok in toks:
            if (
                name[tok.start].isupper()
                and tok.key not in alone
                and is_place(tok.word)
                and not country_named(tok.word, names.values())
            ):
                add(tok)
    return names


def office_words(text: str) -> frozenset[int]:
    """The starts of ``text``'s capitalised words that write an office: a run of capitalised
    words, cut where a word joins them ("Prime Minister" of "Prime Minister of Hungary"; not
    "Port-au-Prince"), made of office words alone (``_OFFICE_NAME_WORDS``)."""
    starts: set[int] = set()
    for run in capitalised_runs(text):
        parts: list[list[Token]] = []
        for tok in run:
            gap = text[parts[-1][-1].end : tok.start] if parts else ""
            if parts and not (gap.strip(" -") and " " in gap):  # "of", not "-au-"
                parts[-1].append(tok)
            else:
                parts.append([tok])
        for part in parts:
            if all(tok.word in _OFFICE_NAME_WORDS for tok in part):
                starts.update(tok.start for tok in part)
    return frozenset(starts)


def _short_everyday(text: str, tok: Token) -> bool:
    """Whether a word is short and one English writes every day ("Sea", "Red", "Lake"), not
    an acronym ("WHO", "US"): no name alone."""
    return (
        tok.key.startswith("=")
        and len(tok.word) < 5
        and not written_acronym(text, tok)
        and is_everyday(tok.word)
    )


def country_named(name: str, names: Iterable[str]) -> bool:
    """Whether ``name`` is the country of one of ``names``, by its name or its people's (a
    country and its people are one name: "Sudan's ... the Sudanese army")."""
    country = country_of_people(name) or name
    return any(same_country(country, country_of_people(n) or n) for n in names)


def codes_of(name: str) -> tuple[str, ...]:
    """The CLDR codes of the country a name or its people's adjective is ("Somali": SO)."""
    return country_codes(country_of_people(name) or name)


def name_parts(
    name: str, vocab: frozenset[str] = frozenset(), common: frozenset[str] = frozenset()
) -> list[str]:
    """The names a topic's name writes where it writes two or more, apart by words in lower
    case ("Houthi attacks on Red Sea shipping": "Houthi", "Red Sea"; "Israeli strikes on Iran":
    "Israeli", "Iran"); one name alone, however many words, particles and numbers it has
    ("Jaish Khalid bin al-Waleed", "Tehrik-i-Taliban Pakistan", "2018 Southern Syria
    offensive", "Boeing 737 MAX"), is none.
    Not a name: a word whose capital only opens the topic's name, one of the model's
    ``vocab``, an everyday one or one the topic writes in lower case elsewhere (``common``,
    ``common_words``) ("Floods in Pakistan", "Cholera in Sudan", "Foreign investment in
    India", "Landmines in Ukraine" with "landmine" an alias), nor a continent or a world
    region, which a text names by its countries ("Wagner Group in Africa", "JNIM in the
    Sahel"). A country and its people are one. A country in
    brackets or after a comma qualifies the name before it ("Al-Shabaab (Somalia)"); another
    name in brackets glosses it ("M23 (March 23 Movement)", "Rapid Support Forces (RSF),
    Sudan": Rapid Support Forces, Sudan)."""
    groups: list[list[Token]] = [[]]
    qualifiers: dict[int, bool] = {}  # the groups a bracket (True) or a comma (False) opens
    end = 0
    for tok in tokens(name):
        if name[tok.start].isupper() or (any(c.isdigit() for c in tok.word) and groups[-1]):
            if groups[-1] and _QUALIFIER_OPENS.intersection(gap := name[end : tok.start]):
                qualifiers[len(groups)] = "(" in gap
                groups.append([])
            groups[-1].append(tok)
        elif not groups[-1] or not (
            tok.word in _NAME_PARTICLES or HYPHENED_LINK.fullmatch(name, tok.start - 1, tok.end + 1)
        ):
            groups.append([])  # (not a link between hyphens: "Tehrik-i-Taliban Pakistan")
        end = tok.end
    # A name in brackets that is no country's glosses the name it follows (an acronym, the
    # name in full), which it stands for; one after a comma is that name's own.
    for k, bracketed in sorted(qualifiers.items(), reverse=True):
        if not part_countries(name[groups[k][0].start : groups[k][-1].end]):
            qualifier = groups.pop(k)
            if not bracketed:
                groups[k - 1].extend(qualifier)
    parts: list[str] = []
    for g in groups:
        if not g or all(is_region_word(t.word) or t.word in _REGIONS for t in g):
            continue
        word = g[0].word
        if (
            len(g) == 1
            and g[0].start == 0
            and (word in vocab or is_everyday(word) or stem(word) in common)
            and not (is_place(word) or country_of_people(word) or is_acronym(word))
        ):
            continue
        # (with the article its first word is joined to, which ``tokens`` leaves out:
        # "Al-Shabaab")
        joined = JOINED_BEFORE.search(name, 0, g[0].start)
        part = name[joined.start() if joined and not tokens(joined[1]) else g[0].start : g[-1].end]
        if not country_named(part, parts):
            parts.append(part)
    return parts if len(parts) >= 2 else []


# What stands between a name and the country that qualifies it: "Al-Shabaab (Somalia)",
# "Ansar al-Sharia, Libya".
_QUALIFIER_OPENS = frozenset("(,")

# Regions that CLDR does not name (``exonyms.is_region_word`` has "Africa", "Asia", "Middle"),
# and the other words of "Middle East" and "Horn of Africa".
_REGION_NAMES = frozenset({"sahel", "maghreb", "levant", "balkans", "caucasus"})
# Words for a region, as a token's folded word begins ("regional", "provinces", Russian
# "области", folded "oblasti"): after a city's name they make it its region's ("Kherson
# Oblast", "Kherson region"), and in a description they say its topic covers a region.
REGION_WORDS = ("oblast", "region", "province", "provincial", "governorate", "raion", "district")
_REGIONS = _REGION_NAMES | {"east", "horn"}


def part_countries(part: str) -> tuple[str, ...]:
    """The CLDR codes of the country a name of a topic's name is ("US", "Israeli", "South
    Sudan"; "DR Congo" by its last word); none for another name."""
    return codes_of(part) or (codes_of(part.rsplit(" ", 1)[1]) if " " in part else ())


def countries_named(body: str, toks: list[Token], *, people: bool = True) -> frozenset[str]:
    """The CLDR codes of the countries a text names, by a name, its people (unless not
    ``people``) or its capital or main city, written as a name ("Somalia", "Somali",
    "Mogadishu", "the United States"; "South Sudan" no Sudan)."""
    return frozenset(c for *_, codes in country_mentions(body, toks, people=people) for c in codes)


def country_mentions(
    body: str, toks: list[Token], *, people: bool = True
) -> list[tuple[int, int, tuple[str, ...]]]:
    """Where ``body`` writes each country name of ``countries_named``, with its countries'
    codes (names of several words first)."""
    spans = countries_written(body)
    found = list(spans)
    for tok in toks:
        if not body[tok.start].isupper() or any(
            start <= tok.start < end for start, end, _ in spans
        ):
            continue
        codes = (codes_of(tok.word) if people else country_codes(tok.word)) or city_countries(
            tok.word
        )
        if codes:
            found.append((tok.start, tok.end, codes))
    return found


# The words of a continent's or a world region's name ("Africa", "the Middle East", "the Horn
# of Africa", "the Sahel"), and the continents (``exonyms.continent``) whose countries they
# take in; and the other words such a name is made of.
_CONTINENT_WORDS: dict[str, tuple[str, ...]] = {
    "africa": ("Africa",),
    "sahel": ("Africa",),
    "maghreb": ("Africa",),
    "asia": ("Asia",),
    "levant": ("Asia",),
    "middle": ("Asia", "Africa"),
    "europe": ("Europe",),
    "balkans": ("Europe",),
    "caucasus": ("Asia", "Europe"),
    "america": ("Americas",),
    "americas": ("Americas",),
    "caribbean": ("Americas",),
    "oceania": ("Oceania",),
}
_REGION_NAME_WORDS = frozenset(
    {"north", "south", "east", "west", "central", "eastern", "western", "northern", "southern"}
    | {"southeast", "horn", "sub", "saharan", "latin"}
)


def home_of(topic: Topic) -> tuple[frozenset[str], frozenset[str]]:
    """The countries a topic's description, name and aliases name (CLDR codes:
    ``countries_named``), and the continents its description names as a continent's or a
    region's name alone ("operations in Africa and the Middle East"; not the "African" of
    "African Union")."""
    codes = frozenset().union(
        *(countries_named(t, tokens(t)) for t in (topic.about, topic.name, *topic.aliases))
    )
    return codes, continents_named(topic.about)


def continents_named(text: str) -> frozenset[str]:
    """The continents a text names by a continent's or a region's name alone ("in Africa and
    the Middle East", "the Sahel"; not the "African" of "African Union", nor a country's
    name of such words: "South Africa")."""
    continents: set[str] = set()
    countries = [(start, end) for start, end, _ in countries_written(text)]
    for run in capitalised_runs(text):
        words = [tok.word for tok in run]
        if any(start <= run[0].start < end for start, end in countries):
            continue
        if all(w in _CONTINENT_WORDS or w in _REGION_NAME_WORDS for w in words):
            continents.update(c for w in words for c in _CONTINENT_WORDS.get(w, ()))
    return frozenset(continents)


def code_name(name: str) -> bool:
    """Whether a topic's name is a code: capitals and digits ("M23", "ISWAP", "PKK"; an
    acronym, ``is_acronym``), but no place's ("DRC", "UAE") nor a kind of plant's ("HPP")."""
    return is_acronym(name) and not is_place(name) and name not in PLANTS


def scope_of(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """Where a topic's name of no distinctive word places its field: the countries it names
    by their names, and those of the continents it names ("Russian mercenaries in Africa":
    Africa's, not Russia); where it names neither, the countries of the peoples it names
    ("Somali piracy"). The countries (CLDR codes) and those continents."""
    toks = tokens(name)
    continents = continents_named(name)
    codes = countries_named(name, toks, people=False) | countries_on(continents)
    return codes or countries_named(name, toks), continents


# Words by which a topic's name says it is of a country's dealings with others ("Foreign
# investment in India", whose news is of the countries investing: "Now, Netherlands and France
# favourites for routing investments"): its headlines name other countries as its own
# (``Matcher.placed_events``).
_DEALINGS_ABROAD = frozenset(
    {
        *("foreign", "international", "overseas", "bilateral", "relations", "ties", "trade"),
        *("exports", "imports", "migration", "migrants", "refugees", "diaspora", "abroad"),
    }
)


def event_place(name: str, names: Iterable[str]) -> frozenset[str]:
    """The countries (CLDR codes) that a topic's ``name`` places its outbreak, disaster or
    other field in, by their names or a continent's ("Marburg virus in Rwanda": RW; "2025
    Myanmar earthquake": MM); none for a topic whose ``names`` end in a kind of place or
    work ("Panama Canal": ``kinds.kinds_of``) or whose name says it is of a country's
    dealings with others (``_DEALINGS_ABROAD``)."""
    toks = tokens(name)
    if kinds_of(names) or any(tok.word in _DEALINGS_ABROAD for tok in toks):
        return frozenset()
    return countries_named(name, toks, people=False) | countries_on(continents_named(name))


# The opening clause of a description, where it says what and where the topic is.
_OPENING_CLAUSE = re.compile(r"[^,;:(\n]*?(?=[,;:(\n]|\.(?:\s|$)|$)")


def placed_in(topic: Topic) -> frozenset[str]:
    """The countries a topic's name or the opening clause of its description names ("The
    Islamist insurgency in Mozambique's northern Cabo Delgado province, ...": MZ; "Attacks by
    Yemen's Houthis (Ansar Allah) ...": YE): where it is, as its writer first placed it."""
    opening = _OPENING_CLAUSE.match(topic.about)
    clause = opening[0] if opening is not None else ""
    return frozenset().union(*(countries_named(t, tokens(t)) for t in (clause, topic.name) if t))


# What names the country of a name where it is written: a country alone in brackets after it
# ("Al-Shabaab (Mozambique)", as an encyclopaedia tells namesakes apart), or a people's
# adjective before it ("the Mozambican al-Shabab").
_BRACKETED_AFTER = re.compile(r"[ \t]*\(([^()\n]{2,60})\)")
_PEOPLE_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][^\W\d_]+)[ \t]+(?:(?i:the|al|el)[ \t-]+)?$")
# ... or before the role a person's name follows, as English writes a person's country and
# office before the name ("Gambian ex-minister Sonko", "Senegalese opposition leader Ousmane
# Sonko", "Malian junta leader Assimi Goïta"): the people's adjective, then at most three words
# that say what the person is (``TITLES``, ``_OFFICE_WORDS``, "ex-" or "former" before one),
# the last a role.
_OFFICE_WORD = r"[^\W\d_]+(?:-[^\W\d_]+)?[ \t]+"
_PEOPLE_ROLE_BEFORE = [
    re.compile(rf"(?<![\w'’-])([A-Z][^\W\d_]+)[ \t]+((?:{_OFFICE_WORD}){{{n}}})$")
    # (each count of words apart: one search would find the leftmost capital, which may be
    # no people's adjective, "The" of "The Gambian ex-minister Sonko")
    for n in (1, 2, 3)
]
# Words of an office that stand between a people's adjective and the role ("interior
# minister", "opposition leader", "prime minister").
_OFFICE_WORDS = frozenset(
    {
        *("former", "ex", "late", "opposition", "rebel", "junta", "coup", "interim"),
        *("prime", "foreign", "interior", "defence", "defense", "finance", "justice"),
        *("health", "army", "military", "party", "state", "supreme", "top", "veteran"),
    }
)
# An office the description writes with capitals ("Prime Minister of Hungary", "President of
# Belarus", "State Counsellor"): no name of the topic's, since every story of any government
# writes one ("Czech Prime Minister Petr Fiala" lifted a story of the Czech election for Viktor
# Orban by its "Prime" and "Minister").
_OFFICE_NAME_WORDS = TITLES | _OFFICE_WORDS | {"counsellor", "counselor"}


# A name given as what people of the story's place call a thing ("The militants - known
# locally as al-Shabab, or the youth", "also locally referred to as Al Shabab"): a local
# nickname, qualified by the countries of the story's place (``story_place``). So too in the
# languages of Latin script whose press covers such places, which the multilingual model reads:
# French "connus localement sous le nom d'al-Shabab", Spanish "conocidos localmente como",
# Portuguese "conhecidos localmente como" (Mozambique's own press), Italian "noti
# localmente come", German "vor Ort als ... bekannt". (A hit may start after the Arabic
# article it is written with: "Al Shabab".)
_W = r"[ \t]+"
_NAMED_LOCALLY = re.compile(
    r"\b(?:"
    rf"locally{_W}(?:known{_W}as|referred{_W}to{_W}as|called|named|dubbed)"
    rf"|known{_W}locally{_W}as|referred{_W}to{_W}locally{_W}as|called{_W}locally"
    # French
    rf"|(?:connue?s?|appel[ée]e?s?|surnomm[ée]e?s?|d[ée]sign[ée]e?s?){_W}localement"
    rf"(?:{_W}sous{_W}le{_W}nom{_W}(?:de|d['’]))?"
    rf"|localement{_W}(?:connue?s?{_W}sous{_W}le{_W}nom{_W}(?:de|d['’])"
    r"|appel[ée]e?s?|surnomm[ée]e?s?)"
    rf"|que{_W}(?:les{_W}habitants|la{_W}population){_W}(?:locale{_W})?appellent"
    # Spanish, Portuguese, Italian
    rf"|(?:conocid|llamad|denominad|conhecid|chamad)[oa]s?{_W}localmente(?:{_W}(?:como|de))?"
    rf"|localmente{_W}(?:conocid|llamad|denominad|conhecid|chamad)[oa]s?(?:{_W}(?:como|de))?"
    rf"|(?:not|conosciut|chiamat)[ie]{_W}localmente(?:{_W}come)?"
    # German
    rf"|(?:vor{_W}Ort|lokal|örtlich){_W}als"
    r")"
    rf"(?:{_W}|(?<=['’]))(?:(?:the|les?|la|los|las|os|as|gli|die){_W})?[\"'‘“«]?[ \t]?"
    r"(?:(?:al|el)[ \t-]+)?$",
    re.IGNORECASE,
)


def qualifying_countries(body: str, hit: AliasHit) -> tuple[frozenset[str], int, int]:
    """The CLDR codes of the country that qualifies a name where a text writes it
    (``_BRACKETED_AFTER``, ``_PEOPLE_BEFORE``, ``_PEOPLE_ROLE_BEFORE``), none where nothing
    does; and the span of the name with what qualifies it ("Al-Shabaab (Mozambique)",
    "Mozambican al-Shabab", "Gambian ex-minister Sonko"; the hit's otherwise)."""
    after = _BRACKETED_AFTER.match(body, hit.end)
    # (the brackets' whole content is the country: a gloss that names one, "(US-designated)",
    # qualifies nothing)
    if after is not None and (codes := codes_of(after[1].strip())):
        return frozenset(codes), hit.start, after.end()
    before = _PEOPLE_BEFORE.search(body, max(0, hit.start - 40), hit.start)
    if before is not None and country_of_people(before[1]) is not None:
        return frozenset(codes_of(before[1])), before.start(1), hit.end
    for role_before in _PEOPLE_ROLE_BEFORE:
        before = role_before.search(body, max(0, hit.start - 80), hit.start)
        if (
            before is not None
            and _office_before_name(before[2])
            and country_of_people(before[1]) is not None
        ):
            return frozenset(codes_of(before[1])), before.start(1), hit.end
    return frozenset(), hit.start, hit.end


def _office_before_name(words: str) -> bool:
    """Whether the words between a people's adjective and a name say what the person is
    (``_PEOPLE_ROLE_BEFORE``): each a role or a word of an office, the last a role."""
    folded = [w.casefold().removeprefix("ex-") for w in words.split()]
    return folded[-1] in TITLES and all(w in TITLES or w in _OFFICE_WORDS for w in folded)


# An encyclopaedia's opening, which says what the name it is about is: "Al-Shabaab (الشباب), also
# known as Ansar al-Sunna (أنصار السنة, ) or Ahlu Sunna Wal Jammah, is an Islamist militant group
# active in Cabo Delgado Province, Mozambique." (glosses in brackets and an apposition between
# commas may come between the name and its verb).
_DEFINED_AS = re.compile(
    r"(?:[ \t]*\([^()\n]{0,200}\))*(?:,[^.\n]{0,300}?,)?[ \t]+(?:is|was)[ \t]+(?:an?|the)[ \t]"
)
_OPENS_DEFINITION = re.compile(r"\s*(?:the[ \t]+)?(?:(?:al|el)[ \t-]+)?", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")


def defined_in(body: str, hit: AliasHit, text_start: int) -> frozenset[str]:
    """The CLDR codes of the countries a text's opening sentence names where it opens by
    saying what the name at ``hit`` is (``_DEFINED_AS``; "The" may open it); none otherwise."""
    if (
        _OPENS_DEFINITION.fullmatch(body, text_start, hit.start) is None
        or (defined := _DEFINED_AS.match(body, hit.end)) is None
    ):
        return frozenset()
    end = _SENTENCE_END.search(body, defined.end())
    sentence = body[text_start : len(body) if end is None else end.start()]
    return countries_named(sentence, tokens(sentence))


def named_locally(body: str, hit: AliasHit) -> int | None:
    """Where the words that give the name at ``hit`` as a local one start ("known locally
    as al-Shabab": ``_NAMED_LOCALLY``); None where the text gives it otherwise."""
    named = _NAMED_LOCALLY.search(body, max(0, hit.start - 40), hit.start)
    return None if named is None else named.start()


def local_countries_named(body: str, toks: Sequence[Token], language: str | None) -> frozenset[str]:
    """The CLDR codes of the countries a text in ``language`` names by a capitalised word as
    that language writes a country's or its main city's name ("Moçambique", "Mogadiscio":
    ``exonyms.local_country_codes``); none in English."""
    return frozenset(c for *_, codes in local_country_mentions(body, toks, language) for c in codes)


def local_country_mentions(
    body: str, toks: Sequence[Token], language: str | None
) -> list[tuple[int, int, tuple[str, ...]]]:
    """Where ``body`` writes each country name of ``local_countries_named``, with its codes."""
    return [
        (tok.start, tok.end, codes)
        for tok in toks
        if body[tok.start].isupper()
        and (codes := local_country_codes(body[tok.start : tok.end], language))
    ]


def story_place(
    body: str,
    toks: list[Token],
    title_end: int,
    lead_end: int,
    language: str | None = None,
    *,
    people: bool = True,
) -> frozenset[str]:
    """The CLDR codes of the countries a story is of: those its headline (``body`` up to
    ``title_end``) names, or where it names none, its lead (up to ``lead_end``). The lead of
    "Who is the new militant group threatening Mozambique?" goes on to say the group "has no
    connections with the Somali movement of the same name". A text in another ``language``
    names them as that language writes them too ("no norte de Moçambique":
    ``exonyms.local_country_codes``). Not ``people``: by their names alone, not by their
    people's ("Russian missiles hit Dnipro" is a story of Ukraine)."""
    headline = body[:title_end]
    # (a headline in lower case throughout, a page's address, writes its names so)
    if headline.islower():
        headline = headline.title()

    def named(part: str, part_toks: list[Token]) -> frozenset[str]:
        return countries_named(part, part_toks, people=people) | local_countries_named(
            part, part_toks, language
        )

    return named(headline, tokens(headline)) or named(
        body[:lead_end], [tok for tok in toks if tok.end <= lead_end]
    )


class _Places:
    """The countries a text is of: where its story is, read by names alone (``story_place``,
    not a people's adjective: "Russian missiles hit Dnipro" is a story of Ukraine), and those
    it names anywhere, by a name, a people, a capital or main city (as its ``language``
    writes them too: "Somalie"), or a city of 15,000 people or more (``gazetteer.city``:
    "Afgooye", "Oleshky"), and the continents it names (``continents_named``); each read
    once a text, where first asked."""

    def __init__(
        self, body: str, toks: list[Token], title_end: int, lead_end: int, language: str | None
    ) -> None:
        self.body, self.toks, self.title_end, self.lead_end = body, toks, title_end, lead_end
        self.language = language
        self.place: frozenset[str] | None = None
        self.named: frozenset[str] | None = None
        self.local: frozenset[str] | None = None
        self.cities: frozenset[str] | None = None
        self.continents: frozenset[str] | None = None

    def countries(self) -> frozenset[str]:
        """The countries the text names in English (``countries_named``)."""
        if self.named is None:
            self.named = countries_named(self.body, self.toks)
        return self.named

    def within(self, codes: frozenset[str], continents: frozenset[str]) -> bool:
        """Whether the text names any of the countries of ``codes`` or a town of one
        (``names``), or one of ``continents`` by its name or a region's of it."""
        if self.names(codes):
            return True
        if not continents:
            return False
        if self.continents is None:
            self.continents = continents_named(self.body)
        return not continents.isdisjoint(self.continents)

    def names(self, codes: frozenset[str]) -> bool:
        """Whether the text names any of the countries of ``codes``, or a town of one."""
        if not self.countries().isdisjoint(codes):
            return True
        if self.local is None:
            self.local = local_countries_named(self.body, self.toks, self.language)
        if not self.local.isdisjoint(codes):
            return True
        if self.cities is None:  # (the slowest: a look-up a capitalised word)
            self.cities = frozenset(
                found.country
                for tok in self.toks
                if self.body[tok.start].isupper()
                and (found := city(self.body[tok.start : tok.end])) is not None
            )
        return not self.cities.isdisjoint(codes)

    def far_from(
        self, codes: frozenset[str], near: frozenset[str], continents: frozenset[str]
    ) -> frozenset[str]:
        """The story's countries where none is one of ``codes`` or borders one (``near``) or
        lies on one of ``continents``, and the text names none of ``codes``; none otherwise."""
        if self.place is None:
            self.place = story_place(
                self.body, self.toks, self.title_end, self.lead_end, self.language, people=False
            )
        if (
            not self.place
            or not self.place.isdisjoint(near)
            or any(continent(c) in continents for c in self.place)
            or self.names(codes)
        ):
            return frozenset()
        return self.place


def _one_country(
    codes: tuple[str, ...], tok: Token, spans: list[tuple[int, int, tuple[str, ...]]]
) -> bool:
    """Whether a text's ``tok`` may be a description's name, of the country of ``codes`` or of
    none (no codes): inside a country's name of several words (``spans``) only a name of that
    country ("Sudan" of "South Sudan" is no Sudan, "Africa" of "South Africa" no Africa);
    elsewhere, a name of a country only where the word names that country or none ("Sudan" is
    no South Sudan; "Jemen", "السودان" name none in English and pass)."""
    written = next((c for start, end, c in spans if start <= tok.start < end), None)
    if written is not None:
        return not set(codes).isdisjoint(written)
    if not codes:
        return True
    written = codes_of(tok.word)
    return not written or not set(codes).isdisjoint(written)


def _folded(name: str) -> str:
    """A name's words as ``tokens`` fold them, diacritics aside ("Imamoglu", "İmamoğlu")."""
    return " ".join(tok.word for tok in tokens(name))


def _capitalised_words(names: Iterable[str]) -> frozenset[str]:
    """The words (folded) of ``names`` that they write with a capital, of two letters or
    more: a person's names' words ("Imran", "Khan", "Xi")."""
    return frozenset(
        tok.word for n in names for tok in tokens(n) if n[tok.start].isupper() and len(tok.word) > 1
    )


def _before_another_name(body: str, toks: list[Token], k: int, words: frozenset[str]) -> bool:
    """Whether ``toks[k]`` stands just before a capitalised word that is none of ``words``:
    a given name of another's ("Khalid Mohammed said")."""
    if k + 1 >= len(toks):
        return False
    after = toks[k + 1]
    return (
        body[toks[k].end : after.start] == " "
        and body[after.start].isupper()
        and after.word not in words
    )


def _tokens_in_hits(
    toks: list[Token], hits: dict[int, list[AliasHit]]
) -> list[tuple[int, AliasHit, list[Token]]]:
    """(topic, hit, the text's words it spans) of each name hit; ``toks`` in text order."""
    starts = [tok.start for tok in toks] if hits else []
    out = []
    for j, found in hits.items():
        for hit in found:
            first = bisect_left(starts, hit.start)
            inside = toks[first : bisect_left(starts, hit.end, first)]
            out.append((j, hit, [tok for tok in inside if tok.end <= hit.end]))
    return out


def _hit_words(in_hits: list[tuple[int, AliasHit, list[Token]]]) -> dict[str, set[int]]:
    """The keys of the words with a capital that the text writes inside name hits
    (``_tokens_in_hits``) -> the topics of those hits ("Yarmouk" of "Yarmouk refugee camp":
    the camp)."""
    out: dict[str, set[int]] = {}
    for j, _, inside in in_hits:
        for tok in inside:
            if not tok.lowercase:
                for key in tok.keys:
                    out.setdefault(key, set()).add(j)
    return out


# A headline in lower case throughout (a page's address for a headline, "moussa traore who
# ruled mali ... dies at 83") writes no capital to tell its names by.
_LOWER_CASE_LATIN = re.compile(
    r"[a-z\u00df-\u024f\d\W_]*[a-z\u00df-\u024f][a-z\u00df-\u024f\d\W_]*"
)


def names_capitalised(title: str) -> str:
    """An English headline written all in lower case (in Latin script) with a capital on each
    word that is no common English word (``NAME_ZIPF``) or that is a country or a main
    city, as a headline in sentence case writes its names: "Moussa Traore who ruled Mali ...",
    whose given name then tells another Traoré (``Matcher._others_of_family`` reads a given
    name by its capital); an address's hyphens as the spaces they stand for. Any other
    headline as written. Only for that reading: read so by every rule, "president yoons
    impeachment" (Yoon's, an address's possessive) named another president, "Yoons", and
    "hizb ut tahrir" a name word of Hayat Tahrir al-Sham."""
    if not _LOWER_CASE_LATIN.fullmatch(title):
        return title
    if " " not in title:
        title = title.replace("-", " ")

    def as_written(word: str) -> str:
        head = word[0].upper()
        if len(head) > 1 or (
            zipf_frequency(word, ENGLISH, wordlist="small") >= NAME_ZIPF and not is_place(word)
        ):
            return word
        return head + word[1:]

    return _WORD_START.sub(lambda w: as_written(w[0]), title)


_WORD_START = re.compile(r"[^\W\d_]+")


def written_acronym(text: str, tok: Token) -> bool:
    """Whether ``tok`` is written in ``text`` as an acronym ("FAA", "U.S."; not "2023")."""
    return is_acronym(text[tok.start : tok.end]) and not tok.word.isdigit()


def short_acronyms(runs: list[list[Token]], about: str) -> set[str]:
    """The keys of the acronyms of four letters or fewer that a description writes (``runs``:
    its ``capitalised_runs``): "FAA", "WHO", "IAEA", "US", "UN". No skeleton tells them apart,
    so they are met only as written, in capitals ("us" is no US, "Who" no WHO)."""
    return {
        tok.key
        for run in runs
        for tok in run
        if written_acronym(about, tok) and tok.key.startswith("=") and len(tok.word) < 5
    }


def skeleton_of(name: str) -> str:
    """The skeleton key of a name of ``description_names``."""
    return name.split(" ", 1)[0]


def leading_names(
    runs: list[list[Token]], names: dict[str, str], vocab: frozenset[str]
) -> dict[str, str]:
    """Key -> the key of the last word, for each of the description's names (``names``: its
    ``description_names``; ``runs``: its ``capitalised_runs``) that opens a name of several
    words whose last word the model's vocabulary lacks, most often a surname: "Mohamed" and
    "Hamdan" of "Mohamed Hamdan Dagalo", "Rafael" of "Rafael Grossi". Written alone, such a
    word is another person as often as this one ("Mohamed Abdullahi Mohamed", "Hassan Sheikh
    Mohamud" for a description naming Hassan Nasrallah), so it counts as one of the
    description's names only beside that last word."""
    heads: dict[str, str] = {}
    for run in runs:
        last = run[-1]
        if len(run) < 2 or last.word in vocab or last.key not in names:
            continue
        for tok in run[:-1]:
            if tok.key in names and tok.key != last.key:
                heads.setdefault(tok.key, last.key)
    return heads


_ARTICLES = frozenset({"the", "a", "an", "al", "el"})  # capitalised opening a sentence


def everyday_name_words(
    runs: list[list[Token]], names: dict[str, str]
) -> dict[str, frozenset[str]]:
    """Key -> the keys of the words beside it, for each of the description's names (``names``:
    its ``description_names``; ``runs``: its ``capitalised_runs``) that is an everyday word
    (``lexical.is_everyday``) written only inside a name of several words, and no country,
    main city or people: "State" of "Islamic State", "Union" and "African" of "African Union",
    "United" of "United States". Such a word stands for that name only beside one of those
    words ("the African Union"); alone it is another name's ("State of the Union", "European
    Union", "Central African Republic", "Manchester United") or a word a capital opens."""
    alone: set[str] = set()
    inside: dict[str, set[str]] = {}
    for run in runs:
        if len(run) == 1:
            alone.add(run[0].key)
            continue
        for tok in run:
            if tok.key in names:
                inside.setdefault(tok.key, set()).update(
                    o.key for o in run if o.key != tok.key and o.word not in _ARTICLES
                )
    return {
        key: frozenset(beside)
        for key, beside in inside.items()
        if beside
        and key not in alone
        and is_everyday(names[key])
        and not is_place(names[key])
        and country_of_people(names[key]) is None
    }


# The multilingual model costs about ten times the English one per passage, and its cost grows
# with the length: it reads a non-English article's title and lead, up to about this many
# characters (whole sentences); the names are sought in the whole text all the same. Wanted
# non-English pairs found (of 13, leave-one-text-out, false alerts in brackets) by characters
# read: 300: 12 (2), 400: 12 (2), 450-600: 11 (2), 800: 12 (1); 400 reads 316 characters on
# average against 526 for 600 (bench/relevance.py; exp with MULTILINGUAL_CHARS patched).
MULTILINGUAL_CHARS = 400
MULTILINGUAL_PASSAGES = 1


def passages_of(title: str, text: str, *, multilingual: bool) -> list[str]:
    """The passages an article is embedded from, by the model that reads it."""
    title, text = plain_text(title), plain_text(text)
    if multilingual:
        return split_passages(title, text, MULTILINGUAL_CHARS, MULTILINGUAL_PASSAGES)
    return split_passages(title, text)


_SENTENCE_ENDS = re.compile(f"[{SENTENCE_STOPS}][{CLOSERS}]*$")


def described(topic: Topic) -> str:
    """The description as a sentence, ending with a full stop where it ends without one: the
    model reads "... the siege of El Fasher" and "... the siege of El Fasher." a little apart,
    and read as z-scores that little moves decisions (the dev descriptions, which end with one,
    without it: 9 decisions changed on set A, 3 on set B)."""
    about = topic.about.strip()
    if about and not _SENTENCE_ENDS.search(about):
        about += "."
    return about


# What the topic is not, said in its description: "..., not the Yarmouk refugee camp in
# Damascus", "(not the composer)", "Excluding the Battle of Yarmouk." The model reads no
# negation -- a description so written sits nearer the very sense it rules out, and counts
# its places as the topic's (the dev topics' other senses appended so, "Not the town of Nova
# Kakhovka or the DniproHES in Zaporizhzhia.": English texts' macro F1 cross-set 0.779 /
# 0.851 as written, 0.775 / 0.811 so appended) -- so such a clause is read as ``exclude``
# senses (0.760 / 0.887; set A loses a wanted Yarmouk Valley text, 0.06 nearer to "the
# Yarmouk refugee camp in Damascus" than to the valley's description, 0.04 without "the":
# ``EXCLUDE_MARGIN`` is near the spread that wording gives) and taken out of the
# description. The cue must stand where a clause starts, and "not" be followed by an article
# or a name ("not yet designated", "not only" open no such clause). Users write it many ways:
# "This topic does not cover ...", "It is not about ...", "Excludes ...", "..., rather than
# ...", "Excluded: A; B.", "A and B are out of scope." (bench/relevance.py rewrites the dev
# topics so; the last, a helper's wording for all four topics of one of the sets of real
# texts gathered 2026-12-07, was read as description until then: a Kaduna bandits' school
# kidnapping that recalls Boko Haram scored 1.00 against its "Criminal 'bandit' kidnappings
# in north-west Nigeria ... are out of scope", 0.39 so read; no wanted pair moved).
_NOT_CUE = (
    "(?:"
    + "|".join(
        [
            # "not the composer", "but not ...", "and not ...", "(not to be confused with
            # ...)", "This topic is not about ...", "It does not cover ...", "Does not include"
            r"(?:(?:[Bb]ut|[Aa]nd)\s+)?(?:(?:[Tt]his\s+(?:topic\s+)?|[Ii]t\s+)?(?:[Ii]s|[Dd]oes)\s+)?"
            r"[Nn]ot(?:\s+to\s+be\s+confused\s+with|\s+(?:about|cover|include))?\s+"
            r"(?=(?:[Tt]he|[Aa]n?|[Aa]ny|[Ii]ts|[Oo]ther)\b|[A-Z])",
            r"(?:[Tt]his\s+(?:topic\s+)?|[Ii]t\s+)?[Ee]xcludes\s+",
            r"[Ee]xcluding\s+",
            r"[Ee]xcept(?:\s+for)?\s+",
        ]
    )
    + ")"
)
# Only after a comma or in brackets: ", rather than the camp"; a sentence that opens "Other
# than the camp, ..." goes on about the topic.
_NOT_BESIDE = rf"(?:{_NOT_CUE}|(?:[Oo]ther|[Rr]ather)\s+than\s+|[Aa]s\s+opposed\s+to\s+)"
# A sentence that lists them: "Excluded: the camp; the battle of 636."
_NOT_LIST = r"(?:[Ee]xclude[ds]?|[Oo]ut\s+of\s+scope|[Nn]ot\s+covered)\s*:\s*"
# ... or after them: "The camp and the battle are out of scope", "..., is not covered".
_NOT_AFTER = r"(?:is|are)\s+(?:out\s+of\s+scope|excluded|not\s+covered)"
# (whose things are joined by "and" too: "Earlier shelling of the town and other battles")
_AND = re.compile(r",?\s+and\s+")
# A clause ends with its sentence, or where a conjunction returns to what the topic is.
_NOT_END = r"(?:(?!,\s*(?:and|but|which|while|whose)\b)[^.;!?()])+"
_NOT_CLAUSES = re.compile(
    # a parenthesis: "(not the composer)"
    rf"\s*\(\s*{_NOT_BESIDE}(?P<paren>[^()]+?)\s*\)"
    # a sentence of its own: "Not the refugee camp in Damascus."
    rf"|(?:^|(?<=[.!?]))\s*{_NOT_CUE}(?P<sentence>[^.;!?]+)[.;!?]?"
    # a list: "Excluded: the camp; the battle."
    rf"|(?:^|(?<=[.!?]))\s*{_NOT_LIST}(?P<listed>[^.!?]+)[.!?]?"
    # a clause after a comma, semicolon or dash: ", not the refugee camp in Damascus"
    rf"|\s*(?:[,;]|\s[\u2014\u2013-])\s*{_NOT_BESIDE}(?P<clause>{_NOT_END})"
    # a sentence that closes on it: "The camp and the battle of 636 are out of scope."
    rf"|(?:^|(?<=[.!?]))\s*(?P<closing>[^.;!?]+?)\s+{_NOT_AFTER}\s*(?:[.!?]|$)"
)


# A name written with its acronym or a qualifier in brackets, or two spellings joined by a
# slash, as watchlists write them: "Rapid Support Forces (RSF)", "Al-Shabaab (Somalia)",
# "ISIS/ISIL". A text writes each on its own, never the brackets.
_BRACKETS = re.compile(r"\s*\(([^()]*)\)\s*")
# (not in "24/7", nor inside brackets: "Golan Heights (Syria/Israel)" is one name)
_SLASH = re.compile(r"(?<!\d)\s*/\s*(?!\d)(?![^()]*\))")
# A country or a main city after a comma that ends a name qualifies it, as one in brackets
# does ("Yarmouk Valley, Syria"): a text names the valley without the country beside it, and
# the name wants the country as "Yarmouk Valley (Syria)" does (``name_parts``).
_PLACE_AFTER = re.compile(r",\s*([^,()]+?)\s*$")
_WORD_CHAR = re.compile(r"[^\W_]")


def name_forms(name: str) -> list[str]:
    """The names a written name stands for: itself, or, when it joins several with brackets or
    a slash, each of them -- another name in brackets (an acronym, a proper name: as a
    description's, ``bracketed_name``) as a name of its own, any other bracket a qualifier
    left out ("Rapid Support Forces (RSF)": "Rapid Support Forces", "RSF"; "Wagner Group (PMC
    Wagner)": "Wagner Group", "PMC Wagner";
    "Al-Shabaab (Somalia)", "Golan Heights (Syria/Israel)": "Al-Shabaab", "Golan Heights";
    "ISIS/ISIL": "ISIS", "ISIL"), and so a country or a main city after a comma at its end
    ("Yarmouk Valley, Syria": "Yarmouk Valley"); a hashtag as its words ("#WagnerGroup":
    "Wagner Group")."""
    after = _PLACE_AFTER.search(name)
    if after is not None and is_place(after[1]) and _WORD_CHAR.search(name, 0, after.start()):
        name = name[: after.start()].strip()  # (not ", Syria": a place qualifies a name)
    # (a hashtag as its words: joined, they were one word outside the model's vocabulary, a
    # distinctive name word that a text which writes "Wagner Group" never writes)
    if HASHTAG.fullmatch(name):
        name = CAMEL_CASE.sub(" ", name[1:])
    if "(" not in name and "/" not in name:
        return [name]
    out = []
    for spelling in _SLASH.split(name):
        outside = " ".join(_BRACKETS.sub(" ", spelling).split())
        inside = [b.strip() for b in _BRACKETS.findall(spelling)]
        out += [n for n in (outside, *inside) if n == outside or bracketed_name(n)]
    out = [n for n in dict.fromkeys(out) if any(c.isalpha() for c in n)]
    return out or [name]


# A name in brackets after a word (``description_aliases``): "Houthis (Ansar Allah)".
_NAME_IN_BRACKETS = re.compile(r"([^\W_][\w'’-]*)\s*\(([^()]{2,60})\)")
# The small words a name of several words writes in lower case ("Jaish al-Adl", "Khalid bin
# al-Waleed", "Ahlu Sunnah wa Jamaah").
_NAME_PARTICLES = frozenset(
    {"al", "el", "ad", "an", "as", "ash", "at", "ar", "wa", "of", "the", "bin", "ibn", "ben"}
)


# The words of a place's name that no group's or person's name writes: a name in brackets
# that writes one qualifies ("Nord Stream (Baltic Sea)", "Boko Haram (Lake Chad)"), as a
# country, a main city or a continent does ("al-Shabaab (East Africa)").
_PLACE_WORDS = frozenset(
    {"sea", "lake", "river", "gulf", "bay", "coast", "peninsula", "island", "islands", "strait"}
    | {"valley", "basin", "desert", "mountains", "heights", "plateau", "strip", "bank", "delta"}
    | {"province", "region", "district", "state", "county", "governorate", "oblast", "city"}
    | {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central"}
    | _REGION_NAMES
)


def is_place_name(name: str) -> bool:
    """Whether a name of one or several words names a place: a word of it is a country, a main
    city, a continent or a word of a place's name (``_PLACE_WORDS``)."""
    return any(
        tok.word in _PLACE_WORDS or is_region_word(tok.word) or is_place(tok.word)
        for tok in tokens(name)
    )


# The words with which a description tells the topic's other names ("Also known as PMC
# Wagner or Africa Corps.", "a.k.a. Ansar Allah", "renamed Hayat Tahrir al-Sham"); not a
# former name, which may be another thing's before it ("formed from Jabhat Fateh al-Sham,
# the former al-Nusra Front").
_TELLS_NAMES = re.compile(
    r"\b(?:(?:also|otherwise|commonly|widely|locally|better)\s+)?(?:known|referred\s+to)"
    r"(?:\s+locally)?\s+as"
    r"|\ba\.?k\.?a\.?(?=\s)|\b(?:also|often)\s+called|\b(?:renamed|rebranded)(?:\s+as)?"
    r"|\bcalls\s+(?:itself|themselves)",
    re.IGNORECASE,
)
# What ends the names told: a sentence's or a clause's end, or a bracket.
_TOLD_NAMES_END = re.compile(r"[.;:()\n]|$")
# What parts the names told: a comma, "or", "and".
# (not "and" alone, which a name may write: "the Islamic State of Iraq and the Levant")
_TOLD_NAMES_APART = re.compile(r"\s*,\s*(?:or\s+|and\s+)?|\s+or\s+")


def local_names(topic: Topic) -> frozenset[str]:
    """The names a description tells as what the topic is called locally (``told_names``
    after "known locally as", "locally known as", "referred to locally as"): "the group known
    locally as al-Shabab". Such a name is the topic's in its own place only."""
    return frozenset(
        name
        for names, cue, _ in _names_told(topic)
        if "locally" in topic.about[cue : cue + 40].lower()
        for name in names
    )


def told_names(topic: Topic) -> list[str]:
    """The names a description tells after words that give another name of the topic
    (``_TELLS_NAMES``: "Also known as PMC Wagner, Wagner mercenaries or Africa Corps."), up to
    the clause's end: each of a name's shape (``name_shaped``) that opens with a capital or an
    acronym, whole ("Wagner mercenaries"); or where words of another kind follow a name, the
    name, and the list ends there ("renamed Hayat Tahrir al-Sham in 2017"). It ends too at
    what opens with no name ("known as the group that attacked the Westgate mall" tells
    none). A place may be a name told so ("known locally as Kakhovka HPP"), unlike one in
    brackets, which qualifies the name before it. Only names told of the topic: after its
    subject or one of its names, not after another name ("led by Abu Mohammad al-Julani, also
    known as Ahmed al-Sharaa" tells the leader's: ``_tells_of_topic``)."""
    return [name for names, _, _ in _names_told(topic) for name in names]


def without_told_names(topic: Topic) -> str:
    """``about`` without the words that only tell other names of the topic (``told_names``),
    where they tell nothing else: "... Also known as PMC Wagner or Africa Corps." at its end
    is read as "...". Those names are the topic's aliases; in the description the sentence
    model would read them as what the topic is about, and a namesake's story nearer (the
    Saudi club Shabab's, 0.31 -> 0.63 for the Somali group, its aliases so told)."""
    about = topic.about
    for _, start, end in reversed(_names_told(topic)):
        if end is None:
            continue
        head = about[:start].rstrip()
        tail = about[end:]
        if head.endswith(","):
            head = head[:-1]
        elif (not head or head.endswith((".", "!", "?"))) and tail.startswith("."):
            tail = tail[1:]
        about = head + tail if head else tail.lstrip()
    return about


def name_keys_of(topic: Topic) -> frozenset[str]:
    """The keys of the words of the topic's name and aliases."""
    return frozenset(tok.key for n in (topic.name, *topic.aliases) for tok in tokens(n))


def _tells_of_topic(topic: Topic, cue: int) -> bool:
    """Whether the words that tell names at ``cue`` of the topic's description tell the
    topic's: where they open a sentence ("Also known as ..."), or follow its subject or one of
    its names ("The Russian mercenary company, also known as", "Yemen's Houthis, also known
    as"), a place (which names where the subject is: "the plant at Enerhodar, known as"), or
    anything in the description of a person (a nickname: "The commander of Sudan's Rapid
    Support Forces, known as Hemedti"). Not where they follow another name ("led by Abu
    Mohammad al-Julani, also known as Ahmed al-Sharaa")."""
    about = topic.about
    before = about[:cue].rstrip().rstrip(",").rstrip()
    if (
        not before
        or before.endswith((".", "!", "?", ";", ":"))
        or describes_person(about, (topic.name, *topic.aliases))
    ):
        return True
    runs = [run for run in capitalised_runs(before) if run]
    last = runs[-1] if runs else None
    if last is None or last[-1].end < len(before):
        return True
    name = before[last[0].start : last[-1].end]
    own = name_keys_of(topic)
    return (
        any(tok.key in own for tok in last)
        or is_place_name(name)
        or city(name) is not None
        or (last[0].start == 0 and len(last) == 1)  # a sentence's capital only
    )


def _names_told(topic: Topic) -> list[tuple[list[str], int, int | None]]:
    """Per cue of ``_TELLS_NAMES`` that tells names of the topic (``_tells_of_topic``): those
    names, where the cue starts, and where the clause it tells them in ends when it tells
    nothing but them (None otherwise)."""
    about = topic.about
    out: list[tuple[list[str], int, int | None]] = []
    for cue in _TELLS_NAMES.finditer(about):
        if not _tells_of_topic(topic, cue.start()):
            continue
        start = cue.end() + 1 if about[cue.end() : cue.end() + 1] == ":" else cue.end()
        end = _TOLD_NAMES_END.search(about, start)
        clause_end = end.start() if end else len(about)
        names: list[str] = []
        only_names = True
        for part in _TOLD_NAMES_APART.split(about[start:clause_end].strip().strip(_QUOTES)):
            part = re.sub(r"^(?:the|an?)\s+", "", part.strip(), flags=re.I)
            words = [w.strip(_QUOTES) for w in part.split()]
            if not words or not _name_word(words[0]) or words[0].lower() in _NAME_PARTICLES:
                only_names = False
                break
            # (whole: a name, or one with common words after it, "Wagner mercenaries"; not one
            # that a link word goes on from, "al-Shabab in Cabo Delgado")
            if name_shaped(" ".join(words)) and not any(
                w in LINK_WORDS and w not in _NAME_PARTICLES for w in words
            ):
                names.append(" ".join(words))
                continue
            only_names = False
            run = list(itertools.takewhile(_name_word, words))
            while run and run[-1].lower() in _NAME_PARTICLES:
                run.pop()
            # (a name that "and" goes on is cut short: "Islamic State of Iraq and the Levant")
            if run and len(run) <= 4 and next(iter(words[len(run) :]), "").lower() != "and":
                names.append(" ".join(run))
            break
        if names:
            out.append((names, cue.start(), clause_end if only_names else None))
    return out


_QUOTES = "\"'“”‘’«»"


def _name_word(word: str) -> bool:
    """Whether a word is one a proper name writes: a capitalised one ("al-Sham" by its last
    part), an acronym or a particle ("bin", "al")."""
    return word.split("-")[-1][:1].isupper() or is_acronym(word) or word.lower() in _NAME_PARTICLES


def description_aliases(topic: Topic) -> list[str]:
    """The other names of the topic that its description writes in brackets after one of its
    names, as an analyst glosses a name ("Yemen's Houthis (Ansar Allah)", "the Rapid Support
    Forces (RSF)"): a proper name of up to four words, or an acronym; not a place, which
    qualifies the name ("al-Shabaab (Somalia)", "Nord Stream (Baltic Sea)":
    ``is_place_name``), nor a list or a date ("(2014-2018)"). And the proper name that a name
    written as an acronym stands for, where the description writes it ("RSF": "Sudan's Rapid
    Support Forces, ..."; ``initials.spelled_out``)."""
    out = spelled_out(topic.about, [n for n in (topic.name, *topic.aliases) if is_acronym(n)])
    out.extend(inside for inside in glosses(topic) if bracketed_name(inside))
    out.extend(told_names(topic))
    return out


def glosses(topic: Topic) -> list[str]:
    """What the topic's description writes in brackets after one of its names, of a name's
    shape (``name_shaped``): "Yemen's Houthis (Ansar Allah)": "Ansar Allah"."""
    own = name_keys_of(topic)
    out = []
    for m in _NAME_IN_BRACKETS.finditer(topic.about):
        before = tokens(m[1])
        inside = m[2].strip()
        if before and {before[-1].key, before[-1].key.rstrip("s")} & own and name_shaped(inside):
            out.append(inside)
    return out


def name_shaped(inside: str) -> bool:
    """Whether what brackets hold has a name's shape: one to four words, no list."""
    return 0 < len(tokens(inside)) <= 4 and not any(c in inside for c in ",;:")


def bracketed_name(inside: str) -> bool:
    """Whether what brackets hold after a name is another name of it: a proper name of up to
    four words, or an acronym; not a place, which qualifies the name ("al-Shabaab (Somalia)",
    "Nord Stream (Baltic Sea)", "Yarmouk Valley (Daraa)": ``is_place_name``, a city of the
    gazetteer), nor a list or a date ("(2014-2018)")."""
    if not name_shaped(inside) or is_place_name(inside) or city(inside) is not None:
        return False
    return is_acronym(inside) or all(
        inside[tok.start].isupper() or tok.word in _NAME_PARTICLES for tok in tokens(inside)
    )


def singular(name: str, vocab: frozenset[str]) -> tuple[str, ...]:
    """A one-word name written in the plural ("Houthis", "Yazidis"), as the word a text writes
    in the singular too ("a Houthi missile"): a text's plural meets a singular name
    (``aliases.base_forms``), not the other way round. Only a name outside the model's
    vocabulary, as there ("Hamas" is no plural), and not one in -us or -ss, which names a
    place more often than a people ("Tartus" is not "Tartu"s). Only the plural's "s" goes:
    what else ``base_forms`` reads a text's word as, a Slavic adjective's stem, would cut
    "Zelensky" to "Zelen" and "Luhansk" to "Luhan" (German "Zellen", "Löhne"). And Arabic's
    plural of such a name in -يون or -يين ("الحوثيون" as "الحوثي": ``_ARABIC_NISBA_PLURAL``)."""
    word = name.strip()
    if " " in word:
        return ()
    if (arabic := _ARABIC_NISBA_PLURAL.fullmatch(word)) is not None:
        return (arabic[1] + "ي",)
    folded = word.casefold()
    if not folded.endswith("s") or folded.endswith(("us", "ss")):
        return ()
    bases = base_forms(word, vocab)[1]
    return tuple(word[:-1] for b in bases[:1] if b == folded[:-1])


# An Arabic name of a people or a group's members in the plural, in either case ("الحوثيون",
# "الحوثيين": the Houthis), whose singular a text writes as often ("جماعة الحوثي", the Houthi
# group): its stem of three letters or more, beside the article.
_ARABIC_NISBA_PLURAL = re.compile("((?:ال)?[\u0621-\u064a]{3,})ي(?:ون|ين)")


def other_number(name: str, vocab: frozenset[str]) -> tuple[str, ...]:
    """A name of several words whose last word is a common noun ("Houthi shipping attacks",
    "Kakhovka dam"), with that noun in the other number, as a text writes it ("a Houthi
    shipping attack", "the Kakhovka and Dnipro dams"): a common word meets only itself, with
    an ending, so the singular met the plural but not the other way round, and the plural's s
    is a consonant of its key. Only a noun the name writes in lower case (one with a capital
    is the name's own: "Africa Corps" is no "Africa Corp", "Operation Prosperity Guardian"
    one operation), and where both numbers are words of the model's ``vocab``."""
    words = name.split()
    if len(words) < 2 or not words[-1].isalpha() or not words[-1].islower():
        return ()
    last = words[-1]
    word = last.casefold()
    if word.endswith("ies"):
        other = [word[:-3] + "y"]
    elif word.endswith(("ches", "shes", "sses", "xes")):
        other = [word[:-2]]
    elif word.endswith("s") and not word.endswith(("ss", "us")):
        other = [word[:-1]]
    elif word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        other = [word[:-1] + "ies"]
    elif word.endswith(("ch", "sh", "ss", "x")):
        other = [word + "es"]
    else:
        other = [word + "s"]
    return tuple(
        " ".join((*words[:-1], form))
        for form in other
        if form in vocab and word in vocab and form != word
    )


# "Not the composer or people named Wagner" rules out two senses: each is its own, as a sense
# of both at once is near neither (the dev sets' other senses so joined into one clause, read
# as one sense: set B 0.876 macro F1, as without any; read as several, 0.893, as written as
# exclude; in-sample weights, a comparison of wordings; cross-set as above, one sense 0.779
# / 0.870).
_ALTERNATIVES = re.compile(r",?\s+(?:or|nor)\s+|\s*;\s*")


def capitals_written(topic: Topic, vocab: frozenset[str] = frozenset()) -> frozenset[str]:
    """The words (their keys, and folded, a plural's s off: "Shabaab" is "al-shabab"'s too)
    that a topic writes with a capital where a capital marks a name: in its description, not
    opening a sentence; in a name or alias of one word, or of several of which another has a
    capital ("Kakhovka", "Shabaab", "Houthi" of "Yemen's Houthis", "Red", "Sea"). And in a
    name or alias typed all in lower case, the words that the model's vocabulary (``vocab``)
    lacks and English seldom writes (``unknown_name_word``: "jaish" and "waleed" of "jaish
    khalid bin al-waleed"), which only a name writes; in a description so typed, which
    writes many a rare word ("retook"), the cities of the gazetteer that English seldom
    writes ("daraa", "quneitra", "nova kakhovka"), and the other name it gives in brackets
    after one of the topic's, where a word of it is only a name's ("houthis (ansar allah)").
    In either, a sea's name ("red sea", "gulf of aden": ``seas_named``). So typed, with no
    capital elsewhere in the watchlist to case them by, the names were common words, and no text
    left them out (set A's topics with their names and aliases in lower case, read against its
    texts cross-set, Jaish Khalid bin al-Waleed's precision 0.69 -> 0.45; with their
    descriptions in lower case, macro F1 0.900 -> 0.847). And the words of a group's name so
    typed, of the model's words but ending in a body of people's word (``groups_name``: "wagner
    group" for "Wagner Group", "rapid support forces"): read as common words, "wagner group" had
    no name word and no text left the group's name out (set B's watchlist in lower case: a story
    of the Kherson front 0.61 for the Wagner Group). (That watchlist in lower case, read against
    set B's texts, changed 9 decisions of 368, 7 of them wrong, before these seas, cities of two
    words, bracketed names and groups' names; now 2, both right.)"""
    out: set[str] = set()
    if vocab:
        for name in (topic.name, *topic.aliases):
            if name.islower():
                out.update(
                    k
                    for tok in tokens(name)
                    if unknown_name_word(tok.word, vocab)
                    for k in (tok.key, tok.word.removesuffix("s"))
                )
    for name in (topic.name, *topic.aliases):
        if (group := groups_name(name)) is not None:
            out.update(
                k
                for tok in tokens(group)
                if group[tok.start].isupper()
                for k in (tok.key, tok.word.removesuffix("s"))
            )
    for text in (topic.name, *topic.aliases, topic.about):
        out.update(
            k
            for start, end in seas_named(text)
            for tok in tokens(text[start:end])
            if tok.word != "of"
            for k in (tok.key, tok.word)
        )
    if topic.about.islower():
        about_toks = tokens(topic.about)
        out.update(
            k
            for tok in about_toks
            if zipf_frequency(tok.word, ENGLISH) < COMMON_ZIPF
            and city(topic.about[tok.start : tok.end].capitalize()) is not None
            for k in (tok.key, tok.word)
        )
        # (and the other name it gives in brackets after one of the topic's, where a word of
        # it is only a name's: "yemen's houthis (ansar allah)", as ``description_aliases``
        # reads it written with capitals)
        if vocab:
            for gloss in glosses(topic):
                inside = tokens(gloss)
                if any(unknown_name_word(tok.word, vocab) for tok in inside) and not any(
                    is_everyday(tok.word) for tok in inside
                ):
                    out.update(
                        k
                        for tok in inside
                        if tok.word not in _NAME_PARTICLES
                        for k in (tok.key, tok.word)
                    )
        # (and such a city's name of two words, an everyday one beside: "nova kakhovka")
        for first, second in zip(about_toks, about_toks[1:], strict=False):
            if (
                topic.about[first.end : second.start] == " "
                and min(zipf_frequency(t.word, ENGLISH) for t in (first, second)) < COMMON_ZIPF
                and city(f"{first.word.capitalize()} {second.word.capitalize()}") is not None
            ):
                out.update(k for t in (first, second) for k in (t.key, t.word))
    about = topic.about.replace("\n", " ")
    for tok in tokens(about):
        if about[tok.start].isupper() and not starts_sentence(about, tok.start):
            out.update((tok.key, tok.word.removesuffix("s")))
    for name in (topic.name, *topic.aliases):
        if shouted(name):  # (its capitals mark no name: ``unshouted``)
            continue
        toks = [tok for tok in tokens(name) if name[tok.start].isupper()]
        # (its first word only beside another with a capital: "Kakhovka Dam", not the
        # "Landmine" of "Landmine casualties")
        if toks and toks[0].start == 0 and len(toks) == 1 and len(tokens(name)) > 1:
            toks = []
        out.update(k for tok in toks for k in (tok.key, tok.word.removesuffix("s")))
    return frozenset(out)


def typed_acronym(word: str) -> bool:
    """Whether a word of a name typed in lower case is an acronym so typed: no vowel ("jkbw",
    "pmc", "hpp"), which aliases meet as they are."""
    return not any(c in "aeiouy" for c in word)


def lower_in_name(word: str, lowered: frozenset[str]) -> bool:
    """Whether a name writes ``word`` (folded) in lower case: an everyday word, a particle
    ("bin", "al") or one of the topic's words in lower case (``lowered``, stems)."""
    return is_everyday(word) or word in _NAME_PARTICLES or stem(word) in lowered


def unknown_name_word(word: str, vocab: frozenset[str]) -> bool:
    """Whether ``word`` (folded) of a name typed in lower case is a name's word by itself: of
    letters, no acronym so typed (``typed_acronym``), no particle ("bin", "al"), unknown to
    the model's ``vocab`` and seldom written in English (below ``COMMON_ZIPF``)."""
    return (
        len(word) > 2
        and word.isalpha()
        and not typed_acronym(word)
        and word not in _NAME_PARTICLES
        and word not in vocab
        and zipf_frequency(word, ENGLISH) < COMMON_ZIPF
    )


def shouted(name: str) -> bool:
    """Whether a name is typed all in capitals as a whole, not as an acronym: several words,
    one of them more than four letters long ("HOUTHI ATTACKS ON RED SEA SHIPPING"; not
    "ISIS", "PMC RSF")."""
    toks = tokens(name)
    return name.isupper() and len(toks) > 1 and any(len(tok.word) > 4 for tok in toks)


def unshouted(name: str, capitals: frozenset[str], lowered: frozenset[str]) -> str:
    """A name typed all in capitals (``shouted``) as it is written: a capital on each word
    but an everyday word, a particle and a word the topic writes in lower case elsewhere
    (``lowered``, stems: ``common_words``), unless the watchlist writes that word with one
    (``capitals``): "Houthi attacks on Red Sea shipping", "Wagner group". So typed, every
    word was a name's ("ATTACKS", "SHIPPING"), and the name's own parts were none (set B's
    Houthi topic so named, read against its texts cross-set: precision 1.00 -> 0.80)."""
    low = name.lower()
    if len(low) != len(name):
        return name
    chars = list(low)
    for tok in tokens(low):
        word = tok.word.removesuffix("s")
        if tok.key in capitals or word in capitals or not lower_in_name(tok.word, lowered):
            chars[tok.start] = chars[tok.start].upper()
    return "".join(chars)


def as_typed(name: str, capitals: frozenset[str], topic: Topic) -> str:
    """A name or alias of ``topic`` as the user meant it: one typed all in capitals or all in
    lower case with the capitals of a name (``unshouted``, ``cased``), any other as written.
    A name in lower case so given a capital is a name: its other words that are no everyday
    word, particle or word of the description take one too ("jaish khalid bin al-waleed":
    "Jaish Khalid bin al-Waleed", not "Jaish khalid bin al-Waleed", which read as two names,
    Jaish and al-Waleed, a text writing only one of them leaving the other out:
    ``name_parts``; a group's name has its last word too, "khalid ibn al-walid army": "Khalid
    ibn al-Walid Army", ``groups_name``; not an acronym so typed, "kakhovka hpp")."""
    if shouted(name):
        return unshouted(name, capitals, common_words(topic))
    read = cased(name, capitals)
    if read == name:
        return read
    described = frozenset(topic_words((topic.about,)))
    chars = list(read)
    for tok in tokens(read):
        if (
            tok.word.isalpha()
            and not typed_acronym(tok.word)
            and not lower_in_name(tok.word, described)
        ):
            chars[tok.start] = chars[tok.start].upper()
    return "".join(chars)


def groups_name(name: str) -> str | None:
    """A name typed all in lower case, of several words, the last a body of people's
    (``GROUPS``: "wagner group", "rapid support forces"), with a capital on each of its words
    but a particle and an acronym so typed ("pmc"); None for another name."""
    toks = tokens(name)
    if not name.islower() or len(toks) < 2 or toks[-1].word not in GROUPS:
        return None
    chars = list(name)
    for tok in toks:
        if tok.word.isalpha() and not typed_acronym(tok.word) and tok.word not in _NAME_PARTICLES:
            chars[tok.start] = chars[tok.start].upper()
    return "".join(chars)


# The kinds of sea a name of the model's words is made of ("red sea", "gulf of aden"): a name's
# word before or after one ("the red sea": "Red Sea") is a place's, though it is an everyday
# word, as a topic typed in lower case writes it.
_SEA_WORDS = frozenset({"sea", "gulf", "ocean", "strait", "straits"})


def seas_named(text: str) -> list[tuple[int, int]]:
    """Where a name or description typed all in lower case writes the name of a sea, a gulf,
    an ocean or a strait ("houthi attacks on red sea shipping": "red sea"; "the gulf of
    aden": "gulf of aden"), as spans of ``text``: the kind's word with the word before it
    ("red sea", not "the sea"), or the one after "of" ("gulf of aden")."""
    if not text.islower():
        return []
    toks = tokens(text)
    out = []
    for k, tok in enumerate(toks):
        if tok.word not in _SEA_WORDS:
            continue
        before = toks[k - 1] if k else None
        if k + 2 < len(toks) and toks[k + 1].word == "of" and toks[k + 2].word.isalpha():
            out.append((tok.start, toks[k + 2].end))
        elif (
            before is not None
            and before.word.isalpha()
            and before.word not in LINK_WORDS
            and before.word not in _NAME_PARTICLES
            and text[before.end : tok.start] == " "
        ):
            out.append((before.start, tok.end))
    return out


def cased(name: str, capitals: frozenset[str]) -> str:
    """A name or alias written all in lower case ("kakhovka dam", "al-shabaab"), with a capital
    on each word the topic writes with one elsewhere (``capitals_written``: "Kakhovka dam",
    "al-Shabaab"): a quick watchlist is often typed so, and read as written, its names were
    common words (no distinctive name word: ``name_absent`` and ``other_name`` never
    counted; set A's texts, read against its watchlist in lower case, lost 9 of 112 right
    decisions, set B's 5 of 368). A name written with any capital is left as it is."""
    if not name.islower():
        return name
    chars = list(name)
    for tok in tokens(name):
        if tok.key in capitals or tok.word.removesuffix("s") in capitals:
            chars[tok.start] = chars[tok.start].upper()
    return "".join(chars)


# A web address in a description, and the word that points to it ("See https://...",
# "source: www..."): a reference for the analyst, no words of the topic's.
_LINK = re.compile(
    r"(?:\b(?i:see|source|more|ref|reference|via|info)\b\s*:?\s*)?"
    r"(?:https?://|www\.)\S+?(?=[.,;:!?)\]]*(?:\s|$))"
)


def without_links(about: str) -> str:
    """A description without its web addresses (``_LINK``) and the punctuation they leave:
    the model read "... See https://en.wikipedia.org/wiki/Wagner_Group." as part of what the
    topic is about (every dev description so written: set A 4 of 112 decisions changed, set
    B 4 of 368, macro F1 0.918 -> 0.868 there)."""
    if "://" not in about and "www." not in about:
        return about
    about = _LINK.sub("", about)
    about = re.sub(r"[(\[]\s*[)\]]", "", about)  # brackets left empty
    about = re.sub(r"[ \t]+([.,;:!?])", r"\1", about)
    about = re.sub(r"([.,;:])(?:\s*[.,;:])+", r"\1", about)
    return re.sub(r"[ \t]{2,}", " ", about).strip()


def cased_about(about: str, capitals: frozenset[str]) -> str:
    """A description written all in lower case, with a capital on each word that is a name
    wherever it stands: a country, a main city or its people of more than two letters
    ("somalia", "kenya", "somali"; not "us"), a month, and a word the watchlist writes with a
    capital elsewhere (``capitals``: "shabaab" of its alias "al-Shabaab") that English writes
    seldom (below ``COMMON_ZIPF``: not the "group" of "Wagner Group", the "forces" of "Rapid
    Support Forces"), a sea's name ("the red sea": ``seas_named``); and each sentence's first
    word. Its names are read by their capitals
    (``description_names``, ``home_of``; the others are the topic's common words): so
    written, its places were common words, and the dev descriptions in lower case changed 7 of
    set A's 112 decisions and 5 of set B's 368 (3 and 2 so read). Other names stay in lower
    case ("daraa", "prigozhin"): nothing tells them from words. A description with any
    capital is left as it is."""
    if not about.islower():
        return about
    flowed = about.replace("\n", " ")
    chars = list(about)
    seas = seas_named(about)
    for tok in tokens(about):
        word = tok.word
        if (
            word in _MONTHS
            or (word != "of" and any(start <= tok.start < end for start, end in seas))
            or (len(word) > 2 and (is_place(word) or country_of_people(word) is not None))
            or (
                (tok.key in capitals or word.removesuffix("s") in capitals)
                and zipf_frequency(word, ENGLISH) < COMMON_ZIPF
            )
            or starts_sentence(flowed, tok.start)
        ):
            chars[tok.start] = chars[tok.start].upper()
    return "".join(chars)


# What a description may open with that says what to watch, not what the topic is: "News about
# ...", "This topic covers ...", "Track coverage of ...", "Anything on ...". Not a verb alone:
# "Following the dam's collapse, ...", "Monitor lizards ..." say what the topic is.
_PREAMBLE = re.compile(
    r"\s*(?:"
    r"(?:this\s+topic|the\s+topic|this\s+watch(?:list)?|it)\s+"
    r"(?:covers|tracks|follows|includes|concerns|is\s+about)\s+"
    r"|(?:(?:track|follow|monitor|watch)(?:s|es|ing)?\s+)?(?:(?:all|any)\s+)?(?:the\s+)?"
    r"(?:news|articles|stories|reports|reporting|coverage|updates|anything|everything)\s+"
    r"(?:about|on|of|regarding|concerning|covering|mentioning|related\s+to)\s+"
    r")",
    re.IGNORECASE,
)


def without_preamble(about: str) -> str:
    """A description without an opening that says what to watch rather than what the topic is
    (``_PREAMBLE``): "News about the Somali group ..." is "The Somali group ...". The model
    read the opening as part of the topic, news of anything a little nearer (the dev
    descriptions so opened, cross-set macro F1 set A 0.900 -> 0.865 by "News about", 0.876 by
    "This topic covers" and "Anything about": Jaish Khalid bin al-Waleed's precision 0.69 ->
    0.56)."""
    return after_opening(about, _PREAMBLE.match(about))


def without_own_subject(about: str, names: Iterable[str]) -> str:
    """A description that opens with the topic's own name as its subject ("Al-Shabaab is an
    al-Qaeda-affiliated group ...", "The Wagner Group (PMC Wagner) was ..."), without it: "An
    al-Qaeda-affiliated group ...". The description is what the topic is, apart from a name
    other things share (``about_text``); so opened, it brought the name back, and the stories
    of its namesakes near (the dev descriptions so opened, cross-set macro F1 0.900 / 0.902
    -> 0.852 / 0.809: the football clubs named Shabab for al-Shabaab, the general Khalid ibn
    al-Walid for Jaish Khalid bin al-Waleed)."""
    written = sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True)
    if not written:
        return about
    opening = re.match(
        r"\s*(?:the\s+)?(?:"
        + "|".join(map(re.escape, written))
        + r")(?:\s*\([^()]*\))?\s*(?:,\s*)?(?:(?:is|are|was|were)\s+|[:\u2014\u2013]\s*|-\s+)",
        about,
        re.IGNORECASE,
    )
    return after_opening(about, opening)


def after_opening(about: str, opening: re.Match[str] | None) -> str:
    """``about`` without its ``opening`` (a match at its start), the rest with a capital; as
    written where nothing opens it or nothing is left."""
    if opening is None or opening.end() >= len(about):
        return about
    rest = about[opening.end() :]
    return rest[:1].upper() + rest[1:]


def as_read(topic: Topic, capitals: frozenset[str] | None = None) -> Topic:
    """The topic as the matcher reads it: the clauses of its description that say what it is
    not (``_NOT_CLAUSES``) taken out, and added to its ``exclude`` senses, and so is an
    opening that says what to watch or names the topic as its subject (``without_preamble``,
    ``without_own_subject``); its name and aliases each as the names it stands for
    (``name_forms``), typed in lower case or in capitals read as a name is written, given
    the capitals its watchlist writes elsewhere (``capitals``, the topic's among them;
    without, the topic's own: ``capitals_written``, ``as_typed``), and the other names its
    description gives in brackets (``description_aliases``); a description written all in
    lower case with the capitals of the names it can tell (``cased_about``), and with the
    acronyms of the topic's names that it spells out in words glossed after them ("Foreign
    direct investment (FDI) flows into India": ``initials.glossed_acronyms``)."""
    senses: list[str] = []

    def cut(m: re.Match[str]) -> str:
        said = m["paren"] or m["sentence"] or m["listed"] or m["clause"] or m["closing"]
        clause = " ".join(said.split())
        parts = _AND.split(clause) if m["closing"] else [clause]
        senses.extend(sense for part in parts for sense in _ALTERNATIVES.split(part) if sense)
        return ""

    if capitals is None:
        capitals = capitals_written(topic)
    forms = [f for n in (topic.name, *topic.aliases) for f in name_forms(n)]
    about = without_own_subject(
        without_preamble(without_links(topic.about)), (topic.name, *topic.aliases, *forms)
    )
    written = replace(topic, about=cased_about(about, capitals))
    about = _NOT_CLAUSES.sub(cut, written.about)
    # (the other names the description gives, as what the topic is, not in what it is not:
    # "Not the Cabo Delgado insurgents known locally as al-Shabab.")
    said = replace(written, about=about)
    given = description_aliases(said)
    about = glossed_acronyms(without_told_names(said), (topic.name, *topic.aliases, *given))
    # (the name itself as its first form: "Wagner Group" of "Wagner Group (PMC Wagner)", so
    # that what reads its words, its parts among them (``name_parts``), reads no bracket)
    name = as_typed(name_forms(topic.name)[0], capitals, topic)
    aliases = tuple(dict.fromkeys([as_typed(f, capitals, topic) for f in forms] + given))
    if (
        about == topic.about
        and name == topic.name
        and aliases == tuple(dict.fromkeys((topic.name, *topic.aliases)))
    ):
        return topic
    if senses:
        about = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(about.split()))
    return replace(
        topic,
        name=name,
        about=about,
        aliases=aliases,
        exclude=tuple(dict.fromkeys((*topic.exclude, *senses))),
    )


def common_words(topic: Topic) -> frozenset[str]:
    """The stems of the words ``topic`` writes in lower case in its name, aliases and
    description: a word of these that opens a name with a capital is capitalised for opening
    it ("Landmine casualties" with "landmine" an alias, "Shipwrecks" described as "boats that
    sink ... shipwrecks"), a common word, as a text may say otherwise ("mines"), not a name
    whose absence tells (``name_absent``) nor one another thing's name borrows ("Landmine
    Monitor": ``other_name``)."""
    return frozenset(topic_words((topic.name, *topic.aliases, topic.about)))


def topic_text(topic: Topic) -> str:
    """What the topic is embedded from: the name with its description when there is one."""
    if topic.about:
        return f"{topic.name}: {described(topic)}"
    return "; ".join(dict.fromkeys((topic.name, *topic.aliases)))


def about_text(topic: Topic) -> str:
    """The description alone: what the topic is, apart from a name that other things share."""
    return described(topic) or topic_text(topic)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    out: np.ndarray = 1.0 / (1.0 + np.exp(-x))
    return out


# A year as a headline or a name writes it: four digits alone, from 1800 to 2099 ("Floods
# 2010", "2022 Pakistan floods"; not "1,325-acre", "737", "A320").
_YEAR = re.compile(r"(?<![\w.,$€£¥])(?:18|19|20)\d\d(?![\w.,]\d|\w)")


# The opening clause of a person's description and the role after it, dated by "since"
# ("Abiy Ahmed, Prime Minister of Ethiopia since 2018,"; "... military leader since the
# September 2022 coup").
_ROLE_SINCE = re.compile(r"[^,;:(.]*,[^,;:(.]*?\bsince\b[^,;:(.]*?\b((?:18|19|20)\d\d)\b")


# A name written as a model that another thing follows: after a word for a style or a model
# ("al estilo Bukele", "ao estilo", "el modelo Bukele"), or before a suffix that makes it one
# ("Bukele-style", "Orbán-like", "Trump-esque", "Putin-inspired").
_LIKENED_BEFORE = re.compile(r"(?:\b(?:estilo|modelo|model)\s+[\"'“«‘]?)$", re.IGNORECASE)
_LIKENED_AFTER = re.compile(r"^['’]?s?[-‐–](?:style|like|esque|inspired|type)\b", re.IGNORECASE)


def likened_only(title: str, found: Sequence[AliasHit]) -> str | None:
    """Where every one of a topic's name hits (``found``) that stand in the headline
    (``title``) writes the name as a model another thing is likened to (``_LIKENED_BEFORE``,
    ``_LIKENED_AFTER``), the first of them as written with its word for a model; None where
    the headline writes none, or one otherwise."""
    in_title = [h for h in found if h.end <= len(title)]
    written = []
    for h in in_title:
        before = _LIKENED_BEFORE.search(title, 0, h.start)
        after = _LIKENED_AFTER.match(title[h.end :])
        if before is None and after is None:
            return None
        start = before.start() if before is not None else h.start
        written.append(title[start : h.end + (after.end() if after is not None else 0)])
    return written[0] if written else None


def years_in(lines: Iterable[str]) -> list[int]:
    """The years ``lines`` write."""
    return [int(m[0]) for line in lines for m in _YEAR.finditer(line)]


class Matcher:
    """Topics are embedded once here; scoring an article against all of them is one product."""

    def __init__(
        self,
        embedder: Embedder,
        topics: Sequence[Topic],
        default_threshold: float,
        multilingual: Embedder | None = None,
    ) -> None:
        self.embedder = embedder
        self.multilingual = multilingual
        self._other: _OtherLanguages | None = None  # built on the first non-English article
        self.topics = list(topics)
        # Each topic as read (``as_read``): a name that joins several as each, and what its
        # description says it is not as exclude senses.
        # (a name a watchlist writes in lower case takes the capitals any of its topics writes:
        # "yarmouk camp" where another topic's description writes "Yarmouk"; its own among them)
        self.vocab: frozenset[str] = getattr(embedder, "vocab", frozenset())
        capitals = frozenset().union(*(capitals_written(t, self.vocab) for t in self.topics))
        self.readings = [as_read(t, capitals) for t in self.topics]
        self.default_threshold = default_threshold
        self.index_of = {t.id: i for i, t in enumerate(self.topics)}
        # (dim, n), contiguous: a transposed view would make every product several times slower
        n = len(self.topics)
        # (dim, 2n): "name: about" then the description alone, so one product scores both.
        self.sem_vecs = np.ascontiguousarray(
            embedder.encode(
                [topic_text(t) for t in self.readings] + [about_text(t) for t in self.readings]
            ).T
        )
        self.topic_vecs = np.ascontiguousarray(self.sem_vecs[:, :n])
        bg = embedder.encode(list(BACKGROUND)) @ self.sem_vecs  # (bg, 2n)
        self.sem_mean = bg.mean(axis=0)
        self.sem_std = np.maximum(bg.std(axis=0), 1e-3)
        self.bg_mean, self.bg_std = self.sem_mean[:n], self.sem_std[:n]
        # Topics that name their languages (``languages: [en, ar]``) skip articles in others.
        self.limited = any(t.languages for t in self.topics)
        self.described = np.array([bool(t.about) for t in self.readings], dtype=bool)
        self._skipped: dict[str, np.ndarray] = {}
        self.thresholds = np.array(
            [t.threshold if t.threshold is not None else default_threshold for t in self.topics]
        )
        vocab = self.vocab
        names = [
            list(dict.fromkeys(f for n in (t.name, *t.aliases) for f in (n, *singular(n, vocab))))
            for t in self.readings
        ]
        patterns = [(i, p) for i, ns in enumerate(names) for p in compile_aliases(ns)]
        # (a name's common noun in the other number is sought as that name, and so is a
        # country's name by the country's other English names, "Burma" for "Myanmar", "Ivory
        # Coast" for "Côte d'Ivoire"; neither is weighed as another of the topic's words:
        # ``other_number``, ``exonyms.country_spellings``)
        patterns += [
            (i, replace(p, alias=n))
            for i, ns in enumerate(names)
            for n in ns
            for p in compile_aliases(
                [*other_number(n, vocab), *(c for c in country_spellings(n) if c not in ns)]
            )
        ]
        # A person's surname alone (``people``): "Prigozhin" for Yevgeny Prigozhin.
        self.surnames = [
            tuple(surnames((t.name, *t.aliases), t.about, vocab)) for t in self.readings
        ]
        patterns += [(i, p) for i, ss in enumerate(self.surnames) for p in compile_aliases(ss)]
        # The topics whose descriptions read as a person's, as a group's (``people``).
        persons = [
            describes_person(t.about, ns) for ns, t in zip(names, self.readings, strict=True)
        ]
        self.groups = [describes_group(t.about) for t in self.readings]
        # Per field (sport; film, music and books), the topics whose description or names write
        # no word only it uses: its story is no news of theirs (``fields``).
        spoken = [fields_spoken_of((t.name, t.about, *t.aliases)) for t in self.readings]
        self.not_of_field = {
            field: np.array([field not in fields for fields in spoken], dtype=bool)
            for field in FIELDS
        }
        # The topics that are a city by name ("Kherson"): one an English text names once, and
        # not in its headline, is named in passing (``Matcher.features``) ...
        self.city_topics = frozenset(
            i for i, t in enumerate(self.readings) if city(t.name) is not None
        )
        # ... and of those, the ones whose descriptions speak of no region: where a text writes
        # the city's name only as its region's ("Kherson Oblast", "the Kherson region"), it
        # tells of the region (``_regions_named``).
        self.cities = frozenset(
            i
            for i in self.city_topics
            if not any(tok.word.startswith(REGION_WORDS) for tok in tokens(self.readings[i].about))
        )
        # ... and those a watchlist writes itself ("Orbán" beside "Viktor Orbán"): a surname
        # hit, either way, after another given name is another person's (``_others_of_family``)
        # (as folded: "Imamoglu", the watchlist's, is the surname of "Ekrem İmamoğlu")
        self.family_names = [
            frozenset(_folded(f) for f in filter(None, (surname(n, vocab) for n in ns)))
            if persons[i]
            else frozenset()
            for i, ns in enumerate(names)
        ]
        self.family_persons = [i for i, family in enumerate(self.family_names) if family]
        # The surname of the person a group's description names as its founder or leader
        # (``people.leaders``): a text that writes it writes the group's name, as news names
        # a group by its leader ("Prigozhin's mercenaries" for the Wagner Group). Not a hit.
        leader_patterns = [
            (i, p)
            for i, t in enumerate(self.readings)
            for p in compile_aliases(leaders(t.about, vocab))
        ]
        self.leader_names = AliasIndex(leader_patterns) if leader_patterns else None
        # A group's, a body's or a place's initials, in English texts (``initials``): "RSF" for
        # the Rapid Support Forces. Not a person's.
        patterns += [
            (i, replace(p, language=ENGLISH))
            for i, (ns, ss) in enumerate(zip(names, self.surnames, strict=True))
            if not ss
            for p in compile_aliases(initials_of(ns))
        ]
        self.aliases = AliasIndex(patterns)
        # Distinctive name words -> the topics they name: capitalised words of the names that
        # the model's vocabulary lacks (Yarmouk, Kakhovka; not "mercenaries", which is only
        # split into word pieces, nor a kind written as an acronym: PMC, HPP); and per topic
        # the keys of its own names and description (what may stand beside them).
        self.name_keys: dict[str, list[int]] = {}
        lowered = [common_words(t) for t in self.readings]

        def name_word(name: str, tok: Token, i: int) -> bool:
            """Whether ``tok`` of topic ``i``'s ``name`` is a word of its own: capitalised, no
            acronym, and not a common word that only opens the name ("Landmine casualties"
            with "landmine" in lower case elsewhere)."""
            return (
                name[tok.start].isupper()
                and not is_acronym(name[tok.start : tok.end])
                and not (tok.start == 0 and stem(tok.word) in lowered[i])
            )

        self.name_spellings: dict[str, set[str]] = {}  # key -> the name words (folded) of it
        for i, ns in enumerate(names):
            words = {
                (key, tok.word)
                for written in ns
                for n in dict.fromkeys((written, without_cedilla(written)))
                if not is_acronym(n)
                for tok in tokens(n)
                if tok.word not in vocab and tok.key != "bn" and name_word(n, tok, i)
                for key in key_forms(tok.key, tok.word)
            }
            for key, spelled in words:
                self.name_spellings.setdefault(key, set()).add(spelled)
            for key in {key for key, _ in words}:
                self.name_keys.setdefault(key, []).append(i)
        # A short name of the model's words has its rarer ones, met as written (the model's
        # words are never met by their skeleton: "Hamas" is no "Homes"), plural or not:
        # Taliban, Hamas, Wagner of "Wagner Group"; not Group, State, nor a place's or a
        # people's name (Syria, Kenya, Russian), nor a word that makes a group's name of any
        # other (``GROUP_WORDS_AFTER``: "Corps" of "Africa Corps" is no name of the Wagner
        # Group that a story of it must write); and not those of a longer official name, which
        # news shortens otherwise ("ATMIS" for the African Union Transition Mission in
        # Somalia), nor a person's, whom news names by the surname alone ("Donald" is no name
        # word that "Trump signs order" leaves out).
        self.vocab_name_words: dict[str, list[int]] = {}
        keyed = {i for ts in self.name_keys.values() for i in ts}
        for i, ns in enumerate(names):
            if i in keyed or persons[i]:
                continue
            for word in {
                tok.word
                for written in ns
                if not is_acronym(written)
                and sum(written[tok.start].isupper() for tok in tokens(written)) <= 2
                for tok in tokens(written)
                if name_word(written, tok, i)
                and not is_everyday(tok.word)
                and not is_place(tok.word)
                and country_of_people(tok.word) is None
                and tok.word not in GROUP_WORDS_AFTER
            }:
                for form in dict.fromkeys((word, word.removesuffix("s"), f"{word}s")):
                    self.vocab_name_words.setdefault(form, []).append(i)
        self.has_names = np.zeros(len(self.topics), dtype=bool)
        self.has_names[list(keyed)] = True
        self.has_names[[i for ts in self.vocab_name_words.values() for i in ts]] = True
        # A group's or a body's name of everyday words ("Kenya Defence Forces", "Rapid Support
        # Forces") is as distinctive whole: a text that never writes it, a shorter form of it
        # ("Defence Forces", "Red Cross"), its initials, nor, for a country's armed force,
        # the country with a word for its force ("Kenyan troops", "Sudan's army":
        # ``armed_forces_forms``) leaves it out (``initials``). Not a longer official name,
        # which news often shortens otherwise: "ATMIS" for the African Union Transition
        # Mission in Somalia, "UNIFIL".
        whole = [
            i
            for i, t in enumerate(self.readings)
            if not self.surnames[i]
            and any(len(letters) <= WHOLE_NAME_LETTERS for letters in initials(t.name))
            and not is_place(t.name)
        ]
        self.has_names[whole] = True
        self.whole_names = np.array(whole, dtype=int)
        # A topic named in everyday words and a place ("2023 Turkey-Syria earthquakes", "Haiti
        # gangs"), whose rarer words only its aliases write ("Kahramanmaras earthquake", "Viv
        # Ansanm"): a text whose headline writes the name's own words, one of its places (or
        # its people) among them, names it as news most often does ("Turkey earthquake: more
        # than 100 contractors facing arrest"; the month of a date is none of those words, and
        # a headline's short form stands for its word: "Quake deaths pass 5,000 as Turkey,
        # Syria seek survivors" for "February 2023 Turkey-Syria earthquake": over six sets of
        # real texts gathered for 24 new topics, 2026-12-07, four wanted stories of two
        # earthquakes 0.04-0.52 -> 0.63-0.95, no other pair moved), and leaves no
        # name out. Only the headline: a
        # lead that writes them tells as often of another of its kind there ("The magnitude
        # 6.8 quake struck ... Elazig province. Turkey has a history of powerful
        # earthquakes"), or of the place and the kind apart ("Haiti's terrible earthquake ...
        # gang violence"). Topic -> the name's countries and its other words' stems.
        self.plain_names: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
        for i, t in enumerate(self.readings):
            if not self.has_names[i] or persons[i] or i in whole:
                continue
            name_toks = tokens(t.name)
            if any(i in self.name_keys.get(tok.key, ()) for tok in name_toks):
                continue
            name_codes = countries_named(t.name, name_toks, people=False)
            name_words = frozenset(
                stem(tok.word)
                for tok in name_toks
                if tok.word.isalpha()
                and tok.word not in ENGLISH_STOP_WORDS
                and tok.word not in MONTH_WORDS
                and not country_codes(tok.word)
                and country_of_people(tok.word) is None
            )
            if name_codes and name_words:
                self.plain_names[i] = (name_codes, name_words)
        # A group named by a code ("M23", "ISWAP", "PKK": ``code_name``) is as distinctive:
        # news of it writes the code, or the name it stands for (spelled out, where the
        # watchlist does not write it: ``spelled_out``), and a story of its region that
        # writes neither is of another group there or of none ("Boko Haram abducts 30 women"
        # for ISWAP; cholera in the camps around Goma for M23). Topic -> its codes.
        self.codes = {
            i: coded
            for i, ns in enumerate(names)
            if self.groups[i] and (coded := [n for n in ns if code_name(n)])
        }
        self.has_names[list(self.codes)] = True
        # A country watched by a name of its own besides ("Georgia", "Sakartvelo") is named
        # by any name, people, capital or town of it a text writes ("Tbilisi", "the Georgian
        # government": ``_Places.names``). Topic -> the country's codes.
        self.countries_watched = {
            i: frozenset(country)
            for i, t in enumerate(self.readings)
            if self.has_names[i] and (country := country_codes(t.name))
        }
        # A watched person is met by a word of the name after a title or a role ("President
        # Putin", "Prime Minister Abiy", "Mr Khan"), which no alias meets alone where the
        # model knows the word or English writes it every day (``people.surname``): a title
        # tells a person's name from a word, and from another's of the name, who would be
        # given a name of their own ("President Mohamed Abdullahi"). Word -> the topics.
        person_names = {i: _capitalised_words(names[i]) for i in range(n) if persons[i]}
        self.person_names = person_names
        self.titled: dict[str, list[int]] = {}
        for i, person_name in person_names.items():
            for untitled in person_name - TITLES:
                self.titled.setdefault(untitled, []).append(i)
        self.titled_words = frozenset(self.titled)
        # A watched person whose names carry a distinctive word (a given name the model does
        # not know: "Imran" of "Imran Khan", "Jinping" of "Xi Jinping") is named by any word
        # of them that a text writes as a name: "Khan", "Xi", which no alias meets alone
        # (``people.surname``: a word the model knows), leave no name out. Not an everyday
        # word ("God" of "Sword of God"). Topic -> those words (folded).
        self.person_words = {
            i: frozenset(w for w in person_name if not is_everyday(w))
            for i, person_name in person_names.items()
            if self.has_names[i]
        }
        # A topic named for a field in a country or on a continent, and by no distinctive
        # word ("Security in Somalia", "Floods in Pakistan", "Russian mercenaries in Africa"),
        # leaves its name out of a text that names that country nowhere, by no name, people,
        # capital or town of it (nor, for a continent, any of its countries or the continent
        # itself): a story of another country's war is none of Somalia's security, nor one of
        # Wagner's war in Ukraine of Russia's mercenaries in Africa. Topic -> those countries
        # and continents (``scope_of``).
        self.country_scoped = {
            i: scope
            for i, t in enumerate(self.readings)
            if not self.has_names[i] and (scope := scope_of(t.name))[0]
        }
        self.short_forms = AliasIndex(
            [
                (i, p)
                for i in whole
                for p in compile_aliases(
                    [f for n in names[i] for f in (*short_forms(n), *armed_forces_forms(n))]
                )
            ]
        )
        # The names of a topic's name that writes several (``name_parts``): a text that writes
        # only some of them is about only some of the topic ("Houthi" without "Red Sea").
        # A country's or a people's is written as any name of that country or its people
        # ("US": "American", "United States"); any other, as an alias is.
        self.part_names = [
            (i, part)
            for i, t in enumerate(self.readings)
            for part in name_parts(t.name, vocab, lowered[i])
        ]
        self.part_count = np.bincount(
            np.array([i for i, _ in self.part_names], dtype=int), minlength=len(self.topics)
        )
        self.part_countries = {
            k: frozenset(codes)
            for k, (_, part) in enumerate(self.part_names)
            if (codes := part_countries(part))
        }
        # per topic, its name's countries (indices of ``part_names``)
        self.part_countries_of: dict[int, list[int]] = {}
        for k in self.part_countries:
            self.part_countries_of.setdefault(self.part_names[k][0], []).append(k)
        # Per topic, the countries and continents it is about (``home_of``), where it names any.
        self.homes = [home_of(t) for t in self.readings]
        # ... and whether it is bound to them (``placed_in``), where a name is local to them
        # (``local_names``): a person's is not (a person goes abroad), nor one whose
        # description opens without a place (an event of several countries: "The explosions
        # that damaged the Nord Stream pipelines under the Baltic").
        self.placed = [not persons[i] and bool(placed_in(t)) for i, t in enumerate(self.readings)]
        # (of the descriptions as written: a reading drops a clause that only tells names)
        self.local_names = [local_names(t) for t in self.topics]
        # (with the countries that border them: a group crosses into those)
        self.near_homes = [codes.union(*(neighbours(c) for c in codes)) for codes, _ in self.homes]
        self.parts = AliasIndex(
            [
                (k, p)
                for k, (_, part) in enumerate(self.part_names)
                if k not in self.part_countries
                for p in compile_aliases([part])
            ]
        )
        # The kinds of place or work a topic's names end in ("Kakhovka dam": ``kinds``) and the
        # keys of its names' own words: a text naming others of its kind is about them.
        self.own_kinds = [kinds_of(ns) for ns in names]
        # The names of the storm a topic is ("Cyclone Freddy"): a headline naming another storm
        # and none of the topic's names is that storm's story (``kinds.other_storms``).
        self.storms = {i: own for i, ns in enumerate(names) if (own := storm_names(ns))}
        # The year a topic's names date it by ("2022 Pakistan floods", "January 2025 Los
        # Angeles wildfires"): a headline that names only years before it tells a story of
        # before ("Pakistan, Floods 2010"), which cannot report the topic's (``other_of_kind``).
        # A storm's or a country's outbreak or disaster (below) is dated by its description
        # where its names give no year: its first year ("Hurricane Otis, which struck
        # Acapulco on 25 October 2023": "Orkan Otis (2005)" is another Otis).
        self.name_years = {i: min(ys) for i, ns in enumerate(names) if (ys := years_in(ns))}
        # The day and month an event topic happened on, where its description dates it so or
        # its names write one ("the earthquakes of 6 February 2023"): a text that writes that
        # day names the topic by it ("6 Şubat depremleri": ``monitor.match.dates``).
        self.event_days = {
            i: days
            for i, t in enumerate(self.readings)
            if (days := event_days(t.about, (t.name, *t.aliases)))
        }
        self.event_months = sorted({m for days in self.event_days.values() for _, m in days})
        # A topic named for a field or an event in a country, by that country's name, and for
        # no place or work of its own ("Marburg virus in Rwanda", "Cholera in Sudan", "2025
        # Myanmar earthquake"; not "Panama Canal"): the countries its name, aliases and
        # description name, and those of the continents they name. A headline that names
        # countries, none of them these, tells another country's outbreak or disaster, which
        # recalls the topic's in passing ("Marburg virus break out in southern Ethiopia", whose
        # last line recalls Rwanda's cluster: 0.99 before): ``other_of_kind``.
        self.placed_events: dict[int, frozenset[str]] = {}
        for i, t in enumerate(self.readings):
            if event_countries := event_place(t.name, names[i]):
                home, home_continents = self.homes[i]
                self.placed_events[i] = event_countries | home | countries_on(home_continents)
        for i in (*self.storms, *self.placed_events):
            if i not in self.name_years and (ys := years_in([self.topics[i].about])):
                self.name_years[i] = min(ys)
        # ... and a watched person by the year the role the description opens with began, where
        # that role's clause gives it ("Gustavo Petro, president of Colombia since August 2022"):
        # a headline naming only years before it tells of before ("Petro reconoce su derrota
        # en la segunda vuelta presidencial de 2018"). Not a year given later ("Ousmane Sonko,
        # Senegalese opposition leader of PASTEF, his trials ..., and since April 2024 prime
        # minister"): his story goes back further.
        for i, person in enumerate(persons):
            if (
                person
                and i not in self.name_years
                and (since := _ROLE_SINCE.match(self.readings[i].about))
            ):
                self.name_years[i] = int(since[1])
        self.kinds = [kinds_counted(kinds) for kinds in self.own_kinds]
        self.any_kinds = frozenset().union(*self.kinds)
        # (and the kinds it is not of, whose words neither its names nor its description write:
        # a word of its name only before one of them names another thing, ``foreign_kinds``)
        self.foreign_kinds = [
            foreign_kinds(ns, t.about) for ns, t in zip(names, self.readings, strict=True)
        ]
        self.any_foreign_kinds = frozenset().union(*self.foreign_kinds)
        # (and those of the others of its kind its description names: "the Rafah crossing and
        # aid through Kerem Shalom crossing" makes a story of Kerem Shalom the topic's too)
        self.kind_described_keys = [
            described_keys(t.about, k, vocab) if k else frozenset()
            for k, t in zip(self.kinds, self.readings, strict=True)
        ]
        self.kind_own_keys = [
            own_name_keys(ns, vocab) | described if k else frozenset()
            for ns, k, described in zip(names, self.kinds, self.kind_described_keys, strict=True)
        ]
        # the keys of every word of each topic's names ("yarmouk", "valley", "basin", "river")
        self.name_words = [
            frozenset(k for n in ns for tok in tokens(n) for k in (tok.key, *tok.forms))
            for ns in names
        ]
        owns = [" ".join((*ns, t.about)) for ns, t in zip(names, self.readings, strict=True)]
        self.own_keys = [
            frozenset(
                k
                for spelled in dict.fromkeys((own, without_cedilla(own)))
                for tok in tokens(spelled)
                for k in (tok.key, tok.key.rstrip("s"))
            )
            for own in owns
        ]
        # The common words of each topic's names and description (``lexical``): stem -> the
        # topics that write it and its weight there.
        self.lexicon: dict[str, list[tuple[int, float]]] = {}
        # Per topic, how much its words weigh in all (``topic_words`` is read against it).
        self.lexicon_total = np.ones(len(self.topics))
        for i, (ns, t) in enumerate(zip(names, self.readings, strict=True)):
            common = topic_words((*ns, t.about))
            self.lexicon_total[i] = max(1.0, sum(common.values()))
            for key, w in common.items():
                self.lexicon.setdefault(key, []).append((i, w))
        # The keys of the description's proper names -> the topics whose description writes
        # them, how, under which name's key (one name may be found by two: ``key_forms``), and
        # where only that spelling is met (None: anywhere): in Latin script (``LATIN``,
        # ``latin_spellings``: German "Jemen" for Yemen, Spanish "Jersón" for Kherson), or in
        # one language (``language_spellings``: Turkish "Husi"); and the (topic, name) pairs met in
        # Arabic script only by their names there (``AliasPattern.arabic_by_name``).
        self.about_keys: dict[str, list[tuple[int, str, str, str | None, bool]]] = {}
        self.arabic_by_name: set[tuple[int, str]] = set()
        # The names of those pairs in Latin and Cyrillic script (``AliasPattern.cased_names``).
        self.cased_names: dict[tuple[int, str], frozenset[str]] = {}
        # Per topic, the description's names that only open a longer name -> the key of its
        # last word (``leading_names``): "Rafael" counts only beside "Grossi".
        # And the description's everyday words that count only beside a word of their name
        # (``everyday_name_words``): "State" beside "Islamic".
        described = [description_names(t, vocab) for t in self.readings]
        self.name_heads: list[dict[str, str]] = []
        self.name_mates: list[dict[str, frozenset[str]]] = []
        acronyms: list[set[str]] = []
        for t, written in zip(self.readings, described, strict=True):
            runs = capitalised_runs(t.about)
            self.name_heads.append(leading_names(runs, written, vocab))
            self.name_mates.append(everyday_name_words(runs, written))
            acronyms.append(short_acronyms(runs, t.about))
        # A name the description writes in the plural is also found in the singular, as a
        # text writes it before a noun ("Houthi rebels", Arabic "الحوثي" for "Houthis").
        # A short acronym of the description ("FAA", "WHO") is met only as written, in
        # capitals (``short_acronyms``), and so is a country's ("US", "UK": ``COUNTRY_ACRONYMS``),
        # which is read as its country besides ("American", "Britain"): the words met so.
        self.in_capitals = set(COUNTRY_ACRONYMS)
        self.about_countries: dict[str, list[tuple[int, str]]] = {}  # code -> (topic, name)
        # The country each of the description's names of a country is: a word of a country's
        # name of several words is that country's ("Sudan" of "South Sudan", "Korea" of "North
        # Korea"), and it meets that country only, not another that the word names alone.
        # A country's names are one name ("Saudi" and "Arabia" of "Saudi Arabia"; "US" of the
        # topic's name and "United States" of its description).
        self.name_codes: dict[tuple[int, str], tuple[str, ...]] = {}
        for i, (t, written) in enumerate(zip(self.readings, described, strict=True)):
            for start, end, codes in countries_written(t.about):
                for tok in tokens(t.about[start:end]):
                    for name in (n for n, w in written.items() if w == tok.word):
                        self.name_codes[(i, name)] = codes
        # The group a group's description says it belongs to (``people.parents``: "al-Qaeda"
        # of "Al-Qaeda's Yemeni branch") and where its description first places it: the
        # names of its opening clause besides the parent's, those of no country where it
        # writes any ("Yarmouk" of "... that held the Yarmouk basin in south-west Syria"),
        # its countries where it writes none ("Yemeni"). A text that writes both names the
        # group as news often does ("al-Qaeda in Yemen"), by no name of its own.
        parent_patterns = []
        self.parent_places: list[frozenset[str]] = []
        for i, (t, written) in enumerate(zip(self.readings, described, strict=True)):
            # (read as written: a description typed in lower case is read so, ``parents``)
            found = [n for n in parents(self.topics[i].about) if n not in names[i]]
            opening = _OPENING_CLAUSE.match(t.about)
            if not found or opening is None:
                self.parent_places.append(frozenset())
                continue
            parent_keys = {tok.key for n in found for tok in tokens(n)}
            clause = description_names(replace(t, about=opening[0]), vocab)
            placed = [
                key for key in clause if key in written and skeleton_of(key) not in parent_keys
            ]
            specific = [
                key
                for key in placed
                if not country_codes(country_of_people(written[key]) or written[key])
            ]
            self.parent_places.append(frozenset(specific or placed))
            parent_patterns += [
                (i, p) for p in compile_aliases([o for n in found for o in parent_names(n)])
            ]
        self.parent_names = AliasIndex(parent_patterns) if parent_patterns else None
        for i, written in enumerate(described):
            # (a name written with a Turkish or Romanian ş, as English also writes it, with an
            # s: "Kahramanmaras")
            about = self.readings[i].about
            as_s: dict[str, tuple[str, str]] = {}
            if (about_s := without_cedilla(about)) != about:
                toks, plain = tokens(about), tokens(about_s)
                if len(toks) == len(plain):
                    as_s = {
                        tok.word: (alt.key, alt.word)
                        for tok, alt in zip(toks, plain, strict=True)
                        if alt.key != tok.key
                    }
            for name, word in written.items():
                if name in acronyms[i]:
                    self.in_capitals.add(word)
                    if not is_country(word):
                        self.about_keys.setdefault(name, []).append((i, word, name, None, False))
                        continue
                # key -> (the name as spelled so, where that spelling is met: None anywhere)
                forms: dict[str, tuple[str, str | None]] = {
                    key: (word, None) for key in key_forms(skeleton_of(name), word)
                }
                if word in as_s:
                    forms.setdefault(as_s[word][0], (as_s[word][1], None))
                # A people's adjective is read as its country too ("Sudanese": "Sudan"), as if
                # the description wrote both, and a country by its every name ("Turkey",
                # "Türkiye"); a country is met as its people's adjectives (``peoples``:
                # "Syrian", "Syrians" for "Syria"), a word derived from it only.
                place = country_of_people(word) or word  # an adjective's country, or the word
                for tok in tokens(" ".join(country_names(place))):
                    forms.update({key: (tok.word, None) for key in key_forms(tok.key, tok.word)})
                peoples = peoples_of_country(place)
                singulars = singular(word, vocab)
                for base in singulars:
                    for tok in tokens(base):
                        forms.update(
                            {key: (tok.word, None) for key in key_forms(tok.key, tok.word)}
                        )
                for other in latin_spellings(word):
                    forms.setdefault(skeleton(other), (other, LATIN))
                # ... and as one language alone writes it or its singular ("Husi" in Turkish,
                # Houthis), met in a text in that language (a short one by its whole form)
                # (one spelling may be several languages': Turkish and Russian "husi")
                scoped = {
                    (tok.key, tok.word, language): None
                    for one in (word, *singulars)
                    for language, others in language_spellings(one).items()
                    for tok in (t for other in others for t in tokens(other)[:1])
                }
                # A country or a main city as other languages write it ("Yemen": "اليمن",
                # "Йемен", "Jemenu"), met by those words exactly (``exact_keys``); one whose
                # names in Arabic script are known is met in that script only by them and their
                # adjectives ("اليمنية"; ``AliasPattern.arabic_by_name``). Another city as
                # GeoNames names and spells it ("درعا", "Deraa" for "Daraa"), by its consonants
                # too, as an alias's is (``aliases.city_spellings``).
                elsewhere = [o for o in names_elsewhere(place) if len(tokens(o)) == 1]
                cities = city_spellings(place[:1].upper() + place[1:])
                for other in (*elsewhere, *(o for o in cities if len(tokens(o)) == 1)):
                    forms.setdefault(exact_key(other), (other, None))
                if any(tokens(other)[0].arabic for other in elsewhere) and by_name_in_arabic(
                    skeleton_of(name)
                ):
                    self.arabic_by_name.add((i, name))
                if in_cased := cased_names(place):
                    self.cased_names[(i, name)] = in_cased
                for key, (form, only_in) in forms.items():
                    self.about_keys.setdefault(key, []).append((i, form, name, only_in, False))
                for key, form, language in scoped:
                    if key not in forms:
                        self.about_keys.setdefault(key, []).append((i, form, name, language, False))
                for key in peoples - forms.keys():
                    self.about_keys.setdefault(key, []).append((i, place, name, None, True))
                # ... and as a text writes the country in several words ("United States" for
                # "US" or "American", "United Kingdom" for "British": ``countries_written``)
                codes = self.name_codes.setdefault((i, name), country_codes(place))
                for code in codes:
                    self.about_countries.setdefault(code, []).append((i, name))
        # Exclude senses: one column each, with the topic that owns it. A sense also guards
        # every other topic whose distinctive name word it writes, unless it names that topic
        # by alias: "Yarmouk refugee camp in Damascus", excluded from the valley, is no more
        # the group named after the Yarmouk Martyrs Brigade, but it is the camp when the camp
        # is watched too.
        ex_texts: list[tuple[int, str]] = []
        for i, t in enumerate(self.readings):
            for sense in t.exclude:
                named = set(self.aliases.search(sense))
                owners = {i} | {
                    j
                    for tok in tokens(sense)
                    for j in self.name_keys.get(tok.key, ())
                    if j not in named
                }
                ex_texts += [(j, sense) for j in sorted(owners)]
        self.ex_owner = np.array([i for i, _ in ex_texts], dtype=np.int64)
        self.ex_names = [s for _, s in ex_texts]
        self.ex_vecs = (
            embedder.encode(self.ex_names).T
            if ex_texts
            else np.zeros((embedder.dim, 0), dtype=np.float32)
        )
        # Per topic, itself and the other watched topics whose names its description writes
        # (the Yarmouk Valley's "Yarmouk basin" in the description of the group that held it):
        # a text's word inside their names may be one of the description's names.
        self.described_topics = [
            frozenset(self.aliases.search(t.about)) | {i} for i, t in enumerate(self.readings)
        ]

    @cached_property
    def fingerprint(self) -> str:
        """What a text's zero-shot scores depend on besides the text: the models, the topics as
        configured (a topic's score reads the others' names too) and the matcher's own code,
        data and libraries (``scoring_code``). Equal fingerprints score a text alike, so a
        label's score kept with it (``Label.zero_shot_by``) need not be computed again."""
        parts = (
            scoring_code(),
            self.embedder.name,
            None if self.multilingual is None else self.multilingual.name,
            self.default_threshold,
            self.topics,
        )
        return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]

    def embed(
        self, articles: Sequence[tuple[str, str]], declared: Sequence[str | None] | None = None
    ) -> list[ArticleVectors]:
        """(title, text) pairs to vectors, each model's passages in one batched encode call:
        English articles (and all, without a multilingual model) by the English model, the
        others by the multilingual one. ``declared``: per article, the language its feed
        declares, if any (``language.detect``). A multilingual model that cannot load (no build
        for this machine) is said once in the log and left out from then on: its articles are
        read by the English model rather than never."""
        hints = declared if declared is not None else [None] * len(articles)
        languages = [
            detect(title, text, hint) for (title, text), hint in zip(articles, hints, strict=True)
        ]
        other = [lang != ENGLISH and self.multilingual is not None for lang in languages]
        passages = [
            passages_of(title, text, multilingual=o)
            for (title, text), o in zip(articles, other, strict=True)
        ]
        foreign = np.zeros((0, self.embedder.dim), dtype=np.float32)
        if self.multilingual is not None and any(other):
            try:
                foreign = self.multilingual.encode(
                    [p for ps, o in zip(passages, other, strict=True) if o for p in ps]
                )
            except ModelError as exc:
                log.warning("%s: articles not in English are read by the English model", exc)
                self.multilingual = None
                other = [False] * len(articles)
        english = self.embedder.encode(
            [p for ps, o in zip(passages, other, strict=True) if not o for p in ps]
        )
        rows, start = {False: english, True: foreign}, {False: 0, True: 0}
        out = []
        for ps, lang, o in zip(passages, languages, other, strict=True):
            out.append(ArticleVectors(rows[o][start[o] : start[o] + len(ps)], lang, o))
            start[o] += len(ps)
        return out

    def vector_models(self) -> dict[str, bool]:
        """The models whose vectors this matcher reads, by name: whether each is the
        multilingual one. Vectors another model made are in a space it cannot compare."""
        models = {self.embedder.name: False}
        if self.multilingual is not None:
            models[self.multilingual.name] = True
        return models

    def stored(self, blob: bytes, model: str, language: str | None) -> ArticleVectors | None:
        """An article's stored vectors as :meth:`embed` made them: in the space of ``model``,
        which made them, and for its stored ``language`` (English where none was stored, as
        before languages were recorded); None for a model this matcher no longer reads."""
        multilingual = self.vector_models().get(model)
        if multilingual is None:
            return None
        return ArticleVectors.from_bytes(blob, language or ENGLISH, multilingual)

    def model_of(self, vectors: ArticleVectors) -> str:
        """The name of the model that made ``vectors`` (what the store keeps beside them)."""
        if vectors.multilingual and self.multilingual is not None:
            return self.multilingual.name
        return self.embedder.name

    def model_for(self, language: str) -> str:
        """The name of the model that :meth:`embed` would read a text in ``language`` with
        now."""
        if self.multilingual is not None and language != ENGLISH:
            return self.multilingual.name
        return self.embedder.name

    def _skips(self, language: str) -> np.ndarray:
        """Per topic: whether it skips articles in ``language``."""
        if language not in self._skipped:
            self._skipped[language] = np.array(
                [bool(t.languages) and language not in t.languages for t in self.topics]
            )
        return self._skipped[language]

    def other_languages(self) -> _OtherLanguages:
        """The multilingual model's side: topics, exclude senses and backgrounds in its space."""
        if self._other is None:
            assert self.multilingual is not None
            self._other = _OtherLanguages(self.multilingual, self.readings, self.ex_names)
        return self._other

    def _semantic(
        self, vectors: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Best raw cosine per topic, the passage that gave it, its background z, and the
        background z of the best passage to the description alone."""
        return best_passages(vectors, self.sem_vecs, self.sem_mean, self.sem_std)

    def score(
        self,
        title: str,
        text: str,
        vectors: ArticleVectors,
        article_id: str,
        labels: Learned | None = None,
    ) -> list[Match]:
        """One Match per topic, in the order of the topics given. ``labels``: what the
        analyst's labels taught (monitor.match.learn), built for these topics."""
        return self._judge(title, text, vectors, article_id, matched_only=False, labels=labels)

    def matches(
        self,
        title: str,
        text: str,
        vectors: ArticleVectors,
        article_id: str,
        labels: Learned | None = None,
    ) -> list[Match]:
        """Only the topics the article matches: the pipeline's call, whose cost hardly grows
        with the number of topics because evidence is written for matches alone."""
        return self._judge(title, text, vectors, article_id, matched_only=True, labels=labels)

    def features(self, title: str, text: str, vectors: ArticleVectors) -> Features:
        """The readable evidence of one article for every topic: one array per name in
        ``FEATURES`` plus what the evidence dict shows."""
        n = len(self.topics)
        title, text = plain_text(title), plain_text(text)
        text = without_title(title, text)
        other_side = self.other_languages() if vectors.multilingual else None
        if other_side is not None:
            raw, best, z, z_about = other_side.semantic(vectors.vectors, vectors.language)
        else:
            raw, best, z, z_about = self._semantic(vectors.vectors)
        body = f"{title}\n{text}"
        toks = inflected(body, tokens(body), self.vocab, vectors.language)
        hits = self.aliases.find(body, toks, vectors.language)
        english = vectors.language in (None, ENGLISH)
        # (a headline in lower case throughout read with its names' capitals, for the given
        # names before a surname: ``names_capitalised``)
        family_body, family_toks = body, toks
        if (
            english
            and any(self.family_names[i] for i in hits)
            and (cased := names_capitalised(title)) != title
        ):
            family_body = f"{cased}\n{text}"
            family_toks = inflected(family_body, tokens(family_body), self.vocab, ENGLISH)
        family = self._others_of_family(family_body, family_toks, hits, vectors.language)
        # (the surnames the text gives to others only: ``_surnames_of_others``)
        surnamed = (
            self._surnames_of_others(body, toks, vectors.language) if self.family_persons else {}
        )
        if self.titled:
            self._titled_names(body, toks, hits, surnamed)
        # The title and the lead: what about_count reads on either path, on the multilingual
        # path the names too (``late``), and where a name given as a local one is local to.
        lead_end = len(title) + 1 + ABOUT_CHARS
        places = _Places(body, toks, len(title), lead_end, vectors.language)
        # (a headline that capitalises every word, or none, whose capitals say nothing: below)
        headline_end = len(title) if title_case(title) or title.islower() else 0
        namesakes = self._namesakes(
            body, toks, hits, len(title), lead_end, vectors.language, places
        )
        namesakes.update(self._in_group_names(body, toks, hits))
        namesakes.update(self._regions_named(body, toks, hits))
        namesakes.update(self._glossed_otherwise(body, hits))
        if self.storms:
            namesakes.update(self._storms_named_as_persons(body, toks, hits, headline_end))
        for i in namesakes:
            del hits[i]
        namesakes.update(family)
        has_alias = np.zeros(n, dtype=bool)
        has_alias[list(hits)] = True
        late = {i for i, found in hits.items() if min(h.start for h in found) >= lead_end}
        # A name word of the topic outside its aliases: written plainly, or only inside another
        # thing's name ("Yarmouk University", "Jaish al-Islam"), or not at all. In a headline
        # that capitalises every word, or none (a page's address for a title: "yarmouk-
        # university-in-irbid"), capitals say nothing: "Houthi Rebels Fire Missiles" is no
        # other thing's name, nor is "Yarmouk University" there surely one; the text
        # decides, and a word only the headline writes counts as written plainly.
        plain: set[int] = set()
        unsure: set[int] = set()
        other: dict[int, list[str]] = {}
        works: list[KindMention] | None = None  # things of a kind the text names, where asked
        for k, tok in enumerate(toks):
            if tok.lowercase:  # a word in lower case: never a name word
                continue
            for i in self._named_by(tok):
                if i in hits or i in plain or i in namesakes:
                    continue
                span = in_other_name(body, toks, k, self.own_keys[i], self.vocab)
                if (
                    span is not None
                    and self.kinds[i]
                    and k + 1 < len(toks)
                    and span[1] == toks[k + 1].end
                    and toks[k + 1].word in SAME_WORK_WORDS
                ):
                    span = None  # a work's name and "Project": that work (``SAME_WORK_WORDS``)
                if span is None and self.foreign_kinds[i]:
                    # ... or before a kind of place or work the topic is not of ("Kakhovka
                    # dam" for the town of Nova Kakhovka: ``foreign_kinds``)
                    if works is None:
                        works = mentions(body, toks, self.any_foreign_kinds)
                    span = next(
                        (
                            (m.start, m.end)
                            for m in works
                            if m.start <= tok.start < m.end and m.kind in self.foreign_kinds[i]
                        ),
                        None,
                    )
                if span is None and i in self.person_names and english:
                    span = self._another_persons_name(body, toks, k, i)
                    # (a surname alone where the text names another of the family, and never
                    # the person: the other's)
                    if span is None and tok.word in surnamed.get(i, ()):
                        span = tok.start, tok.end
                if span is not None:
                    other.setdefault(i, []).append(body[span[0] : span[1]])
                elif tok.start < headline_end:
                    unsure.add(i)
                else:
                    plain.add(i)
        plain |= unsure - other.keys()
        for i in plain:
            other.pop(i, None)
        other.update(namesakes)
        # One name, one sense: a name word of a topic that the text writes inside another
        # watched topic's name ("Yarmouk refugee camp" for the Yarmouk Valley) is that topic's
        # wherever the text writes it, bare ("trapped inside Yarmouk") too.
        in_hits = _tokens_in_hits(toks, hits)
        for i, word_hits in self._rival_hits(body, in_hits, hits).items():
            plain.discard(i)
            other[i] = word_hits
        # The description's names that the text writes, each once, as the text spells them: as
        # names, not in lower case, which a skeleton would let common words pass for ("several"
        # for Israel, "reason" for Russia, "small" for Somali; a script without capitals, Arabic,
        # writes no lower case), nor a common word opening a sentence ("Several"). A title in
        # lower case throughout (a page's address) writes its names so: there the word's
        # spelling alone decides (``spelled_alike``: "syrian", not "several").
        # Only in the title and the lead (ABOUT_CHARS): a long text names more places in passing.
        about_seen: dict[int, dict[str, str]] = {}
        lower_title_end = len(title) if title.islower() else 0
        caps_title_end = len(title) if title.isupper() else 0  # all capitals: no acronyms told
        # An everyday word of a name ("State" of "Islamic State") counts only in a capitalised
        # run beside another word of that name (``everyday_name_words``); Arabic script, which
        # has no capitals to tell a run, is left to the spelling.
        runs: dict[int, frozenset[str]] = {}  # a token's start -> the keys of the others of its run

        def beside(tok: Token, words: frozenset[str]) -> bool:
            if not runs:
                for run in capitalised_runs(body[:lead_end]):
                    for one in run:
                        runs[one.start] = frozenset(o.key for o in run if o is not one)
            return not words.isdisjoint(runs.get(tok.start, ()))

        named_here = vectors.language in CASED_LOCALES
        language = vectors.language  # a spelling met in one language only is met in its own
        # The countries the lead writes in several words ("South Sudan", "United States"):
        # their words name those countries, not another ("Sudan").
        spans = countries_written(body[:lead_end])
        hit_words = _hit_words(in_hits)
        for tok in toks:
            if tok.start >= lead_end:
                break
            if body[tok.start].islower() and tok.start >= lower_title_end:
                continue
            for key in tok.keys:
                for i, word, name, only_in, derived_only in self.about_keys.get(key, ()):
                    if (
                        (not tok.lowercase and derived_from(tok, word))
                        if derived_only
                        else key.startswith("@")
                        or (
                            (
                                only_in is None
                                or only_in == language
                                or (tok.latin and only_in == LATIN)
                            )
                            and not (tok.arabic and (i, name) in self.arabic_by_name)
                            and (
                                named_so(tok, word, self.cased_names[(i, name)])
                                if named_here and not tok.arabic and (i, name) in self.cased_names
                                else spelled_alike(body[tok.start : tok.end], tok, word, self.vocab)
                            )
                        )
                    ):
                        if (
                            not derived_only
                            and word in self.in_capitals
                            and not (
                                body[tok.start : tok.end].isupper() and tok.start >= caps_title_end
                            )
                        ):
                            continue
                        words = self.name_mates[i].get(name)
                        if words is not None and not tok.arabic and not beside(tok, words):
                            continue
                        if not _one_country(self.name_codes.get((i, name), ()), tok, spans):
                            continue
                        # One name, one sense, for the description's names too: a word the
                        # text writes inside another watched topic's name that the description
                        # does not write is that topic's wherever the text writes it ("Yarmouk"
                        # of "Yarmouk refugee camp", bare in the headline too, is no "Yarmouk
                        # basin" of the group that held it).
                        if not hit_words.get(key, frozenset()) <= self.described_topics[i]:
                            continue
                        about_seen.setdefault(i, {}).setdefault(name, body[tok.start : tok.end])
        if self.about_countries:
            for start, end, codes in spans:
                for i, name in (
                    pair for code in codes for pair in self.about_countries.get(code, ())
                ):
                    about_seen.setdefault(i, {}).setdefault(name, body[start:end])
        about_count = np.zeros(n)
        for i, seen in about_seen.items():
            heads = self.name_heads[i]
            for name in [m for m in seen if m in heads and heads[m] not in seen]:
                del seen[name]
            # (a country's names are one: ``name_codes``; and so are the words of one name of
            # several, "Yevgeny Prigozhin", "African Union", "West Bank": a given name with its
            # surname, an everyday word with the others of its name. Not every such name:
            # "Islamic State" counts twice, "Islamic" being no everyday word, and so do "Golan
            # Heights" and "Ansar Allah". Each name of several words counted once, as the
            # description's capitalised runs group them, cost set A's cross-set macro F1 0.822
            # -> 0.782 (2026-12-03: two texts of the 2018 offensive naming the Islamic State
            # fell below 0.5, set B unchanged): not done.)
            mates = self.name_mates[i]
            about_count[i] = len(
                {
                    " ".join(self.name_codes.get((i, m), ()))
                    or heads.get(m)
                    or min({m} | (mates.get(m, frozenset()) & seen.keys()))
                    for m in seen
                }
            )
        # The topic's own common words the title and lead write, each once (``lexical``): for
        # the English path only, the one that weighs them.
        shared_weight = np.zeros(n)
        shared: dict[int, list[str]] = {}
        if not vectors.multilingual:
            for key, written in text_words(body[:lead_end]).items():
                for i, w in self.lexicon.get(key, ()):
                    shared_weight[i] += w
                    shared.setdefault(i, []).append(written)
        # The headline's tokens (``toks`` opens with them), for the readings below that ask.
        headline_toks = (
            [tok for tok in toks if tok.end <= len(title)]
            if self.plain_names
            or self.placed_events
            or self.storms
            or self.person_names
            or (self.any_kinds and not vectors.multilingual)
            else []
        )
        absent = self.has_names & ~has_alias
        # (an event named by its day: ``event_days``)
        written_days = days_written(body, self.event_months) if self.event_months else {}
        dated = {
            i: written_days[day]
            for i, days in self.event_days.items()
            if (day := min(days & written_days.keys(), default=None)) is not None
        }
        absent[list(dated)] = False
        absent[list(plain)] = False
        # (a name of everyday words and a place, written so in the headline: ``plain_names``)
        if self.plain_names and absent.any():
            title_codes = countries_named(title, headline_toks)
            title_stems = {stem(tok.word) for tok in headline_toks}
            title_stems |= {_HEADLINE_SHORT[s] for s in title_stems & _HEADLINE_SHORT.keys()}
            for i, (name_codes, name_words) in self.plain_names.items():
                if name_words <= title_stems and not name_codes.isdisjoint(title_codes):
                    absent[i] = False
        # (a whole name's shorter forms, sought only where such a name is left out so far)
        if absent[self.whole_names].any():
            absent[list(self.short_forms.search(body, toks, vectors.language))] = False
        absent[list(other)] = False
        # (a group's leader written: ``leader_names``)
        if self.leader_names is not None and absent.any():
            absent[list(self.leader_names.find(body, toks, vectors.language))] = False
        # (a group's parent written with where it is: ``parent_names``)
        if self.parent_names is not None and absent.any():
            for i in self.parent_names.find(body, toks, vectors.language):
                if not self.parent_places[i].isdisjoint(about_seen.get(i, ())):
                    absent[i] = False
        # (a country named otherwise: ``countries_watched``)
        for i, watched in self.countries_watched.items():
            if absent[i] and places.names(watched):
                absent[i] = False
        # (a person named by a word of the names, ``person_words``; not a word of another's
        # name: after another given name, "Sadiq Khan" for Imran Khan, or before another
        # name, "Khalid Mohammed" for Khalid ibn al-Walid)
        for i, words in self.person_words.items():
            if absent[i] and any(
                tok.word in words
                and body[tok.start].isupper()
                and not another_persons(
                    body, toks, k, self.own_keys[i], self.person_names[i], vectors.language
                )
                and not _before_another_name(body, toks, k, words)
                and tok.word not in surnamed.get(i, ())
                for k, tok in enumerate(toks)
            ):
                absent[i] = False
        # (a group named by a code, its name spelled out: ``codes``; one reading for all)
        coded = [i for i in self.codes if absent[i]]
        if coded:
            spelled = {
                letters
                for name in spelled_out(body, {c for i in coded for c in self.codes[i]})
                for letters in initials(name)
            }
            for i in coded:
                if not spelled.isdisjoint(as_acronym(c) for c in self.codes[i]):
                    absent[i] = False
        # (a topic named for a country's field alone: ``country_scoped``)
        for i, (scope, continents) in self.country_scoped.items():
            if not has_alias[i] and i not in other and not places.within(scope, continents):
                absent[i] = True
        # (not scored on the multilingual path, whose texts rarely write an English name as
        # such: "mer Rouge")
        unwritten = (
            {}
            if vectors.multilingual
            else self._names_unwritten(
                body, toks, vectors.language, places, has_alias, absent, other
            )
        )
        share_absent = absent.astype(float)
        for i, names in unwritten.items():
            share_absent[i] = len(names) / self.part_count[i]
        # A name a summary does not write may stand further on in the story: its absence counts
        # in full from BRIEF_CHARS characters of text, less in a shorter one.
        weight_absent = min(1.0, len(text.strip()) / BRIEF_CHARS)
        # Per topic, its exclude sense nearest the text (``ex_which``), that sense's cosine
        # (``ex_best``), and how much nearer the text it is than the topic, in the English
        # model's cosine (``ex_nearer``): on the multilingual path each is read against the
        # background news of the text's language, the sense's closeness and the topic's as
        # z-scores, and their difference taken in the topic's English spread. That model's
        # cosines to a short sense that shares the topic's name run higher than to the topic
        # and its description whatever the text (the dev sets' Arabic story of the Yarmouk
        # basin sat 0.047 nearer to "Yarmouk refugee camp in Damascus" than to the valley),
        # and they spread about a fifth as widely as the English model's, so a cosine margin
        # is no margin there: as cosines, a French story of a striker named as a watched
        # captain sat 0.045 nearer to the user's "a footballer" sense and was sent at 0.83;
        # as z-scores, it sits 1.25 above the captain's closeness, and every wanted
        # non-English text of the dev sets 2.1 or more below its topic's, under the other
        # senses their READMEs name (bench/relevance.py, exclude senses).
        ex_best = np.full(n, -1.0)
        ex_nearer = np.full(n, -np.inf)
        ex_which: dict[int, str] = {}
        if self.ex_names:
            if other_side is None:
                ex = (vectors.vectors @ self.ex_vecs).max(axis=0)
                nearer = ex - raw[self.ex_owner]
            else:
                ex, ex_z = other_side.senses(vectors.vectors, vectors.language)
                nearer = (ex_z - z[self.ex_owner]) * self.sem_std[self.ex_owner]
            for k, owner in enumerate(self.ex_owner.tolist()):
                if nearer[k] > ex_nearer[owner]:
                    ex_nearer[owner] = nearer[k]
                    ex_best[owner] = ex[k]
                    ex_which[owner] = self.ex_names[k]
        # A text the multilingual model reads is read in its title and lead alone (about 400
        # characters), and on that path a name nearly decides by itself (``WEIGHTS_MULTILINGUAL``):
        # a name written only after the lead, where no reading of the model can weigh it, is a
        # name in passing ("un macabre bilan qui dépasse de loin celui de Boko Haram au Nigeria"
        # closing a French story of al-Shabaab in Mogadishu, 0.91 for Boko Haram). It counts as
        # written, not as a name hit. (Every wanted non-English pair of the dev sets and probes
        # writes its name in the first 250 characters of its text. On the English path, whose
        # model reads up to four passages, the same rule cost set B's leave-one-topic-out macro
        # F1 0.884 -> 0.848 and set A's precision on long texts: not done there.)
        alias = has_alias.copy()
        alias[list(dated)] = True
        # ... nor, on that path, a name in a text less close to the topic's description than
        # the news of its language are on average (``z_about`` below 0; a described topic's):
        # another thing of that name, or one in passing ("Panamakanal" in a comparison closing
        # a German story of the Kiel Canal, 0.68; a Persian story of Hormuz island's beaches,
        # 0.73). On four sets of real texts gathered for sixteen topics no weight was fit on
        # (2026-12-06), every wanted pair of those texts with a name hit sat at 1.9 or more;
        # the dev sets' lowest, an Arabic story of the Yarmouk basin's group, at 0.68 (0.36
        # with its topic's description typed in lower case).
        far: set[int] = set()
        if vectors.multilingual:
            far = {i for i in (*hits, *dated) if self.described[i] and z_about[i] < 0.0}
            alias[list(late | far)] = False
        # Others of a topic's kind the text's headline names: of a kind of place or work and of
        # a person, on the English path; another country and another storm, on either.
        other_of_kind = np.zeros(n)
        others_of_kind: dict[int, list[str]] = {}
        if self.any_kinds and not vectors.multilingual:
            found = mentions(body, toks, self.any_kinds)
            headline = headline_of(headline_toks)
            for i, kinds in enumerate(self.kinds):
                if kinds and found:
                    others = headline_other(
                        found,
                        kinds,
                        hits.get(i, ()),
                        self.kind_own_keys[i],
                        headline,
                        self.own_kinds[i],
                        self.kind_described_keys[i],
                        lead_end,
                    )
                    if others:
                        other_of_kind[i], others_of_kind[i] = 1.0, others
        # ... and another country's outbreak or disaster, for a topic of one in a country
        # (``placed_events``): by names alone, not a people's ("Greek rescuers reach Turkey").
        # A name of the topic's that starts inside such a country's name is not the topic's
        # ("Sudan" of "South Sudan" for Cholera in Sudan: "South Sudan mobilizes taskforce as
        # cholera outbreak hits Renk" met its alias "Sudan cholera outbreak", 0.99).
        if self.placed_events:
            headline_countries = country_mentions(title, headline_toks, people=False)
            headline_countries += [
                (start, end, codes)
                for start, end, codes in local_country_mentions(
                    title, headline_toks, vectors.language
                )
                if not any(a <= start < b for a, b, _ in headline_countries)
            ]
            for i, home in self.placed_events.items():
                if not headline_countries or not all(
                    home.isdisjoint(codes) for *_, codes in headline_countries
                ):
                    continue
                if not any(
                    h.start < len(title)
                    and not any(start <= h.start < end for start, end, _ in headline_countries)
                    for h in hits.get(i, ())
                ):
                    other_of_kind[i] = 1.0
                    others_of_kind[i] = [title[start:end] for start, end, _ in headline_countries]
        # ... and another storm, for a topic of a storm, on either path ("La tempête tropicale
        # Ana occasionne des dizaines de morts" for Cyclone Freddy, 0.70 before).
        if self.storms and (
            storms := storms_named(
                body,
                headline_toks,
                toks[len(headline_toks) :],
                lower_case=_LOWER_CASE_LATIN.fullmatch(title) is not None,
            )
        ):
            for i, storm in self.storms.items():
                if others := other_storms(storms, storm, hits.get(i, ()), len(title)):
                    other_of_kind[i], others_of_kind[i] = 1.0, others
        # ... and another's that is likened to the topic: a headline that writes the topic's
        # names only as a model ("Costa Rica to build Bukele-style 'mega prison'", "Al estilo
        # Bukele, Honduras continúa su batalla contra las pandillas") tells of what is so
        # likened (``likened_only``); on the multilingual path, where the name weighs most,
        # its names the text writes after are the model's, written in passing: no name hit.
        for i, named_hits in hits.items():
            if (likened := likened_only(title, named_hits)) is not None:
                other_of_kind[i], others_of_kind[i] = 1.0, [likened]
                if vectors.multilingual:
                    alias[i] = False
        # ... and another year's, for a topic whose names give its year, on either path: a
        # headline that names years, all of them before it.
        if self.name_years and (headline_years := years_in([title])):
            for i, year in self.name_years.items():
                if max(headline_years) < year:
                    other_of_kind[i] = 1.0
                    others_of_kind[i] = [str(y) for y in sorted(set(headline_years))]
        # ... and another of a watched person's kind: a headline that names another by a title
        # or a role and writes none of the person's names is that one's story, which names the
        # person in passing ("Nepal's Gen Z Force Prime Minister Oli to Resign" recalling
        # Sheikh Hasina's fall, 0.99 before; "Mali confirms five-year term for junta leader
        # Goita" comparing him with Ibrahim Traoré, 0.96). English path: the titles are
        # English words (``people.TITLES``). Read once for every watched person.
        # So does, on either path, one that names another in full and none of the person's
        # names ("Ahmet Özer, Istanbul's district mayor, detained" for Ekrem İmamoğlu, 0.99
        # before; "Murió Khaleda Zia, ex primera ministra" for Sheikh Hasina, 0.84): two
        # capitalised words that may be a person's (``people.named_others``), neither a word
        # of the person's names or description (the description's people are the person's
        # own story: a father, a rival it names) nor spelled like one. Over the dev sets and
        # twelve sets of real texts gathered for 48 other topics (2026-12-06), it moved no
        # wanted pair and removed seven false alerts (an eighth fell 0.99 -> 0.59), four of
        # them on the four sets that no rule had been drawn from. So does one that names
        # another of the person's family in full, where the headline writes the person's
        # surname only in that name ("Mohammed Sinwar 'likely killed'" for Yahya Sinwar, whose
        # brother the text calls him; a profile of Balázs Orbán for Viktor Orbán, 1.00):
        # ``_kin_named``. With the surname a text gives to another (``_surnames_of_others``),
        # over six sets of real texts gathered for 24 new topics (2026-12-07) it removed six
        # false alerts and moved no wanted pair; over six more read only for the figures, four
        # false alerts and no wanted pair.
        titled = (
            titled_others(body, headline_toks)
            if self.person_names and not vectors.multilingual
            else []
        )
        in_full = (
            # (the text's tokens follow the headline's, which open ``toks``)
            named_others(body, headline_toks, vectors.language, toks[len(headline_toks) :])
            if self.person_names
            else []
        )
        # (the persons whose name words, titles aside, the headline writes: ``titled``)
        named = {i for tok in headline_toks for i in self.titled.get(tok.word, ())}
        if titled or in_full:
            for i, own in self.person_names.items():
                kin = self._kin_named(in_full, i)
                if (
                    i in named and not (kin and self._named_as_kin_only(headline_toks, kin, i))
                ) or any(h.start < len(title) for h in hits.get(i, ())):
                    continue
                others = [written for name, written in titled if name not in own]
                others += [
                    other.written
                    for other in in_full
                    if other.keys.isdisjoint(self.own_keys[i])
                    and not any(spelled_like(word, own) for word in other.words)
                ]
                others += [other.written for other in kin]
                if others:
                    other_of_kind[i], others_of_kind[i] = 1.0, others
        # On the multilingual path, where the name weighs most, a name the text writes only
        # after such a headline is written in passing: the story is the other's ("El huracán
        # John dejó ocho muertos", which recalls that Acapulco had not recovered from
        # Hurricane Otis, 0.80 for Otis; "Муджибур Рахман", Sheikh Hasina's father, 0.59). On
        # the dev sets and sixteen sets of real texts gathered for 64 other topics
        # (2026-12-06) it moved no wanted pair and only unwanted ones down, three across 0.5.
        if vectors.multilingual:
            for i in others_of_kind:
                if not any(h.start < len(title) for h in hits.get(i, ())):
                    alias[i] = False
        # A watched person whom the text names only after its first PERSON_LEAD_CHARS
        # characters, and whose name the headline does not write, is named in passing: the
        # story is another's, which recalls the person ("WikiLeaks just published thousands of
        # documents it says came from the CIA", whose last lines recall Julian Assange, 0.96
        # before; a Bolivian coup attempt's story recalling Evo Morales in its sixth sentence,
        # 1.00; a Spanish story of Chelsea Manning's release, 0.99). A person's own story names
        # them in its headline or its first lines. The name counts as written in another sense
        # (``other_name``), not as a name hit.
        passing: set[int] = set()
        if self.person_names:
            passing = {
                i
                for i, found in hits.items()
                if i in self.person_names
                and i not in named
                and min(h.start for h in found) >= len(title) + 1 + PERSON_LEAD_CHARS
            }
            alias[list(passing)] = False
        # So is, in English, a watched city that the text names once and not in its headline:
        # a story of the war or the region around it names the city among others ("...to break
        # through Ukrainian defences near Pokrovsk, another focal point" closing a story of
        # Kupiansk, 0.97 before); a story of the city names it again. Once is one place in the
        # text, which two of its names may both meet ("Avdiivka" and "Avdiyivka").
        once: set[int] = set()
        if self.city_topics and not vectors.multilingual:
            once = {
                i
                for i, found in hits.items()
                if i in self.city_topics
                and len({h.start for h in found}) == 1
                and found[0].start > len(title)
            }
            alias[list(once)] = False
        # Another field's story is no news of a topic whose description speaks of no such
        # thing: it writes the name of a club, a player, a stadium or a film named after the
        # topic ("FC Kramatorsk", 0.90 before; "Akhmat Grozny", 0.98, for Ramzan Kadyrov; the
        # 1966 film "Khartoum", 0.73). Lowered as an exclude sense is.
        story = field_story(title, text, vectors.language)
        values = {
            "z": z,
            "z_about": z_about,
            "alias": alias.astype(float),
            "name_absent": share_absent * weight_absent,
            "other_name": np.isin(np.arange(n), [*other, *passing, *once]).astype(float),
            "about_count": np.log1p(about_count),
            "topic_words": np.log1p(
                shared_weight / np.sqrt(self.lexicon_total / TOPIC_WORDS_REFERENCE)
            ),
            "other_of_kind": other_of_kind,
        }
        return Features(
            values,
            raw,
            best,
            hits,
            other,
            absent,
            ex_nearer > EXCLUDE_MARGIN,
            self.not_of_field[story.field] if story is not None else np.zeros(n, dtype=bool),
            story,
            ex_best,
            ex_nearer,
            ex_which,
            body,
            about_seen,
            shared,
            unwritten,
            late,
            far,
            others_of_kind,
            passing | once,
            once,
            dated,
        )

    def _before_unknown_name(self, body: str, toks: list[Token], k: int, i: int) -> bool:
        """Whether ``toks[k]``, a word of watched person ``i``'s names, stands just before a
        name none of the person's that the model does not know: another's ("Abiy Addi"), not
        a word a headline capitalises ("Abiy Says")."""
        return _before_another_name(body, toks, k, self.person_names[i]) and not toks[k + 1].common

    def _another_persons_name(
        self, body: str, toks: list[Token], k: int, i: int
    ) -> tuple[int, int] | None:
        """The span of another's name that token ``k``, a distinctive word of watched person
        ``i``'s names, is written in: after another given name ("Hamari Traoré" for Ibrahim
        Traoré, ``another_persons``), or before a name none of the person's, one the model does
        not know ("Abiy Addi", a town in Tigray, for Abiy Ahmed; not "Abiy Says" in a headline
        that capitalises every word). English texts: another language's titles ("Président")
        are no given names, but no list of them is read here."""
        if another_persons(body, toks, k, self.own_keys[i], self.person_names[i]):
            return toks[k - 1].start, toks[k].end
        if self._before_unknown_name(body, toks, k, i):
            return toks[k].start, toks[k + 1].end
        return None

    def _kin_named(self, in_full: Sequence[NamedInFull], i: int) -> list[NamedInFull]:
        """Of the persons a headline names in full (``people.named_others``), the others of
        watched person ``i``'s family: the person's surname after a given name that is none
        of the person's nor spelled like one ("Mohammed Sinwar" for Yahya Sinwar, "Bilal
        Erdoğan", "Ludovic Orban")."""
        own = self.person_names[i]
        return [
            other
            for other in in_full
            if other.words[1] in self.family_names[i]
            and other.words[0] not in own
            and not spelled_like(other.words[0], own)
        ]

    def _named_as_kin_only(
        self, headline: Sequence[Token], kin: Sequence[NamedInFull], i: int
    ) -> bool:
        """Whether every word of watched person ``i``'s names that the headline writes is the
        surname of another of the family it names in full (``kin``)."""
        given = {other.words for other in kin}
        return all(
            k > 0 and (headline[k - 1].word, tok.word) in given
            for k, tok in enumerate(headline)
            if i in self.titled.get(tok.word, ())
        )

    def _titled_names(
        self,
        body: str,
        toks: list[Token],
        hits: dict[int, list[AliasHit]],
        surnamed: dict[int, frozenset[str]],
    ) -> None:
        """Adds to ``hits`` a watched person's name written after a title or a role
        (``titled``), where no alias of the person met the text, nor is the name a surname
        the text gives to another only (``surnamed``: ``_surnames_of_others``)."""
        for k, tok in enumerate(toks[1:], start=1):
            for i in self.titled.get(tok.word, ()):
                before = toks[k - 1]
                if (
                    i not in hits
                    and body[tok.start].isupper()
                    and before.word in TITLES
                    and body[before.start].isupper()
                    and body[before.end : tok.start] == " "
                    and not _before_another_name(body, toks, k, self.titled_words)
                    and tok.word not in surnamed.get(i, ())
                ):
                    hits[i] = [AliasHit(self.topics[i].name, tok.start, tok.end)]

    def _surnames_of_others(
        self, body: str, toks: list[Token], language: str | None
    ) -> dict[int, frozenset[str]]:
        """Per watched person, the surnames of theirs (``family_names``) that are another
        person's throughout the text: written after another given name
        (``people.another_persons``) and never after one of the person's own names. The text
        has said who its "Orban" is ("Romanian lawmakers endorse PM Orban", whose story names
        "Ludovic Orban", for Viktor Orbán). One reading of the text serves every check."""
        own: dict[int, set[str]] = {}
        another: dict[int, set[str]] = {}
        for k, tok in enumerate(toks[1:], start=1):
            for i in self.family_persons:
                if tok.word not in self.family_names[i]:
                    continue
                before = toks[k - 1]
                if before.word in self.person_names[i] and body[before.end : tok.start] == " ":
                    own.setdefault(i, set()).add(tok.word)
                elif another_persons(
                    body, toks, k, self.own_keys[i], self.person_names[i], language
                ):
                    another.setdefault(i, set()).add(tok.word)
        return {
            i: frozenset(only)
            for i, words in another.items()
            if (only := words - own.get(i, set()))
        }

    def _others_of_family(
        self, body: str, toks: list[Token], hits: dict[int, list[AliasHit]], language: str | None
    ) -> dict[int, list[str]]:
        """Drop from ``hits`` a person's surname written after another given name ("Maher
        al-Assad" for Bashar al-Assad, "Willi Orbán" for Viktor Orbán, whose watchlist gives
        "Orbán" too: ``people.another_persons``), or, in English, just before a name none of
        the person's that the model does not know ("Abiy Addi", a town in Tigray, for Abiy
        Ahmed, whom news names "Abiy": ``_before_another_name``), and a topic that only such
        hits met. A text that writes the surname first as another's is that person's story,
        and so are its surnames written alone after it ("Ricardo Maduro, presidente de
        Honduras ... Maduro reconoce" for Nicolás Maduro), as are those written alone before
        it where the text never writes the person's full name ("Mike Sonko: Subdued ...", then
        "Mike Mbuvi Sonko": "Mike", an everyday word, said nothing; not where the other given
        name is a word whose capital says nothing, a German noun: "Verurteilung Maduros").
        The topics so met only by another of the family are returned with those names, as
        written."""
        persons = [i for i in hits if self.family_names[i]]
        starts = [tok.start for tok in toks] if persons else []
        english = language in (None, ENGLISH)
        others: dict[int, list[str]] = {}
        for i in persons:
            kept: list[AliasHit] = []
            anothers: list[str] = []
            named = False  # whether another's given name was written as only a name is
            for h in sorted(hits[i], key=lambda h: h.start):
                family = _folded(h.alias) in self.family_names[i]
                first, last = bisect_left(starts, h.start), bisect_left(starts, h.end) - 1
                if family and another_persons(
                    body, toks, first, self.own_keys[i], self.person_names[i], language
                ):
                    given = toks[first - 1]  # (a given name of two joined: "Jean-Marie")
                    if first >= 2 and body[toks[first - 2].end : given.start] == "-":
                        given = toks[first - 2]
                    anothers.append(body[given.start : h.end])
                    named = named or not toks[first - 1].no_capital
                elif family and english and self._before_unknown_name(body, toks, last, i):
                    anothers.append(body[h.start : toks[last + 1].end])
                elif not (family and anothers and not kept):
                    kept.append(h)
            # (a text that writes only the surname, once as another's: the other's throughout)
            bare = all(_folded(h.alias) in self.family_names[i] for h in kept)
            if kept and not (named and bare):
                hits[i] = [h for h in hits[i] if h in kept]
            else:
                del hits[i]
                if anothers:
                    others[i] = anothers
        return others

    def _named_by(self, tok: Token) -> Sequence[int]:
        """The topics whose name word ``tok`` of a text is (``name_keys``,
        ``vocab_name_words``); a word of the model's is met as written, wherever it stands
        ("Wagner fighters", "the Wagner PMC"), another by its keys, and only where it is no
        common word (``Token.common``: "homes" is no Hamas), and in Latin letters only where
        it writes as many consonants in each run between its vowels as the name's word
        (``aliases.consonants_alike``: "Shebab" is "Shabaab", "Shabwa", a Yemeni province of
        the same key, is not)."""
        as_written = self.vocab_name_words.get(tok.word, ())
        if tok.common:
            return as_written
        by_keys = (
            i
            for key in tok.keys
            if not tok.latin
            or any(
                consonants_alike(w, spelled)
                for w in (tok.word, *tok.bases)
                for spelled in self.name_spellings.get(key, ())
            )
            for i in self.name_keys.get(key, ())
        )
        return list(dict.fromkeys((*as_written, *by_keys)))

    def _rival_hits(
        self,
        body: str,
        in_hits: list[tuple[int, AliasHit, list[Token]]],
        hits: dict[int, list[AliasHit]],
    ) -> dict[int, list[str]]:
        """The topics without a name hit whose name word the text writes inside another
        topic's name hit that is another thing's name, not a part of the topic's own: a word
        of it is none of the topic's names' ("Yarmouk refugee camp" for the Yarmouk Valley;
        not "Houthis" for "Houthi attacks on Red Sea shipping"). ``in_hits``: each hit's
        words (``_tokens_in_hits``). Topic -> those hits, as written."""
        out: dict[int, list[str]] = {}
        for j, hit, inside in in_hits:
            for i in {i for tok in inside if not tok.lowercase for i in self._named_by(tok)}:
                if i == j or i in hits:
                    continue
                words = self.name_words[i]
                if any(words.isdisjoint(tok.keys) and tok.word not in LINK_WORDS for tok in inside):
                    written = out.setdefault(i, [])
                    if body[hit.start : hit.end] not in written:
                        written.append(body[hit.start : hit.end])
        return out

    def _namesakes(
        self,
        body: str,
        toks: list[Token],
        hits: dict[int, list[AliasHit]],
        title_end: int,
        lead_end: int,
        language: str | None,
        places: _Places,
    ) -> dict[int, list[str]]:
        """The topics whose names the text writes as a namesake's: where it qualifies one of
        them by a country (``qualifying_countries``), or gives it as a local name in a story
        of a country (``named_locally``, ``story_place``), or says in its opening sentence what
        it is, a thing of a country (``defined_in``), that is none of the topic's and on
        none of its continents (``home_of``), and none by one of the topic's ("Al-Shabaab
        (Mozambique)" for the Somali group; "known locally as al-Shabab" in a story of
        Mozambique; an encyclopaedia's "Al-Shabaab ... is an Islamist militant group active in
        Cabo Delgado Province, Mozambique." under a headline that names no country, a page's
        address or the bare name), or, for a name the description gives as the topic's local
        one (``local_names``) where it places the topic, a story of a country far from its
        countries that names none of them, in English or a language of ``CASED_LOCALES``
        (``_Places``: "US airstrikes in Somalia kill three al-Shabab militants", "Somalie :
        au moins 19 civils tués dans une attaque shebab à Mogadiscio" for the Mozambican
        insurgents known locally as al-Shabab; a name of the topic's own goes where the topic
        goes: "Maersk pauses Red Sea transits after Houthi attack"): one name, one sense in a
        text, so each of its hits is the namesake's, a name word only inside another thing's
        name (``other_name``). Topic -> the hits so qualified, as written."""
        out: dict[int, list[str]] = {}
        local: frozenset[str] | None = None  # the story's place, read once where needed
        for i, found in hits.items():
            codes, continents = self.homes[i]
            if not codes and not continents:
                continue
            elsewhere: list[str] = []
            for hit in found:
                where = ""  # what the evidence adds to the name as written
                qualified, start, end = qualifying_countries(body, hit)
                if not qualified:
                    qualified = defined_in(body, hit, title_end + 1)
                if not qualified and (locally := named_locally(body, hit)) is not None:
                    if local is None:
                        local = story_place(body, toks, title_end, lead_end, language)
                    qualified, start = local, locally
                # A name the description gives as the topic's local one, in a story of a
                # country far from the topic's, in a text that names none of them; in
                # English or a language that writes a place's name with a capital, as that
                # language names it ("Somalie", "Mogadiscio"), not in Arabic script, where
                # no capital tells a place's name from a word
                if (
                    not qualified
                    and hit.alias in self.local_names[i]
                    and self.placed[i]
                    and (language in (None, ENGLISH) or language in CASED_LOCALES)
                    and (place := places.far_from(codes, self.near_homes[i], continents))
                ):
                    qualified = place
                    where = f" (a story of {' and '.join(sorted(map(country_name, place)))})"
                if not qualified:
                    continue
                if not qualified.isdisjoint(codes) or any(
                    continent(c) in continents for c in qualified
                ):
                    break
                elsewhere.append(body[start:end] + where)
            else:
                if elsewhere:
                    out[i] = elsewhere
        return out

    def _regions_named(
        self, body: str, toks: Sequence[Token], hits: dict[int, list[AliasHit]]
    ) -> dict[int, list[str]]:
        """The city topics (``cities``) whose names the text writes only before a word for
        a region ("Kherson Oblast", "Kherson region", "Херсонской области"): a story of the
        region that bears the city's name, not of the city (villages of occupied Kherson
        Oblast, the region's Russian-installed governor: 1.00 and 0.86 for the city before).
        A text that also writes the name alone may tell of the city. Topic -> those names,
        as written."""
        out: dict[int, list[str]] = {}
        starts = [tok.start for tok in toks]
        for i in self.cities & hits.keys():
            regions: list[str] = []
            for hit in hits[i]:
                a = bisect_left(starts, hit.end)  # the token after the hit
                if (
                    a < len(toks)
                    and body[hit.end : toks[a].start] in (" ", "\u00a0")
                    and toks[a].word.startswith(REGION_WORDS)
                ):
                    regions.append(body[hit.start : toks[a].end])
                else:
                    break
            else:
                out[i] = regions
        return out

    def _in_group_names(
        self, body: str, toks: Sequence[Token], hits: dict[int, list[AliasHit]]
    ) -> dict[int, list[str]]:
        """The topics whose names the text writes only inside another group's name, after a
        word Arabic groups' names open with or before one English closes them with, that none
        of the topic's names or description writes (``aliases.GROUP_NAME_WORDS``,
        ``GROUP_WORDS_AFTER``; for a topic that is no group, ``ARABIC_GROUP_WORDS`` too):
        "Kataib Hezbollah", Iraq's militia, for Lebanon's Hezbollah (0.91 before); "Khalid ibn
        al-Walid Army" and "جيش خالد بن الوليد", the group, for the general (0.89, 0.62). One
        name, one sense: a text that also writes the name alone writes the topic's. Topic ->
        those names, as written."""
        out: dict[int, list[str]] = {}
        if not hits:
            return out
        ends = [tok.end for tok in toks]
        starts = [tok.start for tok in toks]
        for i, found in hits.items():
            inside: list[str] = []
            for hit in found:
                k = bisect_left(ends, hit.start + 1) - 1  # the token before the hit
                # (the hit may start after the article it is written with: "Kataib al-Hezbollah",
                # or the Urdu link: "Tehrik-i-Taliban" for the Afghan Taliban)
                while (
                    k >= 0
                    and toks[k].word in ("al", "el", *IZAFAT)
                    and toks[k].end >= hit.start - 1
                ):
                    k -= 1
                before = toks[k] if k >= 0 else None
                if (
                    before is not None
                    and (
                        (before.word in GROUP_NAME_WORDS and body[before.start].isupper())
                        or (before.word in ARABIC_GROUP_WORDS and not self.groups[i])
                    )
                    and before.key not in self.own_keys[i]
                    and body[before.end : hit.start].strip(" -") in ("", "al", "el", *IZAFAT)
                ):
                    inside.append(body[before.start : hit.end])
                    continue
                a = bisect_left(starts, hit.end)  # the token after the hit
                after = toks[a] if a < len(toks) else None
                if (
                    after is None
                    or self.groups[i]  # ("Polisario Front" is the Polisario's own name)
                    or after.word not in GROUP_WORDS_AFTER
                    or after.key.rstrip("s") in self.own_keys[i]
                    or after.key in self.own_keys[i]
                    or not body[after.start].isupper()
                    or after.common
                    or body[hit.end : after.start] != " "
                ):
                    break
                inside.append(body[hit.start : after.end])
            else:
                if inside:
                    out[i] = inside
        return out

    def _storms_named_as_persons(
        self, body: str, toks: list[Token], hits: dict[int, list[AliasHit]], headline_end: int
    ) -> dict[int, list[str]]:
        """The storms whose name the text writes only as a person's given name, before a
        surname: storms bear given names, and a watchlist writes the storm's alone ("Helene"),
        which "Helene Fischer" in a German story of the singer met (0.89 for Hurricane Helene),
        "Hélène Carrère d'Encausse" in a French obituary of the historian (0.88). A surname is
        a capitalised word right after the name, of no storm, not an everyday word of English
        (``is_everyday``: "Helene Recovery Fund"), nor a place, an acronym or a word of the
        topic's names or description; not before ``headline_end``, the end of a headline that
        capitalises every word, or none. Topic -> the persons' names, as written."""
        at = {tok.start: k for k, tok in enumerate(toks)}
        out: dict[int, list[str]] = {}
        for i, found in hits.items():
            if i not in self.storms:
                continue
            persons: list[str] = []
            for hit in found:
                if hit.start < headline_end:  # (its capitals say nothing)
                    continue
                k = at.get(hit.start)
                after = toks[k + 1] if k is not None and k + 1 < len(toks) else None
                surname = body[after.start : after.end] if after is not None else ""
                if (
                    k is None
                    or toks[k].end != hit.end
                    or after is None
                    or body[hit.end : after.start] != " "
                    or not body[after.start].isupper()
                    or after.key in self.own_keys[i]
                    or is_storm_word(after.word)
                    or is_everyday(after.word)
                    or is_place(surname)
                    or is_acronym(surname)
                ):
                    persons = []
                    break
                persons.append(body[hit.start : after.end])
            if persons:
                out[i] = persons
        return out

    def _glossed_otherwise(
        self, body: str, hits: dict[int, list[AliasHit]]
    ) -> dict[int, list[str]]:
        """The topics whose names the text writes only as an acronym it spells out as another
        thing's name (``initials.glossed_as``), in words most of which none of the topic's
        names or description writes: "Reporters sans frontières (RSF)" for Sudan's Rapid
        Support Forces, which a French story of press freedom in Sudan wrote (0.95 before).
        One name, one sense: the acronym is that thing's wherever the text writes it; the
        topic's other names that the text writes stay its hits (the acronym's are dropped
        from ``hits``). Topic -> those names, as written."""
        out: dict[int, list[str]] = {}
        for i, found in list(hits.items()):
            others: dict[str, str] = {}  # acronym -> the other thing's name, as written
            for hit in found:
                if not is_acronym(hit.alias) or hit.alias in others:
                    continue
                words = glossed_as(body, hit.start, hit.end)
                if words is None:
                    continue
                # (the topic's words, as most of them: "Hayy'at Tahrir al-Sham (HTS)" is HTS)
                content = [tok for tok in tokens(words) if tok.word not in NAME_LINK_WORDS]
                own = [tok for tok in content if tok.key in self.own_keys[i]]
                if 2 * len(own) < len(content):
                    others[hit.alias] = f"{words} ({body[hit.start : hit.end]})"
            if not others:
                continue
            kept = [hit for hit in found if hit.alias not in others]
            if kept:
                hits[i] = kept
            else:
                out[i] = list(others.values())
        return out

    def _names_unwritten(
        self,
        body: str,
        toks: list[Token],
        language: str | None,
        places: _Places,
        has_alias: np.ndarray,
        absent: np.ndarray,
        other: dict[int, list[str]],
    ) -> dict[int, list[str]]:
        """Per topic whose name writes several names (``name_parts``), those of them the text
        does not write, where it writes some: "Red Sea" of "Houthi attacks on Red Sea shipping"
        in a story of the Houthis' war on land. Where an alias is met, only the countries of
        the name count, which the alias leaves open, and only where the text writes none of
        them: "Mali" of "Wagner Group in Mali" in a story of Wagner in the Central African
        Republic, "Libya" of "Ansar al-Sharia in Libya" in one of Tunisia's namesake; not
        "Chad" of "Boko Haram in Nigeria and Chad" in a story of Nigeria. Not for a topic
        whose name word the text does not write (``absent``: counted so already) nor one whose
        name word stands only in another name."""
        if not self.part_names:
            return {}
        written = set(self.parts.find(body, toks, language))
        if self.part_countries:
            named = places.countries()
            written.update(k for k, codes in self.part_countries.items() if codes & named)
        unwritten: dict[int, list[str]] = {}
        for k, (i, name) in enumerate(self.part_names):
            if k in written or absent[i] or i in other:
                continue
            if has_alias[i] and (k not in self.part_countries or self._country_written(i, written)):
                continue
            unwritten.setdefault(i, []).append(name)
        return unwritten

    def _country_written(self, i: int, written: set[int]) -> bool:
        """Whether a text writes a country of topic ``i``'s name (``written``: the indices of
        ``part_names`` it writes)."""
        return any(k in written for k in self.part_countries_of[i])

    def _judge(
        self,
        title: str,
        text: str,
        vectors: ArticleVectors,
        article_id: str,
        matched_only: bool,
        labels: Learned | None = None,
    ) -> list[Match]:
        f = self.features(title, text, vectors)
        if vectors.multilingual:
            score = probability(f.values, WEIGHTS_MULTILINGUAL, BIAS_MULTILINGUAL)
        else:
            score = probability(f.values, WEIGHTS, BIAS)
        if not self.described.all():
            names_only = probability(f.values, WEIGHTS_NAMES_ONLY, BIAS_NAMES_ONLY)
            score = np.where(self.described, score, names_only)
        score = np.where(f.excluded | f.other_field, score * PENALTY, score)
        # -- feedback hook: the analyst's labels move the zero-shot score (monitor.match.learn)
        pulled: dict[int, dict[str, Any]] = {}
        if labels is not None:
            # An article is compared with the labeled texts its own model read.
            score, pulled = labels.adjust(vectors.vectors, score, multilingual=vectors.multilingual)
        # -- end of the feedback hook
        if self.limited:  # topics that read only some languages: not this article's
            score = np.where(self._skips(vectors.language), 0.0, score)
        is_match = score >= self.thresholds
        todo = np.flatnonzero(is_match).tolist() if matched_only else range(len(self.topics))
        if not todo:
            return []
        passages = passages_of(title, text, multilingual=vectors.multilingual)
        # Plain Python numbers, made in bulk: the per-topic loop must stay cheap for 1,000 topics.
        raw64, z64, s64 = (np.asarray(a, dtype=np.float64) for a in (f.raw, f.values["z"], score))
        sem, zs, scores = raw64.round(4).tolist(), z64.round(2).tolist(), s64.round(4).tolist()
        passage_of = f.best.tolist()
        absent_l = f.absent.tolist()
        described = self.described.tolist()
        matched = is_match.tolist()
        hits, other, ex_which, ex_best = f.hits, f.other, f.ex_which, f.ex_best
        # Other watched topics the text names by alias (shown to the reader, not scored).
        named = sorted(hits)
        out = []
        for i in todo:
            p = passage_of[i]
            evidence: dict[str, Any] = {
                "passage": passages[p] if p < len(passages) else None,
                "alias": _first_alias(hits[i], f.body) if i in hits else None,
                # (places in the text: two names may meet one, "Avdiivka" and "Avdiyivka")
                "alias_count": len({h.start for h in hits[i]}) if i in hits else 0,
                "alias_in_lead": i not in f.late if i in hits else None,
                "alias_far_from_description": i in f.far if i in hits else None,
                "named_in_passing": i in f.passing if i in hits else None,
                "named_once": i in f.named_once if i in hits else None,
                "named_by_date": f.dated.get(i),
                "other_field": (
                    {"field": f.field_story.field, "words": list(f.field_story.words[:3])}
                    if f.field_story is not None and f.other_field[i]
                    else None
                ),
                "semantic": sem[i],
                "semantic_z": zs[i],
                "other_sense": (
                    [self.topics[j].id for j in named if j != i]
                    if i not in hits and named
                    else None
                ),
                "other_name": sorted(set(other[i]))[:3] if i in other else None,
                "name_absent": absent_l[i],
                "names_unwritten": f.unwritten.get(i),
                "other_of_kind": f.others_of_kind[i][:3] if i in f.others_of_kind else None,
                "about_names": list(f.about_names[i].values())[:5]
                if f.about_names.get(i)
                else None,
                # (a topic without a description is decided by its names alone)
                "topic_words": (
                    f.topic_words[i][:5] if i in f.topic_words and described[i] else None
                ),
                "language": vectors.language,
                "exclude": (
                    {
                        "sense": ex_which[i],
                        "similarity": round(float(ex_best[i]), 4),
                        "lowered": bool(f.excluded[i]),
                    }
                    if ex_which and i in ex_which
                    else None
                ),
            }
            evidence["feedback"] = pulled.get(i)  # feedback hook: the label that pulled
            out.append(Match(article_id, self.topics[i].id, scores[i], bool(matched[i]), evidence))
        return out


BACKGROUND_VECTORS = Path(__file__).with_name("background-multilingual.npz")


def multilingual_background(model: Embedder) -> dict[str, np.ndarray]:
    """The background texts of each language in the multilingual model's space: read from the
    file shipped beside this module (the model reads about a dozen short texts a second, so
    encoding them would hold up the first non-English article by 15 s) when it was made from
    these very texts by this model, else encoded now. ``write_multilingual_background`` makes
    the file; a test checks that it is current."""
    key = _background_key(model.name)
    if BACKGROUND_VECTORS.is_file():
        with np.load(BACKGROUND_VECTORS) as stored:
            if str(stored["key"]) == key:
                return {lang: stored[lang].astype(np.float32) for lang in BACKGROUND_BY_LANGUAGE}
    return {lang: model.encode(list(t)) for lang, t in BACKGROUND_BY_LANGUAGE.items()}


def write_multilingual_background(model: Embedder, path: Path = BACKGROUND_VECTORS) -> None:
    arrays: dict[str, Any] = {
        lang: model.encode(list(t)).astype(np.float16) for lang, t in BACKGROUND_BY_LANGUAGE.items()
    }
    arrays["key"] = np.array(_background_key(model.name))
    np.savez_compressed(path, **arrays)


@lru_cache(maxsize=1)
def scoring_code() -> str:
    """A digest of the code and data the scores come from: every module and data file of the
    monitor package (an upgrade, or an edit of a rule, scores anew) and the versions of the
    libraries it requires (the model runtimes, numpy, the word lists)."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".npz"):
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    try:
        required = metadata.requires("monitor") or []
    except metadata.PackageNotFoundError:  # run from a source tree: its code is digested
        required = []
    for requirement in sorted(required):
        name = re.match(r"[A-Za-z0-9._-]+", requirement)
        if name is None or "extra ==" in requirement:
            continue
        try:
            version = metadata.version(name.group())
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name.group()}=={version}".encode())
    return digest.hexdigest()


def _background_key(model_name: str) -> str:
    """Names the model and the exact texts, so a changed sentence invalidates the file."""
    digest = hashlib.sha256(repr(sorted(BACKGROUND_BY_LANGUAGE.items())).encode()).hexdigest()
    return f"{model_name}:{digest[:16]}"


@lru_cache(maxsize=16)
def expected_max(n: int) -> float:
    """The mean of the largest of ``n`` independent standard normal draws (0 for one, 0.56
    for two, 1.03 for four), by quadrature."""
    x = np.linspace(-8.0, 8.0, 16001)
    pdf = np.exp(-x * x / 2) / np.sqrt(2 * np.pi)
    cdf = np.cumsum(pdf) * (x[1] - x[0])
    return float(np.sum(x * n * pdf * cdf ** (n - 1)) * (x[1] - x[0]))


def best_passages(
    vectors: np.ndarray, sem_vecs: np.ndarray, mean: np.ndarray, std: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For passage rows ``vectors`` and topic columns ``sem_vecs`` ("name: about" for the n
    topics, then their descriptions alone): per topic the best raw cosine, the passage that
    gave it and its z against the background ``mean``/``std``, and the description's z.

    The best of several passages sits higher than one passage would by chance alone, so each
    z is read less the mean of the largest of that many standard normal draws: without it a
    long text scores higher for a topic it is not about (set A's topics over set B's texts
    joined four at a time: mean z 1.4 -> 2.9; bench/relevance.py, texts joined)."""
    n = sem_vecs.shape[1] // 2
    sims = vectors @ sem_vecs  # (passages, 2n)
    best = sims.argmax(axis=0)
    raw = sims[best, np.arange(sims.shape[1])]
    z = (raw - mean) / std - expected_max(len(vectors))
    return raw[:n], best[:n], z[:n], z[n:]


def _background_stats(
    background: dict[str, np.ndarray], columns: np.ndarray
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per language of ``background`` (and "*", pooled over them), the mean and the standard
    deviation of each of ``columns``' cosines to that language's background news."""
    sims = {lang: vecs @ columns for lang, vecs in background.items()}
    sims["*"] = np.vstack(list(sims.values()))
    return {lang: (s.mean(axis=0), np.maximum(s.std(axis=0), 1e-3)) for lang, s in sims.items()}


class _OtherLanguages:
    """Topics, exclude senses and background statistics in the multilingual model's space:
    per language with a background of its own, and pooled over those for any other."""

    def __init__(self, model: Embedder, topics: Sequence[Topic], ex_names: Sequence[str]) -> None:
        self.sem_vecs = np.ascontiguousarray(
            model.encode([topic_text(t) for t in topics] + [about_text(t) for t in topics]).T
        )
        self.ex_vecs = (
            model.encode(list(ex_names)).T
            if ex_names
            else np.zeros((model.dim, 0), dtype=np.float32)
        )
        background = multilingual_background(model)
        self.stats = _background_stats(background, self.sem_vecs)
        self.ex_stats = _background_stats(background, self.ex_vecs)

    def senses(self, vectors: np.ndarray, language: str) -> tuple[np.ndarray, np.ndarray]:
        """Per exclude sense, its best cosine to the passages ``vectors`` and that cosine's
        background z in ``language``, as ``best_passages`` reads a topic's."""
        mean, std = self.ex_stats.get(language, self.ex_stats["*"])
        best = (vectors @ self.ex_vecs).max(axis=0)
        return best, (best - mean) / std - expected_max(len(vectors))

    def semantic(
        self, vectors: np.ndarray, language: str
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        mean, std = self.stats.get(language, self.stats["*"])
        return best_passages(vectors, self.sem_vecs, mean, std)


@dataclass
class Features:
    values: dict[str, np.ndarray]  # feature name -> one value per topic
    raw: np.ndarray
    best: np.ndarray
    hits: dict[int, list[AliasHit]]
    other: dict[int, list[str]]
    absent: np.ndarray
    excluded: np.ndarray
    # the topics another field's story is no news of, and that story (``fields``)
    other_field: np.ndarray
    field_story: FieldStory | None
    ex_best: np.ndarray
    # how much nearer the nearest exclude sense is than the topic, in the English model's
    # cosine (``EXCLUDE_MARGIN``)
    ex_nearer: np.ndarray
    ex_which: dict[int, str]
    body: str
    # topic -> the description's names the text writes: key -> as the text spells it
    about_names: dict[int, dict[str, str]]
    # topic -> its common words the text writes, as the text writes them (``lexical``)
    topic_words: dict[int, list[str]]
    # topic -> the names of its name that the text does not write, where it writes others
    unwritten: dict[int, list[str]]
    # the topics whose names the text writes only after its title and lead
    late: set[int]
    # the topics whose names a text the multilingual model read writes, where it is less close
    # to their descriptions than its language's news on average: no name hits
    far: set[int]
    # topic -> the others of its kind the text names, as written (``kinds``)
    others_of_kind: dict[int, list[str]]
    # the watched persons the text names only in passing, after its lead (``PERSON_LEAD_CHARS``),
    # and the watched cities it names once, not in its headline (``named_once``)
    passing: set[int]
    named_once: set[int]
    # topic -> the day the text names it by, as written (``event_days``)
    dated: dict[int, str]


def probability(
    values: dict[str, np.ndarray], weights: dict[str, float], bias: float
) -> np.ndarray:
    logit = np.full(len(next(iter(values.values()))), bias)
    for name, w in weights.items():
        logit = logit + w * values[name]
    return _sigmoid(logit)


def _first_alias(hits: list[AliasHit], body: str) -> dict[str, str]:
    h = hits[0]
    return {"alias": h.alias, "text": body[h.start : h.end]}

"""The PETRARCH/TABARI converter on small hand-written dictionaries, and what the converted entries do."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from spacy.language import Language

from whimbrel.actors.dictionary import CountryEntry, SectorEntry, UserEntry, load_dictionaries
from whimbrel.actors.petrarch import PETRARCH_STAGES, PETRARCH_TARGET_ROLES, convert_folder, spacy_lemmatizer
from whimbrel.actors.resolver import ActorLookup
from whimbrel.config import user_settings
from whimbrel.errors import DataFileError
from whimbrel.evaluation.petrarch_set import user_overrides
from whimbrel.events.matcher import EventMatcher
from whimbrel.events.patterns import load_patterns
from whimbrel.model import Article
from whimbrel.pipeline import Pipeline

from .conftest import phrase_span

ACTORS = """<!-- a test actors file -->
FREEDONIA [FRE]
+FREEDONIAN
SYLVANIA_ [SYL] # trailing underscore: no stemming
THE_GRAND_DUCHY [GDY]
RUFUS FIREFLY  # dated codes
\t[FRE < 330101]
\t[FREGOV 19330101 - 19331231]
\t[FREELI > 331231]
LIBERTY_FRONT [FRELIBREB]
PRINCE OF NORTHMARK [PNM]
BOROMIR [---]
"""

AGENTS = """!PERSON! = MAN, MEN
TROOPS {} [~MIL]
CONGRESS!PERSON! [~LEG]
AMBASSADOR [~GOV]
HUMAN_RIGHTS_BODY [NGO~]
"""

VERBS = """&TIES
+DIPLOMATIC
+TRADE

--- RESTORE [064] ---
RESTORE
- * &TIES RELATIONS [0641]
- * NEW_&TIES_RELATIONS [901]
- * FULL TIES [064]

--- FROBNICATE [345] ---
FROBNICATE
- * TALKS [---]

--- CLASH [223] ---
CLASH
- &NEVER * OVER BORDERS [904]
- * OVER BORDERS [121]

&NEVER
+DID N'T
+WILL NOT

--- VISIT [032:033] ---
VISITED

--- HELD [---] ---
HELD
- % * TALKS [031]

--- WARN [160] ---
WARN

--- CELEBRATE [---] ---
CELEBRATE
- * FEAST AT ^ WITH + [043]
- * DINNER IN ^ + [045]

--- SAID [---] ---
SAID
- * WAS UNFAIR [111]
"""

DISCARDS = """MONTHS LATER
+SPORTS LEAGUE
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("petrarch")
    for kind, text in (("actors", ACTORS), ("agents", AGENTS), ("verbs", VERBS), ("discards", DISCARDS)):
        (path / f"Test.{kind}.txt").write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def converted(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("converted") / "dict.yaml"
    out.write_text(convert_folder(folder, spacy_lemmatizer()).as_yaml(), encoding="utf-8")
    return out


def test_actors_become_states_with_dated_seats(converted: Path) -> None:
    data = yaml.safe_load(converted.read_text(encoding="utf-8"))
    entries = {e["id"]: UserEntry.model_validate(e).root for e in data["actors"]}
    freedonia = entries["FRE"]
    assert isinstance(freedonia, CountryEntry)
    assert freedonia.name == "Freedonia" and "Freedonian" in freedonia.aliases
    seats = {(s.agent, s.start, s.end) for s in freedonia.seats if s.name == "Rufus Firefly"}
    assert seats == {
        (None, None, date(1932, 12, 31)),  # "< 330101": before that day
        ("GOV", date(1933, 1, 1), date(1933, 12, 31)),  # a range, both ends included
        ("ELI", date(1934, 1, 1), None),  # "> 331231": after that day
    }
    # the article goes: "The Grand Duchy" is read as "Grand Duchy" in a parse
    assert "Grand Duchy" in [entries["GDY"].name, *entries["GDY"].aliases]
    front = entries["LIBERTY_FRONT"]
    assert front.kind == "group" and front.code == "FRELIBREB"


def test_agents_become_sector_words_with_substitutions(converted: Path) -> None:
    data = yaml.safe_load(converted.read_text(encoding="utf-8"))
    sectors = {e["id"]: SectorEntry.model_validate(e) for e in data["actors"] if e["kind"] == "sector"}
    assert "troops" in sectors["MIL"].words
    assert {"congressman", "congressmen"} <= set(sectors["LEG"].words)
    assert "NGO" not in sectors  # a prefix agent cannot be expressed


def test_verbs_become_patterns_with_synsets_and_private_codes(converted: Path) -> None:
    patterns = load_patterns([converted], include_bundled=False)
    restore = [p for p in patterns if p.lemmas == ["restore"]]
    assert {(tuple(p.after), p.event_code) for p in restore} == {
        ((), "064"),
        (("diplomatic", "relations"), "0641"),
        (("trade", "relations"), "0641"),
        # words joined by "_" are adjacent in the text: one phrase
        (("new diplomatic relations",), "901"),
        (("new trade relations",), "901"),
        (("full", "ties"), "064"),
    }
    said = next(p for p in patterns if p.lemmas == ["say"])
    assert said.after == ["was", "unfair"] and said.cameo == "111"


def test_what_cannot_be_expressed_is_counted(folder: Path) -> None:
    conversion = convert_folder(folder, spacy_lemmatizer())
    dropped = conversion.dropped
    assert dropped["pattern with a null or unreadable code ([---])"] == 1
    assert dropped["discard phrases (whimbrel has no discard lists)"] == 2
    assert dropped["actor code not expressible (---)"] == 1
    # neither FROBNICATE's code nor the verb has a CAMEO type whimbrel knows
    assert any("345" in reason for reason in dropped)


def test_private_codes_take_the_type_whimbrel_gives_their_verb(converted: Path) -> None:
    patterns = load_patterns([converted], include_bundled=False)
    clash = {p.event_code: p for p in patterns if p.lemmas == ["clash"]}
    # 223 and 904 are no CAMEO codes: the events are typed as whimbrel types "clash" (190, ASSAULT)
    assert clash["223"].cameo == clash["904"].cameo == "190"
    assert {tuple(p.before) for p in patterns if p.event_code == "904"} == {("did n't",), ("will not",)}
    assert clash["121"].code is None  # a CAMEO code is its own type
    # the members of a synset listed after a verb block are not verbs of that block
    assert {p.lemmas[0] for p in patterns} == {"restore", "say", "clash", "visit", "hold", "warn", "celebrate"}


def test_reverse_codes_and_compound_actors_become_reverse_patterns(converted: Path) -> None:
    patterns = load_patterns([converted], include_bundled=False)
    visit = next(p for p in patterns if p.lemmas == ["visit"])
    assert (visit.cameo, visit.reverse) == ("032", "033")
    talks = next(p for p in patterns if p.lemmas == ["hold"] and p.after == ["talks"])
    assert talks.roles.reciprocal and talks.reverse == "031"
    assert talks.roles.target == []  # the compound's parts are each other's targets


def test_a_target_marker_after_a_preposition_names_the_target(converted: Path) -> None:
    celebrate = {
        p.event_code: p for p in load_patterns([converted], include_bundled=False) if p.lemmas == ["celebrate"]
    }
    assert celebrate["043"].after == ["feast", "at", "with"] and celebrate["043"].roles.target == ["prep:with"]
    # "in ^ +": the object of "in" is skipped, the target is found as usual
    assert celebrate["045"].roles.target == PETRARCH_TARGET_ROLES


def test_a_users_dictionary_can_replace_the_bundled_one(converted: Path) -> None:
    alone = load_dictionaries([converted], include_builtin=False)
    assert set(alone.countries) == {"FRE", "GDY", "PNM", "SYL"}
    assert "USA" in load_dictionaries([converted]).countries


def test_events_carry_private_and_reverse_codes_end_to_end(converted: Path) -> None:
    pipeline = Pipeline(user_overrides(converted))  # type: ignore[arg-type]
    texts = [
        "Freedonia will not clash over borders with Sylvania.",
        "Freedonia visited Sylvania on Monday.",
        "Freedonia and Sylvania held talks on Monday.",
        "Freedonia warned of the Prince of Northmark.",
        "Freedonia warned the towns bordering Sylvania.",
        "Freedonia celebrated the feast at Sylvania with the Prince of Northmark.",
    ]
    articles = [Article(id=str(i), text=t, published=date(2001, 5, 1)) for i, t in enumerate(texts)]
    coded = {
        r.article.id: {(e.source and e.source.code, e.target and e.target.code, e.cameo) for e in r.events}
        for r in pipeline.process(articles)
    }
    assert ("FRE", "SYL", "904") in coded["0"]  # the dictionary's own code is the event's code
    assert coded["1"] == {("FRE", "SYL", "032"), ("SYL", "FRE", "033")}
    assert coded["2"] == {("FRE", "SYL", "031"), ("SYL", "FRE", "031")}
    # PETRARCH-style targets: a name holding "of", an actor in a participle describing the object
    assert coded["3"] == {("FRE", "PNM", "160")}
    assert coded["4"] == {("FRE", "SYL", "160")}
    assert coded["5"] == {("FRE", "PNM", "043")}


def test_dated_codes_resolve_by_the_sentence_date(nlp: Language, converted: Path) -> None:
    lookup = ActorLookup(load_dictionaries([converted]), nlp.vocab)
    span = phrase_span(nlp, "Rufus Firefly met Sylvania.", "Rufus Firefly")
    codes = {day: lookup.resolve(span, day) for day in (date(1932, 6, 1), date(1933, 6, 1), date(1935, 6, 1))}
    assert {day: actor.code for day, actor in codes.items() if actor} == {
        date(1932, 6, 1): "FRE",
        date(1933, 6, 1): "FREGOV",
        date(1935, 6, 1): "FREELI",
    }


def test_converted_patterns_code_with_their_context_words(nlp: Language, converted: Path) -> None:
    matcher = EventMatcher(nlp, "whimbrel_events", extra_pattern_files=[converted], use_bundled_patterns=False)
    doc = matcher(nlp("Freedonia restored trade relations with Sylvania."))
    codes = {matcher.patterns[m.pattern_id].event_code for m in doc._.event_mentions}
    assert codes == {"0641"}
    assert {m.cameo for m in doc._.event_mentions} == {"0641"}  # what the event is coded with
    doc = matcher(nlp("Freedonia restored order in the capital."))
    assert {matcher.patterns[m.pattern_id].event_code for m in doc._.event_mentions} == {"064"}


def test_a_folder_without_dictionaries_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="E203"):
        convert_folder(tmp_path, spacy_lemmatizer())


def test_a_converted_dictionary_carries_how_petrarch_codes(converted: Path, tmp_path: Path) -> None:
    assert yaml.safe_load(converted.read_text(encoding="utf-8"))["stages"] == PETRARCH_STAGES
    overrides = user_settings([converted]).overrides
    assert overrides["whimbrel_events"]["use_bundled_patterns"] is False
    assert overrides["whimbrel_actors"]["dictionary_roles"] is True
    # a config file's settings win over a dictionary's
    config = tmp_path / "whimbrel.yaml"
    config.write_text("stages:\n  whimbrel_actors: {use_bundled_dictionaries: true}\n", encoding="utf-8")
    assert user_settings([converted], config).overrides["whimbrel_actors"]["use_bundled_dictionaries"] is True
    bad = tmp_path / "bad.yaml"
    bad.write_text("stages:\n  whimbrel_actors: {dictionary_rolez: true}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="E204"):
        user_settings([bad])

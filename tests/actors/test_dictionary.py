from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from whimbrel.actors.dictionary import dump_dictionaries, load_dictionaries
from whimbrel.actors.resolver import ActorResolver
from whimbrel.errors import DataFileError
from whimbrel.model import Article
from whimbrel.nlp.extensions import EventMention

FICTIONAL = """\
# Test dictionary: a fictional country and group, and an override of a built-in group.
- kind: country
  id: FRE
  name: Freedonia
  demonyms: [Freedonian, Freedonians]
  seats: [{name: Fredville, agent: GOV}]
- kind: group
  id: FLF
  name: Freedonia Liberation Front
  aliases: [FLF]
  country: FRE
  agent: REB
"""

OVERRIDE = """\
# Test dictionary: the Taliban recoded as a government (an analyst's choice after 2021).
- kind: group
  id: TALIBAN
  name: Taliban
  aliases: [the Taliban]
  country: AFG
  agent: GOV
  code: AFGGOV
"""

BAD = """\
# Test dictionary with a mistake.
- kind: group
  id: GOOD_GROUP
  name: Good Group
  agent: REB
- kind: group
  id: BAD_GROUP
  name: Bad Group
  country: Freedonia
  agent: REB
"""


def test_builtin_dictionaries_cover_every_family() -> None:
    d = load_dictionaries()
    assert len(d.countries) >= 249
    assert {"UN", "NATO", "EU", "ICRC", "MSF"} <= set(d.orgs)
    assert {"ISIS", "NUSRA", "HOUTHIS", "WAGNER"} <= set(d.orgs)
    assert {"GOV", "MIL", "COP", "REB", "INS", "CVL", "MED"} <= set(d.sectors)
    states = {t.country for t in d.offices.values()}
    assert {"RUS", "USA", "IRN", "SYR", "UKR", "ISR", "TUR", "CHN", "MMR", "VEN", "COL"} <= states


def test_office_terms_of_one_office_do_not_overlap() -> None:
    d = load_dictionaries()
    offices: dict[tuple[str, str], list] = {}
    for term in d.offices.values():
        offices.setdefault((term.country, term.role), []).append(term)
    for key, terms in offices.items():
        terms.sort(key=lambda t: t.start)
        for earlier, later in zip(terms, terms[1:], strict=False):
            assert earlier.end is not None and earlier.end <= later.start, (key, earlier.id, later.id)


def test_a_user_file_adds_a_fictional_actor(tmp_path: Path, nlp: Language) -> None:
    user = tmp_path / "freedonia.yaml"
    user.write_text(FICTIONAL, encoding="utf-8")
    resolver = ActorResolver(nlp, "whimbrel_actors", extra_dictionary_files=[str(user)])
    doc = nlp("Freedonian troops attacked the FLF near Fredville.")
    actors = [
        resolver.lookup.resolve(doc.char_span(*_find(doc.text, p)), date(2020, 1, 1))
        for p in ("Freedonian troops", "FLF")
    ]
    assert [a.code for a in actors if a] == ["FREMIL", "FLF"]


def test_a_user_file_overrides_a_builtin_entry_by_id(tmp_path: Path) -> None:
    user = tmp_path / "override.yaml"
    user.write_text(OVERRIDE, encoding="utf-8")
    assert load_dictionaries().orgs["TALIBAN"].agent == "INS"
    assert load_dictionaries([user]).orgs["TALIBAN"].code == "AFGGOV"


def test_an_overriding_user_file_changes_what_the_component_codes(tmp_path: Path, nlp: Language) -> None:
    user = tmp_path / "override.yaml"
    user.write_text(OVERRIDE, encoding="utf-8")
    doc = nlp("The Taliban arrested two men.")
    doc._.article = Article(id="a", text=doc.text, published=date(2022, 1, 1))
    ActorResolver(nlp, "whimbrel_actors")
    doc._.event_mentions = [EventMention(doc[2], next(doc.sents), "t", "111", "ARREST", source_span=doc[0:2])]
    doc = ActorResolver(nlp, "whimbrel_actors", extra_dictionary_files=[str(user)])(doc)
    assert doc._.event_mentions[0].source_actor.code == "AFGGOV"


def test_a_bad_entry_is_reported_with_file_line_and_id(tmp_path: Path) -> None:
    user = tmp_path / "bad.yaml"
    user.write_text(BAD, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_dictionaries([user])
    message = str(caught.value)
    assert str(user) in message and "line 6" in message and "BAD_GROUP" in message and "country" in message
    assert "GOOD_GROUP" not in message


def test_a_user_entry_without_kind_is_rejected(tmp_path: Path) -> None:
    user = tmp_path / "nokind.yaml"
    user.write_text("- {id: X1, name: Somebody, agent: REB}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="X1"):
        load_dictionaries([user])


def test_an_office_term_ending_before_it_starts_is_rejected(tmp_path: Path) -> None:
    user = tmp_path / "term.yaml"
    user.write_text(
        "- {kind: office, id: t1, name: A B, country: FRA, role: HOS, start: 2020-01-02, end: 2019-01-01}\n"
    )
    with pytest.raises(DataFileError, match="before start"):
        load_dictionaries([user])


def test_dump_then_load_gives_the_same_dictionary(tmp_path: Path) -> None:
    original = load_dictionaries()
    dump_dictionaries(original, tmp_path)
    reloaded = load_dictionaries(data_dir=tmp_path)
    assert reloaded == original


def _find(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)

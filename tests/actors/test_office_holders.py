"""The office-holders file: whole-file consistency, and titles resolving to the holder on the event date."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from whimbrel.actors.dictionary import DATA_DIR, OfficeTerm, load_dictionaries
from whimbrel.data_files import load_models

from .conftest import Resolve


def test_every_term_has_its_own_id_and_a_known_title() -> None:
    terms = load_models(DATA_DIR / "office_holders.yaml", OfficeTerm)
    repeated = [ident for ident, count in Counter(t.id for t in terms).items() if count > 1]
    titles = load_dictionaries().titles
    assert repeated == []  # a repeated id would silently drop the earlier term
    assert {t.canonical_title for t in terms} <= set(titles)


def test_no_two_people_hold_one_office_of_one_state_on_the_same_day() -> None:
    by_office: dict[tuple[str, str, str], list[OfficeTerm]] = defaultdict(list)
    for term in load_dictionaries().offices.values():
        by_office[(term.country, term.role, term.canonical_title)].append(term)
    overlaps = []
    for terms in by_office.values():
        terms.sort(key=lambda t: t.start)
        for earlier, later in zip(terms, terms[1:], strict=False):
            if earlier.end is None or earlier.end > later.start:
                overlaps.append((earlier.id, later.id))
    assert overlaps == []


def test_no_name_stands_for_two_people_on_the_same_day() -> None:
    """A shared surname is resolved by date, so two people sharing a name must not be in office together."""
    holders_of: dict[str, list[OfficeTerm]] = defaultdict(list)
    for term in load_dictionaries().offices.values():
        for name in {term.name, *term.aliases}:
            holders_of[name.lower()].append(term)
    clashes = []
    for name, terms in holders_of.items():
        for i, one in enumerate(terms):
            for other in terms[i + 1 :]:
                together = one.start < (other.end or date.max) and other.start < (one.end or date.max)
                if one.name != other.name and together:
                    clashes.append((name, one.id, other.id))
    assert clashes == []


def test_the_congolese_president_is_kabila_in_2010_and_tshisekedi_in_2020(resolve: Resolve) -> None:
    in_2010 = resolve("The Congolese president", on=date(2010, 6, 30))
    in_2020 = resolve("The Congolese president", on=date(2020, 6, 30))
    assert (in_2010.name, in_2010.code) == ("Joseph Kabila", "CODGOV")
    assert (in_2020.name, in_2020.code) == ("Felix Tshisekedi", "CODGOV")
    assert resolve("Kabila", on=date(2020, 6, 30)).code == "CODELI"


def test_one_surname_goes_to_the_brother_in_office_on_the_day(resolve: Resolve) -> None:
    assert resolve("Castro", on=date(2005, 5, 1)).name == "Fidel Castro"
    assert resolve("Castro", on=date(2012, 5, 1)).name == "Raul Castro"
    assert resolve("Rajapaksa", on=date(2010, 5, 1)).name == "Mahinda Rajapaksa"


def test_sri_lankas_president_and_prime_minister_are_told_apart_in_2020(resolve: Resolve) -> None:
    assert resolve("Sri Lanka's president", on=date(2020, 8, 1)).name == "Gotabaya Rajapaksa"
    assert resolve("Sri Lanka's prime minister", on=date(2020, 8, 1)).name == "Mahinda Rajapaksa"


def test_rulers_with_their_own_titles_resolve_by_date(resolve: Resolve) -> None:
    assert resolve("Oman's sultan", on=date(2015, 3, 1)).name == "Sultan Qaboos"
    assert resolve("Oman's sultan", on=date(2023, 3, 1)).name == "Sultan Haitham bin Tariq"
    yunus = resolve("Bangladesh's chief adviser", on=date(2025, 2, 1))
    assert (yunus.name, yunus.code) == ("Muhammad Yunus", "BGDGOV")
    assert resolve("The Italian prime minister", on=date(2023, 5, 1)).name == "Giorgia Meloni"

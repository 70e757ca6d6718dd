from whimbrel.geo.gazetteer import lookup
from whimbrel.geo.resolve import ToponymQuery, resolve_queries


def _resolved(*names: str) -> dict[str, tuple[str, str | None]]:
    queries = [ToponymQuery(n, lookup(n)) for n in names]
    return {q.text: (e.country, e.admin1) for q, e in zip(queries, resolve_queries(queries), strict=True) if e}


def test_a_town_found_in_one_state_only_pulls_its_ambiguous_neighbours_there() -> None:
    # Huntsville alone is the big Alabama city; beside Conroe (only in Texas) it is the Texas town.
    assert _resolved("Huntsville")["Huntsville"] == ("USA", "AL")
    resolved = _resolved("Walker County", "Huntsville", "Conroe")
    assert resolved["Huntsville"] == ("USA", "TX") and resolved["Walker County"] == ("USA", "TX")


def test_a_capital_beside_foreign_towns_keeps_its_sense() -> None:
    assert _resolved("Rome", "Milan")["Rome"][0] == "ITA"

from whimbrel.geo.gazetteer import get_gazetteer, lookup
from whimbrel.geo.resolve import ToponymQuery, called_so, cue_countries, parent_entries, resolve_queries


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


def test_a_place_called_by_its_own_name_beats_one_listing_it_as_a_variant() -> None:
    # "Cancun" is one romanisation of a far bigger Chinese city; the Mexican resort is called so.
    assert _resolved("Cancun")["Cancun"][0] == "MEX"


def test_a_capital_beats_the_same_named_division_of_its_country() -> None:
    # Beside states, "Washington" is still the capital; with a cue it is the state.
    resolved = _resolved("Washington", "Oregon", "Idaho")
    assert resolved["Washington"] == ("USA", "DC")
    cue = ToponymQuery("Washington", lookup("Washington"), admin_cue=True)
    [state] = resolve_queries([cue, ToponymQuery("Oregon", lookup("Oregon"))])[:1]
    assert state is not None and (state.country, state.admin1, state.feature_code) == ("USA", "WA", "ADM1")


def test_a_story_about_one_country_keeps_its_towns_there() -> None:
    # Alone, "Lebanon" is the country; among Indiana towns it is the Indiana town.
    assert _resolved("Lebanon")["Lebanon"] == ("LBN", None)
    assert _resolved("Lebanon", "Zionsville", "Kokomo", "Noblesville")["Lebanon"] == ("USA", "IN")


def test_a_county_found_only_in_one_state_makes_georgia_the_state() -> None:
    assert _resolved("Georgia", "Oconee County", "Gwinnett County")["Georgia"] == ("USA", "GA")


def test_a_close_spelling_of_a_places_own_name_is_that_place() -> None:
    # GeoNames calls the Ukrainian city "Odesa"; news still writes "Odessa", as Texas does.
    assert _resolved("Odessa")["Odessa"][0] == "UKR"


def test_names_that_lie_together_choose_each_others_senses() -> None:
    # Alone, Springfield is the Missouri city and Chatham the English town; beside Rochester the
    # three are the neighbouring Illinois towns, the only place where all of them lie together.
    assert _resolved("Springfield")["Springfield"] == ("USA", "MO")
    resolved = _resolved("Springfield", "Chatham", "Rochester")
    assert {resolved[n] for n in ("Springfield", "Chatham", "Rochester")} == {("USA", "IL")}
    # One small neighbour is enough to outweigh a famous namesake abroad.
    assert _resolved("Athens")["Athens"][0] == "GRC"
    assert _resolved("Athens", "Watkinsville")["Athens"] == ("USA", "GA")


def test_unlikely_namesakes_lend_no_support_to_each_other() -> None:
    # Hamlets called Boston and Houston lie near each other, but each name means its big city.
    resolved = _resolved("Boston", "Houston")
    assert resolved["Boston"] == ("USA", "MA") and resolved["Houston"] == ("USA", "TX")


def test_a_place_listing_a_name_among_its_old_ones_gains_nothing_from_its_own_neighbours() -> None:
    # Mount Gilead (Ohio) was once called Youngstown: the support Mount Gilead and Morrow County
    # lend each other is no reason to read "Youngstown" as Mount Gilead rather than the city.
    resolved = resolve_queries([ToponymQuery(n, lookup(n)) for n in ("Mount Gilead", "Morrow County", "Youngstown")])
    assert resolved[2] is not None and resolved[2].name == "Youngstown"


def test_a_longer_town_name_wins_no_support_from_neighbours() -> None:
    # Maryland City lies beside Washington, but "Maryland" beside "Washington" is still the state.
    assert _resolved("Maryland", "Washington")["Maryland"] == ("USA", "MD")
    queries = [ToponymQuery(n, lookup(n)) for n in ("Maryland", "Washington")]
    state = resolve_queries(queries)[0]
    assert state is not None and state.feature_code == "ADM1"


def test_a_name_s_own_first_sense_lends_it_no_support() -> None:
    # Ecuador's Los Rios is the larger, but Valdivia (in Chile's Los Rios, or in Colombia) sides
    # with Chile, and Ecuador is named by no other name of the text
    assert _resolved("Los Rios")["Los Rios"][0] == "ECU"
    assert _resolved("Valdivia", "Los Rios")["Los Rios"][0] == "CHL"


def test_a_town_named_without_its_article_is_called_so() -> None:
    [hillah] = [e for e in lookup("Al Hillah") if e.country == "IRQ" and e.precision == "point"][:1]
    assert called_so(hillah, "Hilla")


def test_a_province_is_a_stated_parent() -> None:
    parents = parent_entries(get_gazetteer(), "Oudalan")
    assert [(e.country, e.feature_code) for e in parents] == [("BFA", "ADM2")]


def test_a_country_s_own_division_word_pulls_the_article_s_places_there() -> None:
    assert _resolved("Niger", "Borgu LGA", "Ilorin")["Niger"][0] == "NGA"  # Nigeria's Niger State
    assert _resolved("Niger", "Ilorin")["Niger"][0] == "NER"
    assert cue_countries(["Barangay Tagapo", "Laguna"]) == {"PHL"}

import psutil
import pytest

from whimbrel.geo import gazetteer as gz
from whimbrel.geo.gazetteer import get_gazetteer, lookup


def test_lookup_reaches_aleppo_in_syria() -> None:
    towns = [e for e in lookup("Aleppo") if e.precision == "point"]
    assert [(e.country, e.feature_code) for e in towns] == [("SYR", "PPLA")]
    assert 36 < towns[0].lat < 36.5


def test_transliterations_reach_the_same_town() -> None:
    ids = {
        next(e.geonameid for e in lookup(n) if e.precision == "point")
        for n in ("Deir el-Zor", "Dayr az Zawr", "Deir Ezzor")
    }
    assert len(ids) == 1


def test_no_substring_hits() -> None:
    assert lookup("Hamedan")  # a spelling of Hamadan
    assert all("hamedan" in e.name.lower() or e.country == "IRN" for e in lookup("Hamedan"))
    assert lookup("Hama") and all(e.name != "Hamadān" for e in lookup("Hama"))
    assert lookup("Aleppo Governorate Xyz") == []


def test_country_names_and_demonyms() -> None:
    g = get_gazetteer()
    assert [e.feature_code for e in lookup("Syria")] == ["PCLI"]
    assert lookup("U.S.")[0].country == "USA"
    assert g.demonym_country("Iranian") == "IRN"


def test_index_memory_is_printed() -> None:
    gz.get_gazetteer.cache_clear()
    proc = psutil.Process()
    before = proc.memory_info().rss
    g = get_gazetteer()
    print(f"gazetteer: {len(g)} entries, +{(proc.memory_info().rss - before) / 1e6:.0f} MB resident after load")
    assert len(g) > 200_000


@pytest.mark.slow
def test_index_rebuilds_when_stamp_changes(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("WHIMBREL_CACHE", str(tmp_path))
    gz.get_gazetteer.cache_clear()
    try:
        get_gazetteer()
        path = gz.index_path()
        built = path.stat().st_mtime_ns
        assert gz.load_index(path) is not None
        monkeypatch.setattr(gz, "index_stamp", lambda: "another build")
        assert gz.load_index(path) is None
        gz.get_gazetteer.cache_clear()
        get_gazetteer()
        assert path.stat().st_mtime_ns > built
    finally:
        monkeypatch.undo()
        gz.get_gazetteer.cache_clear()


def test_united_kingdom_names_reach_the_country() -> None:
    for name in ("Britain", "UK", "United Kingdom"):
        assert lookup(name)[0].country == "GBR" and lookup(name)[0].feature_code == "PCLI"


def test_news_agency_state_abbreviations_reach_the_state() -> None:
    [state] = lookup("W.Va.")
    assert (state.country, state.admin1, state.feature_code) == ("USA", "WV", "ADM1")


def test_us_counties_and_parishes_lie_in_their_state() -> None:
    [parish] = lookup("Rapides Parish")
    assert (parish.country, parish.admin1, parish.feature_code, parish.precision) == ("USA", "LA", "ADM2", "admin1")


def test_same_named_counties_sit_in_their_own_part_of_their_state() -> None:
    # Both counties lie far from their state's middle: each gets its own point, not the state's.
    counties = {e.admin1: e for e in lookup("Walker County")}
    texas, alabama = counties["TX"], counties["AL"]
    assert 30.0 < texas.lat < 31.5 and -96.5 < texas.lon < -95.0
    assert 33.0 < alabama.lat < 34.5 and -88.0 < alabama.lon < -86.5
    state = get_gazetteer().division("USA", "TX")
    assert state is not None and (texas.lat, texas.lon) != (state.lat, state.lon)


def test_divisions_tied_through_their_capital() -> None:
    assert ("CAN", "ADM1") in {(e.country, e.feature_code) for e in lookup("Ontario")}
    assert [(e.country, e.feature_code) for e in lookup("Sindh")] == [("PAK", "ADM1")]


def test_regions_have_a_point_and_no_country() -> None:
    region = next(e for e in lookup("Middle East") if e.feature_code == "RGN")
    assert region.country == "" and 20 < region.lat < 40 and 30 < region.lon < 55
    assert [e.feature_code for e in lookup("Europe")] == ["RGN"]


def test_a_region_inside_one_country_carries_that_country() -> None:
    [darfur] = lookup("Darfur")
    assert (darfur.country, darfur.feature_code) == ("SDN", "RGN")


def test_divisions_by_the_short_name_news_uses() -> None:
    # The official names carry an honorific or a kind word: "Michoacán de Ocampo", "Dagestan, Respublika".
    for name, country in (("Michoacan", "MEX"), ("Veracruz", "MEX"), ("Dagestan", "RUS")):
        assert (country, "ADM1") in {(e.country, e.feature_code) for e in lookup(name)}, name


def test_divisions_named_apart_from_their_chief_town() -> None:
    for name, country, lat_range in (
        ("Nangarhar", "AFG", (33.5, 35.0)),
        ("Cabo Delgado", "MOZ", (-14.5, -10.0)),
        ("Nord-Kivu", "COD", (-2.5, 1.5)),
        ("North Kivu", "COD", (-2.5, 1.5)),
        ("Bavaria", "DEU", (47.0, 51.0)),
    ):
        [division] = [e for e in lookup(name) if e.feature_code == "ADM1"]
        assert division.country == country and lat_range[0] < division.lat < lat_range[1], name


def test_slavic_division_adjectives_reach_their_chief_town() -> None:
    # "Kharkivska oblast" is the division of Kharkiv: the bare town name also names the division.
    assert ("UKR", "ADM1") in {(e.country, e.feature_code) for e in lookup("Kharkiv")}
    assert ("UKR", "ADM1") in {(e.country, e.feature_code) for e in lookup("Kharkivska oblast")}


def test_divisions_tied_through_geonames_own_name() -> None:
    # Neither state is named after a town; GeoNames' name of the division ties them.
    for name, country in (("Sinaloa", "MEX"), ("Táchira", "VEN"), ("Tachira", "VEN")):
        assert (country, "ADM1") in {(e.country, e.feature_code) for e in lookup(name)}, name


def _town(name: str, lat: float, lon: float) -> dict[str, object]:
    return {"name": name, "alternatenames": [], "latitude": lat, "longitude": lon, "population": 1000}


def test_a_division_sits_at_its_seat_when_the_seat_is_central() -> None:
    towns = [_town("Seatville", 10.3, 20.2), _town("Farside", 11.0, 21.0), _town("Nearby", 10.0, 20.0)]
    assert gz._division_point(towns, "Seatville") == (10.3, 20.2)


def test_a_division_keeps_its_middle_when_the_seat_is_at_its_edge() -> None:
    # the seat lies ~300 km from the middle of a large division: the middle stands for it better
    towns = [_town(f"T{i}", 10.0 + i * 0.5, 20.0) for i in range(12)] + [_town("Edge", 7.0, 20.0)]
    assert gz._division_point(towns, "Edge") == gz._box_middle([(t["latitude"], t["longitude"]) for t in towns])  # type: ignore[misc]


def test_real_divisions_sit_at_their_seat() -> None:
    (wardak,) = [e for e in lookup("Wardak") if e.feature_code == "ADM1"]
    assert abs(wardak.lat - 34.40) < 0.1 and abs(wardak.lon - 68.87) < 0.1  # Maidan Shar


def test_variant_lookup_finds_another_spelling_of_a_long_name() -> None:
    g = get_gazetteer()
    assert lookup("Jisr al-Shoghour") == [] and lookup("Beni Walid") == []  # no key matches these spellings
    assert {e.country for e in g.variant_lookup("Jisr al-Shoghour")} == {"SYR"}
    assert {e.country for e in g.variant_lookup("Beni Walid")} == {"LBY"}


def test_variant_lookup_leaves_short_names_alone() -> None:
    # one letter off a six-letter name is as often another name as a spelling of it
    assert get_gazetteer().variant_lookup("Idlibb") == []


def test_division_sharing_a_name_with_another_divisions_town_is_indexed() -> None:
    # Abyan's Jawf al Maqbabah is also called Al Jawf; Yemen's Al Jawf governorate is still tied
    assert ("YEM", "ADM1") in {(e.country, e.feature_code) for e in lookup("Al Jawf")}


def test_second_level_divisions_are_indexed_below_regions() -> None:
    # Burkina Faso's and the Philippines' provinces lie below their regions in ISO 3166-2.
    for name, country in (("Tapoa", "BFA"), ("Negros Oriental", "PHL"), ("Seno", "BFA")):
        provinces = [e for e in lookup(name) if e.feature_code == "ADM2" and e.country == country]
        assert len(provinces) == 1
        assert provinces[0].precision == "admin1" and provinces[0].admin1


def test_an_arab_town_is_found_without_its_article() -> None:
    assert [e.name for e in lookup("Qamishli") if e.country == "SYR"] == ["Al Qāmishlī"]
    assert not any(e.country == "USA" for e in lookup("Paso"))  # only where Arabic is spoken


def test_a_division_takes_its_chief_towns_spellings_of_its_name() -> None:
    assert any(e.feature_code == "ADM1" and e.country == "SYR" for e in lookup("Deraa"))
    assert not any(e.feature_code == "ADM1" for e in lookup("Aybak"))  # Samangan's seat: another name


def test_english_names_of_divisions_reach_them() -> None:
    assert [(e.country, e.feature_code) for e in lookup("Saladin")] == [("IRQ", "ADM1")]
    assert any(e.country == "LBY" and e.feature_code == "ADM1" for e in lookup("Almargeb"))


def test_divisions_tied_through_their_capital_answer_to_their_english_names() -> None:
    assert [(e.country, e.feature_code) for e in lookup("Metropolitana")] == [("CHL", "ADM1")]
    assert any(e.country == "VEN" and e.feature_code == "ADM1" for e in lookup("Vargas"))


def test_geonames_divisions_no_iso_division_took_are_indexed() -> None:
    # Madagascar's regions are GeoNames' first level, not ISO 3166-2's
    assert any(e.country == "MDG" and e.feature_code == "ADM1" for e in lookup("Sofia"))
    assert not any(e.feature_code == "ADM1" and e.country == "YEM" for e in lookup("Sanaa"))  # a stray split

from whimbrel.geo.normalize import bare_key, loose_key, name_key, skeleton_key, without_leading_article


def test_deir_ez_zor_spellings_share_a_loose_key() -> None:
    keys = {loose_key(n) for n in ("Deir el-Zor", "Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor")}
    assert keys == {"deir zor"}


def test_exact_key_folds_case_diacritics_hyphens_and_apostrophes() -> None:
    assert name_key("Hamadān") == "hamadan"
    assert name_key("Dar’ā") == name_key("Dar'a") == "dara"
    assert name_key("Deir ez-Zor") == "deir ez zor"


def test_article_is_kept_as_first_word() -> None:
    assert loose_key("El Paso") == "el paso"


def test_an_opening_arabic_article_word_can_be_dropped() -> None:
    assert without_leading_article(name_key("Ar Raqqah")) == "raqqah"
    assert without_leading_article(name_key("Tell al-Hamra")) == "tell al hamra"
    assert without_leading_article("al") == "al"


def test_spellings_of_one_arabic_name_share_a_skeleton() -> None:
    assert skeleton_key("Khan Shaykhun") == skeleton_key("Khan Sheikhoun")
    assert skeleton_key("Al-Bukamal") == skeleton_key("Abu Kamal")
    assert skeleton_key("Qamishli") == skeleton_key("Al Kamishli")


def test_bare_key_drops_articles_anywhere() -> None:
    assert bare_key("Jisr al-Shughour") == "jisr shughour"
    assert bare_key("Al Bab") == "bab"

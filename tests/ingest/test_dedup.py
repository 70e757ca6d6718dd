"""Near-duplicate detection: copies and light rewrites match, independent reports do not."""

from __future__ import annotations

from whimbrel.ingest.dedup import DuplicateIndex, from_bytes, signature, to_bytes

ORIGINAL = (
    "Government forces shelled rebel-held villages in the south of the province on Monday, killing at least "
    "nine civilians, according to a local monitoring group. The group said the bombardment destroyed a school "
    "and a clinic, and that hundreds of families had fled towards the border since the weekend. Officials in the "
    "capital did not respond to requests for comment, and the army said it was targeting militant positions."
)
REWRITE = ORIGINAL.replace("nine", "10").replace("Monday", "Monday night").replace("hundreds", "many hundreds")
INDEPENDENT = (
    "Villagers in the southern province described a night of heavy artillery fire. A monitoring group put the "
    "death toll at nine, while the army insisted its guns had only hit fighters' positions. Aid workers said "
    "displaced families were sleeping in fields near the frontier and that a clinic had been damaged."
)


def test_a_light_rewrite_is_found_and_an_independent_report_is_not() -> None:
    index = DuplicateIndex()
    index.add("original", signature(ORIGINAL))
    match = index.match(signature(REWRITE))
    assert match is not None and match.article_id == "original" and match.similarity > 0.6
    assert index.match(signature(INDEPENDENT)) is None


def test_an_article_never_matches_itself_by_id() -> None:
    index = DuplicateIndex()
    sig = signature(ORIGINAL)
    index.add("original", sig)
    assert index.match(sig, exclude="original") is None


def test_signatures_survive_the_round_trip_through_bytes() -> None:
    sig = signature(ORIGINAL)
    again = from_bytes(to_bytes(sig))
    assert sig.jaccard(again) == 1.0


def test_copies_and_rewrites_of_the_sample_are_found_and_nothing_else() -> None:
    from whimbrel.evaluation.bench import dedup_scores

    precision, recall, pairs = dedup_scores()
    assert pairs >= 30
    assert precision >= 0.95 and recall >= 0.95

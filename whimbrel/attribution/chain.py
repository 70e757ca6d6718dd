"""Stage 7: credit each event to its sentence's source and settle its final modality.

An event in a commentary or furniture sentence is the author's opinion or page chrome, not a
report, so it is dropped (or, with ``drop_commentary=False``, kept and marked). A reported
event (inside a speaker's words, or in a sentence with a speaker) is that speaker's claim; an
event the outlet states itself stays asserted; a standing state is background.
"""

from __future__ import annotations

import copy

from spacy.language import Language
from spacy.tokens import Doc

from whimbrel.nlp.extensions import EventMention, SentenceInfo, event_mentions_of, register_extensions, sentence_info

NOT_REPORTS = {"commentary", "furniture"}


class AttributionChainer:
    def __init__(self, nlp: Language, name: str = "whimbrel_attribution", drop_commentary: bool = True) -> None:
        register_extensions()
        self.name = name
        self.drop_commentary = drop_commentary

    def __call__(self, doc: Doc) -> Doc:
        kept = []
        for mention in event_mentions_of(doc):
            info = sentence_info(doc, mention.sent)
            credit(mention, info)
            if not (self.drop_commentary and info.kind in NOT_REPORTS):
                kept.append(mention)
        doc._.event_mentions = kept
        return doc


def credit(mention: EventMention, info: SentenceInfo) -> None:
    """Copy the sentence's attribution and kind onto ``mention`` and adjust its modality."""
    speaker_actor = mention.attribution.speaker_actor
    mention.attribution = copy.deepcopy(info.attribution)
    mention.attribution.speaker_actor = mention.attribution.speaker_actor or speaker_actor
    mention.sentence_kind = info.kind
    chain = mention.attribution.chain
    if mention.attribution.speaker is None and len(chain) > 1:
        # "Semi-official news agencies said ...": the last link of the chain makes the claim
        mention.attribution.speaker = chain[-1]
    if mention.modality != "asserted":
        return  # intended, threatened, denied ... are already more specific than "claimed"
    if info.kind == "background":
        mention.modality = "background"
    elif info.attribution.speaker is not None or _inside(mention.trigger.idx, info.reported_ranges):
        mention.modality = "claimed"


def _inside(offset: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in ranges)

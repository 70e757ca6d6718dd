"""Acts named as what another act is for: "share bases to fight terrorism", "share facilities in
the fight against ISIS", "set up a centre with the goal of coordinating the campaign", "sent
advisers in order to train the army", "responded by bombing the city".

Such an act is done, if at all, by the governing act's doer (subject control of purpose and
manner adjuncts), and it is not announced on its own: "X will share bases to fight terrorism" is
X's promise to share (CAMEO 03x); the fight is what the promise is for, not a threat (13x) made
to anyone. See :func:`governing_act`.
"""

from __future__ import annotations

from spacy.tokens import Token

#: Prepositions whose event noun is the frame or aim of the verb they hang from: "in the fight
#: against", "for the campaign against".
FRAME_PREPS = frozenset({"in", "for"})
#: Prepositions of manner whose gerund is done by the verb's doer: "responded by bombing". Others
#: are complements whose doer is the object ("accused X of violating", "arrested X for looting").
MANNER_PREPS = frozenset({"by", "through", "via"})
#: Nouns of aim: "with the goal of coordinating", "in order to fight", "with a view to ending".
AIM_NOUNS = frozenset({"goal", "aim", "purpose", "intention", "objective", "view", "order"})
VERB_POS = frozenset({"VERB", "AUX"})


def _is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _verb_over_aim(noun: Token) -> Token | None:
    """The verb an aim noun's preposition hangs from: "set up X *with the goal* of ...", "sent X
    *in order* to ..."."""
    prep = noun.head
    if noun.lemma_.lower() in AIM_NOUNS and noun.dep_ == "pobj" and prep.head.pos_ in VERB_POS:
        return prep.head
    return None


def governing_act(trigger: Token) -> Token | None:
    """The verb whose aim, frame or manner ``trigger`` names, or None when it names none."""
    head = trigger.head
    if head.i == trigger.i:
        return None
    if trigger.pos_ in VERB_POS:
        if trigger.dep_ == "advcl" and _is_infinitive(trigger) and head.pos_ in VERB_POS:
            return head  # "share bases to fight terrorism"
        if trigger.dep_ == "acl" and _is_infinitive(trigger):
            return _verb_over_aim(head)  # "in order to fight"
        if trigger.dep_ == "pcomp" and head.lower_ in MANNER_PREPS and head.head.pos_ in VERB_POS:
            return head.head  # "responded by bombing"
        if trigger.dep_ == "pcomp" and head.lower_ == "of":
            return _verb_over_aim(head.head)  # "with the goal of coordinating"
        return None
    if trigger.dep_ == "pobj" and head.lower_ in FRAME_PREPS and head.dep_ == "prep" and head.head.pos_ in VERB_POS:
        return head.head  # "share facilities in the fight against ISIS"
    return None

"""Casualty, arrest and crowd counts from the words around an event.

Numbers are read from the victims' noun phrase ("killed 12 civilians", "12 people were killed",
"killing at least 20", "between 30 and 40 people": lower bound 30, ``killed_max`` 40). Vague
counts take a documented lower bound: a dozen = 12, dozens = 24, scores = 40, hundreds = 200,
thousands = 2000, tens of thousands = 20000, hundreds of thousands = 200000. Only
casualty/arrest/abduction/displacement words and crowd nouns are counted, so "destroying five
depots" is never a casualty figure.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

#: lemma of the counting word -> quantity name
COUNTED_VERBS = {
    "kill": "killed",
    "die": "killed",
    "slay": "killed",
    "murder": "killed",
    "behead": "killed",
    "execute": "killed",
    "massacre": "killed",
    "injure": "injured",
    "wound": "injured",
    "hurt": "injured",
    "maim": "injured",
    "arrest": "arrested",
    "detain": "arrested",
    "apprehend": "arrested",
    "nab": "arrested",
    "jail": "arrested",
    "displace": "displaced",
    "flee": "displaced",
    "evacuate": "displaced",
    "kidnap": "kidnapped",
    "abduct": "kidnapped",
    "seize": "kidnapped",
}
#: violent verbs that count the killed when a death complement follows: "shot dead", "beaten to death"
LETHAL_VERBS = frozenset(
    {"shoot", "gun", "beat", "stab", "hack", "burn", "lynch", "club", "stone", "bludgeon", "torture"}
)
CROWD_NOUNS = frozenset({"protester", "demonstrator", "marcher", "rioter", "protestor"})
CASUALTY_NOUNS = {"dead": "killed", "death": "killed", "fatality": "killed", "injured": "injured", "wounded": "injured"}
WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
VAGUE_NUMBERS = {"dozen": 12, "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000}
MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1_000_000}


def number_value(token: Token) -> int | None:
    """The integer a number token stands for ("1,200", "twelve", "5"), with a following multiplier."""
    text = token.lower_.replace(",", "")
    value: float | None = None
    if re.fullmatch(r"\d+(\.\d+)?", text):
        value = float(text)
    elif text in WORD_NUMBERS:
        value = WORD_NUMBERS[text]
    elif "-" in text and all(p in WORD_NUMBERS for p in text.split("-")):
        value = sum(WORD_NUMBERS[p] for p in text.split("-"))
    if value is None:
        return None
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ in MULTIPLIERS and nxt.head == token.head:
        value *= MULTIPLIERS[nxt.lower_]
    return int(value)


def vague_value(token: Token) -> int | None:
    word = token.lower_
    if word == "tens" or word == "hundreds":
        after = token.doc[token.i + 1 : token.i + 3]
        if len(after) == 2 and after[0].lower_ == "of" and after[1].lower_ == "thousands":
            return 20_000 if word == "tens" else 200_000
    return VAGUE_NUMBERS.get(word)


def count_of(head: Token) -> tuple[int, int | None] | None:
    """(lower bound, upper bound or None) of the count carried by a victims' phrase headed by ``head``."""
    values = [v for t in _count_tokens(head) if (v := number_value(t) or vague_value(t)) is not None]
    if not values:
        return None
    low = values[0]
    is_range = len(values) > 1 and _has_range_word(head)
    return (min(values[:2]), max(values[:2])) if is_range else (low, None)


#: determiners that make a singular victim noun one person ("killed a soldier", "the man died")
ONE_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "another", "one", "each"})
#: singular personal pronouns as victims ("killing him")
ONE_PRONOUNS = frozenset({"he", "him", "she", "her"})
#: "both victims died", "the two men": a determiner that fixes the count of a plural
PLURAL_DETERMINERS = {"both": 2}


def singular_count(head: Token) -> int | None:
    """1 for one named or determined person ("a civilian", "her son", "him"), 2 for "both"; None
    otherwise. A quantity noun ("a number of civilians", "the body of a man") is no count."""
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return None
    if head.pos_ == "PRON":
        return 1 if head.lower_ in ONE_PRONOUNS else None
    determiners = {c.lower_ for c in head.children if c.dep_ in ("det", "predet", "poss")}
    if head.tag_ == "NNS":
        return next((PLURAL_DETERMINERS[d] for d in determiners if d in PLURAL_DETERMINERS), None)
    if head.tag_ == "NN" and (determiners & ONE_DETERMINERS or any(c.dep_ == "poss" for c in head.children)):
        return 1
    if head.tag_ == "NNP" and head.ent_type_ == "PERSON":
        return 1
    return None


def conjoined_count(head: Token) -> int | None:
    """A victims' phrase listing people ("a woman and her son"): the sum of its parts' counts,
    or None when any part has no count of its own."""
    parts = [head, *(c for c in head.conjuncts if c.i > head.i)]
    counts = [_part_count(p) for p in parts]
    return sum(c for c in counts if c is not None) if None not in counts else None


def _part_count(part: Token) -> int | None:
    found = count_of(part)
    return found[0] if found is not None and found[1] is None else singular_count(part)


def _count_tokens(head: Token) -> list[Token]:
    tokens = [head] if head.like_num or head.lower_ in VAGUE_NUMBERS or head.lower_ == "tens" else []
    for child in head.children:
        if child.dep_ in ("nummod", "quantmod", "amod", "compound", "conj") and (child.like_num or vague_value(child)):
            tokens.append(child)
            tokens.extend(c for c in child.children if c.dep_ in ("conj", "quantmod") and c.like_num)
    return sorted(set(tokens), key=lambda t: t.i)


def _has_range_word(head: Token) -> bool:
    words = {t.lower_ for t in head.subtree}
    return bool(words & {"between", "to", "-", "and"})


def victim_heads(word: Token) -> list[Token]:
    """The noun phrase(s) naming who was killed/arrested/... by a counting word."""
    has_object = any(c.dep_ == "dobj" for c in word.children)
    if word.dep_ in ("acl", "amod") and not has_object and word.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        return [word.head]
    deps = ("nsubjpass",) if any(c.dep_ == "auxpass" for c in word.children) else ("dobj",)
    # "two killed in police firing", "Five injured as bus overturns": a participle with no auxiliary
    # and no object is passive, though the parser calls its victims the subject
    if word.tag_ == "VBN" and not has_object and deps == ("dobj",):
        deps = ("nsubj",)
    if word.lemma_ in ("die", "flee"):
        deps = ("nsubj",)
    heads = [c for c in word.children if c.dep_ in deps or (c.dep_ == "nsubjpass")]
    return [h for h in heads if h.lower_ != "who"]


def is_lethal(word: Token) -> bool:
    """A violent verb whose complement says the victims died: "shot dead", "hacked to death"."""
    if word.pos_ != "VERB" or word.lemma_ not in LETHAL_VERBS:
        return False
    # "shot dead 98 rioters": the parser often hangs "dead" on the object
    if word.i + 1 < len(word.doc) and word.doc[word.i + 1].lower_ == "dead":
        return True
    for child in word.children:
        if child.lower_ == "dead" and child.dep_ in ("acomp", "oprd", "advmod", "xcomp", "amod", "dobj"):
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(c.lower_ == "death" for c in child.children):
            return True
    return False


def counts_near(word: Token) -> dict[str, int]:
    """Quantities stated by one counting word: its own kind, from its victims' phrase."""
    kind = COUNTED_VERBS.get(word.lemma_) if word.pos_ == "VERB" else CASUALTY_NOUNS.get(word.lemma_)
    if is_lethal(word):
        kind = "killed"
    if word.lemma_ in CROWD_NOUNS:
        kind = "protesters"
    if kind is None:
        return {}
    heads = [word] if word.pos_ != "VERB" else victim_heads(word)
    # "the death of a local man": the victims follow the casualty noun
    if word.pos_ != "VERB":
        heads += [
            c for p in word.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children if c.dep_ == "pobj"
        ]
    # "hundreds of protesters", "dozens of people were killed": the count heads the "of" phrase
    heads += [h.head.head for h in heads if h.dep_ == "pobj" and h.head.lower_ == "of"]
    for head in heads:
        found = count_of(head)
        if found is None and (head.lower_ in VAGUE_NUMBERS or head.lower_ == "tens"):
            found = (vague_value(head) or 0, None)
        # "one officer and two civilians": a list of victims adds up
        if (found is None or found[1] is None) and (people := conjoined_count(head)):
            found = (people, None)
        if found is None:
            continue
        low, high = found
        return {kind: low, f"{kind}_max": high} if high is not None else {kind: low}
    return {}


def is_counting_word(token: Token) -> bool:
    return (
        (token.pos_ == "VERB" and (token.lemma_ in COUNTED_VERBS or is_lethal(token)))
        or token.lemma_ in CROWD_NOUNS
        or (token.lemma_ in CASUALTY_NOUNS and token.pos_ in ("NOUN", "ADJ"))
    )

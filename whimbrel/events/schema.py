"""Pydantic schemas of the events stage's data files: trigger patterns and the CAMEO/PLOVER tables.

A pattern is checked against the code tables as it is validated, so a bad CAMEO code, a PLOVER
type that contradicts the CAMEO->PLOVER table or an unknown mode is reported by
:func:`whimbrel.data_files.load_models` with the file, line and pattern id.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from whimbrel.data_files import load_models

DATA_DIR = Path(__file__).parent / "data"

PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]

#: ACLED event types and their sub-event types (ACLED codebook facts).
ACLED_SUB_TYPES: dict[str, set[str]] = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Suicide bomb",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Chemical weapon",
    },
    "Violence against civilians": {"Attack", "Abduction/forced disappearance", "Sexual violence"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Arrests",
        "Agreement",
        "Headquarters or base established",
        "Looting/property destruction",
        "Disrupted weapons use",
        "Non-violent transfer of territory",
        "Change to group/activity",
        "Other",
    },
}

QuantityKind = Literal["killed", "injured", "arrested", "displaced", "kidnapped", "protesters"]


class CameoCode(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=r"^\d{3,4}$")
    name: str
    root: str = Field(pattern=r"^\d{2}$")


class CameoPlover(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cameo: str = Field(pattern=r"^\d{3,4}$")
    plover: PloverType
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    note: str | None = None


class PloverModes(BaseModel):
    model_config = ConfigDict(extra="forbid")
    plover: PloverType
    modes: list[str] = Field(default_factory=list)


@lru_cache(maxsize=1)
def cameo_names() -> dict[str, str]:
    """CAMEO code -> short name, from ``data/cameo_codes.yaml``."""
    return {c.code: c.name for c in load_models(DATA_DIR / "cameo_codes.yaml", CameoCode, id_field="code")}


@lru_cache(maxsize=1)
def cameo_to_plover() -> dict[str, CameoPlover]:
    """CAMEO code -> its PLOVER type/mode, from ``data/cameo_plover.yaml``."""
    return {m.cameo: m for m in load_models(DATA_DIR / "cameo_plover.yaml", CameoPlover, id_field="cameo")}


@lru_cache(maxsize=1)
def plover_modes() -> dict[str, set[str]]:
    """PLOVER type -> the modes the PLOVER codebook defines for it."""
    return {m.plover: set(m.modes) for m in load_models(DATA_DIR / "plover_modes.yaml", PloverModes, id_field="plover")}


class Acled(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event_type: str
    sub_event_type: str | None = None

    @model_validator(mode="after")
    def _known_acled_type(self) -> Acled:
        subs = ACLED_SUB_TYPES.get(self.event_type)
        if subs is None:
            raise ValueError(f"unknown ACLED event_type '{self.event_type}'; use one of {sorted(ACLED_SUB_TYPES)}")
        if self.sub_event_type is not None and self.sub_event_type not in subs:
            raise ValueError(f"'{self.sub_event_type}' is not a sub-event type of '{self.event_type}': {sorted(subs)}")
        return self


#: Role relations a pattern may name. ``prep:X`` is a preposition X whose object is the actor;
#: ``acl:dobj`` is the object of a verb modifying a noun trigger ("raids targeting ISIS").
ROLE_RELATIONS = {"nsubj", "nsubjpass", "agent", "dobj", "dative", "poss", "compound", "amod", "acl:dobj", "between"}

DEFAULT_SOURCE_ROLES = ["nsubj", "agent", "poss", "compound", "amod"]
DEFAULT_TARGET_ROLES = ["dobj", "nsubjpass", "prep:against", "prep:on", "prep:at", "acl:dobj"]


class Roles(BaseModel):
    """Which dependency relations of the trigger give the source and the target actor."""

    model_config = ConfigDict(extra="forbid")
    source: list[str] = Field(default_factory=lambda: list(DEFAULT_SOURCE_ROLES))
    target: list[str] = Field(default_factory=lambda: list(DEFAULT_TARGET_ROLES))
    # meet/talk/sign: "X and Y met" -> X source, Y target; "a meeting between X and Y" likewise
    reciprocal: bool = False

    @field_validator("source", "target")
    @classmethod
    def _known_relations(cls, value: list[str]) -> list[str]:
        bad = [r for r in value if r not in ROLE_RELATIONS and not r.startswith("prep:")]
        if bad:
            raise ValueError(f"unknown role relation(s) {bad}; use {sorted(ROLE_RELATIONS)} or prep:<word>")
        return value


PartOfSpeech = Literal["VERB", "NOUN", "ADJ"]


class TriggerPattern(BaseModel):
    """One trigger pattern: cue words -> CAMEO/PLOVER/ACLED type, with role and context rules."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9_.\-]+$")
    # Each cue is a lemma ("strike") or a contiguous phrase of lemmas ("open fire", "carry out raid");
    # the trigger token of a phrase is its syntactic head.
    lemmas: list[str] = Field(min_length=1)
    pos: list[PartOfSpeech] = Field(default_factory=lambda: list[PartOfSpeech](["VERB", "NOUN"]))
    # at least one of these lemmas must occur in the sentence (e.g. aerial cues for air strikes)
    requires: list[str] = Field(default_factory=list)
    # none of these lemmas may occur in the sentence
    excludes: list[str] = Field(default_factory=list)
    # none of these lemmas may be the trigger's head or one of its own arguments (subject, object,
    # modifier, a preposition's object): "shot a film" and "killed the bill" are no violence, while
    # "was shot while filming" and "killed at a time when" are
    excludes_near: list[str] = Field(default_factory=list)
    # every one of these words or phrases must occur in the sentence before (``before``) or after
    # (``after``) the trigger, in the order listed: a verb's object or preposition ("restore ...
    # diplomatic ties", "call ... for"). Matched on lemmas or on the words as written.
    before: list[str] = Field(default_factory=list)
    after: list[str] = Field(default_factory=list)
    # the match is dropped when the cause of the event (active subject, passive agent, or the
    # object of "in/by/from/after/during") is one of these lemmas: "the earthquake killed 20"
    excluded_causes: list[str] = Field(default_factory=list)
    cameo: str
    plover: PloverType
    plover_mode: str | None = None
    acled: Acled | None = None
    roles: Roles = Field(default_factory=Roles)
    # casualty words (kill, injure): when their cause is another trigger in the sentence ("an air
    # strike killed 12") they are not an event of their own; their count goes to that trigger.
    merge_into_cause: bool = False
    # numbers attached to the trigger's victims are counted as this quantity
    quantity: QuantityKind | None = None
    # the dictionary's own event code when it is not the CAMEO code (a user's private or WEIS-style
    # code, such as those of converted PETRARCH dictionaries); ``cameo`` keeps the nearest CAMEO code
    code: str | None = Field(default=None, pattern=r"^[0-9A-Za-z]{1,8}$")
    # the code of the same event read from the target's side (PETRARCH's ``[032:033]``: X visits Y,
    # so Y hosts X): each event with a source and a target also gives one from the target to the
    # source with this code. With ``roles.reciprocal`` "X and Y met" gives X->Y and Y->X.
    reverse: str | None = Field(default=None, pattern=r"^[0-9A-Za-z]{1,8}$")

    @field_validator("lemmas", "requires", "excludes", "excludes_near", "excluded_causes", "before", "after")
    @classmethod
    def _lowercase(cls, value: list[str]) -> list[str]:
        return [v.strip().lower() for v in value]

    @field_validator("cameo")
    @classmethod
    def _known_cameo(cls, value: str) -> str:
        if value not in cameo_names():
            raise ValueError(f"unknown CAMEO code '{value}' (not in whimbrel/events/data/cameo_codes.yaml)")
        if value not in cameo_to_plover():
            raise ValueError(f"CAMEO code '{value}' has no PLOVER mapping (CAMEO 01 statements are not coded)")
        return value

    @model_validator(mode="after")
    def _consistent_with_tables(self) -> TriggerPattern:
        mapped = cameo_to_plover()[self.cameo]
        if mapped.plover != self.plover:
            raise ValueError(f"CAMEO {self.cameo} maps to PLOVER {mapped.plover}, not {self.plover}")
        if self.plover_mode is not None and self.plover_mode not in plover_modes().get(self.plover, set()):
            known = sorted(plover_modes().get(self.plover, set()))
            raise ValueError(f"'{self.plover_mode}' is not a PLOVER mode of {self.plover}: {known}")
        if self.reverse is not None and self.reverse != self.event_code and self.reverse not in cameo_to_plover():
            raise ValueError(
                f"reverse code '{self.reverse}' is neither a CAMEO code with a PLOVER type nor the pattern's own code"
            )
        return self

    @property
    def reverse_plover(self) -> PloverType:
        """The PLOVER type of the reversed event: that of its CAMEO code, else the pattern's own."""
        mapped = cameo_to_plover().get(self.reverse or "")
        return mapped.plover if mapped else self.plover

    @property
    def specificity(self) -> int:
        """How narrow the pattern is; the most specific pattern wins a trigger matched by several."""
        longest_cue = max(len(cue.split()) for cue in self.lemmas)
        # each word a pattern pins around its trigger narrows it as much as a word of its cue
        pinned = sum(len(phrase.split()) for phrase in (*self.before, *self.after))
        return 2 * bool(self.requires) + longest_cue + pinned + (1 if len(self.pos) == 1 else 0)

    @property
    def event_code(self) -> str:
        """The code the dictionary gives the event: its own ``code``, else the CAMEO code."""
        return self.code or self.cameo

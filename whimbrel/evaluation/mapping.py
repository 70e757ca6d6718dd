"""Label equivalences between whimbrel's output and the vocabularies of the gold sets.

These tables are facts about label meaning, not tuning: each side's definition is named where
it comes from. Anything not listed has no equivalent and is scored as wrong.

* CASE 2021 task 2 (``event_types_note.txt``): its "seen" labels are ACLED sub-event types
  written as upper-case tags; its "unseen" labels add crime, disasters, diplomacy and
  attribution of responsibility.
* PLOVER: the gold standard records were coded with PLOVER draft 0.5/0.6, whose categories
  FIGHT, DEMAND, DISAPPROVE and INVESTIGATE were folded into ASSAULT, REQUEST and ACCUSE by the
  2021 CAMEO-to-PLOVER table (draft 0.8) that whimbrel follows. Both sides are normalised to
  the 2021 set before comparing.
"""

from __future__ import annotations

from whimbrel.model import Event

#: The CASE label for "whimbrel coded no event". It equals no gold label.
CASE_NONE = "NONE"

#: CASE labels for happenings that are not political events: predicting nothing is right for them.
CASE_NON_EVENTS = frozenset({"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"})

#: ACLED sub-event type (ACLED codebook 2019 names) -> CASE 2021 task 2 tag.
ACLED_SUB_TO_CASE: dict[str, str] = {
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Agreement": "AGREEMENT",
    "Air/drone strike": "AIR_STRIKE",
    "Armed clash": "ARMED_CLASH",
    "Arrests": "ARREST",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Attack": "ATTACK",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Chemical weapon": "CHEM_WEAP",
    "Disrupted weapons use": "DISR_WEAP",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Grenade": "GRENADE",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Mob violence": "MOB_VIOL",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
    "Peaceful protest": "PEACE_PROTEST",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Sexual violence": "SEX_VIOL",
    "Suicide bomb": "SUIC_BOMB",
    "Violent demonstration": "VIOL_DEMONSTR",
}

#: PLOVER (2021) categories of state-to-state talk and pressure: CASE's DIPLO when ACLED has no type.
DIPLOMATIC_PLOVER = frozenset(
    {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "SANCTION",
    }
)

#: PLOVER (2021) categories of physical action; the rest (talk, demands, threats) are verbal.
MATERIAL_PLOVER = frozenset(
    {"COOPERATE", "AID", "RETREAT", "CONCEDE", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "PROTEST"}
)

#: CAMEO root 16 is "Reduce relations": sanctions, embargoes, expulsions, severed ties. PLOVER 2021
#: moved one of its codes (163, impose sanctions) to COERCE, but the act stays state-to-state
#: pressure, i.e. CASE's DIPLO, whatever PLOVER type carries it.
REDUCE_RELATIONS_CAMEO_ROOT = "16"

#: CAMEO 112x is "Accuse": naming who is responsible, which is CASE's ATTRIB.
ATTRIBUTION_CAMEO_PREFIX = "112"

#: PLOVER draft 0.5/0.6 category -> its PLOVER 2021 successor (CAMEO2PLOVER-2021.txt).
PLOVER_DRAFT_TO_2021: dict[str, str] = {
    "FIGHT": "ASSAULT",
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
}

#: Old CAMEO country codes that the PLOVER gold records still use, -> ISO 3166 alpha-3.
LEGACY_COUNTRY_CODES: dict[str, str] = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

#: Prefixes of CAMEO/Phoenix actor codes for actors that belong to no single country.
TRANSNATIONAL_CODE_PREFIXES = ("IGO", "NGO", "IMG", "ISM")


def normalize_plover(label: str | None) -> str | None:
    """A PLOVER label in the 2021 vocabulary (draft names translated, case folded)."""
    if not label:
        return None
    upper = label.strip().upper()
    return PLOVER_DRAFT_TO_2021.get(upper, upper)


def case_label(event: Event | None) -> str:
    """The CASE 2021 tag for whimbrel's main event of a snippet (``NONE`` when there is none)."""
    if event is None:
        return CASE_NONE
    if event.acled_sub_event_type in ACLED_SUB_TO_CASE:
        return ACLED_SUB_TO_CASE[event.acled_sub_event_type]
    if event.cameo.startswith(ATTRIBUTION_CAMEO_PREFIX):
        return "ATTRIB"
    if normalize_plover(event.plover) in DIPLOMATIC_PLOVER or event.cameo.startswith(REDUCE_RELATIONS_CAMEO_ROOT):
        return "DIPLO"
    return CASE_NONE

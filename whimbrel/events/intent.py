"""What an announced, not yet done, action is coded as: a promise (AGREE) or a threat (THREATEN);
and what a concession said not to be made is coded as: a refusal (REJECT).

CAMEO codes a statement of what an actor will do by what the statement is, not by the action it
announces: "Portugal will support Turkey's bid" is 032 *express intent to engage in diplomatic
cooperation*, "Nigeria will withdraw its peacekeepers unless ..." is 136 *threaten to halt
international involvement*. The PLOVER codebook says the same: AGREE covers offers, promises and
"willingness or commitment to cooperate", THREATEN covers warnings of coercion or force. So an
event whose modality is ``intended`` takes the CAMEO 03x (cooperative actions) or 13x (coercive
ones) code that CAMEO defines for it; the tables below follow the CAMEO code list (cooperative
roots 04-08 -> 03x, conflictual roots 14 and 16-20 -> 13x). Mobilising (15) and verbal roots
(01, 02, 09-13) have no promise or threat counterpart and keep their code. Likewise a negated
concession ("X will not release the prisoners", "would not meet the demands") is CAMEO's 12x
refusal to yield, which the PLOVER codebook puts under REJECT.
"""

from __future__ import annotations

#: CAMEO code prefix of a cooperative action -> "express intent to" code (most specific prefix wins).
PROMISE_CODES: dict[str, str] = {
    "04": "036",  # consult: intent to meet or negotiate
    "05": "032",  # diplomatic cooperation
    "057": "030",  # sign an agreement: promises to sign are AGREE's own core
    "06": "031",  # material cooperation
    "061": "0311",
    "062": "0312",
    "063": "0313",
    "064": "0314",
    "07": "033",  # aid
    "071": "0331",
    "072": "0332",
    "073": "0333",
    "074": "0334",
    "08": "035",  # yield
    "081": "0351",
    "082": "0352",
    "083": "034",
    "0831": "0341",
    "0832": "0342",
    "0833": "0343",
    "0834": "0344",
    "084": "0353",
    "085": "0354",
    "086": "0355",
    "087": "0356",
}

#: CAMEO code prefix of a coercive action -> "threaten to" code (most specific prefix wins).
THREAT_CODES: dict[str, str] = {
    "14": "133",  # protest, boycott: threaten with political dissent
    "16": "131",  # reduce relations
    "160": "1313",
    "161": "1313",
    "162": "1311",
    "163": "1312",
    "164": "134",
    "165": "135",
    "166": "136",
    "17": "137",  # coerce: repression
    "172": "132",
    "1721": "1321",
    "1722": "1322",
    "1723": "1323",
    "1724": "1324",
    "18": "1383",  # unconventional violence
    "19": "1384",  # conventional military force
    "191": "1381",
    "192": "1382",
    "20": "1383",  # mass violence
}


#: CAMEO code prefix of yielding (root 08) -> its "refuse to yield" counterpart (root 12): "X will not
#: release the prisoners" is 1243 *refuse to release persons or property*, "would not meet the
#: demands" 124 *refuse to yield* (the CAMEO code list's 123x and 124x).
REFUSAL_CODES: dict[str, str] = {
    "08": "124",
    "081": "1241",
    "082": "1242",
    "083": "123",
    "0831": "1231",
    "0832": "1232",
    "0833": "1233",
    "0834": "1234",
    "084": "1243",
    "085": "1244",
    "086": "1245",
    "087": "1246",
}


def _lookup(cameo: str, table: dict[str, str]) -> str | None:
    for length in range(len(cameo), 1, -1):
        code = table.get(cameo[:length])
        if code is not None:
            return code
    return None


def announced_code(cameo: str) -> str | None:
    """The CAMEO code of announcing the action ``cameo`` (a promise or a threat), or None when CAMEO
    has none for it."""
    return _lookup(cameo, PROMISE_CODES) or _lookup(cameo, THREAT_CODES)


def refused_code(cameo: str) -> str | None:
    """The CAMEO code of refusing the concession ``cameo`` (a rejection), or None when it is none."""
    return _lookup(cameo, REFUSAL_CODES)

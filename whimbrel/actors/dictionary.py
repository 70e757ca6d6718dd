"""The actor dictionaries as validated data: countries, IGOs/NGOs, groups, sectors, titles, office-holders.

Each family lives in its own YAML file under ``whimbrel/actors/data``. Users add or override entries
by id with their own YAML files (a list, or the ``actors:`` key of a combined dictionary file, see
docs/dictionaries.md), whose entries say which family they belong to with ``kind``::

    - kind: group
      id: FREEDONIA_LIBERATION_FRONT
      name: Freedonia Liberation Front
      aliases: [FLF]
      country: FRE
      agent: REB

Code scheme (see :func:`whimbrel.actors.resolver.actor_code`): a state actor's code is its ISO
alpha-3 code followed by its sector (``RUSMIL``, ``IRNGOV``, or just ``USA``); an IGO or NGO's
code is its id (``NATO``, ``UNHCR``, ``MSF``); a named group's code is its id (``ISIS``,
``NUSRA``) while ``country`` keeps its home state and ``agent`` its type.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

from whimbrel.data_files import dump_models, load_models

DATA_DIR = Path(__file__).resolve().parent / "data"

SectorCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
Role = Literal["HOS", "HOG", "DEF", "FOR"]

#: The sector an office-holder's actor gets: CAMEO files defence ministries under the military.
ROLE_AGENT: dict[str, str] = {"HOS": "GOV", "HOG": "GOV", "DEF": "MIL", "FOR": "GOV"}


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Seat(_Entry):
    """A place or building that stands for a state's institution ("the Pentagon" -> USA MIL).

    Also any other name that stands for the state, or one of its sectors, for a while only:
    ``start``/``end`` bound the dates on which the name means this (a dated actor code, as in
    PETRARCH dictionaries); ``agent: null`` means the state as a whole.
    """

    name: str = Field(min_length=1)
    agent: SectorCode | None = "GOV"
    start: date | None = None
    end: date | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> Seat:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class CountryEntry(_Entry):
    kind: Literal["country"] = "country"
    id: CountryCode
    name: str = Field(min_length=1)
    aliases: list[str] = []
    demonyms: list[str] = []
    seats: list[Seat] = []


class OrgEntry(_Entry):
    """An IGO, an NGO or a named non-state group (armed group, party, movement)."""

    kind: Literal["igo", "ngo", "group"]
    id: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]*$")]
    name: str = Field(min_length=1)
    aliases: list[str] = []
    country: CountryCode | None = None  # home state of a group; None for IGOs and global groups
    agent: SectorCode
    code: str | None = None  # actor code when not the id: a state's own force (IRGC -> IRNMIL)


class SectorEntry(_Entry):
    """Words naming a sector: ``troops``, ``army`` -> MIL. Plurals are added automatically."""

    kind: Literal["sector"] = "sector"
    id: SectorCode
    name: str = Field(min_length=1)
    words: list[str] = Field(min_length=1)


class TitleEntry(_Entry):
    """Ways of naming one office ("defence minister", "secretary of defense" -> defense minister)."""

    kind: Literal["title"] = "title"
    id: str = Field(min_length=1)  # the canonical title used by office-holder entries
    words: list[str] = Field(min_length=1)


class OfficeTerm(_Entry):
    """One person's term in one office of one state."""

    kind: Literal["office"] = "office"
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    aliases: list[str] = []
    country: CountryCode
    role: Role
    title: str | None = None  # canonical title; None means the role's usual one (see TITLE_OF_ROLE)
    start: date
    end: date | None = None  # None: still in office

    @model_validator(mode="after")
    def _ends_after_start(self) -> OfficeTerm:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    @property
    def canonical_title(self) -> str:
        return self.title or TITLE_OF_ROLE[self.role]

    def holds_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


TITLE_OF_ROLE: dict[str, str] = {
    "HOS": "president",
    "HOG": "prime minister",
    "DEF": "defense minister",
    "FOR": "foreign minister",
}

AnyEntry = CountryEntry | OrgEntry | SectorEntry | TitleEntry | OfficeTerm


class UserEntry(RootModel[Annotated[AnyEntry, Field(discriminator="kind")]]):
    """An entry of a user's dictionary file: any family, told apart by ``kind``."""


@dataclass(slots=True)
class ActorDictionary:
    """Every family keyed by id, so a later file overrides an earlier entry with the same id."""

    countries: dict[str, CountryEntry] = field(default_factory=dict)
    orgs: dict[str, OrgEntry] = field(default_factory=dict)
    sectors: dict[str, SectorEntry] = field(default_factory=dict)
    titles: dict[str, TitleEntry] = field(default_factory=dict)
    offices: dict[str, OfficeTerm] = field(default_factory=dict)

    def add(self, entry: AnyEntry) -> None:
        family: dict[str, AnyEntry] = {  # type: ignore[assignment]
            "country": self.countries,
            "igo": self.orgs,
            "ngo": self.orgs,
            "group": self.orgs,
            "sector": self.sectors,
            "title": self.titles,
            "office": self.offices,
        }[entry.kind]
        family[entry.id] = entry

    def terms_of(self, country: str, title: str) -> list[OfficeTerm]:
        return [t for t in self.offices.values() if t.country == country and t.canonical_title == title]


#: The built-in files and the model each one holds, in load order.
BUILTIN_FILES: dict[str, type[_Entry]] = {
    "countries.yaml": CountryEntry,
    "igos.yaml": OrgEntry,
    "groups.yaml": OrgEntry,
    "sectors.yaml": SectorEntry,
    "titles.yaml": TitleEntry,
    "office_holders.yaml": OfficeTerm,
}


def load_dictionaries(
    extra_files: Iterable[str | Path] = (), data_dir: Path = DATA_DIR, include_builtin: bool = True
) -> ActorDictionary:
    """The built-in dictionaries, then each user file in order (its entries win by id). Without
    ``include_builtin`` only the user files are read (a user's dictionary replacing whimbrel's)."""
    dictionary = ActorDictionary()
    for filename, model in BUILTIN_FILES.items() if include_builtin else ():
        for entry in load_models(data_dir / filename, model):
            dictionary.add(entry)  # type: ignore[arg-type]
    for path in extra_files:
        for user_entry in load_models(Path(path), UserEntry, section="actors"):
            dictionary.add(user_entry.root)
    return dictionary


def dump_dictionaries(dictionary: ActorDictionary, out_dir: Path) -> list[Path]:
    """Write the dictionary as the built-in file layout (one file per family); returns the files.

    IGOs/NGOs and groups share the id space; they go to ``igos.yaml`` and ``groups.yaml`` by kind.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    orgs = list(dictionary.orgs.values())
    families: dict[str, list[_Entry]] = {
        "countries.yaml": list(dictionary.countries.values()),
        "igos.yaml": [o for o in orgs if o.kind != "group"],
        "groups.yaml": [o for o in orgs if o.kind == "group"],
        "sectors.yaml": list(dictionary.sectors.values()),
        "titles.yaml": list(dictionary.titles.values()),
        "office_holders.yaml": list(dictionary.offices.values()),
    }
    written = []
    for filename, entries in families.items():
        path = out_dir / filename
        dump_models(path, entries)
        written.append(path)
    return written

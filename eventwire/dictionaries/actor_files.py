"""PETRARCH actor files (Countries, International, MilNonState) and the agents file -> compiled rows."""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from .formats import Repairs, display, map_code, parse_date, settings, tokens

log = logging.getLogger(__name__)

_ROLE = re.compile(r"\[([^\]]*)\]")
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")


# ---------------------------------------------------------------------------- actors
@dataclass
class Role:
    code: str
    start: str | None = None
    end: str | None = None
    dated: bool = False


@dataclass
class ActorEntry:
    name: str
    forms: list[str]
    roles: list[Role]
    source: str
    person_hint: bool = False


def _roles_in(text: str, repairs: Repairs, where: str) -> list[Role]:
    out = []
    for raw in _ROLE.findall(text):
        parts = raw.split()
        if not parts or parts[0] == "---":
            continue
        code, spec = parts[0], "".join(parts[1:])
        role = Role(code)
        if spec:
            role.dated = True
            if spec.startswith(">"):
                role.start = parse_date(spec[1:], repairs, where)
                if role.start is None:
                    continue
            elif spec.startswith("<"):
                role.end = parse_date(spec[1:], repairs, where)
                if role.end is None:
                    continue
            elif "-" in spec:
                a, b = spec.split("-", 1)
                role.start, role.end = parse_date(a, repairs, where), parse_date(b, repairs, where)
                if role.start is None or role.end is None:
                    continue
            else:
                parse_date(spec, repairs, where)
                continue
        out.append(role)
    return out


def read_actor_file(path: Path, repairs: Repairs) -> list[ActorEntry]:
    """Entries of a PETRARCH actor file: primary line, ``+`` synonyms, role lines (or roles on the name line)."""
    entries: list[ActorEntry] = []
    cur: ActorEntry | None = None
    for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        comment = line.find("#")
        note = line[comment:] if comment >= 0 else ""
        body = line[:comment] if comment >= 0 else line
        if not body.strip():
            continue
        where = f"{path.name}:{n}"
        stripped = body.strip()
        if stripped.startswith("["):  # a role line of the current entry
            if cur is not None:
                cur.roles.extend(_roles_in(stripped, repairs, where))
            continue
        name_part = stripped.split("[", 1)[0].strip()
        roles = _roles_in(stripped, repairs, where)
        if stripped.startswith("+"):
            if cur is not None and name_part[1:].strip("_ "):
                cur.forms.append(display(name_part[1:]))
                cur.roles.extend(roles)
            continue
        if not name_part.strip("_ "):
            repairs.skipped_lines += 1
            continue
        cur = ActorEntry(display(name_part), [display(name_part)], roles, path.name, "CountryInfo" in note)
        entries.append(cur)
    return entries


def close_open_roles(entries: list[ActorEntry], repairs: Repairs) -> None:
    """An open-ended role ``>date`` ends the day before the next later open-ended holder of the same code."""
    starts: dict[str, list[tuple[str, int]]] = {}
    for k, e in enumerate(entries):
        for r in e.roles:
            if r.start and not r.end:
                starts.setdefault(r.code, []).append((r.start, k))
    for k, e in enumerate(entries):
        for r in e.roles:
            if not (r.start and not r.end):
                continue
            later = sorted(s for s, other in starts[r.code] if s > r.start and other != k)
            if later:
                r.end = (dt.date.fromisoformat(later[0]) - dt.timedelta(days=1)).isoformat()
                repairs.closed_roles += 1


def actor_rows(entries: list[ActorEntry], repairs: Repairs) -> list[tuple[str, ...]]:
    rows = []
    for e in entries:
        if not e.roles:
            repairs.skipped_entries += 1
            continue
        mapped = [(r, *map_code(r.code)) for r in e.roles]
        dated = [m for m in mapped if m[0].dated]
        person = e.person_hint or (bool(dated) and e.source != "Phoenix.MilNonState.actors.txt")
        first_country = next((c for _, c, _ in mapped if c), None)
        if person:
            kind = "person"
        elif all(s is None for _, _, s in mapped) and first_country and first_country not in settings()["international"].values() \
                and first_country not in ("UNO", "EUR"):
            kind = "place"
        else:
            kind = "org"
        if kind != "person" and first_country is None and all(s is None for _, _, s in mapped):
            repairs.skipped_entries += 1
            continue
        forms: list[str] = []
        surnames: list[str] = []
        last = tokens(e.name).split()[-1] if e.name else ""
        for f in e.forms:
            t = tokens(f)
            if not t:
                continue
            if person and " " not in t and t == last and len(tokens(e.name).split()) > 1:
                if t not in surnames:
                    surnames.append(t)
            elif t not in forms:
                forms.append(t)
        roles = []
        for r, country, sector in [*dated, *[m for m in mapped if not m[0].dated]]:
            roles.append(f"{country or ''},{sector or ''},{r.start or ''},{r.end or ''}")
        rows.append((kind, e.name, "|".join(forms), "|".join(surnames), ";".join(roles), e.source))
    return rows


# ---------------------------------------------------------------------------- agents
def _plural(word: str) -> str:
    w = word.lower()
    if w.endswith("man"):
        return w[:-3] + "men"
    if re.search(r"[^aeiou]y$", w):
        return w[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", w):
        return w + "es"
    return w + "s"


def agent_rows(path: Path, repairs: Repairs) -> list[tuple[str, ...]]:
    """``PHRASE {PLURALS} [~CODE]`` -> forms (singular and plural), sector, country (NGO for NGO agents)."""
    out: dict[str, tuple[str, str, str]] = {}
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    subs = {k: [w.lower() for w in v] for k, v in settings()["agent_substitutions"].items()}
    for line in lines:  # "!MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES": the file's own substitutions
        m = re.match(r"^!([A-Z]+)!\s*=\s*(.+)$", line.split("#", 1)[0].strip())
        if m:
            subs[m.group(1)] = [w.strip().lower() for w in m.group(2).split(",") if w.strip()]
    for line in lines:
        body = line.split("#", 1)[0].strip()
        m = re.match(r"^([^\[{=]+?)\s*(\{[^}]*\})?\s*\[~?([A-Z]+)\]", body)
        if not m:
            if body and not body.startswith("!"):
                repairs.skipped_lines += 1
            continue
        code = m.group(3)
        country, sector = map_code("XXX" + code) if code[:3] not in settings()["international"] else map_code(code)
        if sector is None and country is None:
            continue
        sub = re.search(r"!([A-Z]+)!", m.group(1))
        if sub:  # "FOREIGN_!MINIST!" -> foreign minister(s), ministry ...; "FIRE!PERSON!" -> fireman, firemen ...
            stem = display(m.group(1).replace(sub.group(0), "\x00")).lower()
            variants = [stem.replace("\x00", w) for w in subs.get(sub.group(1), [])]
            if not variants:
                repairs.skipped_lines += 1
                continue
            words, plurals = variants[0], variants[1:]
        else:
            words = display(m.group(1)).lower()
            plurals = [display(p).lower() for p in m.group(2)[1:-1].split()] if m.group(2) else []
            if not plurals:
                head, _, tail = words.rpartition(" ")
                plurals = [f"{head} {_plural(tail)}".strip()]
        if not words:
            continue
        forms = [tokens(words), *(tokens(p) for p in plurals)]
        key = forms[0]
        if key not in out:
            out[key] = ("|".join(dict.fromkeys(f for f in forms if f)), sector or "", country or "")
    return sorted(out.values())

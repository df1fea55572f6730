"""Compile the field's dictionaries (PETRARCH2 / Phoenix, CAMEO->PLOVER) into eventwire's own tables.

    report = build(source="../shared/data/dictionaries", out=None)   # out: the package's compiled/ folder

Reads the formats of PETRARCH2's ``docs/source/dictionaries.rst`` (see ``../shared/data/dictionaries/README.md``)
and writes compact, deterministic, gzip-compressed TSV tables (fixed gzip header, sorted rows), so that a
rebuild from the same sources gives byte-identical files:

* ``actors.tsv.gz``   kind, name, forms, surnames, roles, source - one row per actor entry
* ``agents.tsv.gz``   forms, sector, country - generic agent nouns ("riot police" COP)
* ``verbs.tsv.gz``    verbs, subject, particle, object, prep, pobj, cameo, type, mode - dependency matchers
* ``discards.tsv.gz`` words, scope - phrases that mark a sentence or a story as not political news
* ``manifest.json``   version, source files with their SHA-256, row counts and the repairs made

Every decision the sources leave open is data in ``cameo.yml``.  Repairs of the known defects: malformed
dates are dropped (logged as warnings and listed in the manifest); an open-ended role (``>date``) is closed
the day before a later open-ended holder of the same office code starts; entries without any code are skipped.
"""
from __future__ import annotations

import datetime as dt
import functools
import gzip
import hashlib
import io
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
HERE = Path(__file__).parent
COMPILED = HERE / "compiled"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
SOURCES = (*ACTOR_FILES, "Phoenix.agents.txt", "CAMEO.2.0.txt", "Phoenix.discards.txt", "CAMEO2PLOVER-2021.txt")

_ROLE = re.compile(r"\[([^\]]*)\]")
_DATE = re.compile(r"^\d{6}$|^\d{8}$")
_COMMENT_DATE = re.compile(r"^[A-Z]{2,4}\s+\d{1,2}\s+[A-Z]{3}\s+\d{4}$|^\d{4}$")  # "MJ 18 APR 2006" lines


@functools.cache
def settings() -> dict:
    with (HERE / "cameo.yml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@functools.cache
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def tokens(text: str) -> str:
    """The lower-cased spaCy tokens of ``text``, space-joined (how a compiled form is matched)."""
    return " ".join(t.lower_ for t in _tokenizer()(text) if not t.is_space)


def display(phrase: str) -> str:
    """``BARACK_OBAMA_`` -> ``Barack Obama``; a leading ``THE_`` is dropped (the resolver reads determiners)."""
    words = [w for w in phrase.strip().strip("_").split("_") if w]
    if len(words) > 1 and words[0].upper() == "THE":
        words = words[1:]
    return " ".join(w if any(c.islower() for c in w) else w.title() for w in words)


# ---------------------------------------------------------------------------- dates and codes
@dataclass
class Repairs:
    malformed_dates: list[str] = field(default_factory=list)
    closed_roles: int = 0
    skipped_entries: int = 0
    skipped_lines: int = 0


def parse_date(raw: str, repairs: Repairs, where: str) -> str | None:
    """``YYYYMMDD`` / ``YYMMDD`` -> ``YYYY-MM-DD`` (two-digit years 00-30 are 20YY); malformed -> None + warning."""
    raw = raw.strip()
    if _DATE.match(raw):
        if len(raw) == 6:
            yy = int(raw[:2])
            raw = f"{2000 + yy if yy <= 30 else 1900 + yy}{raw[2:]}"
        try:
            return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8])).isoformat()
        except ValueError:
            pass
    log.warning("dictionaries: malformed date %r dropped (%s)", raw, where)
    repairs.malformed_dates.append(f"{raw} ({where})")
    return None


def map_code(code: str) -> tuple[str | None, str | None]:
    """A CAMEO actor code -> (contract country code, PLOVER sector)."""
    cfg = settings()
    code = code.strip().upper()
    head, rest = code[:3], code[3:]
    country: str | None
    if head in cfg["international"]:
        country = cfg["international"][head]
        if head == "IGO":
            country = next((v for k, v in cfg["igo_subcodes"].items() if rest.startswith(k)), "IGO")
        return country, cfg["international_sectors"].get(head)  # what follows names the body, not a sector
    elif head in cfg["sectors"] and len(code) == 3:  # "[ELI]", "[GOV]": a role without a country
        return None, cfg["sectors"][head] or None
    elif head in cfg["regions"]:
        country = head
    elif head in cfg["countries"]:
        country = cfg["countries"][head]
    elif head in _iso_codes():
        country = head
    else:
        country = None
    sector = None
    for i in range(0, len(rest), 3):
        part = rest[i:i + 3]
        if part in cfg["sectors"]:
            sector = cfg["sectors"][part] or None
            break
    return country, sector


@functools.cache
def _iso_codes() -> frozenset[str]:
    from eventwire.resolve.actor_gazetteers import country_names

    return frozenset(country_names())


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


# ---------------------------------------------------------------------------- verbs
_GROUP = re.compile(r"\{[^}]*\}|\([^)]*\)|\S+")


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(ss|x|ch|sh)es$", word):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _heads(item: str, synsets: dict[str, list[str]]) -> list[str]:
    """The head word(s) of a pattern item: ``{ARMS SHIPMENT}`` -> shipment; ``&FOOD`` -> its members' heads."""
    item = item.strip("{}() ")
    words = [w for w in item.split() if w not in ("$", "+", "%", "^", "*")]
    if not words:
        return []
    last = words[-1]
    if last.startswith("&"):
        return sorted({h for member in synsets.get(last.rstrip("_"), []) for h in _heads(member, synsets)})
    last = last.strip("_").split("_")[-1].lower()
    if not last.isalpha() and not last.replace("-", "").isalpha():
        return []
    return sorted({last, _singular(last)})


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    cur = None
    for line in lines:
        body = line.split("#", 1)[0].strip()
        if body.startswith("&"):
            cur = body.rstrip("_")
            sets[cur] = []
        elif body.startswith("+") and cur is not None:
            sets[cur].append(body[1:].strip())
        elif body.startswith("---"):
            break
        elif body:
            cur = None
    return sets


@functools.cache
def plover_table(path: Path) -> dict[str, tuple[str, str]]:
    """CAMEO2PLOVER: code -> (PLOVER type, mode as written)."""
    table: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        body = line.split("#", 1)[0].strip()
        m = re.match(r"^(\d+):\s*([A-Z]+)\s*(?:,\s*([^,]*))?", body)
        if m and m.group(1) not in table:
            table[m.group(1)] = (m.group(2), (m.group(3) or "").strip())
    return table


def plover_for(code: str, table: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """CAMEO event code -> (PLOVER type, project mode or ''), or None for no event (see cameo.yml)."""
    cfg = settings()
    root = code[:2]
    if root in ("01", "02"):
        decided = cfg["verb_decisions"][root]
        return (decided, "") if decided else None
    for key in (code, code[:3], root):
        if key in table:
            event_type, mode = table[key]
            if root in cfg["verb_decisions"] and key == root:
                event_type = cfg["verb_decisions"][root]
            return event_type, cfg["mode_names"].get(mode, "")
    return None


def verb_rows(path: Path, table: dict[str, tuple[str, str]], repairs: Repairs) -> list[tuple[str, ...]]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets = read_synsets(lines)
    particles = set(settings()["particles"])
    rows: set[tuple[str, ...]] = set()
    verbs: list[str] = []
    block_code = None
    for line in lines:
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        if body.startswith("---"):
            m = re.search(r"\[([^\]]*)\]", body)
            block_code = m.group(1).strip() if m and m.group(1).strip() not in ("---", "") else None
            verbs = []
            continue
        if body[:1].isalpha():  # a verb line: "HURRY {HURRIES HURRYING HURRIED}"
            word = body.split()[0].strip("_").lower()
            if word.isalpha():
                verbs.append(word)  # the block's own code is not compiled: its synonym sets are too broad
            continue
        if not body.startswith("-") or not verbs:
            continue
        m = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]", body)
        if not m:
            repairs.skipped_lines += 1
            continue
        code = m.group(2).split(":")[0].strip()
        if not re.fullmatch(r"\d+", code):
            continue
        mapped = plover_for(code, table)
        if mapped is None:
            continue
        items = _GROUP.findall(m.group(1))
        if "*" not in items:
            continue
        star = items.index("*")
        subject = sorted({h for it in items[:star] for h in _heads(it, synsets)})
        particle = obj = prep = ""
        objs: list[str] = []
        pobjs: list[str] = []
        for it in items[star + 1:]:
            if it in ("$", "+", "%", "^"):
                continue
            if it.startswith("("):
                if not prep:
                    inner = it.strip("() ").split(None, 1)
                    prep = inner[0].strip("_").lower() if inner and inner[0].isalpha() else ""
                    pobjs = _heads(inner[1], synsets) if len(inner) > 1 else []
                continue
            low = it.strip("_").lower()
            if not objs and not particle and low in particles:
                particle = low
                continue
            if not objs:
                objs = _heads(it, synsets)
        obj = "|".join(objs)
        if not (objs or pobjs):
            continue  # a verb with only a particle or a preposition ("GO ON", "ORDER (TO)"): too weak alone
        for verb in verbs:
            rows.add((verb, "|".join(subject), particle, obj, prep, "|".join(pobjs), code, *mapped))
    grouped: dict[tuple[str, ...], list[str]] = {}  # one row per pattern, its verbs joined
    for row in rows:
        grouped.setdefault(row[1:], []).append(row[0])
    return sorted(("|".join(sorted(v)), *k) for k, v in grouped.items())


# ---------------------------------------------------------------------------- discards
def discard_rows(path: Path, repairs: Repairs) -> list[tuple[str, ...]]:
    out: set[tuple[str, str]] = set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0].strip()
        if not body or _COMMENT_DATE.match(body.upper()) or ";" in body:
            if body:
                repairs.skipped_lines += 1  # comment fragments and bare years (not phrases)
            continue
        scope = "story" if body.startswith("+") else "sentence"
        words = tokens(body.lstrip("+ ").replace("_", " "))
        if words and words not in settings()["discard_exclusions"]:
            out.add((words, scope))
    return sorted(out)


# ---------------------------------------------------------------------------- writing
def _write_tsv(path: Path, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    buf = io.StringIO()
    buf.write("\t".join(header) + "\n")
    for row in rows:
        buf.write("\t".join(c.replace("\t", " ") for c in row) + "\n")
    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    path.write_bytes(raw.getvalue())


def build(source: str | Path | None = None, out: str | Path | None = None) -> dict:
    """Compile the dictionaries in ``source`` (default ``../shared/data/dictionaries``) into ``out``
    (default: the package's ``eventwire/dictionaries/compiled``); returns the manifest written there.

    Raises ``FileNotFoundError`` naming the missing source file."""
    src = Path(source) if source else _default_source()
    dest = Path(out) if out else COMPILED
    for name in SOURCES:
        if not (src / name).is_file():
            raise FileNotFoundError(f"dictionary source {src / name} is missing")
    dest.mkdir(parents=True, exist_ok=True)
    repairs = Repairs()
    entries = [e for name in ACTOR_FILES for e in read_actor_file(src / name, repairs)]
    close_open_roles(entries, repairs)
    actors = actor_rows(entries, repairs)
    agents = agent_rows(src / "Phoenix.agents.txt", repairs)
    table = plover_table(src / "CAMEO2PLOVER-2021.txt")
    verbs = verb_rows(src / "CAMEO.2.0.txt", table, repairs)
    discards = discard_rows(src / "Phoenix.discards.txt", repairs)
    _write_tsv(dest / "actors.tsv.gz", ("kind", "name", "forms", "surnames", "roles", "source"), actors)
    _write_tsv(dest / "agents.tsv.gz", ("forms", "sector", "country"), agents)
    _write_tsv(dest / "verbs.tsv.gz", ("verbs", "subject", "particle", "object", "prep", "pobj", "cameo", "type",
                                       "mode"), verbs)
    _write_tsv(dest / "discards.tsv.gz", ("words", "scope"), discards)
    manifest = {
        "format_version": FORMAT_VERSION,
        "built_by": "eventwire dictionaries build",
        "sources": {name: hashlib.sha256((src / name).read_bytes()).hexdigest() for name in SOURCES},
        "settings_sha256": hashlib.sha256((HERE / "cameo.yml").read_bytes()).hexdigest(),
        "rows": {"actors": len(actors), "agents": len(agents), "verbs": len(verbs), "discards": len(discards)},
        "repairs": {
            "malformed_dates_dropped": repairs.malformed_dates,
            "open_roles_closed": repairs.closed_roles,
            "entries_without_code_skipped": repairs.skipped_entries,
            "lines_not_understood": repairs.skipped_lines,
        },
    }
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    log.info("dictionaries: %s", manifest["rows"])
    return manifest


def _default_source() -> Path:
    for base in (Path.cwd(), HERE.parents[1]):
        cand = base.parent / "shared" / "data" / "dictionaries"
        if cand.is_dir():
            return cand
    return Path.cwd().parent / "shared" / "data" / "dictionaries"

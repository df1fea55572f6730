"""The CAMEO verb dictionary (with CAMEO2PLOVER-2021) and the discards file -> compiled rows."""
from __future__ import annotations

import functools
import logging
import re
from pathlib import Path

from .formats import Repairs, settings, tokens

log = logging.getLogger(__name__)

_COMMENT_DATE = re.compile(r"^[A-Z]{2,4}\s+\d{1,2}\s+[A-Z]{3}\s+\d{4}$|^\d{4}$")  # "MJ 18 APR 2006" lines


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


def _words(item: str) -> list[str]:
    """The words of a pattern item: ``{ARMS SHIPMENT}`` and ``PEACEKEEPING_FORCE`` have two."""
    item = item.strip("{}() ")
    return [part for w in item.split() if w not in ("$", "+", "%", "^", "*")
            for part in ([w] if w.startswith("&") else w.strip("_").split("_")) if part]


def _word_heads(word: str, synsets: dict[str, list[str]]) -> list[str]:
    """One word's forms, or a synonym set's: the head word(s) of each of its members (``&FOOD``)."""
    if word.startswith("&"):
        return sorted({h for member in synsets.get(word.rstrip("_"), []) for h in _heads(member, synsets)})
    low = word.lower()
    if not low.isalpha() and not low.replace("-", "").isalpha():
        return []
    return sorted({low, _singular(low)})


def _heads(item: str, synsets: dict[str, list[str]]) -> list[str]:
    """What a pattern item asks the parse for: its head word(s) (``&FOOD`` -> its members' heads), each with the
    word before it where the item is a phrase - ``{ARMS SHIPMENT}`` -> "arms shipment", ``PEACEKEEPING_FORCE``
    -> "peacekeeping force": the matcher finds that word as a modifier of the head (``compiled_verbs``), so a
    phrase whose head alone means little ("force", "effort", "helmets") is not met by any "forces"."""
    words = _words(item)
    if not words:
        return []
    heads = _word_heads(words[-1], synsets)
    mods = [m for m in _word_heads(words[-2], synsets) if " " not in m] if len(words) > 1 else []
    if not mods:
        return heads
    return sorted({h if " " in h else f"{m} {h}" for m in mods for h in heads})


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


def is_domestic_politics(code: str, nouns: list[str]) -> bool:
    """A cooperation or agreement code whose nouns all name an election or a post (cameo.yml
    ``domestic_politics``): appointments and elections, which PLOVER does not code."""
    cfg = settings()["domestic_politics"]
    root = code[:2]
    for roots, words in ((cfg["election_roots"], cfg["election_nouns"]), (cfg["office_roots"], cfg["office_nouns"])):
        if root in roots and nouns and all(n in words for n in nouns):
            return True
    return False


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
        if is_domestic_politics(code, objs + pobjs):
            continue
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

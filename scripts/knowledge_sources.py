"""How many events and actors each source of knowledge contributed: curated (triggers.yml, the gazetteers) or
compiled (the field's dictionaries, eventwire/dictionaries).

    python scripts/knowledge_sources.py [--limit N]

Codes the PLOVER dev sentences, the shared sample page and the merge corpus, and counts

* events by the source of their trigger (``cameo:`` entries are the compiled CAMEO verbs), and
* actor and recipient mentions of those events by the entry that resolved them: a compiled name or agent
  noun, a curated name or role noun, or none (read from the parse alone).

Prints a Markdown table; nothing is asserted.
"""
from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

import eventwire.coder.coder as coder_mod
from eventwire.eval.datasets import dataset_path, resolve_data_dir
from eventwire.nlp import load_pipeline
from eventwire.resolve import actor_gazetteers as gz
from eventwire.resolve.actors import find_hits

REPO = Path(__file__).resolve().parents[1]


def _texts(limit: int | None) -> dict[str, list[tuple[str, str | None]]]:
    data = resolve_data_dir(None)
    out: dict[str, list[tuple[str, str | None]]] = {}
    plover = dataset_path(data, "plover")
    out["plover dev"] = [(json.loads(line)["text"], None) for line in plover.open(encoding="utf-8")][:limit]
    sample = data.parent / "samples" / "thelocal-two-stories.txt"
    if sample.is_file():
        out["sample page"] = [(sample.read_text(encoding="utf-8"), "2023-06-01")]
    corpus = REPO / "eventwire" / "eval" / "data" / "merge" / "corpus.jsonl"
    out["merge corpus"] = [(r["text"], r.get("published")) for r in map(json.loads, corpus.open(encoding="utf-8"))]
    return out


def _entity_source(text: str) -> str:
    lex = gz.lexicon()
    compiled = {id(e) for e in lex.compiled.values()}
    hits = find_hits(text.split())
    if any(id(h.entry) in compiled or lex.sources.get(f"agent:{' '.join(w.lower() for w in text.split()[h.start:h.end])}")
           == "compiled" for h in hits):
        return "compiled"
    return "curated" if hits else "parse only"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    nlp = load_pipeline()
    store: dict[str, list] = {}
    original = coder_mod.merge_candidates

    def keep(cands):
        store["last"] = original(cands)
        return store["last"]

    coder_mod.merge_candidates = keep
    print("| texts | events: curated trigger | events: compiled verb | actor mentions: curated | compiled | parse only |")
    print("|---|---|---|---|---|---|")
    for name, texts in _texts(args.limit).items():
        events: collections.Counter = collections.Counter()
        actors: collections.Counter = collections.Counter()
        for text, published in texts:
            store["last"] = []
            doc = nlp(text)
            kept = coder_mod.code_events(doc, article_id="k", published=published)
            triggers = {(e.evidence.start, e.trigger) for e in kept}
            for c in store["last"]:
                if (c.evidence.start, c.trigger.text) not in triggers:
                    continue
                events["compiled" if c.trigger.entry.key.startswith("cameo:") else "curated"] += 1
                for e in c.actors + c.recipients:
                    actors[_entity_source(e.text)] += 1
        print(f"| {name} ({len(texts)}) | {events['curated']} | {events['compiled']} | {actors['curated']} | "
              f"{actors['compiled']} | {actors['parse only']} |")


if __name__ == "__main__":
    main()

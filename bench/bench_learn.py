"""How much a learned site pack adds (``Cleaner.learn``), per site of the line corpus.

Usage::

    python bench/bench_learn.py [--corpus PATH]

For every site in ``id-lines-dev.jsonl`` the articles are split in two by their
order (even ones learn, odd ones are scored). Each half is scored with the line
scores of SCORING.md section 1, with and without the learned pack, twice: with all
bundled rules, and with the language-free structural rules only (a site in a
language no bundled pack covers).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import attrs

import newsclean
from bench_lines import default_corpus, load, newsclean_kept, score
from newsclean.rules import RuleSet


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None)
    args = parser.parse_args(argv)
    path = args.corpus or default_corpus()
    if not path.exists():
        print(f"corpus not found at {path}; nothing to score", file=sys.stderr)
        return 0
    by_site: dict[str, list[dict[str, object]]] = defaultdict(list)
    for record in load(path):
        by_site[str(record["site"])].append(record)
    options = newsclean.Options(detect_language=False)
    setups = {
        "all rules": RuleSet.bundled(),
        "structural only": RuleSet.bundled(languages=()),
    }
    print(
        f"{'site':16} {'setup':16} {'rules':>5} {'F1':>6} {'F1+site':>8} {'leak':>6} "
        f"{'leak+site':>9} {'loss':>6} {'loss+site':>9}"
    )
    for site, records in sorted(by_site.items()):
        learn_half, test_half = records[0::2], records[1::2]
        texts = ["\n".join(str(x["text"]) for x in r["lines"]) for r in learn_half]  # type: ignore[attr-defined]
        for name, rules in setups.items():
            base = newsclean.Cleaner(options, rules=rules)
            pack = base.learn(texts, site=site, min_share=0.3, min_articles=2)
            with_site = attrs.evolve(base, sites={site: pack})
            plain, _ = score(test_half, newsclean_kept(base))
            learned, _ = score(
                test_half,
                lambda lines, c=with_site, s=site: newsclean_kept_for(c, s, lines),
            )
            print(
                f"{site:16} {name:16} {len(pack.rules):>5} {plain['f1']:>6.3f} "
                f"{learned['f1']:>8.3f} {plain['leak']:>6.3f} {learned['leak']:>9.3f} "
                f"{plain['loss']:>6.3f} {learned['loss']:>9.3f}"
            )
    return 0


def newsclean_kept_for(cleaner: newsclean.Cleaner, site: str, lines: list[str]) -> set[int]:
    article = cleaner.clean_text("\n".join(lines), url=f"https://{site}/")
    return {n for p in article.paragraphs for n in p.lines}


if __name__ == "__main__":
    sys.exit(main())

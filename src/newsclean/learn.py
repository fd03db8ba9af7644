"""Learning a site's boilerplate from a batch of its articles.

Every site repeats its own furniture: a promo line, a disclaimer, a "Follow us"
strip, a label before each related link. Lines that recur, word for word, across
many articles of one source are boilerplate there, even in a language or wording
no bundled pack knows. :func:`learn_site_rules` finds them and proposes a rule
pack in the ordinary rule file format, for a person to review, save
(:meth:`newsclean.RuleSet.to_toml`) and load for that site
(``Cleaner(sites={"example.com": pack})``).

Two shapes are proposed:

- a **recurring line**: the same line in at least ``min_share`` of the articles
  (and in ``min_articles``), which the current rules keep in the body;
- a **recurring label**: the same words before a separator (``"Simak juga:"``,
  ``"Lihat Video |"``) on lines whose rest differs from article to article.

Story text does not recur verbatim across different articles, so a line shared
by many of them is safe to remove; the thresholds guard small batches.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsclean.normalize import normalize_line, split_lines
from newsclean.rules import Rule, RuleSet

if TYPE_CHECKING:
    from newsclean.api import Cleaner

#: Text before a separator that may be a recurring label ("Simak juga:", "Video |").
_LABEL = re.compile(r"^(?P<label>[^\W\d_][^:|]{1,40}?)\s*(?P<sep>[:|\u2013\u2014]|\s-\s)\s*\S")
_SLUG = re.compile(r"[^a-z0-9]+")
#: A recurring line longer than this is a repeated paragraph, not furniture.
MAX_LINE_CHARS = 300


def site_slug(site: str) -> str:
    """An id-safe name for a site ("www.Example.co.id" -> "example-co-id")."""
    host = site.lower().removeprefix("www.")
    return _SLUG.sub("-", host).strip("-") or "site"


def learn_site_rules(
    cleaner: Cleaner,
    texts: Iterable[str],
    *,
    site: str = "site",
    min_share: float = 0.3,
    min_articles: int = 3,
) -> RuleSet:
    """Propose a rule pack for lines that recur across ``texts`` of one site.

    Only lines that ``cleaner`` would keep in the body are proposed: what the
    bundled rules already remove needs no site rule.
    """
    line_counts: Counter[str] = Counter()
    label_counts: Counter[str] = Counter()
    label_rests: dict[str, set[str]] = {}
    kept_counts: Counter[str] = Counter()
    total = 0
    for text in texts:
        total += 1
        article = cleaner.clean_text(text)
        kept_numbers = {n for p in article.paragraphs for n in p.lines}
        seen_lines: set[str] = set()
        seen_labels: set[str] = set()
        for number, raw in enumerate(split_lines(text), start=1):
            line = normalize_line(raw)[0]
            if not line or len(line) > MAX_LINE_CHARS:
                continue
            if line not in seen_lines:
                seen_lines.add(line)
                line_counts[line] += 1
                if number in kept_numbers:
                    kept_counts[line] += 1
            found = _LABEL.match(line)
            if found and number in kept_numbers:
                label = found["label"].strip().casefold()
                if label not in seen_labels:
                    seen_labels.add(label)
                    label_counts[label] += 1
                    label_rests.setdefault(label, set()).add(line[found.end() - 1 :])
    if total == 0:
        return RuleSet()
    needed = max(min_articles, min_share * total)
    slug = site_slug(site)
    rules: list[Rule] = []
    for n, (line, count) in enumerate(_recurring(line_counts, needed), start=1):
        if kept_counts[line] * 2 < count:
            continue  # mostly removed already
        rules.append(
            Rule(
                id=f"site.{slug}.line-{n}",
                kind="other",
                reason=f"Recurs word for word in {count} of {total} articles from {site}",
                pattern=re.escape(line),
                language="site",
                examples=(line,),
            )
        )
    for n, (label, count) in enumerate(_recurring(label_counts, needed), start=1):
        if len(label_rests[label]) < 2 or any(line.casefold() == label for line in line_counts):
            continue  # the same full line each time is a recurring line, above
        rules.append(
            Rule(
                id=f"site.{slug}.label-{n}",
                kind="other",
                match="prefix",
                separator="required",
                reason=f"Label recurring before varying text in {count} of {total} articles "
                f"from {site}",
                phrases=(label,),
                language="site",
            )
        )
    return RuleSet(rules=rules)


def _recurring(counts: Counter[str], needed: float) -> list[tuple[str, int]]:
    # Sorted by count, then text: the same batch gives the same ids every time.
    return sorted(
        ((key, count) for key, count in counts.items() if count >= needed),
        key=lambda kv: (-kv[1], kv[0]),
    )

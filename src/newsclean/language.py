"""Language identification: scripts, langdetect's n-gram profiles, close-pair evidence.

How a text is decided (details and measurements in ``docs/language.md``):

1. **Sample.** Long texts are cut to a bounded, deterministic sample
   (:data:`SAMPLE_CHARS`, taken from the start, the middle and the end).
   UTF-8 mis-decoded as a Windows code page is read back first
   (:func:`repair_mojibake`).
2. **Script.** Letters are counted per writing system (``langdata/scripts.toml``).
   A script used by one language settles the text (Hangul: Korean, kana:
   Japanese, Thai, Greek, Hebrew, ...). Otherwise the main script names the
   candidates (Cyrillic: ru, uk, bg, mk) and letters of other scripts are dropped,
   so an Urdu line with an English HTTP header stays Urdu.
3. **Profiles.** Every character 1-3-gram of the sample is scored against
   langdetect's profiles of the candidates (naive Bayes with langdetect's own
   smoothing). Unlike langdetect's detector, which samples n-grams at random,
   this uses each n-gram once, so the answer needs no seed and never changes.
4. **Close pairs.** Letters and words that separate close languages
   (``langdata/*.toml``: ca/es, cs/sk/sl/hr, da/no/sv, ru/uk/bg/mk, ro/it,
   id/ms/tl, nl/af, hi/mr/ne) move probability inside their group; then a
   unigram word model (``langdata/words``, built from ``wordfreq`` by
   ``tools/build_langdata.py``) does the same with every word, among the 25
   Latin-script languages it covers and among ru/uk/bg/mk; words too rare for
   the table are read by their endings (``langdata/endings``).
5. **Calibration.** Profile scores are tempered (n-grams overlap, so naive Bayes
   is overconfident, the more so the shorter the text) and turned into
   probabilities; an optional hint adds a small prior; below ``threshold`` the
   answer is ``"und"``.

langdetect's profiles are loaded into one private
:class:`~langdetect.detector_factory.DetectorFactory` per process, lazily and
under a lock; langdetect's module-level factory and class defaults are never
touched.
"""

from __future__ import annotations

import math
import operator
import threading
import unicodedata
from array import array
from collections import Counter
from collections.abc import Sequence
from functools import cache, partial
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newsclean.article import Language, LanguageCandidate
from newsclean.langendings import ending_table
from newsclean.langevidence import (
    EvidenceWeights,
    LanguageData,
    language_data,
    word_table,
    word_table_names,
)

if TYPE_CHECKING:
    from langdetect.detector_factory import DetectorFactory

#: Fewer letters than this (a Han, kana or Hangul character counts as its script
#: weight) carry too little evidence for an answer.
MIN_LETTERS = 2
#: Texts longer than this are sampled: three windows of a third of it each,
#: from the start, the middle and the end, cut at spaces. 600 characters are
#: about 5 sentences, enough for 99.9 % on the development set.
SAMPLE_CHARS = 600
#: The default probability below which the answer is ``"und"``.
DEFAULT_THRESHOLD = 0.80
#: Paragraphs with fewer letters than this get no language of their own.
PARAGRAPH_MIN_LETTERS = 80
#: A paragraph is tagged only when at least this sure (or the threshold, if higher).
PARAGRAPH_CONFIDENCE = 0.95
#: Characters of a paragraph looked at for its own language.
PARAGRAPH_SAMPLE_CHARS = 150
#: The prior odds a hint gives its language: enough to decide a near tie, far
#: too little to overrule a text that reads clearly as another language.
HINT_ODDS = 4.0

#: Profile scores are divided by ``TEMPER + TEMPER_SHORT / words``.
TEMPER = 1.6
TEMPER_SHORT = 1.2
#: Nats a borrowed-profile language (Malay) starts behind its profile's owner.
BORROWED_PENALTY = 4.0
#: Groups with less than this share of the probability are not looked at.
_GROUP_FLOOR = 1e-6
#: langdetect's smoothing: alpha / BASE_FREQ added to every n-gram probability.
_SMOOTHING = 0.5 / 10_000
#: Cached log-probability rows per candidate set; the cache is emptied when full.
_ROW_CACHE_LIMIT = 20_000
_SEED = 0
_WEIGHTS = EvidenceWeights()
#: Weight of the word model's log-likelihoods against the tempered n-gram
#: scores. Words overlap far less than n-grams, and frequencies from a broad
#: outside source are sharper than langdetect's profiles between close
#: languages. Chosen on the even-numbered development lines (1.5 to 2.5 are
#: within 0.1 % of each other); the odd lines score the same.
WORD_WEIGHT = 2.0
#: Most nats one token can cost a language against the best of its word table.
WORD_CAP = 4.0
#: How much one rare word's ending counts, against :data:`WORD_WEIGHT` for a word
#: the word table knows (set on the even lines of the development sentences).
ENDING_WEIGHT = 1.0

#: Code pages that UTF-8 text is most often mis-decoded with (Western and
#: Central European Windows); see :func:`repair_mojibake`.
_MOJIBAKE_CODECS = ("cp1252", "cp1250")

#: Profile names behind a reported code (langdetect splits Chinese in two).
_PROFILE_NAMES = {"zh": ("zh-cn", "zh-tw")}

#: Latin letters that look like Cyrillic ones, found inside Cyrillic words in
#: real text (Ukrainian written with a Latin "i" is common).
_HOMOGLYPHS = str.maketrans(
    "aceiopxyABCEHIKMOPTX",
    "асеіорхуАВСЕНІКМОРТХ",
)

_lock = threading.Lock()
_factory: DetectorFactory | None = None
_tables: dict[int, _ScriptTable] = {}
_row_cache: dict[tuple[str, ...], dict[str, array[float]]] = {}


def _get_factory() -> DetectorFactory:
    global _factory  # noqa: PLW0603 - one lazily loaded factory per process
    if _factory is None:
        with _lock:
            if _factory is None:
                from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

                factory = DetectorFactory()
                factory.load_profile(PROFILES_DIRECTORY)
                # An instance attribute: DetectorFactory.seed, the class default
                # langdetect's own factory reads, stays as it was. newsclean's
                # scoring draws no random numbers; the seed makes any Detector
                # created from this factory deterministic too.
                factory.set_seed(_SEED)
                _factory = factory
    return _factory


class _ScriptTable(dict[int, str]):
    """A ``str.translate`` table: one script's letters normalised as langdetect does.

    Everything else (other scripts, digits, punctuation) becomes a space.
    """

    def __init__(self, data: LanguageData, script: int) -> None:
        super().__init__()
        self._data = data
        self._script = script

    def __missing__(self, point: int) -> str:
        from langdetect.utils.ngram import NGram

        ch = chr(point)
        value = NGram.normalize(ch) if self._data.script_index(ch) == self._script else " "
        self[point] = value
        return value


class _TokenTable(dict[int, str]):
    """A ``str.translate`` table: letters and marks lower-cased, everything else to space."""

    def __missing__(self, point: int) -> str:
        ch = chr(point)
        value = ch.lower() if unicodedata.category(ch)[0] in "LM" else " "
        self[point] = value
        return value


_TOKENS = _TokenTable()


def _table(data: LanguageData, script: int) -> _ScriptTable:
    table = _tables.get(script)
    if table is None:
        with _lock:
            table = _tables.setdefault(script, _ScriptTable(data, script))
    return table


def sample_text(text: str, limit: int = SAMPLE_CHARS) -> str:
    """A bounded, deterministic sample of ``text``: start, middle and end windows.

    >>> sample_text("short text")
    'short text'
    >>> len(sample_text("word " * 1000)) <= SAMPLE_CHARS
    True
    """
    if len(text) <= limit:
        return text
    width = limit // 3
    parts = []
    for start in (0, (len(text) - width) // 2, len(text) - width):
        window = text[start : start + width]
        # Cut at spaces so no window starts or ends inside a word.
        if start > 0 and " " in window:
            window = window[window.index(" ") + 1 :]
        if start + width < len(text) and " " in window:
            window = window[: window.rindex(" ")]
        parts.append(window)
    return " ".join(parts)


class _ScriptCodes(dict[int, str]):
    """A ``str.translate`` table: each letter to a character naming its script, the rest gone.

    The script of index ``i`` is written ``chr(_SCRIPT_CODE_BASE + i)``, so a
    translated text is counted by :class:`~collections.Counter` in C instead of
    character by character in Python.
    """

    def __init__(self, data: LanguageData) -> None:
        super().__init__()
        self.data = data

    def __missing__(self, point: int) -> str:
        ch = chr(point)
        index = -1 if ch.isspace() or ch.isdigit() else self.data.script_index(ch)
        value = "" if index < 0 else chr(_SCRIPT_CODE_BASE + index)
        self[point] = value
        return value


#: Scripts are written as characters of the Private Use Area from here on.
_SCRIPT_CODE_BASE = 0xE000
_script_codes: list[_ScriptCodes] = []


def _script_weights(data: LanguageData, text: str) -> dict[int, float]:
    if not _script_codes or _script_codes[0].data is not data:
        with _lock:
            _script_codes[:] = [_ScriptCodes(data)]
    counts = Counter(text.translate(_script_codes[0]))
    weights = {}
    for code, n in counts.items():
        index = ord(code) - _SCRIPT_CODE_BASE
        weights[index] = n * data.scripts[index].weight
    return weights


def _main_script(data: LanguageData, weights: dict[int, float]) -> int:
    """The script a text is written in: the heaviest, but Latin yields to a strong second.

    Web text in other scripts often carries Latin noise (headers, brand names,
    URLs), and Japanese mixes Han with kana: kana at a fifth of the Han weight
    mean Japanese.
    """
    order = sorted(weights, key=lambda i: (-weights[i], data.scripts[i].name))
    top = order[0]
    names = {data.scripts[i].name: i for i in order}
    if data.scripts[top].name == "Latin":
        for other in order[1:]:
            if weights[other] * 3 >= weights[top]:
                return other
    if data.scripts[top].name == "Han" and "Kana" in names:
        kana = names["Kana"]
        if weights[kana] * 5 >= weights[top]:
            return kana
    if data.scripts[top].name == "Han" and "Hangul" in names:
        hangul = names["Hangul"]
        if weights[hangul] * 3 >= weights[top]:
            return hangul
    return top


def _ngrams(normalized: str) -> list[str]:
    """langdetect's 1-3-grams of a normalised text (spaces pad every word).

    As in langdetect, letters inside an all-capitals word add no n-grams
    (acronyms say little about the language), except where the word ends.
    """
    grams: list[str] = []
    for word in normalized.split():
        padded = f" {word} "
        if not any(map(str.isupper, word[1:])):
            # No two capitals in a row, so nothing is skipped: take every
            # letter, pair and triple by slicing.
            grams.extend(word)
            grams.extend([padded[j - 1 : j + 1] for j in range(1, len(padded))])
            grams.extend([padded[j - 2 : j + 1] for j in range(2, len(padded))])
            continue
        previous_upper = False
        for j in range(1, len(padded)):
            ch = padded[j]
            upper = ch.isupper()
            if upper and previous_upper:
                continue
            previous_upper = upper
            if ch != " ":
                grams.append(ch)
            grams.append(padded[j - 1 : j + 1])
            if j >= 2:
                grams.append(padded[j - 2 : j + 1])
    return grams


def _profile_scores(normalized: str, profiles: tuple[str, ...]) -> dict[str, float] | None:
    """Log-likelihoods (up to a shared constant) of the text under each profile.

    Each distinct n-gram is looked up once and weighted by its count; its row of
    log-probabilities is cached per candidate set (bounded, so memory stays flat).
    """
    factory = _get_factory()
    prob_map: dict[str, list[float]] = factory.word_lang_prob_map
    # Counted first and looked up once each: n-grams langdetect has no
    # profile for are left out, as its own detector leaves them out.
    grams = {g: n for g, n in Counter(_ngrams(normalized)).items() if g in prob_map}
    if not grams:
        return None
    rows = _log_rows(profiles)
    # Rows are summed per count first and multiplied once per count: most
    # n-grams occur once or twice, and a multiplication per n-gram and profile
    # was a third of the time.
    by_count: dict[int, Sequence[float]] = {}
    for gram, count in grams.items():
        row = rows.get(gram)
        if row is None:
            row = rows.setdefault(gram, _log_row(prob_map[gram], profiles))
        summed = by_count.get(count)
        by_count[count] = row if summed is None else list(map(operator.add, summed, row))
    totals: Sequence[float] = [0.0] * len(profiles)
    for count in sorted(by_count):
        scaled = map(partial(operator.mul, float(count)), by_count[count])
        totals = list(map(operator.add, totals, scaled))
    return dict(zip(profiles, totals, strict=True))


def _log_rows(profiles: tuple[str, ...]) -> dict[str, array[float]]:
    rows = _row_cache.get(profiles)
    if rows is None or len(rows) > _ROW_CACHE_LIMIT:
        with _lock:
            rows = _row_cache[profiles] = {}
    return rows


def _log_row(probabilities: list[float], profiles: tuple[str, ...]) -> array[float]:
    columns = _columns(profiles)
    return array("d", [math.log(_SMOOTHING + probabilities[c]) for c in columns])


@cache
def _columns(profiles: tuple[str, ...]) -> tuple[int, ...]:
    index = {name: i for i, name in enumerate(_get_factory().langlist)}
    return tuple(index[p] for p in profiles)


def _logsumexp(values: Sequence[float]) -> float:
    top = max(values)
    return top + math.log(sum(math.exp(v - top) for v in values))


def _apply_groups(
    data: LanguageData, scores: dict[str, float], lowered: str, tokens: Sequence[str]
) -> None:
    """Move probability inside each close-pair group (in place).

    First by the hand-written markers of ``langdata/*.toml``, then by the word
    tables of ``langdata/words`` (a unigram model of each table's languages).
    Either way a group's total is kept: this only decides *inside* a group.
    """
    total = _logsumexp(list(scores.values()))
    for group in data.groups:
        own = [code for code in group.languages if code in scores]
        if not own or math.exp(_logsumexp([scores[c] for c in own]) - total) < _GROUP_FLOOR:
            continue
        for code, markers in group.markers:
            if markers.profile is not None and markers.profile in scores and code not in scores:
                scores[code] = scores[markers.profile] - BORROWED_PENALTY
        present = [code for code in group.languages if code in scores]
        mass = _logsumexp([scores[c] for c in own])
        evidence = group.evidence(lowered, tokens, _WEIGHTS)
        _move(scores, present, mass, evidence)
    plain: bool | None = None
    for name in word_table_names():
        # A word table is named after its languages: "ru-uk-bg-mk".
        own = [code for code in name.split("-") if code in scores]
        if len(own) < 2:
            continue
        mass = _logsumexp([scores[c] for c in own])
        if math.exp(mass - total) < _GROUP_FLOOR:
            continue
        table = word_table(name)
        if table is None:
            continue
        if plain is None:
            # Text typed without diacritics is read through the folded table.
            plain = all(t.isascii() for t in tokens)
        found = table.evidence(tokens, cap=WORD_CAP, folded=plain)
        evidence = {c: WORD_WEIGHT * v for c, v in zip(table.languages, found, strict=True)}
        endings = ending_table(name)
        if endings is not None:
            # Words the table knows have spoken; the rest speak by their endings.
            known = table.folded() if plain else {}
            rare = [t for t in tokens if t not in table.words and t not in known]
            found = endings.evidence(rare)
            for code, value in zip(endings.languages, found, strict=True):
                evidence[code] += ENDING_WEIGHT * value
        _move(scores, own, mass, evidence)


def _move(
    scores: dict[str, float], codes: list[str], mass: float, evidence: dict[str, float]
) -> None:
    """Add ``evidence`` to ``codes`` and rescale them to their old total ``mass``."""
    moved = {c: scores[c] + evidence.get(c, 0.0) for c in codes}
    norm = _logsumexp(list(moved.values()))
    for code in codes:
        scores[code] = mass + moved[code] - norm


def normalize_hint(hint: str | None) -> str | None:
    """An ISO 639-1 code from a language tag, locale or old code; ``None`` if unusable.

    >>> normalize_hint("pt-BR"), normalize_hint("id_ID"), normalize_hint("nb"), normalize_hint("x")
    ('pt', 'id', 'no', None)
    """
    if not hint or not isinstance(hint, str):
        return None
    base = hint.strip().replace("_", "-").split("-", maxsplit=1)[0].lower()
    if not base.isascii() or not base.isalpha() or not 2 <= len(base) <= 3:
        return None
    return language_data().aliases.get(base, base)


def hint_from_url(url: str | None) -> str | None:
    """The language a URL's country domain suggests, for use as a ``hint``.

    Generic domains (.com, .org) and countries with several news languages give
    ``None``.

    >>> hint_from_url("https://news.detik.co.id/berita/1"), hint_from_url("https://example.com/")
    ('id', None)
    """
    if not url or not isinstance(url, str):
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host:
        return None
    return language_data().tlds.get(host.rstrip(".").rsplit(".", maxsplit=1)[-1])


def _candidates_of(order: list[tuple[str, float]]) -> tuple[LanguageCandidate, ...]:
    return tuple(LanguageCandidate(code, min(1.0, p)) for code, p in order[:3] if p >= 0.001)


def detect_language(
    text: str, *, hint: str | None = None, threshold: float = DEFAULT_THRESHOLD
) -> Language:
    """The language of ``text``: an ISO 639-1 code, or ``"und"`` with a reason.

    ``hint`` (a code such as ``"id"`` or ``"pt-BR"``, from a page's ``lang``
    attribute, ``og:locale`` or :func:`hint_from_url`) only breaks near ties.
    ``threshold`` is the lowest probability at which a language is named.

    >>> detect_language("ok").code
    'und'
    >>> detect_language("Ini adalah berita tentang pemerintah daerah yang baru.").code
    'id'
    """
    if not isinstance(text, str):
        from newsclean.errors import InvalidInputError

        msg = f"text must be str, got {type(text).__name__}"
        raise InvalidInputError(msg)
    if not 0.0 <= threshold <= 1.0:
        from newsclean.errors import InvalidInputError

        msg = f"threshold must be in [0, 1], got {threshold!r}"
        raise InvalidInputError(msg)
    data = language_data()
    sample = unicodedata.normalize("NFC", repair_mojibake(sample_text(text, SAMPLE_CHARS)))
    weights = _script_weights(data, sample)
    if sum(weights.values()) < MIN_LETTERS:
        return Language.undetermined("too short")
    script_index = _main_script(data, weights)
    script = data.scripts[script_index]
    if script.settles is not None:
        # Latin letters in Korean or Thai text are names and markup, not a
        # rival language, and Han in Japanese text is part of Japanese; other
        # scripts do compete.
        rivals = sum(
            w
            for i, w in weights.items()
            if i == script_index
            or (data.scripts[i].name != "Latin" and script.settles not in data.scripts[i].languages)
        )
        return _decide({script.settles: 0.0}, threshold, None, weights[script_index] / rivals)
    if script.name == "Cyrillic":
        sample = _fix_homoglyphs(sample)
    normalized = sample.translate(_table(data, script_index))
    tokens = sample.translate(_TOKENS).split()
    profiles = tuple(p for code in script.languages for p in _PROFILE_NAMES.get(code, (code,)))
    raw = _profile_scores(normalized, profiles)
    if raw is None:
        return Language.undetermined("no language features")
    words = max(len(tokens), weights[script_index] / 5.0, 1.0)
    temper = TEMPER + TEMPER_SHORT / words
    scores = {
        code: _logsumexp([raw[p] for p in _PROFILE_NAMES.get(code, (code,))]) / temper
        for code in script.languages
    }
    _apply_groups(data, scores, sample.lower(), tokens)
    return _decide(scores, threshold, normalize_hint(hint), 1.0)


def repair_mojibake(text: str) -> str:
    """``text`` with UTF-8 read back as a Windows code page undone, else ``text`` itself.

    Scraped pages often carry UTF-8 bytes decoded as windows-1252 ("Ã©" for
    "é") or windows-1250 ("Ä›" for "ě", "Ĺľ" for "ž"). Read as they are, such
    lines look like another language ("Ĺľ" holds the Slovak letter "ľ"). The
    text is re-encoded with each code page and decoded as UTF-8, strictly: the
    repair is used only if that succeeds and changes the text, which natural
    text almost never allows (a lone "é" or "ă" is not a valid UTF-8 sequence).
    The repaired text is only read for its language; the article keeps its text.

    >>> repair_mojibake("MÄ›sto"), repair_mojibake("cafÃ© crÃ¨me"), repair_mojibake("Město")
    ('Město', 'café crème', 'Město')
    """
    if text.isascii():
        return text
    for codec in _MOJIBAKE_CODECS:
        try:
            repaired = text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if repaired != text:
            return repaired
    return text


def _fix_homoglyphs(text: str) -> str:
    """Latin look-alike letters inside Cyrillic words turned Cyrillic ("розрiсся")."""
    words = text.split(" ")
    for n, word in enumerate(words):
        if word.isascii() or not any("\u0400" <= ch <= "\u04ff" for ch in word):
            continue
        words[n] = word.translate(_HOMOGLYPHS)
    return " ".join(words)


def _decide(scores: dict[str, float], threshold: float, hint: str | None, share: float) -> Language:
    if hint is not None and hint in scores:
        scores = dict(scores)
        scores[hint] += math.log(HINT_ODDS)
    total = _logsumexp(list(scores.values()))
    order = sorted(
        ((code, math.exp(s - total) * share) for code, s in scores.items()),
        key=lambda kv: (-kv[1], kv[0]),
    )
    best, confidence = order[0]
    confidence = min(1.0, max(0.0, confidence))
    if confidence < threshold:
        return Language(
            code="und",
            confidence=confidence,
            candidates=_candidates_of(order),
            reason="low confidence",
        )
    return Language(code=best, confidence=confidence, candidates=_candidates_of(order[1:]))


def paragraph_languages(
    texts: Sequence[str], article_code: str, *, threshold: float = DEFAULT_THRESHOLD
) -> tuple[str | None, ...]:
    """For each paragraph, its language where it confidently differs from the article's.

    Short paragraphs (under :data:`PARAGRAPH_MIN_LETTERS` letters) are skipped, and
    only the first :data:`PARAGRAPH_SAMPLE_CHARS` characters of the others are
    read, to keep this cheap. A paragraph is tagged only at
    :data:`PARAGRAPH_CONFIDENCE` or more.

    >>> paragraph_languages(["Short.", "Dies ist ein deutscher Absatz, der lang genug ist, "
    ...                      "um seine eigene Sprache zu bekommen, auch im Artikel."], "en")
    (None, 'de')
    """
    needed = max(threshold, PARAGRAPH_CONFIDENCE)
    result: list[str | None] = []
    for text in texts:
        if sum(ch.isalpha() for ch in text[: PARAGRAPH_MIN_LETTERS * 3]) < PARAGRAPH_MIN_LETTERS:
            result.append(None)
            continue
        found = detect_language(_head(text, PARAGRAPH_SAMPLE_CHARS), threshold=needed)
        result.append(found.code if found.is_known and found.code != article_code else None)
    return tuple(result)


def _head(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return cut[: cut.rindex(" ")] if " " in cut else cut


def _profile_languages() -> list[str]:
    """Codes langdetect has profiles for, as newsclean reports them (for tests and docs)."""
    names: list[Any] = _get_factory().langlist
    return sorted({str(n).split("-", maxsplit=1)[0] for n in names})

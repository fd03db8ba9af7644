"""Language identification through a private, seeded langdetect factory.

langdetect keeps its profiles in a module-level factory and draws random numbers
unless seeded; newsclean loads its own :class:`~langdetect.detector_factory.DetectorFactory`
once per process (lazily, under a lock), seeds it, and never touches langdetect's
global state, so the same text gets the same answer in every run and process.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from newsclean.article import Language, LanguageCandidate

if TYPE_CHECKING:
    from langdetect.detector_factory import DetectorFactory

#: Fewer letters than this carry too little evidence for an answer.
MIN_LETTERS = 12
#: The detector samples at most this many characters of the body, from its start.
SAMPLE_CHARS = 2000
_SEED = 0

_lock = threading.Lock()
_factory: DetectorFactory | None = None


def _get_factory() -> DetectorFactory:
    global _factory  # noqa: PLW0603 - one lazily loaded factory per process
    if _factory is None:
        with _lock:
            if _factory is None:
                from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

                factory = DetectorFactory()
                factory.load_profile(PROFILES_DIRECTORY)
                factory.seed = _SEED  # instance attribute: the class default stays as it was
                _factory = factory
    return _factory


def _normalize_code(code: str) -> str:
    # langdetect says zh-cn / zh-tw; ISO 639-1 has one code for Chinese.
    return code.split("-", maxsplit=1)[0]


def detect_language(text: str, *, threshold: float = 0.80) -> Language:
    """The language of ``text``: an ISO 639-1 code, or ``"und"`` with a reason.

    >>> detect_language("ok").code
    'und'
    """
    if not isinstance(text, str):
        from newsclean.errors import InvalidInputError

        msg = f"text must be str, got {type(text).__name__}"
        raise InvalidInputError(msg)
    sample = text[:SAMPLE_CHARS]
    letters = sum(ch.isalpha() for ch in sample)
    if letters < MIN_LETTERS:
        return Language.undetermined("too short")
    from langdetect.lang_detect_exception import LangDetectException

    detector = _get_factory().create()
    detector.append(sample)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:
        return Language.undetermined("no language features")
    merged: dict[str, float] = {}
    for item in ranked:
        code = _normalize_code(item.lang)
        merged[code] = merged.get(code, 0.0) + float(item.prob)
    order = sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))
    candidates = tuple(LanguageCandidate(c, min(1.0, p)) for c, p in order[:3])
    best_code, best_prob = order[0]
    best_prob = min(1.0, best_prob)
    if best_prob < threshold:
        return Language(
            code="und", confidence=best_prob, candidates=candidates, reason="low confidence"
        )
    return Language(code=best_code, confidence=best_prob, candidates=candidates[1:])

"""newsclean: scraped news text in, clean, structured, language-tagged articles out."""

from importlib.metadata import PackageNotFoundError, version

from newsclean.api import Cleaner, clean_html, clean_text
from newsclean.article import (
    Article,
    Language,
    LanguageCandidate,
    Media,
    Paragraph,
    Related,
    Removal,
    StepRecord,
)
from newsclean.batch import BatchResult, RecordError
from newsclean.errors import (
    InputTooDeepError,
    InputTooLargeError,
    InvalidInputError,
    InvalidOptionError,
    NewscleanError,
    ReadError,
    RuleFileError,
)
from newsclean.language import detect_language, hint_from_url, paragraph_languages
from newsclean.options import Options
from newsclean.rules import Rule, RuleSet

try:
    __version__ = version("newsclean")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = [
    "Article",
    "BatchResult",
    "Cleaner",
    "InputTooDeepError",
    "InputTooLargeError",
    "InvalidInputError",
    "InvalidOptionError",
    "Language",
    "LanguageCandidate",
    "Media",
    "NewscleanError",
    "Options",
    "Paragraph",
    "ReadError",
    "RecordError",
    "Related",
    "Removal",
    "Rule",
    "RuleFileError",
    "RuleSet",
    "StepRecord",
    "__version__",
    "clean_html",
    "clean_text",
    "detect_language",
    "hint_from_url",
    "paragraph_languages",
]

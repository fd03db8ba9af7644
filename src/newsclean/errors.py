"""Errors raised by newsclean.

Every exception newsclean raises on purpose derives from :class:`NewscleanError`,
so a caller can catch one type. Subclasses also derive from the matching builtin,
so code that already catches ``ValueError`` or ``OSError`` keeps working::

    NewscleanError
    ├── InvalidInputError (ValueError)     input of the wrong type or undecodable
    │   ├── InputTooLargeError             input over a configured size or density limit
    │   └── InputTooDeepError              HTML nested deeper than the configured limit
    ├── InvalidOptionError (ValueError, TypeError)  an Options field of the wrong type or range
    ├── RuleFileError (ValueError)         a rule pack that cannot be read or is invalid
    └── ReadError (OSError)                a path or stream the CLI cannot read

Empty or whitespace-only text is not an error: it gives an empty :class:`Article`.
"""

from __future__ import annotations


class NewscleanError(Exception):
    """Base class of every error newsclean raises on purpose."""


class InvalidInputError(NewscleanError, ValueError):
    """The input is not something newsclean can clean (wrong type, undecodable)."""


class InputTooLargeError(InvalidInputError):
    """The input is larger than the limit set in :class:`newsclean.Options`."""


class InputTooDeepError(InvalidInputError):
    """The HTML is nested deeper than ``Options.max_html_depth`` elements."""


class InvalidOptionError(NewscleanError, ValueError, TypeError):
    """An :class:`newsclean.Options` field was given a value of the wrong type or range.

    A ``ValueError`` and a ``TypeError`` both, so code written for either keeps working.
    """


class RuleFileError(NewscleanError, ValueError):
    """A rule pack is unreadable or does not follow the rule file format."""


class ReadError(NewscleanError, OSError):
    """A file or stream named on the command line could not be read."""

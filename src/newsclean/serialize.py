"""(Un)structuring through one private cattrs converter.

The converter is module-private and never the global one, so newsclean does not
change how a host application's own cattrs calls behave.
"""

from __future__ import annotations

import json
from typing import Any

import cattrs
from cattrs.gen import make_dict_unstructure_fn, override
from cattrs.preconf.json import make_converter

from newsclean.article import Article, Removal
from newsclean.errors import InvalidInputError

_converter = make_converter()
# ``count`` is 1 on almost every record; leaving it out then keeps the JSON of a
# trail without runs exactly as it was before runs were folded into one record.
_converter.register_unstructure_hook(
    Removal,
    make_dict_unstructure_fn(Removal, _converter, count=override(omit_if_default=True)),
)


def unstructure_article(article: Article) -> dict[str, Any]:
    """Builtins for ``article``, with the derived ``text`` added for readers."""
    data: dict[str, Any] = _converter.unstructure(article)
    data["text"] = article.text
    return data


def structure_article(data: dict[str, Any]) -> Article:
    """An :class:`Article` from builtins; the derived ``text`` key is ignored."""
    if not isinstance(data, dict):
        msg = f"an article must be a JSON object, got {type(data).__name__}"
        raise InvalidInputError(msg)
    fields = {k: val for k, val in data.items() if k != "text"}
    try:
        return _converter.structure(fields, Article)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        msg = f"not a valid article: {exc}"
        raise InvalidInputError(msg) from exc


def dumps(data: Any, *, indent: int | None = None) -> str:
    """JSON text; non-ASCII kept as is so scripts other than Latin stay readable."""
    return json.dumps(data, ensure_ascii=False, indent=indent)


def loads(document: str | bytes) -> Any:
    """Parse JSON, turning syntax errors into :class:`InvalidInputError`."""
    try:
        return json.loads(document)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        msg = f"not valid JSON: {exc}"
        raise InvalidInputError(msg) from exc


def converter() -> cattrs.Converter:
    """The converter, for the rule-file loader and tests."""
    return _converter

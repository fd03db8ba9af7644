"""A Scrapy item pipeline that cleans scraped articles as they are crawled.

Needs the ``scrapy`` extra (``pip install "newsclean[scrapy]"``). Enable it in the
project's settings::

    ITEM_PIPELINES = {"newsclean.contrib.scrapy.NewscleanPipeline": 300}

For each item with an HTML field (``html``) or a text field (``text``), the
pipeline cleans the input and adds the article to the item:

- ``NEWSCLEAN_OUTPUT = "merge"`` (default): every key of :meth:`Article.to_dict`
  (``title``, ``text``, ``paragraphs``, ``language``, ``authors``, ``published``,
  ``removed``, ...) is set on the item, so ``text`` becomes the clean text;
  ``NEWSCLEAN_FIELDS`` limits the keys.
- ``NEWSCLEAN_OUTPUT = "field"``: the whole article dict goes into one field
  (``NEWSCLEAN_ARTICLE_FIELD``, default ``"article"``) and the input is left as it is.

A :class:`NewscleanError` (wrong input type, input over the size limit) is recorded
on the item under ``NEWSCLEAN_ERROR_FIELD`` (default ``"newsclean_error"``) as
``{"type": ..., "message": ...}``, logged as a warning and counted in the crawl
stats; the item continues down the pipeline. Items are never dropped and a bad
item never stops the crawl. Items without either input field pass through
unchanged (counted as ``newsclean/skipped``).

HTML input goes to ``Cleaner.clean_html`` where this version of newsclean has it;
otherwise an item that has only HTML gets an ``UnsupportedInput`` error recorded.
When an item has both, HTML is preferred (it carries more structure).

Settings (all optional):

| setting | default | meaning |
|---|---|---|
| ``NEWSCLEAN_TEXT_FIELD`` | ``"text"`` | item field with scraped text |
| ``NEWSCLEAN_HTML_FIELD`` | ``"html"`` | item field with the page's HTML |
| ``NEWSCLEAN_URL_FIELD`` | ``"url"`` | item field with the page address |
| ``NEWSCLEAN_TITLE_FIELD`` | ``"title"`` | item field with the scraper's headline |
| ``NEWSCLEAN_FETCHED_AT_FIELD`` | ``"fetched_at"`` | aware datetime or ISO 8601 string |
| ``NEWSCLEAN_OUTPUT`` | ``"merge"`` | ``"merge"`` or ``"field"`` |
| ``NEWSCLEAN_FIELDS`` | all | article keys to merge |
| ``NEWSCLEAN_ARTICLE_FIELD`` | ``"article"`` | target field of ``"field"`` output |
| ``NEWSCLEAN_ERROR_FIELD`` | ``"newsclean_error"`` | where an error is recorded |
| ``NEWSCLEAN_LANGUAGES`` | all packs | ``Options.languages`` |
| ``NEWSCLEAN_DISABLED_RULES`` | none | ``Options.disabled_rules`` |
| ``NEWSCLEAN_DETECT_LANGUAGE`` | ``True`` | ``Options.detect_language`` |
| ``NEWSCLEAN_MAX_INPUT_CHARS`` | 20,000,000 | ``Options.max_input_chars`` |
| ``NEWSCLEAN_RULES`` | none | extra rule pack files (TOML) |
| ``NEWSCLEAN_SITE_RULES`` | none | folder of ``<domain>.toml`` site packs |

The input fields and their defaults are those of ``newsclean batch`` records: both
read them through one :class:`newsclean.batch_io.Fields` (``PipelineConfig.input_fields``).

A rule file that cannot be read is a configuration error: it raises
:class:`RuleFileError` when the crawler starts, before any page is fetched.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal

import attrs

try:
    from itemadapter import ItemAdapter
except ImportError as exc:  # pragma: no cover - depends on the environment
    msg = 'newsclean.contrib.scrapy needs Scrapy: pip install "newsclean[scrapy]"'
    raise ImportError(msg) from exc

from newsclean.api import Cleaner
from newsclean.article import Article
from newsclean.batch_io import Fields
from newsclean.errors import InvalidInputError, NewscleanError
from newsclean.options import Options
from newsclean.rules import RuleSet, load_site_packs

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings
    from scrapy.spiders import Spider
    from scrapy.statscollectors import StatsCollector

__all__ = ["NewscleanPipeline", "PipelineConfig"]

logger = logging.getLogger(__name__)

OutputMode = Literal["merge", "field"]


def _fields(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


#: The input names an item has by default: those of ``newsclean batch`` records.
_INPUT = Fields()
#: The inputs the pipeline reads (a crawl names items by URL, not by an id field);
#: each has a ``<name>_field`` argument and a ``NEWSCLEAN_<NAME>_FIELD`` setting.
_ITEM_INPUTS = ("text", "html", "url", "title", "fetched_at")


@attrs.frozen
class PipelineConfig:
    """Which item fields the pipeline reads and writes (from the ``NEWSCLEAN_*`` settings).

    The ``*_field`` arguments name the inputs; :attr:`input_fields` gives them as
    the :class:`~newsclean.batch_io.Fields` that reads them, the same as
    ``newsclean batch`` uses for JSON Lines records, defaults included.
    """

    text_field: str = _INPUT.text
    html_field: str = _INPUT.html
    url_field: str = _INPUT.url
    title_field: str = _INPUT.title
    fetched_at_field: str = _INPUT.fetched_at
    output: OutputMode = attrs.field(
        default="merge", validator=attrs.validators.in_(("merge", "field"))
    )
    fields: tuple[str, ...] | None = attrs.field(default=None, converter=_fields)
    article_field: str = "article"
    error_field: str = "newsclean_error"

    @property
    def input_fields(self) -> Fields:
        """The item fields read, as the batch reader's :class:`~newsclean.batch_io.Fields`."""
        names = {key: getattr(self, f"{key}_field") for key in _ITEM_INPUTS}
        return attrs.evolve(_INPUT, **names)

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> PipelineConfig:
        """Read the ``NEWSCLEAN_*`` settings; unset ones keep their defaults."""
        fields = settings.getlist("NEWSCLEAN_FIELDS") or None
        output = settings.get("NEWSCLEAN_OUTPUT", "merge")
        if output not in ("merge", "field"):
            msg = f"NEWSCLEAN_OUTPUT must be 'merge' or 'field', got {output!r}"
            raise ValueError(msg)
        inputs = {
            f"{key}_field": settings.get(f"NEWSCLEAN_{key.upper()}_FIELD", getattr(_INPUT, key))
            for key in _ITEM_INPUTS
        }
        return cls(
            **inputs,
            output=output,
            fields=fields,
            article_field=settings.get("NEWSCLEAN_ARTICLE_FIELD", "article"),
            error_field=settings.get("NEWSCLEAN_ERROR_FIELD", "newsclean_error"),
        )


def cleaner_from_settings(settings: BaseSettings) -> Cleaner:
    """A :class:`Cleaner` built from the ``NEWSCLEAN_*`` rule and option settings."""
    rules = RuleSet.bundled()
    for path in settings.getlist("NEWSCLEAN_RULES"):
        rules = rules.merged(RuleSet.from_file(path))
    languages = settings.getlist("NEWSCLEAN_LANGUAGES") or None
    options = attrs.evolve(
        Options(),
        languages=languages,
        disabled_rules=frozenset(settings.getlist("NEWSCLEAN_DISABLED_RULES")),
        detect_language=settings.getbool("NEWSCLEAN_DETECT_LANGUAGE", True),
        max_input_chars=settings.getint("NEWSCLEAN_MAX_INPUT_CHARS", Options().max_input_chars),
    )
    site_dir = settings.get("NEWSCLEAN_SITE_RULES")
    sites = load_site_packs(site_dir) if site_dir else {}
    return Cleaner(options=options, rules=rules, sites=sites)


class NewscleanPipeline:
    """Clean each item's ``html`` or ``text`` and add the article fields to it.

    Works with any item type Scrapy's ``itemadapter`` knows (dicts, ``scrapy.Item``,
    dataclass and attrs items). With ``scrapy.Item`` classes, declare the fields the
    pipeline writes; a field the item does not declare is skipped with a warning and
    counted as ``newsclean/undeclared_field``.

    Build it directly for use outside a crawl (or in tests)::

        pipeline = NewscleanPipeline(Cleaner(), PipelineConfig(output="field"))
        item = pipeline.process_item({"text": "..."})
    """

    def __init__(
        self,
        cleaner: Cleaner | None = None,
        config: PipelineConfig | None = None,
        stats: StatsCollector | None = None,
    ) -> None:
        self.cleaner = cleaner if cleaner is not None else Cleaner()
        self.config = config if config is not None else PipelineConfig()
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NewscleanPipeline:
        """Build the pipeline from the crawler's settings (Scrapy calls this)."""
        return cls(
            cleaner_from_settings(crawler.settings),
            PipelineConfig.from_settings(crawler.settings),
            crawler.stats,
        )

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        """Clean ``item`` in place and return it; never raises for bad input."""
        adapter = ItemAdapter(item)
        config = self.config
        inputs = config.input_fields.read(adapter)
        html, text = inputs["html"], inputs["text"]
        clean_html: Callable[..., Article] | None = getattr(self.cleaner, "clean_html", None)
        if html is not None and clean_html is not None:
            clean: Callable[..., Article] | None = clean_html
            source = html
        elif text is not None:
            clean, source = self.cleaner.clean_text, text
        elif html is not None:
            clean, source = None, html
        else:
            self._count("newsclean/skipped")
            return item
        url = inputs["url"]
        try:
            if clean is None:
                msg = (
                    f"item has HTML in {config.html_field!r} but this newsclean version has no "
                    f"Cleaner.clean_html; give the page text in {config.text_field!r} instead"
                )
                raise _UnsupportedInputError(msg)
            article = clean(
                source,
                url=url if isinstance(url, str) else None,
                fetched_at=_fetched_at(inputs["fetched_at"]),
                title=_title(inputs["title"]),
            )
        except NewscleanError as exc:
            self._record_error(adapter, exc, url)
            return item
        self._write(adapter, article)
        self._count("newsclean/cleaned")
        return item

    def _write(self, adapter: ItemAdapter, article: Article) -> None:
        data = article.to_dict()
        if self.config.output == "field":
            self._set(adapter, self.config.article_field, data)
            return
        keys = self.config.fields if self.config.fields is not None else tuple(data)
        for key in keys:
            if key in data:
                self._set(adapter, key, data[key])

    def _record_error(self, adapter: ItemAdapter, exc: NewscleanError, url: object) -> None:
        kind = "UnsupportedInput" if isinstance(exc, _UnsupportedInputError) else type(exc).__name__
        self._set(adapter, self.config.error_field, {"type": kind, "message": str(exc)})
        self._count("newsclean/errors")
        self._count(f"newsclean/errors/{kind}")
        logger.warning("newsclean could not clean %s: %s: %s", url or "an item", kind, exc)

    def _set(self, adapter: ItemAdapter, key: str, value: object) -> None:
        try:
            adapter[key] = value
        except KeyError:
            self._count("newsclean/undeclared_field")
            logger.warning(
                "newsclean: %s has no field %r; declare it to receive the value",
                type(adapter.item).__name__,
                key,
            )

    def _count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)


class _UnsupportedInputError(NewscleanError):
    """Input the installed newsclean cannot clean (HTML before ``clean_html`` exists)."""


def _fetched_at(value: object) -> dt.datetime | None:
    """An aware datetime from an item field: a datetime, an ISO 8601 string, or None.

    Anything else raises :class:`InvalidInputError`, recorded on the item: a fetch
    time is never guessed (and a naive one is rejected by ``clean_text``).
    """
    if value is None or isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
    msg = f"fetched_at must be an aware datetime or ISO 8601 string, got {value!r:.80}"
    raise InvalidInputError(msg)


def _title(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None

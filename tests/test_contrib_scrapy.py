"""The Scrapy item pipeline: unit behaviour, and a real crawl of a local server."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import newsclean
from tests.conftest import SEED

if os.environ.get("CI"):  # the extra is part of the test install: never skip in CI
    import scrapy  # noqa: F401
else:
    pytest.importorskip("scrapy")

from scrapy import Field, Item
from scrapy.utils.test import get_crawler

from newsclean.batch_io import Fields, Unit, UnitTask
from newsclean.contrib.scrapy import NewscleanPipeline, PipelineConfig

STORY = (
    "The city council voted on Tuesday to add dedicated bus lanes on three of the "
    "busiest avenues, a plan debated for more than two years."
)
ENGLISH = f"City Council Approves New Bus Lanes\nUpdated 5 mins ago\n{STORY}\nShare this article\n"


class _Stats:
    """The part of Scrapy's stats collector the pipeline uses."""

    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str) -> None:
        self.values[key] = self.values.get(key, 0) + 1


class _HtmlCleaner:
    """A cleaner with ``clean_html``, to check the pipeline's dispatch on its own."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def clean_text(self, text: str, **kwargs: Any) -> newsclean.Article:
        self.calls.append(("text", text))
        return newsclean.clean_text(text, **kwargs)

    def clean_html(self, html: str, **kwargs: Any) -> newsclean.Article:
        self.calls.append(("html", html))
        return newsclean.clean_text(STORY, **kwargs)


def _pipeline(**config: Any) -> tuple[NewscleanPipeline, _Stats]:
    stats = _Stats()
    return NewscleanPipeline(newsclean.Cleaner(), PipelineConfig(**config), stats), stats  # type: ignore[arg-type]


def test_merge_sets_article_fields_and_replaces_text_with_clean_text() -> None:
    pipeline, stats = _pipeline()
    item = {"text": ENGLISH, "url": "https://example.com/a/1", "fetched_at": "2024-11-14T12:00:00Z"}
    out = pipeline.process_item(item)
    assert out is item
    assert item["title"] == "City Council Approves New Bus Lanes"
    assert item["text"] == STORY
    assert item["language"]["code"] == "en"
    assert item["url"] == "https://example.com/a/1"
    assert item["published"] == "2024-11-14T11:55:00+00:00"
    assert [r["rule"] for r in item["removed"]] == [
        "structure.title",
        "en.relative-time",
        "en.share",
    ]
    assert "newsclean_error" not in item
    assert stats.values == {"newsclean/cleaned": 1}


def test_field_output_keeps_the_input_and_round_trips() -> None:
    pipeline, _ = _pipeline(output="field", article_field="clean")
    item = {"text": ENGLISH}
    pipeline.process_item(item)
    assert item["text"] == ENGLISH
    article = newsclean.Article.from_dict(item["clean"])
    assert article == newsclean.clean_text(ENGLISH)


def test_fields_limit_what_is_merged() -> None:
    pipeline, _ = _pipeline(fields=("title", "authors", "no-such-key"))
    item = {"text": ENGLISH}
    pipeline.process_item(item)
    assert set(item) == {"text", "title", "authors"}
    assert item["text"] == ENGLISH


@pytest.mark.parametrize(
    ("item", "kind"),
    [
        ({"text": b"bytes are not text"}, "InvalidInputError"),
        ({"text": "x" * 101}, "InputTooLargeError"),
        ({"text": ENGLISH, "fetched_at": "yesterday"}, "InvalidInputError"),
        ({"text": ENGLISH, "fetched_at": "2024-11-14T12:00:00"}, "InvalidInputError"),
        ({"text": ENGLISH, "fetched_at": 1731585600}, "InvalidInputError"),
    ],
)
def test_errors_are_recorded_on_the_item_not_raised(item: dict[str, Any], kind: str) -> None:
    import attrs

    cleaner = newsclean.Cleaner(attrs.evolve(newsclean.Options(), max_input_chars=100))
    stats = _Stats()
    pipeline = NewscleanPipeline(cleaner, PipelineConfig(), stats)  # type: ignore[arg-type]
    before = dict(item)
    assert pipeline.process_item(item) is item
    assert item.pop("newsclean_error")["type"] == kind
    assert item == before  # nothing else touched
    assert stats.values == {"newsclean/errors": 1, f"newsclean/errors/{kind}": 1}


def test_items_without_input_pass_through() -> None:
    pipeline, stats = _pipeline()
    item = {"url": "https://example.com/", "price": 3}
    assert pipeline.process_item(item) == {"url": "https://example.com/", "price": 3}
    assert stats.values == {"newsclean/skipped": 1}


def test_html_goes_to_clean_html_when_the_cleaner_has_it() -> None:
    cleaner = _HtmlCleaner()
    pipeline = NewscleanPipeline(cleaner, PipelineConfig())  # type: ignore[arg-type]
    item = {"html": "<p>page</p>", "text": "ignored"}
    pipeline.process_item(item)
    assert cleaner.calls == [("html", "<p>page</p>")]
    assert item["text"] == STORY


def test_html_without_clean_html_is_an_error_on_the_item_unless_text_is_there() -> None:
    class TextOnly:
        def clean_text(self, text: str, **kwargs: Any) -> newsclean.Article:
            return newsclean.clean_text(text, **kwargs)

    pipeline = NewscleanPipeline(TextOnly(), PipelineConfig())  # type: ignore[arg-type]
    only_html: dict[str, Any] = {"html": "<p>page</p>"}
    pipeline.process_item(only_html)
    assert only_html["newsclean_error"]["type"] == "UnsupportedInput"
    both = {"html": "<p>page</p>", "text": ENGLISH}
    pipeline.process_item(both)
    assert both["title"] == "City Council Approves New Bus Lanes"


def test_scrapy_items_get_declared_fields_and_warn_about_the_rest(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class ArticleItem(Item):
        text = Field()
        title = Field()
        newsclean_error = Field()

    pipeline, stats = _pipeline(fields=("title", "text", "authors"))
    item = ArticleItem(text=ENGLISH)
    pipeline.process_item(item)
    assert item["title"] == "City Council Approves New Bus Lanes"
    assert item["text"] == STORY
    assert stats.values["newsclean/undeclared_field"] == 1
    assert "no field 'authors'" in caplog.text


def test_settings_configure_fields_and_cleaner(tmp_path: Path) -> None:
    rules = tmp_path / "extra.toml"
    rules.write_text(
        'language = "en"\n[[rule]]\nid = "en.share"\nkind = "share"\nreason = "off"\n'
        'phrases = ["share this article"]\nenabled = false\n',
        encoding="utf-8",
    )
    crawler = get_crawler(
        settings_dict={
            "NEWSCLEAN_TEXT_FIELD": "body",
            "NEWSCLEAN_URL_FIELD": "link",
            "NEWSCLEAN_OUTPUT": "field",
            "NEWSCLEAN_ARTICLE_FIELD": "nc",
            "NEWSCLEAN_LANGUAGES": ["en"],
            "NEWSCLEAN_DETECT_LANGUAGE": False,
            "NEWSCLEAN_RULES": [str(rules)],
        }
    )
    pipeline = NewscleanPipeline.from_crawler(crawler)
    assert pipeline.cleaner.options.languages == ("en",)
    item = {"body": ENGLISH, "link": "https://example.com/x"}
    pipeline.process_item(item)
    assert item["nc"]["url"] == "https://example.com/x"
    assert item["nc"]["language"]["code"] == "und"
    assert "Share this article" in item["nc"]["text"]  # the rule was switched off


def test_bad_output_setting_fails_at_start() -> None:
    with pytest.raises(ValueError, match="NEWSCLEAN_OUTPUT"):
        NewscleanPipeline.from_crawler(get_crawler(settings_dict={"NEWSCLEAN_OUTPUT": "both"}))


def test_config_reads_items_with_the_batch_readers_fields() -> None:
    """PipelineConfig's input names are a batch_io.Fields, with its defaults.

    The constructor keeps its arguments, in their order.
    """
    assert PipelineConfig().input_fields == Fields()
    config = PipelineConfig("body", "page", "link", "headline", "when")
    assert config.input_fields == Fields(
        text="body", html="page", url="link", title="headline", fetched_at="when"
    )


def test_settings_name_the_same_fields_as_the_batch_reader() -> None:
    settings = {
        "NEWSCLEAN_TEXT_FIELD": "body",
        "NEWSCLEAN_HTML_FIELD": "page",
        "NEWSCLEAN_URL_FIELD": "link",
        "NEWSCLEAN_TITLE_FIELD": "headline",
        "NEWSCLEAN_FETCHED_AT_FIELD": "when",
    }
    config = PipelineConfig.from_settings(get_crawler(settings_dict=settings).settings)
    assert config.input_fields == Fields(
        text="body", html="page", url="link", title="headline", fetched_at="when"
    )
    assert PipelineConfig.from_settings(get_crawler().settings) == PipelineConfig()


def test_pipeline_and_batch_reader_read_a_record_alike() -> None:
    """One record with renamed fields cleans to the same article by both paths."""
    record = {
        "body": f"{STORY}\nUpdated 5 mins ago",
        "link": "https://example.com/bus-lanes",
        "headline": "Bus lanes approved",
        "when": "2024-11-14T12:00:00+00:00",
        "text": "Not this field.",
        "url": "https://example.com/not-this-one",
    }
    fields = Fields(text="body", url="link", title="headline", fetched_at="when")
    cleaner = newsclean.Cleaner()
    unit = Unit("jsonl", 1, data=json.dumps(record).encode())
    batch = UnitTask(fields).clean(cleaner, unit)
    assert batch.article is not None
    pipeline = NewscleanPipeline(
        cleaner,
        PipelineConfig(
            text_field="body",
            url_field="link",
            title_field="headline",
            fetched_at_field="when",
            output="field",
        ),
    )
    item = pipeline.process_item(dict(record))
    assert item["article"] == batch.article.to_dict()
    assert item["article"]["url"] == "https://example.com/bus-lanes"
    assert item["article"]["title"] == "Bus lanes approved"
    assert item["article"]["published"] == "2024-11-14T11:55:00+00:00"


# A real crawl. Scrapy's Twisted reactor cannot be restarted in one process, so the
# crawl runs in a child process; the pages come from a server on the loopback
# interface started here, on a port the system picks.

SPIDER = textwrap.dedent(
    """
    import json, sys
    from scrapy import Spider
    from scrapy.crawler import CrawlerProcess

    base, feed, stats_path = sys.argv[1], sys.argv[2], sys.argv[3]

    class Pages(Spider):
        name = "pages"
        start_urls = [f"{base}/{name}" for name in ("seed.txt", "english.txt", "huge.txt")]

        def parse(self, response):
            yield {
                "text": response.text,
                "url": response.url,
                "fetched_at": "2024-11-14T12:00:00+00:00",
            }

    process = CrawlerProcess(settings={
        "ITEM_PIPELINES": {"newsclean.contrib.scrapy.NewscleanPipeline": 300},
        "NEWSCLEAN_MAX_INPUT_CHARS": 20000,
        "FEEDS": {feed: {"format": "jsonlines", "encoding": "utf8"}},
        "ROBOTSTXT_OBEY": False,
        "HTTPPROXY_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "CLOSESPIDER_TIMEOUT": 60,
        "DOWNLOAD_TIMEOUT": 15,
        "RETRY_ENABLED": False,
        "LOG_LEVEL": "WARNING",
    })
    crawler = process.create_crawler(Pages)
    process.crawl(crawler)
    process.start()
    stats = {k: v for k, v in crawler.stats.get_stats().items()
             if k.startswith(("newsclean/", "item_scraped_count", "finish_reason"))}
    with open(stats_path, "w", encoding="utf-8") as f:
        json.dump(stats, f)
    """
)


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {".txt": "text/plain; charset=utf-8"}  # noqa: RUF012

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "site"
    root.mkdir()
    (root / "seed.txt").write_bytes(SEED.read_bytes())
    (root / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (root / "huge.txt").write_text(f"{STORY}\n" * 200, encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_a_real_crawl_cleans_every_page_and_records_errors(site: str, tmp_path: Path) -> None:
    script = tmp_path / "crawl.py"
    script.write_text(SPIDER, encoding="utf-8")
    feed, stats_path = tmp_path / "items.jsonl", tmp_path / "stats.json"
    # The child imports the same newsclean as this process; no proxy for loopback.
    package_root = str(Path(newsclean.__file__).resolve().parents[1])
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    env["NO_PROXY"] = "127.0.0.1,localhost"
    result = subprocess.run(
        [sys.executable, str(script), site, str(feed), str(stats_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    items = {
        item["url"].rsplit("/", 1)[1]: item
        for item in map(json.loads, feed.read_text(encoding="utf-8").splitlines())
    }
    assert set(items) == {"seed.txt", "english.txt", "huge.txt"}

    seed = items["seed.txt"]
    expected = newsclean.clean_text(
        SEED.read_text(encoding="utf-8"),
        url=seed["url"],
        fetched_at=dt.datetime(2024, 11, 14, 12, tzinfo=dt.timezone.utc),
    )
    assert (
        newsclean.Article.from_dict({k: v for k, v in seed.items() if k not in ("text",)})
        == expected
    )
    assert seed["text"] == expected.text
    assert seed["published"] == "2024-10-24T12:00:00+00:00"

    english = items["english.txt"]
    assert english["title"] == "City Council Approves New Bus Lanes"
    assert english["text"] == STORY

    huge = items["huge.txt"]
    assert huge["newsclean_error"]["type"] == "InputTooLargeError"
    assert huge["text"].startswith(STORY)  # left as it was

    stats = json.loads(stats_path.read_text(encoding="utf-8"))
    assert stats["item_scraped_count"] == 3
    assert stats["newsclean/cleaned"] == 2
    assert stats["newsclean/errors/InputTooLargeError"] == 1
    assert stats["finish_reason"] == "finished"

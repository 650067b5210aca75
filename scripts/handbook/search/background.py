"""Build the search index in a second process while the build is still rendering pages.

Building the index is the build's largest single step (about 4 s of a 1,000-chapter handbook's
build; README "Search performance"), and it used to start only once every page had been written,
from Material's ``search_index.json``. Cutting each page into search documents took another
second, as MkDocs rendered it. Yet a page can be indexed as soon as it is rendered, and the build
machine has a second core that MkDocs, one process, leaves idle. So the build hands each page to a
second process as it goes (``add_page``). That process makes the page's search documents (with
Material's own code, given by the adapter), splits and labels them and adds them to the index,
while MkDocs renders the next pages; when the build ends, it only writes the shards (``finish``).

The index must be the one ``index.prebuild_search_index`` builds from Material's documents. The
documents are made by the same code from the same page, so ``finish`` checks what could still
differ: that Material's settings in the file are the ones the index used, and that every page
handed over was indexed. If not, or if the second process failed, it writes nothing and says why,
and the caller builds the index at the end, in this process, as before. The result is the same
either way (tests/unit/search/test_background.py, tests/site/test_search_build.py); only the time
differs.

No MkDocs here: the adapter (``adapter/search.py``) hands over the pages and says how a page's
documents are made (``adapter/material_search_documents.py``).
"""

from __future__ import annotations

import json
import time
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from handbook.content.editions import Editions
from handbook.core.second_process import Channel, SecondProcess, SecondProcessFailed
from handbook.search.docs import PageFacts, numbered_paragraphs
from handbook.search.index import (
    IndexBuilder,
    IndexSettings,
    PrebuiltIndex,
    prepared_documents,
    query_settings,
    write_manifest,
)
from handbook.search.shards import write_shards
from handbook.search.synonyms import Synonyms

_FINISH = "finish"


class BackgroundIndex:
    """The search index, built page by page in a second process (see the module's docstring).

    ``material_config`` is the ``config`` Material will write in ``search_index.json`` (its
    separator, pipeline, fields and language): the index needs it from the first page.
    ``documents_of`` makes a page's search documents, in the second process, from the ``page``
    handed to ``add_page`` (the adapter gives Material's own code; it must be picklable).
    """

    def __init__(
        self,
        material_config: Mapping[str, Any],
        editions: Editions,
        synonym_pairs: Iterable[tuple[Sequence[str], str]],
        scripts: bool,
        documents_of: Callable[[Any], list[dict[str, Any]]],
    ) -> None:
        self.material_config = json.loads(json.dumps(material_config))  # as the file will have it
        #: how many pages were handed over: ``finish`` checks the second process indexed them all
        self.pages = 0
        #: why ``finish`` built nothing, for the build log
        self.why_not: str | None = None
        #: how long ``finish`` waited for the second process, in seconds (the benchmark reports it)
        self.waited = 0.0
        self._process = SecondProcess(_index_pages)
        self._process.send((self.material_config, editions, list(synonym_pairs), scripts, documents_of))

    def add_page(self, url: str, page: Any, facts: PageFacts, html: str) -> None:
        """Hand over one page: what its search documents are made from, its front matter's facts,
        and its HTML (its numbered paragraphs are found in it, in the other process). A page that
        cannot be pickled raises here."""
        self._process.send((url, page, facts, html))
        self.pages += 1

    def finish(self, path: Path) -> PrebuiltIndex | None:
        """Write the shards beside Material's ``search_index.json`` (``path``) and rewrite it as the
        manifest, if every page handed over was indexed with the settings the file has; otherwise
        None, nothing is written, and ``why_not`` says why (the caller then runs
        ``prebuild_search_index``)."""
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("config") != self.material_config:
            self.why_not = "Material's search settings in search_index.json are not the ones it was given"
            self.cancel()
            return None
        self._process.send((_FINISH, str(path.parent)))
        started = time.perf_counter()
        try:
            outcome = self._process.receive()
        except SecondProcessFailed as exc:
            outcome = ("failed", str(exc))
        self.waited = time.perf_counter() - started
        self.cancel()
        if outcome[0] != "done":
            self.why_not = outcome[1]
            return None
        _, shards, documents, terms, query, pages = outcome
        if pages != self.pages:  # cannot happen while pages are pickled in add_page: checked all the same
            self.why_not = f"{self.pages} pages were handed over and {pages} indexed"
            return None
        write_manifest(path, data, shards, query)
        return PrebuiltIndex(documents=documents, terms=terms, shards=shards)

    def cancel(self) -> None:
        """Stop the second process (a failed build, or a build that no longer needs it)."""
        self._process.stop()


def _index_pages(channel: Channel) -> None:
    """The second process: index each page as it arrives; at the end, write the shards."""
    try:
        material_config, editions, synonym_pairs, scripts, documents_of = channel.receive()
        settings = IndexSettings.from_material(material_config)
        synonyms = Synonyms(synonym_pairs, settings.pattern)
        builder = IndexBuilder(settings, synonyms)
        docs: list[dict[str, Any]] = []
        indexed = 0
        while True:
            message = channel.receive()
            if message[0] == _FINISH:
                shards = write_shards(Path(message[1]), builder.compact(), docs, scripts)
                query = query_settings(settings, synonyms)
                channel.send(("done", shards, len(docs), len(builder.postings), query, indexed))
                return
            url, page, facts, html = message
            paragraphs = {url: numbered_paragraphs(html)}
            for doc in prepared_documents(documents_of(page), {url: facts}, paragraphs, editions):
                builder.add(doc, doc.get("boost"))
                docs.append(doc)
            indexed += 1
    except EOFError:
        return  # the build has gone (killed, or it stopped needing the index)
    except Exception:  # any failure: the build builds the index at the end, which reports it plainly
        channel.send(("failed", traceback.format_exc()))

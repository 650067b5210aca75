"""Build the search index in a second process while the build is still rendering pages.

Building the index is the build's largest single step (about 4 s of a 1,000-chapter handbook's
build; README "Search performance"), and it used to start only once every page had been written,
from Material's ``search_index.json``. Yet each page's search documents are known as soon as the
page is rendered, and the build machine has a second core that MkDocs, one process, leaves idle.
So the build hands each page's documents to a second process as it goes (``add_page``). That
process splits and labels them and adds them to the index while MkDocs renders the next pages;
when the build ends, it only writes the shards (``finish``).

The index must stay exactly the one ``index.prebuild_search_index`` builds from the file. So
``finish`` first compares what it was given with the file Material wrote: the same settings and
the same documents, in the same order. If anything differs (a plugin changed the documents, an
incremental rebuild of ``mkdocs serve --dirty``, a page the build skipped), or the second process
failed, it builds nothing and says so, and the caller builds the index from the file as before.
The result is the same either way; only the time differs.

No MkDocs here: the adapter (``adapter/search.py``) reads each page's documents from Material's
search plugin and calls this.
"""

from __future__ import annotations

import json
import multiprocessing
import queue
import traceback
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from handbook.content.editions import Editions
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

#: How long ``finish`` waits for the second process, at most, once it has been sent every page.
FINISH_TIMEOUT_S = 600.0
#: How often ``finish`` checks that the second process is still alive while it waits.
POLL_S = 0.5
_FINISH = "finish"


class BackgroundIndex:
    """The search index, built page by page in a second process (see the module's docstring).

    ``material_config`` is the ``config`` Material will write in ``search_index.json`` (its
    separator, pipeline, fields and language): the index needs it from the first page.
    """

    def __init__(
        self,
        material_config: Mapping[str, Any],
        editions: Editions,
        synonym_pairs: Iterable[tuple[Sequence[str], str]],
        scripts: bool,
    ) -> None:
        self.material_config = json.loads(json.dumps(material_config))  # as the file will have it
        #: every document handed over, in order: ``finish`` compares them with the file
        self.sent: list[Any] = []
        #: why ``finish`` built nothing, for the build log
        self.why_not: str | None = None
        # "spawn": a fresh interpreter, so nothing of MkDocs' process (threads, open files) is copied.
        context = multiprocessing.get_context("spawn")
        self._pages: Any = context.Queue()
        self._results: Any = context.Queue()
        self._process = context.Process(
            target=_index_pages,
            args=(self._pages, self._results, self.material_config, editions, list(synonym_pairs), scripts),
            name="handbook search index",
            daemon=True,
        )
        self._process.start()

    def add_page(self, url: str, documents: Sequence[Mapping[str, Any]], facts: PageFacts, html: str) -> None:
        """Hand over one page: Material's search documents for it, its front matter's facts, and its
        HTML (the numbered paragraphs are found in it, in the other process)."""
        documents = list(documents)
        self.sent.extend(documents)
        self._pages.put((url, documents, facts, html))

    def finish(self, path: Path) -> PrebuiltIndex | None:
        """Write the shards beside Material's ``search_index.json`` (``path``) and rewrite it as the
        manifest, if the index was built from what the file holds; otherwise None, and nothing
        is written (the caller then runs ``prebuild_search_index``)."""
        data = json.loads(path.read_text(encoding="utf-8"))
        docs = data.get("docs")
        if data.get("config") != self.material_config:
            self.why_not = "Material's search settings in search_index.json are not the ones it was given"
        elif docs != self.sent and docs != _as_json(self.sent):
            self.why_not = "search_index.json holds other documents than the pages handed over"
        if self.why_not:
            self.cancel()
            return None
        self._pages.put((_FINISH, str(path.parent)))
        outcome = self._wait()
        self.cancel()
        if outcome is None or outcome[0] != "done":
            self.why_not = outcome[1] if outcome else "the second process stopped or did not answer"
            return None
        _, shards, documents, terms, query = outcome
        write_manifest(path, data, shards, query)
        return PrebuiltIndex(documents=documents, terms=terms, shards=shards)

    def cancel(self) -> None:
        """Stop the second process (a failed build, or a build that no longer needs it)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(timeout=5)
        for channel in (self._pages, self._results):
            channel.close()
            channel.cancel_join_thread()

    def _wait(self) -> tuple[Any, ...] | None:
        waited = 0.0
        while waited < FINISH_TIMEOUT_S:
            try:
                return self._results.get(timeout=POLL_S)
            except queue.Empty:
                if not self._process.is_alive():
                    return None
                waited += POLL_S
        return None


def _as_json(documents: list[Any]) -> list[Any]:
    """The documents as ``search_index.json`` holds them (tuples become lists, and so on)."""
    return json.loads(json.dumps(documents, ensure_ascii=False))


def _index_pages(
    pages: Any,
    results: Any,
    material_config: Mapping[str, Any],
    editions: Editions,
    synonym_pairs: list[tuple[Sequence[str], str]],
    scripts: bool,
) -> None:
    """The second process: index each page as it arrives; at the end, write the shards."""
    try:
        settings = IndexSettings.from_material(material_config)
        synonyms = Synonyms(synonym_pairs, settings.pattern)
        builder = IndexBuilder(settings, synonyms)
        docs: list[dict[str, Any]] = []
        parent = multiprocessing.parent_process()
        while True:
            try:
                message = pages.get(timeout=POLL_S)
            except queue.Empty:
                if parent is not None and not parent.is_alive():
                    return  # the build was killed (a daemon is only stopped by a parent that exits normally)
                continue
            if message[0] == _FINISH:
                shards = write_shards(Path(message[1]), builder.compact(), docs, scripts)
                results.put(("done", shards, len(docs), len(builder.postings), query_settings(settings, synonyms)))
                return
            url, documents, facts, html = message
            for doc in prepared_documents(documents, {url: facts}, {url: numbered_paragraphs(html)}, editions):
                builder.add(doc, doc.get("boost"))
                docs.append(doc)
    except Exception:  # any failure: the build builds the index from the file, which reports it plainly
        results.put(("failed", traceback.format_exc()))

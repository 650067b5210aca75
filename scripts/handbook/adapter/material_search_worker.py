"""Put the handbook's search code in front of Material's search worker (see search/worker.js).

Material for MkDocs 9.8 names its worker in every page (``assets/javascripts/workers/search.<hash>.min.js``);
the build replaces that file's content with ``search/worker.js`` followed by Material's own code, so
no template changes. Material's source map is shifted by the added lines so it still points at
Material's sources. The prelude is sent minified (comments and spaces removed by rjsmin; the first
comment names the file to read): its comments are half its size, and every page load fetches it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import rjsmin

from handbook.core.errors import HandbookError

#: The handbook's part of the worker.
PRELUDE = Path(__file__).parents[1] / "search" / "worker.js"
#: Material's worker, as a site path (``search.<hash>.min.js``).
WORKER_PATH = re.compile(r"^assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")
#: What search/worker.js relies on in Material's worker: it sets the global ``lunr`` and builds with it.
SEAMS = ("self.lunr=", "this.index=lunr(function(){", "this.tokenizer=", "extractor:")


class WorkerChanged(HandbookError):
    """Material's search worker is not the one search/worker.js was written for."""


def combine(material_worker: str, prelude: str | None = None) -> str:
    """The handbook's prelude, then Material's worker; refuse a worker without the expected seams."""
    missing = [seam for seam in SEAMS if seam not in material_worker]
    if missing:
        raise WorkerChanged(
            "Material's search worker is not the one the handbook's prebuilt search index was written for "
            f"(it lacks {', '.join(missing)}). Check scripts/handbook/search/worker.js against the new "
            "Material version before building."
        )
    prelude = shipped_prelude() if prelude is None else prelude
    return prelude.rstrip("\n") + "\n" + material_worker


def shipped_prelude() -> str:
    """search/worker.js as the build sends it: minified, keeping its first (``/*!``) comment."""
    return rjsmin.jsmin(PRELUDE.read_text(encoding="utf-8"), keep_bang_comments=True)


def prelude_lines(prelude: str | None = None) -> int:
    prelude = shipped_prelude() if prelude is None else prelude
    return prelude.rstrip("\n").count("\n") + 1


def shift_source_map(source_map: str, lines: int) -> str:
    """A source map for the combined file: every mapping moves down by the prelude's lines."""
    data = json.loads(source_map)
    data["mappings"] = ";" * lines + data["mappings"]
    return json.dumps(data, separators=(",", ":"))

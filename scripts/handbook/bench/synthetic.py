"""Synthetic handbooks for the search benchmark: the real handbook plus N generated chapters.

The chapters follow the content model (front matter that ``core.model.PageMeta`` accepts, numbered
sections with fixed anchors, numbered paragraphs in edition chapters) and are about 1,200 words
each, made of sentences from the handbook's own hosted text, so pages, search documents and index
terms look like the real thing at the size of a real manual.

Two builds of the same pages are prepared:

* ``ours``: the project's ``mkdocs.yml`` and ``mkdocs.fileshare.yml`` with the chapters in the nav,
  built by the handbook's full pipeline (``site.build.build``: validation, the handbook plugin, prebuilt search index,
  link check);
* ``plain``: the same Markdown in a plain Material configuration: Material's defaults (its search
  builds the index in the browser) but the handbook's theme features, so that both builds write
  the same menus, and only what Material needs to work with no internet at all:
  ``theme.font: false`` and, for ``file://``, the ``offline`` plugin with the local iframe-worker
  shim. The Markdown extensions are the handbook's, so both builds render the same content.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from handbook.core.config_file import parse_config
from handbook.core.frontmatter import split_front_matter
from handbook.core.model import PageMeta
from handbook.core.sources import content_files
from handbook.site.vendor import VENDOR_ASSETS

#: Where the generated chapters go (published under /procedures/synthetic/).
CHAPTER_DIR = "procedures/synthetic"
#: Chapters per navigation section, and sections per part, so the nav looks like a manual's: a
#: chapter's page lists the parts, the sections of its own part and the chapters of its own section.
#: (Material renders the second level of the nav open on every page of a tab, and with
#: ``navigation.prune`` only the open levels: 1,000 chapters in sections of one level put every
#: chapter's link in every chapter's HTML, 0.33 MB, whatever the search.)
PER_SECTION = 50
SECTIONS_PER_PART = 5
#: Each chapter: sections of roughly this many words.
SECTIONS_PER_CHAPTER = 5
WORDS_PER_SECTION = 225
#: Every EDITION_EVERY-th chapter is an edition chapter (replaced guidance with numbered paragraphs).
EDITION_EVERY = 4
EDITION_YEARS = (2010, 2013, 2018)

_STRIP = [
    (re.compile(r"^---\n.*?\n---\n", re.DOTALL), ""),
    (re.compile(r"```.*?```", re.DOTALL), " "),
    (re.compile(r"<[^>]+>"), " "),
    (re.compile(r"\[\^[^\]]+\]:?"), " "),
    (re.compile(r"\[§[0-9.]+\]"), " "),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\{[#:.][^}]*\}"), " "),
    (re.compile(r"^\s*(#+|[-*]|\d+\.|>|!!!.*|\|.*)\s*", re.MULTILINE), ""),
    (re.compile(r"[*_`]"), ""),
]
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")


@dataclass(frozen=True)
class SyntheticHandbook:
    """A generated project folder and the configuration files to build it with."""

    root: Path
    chapters: int

    @property
    def chapter_src_uris(self) -> list[str]:
        return [f"{CHAPTER_DIR}/chapter-{number:04d}.md" for number in range(1, self.chapters + 1)]

    def config(self, variant: str, edition: str) -> Path:
        """``variant`` ours|plain, ``edition`` http|fileshare."""
        names = {
            ("ours", "http"): "mkdocs.yml",
            ("ours", "fileshare"): "mkdocs.fileshare.yml",
            ("plain", "http"): "mkdocs.plain.yml",
            ("plain", "fileshare"): "mkdocs.plain-fileshare.yml",
        }
        return self.root / names[(variant, edition)]


def sentence_pool(project: Path) -> list[str]:
    """Sentences of the hosted text (Working Together and the procedures), markup removed."""
    sentences: list[str] = []
    for path, src_uri in content_files(project):
        if not src_uri.startswith(("working-together/", "procedures/")):
            continue
        text = path.read_text(encoding="utf-8")
        for pattern, replacement in _STRIP:
            text = pattern.sub(replacement, text)
        for paragraph in re.split(r"\n\s*\n", text):
            words = " ".join(paragraph.split())
            for sentence in _SENTENCE.split(words):
                if 6 <= len(sentence.split()) <= 60 and sentence[-1:] in ".;:":
                    sentences.append(sentence)
    if not sentences:
        raise ValueError(f"no sentences found under {project}: is it the handbook's folder?")
    return sentences


def _heading(rng: random.Random, sentences: list[str]) -> str:
    words = [w.strip(",.;:()'\"") for w in rng.choice(sentences).split()]
    words = [w for w in words if w][:6]
    return " ".join(words).capitalize()


def chapter_markdown(number: int, sentences: list[str], rng: random.Random) -> str:
    """One chapter: valid front matter, a title, numbered sections (and paragraphs, for edition chapters)."""
    edition_chapter = number % EDITION_EVERY == 0
    title = f"Chapter {number}: {_heading(rng, sentences)}"
    front = {
        "title": title,
        "kind": "edition-chapter" if edition_chapter else "procedure",
        "status": "statutory" if edition_chapter else "local procedure",
        "owner": "LSCB administrator",
        "last_reviewed": "2026-11-22",
        "review_due": "2027-11-22",
        "source": "Generated for the search benchmark from the handbook's own text",
        "description": f"Synthetic chapter {number} for the search benchmark.",
    }
    if edition_chapter:
        front["edition"] = EDITION_YEARS[(number // EDITION_EVERY) % len(EDITION_YEARS)]
        front["cite_as"] = f"Synthetic chapter {number}"
    PageMeta.model_validate(front)  # the generator must never make a page the build would refuse
    lines = ["---", yaml.safe_dump(front, sort_keys=False, allow_unicode=True).strip(), "---", "", f"# {title}", ""]
    paragraph = 0
    for section in range(1, SECTIONS_PER_CHAPTER + 1):
        lines += [f"## {section}. {_heading(rng, sentences)} {{#section-{section}}}", ""]
        words = 0
        while words < WORDS_PER_SECTION:
            chosen: list[str] = []
            for _ in range(rng.randint(2, 4)):
                if words >= WORDS_PER_SECTION:
                    break
                sentence = rng.choice(sentences)
                chosen.append(sentence)
                words += len(sentence.split())
            text = " ".join(chosen)
            if edition_chapter:
                paragraph += 1
                text = f"[§{paragraph}] {text}"
            lines += [text, ""]
    return "\n".join(lines)


def _nav_with_chapters(nav: list, chapters: list[str]) -> list:
    """The handbook's nav with the chapters under one tab: parts of SECTIONS_PER_PART sections of
    PER_SECTION chapters."""
    sections = []
    for start in range(0, len(chapters), PER_SECTION):
        block = chapters[start : start + PER_SECTION]
        label = f"Chapters {start + 1}–{start + len(block)}"
        sections.append({label: [{f"Chapter {start + offset + 1}": uri} for offset, uri in enumerate(block)]})
    per_part = PER_SECTION * SECTIONS_PER_PART
    parts = []
    for number, first in enumerate(range(0, len(sections), SECTIONS_PER_PART), start=1):
        last = min(number * per_part, len(chapters))
        label = f"Part {number}: chapters {(number - 1) * per_part + 1}–{last}"
        parts.append({label: sections[first : first + SECTIONS_PER_PART]})
    return [*nav, {"Synthetic chapters": parts}]


def _replace_nav(config_text: str, nav: list) -> str:
    """The configuration text with its top-level ``nav:`` block replaced."""
    lines = config_text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("nav:"))
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"^[A-Za-z_]", lines[i])), len(lines))
    block = yaml.safe_dump({"nav": nav}, sort_keys=False, allow_unicode=True)
    return "".join([*lines[:start], block, *lines[end:]])


def _plain_config(config: dict, nav: list, offline: bool) -> dict:
    plain: dict = {
        "site_name": config["site_name"],
        "docs_dir": "plain-docs",
        "use_directory_urls": True,
        # The handbook's theme features (tabs, sections, pruned menus…), so both builds write the same
        # menus: without navigation.prune, plain Material writes the whole menu into every page, and
        # the comparison measured menus, not the handbook's pipeline.
        "theme": {"name": "material", "font": False, "features": list(config["theme"].get("features", []))},
        "plugins": {"search": {}},
        "markdown_extensions": config["markdown_extensions"],
        "nav": nav,
    }
    if offline:
        plain["plugins"]["offline"] = {}
        plain["extra"] = {"polyfills": ["assets/vendor/iframe-worker/shim.js"]}
    return plain


def generate(project: Path, target: Path, chapters: int, seed: int = 2024) -> SyntheticHandbook:
    """Make ``target`` a copy of the handbook at ``project`` with ``chapters`` generated chapters."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for folder in ("docs", "procedures", "data", "flowcharts"):
        if (project / folder).is_dir():
            shutil.copytree(project / folder, target / folder)
    for link in ("overrides", "scripts", "node_modules"):
        (target / link).symlink_to((project / link).resolve())
    rng = random.Random(seed)
    sentences = sentence_pool(project)
    handbook = SyntheticHandbook(target, chapters)
    (target / CHAPTER_DIR).mkdir(parents=True, exist_ok=True)
    for number, src_uri in enumerate(handbook.chapter_src_uris, start=1):
        (target / src_uri).write_text(chapter_markdown(number, sentences, rng), encoding="utf-8")

    config_text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = parse_config(config_text)
    nav = _nav_with_chapters(config["nav"], handbook.chapter_src_uris)
    (target / "mkdocs.yml").write_text(_replace_nav(config_text, nav), encoding="utf-8")
    shutil.copy(project / "mkdocs.fileshare.yml", target / "mkdocs.fileshare.yml")

    # The plain build reads every page from one folder, as a plain MkDocs project would.
    plain_docs = target / "plain-docs"
    shutil.copytree(target / "docs", plain_docs)
    shutil.copytree(target / "procedures", plain_docs / "procedures", dirs_exist_ok=True)
    for path in plain_docs.rglob("*.md"):
        # Material reads "status" as a navigation badge; the content model's values are not badges.
        parts = split_front_matter(path.read_text(encoding="utf-8"))
        if parts is not None:
            front, _line, body = parts
            front = re.sub(r"(?m)^status:.*\n", "", front)
            path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    shim = next(site for site in VENDOR_ASSETS if "iframe-worker/shim" in site)
    (plain_docs / shim).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(project / VENDOR_ASSETS[shim], plain_docs / shim)
    for edition, offline in (("http", False), ("fileshare", True)):
        plain = _plain_config(config, nav, offline)
        handbook.config("plain", edition).write_text(
            yaml.dump(plain, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return handbook

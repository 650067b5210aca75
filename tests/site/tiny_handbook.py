"""A tiny handbook made by the tests: two pages, four edition pages and the least data the build needs.

The failure tests (a bad page, a broken link, a missing anchor, a bad chart or citation) break a
handbook and check that the build stops with the file and line and keeps the last good site. They
need a real build, with the whole plugin, but not the real handbook's 80 pages: building this one takes
about a second, the real one much longer. It uses the real configuration (``mkdocs.yml`` and
``mkdocs.fileshare.yml`` with a short ``nav:``), templates, stylesheets, scripts and editions, so
what it proves holds for the real build too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from handbook import PROJECT_ROOT

#: Copied from the real handbook (small); the code and the installed packages are linked.
COPIED = ["mkdocs.fileshare.yml", "overrides", "docs/assets", "data/editions.yml"]
LINKED = ["scripts", "node_modules"]

FRONT = """---
title: {title}
kind: {kind}
status: {status}
owner: LSCB administrator
last_reviewed: 2026-11-22
review_due: 2027-11-22
source: {source}{extra}
---

# {title}

"""

#: A procedure chapter written for this handbook that keeps every rule (handbook.rules.procedure_rules).
CHAPTER_BODY = """<div class="hb-box hb-box--approval" markdown>

**Not yet approved for use.** The LSCB must approve this chapter locally before anyone relies on it
([Working Together 2010](../working-together/2010/index.md)).

</div>

<div class="hb-box hb-box--scope" markdown>

## Scope {#scope}

This chapter is for everyone who works with children. See the [home page](../index.md).

</div>

<div class="hb-box hb-box--related" markdown>

## Related chapters {#related-chapters}

- [Home](../index.md)

</div>

<div class="hb-box hb-box--guidance" markdown>

## Relevant guidance {#relevant-guidance}

- [Working Together 2010](../working-together/2010/index.md)

</div>

## 1. Who to call {#section-1}

Call children's social care. A practitioner should refer a child who may be at risk
([Working Together 2010](../working-together/2010/index.md)).
"""

#: The LSCB's own text, mirrored (so the chapter rules do not apply): numbered sections and paragraphs.
PREFACE_BODY = """## 2.2 Functions of the LSCB {#section-2-2}

[§1] The LSCB develops the procedures.

[§2] The LSCB checks that they are followed.

## 4. Leaflets {#section-4}

The LSCB publishes leaflets.
"""

#: A chart: one step, linking to and citing a numbered paragraph.
CHART = """title: "Referral: a tiny chart"
description: What happens when a child is referred.
owner: LSCB administrator
last_reviewed: 2026-11-22
review_due: 2027-11-22
order: 1
diagrams:
  - id: referral
    editions: [2013, 2015, 2018]
    acc_title: "Flowchart: referral"
    acc_descr: A referral is made, then the LSCB checks the procedures are followed.
    nodes:
      refer:
        kind: start
        label: Someone makes a referral
        link: procedures/preface-and-introduction.md#para-1
        next: [check]
      check:
        kind: end
        label: The LSCB checks the procedures are followed
        link: procedures/preface-and-introduction.md#para-2
"""

#: The pages: path -> (title, kind, status, extra front matter, body).
PAGES: dict[str, tuple[str, str, str, str, str]] = {
    "docs/index.md": (
        "Tiny handbook",
        "home",
        "information",
        "",
        "Read [Making a referral](procedures/referrals.md) and [Compare editions](compare/index.md).\n",
    ),
    "procedures/referrals.md": (
        "Making a referral",
        "procedure",
        "local procedure",
        "",
        CHAPTER_BODY,
    ),
    "procedures/preface-and-introduction.md": (
        "Preface and introduction",
        "procedure",
        "local procedure",
        "\ncite_as: Tiny LSCB procedures, preface",
        PREFACE_BODY,
    ),
    "docs/administrators-guide.md": (
        "Administrators' guide",
        "guide",
        "information",
        "",
        "How to publish a page.\n",
    ),
    "docs/compare/index.md": (
        "Compare editions",
        "comparison",
        "information",
        "",
        "<!-- handbook: compare hub -->\n",
    ),
    **{
        f"docs/working-together/{year}/index.md": (
            f"Working Together to Safeguard Children {year}",
            "edition",
            "information",
            f"\nedition: {year}\nedition_text: none",
            # The 2018 page's section the area settings' notices link to (governance.area_markers).
            ("## Safeguarding partners replaced LSCBs {#safeguarding-partners}\n\n" if year == 2018 else "")
            + "This tiny handbook holds no text of this edition.\n",
        )
        for year in (2010, 2013, 2015, 2018, 2023)
    },
}

NAV = """
nav:
  - Home: index.md
  - Administrators' guide: administrators-guide.md
  - Procedures:
      - Preface and introduction: procedures/preface-and-introduction.md
      - Making a referral: procedures/referrals.md
  - Working Together:
      - working-together/2010/index.md
      - working-together/2013/index.md
      - working-together/2015/index.md
      - working-together/2018/index.md
      - working-together/2023/index.md
  - Compare:
      - compare/index.md
  - Flowcharts:
      - "Referral": flowcharts/referral.md
"""
#: With ``leaflets=True``: the real leaflets library and one real leaflet (they link only to pages
#: the tiny handbook has).
LEAFLETS = ["docs/leaflets/index.md", "docs/leaflets/private-fostering.md"]
LEAFLETS_NAV = """  - Leaflets:
      - leaflets/index.md
"""

DATA = {
    "data/glossary.yml": "terms:\n  - term: LADO\n    expansion: Local Authority Designated Officer\n",
    "data/alignments.yml": "alignments: []\n",
    "data/published-anchors.yml": "/: []\n",
    "flowcharts/referral.yml": CHART,
    "data/concordance.yml": """owner: LSCB administrator
last_reviewed: 2026-11-22
review_due: 2027-11-22
editions: [2010, 2013, 2015, 2018]
topics:
  - id: referral
    title: Referral
    editions:
      - {edition: 2010, not_stated: true}
      - edition: 2013
        short: The LSCB checks the procedures.
        facts:
          - statement: The LSCB checks that the procedures are followed.
            cite:
              - page: procedures/preface-and-introduction.md#para-2
      - {edition: 2015, not_stated: true}
      - {edition: 2018, not_stated: true}
    changes:
      - {from: 2010, to: 2013, change: not known}
      - {from: 2013, to: 2015, change: not known}
      - {from: 2015, to: 2018, change: not known}
""",
}


def page_text(path: str) -> str:
    """The text of one of the tiny handbook's pages, as written."""
    title, kind, status, extra, body = PAGES[path]
    preface = path == "procedures/preface-and-introduction.md"
    source = "The LSCB's procedures" if preface else "Written for this handbook"
    return FRONT.format(title=title, kind=kind, status=status, source=source, extra=extra) + body


def tiny_config(leaflets: bool = False) -> str:
    """The real mkdocs.yml with the tiny handbook's navigation (nav is its last section)."""
    config = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return config[: config.index("\nnav:\n")] + NAV + (LEAFLETS_NAV if leaflets else "")


def make_tiny_handbook(root: Path, leaflets: bool = False) -> Path:
    """Write the tiny handbook into ``root`` (created) and return it; ``leaflets`` adds two leaflet pages."""
    root.mkdir(parents=True)
    for name in COPIED + (LEAFLETS if leaflets else []):
        source, target = PROJECT_ROOT / name, root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    for name in LINKED:
        (root / name).symlink_to(PROJECT_ROOT / name)
    (root / "areas").mkdir()
    for area in sorted((PROJECT_ROOT / "areas").glob("*.yml")):  # the areas' settings, not their local pages
        shutil.copy2(area, root / "areas" / area.name)
    (root / "mkdocs.yml").write_text(tiny_config(leaflets), encoding="utf-8")
    for path, text in {**{path: page_text(path) for path in PAGES}, **DATA}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def line_with(path: Path, words: str) -> int:
    """The line of ``path`` that holds ``words`` (where a test expects an error to point)."""
    return next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if words in row)

from handbook.adapter.material_html import fix_material_html


def test_empty_tabindex_removed() -> None:
    html = '<label for="__nav_2" id="__nav_2_label" tabindex=""></label><input id="__nav_2">'
    assert fix_material_html(html) == '<label for="__nav_2" id="__nav_2_label"></label><input id="__nav_2">'


def test_dangling_labelledby_removed_but_valid_one_kept() -> None:
    html = '<nav aria-labelledby="__nav_5_label"></nav><nav aria-labelledby="x"></nav><span id="x"></span>'
    assert fix_material_html(html) == '<nav></nav><nav aria-labelledby="x"></nav><span id="x"></span>'


def test_label_for_missing_control_loses_for_only() -> None:
    html = '<label class="md-nav__title" for="__toc">Contents</label><label for="q">Q</label><input id="q">'
    fixed = '<label class="md-nav__title">Contents</label><label for="q">Q</label><input id="q">'
    assert fix_material_html(html) == fixed

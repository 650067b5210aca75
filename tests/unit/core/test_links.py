import pytest

from handbook.core.links import page_url


@pytest.mark.parametrize(
    ("src", "http", "file"),
    [
        ("index.md", "", "index.html"),
        ("procedures/index.md", "procedures/", "procedures/index.html"),
        ("procedures/referrals.md", "procedures/referrals/", "procedures/referrals.html"),
        ("working-together/2013/consultation-draft/lscbs.md", "working-together/2013/consultation-draft/lscbs/",
         "working-together/2013/consultation-draft/lscbs.html"),
    ],
)
def test_page_url(src: str, http: str, file: str) -> None:
    assert page_url(src) == http
    assert page_url(src, directory_urls=False) == file

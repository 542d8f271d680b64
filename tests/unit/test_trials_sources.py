"""The number_source link rules (evidence/sources.py) and how both evidence loaders apply them."""

from __future__ import annotations

import csv
import ipaddress
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from esoreview.evidence.regimens import RegimenDataError, load_regimens
from esoreview.evidence.rowerror import DataRowError
from esoreview.evidence.sources import (
    HTTP_HOSTS,
    PREVIEW_HOST_SUFFIXES,
    pubmed_url,
    split_sources,
    url_problem,
)
from esoreview.evidence.trials import TrialDataError, load_trials
from esoreview.site.bib import load_bibliography

ROOT = Path(__file__).resolve().parents[2]
DATA = {"trials": ROOT / "data" / "trials.csv", "regimens": ROOT / "data" / "regimens.csv"}

GOOD_URLS = [
    "https://pubmed.ncbi.nlm.nih.gov/31582355/",
    "https://doi.org/10.1016/S1470-2045(19)30626-6",
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC8804258/table/tbl1",
    "https://www.nature.com/articles/s41591-024-02797-y",
    "https://pesquisa.bvsalud.org/portal/?lang=es&q=au%3A%22Ostoich%22",
    "https://www.onclive.com:443/view/a-report",
    "http://csco.ac.cn/cat/13/show/568.html",
]

BAD_URLS = [
    ("http://47.251.13.51:8081/33891478", "IP address"),
    ("https://47.251.13.51/33891478", "IP address"),
    ("https://[2001:db8::1]/31582355", "IP address"),
    ("https://https.ncbi.nlm.nih.gov/pubmed/31582355", "malformed host"),
    ("https://http.example.org/record", "malformed host"),
    ("http://aminer.cn/pub/6141ce8d5244ab9dcb2f89f0/effect", "use https"),
    ("https://onclive-r5wbompyk-mjhls.vercel.app/view/report", "vercel.app"),
    ("https://hmpglrntwk-fstlytest.global.ssl.fastly.net/site/onc/news/x", "fastly.net"),
    ("https://www.ncbi.nlm.nih.gov/pubmed/31582355", "PubMed links"),
    ("https://pubmed.ncbi.nlm.nih.gov/31582355", "PubMed links"),
    ("https://pubmed.ncbi.nlm.nih.gov/031582355/", "PubMed links"),
    ("https://pubmed.ncbi.nlm.nih.gov/?term=31582355", "PubMed links"),
    ("https://pubmed.ncbi.nlm.nih.gov./31582355/", "valid domain"),
    ("https://example.org:8080/record", "explicit port 8080"),
    ("https://user@example.org/record", "user name"),
    ("https://localhost/record", "valid domain"),
    ("https://exa_mple.org/record", "valid domain"),
    ("ftp://example.org/record", "http(s) URL"),
    ("doi:10.1016/S0140-6736(21)01234-4", "http(s) URL"),
    ("https:///no-host", "no host"),
]


@pytest.mark.parametrize("url", GOOD_URLS)
def test_accepts_canonical_record_links(url: str) -> None:
    assert url_problem(url) is None


@pytest.mark.parametrize(("url", "phrase"), BAD_URLS)
def test_rejects_mirror_and_malformed_links(url: str, phrase: str) -> None:
    problem = url_problem(url)
    assert problem is not None and phrase in problem, problem


def test_split_sources_takes_whitespace_and_semicolons() -> None:
    assert split_sources(" https://a.org/1 ;https://b.org/2\nhttps://c.org/3; ") == (
        "https://a.org/1",
        "https://b.org/2",
        "https://c.org/3",
    )


def test_pubmed_url_rejects_non_pmids() -> None:
    for text in ("", "0", "012", "12a", "1234567890"):
        with pytest.raises(ValueError):
            pubmed_url(text)


# --- properties ------------------------------------------------------------------------------

PMIDS = st.integers(min_value=1, max_value=999_999_999)
LABEL = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
DOMAINS = st.builds(
    lambda labels, tld: ".".join([*labels, tld]),
    st.lists(LABEL, min_size=1, max_size=3),
    st.sampled_from(["org", "com", "net", "be", "cn", "gov"]),
).filter(lambda host: host not in HTTP_HOSTS and not host.startswith(("http.", "https.")))
PATHS = st.from_regex(r"(/[A-Za-z0-9._~%-]{0,12}){0,3}", fullmatch=True)


@given(PMIDS)
def test_property_every_pmid_has_one_accepted_link(pmid: int) -> None:
    url = pubmed_url(pmid)
    assert url == f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"
    assert url_problem(url) is None
    # The other spellings of the same record are refused, so the data holds one spelling only.
    for variant in (
        url.rstrip("/"),
        url.replace("https://", "http://"),
        f"https://www.ncbi.nlm.nih.gov/pubmed/{pmid}",
        f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/?from=mirror",
        f"https://pubmed.ncbi.nlm.nih.gov/0{pmid}/",
    ):
        assert url_problem(variant) is not None, variant


@given(
    st.one_of(st.ip_addresses(v=4), st.ip_addresses(v=6)),
    st.sampled_from(["http", "https"]),
    st.one_of(st.none(), st.integers(min_value=1, max_value=65535)),
    PATHS,
)
def test_property_an_ip_address_host_is_always_refused(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address,
    scheme: str,
    port: int | None,
    path: str,
) -> None:
    host = f"[{address}]" if address.version == 6 else str(address)
    url = f"{scheme}://{host}{'' if port is None else f':{port}'}{path}"
    problem = url_problem(url)
    assert problem is not None and "IP address" in problem, (url, problem)


@given(DOMAINS, PATHS)
def test_property_https_domains_pass_and_their_broken_forms_do_not(host: str, path: str) -> None:
    assert url_problem(f"https://{host}{path}") is None
    assert "malformed host" in (url_problem(f"https://https.{host}{path}") or "")
    assert "use https" in (url_problem(f"http://{host}{path}") or "")
    preview = f"https://{host.replace('.', '-')}{PREVIEW_HOST_SUFFIXES[0]}{path}"
    assert url_problem(preview) is not None


# --- the loaders ------------------------------------------------------------------------------


def _rewrite(source: Path, target: Path, line: int, url: str) -> None:
    """Copy a data file, giving the row on ``line`` (header = line 1) the number_source ``url``."""
    with source.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
        header = list(rows[0])
    rows[line - 2]["number_source"] = url
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


LOADERS = {"trials": (load_trials, TrialDataError), "regimens": (load_regimens, RegimenDataError)}


@pytest.mark.parametrize("name", sorted(LOADERS))
@pytest.mark.parametrize(("url", "phrase"), BAD_URLS[:8])
def test_loaders_name_file_line_column_and_url(
    tmp_path: Path, name: str, url: str, phrase: str
) -> None:
    load, error_type = LOADERS[name]
    target = tmp_path / f"{name}.csv"
    _rewrite(DATA[name], target, 4, f"https://doi.org/10.1000/x {url}")
    with pytest.raises(error_type) as info:
        load(target)
    error = info.value
    assert isinstance(error, DataRowError)
    assert (error.line, error.column) == (4, "number_source")
    message = str(error)
    assert "\n" not in message
    assert message.startswith(f"{target}, line 4, column 'number_source':")
    assert repr(url) in message and phrase in message


def _bib_pmids() -> dict[str, str]:
    bibliography = load_bibliography(sorted((ROOT / "bib").glob("*.bib")))
    return {key: ref.pmid for key, ref in bibliography.items() if ref.pmid}


@pytest.mark.parametrize("name", sorted(DATA))
def test_pubmed_links_in_the_data_are_the_cited_record(name: str) -> None:
    """A PubMed link must be the PMID the bibliography gives for the row's publication."""
    load, _ = LOADERS[name]
    pmids = _bib_pmids()
    checked = 0
    for row in load(DATA[name]):
        for url in row.number_sources:
            if "pubmed.ncbi.nlm.nih.gov" not in url:
                continue
            key = row.citation_keys[0]
            if key in pmids:
                assert url == pubmed_url(pmids[key]), (row.line_no, key, url)
                checked += 1
    assert checked, "expected at least one PubMed link checked against the bibliography"

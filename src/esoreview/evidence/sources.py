"""Rules for the ``number_source`` URLs of the evidence data files (standard library only).

A ``number_source`` names the public record a row's numbers were read in. Readers follow these
links, so a link must lead to the record itself, not to a copy that may vanish or change:

* the scheme is ``https``; plain ``http`` only for the few hosts in :data:`HTTP_HOSTS`, whose
  record pages we could read only over http;
* the host is a domain name: not an IP address (PubMed mirrors on bare addresses), not a
  malformed name such as ``https.ncbi.nlm.nih.gov`` (a scheme pasted into the host), and with no
  explicit port or user name;
* the host is not a preview or CDN-origin deployment (``*.vercel.app``, ``*.fastly.net`` ...),
  which copies a publisher's page under a throw-away name;
* a PubMed link has the one canonical form ``https://pubmed.ncbi.nlm.nih.gov/<PMID>/``, so the
  same record is always spelled the same way and the PMID can be read off the link.

:func:`url_problem` returns why a URL breaks a rule (or ``None``); the loaders turn that into a
one-line row error naming file, line, column and the URL.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

__all__ = [
    "HTTP_HOSTS",
    "PREVIEW_HOST_SUFFIXES",
    "PUBMED_HOST",
    "pubmed_url",
    "split_sources",
    "url_problem",
]

#: The host of canonical PubMed record links.
PUBMED_HOST = "pubmed.ncbi.nlm.nih.gov"

#: Hosts whose record pages we could read only over plain http (a society's report of a paper).
HTTP_HOSTS: frozenset[str] = frozenset({"csco.ac.cn"})

#: Host suffixes of preview, test and CDN-origin deployments: never the canonical record.
PREVIEW_HOST_SUFFIXES: tuple[str, ...] = (
    ".vercel.app",
    ".fastly.net",
    ".netlify.app",
    ".herokuapp.com",
    ".platformsh.site",
)

_PUBMED = re.compile(r"^https://pubmed\.ncbi\.nlm\.nih\.gov/([1-9]\d{0,8})/$")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TLD = re.compile(r"^[a-z]{2,63}$|^xn--[a-z0-9-]{1,59}$")
# First host labels that mean a scheme or a URL fragment was pasted into the host name.
_SCHEME_LABELS = frozenset({"http", "https"})


def pubmed_url(pmid: int | str) -> str:
    """The canonical PubMed link of a PMID: ``https://pubmed.ncbi.nlm.nih.gov/<PMID>/``."""
    text = str(pmid).strip()
    if not re.fullmatch(r"[1-9]\d{0,8}", text):
        raise ValueError(f"not a PMID: {pmid!r}")
    return f"https://{PUBMED_HOST}/{text}/"


def split_sources(text: str) -> tuple[str, ...]:
    """The URLs of a ``number_source`` cell (separated by whitespace or ``;``)."""
    return tuple(part for part in re.split(r"[;\s]+", text.strip()) if part)


def _is_pubmed_link(host: str, path: str) -> bool:
    if host == PUBMED_HOST:
        return True
    # Legacy forms: www.ncbi.nlm.nih.gov/pubmed/<id>, ncbi.nlm.nih.gov/pubmed/?term=<id>.
    return (host == "ncbi.nlm.nih.gov" or host.endswith(".ncbi.nlm.nih.gov")) and (
        path.lower().startswith("/pubmed")
    )


def _host_problem(host: str) -> str | None:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    else:
        return "the host is an IP address, not the record's own domain (a mirror?)"
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        return "the host is not a valid domain name"
    if not _TLD.match(labels[-1]):
        return "the host is not a valid domain name"
    if labels[0] in _SCHEME_LABELS and len(labels) > 2:
        return f"malformed host {host!r} (a scheme pasted into the host name?)"
    for suffix in PREVIEW_HOST_SUFFIXES:
        if host.endswith(suffix):
            return f"{suffix[1:]} hosts previews or CDN copies, not the canonical record"
    return None


def url_problem(url: str) -> str | None:
    """Why ``url`` is not an acceptable ``number_source`` link, or ``None`` when it is."""
    if not re.fullmatch(r"\S+", url):
        return "a URL has no spaces"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return f"not a URL ({exc})"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return "expected an http(s) URL"
    if not parts.hostname:
        return "the URL has no host"
    host = parts.hostname.lower()
    problem = _host_problem(host)
    if problem:
        return problem
    if port is not None and port != 443:
        return f"explicit port {port}: link the record's own site, not a mirror"
    if parts.username is not None or parts.password is not None:
        return "the URL carries a user name"
    if scheme != "https" and host not in HTTP_HOSTS:
        return "use https (plain http only for the hosts listed in evidence.sources.HTTP_HOSTS)"
    if _is_pubmed_link(host, parts.path) and not _PUBMED.match(url):
        return "PubMed links must have the form https://pubmed.ncbi.nlm.nih.gov/<PMID>/"
    return None

"""What `make serve` needs besides the app: nginx's configuration and the pages nginx answers
with by itself, both made from this release's files (deploy/nginx.conf, templates/errors/).

The processes themselves are started and stopped by `manage.py serve`
(apps/core/management/commands/serve.py).
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

NGINX_TEMPLATE = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"

# The pages nginx answers with by itself, by status: a request it refuses before the app sees it
# (too large, too long, too many connections at once) and an app server that cannot be reached
# or does not answer in time. 400, 405 and 500 say what the app's own pages say.
PROXY_ERRORS = {
    400: (
        _("This request could not be understood"),
        _(
            "Something in the request was not what the site expected. Go back and try again; "
            "nothing you typed was saved."
        ),
    ),
    405: (
        _("This page cannot be opened this way"),
        _(
            "The page was asked for in a way it does not answer: a form sent to a page that only "
            "shows, or a link to a page that only takes a form. Go back and use the page's own "
            "buttons and links; nothing you typed was saved."
        ),
    ),
    413: (
        _("What was sent is too large"),
        _(
            "What was sent is larger than any form on this site needs. Check that nothing was "
            "pasted into a box by mistake, then send the form again."
        ),
    ),
    414: (
        _("This link is too long"),
        _(
            "The link is longer than any page on this site needs. If it was copied, check that "
            "all of it and nothing more was copied. Nothing you typed was saved."
        ),
    ),
    429: (
        _("Too many requests at once"),
        _(
            "Your network has more requests open on this site at once than it allows. Please wait "
            "a moment, then try again."
        ),
    ),
    431: (
        _("Your browser sent more than the site accepts"),
        _(
            "The request carried more than the site accepts, often a cookie that has grown too "
            "large. Clear this site's cookies, or open the page in a private window, then try "
            "again."
        ),
    ),
    500: (
        _("Something went wrong on our side"),
        _("This is our fault, not yours. Please go back and try again in a minute."),
    ),
    502: (
        _("The site is briefly unavailable"),
        _(
            "The part of the site that works out answers could not be reached. Please go back "
            "and try again in a minute."
        ),
    ),
    504: (
        _("The site took too long to answer"),
        _(
            "Working out the answer took longer than it should. Please go back and try again in "
            "a minute."
        ),
    ),
}


def nginx_binary() -> str | None:
    """Where nginx is, if it is installed. Debian puts it in /usr/sbin, which is not on an
    ordinary user's PATH."""
    return shutil.which("nginx", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin"]))


def answers(url: str) -> bool:
    """Whether a server answers at `url` at all (an error page is an answer too: a host not yet
    allowed, a database still away)."""
    try:
        urllib.request.urlopen(url, timeout=2)
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Where nginx refuses a request before it has read the headers (a malformed or overlong request
# line, headers too large), it cannot know the reader's language: those pages say it in all.
EVERY_LANGUAGE = {400, 414, 431}


def write_error_pages(folder: Path) -> list[Path]:
    """The pages of PROXY_ERRORS as files in `folder`, rendered from templates/errors/proxy.html
    with this release's static file names: <status>.<language>.html in each language, and
    <status>.html in every language at once for EVERY_LANGUAGE."""
    folder.mkdir(parents=True, exist_ok=True)
    pages: dict[str, list[tuple[str, str, str]]] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for status, (title, message) in PROXY_ERRORS.items():
                page = (code, str(title), str(message))
                pages[f"{status}.{code}"] = [page]
                if status in EVERY_LANGUAGE:
                    pages.setdefault(str(status), []).append(page)
    written = []
    for name, sections in pages.items():
        with translation.override(sections[0][0]):
            html = render_to_string("errors/proxy.html", {"pages": sections})
        path = folder / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        written.append(path)
    return written


@dataclass(frozen=True)
class NginxSite:
    """What deploy/nginx.conf is filled with."""

    listen: str
    app_servers: list[str]
    prefix: Path
    error_pages: Path
    static_root: Path
    connections_per_address: int
    trusted_proxies: list[str]
    user: str = ""


def worker_user() -> str:
    """The `user` line for nginx's workers: none for an ordinary user (they run as that user);
    run by root, the owner of the data folder, so that they can read what `make` wrote there."""
    if os.geteuid() != 0:
        return ""
    stat = settings.REPAYABLE_DATA_DIR.stat()
    return f"{pwd.getpwuid(stat.st_uid).pw_name} {grp.getgrgid(stat.st_gid).gr_name}"


def nginx_config(site: NginxSite) -> str:
    """deploy/nginx.conf filled in for `site`."""
    default = settings.LANGUAGE_CODE.split("-")[0]
    context = {
        **site.__dict__,
        "language_cookie": settings.LANGUAGE_COOKIE_NAME,
        "languages": [code for code, _name in settings.LANGUAGES],
        "default_language": settings.LANGUAGE_CODE,
        "other_languages": [
            (code.split("-")[0], code)
            for code, _name in settings.LANGUAGES
            if code != settings.LANGUAGE_CODE
        ],
        "default_tag": default,
    }
    engine = Engine(autoescape=False)
    return engine.from_string(NGINX_TEMPLATE.read_text()).render(Context(context))

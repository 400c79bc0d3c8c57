"""The embeddable widget: a small page a kommun puts in an iframe on its own site.

Only this view may be framed, from any site: ``xframe_options_exempt`` lifts the
site-wide ``X-Frame-Options: DENY`` and a Content-Security-Policy says the same to
browsers that read ``frame-ancestors``. The page has no scripts and one stylesheet
of its own (no inline style), so nothing else is loaded into the host page.
"""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from medborgarloften.lib.access import found
from medborgarloften.promises.models import Promise

from .pagecache import cached_public
from .selectors import promise_progress

#: Anyone may frame it; nothing but its own stylesheet and same-site links runs.
EMBED_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors *"
)


@xframe_options_exempt
@cached_public(max_age=300)
def promise_widget(request: HttpRequest, uid: UUID) -> HttpResponse:
    public = found(
        lambda: promise_progress(uid=uid),
        Promise.DoesNotExist,
        _("Det finns inget publicerat medborgarlöfte med den adressen."),
    )
    response = render(request, "publishing/embed.html", {"public": public})
    response["Content-Security-Policy"] = EMBED_CSP
    return response

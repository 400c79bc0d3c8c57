"""A case's photo, served by the app (nothing serves MEDIA_URL): staff who may see
the case always, with ``Cache-Control: private``; the public only when moderation
approved the photo and published the case; anyone else a 404, so an unpublished
photo cannot be told apart from none."""

from __future__ import annotations

import mimetypes

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from .models import Case
from .selectors import cases_for_user

#: An approved photo is public; a short cache lets a later withdrawal by
#: moderation take effect soon.
PUBLIC_MAX_AGE = 10 * 60


@require_safe
def case_photo(request: HttpRequest, pk: int) -> FileResponse:
    staff = (
        request.user.is_authenticated
        and cases_for_user(request.user).filter(pk=pk).exists()
    )
    if staff:
        case = Case.objects.filter(pk=pk).first()
    else:
        case = Case.objects.public().filter(pk=pk, photo_public=True).first()
    if case is None or not case.photo:
        raise Http404
    try:
        handle = case.photo.open("rb")
    except OSError:
        raise Http404 from None
    content_type = mimetypes.guess_type(case.photo.name or "")[0] or "image/jpeg"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    if staff:
        response["Cache-Control"] = "private, no-store"
    else:
        response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    return response

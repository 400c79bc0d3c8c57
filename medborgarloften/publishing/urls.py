"""Public URLs at the site root (namespace ``publishing``)."""

from django.urls import path
from django.views.generic import RedirectView

from . import embed, feeds, views
from .pagecache import cached_public

app_name = "publishing"

urlpatterns = [
    path("", views.home, name="home"),
    path("kommun/<str:kommunkod>/", views.kommun, name="kommun"),
    path("lofte/<uuid:uid>/", views.promise, name="promise"),
    path("kommun/<str:kommunkod>/omrade/<int:area_id>/", views.area, name="area"),
    path("kommun/<str:kommunkod>/omrade/<str:slug>/", views.area, name="area_by_name"),
    path(
        "kommun/<str:kommunkod>/flode/",
        cached_public(max_age=300)(feeds.KommunFeed()),
        name="kommun_feed",
    ),
    path(
        "lofte/<uuid:uid>/flode/",
        cached_public(max_age=300)(feeds.PromiseFeed()),
        name="promise_feed",
    ),
    path("embed/lofte/<uuid:uid>/", embed.promise_widget, name="embed"),
]

# Search, national overview and subscriptions (views_public_extra.py).
from . import views_public_extra as extra  # noqa: E402

urlpatterns += [
    path("sok/", extra.search, name="search"),
    path("oversikt/", extra.overview, name="overview"),
    path("prenumerera/", extra.subscribe, name="subscribe"),
    path(
        "prenumerera/bekrafta/<str:token>/",
        extra.subscribe_confirm,
        name="subscribe_confirm",
    ),
    path("prenumerera/avsluta/<str:token>/", extra.unsubscribe, name="unsubscribe"),
    path("tillganglighet/", extra.accessibility, name="accessibility"),
    # where residents and the data portal look for it: the API's own documentation
    path(
        "oppna-data/",
        RedirectView.as_view(pattern_name="api:docs", permanent=False),
        name="open_data",
    ),
]

# Published follow-up reports (views_reports.py), public pages like the promise's.
# They were first published under /personal/uppfoljning/rapport/<uid>/, which now
# redirects for good: links in old mail, feeds and other sites keep working, and
# /personal/ is staff's alone (a proxy may close it to the public).
from . import views_reports as reports  # noqa: E402

urlpatterns += [
    path("rapport/<uuid:uid>/", reports.report, name="report"),
    path("rapport/<uuid:uid>/pdf/", reports.report_pdf, name="report_pdf"),
    path("rapport/<uuid:uid>/docx/", reports.report_docx, name="report_docx"),
]
urlpatterns += [
    path(
        f"personal/uppfoljning/rapport/<uuid:uid>/{suffix}",
        reports.first_address,
        {"name": f"publishing:{name}"},
        name=f"{name}_first_address",
    )
    for suffix, name in (
        ("", "report"),
        ("pdf/", "report_pdf"),
        ("docx/", "report_docx"),
    )
]

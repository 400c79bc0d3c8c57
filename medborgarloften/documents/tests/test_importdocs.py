"""The ``import`` command (management command ``importdocs``): files, URLs, polisen.se."""

from __future__ import annotations

import functools
import io
import zipfile

import httpx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfWriter

from medborgarloften.documents import polisen
from medborgarloften.documents.management.commands.importdocs import Progress
from medborgarloften.documents.models import ExtractionRun, SourceDocument
from medborgarloften.extract.record import EXTRACTOR_VERSION
from medborgarloften.promises.models import Commitment, Promise, PromiseStatus

from .conftest import PREFIX

KALMAR_TEXT = (
    "Medborgarlöfte för Kalmar kommun 2031\n\n"
    "Polisen och kommunen lovar att:\n"
    "- genomföra tre trygghetsvandringar i Norrliden under året\n"
    "- hålla två dialogmöten med boende i centrum\n"
)
NYBRO_TEXT = (
    "Trygghetslöfte Nybro kommun 2031\n\n"
    "- Kommunen ska laga belysningen i Järnvägsparken före sommaren.\n"
)


def run(*args: str, **options):
    """Run the command; return (stdout, stderr, error or None)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("importdocs", *args, stdout=out, stderr=err, **options)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def _pdf(*, password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if password:
        writer.encrypt(user_password=password, owner_password=password + "-agare")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _zip_without_word() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hej.txt", "inte ett Word-dokument")
    return buffer.getvalue()


def test_it_imports_files_and_directories_as_drafts(
    fake_extractor, kalmar, nybro, tmp_path
):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "kalmar.txt").write_text(KALMAR_TEXT, encoding="utf-8")
    (folder / "sub" / "nybro.TXT").write_text(NYBRO_TEXT, encoding="utf-8")
    (folder / "anteckning.md").write_text("inte med", encoding="utf-8")
    (folder / ".dold.txt").write_text("inte med", encoding="utf-8")

    out, err, error = run(str(folder))

    assert error is None, out
    assert Promise.objects.count() == 2
    kalmar_promise = Promise.objects.get(parties=kalmar)
    assert kalmar_promise.status == PromiseStatus.DRAFT
    assert kalmar_promise.commitments.count() == 2
    assert Promise.objects.get(parties=nybro).commitments.count() == 1
    assert "2 utkast skapade / drafts created" in out
    assert f"  + kalmar.txt: {kalmar_promise.title} [{kalmar_promise.uid}]" in out
    assert err.splitlines() == ["[1/2] kalmar.txt", "[2/2] nybro.TXT"]
    assert ExtractionRun.objects.filter(status="ok").count() == 2


def test_it_says_when_the_same_bytes_were_imported_before(
    fake_extractor, kalmar, tmp_path
):
    path = tmp_path / "kalmar.txt"
    path.write_text(KALMAR_TEXT, encoding="utf-8")
    run(str(path))
    copy = tmp_path / "kopia.txt"
    copy.write_bytes(path.read_bytes())

    out, _, error = run(str(copy))

    assert error is None
    assert "1 redan importerade / already imported" in out
    assert "dokumentet återanvänds" in out
    assert Promise.objects.count() == 1
    assert SourceDocument.objects.count() == 1


def test_it_reports_each_bad_input_and_stores_nothing_for_it(
    fake_extractor, kalmar, tmp_path
):
    files = {
        "krypterad.pdf": _pdf(password="hemligt"),
        "trasig.pdf": b"%PDF-1.4\n1 0 obj <<>> skrap\n%%EOF",
        "inte-zip.docx": b"det har ar ingen zip-fil",
        "zip-utan-word.docx": _zip_without_word(),
        "tom.txt": b"",
        "skrap.txt": bytes(range(256)) * 8,
        "bild.html": b"\x89PNG\r\n\x1a\n" + b"\0" * 32,
        "bra.txt": KALMAR_TEXT.encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    targets = [str(tmp_path / name) for name in files]

    out, _, error = run(*targets, str(tmp_path / "saknas.pdf"))

    assert error is not None
    assert str(error) == "8 av 9 indata misslyckades / 8 of 9 inputs failed"
    failures = {
        line.split(": ", 1)[0].rsplit("/", 1)[-1]: line.split(": ", 1)[1]
        for line in out.splitlines()
        if line.startswith("  ! ")
    }
    assert set(failures) == (set(files) - {"bra.txt"}) | {"saknas.pdf"}
    assert "lösenordsskyddad" in failures["krypterad.pdf"]
    assert "skadad" in failures["trasig.pdf"]
    assert "inte en zip-fil" in failures["inte-zip.docx"]
    assert "Word-filen är skadad" in failures["zip-utan-word.docx"]
    assert failures["tom.txt"] == "Filen är tom / the file is empty"
    assert "binärdata" in failures["skrap.txt"]
    assert "bild (PNG)" in failures["bild.html"]
    assert failures["saknas.pdf"] == "Filen finns inte / no such file or URL"
    assert all(" / " in reason for reason in failures.values())
    # Only the good file left anything behind.
    assert SourceDocument.objects.get().original_name == "bra.txt"
    assert ExtractionRun.objects.count() == 1
    assert Promise.objects.count() == 1


def test_it_imports_a_url_and_reports_bad_ones(
    fake_extractor, kalmar, polisen_site, fake_clock
):
    def slow(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/seg/":
            raise httpx.ReadTimeout("too slow", request=request)
        with httpx.Client() as client:
            return client.get(str(request.url).replace("https://x.test", site))

    site = polisen_site.url
    fetcher = polisen.Fetcher(
        delay=2,
        clock=fake_clock.clock,
        sleep=fake_clock.sleep,
        transport=httpx.MockTransport(slow),
    )
    good = "https://x.test" + PREFIX + "kalmar/"

    out, _, error = run(
        good,
        "https://x.test" + PREFIX + "kalmar-lan/borgholm/",
        "https://x.test" + PREFIX + "vaxjo/",
        "https://x.test/seg/",
        fetcher=fetcher,
    )

    assert str(error) == "3 av 4 indata misslyckades / 3 of 4 inputs failed"
    assert "Sidan finns inte (HTTP 404) / the page does not exist (HTTP 404)" in out
    assert "(image/png) / not a web page or document" in out
    assert (
        "Servern svarade inte inom 30 s / the server did not answer within 30 s: "
        "https://x.test/seg/"
    ) in out
    document = SourceDocument.objects.get()
    assert document.source_url == good
    assert document.kind == "html"
    assert Promise.objects.get().source_url == good
    assert fake_clock.sleeps == [2, 2, 2]


def test_it_stores_nothing_on_a_dry_run(fake_extractor, kalmar, tmp_path, media_root):
    path = tmp_path / "kalmar.txt"
    path.write_text(KALMAR_TEXT, encoding="utf-8")

    out, _, error = run(str(path), "--dry-run")

    assert error is None
    assert out.startswith(
        "Torrkörning, inget sparat / dry run, nothing stored: 1 utkast"
    )
    assert "  + kalmar.txt: Medborgarlöfte för Kalmar kommun 2031\n" in out
    assert Promise.objects.count() == 0
    assert SourceDocument.objects.count() == 0
    assert not media_root.exists()


def test_it_ties_the_documents_to_the_given_kommun(fake_extractor, nybro, tmp_path):
    path = tmp_path / "lofte.txt"
    path.write_text("Vårt löfte 2031\n- vi lovar att ses varje vecka\n", "utf-8")

    out, _, error = run(str(path), "--kommun", "0881")

    assert error is None, out
    assert SourceDocument.objects.get().kommun == nybro
    assert list(Promise.objects.get().parties.all()) == [nybro]


def test_it_refuses_an_unknown_kommun_code(db, tmp_path):
    with pytest.raises(CommandError, match="ingen kommun med den koden"):
        call_command("importdocs", str(tmp_path), "--kommun", "9999")


def test_it_needs_something_to_import(db):
    with pytest.raises(CommandError, match="give files, URLs or directories"):
        call_command("importdocs")


def test_it_rewrites_the_progress_line_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    progress = Progress(stream, 2)
    progress.step("en-lang-fil.pdf")
    progress.step("b.pdf")
    progress.done()

    assert stream.getvalue() == ("\r[1/2] en-lang-fil.pdf\r[2/2] b.pdf          \n")


# -- polisen.se ------------------------------------------------------------------


@pytest.fixture
def polite(monkeypatch, fake_clock):
    """Let the command build its own fetcher, with a clock that does not wait."""
    monkeypatch.setattr(
        polisen,
        "Fetcher",
        functools.partial(
            polisen.Fetcher, clock=fake_clock.clock, sleep=fake_clock.sleep
        ),
    )
    return fake_clock


BOILERPLATE = (
    "kakor",
    "Till toppen",
    "Hjälpte informationen",
    "114 14",
    "Kontakta",
    "Gå direkt till innehåll",
    "Facebook",
    "uppdaterades",
    "Utsatt för brott",
)


def test_it_imports_the_promises_from_polisen(
    fake_extractor, kalmar, nybro, polisen_site, polite, settings
):
    out, err, error = run("--polisen", "--base-url", polisen_site.url)

    # borgholm/ is a 404 and vaxjo/ an image: reported, the others still imported.
    assert str(error) == "2 av 4 indata misslyckades / 2 of 4 inputs failed"
    assert "2 utkast skapade / drafts created" in out
    assert (
        f"  ! {polisen_site.url}{PREFIX}kalmar-lan/borgholm/: Sidan finns inte (HTTP 404)"
        in out
    )
    assert f"  ! {polisen_site.url}{PREFIX}vaxjo/: Inte en webbsida" in out
    assert err.splitlines()[0] == "[1/4] kalmar"
    kalmar_promise = Promise.objects.get(
        source_url=f"{polisen_site.url}{PREFIX}kalmar/"
    )
    nybro_promise = Promise.objects.get(
        source_url=f"{polisen_site.url}{PREFIX}kalmar-lan/nybro/"
    )
    assert list(kalmar_promise.parties.all()) == [kalmar]
    assert list(nybro_promise.parties.all()) == [nybro]
    assert kalmar_promise.status == nybro_promise.status == PromiseStatus.DRAFT
    assert kalmar_promise.commitments.count() == 5
    assert nybro_promise.commitments.count() == 3
    assert SourceDocument.objects.get(kommun=nybro).text.startswith(
        "Medborgarlöfte i Nybro 2031"
    )
    texts = " ".join(Commitment.objects.values_list("text", flat=True))
    assert "narkotikainsatser" in texts
    for phrase in BOILERPLATE:
        assert phrase not in texts
    # Politeness: one identifying user agent, and a wait before every request but
    # the first (index, län page, four kommun pages).
    assert set(polisen_site.user_agents) == {polisen.USER_AGENT}
    assert len(polisen_site.hits) == 6
    assert polite.sleeps == [2.0] * 5
    assert (settings.DATA_DIR / "cache" / "polisen" / "done.json").exists()


def test_it_uses_the_cache_on_the_second_run(
    fake_extractor, kalmar, nybro, polisen_site, polite
):
    run("--polisen", "--base-url", polisen_site.url)
    hits = len(polisen_site.hits)

    out, _, error = run("--polisen", "--base-url", polisen_site.url, "--restart")

    # Only the 404 is asked again: it was never cached.
    assert polisen_site.hits[hits:] == [PREFIX + "kalmar-lan/borgholm/"]
    assert "2 redan importerade / already imported" in out
    assert Promise.objects.count() == 2


def test_it_fetches_again_with_refresh(
    fake_extractor, kalmar, nybro, polisen_site, polite
):
    run("--polisen", "--base-url", polisen_site.url, "nybro")
    run("--polisen", "--base-url", polisen_site.url, "nybro", "--refresh", "--restart")

    assert polisen_site.hit_count(PREFIX + "kalmar-lan/nybro/") == 2


def test_it_resumes_and_skips_pages_done_before(
    fake_extractor, kalmar, nybro, polisen_site, polite
):
    run("--polisen", "--base-url", polisen_site.url)
    hits = len(polisen_site.hits)

    out, _, _ = run("--polisen", "--base-url", polisen_site.url)

    assert out.count("redan klar i en tidigare körning, hoppas över") == 2
    assert PREFIX + "kalmar/" not in polisen_site.hits[hits:]
    assert Promise.objects.count() == 2


def test_it_restricts_polisen_to_named_kommuner(
    fake_extractor, kalmar, nybro, polisen_site, polite
):
    out, _, error = run("--polisen", "--base-url", polisen_site.url, "Nybro")

    assert error is None, out
    assert list(Promise.objects.get().parties.all()) == [nybro]
    assert PREFIX + "kalmar/" not in polisen_site.hits


def test_it_stops_when_the_polisen_index_cannot_be_read(db, polisen_site, polite):
    polisen_site.routes.pop(PREFIX)

    with pytest.raises(
        CommandError, match=r"the index page failed: Sidan finns inte \(HTTP 404\)"
    ):
        call_command("importdocs", "--polisen", "--base-url", polisen_site.url)


def test_it_stores_nothing_from_polisen_on_a_dry_run(
    fake_extractor, kalmar, nybro, polisen_site, polite, settings
):
    out, _, _ = run("--polisen", "--base-url", polisen_site.url, "--dry-run")

    assert "2 utkast" in out
    assert Promise.objects.count() == 0
    assert not (settings.DATA_DIR / "cache" / "polisen" / "done.json").exists()


def test_it_imports_polisen_pages_with_the_real_extractor(
    lpo_kalmar, lpo_nybro, kalmar, nybro, polisen_site, polite
):
    out, _, error = run("--polisen", "--base-url", polisen_site.url, "Kalmar", "Nybro")

    assert error is None, out
    promise = Promise.objects.get(parties=kalmar)
    assert set(promise.parties.all()) == {kalmar, lpo_kalmar}
    assert str(promise.period_start) == "2031-01-01"
    assert str(promise.period_end) == "2032-12-31"
    texts = list(promise.commitments.values_list("text", flat=True))
    assert any("narkotikainsatser" in t for t in texts)
    assert any("belysningen i gångtunneln" in t for t in texts)
    everything = " ".join(
        [*Commitment.objects.values_list("text", flat=True)]
        + [promise.follow_up_text, promise.title]
    )
    for phrase in BOILERPLATE:
        assert phrase not in everything
    assert set(Promise.objects.get(parties=nybro).parties.all()) == {nybro, lpo_nybro}
    run_ = ExtractionRun.objects.get(promise=promise)
    assert run_.extractor_version == EXTRACTOR_VERSION
    assert run_.record["evidence"]


def test_it_imports_a_word_document_and_keeps_the_file(
    lpo_kalmar, kalmar, tmp_path, media_root
):
    import docx

    document = docx.Document()
    document.add_heading("Medborgarlöfte för Kalmar kommun 2031", level=1)
    document.add_paragraph(
        "Lokalpolisområde Kalmar och Kalmar kommun lovar att arbeta för ett "
        "tryggare centrum."
    )
    document.add_paragraph("Polisen lovar att:")
    document.add_paragraph(
        "genomföra sex trafikkontroller vid skolorna under året.",
        style="List Bullet",
    )
    path = tmp_path / "Löfte Kalmar.docx"
    document.save(path)

    out, _, error = run(str(path))

    assert error is None, out
    stored = SourceDocument.objects.get()
    assert stored.kind == "docx"
    assert stored.raw.name.endswith(".docx")
    assert (media_root / stored.raw.name).read_bytes() == path.read_bytes()
    promise = Promise.objects.get()
    assert promise.status == PromiseStatus.DRAFT
    assert any(
        "trafikkontroller" in t
        for t in promise.commitments.values_list("text", flat=True)
    )


def test_it_records_who_imported(fake_extractor, kommun_editor, tmp_path):
    path = tmp_path / "kalmar.txt"
    path.write_text(KALMAR_TEXT, encoding="utf-8")

    out, _, error = run(str(path), "--user", "kommun_editor")

    assert error is None, out
    assert SourceDocument.objects.get().created_by == kommun_editor
    assert ExtractionRun.objects.get().created_by == kommun_editor
    revision = Promise.objects.get().revisions.get()
    assert revision.actor == kommun_editor
    assert revision.source.startswith("import: ")


def test_it_refuses_an_unknown_user(db, tmp_path):
    with pytest.raises(CommandError, match="no such user"):
        call_command("importdocs", str(tmp_path), "--user", "ingen")


def test_it_sends_the_user_agent_it_is_given(
    fake_extractor, nybro, polisen_site, polite
):
    agent = "medborgarloften/test (kontakt: brottsforebyggare@example.org)"

    run("--polisen", "--base-url", polisen_site.url, "Nybro", "--user-agent", agent)

    assert set(polisen_site.user_agents) == {agent}


def test_a_draft_from_a_scan_carries_the_ocr_warning(
    fake_extractor, kalmar, tmp_path, monkeypatch, client, superuser
):
    from django.urls import reverse

    from medborgarloften.documents import services

    real = services.reading._read_bytes

    def scanned(*args, **kwargs):
        read = real(*args, **kwargs)
        read.meta["ocr"] = True  # as the PDF reader marks a scan it read by OCR
        return read

    monkeypatch.setattr(services.reading, "_read_bytes", scanned)
    path = tmp_path / "kalmar-skannad.txt"
    path.write_text(KALMAR_TEXT, encoding="utf-8")

    out, _, error = run(str(path))

    assert error is None, out
    assert "läst med textigenkänning (OCR)" in out
    promise = Promise.objects.get()
    client.force_login(superuser)
    page = client.get(reverse("promises:detail", args=[promise.pk])).content.decode()
    assert "Kontrollera den importerade texten" in page
    assert "Texten är läst med textigenkänning (OCR) från en skannad bild" in page
    # A draft typed in, or one whose text was not read by OCR, has no such note.
    SourceDocument.objects.update(meta={})
    page = client.get(reverse("promises:detail", args=[promise.pk])).content.decode()
    assert "Kontrollera den importerade texten" not in page

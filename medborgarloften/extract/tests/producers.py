"""One medborgarlöfte written here, rendered by the programs kommuner really use.

The promise (invented for the tests, in the genre: a title, a lägesbild, numbered
priorities, "Polisen lovar att" / "Kommunen lovar att" lists whose items wrap over
two or three lines, follow-up, a date and a signature block) is kept as blocks, and
each function below turns it into what one producer makes of it:

- ``plain_text``: the reader's target shape (what the corpus text files look like);
- ``word_file``: python-docx, the way Word stores it — headings, "List Number" and
  "List Bullet" paragraphs from the numbering definitions, each signatory one
  paragraph with soft line breaks (Shift+Enter), a page header and footer;
- ``libreoffice_pdf``: that Word file exported by LibreOffice (``soffice --headless
  --convert-to pdf``);
- ``chromium_pdf``: the promise as a web page printed by Chromium (bullets drawn as
  shapes, not characters);
- ``weasyprint_pdf``: the same page through WeasyPrint;
- ``scanned_pdf``: a PDF page rendered to a picture and wrapped in a PDF with no
  text layer (what a scanner makes), for OCR.

A producer that is not installed raises :class:`ProducerMissing` with the Debian
package to install; the fixtures turn that into a skip that says so.
"""

from __future__ import annotations

import html
import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

TITLE = "Medborgarlöfte för Kalmar kommun 2031–2032"
INTRO = (
    "Lokalpolisområde Kalmar och Kalmar kommun har tillsammans tagit fram det här "
    "medborgarlöftet. Det bygger på en gemensam lägesbild och på vad invånarna har "
    "berättat för oss i dialoger och i trygghetsmätningen under hösten 2030."
)
SITUATION = (
    "Otryggheten är störst i Norrliden och kring resecentrum efter mörkrets inbrott. "
    "Många berättar om buskörning med mopeder och om ungdomar som erbjuds narkotika "
    "i anslutning till skolorna, och anmälningarna om skadegörelse har ökat under "
    "de senaste två åren."
)
PRIORITIES = [
    "Ökad trygghet i Norrliden och kring resecentrum.",
    "Färre unga som kommer i kontakt med narkotika.",
]
POLICE = [
    "genomföra minst tre trygghetsvandringar i Norrliden per år tillsammans med "
    "boende, fastighetsägare och föreningar som verkar i området",
    "hålla en öppen polisträff i månaden på stadsbiblioteket",
    "göra riktade trafikkontroller vid skolorna under terminsstarten varje höst och "
    "vår, med särskilt fokus på hastighet, mopeder och nykterhet",
]
KOMMUN = [
    "ordna två dialogmöten med boende i Norrliden senast den 30 juni 2032",
    "förbättra belysningen längs gång- och cykelvägen mellan Norrliden och "
    "centrum före vintern 2031",
    "erbjuda föräldrautbildning till vårdnadshavare med barn i årskurs 6–9 på alla "
    "högstadieskolor i kommunen",
]
FOLLOW_UP = (
    "Polisen och kommunen följer upp löftena i samverkansgruppen och redovisar "
    "resultatet för invånarna två (2) gånger under perioden."
)
DATE = "Kalmar den 15 december 2030"
SIGNATORIES = [
    ("Anna Andersson", "Kommunstyrelsens ordförande"),
    ("Per Persson", "Lokalpolisområdeschef"),
]
PAGE_HEADER = "Kalmar kommun och Polisen – medborgarlöfte"


@dataclass(frozen=True)
class Block:
    kind: (
        str  # "title" | "heading" | "paragraph" | "numbered" | "bullets" | "signature"
    )
    text: str = ""
    items: tuple[str, ...] = ()


BLOCKS = (
    Block("title", TITLE),
    Block("paragraph", INTRO),
    Block("heading", "Lägesbild"),
    Block("paragraph", SITUATION),
    Block("paragraph", "Utifrån lägesbilden prioriterar vi:"),
    Block("numbered", items=tuple(PRIORITIES)),
    Block("heading", "Polisen lovar att"),
    Block("bullets", items=tuple(POLICE)),
    Block("heading", "Kommunen lovar att"),
    Block("bullets", items=tuple(KOMMUN)),
    Block("heading", "Uppföljning"),
    Block("paragraph", FOLLOW_UP),
    Block("paragraph", DATE),
    *(Block("signature", items=signatory) for signatory in SIGNATORIES),
)
COMMITMENTS = (*POLICE, *KOMMUN)


class ProducerMissing(RuntimeError):
    """The program that makes this kind of file is not installed here."""


def plain_text() -> str:
    """The promise in the shape the readers produce (blank line between blocks)."""
    parts = []
    for block in BLOCKS:
        if block.kind == "numbered":
            parts.append(
                "\n".join(f"{n}. {item}" for n, item in enumerate(block.items, 1))
            )
        elif block.kind == "bullets":
            parts.append("\n".join(f"• {item}" for item in block.items))
        elif block.kind == "signature":
            parts.append("\n".join(block.items))
        else:
            parts.append(block.text)
    return "\n\n".join(parts) + "\n"


def word_file() -> bytes:
    """The promise as Word writes it (python-docx, default template)."""
    import docx

    document = docx.Document()
    document.core_properties.title = TITLE
    section = document.sections[0]
    section.header.paragraphs[0].text = PAGE_HEADER
    section.footer.paragraphs[0].text = "Medborgarlöfte 2031–2032, sida 1"
    for block in BLOCKS:
        if block.kind == "title":
            document.add_heading(block.text, level=1)
        elif block.kind == "heading":
            document.add_heading(block.text, level=2)
        elif block.kind == "numbered":
            for item in block.items:
                document.add_paragraph(item, style="List Number")
        elif block.kind == "bullets":
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif block.kind == "signature":
            # One paragraph, the lines split by soft breaks (Shift+Enter).
            paragraph = document.add_paragraph()
            for index, line in enumerate(block.items):
                run = paragraph.add_run(line)
                if index < len(block.items) - 1:
                    run.add_break()
        else:
            document.add_paragraph(block.text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# A plan as a Word table: a word too long for its column (broken by LibreOffice
# where the cell ends) and a last row long enough to run over a page break.
TABLE_ROWS = (
    ("Aktivitet", "Ansvarig", "När"),
    ("Trygghetsvandringar i Norrliden med boende", "Polisen", "Varje höst"),
    (
        "Grannsamverkansutbildningar för villaägare",
        "Kommunen",
        "Senast 30 juni 2032",
    ),
    (
        "Klotterborttagning på kommunens fastigheter i Norrliden och i centrum inom "
        "två dygn efter anmälan, även under helger och sommarlov",
        "Kommunen",
        "Löpande",
    ),
)


def word_table_file(*, paragraphs_before: int = 7) -> bytes:
    """A promise whose activities are a Word table ("Table Grid") placed so far
    down the first page, after ``paragraphs_before`` paragraphs, that LibreOffice
    breaks its last row over the page."""
    import docx

    document = docx.Document()
    document.add_heading(TITLE, level=1)
    for _ in range(paragraphs_before):
        document.add_paragraph(SITUATION)
    document.add_heading("Våra aktiviteter", level=2)
    table = document.add_table(rows=len(TABLE_ROWS), cols=3)
    table.style = "Table Grid"
    for row, cells in enumerate(TABLE_ROWS):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    document.add_heading("Uppföljning", level=2)
    document.add_paragraph(FOLLOW_UP)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def web_page() -> str:
    """The promise as a kommun's web page (HTML with real lists)."""
    body = []
    for block in BLOCKS:
        if block.kind == "title":
            body.append(f"<h1>{html.escape(block.text)}</h1>")
        elif block.kind == "heading":
            body.append(f"<h2>{html.escape(block.text)}</h2>")
        elif block.kind in ("numbered", "bullets"):
            tag = "ol" if block.kind == "numbered" else "ul"
            items = "".join(f"<li>{html.escape(item)}</li>" for item in block.items)
            body.append(f"<{tag}>{items}</{tag}>")
        elif block.kind == "signature":
            body.append(
                '<p class="signature">'
                + "<br>".join(html.escape(line) for line in block.items)
                + "</p>"
            )
        else:
            body.append(f"<p>{html.escape(block.text)}</p>")
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8">'
        f"<title>{html.escape(TITLE)}</title>"
        "<style>body{font-family:'DejaVu Sans',sans-serif;font-size:11pt;"
        "margin:2cm;max-width:16cm} h1{font-size:20pt} h2{font-size:14pt}"
        " .signature{margin-top:1.5em}</style></head><body>"
        + "\n".join(body)
        + "</body></html>"
    )


def _run(command: list[str], *, timeout: float, cwd: Path | None = None) -> None:
    subprocess.run(
        command,
        check=True,
        capture_output=True,
        timeout=timeout,
        cwd=cwd,
        env={**os.environ, "HOME": str(cwd or tempfile.gettempdir())},
    )


def libreoffice_pdf(docx_bytes: bytes) -> bytes:
    """The Word file exported to PDF by LibreOffice, headless."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        raise ProducerMissing(
            "LibreOffice saknas / is not installed (apt-get install "
            "libreoffice-writer-nogui)"
        )
    with tempfile.TemporaryDirectory(prefix="mbl-soffice-") as tmp:
        folder = Path(tmp)
        source = folder / "medborgarlofte.docx"
        source.write_bytes(docx_bytes)
        profile = (folder / "profile").as_uri()
        _run(
            [
                program,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(source),
            ],
            timeout=240,
            cwd=folder,
        )
        return (folder / "medborgarlofte.pdf").read_bytes()


CHROMIUM = Path("/usr/bin/chromium")


def chromium_pdf(page: str) -> bytes:
    """The web page printed to PDF by Chromium (headless, no header or footer)."""
    if not CHROMIUM.exists():
        raise ProducerMissing(
            "/usr/bin/chromium saknas / is not installed (apt-get install chromium)"
        )
    with tempfile.TemporaryDirectory(prefix="mbl-chromium-") as tmp:
        folder = Path(tmp)
        source = folder / "lofte.html"
        source.write_text(page, encoding="utf-8")
        target = folder / "lofte.pdf"
        _run(
            [
                str(CHROMIUM),
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                f"--user-data-dir={folder / 'profile'}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={target}",
                source.as_uri(),
            ],
            timeout=120,
            cwd=folder,
        )
        return target.read_bytes()


def weasyprint_pdf(page: str) -> bytes:
    """The web page typeset by WeasyPrint (the project's own PDF library)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango is missing
        raise ProducerMissing(
            f"WeasyPrint kan inte köras / cannot run ({exc}; apt-get install "
            "libpango-1.0-0 libpangoft2-1.0-0)"
        ) from exc
    result: bytes = HTML(string=page).write_pdf()
    return result


def scanned_pdf(
    pdf: bytes, *, dpi: int = 200, pages: int | None = None, tilt: float = 0.0
) -> bytes:
    """The pages of ``pdf`` (the first ``pages``) as grey pictures in a PDF without
    a text layer, each turned ``tilt`` degrees (a sheet laid askew on the glass)."""
    import pypdfium2 as pdfium
    from PIL import Image

    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for index in range(min(len(document), pages or len(document))):
            page = document[index]
            try:
                image = page.render(scale=dpi / 72, grayscale=True).to_pil()
                image = image.convert("L")
                if tilt:
                    image = image.rotate(
                        tilt, resample=Image.Resampling.BICUBIC, fillcolor=255
                    )
                images.append(image)
            finally:
                page.close()
    finally:
        document.close()
    buffer = io.BytesIO()
    images[0].save(
        buffer, format="PDF", resolution=dpi, save_all=True, append_images=images[1:]
    )
    return buffer.getvalue()

"""Hostile inputs (issue #13): size, time and peak memory of each, before and after.

Not a test. Builds each hostile file (small generators, nothing downloaded), then
reads it in a fresh Python process of its own — the way an import would, through
the readers or the extraction rules, without the child-process budget, so the
figures show what the readers and rules themselves cost — and reports the answer
(a result or the refusal), the wall time and the peak resident memory
(``ru_maxrss``) above the process's baseline. ``--before DIR`` runs the same cases
against another checkout (``git archive <commit> | tar -x -C DIR``) under an
address-space cap (``--cap-mb``, default 3 072), so a bomb that would take the
machine's memory stops at the cap instead.

    .venv/bin/python benchmarks/reliability/hostile.py            # all cases
    .venv/bin/python benchmarks/reliability/hostile.py pdf-stream docx-headers
    .venv/bin/python benchmarks/reliability/hostile.py --before /tmp/before
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from medborgarloften.extract.tests.hostile_files import (  # noqa: E402
    bullets,
    docx_with_many_headers,
    pdf_with_stream,
)

MB = 1024 * 1024


# --- Generators ----------------------------------------------------------------------


def docx_headers(headers: int = 400, header_bytes: int = 480_000) -> bytes:
    """A Word file whose body refers to many header parts of repeated markup: each
    part under 1 MB (no ratio check), 190 MB of XML in all (under the old 200 MB)."""
    return docx_with_many_headers(headers, header_bytes, header_paragraph="<w:p/>")


def _deflated(total: int, *, wbits: int = 15) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = b" " * MB
    parts = [packer.compress(block) for _ in range(total // MB)]
    return b"".join(parts) + packer.flush()


def pdf_stream(unpacked: int = 2000 * MB) -> bytes:
    """A one-page PDF with text, and a second content stream of ``unpacked`` bytes of
    spaces, FlateDecode (about 1.9 MB on disk for 2 000 MB)."""
    return pdf_with_stream(_deflated(unpacked), "/FlateDecode")


def xlsx_rows(rows: int = 2_000_000, *, numbered: bool = False) -> bytes:
    """A spreadsheet of ``rows`` short rows: about 0.2 MB for two million rows
    without their (optional) numbers, 1.3 MB for 300 000 numbered ones."""
    sys.path.insert(0, str(ROOT))
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-'
            'types"><Default Extension="rels" ContentType="application/vnd.'
            'openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" '
            f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Blad1" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" '
            f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<worksheet xmlns="{main}"><sheetData>'.encode())
            header = (
                '<row r="1"><c r="A1" t="inlineStr"><is><t>Kommun</t></is></c>'
                '<c r="B1" t="inlineStr"><is><t>År</t></is></c>'
                '<c r="C1" t="inlineStr"><is><t>Antal</t></is></c></row>'
            )
            sheet.write(header.encode())
            if numbered:
                for n in range(2, rows + 1):
                    sheet.write(b'<row r="%d"><c r="C%d"><v>1</v></c></row>' % (n, n))
            else:  # rows without their optional numbers repeat and pack tightly
                block = b"<row><c><v>1</v></c></row>" * 10_000
                for _ in range((rows - 1) // 10_000):
                    sheet.write(block)
                sheet.write(b"<row><c><v>1</v></c></row>" * ((rows - 1) % 10_000))
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def xlsx_declared(rows: int = 1_048_576) -> bytes:
    """A few hundred bytes that declare a sheet of A1:XFD1048576."""
    sys.path.insert(0, str(ROOT))
    from medborgarloften.extract.tests.xlsxgen import xlsx

    return xlsx(
        [(1, ["Kommun", "År", "Antal"]), (rows, ["Kalmar", 2024, 1])],
        dimension="A1:XFD1048576",
    )


def brotli_bomb(unpacked: int = 4096 * MB) -> bytes:
    import brotli

    packer = brotli.Compressor(quality=5)
    block = bytes(MB)
    parts = [packer.process(block) for _ in range(unpacked // MB)]
    return b"".join(parts) + packer.finish()


def gzip_bomb(unpacked: int = 4096 * MB) -> bytes:
    return _deflated(unpacked, wbits=31)


def deflate_bomb(unpacked: int = 4096 * MB) -> bytes:
    return _deflated(unpacked)


# --- Cases: (generator, how it is read, Content-Encoding for URL cases) ------------


CASES: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "bullets-20k": (lambda: bullets(20_000), "extract", ""),
    "bullets-80k": (lambda: bullets(80_000), "extract", ""),
    "docx-headers": (docx_headers, "read:lofte.docx", ""),
    "pdf-stream": (pdf_stream, "read:lofte.pdf", ""),
    "pdf-stream-budget-only": (pdf_stream, "budget", ""),
    "xlsx-2m-rows": (xlsx_rows, "table:brott.xlsx", ""),
    "xlsx-300k-rows": (
        lambda: xlsx_rows(300_000, numbered=True),
        "table:brott.xlsx",
        "",
    ),
    "xlsx-declared": (xlsx_declared, "table:brott.xlsx", ""),
    "url-brotli": (brotli_bomb, "url", "br"),
    "url-gzip": (gzip_bomb, "url", "gzip"),
    "url-deflate": (deflate_bomb, "url", "deflate"),
}


# --- One case in its own process -----------------------------------------------------


def unguarded_read(data: bytes) -> object:
    """The PDF reader with its stream check switched off: what the child-process
    budget alone does with a bomb the readers do not recognise (run in the child)."""
    from medborgarloften.extract.readers import pdf, read_bytes

    pdf.check_streams = lambda data: None
    return read_bytes(data, filename="lofte.pdf")


def run_case(how: str, path: str, url: str) -> None:
    """In the child: read the input, run it, print one JSON line."""
    sys.path.insert(0, os.environ.get("HOSTILE_CODE", str(ROOT)))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medborgarloften.settings")
    data = Path(path).read_bytes()
    if how.startswith("table"):
        import django

        django.setup()
    from medborgarloften.extract.errors import ExtractError
    from medborgarloften.extract.readers import read_bytes
    from medborgarloften.extract.record import extract_record

    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    try:
        if how == "extract":
            record = extract_record(data.decode(), record_id="hostile")
            answer = f"record: {len(record['commitments'])} commitments"
        elif how == "budget":
            from medborgarloften.extract import budget

            limits = budget.Budget()
            text = budget._run(unguarded_read, (data,), limits).text
            answer = f"read: {len(text)} characters"
            answer += f" (budget {limits.seconds:g} s, {limits.memory_mb} MB)"
        elif how.startswith("read:"):
            result = read_bytes(data, filename=how.split(":", 1)[1])
            answer = f"read: {len(result.text)} characters"
        elif how.startswith("table:"):
            try:  # what the lägesbild import runs, here in this process
                from medborgarloften.extract.readers.xlsx import xlsx_rows
                from medborgarloften.situation.tabular import MAX_ROWS

                rows = xlsx_rows(data, max_rows=MAX_ROWS)
                answer = f"table: {len(rows)} rows"
            except ImportError:  # the code before issue #13
                from medborgarloften.situation.tabular import read_table

                table = read_table(data, how.split(":", 1)[1])
                answer = f"table: {len(table.rows)} rows"
        else:
            from medborgarloften.extract.readers import USER_AGENT
            from medborgarloften.extract.readers.url import fetch

            download = fetch(url, timeout=20, max_bytes=25 * MB, user_agent=USER_AGENT)
            answer = f"downloaded: {len(download.data)} bytes"
    except (ExtractError, ValueError) as exc:
        answer = f"refused: {str(exc)[:160]}"
    except MemoryError:
        answer = "MemoryError"
    except Exception as exc:  # noqa: BLE001 - reported, not hidden
        answer = f"{type(exc).__name__}: {str(exc)[:120]}"
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {"answer": answer, "seconds": seconds, "peak_mb": (peak - base) / 1024}
        )
    )


class _Bomb(BaseHTTPRequestHandler):
    body = b""
    encoding = ""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Encoding", self.encoding)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the reader hung up: as it should
            self.wfile.write(self.body)


def measure(
    name: str, data: bytes, how: str, encoding: str, code: Path, cap_mb: int
) -> dict:
    with tempfile.NamedTemporaryFile(prefix=f"hostile-{name}-", delete=False) as tmp:
        tmp.write(data)
    server = None
    url = ""
    if how == "url":
        _Bomb.body, _Bomb.encoding = data, encoding
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Bomb)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/lofte.html"
    cap = cap_mb * MB

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = {**os.environ, "HOSTILE_CODE": str(code), "PYTHONPATH": str(code)}
    env.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="hostile-data-"))
    started = time.perf_counter()
    process = subprocess.run(
        [sys.executable, __file__, "--run", how, tmp.name, url],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=limit,  # noqa: PLW1509 - the script itself is single-threaded
        timeout=900,
        check=False,
    )
    wall = time.perf_counter() - started
    os.unlink(tmp.name)
    if server is not None:
        server.shutdown()
    lines = [line for line in process.stdout.splitlines() if line.startswith("{")]
    if lines:
        return {**json.loads(lines[-1]), "size": len(data)}
    tail = (process.stderr.strip().splitlines() or ["?"])[-1]
    return {
        "answer": f"process died (exit {process.returncode}): {tail[:120]}",
        "seconds": wall,
        "peak_mb": float("nan"),
        "size": len(data),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="*", help=f"of {', '.join(CASES)}")
    parser.add_argument("--before", type=Path, help="another checkout to compare")
    parser.add_argument("--cap-mb", type=int, default=3072)
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args()
    names = args.cases or list(CASES)
    load = Path("/proc/loadavg").read_text().split()[:3]
    print(
        f"# {os.uname().machine}, {os.cpu_count()} cores, Python "
        f"{sys.version.split()[0]}, load average {' '.join(load)}; "
        f"address-space cap {args.cap_mb} MB"
    )
    figures = {}
    for name in names:
        generate, how, encoding = CASES[name]
        data = generate()
        for label, code in (("after", ROOT), ("before", args.before)):
            if code is None:
                continue
            result = measure(name, data, how, encoding, code, args.cap_mb)
            figures[f"{name}/{label}"] = result
            print(
                f"{name:14} {label:6} {result['size'] / 1024:9.1f} kB "
                f"{result['seconds']:7.2f} s {result['peak_mb']:8.1f} MB  "
                f"{result['answer']}",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--run":
        run_case(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else "")
    else:
        main()

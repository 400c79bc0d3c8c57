"""Read and extract a document within a time and memory budget, in a child process.

A hostile upload — a zip bomb, a PDF with a stream that inflates to gigabytes, a text
that drives a rule into slow work — must cost the server a bounded amount of time and
memory and end in a clear refusal, never in a stuck request thread or a worker killed
by the kernel. The readers refuse the bombs they can recognise (``readers.archive``,
``readers.pdf``) with a precise reason; this module is the backstop for the rest:

- the work runs in a child process forked from a clean fork server (started once per
  server process, with the readers and rules already imported, so a job starts in a
  few tens of milliseconds), in its own process group;
- the child limits its own memory (``RLIMIT_DATA``: heap and anonymous mappings, what
  parsers allocate) and CPU time (``RLIMIT_CPU``, a backstop);
- the parent waits at most ``Budget.seconds`` of wall-clock time, then kills the
  whole group (OCR helpers included) and refuses;
- a text longer than ``Budget.max_chars`` is refused before the rules see it.

Every refusal is an :class:`ExtractError` with a "Swedish / English" line. Where the
platform lacks ``resource`` or the fork server (not Linux), the work runs in-process
with only the size budget. Django-free, like the rest of the package.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import ExtractError

try:  # Unix only
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

__all__ = [
    "Budget",
    "check_text_size",
    "extract_record_within",
    "pdf_pages_within",
    "read_bytes_within",
    "xlsx_rows_within",
]

#: Modules the fork server imports once, so each job starts without importing them;
#: ``_warmup`` also runs one small extraction there, so jobs start with warm caches.
#: "__main__" first: multiprocessing otherwise runs the main script again in every
#: job (the console script and pytest guard their entry points, as it requires).
PRELOAD = ["__main__", "medborgarloften.extract._warmup"]


@dataclass(frozen=True)
class Budget:
    """Limits for one reading or one extraction.

    ``seconds`` of wall-clock time, ``memory_mb`` of memory above what the fresh
    child already holds, ``max_chars`` characters of text handed to the rules.
    ``isolated=False`` runs in-process (size budget only; for callers that are
    already a short-lived process of their own).
    """

    seconds: float = 30.0
    memory_mb: int = 1024
    max_chars: int = 1_000_000
    isolated: bool = True
    #: Text recognition of a scan: this many seconds a page for up to
    #: ``ocr_max_pages`` pages (0: the web request's fixed limits in readers.ocr).
    ocr_seconds_per_page: float = 0.0
    ocr_max_pages: int = 0


def check_text_size(text: str, budget: Budget) -> None:
    """Refuse a text longer than the budget allows, before any rule runs."""
    if len(text) > budget.max_chars:
        limit = f"{budget.max_chars:,}".replace(",", " ")
        raise ExtractError(
            f"Dokumentets text är längre än {limit} tecken och läses inte / the "
            f"document's text is longer than {limit} characters and is not read"
        )


def read_bytes_within(
    data: bytes,
    *,
    filename: str = "",
    content_type: str | None = None,
    budget: Budget,
) -> Any:
    """``readers.read_bytes`` within ``budget``; its text is within the size budget."""
    ocr = (budget.ocr_seconds_per_page, budget.ocr_max_pages)
    return _run(
        _read_job, (data, filename, content_type, budget.max_chars, ocr), budget
    )


def pdf_pages_within(data: bytes, *, budget: Budget) -> int:
    """How many pages a PDF has (0 when it is not one or cannot be opened), counted
    within ``budget`` like any other look at an upload."""
    if b"%PDF-" not in data[:1024]:
        return 0
    try:
        return int(_run(_pages_job, (data,), budget))
    except ExtractError:
        return 0


def extract_record_within(
    text: str, *, record_id: str, source_url: str | None = None, budget: Budget
) -> dict[str, Any]:
    """``record.extract_record`` within ``budget``."""
    check_text_size(text, budget)
    result = _run(_extract_job, (text, record_id, source_url), budget)
    if not isinstance(result, dict):
        raise ExtractError("Extraktorn gav ingen post / the extractor gave no record")
    return result


def xlsx_rows_within(data: bytes, *, max_rows: int, budget: Budget) -> list[list[Any]]:
    """``readers.xlsx.xlsx_rows`` within ``budget`` (a spreadsheet upload is as
    hostile as a document: openpyxl reads a sheet without a declared size twice)."""
    result: list[list[Any]] = _run(_xlsx_job, (data, max_rows), budget)
    return result


# --- The jobs (run in the child, or in-process without isolation) -------------------


def _xlsx_job(data: bytes, max_rows: int) -> list[list[Any]]:
    # loaded in the child process that runs the job, not in the parent
    from .readers.xlsx import xlsx_rows

    return xlsx_rows(data, max_rows=max_rows)


def _read_job(
    data: bytes,
    filename: str,
    content_type: str | None,
    max_chars: int,
    ocr: tuple[float, int] = (0.0, 0),
) -> Any:
    from .readers import read_bytes
    from .readers.ocr import ocr_limits

    with ocr_limits(seconds_per_page=ocr[0], max_pages=ocr[1]):
        result = read_bytes(data, filename=filename, content_type=content_type)
    check_text_size(result.text, Budget(max_chars=max_chars))
    return result


def _pages_job(data: bytes) -> int:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return 0
    try:
        return len(document)
    finally:
        document.close()


def _extract_job(text: str, record_id: str, source_url: str | None) -> dict[str, Any]:
    from .record import extract_record

    return extract_record(text, record_id=record_id, source_url=source_url)


# --- The child process ---------------------------------------------------------------

_context: Any = None
_context_lock = threading.Lock()


def _fork_context() -> Any:
    """The fork-server context, created once per process; None where unsupported."""
    global _context
    with _context_lock:
        if _context is None:
            import multiprocessing

            if resource is None or "forkserver" not in (
                multiprocessing.get_all_start_methods()
            ):
                _context = False
            else:
                _context = multiprocessing.get_context("forkserver")
                _context.set_forkserver_preload(PRELOAD)
        return _context or None


def _data_in_use() -> int:
    """Bytes of heap and anonymous mappings this process holds now (Linux), else 0."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _child(
    conn: Any, job: Callable[..., Any], args: tuple[Any, ...], budget: Budget
) -> None:
    """Run ``job`` under the limits and send ("ok", result) or ("error", reason)."""
    with contextlib.suppress(OSError):
        os.setsid()  # its own group: a timeout kills OCR helpers with it
    _limit(resource.RLIMIT_DATA, _data_in_use() + budget.memory_mb * 1024 * 1024)
    _limit(resource.RLIMIT_CPU, math.ceil(budget.seconds) + 1)
    try:
        message: tuple[str, Any] = ("ok", job(*args))
    except ExtractError as exc:
        message = ("error", str(exc))
    except MemoryError:
        message = ("memory", None)
    except RecursionError:
        message = (
            "error",
            "Dokumentet är för djupt nästlat för att läsas / the document is nested "
            "too deeply to be read",
        )
    except Exception as exc:  # noqa: BLE001 - a job's bug is still a refusal
        message = ("error", _failed(type(exc).__name__))
    try:
        conn.send(message)
    except MemoryError:
        conn.send(("memory", None))
    finally:
        conn.close()


def _limit(kind: int, value: int) -> None:
    """Lower a resource limit to ``value`` (never above the hard limit)."""
    _soft, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(kind, (value, hard))


def _run(job: Callable[..., Any], args: tuple[Any, ...], budget: Budget) -> Any:
    context = _fork_context() if budget.isolated else None
    if context is None:
        return job(*args)
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, args=(sender, job, args, budget), daemon=True
    )
    try:
        process.start()
    except OSError as exc:
        raise ExtractError(_failed(f"{type(exc).__name__}: {exc.strerror or ''}"))
    finally:
        sender.close()
    message = None
    timed_out = False
    try:
        if receiver.poll(budget.seconds):
            message = receiver.recv()
        else:
            timed_out = True
    except (EOFError, OSError):
        message = None  # the child died without a word: see its exit code below
    finally:
        receiver.close()
        _stop(process)
    if timed_out or process.exitcode == -signal.SIGXCPU:
        raise _out_of_time(budget)
    if message is None:
        # Killed by the kernel (out of memory) or by a C library that could not
        # allocate (SIGSEGV, SIGABRT): either way the document asked for too much.
        raise _out_of_memory(budget, crashed=True)
    kind, value = message
    if kind == "ok":
        return value
    if kind == "memory":
        raise _out_of_memory(budget)
    raise ExtractError(value)


def _stop(process: Any) -> None:
    """End the child and everything it started; reap it."""
    if process.is_alive():
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            process.kill()
    process.join(5)
    if process.is_alive():  # pragma: no cover - a process that ignores SIGKILL
        process.kill()
        process.join(1)


def _out_of_time(budget: Budget) -> ExtractError:
    return ExtractError(
        f"Dokumentet tog mer än {budget.seconds:g} s att läsa och avbröts / reading "
        f"the document took more than {budget.seconds:g} s and was stopped"
    )


def _out_of_memory(budget: Budget, *, crashed: bool = False) -> ExtractError:
    if crashed:
        return ExtractError(
            f"Läsningen avbröts: dokumentet krävde mer än {budget.memory_mb} MB minne "
            f"eller fick läsaren att krascha / reading stopped: the document needed "
            f"more than {budget.memory_mb} MB of memory or crashed the reader"
        )
    return ExtractError(
        f"Dokumentet krävde mer än {budget.memory_mb} MB minne och avbröts "
        f"(komprimeringsbomb?) / the document needed more than {budget.memory_mb} MB "
        f"of memory and was stopped (compression bomb?)"
    )


def _failed(detail: str) -> str:
    return f"Dokumentet kunde inte läsas / the document could not be read ({detail})"

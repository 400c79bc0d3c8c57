"""Zip containers (DOCX, XLSX) checked before a parser opens them.

A 348 kB Word file with a few hundred header parts unpacked into 4.3 GB of parsed
XML; a 619 kB spreadsheet into two million rows (issue #13). Before python-docx or
openpyxl sees a container, ``check_zip`` refuses one that has too many parts, that
declares more unpacked bytes (in all, or in the XML parts a parser turns into
trees) than the limits allow, or that packs a large part suspiciously tightly —
and then unpacks every part once, in bounded pieces, to make sure the real sizes
are the declared ones (zipfile stops at the declared size and checks the CRC, so a
part that lies about its size is refused as broken here, not deep in a parser).
Django-free; errors are ``ExtractError`` lines in Swedish and English.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from ..errors import ExtractError

_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """What one kind of container may hold. ``name`` is ("Word-filen", "the Word
    file") and ``kind`` ("ett giltigt Word-dokument", "a valid Word document"): the
    words the refusals use."""

    name: tuple[str, str]
    max_members: int
    max_total: int  # unpacked bytes of all parts
    max_xml: int  # unpacked bytes of the parts a parser builds trees from
    max_ratio: int = 100
    ratio_from: int = 1024 * 1024  # small parts of repeated markup pack well
    kind: tuple[str, str] = ("en giltig zip-fil", "a valid zip file")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


def _is_xml(name: str) -> bool:
    return name.casefold().endswith((".xml", ".rels", ".vml"))


def check_zip(data: bytes, limits: ZipLimits) -> list[str]:
    """Refuse a container outside ``limits``; otherwise return its part names."""
    sv, en = limits.name
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ExtractError(
            f"Filen är inte {limits.kind[0]} (inte en zip-fil) / the file is not "
            f"{limits.kind[1]} (not a zip file)"
        )
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_members:
            raise ExtractError(
                f"{sv} har över {limits.max_members} delar / {en} has more than "
                f"{limits.max_members} parts"
            )
        total = sum(member.file_size for member in members)
        xml = sum(member.file_size for member in members if _is_xml(member.filename))
        if total > limits.max_total:
            raise ExtractError(
                f"{sv} packas upp till mer än {_megabytes(limits.max_total)} MB "
                f"(zip-bomb?) / {en} unpacks to more than "
                f"{_megabytes(limits.max_total)} MB (zip bomb?)"
            )
        if xml > limits.max_xml:
            raise ExtractError(
                f"{sv} innehåller mer än {_megabytes(limits.max_xml)} MB XML "
                f"(zip-bomb?) / {en} holds more than {_megabytes(limits.max_xml)} MB "
                f"of XML (zip bomb?)"
            )
        for member in members:
            if member.file_size < limits.ratio_from:
                continue
            if member.file_size / max(member.compress_size, 1) > limits.max_ratio:
                raise ExtractError(
                    f"{sv} har en misstänkt hög komprimeringsgrad (zip-bomb?) / "
                    f"{en} has a suspiciously high compression ratio (zip bomb?)"
                )
        for member in members:
            _unpack(archive, member, limits)
        return [member.filename for member in members]


def _unpack(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: ZipLimits
) -> None:
    """Unpack one part in bounded pieces, counting what really comes out."""
    sv, en = limits.name
    if member.is_dir():
        return
    size = 0
    try:
        with archive.open(member) as part:
            while piece := part.read(_CHUNK):
                size += len(piece)
                if size > member.file_size:  # zipfile stops there; belt and braces
                    raise zipfile.BadZipFile("longer than declared")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise ExtractError(
            f"{sv} är skadad: delen {member.filename[:60]} går inte att packa upp / "
            f"{en} is broken: the part {member.filename[:60]} cannot be unpacked "
            f"({type(exc).__name__})"
        )
    except NotImplementedError:
        raise ExtractError(
            f"{sv} använder en komprimering som inte stöds / {en} uses an "
            f"unsupported compression"
        )
    except RuntimeError:  # an encrypted part
        raise ExtractError(
            f"{sv} är krypterad eller lösenordsskyddad / {en} is encrypted or "
            f"password-protected"
        )
    if size != member.file_size:
        raise ExtractError(
            f"{sv} är skadad: delen {member.filename[:60]} är kortare än angivet / "
            f"{en} is broken: the part {member.filename[:60]} is shorter than "
            f"declared"
        )

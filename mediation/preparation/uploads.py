"""Checking an uploaded case summary: a real PDF or Word document, not empty, under 10MB.

The type is read from the file's content, not trusted from its name or the browser: a PDF starts
with ``%PDF-``; a Word document (.docx) is a zip holding ``word/document.xml``. A renamed
program, a macro-enabled document or an old .doc file is refused. Public: the partner side's
forms use it too.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from mediation.preparation.choices import FILE_MIMETYPES, FileKind

MAX_BYTES = 10 * 1024 * 1024
WRONG_TYPE = "The selected file must be a PDF or Word document"
TOO_BIG = "The selected file must be smaller than 10MB"
EMPTY = "The selected file is empty"

_EXTENSIONS = {".pdf": FileKind.PDF, ".docx": FileKind.DOCX}


class UploadError(ValueError):
    """The file cannot be accepted; the message says why, in GOV.UK words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedUpload:
    kind: FileKind
    name: str
    size: int
    sha256: str

    @property
    def mimetype(self) -> str:
        return FILE_MIMETYPES[self.kind]


def _read_head(handle: IO[bytes], n: int) -> bytes:
    handle.seek(0)
    head = handle.read(n)
    handle.seek(0)
    return head


def _is_docx(handle: IO[bytes]) -> bool:
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        handle.seek(0)
    # A macro-enabled document carries a VBA project: never accepted, whatever its name.
    return "word/document.xml" in names and not any(
        n.lower().endswith("vbaproject.bin") for n in names
    )


def content_kind(handle: IO[bytes]) -> FileKind | None:
    """What the bytes really are: a PDF, a Word document, or neither."""
    head = _read_head(handle, 8)
    if head.startswith(b"%PDF-"):
        return FileKind.PDF
    if head.startswith(b"PK\x03\x04") and _is_docx(handle):
        return FileKind.DOCX
    return None


def safe_file_name(name: str) -> str:
    """The name the file was sent with, without any folder, control or odd characters."""
    base = PurePath(name.replace("\\", "/")).name
    cleaned = re.sub(r"[^\w .()\-]+", "_", base, flags=re.UNICODE).strip(" .")
    if len(cleaned) > 150:
        stem, dot, ext = cleaned.rpartition(".")
        cleaned = f"{stem[: 150 - len(ext) - 1]}.{ext}" if dot else cleaned[:150]
    return cleaned or "case-summary"


def upload_check(upload: Any) -> CheckedUpload:
    """Accept a PDF or .docx of 1 byte to 10MB whose content matches its name, or say why not."""
    size = int(getattr(upload, "size", 0) or 0)
    if size == 0:
        raise UploadError(EMPTY)
    if size > MAX_BYTES:
        raise UploadError(TOO_BIG)
    name = safe_file_name(str(getattr(upload, "name", "") or ""))
    claimed = _EXTENSIONS.get(PurePath(name).suffix.lower())
    handle = upload.file if hasattr(upload, "file") else upload
    kind = content_kind(handle)
    if claimed is None or kind is None or kind != claimed:
        raise UploadError(WRONG_TYPE)
    digest = hashlib.sha256()
    handle.seek(0)
    for chunk in iter(lambda: handle.read(64 * 1024), b""):
        digest.update(chunk)
    handle.seek(0)
    return CheckedUpload(kind=kind, name=name, size=size, sha256=digest.hexdigest())

"""An uploaded case summary must really be a PDF or a Word document, not empty, under 10MB."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation.preparation.choices import FileKind
from mediation.preparation.tests.conftest import EXE_BYTES, docx_bytes, pdf_bytes, upload
from mediation.preparation.uploads import (
    EMPTY,
    MAX_BYTES,
    TOO_BIG,
    WRONG_TYPE,
    UploadError,
    safe_file_name,
    upload_check,
)


def test_a_real_pdf_is_accepted() -> None:
    checked = upload_check(upload("Our summary.pdf", pdf_bytes()))
    assert checked.kind == FileKind.PDF
    assert checked.mimetype == "application/pdf"
    assert checked.name == "Our summary.pdf"
    assert len(checked.sha256) == 64


def test_a_real_word_document_is_accepted() -> None:
    checked = upload_check(upload("summary.DOCX", docx_bytes(), "application/octet-stream"))
    assert checked.kind == FileKind.DOCX
    assert checked.mimetype.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("summary.pdf", EXE_BYTES),  # a program renamed .pdf
        ("summary.docx", EXE_BYTES),
        ("summary.pdf", docx_bytes()),  # a Word document calling itself a PDF
        ("summary.docx", pdf_bytes()),  # and the other way round
        ("summary.exe", pdf_bytes()),  # a PDF with a name we do not take
        ("summary", pdf_bytes()),
        ("summary.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),  # old Word
        ("summary.docx", b"PK\x03\x04" + b"\x00" * 100),  # a broken zip
        ("summary.docx", docx_bytes(macro=True)),  # macros are never accepted
        ("summary.pdf", b"Hello, this is plain text pretending to be a PDF"),
    ],
)
def test_anything_else_is_refused_as_the_wrong_type(name: str, content: bytes) -> None:
    with pytest.raises(UploadError) as raised:
        upload_check(upload(name, content))
    assert raised.value.message == WRONG_TYPE == "The selected file must be a PDF or Word document"


def test_a_zip_without_a_word_document_inside_is_refused() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a document")
    with pytest.raises(UploadError, match="must be a PDF or Word document"):
        upload_check(upload("summary.docx", buffer.getvalue()))


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(UploadError) as raised:
        upload_check(upload("summary.pdf", b""))
    assert raised.value.message == EMPTY == "The selected file is empty"


def test_a_file_over_10mb_is_refused_and_10mb_exactly_is_not() -> None:
    head = pdf_bytes()
    exactly = head + b"\n" * (MAX_BYTES - len(head))
    assert upload_check(upload("big.pdf", exactly)).size == MAX_BYTES
    with pytest.raises(UploadError) as raised:
        upload_check(upload("too-big.pdf", exactly + b"\n"))
    assert raised.value.message == TOO_BIG == "The selected file must be smaller than 10MB"


def test_the_check_leaves_the_file_ready_to_store() -> None:
    content = pdf_bytes()
    file = upload("summary.pdf", content)
    upload_check(file)
    assert file.read() == content


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\jo\\Case summary (final).pdf", "Case summary (final).pdf"),
        ("summary<script>.pdf", "summary_script_.pdf"),
        ("...", "case-summary"),
        ("a" * 300 + ".docx", "a" * 145 + ".docx"),
    ],
)
def test_the_name_it_was_sent_with_is_made_safe(sent: str, kept: str) -> None:
    assert safe_file_name(sent) == kept


@given(st.binary(min_size=1, max_size=2048))
def test_bytes_that_are_neither_pdf_nor_zip_are_never_accepted(content: bytes) -> None:
    if content.startswith((b"%PDF-", b"PK\x03\x04")):
        return
    for name in ("summary.pdf", "summary.docx"):
        with pytest.raises(UploadError):
            upload_check(upload(name, content))

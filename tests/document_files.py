"""Report files built by the tests: text PDFs, scans, Word files, and hostile ones of each.

Only the tests write PDFs and zips by hand (readers never parse them by hand):
a PDF here is the smallest valid one, its Chinese text in a font named but
not embedded, with a ``ToUnicode`` map so that a reader extracts the text
exactly as written.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Sequence

Line = tuple[float, float, str]
"""A line of text on a page: its x and y (points from the bottom left) and its text."""

_FONT = (
    "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
    "/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>"
)
_CID_FONT = (
    "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo "
    "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R "
    "/DW 1000 /CIDToGIDMap /Identity >>"
)
_DESCRIPTOR = (
    "<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -140 1000 860] "
    "/ItalicAngle 0 /Ascent 860 /Descent -140 /CapHeight 700 /StemV 80 >>"
)


def _stream(content: bytes, extra: str = "") -> bytes:
    return (
        b"<< /Length %d %s>>\nstream\n" % (len(content), extra.encode())
        + content
        + (b"\nendstream")
    )


def _to_unicode(codes: Sequence[int]) -> bytes:
    """A CMap reading each two-byte code as the character of that code point."""
    pairs = "\n".join(f"<{c:04X}> <{c:04X}>" for c in codes)
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def "
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(codes)} beginbfchar\n{pairs}\nendbfchar endcmap "
        "CMapName currentdict /CMap defineresource pop end end"
    ).encode()


def text_pdf(pages: Sequence[Sequence[Line]], claimed: int | None = None) -> bytes:
    """A PDF of ``pages``, each a list of lines; ``claimed`` lies about the page count."""
    codes = sorted({ord(c) for page in pages for _, _, text in page for c in text})
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: _FONT.encode(),
        4: _CID_FONT.encode(),
        5: _stream(_to_unicode(codes)),
        6: _DESCRIPTOR.encode(),
    }
    kids = []
    number = 7
    for page in pages:
        shown = "\n".join(
            f"BT /F1 10 Tf {x} {y} Td <{''.join(f'{ord(c):04X}' for c in text)}> Tj ET"
            for x, y, text in page
        )
        objects[number] = (
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {number + 1} 0 R >>"
        ).encode()
        objects[number + 1] = _stream(shown.encode())
        kids.append(f"{number} 0 R")
        number += 2
    count = len(kids) if claimed is None else claimed
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {count} >>".encode()
    return _pdf(objects)


def scanned_pdf(pages: int = 2) -> bytes:
    """A PDF whose pages hold only a picture (a grey square), as a scanner makes them: no text."""
    pixels = zlib.compress(bytes([128]) * 64 * 64)
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: _stream(
            pixels,
            "/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
            "/BitsPerComponent 8 /Filter /FlateDecode ",
        ),
        4: _stream(b"q 500 0 0 700 40 60 cm /Im1 Do Q"),
    }
    kids = []
    for n in range(pages):
        objects[5 + n] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /XObject << /Im1 3 0 R >> >> /Contents 4 0 R >>"
        )
        kids.append(f"{5 + n} 0 R")
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {pages} >>".encode()
    return _pdf(objects)


def _pdf(objects: dict[int, bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for key in sorted(objects):
        offsets[key] = len(out)
        out += b"%d 0 obj\n" % key + objects[key] + b"\nendobj\n"
    start = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for key in range(1, size):
        out += b"%010d 00000 n \n" % offsets[key]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, start)
    return bytes(out)


def word_file(blocks: Sequence[str | Sequence[Sequence[str]]], merge: bool = False) -> bytes:
    """A ``.docx`` of paragraphs (strings) and tables (rows of cells), by python-docx.

    With ``merge``, each table's first two cells of row 1 are merged across and
    the first cells of rows 2 and 3 down.
    """
    import docx

    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=len(block[0]))
        if merge:
            table.cell(0, 0).merge(table.cell(0, 1))
            table.cell(1, 0).merge(table.cell(2, 0))
        for r, row in enumerate(block):
            for c, text in enumerate(row):
                if text:
                    table.cell(r, c).text = text
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


def zip_bomb_docx(unpacked: int = 1 << 30) -> bytes:
    """A ``.docx`` of about 1 MB whose ``word/document.xml`` unpacks to ``unpacked`` bytes.

    The deflate stream of 1 MiB of spaces, flushed whole, is repeated (each
    copy stands alone after a full flush), so building it costs one MiB's
    compression; the sizes and CRC in the zip are the true ones.
    """
    step = 1 << 20
    chunk = b" " * step
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    copies = unpacked // step
    crc = 0
    for _ in range(copies):
        crc = zlib.crc32(chunk, crc)
    body = block * copies + compressor.flush()
    parts = [(b"[Content_Types].xml", _CONTENT_TYPES, None), (b"word/document.xml", body, crc)]
    return _zip(parts, copies * step)


_CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"/>'
)


def _zip(parts: Sequence[tuple[bytes, bytes, int | None]], bomb_size: int) -> bytes:
    """A zip of ``parts``: a part with a CRC is a raw deflate stream of ``bomb_size`` bytes."""
    out = bytearray()
    central = bytearray()
    for name, data, crc in parts:
        if crc is None:
            method, crc, packed, size = 0, zlib.crc32(data), data, len(data)
        else:
            method, packed, size = 8, data, bomb_size
        offset = len(out)
        fields = (20, 0, method, 0, 0, crc, len(packed), size, len(name), 0)
        header = struct.pack("<HHHHHIIIHH", *fields)
        out += b"PK\x03\x04" + header + name + packed
        central += (
            b"PK\x01\x02"
            + struct.pack(
                "<HHHHHHIIIHHHHHII",
                20,
                20,
                0,
                method,
                0,
                0,
                crc,
                len(packed),
                size,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
    end = struct.pack("<HHHHIIH", 0, 0, len(parts), len(parts), len(central), len(out), 0)
    return bytes(out + central + b"PK\x05\x06" + end)

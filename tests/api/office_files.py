"""Office files the resume endpoints refuse, built byte by byte as their applications write them:
an OLE2 compound file (Word 97-2003 .doc, or another Office 97-2003 document), RTF, OpenDocument."""

from __future__ import annotations

import io
import struct
import zipfile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FREE, END_OF_CHAIN, FAT_SECTOR = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def _entry(name: str, kind: int, start: int, size: int, *, right: int = FREE, child: int = FREE) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le")
    return (encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", FREE, right, child) + bytes(16) + bytes(4) + bytes(16)
            + struct.pack("<IQ", start, size))


def ole2_file(streams: dict[str, bytes]) -> bytes:
    """A version-3 compound file (512-byte sectors): header, one FAT sector, one directory sector,
    then each stream in its own sectors (streams of 4 KB or more, so no mini stream is needed)."""
    sectors: list[bytes] = []
    fat = [FAT_SECTOR, END_OF_CHAIN]  # sector 0: the FAT, sector 1: the directory
    entries = [b""]
    for number, (name, data) in enumerate(streams.items()):
        data = data.ljust(4096, b"\x00")
        first = len(fat)
        count = -(-len(data) // 512)
        fat += [first + i + 1 for i in range(count - 1)] + [END_OF_CHAIN]
        sectors += [data[i * 512:(i + 1) * 512].ljust(512, b"\x00") for i in range(count)]
        right = number + 2 if number + 1 < len(streams) else FREE  # siblings chained to the right
        entries.append(_entry(name, 2, first, len(data), right=right))
    entries[0] = _entry("Root Entry", 5, END_OF_CHAIN, 0, child=1 if streams else FREE)
    directory = b"".join(entries).ljust(512, b"\x00")
    fat_sector = struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff")
    header = (OLE_MAGIC + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0)
              + struct.pack("<I", 0) + b"\xff" * 436)
    return header + fat_sector + directory + b"".join(sectors)


def word_97_doc(text: str) -> bytes:
    """A .doc as Word 97-2003 saves it: a WordDocument stream (FIB magic 0xA5EC first), 1Table, summary."""
    fib = struct.pack("<HH", 0xA5EC, 0x00C1) + bytes(1468)
    return ole2_file({"WordDocument": fib + text.encode("cp1252"), "1Table": bytes(512),
                      "\x05SummaryInformation": bytes(512)})


def excel_97_xls() -> bytes:
    return ole2_file({"Workbook": struct.pack("<HHHH", 0x0809, 8, 0x0600, 0x0010) + bytes(512)})


def rtf(text: str) -> bytes:
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Helvetica;}}\n"
            "\\f0\\fs24 " + text.replace("\n", "\\par\n") + "\\par\n}").encode()


def odt(text: str) -> bytes:
    """An OpenDocument text file: the stored mimetype first, then manifest, content and styles."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>"))
        paragraphs = "".join(f"<text:p>{line}</text:p>" for line in text.splitlines())
        archive.writestr("content.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
            f"<office:body><office:text>{paragraphs}</office:text></office:body></office:document-content>"))
        archive.writestr("styles.xml", '<?xml version="1.0" encoding="UTF-8"?><office:document-styles '
                         'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
    return out.getvalue()

#!/usr/bin/env python3
"""mkdocs.py DIR - writes the test inputs of every format dossier reads into
DIR, each made here from a few lines (no binary is committed, nothing is
downloaded): PDFs written by hand (text in the standard Helvetica font,
a running header, page numbers, a word broken at a line end, metadata),
a scan without text layer, an encrypted and a malformed PDF; DOCX, ODT and
EPUB packages with footnotes and metadata; an HTML page with <meta>; zip and
tar.gz archives (nested, with files of other types); a truncated zip and
two zip bombs (one honest about its size, one that lies in its headers).

    mkdocs.py DIR          all of them
    mkdocs.py --seeds DIR  small ones, as fuzz seeds for fuzz_formats
    mkdocs.py --bench-pdf FILE PAGES TEXT...  a PDF of PAGES pages of the texts'
                           lines (make bench's PDF pages per second)
"""
import io
import os
import struct
import sys
import tarfile
import zipfile

# The sentences: our own wording, naming people, places and events the
# gazetteers and trigger lists know.
P1 = ["Nikolai Bukharin was arrested in Moscow on 27 February 1937 by the",
      "NKVD, and the prosecutor Andrey Vyshinsky accused him of treason."]
P2 = ["Genrikh Yagoda confessed at the trial that he had poisoned Maxim",
      "Gorky; the court sentenced him to death in March 1938."]
P3 = ["The Commission found that the charges against Leon Trotsky were",
      "fabricated by the prosecution and that the whole Depart-",
      "ment of Justice had been silent."]
P4 = ["Alexei Rykov denied that he had spied for Poland."]


def pdf_string(s):
    out = s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return out.encode("cp1252")


def pdf(pages, info=None, encrypt=False, image_pages=(), width=612, height=792):
    """pages: lists of (x, top, size, text); image_pages: indexes of pages
    that hold only an image (a scan)."""
    objs = {}
    n_pages = len(pages)
    # 1 catalog, 2 pages, 3 font, 4 image, then 2 per page, then info, encrypt
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = " ".join("%d 0 R" % (6 + 2 * i) for i in range(n_pages))
    objs[2] = ("<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n_pages)).encode()
    objs[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    objs[4] = (b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
               b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x40\x40\x80\nendstream")
    for i, lines in enumerate(pages):
        if i in image_pages:
            content = b"q 500 0 0 700 50 50 cm /Im1 Do Q"
        else:
            content = b"".join(b"BT /F1 %d Tf %d %d Td (%s) Tj ET\n" % (size, x, height - top, pdf_string(text))
                               for (x, top, size, text) in lines)
        objs[5 + 2 * i] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
        objs[6 + 2 * i] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                           b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> >>"
                           % (width, height, 5 + 2 * i))
    n = 5 + 2 * n_pages
    trailer = b""
    if info:
        objs[n] = b"<< " + b" ".join(b"/%s (%s)" % (k.encode(), pdf_string(v)) for k, v in info.items()) + b" >>"
        trailer += b" /Info %d 0 R" % n
        n += 1
    if encrypt:
        # the standard handler with a user password: without it nothing opens
        objs[n] = (b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> >>")
        trailer += b" /Encrypt %d 0 R /ID [<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]" % n
        n += 1
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for k in sorted(objs):
        offsets[k] = out.tell()
        out.write(b"%d 0 obj\n" % k + objs[k] + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % n)
    for k in range(1, n):
        out.write(b"%010d 00000 n \n" % offsets[k])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (n, trailer, xref))
    return out.getvalue()


def body_page(paras, top=90, step=14, gap=28):
    lines = []
    for p in paras:
        for text in p:
            lines.append((72, top, 11, text))
            top += step
        top += gap - step
    return lines


def report_pdf():
    """Three pages, each with a running header and a page number; the
    third paragraph crosses from page 2 to page 3 with a broken word."""
    header = "Report of the Commission of Inquiry - Volume One"
    pages = [body_page([P1, P2]), body_page([P3[:2]]), body_page([P3[2:], P4])]
    for i, page in enumerate(pages):
        page.insert(0, (72, 40, 9, header))
        page.append((290, 760, 9, "- %d -" % (i + 1)))
    return pdf(pages, info={"Title": "Report of the Commission", "Author": "John Dewey",
                            "CreationDate": "D:19380313120000+03'00'"})


def zip_bytes(members, compression=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, data in members:
            z.writestr(name, data)
    return out.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx():
    def para(text, note=None):
        ref = ('<w:r><w:footnoteReference w:id="%d"/></w:r>' % note) if note else ""
        return '<w:p><w:pPr><w:pStyle w:val="Body"/></w:pPr><w:r><w:t xml:space="preserve">%s</w:t></w:r>%s</w:p>' % (text, ref)
    body = (para(" ".join(P1), note=1) + para(" ".join(P2)) +
            '<w:p><w:r><w:t>Deleted</w:t></w:r><w:del><w:r><w:delText>not this</w:delText></w:r></w:del>'
            '<w:r><w:t xml:space="preserve"> and kept.</w:t></w:r></w:p>')
    document = ('<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s<w:sectPr/></w:body></w:document>'
                % (W, body))
    footnotes = ('<?xml version="1.0"?><w:footnotes %s>'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 '<w:footnote w:id="1"><w:p><w:r><w:t>See the record of the trial of Alexei Rykov.</w:t></w:r></w:p>'
                 '</w:footnote></w:footnotes>' % W)
    core = ('<?xml version="1.0"?><cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:title>Notes on the Trial</dc:title><dc:creator>Anna Larina</dc:creator>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">1938-03-14T09:00:00Z</dcterms:created>'
            '</cp:coreProperties>')
    app = '<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Pages>2</Pages></Properties>'
    types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="xml" ContentType="application/xml"/></Types>')
    return zip_bytes([("[Content_Types].xml", types), ("word/document.xml", document),
                      ("word/footnotes.xml", footnotes), ("docProps/core.xml", core), ("docProps/app.xml", app)])


def odt():
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')
    content = ('<?xml version="1.0"?><office:document-content %s><office:body><office:text>'
               '<text:h>The Verdict</text:h>'
               '<text:p>%s<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
               '<text:note-body><text:p>Quoted from the verdict of the court.</text:p></text:note-body></text:note></text:p>'
               '<text:p>%s<text:s text:c="2"/>End.</text:p>'
               '</office:text></office:body></office:document-content>' % (ns, " ".join(P2), " ".join(P4)))
    meta = ('<?xml version="1.0"?><office:document-meta %s><office:meta><dc:title>The Verdict</dc:title>'
            '<meta:initial-creator>Vasili Ulrikh</meta:initial-creator><dc:creator>A Clerk</dc:creator>'
            '<meta:creation-date>1938-03-13T04:00:00</meta:creation-date>'
            '<meta:document-statistic meta:page-count="1"/></office:meta></office:document-meta>' % ns)
    return zip_bytes([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", content),
                      ("meta.xml", meta)])


def epub():
    container = ('<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
                 '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
                 '</rootfiles></container>')
    opf = ('<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
           '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>The Case of Leon Trotsky</dc:title>'
           '<dc:creator>Commission of Inquiry</dc:creator><dc:date>1937-04</dc:date></metadata>'
           '<manifest><item id="c2" href="Text/chapter%202.xhtml" media-type="application/xhtml+xml"/>'
           '<item id="c1" href="Text/chapter1.xhtml" media-type="application/xhtml+xml"/></manifest>'
           '<spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>')
    chap = ('<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>%s</title>'
            '</head><body><h1>%s</h1><p>%s</p><p>\u00a0</p><p>%s</p></body></html>')
    c1 = chap % ("One", "Chapter One", " ".join(P1), " ".join(P3).replace("Depart- ment", "Department"))
    c2 = chap % ("Two", "Chapter Two", " ".join(P4), "The hearings ended in Coyoac\u00e1n.")
    return zip_bytes([("mimetype", "application/epub+zip"), ("META-INF/container.xml", container),
                      ("OEBPS/content.opf", opf), ("OEBPS/Text/chapter1.xhtml", c1),
                      ("OEBPS/Text/chapter 2.xhtml", c2)])


def html():
    return ('<!DOCTYPE html><html><head><title>Site name | An article</title>'
            '<meta property="og:title" content="The Second Moscow Trial">'
            '<meta name="author" content="Walter Duranty">'
            '<meta property="article:published_time" content="1937-01-30T08:00:00+03:00">'
            '</head><body><nav>Home</nav><p>%s</p></body></html>' % " ".join(P2))


def tar_gz(members):
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as t:
        for name, data in members:
            data = data.encode() if isinstance(data, str) else data
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            ti.mtime = 0
            t.addfile(ti, io.BytesIO(data))
    return out.getvalue()


def bomb(size):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("ok.txt", " ".join(P4) + "\n")
        with z.open("zeros.txt", "w", force_zip64=False) as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                f.write(chunk)
    return out.getvalue()


def lying_bomb(size):
    """A member whose headers say 100 bytes; its data inflates to size."""
    data = bytearray(bomb(size))
    # the sizes of zeros.txt in its local header and central directory entry
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while True:
            at = data.find(sig, at)
            if at < 0:
                break
            name_off = 30 if sig == b"PK\x03\x04" else 46
            n = struct.unpack_from("<H", data, at + (26 if sig == b"PK\x03\x04" else 28))[0]
            if bytes(data[at + name_off:at + name_off + n]) == b"zeros.txt":
                struct.pack_into("<I", data, at + off, 100)
            at += 4
    return bytes(data)


def write(d, name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)


def bench_pdf(path, n_pages, texts):
    """The texts' words in lines of about 90 characters, 50 to a page,
    paragraphs apart, a running header and a page number on each."""
    lines = []
    for t in texts:
        with open(t, encoding="utf-8") as f:
            for para in f.read().split("\n\n"):
                words, line = para.split(), ""
                for w in words:
                    if len(line) + len(w) > 90:
                        lines.append(line)
                        line = ""
                    line = (line + " " + w).strip()
                if line:
                    lines.append(line)
                lines.append("")
    pages, k = [], 0
    for p in range(n_pages):
        page, top = [(72, 30, 8, "The Moscow Trials - papers")], 60
        while top < 740:
            text = lines[k % len(lines)].encode("cp1252", "replace").decode("cp1252")
            k += 1
            if text:
                page.append((50, top, 9, text))
            top += 13
        page.append((300, 770, 8, str(p + 1)))
        pages.append(page)
    with open(path, "wb") as f:
        f.write(pdf(pages, info={"Title": "Bench"}))


def main():
    if sys.argv[1] == "--bench-pdf":
        bench_pdf(sys.argv[2], int(sys.argv[3]), sys.argv[4:])
        return
    seeds = sys.argv[1] == "--seeds"
    d = sys.argv[-1]
    os.makedirs(d, exist_ok=True)
    rep = report_pdf()
    small = {
        "report.pdf": rep,
        "notes.docx": docx(),
        "verdict.odt": odt(),
        "case.epub": epub(),
        "encrypted.pdf": pdf([body_page([P1])], encrypt=True),
        "malformed.pdf": rep[:len(rep) // 3],
        "scan.pdf": pdf([[]], image_pages=(0,)),
        "mixed-scan.pdf": pdf([body_page([P1]), []], image_pages=(1,)),
        "truncated.zip": zip_bytes([("a.txt", " ".join(P1) * 20), ("b.txt", " ".join(P2) * 20)])[:300],
    }
    if seeds:
        # the first byte picks fuzz_formats' reader: 0 PDF, 1 DOCX, 2 ODT, 3 EPUB, 4 archive
        small["bomb.zip"] = bomb(2 << 20)
        small["bundle.zip"] = zip_bytes([("a.txt", " ".join(P1)), ("n.zip", zip_bytes([("b.txt", " ".join(P2))]))])
        small["papers.tar.gz"] = tar_gz([("p/z.txt", " ".join(P2)), ("p/m.html", html())])
        pick = {".pdf": 0, ".docx": 1, ".odt": 2, ".epub": 3, ".zip": 4, ".gz": 4}
        for name, data in small.items():
            write(d, name, bytes([pick[os.path.splitext(name)[1]]]) + data)
        return
    for name, data in small.items():
        write(d, name, data)
    write(d, "article.html", html())
    write(d, "photo.jpg", b"\xff\xd8\xff\xe0 not really a picture")
    inner = zip_bytes([("inner.txt", " ".join(P4) + "\n")])
    write(d, "bundle.zip", zip_bytes([
        ("letters/b.txt", " ".join(P1) + "\n"),
        ("letters/a.docx", docx()),
        ("nested.zip", inner),
        ("scans/page1.jpg", b"\xff\xd8 no picture"),
        ("__MACOSX/letters/._b.txt", "mac junk"),
        ("report.pdf", rep)]))
    write(d, "papers.tar.gz", tar_gz([("papers/z.txt", " ".join(P2) + "\n"), ("papers/m.html", html()),
                                      ("papers/a.epub", epub())]))
    write(d, "bomb.zip", bomb(8 << 20))
    write(d, "lying-bomb.zip", lying_bomb(8 << 20))


if __name__ == "__main__":
    main()

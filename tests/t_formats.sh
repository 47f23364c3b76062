#!/bin/sh
# t_formats.sh - PDF, DOCX, ODT, EPUB, HTML metadata, zip and tar.gz inputs,
# end to end through the CLI, on inputs tests/mkdocs.py writes here (no
# binary is committed): the text each reader gives, documents.csv, the page
# column, archive members, and the bad ones (malformed, truncated,
# encrypted, a scan, zip bombs) skipped with a warning, never a crash.
# make test-formats does the same on the sample corpus converted by LibreOffice.
. tests/harness.sh
D=${DOSSIER:-./dossier}
G=$T/in
python3 tests/mkdocs.py "$G" || { echo "FAIL mkdocs.py"; echo "0 passed, 1 failed"; exit 1; }
nl='
'

# ---- what each reader gives (dossier text prints what offsets refer to)
$D text "$G/report.pdf" > "$T/pdf.txt"
cat > "$T/pdf.want" <<'EOF'
Nikolai Bukharin was arrested in Moscow on 27 February 1937 by the
NKVD, and the prosecutor Andrey Vyshinsky accused him of treason.

Genrikh Yagoda confessed at the trial that he had poisoned Maxim
Gorky; the court sentenced him to death in March 1938.

The Commission found that the charges against Leon Trotsky were
fabricated by the prosecution and that the whole Depart-
ment of Justice had been silent.

Alexei Rykov denied that he had spied for Poland.
EOF
check "PDF: lines in reading order, paragraph breaks from the gaps and the page breaks, running header and page numbers left out, a word broken across pages on one line break" cmp "$T/pdf.txt" "$T/pdf.want"
$D text "$G/notes.docx" > "$T/docx.txt"
check "DOCX: the footnote is its own paragraph after the one citing it" \
  grep -Pqz 'of treason\.\n\nSee the record of the trial of Alexei Rykov\.\n\nGenrikh Yagoda' "$T/docx.txt"
check "DOCX: deleted text is left out" sh -c "grep -q '^Deleted and kept\.$' '$T/docx.txt' && ! grep -q 'not this' '$T/docx.txt'"
$D text "$G/verdict.odt" > "$T/odt.txt"
check "ODT: heading, paragraphs, the note body after its paragraph, text:s spaces" \
  grep -Pqz '^The Verdict\n\nGenrikh Yagoda .*March 1938\.\n\nQuoted from the verdict of the court\.\n\nAlexei Rykov denied that he had spied for Poland\.  End\.\n$' "$T/odt.txt"
$D text "$G/case.epub" > "$T/epub.txt"
check "EPUB: chapters in spine order (not manifest order), an escaped href, no blank paragraphs" \
  grep -Pqz '(?s)^Chapter One\n\nNikolai Bukharin .*silent\.\n\nChapter Two\n\nAlexei Rykov .*Poland\.\n\nThe hearings ended in Coyoac' "$T/epub.txt"
$D text "$G/bundle.zip:report.pdf" > "$T/member.txt"
check "dossier text ARCHIVE:MEMBER reads the member" cmp "$T/member.txt" "$T/pdf.want"
$D text "$G/bundle.zip:nested.zip:inner.txt" > "$T/nested.txt"
check "dossier text of a member of a nested archive" grep -q '^Alexei Rykov denied' "$T/nested.txt"
$D text "$G/bundle.zip" > /dev/null 2> "$T/arch.err"; rc=$?
check "dossier text of an archive: exit 2, name a member (got $rc)" sh -c "[ $rc = 2 ] && grep -q 'an archive, not a document: its members are read as ARCHIVE:MEMBER' '$T/arch.err'"
$D text "$G/bundle.zip:no/such.txt" > /dev/null 2> "$T/nomember.err"; rc=$?
check "dossier text of a member that is not there: exit 2 (got $rc)" sh -c "[ $rc = 2 ] && grep -q 'no such member in the archive' '$T/nomember.err'"

# a TEI document: its header gives title, authors and the date the text was made
cat > "$G/session.xml" <<'EOF'
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title type="sub">Evening</title><title type="main">Session of 12 March</title>
<author>A. Stenographer</author><author>B. Clerk</author></titleStmt>
<publicationStmt><date when="2001-05-01">2001</date></publicationStmt>
<sourceDesc><bibl><date when="1938-03-13"/></bibl></sourceDesc></fileDesc>
<profileDesc><creation><date when="1938-03-12"/></creation></profileDesc></teiHeader>
<text><body><p>Andrey Vyshinsky questioned Alexei Rykov.</p></body></text></TEI>
EOF
# a TEI letter: the day it was sent (correspDesc), not the day it arrived, is its date
cat > "$G/letter.xml" <<'EOF'
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>To her brother</title></titleStmt>
<publicationStmt><p>Private edition.</p></publicationStmt><sourceDesc><p>Manuscript.</p></sourceDesc></fileDesc>
<profileDesc><correspDesc><correspAction type="received"><date when="1847-05-20"/></correspAction>
<correspAction type="sent"><persName>Elise</persName><date when="1847-05-12">12 May 1847</date></correspAction>
</correspDesc></profileDesc></teiHeader>
<text><body><p>Our cousin was arrested at Lyon earlier this month.</p></body></text></TEI>
EOF

# ---- a folder of mixed inputs, end to end
$D extract -j 2 --max-member 4M -o "$T/o" "$G" 2> "$T/err"; rc=$?
check "a folder with bad inputs among good ones: exit 0 (got $rc)" test $rc = 0
DC=$T/o/documents.csv
check "documents.csv: header" sh -c "head -n 1 '$DC' | grep -qx 'document,format,title,author,date,pages,bytes,status,why'"
row() { grep -q "^$(printf '%s' "$G/$1" | sed 's/[.[\*^$]/\\&/g')$2" "$DC"; }
check "documents.csv: PDF info (title, author, CreationDate as a date), pages, bytes" \
  row report.pdf ',pdf,Report of the Commission,John Dewey,1938-03-13,3,[0-9]*,read,$'
check "documents.csv: DOCX core.xml and app.xml" row notes.docx ',docx,Notes on the Trial,Anna Larina,1938-03-14,2,[0-9]*,read,$'
check "documents.csv: ODT meta.xml (the initial creator is the author)" row verdict.odt ',odt,The Verdict,Vasili Ulrikh,1938-03-13,1,'
check "documents.csv: EPUB OPF (a month is a date)" row case.epub ',epub,The Case of Leon Trotsky,Commission of Inquiry,1937-04,,'
check "documents.csv: HTML <meta> (og:title, author, article:published_time)" \
  row article.html ',html,The Second Moscow Trial,Walter Duranty,1937-01-30,,'
check "documents.csv: a TEI header (main title, authors, the creation date before the source's and the edition's)" \
  row session.xml ',tei,Session of 12 March,A. Stenographer; B. Clerk,1938-03-12,,'
check "documents.csv: a TEI letter's date is the day correspDesc says it was sent" \
  row letter.xml ',tei,To her brother,,1847-05-12,,'
check "a TEI letter's sent date dates its relative dates" \
  grep -q "^$G/letter.xml,[0-9]*,[0-9]*,DATE,earlier this month,,,1847-05,,1847-05-12," "$T/o/mentions.csv"
check "documents.csv: zip members by archive:path, a nested archive's too" \
  sh -c "grep -q '^$G/bundle.zip:letters/a.docx,docx,Notes on the Trial,' '$DC' && grep -q '^$G/bundle.zip:nested.zip:inner.txt,txt,' '$DC'"
check "documents.csv: tar.gz members" sh -c "grep -q '^$G/papers.tar.gz:papers/a.epub,epub,' '$DC' && grep -q '^$G/papers.tar.gz:papers/z.txt,txt,' '$DC'"
check "documents.csv: a file of another type, in a folder and in an archive" \
  sh -c "grep -q '^$G/photo.jpg,,,,,,[0-9]*,skipped,not a readable type (.jpg)$' '$DC' && grep -q '^$G/bundle.zip:scans/page1.jpg,.*,skipped,not a readable type (.jpg)$' '$DC'"
check "an archive's hidden and __MACOSX files are no inputs" sh -c "! grep -q MACOSX '$DC'"
check "documents.csv: a scan is skipped: no text layer" row scan.pdf ',pdf,,,,1,[0-9]*,skipped,"no text layer: OCR it first, e.g. with ocrmypdf"$'
check "documents.csv: an encrypted PDF is skipped" row encrypted.pdf ',pdf,.*,skipped,"encrypted PDF'
check "documents.csv: a malformed PDF is skipped" row malformed.pdf ',pdf,.*,skipped,malformed PDF'
check "documents.csv: a truncated zip is skipped as such" row truncated.zip ',.*,skipped,.*truncated'
check "documents.csv: a zip bomb's member is skipped, its sibling read" \
  sh -c "grep -q '^$G/bomb.zip:zeros.txt,.*,skipped,8 MiB uncompressed: over the limit of 4 MiB per member' '$DC' && grep -q '^$G/bomb.zip:ok.txt,txt,.*,read,' '$DC'"
check "documents.csv: a member whose data outgrows its header is skipped" \
  row lying-bomb.zip:zeros.txt ',.*,skipped,its data is larger than its header says'
check "documents.csv: a PDF with a scanned page is read, with why" row mixed-scan.pdf ',pdf,.*,read,"page 2 has no text layer'
for f in scan.pdf encrypted.pdf malformed.pdf truncated.zip bomb.zip:zeros.txt lying-bomb.zip:zeros.txt; do
  check "a warning names $f" grep -q "^dossier: $G/$f: " "$T/err"
done
check "the skips are summed up" grep -q "input(s) skipped" "$T/err"
check "no warning for files of other types" sh -c "! grep -q 'photo.jpg' '$T/err'"

# ---- the page column: mentions.csv and timeline.csv
M=$T/o/mentions.csv
# (page, then the columns appended after it: link, issue 18)
check "mentions.csv: page appended after the contract's columns" sh -c "head -n 1 '$M' | grep -q ',value,modifier,.*,page\(,[a-z_]*\)*$'"
check "mentions.csv: the page of a PDF mention (page 1)" grep -q "^$G/report.pdf,[0-9]*,[0-9]*,PERSON,Genrikh Yagoda,.*,1,[a-z]*$" "$M"
check "mentions.csv: the page of a PDF mention (page 3)" grep -q "^$G/report.pdf,[0-9]*,[0-9]*,PERSON,Alexei Rykov,.*,3,[a-z]*$" "$M"
check "mentions.csv: no page for other formats" grep -q "^$G/notes.docx,[0-9]*,[0-9]*,PERSON,Genrikh Yagoda,.*,,[a-z]*$" "$M"
check "timeline.csv: page appended as the last column" sh -c "head -n 1 '$T/o/timeline.csv' | grep -q ',trigger,.*page$'"
check "timeline.csv: the page of a PDF event" grep -q "$G/report.pdf,.*,denied,.*,3$" "$T/o/timeline.csv"
line=$(grep "^$G/report.pdf,.*,PERSON,Alexei Rykov," "$M" | head -n 1)
s=$(printf '%s' "$line" | cut -d, -f2); e=$(printf '%s' "$line" | cut -d, -f3)
got=$($D text "$G/report.pdf" | tail -c +$((s + 1)) | head -c $((e - s)))
check "PDF offsets select the mention in dossier text's output (got '$got')" test "$got" = "Alexei Rykov"

# ---- the PDF's mentions and events are those of the same text as .txt
mkdir -p "$T/txt"
cp "$T/pdf.want" "$T/txt/report.txt"
$D extract -q -o "$T/ot" "$T/txt/report.txt"
$D extract -q -o "$T/op" "$G/report.pdf"
cut -d, -f4,6 "$T/ot/mentions.csv" | sort > "$T/ment-txt"; cut -d, -f4,6 "$T/op/mentions.csv" | sort > "$T/ment-pdf"
check "PDF and .txt of one text: the same entities" cmp "$T/ment-txt" "$T/ment-pdf"
cut -d, -f6,7 "$T/ot/timeline.csv" | sort > "$T/ev-txt"; cut -d, -f6,7 "$T/op/timeline.csv" | sort > "$T/ev-pdf"
check "PDF and .txt of one text: the same event types and modalities" cmp "$T/ev-txt" "$T/ev-pdf"

# ---- the same bytes with -j 1 and in shards merged
$D extract -q --max-member 4M -o "$T/o1" "$G"
same=1; for f in "$T/o"/*; do cmp -s "$f" "$T/o1/$(basename "$f")" || { same=0; echo "differs: $f"; }; done
check "-j 1 and -j 2 give the same bytes (archives, PDFs, skipped inputs)" test $same = 1
$D extract -q --max-member 4M --partial "$T/p1" "$G/bundle.zip" "$G/report.pdf" "$G/scan.pdf"
find "$G" -type f ! -name bundle.zip ! -name report.pdf ! -name scan.pdf > "$T/rest"
# (the folder walk lists photo.jpg as skipped; given by name it would be read as text)
$D extract -q --max-member 4M --partial "$T/p2" $(grep -v photo.jpg "$T/rest")
$D merge -q -o "$T/om" "$T/p2" "$T/p1"
grep -v "photo.jpg," "$T/o/documents.csv" > "$T/docs-nojpg"
check "shards merged: the same documents.csv" cmp "$T/docs-nojpg" "$T/om/documents.csv"
check "shards merged: the same mentions.csv" cmp "$T/o/mentions.csv" "$T/om/mentions.csv"
check "shards merged: the same timeline.csv" cmp "$T/o/timeline.csv" "$T/om/timeline.csv"

# ---- limits and --strict
$D extract -q --max-depth 1 -o "$T/d1" "$G/bundle.zip" 2>/dev/null
check "--max-depth 1: a nested archive is skipped" grep -q "bundle.zip:nested.zip,.*,skipped,an archive inside 1 archives: over the nesting limit" "$T/d1/documents.csv"
$D extract --max-members 2 -o "$T/d2" "$G/bundle.zip" 2> "$T/err2"
check "--max-members 2: the rest of the archive skipped with a warning" grep -q "bundle.zip: more than 2 members" "$T/err2"
$D extract -q --max-member 12x -o "$T/d3" "$G/report.pdf" 2>/dev/null; rc=$?
check "--max-member with a bad size: usage error (got $rc)" test $rc = 1
$D extract -q --strict -o "$T/s" "$G" 2>/dev/null; rc=$?
check "--strict: a skipped PDF or member is an error (got $rc)" test $rc = 2
check "--strict: nothing written" test ! -e "$T/s/documents.csv"
$D extract -q --strict -o "$T/s2" "$G/report.pdf" "$G/notes.docx" "$G/case.epub"; rc=$?
check "--strict: good PDF, DOCX and EPUB pass (got $rc)" test $rc = 0

# ---- a folder with no readable document
mkdir -p "$T/pics/sub"
for i in 1 2 3; do printf 'x' > "$T/pics/p$i.jpg"; done
printf 'y' > "$T/pics/sub/scan.PNG"
$D extract -o "$T/np" "$T/pics" 2> "$T/err3"; rc=$?
check "a folder with no readable document: exit 2 (got $rc)" test $rc = 2
check "the message names what was found" grep -q "pics: 4 files, none of a readable type: .jpg ×3, .png ×1" "$T/err3"
check "nothing written" test ! -e "$T/np"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

"""The resume parsers (no Supabase): document reading, offline parsing field by field, the model
parser against a local chat-completions server, and the fallback between them."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from backend.llm_api.services.resume_parsing import (
    EncryptedFile,
    FileTooLarge,
    ModelConfig,
    NoTextFound,
    UnreadableFile,
    UnsupportedFile,
    parse_document,
    read_document,
)
from backend.llm_api.services.resume_parsing.documents import DOCX, PDF, TEXT, sniff
from backend.llm_api.services.resume_parsing.offline import find_range
from backend.llm_api.services.resume_parsing.schema import JSON_SCHEMA
from backend.llm_api.services.resume_parsing.vocabulary import vocabulary
from tests.api.fake_openai import FakeOpenAI, completion
from tests.api.office_files import excel_97_xls, odt, rtf, word_97_doc
from tests.api.resume_blind import blind_set
from tests.api.resume_blind_2 import blind_set_2
from tests.api.resume_blind_3 import blind_set_3
from tests.api.resume_blind_4 import blind_set_4
from tests.api.resume_blind_5 import blind_set_5
from tests.api.resume_blind_6 import blind_set_6
from tests.api.resume_blind_7 import blind_set_7
from tests.api.resume_blind_8 import blind_set_8
from tests.api.resume_corpus import (
    CJK_PEOPLE,
    PEOPLE,
    Variant,
    expected_fields,
    held_out_set,
    labelled_set,
    parsed_fields,
    render_docx,
    render_docx_table,
    render_pdf,
    render_pdf_two_columns,
    render_text,
    score,
)


def parse(data: bytes) -> dict:
    return parse_document(document=read_document(data=data, max_pages=20)).data


ADA = PEOPLE[0]


# documents -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("data", "kind"), [
    (render_pdf(ADA), PDF), (render_docx(ADA), DOCX), (render_text(ADA), TEXT),
    ("Имя Фамилия\nresume".encode(), TEXT), (b"\xef\xbb\xbfwith a BOM", TEXT),
])
def test_formats_are_told_by_their_bytes(data, kind):
    assert sniff(data) == kind


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,  # an image
    b"GIF89a" + b"\x00" * 20,
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,  # a legacy .doc
    "caf\xe9 latin-1".encode("latin-1"),  # not UTF-8
    b"text with a NUL\x00 inside",
    b"text with a bell \x07 inside",
    bytes(range(256)) * 4,
])
def test_other_files_are_unsupported(data):
    with pytest.raises(UnsupportedFile):
        read_document(data=data, max_pages=20)


ACCEPTED = "upload a PDF, a DOCX document or plain UTF-8 text."


@pytest.mark.parametrize(("data", "message"), [
    (word_97_doc("Ada Lovelace\rBackend engineer"), f"Legacy Word files (.doc) are not accepted; {ACCEPTED}"),
    (excel_97_xls(), f"Legacy Office files (.doc, .xls, .ppt) are not accepted; {ACCEPTED}"),
    (rtf("Ada Lovelace\nBackend engineer, ada@example.com"), f"RTF files are not accepted; {ACCEPTED}"),
    (b"\r\n" + rtf("Ada Lovelace"), f"RTF files are not accepted; {ACCEPTED}"),
    (odt("Ada Lovelace\nBackend engineer"), f"OpenDocument text files (.odt) are not accepted; {ACCEPTED}"),
], ids=["doc", "xls", "rtf", "rtf-after-blank-line", "odt"])
def test_office_formats_are_refused_naming_the_accepted_ones(data, message):
    with pytest.raises(UnsupportedFile) as refused:
        read_document(data=data, max_pages=20)
    assert (refused.value.status_code, refused.value.code, refused.value.detail) == (
        415, "unsupported_file_type", message)


def test_a_zip_without_a_word_document_is_unsupported():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "Ada Lovelace, engineer, ada@example.com, lots of text here")
    with pytest.raises(UnsupportedFile):
        read_document(data=out.getvalue(), max_pages=20)


def test_an_encrypted_pdf_is_refused_with_its_reason():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(render_pdf(ADA))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(EncryptedFile):
        read_document(data=out.getvalue(), max_pages=20)


def test_a_pdf_encrypted_only_against_editing_still_opens():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(render_pdf(ADA))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    assert parse(out.getvalue())["email"] == ADA.email


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_a_truncated_pdf_is_unreadable(cut):
    data = render_pdf(ADA)
    with pytest.raises(UnreadableFile):
        read_document(data=data[: int(len(data) * cut)], max_pages=20)


def test_a_truncated_or_corrupt_docx_is_unreadable():
    data = render_docx(ADA)
    with pytest.raises(UnreadableFile):
        read_document(data=data[: len(data) // 2], max_pages=20)
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document><unclosed>")
    with pytest.raises(UnreadableFile):
        read_document(data=broken.getvalue(), max_pages=20)


def test_a_pdf_without_text_says_so():
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.rect(50, 50, 400, 600, fill=1)  # a "scan": drawing, no text
    page.showPage()
    page.save()
    with pytest.raises(NoTextFound):
        read_document(data=out.getvalue(), max_pages=20)
    with pytest.raises(NoTextFound):
        read_document(data=b"   \n\n  ", max_pages=20)


def test_page_limit():
    data = render_pdf(ADA, repeat=3)
    assert read_document(data=data, max_pages=20).page_count >= 3
    with pytest.raises(FileTooLarge) as refused:
        read_document(data=data, max_pages=2)
    assert refused.value.code == "too_many_pages"


def test_a_file_read_under_a_timeout_reads_the_same():
    data = render_pdf_two_columns(ADA)
    bounded = read_document(data=data, max_pages=20, timeout=30)
    assert (bounded.lines, bounded.page_count, bounded.content_type) == (
        (direct := read_document(data=data, max_pages=20)).lines, direct.page_count, direct.content_type)


def test_refusals_cross_from_the_child_process():
    with pytest.raises(FileTooLarge) as refused:
        read_document(data=render_pdf(ADA, repeat=3), max_pages=2, timeout=30)
    assert (refused.value.code, refused.value.detail) == ("too_many_pages", "The PDF has 3 pages; at most 2 are accepted.")
    with pytest.raises(UnsupportedFile):
        read_document(data=b"\x89PNG\r\n\x1a\n" + bytes(100), max_pages=20, timeout=30)


def test_a_child_out_of_memory_is_unreadable_and_a_crash_is_a_bug(monkeypatch):
    from backend.llm_api.services.resume_parsing import documents

    monkeypatch.setattr(documents, "CHILD_MEMORY_BYTES", 64 * 1024 * 1024)
    monkeypatch.setattr(documents, "_read_document", lambda *args: bytearray(512 * 1024 * 1024))
    with pytest.raises(UnreadableFile) as refused:
        read_document(data=b"x", max_pages=20, timeout=30)
    assert refused.value.detail == "The file needs too much memory to read."

    def broken(*args):
        raise KeyError("bug")

    monkeypatch.setattr(documents, "_read_document", broken)
    with pytest.raises(RuntimeError, match="KeyError: 'bug'"):
        read_document(data=b"x", max_pages=20, timeout=30)


def test_two_columns_are_read_column_by_column():
    person = PEOPLE[3]
    lines = [line.text for line in read_document(data=render_pdf_two_columns(person), max_pages=20).lines]
    sidebar = lines.index("CONTACT")
    main = lines.index("PROFILE")
    # each column's lines stay together: the sidebar's skills come in one run, none inside the experience
    skills = [i for i, text in enumerate(lines) if text.lstrip("• ") in person.skills_written]
    assert skills == list(range(skills[0], skills[0] + len(skills)))
    experience = lines.index("EXPERIENCE")
    education = lines.index("EDUCATION")
    assert not any(experience < i < education for i in skills)
    assert sidebar < main or sidebar > education
    assert any(line.startswith(person.jobs[0].title) for line in lines[experience:education])


def test_right_aligned_dates_stay_on_their_row():
    lines = [line.text for line in read_document(data=render_pdf(ADA), max_pages=20).lines]
    assert "Senior Backend Engineer \t Mar 2021 – Present" in lines


# offline parser, field by field ---------------------------------------------------------------
DOCUMENTS = labelled_set() + held_out_set()


@pytest.mark.parametrize(("layout", "person", "variant", "data"), DOCUMENTS,
                         ids=[f"{layout}-{person.email.split('@')[0]}" for layout, person, _, _ in DOCUMENTS])
def test_labelled_resumes_parse_field_by_field(layout, person, variant, data):
    parsed = parse(data)
    got = parsed_fields(parsed)
    wrong = {name: (expected, got.get(name)) for name, expected in expected_fields(person).items()
             if not score(person, parsed)[name]}
    assert wrong == {}


def _accuracy(documents) -> tuple[float, float]:
    right = total = contact = contact_right = 0
    for _layout, person, _variant, data in documents:
        for name, ok in score(person, parse(data)).items():
            right, total = right + ok, total + 1
            if name in ("name", "email", "phone"):
                contact_right, contact = contact_right + ok, contact + 1
    return right / total, contact_right / contact


def test_hand_typed_resumes_meet_the_accuracy_targets():
    """The issue's targets on resumes typed in other styles: 90% of fields, 97% of name/email/phone."""
    overall, contact = _accuracy(blind_set())
    assert overall >= 0.90, overall
    assert contact >= 0.97, contact


def test_the_second_blind_set_keeps_its_accuracy():
    """48 documents in four layouts new to the parser: 99.2% of fields and 144/144 name/email/phone
    once its generic bugs were fixed (71.0% and 143/144 at first; 100% after the sixth set's fixes); floors a
    little under those."""
    overall, contact = _accuracy(blind_set_2())
    assert overall >= 0.98, overall
    assert contact >= 0.99, contact


def test_fields_of_one_resume():
    parsed = parse(render_text(ADA, Variant("abbr", " – ", caps=True)))
    assert parsed["name"] == "Ada Lovelace"
    assert parsed["email"] == "ada.lovelace@example.com"
    assert parsed["phone"] == "+44 20 7946 0958"
    assert parsed["location"] == "London, UK"
    assert parsed["links"] == ["https://github.com/adalovelace", "https://www.linkedin.com/in/ada-lovelace"]
    assert parsed["summary"].startswith("Backend engineer with eight years")
    assert parsed["skills"][:6] == ["Python", "Go", "PostgreSQL", "Kubernetes", "Apache Kafka",
                                    "Amazon Web Services"]
    first, second = parsed["experience"]
    assert first == {"title": "Senior Backend Engineer", "company": "Paystream Ltd", "location": "London, UK",
                     "start": "2021-03", "end": None, "current": True,
                     "highlights": ADA.jobs[0].highlights}
    assert (second["start"], second["end"], second["current"]) == ("2017-09", "2021-02", False)
    assert parsed["education"] == [{"degree": "BSc", "field": "Computer Science",
                                    "institution": "University of Manchester", "start": "2013", "end": "2017"}]
    assert parsed["certifications"] == ["AWS Certified Solutions Architect"]
    assert parsed["languages"] == ["English", "French"]


def test_claims_carry_their_kind_and_source_line():
    claims = parse(render_text(ADA))["claims"]
    latency = next(c for c in claims if "latency" in c["text"])
    assert latency["kind"] == "quantified"
    assert latency["source"] == "Cut p95 checkout latency by 40% by moving fraud checks off the request path."
    lead = next(c for c in claims if c["text"].startswith("Led a team"))
    assert {"quantified", "leadership"} <= set(lead["kinds"])
    text = ("Jane Roe\njane@example.com\nEXPERIENCE\nEngineer, Foo Inc  2019 - 2020\n"
            "• Wrote services in Go and deployed them on Kubernetes\n")
    tech = parse(text.encode())["claims"]
    assert tech[0]["kind"] == "technology" and "Kubernetes" in tech[0]["skills"]


@pytest.mark.parametrize(("text", "start", "end", "current"), [
    ("Jan 2020 – Present", "2020-01", None, True),
    ("January 2020 - March 2022", "2020-01", "2022-03", False),
    ("01/2020 to 12/2021", "2020-01", "2021-12", False),
    ("2020-01 — 2021-06", "2020-01", "2021-06", False),
    ("2018 - 2020", "2018", "2020", False),
    ("Sept. 2019 – Current", "2019-09", None, True),
    ("3/2015–7/2016", "2015-03", "2016-07", False),
    ("Summer 2019 - Fall 2019", "2019", "2019", False),
    ("since 2021", "2021", None, True),
    ("Mai 2018 bis heute", "2018-05", None, True),
    ("Mar '19 – Jun '21", "2019-03", "2021-06", False),
    ("Jan. 2020 to Now", "2020-01", None, True),
    ("Dec '98 - Present", "1998-12", None, True),
    ("Summer 2017", "2017", "2017", False),
    ("June 2021 – till date", "2021-06", None, True),
    ("Ene 2021 – Presente", "2021-01", None, True),
    ("maart 2019 – heden", "2019-03", None, True),
    ("giugno 2016 - ottobre 2018", "2016-06", "2018-10", False),
    ("01/03/2018 – Present", "2018-03", None, True),
    ("15.09.2014 - 28.02.2018", "2014-09", "2018-02", False),
])
def test_date_styles(text, start, end, current):
    found = find_range(f"Engineer, Foo  {text}")
    assert (found.start, found.end, found.current) == (start, end, current)


def test_skill_aliases_are_canonical_and_deduplicated():
    text = ("Sam Poe\nsam@example.com\nSKILLS\nJS, k8s, Postgres, PostgreSQL, postgresql, Golang, "
            "Node JS, C#, C++, Terraform, Underwater basket weaving\n")
    skills = parse(text.encode())["skills"]
    assert skills == ["JavaScript", "Kubernetes", "PostgreSQL", "Go", "Node.js", "C#", "C++", "Terraform",
                      "Underwater basket weaving"]
    assert len(vocabulary().skills) >= 300


def test_skills_written_as_a_sentence():
    text = ("Sam Poe\nsam@example.com\nSKILLS\nDay to day I work with JS, C, Figma and Go.\n"
            "Experienced in Simulink & Ada\n")
    assert parse(text.encode())["skills"] == ["JavaScript", "C", "Figma", "Go", "Simulink", "Ada"]


def test_an_internship_dated_by_its_season_is_an_entry():
    text = ("Sam Poe\nsam@example.com\nEXPERIENCE\nAcme Corp — Berlin, Germany\nEngineer    2019 – Present\n"
            "  ▪ Built things.\nGlobex — Paris, France\nEngineering Intern    Summer 2017\n  ▪ Tested things.\n")
    experience = parse(text.encode())["experience"]
    assert [(e["title"], e["company"], e["location"], e["start"], e["end"], e["current"], e["highlights"])
            for e in experience] == [
        ("Engineer", "Acme Corp", "Berlin, Germany", "2019", None, True, ["Built things."]),
        ("Engineering Intern", "Globex", "Paris, France", "2017", "2017", False, ["Tested things."]),
    ]


def test_entry_headers_in_other_scripts():
    text = ("Дмитрий Соколов\nd@example.ru | Москва, Россия\nОПЫТ\nEXPERIENCE\nЯндекс — Москва\n"
            "Разработчик    2016 – Present\n  ▪ Ускорил индексатор в 3 раза.\n")
    parsed = parse(text.encode())
    assert parsed["location"] == "Москва, Россия"
    assert [(e["title"], e["company"], e["location"]) for e in parsed["experience"]] == [
        ("Разработчик", "Яндекс", "Москва")]


def test_degree_names_in_other_languages():
    text = ("Sam Poe\nsam@example.com\nEDUCATION\nGrado in Mathematics — Universidad de Sevilla (2011–2015)\n"
            "Bacharelado in Física — Universidade de São Paulo (2008–2011)\n"
            "Diplôme d'ingénieur in Aerospace Engineering — ISAE-SUPAERO (2015–2018)\n")
    assert [(e["degree"], e["field"], e["institution"]) for e in parse(text.encode())["education"]] == [
        ("Grado", "Mathematics", "Universidad de Sevilla"), ("Bacharelado", "Física", "Universidade de São Paulo"),
        ("Diplôme d'ingénieur", "Aerospace Engineering", "ISAE-SUPAERO")]


@pytest.mark.parametrize("heading", ["EMPLOYMENT RECORD", "Esperienza / Experience", "EXPERIENCIA PROFESIONAL"])
def test_more_experience_headings(heading):
    text = (f"Kim Lee\nkim@example.com\n{heading}\nData Analyst | Acme Corp | 2019 - 2021\n- Built reports\n"
            "EDUCACIÓN\nBSc (Hons) Mathematics, University of Leeds, 2015 – 2018\n")
    parsed = parse(text.encode())
    assert [(e["title"], e["company"], e["start"], e["end"]) for e in parsed["experience"]] == [
        ("Data Analyst", "Acme Corp", "2019", "2021")]
    assert parsed["education"] == [{"degree": "BSc (Hons)", "field": "Mathematics", "institution": "University of Leeds",
                                    "start": "2015", "end": "2018"}]


@pytest.mark.parametrize("heading", ["Research Experience", "CLINICAL EXPERIENCE", "Teaching Experience"])
def test_any_kind_of_experience_heading(heading):
    text = (f"Kim Lee\nkim@example.com\n{heading}\nStaff Nurse, Mercy Hospital, Austin, TX | 2019 - 2021\n"
            "- Cared for patients\n")
    assert [(e["title"], e["company"], e["location"]) for e in parse(text.encode())["experience"]] == [
        ("Staff Nurse", "Mercy Hospital", "Austin, TX")]


def test_a_sentence_ending_in_experience_is_no_heading():
    text = ("Kim Lee\nkim@example.com\nEXPERIENCE\nAnalyst, Acme Corp | 2019 - 2021\n- Wrote reports\n"
            "- Gained some experience\nPrior experience\n")
    assert parse(text.encode())["experience"][0]["highlights"] == ["Wrote reports", "Gained some experience",
                                                                   "Prior experience"]


@pytest.mark.parametrize(("line", "name"), [("Dr. Elena Petrova", "Elena Petrova"), ("MARIA SANTOS, RN", "Maria Santos"),
                                            ("Jane Roe, PhD, PE", "Jane Roe"), ("Prof Alan Turing", "Alan Turing")])
def test_titles_and_credentials_around_names(line, name):
    assert parse(f"{line}\nkim@example.com\nSKILLS\nPython\n".encode())["name"] == name


def test_labelled_entry_lines_and_a_place_in_parentheses():
    text = ("Kim Lee\nkim@example.com\nEXPERIENCE\nCompany: Persistent Systems\nDesignation: Senior Engineer\n"
            "Duration: Jan 2019 - Present\n- Built services\nOutSystems (Lisbon) — Principal Engineer, 2016-2019\n"
            "- Designed caches\n")
    assert [(e["title"], e["company"], e["location"], e["start"]) for e in parse(text.encode())["experience"]] == [
        ("Senior Engineer", "Persistent Systems", None, "2019-01"), ("Principal Engineer", "OutSystems", "Lisbon", "2016")]


def test_page_footers_and_running_headers_are_dropped():
    text = ("Noa Levi\nnoa@example.com\nEXPERIENCE\nWix, Tel Aviv, Israel\nEngineer | 2019 – Present\n- Built it.\n"
            "Page 1 of 2\nNoa Levi | noa@example.com\nCheck Point, Tel Aviv, Israel\nDeveloper | 2016 – 2019\n"
            "- Built that.\n2 / 2\n")
    assert [(e["title"], e["company"], e["highlights"]) for e in parse(text.encode())["experience"]] == [
        ("Engineer", "Wix", ["Built it."]), ("Developer", "Check Point", ["Built that."])]


def test_two_roles_under_one_company_and_durations_after_dates():
    text = ("Kim Lee\nkim@example.com\nEXPERIENCE\nAgoda — Bangkok, Thailand\nManager    Jan 2021 – Present (3 yrs)\n"
            "• Managed.\nEngineer    Mar 2017 – Dec 2020 (3 years 9 months)\n• Built.\n")
    assert [(e["title"], e["company"], e["location"], e["start"], e["end"]) for e in parse(text.encode())["experience"]] \
        == [("Manager", "Agoda", "Bangkok, Thailand", "2021-01", None),
            ("Engineer", "Agoda", "Bangkok, Thailand", "2017-03", "2020-12")]


def test_skill_levels_languages_by_label_and_decorated_names():
    text = ("-- KIM LEE --\nkim@example.com\n-- SKILLS --\nGo (expert), Java (advanced), Terraform (2+ years)\n"
            "PERSONAL SKILLS\nMother tongue: Hungarian\nOther languages: English, German\n")
    parsed = parse(text.encode())
    assert (parsed["name"], parsed["skills"], parsed["languages"]) == (
        "Kim Lee", ["Go", "Java", "Terraform"], ["Hungarian", "English", "German"])


def test_the_name_printed_largest_beats_a_sidebar_read_first():
    from tests.api.resume_blind_5 import linkedin_export_pdf

    parsed = parse(linkedin_export_pdf())
    assert (parsed["name"], parsed["languages"]) == ("Laura Bianchi", ["Italian", "English"])


def test_every_country_is_a_place():
    from backend.llm_api.services.resume_parsing.offline import is_place

    assert all(is_place(f"Springfield, {country}") for country in ("Jordan", "Ethiopia", "Nederland", "Peru", "Nepal"))
    assert not is_place("Acme Corp, Jordan")


def test_a_half_known_two_language_heading_is_no_section():
    text = "Kim Lee\nkim@example.com\nEXPERIENCE\nData Analyst | Acme Corp | 2019 - 2021\n- Built reports / Skills\n"
    assert parse(text.encode())["experience"][0]["highlights"] == ["Built reports / Skills"]


def test_wide_spaces_in_plain_text_part_columns_and_bare_sites_are_links():
    text = ("Kim Lee\nkim@example.com | kimlee.dev\nEXPERIENCE\nSafaricom PLC          Nairobi, Kenya\n"
            "Business Analyst        Aug 2015 - Jan 2019\n- Mapped processes at shop.example.com\n")
    parsed = parse(text.encode())
    assert [(e["title"], e["company"], e["location"]) for e in parsed["experience"]] == [
        ("Business Analyst", "Safaricom PLC", "Nairobi, Kenya")]
    assert parsed["links"] == ["https://kimlee.dev"]  # not the e-mail's domain, nor a site named in a highlight


def test_certifications_keep_their_parentheses_and_wrapped_lines():
    text = ("Sam Poe\nsam@example.com\nCERTIFICATIONS\nProject Management Professional (PMP)\n"
            "AWS Certified Solutions Architect –\nAssociate\n")
    assert parse(text.encode())["certifications"] == [
        "Project Management Professional (PMP)", "AWS Certified Solutions Architect – Associate"]


def test_dates_in_a_left_margin_are_no_column():
    """Dates printed in a margin beside each entry: read on the entry's row, not as a column of their own."""
    from tests.api.resume_blind_2 import PEOPLE_2, render_pdf_dates_left

    lines = [line.text for line in read_document(data=render_pdf_dates_left(PEOPLE_2[6], 0, "slash_present"),
                                                 max_pages=20).lines]
    assert "07/2020 – Present \t Lead Engineer, Flipkart" in lines


def test_the_third_blind_set_keeps_its_accuracy():
    """15 resumes typed after the second set's fixes: 84.8% of fields (386/455) when first measured, under the
    issue's 90% target; 99.6% (453/455) after the generic fixes it prompted (100% after the sixth set's);
    45/45 name/email/phone."""
    overall, contact = _accuracy(blind_set_3())
    assert overall >= 0.98, overall
    assert contact >= 0.99, contact


def test_the_fourth_blind_set_keeps_its_accuracy():
    """17 resumes typed after the third set's fixes: 84.5% of fields (435/515) and 48/51 name/email/phone
    when first measured, under the issue's targets; 98.3% (506/515) and 51/51 after the generic fixes it and
    the fifth set prompted (99.8% after the sixth set's) (headings such as "Research Experience" and "Werkervaring", "Dr." and ", RN"
    around names, "Company:" labels, every country in the place list)."""
    overall, contact = _accuracy(blind_set_4())
    assert overall >= 0.97, overall
    assert contact >= 0.97, contact


def test_the_fifth_blind_set_keeps_its_accuracy():
    """15 resumes typed after the fourth set's fixes: 91.8% of fields (413/450) and name/email/phone 43/45
    (95.6%) when first measured (a LinkedIn export's sidebar heading and a "-- NAME --" banner taken for
    names); 99.6% (448/450) and 45/45 after the generic fixes it prompted."""
    overall, contact = _accuracy(blind_set_5())
    assert overall >= 0.98, overall
    assert contact >= 0.99, contact


def test_the_sixth_blind_set_keeps_its_accuracy():
    """16 resumes typed after the fifth set's fixes: 88.8% of fields (426/480) and 45/48 name/email/phone
    (93.8%) when first measured, both under the issue's targets (a DOCX with the name and contact in its
    page header, Cyrillic headings, open-ended ranges such as "3/2018–", a Markdown table of jobs, company
    and city on lines of their own above the title); 100% (480/480) and 48/48 after the generic fixes it
    prompted (page headers and footers read, headings in more scripts, open ranges in every date style,
    tables read row by row). Floors a little under those."""
    overall, contact = _accuracy(blind_set_6())
    assert overall >= 0.98, overall
    assert contact >= 0.99, contact


def test_the_seventh_blind_set_keeps_its_first_measurement():
    """24 resumes written by a helper who never read the parser, in styles no earlier set has (referees,
    personal-details blocks, margin headings, a two-column PDF, Word tables, "to date", "Hiện tại",
    "Devam ediyor"), measured once after the sixth set's fixes: 79.1% of fields (687/868), under the
    issue's 90%, and 71/72 name/email/phone (98.6%), over its 97%. Two labels were then corrected to the
    project's conventions (a postal code is no part of the location; "Expected May 2025" is 2025-05),
    which makes that first measurement 688/868. After the generic fixes it prompted (headings in a PDF's
    left margin, "Earlier Career" sections, Vietnamese and Turkish headings and date words, bilingual
    headings, tab-aligned forms, entries written anchor first, school certificates, more degrees, place
    and level words): 100% (868/868) and 72/72. Floors a little under those."""
    overall, contact = _accuracy(blind_set_7())
    assert overall >= 0.98, overall
    assert contact >= 0.99, contact


def test_the_eighth_blind_set_a_representative_sample_meets_the_targets():
    """30 ordinary resumes as a platform's users upload them (a third PDF, a fifth DOCX, the rest pasted
    text; 20 countries), written by a helper who never read the parser and not chosen for new styles,
    measured once after the seventh set's fixes: 97.1% of fields (961/990) and 89/90 name/email/phone
    (98.9%), both over the issue's 90% and 97%. Floors at that first measurement."""
    overall, contact = _accuracy(blind_set_8())
    assert overall >= 0.97, overall
    assert contact >= 0.98, contact


def test_ambiguous_words_are_skills_only_in_a_skills_section():
    text = ("Sam Poe\nsam@example.com\nEXPERIENCE\nEngineer, Foo Inc  2019 - 2020\n"
            "• Helped the team go live; wrote a spring release note in C and Rust\n")
    skills = parse(text.encode())["skills"]
    assert "Go" not in skills and "Spring" not in skills


@pytest.mark.parametrize("heading", ["EXPERIENCE", "Experience", "Work experience:", "WORK HISTORY", "Employment"])
def test_headings_in_any_case(heading):
    text = f"Kim Lee\nkim@example.com\n{heading}\nData Analyst | Acme Corp | 2019 - 2021\n- Built reports\n"
    job = parse(text.encode())["experience"][0]
    assert (job["title"], job["company"], job["start"], job["end"]) == ("Data Analyst", "Acme Corp", "2019", "2021")


NAME_CASES = [(person, render) for person in (PEOPLE[1], PEOPLE[2], PEOPLE[4], *CJK_PEOPLE)
              for render in (render_text, render_docx, render_docx_table, render_pdf, render_pdf_two_columns)
              # the DejaVu font has no CJK glyphs: those names are checked in text and DOCX
              if not (person in CJK_PEOPLE and render in (render_pdf, render_pdf_two_columns))]


@pytest.mark.parametrize(("person", "render"), NAME_CASES,
                         ids=[f"{p.email.split('@')[0]}-{r.__name__}" for p, r in NAME_CASES])
def test_non_latin_names(person, render):
    assert parse(render(person))["name"] == person.name


def test_capitalised_names_read_as_names():
    assert parse(b"MARY-JANE O'NEIL\nmary@example.com\n")["name"] == "Mary-Jane O'Neil"


# model parser ---------------------------------------------------------------------------------
MODEL_ANSWER = {
    "name": "Ada Lovelace", "email": "ada.lovelace@example.com", "phone": "+44 20 7946 0958",
    "location": "London, UK", "links": ["https://github.com/adalovelace"], "summary": "Backend engineer.",
    "skills": ["Python", "Go", "Python"],
    "experience": [{"title": "Senior Backend Engineer", "company": "Paystream Ltd", "location": "London, UK",
                    "start": "2021-03", "end": "2024-01", "current": True, "highlights": ["Cut latency."]},
                   {"title": "Software Engineer", "company": "Datawise Labs", "location": None,
                    "start": "Sept 2017", "end": "2021-02", "current": False, "highlights": []}],
    "education": [{"degree": "BSc", "field": "Computer Science", "institution": "University of Manchester",
                   "start": "2013", "end": "2017"}],
    "certifications": [], "languages": ["English"],
    "claims": [{"text": "40% faster checkout", "kind": "quantified",
                "source": "• Cut p95 checkout latency by 40% by moving fraud checks off the request path."},
               {"text": "invented", "kind": "leadership", "source": "Led the moon landing."}],
}


def config(server: FakeOpenAI, timeout: float = 10.0) -> ModelConfig:
    return ModelConfig(api_key="test-key", base_url=server.base_url, model="fake-model", timeout=timeout)


def test_model_parser_asks_for_a_json_schema_and_normalises_the_answer():
    document = read_document(data=render_text(ADA), max_pages=20)
    with FakeOpenAI(lambda body: (200, completion(json.dumps(MODEL_ANSWER)))) as server:
        result = parse_document(document=document, model=config(server))
    assert result.parser == "model"
    request = server.requests[0]
    assert server.paths == ["/v1/chat/completions"]
    assert request["model"] == "fake-model"
    assert request["response_format"]["type"] == "json_schema"
    assert request["response_format"]["json_schema"]["strict"] is True
    assert request["response_format"]["json_schema"]["schema"] == JSON_SCHEMA
    assert "<resume>" in request["messages"][1]["content"] and ADA.email in request["messages"][1]["content"]
    data = result.data
    assert data["skills"] == ["Python", "Go"]  # deduplicated
    assert data["experience"][0]["end"] is None and data["experience"][0]["current"] is True
    assert data["experience"][1]["start"] is None  # "Sept 2017" is not YYYY-MM: dropped
    assert [c["text"] for c in data["claims"]] == ["40% faster checkout"]  # an invented source is dropped


@pytest.mark.parametrize("reply", [
    lambda body: (200, completion("this is not JSON")),
    lambda body: (200, completion(json.dumps(["a", "list"]))),
    lambda body: (200, completion(json.dumps({"unexpected": True}))),
    lambda body: (500, {"error": {"message": "boom", "type": "server_error"}}),
    lambda body: (401, {"error": {"message": "bad key", "type": "invalid_request_error"}}),
    lambda body: (200, "<html>proxy error</html>"),
], ids=["not-json", "not-an-object", "wrong-shape", "http-500", "http-401", "html"])
def test_a_failed_model_answer_falls_back_to_offline(reply):
    document = read_document(data=render_text(ADA), max_pages=20)
    with FakeOpenAI(reply) as server:
        result = parse_document(document=document, model=config(server))
    assert len(server.requests) == 1  # no retries
    assert result.parser == "offline"
    assert result.data["name"] == "Ada Lovelace" and result.data["experience"][0]["company"] == "Paystream Ltd"


def test_a_model_that_does_not_answer_in_time_falls_back_to_offline():
    document = read_document(data=render_text(ADA), max_pages=20)
    with FakeOpenAI(lambda body: (200, completion(json.dumps(MODEL_ANSWER))), delay=30) as server:
        result = parse_document(document=document, model=config(server, timeout=0.5))
    assert result.parser == "offline"


def test_an_unreachable_model_falls_back_to_offline():
    document = read_document(data=render_text(ADA), max_pages=20)
    with FakeOpenAI(lambda body: (200, {})) as server:
        url = server.base_url
    result = parse_document(document=document, model=ModelConfig("k", url, "m", 2.0))
    assert result.parser == "offline"


def _docx_from_body(body: str) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{w}" xmlns:mc="{mc}"><w:body>{body}'
                                              "</w:body></w:document>")
    return out.getvalue()


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_docx_text_boxes_are_read_once_and_apart():
    box = f"<w:txbxContent>{_p('SKILLS')}{_p('Python, k8s')}</w:txbxContent>"
    body = (_p("Noor Haddad") + _p("noor@example.com") +
            "<w:p><w:r><mc:AlternateContent>"
            f"<mc:Choice><w:drawing>{box}</w:drawing></mc:Choice>"
            f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r></w:p>")
    lines = [line.text for line in read_document(data=_docx_from_body(body), max_pages=20).lines]
    assert lines == ["Noor Haddad", "noor@example.com", "SKILLS", "Python, k8s"]
    assert parse(_docx_from_body(body))["skills"] == ["Python", "Kubernetes"]


def raw_pdf(text_ops: bytes) -> bytes:
    """A minimal hand-written PDF (no xref table: readers rebuild it) with the given text operators."""
    stream = b"BT /F1 12 Tf " + text_ops + b" ET"
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    body += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return body


def test_control_characters_never_reach_the_text():
    """pypdf hands over NULs and other controls as the PDF has them; Postgres would refuse a NUL."""
    data = raw_pdf(b"72 700 Td (Noor Haddad) Tj 0 -20 Td (noor@example.com \\001\\002\\000 control characters) Tj")
    document = read_document(data=data, max_pages=20)
    assert document.text == "Noor Haddad\nnoor@example.com control characters"


@pytest.mark.parametrize("phone", ["+1 (555) 123-4567", "555.123.4567", "+44 20 7946 0958", "0171 234 5678",
                                   "+49-30-1234567"])
def test_phone_styles(phone):
    assert parse(f"Rosa Diaz\nrosa@example.com | {phone}\n".encode())["phone"] == phone


def test_years_and_versions_are_not_phones():
    text = "Rosa Diaz\nrosa@example.com\nEXPERIENCE\nEngineer, Foo Inc  2019 - 2021\n• Upgraded to 1.2.3456\n"
    assert parse(text.encode())["phone"] is None

"""The offline parser on resume conventions from around the world that no blind set has: the check
documents of `resume_world.py` field by field, and the rules behind them one by one (page headers
and footers of DOCX files, tables of jobs, open-ended ranges in every date style, headings in other
scripts, phone and e-mail styles, names written in the ways names are written)."""

from __future__ import annotations

import io

import pytest

from backend.llm_api.services.resume_parsing import parse_document, read_document
from backend.llm_api.services.resume_parsing.offline import find_range
from tests.api.resume_corpus import expected_fields, parsed_fields, score
from tests.api.resume_world import world_set


def parse(data: bytes) -> dict:
    return parse_document(document=read_document(data=data, max_pages=20)).data


WORLD = world_set()


@pytest.mark.parametrize(("layout", "person", "variant", "data"), WORLD, ids=[layout for layout, *_ in WORLD])
def test_resumes_of_other_conventions_parse_field_by_field(layout, person, variant, data):
    parsed = parse(data)
    got = parsed_fields(parsed)
    wrong = {name: (expected, got.get(name)) for name, expected in expected_fields(person).items()
             if not score(person, parsed)[name]}
    assert wrong == {}


@pytest.mark.parametrize(("text", "start", "end", "current"), [
    ("3/2018– \t Lead Developer", "2018-03", None, True),
    ("2018 –", "2018", None, True),
    ("Jan 2020 —", "2020-01", None, True),
    ("2020-01 –   Engineer", "2020-01", None, True),
    ("seit 04/2020", "2020-04", None, True),
    ("depuis mars 2019", "2019-03", None, True),
    ("desde enero de 2020", "2020-01", None, True),
    ("dal 2017", "2017", None, True),
    ("marzo de 2018 – actualidad", "2018-03", None, True),
    ("mar 2020 – atual", "2020-03", None, True),
    ("von 2016 bis 2019", "2016", "2019", False),
    ("de 2018 a 2020", "2018", "2020", False),
    ("janvier 2020 – aujourd'hui", "2020-01", None, True),
    ("10.2020 – obecnie", "2020-10", None, True),
    ("сентябрь 2019 – настоящее время", "2019-09", None, True),
    ("2019年4月 – 現在", "2019-04", None, True),
    ("2018.03 ~ 현재", "2018-03", None, True),
])
def test_open_ended_and_foreign_ranges(text, start, end, current):
    found = find_range(f"Engineer, Foo  {text}")
    assert (found.start, found.end, found.current) == (start, end, current)


def test_a_dash_between_a_year_and_a_degree_is_no_open_range():
    assert find_range("2014 - BSc Computer Science") is None


@pytest.mark.parametrize("heading", ["ОПЫТ РАБОТЫ", "Досвід роботи", "ΕΠΑΓΓΕΛΜΑΤΙΚΗ ΕΜΠΕΙΡΙΑ", "職歴", "工作经历",
                                     "경력", "Doświadczenie zawodowe", "İş Deneyimi", "Berufliche Erfahrung"])
def test_experience_headings_in_other_scripts_and_languages(heading):
    text = f"Kim Lee\nkim@example.com\n{heading}\nData Analyst | Acme Corp | 2019 - 2021\n- Built reports\n"
    job = parse(text.encode())["experience"][0]
    assert (job["title"], job["company"]) == ("Data Analyst", "Acme Corp")


@pytest.mark.parametrize(("heading", "kind"), [("Skills Summary", "skills"), ("SUMMARY OF SKILLS", "skills"),
                                               ("IT Skills", "skills"), ("Educational Qualifications", "education")])
def test_headings_with_a_section_word_at_either_end(heading, kind):
    line = "BSc Physics, University of Leeds, 2015 – 2018" if kind == "education" else "Python, Go"
    parsed = parse(f"Kim Lee\nkim@example.com\n{heading}\n{line}\n".encode())
    if kind == "skills":
        assert parsed["skills"] == ["Python", "Go"]
    else:
        assert [(e["degree"], e["institution"]) for e in parsed["education"]] == [("BSc", "University of Leeds")]


def test_a_line_naming_a_title_or_company_is_no_heading():
    text = ("Kim Lee\nkim@example.com\nEXPERIENCE\nSkills Trainer, Acme Corp | 2019 - 2021\n- Ran courses\n"
            "Education Technology Group | 2016 - 2019\n- Built courses\n")
    assert len(parse(text.encode())["experience"]) == 2


@pytest.mark.parametrize("phone", ["+44 (0)20 7946 0958", "0049 30 1234567", "(555) 123-4567 ext. 12",
                                   "+91-9876543210", "(+40) 721 234 567", "+7 (495) 123-45-67"])
def test_more_phone_styles(phone):
    assert parse(f"Rosa Diaz\nrosa@example.com | {phone}\n".encode())["phone"] == phone


def test_a_date_of_birth_is_no_phone():
    text = "Rosa Diaz\nDate of birth: 12.03.1990\nrosa@example.com\nPhone: +34 612 345 678\n"
    assert parse(text.encode())["phone"] == "+34 612 345 678"


@pytest.mark.parametrize("written", ["rosa.diaz [at] example [dot] com", "rosa.diaz(at)example.com",
                                     "rosa.diaz {at} example {dot} com"])
def test_emails_written_against_harvesters(written):
    assert parse(f"Rosa Diaz\n{written}\n".encode())["email"] == "rosa.diaz@example.com"


@pytest.mark.parametrize(("line", "name"), [
    ("Curriculum Vitae\nLUDWIG VAN DER BERG", "Ludwig van der Berg"),
    ("Marie-Claire DUPONT", "Marie-Claire Dupont"),
    ("GARCÍA LÓPEZ, María Fernanda", "María Fernanda García López"),
    ("SEAN MCDONALD", "Sean McDonald"),
    ("Siti Nurhaliza binti Tarudin", "Siti Nurhaliza binti Tarudin"),
    ("RESUME\nPRIYA SHARMA", "Priya Sharma"),
    ("Eleanor\nWhitfield-Hughes", "Eleanor Whitfield-Hughes"),
])
def test_names_as_they_are_written(line, name):
    assert parse(f"{line}\nkim@example.com\nSKILLS\nPython\n".encode())["name"] == name


def test_a_place_on_its_own_line_is_no_second_half_of_a_name():
    assert parse(b"Eleanor\nManchester\neleanor@example.com\n")["name"] is None


@pytest.mark.parametrize(("label", "location"), [("Anschrift: Hauptstraße 5, 10115 Berlin", "Berlin"),
                                                 ("Address: 123 Main Street, Austin, TX 78701", "Austin, TX"),
                                                 ("Dirección: Calle Mayor 3, 28013 Madrid, España", "Madrid, España")])
def test_a_labelled_address_gives_its_town(label, location):
    assert parse(f"Rosa Diaz\nrosa@example.com\n{label}\n".encode())["location"] == location


def test_icon_font_glyphs_part_contact_fields():
    text = "Anna Nowak\n\uf0e0 anna@example.pl  \uf095 +48 501 234 567  \uf041 Kraków, Poland\n"
    parsed = parse(text.encode())
    assert (parsed["email"], parsed["phone"], parsed["location"]) == ("anna@example.pl", "+48 501 234 567",
                                                                      "Kraków, Poland")


def test_markdown_and_ascii_tables_of_jobs():
    for table in ("| Dates | Role | Company |\n|---|:--|---|\n| 2019 – Present | DevOps Engineer | OCP Group |\n"
                  "| 2016 – 2019 | Systems Administrator | Maroc Telecom |\n",
                  "+------------+------------+\n| Period     | Position   | Employer |\n+============+\n"
                  "| 2019 – Present | DevOps Engineer | OCP Group |\n+------------+\n"
                  "| 2016 – 2019 | Systems Administrator | Maroc Telecom |\n+------------+\n"):
        parsed = parse(f"Kim Lee\nkim@example.com\nEXPERIENCE\n{table}".encode())
        assert [(e["title"], e["company"], e["start"], e["current"]) for e in parsed["experience"]] == [
            ("DevOps Engineer", "OCP Group", "2019", True), ("Systems Administrator", "Maroc Telecom", "2016", False)]


def _docx(build) -> bytes:
    import docx

    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_page_header_and_footer_give_the_contact_fields():
    def build(document):
        section = document.sections[0]
        section.header.paragraphs[0].text = "Nadia Rahman"
        section.footer.paragraphs[0].text = "nadia@example.com | +880 1712 345678"
        section.footer.add_paragraph("Confidential")
        document.add_heading("Skills", level=1)
        document.add_paragraph("Go, PHP")

    data = _docx(build)
    assert [line.text for line in read_document(data=data, max_pages=20).lines][:2] == [
        "Nadia Rahman", "nadia@example.com | +880 1712 345678"]  # the footer's "Confidential" is not kept
    parsed = parse(data)
    assert (parsed["name"], parsed["email"], parsed["phone"]) == ("Nadia Rahman", "nadia@example.com",
                                                                  "+880 1712 345678")


def test_a_docx_with_a_title_page_reads_the_first_page_header():
    def build(document):
        section = document.sections[0]
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = "Nadia Rahman"
        section.header.paragraphs[0].text = "Nadia Rahman – page 2"
        document.add_paragraph("nadia@example.com")

    assert [line.text for line in read_document(data=_docx(build), max_pages=20).lines] == [
        "Nadia Rahman", "nadia@example.com"]


def test_a_docx_layout_table_is_still_read_cell_by_cell():
    def build(document):
        document.add_paragraph("Kofi Boateng")
        side, main = document.add_table(rows=1, cols=2).rows[0].cells
        side.text = "kofi@example.com"
        side.add_paragraph("Accra, Ghana")
        main.text = "EXPERIENCE"
        main.add_paragraph("Engineer, MTN | 2019 – Present")

    assert [line.text for line in read_document(data=_docx(build), max_pages=20).lines] == [
        "Kofi Boateng", "kofi@example.com", "Accra, Ghana", "EXPERIENCE", "Engineer, MTN | 2019 – Present"]


@pytest.mark.parametrize(("line", "company", "location"), [
    ("Petroleum Development Oman (PDO) – Muscat", "Petroleum Development Oman (PDO)", "Muscat"),
    ("Farfetch (Porto) — Software Engineer", "Farfetch", "Porto"),
    ("Rovio, Espoo", "Rovio", "Espoo"),
])
def test_a_town_beside_the_company_even_when_no_list_knows_it(line, company, location):
    text = f"Kim Lee\nkim@example.com\nEXPERIENCE\n{line}\nSoftware Engineer | 2018 – 2020\n- Built it.\n"
    job = parse(text.encode())["experience"][0]
    assert (job["company"], job["location"]) == (company, location)


def test_an_entry_label_or_a_name_is_no_town():
    text = ("Kim Lee\nkim@example.com\nEXPERIENCE\nCompany: Persistent Systems\nDesignation: Engineer\n"
            "Duration: Jan 2019 - Present\nResponsibilities:\n- Built services\n")
    assert parse(text.encode())["experience"][0]["location"] is None
    assert parse(b"John Smith | john@example.com | 07700 900123\n")["location"] is None


@pytest.mark.parametrize(("line", "location"), [("john@example.co.uk • 07700 900123 • Bristol", "Bristol"),
                                                ("ul. Dluga 5, 00-001 Warsaw | +48 601 234 567", "Warsaw")])
def test_a_town_or_an_address_beside_the_contact_fields(line, location):
    assert parse(f"John Smith\n{line}\n".encode())["location"] == location


@pytest.mark.parametrize("line", ["Resume of Robert Nguyen", "CV – Robert Nguyen", "Robert Nguyen – Curriculum Vitae",
                                  "Robert Nguyen | Resume"])
def test_a_document_title_around_the_name(line):
    assert parse(f"{line}\nbob@example.com\n".encode())["name"] == "Robert Nguyen"


def test_labelled_contact_fields_and_skills_tabled_by_category():
    text = ("Robert Nguyen\nE: bob@example.com | T: +1 (415) 555-0182 | W: bobnguyen.dev\nTECHNICAL SKILLS\n"
            "Languages\tPython, TypeScript\nDatabases\tPostgreSQL, Redis\n")
    parsed = parse(text.encode())
    assert (parsed["phone"], parsed["links"]) == ("+1 (415) 555-0182", ["https://bobnguyen.dev"])
    assert parsed["skills"] == ["Python", "TypeScript", "PostgreSQL", "Redis"]


def test_a_minor_is_neither_field_nor_institution():
    text = ("Robert Nguyen\nbob@example.com\nEDUCATION\n"
            "B.S. in Computer Science, Minor in Mathematics — UC Davis — Expected May 2015\n")
    assert parse(text.encode())["education"] == [{"degree": "B.S.", "field": "Computer Science",
                                                  "institution": "UC Davis", "start": None, "end": "2015-05"}]


@pytest.mark.parametrize(("text", "start", "end"), [("05/19 - Present", "2019-05", None), ("01/18 – 03/21", "2018-01", "2021-03"),
                                                    ("Jan-2019 – Mar-2021", "2019-01", "2021-03"),
                                                    ("Jan-19 to Dec-20", "2019-01", "2020-12"),
                                                    ("2015–19", "2015", "2019"), ("2015-19", "2015", "2019"),
                                                    ("2009-11 – 2012-03", "2009-11", "2012-03")])
def test_two_digit_years_and_hyphenated_months(text, start, end):
    found = find_range(f"Engineer, Foo  {text}")
    assert (found.start, found.end) == (start, end)


@pytest.mark.parametrize(("head", "name"), [("DOE, Jane", "Jane Doe"), ("Vorname: Jonas\nNachname: Müller", "Jonas Müller"),
                                            ("Springfield, Ohio\nJane Doe", "Jane Doe")])
def test_names_written_surname_first_or_in_a_form(head, name):
    assert parse(f"{head}\njane@example.com\nSKILLS\nPython\n".encode())["name"] == name


def test_contact_fields_parted_by_slashes():
    parsed = parse(b"Hiroshi Tanaka\nhiroshi@example.jp / +81 90-1234-5678 / Osaka, Japan\n")
    assert (parsed["phone"], parsed["location"]) == ("+81 90-1234-5678", "Osaka, Japan")


def test_the_place_under_the_name_when_a_sidebar_comes_first():
    from tests.api.resume_blind_5 import linkedin_export_pdf

    assert parse(linkedin_export_pdf())["location"] == "Milan, Lombardy, Italy"


def test_dates_running_into_the_title_beside_them_are_kept_apart():
    from tests.api.resume_corpus import _Pdf

    pdf = _Pdf(latin=True)
    pdf.text(50, "September 2015 - February 2019", size=9, advance=False)  # wider than its 120-point margin
    pdf.text(170, "Software Engineer, Bol.com", size=10, bold=True)
    pdf.text(170, "Just words in one type, written as one sentence.", size=10)
    lines = [line.text for line in read_document(data=pdf.done(), max_pages=20).lines]
    assert lines == ["September 2015 - February 2019 \t Software Engineer, Bol.com",
                     "Just words in one type, written as one sentence."]


@pytest.mark.parametrize("first", ["ISAE-SUPAERO", "2015 – 2018 \t ISAE-SUPAERO"])
def test_a_school_named_alone_above_its_degree(first):
    text = f"Emile Roy\nemile@example.fr\nEDUCATION\n{first}\nDiplôme d'ingénieur, Aerospace Engineering\n"
    assert parse(text.encode())["education"][0]["institution"] == "ISAE-SUPAERO"


def test_ligatures_and_invisible_marks_read_as_their_letters():
    text = "Kim Lee\nkim@example.com\nPROFILE\nEf\ufb01cient engi\u00adneer.\nCERTIFICATIONS\nCerti\ufb01ed Scrum Master\n"
    parsed = parse(text.encode())
    assert (parsed["summary"], parsed["certifications"]) == ("Efficient engineer.", ["Certified Scrum Master"])


def test_a_summary_of_qualifications_is_a_summary():
    text = "Kim Lee\nkim@example.com\nSUMMARY OF QUALIFICATIONS\nTen years of payroll systems.\n"
    assert parse(text.encode())["summary"] == "Ten years of payroll systems."


@pytest.mark.parametrize("heading", ["E X P E R I E N C E", "II. PROFESSIONAL EXPERIENCE", "1. Experience",
                                     "## 💼 Experience"])
def test_headings_spaced_out_numbered_or_with_an_emoji(heading):
    text = f"Kim Lee\nkim@example.com\n{heading}\nData Analyst | Acme Corp | 2019 - 2021\n- Built reports\n"
    job = parse(text.encode())["experience"][0]
    assert (job["title"], job["company"], job["highlights"]) == ("Data Analyst", "Acme Corp", ["Built reports"])


def test_markdown_emphasis_and_plus_bullets():
    text = ("# Jane Doe\n[jane@example.com](mailto:jane@example.com)\n## Experience\n"
            "### Staff Engineer — HashiCorp (Remote)\n*Mar 2021 – Present*\n+ Designed the provider SDK.\n")
    job = parse(text.encode())["experience"][0]
    assert (job["title"], job["company"], job["location"], job["start"], job["current"], job["highlights"]) == (
        "Staff Engineer", "HashiCorp", "Remote", "2021-03", True, ["Designed the provider SDK."])


def test_entries_written_as_a_form():
    text = ("Kim Lee\nkim@example.com\nPROFESSIONAL EXPERIENCE\nCompany: Persistent Systems, Pune\n"
            "Designation: Senior Engineer\nDuration: Jan 2019 - Present\nResponsibilities:\n- Built services\n"
            "Company: Tech Mahindra\nDesignation: Engineer\nDuration: Jul 2015 - Dec 2018\n"
            "EDUCATION\nDegree: B.E. Computer Engineering\nInstitution: University of Pune\nYear: 2011 - 2015\n")
    parsed = parse(text.encode())
    assert [(e["title"], e["company"], e["location"], e["start"], e["end"], e["highlights"])
            for e in parsed["experience"]] == [
        ("Senior Engineer", "Persistent Systems", "Pune", "2019-01", None, ["Built services"]),
        ("Engineer", "Tech Mahindra", None, "2015-07", "2018-12", [])]
    assert parsed["education"] == [{"degree": "B.E.", "field": "Computer Engineering", "institution": "University of Pune",
                                    "start": "2011", "end": "2015"}]


def test_docx_subheadings_under_the_section_headings_are_entries():
    """Word's resume templates: sections in "Heading 1", company and title in "Heading 2" / "Heading 3",
    highlights in "List Bullet" (a list by its style, without numbering of its own)."""
    def build(document):
        document.add_paragraph("Grace Hopper", style="Title")
        document.add_paragraph("Arlington, VA | grace@example.com | (703) 555-0199")
        document.add_heading("Experience", level=1)
        for company, title, dates, highlight in (("Remington Rand", "Senior Mathematician", "1949 – 1967",
                                                  "Led the team that built the first compiler."),
                                                 ("US Navy", "Computer Programmer", "1943 – 1949", "Programmed the Mark I.")):
            document.add_heading(company, level=2)
            document.add_heading(title, level=3)
            document.add_paragraph(dates)
            document.add_paragraph(highlight, style="List Bullet")
        document.add_heading("Education", level=1)
        document.add_heading("PhD Mathematics", level=2)
        document.add_paragraph("Yale University, 1930 – 1934")

    parsed = parse(_docx(build))
    assert [(e["title"], e["company"], e["start"], e["end"], e["highlights"]) for e in parsed["experience"]] == [
        ("Senior Mathematician", "Remington Rand", "1949", "1967", ["Led the team that built the first compiler."]),
        ("Computer Programmer", "US Navy", "1943", "1949", ["Programmed the Mark I."])]
    assert [(e["degree"], e["field"], e["institution"]) for e in parsed["education"]] == [
        ("PhD", "Mathematics", "Yale University")]


@pytest.mark.parametrize(("line", "name"), [("Jane Doe (she/her)", "Jane Doe"), ("Jane Doe, M.Sc.", "Jane Doe"),
                                            ("Anil Kumar, MBBS", "Anil Kumar"), ("Jonas Weber, Dipl.-Ing.", "Jonas Weber")])
def test_pronouns_and_dotted_credentials_beside_the_name(line, name):
    assert parse(f"{line}\njane@example.com\n".encode())["name"] == name


def test_a_german_phone_with_a_slash():
    assert parse(b"Jonas Weber\njonas@example.de | Tel.: 030/1234567\n")["phone"] == "030/1234567"


def test_roles_under_a_company_line_with_its_whole_span():
    text = ("Kim Lee\nkim@example.com\nEXPERIENCE\nGoogle — Bengaluru, India      2015 – Present\n"
            "Engineering Manager      2019 – Present\n• Managed 3 teams.\nSenior Software Engineer      2015 – 2019\n"
            "• Cut payment failures by 18%.\nFlipkart — Bengaluru, India      2011 – 2015\nSoftware Engineer\n• Built the ledger.\n")
    assert [(e["title"], e["company"], e["location"], e["start"], e["end"]) for e in parse(text.encode())["experience"]] == [
        ("Engineering Manager", "Google", "Bengaluru, India", "2019", None),
        ("Senior Software Engineer", "Google", "Bengaluru, India", "2015", "2019"),
        ("Software Engineer", "Flipkart", "Bengaluru, India", "2011", "2015")]


def test_languages_each_with_a_level_after_a_colon():
    text = "Kim Lee\nkim@example.com\nLANGUAGES\nEnglish: Native; Hindi: Fluent; Kannada: B2\n"
    assert parse(text.encode())["languages"] == ["English", "Hindi", "Kannada"]


def test_a_greeting_before_the_name_and_a_place_in_a_sentence():
    text = "Hello, I'm Ngozi Adeyemi\nI'm a product designer based in Lagos.\nngozi@example.com · +234 803 555 0199\n"
    parsed = parse(text.encode())
    assert (parsed["name"], parsed["location"]) == ("Ngozi Adeyemi", "Lagos")


def test_a_form_in_spanish():
    text = ("Ana Ruiz\nana@example.es\nEXPERIENCIA\nEmpresa: Telefónica, Madrid\nCargo: Analista de Datos\n"
            "Período: marzo de 2019 – actualidad\n")
    assert [(e["title"], e["company"], e["location"], e["start"], e["current"])
            for e in parse(text.encode())["experience"]] == [("Analista de Datos", "Telefónica", "Madrid", "2019-03", True)]


def test_a_us_header_address_a_school_within_a_university_and_interests_beside_skills():
    text = ("MICHAEL O'BRIEN\nBoston, MA 02118 | (617) 555-0123 | mobrien@example.com\nEDUCATION\n"
            "Massachusetts Institute of Technology | Cambridge, MA\nMBA, Sloan School of Management | 2014 – 2016\n"
            "SKILLS & INTERESTS\nSkills: SQL, Figma\nInterests: marathon running, jazz piano\n")
    parsed = parse(text.encode())
    assert (parsed["name"], parsed["location"], parsed["skills"]) == ("Michael O'Brien", "Boston, MA", ["SQL", "Figma"])
    assert parsed["education"] == [{"degree": "MBA", "field": None, "institution": "Massachusetts Institute of Technology",
                                    "start": "2014", "end": "2016"}]


def test_a_table_under_its_column_names_and_jobs_written_as_sentences():
    text = ("Rahul Verma\nrahul@example.in\nWORK EXPERIENCE\n"
            "• Working as QA Engineer at HCL Technologies, Noida from Aug 2019 to till date.\n"
            "• Led the regression suite from 2019 to 2020.\n"
            "ACADEMIC QUALIFICATION\nQualification | Board/University | Year | Percentage\nB.Tech (IT) | AKTU | 2017 | 72%\n")
    parsed = parse(text.encode())
    assert [(e["title"], e["company"], e["location"], e["start"], e["current"]) for e in parsed["experience"]] == [
        ("QA Engineer", "HCL Technologies", "Noida", "2019-08", True)]  # a highlight with dates is no job
    assert parsed["education"] == [{"degree": "B.Tech", "field": "IT", "institution": "AKTU", "start": None, "end": "2017"}]


@pytest.mark.parametrize(("line", "name"), [("Ana María de la Cruz Fernández", "Ana María de la Cruz Fernández"),
                                            ("Dr. med. Anna Schmidt", "Anna Schmidt"), ("Prof. Dr. Hans Meier", "Hans Meier"),
                                            ("ZHANG Wei", "Zhang Wei")])
def test_long_names_and_stacked_titles(line, name):
    assert parse(f"{line}\nname@example.com\n".encode())["name"] == name


def test_a_team_after_the_company_is_no_town():
    text = "Kim Lee\nkim@example.com\nEXPERIENCE\nData Analyst | Acme Corp | Finance | 2019 - 2021\n- Built reports\n"
    job = parse(text.encode())["experience"][0]
    assert (job["company"], job["location"]) == ("Acme Corp", None)


def test_coursework_and_majors_around_an_education_entry():
    text = ("Kim Lee\nkim@example.com\nEDUCATION\nBA, Major in Economics, Minor in Music, Rice University, 2015 – 2019\n"
            "Relevant Coursework\nMSc Statistics, Stanford University, 2019 – 2021\n")
    assert [(e["degree"], e["field"], e["institution"]) for e in parse(text.encode())["education"]] == [
        ("BA", "Economics", "Rice University"), ("MSc", "Statistics", "Stanford University")]


def test_forms_tabbed_into_columns_and_a_signed_closing():
    text = ("CURRICULUM VITAE\nName:\t\tAda Obi\nAddress:\t\tIkeja, Lagos\nPhone:\t\t0803 456 7890\n"
            "E-mail:\t\tada@example.com.ng\nLanguages Spoken:\t\tEnglish, Yoruba\n"
            "EXPERIENCE\nAcme Bank Plc, Lagos\nIT Officer — March 2020 – Date\n- Ran the help desk.\n"
            "LANGUAGES\nEnglish (native)\nPassport\t: Available\nLagos, 15 January 2025\nAda Obi\n")
    parsed = parse(text.encode())
    assert (parsed["name"], parsed["location"], parsed["languages"]) == ("Ada Obi", "Ikeja, Lagos", ["English"])
    assert [(e["title"], e["company"], e["start"], e["current"]) for e in parsed["experience"]] == [
        ("IT Officer", "Acme Bank Plc", "2020-03", True)]


def test_headings_in_two_languages_turkish_capitals_and_earlier_career_lines():
    text = ("Ayşe Kaya\nayse@example.com.tr\nKİŞİSEL ÖZET / SUMMARY\nBackend engineer building payment systems for banks.\n"
            "İŞ DENEYİMİ\nTrendyol — Kıdemli Yazılım Mühendisi  Ocak 2021 – Devam ediyor\n"
            "EARLIER CAREER\nSoftware Developer, Nortel Networks, Ottawa, ON (2001 – 2006)\n"
            "YABANCI DİL\nİngilizce (İleri)\n")
    parsed = parse(text.encode())
    assert parsed["summary"] == "Backend engineer building payment systems for banks."
    assert [(e["title"], e["company"], e["start"], e["current"]) for e in parsed["experience"]] == [
        ("Kıdemli Yazılım Mühendisi", "Trendyol", "2021-01", True), ("Software Developer", "Nortel Networks", "2001", False)]
    assert parsed["languages"] == ["İngilizce"]


def test_entries_written_title_and_dates_first_then_the_employer():
    text = ("Efua Asante\nefua@example.ac.uk\nACADEMIC APPOINTMENTS\nAssistant Professor  2021–present\n"
            "University of Ghana, Accra, Ghana\nResearch Fellow  2018–2021\nUniversity of Oxford, Oxford, UK\n"
            "EDUCATION\nMPH  2011–2013\nUniversity of Ghana\n")
    parsed = parse(text.encode())
    assert [(e["title"], e["company"], e["location"]) for e in parsed["experience"]] == [
        ("Assistant Professor", "University of Ghana", "Accra, Ghana"), ("Research Fellow", "University of Oxford", "Oxford, UK")]
    assert [(e["degree"], e["institution"]) for e in parsed["education"]] == [("MPH", "University of Ghana")]

import pytest
from django.utils import translation

from ideahautomo.accounts.invitation_files import read_invitation_file

from .factories import InvitationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in the source language; the pages test them in Finnish."""
    with translation.override("en"):
        yield


def problems_by_line(result):
    return {row.line: row.problems for row in result.problem_rows}


def test_excel_utf8_with_bom_semicolons_and_a_finnish_header(cast):
    data = (
        "\ufeffNimi;Sähköposti;Kieli\r\n"
        "Matti Meikäläinen;Matti@Example.fi;fi\r\n"
        "Олена Шевченко;olena@example.fi;uk\r\n"
        "Åsa Öberg;asa@example.fi;svenska\r\n"
    ).encode()

    result = read_invitation_file(data)

    assert result.is_clean
    assert [(r.name, r.email, r.language) for r in result.rows] == [
        ("Matti Meikäläinen", "matti@example.fi", "fi"),
        ("Олена Шевченко", "olena@example.fi", "uk"),
        ("Åsa Öberg", "asa@example.fi", "sv"),
    ]


def test_commas_without_header_and_a_missing_language_means_finnish(cast):
    result = read_invitation_file(b"Eka Henkilo,eka@example.fi\nToka Henkilo,toka@example.fi,en\n")

    assert result.is_clean
    assert [r.language for r in result.rows] == ["fi", "en"]


def test_every_problem_is_reported_on_its_own_line(cast):
    InvitationFactory(email="kutsuttu@example.fi", area=cast.area)
    data = (
        "nimi;email;kieli\n"
        "Hyvä Rivi;hyva@example.fi;fi\n"
        "Huono Osoite;ei-osoite;fi\n"
        "Jo Jäsen;JASEN@example.fi;fi\n"
        "Kahdesti;hyva@example.fi;fi\n"
        "Jo Kutsuttu;kutsuttu@example.fi;fi\n"
        "Outo Kieli;outo@example.fi;de\n"
        ";nimeton@example.fi;fi\n"
        "vain yksi sarake\n"
    ).encode()

    result = read_invitation_file(data)

    assert not result.is_clean
    problems = problems_by_line(result)
    assert set(problems) == {3, 4, 5, 6, 7, 8, 9}
    assert "not a valid e-mail address" in problems[3][0]
    assert "already has an account" in problems[4][0]
    assert "line 2" in problems[5][0]
    assert "open invitation" in problems[6][0]
    assert "Unknown language" in problems[7][0]
    assert "name is missing" in problems[8][0]
    assert "columns" in problems[9][0]


def test_wrong_encoding_gets_advice_to_save_as_utf8(cast):
    result = read_invitation_file("Äijä Öljy;aija@example.fi;fi\n".encode("cp1252"))

    assert not result.is_clean
    assert "UTF-8" in result.errors[0]
    assert result.rows == []


def test_too_large_file_is_rejected_before_reading(cast, settings):
    settings.INVITATION_CSV_MAX_BYTES = 1000
    result = read_invitation_file(b"a;b@example.fi;fi\n" * 100)

    assert "too large" in result.errors[0]


def test_too_many_rows_is_rejected(cast, settings):
    settings.INVITATION_CSV_MAX_ROWS = 3
    data = "".join(f"Henkilo {n};h{n}@example.fi;fi\n" for n in range(4)).encode()

    result = read_invitation_file(data)

    assert "more than 3 rows" in result.errors[0]


@pytest.mark.parametrize(
    "data",
    [b"", b"\n\n  \n", b"nimi;email;kieli\n", b"\x00\x01\x02binary"],
)
def test_empty_or_binary_files_are_rejected_clearly(cast, data):
    result = read_invitation_file(data)

    assert not result.is_clean
    assert result.errors


def test_checking_a_full_file_takes_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    data = "".join(f"Henkilo {n};h{n}@example.fi;fi\n" for n in range(500)).encode()

    with django_assert_max_num_queries(2):
        result = read_invitation_file(data)

    assert result.is_clean
    assert len(result.rows) == 500


def test_plain_finnish_is_understood_by_its_code_and_its_names(cast):
    result = read_invitation_file(
        b"Eka;eka@example.fi;fi-x-selko\nToka;toka@example.fi;Selkosuomi\n"
        b"Kolmas;kolmas@example.fi;selkokieli\n"
    )

    assert result.is_clean
    assert [r.language for r in result.rows] == ["fi-x-selko"] * 3

import pytest

from medborgarloften.lib.screening import HIDDEN_ID, HIDDEN_PHONE, screen


@pytest.mark.parametrize(
    "text",
    [
        "Mitt nummer är 070-123 45 67.",
        "Ring 0701234567",
        "Ring +46 70 123 45 67",
        "Tel 08-123 456 78",
        "Ring (0480) 45 00 00",
    ],
)
def test_it_hides_phone_numbers(text):
    # 0701234567 also reads as a personnummer (1907-01-23): hidden either way.
    assert HIDDEN_PHONE in screen(text) or HIDDEN_ID in screen(text)
    assert not any(ch.isdigit() for ch in screen(text))


@pytest.mark.parametrize(
    "text", ["Jag är 811224-1234", "pnr 19811224-1234", "198112241234", "811284-1234"]
)
def test_it_hides_personnummer_and_samordningsnummer(text):
    assert HIDDEN_ID in screen(text)


@pytest.mark.parametrize(
    "text",
    [
        "Det hände 2026-11-30 kl 22.",
        "Buss 27 går var 15:e minut.",
        "Cirka 120 personer var där år 2025.",
    ],
)
def test_it_leaves_dates_and_small_numbers(text):
    assert screen(text) == text


@pytest.mark.parametrize("text", ["Ring 0701234567", "sms 0739876543 i kväll"])
def test_a_mobile_number_written_together_is_a_phone_number(text):
    # Ten digits from 07 read as ÅÅMMDDNNNN too, but the check digit is wrong.
    assert HIDDEN_PHONE in screen(text) and HIDDEN_ID not in screen(text)


@pytest.mark.parametrize("text", ["pnr 0701234569", "070123-4567", "811224-1234"])
def test_a_valid_check_digit_or_the_dash_makes_it_a_personnummer(text):
    assert HIDDEN_ID in screen(text) and HIDDEN_PHONE not in screen(text)


@pytest.mark.parametrize("text", ["Ärende 811332-1234", "kod 8102301234"])
def test_an_impossible_date_is_not_a_personnummer(text):
    assert HIDDEN_ID not in screen(text)

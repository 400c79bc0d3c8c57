"""check_commitment: is a commitment followable, and why not (Brå's SMART advice)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from medborgarloften.extract.measurability import check_commitment
from medborgarloften.extract.targets import extract_target


def codes(text, responsible=("polis",), target=None):
    check = check_commitment(text, responsible=list(responsible), target=target)
    return check, {p.code for p in check.problems}


def test_it_accepts_a_commitment_with_a_number_a_rate_and_a_party():
    target = {
        "quantity": 4,
        "unit": "trygghetsvandringar",
        "per": "år",
        "deadline": None,
    }
    check, found = codes(
        "Polisen ska genomföra fyra trygghetsvandringar per år.", target=target
    )
    assert check.measurable
    assert found == set()


def test_it_reports_no_quantity_no_frequency_and_no_deadline():
    check, found = codes("Polisen ska öka närvaron i centrum.")
    assert not check.measurable
    assert {"no_quantity", "no_frequency", "no_deadline"} <= found
    assert check.suggestions


def test_it_reports_a_missing_responsible_party():
    _, found = codes("Öka närvaron i centrum.", responsible=())
    assert "no_responsible" in found


def test_it_names_vague_verbs_with_their_span():
    text = "Kommunen ska verka för en tryggare miljö och sträva efter mer belysning."
    check, found = codes(text, responsible=("kommun",))
    assert "vague_verb" in found
    spans = [
        text[p.span[0] : p.span[1]] for p in check.problems if p.code == "vague_verb"
    ]
    assert spans == ["verka för", "sträva efter"]
    assert all(p.message_sv and p.message_en for p in check.problems)


def test_it_flags_keeping_up_a_capacity_as_vague():
    _, found = codes(
        "Polisen åtar sig att ha fortsatt stark förmåga i det förebyggande arbetet."
    )
    assert "vague_verb" in found


def test_it_does_not_take_inte_minst_for_a_quantity_or_a_vague_verb():
    text = "Polisen ska genomföra trafikkontroller, inte minst vid skolorna."
    assert extract_target(text).target is None
    _, found = codes(text)
    assert "vague_verb" not in found


def test_it_treats_regelbundet_and_lopande_as_not_measurable():
    assert (
        extract_target("Kommunen ska regelbundet informera i skolorna.").target is None
    )
    assert extract_target("Utbildning ska hållas löpande.").target is None


@given(st.text(), st.lists(st.sampled_from(["polis", "kommun", "annan"])))
def test_it_never_raises(text, responsible):
    target = extract_target(text).target
    check_commitment(text, responsible=responsible, target=target)


def test_it_keeps_an_explicit_month_even_at_the_end_of_the_period():
    # SCHEMA: only an explicit date or month is a deadline; "i maj" stays one.
    period = {"start": "2022-03-01", "end": "2022-05-31"}
    target = extract_target(
        "Trygghetsvandringar genomförs i maj.", period=period
    ).target
    assert target is not None and target["deadline"] == "2022-05-31"
    assert (
        extract_target("Trygghetsvandringar under perioden.", period=period).target
        is None
    )


def test_it_takes_a_count_for_the_whole_period_as_time_bound():
    target = {"quantity": 2, "unit": "dialoger", "per": "period", "deadline": None}
    _, found = codes("Kommunen ska hålla två dialoger under perioden.", target=target)
    assert found == set()
    rate_only = {"quantity": None, "unit": None, "per": "år", "deadline": None}
    _, found = codes("Polisen ska genomföra insatser varje år.", target=rate_only)
    assert found == set()


def test_it_reads_slash_rates_without_spaces():
    # Bug caught: a lexicon " ?" must stay optional when spaces become \s+.
    assert extract_target("Minst en trygghetsvandring/år i varje stadsdel.").target[
        "per"
    ] == ("år_och_område")
    assert (
        extract_target("Polis 1 gång/dygn patrullerar runt sjön.").target["per"] is None
    )
    assert extract_target("Minst 2 ggr/månad.").target["per"] == "månad"

"""Rules written after the blind batches ho19 and ho20 were measured. Every text below
is invented for the test.
"""

from __future__ import annotations

from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- a measure as the subject is an effect goal, whatever the heading --------------

GOALS_THEN_ACTIVITIES = """Medborgarlöfte för Sjöbacka 2031

Mål

Vi vill att följande ska gå att mäta när perioden är slut:
- Andelen äldre i Strandby som avstår från att gå ut på kvällen ska minska från 41 till 30 procent.
- Antalet anmälda cykelstölder vid resecentrum ska halveras.
- Nivån av upplevd otrygghet i Sjöbacka centrum ska vara lägre än 2029.

Aktiviteter

Polisen ska:
- cykla patrull i Strandby minst två kvällar i veckan
- märka cyklar vid resecentrum varje vår

Uppföljning

Löftet följs upp i december varje år.
"""


def test_a_share_or_count_that_shall_change_is_an_effect_goal_not_a_commitment():
    found = by_text(record(GOALS_THEN_ACTIVITIES))
    assert not any(
        text.startswith(("Andelen", "Antalet", "Nivån")) for text in found
    ), found
    assert any(text.startswith("cykla patrull i Strandby") for text in found)
    assert len(found) == 2

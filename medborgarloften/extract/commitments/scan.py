"""One walk over the document's blocks collecting commitment candidates and umbrellas."""

from __future__ import annotations

from ..page_controls import is_control
from ..parties import parties_in_chain, subject_parties
from ..party_doers import doer_list
from ..structure import Structure
from .action_rows import after_plan, is_cut, tab_table, table_party
from .assigned import assign_after_lists, assign_vi_sentences
from .columns import column_items, tab_row
from .fields import item_candidate, item_fields
from .focus_items import _acts_under_focus, _focus_bullet, area_section
from .list_shape import _group_header, _list_of, _truncated
from .patterns import (
    _ABOUT_ITSELF,
    _ATT_LINE,
    _DELIMITED,
    _FOLLOW_UP_TITLE,
    _NUMBERED_LABEL,
    _PROMISE_VERB,
    _QUOTE,
    _WE,
    BULLET_OUTCOME,
    FOCUS_STATEMENT,
    INFINITIVE_START,
    RUNNING_TITLE,
    _Candidate,
    _Context,
    _unnumbered,
    bullet_candidate,
)
from .present_forms import labelled_action, party_labelled, present_form, they_promise
from .renewals import RECAP_LABEL, ended_or_done, ends_promise, is_recap, unlabelled
from .reporting import closing_report, promised_report
from .responsible import _bare_vi
from .sentences import (
    _counted_passive,
    _governing_party,
    _governs_list,
    _is_commitment_sentence,
    _numbered_heading,
    _present_action,
    _reported_rest,
    classify_heading,
    classify_leadin,
    past_report,
    section_number,
)
from .slides import is_footer, labelled_line
from .speech import _speech
from .tables import (
    _BARE_MONTH,
    _RECORD_LABEL,
    _RESPONSIBLE_COLUMN,
    _WHEN_COLUMN,
    _blank_between,
    _cells,
    _party_columns,
    _record_fields,
    _row_of_actions,
    _Table,
    _table_header,
    _table_row,
)
from .umbrellas import mark_umbrellas
from .units import join_unit, numbered_parent, numbered_unit, sub_heading


def _scan(structure: Structure) -> list[_Candidate]:
    """Walk the blocks once and collect commitment candidates with their context."""
    blocks = structure.content()
    candidates: list[_Candidate] = []
    section = _Context()
    leadin: _Context | None = None
    last_party: frozenset[str] | None = None
    table: _Table | None = None
    skip_labelled = False
    skip_to = 0
    columns: list[frozenset[str]] | None = None
    bare_columns = False  # under party names alone ("Polisen | Kommunen")
    unit = False  # right under a numbered promise's heading ("Löfte 2 – …")
    for idx, block in enumerate(blocks):
        if idx < skip_to or is_recap(block):
            continue  # a numbered record's activity line; "Tidigare löfte: …"
        block = unlabelled(block)  # "Nytt löfte: Polisen …"
        is_last = idx == len(blocks) - 1
        cells = _cells(block.text) if block.kind != "bullet" else []
        if columns is not None:
            if len(cells) != len(columns) and block.kind != "bullet":
                cells = tab_row(structure.text, block, len(columns)) or cells
            if (
                len(cells) == len(columns)
                and not _blank_between(structure.text, blocks[idx - 1].end, block.start)
                and (not bare_columns or _row_of_actions([c for c, _ in cells]))
            ):
                # One promise per column of the row, under its column's party.
                for (cell, offset), col_party in zip(cells, columns, strict=True):
                    if len(cell.split()) >= 3:
                        start = block.start + offset
                        candidates.append(
                            _Candidate(
                                cell,
                                start,
                                start + len(cell),
                                idx,
                                "bullet",
                                "columns.cell",
                                col_party,
                                _Context("activity", col_party),
                            )
                        )
                continue
            columns = None
        if table is not None:
            if len(cells) == table.width:
                row = _table_row(block, cells, table, idx)
                if row is not None:
                    candidates.append(row)
                continue
            table = None
        if cells and table is None:
            columns = _party_columns(
                [cell for cell, _ in cells],
                bare=(leadin or section).kind in ("promise", "activity"),
            )
            bare_columns = (
                columns is not None
                and _party_columns([cell for cell, _ in cells]) is None
            )
            if columns is not None:
                leadin = None
                wrapped = (
                    None
                    if _DELIMITED.search(block.text)
                    else column_items(structure.text, block, cells, columns, idx)
                )
                if wrapped is not None and wrapped[0]:
                    candidates.extend(wrapped[0])
                    skip_to = next(
                        (
                            i
                            for i in range(idx + 1, len(blocks))
                            if blocks[i].start >= wrapped[1]
                        ),
                        len(blocks),
                    )
                    columns = None
                continue
        if cells:
            ctx = leadin or section
            excluded = ctx.kind == "excluded"
            if excluded:
                # A table of activities with their responsible parties is the
                # promise's action plan, even right after a list of goals.
                ctx = _Context("activity", None)
            party = table_party(blocks, idx)  # "Ansvarig: Polisen" over it
            ctx = _Context(ctx.kind, party, ctx.explicit) if party else ctx
            table = _table_header(cells, ctx, planned=is_cut(block.text))
            if table is not None and excluded and table.responsible is None:
                table = None  # … but a status table in a follow-up section is not
            rows = tab_table(structure.text, blocks, idx, table) if table else None
            if rows is not None:
                candidates.extend(rows[0])
                skip_to, table = rows[1], None
                section = after_plan(section, rows[0])
            if table is not None or rows is not None:
                continue
        fields = _record_fields(blocks, idx) if block.kind != "bullet" else None
        if fields is not None:
            value, offset, who, when, head = fields
            skip_to = idx + head
            if head == 2 or _NUMBERED_LABEL.match(block.text):
                # "Löfte 2" / "Åtagande 2" on a line of its own opens a promise item
                keep = section.party if section.kind != "excluded" else None
                section, leadin = _Context("promise", keep), None
            ctx = leadin or section
            # "Genomförs av: Polisen tillsammans med PRO Ekby": names count too
            parties = set(doer_list(who) or parties_in_chain(who))
            if "both" in parties:
                parties = (parties - {"both"}) | {"polis", "kommun"}
            if ctx.kind != "excluded":
                start = block.start + offset
                candidates.append(
                    _Candidate(
                        value,
                        start,
                        start + len(value),
                        idx,
                        "bullet",
                        "record.fields",
                        frozenset(parties) or ctx.party,
                        ctx,
                        target_hint=f"i {when}" if _BARE_MONTH.match(when) else when,
                    )
                )
            skip_labelled = True
            continue
        if (
            skip_labelled
            and _RECORD_LABEL.match(block.text)
            and (
                _RESPONSIBLE_COLUMN.match(block.text.strip())
                or _WHEN_COLUMN.match(block.text.strip())
            )
        ):
            continue  # the record's "Ansvarig:" / "När:" line
        skip_labelled = False
        opened, unit = unit, False  # the block right under a numbered promise
        governs = block.ends_with_colon or _governs_list(
            block, blocks[idx + 1 : idx + 2]
        )
        if section.kind == "focus" and block.kind == "paragraph" and not governs:
            # the focus list has ended: back to the promise part it sits in
            section = _Context(
                "promise" if section.in_promise else "neutral", section.party
            )
        if (
            leadin is not None
            and leadin.kind in ("focus", "excluded")
            and block.kind == "paragraph"
            and not governs
            and idx > 0
            and blocks[idx - 1].kind == "bullet"
        ):
            # "Vi prioriterar följande platser:" over its list: the prose after
            # the list is the section's again
            leadin = None
        if governs:
            kind = classify_leadin(block.text)
            party = _governing_party(_unnumbered(block.text))
            if kind == "activity":
                leadin = _Context("activity", party or section.party, explicit=True)
            elif kind == "focus":
                leadin = _Context("focus", party or section.party)
            elif kind == "excluded":
                leadin = _Context("excluded")
            else:
                # An unknown governing line ("Mätningen visar:") outside the
                # promise part introduces a list that must prove itself.
                base = section.kind
                leadin = _Context(
                    "activity"
                    if base in ("promise", "activity")
                    else ("excluded" if base == "excluded" else "unknown"),
                    party or section.party,
                )
            if block.kind == "paragraph" and kind in ("activity", "other"):
                for sent in block.sentences:
                    if _is_commitment_sentence(sent.text):
                        candidates.append(
                            _Candidate(
                                sent.text,
                                sent.start,
                                sent.end,
                                idx,
                                "sentence",
                                "umbrella.leadin",
                                None,
                                section,
                                umbrella=True,
                            )
                        )
            last_party = None
            continue
        if block.kind == "heading" and (
            RUNNING_TITLE.match(block.text) or is_footer(block.text, structure.text)
        ):
            continue  # "Medborgarlöfte 2031 | sida 2": a page's header or footer
        if (slide_line := labelled_line(blocks, idx, leadin or section)) is not None:
            candidates.append(slide_line)  # "Polisen:" over its line on a slide
            continue
        if block.kind == "heading" and is_control(block.text):
            continue  # "Läs mer" under an accordion's heading: its section goes on
        if block.kind == "heading":
            unit = numbered_unit(block.text)
            kind = classify_heading(block.text)
            party = _governing_party(_unnumbered(block.text))
            if (
                kind == "topic"
                and (party is not None or sub_heading(blocks, idx))
                and leadin is not None
                and leadin.kind == "activity"
            ):
                # "Parterna åtar sig att:" over one heading per party (or per
                # topic): each sub-list goes on the lead-in's promise.
                leadin = _Context(
                    "activity", party or leadin.party, explicit=leadin.explicit
                )
                last_party = None
                continue
            if kind == "excluded" and idx == 0 and _FOLLOW_UP_TITLE.match(block.text):
                # A follow-up report's own title ("Uppföljning av medborgarlöfte
                # 2024"): the list below repeats the promise's commitments.
                section = _Context("neutral")
            elif kind == "excluded":
                section = _Context("excluded")
            elif kind == "promise":
                section = _Context("promise", party)
            elif kind == "focus":
                # "Prioriterade områden": its list names problems (focus areas);
                # a commitment under it must name its party and promise.
                section = _Context(
                    "focus",
                    party,
                    in_promise=section.kind in ("promise", "activity")
                    or section.in_promise
                    or area_section(block.text),
                )
            else:
                if section.kind == "excluded":
                    section = _Context("neutral", party)  # "Polisen" after "Bakgrund"
                elif party is not None:
                    section = _Context(section.kind, party)
            leadin = None
            last_party = None
            continue
        ctx = leadin or section
        if block.kind == "bullet":
            text = block.text.rstrip()
            if FOCUS_STATEMENT.search(text.strip()):
                candidates.append(
                    _focus_bullet(text, block, idx, "focus.statement", ctx)
                )
                continue
            sub = item_fields(blocks, idx)
            if sub is not None:
                # "– Mål: …" / "– Ansvarig: …" below the item are its own fields.
                skip_to = idx + 1 + sub.count
                with_fields = item_candidate(block, idx, sub, ctx)
                if with_fields is not None:
                    candidates.append(with_fields)
                    continue
            parent = numbered_parent(block, blocks[idx + 1 : idx + 2])
            if (
                parent
                or _numbered_heading(block, blocks[idx + 1 : idx + 2], blocks[:idx])
                or section_number(blocks, idx)
            ):
                kind = classify_heading(text)
                if kind in ("excluded", "promise") or parent:
                    # "3. Uppföljning", "2. Medborgarlöftet": a numbered section
                    # heading of the genre, which opens its section; so does the
                    # top level of a two-level list ("1. Trygga miljöer" / "1.1 …").
                    section = (
                        _Context("excluded")
                        if kind == "excluded"
                        else _Context(
                            "promise" if kind == "promise" else "neutral",
                            _governing_party(text),
                        )
                    )
                    last_party = None
                    if kind in ("excluded", "promise"):
                        leadin = None
                        continue
                # "1. Narkotika bland unga" over prose: a numbered heading.
                rule = "focus.numbered_" + ("parent" if parent else "heading")
                candidates.append(_focus_bullet(text, block, idx, rule, ctx))
                # "Fokusområden:" over "3. A" / "4. B" (a list numbered on from an
                # earlier one): the items are its areas, the lead-in goes on
                if leadin is None or leadin.kind != "focus":
                    leadin = None
                continue
            if _truncated(
                block, is_last, _list_of(blocks, idx), structure.text
            ) or _QUOTE.search(text):
                continue
            if (
                ctx.kind not in ("excluded", "focus")
                and not _PROMISE_VERB.search(text)
                and _group_header(block, blocks[idx + 1 : idx + 2])
            ):
                # "1. Ökad trygghet i centrum" over its own bulleted activities.
                candidates.append(
                    _focus_bullet(text, block, idx, "focus.group_header", ctx)
                )
                continue

            if len(text.split()) < 3 and not (
                leadin is not None and leadin.kind == "activity" and leadin.explicit
            ):
                continue  # a bare noun is a commitment only under "… aktiviteter:"
            if _speech(block, blocks, idx):
                continue
            own = subject_parties(text)
            explicit = own is not None and bool(_PROMISE_VERB.search(text))
            if ctx.kind == "excluded":
                continue
            if ctx.kind == "focus" and not (explicit or _acts_under_focus(text, ctx)):
                continue
            if ctx.kind == "unknown" and not (
                explicit or own is not None or INFINITIVE_START.match(text)
            ):
                continue
            if own is None and BULLET_OUTCOME.search(text):
                continue  # SCHEMA (b)/(c): an effect goal or a principle
            if _ABOUT_ITSELF.match(text) or past_report(text) or ended_or_done(text):
                continue  # "Medborgarlöften handlar om att lyssna …", "… utgår"
            rule = "bullet." + ctx.kind
            candidates.append(bullet_candidate(block, idx, rule, ctx.party, ctx))
            continue
        labelled = party_labelled(block, idx, ctx)
        if labelled is not None:
            candidates.append(labelled)
            continue
        if block.kind == "paragraph" and ctx.kind in ("promise", "activity"):
            line = block.text.rstrip()
            if (
                "\n" not in line
                and len(block.sentences) <= 2
                and (
                    INFINITIVE_START.match(line)
                    # "Att …" lines under a heading whose party promises them
                    or (ctx.party is not None and _ATT_LINE.match(line))
                )
                and not FOCUS_STATEMENT.search(line)
                and not BULLET_OUTCOME.search(line)
            ):
                # A list written without bullet markers ("Att genomföra …").
                candidates.append(
                    _Candidate(
                        line,
                        block.start,
                        block.start + len(line),
                        idx,
                        "bullet",
                        "line." + ctx.kind,
                        ctx.party,
                        ctx,
                    )
                )
                continue
        if block.kind == "paragraph":
            said: frozenset[str] | None = None  # the "vi" of the sentence before
            before: frozenset[str] | None = None  # the parties of the sentence before
            first = len(candidates)
            recap = False  # "… Utfall: Tre av fyra …": the rest tells what came of it
            for sent in block.sentences:
                recap = recap or bool(RECAP_LABEL.match(sent.text))
                if recap:
                    continue
                present = ctx.kind in ("promise", "activity") and (
                    _present_action(sent.text)
                    or _counted_passive(sent.text)
                    or labelled_action(sent.text)
                    or present_form(sent.text)
                )
                they = before if they_promise(sent.text, before) else None
                before = None
                if not (
                    present or they or _is_commitment_sentence(sent.text)
                ) or _QUOTE.search(sent.text):
                    continue
                if (
                    FOCUS_STATEMENT.search(sent.text)
                    or ends_promise(sent.text)
                    or closing_report(blocks, idx, sent.text)
                ):
                    continue
                own = subject_parties(sent.text)
                inherited = own.parties if own else (they or last_party or ctx.party)
                if own is None and (
                    _reported_rest(sent.text) or labelled_action(sent.text)
                ):
                    # "Ett annat löfte är att ordna …": a promise of the whole
                    # promise, not of the party of the sentence before; so is "Åsen: Ett
                    # möte hålls …", a passive after a place label
                    inherited = ctx.party
                if own and _bare_vi(sent.text, own) and (said or ctx.party):
                    # "Tillsammans ska vi … Vi ska också …": the "vi" of the sentence
                    # before; else "Vi" under a heading naming one party
                    inherited = said or ctx.party
                cand = _Candidate(
                    sent.text,
                    sent.start,
                    sent.end,
                    idx,
                    "sentence",
                    ("present." if present else "sentence.") + ctx.kind,
                    inherited,
                    ctx,
                )
                if ctx.kind == "focus" or (
                    ctx.kind == "excluded"
                    and not promised_report(blocks, idx, sent.text)
                ):
                    continue  # "Uppföljning" / "Parterna lovar att redovisa …" counts
                candidates.append(cand)
                if own:
                    before = own.parties
                    last_party = own.parties
                    if _WE.search(sent.text[: own.span[1] if own.span else 0]):
                        said = inherited  # "Polisen ska …" is no "vi" to refer to
            if opened:
                candidates[first:] = join_unit(block, candidates[first:])
    mark_umbrellas(blocks, candidates)
    assign_after_lists(blocks, candidates)
    assign_vi_sentences(blocks, candidates)
    return candidates

"""``medborgarloften import FILE|URL|DIR… | --polisen [KOMMUN…]``: documents → drafts.

A thin loop over ``documents.services.document_import``: each input is read, stored,
extracted and loaded as a *draft* promise in its own transaction, so one bad input
never leaves half a promise and never stops the others. A progress line goes to
stderr, the summary to stdout; the exit code is non-zero when any input failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO, cast

from django.conf import settings
from django.core.management.base import (
    BaseCommand,
    CommandError,
    CommandParser,
    OutputWrapper,
)

from medborgarloften.documents import polisen
from medborgarloften.documents.services import ImportOutcome, document_import
from medborgarloften.extract.errors import ExtractError
from medborgarloften.places.models import Organisation

SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".txt")


def _raw_stream(wrapper: OutputWrapper) -> TextIO:
    """The stream a command's OutputWrapper writes to (its ``_out``, which the stubs
    type as a callable, like every attribute they do not name)."""
    return cast(TextIO, wrapper._out)


class Progress:
    """'[3/12] name' on stderr: rewritten in place on a terminal, one line otherwise."""

    def __init__(self, stream: TextIO, total: int | None) -> None:
        self.stream = stream
        self.total = total
        self.count = 0
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self._width = 0

    def step(self, name: str) -> None:
        self.count += 1
        of = f"/{self.total}" if self.total is not None else ""
        line = f"[{self.count}{of}] {name}"
        if self.tty:
            line = line[:78]
            pad = " " * max(0, self._width - len(line))
            self.stream.write(f"\r{line}{pad}")
            self._width = len(line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def done(self) -> None:
        if self.tty and self._width:
            self.stream.write("\n")
            self.stream.flush()


@dataclass
class Input:
    """One thing to import: a path, a URL, or a failure found while expanding."""

    label: str
    path: Path | None = None
    url: str = ""
    error: str = ""


def _expand(targets: list[str]) -> list[Input]:
    inputs: list[Input] = []
    for target in targets:
        if target.startswith(("http://", "https://")):
            inputs.append(Input(label=target, url=target))
            continue
        path = Path(target)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                inputs.append(
                    Input(
                        label=target,
                        error="Katalogen har inga .pdf/.docx/.html/.htm/.txt-filer"
                        " / the directory has no importable files",
                    )
                )
            inputs += [Input(label=str(p), path=p) for p in found]
        elif path.is_file():
            inputs.append(Input(label=target, path=path))
        else:
            inputs.append(
                Input(label=target, error="Filen finns inte / no such file or URL")
            )
    return inputs


def _short(label: str) -> str:
    return label.rstrip("/").rsplit("/", 1)[-1] or label


class Command(BaseCommand):
    help = (
        "Importera dokument (PDF, DOCX, HTML, text, webbadresser) som utkast till "
        "medborgarlöften / import documents as draft promises."
    )

    # Tests inject a fetcher (local transport, fake clock): call_command(fetcher=…).
    stealth_options = ("fetcher",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "targets",
            nargs="*",
            metavar="FIL|URL|KATALOG",
            help="Filer, webbadresser eller kataloger; med --polisen: kommunnamn "
            "att begränsa till / files, URLs or directories; with --polisen: kommuner",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Läs och extrahera men spara ingenting / store nothing",
        )
        parser.add_argument(
            "--kommun",
            metavar="KOD",
            help="Kommunkod (t.ex. 0880) för dokument som inte själva nämner sin "
            "kommun; ett löfte som nämner andra kommuner blir deras "
            "/ kommun code for documents that name none",
        )
        parser.add_argument(
            "--referens",
            "--reference",
            dest="reference",
            action="store_true",
            help="Spara andra kommuners löften som referens för --kommun (för "
            "jämförelse; publiceras aldrig) / keep other kommuners' promises as a "
            "reference for --kommun",
        )
        parser.add_argument(
            "--create-missing-police-area",
            action="store_true",
            help="Skapa lokalpolisområden som saknas / create missing police areas",
        )
        parser.add_argument(
            "--user",
            metavar="ANVÄNDARNAMN",
            help="Vem som importerar (för historiken) / who imports, for the history",
        )
        parser.add_argument(
            "--reimport",
            action="store_true",
            help="Skapa nytt utkast även om dokumentet redan importerats "
            "/ make a new draft even for a document already imported",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Skapa utkast även när inga åtaganden hittades "
            "/ make a draft even when no commitments were found",
        )
        web = parser.add_argument_group("webb / web")
        web.add_argument(
            "--polisen",
            action="store_true",
            help="Hämta medborgarlöften från polisen.se / import from polisen.se",
        )
        web.add_argument(
            "--base-url",
            default=polisen.DEFAULT_BASE_URL,
            help="Webbplatsens adress / base URL (default %(default)s)",
        )
        web.add_argument(
            "--delay",
            type=float,
            default=polisen.DEFAULT_DELAY,
            help="Sekunder mellan förfrågningar / seconds between requests "
            "(default %(default)s)",
        )
        web.add_argument(
            "--timeout",
            type=float,
            default=polisen.DEFAULT_TIMEOUT,
            help="Tidsgräns per förfrågan i sekunder / timeout (default %(default)s)",
        )
        web.add_argument(
            "--user-agent",
            default=polisen.USER_AGENT,
            help="User-Agent att identifiera sig med, gärna med kontaktadress "
            "/ identifying User-Agent, best with a contact address",
        )
        web.add_argument(
            "--refresh",
            action="store_true",
            help="Hämta om sidor i stället för att använda cachen / bypass the cache",
        )
        web.add_argument(
            "--restart",
            action="store_true",
            help="Glöm vilka sidor som redan importerats / forget the resume state",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Tests and callers may inject a fetcher (fake clock, local transport).
        fetcher = options.get("fetcher")
        kommun = self._kommun(options.get("kommun"))
        options["actor"] = self._user(options.get("user"))
        if options.get("reference") and kommun is None:
            raise CommandError(
                "--referens kräver --kommun (vems referens) / --reference needs --kommun"
            )
        if options["polisen"]:
            if kommun is not None:
                raise CommandError(
                    "--kommun gäller inte med --polisen (kommunen tas ur adressen)"
                    " / --kommun does not apply with --polisen"
                )
            outcomes = self._polisen(options, fetcher)
        else:
            if not options["targets"]:
                raise CommandError(
                    "Ange filer, webbadresser eller kataloger, eller --polisen"
                    " / give files, URLs or directories, or --polisen"
                )
            outcomes = self._targets(options, kommun, fetcher)
        self._summary(outcomes, dry_run=options["dry_run"])

    # -- inputs -----------------------------------------------------------------

    def _kommun(self, code: str | None) -> Organisation | None:
        if not code:
            return None
        found = Organisation.objects.kommuner().filter(code=code.strip()).first()
        if found is None:
            raise CommandError(
                f"--kommun {code}: ingen kommun med den koden (kör loadref?)"
                f" / no kommun with that code"
            )
        return found

    def _user(self, username: str | None) -> Any:
        if not username:
            return None
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(
                f"--user {username}: ingen sådan användare / no such user"
            )
        return user

    def _fetcher(self, options: dict[str, Any], cache_dir: Path | None) -> Any:
        return polisen.Fetcher(
            delay=options["delay"],
            timeout=options["timeout"],
            user_agent=options["user_agent"],
            cache_dir=cache_dir,
            refresh=options["refresh"],
        )

    def _targets(
        self, options: dict[str, Any], kommun: Organisation | None, fetcher: Any
    ) -> list[ImportOutcome]:
        inputs = _expand(options["targets"])
        progress = Progress(_raw_stream(self.stderr), len(inputs))
        outcomes: list[ImportOutcome] = []
        own_fetcher = fetcher is None
        if fetcher is None and any(i.url for i in inputs):
            fetcher = self._fetcher(options, cache_dir=None)
        try:
            for item in inputs:
                progress.step(_short(item.label))
                outcomes.append(self._one(item, options, kommun, fetcher))
        finally:
            progress.done()
            if own_fetcher and fetcher is not None:
                fetcher.close()
        return outcomes

    def _one(
        self,
        item: Input,
        options: dict[str, Any],
        kommun: Organisation | None,
        fetcher: Any,
    ) -> ImportOutcome:
        if item.error:
            return ImportOutcome(label=item.label, error=item.error)
        try:
            if item.url:
                fetched = fetcher.get(item.url)
                polisen.check_readable(fetched)
                data, filename = fetched.data, fetched.filename
                content_type: str | None = fetched.content_type
            else:
                assert item.path is not None
                data, filename, content_type = (
                    item.path.read_bytes(),
                    item.path.name,
                    None,
                )
        except ExtractError as exc:
            return ImportOutcome(label=item.label, error=str(exc))
        except OSError as exc:
            return ImportOutcome(
                label=item.label,
                error=f"Kunde inte läsa filen / could not read the file: {exc.strerror}",
            )
        return self._import(
            data=data,
            filename=filename,
            content_type=content_type,
            source_url=item.url,
            kommun=kommun,
            options=options,
            source="import",
            label=item.label,
        )

    def _import(
        self, *, label: str, options: dict[str, Any], **kwargs: Any
    ) -> ImportOutcome:
        try:
            outcome = document_import(
                create_missing_police_area=options["create_missing_police_area"],
                dry_run=options["dry_run"],
                reimport=options["reimport"],
                actor=options["actor"],
                as_reference=bool(options.get("reference")),
                force=bool(options.get("force")),
                **kwargs,
            )
        except Exception as exc:  # one broken input must not stop the batch
            outcome = ImportOutcome(
                label=label, error=f"Internt fel / internal error: {exc}"
            )
        outcome.label = label
        return outcome

    def _polisen(self, options: dict[str, Any], fetcher: Any) -> list[ImportOutcome]:
        root = Path(settings.DATA_DIR) / "cache" / "polisen"
        state = polisen.DoneState(None if options["dry_run"] else root / "done.json")
        if options["restart"]:
            state.done.clear()
        own_fetcher = fetcher is None
        if fetcher is None:
            fetcher = self._fetcher(options, cache_dir=root / "pages")
        by_slug = {
            polisen.kommun_slug(k.name): k for k in Organisation.objects.kommuner()
        }
        outcomes: list[ImportOutcome] = []
        try:
            try:
                links, failures = polisen.polisen_links(
                    fetcher=fetcher,
                    base_url=options["base_url"],
                    kommuner=options["targets"] or None,
                )
            except ExtractError as exc:
                raise CommandError(
                    f"Indexsidan kunde inte läsas / the index page failed: {exc}"
                ) from exc
            outcomes += [ImportOutcome(label=f.url, error=f.error) for f in failures]
            progress = Progress(_raw_stream(self.stderr), len(links))
            try:
                for link in links:
                    progress.step(link.slug)
                    outcomes.append(
                        self._polisen_one(link, options, fetcher, state, by_slug)
                    )
            finally:
                progress.done()
        finally:
            if own_fetcher:
                fetcher.close()
        return outcomes

    def _polisen_one(
        self,
        link: polisen.PromiseLink,
        options: dict[str, Any],
        fetcher: Any,
        state: polisen.DoneState,
        by_slug: dict[str, Organisation],
    ) -> ImportOutcome:
        if link.url in state:
            outcome = ImportOutcome(label=link.url, already_imported=True)
            outcome.notes.append(
                "redan klar i en tidigare körning, hoppas över"
                " / done in an earlier run, skipped"
            )
            return outcome
        page = polisen.polisen_page(fetcher=fetcher, link=link)
        if page.error or page.fetched is None:
            return ImportOutcome(label=link.url, error=page.error)
        kommun = by_slug.get(link.slug)
        outcome = self._import(
            data=page.fetched.data,
            filename=page.fetched.filename,
            content_type=page.fetched.content_type,
            source_url=link.url,
            kommun=kommun,
            options=options,
            source="import --polisen",
            label=link.url,
        )
        if kommun is None:
            outcome.notes.append(
                f"ingen kommun '{link.slug}' i databasen / kommun not in the database"
            )
        if outcome.ok and not options["dry_run"]:
            state.add(link.url)
        return outcome

    # -- summary ----------------------------------------------------------------

    def _summary(self, outcomes: list[ImportOutcome], *, dry_run: bool) -> None:
        created = [o for o in outcomes if o.ok and not o.already_imported]
        earlier = [o for o in outcomes if o.ok and o.already_imported]
        failed = [o for o in outcomes if not o.ok]
        out = self.stdout
        head = (
            "Torrkörning, inget sparat / dry run, nothing stored: " if dry_run else ""
        )
        out.write(
            f"{head}{len(created)} utkast skapade / drafts created, "
            f"{len(earlier)} redan importerade / already imported, "
            f"{len(failed)} misslyckade / failed"
        )
        for o in created:
            title = getattr(o.promise, "title", "") or "(utan titel)"
            uid = getattr(o.promise, "uid", None) if not dry_run else None
            ident = f" [{uid}]" if uid else ""
            out.write(f"  + {_short(o.label)}: {title}{ident}{self._notes(o)}")
        for o in earlier:
            if o.promise is not None:
                what = f"{o.promise.title} [{o.promise.uid}]"
            else:
                what = "-"
            out.write(f"  = {_short(o.label)}: {what}{self._notes(o)}")
        for o in failed:
            out.write(f"  ! {o.label}: {o.error}", style_func=self.style.ERROR)
        if failed:
            raise CommandError(
                f"{len(failed)} av {len(outcomes)} indata misslyckades"
                f" / {len(failed)} of {len(outcomes)} inputs failed"
            )

    @staticmethod
    def _notes(outcome: ImportOutcome) -> str:
        return f" ({'; '.join(outcome.notes)})" if outcome.notes else ""

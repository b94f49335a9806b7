"""The ``plaza`` command: serve, migrate, seed demo data, manage users, check setup."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from pydantic import ValidationError
from pydantic_core import PydanticCustomError
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from plaza import demo, migrate, workers
from plaza.config import Environment, Settings, SmsGatewayKind
from plaza.identity import service as identity
from plaza.identity.errors import PlazaIdTaken
from plaza.identity.schemas import check_phone, check_plaza_id
from plaza.kit.db import Database
from plaza.kit.logging import configure_logging
from plaza.media.storage import LocalMediaStorage
from plaza.miniapps import service as miniapps
from plaza.openapi_typescript import typescript_for
from plaza.realtime.broker import broker_for
from plaza.setup_check import run_checks
from plaza.wallet import service as wallet
from plaza.wallet.bank import reconcile as bank_reconcile

app = typer.Typer(help="Plaza: an open, self-hostable super app.", no_args_is_help=True)
user_app = typer.Typer(help="Manage accounts.", no_args_is_help=True)
app.add_typer(user_app, name="user")
wallet_app = typer.Typer(help="The wallet's books.", no_args_is_help=True)
app.add_typer(wallet_app, name="wallet")
console = Console()


def _settings() -> Settings:
    return Settings()


def _start_coffee(settings: Settings) -> subprocess.Popen[bytes] | None:
    """The coffee sample's server (miniapps/coffee) as a process of its own, in dev once
    ``plaza demo`` released it and wrote its credentials."""
    config = demo.coffee_config_path(settings)
    server_dir = demo.COFFEE_DIR / "server"
    if settings.env is not Environment.DEV or not config.is_file() or not server_dir.is_dir():
        return None
    paths = [str(server_dir), os.environ.get("PYTHONPATH", "")]
    env = os.environ | {"PYTHONPATH": os.pathsep.join(path for path in paths if path)}
    command = [sys.executable, "-m", "coffee_server", "--config", str(config)]
    return subprocess.Popen(command, env=env)  # noqa: S603 (our own interpreter and module)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    coffee: Annotated[
        bool, typer.Option(help="In dev, also run the coffee sample's server (plaza demo).")
    ] = True,
    worker_count: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            help="Processes serving the port (PostgreSQL and Redis when more than one).",
        ),
    ] = 1,
) -> None:
    """Serve the API, the web client and the dev outbox."""
    settings = _settings()
    refused = workers.problems(settings, worker_count)
    if refused:
        for problem in refused:
            console.print(f"[bold red]Cannot serve:[/] {problem}")
        raise typer.Exit(2)
    for warning in workers.warnings(settings, worker_count):
        console.print(f"[yellow]Note:[/] {warning}")
    host = host or settings.host
    port = port or settings.port
    base = f"http://{host}:{port}"
    console.print(f"[bold green]Plaza[/] is serving on [link={base}]{base}[/link]")
    if settings.env is Environment.DEV and settings.sms_gateway is SmsGatewayKind.DEV:
        console.print(
            f"Sign in with any demo phone number; codes appear at {base}/dev/outbox "
            "and in the log below."
        )
    shop = _start_coffee(settings) if coffee else None
    if shop is not None:
        console.print(
            f"The coffee shop's server runs at http://{demo.COFFEE_SERVER}: open Discover -> "
            f"Mini Programs -> {demo.COFFEE_NAME}, pay with PIN {demo.DEMO_PIN}."
        )
    try:
        if worker_count == 1:
            uvicorn.run(workers.APP, host=host, port=port, **workers.SERVER_OPTIONS)
        else:
            configure_logging(
                level=settings.log_level, reveal_secrets=settings.env is Environment.DEV
            )
            node_ids = workers.node_ids(settings, worker_count)
            console.print(
                f"{worker_count} workers, node ids {node_ids.start} to {node_ids.stop - 1}"
            )
            pin_threads = workers.pin_threads(settings, worker_count)
            status = workers.Supervisor(host, port, node_ids, pin_threads).run()
            if status:
                raise typer.Exit(status)
    finally:
        if shop is not None:
            _stop(shop)


@app.command("migrate")
def migrate_command(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
) -> None:
    """Bring the database schema up to date."""
    settings = _settings()
    migrate.upgrade(settings.database_url, revision)
    console.print(f"Database at [bold]{revision}[/].")


@app.command("demo")
def demo_command() -> None:
    """Add the demo people (once; running it again adds nothing)."""
    settings = _settings()

    async def seed() -> tuple[int, demo.CoffeeSample | None]:
        database = Database(settings.database_url)
        storage = LocalMediaStorage(settings.media_dir)
        try:
            with Progress(console=console, transient=True) as progress:
                task = progress.add_task("Seeding demo people", total=len(demo.DEMO_PEOPLE))
                created = await demo.seed(
                    database,
                    storage,
                    settings,
                    on_progress=lambda _person, _new: progress.advance(task),
                )
            return created, await demo.seed_coffee(database, storage, settings)
        finally:
            await database.dispose()

    created, coffee = asyncio.run(seed())
    table = Table(title=f"Demo accounts ({created} new)")
    for column in ("Name", "Phone", "Plaza ID"):
        table.add_column(column)
    for person in demo.DEMO_PEOPLE:
        table.add_row(person.display_name, person.phone, person.plaza_id)
    console.print(table)
    console.print(
        "Sign in with one of these numbers; in dev the code is shown at /dev/outbox "
        "and in the server log."
    )
    console.print(
        f"Their payment PIN is [bold]{demo.DEMO_PIN}[/]; each has a sandbox bank card linked, "
        f"and {demo.DEMO_SHOP_OWNER} runs the shop {demo.DEMO_SHOP}."
    )
    if coffee is not None:
        console.print(
            f"The mini-program [bold]{demo.COFFEE_NAME}[/] ({coffee.app_id}, version "
            f"{coffee.version}) is released by {demo.COFFEE_DEVELOPER}; {demo.COFFEE_ADMIN} is "
            f"a platform admin. Its server's credentials are in {coffee.config_path}; "
            f"`plaza serve` starts it at {coffee.server_url}."
        )


@user_app.command("create")
def user_create(
    phone: Annotated[str, typer.Option(help="Phone number in E.164 form, e.g. +8613800138000.")],
    name: Annotated[str, typer.Option(help="Display name.")],
    plaza_id: Annotated[str | None, typer.Option(help="Plaza ID; generated if omitted.")] = None,
) -> None:
    """Create an account that can then sign in with its phone number."""
    settings = _settings()
    try:
        phone = check_phone(phone)
        if plaza_id is not None:
            check_plaza_id(plaza_id)
    except PydanticCustomError as exc:
        console.print(f"[red]{exc.message()}[/]")
        raise typer.Exit(2) from exc

    async def create() -> dict[str, str]:
        database = Database(settings.database_url)
        try:
            async with database.unit_of_work() as session:
                if await identity.get_account_by_phone_or_none(session, phone) is not None:
                    raise typer.BadParameter(f"{phone} already has an account", param_hint="phone")
                account = await identity.create_account(
                    session, phone=phone, display_name=name, plaza_id=plaza_id
                )
                return {"id": str(account.id), "phone": phone, "plaza_id": account.plaza_id or ""}
        finally:
            await database.dispose()

    try:
        created = asyncio.run(create())
    except PlazaIdTaken as exc:
        console.print(f"[red]{exc.detail}[/]")
        raise typer.Exit(1) from exc
    console.print_json(json.dumps(created))


@user_app.command("admin")
def user_admin(
    plaza_id: Annotated[str, typer.Argument(help="The Plaza ID of the account.")],
    revoke: Annotated[bool, typer.Option(help="Take the admin role away instead.")] = False,
) -> None:
    """Make an account a platform admin, who reviews mini-programs (or no longer one)."""
    settings = _settings()

    async def change() -> bool:
        database = Database(settings.database_url)
        try:
            async with database.unit_of_work() as session:
                account = await miniapps.set_admin(session, plaza_id, is_admin=not revoke)
                return account is not None
        finally:
            await database.dispose()

    if not asyncio.run(change()):
        console.print(f"[red]No account has the Plaza ID {plaza_id}.[/]")
        raise typer.Exit(1)
    console.print(f"{plaza_id} is {'no longer' if revoke else 'now'} a platform admin.")


@wallet_app.command("verify")
def wallet_verify() -> None:
    """Recompute every balance from its postings and report any difference (exit 1)."""
    settings = _settings()

    async def verify() -> list[wallet.Discrepancy]:
        database = Database(settings.database_url)
        try:
            async with database.sessionmaker() as session:
                return await wallet.verify(session)
        finally:
            await database.dispose()

    found = asyncio.run(verify())
    for discrepancy in found:
        console.print(f"[red]{discrepancy.what}[/]")
    if found:
        raise typer.Exit(1)
    console.print("The books balance: every balance equals its postings.")


@wallet_app.command("reconcile")
def wallet_reconcile() -> None:
    """Settle orders the bank never called back about and report what matches nothing
    (exit 1 when anything does)."""
    settings = _settings()

    async def run() -> bank_reconcile.Report:
        database = Database(settings.database_url)
        broker = broker_for(settings.broker_url)
        try:
            async with database.unit_of_work() as session:
                return await bank_reconcile.reconcile(session, broker, settings)
        finally:
            await broker.close()
            await database.dispose()

    report = asyncio.run(run())
    for order in report.settled:
        console.print(f"Settled {order.kind} #{order.id} ({order.reference}): {order.status}")
    for order in report.still_pending:
        console.print(f"Still pending at the bank: {order.kind} #{order.id} ({order.reference})")
    for order in report.unknown_to_bank:
        console.print(
            f"[red]The bank does not know {order.kind} #{order.id} ({order.reference})[/]"
        )
    for callback in report.unmatched_callbacks:
        console.print(
            f"[red]Callback #{callback.id} {callback.outcome}: "
            f"reference {callback.reference or '(unreadable)'}[/]"
        )
    if report.has_problems:
        raise typer.Exit(1)
    console.print("The bank agrees: every callback matched an order.")


@app.command()
def check() -> None:
    """Report configuration and whether the database, Redis and media folder answer."""
    try:
        settings = _settings()
    except ValidationError as exc:
        console.print(f"[red]Invalid configuration:[/]\n{exc}")
        raise typer.Exit(2) from exc
    results = asyncio.run(run_checks(settings))
    table = Table(title="Plaza check")
    table.add_column("Check")
    table.add_column("Result")
    table.add_column("Detail")
    for result in results:
        table.add_row(result.name, "[green]ok[/]" if result.ok else "[red]fail[/]", result.detail)
    console.print(table)
    if not all(result.ok for result in results):
        raise typer.Exit(1)


@app.command()
def openapi(
    out: Annotated[Path | None, typer.Option(help="Write the JSON here instead of stdout.")] = None,
    typescript: Annotated[
        Path | None, typer.Option(help="Also write TypeScript declarations of its schemas here.")
    ] = None,
) -> None:
    """Print the OpenAPI document; optionally write the web client's TypeScript types."""
    from plaza.app import create_app

    document = create_app(_settings()).openapi()
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text)
    if typescript is not None:
        typescript.write_text(typescript_for(document))


def main() -> None:
    app()

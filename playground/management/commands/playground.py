"""`manage.py playground [ADDR:PORT]`: the embedded app, served by Daphne in this process.

It migrates the database and loads the example diagrams (`designer.examples`) first.

Daphne serves HTTP and WebSockets from one process; WhiteNoise (in the middleware) serves
`/static/` straight from the source folders, so nothing needs collecting first.
"""

import ipaddress
import re

from channels.routing import get_default_application
from daphne.endpoints import build_endpoint_description_strings
from daphne.server import Server
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from designer.examples import ExampleError, sync_examples, sync_lessons

DEFAULT_ADDRESS = "127.0.0.1:8000"


def parse_address(value: str) -> tuple[str, int]:
    """Split `ADDR:PORT` (an IPv6 ADDR in brackets) or a bare `PORT` on 127.0.0.1.

    ADDR is an IP address or `localhost`; PORT is 1..65535. Raises `CommandError` otherwise.
    """
    host, colon, port_text = value.rpartition(":")
    if not colon:
        host = "127.0.0.1"
    if not _is_host(host) or not re.fullmatch(r"[0-9]{1,5}", port_text):
        raise CommandError(
            f"{value!r} is not ADDR:PORT; give an IP address (IPv6 in brackets) or localhost, "
            f"a colon and a port 1-65535, e.g. {DEFAULT_ADDRESS}"
        )
    port = int(port_text)
    if not 1 <= port <= 65535:
        raise CommandError(f"port {port} in {value!r} is not in 1-65535")
    return host, port


def _is_host(host: str) -> bool:
    if host == "localhost":
        return True
    bracketed = host.startswith("[") and host.endswith("]")
    try:
        address = ipaddress.ip_address(host[1:-1] if bracketed else host)
    except ValueError:
        return False
    return bracketed == (address.version == 6)


class _Server(Server):
    """Daphne's server, keeping the reason a listen failed instead of only logging it."""

    listen_failure: str | None = None

    def listen_error(self, failure) -> None:
        self.listen_failure = failure.getErrorMessage()
        self.stop()


class Command(BaseCommand):
    help = (
        "Migrate the embedded database, load the example diagrams and serve Eventyard with "
        f"Daphne (HTTP, WebSockets and static files) on ADDR:PORT, {DEFAULT_ADDRESS} by default."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "address",
            nargs="?",
            default=DEFAULT_ADDRESS,
            metavar="ADDR:PORT",
            help=f"where to listen (default {DEFAULT_ADDRESS}); a bare PORT means 127.0.0.1",
        )
        parser.add_argument(
            "--debug",
            action="store_true",
            help="Django's DEBUG on (tracebacks and URL patterns in error pages): only on "
            "your own machine; EVENTYARD_DEBUG=1 does the same",
        )

    def handle(self, *args, address: str, debug: bool = False, **options) -> None:
        host, port = parse_address(address)
        if debug:
            settings.DEBUG = True
        try:
            call_command("migrate", verbosity=0, interactive=False)
        except DatabaseError as error:
            raise CommandError(f"cannot prepare the database: {error}") from error
        try:
            sync_examples()
            sync_lessons()
        except ExampleError as error:
            raise CommandError(f"cannot load the example diagrams: {error}") from error
        url = f"http://{host}:{port}/"
        server = _Server(
            application=get_default_application(),
            endpoints=build_endpoint_description_strings(host=host, port=port),
            signal_handlers=True,
            verbosity=options["verbosity"],
            ready_callable=lambda: self._announce(url),
        )
        server.run()
        if server.listen_failure:
            raise CommandError(server.listen_failure)

    def _announce(self, url: str) -> None:
        self.stdout.write(f"Eventyard is running at {url}")
        if settings.DEBUG:
            self.stdout.write("DEBUG is on: error pages show tracebacks; keep it to yourself.")
        self.stdout.write("Stop it with Ctrl+C.")
        self.stdout.flush()

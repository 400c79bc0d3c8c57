"""The deploy example run for real: ``serve --production`` and nginx in front of it.

Used by ``tests/test_serve.py``, ``tests/test_deploy_e2e.py`` and the load harness
(``benchmarks/reliability/load.py``). Nothing here is a copy of the deployment:
:func:`nginx_site` takes ``deploy/nginx.conf`` as shipped and changes only what a test
machine must change — the ports, the upstream port and the certificate paths — and
fails when one of those lines is not there, so a changed example cannot silently stop
being tested. nginx runs in the foreground under a prefix of its own (pid, logs,
temporary files), so it needs no system configuration and no root.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import queue
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
#: The host name the example configuration serves.
SITE_NAME = "medborgarloften.kommun.example"
#: Variables of the developer's or CI's environment that must not reach a server
#: started here (it gets its own database in its own data directory).
FOREIGN = {
    "DATABASE_URL",
    "MEDBORGARLOFTEN_PRODUCTION",
    "SECRET_KEY",
    "DJANGO_SETTINGS_MODULE",
    "DEBUG",
    "EMAIL_BACKEND",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "CACHE_URL",
    "TRUSTED_PROXY",
}


def free_port(host: str = "127.0.0.1") -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def has_ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as sock:
            sock.bind(("::1", 0))
    except OSError:
        return False
    return True


def production_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The production environment of deploy/medborgarloften.env, with a data
    directory (and so an SQLite database) of the test's own."""
    env = {k: v for k, v in os.environ.items() if k not in FOREIGN}
    env.update(
        {
            "DATA_DIR": str(data_dir),
            "PYTHONUNBUFFERED": "1",
            "MEDBORGARLOFTEN_PRODUCTION": "1",
            "SECRET_KEY": "test-" + "k3y-ä" * 12,
            "ALLOWED_HOSTS": f"127.0.0.1,{SITE_NAME}",
            "CSRF_TRUSTED_ORIGINS": f"https://{SITE_NAME}",
            "RATELIMIT_CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            **extra,
        }
    )
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    """Run ``medborgarloften ARGS`` as the unit would; its output."""
    result = subprocess.run(
        [sys.executable, "-m", "medborgarloften", *args],
        env=env,
        cwd=env["DATA_DIR"],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def prepare_site(env: dict[str, str], *, demo: bool = False) -> None:
    """migrate and collectstatic (and loadref + demo), as the unit's ExecStartPre and
    docs/deploy.md do."""
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "manage", "collectstatic", "--noinput", "--verbosity", "0")
    if demo:
        manage(env, "loadref")
        # a demo server: production settings, the demo loaded on purpose
        manage(env, "demo", "--on-production")


# --- the application server ----------------------------------------------------------


def _reader(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


@dataclass
class Server:
    """A ``medborgarloften serve`` process in its own process group."""

    process: subprocess.Popen
    port: int
    output: list[str] = field(default_factory=list)
    lines: queue.Queue = field(default_factory=queue.Queue)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def wait_for(self, needle: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                continue
            if line is None:
                return False
            self.output.append(line)
            if needle in line:
                return True
        return False

    def stop(self) -> None:
        stop_process_group(self.process)


def stop_process_group(process: subprocess.Popen) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=20)


def start_server(
    env: dict[str, str], *args: str, port: int | None = None, timeout: float = 180
) -> Server:
    """``serve --production --port P ARGS`` started and answering (its address
    printed); the static files must have been collected (:func:`prepare_site`)."""
    port = port or free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "medborgarloften",
            "serve",
            "--production",
            "--no-collectstatic",
            "--port",
            str(port),
            *args,
        ],
        cwd=env["DATA_DIR"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        start_new_session=True,
    )
    server = Server(process, port)
    threading.Thread(
        target=_reader, args=(process.stdout, server.lines), daemon=True
    ).start()
    if not server.wait_for(f"körs på http://127.0.0.1:{port}/", timeout):
        server.stop()
        raise AssertionError("the server did not start:\n" + "".join(server.output))
    return server


@contextlib.contextmanager
def running_server(env: dict[str, str], *args: str, **kwargs) -> Iterator[Server]:
    server = start_server(env, *args, **kwargs)
    try:
        yield server
    finally:
        server.stop()


# --- TLS and nginx -----------------------------------------------------------------


def make_certificate(directory: Path, name: str = SITE_NAME) -> tuple[Path, Path]:
    """A self-signed certificate for ``name`` (and 127.0.0.1): (certificate, key)."""
    cert, key = directory / "fullchain.pem", directory / "privkey.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={name}",
            "-addext",
            f"subjectAltName=DNS:{name},IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def _replace(pattern: str, replacement: str, text: str, count: int) -> str:
    new, found = re.subn(pattern, replacement, text, flags=re.MULTILINE)
    if found != count:
        raise AssertionError(
            f"deploy/nginx.conf: expected {count} line(s) matching {pattern!r}, "
            f"found {found}; update tests/deployment.py with the example"
        )
    return new


def nginx_site(
    *,
    http_port: int,
    https_port: int,
    upstream_port: int | list[int],
    cert: Path,
    key: Path,
    ipv6: bool,
) -> str:
    """deploy/nginx.conf with test ports, the test certificate and the test
    upstream (one app server, or several as docs/deploy.md describes); every other
    line as shipped."""
    site = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    ports = upstream_port if isinstance(upstream_port, list) else [upstream_port]
    site = _replace(
        r"^(\s*server) 127\.0\.0\.1:8000;",
        "\n".join(rf"\1 127.0.0.1:{port};" for port in ports),
        site,
        1,
    )
    site = _replace(r"^(\s*listen) 80;", rf"\1 127.0.0.1:{http_port};", site, 1)
    site = _replace(r"^(\s*listen) 443 ", rf"\1 127.0.0.1:{https_port} ", site, 1)
    six_http, six_https = (
        (rf"\1 [::1]:{http_port};", rf"\1 [::1]:{https_port} ")
        if ipv6
        else (r"# (no IPv6 here)", r"# (no IPv6 here) ")
    )
    site = _replace(r"^(\s*listen) \[::\]:80;", six_http, site, 1)
    site = _replace(r"^(\s*listen) \[::\]:443 ", six_https, site, 1)
    site = _replace(r"^(\s*ssl_certificate)\s+\S+;", rf"\1 {cert};", site, 1)
    site = _replace(r"^(\s*ssl_certificate_key)\s+\S+;", rf"\1 {key};", site, 1)
    return site


def nginx_main(prefix: Path, site: str) -> str:
    """The main configuration around the site: everything nginx writes stays under
    ``prefix``."""
    temp = "\n".join(
        f"{name}_temp_path {prefix}/{name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As root, nginx would start its workers as "nobody", who cannot enter the
    # test's private temporary directory.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}worker_processes 1;\n"
        f"pid {prefix}/nginx.pid;\n"
        f"error_log {prefix}/error.log warn;\n"
        "events { worker_connections 2048; }\n"
        "http {\n"
        f"access_log {prefix}/access.log;\n"
        f"{temp}\n"
        f"{site}\n"
        "}\n"
    )


@dataclass
class Nginx:
    process: subprocess.Popen
    prefix: Path
    http_port: int
    https_port: int
    cert: Path

    def error_log(self) -> str:
        path = self.prefix / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful: workers finish
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=20)


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None
    )


def start_nginx(
    prefix: Path, upstream_port: int | list[int], *, https_port: int | None = None
) -> Nginx:
    """nginx in the foreground with deploy/nginx.conf in front of ``upstream_port``,
    listening for HTTPS on ``https_port`` (by default a free one)."""
    binary = nginx_binary()
    assert binary, "nginx is not installed (apt-get install nginx-light)"
    prefix.mkdir(parents=True, exist_ok=True)
    cert, key = make_certificate(prefix)
    http_port, https_port = free_port(), https_port or free_port()
    site = nginx_site(
        http_port=http_port,
        https_port=https_port,
        upstream_port=upstream_port,
        cert=cert,
        key=key,
        ipv6=has_ipv6_loopback(),
    )
    conf = prefix / "nginx.conf"
    conf.write_text(nginx_main(prefix, site), encoding="utf-8")
    argv = [binary, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(conf)]
    test = subprocess.run([*argv, "-t"], capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    process = subprocess.Popen(
        [*argv, "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    nginx = Nginx(process, prefix, http_port, https_port, cert)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("nginx stopped:\n" + nginx.error_log())
        try:
            socket.create_connection(("127.0.0.1", https_port), timeout=1).close()
            return nginx
        except OSError:
            time.sleep(0.1)
    nginx.stop()
    raise AssertionError("nginx did not listen:\n" + nginx.error_log())


@contextlib.contextmanager
def running_nginx(
    prefix: Path, upstream_port: int | list[int], *, https_port: int | None = None
) -> Iterator[Nginx]:
    nginx = start_nginx(prefix, upstream_port, https_port=https_port)
    try:
        yield nginx
    finally:
        nginx.stop()


# --- a browser-like HTTPS client -------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


class _Connection(http.client.HTTPSConnection):
    """TLS to 127.0.0.1 for ``host``: the certificate is checked against the site's
    name (SNI), and Host says the name, as a browser resolving it would."""

    def __init__(self, host: str, port: int, context: ssl.SSLContext) -> None:
        super().__init__(host, port, context=context, timeout=60)

    def connect(self) -> None:
        sock = socket.create_connection(("127.0.0.1", self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class Browser:
    """Cookies (Secure ones too), the Origin and Referer a browser sends, and
    nothing followed automatically."""

    def __init__(self, port: int, cafile: Path, name: str = SITE_NAME) -> None:
        self.name = name
        self.port = port
        self.origin = f"https://{name}:{port}"
        self.context = ssl.create_default_context(cafile=str(cafile))
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        *,
        form: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        connection = _Connection(self.name, self.port, self.context)
        sent = {"Accept-Encoding": "identity", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent.setdefault("Origin", self.origin)
            sent.setdefault("Referer", self.origin + path)
        try:
            connection.request(method, path, body=body, headers=sent)
            raw = connection.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            connection.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            pair = value.split(";", 1)[0]
            key, _, val = pair.partition("=")
            if "max-age=0" in value.lower() or not val.strip('"'):
                self.cookies.pop(key.strip(), None)
            else:
                self.cookies[key.strip()] = val.strip()
        return response

    def get(self, path: str, **headers: str) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, form: dict[str, str]) -> Response:
        return self.request("POST", path, form=form)


_HIDDEN = re.compile(
    r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', re.I
)


def hidden_fields(page: str) -> dict[str, str]:
    """Every hidden input of the page (CSRF token, submission key, version)."""
    import html

    return {name: html.unescape(value) for name, value in _HIDDEN.findall(page)}

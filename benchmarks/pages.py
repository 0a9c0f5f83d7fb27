"""Member pages under load (issue 14): requests/s, p50 and p99 of each page against anonymous /contact/.

Builds a throwaway database (the configured one's name + "_bench_pages") with the demo data,
starts gunicorn with production settings (2 sync workers) on a free loopback port, signs
`alice` in through the sign-in form, and drives each page with `wrk` (Debian package `wrk`)
for BENCH_SECONDS (default 10) seconds with 50 connections, each right after a run of
anonymous /contact/ (the machine is shared, so each ratio compares two runs under about the
same load). It prints each page's requests/s, p50, p99, its ratio to that anonymous run and
its non-2xx responses, then checks in pg_stat_user_tables that the GET-only run of the member
pages inserted, updated and deleted nothing. Search pages run last: keeping a signed-in
member's search terms (BRW-03) and counting them (BRW-05) are writes the policy asks for.
Needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL); run with `make bench`.

wrk's numbers move with whatever else the machine runs. The run ends with a steadier view of the same
ratios: each page requested in-process through the WSGI application with the production settings,
round-robin with anonymous /contact/, timed in CPU seconds of that process (median per page).
`python benchmarks/pages.py --cpu-only` prints only that table (no wrk needed).
"""

import base64
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = 50
THREADS = 2
WORKERS = 2
MEMBER, PASSWORD = "alice", "alice-demo-2023"
CACHE_PREFIX = "bench-pages"
ANONYMOUS = ("/contact/", False)
# Pages a signed-in member only reads: together they must write nothing.
MEMBER_PAGES = [
    ("/contact/", True),
    ("/members/", True),
    ("/", True),
    ("/me/settings/privacy/", True),
    ("/me/orders/", True),
]
SEARCH_PAGES = [("/search/?q=drill", True), ("/search/?q=drill&sort=price", True)]
# Targets from issue 14, as ratios to anonymous /contact/ in the same run.
SIGNED_IN_CONTACT_TARGET = 0.7
MEMBER_PAGE_TARGET = 0.4
CPU_ROUNDS = int(os.environ.get("BENCH_CPU_ROUNDS", "150"))
WRK_INSTALL = "wrk is not installed: run `apt-get install -y wrk` (Debian package), then `make bench` again."

# Counts responses outside 2xx (wrk itself only counts 4xx and 5xx) across all of wrk's threads.
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 end
function response(status, headers, body) if status < 200 or status > 299 then bad = bad + 1 end end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("bad") end
  io.write(string.format("non2xx %d\\n", total))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with production settings, on loopback, against the benchmark database."""

    def __init__(self, env: dict[str, str], port: int):
        self.env, self.port, self.process = env, port, None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "portal.wsgi:application",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={WORKERS}",
                "--worker-class=sync",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                status, _headers, _body = request(self.port, "GET", "/healthz")
                if status:
                    return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not answer within 30 s.")

    def stop(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)
            self.process = None


def request(port: int, method: str, path: str, *, cookies: dict | None = None, form: dict | None = None):
    """One request as the TLS-ending proxy would pass it on (X-Forwarded-Proto: https)."""
    conn = HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{port}"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Origin"] = f"https://127.0.0.1:{port}"
        headers["Referer"] = f"https://127.0.0.1:{port}{path}"
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read().decode("utf-8", "replace")
    set_cookies = {}
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            set_cookies[key.strip()] = rest.split(";", 1)[0]
    conn.close()
    return response.status, set_cookies, data


def sign_in(port: int) -> dict[str, str]:
    status, cookies, page = request(port, "GET", "/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or token is None:
        raise SystemExit(f"The sign-in page answered {status} without a form.")
    form = {"csrfmiddlewaretoken": token.group(1), "login": MEMBER, "password": PASSWORD}
    status, new_cookies, _page = request(port, "POST", "/accounts/login/", cookies=cookies, form=form)
    cookies.update(new_cookies)
    if status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"Signing {MEMBER} in failed (HTTP {status}).")
    return {"sessionid": cookies["sessionid"], "csrftoken": cookies["csrftoken"]}


def run_wrk(port: int, path: str, cookies: dict | None, script: Path) -> dict:
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout=10s", "--latency"]
    command += ["-s", str(script), "-H", "X-Forwarded-Proto: https"]
    if cookies:
        command += ["-H", "Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items())]
    output = subprocess.run(  # noqa: S603 - fixed arguments, loopback URL
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _millis(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99": _millis(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
        "bad": int(re.search(r"non2xx (\d+)", output).group(1)) + errors,
    }


def _millis(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def table_writes() -> dict[str, int]:
    """INSERTs + UPDATEs + DELETEs per table since the statistics were last reset."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables")
        return dict(cursor.fetchall())


def writes_between(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {name: count - before.get(name, 0) for name, count in after.items() if count != before.get(name, 0)}


def production_env(port_db: dict, var_dir: Path) -> dict[str, str]:
    url = (
        f"postgres://{port_db['USER']}:{urllib.parse.quote(port_db['PASSWORD'] or '')}@{port_db['HOST'] or '127.0.0.1'}"
        f":{port_db['PORT'] or 5432}/{port_db['NAME']}"
    )
    env = dict(os.environ)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=url,
        REDIS_URL=settings.REDIS_URL,
        CACHE_KEY_PREFIX=CACHE_PREFIX,
        IDENTITY_ENCRYPTION_KEY=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        ALIPAY_NOTIFY_KEY=secrets.token_urlsafe(32),
        PORTAL_VAR_DIR=str(var_dir),
        LOG_LEVEL="WARNING",
        SITE_BASE_URL="https://portal.example.com",
        SMS_BACKEND="benchmarks.sms.RefusingSmsBackend",
        DATA_REGION="cn-hangzhou",
    )
    return env


def clear_bench_cache() -> None:
    """Ids restart with every benchmark database: drop what an earlier run cached under our prefix."""
    redis = cache._cache.get_client(write=True)
    keys = list(redis.scan_iter(match=f"{CACHE_PREFIX}:*", count=1000))
    if keys:
        redis.delete(*keys)


def accept_pending_policy() -> None:
    from members.models import Member
    from privacy import consent
    from privacy.policy_versions import accept_version, pending_version

    member = Member.objects.get(member_name=MEMBER)
    version = pending_version(member)
    if version is not None:
        accept_version(member, version, context=consent.RequestContext(channel=consent.Channel.WEB))


def measure_pair(port: int, path: str, cookies: dict, script: Path, anonymous: list[dict]) -> dict:
    """Anonymous /contact/, then the page signed in: the machine's load is about the same for both."""
    baseline = run_wrk(port, ANONYMOUS[0], None, script)
    anonymous.append(baseline)
    result = run_wrk(port, path, cookies, script)
    result["ratio"] = result["rps"] / baseline["rps"] if baseline["rps"] else 0.0
    print(
        f"{path + ' (signed in)':<42}{result['rps']:>9.0f}{result['p50']:>9.1f}{result['p99']:>9.1f}"
        f"{baseline['rps']:>9.0f}{result['ratio']:>8.2f}{result['bad']:>9}"
    )
    return result


def cpu_child(cookie_header: str) -> None:
    """In the production settings' process: each page through the WSGI application, round-robin, CPU time per request."""
    import io
    import statistics

    from portal.wsgi import application

    def get(path: str, cookies: str | None) -> int:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "REMOTE_ADDR": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_X_FORWARDED_PROTO": "https",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "http",
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        if cookies:
            environ["HTTP_COOKIE"] = cookies
        status = []
        body = application(environ, lambda line, headers, exc_info=None: status.append(int(line.split()[0])))
        b"".join(body)
        if hasattr(body, "close"):
            body.close()
        return status[0]

    runs = [(ANONYMOUS[0], None)] + [(path, cookie_header) for path, _signed_in in MEMBER_PAGES]
    for path, cookies in runs * 5:
        if get(path, cookies) != 200:
            raise SystemExit(f"{path} did not answer 200 in-process.")
    times: list[list[float]] = [[] for _run in runs]
    for _round in range(CPU_ROUNDS):
        for index, (path, cookies) in enumerate(runs):
            started = time.process_time()
            get(path, cookies)
            times[index].append(time.process_time() - started)
    anonymous = statistics.median(times[0])
    print(f"in-process, production settings, {CPU_ROUNDS} rounds: CPU ms per request (median) and ratio")
    for (path, cookies), samples in zip(runs, times, strict=True):
        label = path + (" (signed in)" if cookies else " (anonymous)")
        median = statistics.median(samples)
        print(f"{label:<42}{median * 1000:>9.2f}{anonymous / median:>8.2f}")


def run_cpu_child(env: dict[str, str], cookies: dict[str, str]) -> None:
    cookie_header = "; ".join(f"{k}={v}" for k, v in cookies.items())
    subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, str(Path(__file__).resolve()), "--cpu", cookie_header], cwd=ROOT, env=env, check=True
    )


def main(*, cpu_only: bool = False) -> None:
    if not cpu_only and shutil.which("wrk") is None:
        raise SystemExit(WRK_INSTALL)
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        raise SystemExit("The page benchmark needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL).")
    creation = connection.creation
    original = connection.settings_dict["NAME"]
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"{original}_bench_pages"
    creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    var_dir = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    server = None
    try:
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        clear_bench_cache()
        accept_pending_policy()
        env = production_env(connection.settings_dict, var_dir)
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        port = free_port()
        server = Server(env, port)
        server.start()
        cookies = sign_in(port)
        if cpu_only:
            server.stop()
            server = None
            run_cpu_child(env, cookies)
            return
        for path, signed_in in [ANONYMOUS, *MEMBER_PAGES, *SEARCH_PAGES]:
            status, _cookies, _page = request(port, "GET", path, cookies=cookies if signed_in else None)
            if status != 200:
                raise SystemExit(f"{path} answered {status} before the run; nothing measured.")
        # Restarting flushes each server connection's statistics, so the warm-up's writes count before the run.
        server.stop()
        before = table_writes()
        server.start()
        script = var_dir / "count.lua"
        script.write_text(WRK_SCRIPT)
        print(f"gunicorn {WORKERS} sync workers, production settings; wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s")
        print("each page is paired with a run of anonymous /contact/ just before it; ratio = page / that run")
        print(f"{'page':<42}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'anon/s':>9}{'ratio':>8}{'non-2xx':>9}")
        anonymous, results = [], {}
        for path, _signed_in in MEMBER_PAGES:
            results[path] = measure_pair(port, path, cookies, script, anonymous)
        server.stop()
        member_writes = writes_between(before, table_writes())
        server.start()
        for path, _signed_in in SEARCH_PAGES:
            results[path] = measure_pair(port, path, cookies, script, anonymous)
        server.stop()
        server = None
        report(anonymous, results, member_writes)
        run_cpu_child(env, cookies)
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(var_dir, ignore_errors=True)
        clear_bench_cache()
        creation.destroy_test_db(original, verbosity=0)


def report(anonymous: list[dict], results: dict, member_writes: dict[str, int]) -> None:
    if member_writes:
        listed = ", ".join(f"{name} {count}" for name, count in sorted(member_writes.items()))
        print(f"database writes during the GET-only run of member pages: {listed}")
    else:
        print("database writes during the GET-only run of member pages: none (pg_stat_user_tables)")
    misses = []
    if results["/contact/"]["ratio"] < SIGNED_IN_CONTACT_TARGET:
        misses.append(f"signed-in /contact/ at {results['/contact/']['ratio']:.2f} (target {SIGNED_IN_CONTACT_TARGET})")
    for path, _signed_in in MEMBER_PAGES[1:]:
        if results[path]["ratio"] < MEMBER_PAGE_TARGET:
            misses.append(f"{path} at {results[path]['ratio']:.2f} (target {MEMBER_PAGE_TARGET})")
    if any(result["bad"] for result in [*anonymous, *results.values()]):
        misses.append("some responses were not 2xx")
    if member_writes:
        misses.append("member pages wrote to the database")
    print("targets met" if not misses else "targets missed: " + "; ".join(misses))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--cpu"]:
        cpu_child(sys.argv[2])
    else:
        main(cpu_only=sys.argv[1:2] == ["--cpu-only"])

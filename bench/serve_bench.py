#!/usr/bin/env python3
"""Замер `nastavnik serve`: от сохранения практики до события перезагрузки.

    python3 bench/serve_bench.py [--practices 10000] [--edits 10] [--kind body]
                                 [--no-build] [--binary ПУТЬ]

Собирает release-бинарник, при необходимости генерирует синтетический сайт
(target/bench/site-N, как bench/run.sh), запускает `nastavnik serve`, слушает
поток событий /__nastavnik/events и EDITS раз правит одну практику с паузой
больше задержки наблюдателя. Для каждой правки меряет время от записи файла
до прихода события `reload` и печатает медиану. Файл практики в конце
возвращается в исходное состояние.

Виды правок (--kind):
  body     — дописать предложение в текст практики (меняется только её страница);
  summary  — изменить аннотацию (меняются карточки во всех списках с практикой);
  title    — изменить название (практика переезжает в списках).
"""

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATE = "2024-06-01"
GEN_EXTRA = ["--roadmap-items", "60", "--kpi-indicators", "10", "--kpi-years", "5"]


def log(*args):
    print("serve_bench:", *args, file=sys.stderr, flush=True)


def ensure_site(n: int) -> Path:
    site = REPO / "target" / "bench" / f"site-{n}"
    if (site / "site.yaml").is_file():
        return site
    log(f"генерация сайта N={n} → {site}")
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "gen_site.py"), "--practices", str(n),
         "--out", str(site), "--seed", "1", *GEN_EXTRA],
        check=True,
    )
    return site


class Events:
    """The event stream, read on a thread; `reloads` collects arrival times."""

    def __init__(self, host: str, port: int):
        self.sock = socket.create_connection((host, port), timeout=30)
        self.sock.sendall(
            f"GET /__nastavnik/events HTTP/1.1\r\nHost: {host}:{port}\r\n"
            "Accept: text/event-stream\r\n\r\n".encode()
        )
        self.sock.settimeout(None)
        self.reloads = []
        self.problems = []
        self.cond = threading.Condition()
        self.connected = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        if not self.connected.wait(30):
            raise SystemExit("serve_bench: поток событий не ответил")

    def _read(self):
        buf = b""
        event = None
        while True:
            chunk = self.sock.recv(65536)
            if not chunk:
                return
            now = time.monotonic()
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                line = line.rstrip(b"\r").decode("utf-8", "replace")
                if line.startswith("retry:"):
                    self.connected.set()
                elif line.startswith("event: "):
                    event = line[len("event: "):]
                elif line.startswith("data: "):
                    with self.cond:
                        if event == "reload":
                            self.reloads.append(now)
                        elif event == "problems":
                            self.problems.append(line)
                        self.cond.notify_all()

    def wait_reload(self, count: int, timeout: float) -> float:
        """The arrival time of reload number `count` (1-based)."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while len(self.reloads) < count:
                if self.problems:
                    raise SystemExit(f"serve_bench: сайт с ошибкой: {self.problems[-1]}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SystemExit("serve_bench: нет события reload")
                self.cond.wait(left)
            return self.reloads[count - 1]


def edited(text: str, kind: str, k: int) -> str:
    if kind == "body":
        return text + f"\nПравка номер {k} для замера.\n"
    if kind == "summary":
        return text.replace("summary: ", f"summary: Правка {k}. ", 1)
    if kind == "title":
        return text.replace('title: "', f'title: "{k} ', 1)
    raise SystemExit(f"serve_bench: неизвестный вид правки {kind}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--practices", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("--kind", default="body", choices=["body", "summary", "title"])
    ap.add_argument("--pause", type=float, default=0.5,
                    help="пауза между правками, с (больше задержки наблюдателя, 50 мс)")
    ap.add_argument("--practice", default="p05000.md", help="файл практики, который правится")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--binary", default=None)
    args = ap.parse_args()

    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    binary = Path(args.binary) if args.binary else target / "release" / "nastavnik"
    if not args.no_build:
        log("cargo build --release")
        subprocess.run(["cargo", "build", "--release"], cwd=REPO, check=True,
                       stdout=sys.stderr)
    site = ensure_site(args.practices)
    practice = site / "content" / "practices" / args.practice
    original = practice.read_text(encoding="utf-8")

    started = time.monotonic()
    proc = subprocess.Popen(
        [str(binary), "serve", "--root", str(site), "--date", DATE, "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    host, port = None, None
    for line in proc.stdout:
        if "Собрано:" in line:
            log(line.strip())
        if "Сайт доступен по адресу" in line:
            addr = line.split("http://", 1)[1].split("/", 1)[0]
            host, port = addr.rsplit(":", 1)
            break
    if port is None:
        raise SystemExit("serve_bench: serve не запустился")
    log(f"первая сборка и запуск: {time.monotonic() - started:.1f} с")
    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()

    latencies = []
    try:
        events = Events(host, int(port))
        for k in range(1, args.edits + 1):
            time.sleep(args.pause)
            text = edited(original, args.kind, k)
            with open(practice, "w", encoding="utf-8") as f:
                f.write(text)
            saved = time.monotonic()
            arrived = events.wait_reload(k, 30)
            ms = (arrived - saved) * 1000
            latencies.append(ms)
            log(f"правка {k}: {ms:.0f} мс")
    finally:
        practice.write_text(original, encoding="utf-8")
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()

    med = statistics.median(latencies)
    print(f"nastavnik serve, {args.practices} практик, правка «{args.kind}», "
          f"{len(latencies)} правок, ядер: {os.cpu_count()}")
    print(f"от сохранения до события reload: медиана {med:.0f} мс, "
          f"мин {min(latencies):.0f} мс, макс {max(latencies):.0f} мс")


if __name__ == "__main__":
    main()

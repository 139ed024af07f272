// Крошечный статический сервер на модуле http: отдаёт собранный раздел
// по адресу http://127.0.0.1:<порт><prefix>, как его отдаст хостинг школы.
// Не зависит от `nastavnik serve`.
"use strict";

const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".pdf": "application/pdf",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/**
 * Serves `dir` under `prefix` (e.g. "/nastavnichestvo/") on 127.0.0.1 and a
 * free port. Unknown paths get `dir/404.html` with status 404, as on a real
 * host. Resolves to { url, close() } where url is the section's address.
 */
function serve(dir, prefix = "/") {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let status = 200;
    let file = null;
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    } catch (e) {
      pathname = null;
    }
    if (pathname !== null && pathname.startsWith(prefix)) {
      let rel = pathname.slice(prefix.length);
      if (rel === "" || rel.endsWith("/")) rel += "index.html";
      const candidate = path.resolve(root, rel);
      if (candidate.startsWith(root + path.sep) && fs.existsSync(candidate)) {
        file = fs.statSync(candidate).isDirectory() ? path.join(candidate, "index.html") : candidate;
        if (!fs.existsSync(file)) file = null;
      }
    }
    if (file === null) {
      status = 404;
      file = path.join(root, "404.html");
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
        res.end("нет файла");
        return;
      }
      res.writeHead(status, {
        "content-type": TYPES[path.extname(file).toLowerCase()] || "application/octet-stream",
        "cache-control": "no-store",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    });
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        url: `http://127.0.0.1:${port}${prefix}`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

module.exports = { serve };

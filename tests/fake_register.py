"""A local stand-in for the business register's open-data company search, so
that no test reaches the internet. It knows one company, fails for one
business ID and never answers in time for another."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

KNOWN = "0124610-9"
BROKEN = "0737546-2"
SILENT = "1572860-0"
INDUSTRY = "Nosto- ja siirtolaitteiden valmistus"

COMPANY = {
    "businessId": {"value": KNOWN},
    "names": [
        {"name": "Vanha Nimi Oy", "type": "1", "endDate": "2019-12-31"},
        {"name": "Vantaan Testikone Oy", "type": "1", "endDate": None},
    ],
    "mainBusinessLine": {
        "type": "28220",
        "descriptions": [
            {"languageCode": "3", "description": "Manufacture of lifting equipment"},
            {
                "languageCode": "1",
                "description": "Nosto- ja siirtolaitteiden valmistus",
            },
        ],
    },
    "addresses": [
        {
            "type": 1,
            "street": "Teollisuustie 5",
            "postCode": "01510",
            "postOffices": [
                {"city": "VANDA", "languageCode": "2"},
                {"city": "VANTAA", "languageCode": "1"},
            ],
        }
    ],
}


class _Register(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the standard library's name)
        business_id = parse_qs(urlparse(self.path).query).get("businessId", [""])[0]
        if business_id == SILENT:
            time.sleep(5)
        if business_id == BROKEN:
            self.send_response(500)
            self.end_headers()
            return
        found = [COMPANY] if business_id == KNOWN else []
        body = json.dumps({"totalResults": len(found), "companies": found}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def start() -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Register)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/companies"

/* test_paste.c — undoing a paste's wrapping, as a table of input -> expected
 * text, plus idempotence and truncated input (no overread under ASan). */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "paste.h"

struct paste_case {
    const char *name, *in, *out;
};

static const struct paste_case cases[] = {
    /* line ends */
    {"CRLF", "a\r\nb\r\n", "a\nb\n"},
    {"lone CR redraws a line", "pulling 10%\rpulling 20%", "pulling 10%\npulling 20%"},
    /* terminal escapes */
    {"CSI colour", "\x1b[31mError:\x1b[0m refused", "Error: refused"},
    {"CSI with parameters", "\x1b[1;31;40mx\x1b[K", "x"},
    {"OSC title with BEL", "\x1b]0;title\ay", "y"},
    {"OSC with ST", "\x1b]8;;http://x\x1b\\link", "link"},
    {"colour without ESC, with a reset", "[31mERROR[0m connect", "ERROR connect"},
    {"Windows console arrow", "\xe2\x86\x90[32mINFO\xe2\x86\x90[0m ok", "INFO ok"},
    {"bracketed word kept without a reset", "[4m] list [12m]", "[4m] list [12m]"},
    {"ESC at the end", "x\x1b", "x"},
    /* typography */
    {"no-break space", "Connection\xc2\xa0refused", "Connection refused"},
    {"curly quotes", "OLLAMA_HOST=\xe2\x80\x9c" "0.0.0.0\xe2\x80\x9d it\xe2\x80\x99s", "OLLAMA_HOST=\"0.0.0.0\" it's"},
    {"zero-width and BOM", "\xef\xbb\xbflocal\xe2\x80\x8bhost", "localhost"},
    {"other UTF-8 kept", "\xe6\x8b\x92\xe7\xbb\x9d \xc3\xa9", "\xe6\x8b\x92\xe7\xbb\x9d \xc3\xa9"},
    /* full-width forms */
    {"a scheme parted from its URL", "POST http: //localai.lan/v1 and HTTPS:  //x", "POST http://localai.lan/v1 and HTTPS://x"},
    {"a colon and space that are no URL kept", "http: 5 https: /x", "http: 5 https: /x"},
    {"full-width colon and parentheses", "localhost\xef\xbc\x9a" "11434 \xef\xbc\x88" "Errno 111\xef\xbc\x89", "localhost:11434 (Errno 111)"},
    {"full-width letters, digits, tilde", "\xef\xbd\x81\xef\xbc\x90\xef\xbd\x9e", "a0~"},
    {"ideographic space", "\xe6\x8b\x92\xe7\xbb\x9d\xe3\x80\x80x", "\xe6\x8b\x92\xe7\xbb\x9d x"},
    {"half-width katakana and CJK kept", "\xef\xbd\xb1 \xef\xbc\x80 \xe3\x80\x81", "\xef\xbd\xb1 \xef\xbc\x80 \xe3\x80\x81"},
    /* HTML entities */
    {"named entities", "&lt;html&gt; &quot;x&quot; &amp; it&apos;s", "<html> \"x\" & it's"},
    {"numeric entities", "&#39;a&#x27; &#34;", "'a' \""},
    {"escaped twice", "host=&amp;#39;localhost&amp;#39; &amp;lt;urllib3&amp;gt; a=1&amp;amp;b", "host='localhost' <urllib3> a=1&b"},
    {"escaped three times", "&amp;amp;lt;", "<"},
    {"not an entity", "a&b &#; &#x; &lt &#1234567;", "a&b &#; &#x; &lt &#1234567;"},
    {"control entity kept", "&#7;", "&#7;"},
    /* JSON strings */
    {"escaped quotes", "{\"error\":\"model \\\"llama3\\\" not found\"}", "{\"error\":\"model \"llama3\" not found\"}"},
    {"a block of lines", "{\"log\":\"Traceback:\\n  File x\\n\",\"s\":1}", "{\"log\":\nTraceback:\n  File x\n\n,\"s\":1}"},
    {"unicode escapes", "\"\\u003chtml\\u003e \\u00e9\"", "\"<html> \xc3\xa9\""},
    {"surrogate pair", "\"\\ud83d\\ude00\"", "\"\xf0\x9f\x98\x80\""},
    {"lone surrogate", "\"a\\ud83d\"", "\"a?\""},
    {"NUL escape dropped", "\"a\\u0000b\"", "\"ab\""},
    {"slash and backslash", "\"C:\\\\Users\\\\me \\/x\"", "\"C:\\Users\\me /x\""},
    {"CR escape dropped", "\"a\\r\\nb\"", "\na\nb\n"},
    {"twice escaped", "\"{\\\"error\\\":\\\"a \\\\\\\"b\\\\\\\"\\\"}\"", "\"{\"error\":\"a \"b\"\"}\""},
    /* Python string literals */
    {"python repr of lines", "Exception: 'Traceback:\\n  File x\\n'", "Exception:\nTraceback:\n  File x\n\n"},
    {"python repr, escapes", "{'error': 'a \\'b\\' \\x41\\u00e9\\x1b[0m\\r\\n'}", "{'error':\na 'b' A\xc3\xa9\n\n}"},
    {"apostrophes in words: untouched", "it's a 'x\\ny' don't", "it's a\nx\ny\n don't"},
    {"python literal without a line: untouched", "'C:\\\\Users\\\\me'", "'C:\\\\Users\\\\me'"},
    {"raw Windows path in quotes: untouched", "'C:\\new\\temp.py'", "'C:\\new\\temp.py'"},
    {"an empty literal closes before a line's escape", "scheme: ''.\\n  ERROR: scheme: ''.", "scheme: ''.\\n  ERROR: scheme: ''."},
    {"python literal with an unknown escape: untouched", "'a\\nb\\qc'", "'a\\nb\\qc'"},
    {"no escapes: untouched", "Post \"http://h:1/api\": EOF", "Post \"http://h:1/api\": EOF"},
    {"invalid escape: not JSON", "\"C:\\Users\\new\" \\n", "\"C:\\Users\\new\" \\n"},
    {"Windows path with valid escapes", "File \"C:\\new\\temp.py\"", "File \"C:\\new\\temp.py\""},
    {"Windows path inside, escaped once", "{\"error\":\"mkdir D:\\\\new\\\\blobs: denied\"}", "{\"error\":\"mkdir D:\\new\\blobs: denied\"}"},
    {"raw Windows path inside", "\"mkdir D:\\new\\temp\"", "\"mkdir D:\\new\\temp\""},
    {"a drive letter ends no word", "\"ab:\\n\"", "\nab:\n\n"},
    {"unclosed string", "\"a\\nb", "\"a\\nb"},
    {"escape outside a string", "x \\n y", "x \\n y"},
    /* structured log lines */
    {"JSON log line", "{\"level\":\"error\",\"msg\":\"ollama error 403:\"}", "{\"level\":\nerror\n,\"msg\":\nollama error 403:\n}"},
    {"JSON log line, escapes", "{\"ts\":1, \"err\": \"Post \\\"http://h\\\": EOF\"}", "{\"ts\":1, \"err\":\nPost \"http://h\": EOF\n}"},
    {"keys and arrays kept", "{\"time\":\"t\",\"tags\":[\"a\",\"b\"]}", "{\"time\":\nt\n,\"tags\":[\"a\",\"b\"]}"},
    {"docker json-file lines: their text alone", "{\"log\":\"Request {\\n\",\"stream\":\"stderr\",\"time\":\"t\"}\n{\"log\": \"  host = \\\"h\\\"\\n\", \"stream\": \"stderr\"}\n",
     ",\"stream\":\"stderr\",\"time\":\"t\"}\nRequest {\n  host = \"h\"\n"},
    {"a pod's log file: its first prefix on a line of its own",
     "2025-05-01T10:00:00.123456789Z stderr F first\n2025-05-01T10:00:00.223456789Z stderr F second\n",
     "stderr F\nfirst\nsecond\n"},
    {"Fly.io's prefix: the first kept on a line of its own",
     "2024-09-02T11:47:05.902 app[e784e903f59118] fra [info] first\n2024-09-02T11:47:05.903 app[e784e903f59118] fra [info] second\n",
     "2024-09-02T11:47:05.902 app[e784e903f59118] fra [info]\nfirst\nsecond\n"},
    {"Heroku's prefix", "2024-03-17T10:22:41.512345+00:00 app[web.1]: first\n2024-03-17T10:22:41.6+00:00 app[web.1]: second\n",
     "2024-03-17T10:22:41.512345+00:00 app[web.1]:\nfirst\nsecond\n"},
    {"Lambda's prefix (tabs)", "2024-04-25T06:18:44.102Z\tb7c1e2d3-4f5a-6b7c-8d9e-0f1a2b3c4d5e\tERROR\tError: x\n",
     "2024-04-25T06:18:44.102Z\tb7c1e2d3-4f5a-6b7c-8d9e-0f1a2b3c4d5e\tERROR\nError: x\n"},
    {"journalctl -o json: its MESSAGE on a line of its own",
     "{\"_SYSTEMD_UNIT\":\"app.service\",\"MESSAGE\":\"x: refused\"}",
     "{\"_SYSTEMD_UNIT\":\napp.service\n,\"MESSAGE\":\nx: refused\n}"},
    {"a log key without stream is a JSON log line", "{\"log\":\"x\",\"time\":1}", "{\"log\":\nx\n,\"time\":1}"},
    {"an error body is no log line", "{\"error\":\"model 'x' not found\"}", "{\"error\":\"model 'x' not found\"}"},
    {"a log key inside a value (decoded once)", "{\"error\":\"bad \\\"level\\\": x\"}", "{\"error\":\"bad \"level\": x\"}"},
    /* quotes and indents */
    {"quoted reply", "> Error: refused\n>\n> at x\n", "Error: refused\n\nat x\n"},
    {"nested quote", ">> a\n> > b\n", "a\nb\n"},
    {"curl request kept", "> GET /api/tags HTTP/1.1\n> Host: x\n", "> GET /api/tags HTTP/1.1\n> Host: x\n"},
    {"partly quoted kept", "> a\nb\n", "> a\nb\n"},
    {"common indent", "    Traceback:\n      File x\n\n    Error\n", "Traceback:\n  File x\n\nError\n"},
    {"tab indent", "\ta\n\t\tb\n", "a\n\tb\n"},
    {"mixed indent kept", "  a\n\tb\n", "  a\n\tb\n"},
    {"indent inside a quote", ">     a\n>       b\n", "a\n  b\n"},
    {"a fence goes, and the indent its lines share", "```python\n    Traceback:\n      File x\n```\n", "\nTraceback:\n  File x\n\n"},
    {"a tilde fence, indented", "  ~~~\n  a\n  ~~~", "\na\n"},
    {"backticks inside a line kept", "run `ollama serve` first\n```x``` y\n", "run `ollama serve` first\n```x``` y\n"},
    /* container log prefixes */
    {"compose prefixes: the first on a line of its own", "docker-api-1  | Traceback:\ndocker-api-1  |   File x\n", "docker-api-1  |\nTraceback:\n  File x\n"},
    {"compose v1 replica and services mixed", "$ docker compose logs\napi_1 | a\nworker_1    | b\n", "$ docker compose logs\napi_1 |\na\nb\n"},
    {"an empty prefixed line", "ollama  |\nollama  | time=t\n", "ollama  |\ntime=t\n"},
    {"Docker Desktop's date before the name", "2025-03-22 14:34:19 api-1  | x\n", "2025-03-22 14:34:19 api-1  |\nx\n"},
    {"a bar in prose kept", "a | b\nmodel | size\n", "a | b\nmodel | size\n"},
    {"kubectl pod prefixes: the first on a line of its own", "[pod/api-0/api] Error: x\n[pod/api-0/api]     at y\n", "[pod/api-0/api]\nError: x\n    at y\n"},
    {"kubectl: two pods' lines", "$ kubectl logs -l app=x --prefix\n[pod/a-1/a] u\n[pod/a-2/a] v\n", "$ kubectl logs -l app=x --prefix\n[pod/a-1/a]\nu\nv\n"},
    {"docker logs -t times go", "2025-05-01T10:00:00.123456789Z Traceback:\n2025-05-01T10:00:00.123456789Z   File x\n", "Traceback:\n  File x\n"},
    {"compose -t: prefix, then the time", "api-1  | 2025-05-01T10:00:00.1234567Z >>> x\napi-1  | 2025-05-01T10:00:01.1234567Z y\n", "api-1  |\n>>> x\ny\n"},
    {"a viewer's times before every row go", "[2025-03-04 10:11:12] Traceback:\n[2025-03-04 10:11:12]   File x\n", "Traceback:\n  File x\n"},
    {"a logger's times with a fraction go", "2025-03-04 10:11:12,345 Error: a\n2025-03-04 10:11:13.5 b\n", "Error: a\nb\n"},
    {"times on some rows only kept", "2025-03-04 10:11:12 Error: a\n  at b\n", "2025-03-04 10:11:12 Error: a\n  at b\n"},
    {"one timed row kept", "2025-03-04 10:11:12 Error: a\n", "2025-03-04 10:11:12 Error: a\n"},
    {"an app's own log times kept", "2026-07-19T08:48:31.323609Z  INFO a\n2025-05-01T10:00:00.123456789+00:00 b\n", "2026-07-19T08:48:31.323609Z  INFO a\n2025-05-01T10:00:00.123456789+00:00 b\n"},
    {"a bracketed path that is not a pod kept", "[pod/a] x\n[pod/a/b/c] y\n", "[pod/a] x\n[pod/a/b/c] y\n"},
    {"journal prefixes: the first on a line of its own", "Dec 03 01:02:03 box app[812]: Traceback:\nDec  3 01:02:04 box app[812]:   File x\n", "Dec 03 01:02:03 box app[812]:\nTraceback:\n  File x\n"},
    {"journalctl -o short-iso and short-iso-precise", "2025-12-03T01:02:03+0000 box ollama[9]: a\n2025-12-03T01:02:03.123456+00:00 box ollama[9]: b\n", "2025-12-03T01:02:03+0000 box ollama[9]:\na\nb\n"},
    {"a journal line without a pid", "Dec 03 01:02:03 box kernel: x\n", "Dec 03 01:02:03 box kernel:\nx\n"},
    {"an app's time LEVEL logger: kept", "2025-05-01T10:00:00+0000 ERROR app: x\nDec 03 01:02:03 said: y\n", "2025-05-01T10:00:00+0000 ERROR app: x\nDec 03 01:02:03 said: y\n"},
    {"an app's time logger LEVEL: kept", "2025-05-01T10:00:00.123 httpx INFO: x\n", "2025-05-01T10:00:00.123 httpx INFO: x\n"},
    {"an upper-case program with its pid", "Dec 03 01:02:03 box CRON[77]: x\n", "Dec 03 01:02:03 box CRON[77]:\nx\n"},
    {"compose under a journal", "Dec 03 01:02:03 box docker-compose[5]: api-1  | a\nDec 03 01:02:03 box docker-compose[5]: api-1  | b\n", "Dec 03 01:02:03 box docker-compose[5]:\napi-1  |\na\nb\n"},
    {"a wrap inside Go's dial words joined", "Post x: dial tcp\n10.0.0.5:11434: i/o\ntimeout\n", "Post x: dial tcp 10.0.0.5:11434: i/o timeout\n"},
    {"a wrap inside a refusal's words joined", "I/O error: Connection\nrefused\n", "I/O error: Connection refused\n"},
    {"urllib3's host and port joined", "Pool(host='ollama',\nport=11434)\n", "Pool(host='ollama', port=11434)\n"},
    {"curl's host and port joined", "Failed to connect to localhost\nport 11434 after 0 ms\n", "Failed to connect to localhost port 11434 after 0 ms\n"},
    {"a Node code and its address joined", "connect ECONNREFUSED\n127.0.0.1:11434\n", "connect ECONNREFUSED 127.0.0.1:11434\n"},
    {"a new line that is no wrap kept", "Connection refused\nretrying\nredial tcp\nx\n", "Connection refused\nretrying\nredial tcp\nx\n"},
    /* a terminal's rows cut at its width (two or more full rows) */
    {"rows cut at 40 columns joined",
     "requests.exceptions.ConnectionError: HTT\nPConnectionPool(host='ollama', port=1143\n4): refused\n",
     "requests.exceptions.ConnectionError: HTTPConnectionPool(host='ollama', port=11434): refused\n"},
    {"rows cut at 40 columns, then quoted on a forum, joined",
     "> requests.exceptions.ConnectionError: HTT\n> PConnectionPool(host='ollama', port=1143\n> 4): refused\n",
     "requests.exceptions.ConnectionError: HTTPConnectionPool(host='ollama', port=11434): refused\n"},
    {"rows cut at 40 columns, then HTML-escaped, joined",
     "HTTPConnectionPool(host=&#39;ollama&#39;, port=1\n1434): Max retries exceeded with url: /a\npi/chat\n",
     "HTTPConnectionPool(host='ollama', port=11434): Max retries exceeded with url: /api/chat\n"},
    {"one row cut inside a port joined",
     "ConnectionError: HTTPConnectionPool(host='10.0.0.5', port=1143\n4): Max retries exceeded\n",
     "ConnectionError: HTTPConnectionPool(host='10.0.0.5', port=11434): Max retries exceeded\n"},
    {"one row cut inside an error's word joined",
     "Error: Post \"http://ollama:11434/api/chat\": dial tcp 172.18.0.5:11434: connect: no route to h\nost\n",
     "Error: Post \"http://ollama:11434/api/chat\": dial tcp 172.18.0.5:11434: connect: no route to host\n"},
    {"a short line's number and the next line's kept apart", "port=1143\n4 retries\n", "port=1143\n4 retries\n"},
    /* what a chat app, an editor or a Markdown page put around the lines */
    {"a chat app's bullets off", "\xe2\x80\xa2 httpx.ConnectError: x\n\xe2\x80\xa2 next\n", "httpx.ConnectError: x\nnext\n"},
    {"line numbers off", "12 | Traceback:\n13 | httpx.ConnectError: x\n", "Traceback:\nhttpx.ConnectError: x\n"},
    {"a tab's line number off", "7\thttpx.ConnectError: x\n", "httpx.ConnectError: x\n"},
    {"numbers that do not count up kept", "200  OK\n404  Not Found\n", "200  OK\n404  Not Found\n"},
    {"one line's number before blanks kept", "  12  apples\n", "12  apples\n"},
    {"a Markdown table's cells on lines of their own",
     "| time | message |\n|---|:--|\n| 12:01 | api-1  \\| Error: x |\n",
     "time\nmessage\n12:01\napi-1  |\nError: x\n"},
    {"inline code's backticks off a whole line", "`Error: Post x`\n", "Error: Post x\n"},
    {"backticks inside a line kept", "see `x` and `y`\n", "see `x` and `y`\n"},
    {"an exception's name alone, its message on the next line, joined",
     "requests.exceptions.ConnectionError:\nHTTPConnectionPool(host='x', port=1)\n",
     "requests.exceptions.ConnectionError: HTTPConnectionPool(host='x', port=1)\n"},
    {"log lines of one length kept (their times go)",
     "2026-01-02 03:04:05 ERROR connect ECONNREFUSED 1\n2026-01-02 03:04:06 ERROR connect ECONNREFUSED 2\n",
     "ERROR connect ECONNREFUSED 1\nERROR connect ECONNREFUSED 2\n"},
    {"one full row alone kept", "a line of exactly forty columns, no more.\nnext\n",
     "a line of exactly forty columns, no more.\nnext\n"},
    {"the same row twice, each followed by another line, kept (a retry loop's log, an error pasted twice)",
     "a line of exactly forty columns, no more.\nnext\na line of exactly forty columns, no more.\nnext\n",
     "a line of exactly forty columns, no more.\nnext\na line of exactly forty columns, no more.\nnext\n"},
    {"the same row with another number, each followed by another line, kept (curl refused at one port, then the next)",
     "x: (7) Failed to connect to localhost port 3001: Refused\n7 $ next\nx: (7) Failed to connect to localhost port 3002: Refused\n7 $ next\n",
     "x: (7) Failed to connect to localhost port 3001: Refused\n7 $ next\nx: (7) Failed to connect to localhost port 3002: Refused\n7 $ next\n"},
    {"one row of a terminal's width cut inside a word, joined", "ERROR 12 [ollama] httplib::Client(\"localhost\", 11434) POST /api/embed failed: Co\nuld not establish connection\n",
     "ERROR 12 [ollama] httplib::Client(\"localhost\", 11434) POST /api/embed failed: Could not establish connection\n"},
    {"one row of a terminal's width cut after a host's colon, joined", "llama:streaming - could not stream chat. Error: connect ECONNREFUSED 172.17.0.1:\n11434\n",
     "llama:streaming - could not stream chat. Error: connect ECONNREFUSED 172.17.0.1:11434\n"},
    {"one row of a terminal's width cut on a space, joined", "2025/02/03 18:40:55 E: Post \"localhost:11434/api/generate\": unsupported protocol\n scheme \"localhost\"\n",
     "2025/02/03 18:40:55 E: Post \"localhost:11434/api/generate\": unsupported protocol scheme \"localhost\"\n"},
    {"one row of a terminal's width cut after a path's opening quote, joined",
     "[GIN] 2025/03/21 - 20:08:42 | 404 |       4.238ms |      172.18.0.5 | POST     \"\n/v1/api/generate\"\n",
     "[GIN] 2025/03/21 - 20:08:42 | 404 |       4.238ms |      172.18.0.5 | POST     \"/v1/api/generate\"\n"},
    {"one row of a terminal's width cut before a name's hyphen, joined",
     "vllm\xe4\xb8\xad\xe7\x9a\x84\xe4\xbe\x8b\xe5\xad\x90\xe8\xb7\x91\xe4\xb8\x8d\xe9\x80\x9a\xef\xbc\x8c\xe5\x87\xba\xe7\x8e\xb0\xe9\x94\x99\xe8\xaf\xaf{\"object\":\"error\",\"message\":\"The model `Qwen/Qwen1.5\n-7B-Chat` does not exist.\"}\n",
     "vllm\xe4\xb8\xad\xe7\x9a\x84\xe4\xbe\x8b\xe5\xad\x90\xe8\xb7\x91\xe4\xb8\x8d\xe9\x80\x9a,\xe5\x87\xba\xe7\x8e\xb0\xe9\x94\x99\xe8\xaf\xaf{\"object\":\"error\",\"message\":\"The model `Qwen/Qwen1.5-7B-Chat` does not exist.\"}\n"},
    {"one row of a terminal's width cut inside a duration, joined",
     "2026/06/04 19:12:50 proxy: upstream POST /v1/chat/completions ended 500 after 15\nm0s (client gone)\n",
     "2026/06/04 19:12:50 proxy: upstream POST /v1/chat/completions ended 500 after 15m0s (client gone)\n"},
    {"one row of a terminal's width cut before a micro sign, joined",
     "2026/06/04 19:12:50 proxy: upstream POST /v1/chat/completions ended 200 after 15\n\xc2\xb5s (fast path)\n",
     "2026/06/04 19:12:50 proxy: upstream POST /v1/chat/completions ended 200 after 15\xc2\xb5s (fast path)\n"},
    {"a row of a terminal's width that ends in a number before a word kept",
     "worker 3 of the pool exited before answering the health check at once, status 12\nstarting over\n",
     "worker 3 of the pool exited before answering the health check at once, status 12\nstarting over\n"},
    {"a row of a terminal's width before a list item kept",
     "Some possible causes for the failed connection to the model server are, in order\n- the server is down\n",
     "Some possible causes for the failed connection to the model server are, in order\n- the server is down\n"},
    {"a row of a terminal's width that ends in a colon before a body's words kept", "OpenAI error: Client error: `POST http://192.168.73.78:8000/v1/chat/completions` resulted in a `404 Not Found` response:\nFile Not Found\n",
     "OpenAI error: Client error: `POST http://192.168.73.78:8000/v1/chat/completions` resulted in a `404 Not Found` response:\nFile Not Found\n"},
    {"a row of a terminal's width that ends in a port before a word kept", "If you have Ollama installed, please make sure it's running and accessible at http://localhost:11434\nor configure OLLAMA_HOST.\n",
     "If you have Ollama installed, please make sure it's running and accessible at http://localhost:11434\nor configure OLLAMA_HOST.\n"},
    {"rows padded with blanks are no wrap", "short line                              \nother line                              \nend\n",
     "short line\nother line\nend\n"},
    {"blanks at a line's end dropped", "host='ollama', \t\nport=11434)  ", "host='ollama', port=11434)"},
    {"npm's code line is not joined with the next", "npm error code EAI_AGAIN\nnpm error syscall getaddrinfo\n",
     "npm error code EAI_AGAIN\nnpm error syscall getaddrinfo\n"},
    /* an object's dump */
    {"a status table an object's dump printed goes",
     "code: 'ECONNREFUSED',\n  STATUS_CODES: {\n    '100': 'Continue',\n    '407': 'Proxy Authentication Required',\n"
     "    '408': 'Request Timeout'\n  },\nend\n",
     "code: 'ECONNREFUSED',\n  STATUS_CODES: {\n  },\nend\n"},
    {"a JSON status table goes", "{\n\"200\": \"OK\",\n\"401\": \"Unauthorized\",\n\"407\": \"Proxy Authentication Required\"\n}\n",
     "{\n}\n"},
    {"two status rows are an answer, kept", "'404': 'Not Found',\n'405': 'Method Not Allowed',\n",
     "'404': 'Not Found',\n'405': 'Method Not Allowed',\n"},
    {"a client's list of the error names it retries on goes",
     "code: 'ECONNREFUSED',\n  errorCodes: [\n    'ETIMEDOUT',\n    'ECONNRESET',\n    'ENOTFOUND',\n    'EAI_AGAIN'\n  ],\n",
     "code: 'ECONNREFUSED',\n  errorCodes: [],\n"},
    {"a list of statuses on one line goes", "statusCodes: [ 408, 413, 429, 500 ],", "statusCodes: [],"},
    {"a trailing comma ends such a list too", "codes: [ 408, 413, 429, ]", "codes: []"},
    {"a trailing comma after two items is no such list", "codes: [ 408, 413, ]", "codes: [ 408, 413, ]"},
    {"two error names are no such list, kept", "codes: ['ECONNREFUSED', 'ENOTFOUND']", "codes: ['ECONNREFUSED', 'ENOTFOUND']"},
    {"a list of other words is kept", "[ 'ETIMEDOUT', 'ECONNRESET', 'fetch failed' ]", "[ 'ETIMEDOUT', 'ECONNRESET', 'fetch failed' ]"},
    {"a list of objects is kept", "[errors]: [ Error: connect ECONNREFUSED ::1:11434 { code: 'ECONNREFUSED' } ]",
     "[errors]: [ Error: connect ECONNREFUSED ::1:11434 { code: 'ECONNREFUSED' } ]"},
    {"an object's flags go, a row each", "  status: 403,\n  unauthorized: false,\n  forbidden: true,\n  text: ''\n",
     "status: 403,\ntext: ''\n"},
    {"a flag inside a line is kept", "ConnectionFailure (unresolved: false)\n", "ConnectionFailure (unresolved: false)\n"},
    {"empty", "", ""},
};

static char *clean(const char *in, size_t *n)
{
    size_t len = strlen(in);
    char *s = malloc(len + 1);
    assert_non_null(s);
    memcpy(s, in, len + 1);
    *n = od_paste_clean(s, len);
    return s;
}

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        size_t n;
        char *got = clean(cases[i].in, &n);
        if (strcmp(got, cases[i].out) != 0)
            fail_msg("%s: got [%s], want [%s]", cases[i].name, got, cases[i].out);
        assert_int_equal(n, strlen(got));
        free(got);
    }
}

/* A cleaned text is clean: a second pass changes nothing (the cases that
 * decode one level of a twice-escaped string aside). */
static void test_idempotent(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        size_t n;
        char *once = clean(cases[i].in, &n), *twice;
        if (strstr(cases[i].name, "one level") || strstr(cases[i].name, "twice") || strstr(cases[i].name, "nested") ||
            strstr(cases[i].name, "decoded once")) {
            free(once);
            continue;
        }
        twice = clean(once, &n);
        if (strcmp(once, twice) != 0)
            fail_msg("%s: not idempotent: [%s] -> [%s]", cases[i].name, once, twice);
        free(once);
        free(twice);
    }
}

/* Every prefix of every case: no read past the end (ASan), no growth. */
static void test_truncated(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cases); i++)
        for (size_t k = 0; k <= strlen(cases[i].in); k++) {
            char *s = malloc(k + 1);
            assert_non_null(s);
            memcpy(s, cases[i].in, k);
            s[k] = '\0';
            assert_true(od_paste_clean(s, k) <= k);
            free(s);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_idempotent),
        cmocka_unit_test(test_truncated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

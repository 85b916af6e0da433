#!/usr/bin/env python3
"""Neighbours of the real explain corpus: each case's text changed in a way
that must not change the answer, and the answers compared.

    python3 tools/explain-neighbours.py [--bin build/ollama-doctor]
        [--corpus tests/explain/real/tune.txt] [--only crlf,fence,...]

For every transform it prints how many answers changed, how many were right
(the case's expect-first) and are now wrong, and the cases that turned
wrong. Not a test (the corpus runs twice per transform: minutes); a
measurement of how far the signatures generalise. explain runs offline,
in an empty network namespace (unshare -rn), as the test runners do.
"""
import argparse
import html
import json
import os
import re
import subprocess
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor


def cases(path):
    """(title, expect-first, text) of every block of a corpus file."""
    out, meta, title, text = [], {}, '', None
    with open(path, encoding='utf-8', errors='surrogateescape') as f:
        for line in f:
            if line.rstrip('\n') == '%%':
                if text is not None:
                    out.append((title, meta.get('expect-first', ''), text))
                meta, title, text = {}, '', None
            elif text is not None:
                text += line
            elif line.rstrip() == 'text:':
                text = ''
            elif line.startswith('#'):
                title = title or line[1:].strip()
            else:
                k, _, v = line.partition(':')
                meta.setdefault(k.strip(), v.strip())
    return out


def each_row(t, fn):
    return ''.join(fn(l) if l.strip() else l for l in t.splitlines(True))

# Windows' socket messages as FormatMessage gives them in each display
# language (Python's [WinError N], .NET's SocketException, Go's connectex),
# and glibc's strerror and gai_strerror in each locale (curl, wget, C tools).
WINDOWS = {
    'No connection could be made because the target machine actively refused it': {
        'ja': '対象のコンピューターによって拒否されたため、接続できませんでした',
        'zh': '由于目标计算机积极拒绝，无法连接',
        'zhtw': '無法連線，因為目標電腦拒絕連線',
        'de': 'Es konnte keine Verbindung hergestellt werden, da der Zielcomputer die Verbindung verweigerte',
        'fr': 'Aucune connexion n’a pu être établie car l’ordinateur cible l’a expressément refusée',
        'es': 'No se puede establecer una conexión ya que el equipo de destino denegó expresamente dicha conexión',
        'ru': 'Подключение не установлено, т.к. конечный компьютер отверг запрос на подключение',
        'ko': '대상 컴퓨터에서 연결을 거부했으므로 연결하지 못했습니다',
        'pt': 'Nenhuma conexão pôde ser feita porque a máquina de destino as recusou ativamente',
        'it': 'Impossibile stabilire la connessione. Rifiuto persistente del computer di destinazione',
    },
    'A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond': {
        'ja': '接続済みの呼び出し先が一定の時間を過ぎても正しく応答しなかったため、接続できませんでした。または接続済みのホストが応答しなかったため、確立された接続は失敗しました',
        'zh': '由于连接方在一段时间后没有正确答复或连接的主机没有反应，连接尝试失败',
        'de': 'Ein Verbindungsversuch ist fehlgeschlagen, da die Gegenstelle nach einer bestimmten Zeitspanne nicht richtig reagiert hat, oder die hergestellte Verbindung war fehlerhaft, da der verbundene Host nicht reagiert hat',
        'fr': 'Une tentative de connexion a échoué car le parti connecté n’a pas répondu convenablement au-delà d’une certaine durée ou une connexion établie a échoué car l’hôte de connexion n’a pas répondu',
        'es': 'Se produjo un error durante el intento de conexión ya que la parte conectada no respondió adecuadamente tras un periodo de tiempo, o bien se produjo un error en la conexión establecida ya que el host conectado no ha podido responder',
        'ru': 'Попытка установить соединение была безуспешной, т.к. от другого компьютера за требуемое время не получен нужный отклик, или было разорвано уже установленное соединение из-за неверного отклика уже подключенного компьютера',
        'ko': '연결된 구성원으로부터 응답이 없어 연결하지 못했거나, 호스트로부터 응답이 없어 연결이 끊어졌습니다',
        'pt': 'Uma tentativa de conexão falhou porque o componente conectado não respondeu corretamente após um período de tempo ou a conexão estabelecida falhou porque o host conectado não respondeu',
    },
    'No such host is known': {
        'ja': 'そのようなホストは不明です', 'zh': '不知道这样的主机', 'de': 'Der angegebene Host ist unbekannt',
        'fr': 'Hôte inconnu', 'es': 'No se conoce ese host', 'ru': 'Этот хост неизвестен',
        'ko': '알려진 호스트가 없습니다', 'pt': 'Este host não é conhecido',
    },
    'An existing connection was forcibly closed by the remote host': {
        'ja': '既存の接続はリモート ホストに強制的に切断されました', 'zh': '远程主机强迫关闭了一个现有的连接',
        'de': 'Eine vorhandene Verbindung wurde vom Remotehost geschlossen',
        'fr': 'Une connexion existante a dû être fermée par l’hôte distant',
        'es': 'Se ha forzado la interrupción de una conexión existente por el host remoto',
        'ru': 'Удаленный хост принудительно разорвал существующее подключение',
        'ko': '현재 연결은 원격 호스트에 의해 강제로 끊겼습니다',
        'pt': 'Foi forçado o cancelamento de uma conexão existente pelo host remoto',
    },
    'A socket operation was attempted to an unreachable host': {
        'ja': '到達できないホストに対してソケット操作を実行しようとしました', 'zh': '套接字操作尝试一个无法连接的主机',
        'de': 'Es wurde versucht, einen Socketvorgang für einen nicht erreichbaren Host durchzuführen',
        'fr': 'Une opération a été tentée sur un hôte impossible à atteindre',
        'es': 'Se intentó una operación de socket en un host no accesible',
        'ru': 'Была сделана попытка выполнить операцию на сокете для недоступного хоста',
    },
}
GLIBC = {
    'Connection refused': {'ja': '接続を拒否されました', 'zh': '拒绝连接', 'de': 'Verbindungsaufbau abgelehnt',
                           'fr': 'Connexion refusée', 'es': 'Conexión rehusada', 'ru': 'В соединении отказано',
                           'ko': '연결이 거부됨', 'pt': 'Conexão recusada', 'it': 'Connessione rifiutata'},
    'Connection timed out': {'ja': '接続がタイムアウトしました', 'zh': '连接超时', 'de': 'Die Wartezeit für die Verbindung ist abgelaufen',
                             'fr': "Connexion terminée par expiration du délai d'attente", 'ru': 'Время ожидания соединения истекло'},
    'No route to host': {'ja': 'ホストへの経路がありません', 'zh': '没有到主机的路由', 'de': 'Keine Route zum Zielrechner',
                         'fr': "Aucun chemin d'accès pour atteindre l'hôte cible", 'ru': 'Нет маршрута до узла'},
    'Network is unreachable': {'ja': 'ネットワークに到達できません', 'zh': '网络不可达', 'de': 'Das Netzwerk ist nicht erreichbar',
                               'fr': "Le réseau n'est pas accessible", 'ru': 'Сеть недоступна'},
    'Connection reset by peer': {'ja': '接続が相手からリセットされました', 'zh': '连接被对方重置',
                                 'de': 'Die Verbindung wurde vom Kommunikationspartner zurückgesetzt',
                                 'fr': 'Connexion ré-initialisée par le correspondant', 'ru': 'Соединение сброшено другой стороной'},
    'Name or service not known': {'ja': '名前またはサービスが不明です', 'zh': '未知的名称或服务',
                                  'de': 'Der Name oder der Dienst ist nicht bekannt', 'fr': 'Nom ou service inconnu',
                                  'ru': 'Имя или служба не известны', 'es': 'Nombre o servicio desconocido'},
    'Temporary failure in name resolution': {'ja': '名前解決に一時的に失敗しました', 'zh': '域名解析暂时失败',
                                             'de': 'Temporärer Fehler bei der Namensauflösung',
                                             'fr': 'Échec temporaire dans la résolution du nom',
                                             'ru': 'Временный сбой в разрешении имён', 'es': 'Fallo temporal en la resolución de nombres'},
}


def localise(table, lang):
    def fn(t):
        for en, tr in table.items():
            if lang in tr:
                t = t.replace(en, tr[lang])
        return t
    return fn


DUMP = '''{
  options: {
    retry: {
      limit: 2,
      methods: [ 'GET', 'PUT', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE' ],
      statusCodes: [ 408, 413, 429, 500, 502, 503, 504, 521, 522, 524 ],
      errorCodes: [ 'ETIMEDOUT', 'ECONNRESET', 'EADDRINUSE', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'ENETUNREACH', 'EAI_AGAIN' ]
    },
    localAddress: undefined,
    timings: { phases: { wait: 2, dns: 1, tcp: undefined, tls: undefined, firstByte: undefined } },
    proxy: false,
    isStream: false
  },
  unauthorized: false,
  forbidden: false,
  notFound: false,
  serverError: false
}
'''
def smart(t):
    """Straight quotes as a word processor or a forum turns them."""
    t = re.sub(r'"([^"\n]*)"', '\u201c\\1\u201d', t)
    t = re.sub(r"(?<![\w])'", '\u2018', t)
    return t.replace("'", '\u2019')


def cut_rows(line, width):
    rows, row, w = [], '', 0
    for ch in line:
        cw = 2 if unicodedata.east_asian_width(ch) in ('W', 'F') else 1
        if w + cw > width:
            rows.append(row)
            row, w = '', 0
        row += ch
        w += cw
    return '\n'.join(rows + [row])


TRANSFORMS = {
    'crlf': lambda t: t.replace('\r\n', '\n').replace('\n', '\r\n'),
    'lan': lambda t: re.sub(r'\b192\.168\.(\d{1,3})\.(\d{1,3})\b',
                            lambda m: '10.%d.%s.%s' % (int(m.group(1)) % 200 + 20, m.group(1), m.group(2)), t),
    'port': lambda t: re.sub(r'(?<![\d.])11434(?!\d)', '11435', t),
    'model': lambda t: re.sub(r'\bllama3(\.[0-9])?(?=[:"\' ])', 'qwen2.5', t),
    'indent': lambda t: each_row(t, lambda l: '    ' + l),
    'fence': lambda t: '```\n' + each_row(t, lambda l: '    ' + l) + '```\n',
    'times': lambda t: each_row(t, lambda l: '[2025-03-04 10:11:12] ' + l),
    'prose': lambda t: 'エラーが出ました。どうすればいいですか？\n\n' + t + '\n请帮忙看看，谢谢。\n',
    'bridge': lambda t: re.sub(r'(?<![\d.])172\.17\.', '172.18.', t),
    'quote': lambda t: each_row(t, lambda l: '> ' + l),
    # a structured logger's line (winston, pino, Docker's json-file log):
    # the whole text one JSON string, its quotes and line breaks escaped
    'jsonlog': lambda t: json.dumps({'level': 50, 'time': 1741083072345, 'pid': 48213,
                                     'msg': t.rstrip('\n')}, ensure_ascii=False) + '\n',
    # the compose service under another name, in URLs and lookups
    'svcname': lambda t: re.sub(r'(?<=//)ollama(?=[:/])|(?<=lookup )ollama(?= )|(?<=host=\')ollama(?=\')',
                                'llm-backend', t),
    # Podman's name for the host instead of Docker's
    'podman': lambda t: t.replace('host.docker.internal', 'host.containers.internal'),
    # a client's options and response flags dumped after the error (got's,
    # superagent's, axios' config): a library's vocabulary, not what happened
    'dump': lambda t: t.rstrip('\n') + '\n' + DUMP,
    # a log saved with its colours (docker logs > file, a CI log)
    'ansi': lambda t: each_row(t, lambda l: '\x1b[31m' + l.rstrip('\r\n') + '\x1b[0m' + l[len(l.rstrip('\r\n')):]),
    # a forum's or a word processor's typographic quotes
    'smartquotes': smart,
    # a chat app's or a web page's no-break spaces
    'nbsp': lambda t: t.replace(' ', '\u00a0'),
    # Windows' console copies a block padded with spaces to the window's width
    'pad': lambda t: each_row(t, lambda l: l.rstrip('\r\n').ljust(120) + l[len(l.rstrip('\r\n')):]),
    # a web page's source or a mail's HTML part: quotes and brackets as entities
    'htmlesc': lambda t: html.escape(t, quote=True),
    # docker logs -t, kubectl logs --timestamps: an RFC 3339 time with nanoseconds before every row
    'ktime': lambda t: each_row(t, lambda l: '2025-03-04T10:11:12.345678901Z ' + l),
    # a terminal 80 columns wide whose copy keeps its rows: every line cut at
    # the 80th column, mid-word (a wide character takes two)
    'wrap80': lambda t: each_row(t, lambda l: cut_rows(l.rstrip('\r\n'), 80) + l[len(l.rstrip('\r\n')):]),
    # a retry loop's log, or a user who pasted the same error twice
    'twice': lambda t: t.rstrip('\n') + '\n' + t,
    # a web page's paragraphs copied as text (a rendered issue, a chat app): a blank line after every row
    'blank': lambda t: each_row(t, lambda l: l.rstrip('\r\n') + '\n\n'),
    # an editor's copy: tabs as four spaces, a byte order mark before the first row
    'tabs': lambda t: '\ufeff' + t.replace('\t', '    '),
}
for _lang in ('ja', 'zh', 'zhtw', 'de', 'fr', 'es', 'ru', 'ko', 'pt', 'it'):
    TRANSFORMS['win-' + _lang] = localise(WINDOWS, _lang)
    TRANSFORMS['libc-' + _lang] = localise(GLIBC, _lang)


def first_id(binary, text):
    argv = ['unshare', '-rn', binary, 'explain', '--json', '-']
    r = subprocess.run(argv, input=text.encode('utf-8', 'surrogateescape'), capture_output=True, timeout=60)
    try:
        findings = [f for f in json.loads(r.stdout)['findings'] if f['severity'] != 'info']
    except (ValueError, KeyError):
        return '?'
    return findings[0]['id'] if findings else 'none'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bin', default='build/ollama-doctor')
    ap.add_argument('--corpus', default='tests/explain/real/tune.txt')
    ap.add_argument('--only', default=','.join(TRANSFORMS))
    ap.add_argument('--jobs', type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()
    cs = cases(a.corpus)
    with ThreadPoolExecutor(a.jobs) as pool:
        base = list(pool.map(lambda c: first_id(a.bin, c[2]), cs))
        for name in a.only.split(','):
            fn = TRANSFORMS[name]
            todo = [i for i, c in enumerate(cs) if fn(c[2]) != c[2]]
            got = dict(zip(todo, pool.map(lambda i: first_id(a.bin, fn(cs[i][2])), todo)))
            changed = [i for i in todo if got[i] != base[i]]
            lost = [i for i in changed if base[i] == cs[i][1]]
            print('%s: %d of %d texts changed, %d answers changed, %d right -> wrong'
                  % (name, len(todo), len(cs), len(changed), len(lost)))
            for i in lost:
                print('    %s (%s -> %s)' % (cs[i][0], base[i], got[i]))
            sys.stdout.flush()


if __name__ == '__main__':
    main()

# py_treq.py URL MODE: treq on Twisted, the failure left to task.react (Twisted apps' transport)
import sys, os, json
import treq
from twisted.internet import task

url, mode = sys.argv[1], sys.argv[2]
model = os.environ.get('MODEL', 'llama3.2')


async def main(reactor):
    if mode == 'tags':
        r = await treq.get(url + '/api/tags', timeout=3)
    else:
        b = {'model': model, 'messages': [{'role': 'user', 'content': 'hi'}], 'stream': False}
        r = await treq.post(url + ('/api/chat' if mode == 'chat' else '/chat/completions'), json=b, timeout=3)
    body = await r.text()
    if r.code >= 400:
        raise Exception('Ollama returned %d: %s' % (r.code, body))
    print(body)


task.react(lambda reactor: __import__('twisted.internet.defer', fromlist=['x']).ensureDeferred(main(reactor)))

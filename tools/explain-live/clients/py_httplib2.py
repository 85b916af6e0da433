import sys, os, json
import httplib2
url, mode = sys.argv[1], sys.argv[2]
model = os.environ.get('MODEL', 'llama3')
msgs = [{'role': 'user', 'content': 'hi'}]
h = httplib2.Http(timeout=3)
if mode == 'tags':
    resp, body = h.request(url + '/api/tags')
else:
    b = {'model': model, 'messages': msgs}
    if mode == 'chat':
        b['stream'] = False
    resp, body = h.request(url + ('/api/chat' if mode == 'chat' else '/chat/completions'), 'POST', json.dumps(b),
                           headers={'Content-Type': 'application/json'})
if resp.status >= 400:
    raise Exception('Ollama returned %d %s: %s' % (resp.status, resp.reason, body.decode()))
print(body.decode())

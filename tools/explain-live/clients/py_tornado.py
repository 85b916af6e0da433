import sys, os, json
from tornado.httpclient import HTTPClient
url, mode = sys.argv[1], sys.argv[2]
model = os.environ.get('MODEL', 'llama3')
c = HTTPClient()
msgs = [{'role': 'user', 'content': 'hi'}]
if mode == 'tags':
    r = c.fetch(url + '/api/tags', connect_timeout=3, request_timeout=3)
elif mode == 'chat':
    r = c.fetch(url + '/api/chat', method='POST', connect_timeout=3, request_timeout=3,
                body=json.dumps({'model': model, 'messages': msgs, 'stream': False}))
else:
    r = c.fetch(url + '/chat/completions', method='POST', connect_timeout=3, request_timeout=3,
                body=json.dumps({'model': model, 'messages': msgs}))
print(r.body.decode())

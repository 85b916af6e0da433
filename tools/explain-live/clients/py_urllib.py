import sys, os, json, urllib.request
url, mode = sys.argv[1], sys.argv[2]
model = os.environ.get('MODEL', 'llama3')
if mode == 'tags':
    req = urllib.request.Request(url + '/api/tags')
elif mode == 'chat':
    req = urllib.request.Request(url + '/api/chat', data=json.dumps({'model': model, 'messages': [{'role': 'user', 'content': 'hi'}], 'stream': False}).encode(), headers={'Content-Type': 'application/json'})
else:
    req = urllib.request.Request(url + '/chat/completions', data=json.dumps({'model': model, 'messages': [{'role': 'user', 'content': 'hi'}]}).encode(), headers={'Content-Type': 'application/json'})
with urllib.request.urlopen(req, timeout=3) as r:
    print(r.read()[:200])

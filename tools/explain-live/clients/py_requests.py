import sys, os, requests
url, mode = sys.argv[1], sys.argv[2]
model = os.environ.get('MODEL', 'llama3')
if mode == 'tags':
    r = requests.get(url + '/api/tags', timeout=(3, 3))
elif mode == 'chat':
    r = requests.post(url + '/api/chat', json={'model': model, 'messages': [{'role': 'user', 'content': 'hi'}], 'stream': False}, timeout=(3, 3))
else:
    r = requests.post(url + '/chat/completions', json={'model': model, 'messages': [{'role': 'user', 'content': 'hi'}]}, timeout=(3, 3))
r.raise_for_status()
print(r.json())

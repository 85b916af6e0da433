import sys, os, httpx
url, mode = sys.argv[1], sys.argv[2]
model = os.environ.get('MODEL', 'llama3')
with httpx.Client(timeout=3) as c:
    if mode == 'tags':
        r = c.get(url + '/api/tags')
    elif mode == 'chat':
        r = c.post(url + '/api/chat', json={'model': model, 'messages': [{'role': 'user', 'content': 'hi'}], 'stream': False})
    else:
        r = c.post(url + '/chat/completions', json={'model': model, 'messages': [{'role': 'user', 'content': 'hi'}]})
    r.raise_for_status()
    print(r.json())

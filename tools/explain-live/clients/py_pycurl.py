import sys, os, json, io
import pycurl
url, mode = sys.argv[1], sys.argv[2]
model = os.environ.get('MODEL', 'llama3')
msgs = [{'role': 'user', 'content': 'hi'}]
buf = io.BytesIO()
c = pycurl.Curl()
c.setopt(pycurl.CONNECTTIMEOUT, 3)
c.setopt(pycurl.TIMEOUT, 3)
c.setopt(pycurl.WRITEDATA, buf)
if mode == 'tags':
    c.setopt(pycurl.URL, url + '/api/tags')
else:
    c.setopt(pycurl.URL, url + ('/api/chat' if mode == 'chat' else '/chat/completions'))
    body = {'model': model, 'messages': msgs}
    if mode == 'chat':
        body['stream'] = False
    c.setopt(pycurl.POSTFIELDS, json.dumps(body))
    c.setopt(pycurl.HTTPHEADER, ['Content-Type: application/json'])
c.perform()
status = c.getinfo(pycurl.RESPONSE_CODE)
c.close()
if status >= 400:
    raise RuntimeError('HTTP %d: %s' % (status, buf.getvalue().decode()))
print(buf.getvalue().decode())
